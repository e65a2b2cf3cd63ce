// Overlong lines read in pieces. The readers above extract look around each
// figure within its line (back to the clause or sentence start, forward to its
// end), so a line of 100,000 characters full of figures costs them the square
// of its length. No report prints such a line: a long paragraph is a few
// thousand characters. So a line longer than the limit is cut into pieces
// that each become a Line of their own, with the page and line number of the
// original (provenance stays exact: a span on a piece names the file's line
// and its own bytes).
//
// A cut falls after the last sentence end that fits in the piece, so that
// sentence-level readers see whole sentences; failing that after a clause
// mark, failing that at a character boundary. Only a piece that ends where no
// sentence ends is marked Reading::kCutLine: a list or statement across such
// a cut may be incomplete, so what rests on it can only warn.
//
// Tables keep pointing at their text: a row line or a cell place on a cut
// line moves to the piece that holds its first byte.

#include <algorithm>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "jixiao/extract/document.h"
#include "jixiao/extract/utf8.h"

namespace jixiao::extract {
namespace {

constexpr std::string_view kSentenceEnds[] = {"。", "！", "？", "!", "?"};
constexpr std::string_view kClauseEnds[] = {"；", ";", "，", ",", "、", " ", "\t"};

// The end of the last of `marks` that lies within [from, limit) of `text`, or 0.
std::size_t last_mark_end(std::string_view text, std::size_t from, std::size_t limit,
                          std::span<const std::string_view> marks) {
  const std::string_view window = text.substr(from, limit - from);
  std::size_t best = 0;
  for (std::string_view m : marks) {
    const std::size_t at = window.rfind(m);
    if (at != std::string_view::npos) best = std::max(best, from + at + m.size());
  }
  return best;
}

struct Piece {
  std::size_t begin = 0, end = 0;  // offsets within the line
  bool at_sentence_end = true;
};

// Pieces of `text`, each at most `max` bytes (max >= 4, so a character fits).
std::vector<Piece> cut(std::string_view text, std::size_t max) {
  std::vector<Piece> out;
  std::size_t begin = 0;
  while (text.size() - begin > max) {
    const std::size_t limit = begin + max;
    // A mark in the first half of the piece would leave many small pieces:
    // look for marks only in its second half.
    const std::size_t from = begin + max / 2;
    Piece p{begin, last_mark_end(text, from, limit, kSentenceEnds), true};
    if (p.end == 0) {
      p.at_sentence_end = false;
      p.end = last_mark_end(text, from, limit, kClauseEnds);
    }
    if (p.end == 0) {
      p.end = utf8_floor(text, limit);
      if (p.end <= begin) p.end = limit;  // not UTF-8 (cannot happen: Documents are)
    }
    out.push_back(p);
    begin = p.end;
  }
  out.push_back(Piece{begin, text.size(), true});
  return out;
}

std::string describe_cut(const Line& line, std::size_t bytes, std::size_t pieces, std::size_t max) {
  const std::string where = "第 " + std::to_string(line.page) + " 页第 " + std::to_string(line.number) + " 行";
  return where + "长 " + std::to_string(bytes) + " 字节，超过每行 " + std::to_string(max) + " 字节的上限，分 " +
         std::to_string(pieces) + " 段读取 (line " + std::to_string(line.number) + " of page " +
         std::to_string(line.page) + " is " + std::to_string(bytes) + " bytes, over the " + std::to_string(max) +
         "-byte line limit: read in " + std::to_string(pieces) + " pieces)";
}

}  // namespace

void cut_long_lines(Document& doc, std::size_t max_line_bytes) {
  max_line_bytes = std::max<std::size_t>(max_line_bytes, 16);
  const bool any = std::any_of(doc.lines.begin(), doc.lines.end(),
                               [&](const Line& l) { return l.end - l.begin > max_line_bytes; });
  if (!any) return;
  std::vector<Line> lines;
  // For each old line, the index of its first piece; and each piece's old line.
  std::vector<std::size_t> first_piece(doc.lines.size());
  for (std::size_t i = 0; i < doc.lines.size(); ++i) {
    const Line& l = doc.lines[i];
    first_piece[i] = lines.size();
    if (l.end - l.begin <= max_line_bytes) {
      lines.push_back(l);
      continue;
    }
    const std::vector<Piece> pieces = cut(std::string_view(doc.text).substr(l.begin, l.end - l.begin), max_line_bytes);
    for (const Piece& p : pieces) {
      Line piece = l;
      piece.begin = l.begin + p.begin;
      piece.end = l.begin + p.end;
      if (!p.at_sentence_end && piece.reading == Reading::kExact) piece.reading = Reading::kCutLine;
      lines.push_back(piece);
    }
    doc.notices.push_back(Notice{"max_line_bytes", describe_cut(l, l.end - l.begin, pieces.size(), max_line_bytes),
                                 l.page, l.number, false, {}});
  }
  // The piece of old line `i` that holds byte `offset` of it.
  const auto piece_of = [&](std::size_t i, std::size_t offset) {
    const std::size_t last = i + 1 < first_piece.size() ? first_piece[i + 1] : lines.size();
    std::size_t k = first_piece[i];
    while (k + 1 < last && lines[k + 1].begin <= doc.lines[i].begin + offset) ++k;
    return k;
  };
  for (Table& t : doc.tables) {
    for (std::size_t& row : t.row_lines) row = first_piece.at(row);
    for (TableCell& c : t.cells)
      for (CellPlace& p : c.places) {
        const std::size_t old = p.line;
        const std::size_t k = piece_of(old, p.begin);
        const std::size_t shift = lines[k].begin - doc.lines[old].begin;
        const std::size_t size = lines[k].end - lines[k].begin;
        p.line = k;
        p.begin = std::min(p.begin - shift, size);
        p.end = std::min(p.end >= shift ? p.end - shift : 0, size);
      }
  }
  doc.lines = std::move(lines);
}

}  // namespace jixiao::extract
