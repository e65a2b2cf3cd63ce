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
// on all four sides: a horizontal line on top and one below running the
// cell's width, and two neighbouring vertical lines running between them. A
// merged cell is one cell; a band of it, open on a side, is not one.
std::vector<PixelRect> closed_cells(const std::vector<Ruling>& rulings, double dpi);

}  // namespace jixiao::extract::detail
