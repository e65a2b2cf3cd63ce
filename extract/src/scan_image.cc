// Scanned page images before OCR, with Leptonica (which Tesseract brings).
//
// A scan is rarely square to the page: it is straightened first (Leptonica's
// skew search on the binarised image, then a rotation bringing in white), so
// that table borders are horizontal and vertical again, as the lattice reader
// expects of a PDF's rulings. The borders are then found by morphology: an
// opening with a long thin horizontal (or vertical) brick keeps only runs of
// ink at least that long, which text does not have, and each connected piece
// of what is left, if thin, is a ruling along its centre line. The long
// bricks are a fraction of an inch, so they scale with the resolution. A
// vertical line counts only where it meets a horizontal one: a table's
// borders cross, a tall title's strokes do not.
//
// Finally the lines are painted out of the grey picture, in the grey of the
// paper beside them (a header cell's fill stays one even fill). Tesseract reads a
// border beside a figure as a "|" or a "1", and a cell cut off from its
// borders reads cleaner; the rulings themselves go to the lattice reader.
//
// Last, a scanner's grain is taken off the paper (whiten_paper): Tesseract's
// LSTM reads the grey picture, and grain around a lone figure in a cell
// turns a sure "3" into a guess at an ideograph.

#include "scan_image.h"

#include <algorithm>
#include <cmath>

namespace jixiao::extract::detail {
namespace {

// A horizontal ruling is at least half an inch long; a vertical one a
// quarter (a one-line row is about a quarter inch high).
constexpr double kMinHorizontalInches = 0.5;
constexpr double kMinVerticalInches = 0.25;
// A narrow column's cell borders (序号, a column of "1" to "26" under rows
// whose other cells are merged) are shorter: a horizontal line down to this
// length counts when each of its ends meets a vertical ruling. Print has no
// stroke that long from one border to the other (a cell's text keeps clear
// of its borders).
constexpr double kMinBorderBetweenInches = 0.15;
// Thicker than this it is a bar or a block of print, not a line (the
// kThinFill of pdf_reader.cc: 3 pt).
constexpr double kMaxThicknessInches = 3.0 / 72;
// A vertical line meets a horizontal one when its end or any point of it lies
// within this of the horizontal line (a scan's corners are rarely exact).
constexpr double kJoinInches = 0.06;

// The paper's grain reaches this many spreads below its grey.
constexpr double kGrainReach = 3;
// Paper pixels lie within this of the paper's grey (farther is ink or a speck).
constexpr int kPaperBand = 40;
// A normal distribution's lower quartile lies this many spreads below its centre.
constexpr double kQuartileSpreads = 0.674;

}  // namespace

PixPtr grey_pix(const unsigned char* grey, int width, int height, int stride, double dpi) {
  PixPtr pix(pixCreate(width, height, 8));
  if (!pix) return pix;
  const int wpl = pixGetWpl(pix.get());
  l_uint32* data = pixGetData(pix.get());
  for (int y = 0; y < height; ++y) {
    l_uint32* line = data + static_cast<std::ptrdiff_t>(y) * wpl;
    const unsigned char* row = grey + static_cast<std::ptrdiff_t>(y) * stride;
    for (int x = 0; x < width; ++x) SET_DATA_BYTE(line, x, row[x]);
  }
  const int resolution = static_cast<int>(std::lround(dpi));
  pixSetResolution(pix.get(), resolution, resolution);
  return pix;
}

namespace {

// A ruling and the pixels it covers.
struct Piece {
  Ruling ruling;
  int x = 0, y = 0, w = 0, h = 0;
};

// The thin connected pieces of `lines` as rulings along their centre lines.
std::vector<Piece> thin_pieces(Pix* lines, bool horizontal, double min_length, double max_thickness) {
  std::vector<Piece> out;
  BOXA* boxes = pixConnComp(lines, nullptr, 8);
  if (boxes == nullptr) return out;
  for (int i = 0; i < boxaGetCount(boxes); ++i) {
    int x = 0, y = 0, w = 0, h = 0;
    boxaGetBoxGeometry(boxes, i, &x, &y, &w, &h);
    const double length = horizontal ? w : h, thickness = horizontal ? h : w;
    // A long line a fraction of a degree off level is a little thicker.
    if (length < min_length || thickness > max_thickness + length * 0.005) continue;
    const Ruling r = horizontal ? Ruling{double(x), y + h / 2.0, double(x + w), y + h / 2.0}
                                : Ruling{x + w / 2.0, double(y), x + w / 2.0, double(y + h)};
    out.push_back(Piece{r, x, y, w, h});
  }
  boxaDestroy(&boxes);
  return out;
}

// Whether the piece is a line drawn on paper: on both of its sides, `away`
// pixels out, most of the image is paper. In a photo, the edges of dark
// areas pass the thin-run test too, with dark on one side or both.
bool on_paper(Pix* binary, const Piece& p, bool horizontal, int away) {
  const int width = static_cast<int>(pixGetWidth(binary)), height = static_cast<int>(pixGetHeight(binary));
  const int length = horizontal ? p.w : p.h;
  constexpr int kSamples = 32;
  for (const int side : {-1, 1}) {
    int paper = 0, seen = 0;
    for (int k = 0; k < kSamples; ++k) {
      const int along = (horizontal ? p.x : p.y) + length * (2 * k + 1) / (2 * kSamples);
      const int x = horizontal ? along : (side < 0 ? p.x - away : p.x + p.w + away);
      const int y = horizontal ? (side < 0 ? p.y - away : p.y + p.h + away) : along;
      if (x < 0 || y < 0 || x >= width || y >= height) continue;
      l_uint32 ink = 0;
      if (pixGetPixel(binary, x, y, &ink) != 0) continue;
      ++seen;
      paper += ink == 0 ? 1 : 0;
    }
    if (seen > 0 && paper * 4 < seen * 3) return false;
  }
  return true;
}

// Whether the vertical `v` and the horizontal `h` touch or cross (within `join`).
bool touches(const Ruling& v, const Ruling& h, double join) {
  return v.x0 >= h.x0 - join && v.x0 <= h.x1 + join && h.y0 >= v.y0 - join && h.y0 <= v.y1 + join;
}

bool meets_a_horizontal(const Ruling& v, const std::vector<Piece>& horizontals, double join) {
  return std::any_of(horizontals.begin(), horizontals.end(), [&](const Piece& p) { return touches(v, p.ruling, join); });
}

// Whether each end of the horizontal `h` lies on one of `verticals`.
bool between_verticals(const Ruling& h, const std::vector<Piece>& verticals, double join) {
  const auto end_on = [&](double x) {
    return std::any_of(verticals.begin(), verticals.end(), [&](const Piece& p) {
      return std::abs(p.ruling.x0 - x) <= join && touches(p.ruling, h, join);
    });
  };
  return end_on(h.x0) && end_on(h.x1);
}

// The paper's grey beside the part [from, to) of a piece along its length:
// the median of pixels sampled along both of its sides, `away` pixels out.
// A border between two grey-filled header cells painted white would leave
// two hard edges that read as a letter.
l_uint32 paper_beside(Pix* grey, const Piece& p, bool horizontal, int from, int to, int away) {
  std::vector<l_uint32> seen;
  const int width = static_cast<int>(pixGetWidth(grey)), height = static_cast<int>(pixGetHeight(grey));
  constexpr int kSamples = 4;
  for (int k = 0; k < kSamples; ++k) {
    const int along = from + (to - from) * (2 * k + 1) / (2 * kSamples);
    for (const int side : {-1, 1}) {
      const int x = horizontal ? along : (side < 0 ? p.x - away : p.x + p.w + away);
      const int y = horizontal ? (side < 0 ? p.y - away : p.y + p.h + away) : along;
      l_uint32 value = 255;
      if (x >= 0 && y >= 0 && x < width && y < height && pixGetPixel(grey, x, y, &value) == 0) seen.push_back(value);
    }
  }
  if (seen.empty()) return 255;
  std::nth_element(seen.begin(), seen.begin() + static_cast<std::ptrdiff_t>(seen.size() / 2), seen.end());
  return seen[seen.size() / 2];
}

// Paints the piece's pixels, and a margin of `margin` around them, in the
// paper's grey beside them, a stretch of `stretch` pixels at a time (a line
// runs past grey header cells and white ones).
void paint_out(Pix* grey, const Piece& p, bool horizontal, int margin, int stretch) {
  const int begin = horizontal ? p.x - margin : p.y - margin;
  const int end = horizontal ? p.x + p.w + margin : p.y + p.h + margin;
  for (int from = begin; from < end; from += stretch) {
    const int to = std::min(end, from + stretch);
    const l_uint32 paper = paper_beside(grey, p, horizontal, from, to, 2 * margin);
    BOX* box = horizontal ? boxCreate(from, p.y - margin, to - from, p.h + 2 * margin)
                          : boxCreate(p.x - margin, from, p.w + 2 * margin, to - from);
    if (box == nullptr) continue;
    pixSetInRectArbitrary(grey, box, paper);
    boxDestroy(&box);
  }
}

// Runs of ink at least `length` long in one direction.
PixPtr long_runs(Pix* binary, bool horizontal, int length) {
  // Close tiny breaks (scanner noise) along the line first.
  PixPtr closed(horizontal ? pixCloseBrick(nullptr, binary, 3, 1) : pixCloseBrick(nullptr, binary, 1, 3));
  if (!closed) return closed;
  return PixPtr(horizontal ? pixOpenBrick(nullptr, closed.get(), length, 1)
                           : pixOpenBrick(nullptr, closed.get(), 1, length));
}

// The paper's grey (the commonest level lighter than ink) and the spread
// of a scanner's grain around it, from the lower quartile of the pixels
// within kPaperBand of it (robust: anti-aliased edges of print, a few in a
// hundred of them, do not move it). A rendered page's paper is one grey:
// its quartile is the paper's, its spread 0.
struct Paper {
  int grey = 255;
  double spread = 0;
};

Paper paper_of(Pix* grey) {
  Paper paper;
  NUMA* histogram = pixGetGrayHistogram(grey, 1);
  if (histogram == nullptr) return paper;
  std::vector<double> count(256, 0);
  for (int v = 0; v < 256 && v < numaGetCount(histogram); ++v) {
    l_float32 c = 0;
    numaGetFValue(histogram, v, &c);
    count[v] = c;
  }
  numaDestroy(&histogram);
  paper.grey = static_cast<int>(std::max_element(count.begin() + kInkThreshold, count.end()) - count.begin());
  const int from = std::max(0, paper.grey - kPaperBand);
  double band = 0;
  for (int v = from; v < 256; ++v) band += count[v];
  double below = 0;
  for (int v = from; v < 256; ++v) {
    below += count[v];
    if (below >= band / 4) {
      paper.spread = (paper.grey - v) / kQuartileSpreads;
      break;
    }
  }
  return paper;
}

// A scanner's grain on the paper (a few grey levels either way, pixel by
// pixel) made white, and the greys below stretched to fill the scale.
// Tesseract's LSTM reads the grey image, not its binarised copy: grain
// around a lone figure in a cut-out cell read "3" as 昌 and "2" as 多, at
// confidence 0, where the same figure on white reads at 96. Print and its
// anti-aliased edges are darker than the grain and keep their shades; a
// rendered page (no grain) is left as it is.
void whiten_paper(Pix* grey) {
  const Paper paper = paper_of(grey);
  if (paper.spread <= 0) return;
  const int white_from = static_cast<int>(std::lround(paper.grey - kGrainReach * paper.spread));
  if (white_from > kInkThreshold) pixGammaTRC(grey, grey, 1.0, 0, white_from);
}

}  // namespace

ScanImage prepare_scan(PixPtr grey, double dpi) {
  ScanImage scan;
  scan.grey = std::move(grey);
  if (!scan.grey) return scan;
  float angle = 0, confidence = 0;
  // Returns a clone when the page is level or the skew cannot be told.
  PixPtr straight(pixFindSkewAndDeskew(scan.grey.get(), 2, &angle, &confidence));
  if (straight) {
    scan.grey = std::move(straight);
    if (confidence > 0) scan.skew_degrees = angle;
  }

  PixPtr binary(pixConvertTo1(scan.grey.get(), kInkThreshold));
  if (!binary) return scan;
  const int h_length = static_cast<int>(kMinHorizontalInches * dpi);
  const int v_length = static_cast<int>(kMinVerticalInches * dpi);
  PixPtr horizontal = long_runs(binary.get(), true, h_length);
  PixPtr vertical = long_runs(binary.get(), false, v_length);
  if (!horizontal || !vertical) return scan;

  const double thickness = kMaxThicknessInches * dpi;
  const int away = std::max(2, static_cast<int>(dpi / 50));
  std::vector<Piece> lines = thin_pieces(horizontal.get(), true, h_length, thickness);
  std::erase_if(lines, [&](const Piece& h) { return !on_paper(binary.get(), h, true, away); });
  const double join = kJoinInches * dpi;
  std::vector<Piece> verticals;
  for (const Piece& v : thin_pieces(vertical.get(), false, v_length, thickness))
    if (on_paper(binary.get(), v, false, away) && meets_a_horizontal(v.ruling, lines, join)) verticals.push_back(v);
  // Short horizontals: a narrow column's borders, from one vertical to the next.
  const int short_length = static_cast<int>(kMinBorderBetweenInches * dpi);
  if (!verticals.empty()) {
    if (PixPtr shorter = long_runs(binary.get(), true, short_length)) {
      for (const Piece& h : thin_pieces(shorter.get(), true, short_length, thickness))
        if (h.w < h_length && between_verticals(h.ruling, verticals, join) && on_paper(binary.get(), h, true, away))
          lines.push_back(h);
    }
  }
  lines.insert(lines.end(), verticals.begin(), verticals.end());
  // Widened a little: a scanned line's edge is grey, not ink.
  const int margin = std::max(1, static_cast<int>(dpi / 75));
  for (const Piece& piece : lines) {
    scan.rulings.push_back(piece.ruling);
    paint_out(scan.grey.get(), piece, piece.ruling.horizontal(), margin, static_cast<int>(dpi / 10));
  }
  whiten_paper(scan.grey.get());
  return scan;
}

}  // namespace jixiao::extract::detail
