#pragma once
// Internal to normalize/: the rows a table reader walks. Where the extract
// stage read a Table (ruled PDF cells, a text table with its wrapped names
// joined and its page furniture left out), the rows are that Table's; where
// none covers the text, they are the document's lines split at their
// separators, as plain-text reports print tables.

#include <cstddef>
#include <deque>
#include <optional>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "jixiao/extract/document.h"
#include "jixiao/text/text.h"
#include "vocabulary.h"

namespace jixiao::normalize {

struct SourceRow {
  std::size_t line = 0;
  std::vector<text::Cell> cells;  // the non-empty cells that start on this row, left to right
  bool blank = false;
  bool continues = false;   // a row that cannot end the table by its shape (an indented line, a Table row)
};

// For each line of `doc`: the Table and row it is, or {-1, -1}.
std::vector<std::pair<int, int>> table_rows_by_line(const extract::Document& doc);

// The non-empty cells that start on row `row` of `table`, whose line is `line`
// (texts owned by `storage`; byte ranges are the cells' places on that line).
std::vector<text::Cell> table_cells(const extract::Table& table, int row, std::size_t line,
                                    std::deque<std::string>& storage);

// The key a header cell is matched by: its name_key without the marks a
// header cell never ends with but OCR may read after it ("分值，", "全年执行数.",
// vocabulary::kHeaderStrayMarks).
std::string header_key(std::string_view cell);

// A name cell without one mark of `marks` at its end when it holds no other
// clause mark ("群众文化活动参与人次，" is a name; "资金到位，执行率较高，" is a
// sentence). By default the marks a name may end with wherever the cell
// stands (vocabulary::kNameStrayMarks); a cell a form's name column holds
// may end with any (kFormNameStrayMarks).
std::string_view without_stray_mark(std::string_view cell,
                                    std::span<const std::string_view> marks = vocabulary::kNameStrayMarks);

// The cells of line `line`: of its Table row where it is one, else split at its separators.
std::vector<text::Cell> line_cells(const extract::Document& doc,
                                   const std::vector<std::pair<int, int>>& by_line, std::size_t line,
                                   std::deque<std::string>& storage);

// A cell with its column: the Table's grid column, or for a delimited line
// (or one no Table covers), its place among the line's tab- or
// pipe-separated cells, empty cells counted. A form is read by column position because its empty cells
// (a blank target, a blank remark) would otherwise shift the cells after them.
struct PlacedCell {
  text::Cell cell;
  int col = 0;
};

// The placed cells of line `line` that hold text; empty when the line has no
// Table row and no tab or pipe.
std::vector<PlacedCell> placed_cells(const extract::Document& doc, const std::vector<std::pair<int, int>>& by_line,
                                     std::size_t line, std::deque<std::string>& storage);

// The rows after a table's first line.
class Rows {
 public:
  // The rows after `first_line`; of `table` (whose row `first_row` is on that line) when given.
  // The texts of Table cells live as long as the Rows, or in `storage` when
  // the caller keeps cells beyond it.
  Rows(const extract::Document& doc, const extract::Table* table, int first_row, std::size_t first_line,
       std::deque<std::string>* storage = nullptr)
      : doc_(doc), table_(table), row_(first_row), line_(first_line), storage_(storage ? storage : &own_) {}
  Rows(const Rows&) = delete;
  Rows& operator=(const Rows&) = delete;

  // The next row, or nullopt at the end of the table or the document.
  std::optional<SourceRow> next();

  // Where the scan for the next table resumes: the row the reader stopped at,
  // or the line after the last row read.
  std::size_t resume() const { return stop_ ? *stop_ : line_ + 1; }
  void stop_at(std::size_t line) { stop_ = line; }

 private:
  const extract::Document& doc_;
  const extract::Table* table_;
  int row_;
  std::size_t line_;
  std::optional<std::size_t> stop_;
  std::deque<std::string> own_;
  std::deque<std::string>* storage_;
};

}  // namespace jixiao::normalize
