#pragma once
// Internal to extract/: the pages of a PDF read by OCR (ocr_pages.cc), for
// read_pdf to put in place of their empty text layer.

#include <string>
#include <vector>

#include "jixiao/extract/error.h"
#include "jixiao/extract/layout.h"
#include "jixiao/extract/limits.h"
#include "jixiao/extract/ocr.h"

namespace jixiao::extract::detail {

struct OcrOutcome {
  std::vector<PageBoxes> pages;  // one per page asked for, in that order
  std::vector<OcrPage> summaries;
};

// Draws and recognises `pages` (1-based) of the PDF in `bytes`, `options`
// .threads at a time. A page past options.page_seconds adds a notice. Errors:
// the PDF's own (as read_pdf's), Tesseract without its chi_sim data, or the
// OCR module not found. Defined in ocr_loader.cc, which loads the module
// (ocr_module.h) on first use and calls its ocr_pdf_pages_here.
Result<OcrOutcome> ocr_pdf_pages(const std::string& path, const std::string& bytes, const std::vector<int>& pages,
                                 const OcrOptions& options, std::vector<Notice>* notices);

// Letters, digits and ideographs in `text`: what tells a text layer (or an
// OCR reading) from stray marks.
int count_letters(const std::string& text);

}  // namespace jixiao::extract::detail
