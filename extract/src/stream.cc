// Stream tables: a table printed without ruling lines, read from how its words
// line up. This is the fallback where a page draws no grid (lattice.cc reads
// the ruled ones), so it has to find the table and its columns on its own:
//
// - A header is a row of at least three short word cells, none a figure, with
//   rows under it that put figures under some of its cells. Those columns are
//   the value columns; the text columns before the first of them are name
//   columns, and all but the last of those may hold merged cells (a level-1
//   label centred across its rows). Nothing here knows a header word: the
//   figures under a cell make it a value column.
// - The body's rows are its "anchor" rows, the lines of figures. Every other
//   box goes to a column by its x-centre: in the deepest name column and in
//   value columns, to the nearest anchor row (a wrapped name joins the row it
//   is centred on); in merged columns the boxes form blocks (the lines of one
//   cell), and each block gets a contiguous run of rows, placed where a
//   centred or top-aligned cell would sit (dynamic programming), which becomes
//   the cell's row span.
// - A row whose deepest name cell is empty but which has figures is a
//   subtotal or total row: a row of its own that no merged cell crosses, and
//   the label beside it is its own.
// Everything read here is a guess about alignment: the table is kAligned and
// its lines are marked Reading::kAlignedColumns, so findings resting on it are
// at most warnings.

#include "stream.h"

#include <algorithm>
#include <cmath>

namespace jixiao::extract::detail {
namespace {

// A table can pack its columns as close as a space (narrow cells, a few points
// of padding), so each word of a header row is a cell of its own; only boxes
// that touch (one word cut by the PDF) join.
constexpr double kTouchEm = 0.1;
constexpr std::size_t kHeaderCellChars = 12;  // a header cell is a few words
constexpr int kMaxSegmentRows = 200;          // more rows than a page can print

double center_y(const TextBox& b) { return (b.y0 + b.y1) / 2; }

std::size_t chars(const std::string& s) {
  std::size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

bool sentence_mark(const std::string& s) {
  for (std::string_view p : {"。", "，", "；", "："})
    if (s.find(p) != std::string::npos) return true;
  return false;
}

// The boxes of a row left to right as cells: a word each, touching pieces joined.
std::vector<std::vector<const TextBox*>> row_cells(const Row& row) {
  std::vector<const TextBox*> boxes = row.boxes;
  std::sort(boxes.begin(), boxes.end(), [](const TextBox* a, const TextBox* b) { return a->x0 < b->x0; });
  std::vector<std::vector<const TextBox*>> cells;
  for (const TextBox* b : boxes) {
    const TextBox* prev = cells.empty() ? nullptr : cells.back().back();
    const double em = prev ? std::max(1.0, std::max(prev->font_size, b->font_size)) : 1;
    if (!prev || prev->space_after || b->x0 - prev->x1 > kTouchEm * em) cells.push_back({b});
    else cells.back().push_back(b);
  }
  return cells;
}

std::string cell_text(const std::vector<const TextBox*>& boxes) {
  std::string s;
  for (const TextBox* b : boxes) s += b->text;
  return s;
}

// Columns from the header's cells, or nullopt when the row cannot be a header.
std::optional<StreamTable> header_columns(const Row& row) {
  StreamTable t;
  t.header = row_cells(row);
  if (t.header.size() < 3) return std::nullopt;
  for (const auto& cell : t.header) {
    const std::string text = squeeze(cell_text(cell));
    if (is_figure(text) || chars(text) > kHeaderCellChars || sentence_mark(text)) return std::nullopt;
    t.columns.push_back(StreamColumn{cell.front()->x0, cell.back()->x1, false});
  }
  for (std::size_t c = 1; c < t.columns.size(); ++c)
    t.bounds.push_back((t.columns[c - 1].x1 + t.columns[c].x0) / 2);
  t.x_min = t.columns.front().x0;
  t.x_max = t.columns.back().x1;
  t.header_key = squeeze(join(row));
  return t;
}

}  // namespace

int StreamTable::column_of(const TextBox& b) const {
  const double x = (b.x0 + b.x1) / 2;
  int c = 0;
  while (c < static_cast<int>(bounds.size()) && x > bounds[c]) ++c;
  return c;
}

bool fits(const StreamTable& t, const Row& row) {
  const double width = t.x_max - t.x_min;
  for (const TextBox* b : row.boxes) {
    if (b->x1 - b->x0 > 0.45 * width) return false;
    if (b->x0 < t.x_min - 0.15 * width || b->x1 > t.x_max + 0.15 * width) return false;
  }
  return true;
}

bool table_gap(const Row& last, const Row& next) {
  return next.y0 - last.y1 > 1.6 * std::max(last.y1 - last.y0, next.y1 - next.y0);
}

bool is_total_row(const Row& row) {
  for (const TextBox* b : row.boxes) {
    const std::string t = squeeze(b->text);
    if (t == "合计" || t == "总计" || t == "总分") return true;
  }
  return false;
}

std::optional<StreamTable> stream_header(const std::vector<Row>& rows, std::size_t i) {
  std::optional<StreamTable> t = header_columns(rows[i]);
  if (!t) return std::nullopt;
  const std::size_t ncol = t->columns.size();
  // Figures and boxes under each column, and the rows that hold a figure.
  std::vector<int> figures(ncol, 0), boxes(ncol, 0), figure_rows(ncol, 0);
  const Row* last = &rows[i];
  for (std::size_t j = i + 1; j < rows.size(); ++j) {
    const Row& r = rows[j];
    if (!fits(*t, r) || table_gap(*last, r) || (j > i + 1 && is_total_row(*last))) break;
    std::vector<bool> has(ncol, false);
    for (const TextBox* b : r.boxes) {
      const int c = t->column_of(*b);
      ++boxes[c];
      if (is_figure(squeeze(b->text))) {
        ++figures[c];
        has[c] = true;
      }
    }
    for (std::size_t c = 0; c < ncol; ++c) figure_rows[c] += has[c];
    last = &r;
  }
  std::size_t values = 0;
  for (std::size_t c = 0; c < ncol; ++c) {
    t->columns[c].value = figure_rows[c] >= 2 && 2 * figures[c] >= boxes[c];
    values += t->columns[c].value;
  }
  if (values == 0 || values == ncol) return std::nullopt;  // figures, and names to go with them
  // The name columns: the text columns from the first one on (a serial
  // number column of figures may stand before them).
  int c = 0;
  while (t->columns[c].value) ++c;
  t->first_name = c;
  for (; c < static_cast<int>(ncol) && !t->columns[c].value; ++c) t->deepest_name = c;
  return t;
}

namespace {

// A cell from its boxes: visual lines top to bottom, words joined as prose.
TableCell make_cell(int row, int col, int row_span, std::vector<const TextBox*> boxes, int page) {
  TableCell cell;
  cell.row = row;
  cell.col = col;
  cell.row_span = row_span;
  cell.page = page;
  cell.box = Box{1e300, 1e300, -1e300, -1e300};
  for (const TextBox* b : boxes) {
    cell.box.x0 = std::min(cell.box.x0, b->x0);
    cell.box.y0 = std::min(cell.box.y0, b->y0);
    cell.box.x1 = std::max(cell.box.x1, b->x1);
    cell.box.y1 = std::max(cell.box.y1, b->y1);
  }
  for (const Row& line : group_rows(std::move(boxes)))
    cell.lines.push_back(join(line, Gaps::kProse, &cell.words.emplace_back()));
  return cell;
}

// The rows of the body: clusters of value boxes, top to bottom.
std::vector<Row> anchor_rows(const StreamTable& t, const std::vector<const TextBox*>& boxes) {
  std::vector<const TextBox*> values;
  for (const TextBox* b : boxes)
    if (t.columns[t.column_of(*b)].value) values.push_back(b);
  std::sort(values.begin(), values.end(), [](auto* a, auto* b) { return center_y(*a) < center_y(*b); });
  std::vector<Row> anchors;
  for (const TextBox* b : values) {
    if (!anchors.empty() && overlaps(anchors.back(), *b)) {
      anchors.back().y0 = std::min(anchors.back().y0, b->y0);
      anchors.back().y1 = std::max(anchors.back().y1, b->y1);
    } else {
      anchors.push_back(Row{b->y0, b->y1, {}});
    }
  }
  return anchors;
}

// Header text is centred in its column, so the midpoints between header cells
// can cut into a left-aligned column: each boundary moves to the left edge of
// the leftmost box that falls in the column to its right.
StreamTable body_columns(const StreamTable& t, const std::vector<const TextBox*>& boxes) {
  StreamTable cols = t;
  for (std::size_t c = 1; c < t.columns.size(); ++c) {
    double left = cols.bounds[c - 1];
    for (const TextBox* b : boxes)
      if (t.column_of(*b) == static_cast<int>(c)) left = std::min(left, b->x0 - 0.5);
    cols.bounds[c - 1] = std::max(left, t.columns[c - 1].x1);
  }
  return cols;
}

// A body without figures (a table's last rows of names on this page): one grid row per visual row.
StreamRows plain_rows(const StreamTable& t, const std::vector<const Row*>& body, int page) {
  StreamRows out;
  for (const Row* r : body) {
    std::vector<std::vector<const TextBox*>> by_col(t.columns.size());
    for (const TextBox* b : r->boxes) by_col[static_cast<std::size_t>(t.column_of(*b))].push_back(b);
    for (std::size_t c = 0; c < by_col.size(); ++c)
      if (!by_col[c].empty()) out.cells.push_back(make_cell(out.rows, static_cast<int>(c), 1, by_col[c], page));
    ++out.rows;
  }
  return out;
}

// One block of a merged column: the lines of one cell.
struct Block {
  double top, bottom;
  std::vector<const TextBox*> boxes;
};

// The body of one page, sorted into anchor rows and columns.
struct Body {
  std::vector<Row> anchors;
  std::vector<double> ys, row_top, row_bottom;             // each row's centre, top and bottom
  std::vector<std::vector<std::vector<const TextBox*>>> cells;  // [row][col], non-merged columns
  std::vector<std::vector<const TextBox*>> merged;         // boxes of merged columns, by column
  std::vector<bool> barrier;                              // subtotal and total rows
  // The row whose centre `y` is level with: within a quarter of the distance
  // to the next row's centre. A label centred across two rows is level with neither.
  int level_with(double y) const {
    const int r = nearest(y);
    double pitch = 1e300;
    if (r > 0) pitch = std::min(pitch, ys[r] - ys[r - 1]);
    if (r + 1 < static_cast<int>(ys.size())) pitch = std::min(pitch, ys[r + 1] - ys[r]);
    return std::abs(y - ys[r]) < 0.25 * pitch ? r : -1;
  }
  int nearest(double y) const {
    int best = 0;
    for (int r = 1; r < static_cast<int>(ys.size()); ++r)
      if (std::abs(ys[r] - y) < std::abs(ys[best] - y)) best = r;
    return best;
  }
};

// The boxes of one merged column as blocks, the lines of one cell each: a box
// joins the block above when it stands close under it, unless the two are
// each level with a row of their own (labels printed on every row). Box
// heights alone cannot tell: some producers give every word the font's whole
// ascent and descent, so the lines of neighbouring rows touch.
std::vector<Block> blocks_of(const Body& body, std::vector<const TextBox*> col) {
  std::sort(col.begin(), col.end(), [](auto* a, auto* b) { return a->y0 < b->y0 || (a->y0 == b->y0 && a->x0 < b->x0); });
  // The line pitch: the least step from one line's top to the next one's.
  // Rows stand further apart than that (cell padding).
  double pitch = 1e300;
  for (std::size_t k = 1; k < col.size(); ++k) {
    const double step = col[k]->y0 - col[k - 1]->y0;
    if (step > 0.3 * std::max(1.0, col[k]->font_size)) pitch = std::min(pitch, step);
  }
  std::vector<Block> blocks;
  int last_level = -1;  // the row the block's last box is level with, or -1
  double last_top = 0;  // the top of the block's last line
  for (const TextBox* b : col) {
    const double em = std::max(1.0, b->font_size);
    const int level = body.level_with(center_y(*b));
    const bool own_rows = level >= 0 && last_level >= 0 && level != last_level;
    const bool next_line = b->y0 - last_top > 0.3 * em;
    const bool beyond_pitch = next_line && b->y0 - last_top > 1.15 * pitch;
    if (!blocks.empty() && b->y0 - blocks.back().bottom < 0.6 * em && !own_rows && !beyond_pitch) {
      blocks.back().bottom = std::max(blocks.back().bottom, b->y1);
      blocks.back().boxes.push_back(b);
    } else {
      blocks.push_back(Block{b->y0, b->y1, {b}});
    }
    last_level = level;
    if (next_line || blocks.back().boxes.size() == 1) last_top = b->y0;
  }
  return blocks;
}

// A merged run for each block of one merged column, within the segments
// between barrier rows: (first row, span, block) triples.
struct Run {
  int row, span;
  std::size_t block;
};

// How the labels of a merged column sit in their cells. One table prints all
// of them one way; choosing per block would let a centred label read as the
// top of a run that starts in the middle of its real one.
enum class Align { kCentred, kTop };

struct SegmentFit {
  double cost = 1e300;
  std::vector<Run> runs;
};

// The runs of rows lo..hi for the blocks `in` (top to bottom), by dynamic
// programming over where each run starts and ends. A run must hold every row
// whose centre lies within its block's own lines; then the block sits centred
// on the run, or level with its first row. `open_start`: the first run may
// start below lo (its first rows belong to a cell begun on the page before);
// `open_end`: the last run goes on to the next page.
SegmentFit fit_segment(const Body& body, const std::vector<Block>& blocks, const std::vector<std::size_t>& in,
                       int lo, int hi, bool open_start, bool open_end, Align align) {
  const int m = static_cast<int>(in.size());
  const int len = hi - lo + 1;
  auto cost = [&](int k, int i, int j) {
    const Block& bl = blocks[in[static_cast<std::size_t>(k)]];
    double missed = 0;
    for (int r = lo; r <= hi; ++r)
      if ((r < i || r > j) && body.ys[r] > bl.top && body.ys[r] < bl.bottom) missed += 1000;
    // A cell the page break cuts: where its label stands says only that the
    // run starts above it.
    if (open_end && k == m - 1) return missed + std::max(0.0, body.row_top[i] - bl.top);
    if (align == Align::kTop) return missed + std::abs(body.row_top[i] - bl.top);
    return missed + std::abs((body.row_top[i] + body.row_bottom[j]) / 2 - (bl.top + bl.bottom) / 2);
  };
  // f[k][j]: least cost with block k's run ending at row lo+j; from[k][j]: its start.
  const double inf = 1e300;
  std::vector<std::vector<double>> f(m, std::vector<double>(len, inf));
  std::vector<std::vector<int>> from(m, std::vector<int>(len, -1));
  for (int k = 0; k < m; ++k)
    for (int j = 0; j < len; ++j)
      for (int i = 0; i <= j; ++i) {
        double before = 0;
        if (k == 0) {
          if (i > 0 && !open_start) continue;
        } else {
          if (i == 0 || f[k - 1][i - 1] >= inf) continue;
          before = f[k - 1][i - 1];
        }
        const double v = before + cost(k, lo + i, lo + j);
        if (v < f[k][j]) {
          f[k][j] = v;
          from[k][j] = i;
        }
      }
  SegmentFit fit;
  if (f[m - 1][len - 1] >= inf) return fit;
  fit.cost = f[m - 1][len - 1];
  int j = len - 1;
  for (int k = m - 1; k >= 0; --k) {
    const int start = from[k][j];
    fit.runs.push_back(Run{lo + start, j - start + 1, in[static_cast<std::size_t>(k)]});
    j = start - 1;
  }
  return fit;
}

// The segments of the body: runs of rows between barrier rows, which no merged cell crosses.
std::vector<std::pair<int, int>> segments_of(const Body& body) {
  const int n = static_cast<int>(body.anchors.size());
  std::vector<std::pair<int, int>> segments;
  for (int r = 0; r < n;) {
    if (body.barrier[r]) {
      ++r;
      continue;
    }
    int e = r;
    while (e + 1 < n && !body.barrier[e + 1]) ++e;
    segments.emplace_back(r, e);
    r = e + 1;
  }
  return segments;
}

// The runs of one merged column's blocks, segment by segment, all centred or
// all top-aligned, whichever fits the column better. Blocks no segment can
// take stay unplaced.
std::vector<Run> place_blocks(const Body& body, const std::vector<Block>& blocks, bool continuation,
                              std::vector<bool>& placed) {
  const std::vector<std::pair<int, int>> segments = segments_of(body);
  std::vector<Run> best;
  double best_cost = 1e300;
  for (Align align : {Align::kCentred, Align::kTop}) {
    std::vector<Run> runs;
    double total = 0;
    for (std::size_t seg = 0; seg < segments.size(); ++seg) {
      const auto [lo, hi] = segments[seg];
      std::vector<std::size_t> in;  // blocks whose centre lies in this segment
      for (std::size_t k = 0; k < blocks.size(); ++k) {
        const double mid = (blocks[k].top + blocks[k].bottom) / 2;
        if (mid >= body.anchors[lo].y0 - 2 && mid <= body.anchors[hi].y1 + 2) in.push_back(k);
      }
      // The fit is cubic in the rows: a segment longer than any page holds is
      // hostile input, and its blocks go to their nearest rows instead.
      if (in.empty() || static_cast<int>(in.size()) > hi - lo + 1 || hi - lo + 1 > kMaxSegmentRows) continue;
      const bool open_end = seg + 1 == segments.size() && !body.barrier.back();
      const SegmentFit fit = fit_segment(body, blocks, in, lo, hi, continuation && seg == 0, open_end, align);
      if (fit.runs.empty()) continue;
      total += fit.cost;
      runs.insert(runs.end(), fit.runs.begin(), fit.runs.end());
    }
    // Fewer blocks placed loses; among equals, the lower cost wins (centred on a tie).
    if (runs.size() > best.size() || (runs.size() == best.size() && total < best_cost)) {
      best = std::move(runs);
      best_cost = total;
    }
  }
  for (const Run& run : best) placed[run.block] = true;
  return best;
}

// Sorts the body's boxes into rows and columns and finds its barrier rows.
Body sort_body(const StreamTable& t, const std::vector<const TextBox*>& boxes, std::vector<Row> anchors) {
  Body body;
  const int n = static_cast<int>(anchors.size());
  const int ncol = static_cast<int>(t.columns.size());
  body.anchors = std::move(anchors);
  for (const Row& a : body.anchors) body.ys.push_back((a.y0 + a.y1) / 2);
  body.cells.assign(n, std::vector<std::vector<const TextBox*>>(ncol));
  body.merged.assign(ncol, {});
  const StreamTable cols = body_columns(t, boxes);
  std::vector<std::vector<const TextBox*>> text(ncol);  // boxes of other text columns
  for (const TextBox* b : boxes) {
    const int c = cols.column_of(*b);
    if (c >= t.first_name && c < t.deepest_name) body.merged[c].push_back(b);
    else if (!t.columns[c].value) text[c].push_back(b);
    else body.cells[body.nearest(center_y(*b))][c].push_back(b);
  }
  // A wrapped name is one cell: its lines go together to the row nearest their middle.
  for (int c = 0; c < ncol; ++c)
    for (const Block& block : blocks_of(body, text[c])) {
      auto& cell = body.cells[body.nearest((block.top + block.bottom) / 2)][c];
      cell.insert(cell.end(), block.boxes.begin(), block.boxes.end());
    }
  // Each row's top: the highest of its cells' boxes (a wrapped name is taller
  // than the values centred beside it; top-aligned labels are level with it).
  body.row_top.resize(n);
  body.row_bottom.resize(n);
  for (int r = 0; r < n; ++r) {
    body.row_top[r] = body.anchors[r].y0;
    body.row_bottom[r] = body.anchors[r].y1;
    for (int c = 0; c < ncol; ++c)
      for (const TextBox* b : body.cells[r][c]) {
        body.row_top[r] = std::min(body.row_top[r], b->y0);
        body.row_bottom[r] = std::max(body.row_bottom[r], b->y1);
      }
  }
  // Subtotal and total rows: figures, but no name in the deepest name column
  // (their label stands in a merged column, or spans the name columns).
  body.barrier.assign(n, false);
  if (t.deepest_name > t.first_name)
    for (int r = 0; r < n; ++r) body.barrier[r] = body.cells[r][t.deepest_name].empty();
  // A merged-column box level with a barrier row is that row's label, not a line of a merged cell.
  for (int c = 0; c < ncol; ++c) {
    std::vector<const TextBox*> keep;
    for (const TextBox* b : body.merged[c]) {
      const int r = body.nearest(center_y(*b));
      if (body.barrier[r] && center_y(*b) >= body.anchors[r].y0 - 1 && center_y(*b) <= body.anchors[r].y1 + 1)
        body.cells[r][c].push_back(b);
      else
        keep.push_back(b);
    }
    body.merged[c] = std::move(keep);
  }
  return body;
}

}  // namespace

StreamRows read_stream_rows(const StreamTable& t, const std::vector<const Row*>& body_rows, bool continuation,
                            int page, bool& ends_open) {
  std::vector<const TextBox*> boxes;
  for (const Row* r : body_rows) boxes.insert(boxes.end(), r->boxes.begin(), r->boxes.end());
  std::vector<Row> anchors = anchor_rows(t, boxes);
  if (anchors.empty()) {
    ends_open = continuation;
    return plain_rows(t, body_rows, page);
  }
  const Body body = sort_body(t, boxes, std::move(anchors));
  const int n = static_cast<int>(body.anchors.size());
  const int ncol = static_cast<int>(t.columns.size());

  // Merged columns: a run of rows for each block; what no segment takes goes to its nearest row.
  std::vector<std::vector<int>> span(n, std::vector<int>(ncol, 1));
  std::vector<std::vector<std::vector<const TextBox*>>> cells = body.cells;
  for (int c = 0; c < ncol; ++c) {
    if (body.merged[c].empty()) continue;
    const std::vector<Block> blocks = blocks_of(body, body.merged[c]);
    std::vector<bool> placed(blocks.size(), false);
    for (const Run& run : place_blocks(body, blocks, continuation, placed)) {
      auto& cell = cells[run.row][c];
      cell.insert(cell.end(), blocks[run.block].boxes.begin(), blocks[run.block].boxes.end());
      span[run.row][c] = run.span;
    }
    for (std::size_t k = 0; k < blocks.size(); ++k)
      if (!placed[k]) {
        auto& cell = cells[body.nearest((blocks[k].top + blocks[k].bottom) / 2)][c];
        cell.insert(cell.end(), blocks[k].boxes.begin(), blocks[k].boxes.end());
      }
  }

  ends_open = !body.barrier[n - 1];
  StreamRows out;
  out.rows = n;
  std::vector<int> span_end(ncol, -1);         // the last row a merged cell covers, by column
  std::vector<std::size_t> spanning(ncol, 0);  // that cell, in out.cells
  for (int r = 0; r < n; ++r)
    for (int c = 0; c < ncol; ++c) {
      if (cells[r][c].empty()) continue;
      if (r <= span_end[c]) {  // words under a merged cell: the merged cell ends above them
        TableCell& above = out.cells[spanning[c]];
        above.row_span = r - above.row;
      }
      out.cells.push_back(make_cell(r, c, span[r][c], cells[r][c], page));
      span_end[c] = r + span[r][c] - 1;
      spanning[c] = out.cells.size() - 1;
    }
  return out;
}

Table stream_header_table(const StreamTable& t, int page) {
  Table table;
  table.source = TableSource::kAligned;
  table.first_page = table.last_page = page;
  table.rows = 1;
  table.cols = static_cast<int>(t.columns.size());
  for (std::size_t c = 0; c < t.header.size(); ++c)
    table.cells.push_back(make_cell(0, static_cast<int>(c), 1, t.header[c], page));
  return table;
}

}  // namespace jixiao::extract::detail
