#pragma once
// Internal to corpus/: what the two halves of the store share. store_schema.cc
// opens the file and brings its schema up to date; store.cc writes, exports
// and summarises documents. Both work on Store::Impl, the connection with its
// prepared statements.

#include <sqlite3.h>

#include <chrono>
#include <cstdint>
#include <expected>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "jixiao/corpus/document_rows.h"
#include "jixiao/corpus/store.h"
#include "checkpointer.h"

namespace jixiao::corpus {

namespace store_internal {

// The schema this jixiao writes. Version 2 added `budget_lines` and
// `project_results`; version 3 `documents.failure` and `input_errors`;
// version 4 `documents.ocr_page_count`, `documents.ocr_confidence` and
// `ocr_pages`. Older datasets are brought up to date when opened for writing.
inline constexpr int kSchemaVersion = 4;

inline constexpr const char* kInsertBudgetLineSql =
    "INSERT INTO budget_lines (sha256, seq, label, budget, budget_num, executed, executed_num, unit, rate, "
    "rate_num, max, score, page, line, text) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, "
    "?15)";
inline constexpr const char* kInsertProjectResultSql =
    "INSERT INTO project_results (sha256, seq, subject, score, score_num, grade, page, line, text) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)";

inline constexpr const char* kInsertOcrPageSql =
    "INSERT INTO ocr_pages (sha256, seq, page, words, mean_confidence, guessed_words, rulings, skew_degrees, "
    "timed_out) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)";

struct DbClose {
  void operator()(sqlite3* db) const { sqlite3_close_v2(db); }
};
using DbPtr = std::unique_ptr<sqlite3, DbClose>;

struct StmtFinalize {
  void operator()(sqlite3_stmt* s) const { sqlite3_finalize(s); }
};
using StmtPtr = std::unique_ptr<sqlite3_stmt, StmtFinalize>;

// A bound value: NULL, integer, real or text. Text is a view of the caller's
// string: bind_all copies it into the statement unless told that the string
// outlives the statement's use (Store::Impl::run, which binds, steps and
// resets in one call, while the row it binds is alive: a record's 80 KB of
// JSON is then neither copied into a Value nor into SQLite).
using Value = std::variant<std::monostate, std::int64_t, double, std::string_view>;

enum class TextBinding { kCopy, kNoCopy };

class Stmt {
 public:
  Stmt() = default;
  explicit Stmt(StmtPtr s) : s_(std::move(s)) {}
  sqlite3_stmt* get() const { return s_.get(); }
  // Binds values to ?1, ?2, … in order. kNoCopy: the texts must stay alive
  // and unchanged until the statement is reset and bound again.
  int bind_all(const std::vector<Value>& values, TextBinding text = TextBinding::kCopy) const;

 private:
  StmtPtr s_;
};

// Resets a statement when it goes out of scope, so a half-stepped SELECT never
// holds a read transaction open.
struct ResetOnExit {
  sqlite3_stmt* s;
  ~ResetOnExit() { sqlite3_reset(s); }
};

std::string column_text(sqlite3_stmt* s, int i);

// A read transaction for its lifetime: every query inside reads one snapshot,
// even while another process writes. Not nested: one per public call.
struct ReadSnapshot {
  sqlite3* db;
  explicit ReadSnapshot(sqlite3* d) : db(d) { sqlite3_exec(db, "BEGIN", nullptr, nullptr, nullptr); }
  ~ReadSnapshot() { sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr); }
  ReadSnapshot(const ReadSnapshot&) = delete;
  ReadSnapshot& operator=(const ReadSnapshot&) = delete;
};

}  // namespace store_internal

struct Store::Impl {
  using Stmt = store_internal::Stmt;
  using Value = store_internal::Value;

  std::string path;
  bool read_only = false;
  int version = store_internal::kSchemaVersion;  // of the file; older only when opened read-only
  StoreOptions options;
  // Waiting for another writer's lock: since when (this wait), and in all.
  std::optional<std::chrono::steady_clock::time_point> busy_since;
  std::chrono::duration<double> lock_waited{0};

  store_internal::DbPtr db;  // declared before the statements: destroyed after them
  Stmt has_doc, insert_doc, insert_path, insert_indicator, insert_amount, insert_count, insert_finding;
  Stmt insert_budget_line, insert_project_result, insert_ocr_page;
  Stmt doc_state, paths_of, delete_doc, insert_input_error, delete_input_error;

  // Declared after the connection and its statements: stopped before they go.
  std::unique_ptr<store_internal::Checkpointer> checkpointer;

  std::string fail(std::string_view what) const;
  std::expected<void, std::string> exec(const char* sql);
  std::expected<Stmt, std::string> prepare(const char* sql) const;
  // Binds and runs a statement that returns no rows.
  std::expected<void, std::string> run(const Stmt& s, const std::vector<Value>& values, std::string_view what);
  bool has_table(const char* name) const;

  // BEGIN IMMEDIATE and COMMIT, waiting (up to options.lock_timeout) while
  // another process holds the write lock.
  std::expected<void, std::string> begin_write();
  std::expected<void, std::string> commit();

  // Opening (store_schema.cc): the file checked before anything is written to
  // it, then WAL mode and the schema; or, read-only, only the checks.
  std::expected<void, std::string> connect();
  std::expected<void, std::string> connect_read_only();
  std::expected<void, std::string> ensure_schema();
  // Hands the rows of every stored read document, derived again from its
  // record, to `each` (the migrations that fill new tables from the records).
  using EachStoredRows = std::function<std::expected<void, std::string>(const DocumentRows&)>;
  std::expected<void, std::string> for_each_stored_rows(const EachStoredRows& each);
  std::expected<void, std::string> migrate_from_1();
  std::expected<void, std::string> migrate_from_2();
  std::expected<void, std::string> migrate_from_3();
  // Adds `column` to `table` (ALTER TABLE) unless the table has it already.
  std::expected<void, std::string> add_column(const char* table, const char* column, const char* type);
  std::expected<void, std::string> prepare_statements();

  // Reading (store.cc, dashboard_query.cc), inside the caller's ReadSnapshot.
  std::expected<StoreStats, std::string> read_stats() const;
  // Runs a query and hands each row to `row`; `what` names it in an error.
  template <typename Row>
  std::expected<void, std::string> each_row(const char* sql, std::string_view what, Row&& row) const {
    auto stmt = prepare(sql);
    if (!stmt) return std::unexpected(stmt.error());
    int rc;
    while ((rc = sqlite3_step(stmt->get())) == SQLITE_ROW) row(stmt->get());
    if (rc != SQLITE_DONE) return std::unexpected(fail(what));
    return {};
  }

  // Writing (store.cc), inside the caller's transaction.
  std::expected<StoredDocument, std::string> stored(std::string_view sha256) const;  // path empty: not stored
  std::expected<std::vector<std::string>, std::string> paths(std::string_view sha256) const;
  std::expected<void, std::string> insert_rows(const DocumentRows& rows);
  std::expected<void, std::string> insert_budget_rows(const DocumentRows& rows, const Stmt& budget_line,
                                                      const Stmt& project_result);
  std::expected<void, std::string> insert_ocr_rows(const DocumentRows& rows, const Stmt& ocr_page);
};

}  // namespace jixiao::corpus
