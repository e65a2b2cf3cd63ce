#pragma once
// One document through the whole pipeline: extract -> normalize -> validate.
//
// This is everything `jixiao check` and a dataset worker have in common: bytes
// or a file in, the read document and its validated report out. Printing the
// result is output/'s business; many documents at once are corpus/'s.

#include <string>
#include <string_view>
#include <vector>

#include "jixiao/extract/document.h"
#include "jixiao/extract/error.h"
#include "jixiao/extract/limits.h"
#include "jixiao/extract/page_image.h"
#include "jixiao/model/report.h"
#include "jixiao/normalize/report_builder.h"

namespace jixiao::pipeline {

struct AnalyzedDocument {
  extract::Document document;
  model::Report report;  // with its findings
};

// Every limit on the work one document may cause (docs/limits.md).
struct Limits {
  extract::ReadLimits read;
  normalize::BuildLimits build;
};

// Sets one limit from "name=value" ("max_line_bytes=16384"; names as the
// fields of ReadLimits and BuildLimits). Returns an error message, or "".
std::string set_limit(Limits& limits, std::string_view assignment);

// The limit names set_limit knows, with their values in `limits`, one per line.
std::string describe_limits(const Limits& limits);

// Reads, parses and validates the file at `path`.
extract::Result<AnalyzedDocument> analyze_file(const std::string& path, const Limits& limits = {});

// The same for bytes already in memory; `path` names the document (spans,
// errors, source.path).
extract::Result<AnalyzedDocument> analyze_bytes(const std::string& path, std::string bytes,
                                                const Limits& limits = {});

// The given pages of an analysed PDF drawn at `dpi` (extract/page_image.h),
// read again from its path; an error when the file is no longer the one that
// was analysed (its SHA-256 differs). Text documents have no pages to draw:
// an empty list.
extract::Result<std::vector<extract::PageImage>> page_images(const AnalyzedDocument& doc,
                                                             const std::vector<int>& pages, double dpi,
                                                             const Limits& limits = {});

// Every amount and count in a piece of text (normalized first), as `jixiao amount` prints them.
std::vector<text::Quantity> quantities_in_text(std::string_view text);

}  // namespace jixiao::pipeline
