#pragma once
// Where a run of text stands on a PDF page: a byte range of a line (or of a
// Document's text) and the box its glyphs fill, with the x edges of its
// characters, so that part of a word ("95.3%" in "年预算执行率95.3%") can be
// boxed on its own. The layout keeps one per word it writes into a line;
// Document::span turns them into a SourceSpan's box.

#include <cstddef>
#include <string_view>
#include <vector>

#include "jixiao/extract/box.h"
#include "jixiao/extract/source_span.h"

namespace jixiao::extract {

struct TextPlace {
  std::size_t begin = 0, end = 0;  // byte range [begin, end)
  Box box;                         // the word's box on the page (layout.h: TextBox)
  // The x of each character's left edge and of the last one's right edge:
  // one more than the characters (code points) in [begin, end). Empty when
  // the characters are not known apart (a rotated word): the box covers all.
  // float: a point's thousandth is plenty, and words are many.
  std::vector<float> edges = {};
  // kExact, or the guess its word was read by (an OCR word below the
  // confidence threshold): a span over it reads so (Document::span).
  Reading reading = Reading::kExact;
  // An OCR'd word's confidence in each character (TextBox::confidences);
  // empty for print.
  std::vector<float> confidences = {};
};

// The least confidence OCR had in a character of bytes [begin, end) of
// `text` within `place` (the index of `place`); -1 when OCR read none of
// them (print), or when its confidences are not this word's characters.
float least_confidence(const TextPlace& place, std::string_view text, std::size_t begin, std::size_t end);

// The box of bytes [begin, end) of `text` clamped to `place`: the place's
// box narrowed to the characters those bytes touch by its edges, or the
// whole box when it has none (or they do not match its characters). `text`
// is the string the place's offsets index. Empty when the ranges do not
// overlap.
Box narrow(const TextPlace& place, std::string_view text, std::size_t begin, std::size_t end);

// The smallest box holding both; an empty box holds nothing.
Box unite(const Box& a, const Box& b);

}  // namespace jixiao::extract
