// Page images (page_image.h): poppler's Splash rasteriser draws the page into
// an 8-bit grey bitmap, and poppler's own PNG writer encodes it into memory
// (open_memstream), so no temporary file is written. Grey: the page images
// show black print, the boxes drawn over them carry the colour, and a grey
// PNG is a third of an RGB one, which keeps a report's audit page small.

#include "jixiao/extract/page_image.h"

#include <PDFDoc.h>
#include <SplashOutputDev.h>
#include <goo/PNGWriter.h>
#include <splash/SplashBitmap.h>
#include <splash/SplashErrorCodes.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <memory>

#include "poppler_doc.h"

namespace jixiao::extract {
namespace {

// The bitmap as a PNG file's bytes, or "" when encoding failed.
std::string encode_png(SplashBitmap& bitmap, double dpi) {
  char* buffer = nullptr;
  std::size_t size = 0;
  FILE* memory = open_memstream(&buffer, &size);
  if (memory == nullptr) return "";
  PNGWriter writer(PNGWriter::GRAY);
  const bool ok = bitmap.writeImgFile(&writer, memory, dpi, dpi, splashModeMono8) == splashOk;
  std::fclose(memory);  // sets buffer and size
  std::string png = ok && buffer ? std::string(buffer, size) : std::string();
  std::free(buffer);
  return png;
}

}  // namespace

namespace detail {

GreyRenderer::GreyRenderer(PDFDoc& doc)
    : doc_(doc), paper_{0xFF, 0xFF, 0xFF}, device_(splashModeMono8, /*bitmapRowPad=*/4, /*reverseVideo=*/false, paper_) {
  device_.startDoc(&doc_);
}

SplashBitmap* GreyRenderer::draw(int page, double dpi, double* used_dpi) {
  if (page < 1 || page > doc_.getNumPages()) return nullptr;
  const double w_pt = doc_.getPageCropWidth(page), h_pt = doc_.getPageCropHeight(page);
  const double pixels = (w_pt * dpi / 72) * (h_pt * dpi / 72);
  if (pixels > kMaxPixels) dpi *= std::sqrt(kMaxPixels / pixels);
  if (used_dpi) *used_dpi = dpi;
  doc_.displayPage(&device_, page, dpi, dpi, /*rotate=*/0, /*useMediaBox=*/false, /*crop=*/true,
                   /*printing=*/false);
  return device_.getBitmap();
}

}  // namespace detail

Result<std::vector<PageImage>> render_pdf_pages(const std::string& path, const std::string& bytes,
                                                const std::vector<int>& pages, double dpi) {
  auto opened = detail::open_pdf(path, bytes);
  if (!opened) return std::unexpected(std::move(opened.error()));
  detail::GreyRenderer renderer(**opened);
  std::vector<PageImage> out;
  for (const int page : pages) {
    double used_dpi = dpi;
    SplashBitmap* bitmap = renderer.draw(page, dpi, &used_dpi);
    if (bitmap == nullptr) continue;
    PageImage image;
    image.page = page;
    image.width_px = bitmap->getWidth();
    image.height_px = bitmap->getHeight();
    image.width_pt = image.width_px * 72.0 / used_dpi;
    image.height_pt = image.height_px * 72.0 / used_dpi;
    image.png = encode_png(*bitmap, used_dpi);
    if (image.png.empty())
      return std::unexpected(detail::pdf_error(ErrorKind::kUnsupported, path,
                                               "page " + std::to_string(page) + " could not be encoded as PNG"));
    out.push_back(std::move(image));
  }
  return out;
}

}  // namespace jixiao::extract
