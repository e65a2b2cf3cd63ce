#pragma once
// Internal to extract/: the OCR module. Tesseract and Leptonica bring 39
// shared libraries (libcurl, gnutls, krb5, ldap, image codecs), all bound at
// load time: linked into jixiao they cost every run, OCR or not, more than
// poppler's own reading of a short PDF. So the OCR code (ocr_pages.cc,
// scan_image.cc, scan_cells.cc) is built as a module, libjixiao_ocr.so,
// which ocr_loader.cc loads with dlopen on the first page that needs OCR.
//
// The module and the program come from one build (same compiler, same
// headers), so the entry passes C++ types; its version guards against a
// stale module left beside a newer program.

#include <string>
#include <vector>

#include "ocr_pages.h"

namespace jixiao::extract::detail {

inline constexpr int kOcrModuleVersion = 1;

struct OcrModuleEntry {
  int version;
  Result<OcrOutcome> (*ocr_pdf_pages)(const std::string& path, const std::string& bytes,
                                      const std::vector<int>& pages, const OcrOptions& options,
                                      std::vector<Notice>* notices);
};

}  // namespace jixiao::extract::detail

// Exported by the module: its entry, never null.
extern "C" const jixiao::extract::detail::OcrModuleEntry* jixiao_ocr_module_entry();
