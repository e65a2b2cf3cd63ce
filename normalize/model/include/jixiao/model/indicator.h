#pragma once
// An Indicator is one node of a report's 100-point indicator tree
// (一级/二级/三级指标), with every place the report states it.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "jixiao/extract/source_span.h"
#include "jixiao/text/decimal.h"

namespace jixiao::model {

// Where in a report an indicator (or the total) is stated. Order is the
// precedence for the indicator's own value: the results table wins.
enum class SourceKind {
  kResultsTable,    // a row or span cell of the full score table (三级指标 rows)
  kSubtotalRow,     // "投入指标得分 20 13 65%", "投入小计 …", "合计 100 81 81%"
  kSummaryTable,    // a table of level-1 or level-2 indicators only (摘要 tables)
  kNarrative,       // "X（指标分值 3 分，评价得分 1 分）"
  kLevel1Statement, // "投入指标满分为 20 分，评价得分为 13 分"
  kTotalStatement,  // "总分为 81 分，等级为“良”"
  kAnnexTable,      // the annex (附表) that restates max scores beside scoring rules
  kEnumeration,     // "决策、过程、产出、效益四类一级指标分别得分 13 分、22 分、…"
};

// Stable lower-case name of a source kind, used in JSON and messages ("results-table").
std::string_view source_kind_name(SourceKind kind);

// One statement of an indicator's figures.
struct Observation {
  SourceKind kind = SourceKind::kResultsTable;
  std::string name;                    // the name as printed there
  std::optional<text::Decimal> max;    // 满分 / 分值 / 权重
  std::optional<text::Decimal> score;  // 得分
  std::optional<text::Decimal> rate;   // 得分率 as printed, in percent ("33.3" for 33.3%)
  // A self-evaluation form's 年度指标值 and 实际完成值 as printed ("≥48公里", "47.5公里"):
  // text, not figures, since a target is often a bound, a word (健全) or a range.
  std::optional<std::string> target, actual;
  extract::SourceSpan span;            // the row or the statement
  int table = -1;                      // index of the table it comes from, or -1
};

struct Indicator {
  int level = 0;                     // 1..3; 0 is the report total
  // Canonical name: the results table's when there is one (on a scan, a
  // narrative statement's reading of it where OCR was surer of that one and
  // the document repeats its words: normalize/src/ocr_names.cc).
  std::string name;
  int parent = -1;                   // index in Report::indicators, -1 for level 1
  std::optional<text::Decimal> max;  // canonical values: the highest-precedence observation
  std::optional<text::Decimal> score;
  std::optional<text::Decimal> rate;
  std::optional<std::string> target, actual;  // from the form row, when one states them
  std::vector<Observation> observations;
};

}  // namespace jixiao::model
