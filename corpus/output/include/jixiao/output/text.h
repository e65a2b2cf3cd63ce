#pragma once
// The text printouts of `jixiao check` and `jixiao extract`: compiler-style
// diagnostics, a readable listing of the records, and the lines as read.

#include <string>

#include "jixiao/output/finding_filter.h"
#include "jixiao/pipeline/pipeline.h"

namespace jixiao::output {

// `path:line: error[rule]: message`, the quoted source, and the figures, one block per finding.
std::string format_findings(const pipeline::AnalyzedDocument& doc, const FindingFilter& filter);

// A readable listing of the records: metadata, total and grade, bands, counts, the tree.
std::string format_records(const pipeline::AnalyzedDocument& doc);

// The text jixiao read, one line per line: "page:line<TAB>text". For a PDF this
// is the reading order and the rebuilt tables (cells joined by tabs), so an
// auditor can see what every span's page and line refer to.
std::string format_lines(const pipeline::AnalyzedDocument& doc);

}  // namespace jixiao::output
