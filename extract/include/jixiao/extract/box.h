#pragma once
// A rectangle on a PDF page, in PDF points with y growing downwards (poppler's
// convention, and the one `pdftotext -bbox` prints). Word boxes, table cells
// and the place of a span's text all use it.

namespace jixiao::extract {

struct Box {
  double x0 = 0, y0 = 0, x1 = 0, y1 = 0;
  bool empty() const { return x1 <= x0 || y1 <= y0; }
};

}  // namespace jixiao::extract
