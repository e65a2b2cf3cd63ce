#pragma once
// `jixiao corpus build` and `jixiao corpus map`: many documents through the
// pipeline in worker processes, into the dataset or onto stdout.
//
// Worker processes, not threads: poppler is not safe across threads
// (docs/pdf.md). One writer (this process) owns the database. A worker that
// crashes or exceeds the time or memory limit on a document is killed and
// replaced, and the document is recorded as failed with the reason; the run
// goes on. Workers die with the process that started them.
//
// A failure of the run's (a timeout, the memory limit, a crash) is retried by
// the next build; a failure of the document's own (undecodable, not a PDF) is
// kept. A stored success is never replaced by a failure (store.h). Paths that
// cannot be read at all (missing, a FIFO, too large, a damaged archive) are
// input errors: in the dataset's input_errors table, or an "input-error"
// record on `corpus map`'s output.

#include <cstddef>
#include <expected>
#include <iosfwd>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "jixiao/extract/ocr.h"

namespace jixiao::corpus {

class Store;

// The limits every worker runs under, and how it reads scans.
struct WorkerOptions {
  // CPU seconds per document (the clock only as a backstop); a document read
  // by OCR gets as much again for each page.
  double timeout_seconds = 60;
  std::size_t memory_limit_mib = 2048;  // per worker, beyond what it starts with; 0: none
  std::size_t max_record_mib = 64;      // the largest record a worker may send
  // Which pages workers read by OCR (extract/ocr.h); the library reads text
  // layers only unless told, the CLI's default is auto. Each worker
  // recognises max(1, cores / workers) pages at once: the workers fill the
  // cores already.
  extract::OcrMode ocr = extract::OcrMode::kNever;
};

// Whether --memory-limit is enforced in this build: not under
// AddressSanitizer, whose shadow memory a process limit breaks.
bool worker_memory_limit_available();

struct BuildOptions {
  std::vector<std::string> inputs;  // files, directories, archives
  std::string db;                   // the SQLite dataset
  int jobs = 0;                     // worker processes; 0: number of cores
  WorkerOptions workers;
  int lock_timeout_seconds = 300;   // how long to wait for another writer's lock
  int shard_k = 1, shard_n = 1;     // --shard K/N
  enum class Progress { kAuto, kTerminal, kLines, kQuiet };
  Progress progress = Progress::kAuto;
};

struct BuildSummary {
  std::size_t listed = 0;      // reports found (in this shard)
  std::size_t processed = 0;   // documents that went through the pipeline in this run
  std::size_t already = 0;     // found in the database already (earlier run or duplicate content)
  std::size_t failed = 0;      // recorded with an error in this run
  std::size_t skipped = 0;     // files that are not reports
  std::size_t input_errors = 0;  // unreadable inputs (and, loading, unusable record lines)
  std::size_t ocr_pages = 0;     // pages read by OCR in the documents read in this run
  double lock_wait_seconds = 0;  // spent waiting for another process's write lock
  double seconds = 0;
};

// Builds or extends the dataset. Returns the summary, or an error that stops
// the run (the database cannot be opened, or written).
std::expected<BuildSummary, std::string> build_dataset(const BuildOptions& options, std::ostream& log);

// `jixiao corpus build --from-jsonl`: loads records (one per line) from `in`
// into `store`, the same way a run writes them, one at a time as they are
// read. A line that is not a usable record (document_rows.h: longer than
// `max_record_mib`, nested too deep, not a record) is reported on `log` as
// "source:line: …", counted in input_errors and skipped; the other records
// still load. Only a database that cannot be written stops the load (the error).
std::expected<BuildSummary, std::string> load_records(std::istream& in, std::string_view source, Store& store,
                                                      std::size_t max_record_mib, std::ostream& log);

// `jixiao corpus map`: reads paths (one per line) from `in` and writes one
// record per document on `out` (Hadoop Streaming / Spark RDD.pipe contract),
// and an "input-error" record per path that cannot be read. A line longer
// than kMaxPathLine is no path: reported on `log`, counted, skipped. A failed
// write to `out` stops the run with an error naming `output_name`.
struct MapOptions {
  int jobs = 1;
  WorkerOptions workers;
  int shard_k = 1, shard_n = 1;
  std::string output_name = "standard output";
};
inline constexpr std::size_t kMaxPathLine = 64 * 1024;
std::expected<BuildSummary, std::string> map_records(std::istream& in, std::ostream& out, const MapOptions& options,
                                                     std::ostream& log);

}  // namespace jixiao::corpus
