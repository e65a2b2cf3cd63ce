#pragma once
// UTF-8 encoding and validation, shared by every stage that writes or checks text.

#include <cstddef>
#include <string>
#include <string_view>

namespace jixiao::extract {

// Appends code point `cp` to `out` as UTF-8 (a surrogate or a value past
// U+10FFFF as U+FFFD).
void append_utf8(std::string& out, char32_t cp);

// Byte offset of the first byte that is not part of well-formed UTF-8
// (overlongs and surrogates included), or std::string_view::npos.
std::size_t first_invalid_utf8(std::string_view s);

}  // namespace jixiao::extract
