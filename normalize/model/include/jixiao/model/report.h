#pragma once
// The records a report yields: metadata, the indicator tree, the total and
// grade, the report's own grade bands, stated indicator counts, the figures
// the report relates to each other (budget.h), and the findings the
// validation stage adds (finding.h).
//
// The model is plain data: the normalize stage fills a Report, the validate
// stage reads it and appends Findings, corpus/ prints and stores it. Nothing
// here parses or checks anything.

#include <optional>
#include <string>
#include <vector>

#include "jixiao/extract/limits.h"
#include "jixiao/extract/source_span.h"
#include "jixiao/model/budget.h"
#include "jixiao/model/finding.h"
#include "jixiao/model/indicator.h"
#include "jixiao/text/decimal.h"
#include "jixiao/text/quantity.h"

namespace jixiao::model {

// One grade of the report's own scale: "综合得分在 80~90 分（含 80 分）为良好".
struct GradeBand {
  std::string grade;                   // as printed: "良好"
  std::optional<text::Decimal> lower;  // nullopt: open below (0)
  bool lower_inclusive = true;
  std::optional<text::Decimal> upper;  // nullopt: open above (the total max)
  bool upper_inclusive = false;
  extract::SourceSpan span;
};

// A stated grade word: "等级为“良”".
struct GradeStatement {
  std::string grade;
  extract::SourceSpan span;
};

// The result of another project stated in the report: a results notice lists
// several projects, each with its score and grade ("1. 某某项目绩效评价得分 86 分，
// 等级为良"). These are other reports' totals, kept apart from the report's own.
struct ProjectResult {
  std::string subject;          // the words before the label: "某某项目"
  text::Decimal score;
  std::string grade;            // "" when none is stated
  extract::SourceSpan span;     // the score figure
  extract::SourceSpan grade_span;
};

// "一级指标 4 个，二级指标 11 个，三级指标 34 个".
struct IndicatorCountStatement {
  std::optional<int> level1, level2, level3;
  extract::SourceSpan span;
};

// A row of an annex table that names an indicator the score tables do not have.
struct UnmatchedIndicator {
  int level = 0;
  std::string parent_name;
  Observation observation;
};

// An amount or count as the report states it, with where.
struct StatedQuantity {
  text::Quantity quantity;   // begin/end are offsets in the normalized line
  extract::SourceSpan span;  // the original text
};

// A row of a score table that states a figure but that the readers could
// not take as an indicator's row (its name cell reads as a sentence, its
// score cell holds words). The table's sums and counts miss it, so a finding
// on them is a warning (validate/).
struct UnreadRow {
  int table = -1;  // index of the table (Observation::table)
  extract::SourceSpan span;
};

struct Report {
  std::string title;
  std::string unit;                       // 预算单位 / 被评价单位
  std::optional<int> year;
  std::string commissioner;               // 委托单位
  std::string evaluator;                  // 评价机构
  std::string project;                    // a self-evaluation form's 项目名称 (or 部门（单位）名称)
  std::string department;                 // a self-evaluation form's 主管部门
  Indicator total;                        // level 0: total max and score with every statement of them
  std::vector<GradeStatement> grades;     // every stated grade word, first one is "the" grade
  std::vector<GradeBand> grade_bands;     // the report's own scale, in the order printed
  std::vector<IndicatorCountStatement> count_statements;
  std::vector<ProjectResult> project_results;  // other projects' totals (results notices)
  std::vector<Indicator> indicators;      // the tree, parents before children
  std::vector<UnmatchedIndicator> unmatched;  // annex rows naming no indicator of the tree
  std::vector<StatedQuantity> amounts;    // money, in document order
  std::vector<StatedQuantity> counts;     // counts of persons, households, cases…
  std::vector<BudgetLine> budget_lines;   // budget, execution and the printed 执行率
  std::vector<Breakdown> breakdowns;      // totals and their listed parts
  std::vector<StatedChange> changes;      // changes against another year
  std::vector<PerUnitStatement> per_unit; // count x standard = amount
  std::vector<RepeatedFigure> repeated;   // one quantity stated in several places
  std::vector<UnreadRow> unread_rows;     // score-table rows with figures that were not read
  // What the readers skipped or read in a reduced way under a limit (extract/limits.h),
  // from the document's reading and from building the report.
  std::vector<extract::Notice> notices;
  std::vector<Finding> findings;

  // Path of names from level 1 down to indicator `index`.
  std::vector<std::string> path(int index) const;
  // The stated grade word, or "" when the report states none.
  std::string grade() const { return grades.empty() ? std::string() : grades.front().grade; }
  // Indices of the direct children of `index` (-1: the level-1 indicators).
  std::vector<int> children(int index) const;
};

}  // namespace jixiao::model
