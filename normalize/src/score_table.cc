// Finds the score tables of a document and reads their rows by content, not
// by column position (score_table.h says why). A header row is recognised by
// its words (vocabulary.h), which also fix its name columns' levels and its
// value columns; each following row's name cells fill the deepest name
// columns and its numbers fill the value columns in order. Tables printed
// across (indicators in columns, 分值/得分 in rows) are read transposed. A
// table's role (results, summary, annex) follows from what it has: scores,
// level-3 rows.
//
// The self-evaluation form (项目支出绩效自评表) is the exception: its indicator
// block has target and actual columns (年度指标值, 实际完成值) between the names
// and the figures, often empty, and a blank target would shift every cell
// after it. A header with those columns is read by column position instead,
// the grid column of the extract stage's Table or the place among a line's
// tabs or pipes; a form whose columns cannot be placed is not read at all.

#include "score_table.h"

#include <re2/re2.h>

#include <algorithm>
#include <deque>
#include <span>
#include <string>
#include <utility>

#include "jixiao/text/text.h"
#include "table_rows.h"
#include "vocabulary.h"

namespace jixiao::normalize {

using text::Cell;
using text::Decimal;
using text::name_key;
using text::split_cells;
using text::trim;
using text::utf8_length;

namespace {

using vocabulary::Column;
using vocabulary::kScoreHeaderWords;
using vocabulary::kTotalLabels;

struct HeaderCell {
  Column column;
  int level;
};

HeaderCell classify_header(std::string_view cell) {
  std::string key = header_key(cell);
  for (std::string_view suffix : {"(分)", "(%)"}) {
    if (key.size() > suffix.size() && key.ends_with(suffix)) key.resize(key.size() - suffix.size());
  }
  for (const vocabulary::ScoreHeaderWord& w : kScoreHeaderWords)
    if (key == w.key) return {w.column, w.level};
  for (const vocabulary::ScoreHeaderWord& w : vocabulary::kFormHeaderWords)
    if (key == w.key) return {w.column, w.level};
  return {Column::kOther, 0};
}

// A decimal, possibly followed by 分 or %, or a dash for "none".
struct ValueCell {
  bool is_value = false;
  bool percent = false;
  std::optional<Decimal> value;
};

ValueCell parse_value(std::string_view cell) {
  cell = trim(cell);
  if (cell == "—" || cell == "-" || cell == "/" || cell == "——" || cell == "－" || cell == "／")
    return {true, false, std::nullopt};
  bool percent = false;
  if (cell.ends_with("%")) { percent = true; cell.remove_suffix(1); }
  else if (cell.ends_with("％")) { percent = true; cell.remove_suffix(3); }
  else if (cell.ends_with("分")) { cell.remove_suffix(3); }
  auto d = Decimal::parse(trim(cell));
  if (!d) return {};
  return {true, percent, d};
}

// `cell` without what its closed brackets hold: a name may list inside them
// (服务覆盖村数（含新建、改建）), and a mark there ends no clause. A bracket
// left open (its closing one lost) keeps what follows it.
std::string outside_brackets(std::string_view cell) {
  static constexpr std::string_view kOpen[] = {"（", "("}, kClose[] = {"）", ")"};
  const auto starts_any = [&](std::size_t at, std::span<const std::string_view> marks) -> std::size_t {
    for (std::string_view m : marks)
      if (cell.substr(at).starts_with(m)) return m.size();
    return 0;
  };
  std::string out;
  for (std::size_t i = 0; i < cell.size();) {
    if (starts_any(i, kOpen) > 0) {
      int depth = 0;
      std::size_t j = i;
      while (j < cell.size()) {
        if (const std::size_t n = starts_any(j, kOpen)) ++depth, j += n;
        else if (const std::size_t c = starts_any(j, kClose)) {
          j += c;
          if (--depth == 0) break;
        } else {
          ++j;
        }
      }
      if (depth == 0) {
        i = j;
        continue;
      }
    }
    out += cell[i++];
  }
  return out;
}

bool is_sentence(std::string_view cell) {
  cell = without_stray_mark(cell);
  const std::string bare = outside_brackets(cell);
  for (std::string_view p : {"，", "。", "；", "：", ",", ";", "、"})
    if (bare.find(p) != std::string::npos) return true;
  return utf8_length(cell) > 30;
}

// Outline numbering of p2-style tables: "一" level 1, "（一）" level 2, "1" level 3.
int serial_level(std::string_view cell) {
  static const RE2 kHanNumber("^[一二三四五六七八九十]+$");
  static const RE2 kParenHan("^[（(][一二三四五六七八九十]+[）)]$");
  static const RE2 kArabic("^[0-9]+$");
  if (RE2::FullMatch(cell, kHanNumber)) return 1;
  if (RE2::FullMatch(cell, kParenHan)) return 2;
  if (RE2::FullMatch(cell, kArabic)) return 3;
  return 0;
}

struct Header {
  std::vector<HeaderCell> cells;
  std::vector<int> name_levels;   // levels of the name columns, in order
  std::vector<Column> values;     // the value columns after the names, in order
  std::vector<int> value_columns; // where each of `values` stands (PlacedCell::col); empty when not known
  bool has_serial = false;
  bool has_score = false;
  bool has_max = false;
  bool outline = false;           // a single name column whose level comes from the serial
  bool maybe_transposed = false;  // indicators across the header, to be confirmed by the next row
  bool form = false;              // a self-evaluation form's: target and actual columns, read by position
};

std::optional<Header> parse_header(const std::vector<Cell>& cells) {
  if (cells.size() < 2) return std::nullopt;
  Header h;
  for (const Cell& c : cells) {
    HeaderCell hc = classify_header(c.text);
    h.cells.push_back(hc);
    switch (hc.column) {
      case Column::kSerial: h.has_serial = true; break;
      case Column::kName: h.name_levels.push_back(hc.level); break;
      case Column::kMax: h.has_max = true; h.values.push_back(hc.column); break;
      case Column::kScore: h.has_score = true; h.values.push_back(hc.column); break;
      case Column::kRate: h.values.push_back(hc.column); break;
      case Column::kTarget:
      case Column::kActual: h.form = true; h.values.push_back(hc.column); break;
      case Column::kOther: h.values.push_back(hc.column); break;
    }
  }
  if (h.name_levels.empty()) return std::nullopt;
  const bool has_level_columns =
      std::any_of(h.name_levels.begin(), h.name_levels.end(), [](int l) { return l > 0; });
  if (h.name_levels.size() == 1 && h.name_levels[0] == 0) {
    if (h.has_serial) {
      h.outline = true;
    } else if (!h.has_score && !h.has_max) {
      // "指标  决策  过程 …": a table only when the rows below are 分值/得分 rows.
      h.maybe_transposed = true;
    } else {
      h.name_levels[0] = 1;
    }
  } else if (!h.has_score && !h.has_max && !has_level_columns) {
    return std::nullopt;
  }
  return h;
}

std::string_view line_of(const extract::Document& doc, std::size_t i) { return doc.line_text(i); }

// A row label that makes the row a subtotal ("投入指标得分", "投入小计") or the total.
void classify_label(ScoreRow& row, std::string_view first) {
  const std::string key = name_key(first);
  for (std::string_view t : kTotalLabels) {
    if (key == t) {
      row.kind = ScoreRow::Kind::kTotal;
      row.label = std::string(first);
      return;
    }
  }
  static const RE2 kSubtotal("^(.*?)(?:指标)?(?:小计|得分|合计)$");
  std::string prefix;
  if (RE2::FullMatch(key, kSubtotal, &prefix)) {
    row.kind = ScoreRow::Kind::kSubtotal;
    row.label = std::string(first);
    row.label_level1 = prefix;
  }
}

bool is_value_row_label(std::string_view cell) {
  const HeaderCell h = classify_header(cell);
  return h.column == Column::kMax || h.column == Column::kScore || h.column == Column::kRate;
}

// Where a row's cells stand: the column of each (parallel to its cells), and
// whether those columns are exact (a ruled table's cells, bounded by the
// lines the page draws) or typed (a text table's tabs, a PDF's aligned
// words), where a line with one tab too many is common (a real report's
// 小计 row: "\t过程指标得分\t\t\t30\t26" under 分值 得分 得分率).
struct RowColumns {
  const std::vector<int>* columns = nullptr;
  bool exact = false;
};

// Which of the header's value columns each cell from `pos` on stands under,
// by the columns of both; nullopt when the columns are not known or a cell
// stands under no value column of the header (a header cell spanning two
// grid columns).
std::optional<std::vector<std::size_t>> value_slots(const Header& header, const std::vector<int>& columns,
                                                    std::size_t pos) {
  if (header.value_columns.size() != header.values.size()) return std::nullopt;
  std::vector<std::size_t> slots;
  std::size_t v = 0;
  for (std::size_t k = pos; k < columns.size(); ++k) {
    while (v < header.values.size() && header.value_columns[v] < columns[k]) ++v;
    if (v == header.values.size() || header.value_columns[v] != columns[k]) return std::nullopt;
    slots.push_back(v++);
  }
  return slots;
}

// Whether reading the figures from `pos` on under `slots` (or in order, when
// null) puts one where its kind cannot stand: a percent under 分值 or 得分,
// a figure without one under 得分率.
bool misplaced(const Header& header, const std::vector<Cell>& cells, std::size_t pos,
               const std::vector<std::size_t>* slots) {
  for (std::size_t k = 0; pos + k < cells.size(); ++k) {
    const std::size_t v = slots ? (*slots)[k] : k;
    if (v >= header.values.size()) break;
    const ValueCell value = parse_value(cells[pos + k].text);
    if (!value.value) continue;
    const Column col = header.values[v];
    if ((col == Column::kMax || col == Column::kScore) && value.percent) return true;
    if (col == Column::kRate && !value.percent) return true;
  }
  return false;
}

// Which header value column each cell from `pos` on is read under: by the
// columns where they are exact, or where reading in order would misplace a
// figure and reading by column would not ("目标明确性\t\t4\t80%", its 分值
// left empty: in order 4 is the 分值 and 80% a 得分; by column 4 is the 得分
// and 80% the 得分率). In order otherwise (nullopt): a cell left empty in
// a typed table whose figures fit either way is read as today, in order.
std::optional<std::vector<std::size_t>> placed_values(const Header& header, const std::vector<Cell>& cells,
                                                      std::size_t pos, const RowColumns& placed) {
  if (placed.columns == nullptr || placed.columns->size() != cells.size()) return std::nullopt;
  std::optional<std::vector<std::size_t>> slots = value_slots(header, *placed.columns, pos);
  if (!slots) return std::nullopt;
  if (placed.exact) return slots;
  if (misplaced(header, cells, pos, nullptr) && !misplaced(header, cells, pos, &*slots)) return slots;
  return std::nullopt;
}

// Reads one row of a non-transposed table. `unnumbered_level`: the level an
// outline table's row without its serial is taken to have (0: none, the row
// is not read). `placed`: the columns its cells stand in, when known.
std::optional<ScoreRow> parse_row(const Header& header, const std::vector<Cell>& cells, std::size_t index,
                                  int unnumbered_level = 0, const RowColumns& placed = {}) {
  if (cells.empty()) return std::nullopt;
  std::size_t pos = 0;
  int outline_level = 0;
  if (header.has_serial && pos < cells.size()) {
    const int level = serial_level(cells[pos].text);
    if (level > 0) {
      outline_level = level;
      ++pos;
    }
  }
  const std::size_t name_columns = header.name_levels.size();
  const bool numeric_columns = header.has_max || header.has_score;

  // Name cells.
  std::vector<Cell> name_cells;
  if (numeric_columns) {
    while (pos < cells.size() && name_cells.size() < name_columns &&
           !parse_value(cells[pos].text).is_value && !is_sentence(cells[pos].text)) {
      name_cells.push_back(cells[pos]);
      ++pos;
    }
  } else {
    // Annex without a max column: names run up to the last cell carrying "（N分）".
    std::size_t last = 0;
    for (std::size_t k = pos; k < cells.size() && k - pos < name_columns; ++k) {
      if (is_sentence(cells[k].text)) break;
      auto nc = parse_name_cell(cells[k].text);
      if (nc && nc->max) last = k + 1;
    }
    for (std::size_t k = pos; k < last; ++k) name_cells.push_back(cells[k]);
    pos = last;
  }
  if (name_cells.empty()) return std::nullopt;

  ScoreRow row;
  row.line = index;
  row.begin = cells.front().begin;
  row.end = cells.back().end;
  classify_label(row, name_cells.front().text);

  // Value cells, under the header's value columns (placed_values).
  const std::optional<std::vector<std::size_t>> slots = placed_values(header, cells, pos, placed);
  for (std::size_t k = 0; pos < cells.size(); ++pos, ++k) {
    const std::size_t v = slots ? (*slots)[k] : k;
    if (v >= header.values.size()) break;
    const Column col = header.values[v];
    if (col == Column::kOther || col == Column::kTarget || col == Column::kActual) continue;
    const ValueCell value = parse_value(cells[pos].text);
    if (!value.is_value) break;
    if (!value.value) continue;
    if (col == Column::kRate || value.percent) row.rate = value.value;
    else if (col == Column::kMax) row.max = value.value;
    else if (col == Column::kScore) row.score = value.value;
  }
  if (row.kind != ScoreRow::Kind::kIndicator) return row;

  // Assign name cells to levels: outline numbering, or the deepest name columns.
  std::vector<int> levels;
  if (header.outline) {
    if (outline_level == 0) outline_level = unnumbered_level;
    if (outline_level == 0 || name_cells.size() != 1) return std::nullopt;
    levels.push_back(outline_level);
  } else {
    const std::size_t k = name_cells.size();
    for (std::size_t i = 0; i < k; ++i) levels.push_back(header.name_levels[name_columns - k + i]);
  }
  for (std::size_t i = 0; i < name_cells.size(); ++i) {
    const int level = levels[i];
    if (level < 1 || level > 3) continue;
    auto nc = parse_name_cell(name_cells[i].text);
    if (!nc) return std::nullopt;
    nc->begin = name_cells[i].begin;
    nc->end = name_cells[i].end;
    row.names[level - 1] = *nc;
  }
  // The numbers of a row belong to its deepest name; a max in parentheses is for that name only.
  return row;
}

// Reads a transposed table (indicators across, value rows down).
std::vector<ScoreRow> parse_transposed(const std::vector<Cell>& header, std::size_t header_line, Rows& source) {
  std::vector<ScoreRow> rows(header.size() - 1);
  for (std::size_t c = 1; c < header.size(); ++c) {
    ScoreRow& row = rows[c - 1];
    row.line = header_line;
    row.begin = header[c].begin;
    row.end = header[c].end;
    classify_label(row, header[c].text);
    if (row.kind == ScoreRow::Kind::kIndicator) {
      auto nc = parse_name_cell(header[c].text);
      if (nc) {
        nc->begin = header[c].begin;
        nc->end = header[c].end;
        row.names[0] = *nc;
      }
    }
  }
  while (std::optional<SourceRow> r = source.next()) {
    if (r->cells.empty()) continue;
    const std::vector<Cell>& cells = r->cells;
    if (cells.size() < 2 || !is_value_row_label(cells[0].text)) {
      source.stop_at(r->line);
      break;
    }
    const HeaderCell label = classify_header(cells[0].text);
    for (std::size_t c = 1; c < cells.size() && c - 1 < rows.size(); ++c) {
      const ValueCell value = parse_value(cells[c].text);
      if (!value.value) continue;
      ScoreRow& row = rows[c - 1];
      if (label.column == Column::kRate || value.percent) row.rate = value.value;
      else if (label.column == Column::kMax) row.max = value.value;
      else {
        row.score = value.value;
        row.line = r->line;  // a row's figures are quoted from the 得分 line
        row.begin = cells[c].begin;
        row.end = cells[c].end;
      }
    }
  }
  std::erase_if(rows, [](const ScoreRow& r) {
    return r.kind == ScoreRow::Kind::kIndicator && !r.names[0];
  });
  return rows;
}

// True when the first non-blank row after the header is a 分值/得分 row.
bool starts_transposed(const extract::Document& doc, const extract::Table* table, int row, std::size_t line) {
  Rows peek(doc, table, row, line);
  while (std::optional<SourceRow> r = peek.next()) {
    if (r->blank) continue;
    return !r->cells.empty() && is_value_row_label(r->cells[0].text);
  }
  return false;
}

// The level an outline table's row without a serial is taken to have, from
// the rows around it: the row above a "（一）" heads that group (level 1: a
// first-level row printed without its 一, or its 一 lost), and a row between
// leaves numbered 10 and 12 is leaf 11, its number lost (between 10 and 11
// it would be a second-level row that lost its （二）: not read); else none,
// and the row is not read. Only where the outline leaves no doubt.
int unnumbered_level(const std::vector<SourceRow>& body, std::size_t i) {
  static const RE2 kFirstOfGroup("^[（(]一[）)]$");
  const auto level_at = [&](std::size_t k) { return body[k].cells.empty() ? 0 : serial_level(body[k].cells[0].text); };
  // A name alone is a wrapped name's second line, not a row.
  if (level_at(i) > 0 || body[i].cells.size() < 2) return 0;
  const bool next_opens_group = i + 1 < body.size() && !body[i + 1].cells.empty() &&
                                RE2::FullMatch(body[i + 1].cells[0].text, kFirstOfGroup);
  if (next_opens_group) return 1;
  if (i == 0 || i + 1 >= body.size() || level_at(i - 1) != 3 || level_at(i + 1) != 3) return 0;
  const auto number = [&](std::size_t k) { return std::stoll(std::string(body[k].cells[0].text.substr(0, 9))); };
  return number(i + 1) == number(i - 1) + 2 ? 3 : 0;
}

// The column of each of `cells` when `placed` holds the same cells (the
// same texts, in order); nullopt otherwise (a delimited Table that joined a
// wrapped line into the row).
std::optional<std::vector<int>> columns_of(const std::vector<Cell>& cells, const std::vector<PlacedCell>& placed) {
  if (placed.size() != cells.size()) return std::nullopt;
  std::vector<int> columns;
  for (std::size_t k = 0; k < cells.size(); ++k) {
    if (placed[k].cell.text != cells[k].text) return std::nullopt;
    columns.push_back(placed[k].col);
  }
  return columns;
}

// Where each of the header's value columns stands, from the header's cells
// and their columns.
void place_values(Header& header, const std::vector<Cell>& cells, const std::vector<PlacedCell>& placed) {
  const std::optional<std::vector<int>> columns = columns_of(cells, placed);
  if (!columns) return;
  for (std::size_t k = 0; k < cells.size(); ++k) {
    const Column c = header.cells[k].column;
    if (c != Column::kSerial && c != Column::kName) header.value_columns.push_back((*columns)[k]);
  }
}

// Whether a row the reader could not take states a figure nonetheless (a
// cell that is a figure of points or a percent): a row the table's sums miss.
bool states_figure(const std::vector<Cell>& cells) {
  return std::any_of(cells.begin(), cells.end(), [](const Cell& c) { return parse_value(c.text).value.has_value(); });
}

// Reads the body of a non-transposed table from `source` into `table`; its
// rows' cells are placed in their columns through `by_line`.
void read_body(const Header& header, const extract::Document& doc, const std::vector<std::pair<int, int>>& by_line,
               Rows& source, ScoreTable& table) {
  std::vector<SourceRow> body;
  bool first = true;
  while (std::optional<SourceRow> r = source.next()) {
    const bool was_first = std::exchange(first, false);
    if (r->blank) continue;
    const std::vector<Cell>& row_cells = r->cells;
    if (row_cells.size() < 2 && !r->continues) {
      source.stop_at(r->line);
      break;
    }
    if (!was_first && parse_header(row_cells)) {
      // A repeated header continues the table (a page break); a different one starts a new table.
      if (classify_header(row_cells[0].text).column == header.cells[0].column &&
          row_cells.size() == header.cells.size())
        continue;
      source.stop_at(r->line);
      break;
    }
    body.push_back(std::move(*r));
  }
  int deepest = 0;
  std::deque<std::string> storage;
  for (std::size_t i = 0; i < body.size(); ++i) {
    const std::optional<std::vector<int>> columns =
        columns_of(body[i].cells, placed_cells(doc, by_line, body[i].line, storage));
    const int t = by_line[body[i].line].first;
    const bool ruled = t >= 0 && doc.tables[static_cast<std::size_t>(t)].source == extract::TableSource::kRuled;
    std::optional<ScoreRow> row = parse_row(header, body[i].cells, body[i].line,
                                            header.outline ? unnumbered_level(body, i) : 0,
                                            RowColumns{columns ? &*columns : nullptr, ruled});
    if (!row) {
      if (states_figure(body[i].cells)) table.unread_lines.push_back(body[i].line);
      continue;
    }
    for (int l = 3; l >= 1; --l)
      if (row->names[l - 1] && !row->names[l - 1]->continuation) deepest = std::max(deepest, l);
    table.rows.push_back(std::move(*row));
  }
  if (!header.has_score) table.role = ScoreTable::Role::kAnnex;
  else if (deepest < 3) table.role = ScoreTable::Role::kSummary;
  else table.role = ScoreTable::Role::kResults;
}

// ---- self-evaluation forms: rows read by column position ------------------------

// What each grid column of a form's indicator block holds, from its header.
struct FormColumns {
  std::vector<HeaderCell> by_col;  // indexed by column; kOther where the header says nothing known
  int first_name = -1;             // the leftmost name column (一级指标)

  HeaderCell at(int col) const {
    return col >= 0 && col < static_cast<int>(by_col.size()) ? by_col[static_cast<std::size_t>(col)]
                                                             : HeaderCell{Column::kOther, 0};
  }
};

std::optional<FormColumns> form_columns(const std::vector<PlacedCell>& header) {
  FormColumns f;
  for (const PlacedCell& p : header) {
    if (p.col >= static_cast<int>(f.by_col.size()))
      f.by_col.resize(static_cast<std::size_t>(p.col) + 1, HeaderCell{Column::kOther, 0});
    const HeaderCell hc = classify_header(p.cell.text);
    f.by_col[static_cast<std::size_t>(p.col)] = hc;
    if (hc.column == Column::kName && hc.level > 0 && f.first_name < 0) f.first_name = p.col;
  }
  if (f.first_name < 0) return std::nullopt;
  return f;
}

// A form with no score columns at all (some county forms print only the
// targets and what was achieved): its indicators, with target and actual,
// are still read, and give no figure to check.
bool form_names_targets(const FormColumns& f) {
  const auto has = [&f](Column c) {
    return std::any_of(f.by_col.begin(), f.by_col.end(), [c](const HeaderCell& h) { return h.column == c; });
  };
  return has(Column::kTarget) && has(Column::kActual);
}

// Two or more weights and nothing else ("（50分）（30分）"): the lost labels of
// several merged level-1 cells, joined into one by the table reader above.
bool is_joined_weights(std::string_view cell) {
  static const RE2 kWeights(R"(^(?:\s*[（(]\s*[0-9]+(?:\.[0-9]+)?\s*分?\s*[）)]){2,}\s*$)");
  return RE2::FullMatch(cell, kWeights);
}

// A level-1 cell whose merged label came out as its weight alone ("（50分）"):
// the level-2 name on the row says the block in the national framework
// (数量指标 is 产出指标's). Without a level-2 name that says one, the weight
// itself names the block ("（30分）"), so that the rows below it still leave
// the block above.
void name_lost_level1(ScoreRow& row) {
  std::optional<NameCell>& l1 = row.names[0];
  if (!l1 || !l1->continuation) return;
  const std::optional<NameCell>& l2 = row.names[1];
  if (l2)
    for (const vocabulary::Level2Parent& p : vocabulary::kLevel2Parents)
      if (l2->name.find(p.level2) != std::string::npos) {
        l1->name = std::string(p.level1);
        l1->continuation = false;
        return;
      }
  l1->name = "（" + (l1->max ? l1->max->to_string() : std::string()) + "分）";
  l1->continuation = false;
}

enum class FormRowKind { kRow, kSkip, kEnd };

// One row of a form's indicator block: each name cell at its column's level,
// each figure from its column, the target and actual as printed. A cell left
// of the name columns is the label of the 总分 row, or a row after the block
// (自评等级, a note), which ends it.
FormRowKind parse_form_row(const FormColumns& f, const std::vector<PlacedCell>& cells, std::size_t index,
                           ScoreRow& row) {
  row.line = index;
  row.begin = cells.front().cell.begin;
  row.end = cells.back().cell.end;
  if (cells.front().col < f.first_name || f.at(cells.front().col).column == Column::kName) {
    classify_label(row, cells.front().cell.text);
    if (row.kind == ScoreRow::Kind::kSubtotal) row.kind = ScoreRow::Kind::kIndicator;  // "产出指标得分" is a name here
    if (row.kind != ScoreRow::Kind::kTotal && cells.front().col < f.first_name) return FormRowKind::kEnd;
  }
  for (const PlacedCell& p : cells) {
    const HeaderCell h = f.at(p.col);
    const std::string_view t = p.cell.text;
    if (h.column == Column::kName && h.level >= 1 && h.level <= 3 && row.kind == ScoreRow::Kind::kIndicator) {
      std::optional<NameCell> nc = parse_name_cell(without_stray_mark(t, vocabulary::kFormNameStrayMarks));
      if (!nc) return FormRowKind::kSkip;
      if (is_joined_weights(t)) {
        // Lost labels of several merged cells joined into one ("（50分）（30分）（10分）"):
        // which weight is this row's is a guess, so the cell names a block and states no max.
        nc->name = std::string(t);
        nc->max.reset();
        nc->continuation = false;
      }
      nc->begin = p.cell.begin;
      nc->end = p.cell.end;
      row.names[static_cast<std::size_t>(h.level - 1)] = std::move(*nc);
    } else if (h.column == Column::kTarget) {
      row.target = std::string(t);
    } else if (h.column == Column::kActual) {
      row.actual = std::string(t);
    } else if (h.column == Column::kMax || h.column == Column::kScore || h.column == Column::kRate) {
      const ValueCell v = parse_value(t);
      if (!v.is_value) return FormRowKind::kSkip;  // not a figure where one belongs: not a row we can read
      if (!v.value) continue;
      if (h.column == Column::kRate || v.percent) row.rate = v.value;
      else if (h.column == Column::kMax) row.max = v.value;
      else row.score = v.value;
    }
  }
  name_lost_level1(row);
  const bool named = std::any_of(row.names.begin(), row.names.end(), [](const auto& n) { return n.has_value(); });
  if (row.kind == ScoreRow::Kind::kIndicator && !named) return FormRowKind::kSkip;
  return FormRowKind::kRow;
}

// Whether a form row the reader could not take has anything in its 分值 or
// 得分 column: a row the block's sums miss.
bool states_score(const FormColumns& f, const std::vector<PlacedCell>& cells) {
  return std::any_of(cells.begin(), cells.end(), [&f](const PlacedCell& p) {
    const Column c = f.at(p.col).column;
    return (c == Column::kMax || c == Column::kScore) && !trim(p.cell.text).empty();
  });
}

// Reads the body of a form's indicator block from `source` into `table`.
void read_form_body(const FormColumns& f, const extract::Document& doc,
                    const std::vector<std::pair<int, int>>& by_line, Rows& source, ScoreTable& table) {
  std::deque<std::string> storage;
  int deepest = 0;
  while (std::optional<SourceRow> r = source.next()) {
    if (r->blank) continue;
    const std::vector<PlacedCell> cells = placed_cells(doc, by_line, r->line, storage);
    if (cells.empty()) {
      source.stop_at(r->line);  // a line without separators: running text after the form
      break;
    }
    // A page break repeats the header: the block goes on.
    std::vector<Cell> own;
    for (const PlacedCell& p : cells) own.push_back(p.cell);
    if (const std::optional<Header> again = parse_header(own); again && again->form) continue;
    ScoreRow row;
    const FormRowKind kind = parse_form_row(f, cells, r->line, row);
    if (kind == FormRowKind::kEnd) {
      source.stop_at(r->line);
      break;
    }
    if (kind == FormRowKind::kSkip) {
      if (states_score(f, cells)) table.unread_lines.push_back(r->line);
      continue;
    }
    for (int l = 3; l >= 1; --l)
      if (row.names[static_cast<std::size_t>(l - 1)]) deepest = std::max(deepest, l);
    table.rows.push_back(std::move(row));
  }
  table.role = deepest < 3 ? ScoreTable::Role::kSummary : ScoreTable::Role::kResults;
  table.form = true;
}

}  // namespace

std::optional<NameCell> parse_name_cell(std::string_view cell) {
  cell = trim(cell);
  if (cell.empty() || is_sentence(cell)) return std::nullopt;  // is_sentence discounts a stray mark
  cell = without_stray_mark(cell);
  if (parse_value(cell).is_value) return std::nullopt;
  // "投入（20分）"; OCR can double the opening bracket ("投入（（20分)") or lose
  // the closing one after 分 ("预算管理(8分"): a name never ends with a bracket
  // and a figure of points.
  static const RE2 kWithMax(R"(^(.*?)\s*[（(]+\s*([0-9]+(?:\.[0-9]+)?)\s*(?:分\s*[）)]?|[）)])$)");
  std::string name, max;
  NameCell nc;
  if (RE2::FullMatch(cell, kWithMax, &name, &max)) {
    nc.name = std::string(trim(name));
    nc.max = Decimal::parse(max);
    nc.continuation = nc.name.empty();
  } else {
    nc.name = std::string(cell);
  }
  return nc;
}

std::vector<ScoreTable> find_score_tables(const extract::Document& doc) {
  // Which Table row each line is, so a table the extract stage read is read from its cells.
  const std::vector<std::pair<int, int>> table_row = table_rows_by_line(doc);
  std::vector<ScoreTable> tables;
  std::deque<std::string> storage;
  std::size_t i = 0;
  while (i < doc.lines.size()) {
    const auto [t, r] = table_row[i];
    const extract::Table* source_table = t >= 0 ? &doc.tables[static_cast<std::size_t>(t)] : nullptr;
    const std::vector<Cell> cells =
        source_table ? table_cells(*source_table, r, i, storage) : split_cells(line_of(doc, i));
    std::optional<Header> header = parse_header(cells);
    if ((!header || !header->form) && source_table && source_table->source == extract::TableSource::kDelimited) {
      // A form's header where a delimited Table joined the lines above into it: its own cells say.
      std::vector<Cell> own;
      for (const PlacedCell& p : placed_cells(doc, table_row, i, storage)) own.push_back(p.cell);
      std::optional<Header> form = own.size() >= 2 ? parse_header(own) : std::nullopt;
      if (form && form->form) header = std::move(form);
    }
    if (!header) {
      ++i;
      continue;
    }
    ScoreTable table;
    table.header_line = i;
    Rows rows(doc, source_table, r, i);
    // Transposed: "指标 决策 过程 …" followed by "分值 15 25 …".
    if (!header->has_max && !header->has_score && starts_transposed(doc, source_table, r, i)) {
      table.transposed = true;
      table.role = ScoreTable::Role::kSummary;
      table.rows = parse_transposed(cells, i, rows);
      if (!table.rows.empty()) tables.push_back(std::move(table));
      i = std::max(rows.resume(), i + 1);
      continue;
    }
    if (header->maybe_transposed) {
      ++i;
      continue;
    }
    if (header->form) {
      // A form is read by column position; a form line whose columns are not known is not read at all.
      const std::optional<FormColumns> columns = form_columns(placed_cells(doc, table_row, i, storage));
      if (!columns || !(header->has_score || form_names_targets(*columns))) {
        ++i;
        continue;
      }
      read_form_body(*columns, doc, table_row, rows, table);
      if (!table.rows.empty()) tables.push_back(std::move(table));
      i = std::max(rows.resume(), i + 1);
      continue;
    }
    place_values(*header, cells, placed_cells(doc, table_row, i, storage));
    read_body(*header, doc, table_row, rows, table);
    if (!table.rows.empty()) tables.push_back(std::move(table));
    i = std::max(rows.resume(), i + 1);
  }
  return tables;
}

}  // namespace jixiao::normalize
