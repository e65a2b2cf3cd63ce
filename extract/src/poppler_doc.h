#pragma once
// Internal to extract/: opening a PDF with poppler's core API, the one way
// every reader of PDFs here does it (the text reader, the page renderer), so
// that they refuse the same files with the same messages.

#include <PDFDoc.h>

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

}  // namespace jixiao::extract::detail
