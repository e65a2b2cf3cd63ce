#pragma once
// One document of a dataset as one line of JSON, the unit every corpus command
// exchanges: what a worker process sends the database writer, what
// `jixiao corpus map` prints on stdout, what `jixiao corpus build --from-jsonl`
// loads. Schema "jixiao-record/1" (docs/dataset.md):
//
//   {"schema": "jixiao-record/1", "path": "batch.zip!a.pdf", "sha256": "…",
//    "status": "ok" | "error", "error": null | "truncated PDF (no %%EOF)",
//    "failure": null | "unreadable" | "timeout" | "memory" | "crash",
//    "jixiao_version": "0.5.0", "processed_at": "2026-11-28T18:20:00Z",
//    "document": {…the `jixiao extract --format json` object…} | null}
//
// The document is embedded as the value json.h builds, so a record's
// "document" is exactly what `jixiao extract --format json` prints.
//
// A path that could not be read at all (a missing file, a FIFO, a damaged
// archive, a file over the size limit) is a record too, with status
// "input-error", no sha256 and no document: `corpus map` writes it so that
// the merged dataset knows what was not read (docs/dataset.md).

#include <nlohmann/json_fwd.hpp>
#include <optional>
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
// The same record as a JSON value, for a caller that reads it again (a
// worker making the dataset's rows of it need not parse its own text):
// record_text() of it is make_record()'s text.
nlohmann::json make_record_value(std::string_view path, std::string_view sha256,
                                 const extract::Result<pipeline::AnalyzedDocument>& result);
// A record value as the one line of JSON every record is.
std::string record_text(const nlohmann::json& record);

// Why a document failed, for deciding whether a later run tries it again.
// kUnreadable is the document's own fault (not a PDF, undecodable text,
// truncated, empty): the same bytes fail the same way, so it is kept. The
// others are the run's: a time limit, a memory limit, a worker that died.
// They say nothing certain about the document and are retried.
enum class Failure { kUnreadable, kTimeout, kMemory, kCrash };

// "unreadable", "timeout", "memory", "crash": the record's "failure" and the
// dataset's documents.failure.
std::string_view failure_name(Failure failure);
std::optional<Failure> failure_from_name(std::string_view name);
// The failure of a record written before records carried one, from its error
// message: "timed out after …" is a timeout, "worker crashed …" a crash, an
// internal std::bad_alloc the memory; anything else the document's own.
Failure failure_from_error(std::string_view error);
// Whether a later run processes a document that failed this way again.
bool retryable(Failure failure);

// A record for a document that never produced a result: the worker crashed,
// ran out of time ("timed out after 60 s") or of memory.
std::string make_failure_record(std::string_view path, std::string_view sha256, std::string_view error,
                                Failure failure);
// The same failure record as a JSON value (make_record_value's twin).
nlohmann::json make_failure_record_value(std::string_view path, std::string_view sha256, std::string_view error,
                                         Failure failure);

// A record for a path that could not be read ("too large (…)", "a FIFO, not
// read"): status "input-error", sha256 and document null.
std::string make_input_error_record(std::string_view path, std::string_view error);

}  // namespace jixiao::output
