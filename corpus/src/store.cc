// The SQLite dataset (docs/dataset.md).
//
// One writer owns the database. Every document goes in with ONE transaction
// (BEGIN IMMEDIATE … COMMIT): its documents row, all its child rows and its
// path. WAL journaling means a committed transaction survives the process being
// killed (SIGKILL included), and an uncommitted one leaves no trace.
//
// Numbers are stored twice: the exact decimal text as the report printed it,
// and a REAL *_num column that exists only so SQL can compare and average.
// Nothing here computes with the REAL value.
//
// The store takes typed rows (document_rows.h) and binds them; reading a
// record's JSON is document_rows.cc's business. The only JSON here is the
// export, which prints the stored record (or its document) back.
#include "jixiao/corpus/store.h"

#include <sqlite3.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <cstdint>
#include <cstdio>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <sstream>
#include <variant>

#include "jixiao/corpus/document_rows.h"

namespace jixiao::corpus {

namespace {

using nlohmann::json;

// Version 2 added `budget_lines` and `project_results`; a version-1 dataset is
// brought up to date on open, their rows made from the records it stores.
constexpr int kSchemaVersion = 2;

// The schema. Column order here is the column order of the CSV export.
// Child rows are keyed by (sha256, seq): seq is the 0-based index in the
// record's array, so `json_extract(record, '$.document.findings[' || seq || ']')`
// finds the full object again.
constexpr const char* kSchemaSql = R"sql(
CREATE TABLE IF NOT EXISTS meta (
  key   TEXT PRIMARY KEY,
  value TEXT
);
CREATE TABLE IF NOT EXISTS documents (
  sha256           TEXT PRIMARY KEY,
  path             TEXT NOT NULL,
  format           TEXT,
  encoding         TEXT,
  pages            INTEGER,
  title            TEXT,
  unit             TEXT,
  year             INTEGER,
  commissioner     TEXT,
  evaluator        TEXT,
  total_score      TEXT,
  total_score_num  REAL,
  total_max        TEXT,
  grade            TEXT,
  status           TEXT NOT NULL CHECK (status IN ('ok', 'error')),
  error            TEXT,
  error_findings   INTEGER,
  warning_findings INTEGER,
  jixiao_version   TEXT,
  processed_at     TEXT,
  record           TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS paths (
  sha256 TEXT NOT NULL REFERENCES documents(sha256) ON DELETE CASCADE,
  path   TEXT NOT NULL,
  PRIMARY KEY (sha256, path)
);
CREATE INDEX IF NOT EXISTS paths_by_path ON paths(path);
CREATE TABLE IF NOT EXISTS indicators (
  sha256    TEXT NOT NULL REFERENCES documents(sha256) ON DELETE CASCADE,
  seq       INTEGER NOT NULL,
  level     INTEGER,
  name      TEXT,
  path      TEXT,
  max       TEXT,
  max_num   REAL,
  score     TEXT,
  score_num REAL,
  rate      TEXT,
  rate_num  REAL,
  page      INTEGER,
  line      INTEGER,
  PRIMARY KEY (sha256, seq)
);
CREATE TABLE IF NOT EXISTS amounts (
  sha256    TEXT NOT NULL REFERENCES documents(sha256) ON DELETE CASCADE,
  seq       INTEGER NOT NULL,
  value     TEXT,
  unit      TEXT,
  yuan      TEXT,
  yuan_num  REAL,
  qualifier TEXT,
  label     TEXT,
  page      INTEGER,
  line      INTEGER,
  text      TEXT,
  PRIMARY KEY (sha256, seq)
);
CREATE TABLE IF NOT EXISTS counts (
  sha256    TEXT NOT NULL REFERENCES documents(sha256) ON DELETE CASCADE,
  seq       INTEGER NOT NULL,
  value     TEXT,
  unit      TEXT,
  base_unit TEXT,
  count     TEXT,
  count_num REAL,
  qualifier TEXT,
  label     TEXT,
  page      INTEGER,
  line      INTEGER,
  text      TEXT,
  PRIMARY KEY (sha256, seq)
);
CREATE TABLE IF NOT EXISTS findings (
  sha256     TEXT NOT NULL REFERENCES documents(sha256) ON DELETE CASCADE,
  seq        INTEGER NOT NULL,
  rule       TEXT,
  severity   TEXT,
  message    TEXT,
  stated     TEXT,
  computed   TEXT,
  tolerance  TEXT,
  arithmetic TEXT,
  page       INTEGER,
  line       INTEGER,
  text       TEXT,
  PRIMARY KEY (sha256, seq)
);
CREATE INDEX IF NOT EXISTS findings_by_rule ON findings(rule);
CREATE TABLE IF NOT EXISTS budget_lines (
  sha256       TEXT NOT NULL REFERENCES documents(sha256) ON DELETE CASCADE,
  seq          INTEGER NOT NULL,
  label        TEXT,
  budget       TEXT,
  budget_num   REAL,
  executed     TEXT,
  executed_num REAL,
  unit         TEXT,
  rate         TEXT,
  rate_num     REAL,
  max          TEXT,
  score        TEXT,
  page         INTEGER,
  line         INTEGER,
  text         TEXT,
  PRIMARY KEY (sha256, seq)
);
CREATE TABLE IF NOT EXISTS project_results (
  sha256    TEXT NOT NULL REFERENCES documents(sha256) ON DELETE CASCADE,
  seq       INTEGER NOT NULL,
  subject   TEXT,
  score     TEXT,
  score_num REAL,
  grade     TEXT,
  page      INTEGER,
  line      INTEGER,
  text      TEXT,
  PRIMARY KEY (sha256, seq)
);
)sql";

constexpr const char* kInsertBudgetLineSql =
    "INSERT INTO budget_lines (sha256, seq, label, budget, budget_num, executed, executed_num, unit, rate, "
    "rate_num, max, score, page, line, text) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, "
    "?15)";
constexpr const char* kInsertProjectResultSql =
    "INSERT INTO project_results (sha256, seq, subject, score, score_num, grade, page, line, text) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)";

// Primary-key order for each exported table.
std::optional<std::string_view> key_order(std::string_view table) {
  if (table == "documents") return "sha256";
  if (table == "paths") return "sha256, path";
  if (table == "indicators" || table == "amounts" || table == "counts" || table == "findings" ||
      table == "budget_lines" || table == "project_results")
    return "sha256, seq";
  return std::nullopt;
}

// ---- RAII for the C handles ----

struct DbClose {
  void operator()(sqlite3* db) const { sqlite3_close_v2(db); }
};
using DbPtr = std::unique_ptr<sqlite3, DbClose>;

struct StmtFinalize {
  void operator()(sqlite3_stmt* s) const { sqlite3_finalize(s); }
};
using StmtPtr = std::unique_ptr<sqlite3_stmt, StmtFinalize>;

std::string db_error(sqlite3* db) { return sqlite3_errmsg(db); }

// A bound value: NULL, integer, real or text. Text is bound SQLITE_TRANSIENT
// (copied), so the caller's strings need not outlive the bind.
using Value = std::variant<std::monostate, std::int64_t, double, std::string>;

// ---- Row values as bound values ----

Value value_of(const Text& t) { return t ? Value(*t) : Value(); }
Value value_of(const Integer& n) { return n ? Value(*n) : Value(); }

// The REAL companion of an exact decimal: "47213.5" -> 47213.5, "85%" -> 85.
// Only for querying; anything that is not a plain decimal gives NULL.
Value real_of(const Text& text) {
  if (!text) return {};
  std::string_view v = *text;
  if (!v.empty() && v.back() == '%') v.remove_suffix(1);
  if (!v.empty() && v.front() == '+') v.remove_prefix(1);
  if (v.empty()) return {};
  double d = 0;
  const auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), d, std::chars_format::fixed);
  if (ec != std::errc{} || end != v.data() + v.size()) return {};
  return d;
}

// ---- Statements ----

class Stmt {
 public:
  Stmt() = default;
  explicit Stmt(StmtPtr s) : s_(std::move(s)) {}
  sqlite3_stmt* get() const { return s_.get(); }

  // Binds values to ?1, ?2, … in order.
  int bind_all(const std::vector<Value>& values) const {
    sqlite3_reset(s_.get());
    sqlite3_clear_bindings(s_.get());
    for (std::size_t i = 0; i < values.size(); ++i) {
      const int idx = static_cast<int>(i) + 1;
      int rc = SQLITE_OK;
      const Value& v = values[i];
      if (std::holds_alternative<std::monostate>(v)) rc = sqlite3_bind_null(s_.get(), idx);
      else if (const auto* n = std::get_if<std::int64_t>(&v)) rc = sqlite3_bind_int64(s_.get(), idx, *n);
      else if (const auto* d = std::get_if<double>(&v)) rc = sqlite3_bind_double(s_.get(), idx, *d);
      else {
        const std::string& t = std::get<std::string>(v);
        rc = sqlite3_bind_text64(s_.get(), idx, t.data(), t.size(), SQLITE_TRANSIENT, SQLITE_UTF8);
      }
      if (rc != SQLITE_OK) return rc;
    }
    return SQLITE_OK;
  }

 private:
  StmtPtr s_;
};

// Resets a statement when it goes out of scope, so a half-stepped SELECT never
// holds a read transaction open.
struct ResetOnExit {
  sqlite3_stmt* s;
  ~ResetOnExit() { sqlite3_reset(s); }
};

std::string column_text(sqlite3_stmt* s, int i) {
  const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(s, i));
  return p == nullptr ? std::string() : std::string(p, static_cast<std::size_t>(sqlite3_column_bytes(s, i)));
}

// RFC 4180: a field with a comma, quote, CR or LF is quoted, quotes doubled.
void csv_field(std::ostream& out, std::string_view v) {
  if (v.find_first_of(",\"\r\n") == std::string_view::npos) {
    out << v;
    return;
  }
  out << '"';
  for (const char c : v) {
    if (c == '"') out << '"';
    out << c;
  }
  out << '"';
}

}  // namespace

struct Store::Impl {
  std::string path;
  DbPtr db;  // declared first: destroyed after the statements below
  Stmt has_doc, insert_doc, insert_path, insert_indicator, insert_amount, insert_count, insert_finding;
  Stmt insert_budget_line, insert_project_result;
  Stmt doc_path, paths_of, delete_doc;

  std::string fail(std::string_view what) const { return path + ": " + std::string(what) + ": " + db_error(db.get()); }

  std::expected<void, std::string> exec(const char* sql) {
    char* msg = nullptr;
    if (sqlite3_exec(db.get(), sql, nullptr, nullptr, &msg) != SQLITE_OK) {
      std::string m = msg != nullptr ? msg : db_error(db.get());
      sqlite3_free(msg);
      return std::unexpected(path + ": " + m);
    }
    return {};
  }

  std::expected<Stmt, std::string> prepare(const char* sql) const {
    sqlite3_stmt* s = nullptr;
    if (sqlite3_prepare_v3(db.get(), sql, -1, SQLITE_PREPARE_PERSISTENT, &s, nullptr) != SQLITE_OK) {
      sqlite3_finalize(s);
      return std::unexpected(fail("preparing a statement"));
    }
    return Stmt(StmtPtr(s));
  }

  // Binds and runs a statement that returns no rows.
  std::expected<void, std::string> run(const Stmt& s, const std::vector<Value>& values, std::string_view what) {
    if (s.bind_all(values) != SQLITE_OK) return std::unexpected(fail(what));
    const int rc = sqlite3_step(s.get());
    sqlite3_reset(s.get());
    if (rc != SQLITE_DONE) return std::unexpected(fail(what));
    return {};
  }

  std::expected<bool, std::string> exists(std::string_view sha256) const {
    if (has_doc.bind_all({std::string(sha256)}) != SQLITE_OK) return std::unexpected(fail("looking up a document"));
    ResetOnExit reset{has_doc.get()};
    const int rc = sqlite3_step(has_doc.get());
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    return std::unexpected(fail("looking up a document"));
  }

  // The path a stored document was made from, or nullopt when it is not stored.
  std::expected<std::optional<std::string>, std::string> stored_path(std::string_view sha256) const {
    if (doc_path.bind_all({std::string(sha256)}) != SQLITE_OK) return std::unexpected(fail("looking up a document"));
    ResetOnExit reset{doc_path.get()};
    const int rc = sqlite3_step(doc_path.get());
    if (rc == SQLITE_DONE) return std::optional<std::string>();
    if (rc != SQLITE_ROW) return std::unexpected(fail("looking up a document"));
    const unsigned char* t = sqlite3_column_text(doc_path.get(), 0);
    return std::optional<std::string>(t ? reinterpret_cast<const char*>(t) : "");
  }

  std::expected<std::vector<std::string>, std::string> paths(std::string_view sha256) const {
    if (paths_of.bind_all({std::string(sha256)}) != SQLITE_OK) return std::unexpected(fail("listing paths"));
    ResetOnExit reset{paths_of.get()};
    std::vector<std::string> out;
    int rc;
    while ((rc = sqlite3_step(paths_of.get())) == SQLITE_ROW) {
      const unsigned char* t = sqlite3_column_text(paths_of.get(), 0);
      out.emplace_back(t ? reinterpret_cast<const char*>(t) : "");
    }
    if (rc != SQLITE_DONE) return std::unexpected(fail("listing paths"));
    return out;
  }

  // The steps of Store::open: the file in WAL mode, the schema checked or
  // created, the statements every document uses prepared once.
  std::expected<void, std::string> connect();
  std::expected<void, std::string> ensure_schema();
  std::expected<void, std::string> prepare_statements();

  // Every row of one document (no path); inside the caller's transaction.
  std::expected<void, std::string> insert_rows(const DocumentRows& rows);
  // The rows a schema version added, for one document, with the given statements.
  std::expected<void, std::string> insert_budget_rows(const DocumentRows& rows, const Stmt& budget_line,
                                                      const Stmt& project_result);
  // A version-1 dataset: the version-2 rows of every stored record.
  std::expected<void, std::string> migrate_from_1();
};

namespace {

// BEGIN IMMEDIATE on construction; ROLLBACK on destruction unless committed.
// IMMEDIATE takes the write lock up front, so a second writer waits (busy
// timeout) instead of failing halfway through a document.
class Transaction {
 public:
  explicit Transaction(sqlite3* db) : db_(db) {}
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  ~Transaction() {
    if (open_) sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
  }
  bool begin() {
    open_ = sqlite3_exec(db_, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr) == SQLITE_OK;
    return open_;
  }
  bool commit() {
    if (sqlite3_exec(db_, "COMMIT", nullptr, nullptr, nullptr) != SQLITE_OK) return false;
    open_ = false;
    return true;
  }

 private:
  sqlite3* db_;
  bool open_ = false;
};

}  // namespace

std::expected<void, std::string> Store::Impl::insert_rows(const DocumentRows& rows) {
  const DocumentRow& d = rows.document;
  const std::string& sha = d.sha256;
  if (auto r = run(insert_doc,
                   {sha, d.path, value_of(d.format), value_of(d.encoding), value_of(d.pages), value_of(d.title),
                    value_of(d.unit), value_of(d.year), value_of(d.commissioner), value_of(d.evaluator),
                    value_of(d.total_score), real_of(d.total_score), value_of(d.total_max), value_of(d.grade),
                    d.status, value_of(d.error), value_of(d.error_findings), value_of(d.warning_findings),
                    value_of(d.jixiao_version), value_of(d.processed_at), d.record},
                   "inserting the document");
      !r)
    return r;

  std::int64_t seq = 0;
  for (const IndicatorRow& i : rows.indicators) {
    if (auto r = run(insert_indicator,
                     {sha, seq++, value_of(i.level), value_of(i.name), i.path, value_of(i.max), real_of(i.max),
                      value_of(i.score), real_of(i.score), value_of(i.rate), real_of(i.rate), value_of(i.page),
                      value_of(i.line)},
                     "inserting an indicator");
        !r)
      return r;
  }
  seq = 0;
  for (const AmountRow& a : rows.amounts) {
    if (auto r = run(insert_amount,
                     {sha, seq++, value_of(a.value), value_of(a.unit), value_of(a.yuan), real_of(a.yuan),
                      value_of(a.qualifier), value_of(a.label), value_of(a.page), value_of(a.line), value_of(a.text)},
                     "inserting an amount");
        !r)
      return r;
  }
  seq = 0;
  for (const CountRow& c : rows.counts) {
    if (auto r = run(insert_count,
                     {sha, seq++, value_of(c.value), value_of(c.unit), value_of(c.base_unit), value_of(c.count),
                      real_of(c.count), value_of(c.qualifier), value_of(c.label), value_of(c.page),
                      value_of(c.line), value_of(c.text)},
                     "inserting a count");
        !r)
      return r;
  }
  seq = 0;
  for (const FindingRow& f : rows.findings) {
    if (auto r = run(insert_finding,
                     {sha, seq++, value_of(f.rule), value_of(f.severity), value_of(f.message), value_of(f.stated),
                      value_of(f.computed), value_of(f.tolerance), value_of(f.arithmetic), value_of(f.page),
                      value_of(f.line), value_of(f.text)},
                     "inserting a finding");
        !r)
      return r;
  }
  return insert_budget_rows(rows, insert_budget_line, insert_project_result);
}

std::expected<void, std::string> Store::Impl::insert_budget_rows(const DocumentRows& rows, const Stmt& budget_line,
                                                                 const Stmt& project_result) {
  const std::string& sha = rows.document.sha256;
  std::int64_t seq = 0;
  for (const BudgetLineRow& b : rows.budget_lines) {
    if (auto r = run(budget_line,
                     {sha, seq++, value_of(b.label), value_of(b.budget), real_of(b.budget), value_of(b.executed),
                      real_of(b.executed), value_of(b.unit), value_of(b.rate), real_of(b.rate), value_of(b.max),
                      value_of(b.score), value_of(b.page), value_of(b.line), value_of(b.text)},
                     "inserting a budget line");
        !r)
      return r;
  }
  seq = 0;
  for (const ProjectResultRow& p : rows.project_results) {
    if (auto r = run(project_result,
                     {sha, seq++, value_of(p.subject), value_of(p.score), real_of(p.score), value_of(p.grade),
                      value_of(p.page), value_of(p.line), value_of(p.text)},
                     "inserting a project result");
        !r)
      return r;
  }
  return {};
}

// Inside ensure_schema's transaction, after the new tables exist: every stored
// record gives its rows again (the record is the source of every row), so an
// old dataset answers the new tables as if it had been built by this jixiao.
std::expected<void, std::string> Store::Impl::migrate_from_1() {
  auto budget_line = prepare(kInsertBudgetLineSql);
  if (!budget_line) return std::unexpected(budget_line.error());
  auto project_result = prepare(kInsertProjectResultSql);
  if (!project_result) return std::unexpected(project_result.error());
  auto records = prepare("SELECT record FROM documents WHERE status = 'ok' ORDER BY sha256");
  if (!records) return std::unexpected(records.error());
  ResetOnExit reset{records->get()};
  int rc;
  while ((rc = sqlite3_step(records->get())) == SQLITE_ROW) {
    const auto rows = document_rows(column_text(records->get(), 0));
    if (!rows) continue;  // stored before as it is: nothing more to derive from it
    if (auto r = insert_budget_rows(*rows, *budget_line, *project_result); !r) return r;
  }
  if (rc != SQLITE_DONE) return std::unexpected(fail("reading the stored records"));
  return exec("UPDATE meta SET value = '2' WHERE key = 'schema_version'");
}

Store::Store(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Store::~Store() = default;
Store::Store(Store&&) noexcept = default;
Store& Store::operator=(Store&&) noexcept = default;

std::expected<void, std::string> Store::Impl::connect() {
  sqlite3* raw = nullptr;
  const int rc = sqlite3_open_v2(path.c_str(), &raw, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr);
  db.reset(raw);  // closed on every path out, even when open failed
  if (rc != SQLITE_OK) {
    return std::unexpected(path + ": cannot open database: " +
                           (raw != nullptr ? db_error(raw) : std::string(sqlite3_errstr(rc))));
  }
  sqlite3_extended_result_codes(raw, 1);
  sqlite3_busy_timeout(raw, 5000);

  // The first statement that reads the file: a file that is not a database fails here.
  {
    sqlite3_stmt* s = nullptr;
    int prc = sqlite3_prepare_v2(raw, "PRAGMA journal_mode=WAL", -1, &s, nullptr);
    StmtPtr stmt(s);
    std::string mode;
    if (prc == SQLITE_OK) {
      prc = sqlite3_step(s);
      if (prc == SQLITE_ROW) mode = column_text(s, 0);
    }
    if (prc != SQLITE_ROW) {
      const int code = sqlite3_errcode(raw) & 0xff;
      if (code == SQLITE_NOTADB) return std::unexpected(path + ": not a SQLite database");
      return std::unexpected(path + ": cannot open database: " + db_error(raw));
    }
    // "memory" for ":memory:" databases, which have no journal to protect.
    if (mode != "wal" && mode != "memory")
      return std::unexpected(path + ": cannot switch the database to WAL mode (journal mode is " + mode + ")");
  }
  // NORMAL under WAL: a commit is durable against the process dying (the WAL
  // is in the OS cache); only power loss can roll back the latest commits.
  return exec("PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;");
}

// Checks and creates the schema in one transaction, so two processes opening a
// fresh file at once never see half a schema.
std::expected<void, std::string> Store::Impl::ensure_schema() {
  Transaction tx(db.get());
  if (!tx.begin()) return std::unexpected(fail("cannot start a transaction"));
  auto has_table = prepare("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = ?1");
  if (!has_table) return std::unexpected(has_table.error());
  auto count_tables = [&](const std::string& name) -> int {
    has_table->bind_all({name});
    ResetOnExit reset{has_table->get()};
    return sqlite3_step(has_table->get()) == SQLITE_ROW ? sqlite3_column_int(has_table->get(), 0) : 0;
  };
  if (count_tables("meta") > 0) {
    auto version = prepare("SELECT value FROM meta WHERE key = 'schema_version'");
    if (!version) return std::unexpected(version.error());
    ResetOnExit reset{version->get()};
    const std::string v = sqlite3_step(version->get()) == SQLITE_ROW ? column_text(version->get(), 0) : "";
    if (v == "1") {
      if (auto r = exec(kSchemaSql); !r) return std::unexpected(r.error());
      if (auto r = migrate_from_1(); !r) return std::unexpected(r.error());
    } else if (v != std::to_string(kSchemaVersion)) {
      return std::unexpected(path + ": dataset schema version " + (v.empty() ? "(missing)" : v) +
                             ", this jixiao reads version " + std::to_string(kSchemaVersion));
    }
  } else {
    // Refuse to add our tables to somebody else's database.
    auto any = prepare("SELECT count(*) FROM sqlite_master WHERE type = 'table'");
    if (!any) return std::unexpected(any.error());
    ResetOnExit reset{any->get()};
    if (sqlite3_step(any->get()) == SQLITE_ROW && sqlite3_column_int(any->get(), 0) > 0)
      return std::unexpected(path + ": a SQLite database but not a jixiao dataset (no meta table)");
  }
  if (auto r = exec(kSchemaSql); !r) return std::unexpected(r.error());
  const std::string insert_version = "INSERT OR IGNORE INTO meta(key, value) VALUES ('schema_version', '" +
                                     std::to_string(kSchemaVersion) + "')";
  if (auto r = exec(insert_version.c_str()); !r) return std::unexpected(r.error());
  if (!tx.commit()) return std::unexpected(fail("cannot create the schema"));
  return {};
}

std::expected<void, std::string> Store::Impl::prepare_statements() {
  struct {
    Stmt* target;
    const char* sql;
  } const statements[] = {
      {&has_doc, "SELECT 1 FROM documents WHERE sha256 = ?1"},
      {&doc_path, "SELECT path FROM documents WHERE sha256 = ?1"},
      {&paths_of, "SELECT path FROM paths WHERE sha256 = ?1"},
      {&delete_doc, "DELETE FROM documents WHERE sha256 = ?1"},
      {&insert_doc,
       "INSERT INTO documents (sha256, path, format, encoding, pages, title, unit, year, commissioner, evaluator, "
       "total_score, total_score_num, total_max, grade, status, error, error_findings, warning_findings, "
       "jixiao_version, processed_at, record) "
       "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21)"},
      {&insert_path, "INSERT OR IGNORE INTO paths (sha256, path) VALUES (?1, ?2)"},
      {&insert_indicator,
       "INSERT INTO indicators (sha256, seq, level, name, path, max, max_num, score, score_num, rate, rate_num, "
       "page, line) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)"},
      {&insert_amount,
       "INSERT INTO amounts (sha256, seq, value, unit, yuan, yuan_num, qualifier, label, page, line, text) "
       "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)"},
      {&insert_count,
       "INSERT INTO counts (sha256, seq, value, unit, base_unit, count, count_num, qualifier, label, page, line, "
       "text) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)"},
      {&insert_budget_line, kInsertBudgetLineSql},
      {&insert_project_result, kInsertProjectResultSql},
      {&insert_finding,
       "INSERT INTO findings (sha256, seq, rule, severity, message, stated, computed, tolerance, arithmetic, page, "
       "line, text) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)"},
  };
  for (const auto& s : statements) {
    auto st = prepare(s.sql);
    if (!st) return std::unexpected(st.error());
    *s.target = std::move(*st);
  }
  return {};
}

std::expected<Store, std::string> Store::open(const std::string& path) {
  auto impl = std::make_unique<Impl>();
  impl->path = path;
  if (auto r = impl->connect(); !r) return std::unexpected(r.error());
  if (auto r = impl->ensure_schema(); !r) return std::unexpected(r.error());
  if (auto r = impl->prepare_statements(); !r) return std::unexpected(r.error());
  return Store(std::move(impl));
}

std::optional<std::string> Store::document_path(std::string_view sha256) const {
  const auto r = impl_->stored_path(sha256);
  return r.has_value() ? *r : std::nullopt;
}

bool Store::has_document(std::string_view sha256) const {
  const auto r = impl_->exists(sha256);
  return r.has_value() && *r;
}

std::expected<bool, std::string> Store::add_record(std::string_view record_json) {
  // Everything that can be wrong with the record itself is found before the
  // transaction starts.
  auto rows = document_rows(record_json);
  if (!rows) return std::unexpected(impl_->path + ": " + rows.error());
  return add_document(*rows);
}

std::expected<bool, std::string> Store::add_document(const DocumentRows& rows) {
  const std::string& sha256 = rows.document.sha256;
  const std::string& path = rows.document.path;
  if (sha256.empty()) return std::unexpected(impl_->path + ": record has no sha256");
  if (path.empty()) return std::unexpected(impl_->path + ": record has no path");
  Transaction tx(impl_->db.get());
  if (!tx.begin()) return std::unexpected(impl_->fail("cannot start a transaction"));
  const auto stored = impl_->stored_path(sha256);
  if (!stored) return std::unexpected(stored.error());
  const bool known = stored->has_value();
  if (!known) {
    if (auto r = impl_->insert_rows(rows); !r) return std::unexpected(r.error());
  } else if (path < **stored) {
    // The record of a smaller path replaces the stored one, rows and all; the
    // paths found so far stay. So the dataset does not depend on the order
    // records arrive in (worker timing, shard merge order).
    auto kept = impl_->paths(sha256);
    if (!kept) return std::unexpected(kept.error());
    if (auto r = impl_->run(impl_->delete_doc, {sha256}, "replacing a document"); !r) return std::unexpected(r.error());
    if (auto r = impl_->insert_rows(rows); !r) return std::unexpected(r.error());
    for (const std::string& p : *kept)
      if (auto r = impl_->run(impl_->insert_path, {sha256, p}, "inserting a path"); !r) return std::unexpected(r.error());
  }
  if (auto r = impl_->run(impl_->insert_path, {sha256, path}, "inserting a path"); !r)
    return std::unexpected(r.error());
  if (!tx.commit()) return std::unexpected(impl_->fail("cannot commit the document"));
  return !known;
}

std::expected<void, std::string> Store::add_path(std::string_view sha256, std::string_view path) {
  Transaction tx(impl_->db.get());
  if (!tx.begin()) return std::unexpected(impl_->fail("cannot start a transaction"));
  const auto known = impl_->exists(sha256);
  if (!known) return std::unexpected(known.error());
  if (!*known) return std::unexpected(impl_->path + ": no document " + std::string(sha256) + " to add a path to");
  if (auto r = impl_->run(impl_->insert_path, {std::string(sha256), std::string(path)}, "inserting a path"); !r)
    return r;
  if (!tx.commit()) return std::unexpected(impl_->fail("cannot commit the path"));
  return {};
}

std::expected<void, std::string> Store::export_jsonl(std::ostream& out) const {
  // One read transaction for the whole export: a consistent snapshot even while a writer goes on.
  if (auto r = impl_->exec("BEGIN"); !r) return std::unexpected(r.error());
  struct EndRead {
    sqlite3* db;
    ~EndRead() { sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr); }
  } end_read{impl_->db.get()};  // after the statement below is finalized
  auto stmt = impl_->prepare("SELECT sha256, status, record FROM documents ORDER BY sha256");
  if (!stmt) return std::unexpected(stmt.error());
  int rc;
  while ((rc = sqlite3_step(stmt->get())) == SQLITE_ROW) {
    const std::string sha = column_text(stmt->get(), 0);
    const std::string status = column_text(stmt->get(), 1);
    json record = json::parse(column_text(stmt->get(), 2), nullptr, false);
    if (record.is_discarded()) return std::unexpected(impl_->path + ": stored record " + sha + " is not valid JSON");
    json line;  // a read document's line is its document; a failed one's, the whole record
    if (status != "ok") line = std::move(record);
    else if (record.is_object() && record.contains("document")) line = std::move(record["document"]);
    try {
      out << line.dump() << '\n';
    } catch (const std::exception& e) {
      return std::unexpected(impl_->path + ": cannot write record " + sha + ": " + e.what());
    }
    if (!out) return std::unexpected("cannot write the export");
  }
  if (rc != SQLITE_DONE) return std::unexpected(impl_->fail("reading documents"));
  return {};
}

std::expected<void, std::string> Store::export_csv(std::string_view table, std::ostream& out) const {
  const auto order = key_order(table);
  if (!order) {
    std::string valid;
    for (const char* t : kStoreTables) valid += (valid.empty() ? "" : ", ") + std::string(t);
    return std::unexpected("unknown table \"" + std::string(table) + "\"; the tables are: " + valid);
  }
  // The table name is one of kStoreTables, never data.
  const std::string sql = "SELECT * FROM " + std::string(table) + " ORDER BY " + std::string(*order);
  auto stmt = impl_->prepare(sql.c_str());
  if (!stmt) return std::unexpected(stmt.error());
  sqlite3_stmt* s = stmt->get();

  // Every column but `record` (the whole JSON, too big for a spreadsheet; export_jsonl has it).
  std::vector<int> columns;
  for (int i = 0; i < sqlite3_column_count(s); ++i) {
    if (std::string_view(sqlite3_column_name(s, i)) != "record") columns.push_back(i);
  }
  const auto end_row = [&] { out << "\r\n"; };
  for (std::size_t k = 0; k < columns.size(); ++k) {
    if (k > 0) out << ',';
    csv_field(out, sqlite3_column_name(s, columns[k]));
  }
  end_row();
  int rc;
  while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
    for (std::size_t k = 0; k < columns.size(); ++k) {
      if (k > 0) out << ',';
      if (sqlite3_column_type(s, columns[k]) != SQLITE_NULL) csv_field(out, column_text(s, columns[k]));
    }
    end_row();
    if (!out) return std::unexpected("cannot write the export");
  }
  if (rc != SQLITE_DONE) return std::unexpected(impl_->fail("reading " + std::string(table)));
  return {};
}

std::expected<StoreStats, std::string> Store::stats() const {
  StoreStats st;
  // One read transaction: every figure from the same snapshot.
  if (auto r = impl_->exec("BEGIN"); !r) return std::unexpected(r.error());
  struct EndRead {
    sqlite3* db;
    ~EndRead() { sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr); }
  } end_read{impl_->db.get()};

  // Runs a query and hands each row to `row`.
  const auto query = [&](const char* sql, auto&& row) -> std::expected<void, std::string> {
    auto stmt = impl_->prepare(sql);
    if (!stmt) return std::unexpected(stmt.error());
    int rc;
    while ((rc = sqlite3_step(stmt->get())) == SQLITE_ROW) row(stmt->get());
    if (rc != SQLITE_DONE) return std::unexpected(impl_->fail("computing statistics"));
    return {};
  };
  const auto count = [](sqlite3_stmt* s, int i) { return static_cast<std::size_t>(sqlite3_column_int64(s, i)); };

  if (auto r = query(
          "SELECT count(*), coalesce(sum(status = 'ok'), 0), coalesce(sum(status = 'error'), 0), "
          "coalesce(sum(error_findings > 0), 0), (SELECT count(*) FROM paths) FROM documents",
          [&](sqlite3_stmt* s) {
            st.documents = count(s, 0);
            st.ok = count(s, 1);
            st.failed = count(s, 2);
            st.with_error_findings = count(s, 3);
            st.paths = count(s, 4);
          });
      !r)
    return std::unexpected(r.error());
  if (auto r = query("SELECT rule, count(*) AS n FROM findings GROUP BY rule ORDER BY n DESC, rule LIMIT 10",
                     [&](sqlite3_stmt* s) { st.top_rules.emplace_back(column_text(s, 0), count(s, 1)); });
      !r)
    return std::unexpected(r.error());
  if (auto r = query(
          "SELECT coalesce(nullif(grade, ''), '(none)') AS g, count(*) AS n FROM documents WHERE status = 'ok' "
          "GROUP BY g ORDER BY n DESC, g",
          [&](sqlite3_stmt* s) { st.grades.emplace_back(column_text(s, 0), count(s, 1)); });
      !r)
    return std::unexpected(r.error());

  // Fixed bands, all listed (zero included) so runs compare line by line;
  // ">100" only when a report's total exceeds 100 (a scale other than 100).
  std::array<std::pair<std::string, std::size_t>, 7> bands{{{">100", 0},
                                                            {"90-100", 0},
                                                            {"80-90", 0},
                                                            {"70-80", 0},
                                                            {"60-70", 0},
                                                            {"<60", 0},
                                                            {"(none)", 0}}};
  if (auto r = query(
          "SELECT CASE WHEN total_score_num IS NULL THEN 6 WHEN total_score_num > 100 THEN 0 "
          "WHEN total_score_num >= 90 THEN 1 WHEN total_score_num >= 80 THEN 2 WHEN total_score_num >= 70 THEN 3 "
          "WHEN total_score_num >= 60 THEN 4 ELSE 5 END AS band, count(*) FROM documents WHERE status = 'ok' "
          "GROUP BY band",
          [&](sqlite3_stmt* s) { bands[static_cast<std::size_t>(sqlite3_column_int(s, 0))].second = count(s, 1); });
      !r)
    return std::unexpected(r.error());
  for (std::size_t i = 0; i < bands.size(); ++i) {
    if (i == 0 && bands[i].second == 0) continue;
    st.score_bands.push_back(bands[i]);
  }
  return st;
}

std::string format_stats(const StoreStats& s) {
  std::ostringstream o;
  o << "documents: " << s.documents << " (" << s.ok << " read, " << s.failed << " failed), paths: " << s.paths
    << '\n';
  char pct[32];
  std::snprintf(pct, sizeof pct, "%.1f%%", s.ok == 0 ? 0.0 : 100.0 * static_cast<double>(s.with_error_findings) /
                                                                    static_cast<double>(s.ok));
  o << "with error findings: " << s.with_error_findings << " of " << s.ok << " read (" << pct << ")\n";
  const auto list = [&o](const char* title, const auto& items) {
    o << title << ':';
    if (items.empty()) o << " (none)";
    for (const auto& [name, n] : items) o << "\n  " << name << ' ' << n;
    o << '\n';
  };
  list("most frequent rules", s.top_rules);
  list("grades", s.grades);
  list("total scores", s.score_bands);
  return o.str();
}

}  // namespace jixiao::corpus
