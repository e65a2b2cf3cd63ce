// Visual lines from word boxes. Boxes are sorted by their vertical centre and
// each joins a recent row it overlaps by half the smaller height, so a line of
// mixed font sizes stays one line while the next line, however close, does
// not. Joining puts no space between CJK boxes (the script has none) and marks
// column gaps with a tab, which is how the stream reading of a table and the
// prose around it keep cells apart.

#include "words.h"

#include <unicode/utf8.h>

#include <algorithm>

namespace jixiao::extract::detail {

double height(const TextBox& b) { return std::max(0.1, b.y1 - b.y0); }

bool overlaps(const Row& r, const TextBox& b) {
  const double top = std::max(r.y0, b.y0), bottom = std::min(r.y1, b.y1);
  return bottom - top >= 0.5 * std::min(r.y1 - r.y0, height(b));
}

std::vector<Row> group_rows(std::vector<const TextBox*> boxes) {
  std::sort(boxes.begin(), boxes.end(), [](const TextBox* a, const TextBox* b) {
    return a->y0 + a->y1 < b->y0 + b->y1;
  });
  std::vector<Row> rows;
  for (const TextBox* b : boxes) {
    Row* target = nullptr;
    // The nearest row above may still take it (boxes sorted by centre).
    for (auto it = rows.rbegin(); it != rows.rend() && it != rows.rbegin() + 3; ++it)
      if (overlaps(*it, *b)) {
        target = &*it;
        break;
      }
    if (!target) {
      rows.push_back(Row{b->y0, b->y1, {}});
      target = &rows.back();
    }
    target->boxes.push_back(b);
    target->y0 = std::min(target->y0, b->y0);
    target->y1 = std::max(target->y1, b->y1);
  }
  return rows;
}

namespace {

// Whether the first (or last) character of `text` is CJK: an ideograph, or
// CJK or full-width punctuation (U+3000..U+303F, U+FF00..U+FFEF).
// Decoded by ICU: an ill-formed sequence there is no character, so not CJK.
bool cjk_at(const std::string& text, bool last) {
  if (text.empty()) return false;
  const auto* s = reinterpret_cast<const uint8_t*>(text.data());
  const int32_t length = static_cast<int32_t>(text.size());
  UChar32 cp;
  if (last) {
    int32_t i = length;
    U8_PREV(s, 0, i, cp);
  } else {
    int32_t i = 0;
    U8_NEXT(s, i, length, cp);
  }
  return (cp >= 0x3000 && cp <= 0x303F) || (cp >= 0x3400 && cp <= 0x9FFF) || (cp >= 0xF900 && cp <= 0xFAFF) ||
         (cp >= 0xFF00 && cp <= 0xFFEF);
}

// The gap, in em, past which two boxes have a space between them. A text
// layer's boxes are the glyphs' advances, so a quarter em apart is a space.
// OCR boxes hug the ink (TextBox::confidence set): a CJK glyph's ink stands
// a fraction of an em from its neighbour's even with no space between them.
double space_gap(const TextBox& a, const TextBox& b) {
  const bool ink = a.confidence >= 0 && b.confidence >= 0;
  return ink && (cjk_at(a.text, true) || cjk_at(b.text, false)) ? 0.9 : 0.25;
}

}  // namespace

std::string join(const Row& row, Gaps gaps, std::vector<TextPlace>* places) {
  std::vector<const TextBox*> boxes = row.boxes;
  std::sort(boxes.begin(), boxes.end(), [](const TextBox* a, const TextBox* b) { return a->x0 < b->x0; });
  std::string out;
  const TextBox* prev = nullptr;
  for (const TextBox* b : boxes) {
    if (prev) {
      const double gap = b->x0 - prev->x1;
      const double em = std::max(1.0, std::max(prev->font_size, b->font_size));
      if (gaps == Gaps::kColumns && gap > 1.5 * em) out += '\t';
      else if (prev->space_after || gap > space_gap(*prev, *b) * em) out += ' ';
    }
    if (places)
      places->push_back(TextPlace{out.size(), out.size() + b->text.size(), Box{b->x0, b->y0, b->x1, b->y1}, b->edges,
                                        b->reading, b->confidences});
    out += b->text;
    prev = b;
  }
  return out;
}

void append_shifted(std::vector<TextPlace>& to, std::vector<TextPlace>&& from, std::size_t shift) {
  to.reserve(to.size() + from.size());
  for (TextPlace& p : from) {
    p.begin += shift;
    p.end += shift;
    to.push_back(std::move(p));
  }
}

std::string squeeze(const std::string& s) {
  std::string out;
  for (char c : s)
    if (c != ' ' && c != '\t') out += c;
  return out;
}

int paren_balance(const std::string& s) {
  int open = 0;
  for (std::size_t k = 0; k < s.size(); ++k) {
    if (s[k] == '(' || s.compare(k, 3, "（") == 0) ++open;
    if (s[k] == ')' || s.compare(k, 3, "）") == 0) --open;
  }
  return open;
}

bool is_figure(const std::string& text) {
  if (text.empty()) return false;
  bool digit = false;
  for (std::size_t k = 0; k < text.size(); ++k) {
    const char c = text[k];
    if (c >= '0' && c <= '9') digit = true;
    else if (c == '.' || c == '%' || c == ' ' || c == '-' || c == '/') continue;
    else if (text.compare(k, 3, "分") == 0) k += 2;
    else return false;
  }
  return digit;
}

}  // namespace jixiao::extract::detail
