#pragma once
// The dataset: one SQLite database (WAL mode) holding every document once,
// keyed by the SHA-256 of its bytes, with all the paths it was found under.
// Schema in docs/dataset.md: documents, paths, indicators, amounts, counts,
// findings. Numbers are stored as exact decimal text plus a REAL column for
// querying.
//
// Every document is written in ONE transaction (its row, all its child rows and
// its path): a process killed at any moment leaves each document either wholly
// in the database or not at all.

#include <cstddef>
#include <expected>
#include <map>
#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "jixiao/corpus/document_rows.h"

namespace jixiao::corpus {

// Tables `export --table` accepts.
inline constexpr const char* kStoreTables[] = {"documents", "paths",    "indicators",   "amounts",
                                              "counts",    "findings", "budget_lines", "project_results"};

struct StoreStats {
  std::size_t documents = 0, ok = 0, failed = 0, paths = 0;
  std::size_t with_error_findings = 0;                          // documents with at least one error finding
  std::vector<std::pair<std::string, std::size_t>> top_rules;   // rule -> findings, most frequent first (top 10)
  std::vector<std::pair<std::string, std::size_t>> grades;      // grade word -> documents read; "(none)"
  // Documents read by total score: ">100" (only when any), "90-100", "80-90",
  // "70-80", "60-70", "<60", "(none)" -- in that order, zeros included.
  std::vector<std::pair<std::string, std::size_t>> score_bands;
};

class Store {
 public:
  // Opens or creates the database and its schema.
  static std::expected<Store, std::string> open(const std::string& path);
  ~Store();
  Store(Store&&) noexcept;
  Store& operator=(Store&&) noexcept;

  bool has_document(std::string_view sha256) const;
  // The path a stored document's record was made from (the smallest of its
  // paths in byte order), or nullopt when it is not stored.
  std::optional<std::string> document_path(std::string_view sha256) const;
  // Adds one document in one transaction: its rows when its sha256 is new, and
  // its path in any case. When the document is stored already under a larger
  // path (byte order), these rows replace it (document row and every child
  // row): a document's rows are always those made from its smallest path,
  // whatever order documents arrive in. Returns true when the document was new.
  std::expected<bool, std::string> add_document(const DocumentRows& rows);
  // add_document(document_rows(record_json)): a record (output/record.h) as a
  // worker or `corpus map` wrote it. A record that is unusable is an error
  // naming the database, and nothing is written.
  std::expected<bool, std::string> add_record(std::string_view record_json);
  // Records one more path for a document already stored (a duplicate).
  std::expected<void, std::string> add_path(std::string_view sha256, std::string_view path);

  // One line per document, ordered by sha256: the stored record's `document`
  // object (what `jixiao extract --format json` prints) for documents that were
  // read, or the record itself for failed ones.
  std::expected<void, std::string> export_jsonl(std::ostream& out) const;
  // One table (kStoreTables) as CSV with a header row (RFC 4180 quoting), in key order.
  std::expected<void, std::string> export_csv(std::string_view table, std::ostream& out) const;
  std::expected<StoreStats, std::string> stats() const;

 private:
  struct Impl;
  explicit Store(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// stats() as the text `jixiao corpus stats` prints.
std::string format_stats(const StoreStats& stats);

}  // namespace jixiao::corpus
