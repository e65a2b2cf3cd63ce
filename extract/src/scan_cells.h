#pragma once
// Internal to extract/: the closed cells of a scanned table, from the ruling
// lines found in its image (scan_cells.cc), so that a cell OCR left unread
// can be read again on its own.

#include <vector>

#include "jixiao/extract/layout.h"

namespace jixiao::extract::detail {

// A rectangle in the pixels of a page image.
struct PixelRect {
  int x0 = 0, y0 = 0, x1 = 0, y1 = 0;
};

// The cells of `rulings` (pixels of an image drawn at `dpi`) that are closed
// on all four sides: between two neighbouring horizontal lines, and between
// two neighbouring vertical lines that both cross that band, with each
// horizontal line running the cell's width. A merged cell's inner band, open
// on a side, is not one: cutting it would cut its text.
std::vector<PixelRect> closed_cells(const std::vector<Ruling>& rulings, double dpi);

}  // namespace jixiao::extract::detail
