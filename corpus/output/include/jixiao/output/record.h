#pragma once
// One document of a dataset as one line of JSON, the unit every corpus command
// exchanges: what a worker process sends the database writer, what
// `jixiao corpus map` prints on stdout, what `jixiao corpus build --from-jsonl`
// loads. Schema "jixiao-record/1" (docs/dataset.md):
//
//   {"schema": "jixiao-record/1", "path": "batch.zip!a.pdf", "sha256": "…",
//    "status": "ok" | "error", "error": null | "truncated PDF (no %%EOF)",
//    "jixiao_version": "0.5.0", "processed_at": "2026-11-28T18:20:00Z",
//    "document": {…the `jixiao extract --format json` object…} | null}
//
// The document is embedded as the value json.h builds, so a record's
// "document" is exactly what `jixiao extract --format json` prints.

#include <string>
#include <string_view>

#include "jixiao/pipeline/pipeline.h"

namespace jixiao::output {

inline constexpr const char* kRecordSchema = "jixiao-record/1";

// The version of jixiao that writes records ("0.5.0").
std::string_view jixiao_version();

// Now, as UTC ISO 8601 to the second: "2026-11-28T18:20:00Z".
std::string utc_now();

// A record for a document that went through the pipeline (result holds the
// document) or failed in it (result holds the error).
std::string make_record(std::string_view path, std::string_view sha256,
                        const extract::Result<pipeline::AnalyzedDocument>& result);

// A record for a document that never produced a result: the worker crashed or
// ran out of time ("timed out after 60 s").
std::string make_failure_record(std::string_view path, std::string_view sha256, std::string_view error);

}  // namespace jixiao::output
