// Lattice tables from ruling lines (Camelot's lattice mode, Tabula's
// spreadsheet mode). Word processors and browsers draw every cell border, as
// stroked segments or as thin filled rectangles, and split them differently
// (one segment per cell edge, or one per table edge). So the rulings are first
// snapped to common coordinates and collinear pieces merged; rulings that
// touch form one connected frame per table. The frame's distinct x and y
// coordinates make a grid of slots; two neighbouring slots belong to one cell
// when no ruling runs along the boundary between them (a merged cell). Words
// go to the cell that holds their centre, grouped into the cell's lines. A
// frame of one row or one column is a box around text, not a table.

#include "jixiao/extract/lattice.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <tuple>

#include "words.h"

namespace jixiao::extract {
namespace {

// Rulings this close are one line; drawn borders are 0.5 to 1.5 pt apart when
// a producer draws both neighbours' edges.
constexpr double kSnap = 2.0;

// A horizontal (at = y, from..to along x) or vertical (at = x, along y) segment.
struct Segment {
  double at, from, to;
};

// Merges segments on one line (`at` within kSnap) whose extents touch.
std::vector<Segment> merge_collinear(std::vector<Segment> segs) {
  std::sort(segs.begin(), segs.end(), [](const Segment& a, const Segment& b) { return a.at < b.at; });
  std::vector<Segment> out;
  std::size_t i = 0;
  while (i < segs.size()) {
    std::size_t j = i;
    while (j + 1 < segs.size() && segs[j + 1].at - segs[i].at <= kSnap) ++j;
    double sum = 0;
    for (std::size_t k = i; k <= j; ++k) sum += segs[k].at;
    const double at = sum / static_cast<double>(j - i + 1);
    std::vector<Segment> line(segs.begin() + static_cast<std::ptrdiff_t>(i),
                              segs.begin() + static_cast<std::ptrdiff_t>(j + 1));
    std::sort(line.begin(), line.end(), [](const Segment& a, const Segment& b) { return a.from < b.from; });
    Segment cur{at, line.front().from, line.front().to};
    for (std::size_t k = 1; k < line.size(); ++k) {
      if (line[k].from <= cur.to + kSnap) {
        cur.to = std::max(cur.to, line[k].to);
      } else {
        out.push_back(cur);
        cur = Segment{at, line[k].from, line[k].to};
      }
    }
    out.push_back(cur);
    i = j + 1;
  }
  return out;
}

bool crosses(const Segment& h, const Segment& v) {
  return v.at >= h.from - kSnap && v.at <= h.to + kSnap && h.at >= v.from - kSnap && h.at <= v.to + kSnap;
}

struct UnionFind {
  std::vector<int> parent;
  explicit UnionFind(std::size_t n) : parent(n) { std::iota(parent.begin(), parent.end(), 0); }
  int find(int x) {
    while (parent[x] != x) x = parent[x] = parent[parent[x]];
    return x;
  }
  void unite(int a, int b) { parent[find(a)] = find(b); }
};

// The distinct coordinates among `values`, each cluster within kSnap as its mean.
std::vector<double> distinct(std::vector<double> values) {
  std::sort(values.begin(), values.end());
  std::vector<double> out;
  std::size_t i = 0;
  while (i < values.size()) {
    std::size_t j = i;
    double sum = values[i];
    while (j + 1 < values.size() && values[j + 1] - values[i] <= kSnap) sum += values[++j];
    out.push_back(sum / static_cast<double>(j - i + 1));
    i = j + 1;
  }
  return out;
}

// True when one of `segs` lies on coordinate `at` and covers the point `mid`.
bool ruled(const std::vector<Segment>& segs, double at, double mid) {
  for (const Segment& s : segs)
    if (std::abs(s.at - at) <= kSnap && s.from - kSnap <= mid && s.to + kSnap >= mid) return true;
  return false;
}

// The slot index of coordinate v among edges (edges.size() - 1 slots), or -1.
int slot_of(const std::vector<double>& edges, double v) {
  if (v < edges.front() || v > edges.back()) return -1;
  for (std::size_t k = 1; k < edges.size(); ++k)
    if (v <= edges[k]) return static_cast<int>(k - 1);
  return static_cast<int>(edges.size()) - 2;
}

// One connected frame of rulings.
struct Frame {
  std::vector<Segment> h, v;
};

std::vector<Frame> frames_of(const std::vector<Ruling>& rulings) {
  std::vector<Segment> h, v;
  for (const Ruling& r : rulings) {
    if (r.horizontal()) h.push_back(Segment{(r.y0 + r.y1) / 2, r.x0, r.x1});
    else v.push_back(Segment{(r.x0 + r.x1) / 2, r.y0, r.y1});
  }
  h = merge_collinear(std::move(h));
  v = merge_collinear(std::move(v));
  UnionFind uf(h.size() + v.size());
  for (std::size_t i = 0; i < h.size(); ++i)
    for (std::size_t j = 0; j < v.size(); ++j)
      if (crosses(h[i], v[j])) uf.unite(static_cast<int>(i), static_cast<int>(h.size() + j));
  std::vector<int> index(h.size() + v.size(), -1);
  std::vector<Frame> frames;
  for (std::size_t k = 0; k < h.size() + v.size(); ++k) {
    const int root = uf.find(static_cast<int>(k));
    if (index[root] < 0) {
      index[root] = static_cast<int>(frames.size());
      frames.emplace_back();
    }
    Frame& f = frames[index[root]];
    if (k < h.size()) f.h.push_back(h[k]);
    else f.v.push_back(v[k - h.size()]);
  }
  return frames;
}

// Builds the cells of a frame's grid: slots joined where no ruling separates
// them, in row-major order of their top-left slot.
std::vector<TableCell> cells_of(const Frame& f, const std::vector<double>& xs, const std::vector<double>& ys) {
  const int rows = static_cast<int>(ys.size()) - 1, cols = static_cast<int>(xs.size()) - 1;
  UnionFind uf(static_cast<std::size_t>(rows * cols));
  for (int r = 0; r < rows; ++r)
    for (int c = 0; c < cols; ++c) {
      const double my = (ys[r] + ys[r + 1]) / 2, mx = (xs[c] + xs[c + 1]) / 2;
      if (c + 1 < cols && !ruled(f.v, xs[c + 1], my)) uf.unite(r * cols + c, r * cols + c + 1);
      if (r + 1 < rows && !ruled(f.h, ys[r + 1], mx)) uf.unite(r * cols + c, (r + 1) * cols + c);
    }
  // Each group's bounding slots; groups are listed by their first slot in row-major order.
  struct Extent {
    int r0, c0, r1, c1;
  };
  std::vector<int> index(static_cast<std::size_t>(rows * cols), -1);
  std::vector<Extent> extents;
  for (int r = 0; r < rows; ++r)
    for (int c = 0; c < cols; ++c) {
      const int root = uf.find(r * cols + c);
      if (index[root] < 0) {
        index[root] = static_cast<int>(extents.size());
        extents.push_back(Extent{r, c, r, c});
      }
      Extent& e = extents[index[root]];
      e.c0 = std::min(e.c0, c);
      e.r1 = std::max(e.r1, r);
      e.c1 = std::max(e.c1, c);
    }
  std::vector<TableCell> cells;
  auto add_cell = [&](int r0, int c0, int r1, int c1) {
    TableCell cell;
    cell.row = r0;
    cell.col = c0;
    cell.row_span = r1 - r0 + 1;
    cell.col_span = c1 - c0 + 1;
    cell.box = Box{xs[c0], ys[r0], xs[c1 + 1], ys[r1 + 1]};
    cells.push_back(std::move(cell));
  };
  std::vector<int> area(extents.size(), 0);
  for (int s = 0; s < rows * cols; ++s) ++area[index[uf.find(s)]];
  bool split = false;
  for (std::size_t k = 0; k < extents.size(); ++k) {
    const Extent& e = extents[k];
    if (area[k] == (e.r1 - e.r0 + 1) * (e.c1 - e.c0 + 1)) {
      add_cell(e.r0, e.c0, e.r1, e.c1);
      continue;
    }
    // Not a rectangle (an L or a U of slots: a border missing at a corner):
    // one cell per run of the group's slots along each row, so no two cells
    // share a slot.
    split = true;
    for (int r = e.r0; r <= e.r1; ++r)
      for (int c = e.c0; c <= e.c1; ++c) {
        if (index[uf.find(r * cols + c)] != static_cast<int>(k)) continue;
        int end = c;
        while (end + 1 <= e.c1 && index[uf.find(r * cols + end + 1)] == static_cast<int>(k)) ++end;
        add_cell(r, c, r, end);
        c = end;
      }
  }
  if (split)
    std::stable_sort(cells.begin(), cells.end(),
                     [](const TableCell& a, const TableCell& b) { return std::tie(a.row, a.col) < std::tie(b.row, b.col); });
  return cells;
}

// Puts the page's words into the cells, but for those another table has
// `taken`; returns the indices of the words taken, and marks them. `line_ys`
// gets the vertical centre of each cell line.
std::vector<std::size_t> fill_cells(const PageBoxes& page, RuledTable& t, std::vector<bool>& taken_on_page,
                                    std::vector<std::vector<double>>& line_ys) {
  const int cols = t.table.cols;
  std::vector<int> slot_cell(static_cast<std::size_t>(t.table.rows * cols), -1);
  for (std::size_t k = 0; k < t.table.cells.size(); ++k) {
    const TableCell& c = t.table.cells[k];
    for (int r = c.row; r < c.row + c.row_span; ++r)
      for (int cc = c.col; cc < c.col + c.col_span; ++cc) slot_cell[r * cols + cc] = static_cast<int>(k);
  }
  std::vector<std::vector<const TextBox*>> words(t.table.cells.size());
  std::vector<std::size_t> taken;
  for (std::size_t i = 0; i < page.boxes.size(); ++i) {
    const TextBox& b = page.boxes[i];
    if (b.text.empty() || taken_on_page[i]) continue;
    const int r = slot_of(t.row_tops, (b.y0 + b.y1) / 2), c = slot_of(t.col_edges, (b.x0 + b.x1) / 2);
    if (r < 0 || c < 0) continue;
    const int k = slot_cell[r * cols + c];
    if (k < 0) continue;
    words[k].push_back(&b);
    taken.push_back(i);
    taken_on_page[i] = true;
  }
  line_ys.assign(t.table.cells.size(), {});
  for (std::size_t k = 0; k < words.size(); ++k)
    for (const detail::Row& row : detail::group_rows(std::move(words[k]))) {
      TableCell& cell = t.table.cells[k];
      cell.lines.push_back(detail::join(row, detail::Gaps::kProse, &cell.words.emplace_back()));
      line_ys[k].push_back((row.y0 + row.y1) / 2);
    }
  return taken;
}

// The y of each figure line among the single-row cells of grid row `r`,
// clustered (lines level with each other are one record). A row holds several
// records only when some cell stacks figures at two of those heights (a score
// column with one score per record); figures at different heights in
// different cells are one record whose cells align differently (a wrapped
// target on top, centred scores beside it), and give no anchors.
std::vector<double> record_anchors(const RuledTable& t, const std::vector<std::vector<double>>& line_ys, int r) {
  std::vector<double> ys;
  bool stacked = false;
  for (std::size_t k = 0; k < t.table.cells.size(); ++k) {
    const TableCell& c = t.table.cells[k];
    if (c.row != r || c.row_span != 1) continue;
    std::vector<double> cell_ys;
    for (std::size_t l = 0; l < c.lines.size(); ++l)
      if (detail::is_figure(c.lines[l])) cell_ys.push_back(line_ys[k][l]);
    ys.insert(ys.end(), cell_ys.begin(), cell_ys.end());
    if (distinct(std::move(cell_ys)).size() >= 2) stacked = true;
  }
  if (!stacked) return {};
  return distinct(std::move(ys));
}

// Splits grid row `r` into one row per anchor: each line of its single-row
// cells goes to the nearest anchor; cells that span the row span the new rows.
void split_row(RuledTable& t, std::vector<std::vector<double>>& line_ys, int r, const std::vector<double>& anchors) {
  const int m = static_cast<int>(anchors.size());
  auto nearest = [&](double y) {
    int best = 0;
    for (int j = 1; j < m; ++j)
      if (std::abs(anchors[j] - y) < std::abs(anchors[best] - y)) best = j;
    return best;
  };
  std::vector<double> tops = {t.row_tops[r]};
  for (int j = 1; j < m; ++j) tops.push_back((anchors[j - 1] + anchors[j]) / 2);
  tops.push_back(t.row_tops[r + 1]);
  std::vector<TableCell> cells;
  std::vector<std::vector<double>> ys;
  for (std::size_t k = 0; k < t.table.cells.size(); ++k) {
    TableCell c = t.table.cells[k];
    if (c.row > r) c.row += m - 1;
    else if (c.row + c.row_span > r && c.row_span > 1) c.row_span += m - 1;
    if (c.row != r || c.row_span != 1) {
      cells.push_back(std::move(c));
      ys.push_back(line_ys[k]);
      continue;
    }
    std::vector<TableCell> parts(static_cast<std::size_t>(m), c);
    std::vector<std::vector<double>> part_ys(static_cast<std::size_t>(m));
    for (int j = 0; j < m; ++j) {
      parts[j].row = r + j;
      parts[j].lines.clear();
      parts[j].words.clear();
      parts[j].box.y0 = tops[j];
      parts[j].box.y1 = tops[j + 1];
    }
    for (std::size_t l = 0; l < c.lines.size(); ++l) {
      const int j = nearest(line_ys[k][l]);
      parts[j].lines.push_back(c.lines[l]);
      if (c.words.size() == c.lines.size()) parts[j].words.push_back(c.words[l]);
      part_ys[j].push_back(line_ys[k][l]);
    }
    for (int j = 0; j < m; ++j) {
      cells.push_back(std::move(parts[j]));
      ys.push_back(std::move(part_ys[j]));
    }
  }
  std::vector<std::size_t> order(cells.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return std::tie(cells[a].row, cells[a].col) < std::tie(cells[b].row, cells[b].col);
  });
  t.table.cells.clear();
  line_ys.clear();
  for (std::size_t i : order) {
    t.table.cells.push_back(std::move(cells[i]));
    line_ys.push_back(std::move(ys[i]));
  }
  t.table.rows += m - 1;
  t.row_tops.erase(t.row_tops.begin() + r, t.row_tops.begin() + r + 2);
  t.row_tops.insert(t.row_tops.begin() + r, tops.begin(), tops.end());
  t.guessed_rows.erase(t.guessed_rows.begin() + r);
  t.guessed_rows.insert(t.guessed_rows.begin() + r, static_cast<std::size_t>(m), true);
}

// Rows holding several records, bottom to top so the rows above keep their indices.
void split_unruled_rows(RuledTable& t, std::vector<std::vector<double>>& line_ys) {
  t.guessed_rows.assign(static_cast<std::size_t>(t.table.rows), false);
  for (int r = t.table.rows - 1; r >= 0; --r) {
    const std::vector<double> anchors = record_anchors(t, line_ys, r);
    if (anchors.size() >= 2) split_row(t, line_ys, r, anchors);
  }
}

}  // namespace

std::vector<RuledTable> find_ruled_tables(const PageBoxes& page) {
  std::vector<RuledTable> out;
  for (const Frame& f : frames_of(page.rulings)) {
    std::vector<double> xv, yv;
    for (const Segment& s : f.v) xv.push_back(s.at);
    for (const Segment& s : f.h) yv.push_back(s.at);
    // A page break that cuts a row leaves its cells open: the column rulings run
    // on past the last row ruling (Chromium draws no border at the cut). The
    // ends of the column rulings close the frame.
    for (const Segment& s : f.v) {
      yv.push_back(s.from);
      yv.push_back(s.to);
    }
    const std::vector<double> xs = distinct(std::move(xv)), ys = distinct(std::move(yv));
    if (xs.size() < 3 || ys.size() < 3) continue;  // one row or one column: a frame, not a table
    RuledTable t;
    t.table.source = TableSource::kRuled;
    t.table.first_page = t.table.last_page = page.number;
    t.table.rows = static_cast<int>(ys.size()) - 1;
    t.table.cols = static_cast<int>(xs.size()) - 1;
    t.table.cells = cells_of(f, xs, ys);
    for (TableCell& c : t.table.cells) c.page = page.number;
    t.row_tops = ys;
    t.col_edges = xs;
    t.box = Box{xs.front(), ys.front(), xs.back(), ys.back()};
    out.push_back(std::move(t));
  }
  // Frames that do not touch can still overlap (a table drawn inside another's
  // cell): a word goes to one table only, the smallest frame around it.
  std::vector<std::size_t> by_area(out.size());
  std::iota(by_area.begin(), by_area.end(), 0);
  const auto area = [&](std::size_t k) { return (out[k].box.x1 - out[k].box.x0) * (out[k].box.y1 - out[k].box.y0); };
  std::stable_sort(by_area.begin(), by_area.end(), [&](std::size_t a, std::size_t b) { return area(a) < area(b); });
  std::vector<bool> taken(page.boxes.size(), false);
  for (std::size_t k : by_area) {
    std::vector<std::vector<double>> line_ys;
    out[k].boxes = fill_cells(page, out[k], taken, line_ys);
    split_unruled_rows(out[k], line_ys);
  }
  std::sort(out.begin(), out.end(), [](const RuledTable& a, const RuledTable& b) { return a.box.y0 < b.box.y0; });
  return out;
}

}  // namespace jixiao::extract
