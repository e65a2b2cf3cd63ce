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

// Just after the last of `ends` before byte `at` of `text`, or 0.
inline std::size_t stretch_begin(std::string_view text, std::size_t at, std::span<const std::string_view> ends) {
  const std::string_view before = text.substr(0, std::min(at, text.size()));
  std::size_t begin = 0;
  for (std::string_view e : ends) {
    const std::size_t p = before.rfind(e);
    if (p != std::string_view::npos) begin = std::max(begin, p + e.size());
  }
  return begin;
}

// The first of `ends` at or after byte `at` of `text`, or text.size().
inline std::size_t stretch_end(std::string_view text, std::size_t at, std::span<const std::string_view> ends) {
  std::size_t end = text.size();
  for (std::string_view e : ends) {
    const std::size_t p = text.find(e, at);
    if (p != std::string_view::npos) end = std::min(end, p);
  }
  return end;
}

inline bool contains(std::string_view text, std::string_view word) {
  return text.find(word) != std::string_view::npos;
}

}  // namespace jixiao::normalize::internal
