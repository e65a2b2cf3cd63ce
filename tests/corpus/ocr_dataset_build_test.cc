// Issue 14, `jixiao corpus build` over a directory that mixes a scan and text
// PDFs, end to end through the binary: the scan's pages are read by OCR
// (--ocr auto, the default), and the dataset says so -- the documents' OCR
// page counts and confidence, the ocr_pages table, the record, `corpus stats`
// and the build's summary; with --ocr never the scan is a document without
// a text layer, which the next build with OCR reads; `corpus map` writes the
// OCR pages into its records and `--from-jsonl` loads them.
//
// The scans are made at test time from our own PDFs (corpus_test_support.h)
// and kept to one or two pages: OCR takes seconds a page.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#include "corpus_test_support.h"

namespace jixiao {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;
using testing::query;
using testing::query_one;
using testing::run_jixiao;
using testing::TempDir;

using Rows = std::vector<std::vector<std::string>>;

class OcrDatasetBuild : public ::testing::Test {
 protected:
  void SetUp() override {
    // The cover and the first body page of a report, scanned; two text PDFs.
    if (const std::string why = testing::make_scan("tests/data/pdf/qinghe-wenlv-2022.pdf", 1, 2, dir_ / "in/scan.pdf");
        !why.empty())
      FAIL() << why;
    for (const char* name : {"lanxi-nongye-2021.pdf", "qinghe-wenlv-2022-errors.pdf"})
      fs::copy_file(testing::source_path(std::string("tests/data/pdf/") + name), dir_ / "in" / name);
  }
  std::string build(const std::string& options = "") const {
    return "corpus build " + (dir_ / "in").string() + " --db " + db_.string() + " -j 2 " + options;
  }
  std::string in(const std::string& name) const { return (dir_ / "in" / name).string(); }

  TempDir dir_{"ocr-dataset"};
  fs::path db_ = dir_ / "d.sqlite";
};

TEST_F(OcrDatasetBuild, TheScansPagesAreInTheDatasetAndItsStats) {
  const auto r = run_jixiao(build());
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_NE(r.err.find("3 reports; 3 processed (0 failed)"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("; 2 pages read by OCR;"), std::string::npos) << r.err;

  // Per document: pages read by OCR, 0 for the text PDFs.
  EXPECT_EQ(query(db_, "SELECT path, status, format, ocr_page_count FROM documents ORDER BY path"),
            (Rows{{in("lanxi-nongye-2021.pdf"), "ok", "pdf", "0"},
                  {in("qinghe-wenlv-2022-errors.pdf"), "ok", "pdf", "0"},
                  {in("scan.pdf"), "ok", "pdf", "2"}}));
  EXPECT_EQ(query_one(db_, "SELECT count(*) FROM documents WHERE ocr_confidence IS NOT NULL"), "1");
  const double confidence = std::stod(query_one(db_, "SELECT ocr_confidence FROM documents WHERE ocr_page_count > 0"));
  EXPECT_GT(confidence, 50);  // a clean 300 dpi print reads at about 90
  EXPECT_LE(confidence, 100);

  // Page by page, as the record's source.ocr_pages.
  const Rows pages = query(db_,
                           "SELECT o.seq, o.page, o.words, o.guessed_words, o.timed_out FROM ocr_pages AS o "
                           "JOIN documents AS d USING (sha256) WHERE d.path LIKE '%scan.pdf' ORDER BY o.seq");
  ASSERT_EQ(pages.size(), 2u);
  const json source = json::parse(query_one(db_, "SELECT record FROM documents WHERE path LIKE '%scan.pdf'"))
                          .at("document")
                          .at("source");
  ASSERT_EQ(source.at("ocr_pages").size(), 2u) << source.dump();
  for (std::size_t i = 0; i < 2; ++i) {
    const json& page = source.at("ocr_pages").at(i);
    EXPECT_EQ(pages[i], (std::vector<std::string>{std::to_string(i), std::to_string(i + 1),
                                                  std::to_string(page.at("words").get<int>()),
                                                  std::to_string(page.at("guessed_words").get<int>()), "0"}));
    EXPECT_GT(page.at("words").get<int>(), 10) << page.dump();  // the cover has its title block, the body a page
  }

  // corpus stats: the pages, the one document they are in, their confidence.
  const auto stats = run_jixiao("corpus stats --db " + db_.string());
  ASSERT_EQ(stats.status, 0) << stats.err;
  char line[128];
  std::snprintf(line, sizeof line, "\npages read by OCR: 2 (1 document), mean confidence %.1f\n", confidence);
  EXPECT_NE(stats.out.find(line), std::string::npos) << stats.out;
  EXPECT_NE(stats.out.find("documents: 3 (3 read, 0 failed)"), std::string::npos) << stats.out;

  // The CSV export has the table.
  const auto csv = run_jixiao("corpus export --db " + db_.string() + " --format csv --table ocr_pages");
  ASSERT_EQ(csv.status, 0) << csv.err;
  EXPECT_EQ(csv.out.substr(0, csv.out.find("\r\n")),
            "sha256,seq,page,words,mean_confidence,guessed_words,rulings,skew_degrees,timed_out");
  EXPECT_EQ(std::count(csv.out.begin(), csv.out.end(), '\n'), 3);

  // Again: nothing new, nothing read again.
  const auto again = run_jixiao(build());
  ASSERT_EQ(again.status, 0) << again.err;
  EXPECT_NE(again.err.find("0 processed (0 failed), 3 already in the dataset"), std::string::npos) << again.err;
  EXPECT_EQ(again.err.find("read by OCR"), std::string::npos) << again.err;
}

TEST_F(OcrDatasetBuild, WithOcrNeverTheScanHasNoTextLayerUntilABuildWithOcr) {
  const auto r = run_jixiao(build("--ocr never"));
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.err.find("read by OCR"), std::string::npos) << r.err;
  const Rows scan =
      query(db_, "SELECT status, failure, error, ocr_page_count FROM documents WHERE path LIKE '%scan.pdf'");
  ASSERT_EQ(scan.size(), 1u);
  EXPECT_EQ(scan[0][0], "error");
  EXPECT_EQ(scan[0][1], "unreadable");
  EXPECT_NE(scan[0][2].find("no text layer"), std::string::npos) << scan[0][2];
  EXPECT_EQ(scan[0][3], "NULL");
  EXPECT_EQ(query_one(db_, "SELECT count(*) FROM ocr_pages"), "0");
  const auto stats = run_jixiao("corpus stats --db " + db_.string());
  EXPECT_NE(stats.out.find("\npages read by OCR: 0\n"), std::string::npos) << stats.out;

  // A build that OCRs reads the scan again (it failed only for want of OCR), and nothing else.
  const auto ocr = run_jixiao(build());
  ASSERT_EQ(ocr.status, 0) << ocr.err;
  EXPECT_NE(ocr.err.find("3 reports; 1 processed (0 failed), 2 already in the dataset"), std::string::npos)
      << ocr.err;
  EXPECT_EQ(query(db_, "SELECT status, failure, ocr_page_count FROM documents WHERE path LIKE '%scan.pdf'"),
            (Rows{{"ok", "NULL", "2"}}));
  // Read, it stays read: a build with OCR off does not touch it.
  const auto off = run_jixiao(build("--ocr never"));
  EXPECT_NE(off.err.find("3 reports; 0 processed (0 failed), 3 already in the dataset"), std::string::npos)
      << off.err;
  EXPECT_EQ(query_one(db_, "SELECT status FROM documents WHERE path LIKE '%scan.pdf'"), "ok");
}

TEST_F(OcrDatasetBuild, MapWritesTheOcrPagesAndALoadKeepsThem) {
  // One page, the cover: a record with its OCR page, loaded into a dataset.
  const fs::path cover = dir_ / "cover.pdf";
  ASSERT_EQ(testing::make_scan("tests/data/pdf/qinghe-wenlv-2022.pdf", 1, 1, cover), "");
  const fs::path records = dir_ / "records.jsonl";
  testing::write_file(dir_ / "paths.txt", cover.string() + "\n");
  const auto map = run_jixiao("corpus map < " + (dir_ / "paths.txt").string() + " > " + records.string());
  ASSERT_EQ(map.status, 0) << map.err;
  const json record = json::parse(testing::read_file(records));
  ASSERT_EQ(record.at("status"), "ok") << record.dump();
  const json& pages = record.at("document").at("source").at("ocr_pages");
  ASSERT_EQ(pages.size(), 1u) << pages.dump();
  EXPECT_EQ(pages[0].at("page"), 1);

  const auto load = run_jixiao("corpus build --from-jsonl " + records.string() + " --db " + db_.string());
  ASSERT_EQ(load.status, 0) << load.err;
  EXPECT_NE(load.err.find("; 1 page read by OCR"), std::string::npos) << load.err;
  EXPECT_EQ(query(db_, "SELECT ocr_page_count FROM documents"), (Rows{{"1"}}));
  EXPECT_EQ(query(db_, "SELECT page, words FROM ocr_pages"),
            (Rows{{"1", std::to_string(pages[0].at("words").get<int>())}}));
}

}  // namespace
}  // namespace jixiao
