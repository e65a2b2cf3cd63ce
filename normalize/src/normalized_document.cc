// The document the readers of normalize/ see. PDF and text extraction hand over
// lines as printed: full-width digits, Kangxi radicals, spaces between
// characters. Every reader wants one spelling, so each line goes through
// normalize_line() once, here, and the readers work on the result as if it
// were the document (tables included: cell texts normalized, cell places moved
// to the normalized offsets). Findings must quote the report as printed, so
// every span a reader makes is mapped back through the line's offset map.
// A number normalize_line() repaired (OCR damage: "9 7. 6分", "1O0分"), or
// left alone as doubtful ("2 45.6万元"), makes every span quoting it a guess
// (Reading::kOcr).
// A document in traditional characters is folded to simplified on the way
// (one folder per document: ICU transliterators are not thread-safe); a
// simplified one is left exactly as normalize_line() alone leaves it.

#include <algorithm>
#include <memory>
#include <string>
#include <utility>

#include "builder.h"

namespace jixiao::normalize::internal {
namespace {

using text::NormalizedText;
using text::normalize_line;

// The normalized offset that original offset `original` of a line maps to.
std::size_t normalized_offset(const NormalizedText& n, std::size_t original) {
  const auto it = std::lower_bound(n.to_original.begin(), n.to_original.end(), original);
  return static_cast<std::size_t>(it - n.to_original.begin());
}

// The Document's tables over its normalized lines: each cell's text and places
// as the parsers see them.
// normalize_line(), folding traditional characters when `folder` is given.
NormalizedText normalized(std::string_view line, text::TraditionalFolder* folder) {
  return folder ? normalize_line(line, *folder) : normalize_line(line);
}

std::vector<extract::Table> normalized_tables(const std::vector<extract::Table>& tables,
                                              const std::vector<NormalizedText>& lines,
                                              text::TraditionalFolder* folder) {
  std::vector<extract::Table> out = tables;
  for (extract::Table& t : out)
    for (extract::TableCell& c : t.cells) {
      for (std::string& l : c.lines) l = normalized(l, folder).text;
      for (extract::CellPlace& p : c.places) {
        if (p.line >= lines.size()) continue;
        p.begin = normalized_offset(lines[p.line], p.begin);
        p.end = normalized_offset(lines[p.line], p.end);
      }
    }
  return out;
}

}  // namespace

NormalizedDocument normalize_document(const extract::Document& doc) {
  NormalizedDocument n{doc, {}, {}};
  std::unique_ptr<text::TraditionalFolder> traditional;
  if (text::looks_traditional(doc.text)) traditional = std::make_unique<text::TraditionalFolder>();
  std::string joined;
  n.lines.reserve(doc.lines.size());
  for (std::size_t i = 0; i < doc.lines.size(); ++i) {
    n.lines.push_back(normalized(doc.line_text(i), traditional.get()));
    if (i > 0) joined.push_back('\n');
    joined += n.lines.back().text;
  }
  n.doc = extract::make_text_document(doc.path, doc.format, doc.encoding, doc.sha256, joined);
  n.doc.tables = normalized_tables(doc.tables, n.lines, traditional.get());
  for (std::size_t i = 0; i < doc.lines.size() && i < n.doc.lines.size(); ++i) {
    n.doc.lines[i].furniture = doc.lines[i].furniture;
    n.doc.lines[i].reading = doc.lines[i].reading;
  }
  return n;
}

extract::SourceSpan NormalizedDocument::span(std::size_t line, std::size_t begin, std::size_t end) const {
  if (line >= lines.size()) return original.span(line, begin, end);
  const auto [b, e] = lines[line].original_range(begin, end);
  extract::SourceSpan s = original.span(line, b, e);
  // A number normalize_line() repaired (OCR) is a guess: say so on every span that quotes it.
  if (s.reading == extract::Reading::kExact)
    for (const auto* ranges : {&lines[line].repaired, &lines[line].doubtful})
      for (const auto& [rb, re] : *ranges)
        if (rb < e && b < re) s.reading = extract::Reading::kOcr;
  return s;
}

model::Observation NormalizedDocument::observation(model::SourceKind kind, std::string name, std::size_t line,
                                                   std::size_t begin, std::size_t end, int table) const {
  model::Observation o;
  o.kind = kind;
  o.name = std::move(name);
  o.span = span(line, begin, end);
  o.table = table;
  return o;
}

}  // namespace jixiao::normalize::internal
