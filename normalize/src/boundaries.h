#pragma once
// Internal to normalize/: where the sentence or clause around a byte of a
// normalized line begins and ends. Each reader passes its own table of
// delimiters (a change reader treats "；" as a clause end, the per-unit reader
// also splits at "、"); the search is the same for all.

#include <string.h>  // memmem (GNU)

#include <algorithm>
#include <cstddef>
#include <span>
#include <string_view>

#include "jixiao/extract/utf8.h"

namespace jixiao::normalize::internal {

// How far a clause or sentence reaches from a figure: 4 KB, some 1,300
// characters, longer than any sentence a report prints. Readers look back to
// the clause or sentence start from each figure they read; on a line of
// figures without punctuation, this bound keeps that look from costing the
// line's length for each figure (extract/limits.h bounds the line).
inline constexpr std::size_t kMaxStretchBytes = 4096;

// Just after the last of `ends` before byte `at` of `text`, or 0; at most
// kMaxStretchBytes before `at` (then the character boundary there). One scan
// back from `at` (the first place where a delimiter ends is the last one), not
// one rfind() over the whole line per delimiter.
inline std::size_t stretch_begin(std::string_view text, std::size_t at, std::span<const std::string_view> ends) {
  const std::size_t from = std::min(at, text.size());
  for (std::string_view e : ends)
    if (e.empty()) return from;
  std::size_t floor = from > kMaxStretchBytes ? from - kMaxStretchBytes : 0;
  for (std::size_t q = from; q > floor; --q) {
    const char last = text[q - 1];
    for (std::string_view e : ends)
      if (e.back() == last && e.size() <= q && text.substr(q - e.size(), e.size()) == e) return q;
  }
  while (floor < from && extract::is_utf8_continuation(text[floor])) ++floor;
  return floor;
}

// The first of `ends` at or after byte `at` of `text`, or text.size(); at most
// kMaxStretchBytes after `at` (then the character boundary there). One scan
// forward from `at`, stopping at the first delimiter.
inline std::size_t stretch_end(std::string_view text, std::size_t at, std::span<const std::string_view> ends) {
  at = std::min(at, text.size());
  for (std::string_view e : ends)
    if (e.empty()) return at;
  const std::size_t ceiling = text.size() - at > kMaxStretchBytes ? at + kMaxStretchBytes : text.size();
  for (std::size_t q = at; q < ceiling; ++q) {
    const char first = text[q];
    for (std::string_view e : ends)
      if (e.front() == first && text.substr(q, e.size()) == e) return q;
  }
  std::size_t end = ceiling;
  while (end < text.size() && extract::is_utf8_continuation(text[end])) ++end;
  return end;
}

// True when `text` has an ASCII digit. Not find_first_of("0123456789"),
// which calls memchr over the ten digits for every byte of the text.
inline bool has_ascii_digit(std::string_view text) {
  return std::any_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// glibc's memmem, not string_view::find: find looks for the word's first byte
// with memchr and compares from each hit, and a Chinese word's first byte
// (0xE4-0xE9) is every third byte of a Chinese line; memmem hashes byte
// pairs and skips. On the seed text this was a tenth of the whole pipeline.
inline bool contains(std::string_view text, std::string_view word) {
  return word.empty() || ::memmem(text.data(), text.size(), word.data(), word.size()) != nullptr;
}

}  // namespace jixiao::normalize::internal
