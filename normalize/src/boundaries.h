#pragma once
// Internal to normalize/: where the sentence or clause around a byte of a
// normalized line begins and ends. Each reader passes its own table of
// delimiters (a change reader treats "；" as a clause end, the per-unit reader
// also splits at "、"); the search is the same for all.

#include <algorithm>
#include <cstddef>
#include <span>
#include <string_view>

namespace jixiao::normalize::internal {

// Just after the last of `ends` before byte `at` of `text`, or 0. One scan
// back from `at` (the first place where a delimiter ends is the last one), not
// one rfind() over the whole line per delimiter.
inline std::size_t stretch_begin(std::string_view text, std::size_t at, std::span<const std::string_view> ends) {
  const std::size_t from = std::min(at, text.size());
  for (std::string_view e : ends)
    if (e.empty()) return from;
  for (std::size_t q = from; q > 0; --q) {
    const char last = text[q - 1];
    for (std::string_view e : ends)
      if (e.back() == last && e.size() <= q && text.substr(q - e.size(), e.size()) == e) return q;
  }
  return 0;
}

// The first of `ends` at or after byte `at` of `text`, or text.size(). One
// scan forward from `at`, stopping at the first delimiter.
inline std::size_t stretch_end(std::string_view text, std::size_t at, std::span<const std::string_view> ends) {
  for (std::string_view e : ends)
    if (e.empty()) return std::min(at, text.size());
  for (std::size_t q = at; q < text.size(); ++q) {
    const char first = text[q];
    for (std::string_view e : ends)
      if (e.front() == first && text.substr(q, e.size()) == e) return q;
  }
  return text.size();
}

inline bool contains(std::string_view text, std::string_view word) {
  return text.find(word) != std::string_view::npos;
}

}  // namespace jixiao::normalize::internal
