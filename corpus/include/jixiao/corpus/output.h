#pragma once
// How results are printed: the versioned JSON document (docs/json.md) and the
// compiler-style diagnostics of `jixiao check`.

#include <optional>
#include <string>

#include "jixiao/corpus/pipeline.h"

namespace jixiao::corpus {

// The JSON schema version written as "schema".
inline constexpr const char* kJsonSchema = "jixiao/1";

// Which findings to print.
struct FindingFilter {
  std::optional<model::Severity> severity;  // only this severity
  std::string rule;                              // only this rule id (or rule prefix "score.")
  bool accepts(const model::Finding& f) const;
};

// The whole record set of one document as JSON (`indent` < 0: one line).
std::string to_json(const AnalyzedDocument& doc, const FindingFilter& filter, int indent);

// `path:line: error[rule]: message`, the quoted source, and the figures, one block per finding.
std::string format_findings(const AnalyzedDocument& doc, const FindingFilter& filter);

// A readable listing of the records: metadata, total and grade, bands, counts, the tree.
std::string format_records(const AnalyzedDocument& doc);

// The text jixiao read, one line per line: "page:line<TAB>text". For a PDF this
// is the reading order and the rebuilt tables (cells joined by tabs), so an
// auditor can see what every span's page and line refer to.
std::string format_lines(const AnalyzedDocument& doc);

}  // namespace jixiao::corpus
