// A figure's decimal point from its ink (decimal_point.h). The OCR module
// reads a figure twice, with chi_sim and with the Latin model, and takes the
// Latin reading when it is surer; but the Latin model drops a small point at
// 200 dpi ("1.5" as "15" at 87, where chi_sim read "1.5" or "1.25" at 35–65),
// and a table's 1.5 of 2 became 15. A point is ink: the crop's connected
// pieces give the digits (at least half the tallest piece's height) and their
// baseline, and a point is the one small piece on that baseline with digits
// on both sides. Only when chi_sim read a point too and the ink's digits are
// as many as the Latin reading's is the point put back, after as many digits
// as the ink has left of it: two witnesses and a count that agrees, so a
// speck of dust beside a figure or a comma does not make one.

#include "decimal_point.h"

#include <algorithm>
#include <cstddef>
#include <cstdlib>
#include <optional>
#include <vector>

#include "scan_cells.h"
#include "scan_image.h"

namespace jixiao::extract::detail {
namespace {

std::vector<PixelRect> ink_pieces(Pix* figure) {
  std::vector<PixelRect> pieces;
  PixPtr binary(pixConvertTo1(figure, kInkThreshold));
  BOXA* found = binary ? pixConnCompBB(binary.get(), 8) : nullptr;
  if (found == nullptr) return pieces;
  for (int i = 0; i < boxaGetCount(found); ++i) {
    l_int32 x = 0, y = 0, w = 0, h = 0;
    boxaGetBoxGeometry(found, i, &x, &y, &w, &h);
    pieces.push_back(PixelRect{x, y, x + w, y + h});
  }
  boxaDestroy(&found);
  return pieces;
}

int digit_count(const std::string& text) {
  return static_cast<int>(std::count_if(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; }));
}

}  // namespace

PointInk point_ink(Pix* figure) {
  const std::vector<PixelRect> pieces = ink_pieces(figure);
  int height = 0, baseline = 0;
  for (const PixelRect& r : pieces) height = std::max(height, r.y1 - r.y0);
  const auto digit = [&](const PixelRect& r) { return 2 * (r.y1 - r.y0) >= height; };
  for (const PixelRect& r : pieces)
    if (digit(r)) baseline = std::max(baseline, r.y1);
  const auto digit_left_of = [&](const PixelRect& dot) {
    return std::any_of(pieces.begin(), pieces.end(), [&](const PixelRect& r) { return digit(r) && r.x1 <= dot.x0; });
  };
  const auto digit_right_of = [&](const PixelRect& dot) {
    return std::any_of(pieces.begin(), pieces.end(), [&](const PixelRect& r) { return digit(r) && r.x0 >= dot.x1; });
  };
  PointInk ink;
  std::optional<PixelRect> point;
  for (const PixelRect& r : pieces) {
    if (digit(r)) ++ink.digits;
    const bool dot = 4 * (r.x1 - r.x0) <= height && 4 * (r.y1 - r.y0) <= height &&
                     6 * std::abs(baseline - r.y1) <= height && digit_left_of(r) && digit_right_of(r);
    if (dot && point) return {};  // two: no one point
    if (dot) point = r;
  }
  if (!point) return {};
  for (const PixelRect& r : pieces)
    if (digit(r) && r.x1 <= point->x0) ++ink.before;
  ink.found = true;
  return ink;
}

std::string with_point_from_ink(Pix* figure, const std::string& chinese, std::string latin) {
  if (latin.find('.') != std::string::npos || chinese.find('.') == std::string::npos) return latin;
  const PointInk ink = point_ink(figure);
  if (!ink.found || ink.digits != digit_count(latin)) return latin;
  int seen = 0;
  for (std::size_t k = 0; k < latin.size(); ++k)
    if (latin[k] >= '0' && latin[k] <= '9' && ++seen == ink.before) {
      latin.insert(latin.begin() + static_cast<std::ptrdiff_t>(k) + 1, '.');
      break;
    }
  return latin;
}

}  // namespace jixiao::extract::detail
