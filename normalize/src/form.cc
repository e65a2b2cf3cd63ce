// The self-evaluation form (项目支出绩效自评表, 部门整体支出绩效自评表) beyond its
// indicator block, which score_table.cc reads: the header block (项目名称,
// 主管部门, 实施单位), the budget block and the 自评等级 row.
//
// The budget block is a header row (年初预算数, 全年预算数, 全年执行数, 分值,
// 执行率, 得分) and rows read by column position, as the indicator block is: a
// form leaves cells empty (上年结转资金 with no amount, 分值 only on the total
// row), and reading figures by their order would take 年初预算数 for the budget.
// The first row is 年度资金总额, the others the sources it is made of (其中：
// 当年财政拨款, 上年结转资金, 其他资金); a row labelled otherwise ends the block.
// Each row with a budget, an execution and a printed rate is a BudgetLine
// (budget.rate), each amount column a Breakdown of the total row into the
// sources (budget.sum). The total row's 分值 and 得分 score the budget: they go
// on its BudgetLine (budget.score) and into the tree as a level-1 indicator
// stated in the indicator block's table, so that 总分 is checked against
// every score the form gives (score.sum).

#include <re2/re2.h>

#include <algorithm>
#include <array>
#include <deque>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "builder.h"
#include "jixiao/text/text.h"
#include "table_rows.h"
#include "vocabulary.h"

namespace jixiao::normalize::internal {
namespace {

using model::BudgetFigure;
using text::Decimal;
using text::name_key;
using text::trim;
using vocabulary::FormBudgetColumn;

constexpr std::size_t kColumnKinds = 6;  // FormBudgetColumn's values
// How far into the document a form's title may stand (after 附件 and a caption).
constexpr std::size_t kTitleLines = 8;
// The longest line that may stand above a form's title ("附件2", "附表 3-1").
constexpr std::size_t kMaxLinesAboveTitleChars = 6;
// How far above a budget block's header its unit caption may stand.
constexpr std::size_t kCaptionLines = 3;

// The grid column of each kind of budget column, -1 where the header has none.
struct BudgetHeader {
  std::array<int, kColumnKinds> col;
  int exponent = 0;  // 4 when the header or the caption above it states 万元
  int first_amount = 0;

  int operator[](FormBudgetColumn c) const { return col[static_cast<std::size_t>(c)]; }
};

// True for the bracketed tail of a budget column's name that is a unit or a
// formula mark ("(万元)", "(A)", "(B/A×100%)"), not a word of the name ("(调整)").
bool is_column_mark(std::string_view inner) {
  if (inner == "万元" || inner == "元" || inner == "%") return true;
  const std::u32string marks = text::to_u32(vocabulary::kFormColumnMarkChars);
  const std::u32string chars = text::to_u32(inner);
  return !chars.empty() && std::all_of(chars.begin(), chars.end(), [&marks](char32_t c) {
    return c == U' ' || marks.find(c) != std::u32string::npos;
  });
}

// A budget header cell's name: "全年预算数(A)(万元)" -> "全年预算数" (every
// unit or formula mark at the end goes).
std::string budget_column_key(std::string_view cell) {
  std::string key = header_key(cell);
  while (key.ends_with(")")) {
    const std::size_t open = key.rfind('(');
    if (open == std::string::npos || open == 0 || !is_column_mark(std::string_view(key).substr(open + 1, key.size() - open - 2)))
      break;
    key.resize(open);
  }
  return key;
}

std::optional<FormBudgetColumn> budget_column(std::string_view cell) {
  const std::string key = budget_column_key(cell);
  for (const vocabulary::FormBudgetWord& w : vocabulary::kFormBudgetWords)
    if (key == w.key) return w.column;
  return std::nullopt;
}

// The column of a header cell one character off a budget word of at least
// kFormBudgetWordMinCharsOneOff characters, when only one word is that close:
// OCR misreads one character of a scanned form's header (全年预算效 for
// 全年预算数), and the block would be lost for want of its budget column. A
// shorter word (分值, 执行率) is too close to others to guess at.
std::optional<FormBudgetColumn> budget_column_one_off(std::string_view cell) {
  const std::u32string key = text::to_u32(budget_column_key(cell));
  std::optional<FormBudgetColumn> found;
  int matches = 0;
  for (const vocabulary::FormBudgetWord& w : vocabulary::kFormBudgetWords) {
    const std::u32string word = text::to_u32(w.key);
    if (word.size() < vocabulary::kFormBudgetWordMinCharsOneOff || word.size() != key.size()) continue;
    std::size_t differ = 0;
    for (std::size_t i = 0; i < word.size(); ++i) differ += word[i] != key[i] ? 1 : 0;
    if (differ == 1) {
      ++matches;
      found = w.column;
    }
  }
  return matches == 1 ? found : std::nullopt;
}

// `scored`: only a header with 分值 or 得分, which only a form's budget block
// has; without, 全年预算数 / 全年执行数 / 执行率 are a form's (the central-transfer
// form scores nothing there) only in a document known to be a form.
std::optional<BudgetHeader> budget_header(const std::vector<PlacedCell>& cells, bool scored = true) {
  BudgetHeader h;
  h.col.fill(-1);
  std::vector<const PlacedCell*> unknown;
  for (const PlacedCell& p : cells) {
    if (p.cell.text.find(vocabulary::kTenThousandYuan) != std::string_view::npos) h.exponent = 4;
    if (const auto c = budget_column(p.cell.text)) h.col[static_cast<std::size_t>(*c)] = p.col;
    else unknown.push_back(&p);
  }
  // A cell one character off a word fills only a column no cell names.
  for (const PlacedCell* p : unknown)
    if (const auto c = budget_column_one_off(p->cell.text); c && h[*c] < 0) h.col[static_cast<std::size_t>(*c)] = p->col;
  if (h[FormBudgetColumn::kBudget] < 0 || h[FormBudgetColumn::kExecuted] < 0 || h[FormBudgetColumn::kRate] < 0)
    return std::nullopt;
  // A form scores its budget block; a budget table without 分值/得分 is a report's own (budget_lines.cc).
  if (scored && h[FormBudgetColumn::kMax] < 0 && h[FormBudgetColumn::kScore] < 0) return std::nullopt;
  h.first_amount = std::min(h[FormBudgetColumn::kBudget], h[FormBudgetColumn::kExecuted]);
  if (h[FormBudgetColumn::kInitial] >= 0) h.first_amount = std::min(h.first_amount, h[FormBudgetColumn::kInitial]);
  return h;
}

// One row of the budget block: its label and the figure of each column, with where it stands.
struct BudgetRow {
  enum class Kind { kTotal, kPart, kOther };
  Kind kind = Kind::kOther;
  std::string label;
  std::size_t line = 0;
  std::array<std::optional<std::pair<Decimal, text::Cell>>, kColumnKinds> figures;

  const std::optional<std::pair<Decimal, text::Cell>>& operator[](FormBudgetColumn c) const {
    return figures[static_cast<std::size_t>(c)];
  }
};

BudgetRow::Kind fund_kind(std::string_view label) {
  const std::string key = name_key(label);
  if (vocabulary::contains_any(key, vocabulary::kFormFundTotal)) return BudgetRow::Kind::kTotal;
  if (vocabulary::contains_any(key, vocabulary::kFormFundParts)) return BudgetRow::Kind::kPart;
  return BudgetRow::Kind::kOther;
}

// "其中：当年财政拨款" -> "当年财政拨款"; "年度资金总额：" -> "年度资金总额".
std::string fund_label(std::string_view label) {
  for (std::string_view prefix : {"其中:", "其中：", "其中"})
    if (label.starts_with(prefix)) label.remove_prefix(prefix.size());
  for (std::string_view suffix : {":", "："})
    if (label.ends_with(suffix)) label.remove_suffix(suffix.size());
  return std::string(trim(label));
}

// How far a row's cells stand left of its header's: a row that opens with its
// label and then a figure, left of the first amount column, lost a merged
// cell at its start that the header kept (Sichuan's "预算执行情况(10分)" over
// the whole block, printed on the header row only).
int row_shift(const BudgetHeader& h, const std::vector<PlacedCell>& cells) {
  if (cells.size() < 4 || cells[0].col != 0 || Decimal::parse(trim(cells[0].cell.text))) return 0;
  const PlacedCell& first = cells[1];
  std::string_view t = trim(first.cell.text);
  if (!Decimal::parse(t) || first.col >= h.first_amount || first.col != 1) return 0;
  return h.first_amount - first.col;
}

BudgetRow read_budget_row(const BudgetHeader& h, const std::vector<PlacedCell>& cells, std::size_t line) {
  BudgetRow row;
  row.line = line;
  const int shift = row_shift(h, cells);
  for (const PlacedCell& placed : cells) {
    const PlacedCell p{placed.cell, placed.col + (placed.col > 0 ? shift : 0)};
    if (p.col < h.first_amount) {
      row.label = std::string(p.cell.text);  // the deepest label cell before the amounts
      continue;
    }
    for (std::size_t k = 0; k < kColumnKinds; ++k) {
      if (h.col[k] != p.col) continue;
      std::string_view t = trim(p.cell.text);
      if (static_cast<FormBudgetColumn>(k) == FormBudgetColumn::kRate && t.ends_with("%")) t.remove_suffix(1);
      if (t.ends_with("分")) t.remove_suffix(std::string_view("分").size());
      if (const auto d = Decimal::parse(t)) row.figures[k] = std::make_pair(*d, p.cell);
    }
  }
  row.kind = fund_kind(row.label);
  row.label = fund_label(row.label);
  return row;
}

BudgetFigure figure(const NormalizedDocument& doc, const BudgetRow& row, FormBudgetColumn c, int exponent,
                    std::string_view column_name) {
  const auto& f = *row[c];
  return BudgetFigure{f.first, exponent, doc.span(row.line, f.second.begin, f.second.end),
                      row.label + "（" + std::string(column_name) + "）", text::Qualifier::kExact};
}

// The budget line of a row that states a budget, an execution and a rate.
std::optional<model::BudgetLine> budget_line(const NormalizedDocument& doc, const BudgetRow& row, int exponent) {
  if (!row[FormBudgetColumn::kBudget] || !row[FormBudgetColumn::kExecuted] || !row[FormBudgetColumn::kRate])
    return std::nullopt;
  if (row[FormBudgetColumn::kBudget]->first.is_zero()) return std::nullopt;
  model::BudgetLine bl;
  bl.label = row.label;
  bl.budget = figure(doc, row, FormBudgetColumn::kBudget, exponent, "全年预算数");
  bl.executed = figure(doc, row, FormBudgetColumn::kExecuted, exponent, "全年执行数");
  const auto& rate = *row[FormBudgetColumn::kRate];
  bl.rate = rate.first;
  bl.rate_span = doc.span(row.line, rate.second.begin, rate.second.end);
  bl.from_table = true;
  return bl;
}

// The total row against the source rows, one Breakdown per amount column.
void add_breakdowns(const NormalizedDocument& doc, const BudgetRow& total, const std::vector<BudgetRow>& parts,
                    int exponent, model::Report& report) {
  constexpr std::pair<FormBudgetColumn, std::string_view> kAmounts[] = {
      {FormBudgetColumn::kInitial, "年初预算数"},
      {FormBudgetColumn::kBudget, "全年预算数"},
      {FormBudgetColumn::kExecuted, "全年执行数"},
  };
  for (const auto& [column, name] : kAmounts) {
    if (!total[column]) continue;
    model::Breakdown b;
    b.total = figure(doc, total, column, exponent, name);
    b.connective = "其中";
    for (const BudgetRow& p : parts)
      if (p[column]) b.parts.push_back(figure(doc, p, column, exponent, name));
    // A single 其中 row may be less than the total (the other sources unprinted),
    // never more; one that equals its total restates it and says nothing.
    b.partial = b.parts.size() == 1;
    if (b.partial && b.parts.front().value == b.total.value) continue;
    if (!b.parts.empty()) report.breakdowns.push_back(std::move(b));
  }
}

// The total row's 分值/得分: the budget's score, a level-1 indicator of the
// tree unless the indicator block scores 预算执行率 itself.
void add_budget_score(const NormalizedDocument& doc, const BudgetRow& total, int form_table, IndicatorTree& tree,
                      model::Report& report) {
  const auto& max = total[FormBudgetColumn::kMax];
  const auto& score = total[FormBudgetColumn::kScore];
  if (!max) return;
  for (const model::Indicator& ind : report.indicators)
    if (name_key(ind.name).find(vocabulary::kFormBudgetIndicator) != std::string::npos) return;
  const int index = tree.find_or_add(1, vocabulary::kFormBudgetIndicator, -1);
  const text::Cell& at = score ? score->second : max->second;
  model::Observation o = doc.observation(model::SourceKind::kResultsTable,
                                         std::string(vocabulary::kFormBudgetIndicator), total.line,
                                         std::min(max->second.begin, at.begin), std::max(max->second.end, at.end),
                                         form_table);
  o.max = max->first;
  if (score) o.score = score->first;
  tree.observe(index, std::move(o));
}

// Reads the budget block whose header is line `header_line`.
void read_budget_block(const NormalizedDocument& doc, const std::vector<std::pair<int, int>>& by_line,
                       std::size_t header_line, BudgetHeader h, int form_table, IndicatorTree& tree,
                       model::Report& report) {
  const extract::Document& norm = doc.doc;
  // A caption ("单位：万元") may stand above the header, a line or two (a blank one) before it.
  for (std::size_t back = 1; back <= kCaptionLines && back <= header_line; ++back)
    if (norm.line_text(header_line - back).find(vocabulary::kTenThousandYuan) != std::string_view::npos)
      h.exponent = 4;
  const auto [t, r] = by_line[header_line];
  Rows rows(norm, t >= 0 ? &norm.tables[static_cast<std::size_t>(t)] : nullptr, r, header_line);
  std::deque<std::string> storage;
  std::optional<BudgetRow> total;
  std::vector<BudgetRow> parts;
  while (std::optional<SourceRow> source = rows.next()) {
    if (source->blank) continue;
    BudgetRow row = read_budget_row(h, placed_cells(norm, by_line, source->line, storage), source->line);
    if (row.kind == BudgetRow::Kind::kOther || (row.kind == BudgetRow::Kind::kTotal && total)) break;
    if (row.kind == BudgetRow::Kind::kTotal) total = row;
    else parts.push_back(row);
    if (std::optional<model::BudgetLine> bl = budget_line(doc, row, h.exponent)) {
      if (row.kind == BudgetRow::Kind::kTotal) {
        bl->max = row[FormBudgetColumn::kMax] ? std::optional(row[FormBudgetColumn::kMax]->first) : std::nullopt;
        if (const auto& s = row[FormBudgetColumn::kScore]) {
          bl->score = s->first;
          bl->score_span = doc.span(row.line, s->second.begin, s->second.end);
        }
      }
      report.budget_lines.push_back(std::move(*bl));
    }
  }
  if (!total) return;
  add_breakdowns(doc, *total, parts, h.exponent, report);
  add_budget_score(doc, *total, form_table, tree, report);
}

// A grade word in a cell: short, and not a figure ("优", "良好").
bool is_grade_word(std::string_view cell) {
  cell = trim(cell);
  return !cell.empty() && text::utf8_length(cell) <= 4 && !Decimal::parse(cell);
}

// A cell and the line it stands on.
using LineCell = std::pair<std::size_t, text::Cell>;

// "自评总分（分） | 94.6", "自评得分 | 92分": the total a form states in its
// header block. It joins the total as a row of the form's indicator table,
// so that the rows' scores are checked against it as against a 总分 row.
void read_header_total(const NormalizedDocument& doc, const LineCell& value, int form_table, IndicatorTree& tree) {
  std::string_view t = trim(value.second.text);
  if (t.ends_with("分")) t.remove_suffix(std::string_view("分").size());
  const std::optional<Decimal> score = Decimal::parse(trim(t));
  if (!score || score->sign() < 0) return;
  model::Observation o = doc.observation(model::SourceKind::kSubtotalRow, "自评总分", value.first,
                                         value.second.begin, value.second.end, form_table);
  o.score = *score;
  tree.observe(-1, std::move(o));
}

// Whether a header cell's key labels the form's grade (vocabulary.h).
bool is_form_grade_label(const std::string& key) {
  if (std::find(std::begin(vocabulary::kFormGradeLabels), std::end(vocabulary::kFormGradeLabels), key) !=
      std::end(vocabulary::kFormGradeLabels))
    return true;
  return static_cast<int>(text::utf8_length(key)) <= vocabulary::kFormGradeLabelMaxChars &&
         std::any_of(std::begin(vocabulary::kFormGradeLabelEndings), std::end(vocabulary::kFormGradeLabelEndings),
                     [&key](std::string_view e) { return key.ends_with(e); });
}

// "项目名称 | 柳溪县…": the header block's labelled cells, each followed by
// its value, the stated total and the 自评等级 row.
void read_labelled_cells(const NormalizedDocument& doc, const std::vector<LineCell>& cells, int form_table,
                         IndicatorTree& tree, model::Report& report) {
  auto is = [](const std::string& key, const auto& labels) {
    return std::any_of(std::begin(labels), std::end(labels), [&key](std::string_view l) { return key == l; });
  };
  for (std::size_t k = 0; k + 1 < cells.size(); ++k) {
    const std::string key = name_key(cells[k].second.text);
    const auto& [line, value] = cells[k + 1];
    if (is(key, vocabulary::kFormProjectLabels) && report.project.empty()) {
      report.project = std::string(value.text);
    } else if (is(key, vocabulary::kFormDepartmentLabels) && report.department.empty()) {
      report.department = std::string(value.text);
    } else if (is(key, vocabulary::kFormUnitLabels) && report.unit.empty()) {
      report.unit = std::string(value.text);
    } else if (is(key.ends_with(vocabulary::kScoreUnitInLabel)
                      ? key.substr(0, key.size() - vocabulary::kScoreUnitInLabel.size())
                      : key,
                  vocabulary::kFormTotalFieldLabels)) {
      read_header_total(doc, cells[k + 1], form_table, tree);
    } else if (is_form_grade_label(key) && is_grade_word(value.text)) {
      report.grades.push_back({std::string(trim(value.text)), doc.span(line, value.begin, value.end)});
    }
  }
}

// The labelled cells of every line: the cells of a table row, or a label
// alone on its line with its value on the next line that holds text (a
// docx conversion prints one cell per line).
void read_header_block(const NormalizedDocument& doc, const std::vector<std::pair<int, int>>& by_line,
                       int form_table, IndicatorTree& tree, model::Report& report) {
  const extract::Document& norm = doc.doc;
  std::deque<std::string> storage;
  for (std::size_t i = 0; i < norm.lines.size(); ++i) {
    std::vector<LineCell> cells;
    for (const PlacedCell& p : placed_cells(norm, by_line, i, storage)) cells.emplace_back(i, p.cell);
    if (cells.empty() && by_line[i].first < 0) {
      const std::vector<text::Cell> own = text::split_cells(norm.line_text(i));
      // "自评等级：优": a label and its value on one line.
      if (own.size() == 1) {
        const std::size_t colon = own[0].text.find("：");
        if (colon != std::string_view::npos && colon > 0) {
          const std::size_t at = own[0].begin + colon + std::string_view("：").size();
          const std::string_view value = trim(norm.line_text(i).substr(at, own[0].end - at));
          const std::size_t vbegin = static_cast<std::size_t>(value.data() - norm.line_text(i).data());
          cells = {{i, text::Cell{own[0].text.substr(0, colon), own[0].begin, own[0].begin + colon}},
                   {i, text::Cell{value, vbegin, vbegin + value.size()}}};
        }
      }
      std::size_t next = i + 1;
      while (next < norm.lines.size() && trim(norm.line_text(next)).empty()) ++next;
      if (cells.empty() && own.size() == 1 && next < norm.lines.size() && by_line[next].first < 0) {
        const std::vector<text::Cell> value = text::split_cells(norm.line_text(next));
        if (value.size() == 1) cells = {{i, own[0]}, {next, value[0]}};
      }
    }
    if (cells.size() >= 2) read_labelled_cells(doc, cells, form_table, tree, report);
  }
}

// The form's title ("项目支出绩效自评表") and the year on the line after it
// ("（2023年度）"), in place of the title block a report has: a form has none,
// and the title reader would run on into the form's cells.
// Returns whether the document opens with one (a form of its own, not a form
// annexed to a report).
bool read_form_title(const extract::Document& norm, model::Report& report) {
  static const RE2 kYear(R"(^[（(]?\s*((?:19|20)[0-9]{2})\s*年度?\s*[）)]?$)");
  const std::size_t limit = std::min<std::size_t>(norm.lines.size(), kTitleLines);
  for (std::size_t i = 0; i < limit; ++i) {
    std::string_view line = trim(norm.line_text(i));
    // A title cell spanning the form's width, exported with the separators
    // of the cells it covers: "部门预算项目支出绩效自评表(2023年度) | ||||".
    while (!line.empty() && (line.back() == '|' || line.back() == ' ')) line.remove_suffix(1);
    // Only a blank line or a short one ("附件2") may stand above a form's title.
    if (text::utf8_length(line) <= kMaxLinesAboveTitleChars) continue;
    if (line.find(vocabulary::kFormTitleWord) == std::string_view::npos || text::has_column_separator(line))
      return false;
    report.title = std::string(line);
    std::string year;
    if (i + 1 < norm.lines.size() && RE2::FullMatch(trim(norm.line_text(i + 1)), kYear, &year)) {
      report.title += "（" + year + "年度）";
      report.year = std::stoi(year);
    }
    return true;
  }
  return false;
}

}  // namespace

bool is_form_budget_header(const std::vector<text::Cell>& cells) {
  std::vector<PlacedCell> placed;
  for (const text::Cell& c : cells) placed.push_back({c, static_cast<int>(placed.size())});
  return budget_header(placed).has_value();
}

void read_self_evaluation_form(const NormalizedDocument& doc, int form_table, IndicatorTree& tree,
                               model::Report& report, bool spaced_rows) {
  const extract::Document& norm = doc.doc;
  const std::vector<std::pair<int, int>> by_line = table_rows_by_line(norm);
  std::deque<std::string> storage;
  std::vector<std::pair<std::size_t, BudgetHeader>> budget_headers;
  bool scored_block = false;
  for (std::size_t i = 0; i < norm.lines.size(); ++i) {
    // Every header names an execution column (全年执行数, 预算执行数): a cheap test before the
    // cells of a line (a Table row's cells may stand on other lines: one cell per line).
    if (by_line[i].first < 0 && norm.line_text(i).find(vocabulary::kFormExecutedWord) == std::string_view::npos)
      continue;
    const std::vector<PlacedCell> cells = placed_cells(norm, by_line, i, storage);
    if (auto h = budget_header(cells)) {
      budget_headers.emplace_back(i, *h);
      scored_block = true;
    } else if (auto unscored = budget_header(cells, false)) {
      budget_headers.emplace_back(i, *unscored);
    }
  }
  // Only a form has these blocks: other reports' 项目名称 columns are not a header block.
  // A form whose blocks could not be placed (cells glued) still opens with its
  // title, which the title reader would run on into the glued cells.
  if (form_table < 0 && !scored_block) {
    if (!read_form_title(norm, report)) return;
    report.unit.clear();
    // Its cells may be separated by single spaces, which normalization dropped.
    if (!spaced_rows) read_space_separated_form(doc, tree, report);
    return;
  }
  // A form names its unit in a cell: the title reader's guess (the words
  // before the year) is not one. A report with a form annexed keeps its own.
  if (read_form_title(norm, report)) report.unit.clear();
  for (const auto& [line, h] : budget_headers) read_budget_block(doc, by_line, line, h, form_table, tree, report);
  read_source_budget_blocks(doc, by_line, report);
  read_header_block(doc, by_line, form_table, tree, report);
}

}  // namespace jixiao::normalize::internal
