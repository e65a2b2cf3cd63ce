#pragma once
// PDF pages drawn as images, so that an auditor can see a finding's figures
// where the report prints them (the audit page, output/audit_page.h). The
// image shows the page's crop box with its /Rotate applied: the same frame
// as every word box and SourceSpan::box, so a box in points maps onto the
// image by scale alone (px = pt * dpi / 72).
//
// Like read_pdf_pages, call this from one thread per process (poppler makes
// no thread-safety promise).

#include <string>
#include <vector>

#include "jixiao/extract/error.h"

namespace jixiao::extract {

struct PageImage {
  int page = 1;                        // 1-based
  double width_pt = 0, height_pt = 0;  // the page as drawn, in points
  int width_px = 0, height_px = 0;
  std::string png;                     // the bytes of a grey-scale PNG file
};

// Draws each of `pages` (1-based; numbers outside the document are skipped)
// of the PDF in `bytes` at `dpi`, grey-scale. `path` only names the file in
// errors, which are read_pdf's: empty, not a PDF, truncated, damaged,
// encrypted.
Result<std::vector<PageImage>> render_pdf_pages(const std::string& path, const std::string& bytes,
                                                const std::vector<int>& pages, double dpi);

}  // namespace jixiao::extract
