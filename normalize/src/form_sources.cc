// The budget block some city department-wide forms print instead of the
// national one: the money split by funding source across the columns rather
// than down the rows. Either one column per source (中央 / 省、地 / 本级 /
// 其他), a 合计 column, then 执行数 and 执行率; or each source, and 合计, over a
// pair of 预算数 / 执行数 columns (a second header row says which is which),
// with 执行率 last. Each data row is one budget line (合计, 执行数, 执行率) and
// one Breakdown per amount the sources state (合计 = the sources' sum), so
// that budget.rate and budget.sum check it as they check the national block.
//
// Columns are placed by position (a delimited line's cells, a Table's grid),
// never by the order of the figures: a source left empty would shift them.

#include <deque>
#include <optional>
#include <string>
#include <string_view>
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

// How far above a block's header its unit caption may stand (as in form.cc).
constexpr std::size_t kCaptionLines = 3;

// A header cell's key without the unit it states ("本级(万元)" -> "本级").
std::string column_key(std::string_view cell) {
  std::string key = name_key(cell);
  for (std::string_view unit : {"(万元)", "(元)", "(%)"})
    if (key.size() > unit.size() && key.ends_with(unit)) key.resize(key.size() - unit.size());
  return key;
}

template <typename Words>
bool is_one_of(const std::string& key, const Words& words) {
  for (std::string_view w : words)
    if (key == w) return true;
  return false;
}

struct SourceColumn {
  std::string name;  // as printed, without its unit
  int budget = -1, executed = -1;
};

struct SourceHeader {
  std::vector<SourceColumn> sources;  // funding sources, left to right
  SourceColumn total;                 // 合计
  int rate = -1;
  int exponent = 0;      // 4 when a header cell states 万元
  bool two_rows = false; // the 预算数 / 执行数 row follows the sources' row
};

// The sources' row, and the 预算数 / 执行数 row under it where there is one.
std::optional<SourceHeader> source_header(const std::vector<PlacedCell>& first,
                                          const std::vector<PlacedCell>& second) {
  SourceHeader h;
  int executed = -1;
  for (const PlacedCell& p : first) {
    if (p.cell.text.find(vocabulary::kTenThousandYuan) != std::string_view::npos) h.exponent = 4;
    const std::string key = column_key(p.cell.text);
    if (is_one_of(key, vocabulary::kFormSourceColumns)) h.sources.push_back({key, p.col, -1});
    else if (is_one_of(key, vocabulary::kFormSourceTotalColumns)) h.total = {key, p.col, -1};
    else if (is_one_of(key, vocabulary::kFormSourceExecutedWords)) executed = p.col;
    else if (is_one_of(key, vocabulary::kFormSourceRateWords)) h.rate = p.col;
  }
  if (h.sources.size() < 2 || h.total.budget < 0) return std::nullopt;
  if (executed >= 0) {
    // One column per source: 执行数 is the total's.
    if (h.rate < 0) return std::nullopt;
    h.total.executed = executed;
    return h;
  }
  // A pair per source: 预算数 under the source's column, 执行数 right after it.
  auto word_at = [&second](int col, const auto& words) {
    for (const PlacedCell& p : second)
      if (p.col == col) return is_one_of(column_key(p.cell.text), words);
    return false;
  };
  for (SourceColumn* s : [&h] {
         std::vector<SourceColumn*> all;
         for (SourceColumn& c : h.sources) all.push_back(&c);
         all.push_back(&h.total);
         return all;
       }()) {
    if (!word_at(s->budget, vocabulary::kFormSourceBudgetWords) ||
        !word_at(s->budget + 1, vocabulary::kFormSourceExecutedWords))
      return std::nullopt;
    s->executed = s->budget + 1;
  }
  for (const PlacedCell& p : second) {
    if (p.cell.text.find(vocabulary::kTenThousandYuan) != std::string_view::npos) h.exponent = 4;
    if (h.rate < 0 && is_one_of(column_key(p.cell.text), vocabulary::kFormSourceRateWords)) h.rate = p.col;
  }
  if (h.rate < 0) return std::nullopt;
  h.two_rows = true;
  return h;
}

// One data row: its label and the figure in each column that holds one.
struct FundRow {
  std::string label;
  std::size_t line = 0;
  std::vector<std::pair<int, std::pair<Decimal, text::Cell>>> figures;

  const std::pair<Decimal, text::Cell>* at(int col) const {
    for (const auto& [c, f] : figures)
      if (c == col) return &f;
    return nullptr;
  }
};

FundRow read_row(const std::vector<PlacedCell>& cells, std::size_t line) {
  FundRow row;
  row.line = line;
  for (const PlacedCell& p : cells) {
    std::string_view t = trim(p.cell.text);
    if (t.ends_with("%")) t.remove_suffix(1);
    if (const auto d = Decimal::parse(t)) row.figures.push_back({p.col, {*d, p.cell}});
    else if (row.figures.empty()) row.label = std::string(p.cell.text);
  }
  return row;
}

BudgetFigure figure(const NormalizedDocument& doc, const FundRow& row, const std::pair<Decimal, text::Cell>& f,
                    int exponent, const std::string& what) {
  return BudgetFigure{f.first, exponent, doc.span(row.line, f.second.begin, f.second.end),
                      (row.label.empty() ? std::string() : row.label + "：") + what, text::Qualifier::kExact};
}

// The row's budget line and its breakdowns into the sources.
void read_source_row(const NormalizedDocument& doc, const SourceHeader& h, const FundRow& row,
                     model::Report& report) {
  const auto* budget = row.at(h.total.budget);
  const auto* executed = row.at(h.total.executed);
  const auto* rate = row.at(h.rate);
  if (budget && executed && rate && !budget->first.is_zero()) {
    model::BudgetLine bl;
    bl.label = row.label.empty() ? h.total.name : row.label;
    bl.budget = figure(doc, row, *budget, h.exponent, h.total.name + "预算数");
    bl.executed = figure(doc, row, *executed, h.exponent, h.total.name + "执行数");
    bl.rate = rate->first;
    bl.rate_span = doc.span(row.line, rate->second.begin, rate->second.end);
    bl.from_table = true;
    report.budget_lines.push_back(std::move(bl));
  }
  auto breakdown = [&](const std::pair<Decimal, text::Cell>* total, int SourceColumn::*col, std::string_view what) {
    if (!total) return;
    model::Breakdown b;
    b.total = figure(doc, row, *total, h.exponent, h.total.name + std::string(what));
    b.connective = h.total.name;
    for (const SourceColumn& s : h.sources)
      if (const auto* part = row.at(s.*col)) b.parts.push_back(figure(doc, row, *part, h.exponent, s.name + std::string(what)));
    if (b.parts.size() >= 2) report.breakdowns.push_back(std::move(b));
  };
  breakdown(budget, &SourceColumn::budget, "预算数");
  if (h.two_rows) breakdown(executed, &SourceColumn::executed, "执行数");
}

}  // namespace

void read_source_budget_blocks(const NormalizedDocument& doc, const std::vector<std::pair<int, int>>& by_line,
                               model::Report& report) {
  const extract::Document& norm = doc.doc;
  std::deque<std::string> storage;
  for (std::size_t i = 0; i < norm.lines.size(); ++i) {
    const std::vector<PlacedCell> first = placed_cells(norm, by_line, i, storage);
    if (first.size() < 4) continue;
    std::size_t next = i + 1;
    while (next < norm.lines.size() && trim(norm.line_text(next)).empty()) ++next;
    const std::vector<PlacedCell> second =
        next < norm.lines.size() ? placed_cells(norm, by_line, next, storage) : std::vector<PlacedCell>{};
    std::optional<SourceHeader> h = source_header(first, second);
    if (!h) continue;
    // A caption ("单位：万元") may stand a line or two above the header.
    for (std::size_t back = 1; back <= kCaptionLines && back <= i; ++back)
      if (norm.line_text(i - back).find(vocabulary::kTenThousandYuan) != std::string_view::npos) h->exponent = 4;
    const std::size_t header_end = h->two_rows ? next : i;
    const auto [t, r] = by_line[header_end];
    Rows rows(norm, t >= 0 ? &norm.tables[static_cast<std::size_t>(t)] : nullptr, r, header_end);
    while (std::optional<SourceRow> source = rows.next()) {
      if (source->blank) continue;
      const FundRow row = read_row(placed_cells(norm, by_line, source->line, storage), source->line);
      if (row.figures.empty()) break;  // the block has ended
      read_source_row(doc, *h, row, report);
      i = source->line;
    }
  }
}

}  // namespace jixiao::normalize::internal
