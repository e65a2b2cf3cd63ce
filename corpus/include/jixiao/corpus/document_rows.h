#pragma once
// A record (output/record.h) as the rows the dataset stores for it: one
// `documents` row and its `indicators`, `amounts`, `counts`, `findings`,
// `budget_lines`, `project_results` and `ocr_pages` rows, typed as the
// columns are. Reading the record's JSON happens here, once, and never
// throws; the store (store.h) only binds these values to SQL.
//
// A field the record lacks, or holds with an unexpected type, is NULL
// (nullopt); a JSON number where text is expected is kept as its literal
// ("86.5"). Only what makes a record unusable is an error: longer or nested
// deeper than the limits below, not JSON, not an object, another schema, no
// sha256 or path, a status that is not "ok", "error" or "input-error", or
// status "ok" without a document.
//
// Records come from other machines' shards and from hand-edited files, so
// they are input like any report: a record is measured before it is parsed
// (its size, and its nesting by a scan that does not recurse), because
// nlohmann's parser and printer recurse once per level and a line of 100,000
// '[' would exhaust the stack.

#include <cstddef>
#include <cstdint>
#include <expected>
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace jixiao::corpus {

using Text = std::optional<std::string>;        // TEXT or NULL
using Integer = std::optional<std::int64_t>;    // INTEGER or NULL
using Real = std::optional<double>;             // REAL or NULL (a measurement, never a report's figure)

// Rows compare equal when every column does (tests, and the wire between a
// worker and the writer: corpus/src/rows_wire.h).
//
// Child rows: `seq` is the row's index in its vector (the element's index in
// the record's array). `page` and `line` are those of the element's first span.
struct IndicatorRow {
  Integer level;
  Text name;
  std::string path;  // the names from level 1 down, joined with " / "
  Text max, score, rate;
  Integer page, line;  // of its first observation

  bool operator==(const IndicatorRow&) const = default;
};

struct AmountRow {
  Text value, unit, yuan, qualifier, label;
  Integer page, line;
  Text text;

  bool operator==(const AmountRow&) const = default;
};

struct CountRow {
  Text value, unit, base_unit, count, qualifier, label;
  Integer page, line;
  Text text;

  bool operator==(const CountRow&) const = default;
};

struct FindingRow {
  Text rule, severity, message, stated, computed, tolerance, arithmetic;
  Integer page, line;
  Text text;  // of its first span

  bool operator==(const FindingRow&) const = default;
};

// A budget line: a budget, its execution and the printed rate (a form's budget
// block, a report's budget table or sentence), with the block's 分值/得分 on a
// form. `unit` is the budget figure's (元, 万元 or 亿元).
struct BudgetLineRow {
  Text label, budget, executed, unit, rate, max, score;
  Integer page, line;  // of the rate
  Text text;

  bool operator==(const BudgetLineRow&) const = default;
};

// Another project's result stated in a results notice: its score and grade.
struct ProjectResultRow {
  Text subject, score, grade;
  Integer page, line;  // of the score
  Text text;

  bool operator==(const ProjectResultRow&) const = default;
};

// A page OCR read (the record's `document.source.ocr_pages[seq]`).
struct OcrPageRow {
  Integer page, words;
  Real mean_confidence;  // 0..100
  Integer guessed_words, rulings;
  Real skew_degrees;
  Integer timed_out;  // 1 or 0

  bool operator==(const OcrPageRow&) const = default;
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
  // For "error": "unreadable" (the document's fault, kept), "timeout",
  // "memory" or "crash" (the run's, retried by the next build); from the
  // error message for records written before records said (output/record.h).
  Text failure;
  Integer error_findings, warning_findings;  // NULL unless status is "ok"
  Text jixiao_version, processed_at;
  std::string record;  // the whole record, compact with keys sorted
  // Pages read by OCR (0 for a text layer's document; NULL unless status is
  // "ok"), and the mean confidence of the words OCR read on them, weighted by
  // each page's words (NULL without any).
  Integer ocr_page_count;
  Real ocr_confidence;

  bool operator==(const DocumentRow&) const = default;
};

// Whether a document's error says it is a PDF without a text layer that was
// read with OCR off: by a jixiao before OCR ("no text layer — scanned
// image?") or with --ocr never, which says the same and more. That failure
// is the document's only as far as a reading without OCR goes: a build that
// OCRs reads it again, and its result, success or not, is the better record.
bool failed_without_ocr(std::string_view error);

struct DocumentRows {
  DocumentRow document;
  // Empty unless the document's status is "ok".
  std::vector<IndicatorRow> indicators;
  std::vector<AmountRow> amounts;
  std::vector<CountRow> counts;
  std::vector<FindingRow> findings;
  std::vector<BudgetLineRow> budget_lines;
  std::vector<ProjectResultRow> project_results;
  std::vector<OcrPageRow> ocr_pages;

  bool ok() const { return document.status == "ok"; }
  // A failure a later run tries again (a timeout, the memory limit, a crash).
  bool retryable() const;
  // A PDF found to have no text layer by a reading without OCR (see
  // failed_without_ocr).
  bool unread_scan() const { return !ok() && document.error && failed_without_ocr(*document.error); }

  bool operator==(const DocumentRows&) const = default;
};

// A path that could not be read (an "input-error" record; the `input_errors` table).
struct InputErrorRow {
  std::string path, error;
  Text jixiao_version, processed_at;
};

// What a record may hold: a document, or a path that could not be read.
using RecordRows = std::variant<DocumentRows, InputErrorRow>;

struct RecordLimits {
  std::size_t max_bytes = std::size_t{64} << 20;  // a whole record line
  std::size_t max_depth = 64;                     // arrays and objects inside each other
};

// Where a record's text comes from. kThisBuild: output::make_record of this
// program (a worker of this run), already in the form the dataset stores
// (DocumentRow::record), so it is stored as it is. kOutside: anything else
// (--from-jsonl, an older jixiao, a hand-edited file): stored re-serialized.
enum class RecordOrigin { kOutside, kThisBuild };

// The rows of one record (one line of JSON), or why the record is unusable:
// "record is not valid JSON", "record has no sha256",
// "record longer than 64 MiB", "record nested deeper than 64 levels", …
std::expected<RecordRows, std::string> record_rows(std::string_view record_json, const RecordLimits& limits = {},
                                                   RecordOrigin origin = RecordOrigin::kOutside);

// record_rows() of a record already parsed: `record` is the value of
// `record_json`. For a record of this build (output::make_record_value),
// whose text is held to the limits by its maker; the checks of its contents
// are the same.
std::expected<RecordRows, std::string> parsed_record_rows(const nlohmann::json& record, std::string_view record_json,
                                                          RecordOrigin origin = RecordOrigin::kThisBuild);

// record_rows() of a record that must be a document's ("record is an input
// error, not a document" otherwise).
std::expected<DocumentRows, std::string> document_rows(std::string_view record_json);

// How deeply arrays and objects nest in `json_text`, counted without parsing
// (brackets inside strings do not count), stopping once past `stop_after`.
std::size_t json_depth(std::string_view json_text, std::size_t stop_after);

}  // namespace jixiao::corpus
