#include "jixiao/extract/layout.h"

#include <re2/re2.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <optional>

#include "jixiao/extract/lattice.h"
#include "jixiao/extract/text_tables.h"
#include "ruled_writer.h"
#include "words.h"

namespace jixiao::extract {
namespace {

using detail::Gaps;
using detail::join;
using detail::overlaps;
using detail::paren_balance;
using detail::Row;
using detail::squeeze;

// The rows of a page, leaving out the boxes a ruled table took (`taken`).
std::vector<Row> rows_of(const PageBoxes& page, const std::vector<bool>& taken) {
  std::vector<const TextBox*> boxes;
  for (std::size_t i = 0; i < page.boxes.size(); ++i)
    if (!page.boxes[i].text.empty() && !taken[i]) boxes.push_back(&page.boxes[i]);
  return detail::group_rows(std::move(boxes));
}


}  // namespace

bool starts_outline_item(const std::string& text) {
  // 一、 （一） 1. 1、 （1） ①: the numbering of headings and list items.
  static const RE2 kOutline(
      R"(^\s*(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)]|[0-9]{1,2}[.．、](?:[^0-9]|$)|[（(][0-9]{1,2}[）)]|[①-⑳]))");
  return RE2::PartialMatch(text, kOutline);
}

bool is_margin_page_number(const std::string& text) {
  // The forms a text file prints (text_tables.h), and, in a page's margin, a
  // bare number: there it can only be the page's.
  static const RE2 kBare(R"(\s*[0-9]{1,4}\s*)");
  return is_page_number_line(std::string_view(text)) || RE2::FullMatch(text, kBare);
}

namespace {

// ---- tables ----------------------------------------------------------------------
//
// A score table is found by its header row. Its columns come from the header
// cells' x-ranges; its rows are the "anchor" rows that hold values (满分, 得分…).
// Every other box goes to a column by its x-centre: in the deepest name column
// and in value columns, to the nearest anchor row (wrapped text joins); in the
// columns of merged cells (一级/二级指标), boxes form blocks (the lines of one
// cell), and each block gets a contiguous run of rows so that the block sits
// where a centred (or top-aligned) cell would: its label goes on the first row
// of its run, as plain-text tables print it. The table is handed on as
// tab-separated rows, so the one table parser of normalize/ reads it.

// Header words that mark a table header, and which of them are value columns.
struct HeaderWord {
  std::string_view word;
  bool value;
};
constexpr HeaderWord kTableHeaderWords[] = {
    {"一级指标", false}, {"二级指标", false}, {"三级指标", false}, {"评价指标", false}, {"指标名称", false},
    {"序号", false},     {"评价维度", false}, {"满分", true},      {"分值", true},     {"指标分值", true},
    {"得分", true},      {"评价得分", true},  {"得分率", true},    {"权重", true},     {"权重(分)", true},
    {"权重（分）", true}, {"标准分", true},
};

const HeaderWord* header_word(const std::string& text) {
  for (const HeaderWord& w : kTableHeaderWords)
    if (text == w.word) return &w;
  return nullptr;
}

struct Column {
  double x0, x1;
  bool value;
};

struct StreamTable {
  std::vector<Column> columns;
  std::vector<double> bounds;  // boundaries between columns
  std::string header_key;      // squeezed header text, to skip repeated headers
  int deepest_name = -1;       // the last name column before the values
  double x_min = 0, x_max = 0;

  int column_of(const TextBox& b) const {
    const double x = (b.x0 + b.x1) / 2;
    int c = 0;
    while (c < static_cast<int>(bounds.size()) && x > bounds[c]) ++c;
    return c;
  }
};

std::optional<StreamTable> header_of(const Row& row) {
  std::vector<const TextBox*> boxes = row.boxes;
  std::sort(boxes.begin(), boxes.end(), [](const TextBox* a, const TextBox* b) { return a->x0 < b->x0; });
  StreamTable t;
  int words = 0, values = 0;
  for (const TextBox* b : boxes) {
    const HeaderWord* w = header_word(squeeze(b->text));
    words += w != nullptr;
    values += w && w->value;
    t.columns.push_back(Column{b->x0, b->x1, w && w->value});
  }
  if (words < 3 || values == 0 || words * 2 < static_cast<int>(boxes.size())) return std::nullopt;
  for (std::size_t c = 1; c < t.columns.size(); ++c) t.bounds.push_back((t.columns[c - 1].x1 + t.columns[c].x0) / 2);
  for (int c = 0; c < static_cast<int>(t.columns.size()) && !t.columns[c].value; ++c) t.deepest_name = c;
  t.x_min = t.columns.front().x0;
  t.x_max = t.columns.back().x1;
  t.header_key = squeeze(join(row));
  return t;
}

// A row that can belong to the table body: no box reads like a paragraph.
bool fits(const StreamTable& t, const Row& row) {
  const double width = t.x_max - t.x_min;
  for (const TextBox* b : row.boxes) {
    if (b->x1 - b->x0 > 0.45 * width) return false;
    if (b->x0 < t.x_min - 0.15 * width || b->x1 > t.x_max + 0.15 * width) return false;
  }
  return true;
}

double center_y(const TextBox& b) { return (b.y0 + b.y1) / 2; }

// The total row ends a table: 合计 / 总计 / 总分 as a cell of its own.
bool is_total_row(const Row& row) {
  for (const TextBox* b : row.boxes) {
    const std::string t = squeeze(b->text);
    if (t == "合计" || t == "总计" || t == "总分") return true;
  }
  return false;
}

// Lays out the body rows of a table on one page as tab-separated lines.
// `continuation`: the table went on from the page before and its last row there
// was no subtotal, so the first rows here may belong to a cell begun there.
// `ends_open` tells the same for the next page.
std::vector<std::string> table_rows(const StreamTable& t, const std::vector<const Row*>& body, bool continuation,
                                    bool& ends_open) {
  std::vector<const TextBox*> boxes;
  for (const Row* r : body) boxes.insert(boxes.end(), r->boxes.begin(), r->boxes.end());
  const int ncol = static_cast<int>(t.columns.size());

  // Anchor rows: clusters of value boxes.
  std::vector<Row> anchors;
  {
    std::vector<const TextBox*> values;
    for (const TextBox* b : boxes)
      if (t.columns[t.column_of(*b)].value) values.push_back(b);
    std::sort(values.begin(), values.end(), [](auto* a, auto* b) { return center_y(*a) < center_y(*b); });
    for (const TextBox* b : values) {
      if (!anchors.empty() && overlaps(anchors.back(), *b)) {
        anchors.back().y0 = std::min(anchors.back().y0, b->y0);
        anchors.back().y1 = std::max(anchors.back().y1, b->y1);
      } else {
        anchors.push_back(Row{b->y0, b->y1, {}});
      }
    }
  }
  if (anchors.empty()) {
    ends_open = continuation;
    std::vector<std::string> plain;
    for (const Row* r : body) plain.push_back(join(*r));
    return plain;
  }
  const int n = static_cast<int>(anchors.size());
  auto nearest = [&](double y) {
    int best = 0;
    for (int r = 1; r < n; ++r)
      if (std::abs((anchors[r].y0 + anchors[r].y1) / 2 - y) < std::abs((anchors[best].y0 + anchors[best].y1) / 2 - y))
        best = r;
    return best;
  };

  // Header text is centred in its column, so the midpoints between header cells
  // can cut into a left-aligned column: move each boundary to the left edge of
  // the leftmost box that falls in the column to its right.
  StreamTable cols = t;
  for (int c = 1; c < ncol; ++c) {
    double left = cols.bounds[c - 1];
    for (const TextBox* b : boxes)
      if (t.column_of(*b) == c) left = std::min(left, b->x0 - 0.5);
    cols.bounds[c - 1] = std::max(left, t.columns[c - 1].x1);
  }

  std::vector<std::vector<std::vector<const TextBox*>>> cells(n, std::vector<std::vector<const TextBox*>>(ncol));
  std::vector<std::vector<const TextBox*>> merged(ncol);  // boxes of merged-cell columns
  for (const TextBox* b : boxes) {
    const int c = cols.column_of(*b);
    const bool merged_column = c < t.deepest_name && !t.columns[c].value;
    if (merged_column) merged[c].push_back(b);
    else cells[nearest(center_y(*b))][c].push_back(b);
  }

  // Each row's top: the highest of its cells' boxes (a wrapped name is taller
  // than the values centred beside it; top-aligned labels are level with it).
  std::vector<double> row_top(n);
  for (int r = 0; r < n; ++r) {
    row_top[r] = anchors[r].y0;
    for (int c = 0; c < ncol; ++c)
      for (const TextBox* b : cells[r][c]) row_top[r] = std::min(row_top[r], b->y0);
  }

  // Rows that are subtotals or totals: a cell outside the merged columns ends in 得分/小计/合计…
  std::vector<bool> barrier(n, false);
  for (int r = 0; r < n; ++r)
    for (int c = 0; c < ncol; ++c) {
      if (t.columns[c].value) continue;
      std::string text;
      for (const TextBox* b : cells[r][c]) text += b->text;
      for (std::string_view end : {"指标得分", "小计", "合计", "总计", "总分", "得分合计"})
        if (squeeze(text).ends_with(end)) barrier[r] = true;
    }
  for (int c = 0; c < ncol; ++c)  // a subtotal label inside a merged column marks its row too
    for (const TextBox* b : merged[c]) {
      const std::string text = squeeze(b->text);
      for (std::string_view end : {"指标得分", "小计", "合计", "总计"})
        if (text.ends_with(end)) barrier[nearest(center_y(*b))] = true;
    }

  // Merged columns: blocks, then a run of rows for each block (dynamic programming
  // over where each run starts and ends; the better of centred and top-aligned).
  std::vector<std::vector<std::string>> labels(n, std::vector<std::string>(ncol));
  for (int c = 0; c < ncol; ++c) {
    std::vector<const TextBox*>& col = merged[c];
    if (col.empty()) continue;
    std::sort(col.begin(), col.end(), [](auto* a, auto* b) { return a->y0 < b->y0 || (a->y0 == b->y0 && a->x0 < b->x0); });
    struct Block {
      double top, bottom;
      std::vector<const TextBox*> boxes;
    };
    std::vector<Block> blocks;
    for (const TextBox* b : col) {
      const double em = std::max(1.0, b->font_size);
      if (!blocks.empty() && b->y0 - blocks.back().bottom < 0.6 * em) {
        blocks.back().bottom = std::max(blocks.back().bottom, b->y1);
        blocks.back().boxes.push_back(b);
      } else {
        blocks.push_back(Block{b->y0, b->y1, {b}});
      }
    }
    std::vector<double> ys(n);
    for (int r = 0; r < n; ++r) ys[r] = (anchors[r].y0 + anchors[r].y1) / 2;
    // Subtotal and total rows (投入指标得分, 小计, 合计) are cells of their own that
    // no merged cell crosses: they split the rows into segments, and each
    // segment's rows are shared by the blocks that lie in it.
    std::vector<std::pair<int, int>> segments;
    for (int r = 0; r < n;) {
      if (barrier[r]) {
        ++r;
        continue;
      }
      int e = r;
      while (e + 1 < n && !barrier[e + 1]) ++e;
      segments.emplace_back(r, e);
      r = e + 1;
    }
    std::vector<bool> placed(blocks.size(), false);
    for (std::size_t seg = 0; seg < segments.size(); ++seg) {
      const auto [lo, hi] = segments[seg];
      std::vector<int> in;  // blocks whose centre lies in this segment
      for (int k = 0; k < static_cast<int>(blocks.size()); ++k) {
        const double mid = (blocks[k].top + blocks[k].bottom) / 2;
        if (!placed[k] && mid >= anchors[lo].y0 - 2 && mid <= anchors[hi].y1 + 2) in.push_back(k);
      }
      const int m = static_cast<int>(in.size());
      const int len = hi - lo + 1;
      if (m == 0 || m > len) continue;
      // The first segment of a continued table may open with rows of a cell begun on the page before.
      const bool open_start = continuation && seg == 0;
      // A run must hold every row that lies within the block's own lines; then
      // the block sits centred on it or level with its first row.
      auto cost = [&](int k, int i, int j) {
        const Block& bl = blocks[in[k]];
        double missed = 0;
        for (int r = lo; r <= hi; ++r)
          if ((r < i || r > j) && ys[r] > bl.top && ys[r] < bl.bottom) missed += 1000;
        const double top_aligned = std::abs(row_top[i] - bl.top);
        double sum = 0;
        for (int r = i; r <= j; ++r) sum += ys[r];
        // A centred reading pays half a point more: a one-line label level with a
        // row's top reads as centred on a run that starts a row early just as well.
        const double centred = std::abs(sum / (j - i + 1) - (bl.top + bl.bottom) / 2) + 0.5;
        return missed + std::min(top_aligned, centred);
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
      if (f[m - 1][len - 1] >= inf) continue;
      int j = len - 1;
      for (int k = m - 1; k >= 0; --k) {
        const int start = from[k][j];
        for (const TextBox* b : blocks[in[k]].boxes) labels[lo + start][c] += b->text;
        placed[in[k]] = true;
        j = start - 1;
      }
    }
    for (std::size_t k = 0; k < blocks.size(); ++k) {  // what no segment took: its nearest row
      if (placed[k]) continue;
      std::string& cell = labels[nearest((blocks[k].top + blocks[k].bottom) / 2)][c];
      for (const TextBox* b : blocks[k].boxes) cell += b->text;
    }
  }

  ends_open = !barrier[n - 1];
  std::vector<std::string> out;
  for (int r = 0; r < n; ++r) {
    std::string line;
    for (int c = 0; c < ncol; ++c) {
      if (c > 0) line += '\t';
      if (!labels[r][c].empty()) {
        line += labels[r][c];
        continue;
      }
      std::vector<const TextBox*>& cell = cells[r][c];
      std::sort(cell.begin(), cell.end(), [](auto* a, auto* b) {
        return a->y0 + 2 < b->y0 || (std::abs(a->y0 - b->y0) <= 2 && a->x0 < b->x0);
      });
      for (const TextBox* b : cell) line += b->text;
    }
    out.push_back(line);
  }
  return out;
}

std::vector<std::string> split_tabs(const std::string& line) {
  std::vector<std::string> cells;
  std::size_t start = 0;
  for (std::size_t k = 0; k <= line.size(); ++k)
    if (k == line.size() || line[k] == '\t') {
      cells.push_back(line.substr(start, k - start));
      start = k + 1;
    }
  return cells;
}


// A merged cell cut by a page break ("目标设定(6" | next page "分)"): the tail
// joins the cell it continues.
void merge_split_cells(std::vector<LaidOutLine>& out, const std::vector<std::size_t>& rows) {
  std::vector<std::vector<std::string>> cells;
  for (std::size_t i : rows) cells.push_back(split_tabs(out[i].text));
  for (std::size_t r = 0; r < cells.size(); ++r)
    for (std::size_t c = 0; c < cells[r].size(); ++c) {
      if (paren_balance(cells[r][c]) <= 0) continue;
      for (std::size_t n = r + 1; n < cells.size(); ++n) {
        if (c >= cells[n].size() || cells[n][c].empty()) continue;
        if (paren_balance(cells[n][c]) < 0) {
          cells[r][c] += cells[n][c];
          cells[n][c].clear();
        }
        break;
      }
    }
  for (std::size_t k = 0; k < rows.size(); ++k) {
    std::string line;
    for (std::size_t c = 0; c < cells[k].size(); ++c) line += (c ? "\t" : "") + cells[k][c];
    out[rows[k]].text = line;
  }
}

}  // namespace

Layout lay_out_document(const std::vector<PageBoxes>& pages) {
  // First pass: every page's rows; remember what stands at the top and bottom of pages.
  struct PageRows {
    const PageBoxes* page;
    std::vector<Row> rows;
    std::vector<RuledTable> ruled;
  };
  std::vector<PageRows> laid;
  std::map<std::string, int> margin_text;  // squeezed text of top/bottom rows -> pages it appears on
  for (const PageBoxes& page : pages) {
    PageRows pr{&page, {}, find_ruled_tables(page)};
    std::vector<bool> taken(page.boxes.size(), false);
    for (const RuledTable& t : pr.ruled)
      for (std::size_t i : t.boxes) taken[i] = true;
    pr.rows = rows_of(page, taken);
    for (const Row& r : pr.rows) {
      const bool in_margin = r.y1 < 0.1 * page.height || r.y0 > 0.9 * page.height;
      if (in_margin) ++margin_text[squeeze(join(r))];
    }
    laid.push_back(std::move(pr));
  }
  const int repeat_threshold = std::max(2, static_cast<int>(pages.size()) / 2);

  Layout layout;
  std::vector<LaidOutLine>& out = layout.lines;
  detail::RuledWriter ruled(layout);
  std::optional<StreamTable> table;
  std::vector<std::size_t> table_lines;  // the rows of the current table in `out`
  bool table_open = false;               // its last row so far is no subtotal: a cell may go on
  auto end_table = [&]() {
    merge_split_cells(out, table_lines);
    table_lines.clear();
    table.reset();
  };
  // Paragraph lines run to the right margin and go on at the left one: joined
  // (CJK text has no spaces to put between them).
  double prev_x1 = 0;
  bool prev_joinable = false;
  for (const PageRows& pr : laid) {
    const double h = pr.page->height;
    const int page = pr.page->number;
    std::vector<const Row*> body;
    bool continuation = table.has_value() && table_open;
    auto flush = [&]() {
      if (table && !body.empty())
        for (std::string& line : table_rows(*table, body, continuation, table_open)) {
          table_lines.push_back(out.size());
          out.push_back(LaidOutLine{page, std::move(line), Reading::kAlignedColumns});
        }
      body.clear();
    };
    ruled.page_begins();
    std::size_t next_ruled = 0;
    // A ruled table stands where its frame begins; the stream table or
    // paragraph before it ends there.
    auto emit_ruled_above = [&](double y) {
      for (; next_ruled < pr.ruled.size() && pr.ruled[next_ruled].box.y0 <= y; ++next_ruled) {
        flush();
        if (table) end_table();
        prev_joinable = false;
        ruled.emit(pr.ruled[next_ruled], page);
      }
    };
    double left = 1e300, right = 0;  // the page's text margins
    for (const Row& r : pr.rows)
      for (const TextBox* b : r.boxes) {
        left = std::min(left, b->x0);
        right = std::max(right, b->x1);
      }
    for (const Row& r : pr.rows) {
      const std::string text = join(r);
      const bool in_margin = r.y1 < 0.1 * h || r.y0 > 0.9 * h;
      if (in_margin && (is_margin_page_number(text) || margin_text[squeeze(text)] >= repeat_threshold)) continue;
      emit_ruled_above(r.y0);
      ruled.content();
      if (table) {
        if (squeeze(text) == table->header_key) continue;  // the header repeated on a new page
        // The table ends at a row that reads like a paragraph, after its total
        // row, or after a gap no row of a table leaves.
        const Row* last = body.empty() ? nullptr : body.back();
        const bool after_total = last && is_total_row(*last);
        const bool gap = last && r.y0 - last->y1 > 1.6 * std::max(last->y1 - last->y0, r.y1 - r.y0);
        if (fits(*table, r) && !after_total && !gap) {
          body.push_back(&r);
          continue;
        }
        flush();
        end_table();
      }
      if (auto header = header_of(r)) {
        table = std::move(header);
        continuation = false;
        prev_joinable = false;
        table_lines.push_back(out.size());
        std::string line;
        std::vector<const TextBox*> boxes = r.boxes;
        std::sort(boxes.begin(), boxes.end(), [](auto* a, auto* b) { return a->x0 < b->x0; });
        for (const TextBox* b : boxes) line += (line.empty() ? "" : "\t") + b->text;
        out.push_back(LaidOutLine{page, line});
        continue;
      }
      double x0 = 1e300, x1 = 0;
      for (const TextBox* b : r.boxes) {
        x0 = std::min(x0, b->x0);
        x1 = std::max(x1, b->x1);
      }
      const double em = r.boxes.empty() ? 10 : std::max(1.0, r.boxes.front()->font_size);
      const bool starts_at_margin = x0 - left < 1.5 * em;
      // "预算单位：…", "委托单位：…": a label line is never a paragraph's continuation.
      const std::size_t colon = text.find("：");
      const bool label_line = colon != std::string::npos && colon <= 6 * 3;
      if (prev_joinable && starts_at_margin && !label_line && !starts_outline_item(text) &&
          text.find('\t') == std::string::npos && !out.empty()) {
        out.back().text += text;
      } else {
        out.push_back(LaidOutLine{page, text});
      }
      prev_x1 = x1;
      // A paragraph line starts at the margin or its first-line indent and runs to the right margin.
      prev_joinable = text.find('\t') == std::string::npos && right - prev_x1 < 2.5 * em && x0 - left < 3.5 * em;
    }
    flush();
    emit_ruled_above(1e300);
    prev_joinable = prev_joinable && !table;
  }
  if (table) end_table();
  ruled.finish();
  return layout;
}

std::vector<LaidOutLine> lay_out(const std::vector<PageBoxes>& pages) { return lay_out_document(pages).lines; }

}  // namespace jixiao::extract
