#pragma once
// The dataset: one SQLite database (WAL mode) holding every document once,
// keyed by the SHA-256 of its bytes, with all the paths it was found under,
// and every path that could not be read. Schema in docs/dataset.md:
// documents, paths, indicators, amounts, counts, findings, budget_lines,
// project_results, ocr_pages, input_errors. Numbers are stored as exact
// decimal text plus a REAL column for querying.
//
// Every document is written in ONE transaction (its row, all its child rows and
// its path): a process killed at any moment leaves each document either wholly
// in the database or not at all.
//
// A file that is not a jixiao dataset is refused before anything is written
// to it (not even the switch to WAL mode). Read-only stores (stats, export)
// never write: no WAL switch, no schema, no migration.

#include <chrono>
#include <cstddef>
#include <expected>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "jixiao/corpus/dashboard.h"
#include "jixiao/corpus/document_rows.h"

namespace jixiao::corpus {

// Tables `export --table` accepts.
inline constexpr const char* kStoreTables[] = {"documents",       "paths",     "indicators",  "amounts",
                                              "counts",          "findings",  "budget_lines", "project_results",
                                              "ocr_pages",       "input_errors"};

struct StoreOptions {
  // Read-only: for stats and export. Works on a read-only file or directory,
  // and on a dataset of an older schema (left as it is).
  bool read_only = false;
  // How long one transaction waits for another process's write lock before
  // the store gives up with an error saying so.
  std::chrono::milliseconds lock_timeout{std::chrono::minutes(5)};
};

// What the dataset holds for a content hash.
struct StoredDocument {
  std::string path;        // the path its record was made from
  bool ok = false;         // status "ok"
  bool retryable = false;  // failed in a way a later run tries again (a timeout, memory, a crash)
  bool unread_scan = false;  // a PDF without a text layer, read with OCR off (failed_without_ocr)
};

struct StoreStats {
  std::size_t documents = 0, ok = 0, failed = 0, paths = 0;
  std::vector<std::pair<std::string, std::size_t>> failures;    // failure kind -> documents, in kind order, non-zero
  std::size_t input_errors = 0;                                 // paths that could not be read
  std::size_t with_error_findings = 0;                          // documents with at least one error finding
  // Pages read by OCR, the documents they are in, and the mean confidence of
  // the words OCR read on them all (nullopt without any).
  std::size_t ocr_pages = 0, ocr_documents = 0;
  std::optional<double> ocr_confidence;
  std::vector<std::pair<std::string, std::size_t>> top_rules;   // rule -> findings, most frequent first (top 10)
  std::vector<std::pair<std::string, std::size_t>> grades;      // grade word -> documents read; "(none)"
  // Documents read by total score: ">100" (only when any), "90-100", "80-90",
  // "70-80", "60-70", "<60", "(none)" -- in that order, zeros included.
  std::vector<std::pair<std::string, std::size_t>> score_bands;
};

class Store {
 public:
  struct Impl;
  // Opens or creates the database and its schema (read-only: opens an
  // existing dataset and writes nothing).
  static std::expected<Store, std::string> open(const std::string& path, const StoreOptions& options = {});
  ~Store();
  Store(Store&&) noexcept;
  Store& operator=(Store&&) noexcept;

  bool has_document(std::string_view sha256) const;
  // What is stored for a content hash, or nullopt when nothing is.
  std::optional<StoredDocument> stored_document(std::string_view sha256) const;
  // The path a stored document's record was made from, or nullopt when it is not stored.
  std::optional<std::string> document_path(std::string_view sha256) const;
  // Adds one document in one transaction: its rows when its sha256 is new, and
  // its path in any case. When the document is stored already, the better of
  // the two records is kept, rows and all: a document read beats one that
  // failed, a failure of the document's own (unreadable) beats a scan read
  // with OCR off, which beats a failure of the run (a timeout, the memory
  // limit, a crash), and between equals the record of the smaller path (byte
  // order) wins. So a failure never replaces a success,
  // and the dataset does not depend on the order records arrive in. Storing a
  // document under a path clears that path's input error. Returns true when
  // the document was new.
  std::expected<bool, std::string> add_document(const DocumentRows& rows);
  // A record (output/record.h) as a worker or `corpus map` wrote it: a
  // document (add_document) or an input error (add_input_error). Returns true
  // when it added a new document. A record that is unusable is an error naming
  // the database, and nothing is written.
  std::expected<bool, std::string> add_record(std::string_view record_json);
  // Records one more path for a document already stored (a duplicate).
  std::expected<void, std::string> add_path(std::string_view sha256, std::string_view path);

  // A path that could not be read, with the reason (replacing an earlier
  // reason for the same path; the same reason again changes nothing).
  std::expected<void, std::string> add_input_error(const InputErrorRow& row);
  // The paths of the input_errors table, and removing one (it was read since,
  // or no longer exists).
  std::expected<std::vector<std::string>, std::string> input_error_paths() const;
  std::expected<void, std::string> remove_input_error(std::string_view path);

  // Seconds spent so far waiting for other processes' write locks.
  double lock_wait_seconds() const;

  // While the returned lock lives, the store's own thread (it copies the
  // WAL into the database, docs/dataset.md) stands idle, holding no lock of
  // the runtime's. Fork under it: a child gets every lock as it stood at the
  // fork, and one held by a thread caught in the middle of something (in
  // malloc, say) would never be released there. The child must not use the
  // store. An empty lock when the store has no such thread.
  std::unique_lock<std::mutex> hold_still() const;

  // One line per document, ordered by sha256: the stored record's `document`
  // object (what `jixiao extract --format json` prints) for documents that were
  // read, or the record itself for failed ones.
  std::expected<void, std::string> export_jsonl(std::ostream& out) const;
  // One table (kStoreTables) as CSV with a header row (RFC 4180 quoting), in key order.
  // A table an older dataset (opened read-only) lacks is an error saying so.
  std::expected<void, std::string> export_csv(std::string_view table, std::ostream& out) const;
  std::expected<StoreStats, std::string> stats() const;
  // What the dashboard shows (dashboard.h), read in one snapshot: the figures
  // of stats(), every rule by severity, the spreads of scores and grades, and
  // the documents and findings the limits let the page list.
  std::expected<Dashboard, std::string> dashboard(const DashboardLimits& limits = {}) const;

 private:
  explicit Store(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// stats() as the text `jixiao corpus stats` prints.
std::string format_stats(const StoreStats& stats);

}  // namespace jixiao::corpus
