// OCR of scanned pages (extract/ocr.h), on scans made here from our own test
// PDFs (pdftoppm draws the pages grey, img2pdf wraps them as an image-only
// PDF, as a scanner's software does): a scanned ruled score table is read
// through its ruling lines, with its figures; a word Tesseract was unsure of
// makes a span over it a guess; a blank scan is "nothing readable"; with OCR
// off a scan says so.

#include <unistd.h>

#include <cstdlib>
#include <expected>
#include <filesystem>
#include <fstream>
#include <map>
#include <regex>

#include "jixiao/extract/document.h"
#include "jixiao/extract/pdf_reader.h"
#include "jixiao/extract/text_reader.h"
#include "support/test_support.h"

namespace jixiao {
namespace {

namespace fs = std::filesystem;

// A scratch directory for one test, removed after it.
class ScanDir {
 public:
  ScanDir() : path_(fs::temp_directory_path() / ("jixiao-ocr-" + std::to_string(getpid()))) {
    fs::create_directories(path_);
  }
  ~ScanDir() { fs::remove_all(path_); }
  std::string operator/(const std::string& name) const { return (path_ / name).string(); }

 private:
  fs::path path_;
};

// An image-only PDF of page `page` of `pdf` drawn grey at `dpi`; "" when the
// tools failed (scripts/setup installs poppler-utils and img2pdf).
std::string scan_of(const ScanDir& dir, const std::string& pdf, int page, int dpi) {
  const std::string out = dir / "scan.pdf", prefix = dir / "page";
  const std::string command = "pdftoppm -gray -r " + std::to_string(dpi) + " -f " + std::to_string(page) + " -l " +
                              std::to_string(page) + " '" + pdf + "' '" + prefix + "' && img2pdf --imgsize " +
                              std::to_string(dpi) + "dpi -o '" + out + "' '" + prefix + "'-*.pgm";
  return std::system(command.c_str()) == 0 ? out : "";
}

extract::ReadLimits with_ocr(extract::OcrMode mode) {
  extract::ReadLimits limits;
  limits.ocr.mode = mode;
  return limits;
}

// The figures of `text` (digits with a decimal part or a percent sign), counted.
std::map<std::string, int> figures_of(const std::string& text) {
  static const std::regex figure(R"(\d+(\.\d+)?%?)");
  std::map<std::string, int> out;
  for (auto it = std::sregex_iterator(text.begin(), text.end(), figure); it != std::sregex_iterator(); ++it)
    ++out[it->str()];
  return out;
}

const std::string kTablePdf = testing::source_path("tests/data/pdf/qinghe-wenlv-2022-errors.pdf");
constexpr int kTablePage = 8;  // the score table's first page (tests/data/pdf/README.md)

TEST(OcrTest, AScannedRuledTableIsReadThroughItsRulingsWithItsFigures) {
  ScanDir dir;
  const std::string scan = scan_of(dir, kTablePdf, kTablePage, 300);
  ASSERT_FALSE(scan.empty()) << "pdftoppm or img2pdf failed (scripts/setup installs them)";
  const auto scan_bytes = extract::read_file_bytes(scan);
  ASSERT_TRUE(scan_bytes) << scan_bytes.error().describe();
  const auto read = extract::read_pdf(scan, *scan_bytes, with_ocr(extract::OcrMode::kAuto));
  ASSERT_TRUE(read) << read.error().describe();
  ASSERT_EQ(read->ocr_pages.size(), 1u);
  const extract::OcrPage& page = read->ocr_pages[0];
  EXPECT_EQ(page.page, 1);
  EXPECT_GT(page.words, 50);
  EXPECT_GT(page.mean_confidence, 80);
  EXPECT_GE(page.rulings, 10) << "the table's borders";
  bool ruled = false;
  for (const extract::Table& t : read->tables) ruled = ruled || t.source == extract::TableSource::kRuled;
  EXPECT_TRUE(ruled) << "the lattice reader reads the scanned table";

  // Nine in ten of the page's figures, as its text layer prints them, are read.
  const auto table_bytes = extract::read_file_bytes(kTablePdf);
  ASSERT_TRUE(table_bytes) << table_bytes.error().describe();
  const auto original = extract::read_pdf(kTablePdf, *table_bytes);
  ASSERT_TRUE(original) << original.error().describe();
  std::string page_text;
  for (std::size_t i = 0; i < original->lines.size(); ++i)
    if (original->lines[i].page == kTablePage) page_text += std::string(original->line_text(i)) + "\n";
  const auto expected = figures_of(page_text), found = figures_of(read->text);
  int total = 0, matched = 0;
  for (const auto& [figure, count] : expected) {
    total += count;
    const auto it = found.find(figure);
    matched += std::min(count, it == found.end() ? 0 : it->second);
  }
  ASSERT_GT(total, 20);
  EXPECT_GE(matched * 10, total * 9) << matched << " of " << total << " figures read";
}

// Page `page` of `pdf` scanned at `dpi` and read with OCR, and `pdf` itself
// read through its text layer; what failed, if either did.
struct Readings {
  extract::Document scan, original;
};
std::expected<Readings, std::string> scan_and_original(const ScanDir& dir, const std::string& pdf, int page, int dpi) {
  const std::string scan = scan_of(dir, pdf, page, dpi);
  if (scan.empty()) return std::unexpected("pdftoppm or img2pdf failed (scripts/setup installs them)");
  const auto scan_bytes = extract::read_file_bytes(scan);
  if (!scan_bytes) return std::unexpected(scan_bytes.error().describe());
  auto read = extract::read_pdf(scan, *scan_bytes, with_ocr(extract::OcrMode::kAuto));
  if (!read) return std::unexpected(read.error().describe());
  const auto pdf_bytes = extract::read_file_bytes(pdf);
  if (!pdf_bytes) return std::unexpected(pdf_bytes.error().describe());
  auto original = extract::read_pdf(pdf, *pdf_bytes);
  if (!original) return std::unexpected(original.error().describe());
  return Readings{std::move(*read), std::move(*original)};
}

// The text of each cell on `page` of the ruled tables, its lines joined,
// its whitespace dropped and its parentheses full-width (OCR reads either
// width), counted.
std::map<std::string, int> ruled_cells(const extract::Document& doc, int page) {
  std::map<std::string, int> out;
  for (const extract::Table& t : doc.tables) {
    if (t.source != extract::TableSource::kRuled) continue;
    for (const extract::TableCell& c : t.cells) {
      if (c.page != page) continue;
      std::string text;
      for (const std::string& line : c.lines)
        for (char ch : line)
          if (ch == '(') text += "（";
          else if (ch == ')') text += "）";
          else if (ch != ' ' && ch != '\t') text += ch;
      if (!text.empty()) ++out[text];
    }
  }
  return out;
}

// Read a cell at a time, a scanned table's cells read as its text layer's:
// a name wrapped over two or three lines of its cell whole and in order
// (page segmentation read 预决算信息公开性 as 息预公开决算信性), a lone
// figure, a percentage (chi_sim alone reads 100% as 100%6).
TEST(OcrTest, AScannedTablesCellsReadAsItsTextLayersCells) {
  ScanDir dir;
  const auto both = scan_and_original(dir, kTablePdf, kTablePage, 200);
  ASSERT_TRUE(both) << both.error();
  const auto expected = ruled_cells(both->original, kTablePage), found = ruled_cells(both->scan, 1);
  int total = 0, matched = 0, percents = 0, percents_matched = 0;
  std::string missed;
  for (const auto& [text, count] : expected) {
    const auto it = found.find(text);
    const int same = std::min(count, it == found.end() ? 0 : it->second);
    total += count;
    matched += same;
    if (text.ends_with("%")) percents += count, percents_matched += same;
    if (same < count) missed += " " + text;
  }
  ASSERT_GT(total, 60) << "the score table's cells in the text layer";
  EXPECT_GE(matched * 10, total * 9) << matched << " of " << total << " cells read as printed; missed:" << missed;
  ASSERT_GT(percents, 10);
  EXPECT_GE(percents_matched * 10, percents * 9) << percents_matched << " of " << percents << " percentages";
}

// An unruled score table whose names wrap onto two lines, the row's figures
// set between them (tests/data/pdf/unruled-wrapped.pdf), scanned at 200 dpi,
// reads row for row as its text layer does. Page segmentation alone lost the
// lone row numbers (neither of its passes reads a "2" standing alone) and
// split each name line into words of its own, which the stream table took
// for columns (绩效目标 over 合理性 read as 绩效合理 | 目标性).
TEST(OcrTest, AScannedUnruledTableWithWrappedNamesReadsAsItsTextLayer) {
  ScanDir dir;
  const auto both = scan_and_original(dir, testing::source_path("tests/data/pdf/unruled-wrapped.pdf"), 1, 200);
  ASSERT_TRUE(both) << both.error();
  std::map<std::string, int> scanned;
  for (std::size_t i = 0; i < both->scan.lines.size(); ++i) ++scanned[std::string(both->scan.line_text(i))];
  int rows = 0, same = 0;
  std::string missed;
  for (std::size_t i = 0; i < both->original.lines.size(); ++i) {
    const std::string line(both->original.line_text(i));
    if (line.empty() || line[0] < '1' || line[0] > '9') continue;  // the table's body rows: "1\t绩效目标合理性\t3\t3\t100%"
    ++rows;
    if (scanned[line] > 0) --scanned[line], ++same;
    else missed += "\n  " + line;
  }
  ASSERT_GE(rows, 12) << "the fixture's table rows in its text layer";
  EXPECT_GE(same + 1, rows) << same << " of " << rows << " rows read as printed; missed:" << missed;
}

TEST(OcrTest, ASpanOverAWordTesseractWasUnsureOfIsAGuess) {
  // Two words on one line: the first read surely, the second below the threshold.
  extract::PagedLine line;
  line.page = 1;
  line.text = "总分 86.5";
  line.places = {extract::TextPlace{0, 6, extract::Box{10, 10, 40, 20}, {}, extract::Reading::kExact},
                 extract::TextPlace{7, 11, extract::Box{45, 10, 70, 20}, {}, extract::Reading::kOcr}};
  std::vector<extract::PagedLine> lines;
  lines.push_back(line);
  const extract::Document doc = extract::make_paged_document("scan.pdf", "pdf", "PDF", "", 1, std::move(lines));
  EXPECT_EQ(doc.span(0, 0, 6).reading, extract::Reading::kExact);
  EXPECT_EQ(doc.span(0, 7, 11).reading, extract::Reading::kOcr);
  EXPECT_EQ(doc.span(0, 0, 11).reading, extract::Reading::kOcr) << "a span touching a guess is one";
}

TEST(OcrTest, ABlankScanIsNothingReadable) {
  ScanDir dir;
  const std::string image = dir / "blank.pgm", pdf = dir / "blank.pdf";
  {
    std::ofstream out(image, std::ios::binary);
    out << "P5\n1240 1754\n255\n" << std::string(std::size_t{1240} * 1754, '\xF4');  // A4 at 150 dpi, paper grey
  }
  ASSERT_EQ(std::system(("img2pdf --imgsize 150dpi -o '" + pdf + "' '" + image + "'").c_str()), 0);
  const auto bytes = extract::read_file_bytes(pdf);
  ASSERT_TRUE(bytes) << bytes.error().describe();
  const auto read = extract::read_pdf(pdf, *bytes, with_ocr(extract::OcrMode::kAuto));
  ASSERT_FALSE(read);
  EXPECT_NE(read.error().message.find("nothing readable"), std::string::npos) << read.error().message;
  const auto off = extract::read_pdf(pdf, *bytes, with_ocr(extract::OcrMode::kNever));
  ASSERT_FALSE(off);
  EXPECT_NE(off.error().message.find("OCR is off"), std::string::npos) << off.error().message;
}

TEST(OcrTest, ATextLayerIsNotOcrdUnlessAsked) {
  const auto bytes = extract::read_file_bytes(kTablePdf);
  ASSERT_TRUE(bytes) << bytes.error().describe();
  const auto read = extract::read_pdf(kTablePdf, *bytes, with_ocr(extract::OcrMode::kAuto));
  ASSERT_TRUE(read) << read.error().describe();
  EXPECT_TRUE(read->ocr_pages.empty());
}

TEST(OcrTest, ModesHaveTheirCommandLineNames) {
  for (const auto mode : {extract::OcrMode::kNever, extract::OcrMode::kAuto, extract::OcrMode::kAlways})
    EXPECT_EQ(extract::parse_ocr_mode(extract::ocr_mode_name(mode)), mode);
  EXPECT_FALSE(extract::parse_ocr_mode("sometimes"));
}

}  // namespace
}  // namespace jixiao
