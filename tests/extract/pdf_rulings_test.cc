// The ruling lines read_pdf_pages sees, on the pages of three producers'
// score tables: ReportLab strokes its grid, LibreOffice strokes one segment
// per border, Chromium fills a thin rectangle per cell edge. On every page
// that holds the header cell 一级指标 there are horizontal and vertical
// rulings, every ruling is axis-aligned and inside the page, and the header
// word sits in a cell whose four edges the rulings draw. Small PDFs written
// here pin down what counts as a ruling, how a /Rotate turns words and
// rulings alike, and that pages the reader draws with one Gfx (they share
// their resources) read as if each were drawn alone.

#include <algorithm>
#include <array>
#include <cmath>
#include <fstream>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "jixiao/extract/pdf_pages.h"
#include "jixiao/extract/pdf_reader.h"
#include "support/test_support.h"

namespace jixiao {
namespace {

using extract::PageBoxes;
using extract::Ruling;
using extract::TextBox;

// Drawn borders and word boxes meet within this much.
constexpr double kTolerance = 2.0;

std::string file_bytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

// A PDF of 200 x 100 pt pages turned by `rotate` degrees, one page per
// element of `contents`. Each page shows the word "Hi" in font /F1 at
// (20, 40), then draws its content. Without `fonts`, all pages share one
// resource dictionary (as LibreOffice writes them) where /F1 is Helvetica;
// with them, page i has its own dictionary (as Chromium and Word write them)
// where /F1 is the standard font fonts[i], Helvetica or Courier.
std::string pdf_of(int rotate, const std::vector<std::string>& contents, const std::vector<std::string>& fonts = {}) {
  std::vector<std::string> objects = {
      "<< /Type /Catalog /Pages 2 0 R >>",
      "",  // the page tree, below
      "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
      "<< /Type /Font /Subtype /Type1 /BaseFont /Courier >>",
      "<< /Font << /F1 3 0 R >> >>",
  };
  std::string kids;
  for (std::size_t i = 0; i < contents.size(); ++i) {
    const std::string stream = "BT /F1 10 Tf 20 40 Td (Hi) Tj ET\n" + contents[i];
    const std::string resources =
        fonts.empty() ? "5 0 R" : std::string("<< /Font << /F1 ") + (fonts[i] == "Courier" ? "4" : "3") + " 0 R >> >>";
    kids += std::to_string(objects.size() + 1) + " 0 R ";
    objects.push_back("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 100] /Rotate " + std::to_string(rotate) +
                      " /Resources " + resources + " /Contents " + std::to_string(objects.size() + 2) + " 0 R >>");
    objects.push_back("<< /Length " + std::to_string(stream.size()) + " >>\nstream\n" + stream + "\nendstream");
  }
  objects[1] = "<< /Type /Pages /Kids [" + kids + "] /Count " + std::to_string(contents.size()) + " >>";
std::string pdf = "%PDF-1.4\n";
  std::vector<std::size_t> offsets;
  for (std::size_t i = 0; i < objects.size(); ++i) {
    offsets.push_back(pdf.size());
    pdf += std::to_string(i + 1) + " 0 obj\n" + objects[i] + "\nendobj\n";
  }
  const std::size_t xref = pdf.size();
  pdf += "xref\n0 " + std::to_string(objects.size() + 1) + "\n0000000000 65535 f \n";
  for (std::size_t offset : offsets) {
    const std::string digits = std::to_string(offset);
    pdf += std::string(10 - digits.size(), '0') + digits + " 00000 n \n";
  }
  pdf += "trailer\n<< /Size " + std::to_string(objects.size() + 1) + " /Root 1 0 R >>\nstartxref\n" +
         std::to_string(xref) + "\n%%EOF\n";
  return pdf;
}

std::vector<std::array<double, 4>> ends_of(const std::vector<Ruling>& rulings) {
  std::vector<std::array<double, 4>> out;
  for (const Ruling& r : rulings) out.push_back({r.x0, r.y0, r.x1, r.y1});
  std::sort(out.begin(), out.end());
  return out;
}

// True when the rulings of one direction along the line at `at` cover
// [from, to] without a gap wider than kTolerance.
bool covered(const std::vector<Ruling>& rulings, bool horizontal, double at, double from, double to) {
  std::vector<std::pair<double, double>> spans;
  for (const Ruling& r : rulings) {
    if (r.horizontal() != horizontal || std::abs((horizontal ? r.y0 : r.x0) - at) > kTolerance) continue;
    spans.emplace_back(horizontal ? r.x0 : r.y0, horizontal ? r.x1 : r.y1);
  }
  std::sort(spans.begin(), spans.end());
  double reach = from;
  for (const auto& [begin, end] : spans)
    if (begin <= reach + kTolerance) reach = std::max(reach, end);
  return reach >= to - kTolerance;
}

// The cell around `word`: the nearest ruled line on each side that runs
// past the word, or NaN where there is none.
struct Cell {
  double top = NAN, bottom = NAN, left = NAN, right = NAN;
};

Cell cell_around(const std::vector<Ruling>& rulings, const TextBox& word) {
  Cell c;
  for (const Ruling& r : rulings) {
    if (r.horizontal() && covered(rulings, true, r.y0, word.x0, word.x1)) {
      if (r.y0 <= word.y0 + kTolerance && (std::isnan(c.top) || r.y0 > c.top)) c.top = r.y0;
      if (r.y0 >= word.y1 - kTolerance && (std::isnan(c.bottom) || r.y0 < c.bottom)) c.bottom = r.y0;
    } else if (!r.horizontal() && covered(rulings, false, r.x0, word.y0, word.y1)) {
      if (r.x0 <= word.x0 + kTolerance && (std::isnan(c.left) || r.x0 > c.left)) c.left = r.x0;
      if (r.x0 >= word.x1 - kTolerance && (std::isnan(c.right) || r.x0 < c.right)) c.right = r.x0;
    }
  }
  return c;
}

void expect_rulings_on_page(const PageBoxes& page) {
  for (const Ruling& r : page.rulings) {
    EXPECT_TRUE((r.y0 == r.y1 && r.x0 < r.x1) || (r.x0 == r.x1 && r.y0 < r.y1))
        << "page " << page.number << ": not horizontal or vertical: " << r.x0 << "," << r.y0 << " " << r.x1 << ","
        << r.y1;
    EXPECT_GE(std::max(r.x1 - r.x0, r.y1 - r.y0), 2.0) << "page " << page.number;
    EXPECT_GE(r.x0, 0) << "page " << page.number;
    EXPECT_GE(r.y0, 0) << "page " << page.number;
    EXPECT_LE(r.x1, page.width) << "page " << page.number;
    EXPECT_LE(r.y1, page.height) << "page " << page.number;
  }
}

void expect_header_in_ruled_cell(const PageBoxes& page, const TextBox& word) {
  const auto horizontal =
      std::count_if(page.rulings.begin(), page.rulings.end(), [](const Ruling& r) { return r.horizontal(); });
  EXPECT_GT(horizontal, 0) << "page " << page.number;
  EXPECT_GT(static_cast<long>(page.rulings.size()) - horizontal, 0) << "page " << page.number;
  const Cell c = cell_around(page.rulings, word);
  ASSERT_FALSE(std::isnan(c.top) || std::isnan(c.bottom) || std::isnan(c.left) || std::isnan(c.right))
      << "page " << page.number << ": no ruled cell around 一级指标 (top " << c.top << ", bottom " << c.bottom
      << ", left " << c.left << ", right " << c.right << ")";
  // A cell, not the page frame: a line or two of text high.
  EXPECT_LT(c.bottom - c.top, 4 * (word.y1 - word.y0)) << "page " << page.number;
  // Its four edges are drawn from corner to corner.
  EXPECT_TRUE(covered(page.rulings, true, c.top, c.left, c.right)) << "page " << page.number << ": top edge";
  EXPECT_TRUE(covered(page.rulings, true, c.bottom, c.left, c.right)) << "page " << page.number << ": bottom edge";
  EXPECT_TRUE(covered(page.rulings, false, c.left, c.top, c.bottom)) << "page " << page.number << ": left edge";
  EXPECT_TRUE(covered(page.rulings, false, c.right, c.top, c.bottom)) << "page " << page.number << ": right edge";
}

void expect_ruled_score_table(const std::string& path) {
  const auto pages = extract::read_pdf_pages(path, file_bytes(path));
  ASSERT_TRUE(pages.has_value()) << pages.error().describe();
  int header_pages = 0;
  for (const PageBoxes& page : *pages) {
    expect_rulings_on_page(page);
    for (const TextBox& word : page.boxes) {
      if (word.text != "一级指标") continue;
      ++header_pages;
      expect_header_in_ruled_cell(page, word);
    }
  }
  EXPECT_GT(header_pages, 0) << path << ": no page holds the header cell 一级指标";
}

TEST(PdfRulings, ReportLabScoreTable) {
  expect_ruled_score_table(testing::source_path("tests/data/pdf/qinghe-wenlv-2022.pdf"));
}

TEST(PdfRulings, LibreOfficeScoreTable) {
  const std::string path = testing::shared_path("corpus/yanzhou-2020.pdf");
  JIXIAO_REQUIRE_FILE(path);
  expect_ruled_score_table(path);
}

TEST(PdfRulings, ChromiumScoreTable) {
  const std::string path = testing::shared_path("corpus/yanzhou-2020.chromium.pdf");
  JIXIAO_REQUIRE_FILE(path);
  expect_ruled_score_table(path);
}

TEST(PdfRulings, WordBoxesAreInPointsOnThePage) {
  // The ReportLab report is A4 portrait in points; every word box lies on its
  // page and carries the font size it was set in (9 to 22 pt there).
  const std::string path = testing::source_path("tests/data/pdf/qinghe-wenlv-2022.pdf");
  const auto pages = extract::read_pdf_pages(path, file_bytes(path));
  ASSERT_TRUE(pages.has_value()) << pages.error().describe();
  for (const PageBoxes& page : *pages) {
    EXPECT_NEAR(page.width, 595.3, 0.1);
    EXPECT_NEAR(page.height, 841.9, 0.1);
    for (const TextBox& b : page.boxes) {
      EXPECT_LT(b.x0, b.x1);
      EXPECT_LT(b.y0, b.y1);
      EXPECT_GE(b.x0, 0);
      EXPECT_LE(b.y1, page.height);
      EXPECT_GT(b.font_size, 5);
    }
  }
}

TEST(PdfRulings, WhatCountsAsARuling) {
  // Stroked: a horizontal line, a vertical line, a rectangle's four edges. Not
  // rulings: a diagonal, a curve, a 1 pt stub, a line above the page. Filled: a
  // 0.5 pt high rectangle is a line at its centre; a 10 pt bar is not.
  const std::string content =
      "10 20 m 190 20 l S\n"
      "150 10 m 150 90 l S\n"
      "30 50 40 20 re S\n"
      "0 0 m 100 100 l S\n"
      "10 80 m 50 95 90 95 150 80 c S\n"
      "5 5 m 6 5 l S\n"
      "10 150 m 190 150 l S\n"
      "20 89.75 160 0.5 re f\n"
      "20 60 100 10 re f\n";
  const auto pages = extract::read_pdf_pages("one.pdf", pdf_of(0, {content}));
  ASSERT_TRUE(pages.has_value()) << pages.error().describe();
  ASSERT_EQ(pages->size(), 1u);
  const PageBoxes& page = pages->front();
  EXPECT_DOUBLE_EQ(page.width, 200);
  EXPECT_DOUBLE_EQ(page.height, 100);
  // y grows downwards: PDF y = 20 is 80 pt from the top.
  const std::vector<std::array<double, 4>> want = {
      {10, 80, 190, 80},   // the horizontal stroke (PDF y = 20)
      {20, 10, 180, 10},   // the thin fill's centre line (PDF y = 90)
      {30, 30, 30, 50},    // the rectangle's left edge
      {30, 30, 70, 30},    //                 top edge
      {30, 50, 70, 50},    //                 bottom edge
      {70, 30, 70, 50},    //                 right edge
      {150, 10, 150, 90},  // the vertical stroke
  };
  EXPECT_EQ(ends_of(page.rulings), want);
  ASSERT_EQ(page.boxes.size(), 1u);
  EXPECT_EQ(page.boxes[0].text, "Hi");
  EXPECT_DOUBLE_EQ(page.boxes[0].font_size, 10);
  // The word starts at x = 20 and stands on its baseline, PDF y = 40.
  EXPECT_NEAR(page.boxes[0].x0, 20, 0.01);
  EXPECT_LT(page.boxes[0].y0, 60);
  EXPECT_GT(page.boxes[0].y1, 60);
}

TEST(PdfRulings, RotatedPageTurnsWordsAndRulingsAlike) {
  // /Rotate 90 shows the 200 x 100 media box as a 100 x 200 page, turned
  // clockwise: PDF (x, y) lands at (y, x). The horizontal stroke becomes a
  // vertical ruling, the word's box turns with it.
  const auto pages = extract::read_pdf_pages("rotated.pdf", pdf_of(90, {"10 20 m 190 20 l S\n150 10 m 150 90 l S\n"}));
  ASSERT_TRUE(pages.has_value()) << pages.error().describe();
  const PageBoxes& page = pages->front();
  EXPECT_DOUBLE_EQ(page.width, 100);
  EXPECT_DOUBLE_EQ(page.height, 200);
  const std::vector<std::array<double, 4>> want = {{10, 150, 90, 150}, {20, 10, 20, 190}};
  EXPECT_EQ(ends_of(page.rulings), want);
  // The word starts at y = 20 and its baseline (PDF y = 40) is now x = 40.
  ASSERT_EQ(page.boxes.size(), 1u);
  EXPECT_NEAR(page.boxes[0].y0, 20, 0.01);
  EXPECT_LT(page.boxes[0].x0, 40);
  EXPECT_GT(page.boxes[0].x1, 40);
}

TEST(PdfRulings, PagesSharingResourcesStartFromACleanState) {
  // The reader draws pages that share a resource dictionary with one Gfx.
  // What one page leaves behind must not move the next: a q never closed
  // after a shift and a wider line; a Q too many (poppler stops drawing the
  // page there, as its own page display does) before a shift.
  const std::string line = "10 20 m 190 20 l S\n";
  const auto pages = extract::read_pdf_pages(
      "shared.pdf", pdf_of(0, {"q 1 0 0 1 50 0 cm 3 w " + line, line, line + "Q 1 0 0 1 0 -10 cm " + line, line}));
  ASSERT_TRUE(pages.has_value()) << pages.error().describe();
  ASSERT_EQ(pages->size(), 4u);
  const std::vector<std::vector<std::array<double, 4>>> want = {
      {{60, 80, 200, 80}}, {{10, 80, 190, 80}}, {{10, 80, 190, 80}}, {{10, 80, 190, 80}}};
  for (std::size_t i = 0; i < pages->size(); ++i) {
    const PageBoxes& page = (*pages)[i];
    EXPECT_EQ(ends_of(page.rulings), want[i]) << "page " << page.number;
    ASSERT_EQ(page.boxes.size(), 1u) << "page " << page.number;
    EXPECT_EQ(page.boxes[0].text, "Hi");
    EXPECT_NEAR(page.boxes[0].x0, 20, 0.01) << "page " << page.number;
    EXPECT_DOUBLE_EQ(page.boxes[0].font_size, 10);
  }
}

TEST(PdfRulings, PagesWhoseResourcesDisagreeAreReadApart) {
  // Pages with their own resource dictionaries that name the same objects
  // alike are drawn with one Gfx over the union of their resources; a page
  // on which /F1 is another font must not be read with the run's /F1. "Hi"
  // is 9.44 pt wide in 10 pt Helvetica, 12 pt in Courier.
  const auto pages = extract::read_pdf_pages(
      "fonts.pdf", pdf_of(0, {"", "", "", ""}, {"Helvetica", "Helvetica", "Courier", "Helvetica"}));
  ASSERT_TRUE(pages.has_value()) << pages.error().describe();
  ASSERT_EQ(pages->size(), 4u);
  const double want[] = {29.44, 29.44, 32, 29.44};
  for (std::size_t i = 0; i < pages->size(); ++i) {
    const PageBoxes& page = (*pages)[i];
    ASSERT_EQ(page.boxes.size(), 1u) << "page " << page.number;
    EXPECT_NEAR(page.boxes[0].x1, want[i], 0.01) << "page " << page.number;
  }
}

TEST(PdfRulings, ScannedPagesAreReadErrorsComeFromReadPdf) {
  // A page without a text layer is still a page to read_pdf_pages (an image
  // has no rulings either); read_pdf makes it the "no text layer" error.
  const std::string path = testing::source_path("tests/data/pdf/image-only.pdf");
  const auto pages = extract::read_pdf_pages(path, file_bytes(path));
  ASSERT_TRUE(pages.has_value()) << pages.error().describe();
  ASSERT_FALSE(pages->empty());
  for (const PageBoxes& page : *pages) {
    EXPECT_TRUE(page.boxes.empty());
    EXPECT_TRUE(page.rulings.empty());
  }
  const auto doc = extract::read_pdf(path, file_bytes(path));
  ASSERT_FALSE(doc.has_value());
  EXPECT_NE(doc.error().message.find("no text layer"), std::string::npos);

  const auto empty = extract::read_pdf_pages("empty.pdf", "");
  ASSERT_FALSE(empty.has_value());
  EXPECT_EQ(empty.error().message, "empty file");
}

}  // namespace
}  // namespace jixiao
