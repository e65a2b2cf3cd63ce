// A PDF's pages read by several processes (page_processes.h) are the pages
// one process reads: every word with its box, character edges and font size,
// every ruling, the crowded-page notices, in page order, and so the same laid
// out Document. Run on our test PDFs (LibreOffice, with ruled tables crossing
// pages) and on the seed from both producers when ../shared is present.

#include <gtest/gtest.h>

#include <fstream>

#include <string>
#include <vector>

#include "jixiao/extract/pdf_pages.h"
#include "jixiao/extract/pdf_reader.h"
#include "jixiao/extract/text_reader.h"
#include "page_processes.h"
#include "support/test_support.h"

namespace jixiao::extract {
namespace {

std::string bytes_of(const std::string& path) {
  auto bytes = read_file_bytes(path);
  return bytes ? *bytes : std::string();
}

void expect_same_boxes(const TextBox& a, const TextBox& b) {
  EXPECT_EQ(a.text, b.text);
  EXPECT_EQ(a.x0, b.x0);
  EXPECT_EQ(a.y0, b.y0);
  EXPECT_EQ(a.x1, b.x1);
  EXPECT_EQ(a.y1, b.y1);
  EXPECT_EQ(a.font_size, b.font_size);
  EXPECT_EQ(a.space_after, b.space_after);
  EXPECT_EQ(a.edges, b.edges);
  EXPECT_EQ(a.reading, b.reading);
  EXPECT_EQ(a.confidence, b.confidence);
  EXPECT_EQ(a.confidences, b.confidences);
}

// What a worker process sends back is what it read: an OCR'd word keeps its
// reading and its confidence in each character.
TEST(PageProcessesTest, AnOcrdWordCrossesTheWireWhole) {
  TextBox word{"资金到位率", 10, 20, 70, 32, 12, true, {10, 22, 34, 46, 58, 70}};
  word.reading = Reading::kOcr;
  word.confidence = 41.5;
  word.confidences = {96, 41.5, 90, 88, 97};
  PageBoxes page;
  page.number = 3;
  page.boxes = {word, TextBox{"合计", 10, 40, 34, 52, 12, false, {}}};
  page.rulings = {Ruling{0, 60, 100, 60}};
  std::vector<PageBoxes> back;
  std::vector<Notice> notices;
  ASSERT_TRUE(detail::decode_pages(detail::encode_pages({page}, {}), back, notices));
  ASSERT_EQ(back.size(), 1u);
  ASSERT_EQ(back[0].boxes.size(), 2u);
  expect_same_boxes(back[0].boxes[0], word);
  expect_same_boxes(back[0].boxes[1], page.boxes[1]);
  EXPECT_FALSE(detail::decode_pages(detail::encode_pages({page}, {}).substr(0, 40), back, notices)) << "a cut message is no pages";
}

// Reads `path` with one process and with `workers`, splitting from page 1 on,
// and expects the same pages, notices and Document lines.
void expect_same_reading(const std::string& path, int workers, std::size_t max_page_chars = 5000) {
  const std::string bytes = bytes_of(path);
  ASSERT_FALSE(bytes.empty()) << path;
  ReadLimits one;
  one.max_page_chars = max_page_chars;
  ReadLimits many = one;
  many.page_workers = workers;
  many.parallel_min_pages = 1;

  std::vector<Notice> notices_one, notices_many;
  auto a = read_pdf_pages(path, bytes, one, &notices_one);
  auto b = read_pdf_pages(path, bytes, many, &notices_many);
  ASSERT_TRUE(a.has_value()) << path;
  ASSERT_TRUE(b.has_value()) << path;
  ASSERT_EQ(a->size(), b->size()) << path;
  for (std::size_t p = 0; p < a->size(); ++p) {
    const PageBoxes &x = (*a)[p], &y = (*b)[p];
    EXPECT_EQ(x.number, y.number);
    EXPECT_EQ(x.width, y.width);
    EXPECT_EQ(x.height, y.height);
    ASSERT_EQ(x.boxes.size(), y.boxes.size()) << path << " page " << x.number;
    for (std::size_t i = 0; i < x.boxes.size(); ++i) expect_same_boxes(x.boxes[i], y.boxes[i]);
    ASSERT_EQ(x.rulings.size(), y.rulings.size()) << path << " page " << x.number;
    for (std::size_t i = 0; i < x.rulings.size(); ++i) {
      EXPECT_EQ(x.rulings[i].x0, y.rulings[i].x0);
      EXPECT_EQ(x.rulings[i].y1, y.rulings[i].y1);
    }
  }
  if (max_page_chars < 1000) {
    EXPECT_GT(notices_one.size(), 1u) << "the crowded pages were not noticed";
  }
  ASSERT_EQ(notices_one.size(), notices_many.size()) << path;
  for (std::size_t i = 0; i < notices_one.size(); ++i) {
    EXPECT_EQ(notices_one[i].page, notices_many[i].page);
    EXPECT_EQ(notices_one[i].message, notices_many[i].message);
  }

  auto doc_one = read_pdf(path, bytes, one);
  auto doc_many = read_pdf(path, bytes, many);
  ASSERT_TRUE(doc_one.has_value() && doc_many.has_value()) << path;
  EXPECT_EQ(doc_one->text, doc_many->text) << path;
  ASSERT_EQ(doc_one->lines.size(), doc_many->lines.size()) << path;
  for (std::size_t i = 0; i < doc_one->lines.size(); ++i) {
    EXPECT_EQ(doc_one->lines[i].page, doc_many->lines[i].page);
    EXPECT_EQ(doc_one->lines[i].begin, doc_many->lines[i].begin);
  }
  EXPECT_EQ(doc_one->places.size(), doc_many->places.size()) << path;
  EXPECT_EQ(doc_one->tables.size(), doc_many->tables.size()) << path;
}

TEST(PageProcessesTest, OurPdfsReadAlikeByTwoAndThreeProcesses) {
  for (const char* name : {"qinghe-wenlv-2022.pdf", "qinghe-wenlv-2022-errors.pdf", "lanxi-nongye-2021.pdf"}) {
    const std::string path = testing::source_path(std::string("tests/data/pdf/") + name);
    expect_same_reading(path, 2);
    expect_same_reading(path, 3);
  }
}

TEST(PageProcessesTest, CrowdedPageNoticesComeBackInPageOrder) {
  // Every page over a 200-character limit: each process's notices are kept.
  expect_same_reading(testing::source_path("tests/data/pdf/qinghe-wenlv-2022.pdf"), 3, 200);
}

TEST(PageProcessesTest, TheSeedFromBothProducersReadsAlike) {
  for (const char* name : {"corpus/yanzhou-2020.pdf", "corpus/yanzhou-2020.chromium.pdf"}) {
    const std::string path = testing::shared_path(name);
    if (!std::ifstream(path)) GTEST_SKIP() << "needs " << path << " (../shared/corpus)";
    expect_same_reading(path, 2);
  }
}

TEST(PageProcessesTest, ShortDocumentsAndErrorsStayInOneProcess) {
  ReadLimits limits;
  limits.page_workers = 2;  // parallel_min_pages stays 64: these are read here
  const std::string path = testing::source_path("tests/data/pdf/truncated.pdf");
  auto read = read_pdf(path, bytes_of(path), limits);
  EXPECT_FALSE(read.has_value());
  const std::string good = testing::source_path("tests/data/pdf/lanxi-nongye-2021.pdf");
  EXPECT_TRUE(read_pdf(good, bytes_of(good), limits).has_value());
}

}  // namespace
}  // namespace jixiao::extract
