#pragma once
// Internal to extract/: reading the pages of one large PDF in several
// processes (page_processes.cc), and the one-process reading it splits.

#include <PDFDoc.h>

#include <string>
#include <vector>

#include "jixiao/extract/error.h"
#include "jixiao/extract/layout.h"
#include "jixiao/extract/limits.h"

namespace jixiao::extract::detail {

// Pages first..last (1-based, inclusive) of an open document, in order: the
// reading of pdf_reader.cc. Notices of crowded pages go to `notices`.
std::vector<PageBoxes> read_page_span(PDFDoc& doc, int first, int last, const ReadLimits& limits,
                                      std::vector<Notice>* notices);

// Pages 1..last of `doc`, read by limits.page_workers processes when last is
// at least limits.parallel_min_pages (else by this one): the same pages and
// notices, in the same order, as read_page_span(doc, 1, last). An error only
// when a reading process died of a signal (poppler crashed on those pages);
// a process that could not start or failed otherwise has its pages read here.
Result<std::vector<PageBoxes>> read_pages_in_processes(const std::string& path, PDFDoc& doc, int last,
                                                       const ReadLimits& limits, std::vector<Notice>* notices);

// The wire form of read pages and their notices, between processes of one
// program (same build): encode, and decode what encode wrote; false for
// bytes that are not a whole encoding.
std::string encode_pages(const std::vector<PageBoxes>& pages, const std::vector<Notice>& notices);
bool decode_pages(std::string_view bytes, std::vector<PageBoxes>& pages, std::vector<Notice>& notices);

}  // namespace jixiao::extract::detail
