#pragma once
// Reads a PDF into a Document: the word boxes and ruling lines of every page
// (read_pdf_pages, pdf_pages.h: poppler's core API, one pass per page) laid
// out by layout.h. Errors are values: an empty, damaged or truncated file, a
// user password, or no text layer at all ("scanned image?").
//
// poppler makes no thread-safety promise (see docs/pdf.md): call this from one
// thread per process. It keeps no state of its own between calls.

#include <string>

#include "jixiao/extract/document.h"
#include "jixiao/extract/error.h"
#include "jixiao/extract/limits.h"

namespace jixiao::extract {

Result<Document> read_pdf(const std::string& path, const std::string& bytes, const ReadLimits& limits = {});

}  // namespace jixiao::extract
