#pragma once
// A Table is a grid of cells read from a document: from the ruling lines a PDF
// page draws (lattice), from words that line up in columns (stream), or from
// the separators of a text file (tabs, pipes, aligned spaces, one cell per line).
// Every way text gets in produces this one model, so the readers above never
// decide table structure again.
//
// A cell that spans rows (一级指标 merged over its level-3 rows) is one cell
// with row_span > 1; rows it covers below its first have no cell of their own
// in that column. Each cell keeps its lines as printed (a wrapped name is two
// lines of one cell) and its box on the page, so a finding can point at it.

#include <cstddef>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "jixiao/extract/box.h"
#include "jixiao/extract/text_place.h"

namespace jixiao::extract {

// How a table's structure was read. The first is exact; the others rest on a
// reading of alignment or separators that can be wrong, and findings that rest
// on them are at most warnings (see docs/design.md, "precision first").
enum class TableSource {
  kRuled,      // PDF: cells bounded by the ruling lines the page draws
  kAligned,    // PDF: columns from how words line up (no rulings)
  kDelimited,  // text: tab- or pipe-separated cells
  kSpaced,     // text: columns separated by runs of spaces
  kCellLines,  // text: one cell per line (docx/xls conversions)
};

std::string_view table_source_name(TableSource source);

// True when the source reads cell boundaries without a guess.
bool is_exact(TableSource source);

// Where one line of a cell stands in the Document: a line index and a byte
// range within that line (Document::span turns it into a SourceSpan).
struct CellPlace {
  std::size_t line = 0;
  std::size_t begin = 0, end = 0;
};

struct TableCell {
  int row = 0, col = 0;           // 0-based position of the cell's top-left grid slot
  int row_span = 1, col_span = 1;
  std::vector<std::string> lines; // the cell's text lines, top to bottom, as printed
  // Parallel to `lines` once the table is part of a Document: where each line
  // stands. A PDF table's row is written as one line, so every line of a
  // cell there points at the cell's range in its row's line.
  std::vector<CellPlace> places;
  int page = 1;                   // the page its first line is on
  Box box;                        // on that page; empty for text input
  // While the layout reads a PDF table, parallel to `lines` (or empty): where
  // the words of each line stand on `page`, offsets into that line. A line
  // joined from another page (a cell cut by a page break) has none: its glyphs
  // are not on `page`. When the table's rows are written, these become the
  // row lines' places (Document::places, so Document::span boxes a cell's
  // text: the ink inside `box`, which for a ruled table is the cell's frame)
  // and are cleared: a Document holds each place once.
  std::vector<std::vector<TextPlace>> words = {};

  // The lines joined as one cell value: CJK wraps join without a space.
  std::string text() const;
};

struct Table {
  TableSource source = TableSource::kRuled;
  int first_page = 1, last_page = 1;
  int rows = 0, cols = 0;
  std::vector<TableCell> cells;   // in row-major order of their top-left slot
  // The Document line each grid row became (index into Document::lines), so
  // that a value read from a row names the page and line an auditor finds.
  std::vector<std::size_t> row_lines;

  // The cells whose top-left slot is on `row`, left to right (binary search:
  // `cells` is kept in row-major order by every reader that makes a Table).
  std::span<const TableCell> row_cells(int row) const;
  // The cell whose top-left slot is (row, col), or nullptr (covered by a span, or empty).
  const TableCell* at(int row, int col) const;
  // The cell that covers slot (row, col), spans included, or nullptr.
  const TableCell* covering(int row, int col) const;
};

}  // namespace jixiao::extract
