// Budget execution as the report states it: a budget, the amount executed and
// the printed 执行率, so that validate can recompute the rate.
//
// In a sentence ("预算数 88 万元，执行数 88 万元，执行率 100%") the rate is read
// with the nearest execution figure before it in the sentence and the nearest
// budget figure before that; the scanner's labels say which is which. In a
// table with 预算数 / 执行数 / 执行率 columns every row is one budget line: the
// first two plain numbers and the percentage, in the unit the header states.
// Rates whose budget stands in another sentence are the changes reader's
// (changes.cc).

#include <re2/re2.h>

#include <algorithm>
#include <deque>
#include <set>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "boundaries.h"
#include "builder.h"
#include "jixiao/text/text.h"
#include "table_rows.h"
#include "vocabulary.h"

namespace jixiao::normalize::internal {
namespace {

using model::BudgetFigure;
using model::BudgetLine;
using text::Cell;
using text::Decimal;
using text::Qualifier;
using text::Quantity;

// The longest line a wrapped PDF table cell leaves on its own ("序", "号", "%", "100.00").
constexpr std::size_t kMaxTableFragmentChars = 8;

bool is_executed_label(std::string_view label) { return vocabulary::contains_any(label, vocabulary::kExecutedWords); }

// The money figures of a rate statement in bytes [sentence, at) of a line: the
// last execution figure, and the last budget figure before it (nullptr where
// there is none).
std::pair<const Quantity*, const Quantity*> executed_and_budget(const std::vector<Quantity>& quantities,
                                                                std::size_t sentence, std::size_t at) {
  const Quantity* executed = nullptr;
  const Quantity* budget = nullptr;
  for (const Quantity& q : quantities) {
    if (q.kind != Quantity::Kind::kMoney || q.begin < sentence || q.end > at) continue;
    if (is_executed_label(q.label)) {
      executed = &q;
      budget = nullptr;
    } else if (q.label.find("预算") != std::string::npos && !executed) {
      budget = &q;
    }
  }
  // The budget must come before the execution figure.
  if (executed) {
    budget = nullptr;
    for (const Quantity& q : quantities)
      if (q.kind == Quantity::Kind::kMoney && q.begin >= sentence && q.end <= executed->begin &&
          q.label.find("预算") != std::string::npos && !is_executed_label(q.label))
        budget = &q;
  }
  return {executed, budget};
}

// A budget table's columns, from its header row; nullopt when it has not all three.
struct BudgetColumns {
  int budget = -1, executed = -1, rate = -1;
  int exponent = 0;  // 4 when the header states 万元
};
std::optional<BudgetColumns> budget_columns(const std::vector<Cell>& header) {
  BudgetColumns cols;
  for (int c = 0; c < static_cast<int>(header.size()); ++c) {
    const std::string_view h = header[c].text;
    if (vocabulary::contains_any(h, vocabulary::kBudgetColumnWords) && cols.budget < 0) cols.budget = c;
    else if (vocabulary::contains_any(h, vocabulary::kExecutedColumnWords) && cols.executed < 0)
      cols.executed = c;
    else if (vocabulary::contains_any(h, vocabulary::kRateColumnWords))
      cols.rate = c;
    if (h.find(vocabulary::kTenThousandYuan) != std::string_view::npos) cols.exponent = 4;
  }
  if (cols.budget < 0 || cols.executed < 0 || cols.rate < 0) return std::nullopt;
  return cols;
}

// One row of a budget table as a budget line: the figures by order, the first
// two plain numbers, then the percentage. nullopt for a row that has not them.
std::optional<BudgetLine> budget_table_row(const std::vector<Cell>& cells, std::size_t line, int exponent,
                                           const NormalizedDocument& doc) {
  std::vector<std::pair<Decimal, const Cell*>> numbers;
  std::optional<std::pair<Decimal, const Cell*>> percent;
  std::string label;
  for (const Cell& c : cells) {
    std::string_view t = c.text;
    if (t.ends_with("%")) {
      if (auto d = Decimal::parse(t.substr(0, t.size() - 1))) percent = std::make_pair(*d, &c);
    } else if (auto d = Decimal::parse(t)) {
      if (label.empty() && numbers.empty() && d->scale() == 0 && t.size() <= 2) continue;  // 序号
      numbers.emplace_back(*d, &c);
    } else if (label.empty()) {
      label = std::string(t);
    }
  }
  if (numbers.size() < 2 || !percent || numbers[0].first.is_zero()) return std::nullopt;
  BudgetLine bl;
  bl.label = label;
  bl.budget = BudgetFigure{numbers[0].first, exponent, doc.span(line, numbers[0].second->begin, numbers[0].second->end),
                           label + "（预算数）", Qualifier::kExact};
  bl.executed = BudgetFigure{numbers[1].first, exponent,
                             doc.span(line, numbers[1].second->begin, numbers[1].second->end), label + "（执行数）",
                             Qualifier::kExact};
  bl.rate = percent->first;
  bl.rate_span = doc.span(line, percent->second->begin, percent->second->end);
  bl.from_table = true;
  return bl;
}

}  // namespace

void read_budget_sentences(const NormalizedDocument& doc, const LineQuantities& quantities,
                           std::vector<BudgetLine>& out) {
  // A rate in per mille (999.5‰) is the percent 99.95, its printed precision
  // carried over (±0.05‰ is ±0.005%).
  static const RE2 kRate(
      R"(((?:预算执行率|预算完成率|执行率|完成率)\s*(?:为|达到|达|是)?\s*)([0-9]+(?:\.[0-9]+)?)(%|‰))");
  static const Decimal kTenth = *Decimal::parse("0.1");
  for (std::size_t i = 0; i < doc.doc.lines.size(); ++i) {
    const std::string_view line = doc.doc.line_text(i);
    re2::StringPiece input(line.data(), line.size());
    re2::StringPiece whole, value, sign;
    while (RE2::FindAndConsume(&input, kRate, &whole, &value, &sign)) {
      const std::size_t at = static_cast<std::size_t>(whole.data() - line.data());
      static constexpr std::string_view kFullStop[] = {"。"};
      const std::size_t sentence = stretch_begin(line, at, kFullStop);
      const auto [executed, budget] = executed_and_budget(quantities[i], sentence, at);
      if (!executed || !budget || budget->value.is_zero()) continue;
      auto rate = Decimal::parse(std::string_view(value.data(), value.size()));
      if (!rate) continue;
      if (sign != "%") rate = *rate * kTenth;
      BudgetLine bl;
      bl.label = budget->label;
      bl.budget = BudgetFigure{budget->value, budget->exponent, doc.span(i, budget->begin, budget->end),
                               budget->label, budget->qualifier};
      bl.executed = BudgetFigure{executed->value, executed->exponent, doc.span(i, executed->begin, executed->end),
                                 executed->label, executed->qualifier};
      bl.rate = *rate;
      bl.rate_span = doc.span(i, at, at + whole.size());
      bl.rate_words = std::string(whole.data(), whole.size());
      out.push_back(std::move(bl));
    }
  }
}

// A row that starts another table: a score table's or a form's indicator
// header (一级指标, 绩效指标), which a budget table never runs on into.
bool starts_indicator_block(const std::vector<Cell>& cells) {
  return std::any_of(cells.begin(), cells.end(), [](const Cell& c) {
    const std::string key = text::name_key(c.text);
    return std::any_of(std::begin(vocabulary::kIndicatorHeaderWords), std::end(vocabulary::kIndicatorHeaderWords),
                       [&key](std::string_view w) { return key == w; });
  });
}

void read_budget_tables(const NormalizedDocument& doc, std::vector<BudgetLine>& out) {
  const extract::Document& norm = doc.doc;
  const std::vector<std::pair<int, int>> by_line = table_rows_by_line(norm);
  std::deque<std::string> storage;
  // The rows a form's budget block gave already (form.cc): one budget line a row.
  std::set<std::pair<int, int>> read;  // page, line
  for (const BudgetLine& bl : out)
    if (bl.from_table) read.emplace(bl.rate_span.page, bl.rate_span.line);
  for (std::size_t i = 0; i < norm.lines.size(); ++i) {
    const std::vector<Cell> header = line_cells(norm, by_line, i, storage);
    const std::optional<BudgetColumns> cols = budget_columns(header);
    // A form's budget block puts 年初预算数 before 全年预算数: form.cc reads it by column.
    // An indicator block's header (一级指标 … 指标值 | 实际完成值 | 分值) is no
    // budget table's, whatever its columns resemble.
    if (!cols || is_form_budget_header(header) || starts_indicator_block(header)) continue;
    const auto [t, r] = by_line[i];
    Rows rows(norm, t >= 0 ? &norm.tables[static_cast<std::size_t>(t)] : nullptr, r, i);
    while (std::optional<SourceRow> source = rows.next()) {
      if (source->blank) continue;
      const std::vector<Cell>& cells = source->cells;
      if (cells.size() < 3) {
        // A PDF table wraps header cells and figures onto lines of their own
        // ("序" / "号", "100.00" / "%"): short fragments do not end the table;
        // a line of running text does.
        if (cells.size() == 1 && text::utf8_length(cells[0].text) > kMaxTableFragmentChars) break;
        if (cells.empty()) break;
        continue;
      }
      if (starts_indicator_block(cells)) break;
      if (std::optional<BudgetLine> bl = budget_table_row(cells, source->line, cols->exponent, doc))
        if (!read.contains({bl->rate_span.page, bl->rate_span.line})) out.push_back(std::move(*bl));
    }
  }
}

}  // namespace jixiao::normalize::internal
