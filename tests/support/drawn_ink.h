#pragma once
// Pictures drawn for the OCR module's ink readers (decimal_point_test,
// figure_box_test): white 8-bit images with black rectangles standing in for
// digits, points, ideographs and marks, so that a test says exactly what ink
// a reader is given.

#include <leptonica/allheaders.h>

#include <memory>
#include <vector>

namespace jixiao::testing {

// A rectangle of ink: left, top, width, height in pixels.
struct InkRect {
  int x, y, w, h;
};

using DrawnPix = std::unique_ptr<Pix, void (*)(Pix*)>;

// A white 8-bit picture `width` by `height` with black `ink`.
inline DrawnPix drawn_picture(int width, int height, const std::vector<InkRect>& ink) {
  Pix* pix = pixCreate(width, height, 8);
  pixSetAllArbitrary(pix, 255);
  for (const InkRect& r : ink) {
    BOX* box = boxCreate(r.x, r.y, r.w, r.h);
    pixSetInRectArbitrary(pix, box, 0);
    boxDestroy(&box);
  }
  return {pix, [](Pix* p) { pixDestroy(&p); }};
}

}  // namespace jixiao::testing
