// The box of part of a word. A CJK report sets a figure inside a longer word
// ("年预算执行率95.3%" is one word to poppler, which breaks words at spaces
// and gaps, not at scripts), so a figure's box is the word's box cut to the
// x edges of the figure's characters. The edges are per character (code
// point) and the spans per byte: the bytes are counted into characters here,
// over the one word, which is a few dozen bytes.

#include "jixiao/extract/text_place.h"

#include <algorithm>

#include "jixiao/extract/utf8.h"

namespace jixiao::extract {

Box narrow(const TextPlace& place, std::string_view text, std::size_t begin, std::size_t end) {
  const std::size_t b = std::max(begin, place.begin), e = std::min(end, place.end);
  if (b >= e) return {};
  const Box& box = place.box;
  if (box.empty() || place.edges.size() < 2 || (b == place.begin && e == place.end) || place.end > text.size()) return box;
  // first: the character that holds byte b; last: one past the character that holds byte e - 1.
  std::size_t chars = 0, first = 0, last = 0;
  for (std::size_t k = place.begin; k < place.end; ++k) {
    if (is_utf8_continuation(text[k])) continue;
    if (k <= b) first = chars;
    if (k < e) last = chars + 1;
    ++chars;
  }
  if (chars + 1 != place.edges.size()) return box;  // not this word's characters: the whole word
  const double x0 = std::min(place.edges[first], place.edges[last]);
  const double x1 = std::max(place.edges[first], place.edges[last]);
  return Box{std::clamp(x0, box.x0, box.x1), box.y0, std::clamp(x1, box.x0, box.x1), box.y1};
}

float least_confidence(const TextPlace& place, std::string_view text, std::size_t begin, std::size_t end) {
  const std::size_t b = std::max(begin, place.begin), e = std::min(end, place.end);
  if (b >= e || place.confidences.empty() || place.end > text.size()) return -1;
  float least = -1;
  std::size_t chars = 0;
  for (std::size_t k = place.begin; k < place.end; ++k) {
    if (is_utf8_continuation(text[k])) continue;
    if (chars >= place.confidences.size()) return -1;  // not this word's characters
    if (k >= b && k < e && (least < 0 || place.confidences[chars] < least)) least = place.confidences[chars];
    ++chars;
  }
  return chars == place.confidences.size() ? least : -1;
}

Box unite(const Box& a, const Box& b) {
  if (a.empty()) return b;
  if (b.empty()) return a;
  return Box{std::min(a.x0, b.x0), std::min(a.y0, b.y0), std::max(a.x1, b.x1), std::max(a.y1, b.y1)};
}

}  // namespace jixiao::extract
