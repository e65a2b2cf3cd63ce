// The jixiao executable as a user runs it: exit statuses, output formats and
// one-line errors for unusable input.

#include <nlohmann/json.hpp>

#include <array>
#include <cstdio>
#include <fstream>
#include <sys/wait.h>
#include <unistd.h>

#include "support/command.h"
#include "support/test_support.h"

namespace jixiao {
namespace {

using testing::CommandResult;

CommandResult run(const std::string& args) { return testing::run_jixiao(args); }

std::string write_temp(const std::string& name, const std::string& bytes) {
  const std::string path = testing::private_temp(name);
  std::ofstream(path, std::ios::binary) << bytes;
  return path;
}

std::string sample(const std::string& name) { return testing::source_path("samples/" + name); }

TEST(Cli, ConsistentReportExitsZeroWithNoOutput) {
  const CommandResult r = run("check " + sample("qinghe-wenlv-2022.txt"));
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.out, "");
}

TEST(Cli, ErrorsExitOneWithCompilerStyleDiagnostics) {
  const CommandResult r = run("check " + sample("qinghe-wenlv-2022-errors.txt"));
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.out.find("qinghe-wenlv-2022-errors.txt:219: error[score.rate]: "), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("| line 219: "), std::string::npos);  // the quoted source
}

TEST(Cli, SeverityAndRuleFilters) {
  const CommandResult only_rate = run("check --rule score.rate " + sample("qinghe-wenlv-2022-errors.txt"));
  EXPECT_NE(only_rate.out.find("[score.rate]"), std::string::npos);
  EXPECT_EQ(only_rate.out.find("[score.sum]"), std::string::npos);
  const CommandResult warnings = run("check --severity warning " + sample("qinghe-wenlv-2022-errors.txt"));
  EXPECT_EQ(warnings.out.find("error["), std::string::npos);
}

TEST(Cli, JsonContract) {
  const CommandResult r = run("check --format json " + sample("qinghe-wenlv-2022-errors.txt"));
  EXPECT_EQ(r.status, 1);
  const auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["schema"], "jixiao/1");
  EXPECT_EQ(j["source"]["format"], "text");
  EXPECT_EQ(j["source"]["encoding"], "UTF-8");
  EXPECT_EQ(j["source"]["sha256"].get<std::string>().size(), 64u);
  EXPECT_EQ(j["report"]["total_max"], "100");
  EXPECT_EQ(j["report"]["total_score"], "86.5");
  EXPECT_TRUE(j["report"]["year"].is_number());
  ASSERT_TRUE(j["indicators"].is_array());
  const auto& first = j["indicators"][0];
  EXPECT_TRUE(first["level"].is_number());
  EXPECT_TRUE(first["max"].is_string());
  EXPECT_TRUE(first["path"].is_array());
  EXPECT_FALSE(first["observations"].empty());
  EXPECT_TRUE(first["observations"][0]["span"]["line"].is_number());
  bool rate_seen = false;
  for (const auto& f : j["findings"]) {
    EXPECT_TRUE(f["stated"].is_string());
    EXPECT_FALSE(f["spans"].empty());
    if (f["rule"] == "score.rate") {
      rate_seen = true;
      EXPECT_EQ(f["stated"], "80%");
      EXPECT_EQ(f["spans"][0]["line"], 219);
    }
  }
  EXPECT_TRUE(rate_seen);
}

TEST(Cli, ManyFilesInJsonAreOneDocumentPerLine) {
  const CommandResult r = run("extract --format json " + sample("qinghe-wenlv-2022.txt") + " " + sample("lanxi-nongye-2021.txt"));
  EXPECT_EQ(r.status, 0);
  std::size_t lines = 0, start = 0;
  while (start < r.out.size()) {
    const std::size_t end = r.out.find('\n', start);
    EXPECT_NO_THROW(nlohmann::json::parse(r.out.substr(start, end - start)));
    ++lines;
    start = end + 1;
  }
  EXPECT_EQ(lines, 2u);
}

TEST(Cli, UnusableInputExitsTwoNamingTheFile) {
  const std::string empty = write_temp("empty.txt", "");
  CommandResult r = run("check " + empty);
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.err.find(empty + ": empty file"), std::string::npos) << r.err;

  const std::string latin1 = write_temp("latin1.txt", "score \xE9t\xE9\n");
  r = run("check " + latin1);
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.err.find("not valid UTF-8 at byte 6"), std::string::npos) << r.err;

  r = run("check /nonexistent/report.txt");
  EXPECT_EQ(r.status, 2);

  // A bad file among good ones: the good ones are still checked.
  r = run("check " + empty + " " + sample("qinghe-wenlv-2022-errors.txt"));
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.out.find("[score.rate]"), std::string::npos);
  std::remove(empty.c_str());
  std::remove(latin1.c_str());
}

TEST(Cli, BudgetFindingsShowTheArithmeticAndEveryFigure) {
  const CommandResult r = run("check --rule budget.sum " + sample("qinghe-wenlv-2022-errors.txt"));
  EXPECT_EQ(r.status, 1);
  // One sentence in Chinese and English, the arithmetic, and each figure with its role, line and source text.
  EXPECT_NE(r.out.find("error[budget.sum]: 实际支出：分项合计 10.66万元 ≠ 总额 10.46万元 (the parts sum to"), std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("arithmetic: 2.38 + 8.28 = 10.66万元"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("| 总额 total: 实际支出, line 52: 10.46 万元"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("+ 分项 part: 公务用车运行维护费, line 52: 8.28 万元"), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("[score."), std::string::npos) << "--rule selects one rule";
}

TEST(Cli, UsageErrorsExitTwo) {
  EXPECT_EQ(run("").status, 2);
  EXPECT_EQ(run("check").status, 2);
  EXPECT_EQ(run("check --format xml " + sample("qinghe-wenlv-2022.txt")).status, 2);
}

TEST(Cli, HelpVersionAndRules) {
  CommandResult r = run("--version");
  EXPECT_EQ(r.status, 0);
  EXPECT_NE(r.out.find("jixiao "), std::string::npos);
  for (const char* cmd : {"--help", "check --help", "extract --help", "rules --help"}) EXPECT_EQ(run(cmd).status, 0) << cmd;
  r = run("rules");
  EXPECT_EQ(r.status, 0);
  for (const char* rule : {"score.sum", "score.rate", "score.exceeds-max", "score.grade", "score.grade-bands",
                           "score.cross-source", "indicator.count"})
    EXPECT_NE(r.out.find(rule), std::string::npos) << rule;
}

TEST(Cli, ExtractPrintsTheTree) {
  const CommandResult r = run("extract " + sample("lanxi-nongye-2021.txt"));
  EXPECT_EQ(r.status, 0);
  EXPECT_NE(r.out.find("total:        85.5 / 100  grade 良"), std::string::npos) << r.out;
}

}  // namespace
}  // namespace jixiao
