#pragma once
// A SourceSpan names a place in an extracted document, so that every value and
// every finding can be traced back to the page and line an auditor will look at.

#include <cstddef>
#include <string>
#include <string_view>

#include "jixiao/extract/box.h"

namespace jixiao::extract {

// How the text of a span was read. Only kExact text can carry an error
// finding: a figure read by a guess (a table column inferred from alignment,
// a wrapped cell joined back, a unit taken from a caption, OCR) can raise a
// warning that says so, never an error. Precision comes first.
enum class Reading {
  kExact,           // the text as written, or a cell of a ruled or delimited table
  kAlignedColumns,  // a table cell inferred from how words line up (PDF without rulings)
  kRepairedWrap,    // a cell wrapped over several lines, joined back by a reading of the rows
  kInferredUnit,    // a unit not printed beside the figure (from a column header or caption)
  kOcr,             // recognised from a page image
  kSplitCells,      // cells glued with no separator, split by the row's arithmetic
  kCutLine,         // a piece of an overlong line cut where no sentence ends (limits.h)
};

// Stable lower-case name ("aligned-columns"), for JSON and messages.
std::string_view reading_name(Reading reading);
// Says what the guess was, in Chinese then English, for a finding's message.
std::string_view reading_caveat(Reading reading);

struct SourceSpan {
  std::string document;  // path of the file as given by the user
  int page = 1;          // 1-based page; text files have a single page
  int line = 0;          // 1-based line on that page (text files: line in the file)
  std::size_t begin = 0; // byte range [begin, end) in Document::text
  std::size_t end = 0;
  std::string text;      // the original text of that range, as extracted
  Reading reading = Reading::kExact;
  // Where the text stands on `page` (PDF input): the union of its glyphs'
  // boxes, so that a page image can show it. Empty for text input, or where
  // the reader could not place it.
  Box box;
  // How sure OCR was of the span's least sure character, 0..100; -1 when
  // none of its characters was OCR'd.
  float confidence = -1;
};

}  // namespace jixiao::extract
