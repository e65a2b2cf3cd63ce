#pragma once
// Internal to normalize/: what the readers of related figures (breakdowns,
// changes, per-unit statements, repeated figures) see of a report. The
// builder has normalized every line and scanned its quantities; a reader
// works on those and maps its byte ranges back to the original with span().

#include <cstddef>
#include <functional>
#include <vector>

#include "jixiao/extract/document.h"
#include "jixiao/model/budget.h"
#include "jixiao/model/report.h"
#include "jixiao/text/quantity.h"

namespace jixiao::normalize::internal {

struct ReportText {
  // The normalized lines (NFKC, ASCII digits, no stray spaces), line i of the original document.
  const extract::Document& lines;
  // scan_quantities() of each normalized line; Quantity::begin/end are offsets in that line.
  const std::vector<std::vector<text::Quantity>>& quantities;
  // The original text of bytes [begin, end) of normalized line `line`.
  std::function<extract::SourceSpan(std::size_t line, std::size_t begin, std::size_t end)> span;

  // A quantity of line `line` as a BudgetFigure (value, exponent, label, qualifier, span).
  model::BudgetFigure figure(std::size_t line, const text::Quantity& q) const {
    model::BudgetFigure f;
    f.value = q.value;
    f.exponent = q.exponent;
    f.span = span(line, q.begin, q.end);
    f.label = q.label;
    f.qualifier = q.qualifier;
    return f;
  }
};

// Each reader returns records in document order.
std::vector<model::Breakdown> read_breakdowns(const ReportText& text);
std::vector<model::StatedChange> read_changes(const ReportText& text);
// Rate statements whose budget stands in another sentence ("完成年初预算的7.9%").
std::vector<model::BudgetLine> read_rates_against_remote_budget(const ReportText& text);
std::vector<model::PerUnitStatement> read_per_unit(const ReportText& text);
// Groups report.amounts and report.counts (already filled, in document order).
struct RepeatedFigures {
  std::vector<model::RepeatedFigure> figures;
  // Statements compared with only the first kMaxCandidates (4,096) statements
  // of their unit that share a rare word pair with them: a bound on hostile input.
  std::size_t cut_short = 0;
};
RepeatedFigures find_repeated_figures(const ReportText& text, const model::Report& report);

}  // namespace jixiao::normalize::internal
