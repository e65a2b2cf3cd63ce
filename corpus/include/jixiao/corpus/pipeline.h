#pragma once
// One document through the whole pipeline: extract -> normalize -> validate.

#include <string>
#include <string_view>
#include <vector>

#include "jixiao/extract/document.h"
#include "jixiao/extract/error.h"
#include "jixiao/model/report.h"

namespace jixiao::corpus {

struct AnalyzedDocument {
  extract::Document document;
  model::Report report;  // with its findings
};

// Reads, parses and validates the file at `path`.
extract::Result<AnalyzedDocument> analyze_file(const std::string& path);

// Every amount and count in a piece of text (normalized first), as `jixiao amount` prints them.
std::vector<text::Quantity> quantities_in_text(std::string_view text);

// The same for bytes already in memory.
extract::Result<AnalyzedDocument> analyze_bytes(const std::string& path, std::string bytes);

}  // namespace jixiao::corpus
