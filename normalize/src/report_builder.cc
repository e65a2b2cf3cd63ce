// build_report(): an extracted Document into a Report. The parts run in an
// order that matters, each in its own file (builder.h lists them):
//
//   1. every line normalized once; spans map back to the original
//   2. metadata and every quantity (the later readers reuse the quantities)
//   3. score tables: results tables define the indicator tree, summary
//      tables add what they alone state, the annex only restates it
//   3a. a self-evaluation form's header, budget block and grade (form.cc)
//   4. the statements of running text, matched against that tree (or
//      building it, when the report has no results table)
//   5. budget lines, then the figures related to each other (breakdowns,
//      changes, per-unit statements, repeated figures: report_text.h)
//   6. each indicator's canonical values from its observations
//
// Nothing here judges the figures: that is the validate stage's work.

#include "jixiao/normalize/report_builder.h"

#include <algorithm>
#include <iterator>
#include <utility>
#include <vector>

#include "builder.h"
#include "report_text.h"
#include "score_table.h"

namespace jixiao::normalize {
namespace {

// The readers of related figures over the normalized lines and their quantities.
void read_related_figures(const internal::NormalizedDocument& doc, const internal::LineQuantities& quantities,
                          model::Report& report) {
  const internal::ReportText text{doc.doc, quantities, [&doc](std::size_t line, std::size_t b, std::size_t e) {
                                    return doc.span(line, b, e);
                                  }};
  // A form's budget block has already added its breakdowns (form.cc); the sentences' come first.
  std::vector<model::Breakdown> breakdowns = internal::read_breakdowns(text);
  breakdowns.insert(breakdowns.end(), std::make_move_iterator(report.breakdowns.begin()),
                    std::make_move_iterator(report.breakdowns.end()));
  report.breakdowns = std::move(breakdowns);
  report.changes = internal::read_changes(text);
  for (model::BudgetLine& bl : internal::read_rates_against_remote_budget(text))
    report.budget_lines.push_back(std::move(bl));
  report.per_unit = internal::read_per_unit(text);
  internal::RepeatedFigures repeated = internal::find_repeated_figures(text, report);
  report.repeated = std::move(repeated.figures);
  if (repeated.cut_short > 0)
    report.notices.push_back(extract::Notice{
        "repeated_figure_candidates",
        std::to_string(repeated.cut_short) + " 处金额或数量可比对象过多，仅与前 4096 个比较 (" +
            std::to_string(repeated.cut_short) +
            " figures had too many look-alikes to compare with all of them: each was compared with the first 4,096)",
        0, 0, false, {}});
}

}  // namespace

model::Report build_report(const extract::Document& doc, const BuildLimits& limits) {
  const internal::NormalizedDocument norm = internal::normalize_document(doc);
  model::Report report;
  report.notices = doc.notices;
  internal::read_metadata(norm.doc, report);
  const internal::LineQuantities quantities = internal::read_quantities(norm, limits.max_figures, report);

  internal::IndicatorTree tree(report);
  const std::vector<ScoreTable> tables = find_score_tables(norm.doc);
  const bool has_results_table = std::any_of(tables.begin(), tables.end(), [](const ScoreTable& t) {
    return t.role == ScoreTable::Role::kResults;
  });
  for (ScoreTable::Role role : {ScoreTable::Role::kResults, ScoreTable::Role::kSummary})
    for (std::size_t t = 0; t < tables.size(); ++t)
      if (tables[t].role == role) internal::read_score_table(tables[t], static_cast<int>(t), norm, tree);
  for (std::size_t t = 0; t < tables.size(); ++t)
    if (tables[t].role == ScoreTable::Role::kAnnex)
      internal::read_annex_table(tables[t], static_cast<int>(t), norm, tree, report);
  for (std::size_t t = 0; t < tables.size(); ++t)
    for (std::size_t line : tables[t].unread_lines)
      report.unread_rows.push_back({static_cast<int>(t), norm.span(line, 0, norm.doc.line_text(line).size())});

  // A form's budget score joins the tree in its indicator block's table.
  int form_table = -1;
  for (std::size_t t = 0; t < tables.size() && form_table < 0; ++t)
    if (tables[t].form) form_table = static_cast<int>(t);
  internal::read_self_evaluation_form(norm, form_table, tree, report);

  internal::read_statements(norm, has_results_table, tree, report);
  internal::settle_ocr_names(norm, report);
  internal::read_budget_sentences(norm, quantities, report.budget_lines);
  internal::read_budget_tables(norm, report.budget_lines);
  read_related_figures(norm, quantities, report);
  internal::settle_canonical_values(report);
  return report;
}

}  // namespace jixiao::normalize
