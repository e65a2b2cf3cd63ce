#pragma once
// Small UTF-8 text helpers shared by the parsers: cells of a table row, the
// comparison key of an indicator name, and how alike two names are.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace jixiao::text {

// One cell of a table row: its text (trimmed) and its byte range in the line.
struct Cell {
  std::string_view text;
  std::size_t begin = 0;
  std::size_t end = 0;
};

// Splits a line into cells at tabs and at runs of two or more spaces (ASCII or
// the ideographic space U+3000). Empty cells are dropped. Returns a single cell
// for a line with no separator.
std::vector<Cell> split_cells(std::string_view line);

// True when the line has a column separator (a tab, or two or more spaces between text).
bool has_column_separator(std::string_view line);

// Trims ASCII and ideographic spaces from both ends.
std::string_view trim(std::string_view s);

// The key two printed names are compared by: spaces and quotes removed,
// full-width brackets folded to ASCII. "“三公经费” 变动率" -> "三公经费变动率".
std::string name_key(std::string_view name);

// Decodes UTF-8 into code points (invalid bytes become U+FFFD).
std::u32string to_u32(std::string_view s);

// True for a Han ideograph: the unified blocks (with Extension A and the
// supplementary planes' extensions) and the compatibility ideographs. Not the
// CJK marks and full-width forms around them, which are punctuation.
bool is_ideograph(char32_t c);

// Number of code points.
std::size_t utf8_length(std::string_view s);

// Similarity of two names in [0, 1000]: 2 * LCS / (len a + len b), in per mille,
// over code points. "保险工作监督管理" vs "保险工作实施监督管理" -> 888.
int name_similarity(std::string_view a, std::string_view b);

// Dice coefficient of the two texts' sets of adjacent code-point pairs, in per
// mille. Stricter than name_similarity() where two labels differ in the middle:
// "居民养老保险高领补贴" vs "居民养老保险缴费补贴" -> 666 (name_similarity: 800),
// which is what telling two budget items apart needs.
int bigram_similarity(std::string_view a, std::string_view b);

// The set bigram_similarity() compares, once, for callers that compare one
// text with many: each pair of adjacent code points as a 64-bit key, sorted.
std::vector<std::uint64_t> bigram_set(std::string_view text);
// Dice coefficient of two bigram sets, in per mille (0 when either is empty).
int bigram_dice(const std::vector<std::uint64_t>& a, const std::vector<std::uint64_t>& b);

}  // namespace jixiao::text
