#pragma once
// Internal to extract/: opening a PDF with poppler's core API, the one way
// every reader of PDFs here does it (the text reader, the page renderer), so
// that they refuse the same files with the same messages.

#include <PDFDoc.h>
#include <SplashOutputDev.h>

#include <memory>
#include <string>

#include "jixiao/extract/error.h"

namespace jixiao::extract::detail {

// An Error of `kind` about `path`.
Error pdf_error(ErrorKind kind, const std::string& path, std::string message);

// poppler's process-wide configuration, made once per process on first use.
void ensure_poppler_ready();

// The PDF in `bytes` (which must outlive the PDFDoc: it is read in place),
// or why not: empty, not a PDF, cut short, damaged, locked by a user password.
// `path` only names the file in errors.
Result<std::unique_ptr<PDFDoc>> open_pdf(const std::string& path, const std::string& bytes);

// Draws pages of one open document into an 8-bit grey bitmap with poppler's
// Splash rasteriser, the crop box with its /Rotate applied (the frame of every
// word box): the page images of the audit page and the pictures OCR reads.
class GreyRenderer {
 public:
  explicit GreyRenderer(PDFDoc& doc);
  // Page `page` (1-based) at `dpi`, lowered so that the bitmap holds at most
  // kMaxPixels (a poster-sized page must not take gigabytes); null for a page
  // outside the document. The bitmap lives until the next call. `*used_dpi`
  // is the resolution drawn at.
  SplashBitmap* draw(int page, double dpi, double* used_dpi = nullptr);
  static constexpr double kMaxPixels = 36e6;  // an A3 page at 300 dpi is 17.4 million

 private:
  PDFDoc& doc_;
  SplashColor paper_;  // white; before device_, which is made from it
  SplashOutputDev device_;
};

}  // namespace jixiao::extract::detail
