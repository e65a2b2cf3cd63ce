// The synthetic reports of ../shared/corpus/samples/ against their truth files:
// totals, grades, bands, level-1 and level-2 figures, level-3 indicators, the
// planted score.* findings, and nothing beyond what the truth allows.

#include <nlohmann/json.hpp>

#include <fstream>

#include "jixiao/validate/rules.h"
#include "support/test_support.h"

namespace jixiao {
namespace {

using nlohmann::json;
using testing::opt_string;

// The rules jixiao has so far: planted findings of other rules (budget.change,
// figure.conflict…) are not expected yet.
bool is_implemented(const std::string& rule) { return validate::find_rule(rule) != nullptr; }

class SampleTruth : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    const std::string base = testing::shared_path("corpus/samples/" + GetParam());
    JIXIAO_REQUIRE_FILE(base + ".txt");
    JIXIAO_REQUIRE_FILE(base + ".truth.json");
    std::ifstream in(base + ".truth.json");
    truth_ = json::parse(in);
    doc_ = testing::analyze_or_fail(base + ".txt");
  }
  const model::Report& report() const { return doc_.report; }
  json truth_;
  pipeline::AnalyzedDocument doc_;
};

TEST_P(SampleTruth, Metadata) {
  EXPECT_EQ(report().title, truth_["title"].get<std::string>());
  EXPECT_EQ(report().unit, truth_["evaluated_unit"].get<std::string>());
  EXPECT_EQ(report().year, truth_["year"].get<int>());
  EXPECT_EQ(report().commissioner, truth_["commissioning_agency"].get<std::string>());
  EXPECT_EQ(report().evaluator, truth_["evaluation_agency"].get<std::string>());
}

TEST_P(SampleTruth, TotalGradeAndBands) {
  EXPECT_EQ(opt_string(report().total.max), truth_["total"]["max"].get<std::string>());
  EXPECT_EQ(opt_string(report().total.score), truth_["total"]["score"].get<std::string>());
  EXPECT_EQ(report().grade(), truth_["grade"]["stated"].get<std::string>());
  const json& bands = truth_["grade_bands"];
  ASSERT_EQ(report().grade_bands.size(), bands.size());
  for (std::size_t i = 0; i < bands.size(); ++i) {
    const auto& b = report().grade_bands[i];
    const json& t = bands[i];
    EXPECT_EQ(b.grade, t["grade"].get<std::string>());
    const std::string lower = b.lower ? b.lower->to_string() : "0";
    EXPECT_EQ(lower, t["lower"].get<std::string>()) << b.grade;
    EXPECT_EQ(b.lower_inclusive, t["lower_inclusive"].get<bool>()) << b.grade;
    EXPECT_EQ(opt_string(b.upper), t["upper"].get<std::string>()) << b.grade;
    EXPECT_EQ(b.upper_inclusive, t["upper_inclusive"].get<bool>()) << b.grade;
    EXPECT_EQ(b.span.line, truth_["grade_bands_line"].get<int>()) << b.grade;
  }
}

TEST_P(SampleTruth, IndicatorTree) {
  for (const char* level : {"level1", "level2", "level3"}) {
    for (const json& e : truth_[level]) {
      std::vector<std::string> path;
      for (const char* key : {"level1", "level2"})
        if (e.contains(key)) path.push_back(e[key].get<std::string>());
      path.push_back(e["name"].get<std::string>());
      testing::expect_figures(report(), path, e["max"].get<std::string>(), e["score"].get<std::string>());
    }
  }
  EXPECT_EQ(testing::count_level(report(), 1), static_cast<int>(truth_["level1"].size()));
  EXPECT_EQ(testing::count_level(report(), 2), static_cast<int>(truth_["level2"].size()));
  EXPECT_EQ(testing::count_level(report(), 3), truth_["level3_count"].get<int>());
  const json& counts = truth_["indicator_counts"];
  ASSERT_EQ(report().count_statements.size(), 1u);
  const auto& c = report().count_statements[0];
  EXPECT_EQ(c.level1, counts["stated"]["level1"].get<int>());
  EXPECT_EQ(c.level2, counts["stated"]["level2"].get<int>());
  EXPECT_EQ(c.level3, counts["stated"]["level3"].get<int>());
  EXPECT_EQ(c.span.line, counts["line"].get<int>());
}

// Every planted error of an implemented rule is found, citing its line, with
// the truth's stated and computed figures; every finding is one the truth
// plants or accepts.
TEST_P(SampleTruth, PlantedFindingsAndNothingElse) {
  std::vector<bool> used(report().findings.size(), false);
  for (const json& p : truth_["planted"]) {
    const std::string rule = p["rule"].get<std::string>();
    if (!is_implemented(rule)) continue;
    bool found = false;
    for (std::size_t k = 0; k < report().findings.size(); ++k) {
      const auto& f = report().findings[k];
      if (f.rule != rule || !testing::cites_line(f, p["line"].get<int>())) continue;
      EXPECT_EQ(f.severity, p["severity"] == "error" ? model::Severity::kError : model::Severity::kWarning);
      if (p.contains("stated") && rule != "score.grade-bands") {
        EXPECT_EQ(f.stated, p["stated"].get<std::string>());
      }
      if (p.contains("computed") && rule != "score.grade-bands") {
        EXPECT_EQ(f.computed, p["computed"].get<std::string>());
      }
      found = used[k] = true;
    }
    EXPECT_TRUE(found) << "planted " << p["id"] << " " << rule << " at line " << p["line"];
  }
  for (std::size_t k = 0; k < report().findings.size(); ++k) {
    if (used[k]) continue;
    const auto& f = report().findings[k];
    bool acceptable = false;
    for (const json& a : truth_["also_acceptable"]) {
      if (a["rule"] != f.rule) continue;
      const std::string severity = a.value("severity", std::string("error"));
      // "warning only" entries accept a warning, never an error.
      if (severity.starts_with("warning") && f.severity != model::Severity::kWarning) continue;
      acceptable = true;
    }
    EXPECT_TRUE(acceptable) << "unexpected " << f.rule << ": " << f.message;
  }
  if (truth_["expect_no_findings"].get<bool>()) {
    EXPECT_TRUE(report().findings.empty());
  }
}

INSTANTIATE_TEST_SUITE_P(Samples, SampleTruth,
                         ::testing::Values("p1-baixi-linye-2018", "p2-linzhu-jiaoyu-xiangmu-2023",
                                           "p3-songquan-canlian-2024", "p4-wutang-sifa-2017"));

}  // namespace
}  // namespace jixiao
