// Issue 12, the dataset file and the output of the corpus commands, end to
// end through the binary: a file that is not a jixiao dataset is refused and
// left byte for byte as it was (a user's other SQLite database, an empty
// file); `--db ""` says what is wrong; a read-only dataset (file or
// directory) can be read; another writer's lock is waited for in the middle
// of a build, up to --lock-timeout; output that cannot be written (a full
// disk) is exit 2 with a message naming it.
#include <sqlite3.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <set>
#include <thread>

#include "corpus_test_support.h"

namespace jixiao {
namespace {

namespace fs = std::filesystem;
using testing::long_report;
using testing::query;
using testing::query_one;
using testing::read_file;
using testing::run_jixiao;
using testing::TempDir;
using testing::write_file;

std::string sample(const std::string& name) { return testing::source_path("samples/" + name); }

std::set<std::string> names_in(const fs::path& dir) {
  std::set<std::string> out;
  for (const auto& e : fs::directory_iterator(dir)) out.insert(e.path().filename().string());
  return out;
}

// A dataset of the three text samples, built by the binary.
fs::path built_dataset(const TempDir& dir) {
  for (const char* name : {"lanxi-nongye-2021.txt", "qinghe-wenlv-2022.txt", "qinghe-wenlv-2022-errors.txt"})
    write_file(dir / "in" / name, read_file(sample(name)));
  const fs::path db = dir / "data" / "d.sqlite";
  fs::create_directories(db.parent_path());
  const auto r = run_jixiao("corpus build " + (dir / "in").string() + " --db " + db.string() + " --quiet");
  EXPECT_EQ(r.status, 0) << r.err;
  return db;
}

TEST(DatasetSafety, AForeignDatabaseIsLeftByteForByteByEveryCommand) {
  TempDir dir("foreign");
  write_file(dir / "in/a.txt", read_file(sample("lanxi-nongye-2021.txt")));
  const fs::path other = dir / "db" / "customers.sqlite";
  fs::create_directories(other.parent_path());
  {
    sqlite3* db = nullptr;
    sqlite3_open(other.c_str(), &db);
    sqlite3_exec(db, "CREATE TABLE customers(id INTEGER, name TEXT); INSERT INTO customers VALUES (1, '张三');",
                 nullptr, nullptr, nullptr);
    sqlite3_close(db);
  }
  const std::string bytes = read_file(other);
  const std::string db = other.string();
  for (const std::string& command :
       {"corpus build " + (dir / "in").string() + " --db " + db, "corpus stats --db " + db,
        "corpus export --db " + db, "corpus export --format csv --table documents --db " + db}) {
    const auto r = run_jixiao(command);
    EXPECT_EQ(r.status, 2) << command;
    EXPECT_NE(r.err.find(db + ": a SQLite database but not a jixiao dataset"), std::string::npos) << r.err;
    EXPECT_TRUE(read_file(other) == bytes) << command << " changed the foreign database";
    EXPECT_EQ(names_in(other.parent_path()), std::set<std::string>{"customers.sqlite"}) << command;
  }
}

TEST(DatasetSafety, AnEmptyFileIsNotReadAsADatasetAndStaysEmpty) {
  TempDir dir("empty-db");
  const fs::path empty = dir / "empty.sqlite";
  write_file(empty, "");
  for (const std::string& command : {"corpus stats --db " + empty.string(), "corpus export --db " + empty.string()}) {
    const auto r = run_jixiao(command);
    EXPECT_EQ(r.status, 2) << command;
    EXPECT_NE(r.err.find(empty.string() + ": not a jixiao dataset (an empty database)"), std::string::npos) << r.err;
    EXPECT_EQ(fs::file_size(empty), 0u) << command << " wrote into the empty file";
    EXPECT_EQ(names_in(dir.path()), std::set<std::string>{"empty.sqlite"}) << command;
  }
}

TEST(DatasetSafety, AnEmptyDbOptionSaysSo) {
  TempDir dir("empty-option");
  write_file(dir / "in/a.txt", read_file(sample("lanxi-nongye-2021.txt")));
  for (const std::string& command :
       {"corpus build " + (dir / "in").string() + " --db ''", std::string("corpus stats --db ''"),
        std::string("corpus export --db ''"), "corpus build --from-jsonl " + (dir / "in/a.txt").string() + " --db ''"}) {
    const auto r = run_jixiao(command);
    EXPECT_EQ(r.status, 2) << command;
    EXPECT_EQ(r.err, "jixiao: no database file given (--db is empty)\n") << command;
  }
}

TEST(DatasetSafety, AReadOnlyDatasetCanBeReadInAReadOnlyDirectory) {
  const auto as_user = testing::unprivileged_prefix();
  if (!as_user) GTEST_SKIP() << "running as root without /usr/bin/setpriv: cannot make a file read-only to this test";
  TempDir dir("read-only");
  const fs::path db = built_dataset(dir);
  const std::string stats = run_jixiao("corpus stats --db " + db.string()).out;
  const std::string jsonl = run_jixiao("corpus export --db " + db.string()).out;
  const std::string csv = run_jixiao("corpus export --format csv --table findings --db " + db.string()).out;
  ASSERT_NE(stats.find("documents: 3 (3 read, 0 failed)"), std::string::npos) << stats;
  fs::permissions(db, fs::perms::owner_read | fs::perms::group_read | fs::perms::others_read);  // 0444
  fs::permissions(db.parent_path(), fs::perms::owner_read | fs::perms::owner_exec | fs::perms::group_read |
                                        fs::perms::group_exec | fs::perms::others_read | fs::perms::others_exec);  // 0555
  fs::permissions(dir.path(), fs::perms::others_read | fs::perms::others_exec, fs::perm_options::add);
  const std::string bytes = read_file(db);
  for (const auto& [command, expected] : std::vector<std::pair<std::string, std::string>>{
           {"corpus stats --db " + db.string(), stats},
           {"corpus export --db " + db.string(), jsonl},
           {"corpus export --format csv --table findings --db " + db.string(), csv}}) {
    const auto r = testing::run_jixiao_as(*as_user, command);
    EXPECT_EQ(r.status, 0) << command << ": " << r.err;
    EXPECT_TRUE(r.out == expected) << command << " read something else:\n" << r.out.substr(0, 400);
  }
  EXPECT_TRUE(read_file(db) == bytes);
  EXPECT_EQ(names_in(db.parent_path()), std::set<std::string>{"d.sqlite"});
}

TEST(DatasetSafety, AReadOnlyWalDatasetWithPendingWritesIsReadInFullOrRefusedClearly) {
  const auto as_user = testing::unprivileged_prefix();
  if (!as_user) GTEST_SKIP() << "running as root without /usr/bin/setpriv: cannot make a file read-only to this test";
  TempDir dir("read-only-wal");
  const fs::path db = built_dataset(dir);
  // A writer that died with a commit still in the WAL: the main file lacks it.
  const pid_t pid = fork();
  if (pid == 0) {
    sqlite3* h = nullptr;
    sqlite3_open(db.c_str(), &h);
    sqlite3_exec(h, "PRAGMA wal_autocheckpoint=0; INSERT INTO input_errors VALUES ('gone.txt', 'x', NULL, NULL);",
                 nullptr, nullptr, nullptr);
    _exit(0);  // no close: no checkpoint
  }
  int status = 0;
  waitpid(pid, &status, 0);
  ASSERT_GT(fs::file_size(db.string() + "-wal"), 0u);
  for (const auto& e : fs::directory_iterator(db.parent_path()))
    fs::permissions(e.path(), fs::perms::owner_read | fs::perms::group_read | fs::perms::others_read);
  fs::permissions(db.parent_path(), fs::perms::owner_read | fs::perms::owner_exec | fs::perms::group_read |
                                        fs::perms::group_exec | fs::perms::others_read | fs::perms::others_exec);
  fs::permissions(dir.path(), fs::perms::others_read | fs::perms::others_exec, fs::perm_options::add);
  const auto r = testing::run_jixiao_as(*as_user, "corpus stats --db " + db.string());
  if (r.status == 0) {
    EXPECT_NE(r.out.find("input errors: 1\n"), std::string::npos) << "the commit in the WAL was not read:\n" << r.out;
  } else {
    EXPECT_EQ(r.status, 2);
    EXPECT_NE(r.err.find("a dataset in WAL mode with writes not yet in the main file"), std::string::npos) << r.err;
  }
}

// Documents of the lock tests: enough that the build goes on after its first
// commit, when the other connection takes the lock.
constexpr int kLockDocuments = 6;

// Holds the dataset's write lock from another connection for `hold`, from
// the moment the build has stored its first document.
void hold_lock_after_first_document(const fs::path& db, std::chrono::milliseconds hold, std::atomic<bool>& held) {
  // Documents stored so far, or 0 while the file or its schema is not there yet.
  const auto documents = [&] {
    sqlite3* h = nullptr;
    sqlite3_stmt* st = nullptr;
    int n = 0;
    if (sqlite3_open_v2(db.c_str(), &h, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK &&
        sqlite3_prepare_v2(h, "SELECT count(*) FROM documents", -1, &st, nullptr) == SQLITE_OK &&
        sqlite3_step(st) == SQLITE_ROW)
      n = sqlite3_column_int(st, 0);
    sqlite3_finalize(st);
    sqlite3_close(h);
    return n;
  };
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  while (std::chrono::steady_clock::now() < deadline && (!fs::exists(db) || documents() == 0))
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  sqlite3* h = nullptr;
  sqlite3_open(db.c_str(), &h);
  sqlite3_busy_timeout(h, 10000);
  if (sqlite3_exec(h, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr) == SQLITE_OK) {
    held = true;
    std::this_thread::sleep_for(hold);
    sqlite3_exec(h, "COMMIT", nullptr, nullptr, nullptr);
  }
  sqlite3_close(h);
}

TEST(DatasetSafety, ABuildWaitsForAnotherWritersLockAndSaysSo) {
  TempDir dir("lock-wait");
  for (int i = 0; i < kLockDocuments; ++i)
    write_file(dir / "in" / ("r" + std::to_string(i) + ".txt"), long_report(testing::scaled(512 << 10), i));
  const fs::path db = dir / "d.sqlite";
  std::atomic<bool> held = false;
  // Longer than the 5 s a build used to wait before it gave up with exit 2.
  std::thread other([&] { hold_lock_after_first_document(db, std::chrono::milliseconds(5500), held); });
  const auto r = run_jixiao("corpus build " + (dir / "in").string() + " --db " + db.string() + " -j 2");
  other.join();
  ASSERT_TRUE(held) << "the other connection never took the lock";
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(query_one(db, "SELECT count(*) FROM documents WHERE status = 'ok'"), std::to_string(kLockDocuments));
  EXPECT_NE(r.err.find(" s for another process's write lock"), std::string::npos) << r.err;
}

TEST(DatasetSafety, ABuildGivesUpAfterTheLockTimeoutSayingWhy) {
  TempDir dir("lock-timeout");
  for (int i = 0; i < kLockDocuments; ++i)
    write_file(dir / "in" / ("r" + std::to_string(i) + ".txt"), long_report(testing::scaled(512 << 10), i));
  const fs::path db = dir / "d.sqlite";
  std::atomic<bool> held = false;
  std::thread other([&] { hold_lock_after_first_document(db, std::chrono::milliseconds(3000), held); });
  const auto r =
      run_jixiao("corpus build " + (dir / "in").string() + " --db " + db.string() + " -j 2 --lock-timeout 1");
  other.join();
  ASSERT_TRUE(held) << "the other connection never took the lock";
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.err.find(db.string() +
                       ": locked by another process for more than 1 s; gave up waiting for its write lock"),
            std::string::npos)
      << r.err;
  // What was stored is whole; the next build completes it.
  const auto again = run_jixiao("corpus build " + (dir / "in").string() + " --db " + db.string() + " -j 2 --quiet");
  EXPECT_EQ(again.status, 0) << again.err;
  EXPECT_EQ(query_one(db, "SELECT count(*) FROM documents WHERE status = 'ok'"), std::to_string(kLockDocuments));
}

TEST(DatasetSafety, OutputThatCannotBeWrittenIsExitTwoNamingIt) {
  if (!fs::exists("/dev/full")) GTEST_SKIP() << "no /dev/full on this system";
  TempDir dir("dev-full");
  const fs::path db = built_dataset(dir);
  write_file(dir / "paths.txt", (dir / "in").string() + "\n");
  const auto map = run_jixiao("corpus map < " + (dir / "paths.txt").string() + " > /dev/full");
  EXPECT_EQ(map.status, 2);
  EXPECT_NE(map.err.find("jixiao: cannot write the records to standard output: No space left on device"),
            std::string::npos)
      << map.err;
  for (const std::string& command : {"corpus stats --db " + db.string(), "corpus export --db " + db.string(),
                                     "corpus export --format csv --table paths --db " + db.string()}) {
    const auto r = run_jixiao(command + " > /dev/full");
    EXPECT_EQ(r.status, 2) << command;
    EXPECT_NE(r.err.find("jixiao: cannot write to standard output: No space left on device"), std::string::npos)
        << command << ": " << r.err;
  }
}

}  // namespace
}  // namespace jixiao
