#pragma once
// `jixiao corpus build` and `jixiao corpus map`: many documents through the
// pipeline in worker processes, into the dataset or onto stdout.
//
// Worker processes, not threads: poppler is not safe across threads
// (docs/pdf.md). One writer (this process) owns the database. A worker that
// crashes or exceeds the time limit on a document is killed and replaced, and
// the document is recorded as failed; the run goes on.

#include <cstddef>
#include <expected>
#include <iosfwd>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace jixiao::corpus {

struct BuildOptions {
  std::vector<std::string> inputs;  // files, directories, archives
  std::string db;                   // the SQLite dataset
  int jobs = 0;                     // worker processes; 0: number of cores
  int timeout_seconds = 60;         // per document
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
  std::size_t input_errors = 0;  // unreadable inputs
  double seconds = 0;
};

// Builds or extends the dataset. Returns the summary, or an error that stops
// the run before it starts (the database cannot be opened).
std::expected<BuildSummary, std::string> build_dataset(const BuildOptions& options, std::ostream& log);

// `jixiao corpus build --from-jsonl`: loads records (one per line) from `in`
// into the dataset, the same way a run writes them. A line that is not a
// usable record (document_rows.h) is reported on `log` as "source:line: …",
// counted in input_errors and skipped; the other records still load. Only a
// database that cannot be written stops the load (the error).
std::expected<BuildSummary, std::string> load_records(std::istream& in, std::string_view source,
                                                      const std::string& db, std::ostream& log);

// `jixiao corpus map`: reads paths (one per line) from `in` and writes one
// record per document on `out` (Hadoop Streaming / Spark RDD.pipe contract).
struct MapOptions {
  int jobs = 1;
  int timeout_seconds = 60;
  int shard_k = 1, shard_n = 1;
};
std::expected<BuildSummary, std::string> map_records(std::istream& in, std::ostream& out, const MapOptions& options,
                                                     std::ostream& log);

}  // namespace jixiao::corpus
