#pragma once
// Internal to extract/: words built from a page's characters in the order
// the content stream draws them, for pages too crowded for poppler's word
// grouping (limits.h: max_page_chars).

#include <vector>

#include "jixiao/extract/layout.h"

namespace jixiao::extract {

// One drawn character, in the page's device space (points, y downwards).
struct RawChar {
  double x0 = 0, x1 = 0;  // left and right of its advance
  double baseline = 0;
  double font_size = 0;   // transformed: the glyph's height on the page
  char32_t code_point = 0;
};

// Characters joined into words: a word ends where the next character is not
// on its baseline, where it does not follow on (a gap of more than a tenth of
// the font size, or a step back), and at a space character, which also marks
// a space after the word. Boxes are on the baseline, as read_pdf makes them,
// with the x edges of their characters.
std::vector<TextBox> words_from_chars(const std::vector<RawChar>& chars);

}  // namespace jixiao::extract
