#pragma once
// The geometry of a PDF's pages, before layout: every page's word boxes and
// the ruling lines it draws (layout.h: PageBoxes), read with poppler's core
// API in one pass over each page's content stream. read_pdf (pdf_reader.h)
// lays these pages out into a Document; the lattice builder reads the rulings.
//
// Errors are values, the same as read_pdf's: empty file, not a PDF, truncated,
// damaged, encrypted with a user password, no pages. Pages without words are
// returned as they are (read_pdf turns "no word on any page" into its "no text
// layer" error).
//
// poppler makes no thread-safety promise (see docs/pdf.md): call this from one
// thread per process. It keeps no state of its own between calls.

#include <string>
#include <vector>

#include "jixiao/extract/error.h"
#include "jixiao/extract/layout.h"
#include "jixiao/extract/limits.h"

namespace jixiao::extract {

// `path` only names the file in errors; `bytes` are the file's content.
// Reads at most limits.max_pages pages; a page with more than
// limits.max_page_chars characters gets its words from the characters in
// drawing order instead of poppler's grouping. Either adds a Notice to
// `notices` when given.
Result<std::vector<PageBoxes>> read_pdf_pages(const std::string& path, const std::string& bytes,
                                              const ReadLimits& limits = {}, std::vector<Notice>* notices = nullptr);

}  // namespace jixiao::extract
