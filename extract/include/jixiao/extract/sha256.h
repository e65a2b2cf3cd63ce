#pragma once
// SHA-256 of a byte string, as lower-case hex: the identity of a document.

#include <string>
#include <string_view>

namespace jixiao::extract {

std::string sha256_hex(std::string_view bytes);

// The 32 bytes of the digest itself (a Content-Security-Policy names a script by them).
std::string sha256_digest(std::string_view bytes);

}  // namespace jixiao::extract
