// Hostile inputs the fuzzers (fuzz/) found, one file a case, replayed through
// the code their fuzz target ran and checked with the same invariants
// (fuzz/document_checks.h, fuzz/pdf_checks.h), which here throw and fail the
// test instead of trapping. Each file opens with comment lines saying what
// broke and what fixed it.
//
//   pages/<case>.pages  a PDF's pages after poppler (layout_fuzz): lattice
//                       tables, layout, build_report, validate. One item a line:
//                         page <number> <width> <height>
//                         box <x0> <y0> <x1> <y1> <font size> <space after 0|1> <text>
//                         rule <x0> <y0> <x1> <y1>
//                       (text with \\, \n, \r, \t escaped as in C);
//                       `JIXIAO_FUZZ_PRINT_PAGES=1 layout_fuzz <crash>` prints them.
//   pdf/<case>.pdf      PDF bytes (pdf_fuzz): read_pdf, then the same.

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "support/data_file.h"

// The fuzzers' checks, failing by exception.
struct InvariantBroken : std::logic_error {
  using std::logic_error::logic_error;
};
#define JIXIAO_FUZZ_CHECK(condition)                                                                   \
  do {                                                                                                 \
    if (!(condition)) throw InvariantBroken(std::string(__FILE__) + ":" + std::to_string(__LINE__) + \
                                            ": invariant failed: " #condition);                        \
  } while (0)

#include "jixiao/extract/pdf_reader.h"
#include "pdf_checks.h"

namespace jixiao {
namespace {

namespace fs = std::filesystem;

const fs::path kCases = fs::path(JIXIAO_SOURCE_DIR) / "tests" / "fuzz_regressions";

std::string read_bytes(const fs::path& path) {
  std::ifstream file(path, std::ios::binary);
  std::ostringstream bytes;
  bytes << file.rdbuf();
  return bytes.str();
}

std::string unescaped(const std::string& text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '\\' || i + 1 == text.size()) {
      out += text[i];
      continue;
    }
    const char c = text[++i];
    out += c == 'n' ? '\n' : c == 'r' ? '\r' : c == 't' ? '\t' : c;
  }
  return out;
}

// Reads a .pages file (the format above); throws on a line it cannot read.
std::vector<extract::PageBoxes> read_pages(const fs::path& path) {
  std::vector<extract::PageBoxes> pages;
  std::istringstream in(read_bytes(path));
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    std::istringstream fields(line);
    std::string kind;
    fields >> kind;
    if (kind == "page") {
      pages.emplace_back();
      fields >> pages.back().number >> pages.back().width >> pages.back().height;
    } else if (kind == "box" && !pages.empty()) {
      extract::TextBox b;
      int space_after = 0;
      fields >> b.x0 >> b.y0 >> b.x1 >> b.y1 >> b.font_size >> space_after;
      b.space_after = space_after != 0;
      std::string text;
      if (fields.get() == ' ') std::getline(fields, text);
      b.text = unescaped(text);
      pages.back().boxes.push_back(std::move(b));
    } else if (kind == "rule" && !pages.empty()) {
      extract::Ruling r;
      fields >> r.x0 >> r.y0 >> r.x1 >> r.y1;
      pages.back().rulings.push_back(r);
    } else {
      throw std::runtime_error(path.string() + ": cannot read: " + line);
    }
    if (fields.fail()) throw std::runtime_error(path.string() + ": cannot read: " + line);
  }
  return pages;
}

class PagesRegression : public ::testing::TestWithParam<std::string> {};

TEST_P(PagesRegression, KeepsTheInvariants) {
  const std::vector<extract::PageBoxes> pages = read_pages(kCases / "pages" / (GetParam() + ".pages"));
  ASSERT_FALSE(pages.empty());
  EXPECT_NO_THROW(fuzz::check_pages(pages));
}

INSTANTIATE_TEST_SUITE_P(Cases, PagesRegression,
                         ::testing::ValuesIn(testing::data_case_names(kCases / "pages", ".pages")),
                         testing::data_case_test_name);

class PdfRegression : public ::testing::TestWithParam<std::string> {};

TEST_P(PdfRegression, KeepsTheInvariants) {
  const std::string bytes = read_bytes(kCases / "pdf" / (GetParam() + ".pdf"));
  const extract::Result<extract::Document> doc = extract::read_pdf("case.pdf", bytes);
  ASSERT_TRUE(doc.has_value()) << doc.error().describe();
  EXPECT_NO_THROW(fuzz::check_pdf_document(*doc));
}

INSTANTIATE_TEST_SUITE_P(Cases, PdfRegression,
                         ::testing::ValuesIn(testing::data_case_names(kCases / "pdf", ".pdf")),
                         testing::data_case_test_name);

}  // namespace
}  // namespace jixiao
