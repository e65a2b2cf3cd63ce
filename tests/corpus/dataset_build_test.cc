// `jixiao corpus build` end to end: a directory and a zip of reports (text and
// PDF, one duplicate, one broken file, one file that is no report) into a
// SQLite dataset; every document once, the broken one with its error, the
// exported JSON lines equal to `jixiao extract --format json` of each file; a
// second run adds nothing; a document that hangs is stopped by --timeout and
// the run goes on.

#include <archive.h>
#include <archive_entry.h>
#include <sqlite3.h>

#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "support/command.h"
#include "support/test_support.h"
#include "corpus_test_support.h"

namespace jixiao {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;
using testing::run_jixiao;

std::string read_file(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

void write_zip(const fs::path& zip, const std::vector<std::pair<std::string, std::string>>& members) {
  archive* a = archive_write_new();
  archive_write_set_format_zip(a);
  ASSERT_EQ(archive_write_open_filename(a, zip.c_str()), ARCHIVE_OK);
  for (const auto& [name, bytes] : members) {
    archive_entry* e = archive_entry_new();
    archive_entry_set_pathname(e, name.c_str());
    archive_entry_set_size(e, static_cast<la_int64_t>(bytes.size()));
    archive_entry_set_filetype(e, AE_IFREG);
    archive_entry_set_perm(e, 0644);
    archive_write_header(a, e);
    archive_write_data(a, bytes.data(), bytes.size());
    archive_entry_free(e);
  }
  archive_write_close(a);
  archive_write_free(a);
}

// Rows of one query as strings ("" for NULL).
std::vector<std::vector<std::string>> query(const fs::path& db, const std::string& sql) {
  return testing::query(db, sql, "");
}

class DatasetBuild : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = testing::private_temp("dataset");
    fs::remove_all(root_);
    fs::create_directories(root_ / "in" / "sub");
    auto copy = [&](const std::string& from, const fs::path& to) {
      fs::copy_file(testing::source_path(from), to, fs::copy_options::overwrite_existing);
    };
    copy("samples/qinghe-wenlv-2022.txt", root_ / "in" / "qinghe.txt");
    copy("samples/lanxi-nongye-2021.txt", root_ / "in" / "lanxi.txt");
    copy("samples/lanxi-nongye-2021.txt", root_ / "in" / "sub" / "lanxi-copy.txt");  // the duplicate
    copy("tests/data/pdf/qinghe-wenlv-2022-errors.pdf", root_ / "in" / "qinghe-errors.pdf");
    copy("tests/data/pdf/truncated.pdf", root_ / "in" / "broken.pdf");                // the broken file
    std::ofstream(root_ / "in" / "notes.docx") << "not a report";                       // skipped
    write_zip(root_ / "batch.zip",
              {{"2022/qinghe-errors.txt", read_file(testing::source_path("samples/qinghe-wenlv-2022-errors.txt"))},
               {"2021/lanxi.pdf", read_file(testing::source_path("tests/data/pdf/lanxi-nongye-2021.pdf"))}});
    db_ = root_ / "reports.sqlite";
  }
  void TearDown() override { fs::remove_all(root_); }

  testing::CommandResult build(const std::string& extra = "") {
    return run_jixiao("corpus build " + (root_ / "in").string() + " " + (root_ / "batch.zip").string() + " --db " +
                      db_.string() + " -j 2 " + extra);
  }

  fs::path root_, db_;
};

TEST_F(DatasetBuild, EveryDocumentOnceTheBrokenOneWithItsError) {
  const auto r = build();
  ASSERT_EQ(r.status, 0) << r.err;
  // Six distinct contents: two texts, one PDF, the broken PDF, and the zip's text and PDF.
  const auto docs = query(db_, "SELECT path, status, error FROM documents ORDER BY path");
  ASSERT_EQ(docs.size(), 6u) << r.err;
  std::map<std::string, std::pair<std::string, std::string>> by_path;
  for (const auto& d : docs) by_path[d[0]] = {d[1], d[2]};
  const std::string in = (root_ / "in").string();
  ASSERT_TRUE(by_path.count(in + "/broken.pdf"));
  EXPECT_EQ(by_path[in + "/broken.pdf"].first, "error");
  EXPECT_NE(by_path[in + "/broken.pdf"].second.find("truncated"), std::string::npos) << by_path[in + "/broken.pdf"].second;
  EXPECT_EQ(by_path[in + "/qinghe.txt"].first, "ok");
  EXPECT_TRUE(by_path.count((root_ / "batch.zip").string() + "!2022/qinghe-errors.txt"));
  // The duplicate is one document with two paths.
  const auto paths = query(db_, "SELECT count(*) FROM paths");
  EXPECT_EQ(paths[0][0], "7");
  const auto lanxi = query(db_, "SELECT count(*) FROM paths p JOIN documents d USING (sha256) WHERE p.path LIKE '%lanxi%.txt'");
  EXPECT_EQ(lanxi[0][0], "2");
  // The rows of a document are there: the errors sample has its findings, with page and line.
  const auto findings = query(db_,
                              "SELECT count(*) FROM findings f JOIN documents d USING (sha256) "
                              "WHERE d.path LIKE '%qinghe-errors.txt' AND f.rule = 'budget.sum' AND f.line = 52");
  EXPECT_EQ(findings[0][0], "1");
  EXPECT_NE(r.err.find("1 other files skipped"), std::string::npos) << r.err;
}

TEST_F(DatasetBuild, ExportedJsonLinesEqualExtractOfEachFile) {
  ASSERT_EQ(build("--quiet").status, 0);
  const auto exported = run_jixiao("corpus export --format jsonl --db " + db_.string());
  ASSERT_EQ(exported.status, 0) << exported.err;
  std::map<std::string, json> by_sha;
  std::istringstream lines(exported.out);
  for (std::string line; std::getline(lines, line);) {
    const json j = json::parse(line);
    if (j.contains("source")) by_sha[j["source"]["sha256"].get<std::string>()] = j;
  }
  int compared = 0;
  for (const char* name : {"qinghe.txt", "lanxi.txt", "qinghe-errors.pdf"}) {
    const std::string path = (root_ / "in" / name).string();
    const auto extracted = run_jixiao("extract --format json " + path);
    ASSERT_EQ(extracted.status, 0) << extracted.err;
    const json e = json::parse(extracted.out);
    const std::string sha = e["source"]["sha256"].get<std::string>();
    ASSERT_TRUE(by_sha.count(sha)) << name;
    // Compared as values: a difference prints the first differing key, not two whole documents.
    EXPECT_TRUE(by_sha[sha] == e) << name << ": " << json::diff(by_sha[sha], e).dump().substr(0, 2000);
    ++compared;
  }
  EXPECT_EQ(compared, 3);
}

TEST_F(DatasetBuild, ASecondRunAddsNothing) {
  ASSERT_EQ(build("--quiet").status, 0);
  const auto before = query(db_, "SELECT sha256, path, status FROM documents ORDER BY sha256");
  const auto r = build();
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_NE(r.err.find("0 processed"), std::string::npos) << r.err;
  EXPECT_EQ(query(db_, "SELECT sha256, path, status FROM documents ORDER BY sha256"), before);
  EXPECT_EQ(query(db_, "SELECT count(*) FROM paths")[0][0], "7");
}

TEST_F(DatasetBuild, ADocumentThatTakesTooLongIsStoppedAndTheRunGoesOn) {
  // A long text dense with statements: 12 MB, near the text limit (limits.h),
  // and several seconds of work, over a 1 s limit.
  std::ofstream big(root_ / "in" / "huge.txt");
  for (int i = 0; i < 20000; ++i) {
    for (int k = 0; k < 12; ++k) big << "预算资金" << (i % 900 + 120) << "万元，评价得分85分，执行率95%，";
    big << "\n";
  }
  big.close();
  const auto r = build("--timeout 1 --quiet");
  ASSERT_EQ(r.status, 0) << r.err;
  const auto huge = query(db_, "SELECT status, error FROM documents WHERE path LIKE '%huge.txt'");
  ASSERT_EQ(huge.size(), 1u);
  EXPECT_EQ(huge[0][0], "error");
  EXPECT_EQ(huge[0][1], "timed out after 1 s");
  EXPECT_EQ(query(db_, "SELECT count(*) FROM documents WHERE status = 'ok'")[0][0], "5");
}

TEST_F(DatasetBuild, ARecordOfTheWrongShapeIsReportedAndTheLoadGoesOn) {
  // Records as `corpus map` writes them, with lines of the wrong shape among
  // them. `"status": 5` once aborted the load with an uncaught nlohmann
  // type_error (exit 134).
  const fs::path list = root_ / "list.txt";
  std::ofstream(list) << (root_ / "in" / "qinghe.txt").string() << "\n" << (root_ / "in" / "lanxi.txt").string() << "\n";
  const auto mapped = run_jixiao("corpus map < " + list.string());
  ASSERT_EQ(mapped.status, 0) << mapped.err;
  std::istringstream records(mapped.out);
  std::string first, second;
  ASSERT_TRUE(std::getline(records, first) && std::getline(records, second)) << mapped.out;
  json wrong_status = json::parse(first);
  wrong_status["status"] = 5;
  wrong_status["path"] = "wrong-status.txt";
  json wrong_path = json::parse(second);
  wrong_path["path"] = json::array({"a"});
  const fs::path jsonl = root_ / "records.jsonl";
  std::ofstream(jsonl) << first << "\n"                                  // 1
                       << "{\"path\":\"a.txt\",\"status\":5}\n"          // 2: no schema, status a number
                       << wrong_status.dump() << "\n"                    // 3
                       << "not json\n"                                   // 4
                       << wrong_path.dump() << "\n"                      // 5
                       << second << "\n";                                // 6
  const auto r = run_jixiao("corpus build --from-jsonl " + jsonl.string() + " --db " + db_.string());
  EXPECT_EQ(r.status, 0) << r.err;
  const std::string where = jsonl.string() + ":";
  EXPECT_NE(r.err.find(where + "2: not a jixiao record: record schema is not \"jixiao-record/1\""), std::string::npos)
      << r.err;
  EXPECT_NE(r.err.find(where + "3: not a jixiao record: record status is neither \"ok\" nor \"error\""),
            std::string::npos)
      << r.err;
  EXPECT_NE(r.err.find(where + "4: not a jixiao record: record is not valid JSON"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find(where + "5: not a jixiao record: record has no path"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("2 records; 2 documents added (0 failed), 0 already in the dataset, 4 unreadable"),
            std::string::npos)
      << r.err;
  // The good records are loaded whole; nothing of the bad ones.
  const auto docs = query(db_, "SELECT path, status FROM documents ORDER BY path");
  ASSERT_EQ(docs.size(), 2u);
  EXPECT_EQ(docs[0], (std::vector<std::string>{(root_ / "in" / "lanxi.txt").string(), "ok"}));
  EXPECT_EQ(docs[1], (std::vector<std::string>{(root_ / "in" / "qinghe.txt").string(), "ok"}));
  EXPECT_EQ(query(db_, "SELECT count(*) FROM paths")[0][0], "2");

  // From stdin, the lines are named "stdin:N".
  const auto piped = run_jixiao("corpus build --from-jsonl - --db " + db_.string() + " < " + jsonl.string());
  EXPECT_EQ(piped.status, 0) << piped.err;
  EXPECT_NE(piped.err.find("stdin:2: not a jixiao record"), std::string::npos) << piped.err;
}

TEST_F(DatasetBuild, UnusableArgumentsExitTwo) {
  EXPECT_EQ(run_jixiao("corpus build --db " + db_.string()).status, 2);  // no input
  EXPECT_EQ(build("--shard 3/2").status, 2);
  std::ofstream(root_ / "not-a-db.sqlite") << "this is not a database, it is text long enough to have a header";
  const auto r = run_jixiao("corpus build " + (root_ / "in").string() + " --db " + (root_ / "not-a-db.sqlite").string());
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.err.find("not-a-db.sqlite"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace jixiao
