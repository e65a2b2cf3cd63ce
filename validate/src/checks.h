#pragma once
// Internal: the individual checks validate() runs, and the sink they report to.

#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "jixiao/model/report.h"

namespace jixiao::validate::internal {

using model::Finding;
using model::Indicator;
using model::Observation;
using model::Report;
using model::Severity;
using text::Decimal;

// Collects findings, dropping repeats of the same rule, place and figures.
class Findings {
 public:
  void add(Finding f);
  std::vector<Finding> take() { return std::move(findings_); }

 private:
  std::set<std::tuple<std::string, std::string, std::string, std::string, int, int>> seen_;
  std::vector<Finding> findings_;
};

// "投入 / 目标设定 / 绩效目标合理性", or "总分" for the total.
std::string describe(const Report& report, int index);
// The canonical (highest-precedence) observation holding a figure, or nullptr.
const Observation* canonical(const Indicator& ind, std::optional<Decimal> Observation::*field);
// "33.3%"
std::string percent(const Decimal& d);
// A finding's role for a figure, with what the report calls it: "分项 part: 公务接待费".
std::string role(std::string_view word, const model::BudgetFigure& figure);

void check_sums(const Report& report, Findings& out);
void check_rates(const Report& report, Findings& out);
void check_exceeds_max(const Report& report, Findings& out);
void check_cross_source(const Report& report, Findings& out);
void check_counts(const Report& report, Findings& out);
void check_grade(const Report& report, Findings& out);
void check_grade_bands(const Report& report, Findings& out);
void check_budget_rates(const Report& report, Findings& out);
void check_budget_scores(const Report& report, Findings& out);
void check_budget_sums(const Report& report, Findings& out);
void check_budget_changes(const Report& report, Findings& out);
void check_per_unit(const Report& report, Findings& out);
void check_figure_conflicts(const Report& report, Findings& out);
void check_uncertain_tables(const Report& report, Findings& out);
// unread_rows.cc: score-table rows with figures that were not read, and the
// errors on sums and counts over their tables demoted.
void check_unread_rows(const Report& report, Findings& out);
void demote_unread_tables(const Report& report, std::vector<Finding>& findings);
// input_rules.cc: the notices of a reading under limits, and errors of a partial reading demoted.
void check_input_notices(const Report& report, Findings& out);
void demote_partial_reading(const Report& report, std::vector<Finding>& findings);

}  // namespace jixiao::validate::internal
