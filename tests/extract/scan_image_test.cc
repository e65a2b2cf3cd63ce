// A scanned page made ready for Tesseract (extract/src/scan_image.h): a
// scanner's grain on the paper is made white and print keeps its shades; a
// rendered page, whose paper is one grey, is left as it is.
#include "scan_image.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <vector>

namespace jixiao::extract::detail {
namespace {

constexpr double kDpi = 300;
constexpr int kWidth = 600, kHeight = 400;

// A page of paper at `paper`, each pixel moved by up to `grain` grey levels
// either way (a fixed pseudo-random sequence), with a black block of print
// and, beside it, one anti-aliased edge pixel of grey `edge`.
std::vector<unsigned char> page(int paper, int grain, int edge) {
  std::vector<unsigned char> grey(static_cast<std::size_t>(kWidth) * kHeight);
  std::uint32_t state = 12345;
  for (unsigned char& v : grey) {
    state = state * 1664525u + 1013904223u;
    const int offset = grain == 0 ? 0 : static_cast<int>((state >> 16) % (2 * grain + 1)) - grain;
    v = static_cast<unsigned char>(std::clamp(paper + offset, 0, 255));
  }
  for (int y = 100; y < 130; ++y)
    for (int x = 200; x < 300; ++x) grey[static_cast<std::size_t>(y) * kWidth + x] = 20;
  grey[static_cast<std::size_t>(115) * kWidth + 300] = static_cast<unsigned char>(edge);
  return grey;
}

int at(Pix* pix, int x, int y) {
  l_uint32 v = 0;
  pixGetPixel(pix, x, y, &v);
  return static_cast<int>(v);
}

TEST(ScanImageTest, GrainOnThePaperIsMadeWhiteAndPrintKeepsItsShades) {
  const std::vector<unsigned char> grey = page(248, 12, 170);
  ScanImage scan = prepare_scan(grey_pix(grey.data(), kWidth, kHeight, kWidth, kDpi), kDpi);
  ASSERT_TRUE(scan.grey);
  int grainy = 0;
  for (int y = 0; y < kHeight; ++y)
    for (int x = 0; x < kWidth; ++x)
      if ((y < 90 || y >= 140) && at(scan.grey.get(), x, y) != 255) ++grainy;
  EXPECT_EQ(grainy, 0) << "paper pixels left grey";
  EXPECT_LT(at(scan.grey.get(), 250, 115), 40) << "print";
  const int edge = at(scan.grey.get(), 300, 115);
  EXPECT_GT(edge, 100) << "the edge pixel is still a shade, not ink";
  EXPECT_LT(edge, 230) << "the edge pixel is still a shade, not paper";
}

TEST(ScanImageTest, ARenderedPageIsLeftAsItIs) {
  const std::vector<unsigned char> grey = page(255, 0, 240);
  PixPtr before = grey_pix(grey.data(), kWidth, kHeight, kWidth, kDpi);
  ScanImage scan = prepare_scan(grey_pix(grey.data(), kWidth, kHeight, kWidth, kDpi), kDpi);
  ASSERT_TRUE(scan.grey && before);
  l_int32 same = 0;
  pixEqual(before.get(), scan.grey.get(), &same);
  EXPECT_TRUE(same);
  EXPECT_EQ(at(scan.grey.get(), 300, 115), 240);
}

}  // namespace
}  // namespace jixiao::extract::detail
