#pragma once
// Limits on the work one input may cause. jixiao reads untrusted files by the
// thousand; a hostile or broken file must end in a result or a clear error
// within seconds and bounded memory, never stall a batch. Every reader's cost
// is linear in the bytes it reads, plus, for a few readers, a bounded look
// around each figure within its line: the limits below bound those terms.
//
// A limit the input exceeds is either an error (the file is refused before
// it is read: it cannot be a report) or a Notice on the Document (the reader
// read less than the whole and says what it skipped; a notice that makes the
// reading partial turns every error finding into a warning downstream).

#include <cstddef>
#include <string>
#include <string_view>

#include "jixiao/extract/ocr.h"
#include "jixiao/extract/source_span.h"

namespace jixiao::extract {

struct ReadLimits {
  // A PDF larger than this is refused unread (error). Reports are a few MB;
  // scanned ones with images reach tens of MB.
  std::size_t max_file_bytes = std::size_t{256} << 20;
  // A text file, or its decoded text, larger than this is refused (error; a
  // text file is refused unread): a 500-page report is about 1.5 MB of text.
  std::size_t max_text_bytes = std::size_t{16} << 20;
  // A text with more lines is refused (error): a 500-page report has about 25,000.
  std::size_t max_lines = 200'000;
  // A longer line is read in pieces, cut at sentence ends where it can be
  // (notice): readers look around each figure within its line, so the line's
  // length bounds that work. A paragraph of 2,500 Chinese characters is 7.5 KB.
  std::size_t max_line_bytes = 8 << 10;
  // Pages past this are not read (notice; partial).
  std::size_t max_pages = 5'000;
  // A PDF page with more characters is read character by character instead of
  // through poppler's word grouping, whose cost grows with the square of a
  // page's scattered words (notice). A dense A4 page holds about 2,500.
  std::size_t max_page_chars = 5'000;
  // How many processes read the pages of one PDF (page_processes.h): a PDF
  // of at least parallel_min_pages pages is split into that many runs of
  // consecutive pages, one a process, and merged back in page order. 1: the
  // calling process reads every page. Not a limit on the input but on the
  // machine it may use; the CLI sets it to the number of cores.
  int page_workers = 1;
  std::size_t parallel_min_pages = 64;
  // Whether and how pages without a text layer are read by OCR (ocr.h); its
  // page_seconds bounds one page's recognition (notice; partial).
  OcrOptions ocr;
};

// Something a reader skipped or read in a reduced way, and why. The limit's
// name is the ReadLimits / BuildLimits field ("max_line_bytes").
struct Notice {
  std::string limit;    // "max_line_bytes"; "" when no limit is involved
  std::string message;  // one sentence, Chinese then English
  int page = 0;         // where it happened, when one place (0: the whole document)
  int line = 0;         // 0 with a page: the page as a whole
  bool partial = false;  // part of the input was not read at all
  // The place as a span: the start of that line (or of the page's first
  // line), quoted, so an auditor finds it. Filled by attach_notice_spans.
  SourceSpan where;
};

}  // namespace jixiao::extract
