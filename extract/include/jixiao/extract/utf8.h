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

// True for a byte that continues a UTF-8 sequence (10xxxxxx).
inline bool is_utf8_continuation(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

// The largest character boundary of `s` at or before byte `at` (at most s.size()).
inline std::size_t utf8_floor(std::string_view s, std::size_t at) {
  at = at < s.size() ? at : s.size();
  while (at > 0 && at < s.size() && is_utf8_continuation(s[at])) --at;
  return at;
}

}  // namespace jixiao::extract
