#pragma once
// Internal to extract/: a scanned page made ready for Tesseract, and the
// ruling lines drawn in it (scan_image.cc).

#include <leptonica/allheaders.h>

#include <memory>
#include <vector>

#include "jixiao/extract/layout.h"

namespace jixiao::extract::detail {

struct PixDeleter {
  void operator()(Pix* pix) const { pixDestroy(&pix); }
};
using PixPtr = std::unique_ptr<Pix, PixDeleter>;

// Ink is darker than this (0 black, 255 white). Scans print black on paper
// that is rarely darker than light grey; a cell's grey fill stays paper.
constexpr int kInkThreshold = 128;

struct ScanImage {
  PixPtr grey;                  // 8-bit, straightened, its ruling lines painted out, its grain white
  double skew_degrees = 0;      // how far the page was turned back
  std::vector<Ruling> rulings;  // in pixels of `grey`
};

// A Leptonica copy of an 8-bit page image of `width` × `height` pixels,
// `stride` bytes a row, drawn at `dpi`; null when out of memory.
PixPtr grey_pix(const unsigned char* grey, int width, int height, int stride, double dpi);

// Straightens a skewed scan of `grey` (8-bit, drawn at `dpi`), finds the
// horizontal and vertical lines it draws (table borders) and paints them out,
// and makes a scanner's grain on the paper white (a rendered page's paper,
// one even grey, is left as it is).
ScanImage prepare_scan(PixPtr grey, double dpi);

}  // namespace jixiao::extract::detail
