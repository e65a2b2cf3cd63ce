// Words from characters in drawing order. poppler's TextOutputDev groups a
// page's characters into words, lines and blocks (TextPage::coalesce) at a
// cost that grows with the square of the number of scattered words: a page of
// 100,000 one-character text objects takes minutes. A report page holds a
// few thousand characters; a page with many more is a hostile or broken file,
// and is read here instead, in one pass: consecutive characters on one
// baseline that follow on form a word. Layout (layout.h) then orders words
// by position as it does for poppler's, so only the word breaks and the
// spaces between words can differ from poppler's reading.

#include "raw_words.h"

#include <algorithm>
#include <cmath>

#include "jixiao/extract/utf8.h"

namespace jixiao::extract {
namespace {

// A character follows on when the gap from the word's right edge is at most
// this share of the font size (poppler's minWordBreakSpace is 0.1) ...
constexpr double kMaxJoinGap = 0.1;
// ... and it does not step back further than this share (kerning).
constexpr double kMaxStepBack = 0.3;
// Two characters share a baseline when they differ by less than this share.
constexpr double kBaselineSlack = 0.2;

bool is_space(char32_t c) { return c == U' ' || c == U'\t' || c == 0x3000 || c == 0xA0; }

}  // namespace

std::vector<TextBox> words_from_chars(const std::vector<RawChar>& chars) {
  std::vector<TextBox> words;
  bool open = false;  // the last word takes more characters
  double baseline = 0;
  for (const RawChar& c : chars) {
    const double size = c.font_size > 0 ? c.font_size : 1.0;
    if (is_space(c.code_point) || c.code_point < 0x20) {
      if (open) words.back().space_after = true;
      open = false;
      continue;
    }
    if (open) {
      const TextBox& w = words.back();
      const double gap = c.x0 - w.x1;
      open = std::abs(c.baseline - baseline) < kBaselineSlack * size && gap <= kMaxJoinGap * size &&
             gap >= -kMaxStepBack * size;
      if (!open && gap > kMaxJoinGap * size) words.back().space_after = true;
    }
    if (!open) {
      TextBox w;
      w.x0 = c.x0;
      w.x1 = c.x0;
      w.font_size = size;
      w.y0 = c.baseline - 0.88 * size;
      w.y1 = c.baseline + 0.12 * size;
      words.push_back(std::move(w));
      baseline = c.baseline;
      open = true;
    }
    TextBox& w = words.back();
    append_utf8(w.text, c.code_point);
    // As poppler keeps them: each character's left edge, then the last one's right.
    if (w.edges.empty()) w.edges.push_back(static_cast<float>(c.x0));
    else w.edges.back() = static_cast<float>(c.x0);
    w.edges.push_back(static_cast<float>(c.x1));
    w.x0 = std::min(w.x0, std::min(c.x0, c.x1));
    w.x1 = std::max(w.x1, std::max(c.x0, c.x1));
  }
  return words;
}

}  // namespace jixiao::extract
