#pragma once
// A record (output/record.h) as the rows the dataset stores for it: one
// `documents` row and its `indicators`, `amounts`, `counts`, `findings`,
// `budget_lines` and `project_results` rows, typed as the columns are. Reading the record's JSON happens here, once,
// and never throws; the store (store.h) only binds these values to SQL.
//
// A field the record lacks, or holds with an unexpected type, is NULL
// (nullopt); a JSON number where text is expected is kept as its literal
// ("86.5"). Only what makes a record unusable is an error: not JSON, not an
// object, another schema, no sha256 or path, a status that is neither "ok" nor
// "error", or status "ok" without a document.

#include <cstdint>
#include <expected>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace jixiao::corpus {

using Text = std::optional<std::string>;        // TEXT or NULL
using Integer = std::optional<std::int64_t>;    // INTEGER or NULL

// Child rows: `seq` is the row's index in its vector (the element's index in
// the record's array). `page` and `line` are those of the element's first span.
struct IndicatorRow {
  Integer level;
  Text name;
  std::string path;  // the names from level 1 down, joined with " / "
  Text max, score, rate;
  Integer page, line;  // of its first observation
};

struct AmountRow {
  Text value, unit, yuan, qualifier, label;
  Integer page, line;
  Text text;
};

struct CountRow {
  Text value, unit, base_unit, count, qualifier, label;
  Integer page, line;
  Text text;
};

struct FindingRow {
  Text rule, severity, message, stated, computed, tolerance, arithmetic;
  Integer page, line;
  Text text;  // of its first span
};

// A budget line: a budget, its execution and the printed rate (a form's budget
// block, a report's budget table or sentence), with the block's 分值/得分 on a
// form. `unit` is the budget figure's (元, 万元 or 亿元).
struct BudgetLineRow {
  Text label, budget, executed, unit, rate, max, score;
  Integer page, line;  // of the rate
  Text text;
};

// Another project's result stated in a results notice: its score and grade.
struct ProjectResultRow {
  Text subject, score, grade;
  Integer page, line;  // of the score
  Text text;
};

struct DocumentRow {
  std::string sha256, path;
  Text format, encoding;
  Integer pages;
  Text title, unit;
  Integer year;
  Text commissioner, evaluator, total_score, total_max, grade;
  std::string status;  // "ok" or "error"
  Text error;
  Integer error_findings, warning_findings;  // NULL unless status is "ok"
  Text jixiao_version, processed_at;
  std::string record;  // the whole record, compact with keys sorted
};

struct DocumentRows {
  DocumentRow document;
  // Empty unless the document's status is "ok".
  std::vector<IndicatorRow> indicators;
  std::vector<AmountRow> amounts;
  std::vector<CountRow> counts;
  std::vector<FindingRow> findings;
  std::vector<BudgetLineRow> budget_lines;
  std::vector<ProjectResultRow> project_results;

  bool ok() const { return document.status == "ok"; }
};

// The rows of one record (one line of JSON), or why the record is unusable:
// "record is not valid JSON", "record has no sha256", …
std::expected<DocumentRows, std::string> document_rows(std::string_view record_json);

}  // namespace jixiao::corpus
