#pragma once
// SHA-256 of a byte string, as lower-case hex: the identity of a document.

#include <string>
#include <string_view>

namespace jixiao::extract {

std::string sha256_hex(std::string_view bytes);

}  // namespace jixiao::extract
