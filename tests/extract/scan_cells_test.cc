// The closed cells of a scanned table's rulings (extract/src/scan_cells.h):
// a full grid, merged cells, and a table cut by a page break, which has no
// border where the page cuts it.
#include "scan_cells.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <tuple>
#include <vector>

namespace jixiao::extract::detail {
namespace {

constexpr double kDpi = 300;

Ruling across(double y, double x0, double x1) { return Ruling{x0, y, x1, y}; }
Ruling down(double x, double y0, double y1) { return Ruling{x, y0, x, y1}; }

// A grid of `rows` rows 150 px high and three columns, its top at `top`; the
// borders `draw_top` and `draw_bottom` say whether the outer horizontal
// lines are drawn.
std::vector<Ruling> grid(int rows, double top, bool draw_top, bool draw_bottom) {
  const std::vector<double> xs = {100, 400, 700, 1000};
  const double bottom = top + 150 * rows;
  std::vector<Ruling> out;
  for (int r = 0; r <= rows; ++r) {
    if ((r == 0 && !draw_top) || (r == rows && !draw_bottom)) continue;
    out.push_back(across(top + 150 * r, xs.front(), xs.back()));
  }
  for (double x : xs) out.push_back(down(x, top, bottom));
  return out;
}

std::vector<std::tuple<int, int, int, int>> sorted(const std::vector<PixelRect>& cells) {
  std::vector<std::tuple<int, int, int, int>> out;
  for (const PixelRect& c : cells) out.emplace_back(c.y0, c.x0, c.y1, c.x1);
  std::sort(out.begin(), out.end());
  return out;
}

TEST(ScanCells, EveryCellOfAFullGrid) {
  const auto cells = sorted(closed_cells(grid(3, 200, true, true), kDpi));
  ASSERT_EQ(cells.size(), 9u);
  EXPECT_EQ(cells.front(), std::make_tuple(200, 100, 350, 400));
  EXPECT_EQ(cells.back(), std::make_tuple(500, 700, 650, 1000));
}

// A table that runs over the foot of the page: its last row has no bottom
// border (a browser draws none where it breaks a table), and the vertical
// lines end together. The row's cells are cells all the same.
TEST(ScanCells, TheLastRowOfATableCutByThePageFoot) {
  const auto full = sorted(closed_cells(grid(3, 200, true, true), kDpi));
  const auto cut = sorted(closed_cells(grid(3, 200, true, false), kDpi));
  EXPECT_EQ(cut, full);
}

// The rest of it at the head of the next page: no top border either.
TEST(ScanCells, TheFirstRowOfATableGoingOnFromThePageBefore) {
  const auto full = sorted(closed_cells(grid(2, 100, true, true), kDpi));
  const auto cut = sorted(closed_cells(grid(2, 100, false, true), kDpi));
  EXPECT_EQ(cut, full);
}

// One vertical line that stops short (a stroke, a merged cell's side) makes
// no line of its own: only lines that end together do.
TEST(ScanCells, ALoneLineEndingMakesNoBorder) {
  std::vector<Ruling> r = grid(2, 200, true, true);
  r.push_back(down(550, 200, 420));  // inside the middle column, ending in the second row
  const auto cells = sorted(closed_cells(r, kDpi));
  for (const auto& [y0, x0, y1, x1] : cells) EXPECT_NE(y1, 420) << "a cell closed where one line ends";
}

// A merged cell spanning two rows stays one cell.
TEST(ScanCells, AMergedCellIsOneCell) {
  std::vector<Ruling> r = {across(200, 100, 1000), across(350, 400, 1000), across(500, 100, 1000),
                           down(100, 200, 500),    down(400, 200, 500),    down(1000, 200, 500)};
  const auto cells = sorted(closed_cells(r, kDpi));
  ASSERT_EQ(cells.size(), 3u);
  EXPECT_EQ(cells.front(), std::make_tuple(200, 100, 500, 400));
}

}  // namespace
}  // namespace jixiao::extract::detail
