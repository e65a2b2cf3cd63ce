#pragma once
// Reads a PDF's text layer with poppler-cpp into a Document, one page at a
// time, through the geometry of layout.h. Errors are values: a damaged or
// truncated file, a user password, or no text layer at all ("scanned image?").
//
// poppler makes no thread-safety promise (see docs/pdf.md): call this from one
// thread per process. It keeps no state between calls.

#include <string>

#include "jixiao/extract/document.h"
#include "jixiao/extract/error.h"

namespace jixiao::extract {

Result<Document> read_pdf(const std::string& path, const std::string& bytes);

}  // namespace jixiao::extract
