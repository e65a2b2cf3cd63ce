#pragma once
// Page layout: from the word boxes of a PDF's text layer to the lines of a
// Document. Pure geometry, no PDF library: the PDF reader fills PageBoxes.
//
// Boxes are grouped into visual lines by vertical overlap and ordered left to
// right. Within a line, characters of the same run join without spaces (CJK
// text has none), a space separates words the PDF marks as such, and a gap
// wider than two character widths becomes a tab: table cells stay cells.
// Running headers and footers ("— 12 —", "- 3 -", "第 3 页 共 20 页", a title
// repeated at the top of every page) are dropped.

#include <string>
#include <vector>

#include "jixiao/extract/document.h"
#include "jixiao/extract/table.h"

namespace jixiao::extract {

// One word box, in PDF points with y growing downwards (poppler's convention).
struct TextBox {
  std::string text;  // UTF-8
  double x0 = 0, y0 = 0, x1 = 0, y1 = 0;
  double font_size = 0;
  bool space_after = false;
  // The x edges of its characters, as TextPlace::edges (text_place.h): one
  // more than the code points of `text`, or empty when not known (a rotated
  // word, a box made by hand): then a part of the word gets the whole box.
  std::vector<float> edges = {};
  // A word read by OCR (ocr.h): kOcr unless Tesseract was at least
  // OcrOptions::exact_confidence sure of it; its confidence, 0..100 (-1: a
  // text layer's).
  Reading reading = Reading::kExact;
  float confidence = -1;
  // An OCR'd word's confidence in each of its code points, 0..100 (the
  // symbol's, or the word's when Tesseract read it as a whole); empty for a
  // text layer's word.
  std::vector<float> confidences = {};
};

// A ruling line the page draws: a stroked horizontal or vertical segment (how
// LibreOffice and ReportLab draw cell borders), or a thin filled rectangle (how
// Chromium draws them) reduced to its centre line. Same coordinates as TextBox.
struct Ruling {
  double x0 = 0, y0 = 0, x1 = 0, y1 = 0;  // x0 <= x1, y0 <= y1; one of the two extents is ~0
  bool horizontal() const { return (x1 - x0) >= (y1 - y0); }
};

struct PageBoxes {
  int number = 1;  // 1-based
  double width = 0, height = 0;
  std::vector<TextBox> boxes;
  std::vector<Ruling> rulings;  // empty when the reader could not see graphics
};

// A line of laid-out text on a page, with how it was read.
using LaidOutLine = PagedLine;

// The laid-out text of a document and the tables found in it. A table's rows
// are also lines (cells separated by tabs, a merged cell's text on its first
// row), so a reader of lines sees every figure; Table::row_lines index `lines`.
struct Layout {
  std::vector<LaidOutLine> lines;
  std::vector<Table> tables;
};

// Lays out every page; lines of one page are in reading order. Ruled tables
// (lattice.h) are read from the page's rulings; where a page has none, score
// tables are read from how their words line up.
Layout lay_out_document(const std::vector<PageBoxes>& pages);

// The lines of lay_out_document.
std::vector<LaidOutLine> lay_out(const std::vector<PageBoxes>& pages);

// True for a line that opens with outline numbering (一、 （一） 1. （1） ①):
// a heading or a list item, never the continuation of a paragraph.
bool starts_outline_item(const std::string& text);

// True for a line in a page's top or bottom margin that is only a page number:
// the forms of text_tables.h's is_page_number_line, a bare number, or page
// `page`'s own number between dashes as OCR reads them, a speck beside
// ("一7了一" on page 7; `page` 0 when not known).
bool is_margin_page_number(const std::string& text, int page = 0);

}  // namespace jixiao::extract
