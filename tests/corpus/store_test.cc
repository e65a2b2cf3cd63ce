// The SQLite dataset (corpus/src/store.cc): schema, one transaction per
// document, identity by content hash, exports and statistics. Records come from
// the real pipeline run on the repository's samples and on files generated here.
#include "jixiao/corpus/store.h"

#include <gtest/gtest.h>
#include <sqlite3.h>
#include <unistd.h>

#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "jixiao/output/json.h"
#include "jixiao/output/record.h"
#include "jixiao/pipeline/pipeline.h"
#include "jixiao/extract/sha256.h"

namespace jixiao::corpus {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;
using output::Failure;
using output::jixiao_version;
using output::make_failure_record;
using output::make_record;
using pipeline::analyze_file;

const std::string kSource = JIXIAO_SOURCE_DIR;
const std::string kErrors = kSource + "/samples/qinghe-wenlv-2022-errors.txt";
const std::string kClean = kSource + "/samples/qinghe-wenlv-2022.txt";
const std::string kLanxi = kSource + "/samples/lanxi-nongye-2021.txt";
const std::string kTruncated = kSource + "/tests/data/pdf/truncated.pdf";

std::string read_bytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

void write_bytes(const fs::path& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary);
  out << bytes;
}

// The record a worker would send for `path`, as the pipeline makes it.
std::string record_for(const std::string& path, const std::string& as_path = "") {
  return make_record(as_path.empty() ? path : as_path, extract::sha256_hex(read_bytes(path)), analyze_file(path));
}

// What `jixiao extract --format json FILE` prints for `path`, parsed.
json extract_json(const std::string& path) {
  const auto doc = analyze_file(path);
  EXPECT_TRUE(doc.has_value()) << path;
  return json::parse(output::to_json(*doc, output::FindingFilter{}, -1));
}

// Direct SQL on the database file, through a second connection, to check what
// the Store wrote without trusting the Store to read it back.
class Sql {
 public:
  explicit Sql(const fs::path& path) { sqlite3_open_v2(path.c_str(), &db_, SQLITE_OPEN_READWRITE, nullptr); }
  ~Sql() { sqlite3_close(db_); }
  Sql(const Sql&) = delete;
  Sql& operator=(const Sql&) = delete;

  // Every row of a query, each column as text ("NULL" for NULL).
  std::vector<std::vector<std::string>> rows(const std::string& sql, const std::vector<std::string>& args = {}) {
    std::vector<std::vector<std::string>> out;
    sqlite3_stmt* s = nullptr;
    if (sqlite3_prepare_v2(db_, sql.c_str(), -1, &s, nullptr) != SQLITE_OK) {
      ADD_FAILURE() << sql << ": " << sqlite3_errmsg(db_);
      return out;
    }
    for (std::size_t i = 0; i < args.size(); ++i)
      sqlite3_bind_text(s, static_cast<int>(i) + 1, args[i].c_str(), -1, SQLITE_TRANSIENT);
    while (sqlite3_step(s) == SQLITE_ROW) {
      std::vector<std::string> row;
      for (int c = 0; c < sqlite3_column_count(s); ++c) {
        const auto* t = reinterpret_cast<const char*>(sqlite3_column_text(s, c));
        row.push_back(t == nullptr ? "NULL" : t);
      }
      out.push_back(std::move(row));
    }
    sqlite3_finalize(s);
    return out;
  }
  std::string one(const std::string& sql, const std::vector<std::string>& args = {}) {
    const auto r = rows(sql, args);
    return r.empty() || r[0].empty() ? "(no row)" : r[0][0];
  }
  double real(const std::string& sql, const std::vector<std::string>& args = {}) {
    return std::stod(one(sql, args));
  }
  void exec(const std::string& sql) {
    char* msg = nullptr;
    if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &msg) != SQLITE_OK) ADD_FAILURE() << sql << ": " << msg;
    sqlite3_free(msg);
  }
  // Every row of every table: the whole database, for "unchanged" checks.
  std::vector<std::vector<std::string>> dump() {
    std::vector<std::vector<std::string>> all;
    for (const char* t : kStoreTables) {
      for (auto& r : rows(std::string("SELECT * FROM ") + t + " ORDER BY 1, 2")) {
        r.insert(r.begin(), t);
        all.push_back(std::move(r));
      }
    }
    return all;
  }

 private:
  sqlite3* db_ = nullptr;
};

// A minimal RFC 4180 reader, to check the export parses back to the values.
std::vector<std::vector<std::string>> parse_csv(const std::string& text) {
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> row;
  std::string field;
  bool quoted = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        field += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        field += c;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      row.push_back(std::move(field));
      field.clear();
    } else if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
      ++i;
      row.push_back(std::move(field));
      field.clear();
      rows.push_back(std::move(row));
      row.clear();
    } else {
      field += c;
    }
  }
  EXPECT_FALSE(quoted) << "unterminated quoted field";
  EXPECT_TRUE(field.empty() && row.empty()) << "the last row has no line end";
  return rows;
}

class StoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    dir_ = fs::temp_directory_path() /
           ("jixiao-store_test-" + std::to_string(::getpid()) + "-" + info->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    db_ = dir_ / "reports.sqlite";
  }
  void TearDown() override { fs::remove_all(dir_); }

  Store open_store() {
    auto s = Store::open(db_.string());
    EXPECT_TRUE(s.has_value()) << s.error();
    if (!s) std::abort();
    return std::move(*s);
  }

  fs::path dir_, db_;
};

TEST_F(StoreTest, CreatesTheSchemaInWalMode) {
  { auto store = open_store(); }
  Sql sql(db_);
  EXPECT_EQ(sql.one("SELECT value FROM meta WHERE key = 'schema_version'"), "4");
  EXPECT_EQ(sql.one("PRAGMA journal_mode"), "wal");
  for (const char* t : kStoreTables) {
    EXPECT_EQ(sql.one("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = ?1", {t}), "1") << t;
    EXPECT_EQ(sql.one(std::string("SELECT count(*) FROM ") + t), "0") << t;
  }
  // The columns docs/dataset.md documents.
  std::vector<std::string> columns;
  for (const auto& r : sql.rows("PRAGMA table_info(documents)")) columns.push_back(r[1]);
  EXPECT_EQ(columns, (std::vector<std::string>{"sha256", "path", "format", "encoding", "pages", "title", "unit",
                                               "year", "commissioner", "evaluator", "total_score", "total_score_num",
                                               "total_max", "grade", "status", "error", "error_findings",
                                               "warning_findings", "jixiao_version", "processed_at", "record",
                                               "failure", "ocr_page_count", "ocr_confidence"}));
  columns.clear();
  for (const auto& r : sql.rows("PRAGMA table_info(input_errors)")) columns.push_back(r[1]);
  EXPECT_EQ(columns, (std::vector<std::string>{"path", "error", "jixiao_version", "processed_at"}));
  columns.clear();
  for (const auto& r : sql.rows("PRAGMA table_info(ocr_pages)")) columns.push_back(r[1]);
  EXPECT_EQ(columns, (std::vector<std::string>{"sha256", "seq", "page", "words", "mean_confidence", "guessed_words",
                                               "rulings", "skew_degrees", "timed_out"}));
}

// Checkpoints run beside the writer (corpus/src/checkpointer.h): while a
// store writes many documents, another connection sees every one, the pages
// reach the database file without the store closing (nothing else copies
// them there while it is open: its own commits only ask the thread), and the
// file is whole once the store has closed. How far the WAL grows before it
// starts over depends on how the thread is scheduled against the writer (on
// a loaded machine it lags), so its size is not asserted; the writer's own
// checkpoint past Checkpointer::kSelfPages bounds it.
TEST_F(StoreTest, CheckpointsReachTheDatabaseFileWhileTheStoreWrites) {
  json record = json::parse(record_for(kErrors));  // about 170 KB with its rows
  constexpr int kDocuments = 120;                   // 20 MB: past a thousand WAL pages many times
  constexpr std::uintmax_t kCheckpointed = std::uintmax_t{kDocuments} * 100'000;
  const fs::path wal = db_.string() + "-wal";
  {
    auto store = open_store();
    for (int i = 0; i < kDocuments; ++i) {
      record["sha256"] = extract::sha256_hex(std::to_string(i));
      record["path"] = "doc-" + std::to_string(i) + ".txt";
      const auto added = store.add_record(record.dump());
      ASSERT_TRUE(added.has_value()) << added.error();
    }
    Sql sql(db_);
    EXPECT_EQ(sql.one("SELECT count(*) FROM documents"), std::to_string(kDocuments));
    // Checkpointed into the database file while the store is still open
    // (given up to 20 s: a sanitizer build on a busy machine is slow).
    std::uintmax_t size = 0;
    for (int wait = 0; wait < 400 && size < kCheckpointed; ++wait) {
      size = fs::file_size(db_);
      if (size < kCheckpointed) std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    EXPECT_GE(size, kCheckpointed);
  }
  EXPECT_FALSE(fs::exists(wal));
  Sql sql(db_);
  EXPECT_EQ(sql.one("PRAGMA integrity_check"), "ok");
  EXPECT_EQ(sql.one("SELECT count(*) FROM documents"), std::to_string(kDocuments));
}

// A child forked while the store's thread stands still can allocate: the
// thread holds none of the runtime's locks then. Forks right after the store
// opens (the thread just started) and between documents that keep it
// checkpointing. The hazard is real where the allocator has no fork handlers
// (AddressSanitizer's, in GCC 12: a worker forked while the thread started
// once hung in malloc for good), so this test bites in the sanitizer build;
// a child that has not exited within 30 s is the failure.
namespace {
::testing::AssertionResult fork_allocate_and_exit(const Store& store) {
  pid_t child = -1;
  {
    const auto still = store.hold_still();
    child = ::fork();
    if (child == 0) {
      std::vector<std::unique_ptr<char[]>> blocks;
      for (std::size_t size = 16; size <= (std::size_t{1} << 20); size *= 2)
        for (int i = 0; i < 8; ++i) blocks.push_back(std::make_unique<char[]>(size + i));
      ::_exit(blocks.size() == 8 * 17 ? 0 : 1);
    }
  }
  if (child < 0) return ::testing::AssertionFailure() << "fork failed";
  for (int waited = 0; waited < 3000; ++waited) {
    int status = 0;
    const pid_t r = ::waitpid(child, &status, WNOHANG);
    if (r == child)
      return WIFEXITED(status) && WEXITSTATUS(status) == 0 ? ::testing::AssertionSuccess()
                                                            : ::testing::AssertionFailure() << "the child failed";
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  ::kill(child, SIGKILL);
  ::waitpid(child, nullptr, 0);
  return ::testing::AssertionFailure() << "the child hung: a lock was held at the fork";
}
}  // namespace

TEST_F(StoreTest, AChildForkedWhileTheStoreHoldsStillCanAllocate) {
  for (int i = 0; i < 20; ++i) {
    fs::remove(db_);
    auto store = open_store();
    ASSERT_TRUE(fork_allocate_and_exit(store)) << "right after the store opened, round " << i;
  }
  json record = json::parse(record_for(kErrors));
  auto store = open_store();
  for (int i = 0; i < 60; ++i) {
    record["sha256"] = extract::sha256_hex(std::to_string(i));
    record["path"] = "doc-" + std::to_string(i) + ".txt";
    ASSERT_TRUE(store.add_record(record.dump()).has_value());
    ASSERT_TRUE(fork_allocate_and_exit(store)) << "after document " << i;
  }
}

TEST_F(StoreTest, StoresADocumentWithAllItsRows) {
  auto store = open_store();
  const std::string record = record_for(kErrors);
  const json doc = json::parse(record).at("document");
  const std::string sha = doc.at("source").at("sha256");
  EXPECT_FALSE(store.has_document(sha));
  const auto added = store.add_record(record);
  ASSERT_TRUE(added.has_value()) << added.error();
  EXPECT_TRUE(*added);
  EXPECT_TRUE(store.has_document(sha));

  Sql sql(db_);
  const auto row = sql.rows(
      "SELECT path, format, encoding, pages, title, unit, year, commissioner, evaluator, total_score, total_max, "
      "grade, status, error, error_findings, warning_findings, jixiao_version FROM documents WHERE sha256 = ?1",
      {sha});
  ASSERT_EQ(row.size(), 1u);
  const json& rep = doc.at("report");
  EXPECT_EQ(row[0], (std::vector<std::string>{kErrors, "text", "UTF-8", "1", rep.at("title"), rep.at("unit"),
                                              "2022", rep.at("commissioner"), rep.at("evaluator"), "86.5", "100",
                                              "优秀", "ok", "NULL", "15", "0", std::string(jixiao_version())}));
  EXPECT_NEAR(sql.real("SELECT total_score_num FROM documents"), 86.5, 1e-9);
  EXPECT_EQ(json::parse(sql.one("SELECT record FROM documents")), json::parse(record));

  // One row per element of each array, in order.
  for (const char* t : {"indicators", "amounts", "counts", "findings", "budget_lines"}) {
    EXPECT_EQ(sql.one(std::string("SELECT count(*) FROM ") + t), std::to_string(doc.at(t).size())) << t;
    EXPECT_EQ(sql.one(std::string("SELECT max(seq) FROM ") + t), std::to_string(doc.at(t).size() - 1)) << t;
  }
  EXPECT_EQ(sql.one("SELECT count(*) FROM paths WHERE sha256 = ?1 AND path = ?2", {sha, kErrors}), "1");

  // Child rows hold the canonical figures and the first span's position.
  const json& ind = doc.at("indicators").at(0);
  const json& obs_span = ind.at("observations").at(0).at("span");
  EXPECT_EQ(sql.rows("SELECT level, name, path, max, score, rate, page, line FROM indicators WHERE seq = 0")[0],
            (std::vector<std::string>{std::to_string(ind.at("level").get<int>()), ind.at("name"), "投入",
                                      ind.at("max"), ind.at("score"), ind.at("rate"),
                                      std::to_string(obs_span.at("page").get<int>()),
                                      std::to_string(obs_span.at("line").get<int>())}));
  EXPECT_NEAR(sql.real("SELECT rate_num FROM indicators WHERE seq = 0"), 85.0, 1e-9);  // "85%"
  const auto deep = sql.rows("SELECT path FROM indicators WHERE level = 3 LIMIT 1");
  ASSERT_FALSE(deep.empty());
  EXPECT_EQ(std::count(deep[0][0].begin(), deep[0][0].end(), '/'), 2) << deep[0][0];

  // Exact decimal text survives; trailing zeros included ("1836.50", not 1836.5).
  EXPECT_EQ(sql.rows("SELECT value, unit, yuan, text, line FROM amounts WHERE seq = 0")[0],
            (std::vector<std::string>{"1836.50", "万元", "18365000", "1836.50 万元", "21"}));
  EXPECT_NEAR(sql.real("SELECT yuan_num FROM amounts WHERE seq = 0"), 18365000.0, 1e-6);

  const json& f = doc.at("findings").at(0);
  EXPECT_EQ(sql.rows("SELECT rule, severity, message, stated, computed, page, line, text FROM findings "
                     "WHERE seq = 0")[0],
            (std::vector<std::string>{f.at("rule"), f.at("severity"), f.at("message"), f.at("stated"),
                                      f.at("computed"), "1", std::to_string(f.at("spans")[0].at("line").get<int>()),
                                      f.at("spans")[0].at("text")}));
  EXPECT_EQ(sql.one("SELECT count(*) FROM findings WHERE rule = 'score.sum'"), "2");
  EXPECT_EQ(sql.one("SELECT arithmetic FROM findings WHERE rule = 'budget.sum'"),
            "2.38 + 8.28 = 10.66万元 (±0.01万元); stated 10.46万元 (±0.005万元)");
}

TEST_F(StoreTest, KeepsExactDecimalsWithARealForQuerying) {
  const fs::path report = dir_ / "budget.txt";
  write_bytes(report,
              "某某局2022年度项目支出绩效评价报告\n"
              "项目年度预算资金47213.5万元，全年实际支出47213.46万元，服务群众8.65万人。\n");
  auto store = open_store();
  ASSERT_TRUE(store.add_record(record_for(report.string())).has_value());
  Sql sql(db_);
  EXPECT_EQ(sql.rows("SELECT value, yuan FROM amounts ORDER BY seq"),
            (std::vector<std::vector<std::string>>{{"47213.5", "472135000"}, {"47213.46", "472134600"}}));
  EXPECT_NEAR(sql.real("SELECT yuan_num FROM amounts WHERE value = '47213.5'"), 472135000.0, 1e-3);
  EXPECT_EQ(sql.rows("SELECT value, count, base_unit FROM counts")[0],
            (std::vector<std::string>{"8.65", "86500", "人"}));
  EXPECT_NEAR(sql.real("SELECT count_num FROM counts"), 86500.0, 1e-6);
  // No total in this text: text and number are both NULL, not 0.
  EXPECT_EQ(sql.rows("SELECT total_score, total_score_num FROM documents")[0],
            (std::vector<std::string>{"NULL", "NULL"}));
}

TEST_F(StoreTest, SameContentIsStoredOnceWithEveryPath) {
  auto store = open_store();
  const std::string record = record_for(kClean);
  ASSERT_EQ(store.add_record(record), true);
  Sql sql(db_);
  const auto before = sql.dump();

  // The same record again: nothing new.
  ASSERT_EQ(store.add_record(record), false);
  EXPECT_EQ(sql.dump(), before);

  // The same bytes under another path (say inside an archive): one more path row, nothing else.
  ASSERT_EQ(store.add_record(record_for(kClean, "batch.zip!reports/qinghe.txt")), false);
  EXPECT_EQ(sql.one("SELECT count(*) FROM documents"), "1");
  EXPECT_EQ(sql.rows("SELECT path FROM paths ORDER BY path"),
            (std::vector<std::vector<std::string>>{{kClean}, {"batch.zip!reports/qinghe.txt"}}));
  EXPECT_EQ(sql.one("SELECT path FROM documents"), kClean);  // the first path stays the document's path
  const std::string sha = extract::sha256_hex(read_bytes(kClean));
  auto without_paths = [](std::vector<std::vector<std::string>> rows) {
    std::erase_if(rows, [](const auto& r) { return r[0] == "paths"; });
    return rows;
  };
  EXPECT_EQ(without_paths(sql.dump()), without_paths(before));

  // add_path: a third path; the same path twice is one row; an unknown document is an error.
  ASSERT_TRUE(store.add_path(sha, "copy/qinghe.txt").has_value());
  ASSERT_TRUE(store.add_path(sha, "copy/qinghe.txt").has_value());
  EXPECT_EQ(sql.one("SELECT count(*) FROM paths"), "3");
  const auto unknown = store.add_path(std::string(64, '0'), "nowhere.txt");
  ASSERT_FALSE(unknown.has_value());
  EXPECT_NE(unknown.error().find(std::string(64, '0')), std::string::npos) << unknown.error();
  EXPECT_EQ(sql.one("SELECT count(*) FROM paths"), "3");
}

TEST_F(StoreTest, StoresAFailedDocumentWithItsError) {
  const fs::path empty = dir_ / "empty.txt";
  write_bytes(empty, "");
  auto store = open_store();
  ASSERT_EQ(store.add_record(record_for(empty.string())), true);
  ASSERT_EQ(store.add_record(record_for(kTruncated)), true);
  ASSERT_EQ(store.add_record(
                make_failure_record("slow.pdf", std::string(64, 'a'), "timed out after 60 s", output::Failure::kTimeout)),
            true);

  Sql sql(db_);
  const auto row = [&](const std::string& path) {
    const auto r = sql.rows("SELECT status, error, title, total_score, error_findings FROM documents WHERE path = ?1",
                            {path});
    return r.size() == 1 ? r[0] : std::vector<std::string>{"(no single row for " + path + ")"};
  };
  EXPECT_EQ(sql.one("SELECT count(*) FROM documents"), "3");
  EXPECT_EQ(row(empty.string()), (std::vector<std::string>{"error", "empty file", "NULL", "NULL", "NULL"}));
  EXPECT_EQ(row(kTruncated)[0], "error");
  EXPECT_NE(row(kTruncated)[1].find("truncated"), std::string::npos) << row(kTruncated)[1];
  EXPECT_EQ(row("slow.pdf"), (std::vector<std::string>{"error", "timed out after 60 s", "NULL", "NULL", "NULL"}));
  for (const char* t : {"indicators", "amounts", "counts", "findings"})
    EXPECT_EQ(sql.one(std::string("SELECT count(*) FROM ") + t), "0") << t;
  EXPECT_EQ(sql.one("SELECT count(*) FROM paths"), "3");
}

TEST_F(StoreTest, ABadRecordLeavesTheDatabaseUnchanged) {
  auto store = open_store();
  ASSERT_TRUE(store.add_record(record_for(kLanxi)).has_value());
  Sql sql(db_);
  const auto before = sql.dump();

  const std::string good = record_for(kErrors);
  json no_sha = json::parse(good);
  no_sha.erase("sha256");
  json bad_status = json::parse(good);
  bad_status["status"] = "maybe";
  json no_document = json::parse(good);
  no_document["document"] = nullptr;
  const std::vector<std::string> bad = {good.substr(0, good.size() / 2),  // a line cut short
                                        "", "[1, 2]", no_sha.dump(), bad_status.dump(), no_document.dump()};
  for (const std::string& r : bad) {
    const auto result = store.add_record(r);
    EXPECT_FALSE(result.has_value()) << r.substr(0, 80);
    if (!result) {
      EXPECT_NE(result.error().find(db_.string()), std::string::npos) << result.error();
    }
    EXPECT_EQ(sql.dump(), before);
  }
  EXPECT_FALSE(store.has_document(extract::sha256_hex(read_bytes(kErrors))));
}

TEST_F(StoreTest, AFailureHalfwayThroughADocumentRollsItBackWhole) {
  auto store = open_store();
  Sql sql(db_);
  // Make the 10th finding row fail: by then the document, its indicators,
  // amounts, counts and nine findings are written inside the transaction.
  sql.exec("CREATE TRIGGER fail_late BEFORE INSERT ON findings WHEN NEW.seq = 9 "
           "BEGIN SELECT RAISE(ABORT, 'injected failure'); END");
  const std::string record = record_for(kErrors);
  const auto result = store.add_record(record);
  ASSERT_FALSE(result.has_value());
  EXPECT_NE(result.error().find("injected failure"), std::string::npos) << result.error();
  for (const char* t : kStoreTables) EXPECT_EQ(sql.one(std::string("SELECT count(*) FROM ") + t), "0") << t;
  EXPECT_FALSE(store.has_document(json::parse(record).at("sha256").get<std::string>()));

  // Once the cause is gone, the same record goes in whole.
  sql.exec("DROP TRIGGER fail_late");
  ASSERT_EQ(store.add_record(record), true);
  EXPECT_EQ(sql.one("SELECT count(*) FROM findings"), "15");
}

TEST_F(StoreTest, TheRecordOfTheSmallestPathWinsWhateverTheOrder) {
  // z/ first, then a/: the document is replaced by a/'s record, and both paths stay.
  auto store = open_store();
  ASSERT_EQ(store.add_record(record_for(kClean, "z/qinghe.txt")), true);
  ASSERT_EQ(store.add_record(record_for(kClean, "a/qinghe.txt")), false);
  Sql sql(db_);
  EXPECT_EQ(sql.one("SELECT path FROM documents"), "a/qinghe.txt");
  EXPECT_EQ(sql.rows("SELECT path FROM paths ORDER BY path"),
            (std::vector<std::vector<std::string>>{{"a/qinghe.txt"}, {"z/qinghe.txt"}}));
  const std::string sha = extract::sha256_hex(read_bytes(kClean));
  EXPECT_EQ(store.document_path(sha), std::optional<std::string>("a/qinghe.txt"));
  // The same rows as a store that saw a/ first (the record's time aside).
  const fs::path other = dir_ / "other.sqlite";
  {
    auto second = Store::open(other.string());
    ASSERT_TRUE(second.has_value()) << second.error();
    ASSERT_EQ(second->add_record(record_for(kClean, "a/qinghe.txt")), true);
    ASSERT_EQ(second->add_record(record_for(kClean, "z/qinghe.txt")), false);
  }
  Sql sql2(other);
  for (const char* table : {"indicators", "amounts", "counts", "findings", "paths"}) {
    const std::string q = std::string("SELECT * FROM ") + table + " ORDER BY 1, 2";
    EXPECT_EQ(sql.rows(q), sql2.rows(q)) << table;
  }
  EXPECT_EQ(sql.rows("SELECT sha256, path, status, total_score FROM documents"),
            sql2.rows("SELECT sha256, path, status, total_score FROM documents"));
}

TEST_F(StoreTest, ExportsJsonLinesAsExtractPrintsThem) {
  const fs::path empty = dir_ / "empty.txt";
  write_bytes(empty, "");
  auto store = open_store();
  std::map<std::string, json> expected;  // sha256 -> the line export_jsonl must print
  for (const std::string& p : {kErrors, kClean, kLanxi}) {
    ASSERT_TRUE(store.add_record(record_for(p)).has_value());
    expected[extract::sha256_hex(read_bytes(p))] = extract_json(p);
  }
  const std::string failed = record_for(empty.string());
  ASSERT_TRUE(store.add_record(failed).has_value());
  expected[json::parse(failed).at("sha256")] = json::parse(failed);
  // A duplicate adds no line.
  ASSERT_TRUE(store.add_record(record_for(kLanxi, "elsewhere/lanxi.txt")).has_value());

  std::ostringstream out;
  ASSERT_TRUE(store.export_jsonl(out).has_value());
  std::istringstream in(out.str());
  std::vector<json> lines;
  for (std::string line; std::getline(in, line);) lines.push_back(json::parse(line));
  ASSERT_EQ(lines.size(), expected.size());
  auto it = expected.begin();  // std::map: ordered by sha256, as the export is
  for (const json& line : lines) {
    EXPECT_EQ(line, it->second) << it->first;
    ++it;
  }
  // The document line is nlohmann's one-line dump of the parsed object.
  EXPECT_EQ(out.str().substr(0, out.str().find('\n')), expected.begin()->second.dump());
}

TEST_F(StoreTest, CsvQuotesCommasQuotesAndNewlines) {
  const std::string tricky = "合计 86.5, not \"90\";\nsee line 2\r\nend";
  json record = json::parse(record_for(kErrors));
  record["document"]["findings"][0]["message"] = tricky;
  auto store = open_store();
  ASSERT_TRUE(store.add_record(record.dump()).has_value());

  std::ostringstream out;
  ASSERT_TRUE(store.export_csv("findings", out).has_value());
  const std::string csv = out.str();
  EXPECT_NE(csv.find("\"合计 86.5, not \"\"90\"\";\nsee line 2\r\nend\""), std::string::npos);
  const auto rows = parse_csv(csv);
  ASSERT_EQ(rows.size(), 1u + record["document"]["findings"].size());
  EXPECT_EQ(rows[0], (std::vector<std::string>{"sha256", "seq", "rule", "severity", "message", "stated",
                                               "computed", "tolerance", "arithmetic", "page", "line", "text"}));
  EXPECT_EQ(rows[1][1], "0");
  EXPECT_EQ(rows[1][4], tricky);
  for (std::size_t i = 1; i < rows.size(); ++i) {
    ASSERT_EQ(rows[i].size(), rows[0].size()) << i;
    EXPECT_EQ(rows[i][1], std::to_string(i - 1));  // key order
  }
  // NULL is an empty field: the grade finding has no tolerance.
  EXPECT_EQ(rows[1][2], "score.grade");
  EXPECT_EQ(rows[1][7], "");

  // documents: no `record` column.
  std::ostringstream docs;
  ASSERT_TRUE(store.export_csv("documents", docs).has_value());
  const auto doc_rows = parse_csv(docs.str());
  ASSERT_EQ(doc_rows.size(), 2u);
  EXPECT_EQ(std::count(doc_rows[0].begin(), doc_rows[0].end(), "record"), 0);
  EXPECT_EQ(doc_rows[0].size(), 23u);
  EXPECT_EQ(doc_rows[1][10], "86.5");

  std::ostringstream none;
  const auto unknown = store.export_csv("documents; DROP TABLE paths", none);
  ASSERT_FALSE(unknown.has_value());
  for (const char* t : kStoreTables) EXPECT_NE(unknown.error().find(t), std::string::npos) << unknown.error();
  EXPECT_TRUE(none.str().empty());
}

TEST_F(StoreTest, StatsSummariseTheDataset) {
  const fs::path empty = dir_ / "empty.txt";
  write_bytes(empty, "");
  const fs::path budget = dir_ / "budget.txt";
  write_bytes(budget, "某某局2022年度项目支出绩效评价报告\n项目年度预算资金47213.5万元。\n");
  auto store = open_store();
  std::map<std::string, std::size_t> rules;
  for (const std::string& p : {kErrors, kClean, kLanxi, budget.string()}) {
    const std::string r = record_for(p);
    ASSERT_TRUE(store.add_record(r).has_value());
    const json parsed = json::parse(r);
    for (const json& f : parsed.at("document").at("findings")) ++rules[f.at("rule").get<std::string>()];
  }
  ASSERT_TRUE(store.add_record(record_for(empty.string())).has_value());
  ASSERT_TRUE(store.add_record(record_for(kClean, "dup/qinghe.txt")).has_value());

  const auto st = store.stats();
  ASSERT_TRUE(st.has_value()) << st.error();
  EXPECT_EQ(st->documents, 5u);
  EXPECT_EQ(st->ok, 4u);
  EXPECT_EQ(st->failed, 1u);
  EXPECT_EQ(st->paths, 6u);
  EXPECT_EQ(st->with_error_findings, 1u);  // only the -errors sample contradicts itself

  // Rules: most frequent first, ties by name, at most 10.
  std::vector<std::pair<std::string, std::size_t>> want(rules.begin(), rules.end());
  std::stable_sort(want.begin(), want.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
  if (want.size() > 10) want.resize(10);
  ASSERT_FALSE(want.empty());
  EXPECT_EQ(st->top_rules, want);

  using Counts = std::vector<std::pair<std::string, std::size_t>>;
  EXPECT_EQ(st->grades, (Counts{{"(none)", 1}, {"优秀", 1}, {"良", 1}, {"良好", 1}}));
  EXPECT_EQ(st->score_bands,
            (Counts{{"90-100", 0}, {"80-90", 3}, {"70-80", 0}, {"60-70", 0}, {"<60", 0}, {"(none)", 1}}));

  const std::string text = format_stats(*st);
  EXPECT_NE(text.find("documents: 5 (4 read, 1 failed)"), std::string::npos) << text;
  EXPECT_NE(text.find("1 of 4 read (25.0%)"), std::string::npos) << text;
  EXPECT_NE(text.find(want[0].first), std::string::npos) << text;
  EXPECT_NE(text.find("80-90 3"), std::string::npos) << text;
}

TEST_F(StoreTest, StatsOfAnEmptyDataset) {
  auto store = open_store();
  const auto st = store.stats();
  ASSERT_TRUE(st.has_value()) << st.error();
  EXPECT_EQ(st->documents, 0u);
  EXPECT_TRUE(st->top_rules.empty());
  EXPECT_NE(format_stats(*st).find("(0.0%)"), std::string::npos) << format_stats(*st);
}

TEST_F(StoreTest, ANonDatabaseFileIsAnErrorNamingIt) {
  const fs::path text = dir_ / "notes.sqlite";
  const std::string content =
      "这不是数据库 — just a text file, long enough to fill a SQLite header and then some.\n";
  write_bytes(text, content);
  const auto s = Store::open(text.string());
  ASSERT_FALSE(s.has_value());
  EXPECT_NE(s.error().find(text.string()), std::string::npos) << s.error();
  EXPECT_NE(s.error().find("not a SQLite database"), std::string::npos) << s.error();
  EXPECT_EQ(read_bytes(text.string()), content);  // untouched

  // A directory, and a file in a directory that does not exist.
  EXPECT_FALSE(Store::open(dir_.string()).has_value());
  const auto missing = Store::open((dir_ / "no" / "such" / "dir.sqlite").string());
  ASSERT_FALSE(missing.has_value());
  EXPECT_NE(missing.error().find("dir.sqlite"), std::string::npos) << missing.error();
}

TEST_F(StoreTest, RefusesOtherDatabasesAndNewerSchemas) {
  {  // somebody else's database
    sqlite3* db = nullptr;
    sqlite3_open((dir_ / "other.sqlite").c_str(), &db);
    sqlite3_exec(db, "CREATE TABLE customers(id INTEGER)", nullptr, nullptr, nullptr);
    sqlite3_close(db);
  }
  const auto other = Store::open((dir_ / "other.sqlite").string());
  ASSERT_FALSE(other.has_value());
  EXPECT_NE(other.error().find("other.sqlite"), std::string::npos) << other.error();

  { auto store = open_store(); }
  {
    Sql sql(db_);
    sql.exec("UPDATE meta SET value = '5' WHERE key = 'schema_version'");
  }
  const auto newer = Store::open(db_.string());
  ASSERT_FALSE(newer.has_value());
  EXPECT_NE(newer.error().find(db_.string()), std::string::npos) << newer.error();
  EXPECT_NE(newer.error().find("version 5"), std::string::npos) << newer.error();
}

TEST_F(StoreTest, StoresAFormsBudgetBlockAndANoticesProjectResults) {
  auto store = open_store();
  const std::string form = kSource + "/samples/real-style/shiqiao-renju-2022-errors-pipes.txt";
  ASSERT_EQ(store.add_record(record_for(form)), true);
  const fs::path notice = dir_ / "notice.txt";
  write_bytes(notice,
              "关于部分项目绩效评价结果的通报\n"
              "1. 城区道路养护项目 绩效评价得分 86 分 等级 良\n"
              "2. 乡村卫生室建设项目 绩效评价得分 93.5 分 等级 优\n");
  ASSERT_EQ(store.add_record(record_for(notice.string())), true);

  Sql sql(db_);
  const std::string form_sha = extract::sha256_hex(read_bytes(form));
  // The total row of the budget block, with the block's 分值 and 得分, then its 其中 rows.
  EXPECT_EQ(sql.rows("SELECT label, budget, executed, unit, rate, max, score, line, text FROM budget_lines "
                     "WHERE sha256 = ?1 AND seq = 0",
                     {form_sha})[0],
            (std::vector<std::string>{"年度资金总额", "180.00", "164.00", "万元", "91.11%", "10", "9.5", "8",
                                      "91.11%"}));
  EXPECT_EQ(sql.rows("SELECT label, budget, executed, rate, max, score FROM budget_lines WHERE sha256 = ?1 AND "
                     "seq = 1",
                     {form_sha})[0],
            (std::vector<std::string>{"当年财政拨款", "150.00", "141.00", "97.50%", "NULL", "NULL"}));
  EXPECT_NEAR(sql.real("SELECT budget_num FROM budget_lines WHERE seq = 0"), 180.0, 1e-9);

  const std::string notice_sha = extract::sha256_hex(read_bytes(notice.string()));
  EXPECT_EQ(sql.rows("SELECT subject, score, grade, line FROM project_results WHERE sha256 = ?1 ORDER BY seq",
                     {notice_sha}),
            (std::vector<std::vector<std::string>>{{"城区道路养护项目", "86", "良", "2"},
                                                   {"乡村卫生室建设项目", "93.5", "优", "3"}}));
  EXPECT_NEAR(sql.real("SELECT score_num FROM project_results WHERE seq = 1"), 93.5, 1e-9);
}

TEST_F(StoreTest, AVersion1DatasetGetsTheNewTablesFilledFromItsRecords) {
  const std::string form = kSource + "/samples/real-style/shiqiao-renju-2022-errors-pipes.txt";
  {
    auto store = open_store();
    ASSERT_EQ(store.add_record(record_for(form)), true);
    ASSERT_EQ(store.add_record(record_for(kErrors)), true);
  }
  std::vector<std::vector<std::string>> fresh;
  {
    Sql sql(db_);
    fresh = sql.rows("SELECT * FROM budget_lines ORDER BY sha256, seq");
    ASSERT_FALSE(fresh.empty());
    // The dataset as version 1 left it: no budget_lines, no project_results.
    sql.exec("DROP TABLE budget_lines; DROP TABLE project_results; "
             "UPDATE meta SET value = '1' WHERE key = 'schema_version'");
  }
  { auto store = open_store(); }
  Sql sql(db_);
  EXPECT_EQ(sql.one("SELECT value FROM meta WHERE key = 'schema_version'"), "4");
  EXPECT_EQ(sql.rows("SELECT * FROM budget_lines ORDER BY sha256, seq"), fresh);
}

TEST_F(StoreTest, ReopeningSeesTheData) {
  const std::string sha = extract::sha256_hex(read_bytes(kErrors));
  {
    auto store = open_store();
    ASSERT_EQ(store.add_record(record_for(kErrors)), true);
  }
  auto store = open_store();
  EXPECT_TRUE(store.has_document(sha));
  EXPECT_EQ(store.add_record(record_for(kErrors)), false);
  const auto st = store.stats();
  ASSERT_TRUE(st.has_value());
  EXPECT_EQ(st->documents, 1u);
  EXPECT_EQ(st->with_error_findings, 1u);
  // Two stores on one file (a reader while the writer works) see the same rows.
  auto second = open_store();
  EXPECT_TRUE(second.has_document(sha));
  ASSERT_EQ(store.add_record(record_for(kLanxi)), true);
  EXPECT_TRUE(second.has_document(extract::sha256_hex(read_bytes(kLanxi))));
}

// ---- issue 12: failures never replace successes; retries; input errors ----

TEST_F(StoreTest, AFailureNeverReplacesASuccess) {
  // A document read under zz/, then the same bytes under a smaller path
  // failing in every way: the read document stays, rows and all; the path is added.
  auto store = open_store();
  ASSERT_EQ(store.add_record(record_for(kErrors, "zz/errors.txt")), true);
  Sql sql(db_);
  const auto before = sql.dump();
  ASSERT_EQ(sql.one("SELECT count(*) FROM findings"), "15");
  const std::string sha = extract::sha256_hex(read_bytes(kErrors));
  const std::pair<Failure, const char*> failures[] = {{Failure::kTimeout, "timed out after 2 s"},
                                                       {Failure::kMemory, "memory limit of 64 MiB reached"},
                                                       {Failure::kCrash, "worker crashed (signal 11)"},
                                                       {Failure::kUnreadable, "not valid UTF-8 at byte 9"}};
  for (const auto& [failure, why] : failures) {
    ASSERT_EQ(store.add_record(make_failure_record("aa/errors.txt", sha, why, failure)), false) << why;
    auto now = sql.dump();
    std::erase_if(now, [](const auto& r) { return r[0] == "paths"; });
    auto was = before;
    std::erase_if(was, [](const auto& r) { return r[0] == "paths"; });
    EXPECT_EQ(now, was) << why;
  }
  EXPECT_EQ(sql.rows("SELECT path FROM paths ORDER BY path"),
            (std::vector<std::vector<std::string>>{{"aa/errors.txt"}, {"zz/errors.txt"}}));
  const auto stored = store.stored_document(sha);
  ASSERT_TRUE(stored.has_value());
  EXPECT_TRUE(stored->ok);
  EXPECT_EQ(stored->path, "zz/errors.txt");
}

// The records of one document from five places: every order of arrival
// leaves the same row, the best record: read beats failed, a document's own
// failure beats the run's, and between equals the smaller path wins.
TEST_F(StoreTest, TheBetterRecordWinsWhateverTheOrder) {
  // A short report: 120 orders of five records, each parsed, stay quick under sanitizers.
  const fs::path small = dir_ / "small.txt";
  write_bytes(small, "某某局2022年度项目支出绩效评价报告\n项目年度预算资金47213.5万元，评价得分86.5分，等级为良好。\n");
  const std::string sha = extract::sha256_hex(read_bytes(small.string()));
  struct Input {
    std::string record;
    std::string expect;  // "path status failure" of the winner among inputs up to this one
  };
  const std::string timeout_b = make_failure_record("b/x.txt", sha, "timed out after 1 s", Failure::kTimeout);
  const std::string crash_a = make_failure_record("a/x.txt", sha, "worker crashed (signal 9)", Failure::kCrash);
  const std::string unreadable_c = make_failure_record("c/x.txt", sha, "truncated", Failure::kUnreadable);
  const std::string ok_e = record_for(small.string(), "e/x.txt");
  const std::string ok_d = record_for(small.string(), "d/x.txt");
  const auto winner = [&](std::vector<std::string> records) {
    auto store = Store::open(":memory:");
    EXPECT_TRUE(store.has_value());
    for (const std::string& r : records) EXPECT_TRUE(store->add_record(r).has_value());
    const auto d = store->stored_document(sha);
    return d ? d->path + (d->ok ? " ok" : d->retryable ? " retryable" : " kept") : std::string("none");
  };
  std::vector<std::string> all = {timeout_b, crash_a, unreadable_c, ok_e, ok_d};
  std::sort(all.begin(), all.end());
  int orders = 0;
  do {
    ASSERT_EQ(winner(all), "d/x.txt ok") << "order " << orders;
    ++orders;
  } while (std::next_permutation(all.begin(), all.end()));
  EXPECT_EQ(orders, 120);
  EXPECT_EQ(winner({timeout_b, unreadable_c, crash_a}), "c/x.txt kept");
  EXPECT_EQ(winner({unreadable_c, timeout_b, crash_a}), "c/x.txt kept");
  EXPECT_EQ(winner({timeout_b, crash_a}), "a/x.txt retryable");
  EXPECT_EQ(winner({crash_a, timeout_b}), "a/x.txt retryable");
  // A read document under a larger path replaces a timeout under a smaller one.
  EXPECT_EQ(winner({timeout_b, ok_e}), "e/x.txt ok");
}

TEST_F(StoreTest, AScanReadWithOcrOffRanksBelowAReadingWithOcr) {
  const std::string sha(64, 'f');
  // As a jixiao before OCR said it, as --ocr never says it, and as a reading with OCR says it.
  const std::string before_ocr =
      make_failure_record("a/scan.pdf", sha, "no text layer — scanned image?", Failure::kUnreadable);
  const std::string ocr_off = make_failure_record(
      "a/scan.pdf", sha, "no text layer — scanned image? (OCR is off: --ocr auto reads scans)", Failure::kUnreadable);
  const std::string nothing =
      make_failure_record("b/scan.pdf", sha, "no text layer, and OCR found nothing readable (a blank page?)",
                          Failure::kUnreadable);
  const std::string timeout = make_failure_record("a/scan.pdf", sha, "timed out after 1 s", Failure::kTimeout);
  const auto winner = [&](std::vector<std::string> records) {
    auto store = Store::open(":memory:");
    EXPECT_TRUE(store.has_value());
    for (const std::string& r : records) EXPECT_TRUE(store->add_record(r).has_value());
    const auto d = store->stored_document(sha);
    return d ? d->path + (d->unread_scan ? " unread scan" : d->retryable ? " retryable" : " kept") : "none";
  };
  EXPECT_EQ(winner({before_ocr}), "a/scan.pdf unread scan");
  EXPECT_EQ(winner({ocr_off}), "a/scan.pdf unread scan");
  // The reading with OCR wins, though its path is larger, in either order.
  EXPECT_EQ(winner({ocr_off, nothing}), "b/scan.pdf kept");
  EXPECT_EQ(winner({nothing, before_ocr}), "b/scan.pdf kept");
  // A failure of the run does not replace the reading without OCR.
  EXPECT_EQ(winner({timeout, ocr_off}), "a/scan.pdf unread scan");
  EXPECT_EQ(winner({ocr_off, timeout}), "a/scan.pdf unread scan");
}

TEST_F(StoreTest, FailuresAreStoredWithTheirKind) {
  auto store = open_store();
  const fs::path empty = dir_ / "empty.txt";
  write_bytes(empty, "");
  ASSERT_TRUE(store.add_record(record_for(empty.string())).has_value());  // the pipeline's own failure
  ASSERT_TRUE(store.add_record(make_failure_record("t.txt", std::string(64, 'b'), "timed out after 1 s",
                                                   Failure::kTimeout))
                  .has_value());
  json old = json::parse(make_failure_record("o.txt", std::string(64, 'c'), "worker crashed (signal 9)",
                                             Failure::kCrash));
  old.erase("failure");  // a record written before records said
  ASSERT_TRUE(store.add_record(old.dump()).has_value());
  Sql sql(db_);
  EXPECT_EQ(sql.rows("SELECT path, failure FROM documents ORDER BY path"),
            (std::vector<std::vector<std::string>>{
                {empty.string(), "unreadable"}, {"o.txt", "crash"}, {"t.txt", "timeout"}}));
  EXPECT_FALSE(store.stored_document(extract::sha256_hex(""))->retryable);
  EXPECT_TRUE(store.stored_document(std::string(64, 'b'))->retryable);
  EXPECT_TRUE(store.stored_document(std::string(64, 'c'))->retryable);
  const auto st = store.stats();
  ASSERT_TRUE(st.has_value());
  using Counts = std::vector<std::pair<std::string, std::size_t>>;
  EXPECT_EQ(st->failures, (Counts{{"unreadable", 1}, {"timeout", 1}, {"crash", 1}}));
  EXPECT_NE(format_stats(*st).find("failures: unreadable 1, timeout 1, crash 1\n"), std::string::npos);
}

TEST_F(StoreTest, InputErrorsAreKeptOncePerPathAndClearedWhenThePathIsRead) {
  auto store = open_store();
  ASSERT_TRUE(store.add_input_error({"in/a.txt", "a FIFO, not read", "0.1.0", "2026-01-01T00:00:00Z"}).has_value());
  ASSERT_TRUE(store.add_input_error({"in/a.txt", "a FIFO, not read", "0.1.0", "2026-02-02T00:00:00Z"}).has_value());
  Sql sql(db_);
  // The same reason again changes nothing, not even the time.
  EXPECT_EQ(sql.rows("SELECT path, error, processed_at FROM input_errors"),
            (std::vector<std::vector<std::string>>{{"in/a.txt", "a FIFO, not read", "2026-01-01T00:00:00Z"}}));
  ASSERT_TRUE(store.add_input_error({"in/a.txt", "Permission denied", "0.1.0", "2026-03-03T00:00:00Z"}).has_value());
  EXPECT_EQ(sql.rows("SELECT path, error, processed_at FROM input_errors"),
            (std::vector<std::vector<std::string>>{{"in/a.txt", "Permission denied", "2026-03-03T00:00:00Z"}}));
  // An input-error record (corpus map's) goes to the same table.
  ASSERT_EQ(store.add_record(output::make_input_error_record("in/b.txt", "too large (600 MiB)")), false);
  EXPECT_EQ(store.input_error_paths(), (std::vector<std::string>{"in/a.txt", "in/b.txt"}));
  EXPECT_EQ(store.stats()->input_errors, 2u);
  EXPECT_NE(format_stats(*store.stats()).find("input errors: 2\n"), std::string::npos);
  // Read since: the error goes, as a document's path or as one more path of a stored document.
  ASSERT_TRUE(store.add_record(record_for(kClean, "in/a.txt")).has_value());
  ASSERT_TRUE(store.add_path(extract::sha256_hex(read_bytes(kClean)), "in/b.txt").has_value());
  EXPECT_EQ(sql.one("SELECT count(*) FROM input_errors"), "0");
  ASSERT_TRUE(store.add_input_error({"in/c.txt", "gone", std::nullopt, std::nullopt}).has_value());
  ASSERT_TRUE(store.remove_input_error("in/c.txt").has_value());
  EXPECT_EQ(sql.one("SELECT count(*) FROM input_errors"), "0");
}

TEST_F(StoreTest, AVersion2DatasetGetsFailureKindsAndAnInputErrorsTable) {
  {
    auto store = open_store();
    ASSERT_TRUE(store.add_record(record_for(kErrors)).has_value());
    ASSERT_TRUE(store.add_record(record_for(kTruncated)).has_value());
    for (const auto& [sha, why] : std::vector<std::pair<char, std::string>>{
             {'1', "timed out after 60 s"}, {'2', "worker crashed (signal 11)"}, {'3', "internal error: std::bad_alloc"}})
      ASSERT_TRUE(store.add_record(make_failure_record(std::string(1, sha) + ".pdf", std::string(64, sha), why,
                                                       Failure::kCrash))
                      .has_value());
  }
  {
    Sql sql(db_);  // the dataset as version 2 left it
    sql.exec("DROP TABLE input_errors; DROP TABLE ocr_pages; ALTER TABLE documents DROP COLUMN ocr_confidence; "
             "ALTER TABLE documents DROP COLUMN ocr_page_count; ALTER TABLE documents DROP COLUMN failure; "
             "UPDATE meta SET value = '2' WHERE key = 'schema_version'");
  }
  // Read-only, it is read as it is and left byte for byte as it was.
  const std::string v2_bytes = read_bytes(db_.string());
  {
    StoreOptions read_only;
    read_only.read_only = true;
    auto reader = Store::open(db_.string(), read_only);
    ASSERT_TRUE(reader.has_value()) << reader.error();
    const auto st = reader->stats();
    ASSERT_TRUE(st.has_value()) << st.error();
    using Counts = std::vector<std::pair<std::string, std::size_t>>;
    EXPECT_EQ(st->failures, (Counts{{"unreadable", 1}, {"timeout", 1}, {"memory", 1}, {"crash", 1}}));
    std::ostringstream csv;
    const auto missing = reader->export_csv("input_errors", csv);
    ASSERT_FALSE(missing.has_value());
    EXPECT_NE(missing.error().find("schema version 2 has no table input_errors"), std::string::npos) << missing.error();
  }
  EXPECT_EQ(read_bytes(db_.string()), v2_bytes);
  // Opened for writing, it becomes version 4, its columns in the order of a new dataset's.
  { auto store = open_store(); }
  Sql sql(db_);
  EXPECT_EQ(sql.one("SELECT value FROM meta WHERE key = 'schema_version'"), "4");
  std::vector<std::string> columns;
  for (const auto& r : sql.rows("PRAGMA table_info(documents)")) columns.push_back(r[1]);
  ASSERT_GE(columns.size(), 3u);
  EXPECT_EQ(std::vector<std::string>(columns.end() - 3, columns.end()),
            (std::vector<std::string>{"failure", "ocr_page_count", "ocr_confidence"}));
  EXPECT_EQ(sql.rows("SELECT substr(path, -5) AS p, status, coalesce(failure, 'NULL') FROM documents ORDER BY p"),
            (std::vector<std::vector<std::string>>{{"1.pdf", "error", "timeout"},
                                                   {"2.pdf", "error", "crash"},
                                                   {"3.pdf", "error", "memory"},
                                                   {"d.pdf", "error", "unreadable"},
                                                   {"s.txt", "ok", "NULL"}}));
  EXPECT_EQ(sql.one("SELECT count(*) FROM input_errors"), "0");
}

// ---- issue 14: pages read by OCR ----

// The record of a scan as a worker sends it: the pipeline's record of a
// report with the pages OCR read in its source (the store reads the record
// only, so a text sample stands in for the scan's reading).
std::string with_ocr_pages(const std::string& record, const json& pages) {
  json r = json::parse(record);
  r["document"]["source"]["ocr_pages"] = pages;
  return r.dump();
}

// Two pages: 300 words at 90 and 100 at 70, so 85 over the words.
json two_ocr_pages() {
  return json::array({{{"page", 1}, {"words", 300}, {"mean_confidence", 90.0}, {"guessed_words", 12},
                       {"rulings", 0}, {"skew_degrees", 0.0}, {"timed_out", false}},
                      {{"page", 2}, {"words", 100}, {"mean_confidence", 70.0}, {"guessed_words", 40},
                       {"rulings", 24}, {"skew_degrees", -1.02}, {"timed_out", true}}});
}

TEST_F(StoreTest, StoresThePagesOcrReadAndTheirConfidence) {
  const fs::path empty = dir_ / "empty.txt";
  write_bytes(empty, "");
  auto store = open_store();
  ASSERT_EQ(store.add_record(with_ocr_pages(record_for(kErrors), two_ocr_pages())), true);
  ASSERT_EQ(store.add_record(record_for(kLanxi)), true);
  ASSERT_EQ(store.add_record(record_for(empty.string())), true);

  Sql sql(db_);
  // Per document: the pages OCR read (0 for a text layer's, NULL for a failed
  // document, which was not read) and their words' mean confidence.
  EXPECT_EQ(sql.rows("SELECT substr(path, -9) AS p, ocr_page_count, ocr_confidence FROM documents ORDER BY p"),
            (std::vector<std::vector<std::string>>{{"-2021.txt", "0", "NULL"},
                                                   {"empty.txt", "NULL", "NULL"},
                                                   {"rrors.txt", "2", "85.0"}}));
  // Per page, as the record's source.ocr_pages[seq].
  EXPECT_EQ(sql.rows("SELECT seq, page, words, mean_confidence, guessed_words, rulings, skew_degrees, timed_out "
                     "FROM ocr_pages ORDER BY seq"),
            (std::vector<std::vector<std::string>>{{"0", "1", "300", "90.0", "12", "0", "0.0", "0"},
                                                   {"1", "2", "100", "70.0", "40", "24", "-1.02", "1"}}));
  EXPECT_EQ(sql.one("SELECT DISTINCT sha256 FROM ocr_pages"), extract::sha256_hex(read_bytes(kErrors)));

  const auto st = store.stats();
  ASSERT_TRUE(st.has_value()) << st.error();
  EXPECT_EQ(st->ocr_pages, 2u);
  EXPECT_EQ(st->ocr_documents, 1u);
  ASSERT_TRUE(st->ocr_confidence.has_value());
  EXPECT_NEAR(*st->ocr_confidence, 85.0, 1e-9);
  EXPECT_NE(format_stats(*st).find("\npages read by OCR: 2 (1 document), mean confidence 85.0\n"), std::string::npos)
      << format_stats(*st);

  std::ostringstream csv;
  ASSERT_TRUE(store.export_csv("ocr_pages", csv).has_value());
  const auto rows = parse_csv(csv.str());
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[0], (std::vector<std::string>{"sha256", "seq", "page", "words", "mean_confidence", "guessed_words",
                                               "rulings", "skew_degrees", "timed_out"}));
}

TEST_F(StoreTest, ADatasetWithoutOcrSaysSo) {
  auto store = open_store();
  ASSERT_EQ(store.add_record(record_for(kLanxi)), true);
  const auto st = store.stats();
  ASSERT_TRUE(st.has_value()) << st.error();
  EXPECT_EQ(st->ocr_pages, 0u);
  EXPECT_FALSE(st->ocr_confidence.has_value());
  EXPECT_NE(format_stats(*st).find("\npages read by OCR: 0\n"), std::string::npos) << format_stats(*st);
}

TEST_F(StoreTest, AVersion3DatasetGetsItsOcrSummaryFromItsRecords) {
  {
    auto store = open_store();
    ASSERT_EQ(store.add_record(with_ocr_pages(record_for(kErrors), two_ocr_pages())), true);
    ASSERT_EQ(store.add_record(record_for(kLanxi)), true);
    ASSERT_EQ(store.add_record(record_for(kTruncated)), true);
  }
  std::vector<std::vector<std::string>> fresh_pages, fresh_documents;
  const std::string documents = "SELECT sha256, ocr_page_count, ocr_confidence FROM documents ORDER BY sha256";
  {
    Sql sql(db_);
    fresh_pages = sql.rows("SELECT * FROM ocr_pages ORDER BY sha256, seq");
    fresh_documents = sql.rows(documents);
    ASSERT_EQ(fresh_pages.size(), 2u);
    // The dataset as version 3 left it (the records are this jixiao's: the
    // migration must derive the pages from them, not assume there are none).
    sql.exec("DROP TABLE ocr_pages; ALTER TABLE documents DROP COLUMN ocr_confidence; "
             "ALTER TABLE documents DROP COLUMN ocr_page_count; "
             "UPDATE meta SET value = '3' WHERE key = 'schema_version'");
  }
  {  // Read-only, it is read as it is: no OCR in a dataset of before OCR.
    StoreOptions read_only;
    read_only.read_only = true;
    auto reader = Store::open(db_.string(), read_only);
    ASSERT_TRUE(reader.has_value()) << reader.error();
    const auto st = reader->stats();
    ASSERT_TRUE(st.has_value()) << st.error();
    EXPECT_EQ(st->ocr_pages, 0u);
    std::ostringstream csv;
    const auto missing = reader->export_csv("ocr_pages", csv);
    ASSERT_FALSE(missing.has_value());
    EXPECT_NE(missing.error().find("schema version 3 has no table ocr_pages"), std::string::npos) << missing.error();
  }
  { auto store = open_store(); }
  Sql sql(db_);
  EXPECT_EQ(sql.one("SELECT value FROM meta WHERE key = 'schema_version'"), "4");
  EXPECT_EQ(sql.rows("SELECT * FROM ocr_pages ORDER BY sha256, seq"), fresh_pages);
  EXPECT_EQ(sql.rows(documents), fresh_documents);
}

// ---- issue 12: what is not a dataset stays as it was ----

TEST_F(StoreTest, AForeignDatabaseIsRefusedAndLeftByteForByte) {
  const fs::path other = dir_ / "customers.sqlite";
  {
    sqlite3* db = nullptr;
    sqlite3_open(other.c_str(), &db);
    sqlite3_exec(db, "CREATE TABLE customers(id INTEGER, name TEXT); INSERT INTO customers VALUES (1, 'a');",
                 nullptr, nullptr, nullptr);
    sqlite3_close(db);
  }
  const std::string bytes = read_bytes(other.string());
  ASSERT_EQ(bytes.substr(18, 2), std::string("\x01\x01", 2));  // rollback journal, not WAL
  for (const bool read_only : {false, true}) {
    StoreOptions options;
    options.read_only = read_only;
    const auto s = Store::open(other.string(), options);
    ASSERT_FALSE(s.has_value());
    EXPECT_NE(s.error().find("not a jixiao dataset"), std::string::npos) << s.error();
    EXPECT_EQ(read_bytes(other.string()), bytes) << "read_only " << read_only;
  }
  std::vector<std::string> files;
  for (const auto& e : fs::directory_iterator(dir_)) files.push_back(e.path().filename().string());
  EXPECT_EQ(files, (std::vector<std::string>{"customers.sqlite"}));  // no -wal, -shm or -journal left
}

TEST_F(StoreTest, AnEmptyFileIsNotADatasetToReadAndStaysEmpty) {
  const fs::path empty = dir_ / "empty.sqlite";
  write_bytes(empty, "");
  StoreOptions read_only;
  read_only.read_only = true;
  const auto s = Store::open(empty.string(), read_only);
  ASSERT_FALSE(s.has_value());
  EXPECT_NE(s.error().find("not a jixiao dataset (an empty database)"), std::string::npos) << s.error();
  EXPECT_EQ(fs::file_size(empty), 0u);
  // To build into, an empty file is a new dataset (a build killed before its
  // first commit leaves one; `mktemp` makes one).
  EXPECT_TRUE(Store::open(empty.string()).has_value());
}

TEST_F(StoreTest, NoFileNameAndFilesThatAreNotFilesAreRefusedAtOnce) {
  const auto none = Store::open("");
  ASSERT_FALSE(none.has_value());
  EXPECT_EQ(none.error(), "no database file given (--db is empty)");
  const fs::path fifo = dir_ / "fifo.sqlite";
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  for (const bool read_only : {false, true}) {  // would block for ever if SQLite opened it
    StoreOptions options;
    options.read_only = read_only;
    const auto s = Store::open(fifo.string(), options);
    ASSERT_FALSE(s.has_value());
    EXPECT_EQ(s.error(), fifo.string() + ": not a regular file");
  }
  StoreOptions read_only;
  read_only.read_only = true;
  const auto missing = Store::open((dir_ / "missing.sqlite").string(), read_only);
  ASSERT_FALSE(missing.has_value());
  EXPECT_NE(missing.error().find("No such file or directory"), std::string::npos) << missing.error();
  EXPECT_FALSE(fs::exists(dir_ / "missing.sqlite"));  // reading never creates
}

TEST_F(StoreTest, AReadOnlyStoreReadsAndNeverWrites) {
  { ASSERT_TRUE(open_store().add_record(record_for(kErrors)).has_value()); }
  const std::string bytes = read_bytes(db_.string());
  StoreOptions read_only;
  read_only.read_only = true;
  auto store = Store::open(db_.string(), read_only);
  ASSERT_TRUE(store.has_value()) << store.error();
  EXPECT_EQ(store->stats()->documents, 1u);
  std::ostringstream out;
  ASSERT_TRUE(store->export_jsonl(out).has_value());
  EXPECT_FALSE(out.str().empty());
  const auto refused = store->add_record(record_for(kClean));
  ASSERT_FALSE(refused.has_value());
  EXPECT_NE(refused.error().find("read-only"), std::string::npos) << refused.error();
  EXPECT_EQ(read_bytes(db_.string()), bytes);
}

// ---- issue 12: another writer's lock is waited for, up to a bound ----

TEST_F(StoreTest, AWriterWaitsForAnotherWritersLockAndSaysHowLong) {
  auto store = open_store();
  std::atomic<bool> locked = false;
  std::thread other([&] {
    Sql sql(db_);
    sql.exec("BEGIN IMMEDIATE");
    locked = true;
    std::this_thread::sleep_for(std::chrono::milliseconds(1500));
    sql.exec("COMMIT");
  });
  while (!locked) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  const auto start = std::chrono::steady_clock::now();
  const auto added = store.add_record(record_for(kClean));
  const std::chrono::duration<double> took = std::chrono::steady_clock::now() - start;
  other.join();
  ASSERT_TRUE(added.has_value()) << added.error();
  EXPECT_GE(took.count(), 1.0);
  EXPECT_GE(store.lock_wait_seconds(), 1.0);
  EXPECT_LE(store.lock_wait_seconds(), took.count() + 0.1);
}

TEST_F(StoreTest, AWriterGivesUpAfterTheLockTimeoutSayingWhy) {
  { auto created = open_store(); }
  StoreOptions options;
  options.lock_timeout = std::chrono::seconds(1);
  auto store = Store::open(db_.string(), options);
  ASSERT_TRUE(store.has_value()) << store.error();
  std::atomic<bool> locked = false, release = false;
  std::thread other([&] {
    Sql sql(db_);
    sql.exec("BEGIN IMMEDIATE");
    locked = true;
    while (!release) std::this_thread::sleep_for(std::chrono::milliseconds(5));
    sql.exec("COMMIT");
  });
  while (!locked) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  const auto start = std::chrono::steady_clock::now();
  const auto added = store->add_record(record_for(kClean));
  const std::chrono::duration<double> took = std::chrono::steady_clock::now() - start;
  release = true;
  other.join();
  ASSERT_FALSE(added.has_value());
  EXPECT_EQ(added.error(),
            db_.string() + ": locked by another process for more than 1 s; gave up waiting for its write lock");
  EXPECT_GE(took.count(), 0.9);
  EXPECT_LT(took.count(), 5.0);
  // Once the lock is gone, the same record goes in.
  EXPECT_EQ(store->add_record(record_for(kClean)), true);
}

}  // namespace
}  // namespace jixiao::corpus
