#pragma once
// A Document is the extracted text of one input file, split into lines that
// remember their page and line number. Stages above read lines and build
// SourceSpans from byte offsets into `text`.

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "jixiao/extract/limits.h"
#include "jixiao/extract/ocr.h"
#include "jixiao/extract/source_span.h"
#include "jixiao/extract/table.h"
#include "jixiao/extract/text_place.h"

namespace jixiao::extract {

struct Line {
  int page = 1;           // 1-based
  int number = 0;         // 1-based line number on its page
  std::size_t begin = 0;  // byte offsets of the line (without its end-of-line) in Document::text
  std::size_t end = 0;
  Reading reading = Reading::kExact;  // how the line's text was read (see source_span.h)
  // Page furniture: a page number, a form feed or the running title. Kept so
  // that line numbers stay the file's; no table row includes such a line.
  bool furniture = false;
};

struct Document {
  std::string path;      // as given by the user
  std::string format;    // "text" or "pdf"
  std::string encoding;  // "UTF-8", "UTF-16LE", "GB18030", ...; "PDF" for PDFs
  std::string sha256;    // hex digest of the file's bytes
  int pages = 1;
  std::string text;      // decoded UTF-8 text with '\n' line ends (CR and CRLF folded)
  std::vector<Line> lines;
  std::vector<Table> tables;  // the tables read from the layout or the separators, in reading order
  std::vector<Notice> notices;  // what the reader skipped or read in a reduced way (limits.h)
  // PDF input: where the words of `text` stand on their line's page, byte
  // offsets into `text`, sorted and disjoint. span() reads its box from them.
  std::vector<TextPlace> places;
  // PDF input: the pages read by OCR (ocr.h), in page order; empty otherwise.
  std::vector<OcrPage> ocr_pages;

  std::string_view line_text(std::size_t index) const;
  // A span covering bytes [begin, end) of line `index` (offsets relative to
  // the line), with the box of exactly those bytes' glyphs (PDF input).
  SourceSpan span(std::size_t index, std::size_t begin, std::size_t end) const;
  // A span covering the whole of line `index`.
  SourceSpan line_span(std::size_t index) const;
  // The union of the glyph boxes of bytes [begin, end) of `text` (from
  // `places`, each narrowed to those bytes' characters); empty without places.
  // With `reading` kExact, sets it to the guess of a word in that range read
  // by one (an OCR word Tesseract was unsure of).
  Box box_of(std::size_t begin, std::size_t end, Reading* reading = nullptr) const;
  // The least confidence OCR had in a character of bytes [begin, end) of
  // `text`, 0..100; -1 when none of them was OCR'd. Two readings of one name
  // are weighed by it.
  float least_confidence(std::size_t begin, std::size_t end) const;
};

// Builds a Document's lines from UTF-8 text ("\n", "\r\n" or "\r" line ends) on one page.
Document make_text_document(std::string path, std::string format, std::string encoding,
                            std::string sha256, std::string_view utf8_text);

// A line of a paged document as a reader produced it.
struct PagedLine {
  int page = 1;
  std::string text;
  Reading reading = Reading::kExact;
  // Where its words stand on `page` (PDF input), offsets into `text`, in order.
  std::vector<TextPlace> places = {};
};

// Builds a Document from lines that each name their page, as the overload
// below; their places move to the Document's (offsets into its text).
Document make_paged_document(std::string path, std::string format, std::string encoding, std::string sha256,
                             int pages, std::vector<PagedLine> lines);

// Builds a Document from lines that each name their page; lines are numbered
// from 1 on each page (the line a reader counts on that page of the PDF).
Document make_paged_document(std::string path, std::string format, std::string encoding, std::string sha256,
                             int pages, const std::vector<std::pair<int, std::string>>& lines);

// Reads every line longer than `max_line_bytes` as several lines (pieces)
// with the same page and line number, each at most that long: readers look
// around a figure within its line, so this bounds their work on a hostile
// line. A piece ends after the last sentence end (。！？) that fits, else after
// a clause mark (；，), else at a character boundary; a piece that does not end
// at a sentence end is read as Reading::kCutLine (a statement across the cut
// may be incomplete, so it can only warn). Table cells keep pointing at their
// text. Adds one Notice per cut line.
void cut_long_lines(Document& doc, std::size_t max_line_bytes);

// Gives each notice that names a page its `where` span: the first bytes of
// the line it names, or of the page's first line (the readers call this once
// the Document's lines are final).
void attach_notice_spans(Document& doc);

}  // namespace jixiao::extract
