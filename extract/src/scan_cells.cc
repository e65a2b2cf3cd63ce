// Closed cells of a scanned table (scan_cells.h). Tesseract reads a page by
// finding lines of text first, and a lone digit in a table cell ("3" under
// 分值) is often not taken for text at all, or read as letters. Read alone,
// cut out along its borders, the same cell reads well. Which rectangles are
// cells comes from the rulings alone: below each horizontal line, each pair of
// neighbouring vertical lines that run down from it, with the line running
// between them, opens a cell; the first horizontal line further down that
// runs between them closes it, as long as both sides reach it (a merged cell
// spans several rows). Lines are matched within a scan's tolerance (kSlackInches):
// a scanned border is a few pixels wide and rarely meets its neighbour exactly.
// A table cut by a page break has no border at the cut; where its vertical
// lines end (or start) together, a line is taken to be there (with_cut_edges),
// so the cut row is read cell by cell like the others.

#include "scan_cells.h"

#include <algorithm>
#include <cmath>

namespace jixiao::extract::detail {
namespace {

constexpr double kSlackInches = 0.04;
// Narrower or lower than this it is the gap of a double border, not a cell.
constexpr double kMinCellInches = 0.08;

// The distinct values of `v`, those within `slack` of the previous one merged.
std::vector<double> distinct(std::vector<double> v, double slack) {
  std::sort(v.begin(), v.end());
  std::vector<double> out;
  for (double x : v)
    if (out.empty() || x - out.back() > slack) out.push_back(x);
  return out;
}

// Whether a horizontal ruling at `y` runs from x0 to x1.
bool runs_across(const std::vector<Ruling>& rulings, double y, double x0, double x1, double slack) {
  return std::any_of(rulings.begin(), rulings.end(), [&](const Ruling& r) {
    return r.horizontal() && std::abs(r.y0 - y) <= slack && r.x0 <= x0 + slack && r.x1 >= x1 - slack;
  });
}

// Whether vertical lines at `left` and at `right` both run from `top` to `bottom`.
bool sides_reach(const std::vector<Ruling>& rulings, double left, double right, double top, double bottom,
                 double slack) {
  const auto reaches = [&](double x) {
    return std::any_of(rulings.begin(), rulings.end(), [&](const Ruling& r) {
      return !r.horizontal() && std::abs(r.x0 - x) <= slack && r.y0 <= top + slack && r.y1 >= bottom - slack;
    });
  };
  return reaches(left) && reaches(right);
}

// A table that runs over a page break has no border where the page cuts it
// (a browser draws none there; a scan may lose one): its vertical lines just
// end together at the foot of the page, or start together at the head of
// the next. Where two or more vertical lines end (or start) at one height,
// a line across them is taken to be there, so that the cut row's cells are
// cells too. Where a border is drawn, the line added is that border again.
std::vector<Ruling> with_cut_edges(std::vector<Ruling> rulings, double slack) {
  std::vector<std::pair<double, double>> ends;  // (y, x) of every vertical line's two ends
  for (const Ruling& r : rulings) {
    if (r.horizontal()) continue;
    ends.emplace_back(r.y0, r.x0);
    ends.emplace_back(r.y1, r.x0);
  }
  std::sort(ends.begin(), ends.end());
  for (std::size_t i = 0; i < ends.size();) {
    std::size_t j = i + 1;
    double x0 = ends[i].second, x1 = ends[i].second;
    for (; j < ends.size() && ends[j].first - ends[i].first <= slack; ++j) {
      x0 = std::min(x0, ends[j].second);
      x1 = std::max(x1, ends[j].second);
    }
    if (j - i >= 2 && x1 - x0 > slack) rulings.push_back(Ruling{x0, ends[i].first, x1, ends[i].first});
    i = j;
  }
  return rulings;
}

}  // namespace

std::vector<PixelRect> closed_cells(const std::vector<Ruling>& drawn, double dpi) {
  const double slack = kSlackInches * dpi, min_size = kMinCellInches * dpi;
  const std::vector<Ruling> rulings = with_cut_edges(drawn, slack);
  std::vector<double> ys;
  for (const Ruling& r : rulings)
    if (r.horizontal()) ys.push_back(r.y0);
  ys = distinct(std::move(ys), slack);
  std::vector<PixelRect> cells;
  for (std::size_t b = 0; b + 1 < ys.size(); ++b) {
    const double top = ys[b];
    // The vertical lines that run down from this line: a cell's sides.
    std::vector<double> xs;
    for (const Ruling& r : rulings)
      if (!r.horizontal() && r.y0 <= top + slack && r.y1 >= top + min_size) xs.push_back(r.x0);
    xs = distinct(std::move(xs), slack);
    for (std::size_t c = 0; c + 1 < xs.size(); ++c) {
      const double left = xs[c], right = xs[c + 1];
      if (right - left < min_size || !runs_across(rulings, top, left, right, slack)) continue;
      // The first line below that closes it: a merged cell spans several rows.
      for (std::size_t e = b + 1; e < ys.size(); ++e) {
        const double bottom = ys[e];
        if (!sides_reach(rulings, left, right, top, bottom, slack)) break;
        if (bottom - top < min_size || !runs_across(rulings, bottom, left, right, slack)) continue;
        cells.push_back(PixelRect{static_cast<int>(left), static_cast<int>(top), static_cast<int>(right),
                                  static_cast<int>(bottom)});
        break;
      }
    }
  }
  return cells;
}

}  // namespace jixiao::extract::detail
