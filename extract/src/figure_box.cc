// The digits a figure's box left out (figure_box.h). A prose figure is read
// again by the Latin model from a crop of its chi_sim word box, because the
// Latin model reads figures best. But LSTM word boxes are placed from the
// positions at which the model emitted characters, and they slip: in
// "资金560万元" chi_sim read the text right and boxed 资金 over 金5 and 560 over
// 60; read again from that box the Latin model surely read "60" (a budget of
// 560万元 became 60万元). chi_sim's reading knows how many digits there are;
// the page's ink knows where they stand. So the box is widened over the
// runs of ink beside it that are shaped like the digits inside it until it
// holds as many as chi_sim read. A run that is an ideograph (wider than a
// digit), a clause mark or quote (lower) or a bracket (higher) ends the
// search, so the crop never takes in the word beside the figure.

#include "figure_box.h"

#include <algorithm>
#include <cstddef>
#include <vector>

#include "scan_image.h"

namespace jixiao::extract::detail {
namespace {

// A run of columns holding ink in a band of the page: [x0, x1), with the
// rows [y0, y1) its ink spans.
struct ColumnRun {
  int x0 = 0, x1 = 0, y0 = 0, y1 = 0;
  int width() const { return x1 - x0; }
  int height() const { return y1 - y0; }
};

// The runs of ink of `rect` of `page`, left to right, a blank column
// between two; in page pixels.
std::vector<ColumnRun> column_runs(Pix* page, const PixelRect& rect) {
  std::vector<ColumnRun> runs;
  BOX* box = boxCreate(rect.x0, rect.y0, rect.x1 - rect.x0, rect.y1 - rect.y0);
  if (box == nullptr) return runs;
  PixPtr cut(pixClipRectangle(page, box, nullptr));
  boxDestroy(&box);
  PixPtr binary(cut ? pixConvertTo1(cut.get(), kInkThreshold) : nullptr);
  if (!binary) return runs;
  const int width = static_cast<int>(pixGetWidth(binary.get())), height = static_cast<int>(pixGetHeight(binary.get()));
  bool open = false;
  for (int x = 0; x < width; ++x) {
    int top = height, bottom = -1;
    for (int y = 0; y < height; ++y) {
      l_uint32 ink = 0;
      if (pixGetPixel(binary.get(), x, y, &ink) == 0 && ink != 0) top = std::min(top, y), bottom = y;
    }
    if (bottom < 0) {
      open = false;
      continue;
    }
    if (!open) runs.push_back(ColumnRun{rect.x0 + x, rect.x0 + x, rect.y0 + top, rect.y0 + bottom + 1});
    ColumnRun& run = runs.back();
    run.x1 = rect.x0 + x + 1;
    run.y0 = std::min(run.y0, rect.y0 + top);
    run.y1 = std::max(run.y1, rect.y0 + bottom + 1);
    open = true;
  }
  return runs;
}

}  // namespace

PixelRect over_digits_left_out(Pix* page, PixelRect box, int digits) {
  // Far enough either way for a digit or two, whatever the page's skew made
  // of the box's height.
  const int reach = 3 * (box.y1 - box.y0);
  const int page_width = static_cast<int>(pixGetWidth(page));
  const PixelRect band{std::max(0, box.x0 - reach), box.y0, std::min(page_width, box.x1 + reach), box.y1};
  const std::vector<ColumnRun> runs = column_runs(page, band);
  const auto inside = [&](const ColumnRun& r) { return 2 * box.x0 <= r.x0 + r.x1 && r.x0 + r.x1 < 2 * box.x1; };
  int tallest = 0, widest = 0;
  for (const ColumnRun& r : runs)
    if (inside(r)) tallest = std::max(tallest, r.height()), widest = std::max(widest, r.width());
  // As high as the digits: a point or comma is lower, a bracket higher.
  const auto digit_high = [&](const ColumnRun& r) { return 10 * r.height() >= 6 * tallest && 10 * r.height() <= 12 * tallest; };
  std::size_t first = runs.size(), last = 0;
  int held = 0;
  for (std::size_t k = 0; k < runs.size(); ++k)
    if (inside(runs[k]) && digit_high(runs[k])) first = std::min(first, k), last = k, ++held;
  if (held == 0) return box;
  const auto one_more_digit = [&](const ColumnRun& r, int gap) {
    return digit_high(r) && 10 * r.width() <= 13 * widest && gap <= widest;
  };
  for (; held < digits; ++held) {
    if (first > 0 && one_more_digit(runs[first - 1], runs[first].x0 - runs[first - 1].x1)) {
      box.x0 = std::min(box.x0, runs[--first].x0);
    } else if (last + 1 < runs.size() && one_more_digit(runs[last + 1], runs[last + 1].x0 - runs[last].x1)) {
      box.x1 = std::max(box.x1, runs[++last].x1);
    } else {
      break;
    }
  }
  return box;
}

}  // namespace jixiao::extract::detail
