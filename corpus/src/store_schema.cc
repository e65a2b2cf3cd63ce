// Opening the SQLite dataset (docs/dataset.md): checking the file, the schema
// and its migrations.
//
// A file is checked before anything is written to it. `PRAGMA
// journal_mode=WAL` rewrites a database's header, and creating our tables
// writes the rest, so both come only after the file is known to be ours: a
// jixiao dataset (a `meta` table with a schema version we read), an empty file,
// or a database without tables. Anything else -- a user's other SQLite file, a
// text file -- is refused and stays byte for byte as it was.
//
// Read-only opens (stats, export) write nothing at all: no WAL switch, no
// schema, no migration. The file is checked through a read-only connection;
// they read datasets of older schemas as they are, and a file or directory
// the user cannot write. A WAL-mode dataset in a directory the user cannot
// write has no way to create its shared-memory file; when no write is pending
// in its WAL, it is opened as immutable, which needs none.
//
// Version 1 -> 2 added `budget_lines` and `project_results`, filled from the
// records the dataset stores; 2 -> 3 added `documents.failure` (from each
// failed document's error) and `input_errors`; 3 -> 4 added the OCR summary
// of each document (`documents.ocr_page_count`, `documents.ocr_confidence`)
// and `ocr_pages`, from the stored records. A dataset is brought up to date
// in the same transaction that checks it, when it is opened for writing.
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <string>

#include "jixiao/output/record.h"
#include "store_impl.h"

namespace jixiao::corpus {

using store_internal::column_text;
using store_internal::kSchemaVersion;
using store_internal::ResetOnExit;
using store_internal::StmtPtr;

namespace {

// The schema. Column order here is the column order of the CSV export.
// Child rows are keyed by (sha256, seq): seq is the 0-based index in the
// record's array, so `json_extract(record, '$.document.findings[' || seq || ']')`
// finds the full object again (`ocr_pages`: '$.document.source.ocr_pages[' ||
// seq || ']'). `documents.failure` and the OCR columns come last because a
// migrated dataset gets them by ALTER TABLE, which appends.
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
  record           TEXT NOT NULL,
  failure          TEXT,
  ocr_page_count   INTEGER,
  ocr_confidence   REAL
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
CREATE TABLE IF NOT EXISTS ocr_pages (
  sha256          TEXT NOT NULL REFERENCES documents(sha256) ON DELETE CASCADE,
  seq             INTEGER NOT NULL,
  page            INTEGER,
  words           INTEGER,
  mean_confidence REAL,
  guessed_words   INTEGER,
  rulings         INTEGER,
  skew_degrees    REAL,
  timed_out       INTEGER,
  PRIMARY KEY (sha256, seq)
);
CREATE TABLE IF NOT EXISTS input_errors (
  path           TEXT PRIMARY KEY,
  error          TEXT NOT NULL,
  jixiao_version TEXT,
  processed_at   TEXT
);
)sql";

// What a file holds, as far as opening it is concerned.
struct FileCheck {
  int tables = 0;       // tables in sqlite_master
  bool has_meta = false;
  std::string version;  // meta's schema_version ("" when none)
};

bool readable_version(const std::string& v) { return v == "1" || v == "2" || v == "3" || v == "4"; }

// Reads sqlite_master and meta: read statements only, nothing written.
std::expected<FileCheck, int> check_file(sqlite3* db) {
  FileCheck check;
  sqlite3_stmt* raw = nullptr;
  int rc = sqlite3_prepare_v2(db, "SELECT name FROM sqlite_master WHERE type = 'table'", -1, &raw, nullptr);
  StmtPtr tables(raw);
  if (rc != SQLITE_OK) return std::unexpected(sqlite3_extended_errcode(db));
  while ((rc = sqlite3_step(raw)) == SQLITE_ROW) {
    ++check.tables;
    if (column_text(raw, 0) == "meta") check.has_meta = true;
  }
  if (rc != SQLITE_DONE) return std::unexpected(sqlite3_extended_errcode(db));
  if (!check.has_meta) return check;
  raw = nullptr;
  rc = sqlite3_prepare_v2(db, "SELECT value FROM meta WHERE key = 'schema_version'", -1, &raw, nullptr);
  StmtPtr version(raw);
  if (rc != SQLITE_OK) return std::unexpected(sqlite3_extended_errcode(db));
  rc = sqlite3_step(raw);
  if (rc == SQLITE_ROW) check.version = column_text(raw, 0);
  else if (rc != SQLITE_DONE) return std::unexpected(sqlite3_extended_errcode(db));
  return check;
}

// Why the file cannot be opened, from the code the first read gave.
std::string open_error(const std::string& path, sqlite3* db, int code) {
  if ((code & 0xff) == SQLITE_NOTADB) return path + ": not a SQLite database";
  return path + ": cannot open database: " + sqlite3_errmsg(db);
}

// A file that holds something other than a dataset we read, or "" when it
// is fine to open. An empty file and a database without tables are fine to
// build into, not to read.
std::string foreign(const std::string& path, const FileCheck& check, bool read_only) {
  if (check.tables > 0 && !check.has_meta)
    return path + ": a SQLite database but not a jixiao dataset (no meta table); it was left as it was";
  if (check.has_meta && !readable_version(check.version))
    return path + ": dataset schema version " + (check.version.empty() ? "(missing)" : check.version) +
           ", this jixiao reads versions 1 to " + std::to_string(kSchemaVersion);
  if (read_only && check.tables == 0) return path + ": not a jixiao dataset (an empty database)";
  return "";
}

// The file must be one we can open without blocking or clobbering: a regular
// file, or nothing yet (write mode creates it). A FIFO would block SQLite's
// first read for ever.
std::string unusable_path(const std::string& path, bool must_exist) {
  if (path.empty()) return "no database file given (--db is empty)";
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) {
    if (errno == ENOENT && !must_exist) return "";
    return path + ": " + std::strerror(errno);
  }
  if (S_ISDIR(st.st_mode)) return path + ": a directory, not a database file";
  if (!S_ISREG(st.st_mode)) return path + ": not a regular file";
  return "";
}

bool file_has_bytes(const std::string& path) {
  struct stat st {};
  return ::stat(path.c_str(), &st) == 0 && st.st_size > 0;
}

int on_busy(void* impl, int count);

// "file:/data/d.sqlite?immutable=1", with what a URI path cannot hold percent-encoded.
std::string immutable_uri(const std::string& path) {
  std::string uri = "file:";
  for (const char c : path) {
    if (c == '%' || c == '?' || c == '#') {
      char hex[4];
      std::snprintf(hex, sizeof hex, "%%%02X", static_cast<unsigned char>(c));
      uri += hex;
    } else {
      uri += c;
    }
  }
  return uri + "?immutable=1";
}

std::string directory_of(const std::string& path) {
  const std::size_t slash = path.rfind('/');
  if (slash == std::string::npos) return ".";
  return slash == 0 ? "/" : path.substr(0, slash);
}

}  // namespace

std::expected<void, std::string> Store::Impl::connect() {
  if (std::string why = unusable_path(path, false); !why.empty()) return std::unexpected(why);
  sqlite3* raw = nullptr;
  // NOMUTEX: a Store is used by one thread at a time (the checkpoints have a
  // connection of their own), so SQLite need not lock the connection on every
  // bind and step.
  const int rc =
      sqlite3_open_v2(path.c_str(), &raw, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
  db.reset(raw);  // closed on every path out, even when open failed
  if (rc != SQLITE_OK) {
    return std::unexpected(path + ": cannot open database: " +
                           (raw != nullptr ? std::string(sqlite3_errmsg(raw)) : std::string(sqlite3_errstr(rc))));
  }
  sqlite3_extended_result_codes(raw, 1);
  sqlite3_busy_handler(raw, on_busy, this);

  // Is it ours? Only reads so far: a foreign file is refused untouched.
  const auto check = check_file(raw);
  if (!check) return std::unexpected(open_error(path, raw, check.error()));
  if (std::string why = foreign(path, *check, false); !why.empty()) return std::unexpected(why);

  sqlite3_stmt* s = nullptr;
  int prc = sqlite3_prepare_v2(raw, "PRAGMA journal_mode=WAL", -1, &s, nullptr);
  StmtPtr stmt(s);
  std::string mode;
  if (prc == SQLITE_OK) {
    prc = sqlite3_step(s);
    if (prc == SQLITE_ROW) mode = column_text(s, 0);
  }
  if (prc != SQLITE_ROW) return std::unexpected(path + ": cannot open database: " + sqlite3_errmsg(raw));
  // "memory" for ":memory:" databases, which have no journal to protect.
  if (mode != "wal" && mode != "memory")
    return std::unexpected(path + ": cannot switch the database to WAL mode (journal mode is " + mode + ")");
  // NORMAL under WAL: a commit is durable against the process dying (the WAL
  // is in the OS cache); only power loss can roll back the latest commits.
  return exec("PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;");
}

std::expected<void, std::string> Store::Impl::connect_read_only() {
  if (std::string why = unusable_path(path, true); !why.empty()) return std::unexpected(why);
  read_only = true;
  auto open = [&](const std::string& name, int flags) {
    sqlite3* raw = nullptr;
    const int rc = sqlite3_open_v2(name.c_str(), &raw, flags, nullptr);
    db.reset(raw);
    if (raw != nullptr) {
      sqlite3_extended_result_codes(raw, 1);
      sqlite3_busy_handler(raw, on_busy, this);
    }
    return rc;
  };
  if (const int rc = open(path, SQLITE_OPEN_READONLY); rc != SQLITE_OK)
    return std::unexpected(path + ": cannot open database: " + sqlite3_errstr(rc));
  auto check = check_file(db.get());
  if (!check && ((check.error() & 0xff) == SQLITE_CANTOPEN || (check.error() & 0xff) == SQLITE_READONLY)) {
    // A WAL dataset whose shared-memory file cannot be created here (a
    // read-only directory). With nothing waiting in its WAL, the main file is
    // the whole dataset: read it as immutable, which needs no shared memory.
    if (file_has_bytes(path + "-wal"))
      return std::unexpected(path + ": a dataset in WAL mode with writes not yet in the main file (" + path +
                             "-wal), in a directory this user cannot write: copy the dataset and its -wal file "
                             "to a writable directory, or open it once where it can be written");
    if (const int rc = open(immutable_uri(path), SQLITE_OPEN_READONLY | SQLITE_OPEN_URI); rc != SQLITE_OK)
      return std::unexpected(path + ": cannot open database: " + sqlite3_errstr(rc));
    check = check_file(db.get());
  }
  if (!check) return std::unexpected(open_error(path, db.get(), check.error()));
  if (std::string why = foreign(path, *check, true); !why.empty()) return std::unexpected(why);
  version = std::stoi(check->version);
  // A dataset this user may write is read through a read-write connection
  // all the same (Store::Impl::read_only keeps it from writing): a read-only
  // connection cannot remove the -wal and -shm files it makes beside a WAL
  // database, and would leave them behind after every `corpus stats`.
  if (::access(path.c_str(), W_OK) == 0 && ::access(directory_of(path).c_str(), W_OK) == 0) {
    if (open(path, SQLITE_OPEN_READWRITE) != SQLITE_OK || !check_file(db.get())) {
      if (const int rc = open(path, SQLITE_OPEN_READONLY); rc != SQLITE_OK)
        return std::unexpected(path + ": cannot open database: " + sqlite3_errstr(rc));
    }
  }
  return {};
}

// Checks and creates the schema in one transaction, so two processes opening a
// fresh file at once never see half a schema.
std::expected<void, std::string> Store::Impl::ensure_schema() {
  if (auto r = begin_write(); !r) return r;
  struct Rollback {
    sqlite3* db;
    bool done = false;
    ~Rollback() {
      if (!done) sqlite3_exec(db, "ROLLBACK", nullptr, nullptr, nullptr);
    }
  } rollback{db.get()};
  // Again inside the transaction: another process may have changed the file since connect().
  const auto check = check_file(db.get());
  if (!check) return std::unexpected(open_error(path, db.get(), check.error()));
  if (std::string why = foreign(path, *check, false); !why.empty()) return std::unexpected(why);
  if (auto r = exec(kSchemaSql); !r) return r;
  if (check->version == "1") {
    if (auto r = migrate_from_1(); !r) return r;
  }
  if (check->version == "1" || check->version == "2") {
    if (auto r = migrate_from_2(); !r) return r;
  }
  if (check->version == "1" || check->version == "2" || check->version == "3") {
    if (auto r = migrate_from_3(); !r) return r;
  }
  const std::string set_version = "INSERT OR REPLACE INTO meta(key, value) VALUES ('schema_version', '" +
                                  std::to_string(kSchemaVersion) + "')";
  if (auto r = exec(set_version.c_str()); !r) return r;
  if (auto r = commit(); !r) return std::unexpected(fail("cannot create the schema"));
  rollback.done = true;
  return {};
}

// Inside ensure_schema's transaction, after the new tables exist: every stored
// record gives its rows again (the record is the source of every row), so an
// old dataset answers the new tables as if it had been built by this jixiao.
// `each` writes what a migration adds from one read document's rows.
std::expected<void, std::string> Store::Impl::for_each_stored_rows(const EachStoredRows& each) {
  auto records = prepare("SELECT record FROM documents WHERE status = 'ok' ORDER BY sha256");
  if (!records) return std::unexpected(records.error());
  ResetOnExit reset{records->get()};
  int rc;
  while ((rc = sqlite3_step(records->get())) == SQLITE_ROW) {
    const auto rows = document_rows(column_text(records->get(), 0));
    if (!rows) continue;  // stored before as it is: nothing more to derive from it
    if (auto r = each(*rows); !r) return r;
  }
  if (rc != SQLITE_DONE) return std::unexpected(fail("reading the stored records"));
  return {};
}

// Version 2: each read document's budget lines and project results.
std::expected<void, std::string> Store::Impl::migrate_from_1() {
  auto budget_line = prepare(store_internal::kInsertBudgetLineSql);
  if (!budget_line) return std::unexpected(budget_line.error());
  auto project_result = prepare(store_internal::kInsertProjectResultSql);
  if (!project_result) return std::unexpected(project_result.error());
  return for_each_stored_rows(
      [&](const DocumentRows& rows) { return insert_budget_rows(rows, *budget_line, *project_result); });
}

// Version 3: each failed document's failure kind, from its error message
// (the records of version 2 do not say). input_errors is created empty by the
// schema: what older builds could not read was never stored.
std::expected<void, std::string> Store::Impl::migrate_from_2() {
  if (auto r = add_column("documents", "failure", "TEXT"); !r) return r;
  auto failed = prepare("SELECT sha256, coalesce(error, '') FROM documents WHERE status = 'error' ORDER BY sha256");
  if (!failed) return std::unexpected(failed.error());
  auto set = prepare("UPDATE documents SET failure = ?2 WHERE sha256 = ?1");
  if (!set) return std::unexpected(set.error());
  ResetOnExit reset{failed->get()};
  int rc;
  while ((rc = sqlite3_step(failed->get())) == SQLITE_ROW) {
    const std::string kind(output::failure_name(output::failure_from_error(column_text(failed->get(), 1))));
    if (auto r = run(*set, {column_text(failed->get(), 0), kind}, "setting a failure kind"); !r) return r;
  }
  if (rc != SQLITE_DONE) return std::unexpected(fail("reading the failed documents"));
  return {};
}

// Version 4: each read document's OCR summary and pages, from its record
// (the source of every row, as in migrate_from_1). Records of the jixiao that
// wrote versions 1 to 3 never hold OCR pages, so this sets a count of 0 on
// every read document; it derives them all the same rather than assume it.
std::expected<void, std::string> Store::Impl::migrate_from_3() {
  if (auto r = add_column("documents", "ocr_page_count", "INTEGER"); !r) return r;
  if (auto r = add_column("documents", "ocr_confidence", "REAL"); !r) return r;
  auto ocr_page = prepare(store_internal::kInsertOcrPageSql);
  if (!ocr_page) return std::unexpected(ocr_page.error());
  auto set = prepare("UPDATE documents SET ocr_page_count = ?2, ocr_confidence = ?3 WHERE sha256 = ?1");
  if (!set) return std::unexpected(set.error());
  return for_each_stored_rows([&](const DocumentRows& rows) -> std::expected<void, std::string> {
    const DocumentRow& d = rows.document;
    std::vector<Value> summary{d.sha256, d.ocr_page_count.value_or(0), std::monostate{}};
    if (d.ocr_confidence) summary[2] = *d.ocr_confidence;
    if (auto r = run(*set, summary, "setting an OCR summary"); !r) return r;
    return insert_ocr_rows(rows, *ocr_page);
  });
}

std::expected<void, std::string> Store::Impl::add_column(const char* table, const char* column, const char* type) {
  const std::string info = std::string("SELECT 1 FROM pragma_table_info('") + table + "') WHERE name = ?1";
  auto present = prepare(info.c_str());
  if (!present) return std::unexpected(present.error());
  if (present->bind_all({std::string(column)}) != SQLITE_OK) return std::unexpected(fail("reading a table's columns"));
  {
    ResetOnExit reset{present->get()};
    const int rc = sqlite3_step(present->get());
    if (rc == SQLITE_ROW) return {};
    if (rc != SQLITE_DONE) return std::unexpected(fail("reading a table's columns"));
  }
  const std::string alter = std::string("ALTER TABLE ") + table + " ADD COLUMN " + column + " " + type;
  return exec(alter.c_str());
}

std::expected<void, std::string> Store::Impl::prepare_statements() {
  struct {
    Stmt* target;
    const char* sql;
  } const statements[] = {
      {&has_doc, "SELECT 1 FROM documents WHERE sha256 = ?1"},
      {&doc_state, "SELECT path, status, failure, error FROM documents WHERE sha256 = ?1"},
      {&paths_of, "SELECT path FROM paths WHERE sha256 = ?1"},
      {&delete_doc, "DELETE FROM documents WHERE sha256 = ?1"},
      {&insert_doc,
       "INSERT INTO documents (sha256, path, format, encoding, pages, title, unit, year, commissioner, evaluator, "
       "total_score, total_score_num, total_max, grade, status, error, error_findings, warning_findings, "
       "jixiao_version, processed_at, record, failure, ocr_page_count, ocr_confidence) "
       "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, "
       "?22, ?23, ?24)"},
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
      {&insert_budget_line, store_internal::kInsertBudgetLineSql},
      {&insert_project_result, store_internal::kInsertProjectResultSql},
      {&insert_ocr_page, store_internal::kInsertOcrPageSql},
      {&insert_finding,
       "INSERT INTO findings (sha256, seq, rule, severity, message, stated, computed, tolerance, arithmetic, page, "
       "line, text) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)"},
      // The same reason again leaves the row as it was (its time included).
      {&insert_input_error,
       "INSERT INTO input_errors (path, error, jixiao_version, processed_at) VALUES (?1, ?2, ?3, ?4) "
       "ON CONFLICT (path) DO UPDATE SET error = excluded.error, jixiao_version = excluded.jixiao_version, "
       "processed_at = excluded.processed_at WHERE error IS NOT excluded.error"},
      {&delete_input_error, "DELETE FROM input_errors WHERE path = ?1"},
  };
  for (const auto& s : statements) {
    auto st = prepare(s.sql);
    if (!st) return std::unexpected(st.error());
    *s.target = std::move(*st);
  }
  return {};
}

namespace {

// SQLite's busy handler: called while another connection holds the lock we
// need. Waits in short sleeps, counting the time, until the lock timeout of
// this wait has passed; then SQLite returns SQLITE_BUSY.
int on_busy(void* arg, int count) {
  auto& impl = *static_cast<Store::Impl*>(arg);
  const auto now = std::chrono::steady_clock::now();
  if (count == 0 || !impl.busy_since) impl.busy_since = now;
  const auto waited = now - *impl.busy_since;
  if (waited >= impl.options.lock_timeout) return 0;
  const auto nap = std::min<std::chrono::steady_clock::duration>(
      count < 20 ? std::chrono::milliseconds(5) : std::chrono::milliseconds(50), impl.options.lock_timeout - waited);
  const auto before = std::chrono::steady_clock::now();
  sqlite3_sleep(static_cast<int>(std::max<long long>(1, std::chrono::duration_cast<std::chrono::milliseconds>(nap).count())));
  impl.lock_waited += std::chrono::steady_clock::now() - before;
  return 1;
}

}  // namespace

}  // namespace jixiao::corpus
