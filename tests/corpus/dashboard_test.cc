// The dashboard of a dataset (corpus/src/dashboard_query.cc, dashboard_page.cc,
// dashboard_table.cc): what Store::dashboard reads agrees with the tables, the
// limits bound what the page lists and say what they left out, and text from
// the dataset reaches the page only escaped.
#include "jixiao/corpus/dashboard.h"

#include <gtest/gtest.h>
#include <sqlite3.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <numeric>
#include <sstream>
#include <string>

#include "corpus_test_support.h"
#include "jixiao/corpus/store.h"
#include "jixiao/extract/sha256.h"
#include "jixiao/output/record.h"
#include "jixiao/pipeline/pipeline.h"

namespace jixiao::corpus {
namespace {

namespace fs = std::filesystem;
using testing::query;
using testing::read_file;
using testing::write_file;

const std::string kSource = JIXIAO_SOURCE_DIR;
const std::string kErrors = kSource + "/samples/qinghe-wenlv-2022-errors.txt";
const std::string kClean = kSource + "/samples/qinghe-wenlv-2022.txt";
const std::string kLanxi = kSource + "/samples/lanxi-nongye-2021.txt";
const std::string kHostile = R"(<script>alert(1)</script>&amp;<img src=x onerror="document.title='pwned'">)";

std::string record_for(const std::string& path) {
  return output::make_record(path, extract::sha256_hex(read_file(path)), pipeline::analyze_file(path));
}

// The -errors sample with hostile markup in its unit and in a line a finding quotes.
std::string hostile_report() {
  std::string text = read_file(kErrors);
  const auto put = [&](std::string_view before) {
    const std::size_t at = text.find(before);
    EXPECT_NE(at, std::string::npos) << before;
    if (at != std::string::npos) text.insert(at + before.size(), kHostile);
  };
  put("预算单位：");
  put("评价组设计的指标体系");  // the whole line is indicator.count's quote
  return text;
}

std::size_t occurrences(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (std::size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + what.size())) ++n;
  return n;
}

std::size_t sum(const std::vector<std::vector<std::size_t>>& counts) {
  std::size_t n = 0;
  for (const auto& row : counts) n = std::accumulate(row.begin(), row.end(), n);
  return n;
}

class DashboardTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    dir_ = fs::temp_directory_path() / ("jixiao-dashboard_test-" + std::to_string(::getpid()) + "-" + info->name());
    fs::remove_all(dir_);
    db_ = dir_ / "reports.sqlite";
    write_file(dir_ / "hostile.txt", hostile_report());
    auto store = Store::open(db_.string());
    ASSERT_TRUE(store.has_value()) << store.error();
    for (const std::string& path : {kErrors, kClean, kLanxi, (dir_ / "hostile.txt").string()})
      ASSERT_TRUE(store->add_record(record_for(path)).has_value()) << path;
    ASSERT_TRUE(store->add_record(output::make_failure_record("slow.pdf", std::string(64, 'a'), "timed out after 60 s",
                                                              output::Failure::kTimeout))
                    .has_value());
  }
  void TearDown() override { fs::remove_all(dir_); }

  Dashboard read(const DashboardLimits& limits = {}) {
    StoreOptions options;
    options.read_only = true;
    auto store = Store::open(db_.string(), options);
    EXPECT_TRUE(store.has_value()) << store.error();
    if (!store) std::abort();
    auto d = store->dashboard(limits);
    EXPECT_TRUE(d.has_value()) << d.error();
    if (!d) std::abort();
    return std::move(*d);
  }

  fs::path dir_, db_;
};

TEST_F(DashboardTest, AgreesWithTheTables) {
  const Dashboard d = read();
  EXPECT_EQ(d.documents, 5u);
  EXPECT_EQ(d.ok, 4u);
  EXPECT_EQ(d.failed, 1u);
  EXPECT_EQ(d.failures, (std::vector<std::pair<std::string, std::size_t>>{{"timeout", 1}}));
  EXPECT_EQ(d.with_error_findings, 2u);  // the -errors sample and its hostile twin
  EXPECT_EQ(std::to_string(d.findings), query(db_, "SELECT count(*) FROM findings")[0][0]);

  // Rules by severity, with findings and documents, as SQL counts them.
  const auto rules = query(db_,
                           "SELECT rule, severity, count(*), count(DISTINCT sha256) FROM findings "
                           "GROUP BY rule, severity ORDER BY 3 DESC, rule, severity");
  ASSERT_EQ(d.rules.size(), rules.size());
  for (std::size_t i = 0; i < rules.size(); ++i) {
    EXPECT_EQ(d.rules[i].rule, rules[i][0]);
    EXPECT_EQ(d.rules[i].severity, rules[i][1]);
    EXPECT_EQ(std::to_string(d.rules[i].findings), rules[i][2]);
    EXPECT_EQ(std::to_string(d.rules[i].documents), rules[i][3]);
  }

  // Every document listed in path order, every finding detailed.
  ASSERT_EQ(d.listed.size(), 5u);
  for (std::size_t i = 1; i < d.listed.size(); ++i) EXPECT_LT(d.listed[i - 1].path, d.listed[i].path);
  std::size_t detailed = 0;
  for (const DashboardDocument& doc : d.listed) {
    EXPECT_EQ(doc.detailed.size(), doc.findings) << doc.path;
    EXPECT_EQ(doc.findings, doc.error_findings + doc.warning_findings) << doc.path;
    detailed += doc.detailed.size();
  }
  EXPECT_EQ(detailed, d.findings);
  const DashboardDocument& failed = d.listed.back();  // "slow.pdf" sorts after "/…"
  EXPECT_EQ(failed.path, "slow.pdf");
  EXPECT_FALSE(failed.ok);
  EXPECT_EQ(failed.failure, "timeout");
  EXPECT_EQ(failed.error, "timed out after 60 s");
}

TEST_F(DashboardTest, SpreadsCountEveryDocumentReadOnce) {
  const Dashboard d = read();
  for (const Spread* s : {&d.scores_by_year, &d.grades_by_year, &d.scores_by_region, &d.grades_by_region}) {
    EXPECT_EQ(sum(s->counts), d.ok);
    EXPECT_EQ(s->counts.size(), s->groups.size());
    for (const auto& row : s->counts) EXPECT_EQ(row.size(), s->categories.size());
  }
  EXPECT_EQ(d.scores_by_year.groups, (std::vector<std::string>{"2021", "2022"}));
  EXPECT_EQ(d.scores_by_year.categories.size(), std::size(kScoreBands));
  // The samples' units are counties' bureaus: a county does not say its city.
  EXPECT_EQ(d.scores_by_region.groups, (std::vector<std::string>{std::string(kUnknownRegion)}));
  EXPECT_EQ(d.grades_by_year.categories.front(), "优秀");  // the most frequent grade first
}

TEST_F(DashboardTest, LimitsBoundThePageAndSayWhatTheyLeftOut) {
  const Dashboard d = read({.documents = 2, .findings_per_document = 3, .findings = 4});
  ASSERT_EQ(d.listed.size(), 2u);
  std::size_t detailed = 0;
  for (const DashboardDocument& doc : d.listed) {
    EXPECT_TRUE(!doc.ok || doc.error_findings > 0) << doc.path;  // the documents with errors or failures first
    EXPECT_LE(doc.detailed.size(), 3u);
    detailed += doc.detailed.size();
  }
  EXPECT_LE(detailed, 4u);
  const std::string page = render_dashboard(d);
  EXPECT_NE(page.find("listed 2 of 5 documents"), std::string::npos);
  EXPECT_NE(page.find("details for at most 3 findings per document and 4 in all: " + std::to_string(detailed) +
                      " of the dataset's " + std::to_string(d.findings)),
            std::string::npos);
  EXPECT_NE(page.find("more findings not detailed here"), std::string::npos);
}

TEST_F(DashboardTest, TextFromTheDatasetIsEscaped) {
  const std::string page = render_dashboard(read());
  // Our one script, pinned by the CSP, and nothing of the report's.
  EXPECT_EQ(occurrences(page, "<script"), 1u);
  EXPECT_EQ(page.find("<img"), std::string::npos);
  EXPECT_EQ(page.find("onerror=\""), std::string::npos);
  EXPECT_NE(page.find("script-src 'sha256-"), std::string::npos);
  // The hostile text as text: the finding quotes it as written, the unit as the reader normalized it.
  EXPECT_NE(page.find("&lt;script&gt;alert(1)&lt;/script&gt;&amp;amp;&lt;img src=x onerror=&quot;document.title=&#39;"
                      "pwned&#39;&quot;&gt;"),
            std::string::npos);
  EXPECT_GE(occurrences(page, "&lt;script&gt;alert"), 2u);  // the unit in the table and in its section
  // Every document has a row, and every one with findings or a failure a section the row links to.
  EXPECT_EQ(occurrences(page, "<tr data-status="), 5u);
  EXPECT_EQ(occurrences(page, "<div class=\"doc\" id=\"doc-"), 3u);  // -errors, hostile, the timeout
  EXPECT_EQ(occurrences(page, "<a href=\"#doc-"), 3u);
}

TEST_F(DashboardTest, AnEmptyDatasetHasAPageToo) {
  fs::remove(db_);
  ASSERT_TRUE(Store::open(db_.string()).has_value());
  const Dashboard d = read();
  EXPECT_EQ(d.documents, 0u);
  EXPECT_TRUE(d.listed.empty());
  const std::string page = render_dashboard(d);
  EXPECT_NE(page.find("no data"), std::string::npos);
  EXPECT_NE(page.find("</html>"), std::string::npos);
}

}  // namespace
}  // namespace jixiao::corpus
