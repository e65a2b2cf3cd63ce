// The rows of a table for the readers: a Table's grid rows (cells read by the
// extract stage, spans left out as plain text prints them, rows on furniture
// lines skipped) or a document's lines split at tabs and runs of spaces. One
// source means the score-table and budget-table readers see ruled PDF tables,
// wrapped text tables and plain lines alike.

#include "table_rows.h"

#include "vocabulary.h"

namespace jixiao::normalize {

using text::Cell;
using text::split_cells;
using text::trim;

namespace {

bool starts_with_separator(std::string_view line) {
  return !line.empty() && (line[0] == '\t' || line[0] == ' ' || line.starts_with("\xE3\x80\x80"));
}

}  // namespace

std::vector<std::pair<int, int>> table_rows_by_line(const extract::Document& doc) {
  std::vector<std::pair<int, int>> by_line(doc.lines.size(), {-1, -1});
  for (std::size_t t = 0; t < doc.tables.size(); ++t)
    for (std::size_t r = 0; r < doc.tables[t].row_lines.size(); ++r)
      if (doc.tables[t].row_lines[r] < doc.lines.size())
        by_line[doc.tables[t].row_lines[r]] = {static_cast<int>(t), static_cast<int>(r)};
  return by_line;
}

std::vector<Cell> table_cells(const extract::Table& table, int row, std::size_t line,
                              std::deque<std::string>& storage) {
  std::vector<Cell> cells;
  for (const extract::TableCell& c : table.row_cells(row)) {
    std::string text = c.text();
    if (trim(text).empty()) continue;
    Cell cell;
    for (const extract::CellPlace& p : c.places)
      if (p.line == line) {
        cell.begin = p.begin;
        cell.end = p.end;
        break;
      }
    storage.push_back(std::move(text));
    cell.text = trim(storage.back());
    cells.push_back(cell);
  }
  return cells;
}

std::string header_key(std::string_view cell) {
  std::string key = text::name_key(cell);
  for (bool stripped = true; stripped;) {
    stripped = false;
    for (std::string_view mark : vocabulary::kHeaderStrayMarks)
      if (key.size() > mark.size() && key.ends_with(mark)) {
        key.resize(key.size() - mark.size());
        stripped = true;
      }
  }
  return key;
}

std::string_view without_stray_mark(std::string_view cell, std::span<const std::string_view> marks) {
  cell = trim(cell);
  for (std::string_view mark : marks) {
    if (cell.size() <= mark.size() || !cell.ends_with(mark)) continue;
    const std::string_view rest = cell.substr(0, cell.size() - mark.size());
    for (std::string_view other : vocabulary::kHeaderStrayMarks)
      if (other != "." && rest.find(other) != std::string_view::npos) return cell;
    return trim(rest);
  }
  return cell;
}

std::vector<Cell> line_cells(const extract::Document& doc, const std::vector<std::pair<int, int>>& by_line,
                             std::size_t line, std::deque<std::string>& storage) {
  const auto [t, r] = by_line[line];
  if (t >= 0) return table_cells(doc.tables[static_cast<std::size_t>(t)], r, line, storage);
  return split_cells(doc.line_text(line));
}

std::vector<PlacedCell> placed_cells(const extract::Document& doc, const std::vector<std::pair<int, int>>& by_line,
                                     std::size_t line, std::deque<std::string>& storage) {
  std::vector<PlacedCell> out;
  const auto [t, r] = by_line[line];
  // A delimited line says its columns itself; the Table made of it numbers a
  // row's cells after dropping its empty leading ones (spans of the cells
  // above) and may have joined a line into the next as a wrapped name.
  if (t >= 0 && doc.tables[static_cast<std::size_t>(t)].source != extract::TableSource::kDelimited) {
    const extract::Table& table = doc.tables[static_cast<std::size_t>(t)];
    const std::vector<Cell> cells = table_cells(table, r, line, storage);
    // table_cells() keeps the non-empty cells of the row in order; their columns come from the grid.
    std::size_t k = 0;
    for (const extract::TableCell& c : table.row_cells(r)) {
      if (trim(c.text()).empty()) continue;
      if (k < cells.size()) out.push_back({cells[k++], c.col});
    }
    return out;
  }
  const std::string_view text = doc.line_text(line);
  // A pipe row opens with a separator ("| a | b |"), or not, when a text
  // export printed only the separators between cells ("a | b | ||||").
  const bool leading_pipe = trim(text).starts_with("|");
  const bool pipes = leading_pipe || (t >= 0 && text.find('\t') == std::string_view::npos &&
                                      text.find('|') != std::string_view::npos);
  const char separator = pipes ? '|' : '\t';
  if (!pipes && text.find('\t') == std::string_view::npos) return out;
  int col = leading_pipe ? -1 : 0;
  std::size_t begin = 0;
  for (std::size_t i = 0; i <= text.size(); ++i) {
    if (i < text.size() && text[i] != separator) continue;
    const std::string_view piece = text.substr(begin, i - begin);
    const std::string_view cell = trim(piece);
    if (!cell.empty() && col >= 0) {
      const std::size_t at = begin + static_cast<std::size_t>(cell.data() - piece.data());
      out.push_back({Cell{cell, at, at + cell.size()}, col});
    }
    ++col;
    begin = i + 1;
  }
  return out;
}

std::optional<SourceRow> Rows::next() {
  SourceRow r;
  if (table_) {
    while (++row_ < static_cast<int>(table_->row_lines.size())) {
      r.line = table_->row_lines[static_cast<std::size_t>(row_)];
      if (r.line >= doc_.lines.size()) continue;  // an empty row
      r.cells = table_cells(*table_, row_, r.line, *storage_);
      r.blank = r.cells.empty();
      r.continues = true;
      line_ = r.line;
      return r;
    }
    return std::nullopt;
  }
  // Page furniture (a page number, the running title) stands between rows
  // without ending the table.
  do {
    if (++line_ >= doc_.lines.size()) return std::nullopt;
  } while (doc_.lines[line_].furniture);
  const std::string_view text = doc_.line_text(line_);
  r.line = line_;
  r.blank = trim(text).empty();
  r.cells = split_cells(text);
  r.continues = starts_with_separator(text);
  return r;
}

}  // namespace jixiao::normalize
