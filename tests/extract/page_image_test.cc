// PDF pages drawn as PNGs (page_image.h): the image frames the same page as
// the word boxes (so a box in points lands on its figure by scale alone), the
// resolution scales it, pages outside the document are skipped, and files the
// reader refuses are refused here with the same messages.

#include "jixiao/extract/page_image.h"
#include "jixiao/extract/pdf_pages.h"
#include "jixiao/extract/text_reader.h"
#include "support/test_support.h"

namespace jixiao {
namespace {

const std::string kSample = testing::source_path("tests/data/pdf/qinghe-wenlv-2022-errors.pdf");

TEST(PageImageTest, FramesThePageTheWordsAreIn) {
  const auto sample_bytes = extract::read_file_bytes(kSample);
  ASSERT_TRUE(sample_bytes) << sample_bytes.error().describe();
  const std::string& bytes = *sample_bytes;
  auto pages = extract::read_pdf_pages(kSample, bytes);
  ASSERT_TRUE(pages) << pages.error().describe();
  auto images = extract::render_pdf_pages(kSample, bytes, {1, 2}, 72);
  ASSERT_TRUE(images) << images.error().describe();
  ASSERT_EQ(images->size(), 2u);
  for (std::size_t i = 0; i < 2; ++i) {
    const extract::PageImage& image = (*images)[i];
    const extract::PageBoxes& page = (*pages)[i];
    EXPECT_EQ(image.page, static_cast<int>(i) + 1);
    EXPECT_NEAR(image.width_pt, page.width, 1.0);
    EXPECT_NEAR(image.height_pt, page.height, 1.0);
    EXPECT_EQ(image.png.substr(0, 8), std::string("\x89PNG\r\n\x1a\n", 8));
    // Every word of the page lies inside the image.
    for (const extract::TextBox& word : page.boxes) {
      EXPECT_GE(word.x0, -1);
      EXPECT_LE(word.x1, image.width_pt + 1);
      EXPECT_LE(word.y1, image.height_pt + 1);
    }
  }
}

TEST(PageImageTest, ResolutionScalesPixelsNotPoints) {
  const auto sample_bytes = extract::read_file_bytes(kSample);
  ASSERT_TRUE(sample_bytes) << sample_bytes.error().describe();
  const std::string& bytes = *sample_bytes;
  auto low = extract::render_pdf_pages(kSample, bytes, {1}, 72);
  auto high = extract::render_pdf_pages(kSample, bytes, {1}, 144);
  ASSERT_TRUE(low && high);
  ASSERT_EQ(low->size(), 1u);
  ASSERT_EQ(high->size(), 1u);
  EXPECT_NEAR(high->front().width_px, 2 * low->front().width_px, 2);
  EXPECT_NEAR(high->front().height_px, 2 * low->front().height_px, 2);
  EXPECT_NEAR(high->front().width_pt, low->front().width_pt, 1.0);
  EXPECT_GT(high->front().png.size(), low->front().png.size());
}

TEST(PageImageTest, PagesOutsideTheDocumentAreSkipped) {
  const auto sample_bytes = extract::read_file_bytes(kSample);
  ASSERT_TRUE(sample_bytes) << sample_bytes.error().describe();
  const std::string& bytes = *sample_bytes;
  auto images = extract::render_pdf_pages(kSample, bytes, {0, 1, 999}, 36);
  ASSERT_TRUE(images);
  ASSERT_EQ(images->size(), 1u);
  EXPECT_EQ(images->front().page, 1);
}

TEST(PageImageTest, RefusesWhatTheReaderRefuses) {
  for (const char* name : {"not-a-pdf.pdf", "truncated.pdf", "encrypted-user-password.pdf", "empty.pdf"}) {
    const std::string path = testing::source_path(std::string("tests/data/pdf/") + name);
    const auto bytes = extract::read_file_bytes(path);
    ASSERT_TRUE(bytes) << bytes.error().describe();
    auto images = extract::render_pdf_pages(path, *bytes, {1}, 72);
    ASSERT_FALSE(images) << name;
    EXPECT_EQ(images.error().path, path);
    EXPECT_FALSE(images.error().message.empty());
  }
}

}  // namespace
}  // namespace jixiao
