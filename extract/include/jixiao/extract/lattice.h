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
};

// Every ruled table on the page, top to bottom. A frame around a single
// block of text (one row or one column) is not a table.
std::vector<RuledTable> find_ruled_tables(const PageBoxes& page);

}  // namespace jixiao::extract
