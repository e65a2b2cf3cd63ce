#pragma once
// Internal to extract/: word boxes grouped into visual lines, and a line's
// words joined into text. The page layout and the cells of ruled tables both
// read words this way.

#include <string>
#include <vector>

#include "jixiao/extract/layout.h"
#include "jixiao/extract/text_place.h"

namespace jixiao::extract::detail {

// A visual line: boxes whose vertical extents overlap by half the smaller.
struct Row {
  double y0, y1;
  std::vector<const TextBox*> boxes;
};

double height(const TextBox& b);
// True when `b` overlaps the row by at least half the smaller height.
bool overlaps(const Row& r, const TextBox& b);

// Groups boxes into rows, top to bottom (boxes sorted by their centre; a box
// joins one of the three rows above it when it overlaps one).
std::vector<Row> group_rows(std::vector<const TextBox*> boxes);

// How wide gaps between words are written.
enum class Gaps {
  kColumns,  // a gap wider than 1.5 em is a tab: table cells stay cells
  kProse,    // inside one cell: a space at most
};

// Joins the boxes of one row left to right: CJK runs without spaces, a space
// where the PDF marks one or the gap is a quarter em or more. `places`, when
// given, gets where each box's text went (offsets into the result) and the box.
std::string join(const Row& row, Gaps gaps = Gaps::kColumns, std::vector<TextPlace>* places = nullptr);

// Moves `from` behind text that is `shift` bytes long: appends to `to`.
void append_shifted(std::vector<TextPlace>& to, std::vector<TextPlace>&& from, std::size_t shift);

// The text without spaces and tabs: how rows and headers are compared.
std::string squeeze(const std::string& s);

// Open brackets minus closed ones, ASCII and full-width: a cell cut by a page
// break ("目标设定(6" | "分)") leaves one open.
int paren_balance(const std::string& s);

// A figure, not words: digits and the marks around them ("22", "83.3%", "5分", "—").
bool is_figure(const std::string& text);

}  // namespace jixiao::extract::detail
