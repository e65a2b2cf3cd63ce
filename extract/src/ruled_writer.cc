// Ruled tables into the laid-out lines. A table's grid rows are written as
// tab-separated lines at the place the table stands on its page, so a reader
// of lines sees every figure, and the Table keeps the structure with each
// cell's place in those lines. A table that a page break cuts is drawn by
// every producer as two frames; it is joined back when the second frame opens
// the next page with the same column widths, and a header the producer
// repeats there is dropped. A merged cell cut by the break ("目标设定(6" at
// the foot, "分)" at the head) is joined back by its brackets.

#include "ruled_writer.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <tuple>

#include "words.h"

namespace jixiao::extract::detail {
namespace {

constexpr std::size_t kNoLine = std::numeric_limits<std::size_t>::max();

// cell index by top-left slot (-1: covered or empty), for rows*cols lookups.
std::vector<int> top_left_index(const Table& t) {
  std::vector<int> index(static_cast<std::size_t>(t.rows) * static_cast<std::size_t>(t.cols), -1);
  for (std::size_t k = 0; k < t.cells.size(); ++k) {
    const TableCell& c = t.cells[k];
    if (c.row < t.rows && c.col < t.cols) index[static_cast<std::size_t>(c.row * t.cols + c.col)] = static_cast<int>(k);
  }
  return index;
}

// The cell text as one line: tabs inside it would read as a cell boundary.
std::string flat(const TableCell& c) {
  std::string out = c.text();
  std::replace(out.begin(), out.end(), '\t', ' ');
  return out;
}

// Where the words of `cell` stand, as offsets into its text() written at byte
// `at` of a line: each line's places shifted by the lines before it.
void add_cell_places(const TableCell& cell, std::size_t at, std::vector<TextPlace>& places) {
  if (cell.words.size() != cell.lines.size()) return;  // a cell made without places
  for (std::size_t l = 0; l < cell.lines.size(); ++l) {
    for (const TextPlace& p : cell.words[l]) {
      TextPlace& added = places.emplace_back(p);
      added.begin += at;
      added.end += at;
    }
    at += cell.lines[l].size();
  }
}

// One grid row as a tab-separated line; `ranges` gets each written cell's
// bytes, `places` where the words of those bytes stand on the page.
std::string row_line(const Table& t, const std::vector<int>& index, int row,
                     std::vector<std::pair<int, CellPlace>>* ranges = nullptr,
                     std::vector<TextPlace>* places = nullptr) {
  std::string line;
  for (int c = 0; c < t.cols; ++c) {
    if (c > 0) line += '\t';
    const int k = index[static_cast<std::size_t>(row * t.cols + c)];
    if (k < 0) continue;
    const std::size_t begin = line.size();
    const TableCell& cell = t.cells[static_cast<std::size_t>(k)];
    line += flat(cell);  // as long as text(): tabs become spaces
    if (ranges) ranges->emplace_back(k, CellPlace{0, begin, line.size()});
    if (places) add_cell_places(cell, begin, *places);
  }
  return line;
}

// Appends the lines of `tail` to `head`, with the places of their words only
// where they stand on head's page (a cell cut by a page break goes on on the
// next: its glyphs there cannot box a span on head's page).
void append_lines(TableCell& head, const TableCell& tail) {
  head.words.resize(head.lines.size());
  const bool same_page = tail.page == head.page && tail.words.size() == tail.lines.size();
  for (std::size_t l = 0; l < tail.lines.size(); ++l)
    head.words.push_back(same_page ? tail.words[l] : std::vector<TextPlace>{});
  head.lines.insert(head.lines.end(), tail.lines.begin(), tail.lines.end());
}

// A merged cell cut by a page break: its tail, the next cell down the same
// column, closes the bracket the head left open.
void join_split_cells(Table& t) {
  const std::vector<int> index = top_left_index(t);
  for (TableCell& head : t.cells) {
    if (paren_balance(head.text()) <= 0) continue;
    for (int r = head.row + head.row_span; r < t.rows; ++r) {
      const int k = index[static_cast<std::size_t>(r * t.cols + head.col)];
      if (k < 0) continue;
      TableCell& tail = t.cells[static_cast<std::size_t>(k)];
      if (tail.lines.empty()) continue;
      if (paren_balance(tail.text()) < 0) {
        append_lines(head, tail);
        tail.lines.clear();
        tail.words.clear();
      }
      break;
    }
  }
}

// The cells of `t` that cover row `row`, by column (nullptr where none does).
std::vector<TableCell*> covering_row(Table& t, int row) {
  std::vector<TableCell*> out(static_cast<std::size_t>(t.cols), nullptr);
  for (TableCell& c : t.cells)
    if (row >= c.row && row < c.row + c.row_span)
      for (int k = c.col; k < c.col + c.col_span && k < t.cols; ++k) out[static_cast<std::size_t>(k)] = &c;
  return out;
}

// A row cut by a page break (LibreOffice splits rows; Chromium moves them
// whole): the head of the next page holds only the rest of the words of cells
// that stand above it, no figure, while the row above had figures. Joins the
// rest to those cells and says whether it did. A merged cell that starts at
// the head under a merged cell of the cut row (a level-1 label cut inside a
// word, "产出指" | "标（50分）") is that cell going on: its words join it too,
// and `consumed` gets its column, so the caller keeps it only as a span.
bool join_cut_row(Table& target, const Table& next, int row, std::vector<int>& consumed) {
  if (target.rows == 0 || row >= next.rows) return false;
  std::vector<TableCell*> above = covering_row(target, target.rows - 1);
  bool above_has_figure = false;
  for (const TableCell* c : above)
    if (c && detail::is_figure(c->text())) above_has_figure = true;
  if (!above_has_figure) return false;
  std::vector<const TableCell*> pieces, tails;
  for (const TableCell& c : next.cells) {
    if (c.row != row || c.lines.empty()) continue;
    const TableCell* a = above[static_cast<std::size_t>(c.col)];
    const bool open_above = a && !a->lines.empty() && a->row + a->row_span == target.rows;
    if (c.row_span != 1) {
      if (open_above && a->col == c.col && a->col_span == c.col_span && !detail::is_figure(c.text())) tails.push_back(&c);
      continue;  // another merged cell: join_split_cells() may join it by its brackets
    }
    if (detail::is_figure(c.text()) || !open_above) return false;
    pieces.push_back(&c);
  }
  if (pieces.empty()) return false;
  for (const TableCell* c : pieces) append_lines(*above[static_cast<std::size_t>(c->col)], *c);
  for (const TableCell* c : tails) {
    append_lines(*above[static_cast<std::size_t>(c->col)], *c);
    consumed.push_back(c->col);
  }
  return true;
}

}  // namespace

bool RuledWriter::continues(const RuledTable& t) const {
  if (open_ < 0 || content_on_page_ || t.table.cols != layout_.tables[open_].cols) return false;
  for (int c = 0; c < t.table.cols; ++c) {
    const double w = t.col_edges[c + 1] - t.col_edges[c];
    if (std::abs(w - open_widths_[c]) > std::max(3.0, 0.03 * w)) return false;
  }
  return true;
}

void RuledWriter::emit(const RuledTable& t, int page) {
  const bool more = continues(t);
  if (!more) {
    Table fresh = t.table;
    fresh.cells.clear();
    fresh.rows = 0;
    layout_.tables.push_back(std::move(fresh));
    open_header_.clear();
  }
  const int which = more ? open_ : static_cast<int>(layout_.tables.size()) - 1;
  Table& target = layout_.tables[which];
  const std::vector<int> index = top_left_index(t.table);
  int skip = 0;  // a header repeated at the head of the page
  if (more)
    while (skip < t.table.rows && skip < static_cast<int>(open_header_.size()) &&
           squeeze(row_line(t.table, index, skip)) == open_header_[skip])
      ++skip;
  std::vector<int> consumed;  // columns of merged cells at the head whose words joined a cut cell
  if (more && join_cut_row(target, t.table, skip, consumed)) {
    // The row's line now holds a cell joined by a reading of the page break.
    const std::size_t line = target.row_lines.empty() ? kNoLine : target.row_lines.back();
    if (line != kNoLine) layout_.lines[line].reading = Reading::kRepairedWrap;
    ++skip;
  }
  const int offset = target.rows - skip;
  for (int r = skip; r < t.table.rows; ++r) {
    const std::string line = row_line(t.table, index, r);
    if (squeeze(line).empty()) {
      target.row_lines.push_back(kNoLine);
      continue;
    }
    if (!more && r < 3) open_header_.push_back(squeeze(line));
    target.row_lines.push_back(layout_.lines.size());
    const bool guessed = r < static_cast<int>(t.guessed_rows.size()) && t.guessed_rows[static_cast<std::size_t>(r)];
    layout_.lines.push_back(LaidOutLine{page, line, guessed ? Reading::kAlignedColumns : Reading::kExact});
  }
  const std::size_t first_new = target.cells.size();
  for (const TableCell& cell : t.table.cells) {
    // A merged cell that runs on past the skipped head (the tail of a level-1
    // label under a row cut by the break) stays, from the first kept row, so
    // join_split_cells() can join its words to the head on the page before.
    if (cell.row + cell.row_span <= skip || (cell.row < skip && cell.row_span == 1)) continue;
    TableCell moved = cell;
    if (moved.row < skip) {
      moved.row_span -= skip - moved.row;
      moved.row = skip;
      if (std::find(consumed.begin(), consumed.end(), moved.col) != consumed.end()) {
        moved.lines.clear();
        moved.words.clear();
      }
    }
    moved.row += offset;
    target.cells.push_back(std::move(moved));
  }
  // A merged cell moved down to the first kept row stands before the cells of
  // that row to its left: the cells are kept in row-major order (table.h).
  std::stable_sort(target.cells.begin() + static_cast<std::ptrdiff_t>(first_new), target.cells.end(),
                   [](const TableCell& a, const TableCell& b) { return std::tie(a.row, a.col) < std::tie(b.row, b.col); });
  target.rows = offset + t.table.rows;
  target.last_page = page;
  open_ = which;
  open_widths_.clear();
  for (int c = 0; c < t.table.cols; ++c) open_widths_.push_back(t.col_edges[c + 1] - t.col_edges[c]);
  content_on_page_ = true;
}

void RuledWriter::finish() {
  for (Table& t : layout_.tables) {
    join_split_cells(t);
    const std::vector<int> index = top_left_index(t);
    for (int r = 0; r < t.rows && r < static_cast<int>(t.row_lines.size()); ++r) {
      const std::size_t line = t.row_lines[static_cast<std::size_t>(r)];
      if (line == kNoLine) continue;
      std::vector<std::pair<int, CellPlace>> ranges;
      std::vector<TextPlace> places;
      layout_.lines[line].text = row_line(t, index, r, &ranges, &places);
      layout_.lines[line].places = std::move(places);
      for (auto& [k, place] : ranges) {
        place.line = line;
        TableCell& cell = t.cells[static_cast<std::size_t>(k)];
        cell.places.assign(cell.lines.size(), place);
      }
    }
    // The row lines hold the words' places now; a Document keeps them once.
    for (TableCell& cell : t.cells) cell.words.clear();
  }
}

}  // namespace jixiao::extract::detail
