#pragma once
// Lattice tables: the tables a PDF page draws with ruling lines, read the way
// Camelot's lattice mode and Tabula read them. The grid comes from where the
// rulings cross; a slot boundary that no ruling covers is a merged cell; each
// word goes to the cell that holds its centre. Merged cells, vertically centred
// labels and names wrapped inside their cell then come out exact, with no
// reading of alignment at all. Pure geometry, no PDF library.

#include <vector>

#include "jixiao/extract/layout.h"
#include "jixiao/extract/table.h"

namespace jixiao::extract {

// One ruled table on one page: the grid, and which of the page's boxes it took.
struct RuledTable {
  Table table;                      // source kRuled, one page; row_lines left empty
  Box box;                          // the outer frame
  std::vector<double> row_tops;     // y of each grid row's top edge, rows + 1 values
  std::vector<double> col_edges;    // x of each column's left edge, cols + 1 values
  std::vector<std::size_t> boxes;   // indices into PageBoxes::boxes of the words inside
  // Rows read by a guess: a ruled row that held several records (no ruling
  // between them) was split where its figures stand. Parallel to the rows.
  std::vector<bool> guessed_rows;
};

// Every ruled table on the page, top to bottom. A frame around a single
// block of text (one row or one column) is not a table. A ruled row whose
// cells hold several figures one above the other (a table that rules its
// columns but not its rows) is split into one row per figure line, and those
// rows are marked as guessed.
std::vector<RuledTable> find_ruled_tables(const PageBoxes& page);

}  // namespace jixiao::extract
