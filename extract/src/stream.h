#pragma once
// Internal to extract/: stream tables, the tables a PDF page prints without
// ruling lines, read from how their words line up (Camelot's stream mode, the
// fallback to lattice.h). Nothing here knows what a table is about: a header
// is a row of short word cells with figures lined up under some of them, and
// the columns that hold figures are the value columns.

#include <optional>
#include <string>
#include <vector>

#include "jixiao/extract/layout.h"
#include "jixiao/extract/table.h"
#include "words.h"

namespace jixiao::extract::detail {

struct StreamColumn {
  double x0 = 0, x1 = 0;  // the header cell's extent
  bool value = false;     // figures stand under it in the body
};

// A stream table's columns, from its header row.
struct StreamTable {
  std::vector<StreamColumn> columns;
  std::vector<double> bounds;            // boundaries between columns
  std::vector<std::vector<const TextBox*>> header;  // the header row's boxes, by column
  std::string header_key;                // squeezed header text, to skip repeated headers
  int first_name = 0;                    // the first text column (a serial column may precede it)
  int deepest_name = -1;                 // the last of the text columns from first_name on; those
                                         // before it may hold merged cells
  double x_min = 0, x_max = 0;

  int column_of(const TextBox& b) const;
};

// The stream table whose header is rows[i], or nullopt. A header is a row of
// at least three short cells, none a figure; the rows under it that can belong
// to a table (fits, no gap a table leaves) must put figures under at least one
// of its cells in at least two rows.
std::optional<StreamTable> stream_header(const std::vector<Row>& rows, std::size_t i);

// A row that can belong to the table body: no box reads like a paragraph.
bool fits(const StreamTable& t, const Row& row);

// True when `next` stands further below `last` than rows of a table do.
bool table_gap(const Row& last, const Row& next);

// A row that closes a table: a cell of its own reads 合计, 总计 or 总分.
bool is_total_row(const Row& row);

// The body rows of a stream table on one page as grid rows (row 0 is the first
// of them). `continuation`: the table went on from the page before and its last
// row there was no subtotal, so the first rows here may belong to a cell begun
// there; `ends_open` says the same for the next page.
struct StreamRows {
  int rows = 0;
  std::vector<TableCell> cells;  // row-major, with their lines, box and page
};
StreamRows read_stream_rows(const StreamTable& t, const std::vector<const Row*>& body, bool continuation,
                            int page, bool& ends_open);

// The header row as the grid row 0 of a new Table (source kAligned).
Table stream_header_table(const StreamTable& t, int page);

}  // namespace jixiao::extract::detail
