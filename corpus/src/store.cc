// The SQLite dataset (docs/dataset.md): writing documents, exporting and
// summarising them. Opening the file and its schema is store_schema.cc's.
//
// One writer owns the database. Every document goes in with ONE transaction
// (BEGIN IMMEDIATE … COMMIT): its documents row, all its child rows and its
// path. WAL journaling means a committed transaction survives the process being
// killed (SIGKILL included), and an uncommitted one leaves no trace. Another
// process holding the write lock (a second build, a user's sqlite3 shell) is
// waited for, up to a bound, never taken for a failure.
//
// When a document is stored already, the better record stays (Store::
// add_document): read beats failed, a failure of the document's own beats one
// of the run (which a later run retries), and between equals the smaller path.
// That is a total order on records, so the result does not depend on the
// order records arrive in, and a failure never replaces a success.
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
#include <map>
#include <cstdint>
#include <cstdio>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <sstream>
#include <thread>
#include <variant>

#include "jixiao/corpus/document_rows.h"
#include "jixiao/output/record.h"
#include "store_impl.h"

namespace jixiao::corpus {

using store_internal::column_text;
using store_internal::ResetOnExit;
using store_internal::Stmt;
using store_internal::Value;

namespace store_internal {

int Stmt::bind_all(const std::vector<Value>& values, TextBinding text) const {
  const auto lifetime = text == TextBinding::kCopy ? SQLITE_TRANSIENT : SQLITE_STATIC;
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
      const std::string_view t = std::get<std::string_view>(v);
      rc = sqlite3_bind_text64(s_.get(), idx, t.data(), t.size(), lifetime, SQLITE_UTF8);
    }
    if (rc != SQLITE_OK) return rc;
  }
  return SQLITE_OK;
}

std::string column_text(sqlite3_stmt* s, int i) {
  const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(s, i));
  return p == nullptr ? std::string() : std::string(p, static_cast<std::size_t>(sqlite3_column_bytes(s, i)));
}

}  // namespace store_internal

namespace {

using nlohmann::json;

// Primary-key order for each exported table.
std::optional<std::string_view> key_order(std::string_view table) {
  if (table == "documents") return "sha256";
  if (table == "paths") return "sha256, path";
  if (table == "input_errors") return "path";
  if (table == "indicators" || table == "amounts" || table == "counts" || table == "findings" ||
      table == "budget_lines" || table == "project_results" || table == "ocr_pages")
    return "sha256, seq";
  return std::nullopt;
}

// ---- Row values as bound values ----

Value value_of(const Text& t) { return t ? Value(*t) : Value(); }
Value value_of(const Integer& n) { return n ? Value(*n) : Value(); }
Value value_of(const Real& d) { return d ? Value(*d) : Value(); }

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

// The order add_document keeps the better record by: read, then failed by
// the document's own fault, then a scan read with OCR off (a reading with
// OCR says more of the document, even that nothing on it is readable), then
// failed by the run's (retried later).
int rank(bool ok, bool retryable, bool unread_scan) {
  if (ok) return 3;
  if (retryable) return 0;
  return unread_scan ? 1 : 2;
}

bool is_busy(int rc) { return (rc & 0xff) == SQLITE_BUSY || (rc & 0xff) == SQLITE_LOCKED; }

// A write transaction: BEGIN IMMEDIATE on begin(), ROLLBACK on destruction
// unless committed. IMMEDIATE takes the write lock up front, so a second
// writer waits (Impl::begin_write) instead of failing halfway through a document.
class Transaction {
 public:
  explicit Transaction(Store::Impl& impl) : impl_(impl) {}
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  ~Transaction() {
    if (open_) sqlite3_exec(impl_.db.get(), "ROLLBACK", nullptr, nullptr, nullptr);
  }
  std::expected<void, std::string> begin() {
    auto r = impl_.begin_write();
    open_ = r.has_value();
    return r;
  }
  std::expected<void, std::string> commit() {
    auto r = impl_.commit();
    if (r) open_ = false;
    return r;
  }

 private:
  Store::Impl& impl_;
  bool open_ = false;
};

// A read transaction for the whole of an export or a summary: one snapshot.
}  // namespace

std::string Store::Impl::fail(std::string_view what) const {
  return path + ": " + std::string(what) + ": " + sqlite3_errmsg(db.get());
}

std::expected<void, std::string> Store::Impl::exec(const char* sql) {
  char* msg = nullptr;
  if (sqlite3_exec(db.get(), sql, nullptr, nullptr, &msg) != SQLITE_OK) {
    std::string m = msg != nullptr ? msg : sqlite3_errmsg(db.get());
    sqlite3_free(msg);
    return std::unexpected(path + ": " + m);
  }
  return {};
}

std::expected<Stmt, std::string> Store::Impl::prepare(const char* sql) const {
  sqlite3_stmt* s = nullptr;
  if (sqlite3_prepare_v3(db.get(), sql, -1, SQLITE_PREPARE_PERSISTENT, &s, nullptr) != SQLITE_OK) {
    sqlite3_finalize(s);
    return std::unexpected(fail("preparing a statement"));
  }
  return Stmt(store_internal::StmtPtr(s));
}

std::expected<void, std::string> Store::Impl::run(const Stmt& s, const std::vector<Value>& values,
                                                  std::string_view what) {
  // The values outlive the step: their texts are bound where they are.
  if (s.bind_all(values, store_internal::TextBinding::kNoCopy) != SQLITE_OK) return std::unexpected(fail(what));
  const int rc = sqlite3_step(s.get());
  sqlite3_reset(s.get());
  sqlite3_clear_bindings(s.get());  // no pointer into the caller's strings outlives the call
  if (rc != SQLITE_DONE) return std::unexpected(fail(what));
  return {};
}

bool Store::Impl::has_table(const char* name) const {
  auto s = prepare("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = ?1");
  if (!s || s->bind_all({std::string(name)}) != SQLITE_OK) return false;
  ResetOnExit reset{s->get()};
  return sqlite3_step(s->get()) == SQLITE_ROW && sqlite3_column_int(s->get(), 0) > 0;
}

// The busy handler (store_schema.cc) waits inside each statement; this loop
// covers the cases where SQLite returns SQLITE_BUSY without calling it, and
// turns giving up into a message that says what happened.
std::expected<void, std::string> Store::Impl::begin_write() {
  const auto start = std::chrono::steady_clock::now();
  for (;;) {
    busy_since.reset();
    const int rc = sqlite3_exec(db.get(), "BEGIN IMMEDIATE", nullptr, nullptr, nullptr);
    if (rc == SQLITE_OK) return {};
    if (!is_busy(rc)) return std::unexpected(fail("cannot start a transaction"));
    if (std::chrono::steady_clock::now() - start >= options.lock_timeout) {
      const auto seconds = std::chrono::duration_cast<std::chrono::seconds>(options.lock_timeout).count();
      return std::unexpected(path + ": locked by another process for more than " + std::to_string(seconds) +
                             " s; gave up waiting for its write lock");
    }
    const auto before = std::chrono::steady_clock::now();
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    lock_waited += std::chrono::steady_clock::now() - before;
  }
}

std::expected<void, std::string> Store::Impl::commit() {
  const auto start = std::chrono::steady_clock::now();
  for (;;) {
    busy_since.reset();
    const int rc = sqlite3_exec(db.get(), "COMMIT", nullptr, nullptr, nullptr);
    if (rc == SQLITE_OK) return {};
    if (!is_busy(rc) || std::chrono::steady_clock::now() - start >= options.lock_timeout)
      return std::unexpected(fail("cannot commit"));
    const auto before = std::chrono::steady_clock::now();
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    lock_waited += std::chrono::steady_clock::now() - before;
  }
}

std::expected<StoredDocument, std::string> Store::Impl::stored(std::string_view sha256) const {
  if (doc_state.bind_all({std::string(sha256)}) != SQLITE_OK) return std::unexpected(fail("looking up a document"));
  ResetOnExit reset{doc_state.get()};
  const int rc = sqlite3_step(doc_state.get());
  if (rc == SQLITE_DONE) return StoredDocument{};
  if (rc != SQLITE_ROW) return std::unexpected(fail("looking up a document"));
  StoredDocument d;
  d.path = column_text(doc_state.get(), 0);
  d.ok = column_text(doc_state.get(), 1) == "ok";
  if (!d.ok) {
    const auto failure = output::failure_from_name(column_text(doc_state.get(), 2));
    d.retryable = failure && output::retryable(*failure);
    d.unread_scan = !d.retryable && failed_without_ocr(column_text(doc_state.get(), 3));
  }
  return d;
}

std::expected<std::vector<std::string>, std::string> Store::Impl::paths(std::string_view sha256) const {
  if (paths_of.bind_all({std::string(sha256)}) != SQLITE_OK) return std::unexpected(fail("listing paths"));
  ResetOnExit reset{paths_of.get()};
  std::vector<std::string> out;
  int rc;
  while ((rc = sqlite3_step(paths_of.get())) == SQLITE_ROW) out.push_back(column_text(paths_of.get(), 0));
  if (rc != SQLITE_DONE) return std::unexpected(fail("listing paths"));
  return out;
}

std::expected<void, std::string> Store::Impl::insert_rows(const DocumentRows& rows) {
  const DocumentRow& d = rows.document;
  const std::string& sha = d.sha256;
  if (auto r = run(insert_doc,
                   {sha, d.path, value_of(d.format), value_of(d.encoding), value_of(d.pages), value_of(d.title),
                    value_of(d.unit), value_of(d.year), value_of(d.commissioner), value_of(d.evaluator),
                    value_of(d.total_score), real_of(d.total_score), value_of(d.total_max), value_of(d.grade),
                    d.status, value_of(d.error), value_of(d.error_findings), value_of(d.warning_findings),
                    value_of(d.jixiao_version), value_of(d.processed_at), d.record, value_of(d.failure),
                    value_of(d.ocr_page_count), value_of(d.ocr_confidence)},
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
  if (auto r = insert_budget_rows(rows, insert_budget_line, insert_project_result); !r) return r;
  return insert_ocr_rows(rows, insert_ocr_page);
}

std::expected<void, std::string> Store::Impl::insert_ocr_rows(const DocumentRows& rows, const Stmt& ocr_page) {
  const std::string& sha = rows.document.sha256;
  std::int64_t seq = 0;
  for (const OcrPageRow& p : rows.ocr_pages) {
    if (auto r = run(ocr_page,
                     {sha, seq++, value_of(p.page), value_of(p.words), value_of(p.mean_confidence),
                      value_of(p.guessed_words), value_of(p.rulings), value_of(p.skew_degrees), value_of(p.timed_out)},
                     "inserting an OCR page");
        !r)
      return r;
  }
  return {};
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

Store::Store(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Store::~Store() = default;
Store::Store(Store&&) noexcept = default;
Store& Store::operator=(Store&&) noexcept = default;

std::expected<Store, std::string> Store::open(const std::string& path, const StoreOptions& options) {
  auto impl = std::make_unique<Impl>();
  impl->path = path;
  impl->options = options;
  if (options.read_only) {
    if (auto r = impl->connect_read_only(); !r) return std::unexpected(r.error());
    return Store(std::move(impl));
  }
  if (auto r = impl->connect(); !r) return std::unexpected(r.error());
  if (auto r = impl->ensure_schema(); !r) return std::unexpected(r.error());
  if (auto r = impl->prepare_statements(); !r) return std::unexpected(r.error());
  if (impl->path != ":memory:" && !impl->path.empty())
    impl->checkpointer = store_internal::Checkpointer::start(impl->path, impl->db.get());
  return Store(std::move(impl));
}

std::unique_lock<std::mutex> Store::hold_still() const {
  if (!impl_->checkpointer) return {};
  return impl_->checkpointer->hold_still();
}

std::optional<StoredDocument> Store::stored_document(std::string_view sha256) const {
  if (impl_->read_only) return std::nullopt;  // the statements are a writer's
  auto r = impl_->stored(sha256);
  if (!r || r->path.empty()) return std::nullopt;
  return std::move(*r);
}

std::optional<std::string> Store::document_path(std::string_view sha256) const {
  auto d = stored_document(sha256);
  return d ? std::optional<std::string>(std::move(d->path)) : std::nullopt;
}

bool Store::has_document(std::string_view sha256) const { return stored_document(sha256).has_value(); }

double Store::lock_wait_seconds() const { return impl_->lock_waited.count(); }

std::expected<bool, std::string> Store::add_record(std::string_view record_json) {
  // Everything that can be wrong with the record itself is found before the
  // transaction starts.
  auto rows = record_rows(record_json);
  if (!rows) return std::unexpected(impl_->path + ": " + rows.error());
  if (const auto* input_error = std::get_if<InputErrorRow>(&*rows)) {
    if (auto r = add_input_error(*input_error); !r) return std::unexpected(r.error());
    return false;
  }
  return add_document(std::get<DocumentRows>(*rows));
}

std::expected<bool, std::string> Store::add_document(const DocumentRows& rows) {
  const std::string& sha256 = rows.document.sha256;
  const std::string& path = rows.document.path;
  if (impl_->read_only) return std::unexpected(impl_->path + ": opened read-only");
  if (sha256.empty()) return std::unexpected(impl_->path + ": record has no sha256");
  if (path.empty()) return std::unexpected(impl_->path + ": record has no path");
  Transaction tx(*impl_);
  if (auto r = tx.begin(); !r) return std::unexpected(r.error());
  const auto stored = impl_->stored(sha256);
  if (!stored) return std::unexpected(stored.error());
  const bool known = !stored->path.empty();
  const int new_rank = rank(rows.ok(), rows.retryable(), rows.unread_scan());
  const int old_rank = rank(stored->ok, stored->retryable, stored->unread_scan);
  if (!known) {
    if (auto r = impl_->insert_rows(rows); !r) return std::unexpected(r.error());
  } else if (new_rank > old_rank || (new_rank == old_rank && path < stored->path)) {
    // The better record replaces the stored one, rows and all; the paths
    // found so far stay.
    auto kept = impl_->paths(sha256);
    if (!kept) return std::unexpected(kept.error());
    if (auto r = impl_->run(impl_->delete_doc, {sha256}, "replacing a document"); !r) return std::unexpected(r.error());
    if (auto r = impl_->insert_rows(rows); !r) return std::unexpected(r.error());
    for (const std::string& p : *kept)
      if (auto r = impl_->run(impl_->insert_path, {sha256, p}, "inserting a path"); !r) return std::unexpected(r.error());
  }
  if (auto r = impl_->run(impl_->insert_path, {sha256, path}, "inserting a path"); !r)
    return std::unexpected(r.error());
  if (auto r = impl_->run(impl_->delete_input_error, {path}, "clearing an input error"); !r)
    return std::unexpected(r.error());
  if (auto r = tx.commit(); !r) return std::unexpected(r.error());
  return !known;
}

std::expected<void, std::string> Store::add_path(std::string_view sha256, std::string_view path) {
  if (impl_->read_only) return std::unexpected(impl_->path + ": opened read-only");
  Transaction tx(*impl_);
  if (auto r = tx.begin(); !r) return r;
  const auto stored = impl_->stored(sha256);
  if (!stored) return std::unexpected(stored.error());
  if (stored->path.empty())
    return std::unexpected(impl_->path + ": no document " + std::string(sha256) + " to add a path to");
  if (auto r = impl_->run(impl_->insert_path, {std::string(sha256), std::string(path)}, "inserting a path"); !r)
    return r;
  if (auto r = impl_->run(impl_->delete_input_error, {std::string(path)}, "clearing an input error"); !r) return r;
  return tx.commit();
}

std::expected<void, std::string> Store::add_input_error(const InputErrorRow& row) {
  if (impl_->read_only) return std::unexpected(impl_->path + ": opened read-only");
  if (row.path.empty()) return std::unexpected(impl_->path + ": input error without a path");
  Transaction tx(*impl_);
  if (auto r = tx.begin(); !r) return r;
  if (auto r = impl_->run(impl_->insert_input_error,
                          {row.path, row.error, value_of(row.jixiao_version), value_of(row.processed_at)},
                          "recording an input error");
      !r)
    return r;
  return tx.commit();
}

std::expected<std::vector<std::string>, std::string> Store::input_error_paths() const {
  if (impl_->version < 3) return std::vector<std::string>{};
  auto stmt = impl_->prepare("SELECT path FROM input_errors ORDER BY path");
  if (!stmt) return std::unexpected(stmt.error());
  std::vector<std::string> out;
  int rc;
  while ((rc = sqlite3_step(stmt->get())) == SQLITE_ROW) out.push_back(column_text(stmt->get(), 0));
  if (rc != SQLITE_DONE) return std::unexpected(impl_->fail("listing input errors"));
  return out;
}

std::expected<void, std::string> Store::remove_input_error(std::string_view path) {
  if (impl_->read_only) return std::unexpected(impl_->path + ": opened read-only");
  Transaction tx(*impl_);
  if (auto r = tx.begin(); !r) return r;
  if (auto r = impl_->run(impl_->delete_input_error, {std::string(path)}, "clearing an input error"); !r) return r;
  return tx.commit();
}

std::expected<void, std::string> Store::export_jsonl(std::ostream& out) const {
  // One read transaction for the whole export: a consistent snapshot even while a writer goes on.
  const store_internal::ReadSnapshot snapshot(impl_->db.get());  // ends after the statement below is finalized
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
  if (!impl_->has_table(std::string(table).c_str()))
    return std::unexpected(impl_->path + ": a dataset of schema version " + std::to_string(impl_->version) +
                           " has no table " + std::string(table) + " (a `jixiao corpus build` into it adds it)");
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
  // One read transaction: every figure from the same snapshot.
  const store_internal::ReadSnapshot snapshot(impl_->db.get());
  return impl_->read_stats();
}

std::expected<StoreStats, std::string> Store::Impl::read_stats() const {
  StoreStats st;
  // Runs a query and hands each row to `row`.
  const auto query = [&](const char* sql, auto&& row) { return each_row(sql, "computing statistics", row); };
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
  // Failure kinds; a dataset older than version 3 (read-only) has them only in its error messages.
  std::map<output::Failure, std::size_t> kinds;
  const bool has_kinds = version >= 3;
  if (auto r = query(has_kinds ? "SELECT coalesce(failure, ''), coalesce(error, '') FROM documents WHERE status = 'error'"
                               : "SELECT '', coalesce(error, '') FROM documents WHERE status = 'error'",
                     [&](sqlite3_stmt* s) {
                       const auto named = output::failure_from_name(column_text(s, 0));
                       ++kinds[named ? *named : output::failure_from_error(column_text(s, 1))];
                     });
      !r)
    return std::unexpected(r.error());
  for (const auto& [kind, n] : kinds) st.failures.emplace_back(output::failure_name(kind), n);
  if (has_kinds) {
    if (auto r = query("SELECT count(*) FROM input_errors", [&](sqlite3_stmt* s) { st.input_errors = count(s, 0); });
        !r)
      return std::unexpected(r.error());
  }
  // OCR: a dataset older than version 4 (read-only) was built before it, and has none.
  if (version >= 4) {
    if (auto r = query(
            // The mean over words: each page's mean weighted by its words.
            "SELECT count(*), count(DISTINCT sha256), sum(words * mean_confidence) / "
            "nullif(sum(CASE WHEN mean_confidence IS NOT NULL THEN words END), 0) FROM ocr_pages",
            [&](sqlite3_stmt* s) {
              st.ocr_pages = count(s, 0);
              st.ocr_documents = count(s, 1);
              if (sqlite3_column_type(s, 2) != SQLITE_NULL) st.ocr_confidence = sqlite3_column_double(s, 2);
            });
        !r)
      return std::unexpected(r.error());
  }
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
  o << "failures:";
  if (s.failures.empty()) o << " (none)";
  for (std::size_t i = 0; i < s.failures.size(); ++i)
    o << (i == 0 ? " " : ", ") << s.failures[i].first << ' ' << s.failures[i].second;
  o << '\n';
  o << "input errors: " << s.input_errors << '\n';
  o << "pages read by OCR: " << s.ocr_pages;
  if (s.ocr_pages > 0) {
    o << " (" << s.ocr_documents << (s.ocr_documents == 1 ? " document" : " documents") << "), ";
    char confidence[32];
    std::snprintf(confidence, sizeof confidence, "%.1f", s.ocr_confidence.value_or(0));
    if (s.ocr_confidence) o << "mean confidence " << confidence;
    else o << "no words read";
  }
  o << '\n';
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
