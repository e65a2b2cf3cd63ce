// Turns a record's JSON into the typed rows of the dataset (document_rows.h).
//
// Records come from outside the process -- a worker's pipe, a file loaded
// with --from-jsonl that anybody may have edited -- so nothing here trusts a
// type: every field is looked up with a check (a wrong type reads as NULL),
// never with nlohmann's throwing accessors (`at`, `value`, `get` on an
// unchecked member). The few faults that make a record unusable are found
// before any row is made, so the store never starts a transaction it would
// have to roll back for a bad record.
#include "jixiao/corpus/document_rows.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <exception>

#include "jixiao/output/record.h"

namespace jixiao::corpus {
namespace {

using nlohmann::json;

// A shared null for absent members; immutable, so not global state.
const json& null_json() {
  static const json kNull;
  return kNull;
}

const json& member(const json& obj, const char* key) {
  if (!obj.is_object()) return null_json();
  const auto it = obj.find(key);
  return it == obj.end() ? null_json() : *it;
}

const json& first_of(const json& arr) { return arr.is_array() && !arr.empty() ? arr.front() : null_json(); }

// A string field as text; a JSON number as its literal; a boolean as
// "true"/"false"; null, absent or anything else -> NULL.
Text text_of(const json& obj, const char* key) {
  const json& v = member(obj, key);
  if (v.is_string()) return v.get<std::string>();
  if (v.is_number()) return v.dump();
  if (v.is_boolean()) return std::string(v.get<bool>() ? "true" : "false");
  return std::nullopt;
}

// A number field as a double; anything else (a string, null) -> NULL.
Real real_of(const json& obj, const char* key) {
  const json& v = member(obj, key);
  if (v.is_number()) return v.get<double>();
  return std::nullopt;
}

Integer int_of(const json& obj, const char* key) {
  const json& v = member(obj, key);
  if (v.is_number_integer()) return v.get<std::int64_t>();
  if (v.is_number_unsigned()) return static_cast<std::int64_t>(v.get<std::uint64_t>());
  return std::nullopt;
}

// ["投入", "项目立项"] -> "投入 / 项目立项"; what is not a string is left out.
std::string joined_path(const json& path) {
  std::string out;
  if (!path.is_array()) return out;
  for (const json& p : path) {
    if (!p.is_string()) continue;
    if (!out.empty()) out += " / ";
    out += p.get<std::string>();
  }
  return out;
}

// Why a record cannot be stored, or "" when it can.
std::string fault(const json& record) {
  if (!record.is_object()) return "record is not a JSON object";
  if (member(record, "schema") != output::kRecordSchema)
    return "record schema is not \"" + std::string(output::kRecordSchema) + "\"";
  const json& status = member(record, "status");
  const json& path = member(record, "path");
  if (status == "input-error") {
    if (!path.is_string() || path.get_ref<const std::string&>().empty()) return "record has no path";
    if (!member(record, "error").is_string()) return "input-error record has no error";
    return "";
  }
  const json& sha = member(record, "sha256");
  if (!sha.is_string() || sha.get_ref<const std::string&>().empty()) return "record has no sha256";
  if (!path.is_string() || path.get_ref<const std::string&>().empty()) return "record has no path";
  if (status != "ok" && status != "error") return "record status is neither \"ok\" nor \"error\"";
  if (status == "ok" && !member(record, "document").is_object()) return "record with status ok has no document";
  return "";
}

// The failure kind of a failed document: the record's own, or for a record
// written before records carried one (or with an unknown kind) the kind its
// error message implies.
Text failure_of(const json& record) {
  if (member(record, "status") != "error") return std::nullopt;
  const Text named = text_of(record, "failure");
  if (named && output::failure_from_name(*named)) return named;
  const Text error = text_of(record, "error");
  return std::string(output::failure_name(output::failure_from_error(error.value_or(""))));
}

// `as_written`: the record's own text when it is already in the stored form
// (RecordOrigin::kThisBuild), else empty.
DocumentRow document_row(const json& record, const json& doc, std::string_view as_written) {
  const json& source = member(doc, "source");
  const json& report = member(doc, "report");
  DocumentRow row;
  row.sha256 = member(record, "sha256").get<std::string>();  // checked by fault()
  row.path = member(record, "path").get<std::string>();
  row.format = text_of(source, "format");
  row.encoding = text_of(source, "encoding");
  row.pages = int_of(source, "pages");
  row.title = text_of(report, "title");
  row.unit = text_of(report, "unit");
  row.year = int_of(report, "year");
  row.commissioner = text_of(report, "commissioner");
  row.evaluator = text_of(report, "evaluator");
  row.total_score = text_of(report, "total_score");
  row.total_max = text_of(report, "total_max");
  row.grade = text_of(report, "grade");
  row.status = member(record, "status").get<std::string>();
  row.error = text_of(record, "error");
  row.failure = failure_of(record);
  row.jixiao_version = text_of(record, "jixiao_version");
  row.processed_at = text_of(record, "processed_at");
  // Replace, not throw, on a string that is not UTF-8 (a hand-edited record).
  // A record this build wrote was dumped with the same options, and dumping
  // its parse gives the same bytes (sorted keys, shortest round-trip numbers,
  // valid UTF-8): re-serializing it cost the writer a sixth of its time.
  row.record = as_written.empty() ? record.dump(-1, ' ', false, json::error_handler_t::replace)
                                  : std::string(as_written);
  if (row.status == "ok") {
    std::int64_t errors = 0, warnings = 0;
    const json& findings = member(doc, "findings");
    if (findings.is_array()) {
      for (const json& f : findings) {
        const json& severity = member(f, "severity");
        if (severity == "error") ++errors;
        else if (severity == "warning") ++warnings;
      }
    }
    row.error_findings = errors;
    row.warning_findings = warnings;
  }
  return row;
}

IndicatorRow indicator_row(const json& i) {
  const json& span = member(first_of(member(i, "observations")), "span");
  return {int_of(i, "level"),    text_of(i, "name"),    joined_path(member(i, "path")), text_of(i, "max"),
          text_of(i, "score"),   text_of(i, "rate"),    int_of(span, "page"),           int_of(span, "line")};
}

AmountRow amount_row(const json& a) {
  const json& span = member(a, "span");
  return {text_of(a, "value"),     text_of(a, "unit"),  text_of(a, "yuan"),  text_of(a, "qualifier"),
          text_of(a, "label"),     int_of(span, "page"), int_of(span, "line"), text_of(a, "text")};
}

CountRow count_row(const json& c) {
  const json& span = member(c, "span");
  return {text_of(c, "value"), text_of(c, "unit"),  text_of(c, "base_unit"), text_of(c, "count"),
          text_of(c, "qualifier"), text_of(c, "label"), int_of(span, "page"), int_of(span, "line"),
          text_of(c, "text")};
}

FindingRow finding_row(const json& f) {
  const json& span = first_of(member(f, "spans"));
  return {text_of(f, "rule"),      text_of(f, "severity"),  text_of(f, "message"),
          text_of(f, "stated"),    text_of(f, "computed"),  text_of(f, "tolerance"),
          text_of(f, "arithmetic"), int_of(span, "page"),   int_of(span, "line"),
          text_of(span, "text")};
}

// 0 -> 元, 4 -> 万元, 8 -> 亿元; anything else NULL.
Text unit_of_exponent(const json& figure) {
  const Integer e = int_of(figure, "unit_exponent");
  if (!e) return std::nullopt;
  switch (*e) {
    case 0: return std::string("元");
    case 4: return std::string("万元");
    case 8: return std::string("亿元");
    default: return std::nullopt;
  }
}

BudgetLineRow budget_line_row(const json& b) {
  const json& budget = member(b, "budget");
  const json& span = member(b, "rate_span");
  return {text_of(b, "label"),    text_of(budget, "value"),
          text_of(member(b, "executed"), "value"), unit_of_exponent(budget),
          text_of(b, "rate"),     text_of(b, "max"),
          text_of(b, "score"),    int_of(span, "page"),
          int_of(span, "line"),   text_of(span, "text")};
}

OcrPageRow ocr_page_row(const json& p) {
  const json& timed_out = member(p, "timed_out");
  return {int_of(p, "page"),          int_of(p, "words"),   real_of(p, "mean_confidence"),
          int_of(p, "guessed_words"), int_of(p, "rulings"), real_of(p, "skew_degrees"),
          timed_out.is_boolean() ? Integer(timed_out.get<bool>() ? 1 : 0) : std::nullopt};
}

// The documents row's OCR summary from its pages: how many, and the mean
// confidence of their words (each page's mean weighted by its words).
void summarise_ocr(DocumentRow& row, const std::vector<OcrPageRow>& pages) {
  row.ocr_page_count = static_cast<std::int64_t>(pages.size());
  double weighted = 0, words = 0;
  for (const OcrPageRow& p : pages) {
    if (!p.words || !p.mean_confidence || *p.words <= 0) continue;
    weighted += static_cast<double>(*p.words) * *p.mean_confidence;
    words += static_cast<double>(*p.words);
  }
  if (words > 0) row.ocr_confidence = weighted / words;
}

ProjectResultRow project_result_row(const json& p) {
  const json& span = member(p, "span");
  return {text_of(p, "subject"), text_of(p, "score"), text_of(p, "grade"),
          int_of(span, "page"),  int_of(span, "line"), text_of(span, "text")};
}

// One row per element of doc[key], in order; nothing when it is not an array.
template <typename Row>
std::vector<Row> rows_of(const json& doc, const char* key, Row (*make)(const json&)) {
  std::vector<Row> out;
  if (const json& arr = member(doc, key); arr.is_array()) {
    out.reserve(arr.size());
    for (const json& element : arr) out.push_back(make(element));
  }
  return out;
}

}  // namespace

std::size_t json_depth(std::string_view json_text, std::size_t stop_after) {
  std::size_t depth = 0, deepest = 0;
  bool in_string = false, escaped = false;
  for (const char c : json_text) {
    if (in_string) {
      if (escaped) escaped = false;
      else if (c == '\\') escaped = true;
      else if (c == '"') in_string = false;
    } else if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      deepest = std::max(deepest, ++depth);
      if (deepest > stop_after) return deepest;
    } else if ((c == ']' || c == '}') && depth > 0) {
      --depth;
    }
  }
  return deepest;
}

bool failed_without_ocr(std::string_view error) {
  // extract/pdf_reader.cc's message for a PDF without a text layer read with
  // OCR off, the same before OCR and since (which adds why).
  return error.starts_with("no text layer — scanned image?");
}

bool DocumentRows::retryable() const {
  if (ok() || !document.failure) return false;
  const auto f = output::failure_from_name(*document.failure);
  return f && output::retryable(*f);
}

std::expected<RecordRows, std::string> record_rows(std::string_view record_json, const RecordLimits& limits,
                                                   RecordOrigin origin) {
  if (record_json.size() > limits.max_bytes)
    return std::unexpected("record longer than " + std::to_string(limits.max_bytes >> 20) + " MiB");
  if (json_depth(record_json, limits.max_depth) > limits.max_depth)
    return std::unexpected("record nested deeper than " + std::to_string(limits.max_depth) + " levels");
  const json record = json::parse(record_json, nullptr, /*allow_exceptions=*/false);
  if (record.is_discarded()) return std::unexpected("record is not valid JSON");
  return parsed_record_rows(record, record_json, origin);
}

std::expected<RecordRows, std::string> parsed_record_rows(const json& record, std::string_view record_json,
                                                          RecordOrigin origin) {
  if (std::string why = fault(record); !why.empty()) return std::unexpected(std::move(why));
  if (member(record, "status") == "input-error") {
    return InputErrorRow{member(record, "path").get<std::string>(), member(record, "error").get<std::string>(),
                         text_of(record, "jixiao_version"), text_of(record, "processed_at")};
  }
  const json& doc = member(record, "document");
  try {
    DocumentRows rows;
    rows.document = document_row(record, doc, origin == RecordOrigin::kThisBuild ? record_json : std::string_view{});
    if (rows.ok()) {
      rows.indicators = rows_of(doc, "indicators", indicator_row);
      rows.amounts = rows_of(doc, "amounts", amount_row);
      rows.counts = rows_of(doc, "counts", count_row);
      rows.findings = rows_of(doc, "findings", finding_row);
      rows.budget_lines = rows_of(doc, "budget_lines", budget_line_row);
      rows.project_results = rows_of(member(doc, "report"), "project_results", project_result_row);
      rows.ocr_pages = rows_of(member(doc, "source"), "ocr_pages", ocr_page_row);
      summarise_ocr(rows.document, rows.ocr_pages);
    }
    return rows;
  } catch (const std::exception& e) {  // bad_alloc; dump() no longer throws on text
    return std::unexpected("cannot store record " + member(record, "sha256").get<std::string>() + ": " + e.what());
  }
}

std::expected<DocumentRows, std::string> document_rows(std::string_view record_json) {
  auto rows = record_rows(record_json);
  if (!rows) return std::unexpected(std::move(rows.error()));
  if (auto* doc = std::get_if<DocumentRows>(&*rows)) return std::move(*doc);
  return std::unexpected("record is an input error, not a document");
}

}  // namespace jixiao::corpus
