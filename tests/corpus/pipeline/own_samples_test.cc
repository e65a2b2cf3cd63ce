// The repository's own sample reports (samples/*.txt) against their
// samples/*.expected.json: two fully consistent reports give zero findings,
// and the errors copy gives exactly its planted findings.

#include <nlohmann/json.hpp>

#include <fstream>

#include "support/test_support.h"

namespace jixiao {
namespace {

using nlohmann::json;
using testing::opt_string;

class OwnSample : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    const std::string base = testing::source_path("samples/" + GetParam());
    std::ifstream in(base + ".expected.json");
    ASSERT_TRUE(in) << base << ".expected.json";
    expected_ = json::parse(in);
    doc_ = testing::analyze_or_fail(base + ".txt");
  }
  const model::Report& report() const { return doc_.report; }
  json expected_;
  pipeline::AnalyzedDocument doc_;
};

TEST_P(OwnSample, Records) {
  EXPECT_EQ(opt_string(report().total.max), expected_["total_max"].get<std::string>());
  EXPECT_EQ(opt_string(report().total.score), expected_["total_score"].get<std::string>());
  EXPECT_EQ(report().grade(), expected_["grade"].get<std::string>());
  EXPECT_EQ(testing::count_level(report(), 1), expected_["counts"]["level1"].get<int>());
  EXPECT_EQ(testing::count_level(report(), 2), expected_["counts"]["level2"].get<int>());
  EXPECT_EQ(testing::count_level(report(), 3), expected_["counts"]["level3"].get<int>());
  for (const char* level : {"level1", "level2", "level3"}) {
    for (const json& e : expected_[level]) {
      std::vector<std::string> path;
      for (const char* key : {"level1", "level2"})
        if (e.contains(key)) path.push_back(e[key].get<std::string>());
      path.push_back(e["name"].get<std::string>());
      testing::expect_figures(report(), path, e["max"].get<std::string>(), e["score"].get<std::string>());
    }
  }
}

TEST_P(OwnSample, ExactlyThePlantedFindings) {
  std::vector<bool> used(report().findings.size(), false);
  for (const json& e : expected_["findings"]) {
    const std::string rule = e["rule"].get<std::string>();
    const int line = e["line"].get<int>();
    bool found = false;
    for (std::size_t k = 0; k < report().findings.size(); ++k) {
      if (report().findings[k].rule == rule && testing::cites_line(report().findings[k], line)) found = used[k] = true;
    }
    if (!e.value("optional", false)) {
      EXPECT_TRUE(found) << rule << " at line " << line;
    }
  }
  for (std::size_t k = 0; k < used.size(); ++k)
    EXPECT_TRUE(used[k]) << "unexpected " << report().findings[k].rule << ": " << report().findings[k].message;
}

INSTANTIATE_TEST_SUITE_P(Samples, OwnSample,
                         ::testing::Values("qinghe-wenlv-2022", "qinghe-wenlv-2022-errors", "lanxi-nongye-2021"));

// Every rule of the foundation is planted in the errors copy, and the
// consistent original differs from it only in those lines.
TEST(OwnSamples, ErrorsCopyCoversEveryScoreRule) {
  auto doc = testing::analyze_or_fail(testing::source_path("samples/qinghe-wenlv-2022-errors.txt"));
  for (const char* rule : {"score.sum", "score.rate", "score.exceeds-max", "score.grade", "score.grade-bands",
                           "score.cross-source", "indicator.count"}) {
    bool seen = false;
    for (const auto& f : doc.report.findings) seen = seen || (f.rule == rule && f.severity == model::Severity::kError);
    EXPECT_TRUE(seen) << rule;
  }
}

}  // namespace
}  // namespace jixiao
