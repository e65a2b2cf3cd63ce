// The published seed report (../shared/corpus/yanzhou-2020.txt): its records,
// and exactly the score inconsistencies it really contains.

#include <algorithm>

#include "support/test_support.h"

namespace jixiao {
namespace {

using normalize::Finding;
using normalize::Severity;
using testing::find_indicator;
using testing::opt_string;

class SeedReport : public ::testing::Test {
 protected:
  void SetUp() override {
    path_ = testing::shared_path("corpus/yanzhou-2020.txt");
    JIXIAO_REQUIRE_FILE(path_);
    doc_ = testing::analyze_or_fail(path_);
  }
  const normalize::Report& report() const { return doc_.report; }
  std::vector<const Finding*> findings(const std::string& rule, Severity severity) const {
    std::vector<const Finding*> out;
    for (const auto& f : report().findings)
      if (f.rule == rule && f.severity == severity) out.push_back(&f);
    return out;
  }
  std::string path_;
  corpus::AnalyzedDocument doc_;
};

TEST_F(SeedReport, Metadata) {
  EXPECT_EQ(report().title, "济宁市兖州区社会保险服务中心2020年部门整体支出绩效评价报告");
  EXPECT_EQ(report().unit, "济宁市兖州区社会保险服务中心");
  EXPECT_EQ(report().year, 2020);
  EXPECT_EQ(report().commissioner, "济宁市兖州区财政局");
  EXPECT_EQ(report().evaluator, "山东德睿融投资咨询有限公司");
  EXPECT_EQ(doc_.document.encoding, "UTF-8");
  EXPECT_EQ(doc_.document.sha256.size(), 64u);
}

TEST_F(SeedReport, TotalAndGrade) {
  EXPECT_EQ(opt_string(report().total.max), "100");
  EXPECT_EQ(opt_string(report().total.score), "81");
  EXPECT_EQ(report().grade(), "良");
  // Both tables' total rows and both total statements are kept.
  int rows = 0, statements = 0;
  for (const auto& o : report().total.observations) {
    rows += o.kind == normalize::SourceKind::kSubtotalRow;
    statements += o.kind == normalize::SourceKind::kTotalStatement;
  }
  EXPECT_EQ(rows, 2);
  EXPECT_EQ(statements, 2);
}

TEST_F(SeedReport, TreeShapeMatchesStatedCounts) {
  EXPECT_EQ(testing::count_level(report(), 1), 4);
  EXPECT_EQ(testing::count_level(report(), 2), 11);
  EXPECT_EQ(testing::count_level(report(), 3), 34);
  ASSERT_EQ(report().count_statements.size(), 1u);
  EXPECT_EQ(report().count_statements[0].level3, 34);
}

TEST_F(SeedReport, EveryLevel3HasTheResultsTableFigures) {
  struct Expected {
    std::vector<std::string> path;
    const char* max;
    const char* score;
    const char* rate;
  };
  const Expected kExpected[] = {
      {{"投入", "部门职能", "战略规划和工作计划"}, "3", "3", "100"},
      {{"投入", "目标设定", "绩效目标合理性"}, "3", "1", "33.3"},
      {{"投入", "预算配置", "重点支出安排率"}, "3", "2", "66.7"},
      {{"过程", "预算控制", "“三公经费”控制率"}, "2", "2", "100"},
      {{"过程", "资产管理", "资产管理安全性"}, "2", "1", "50"},
      {{"产出", "职责履行", "保险工作实施监督管理"}, "5", "4", "80"},
      {{"产出", "产出效果", "完成及时性"}, "4", "4", "100"},
      {{"效益", "履职效益", "社会公众满意度"}, "4", "3", "75"},
      {{"效益", "发展能力", "可持续性"}, "3", "2", "66.7"},
  };
  for (const auto& e : kExpected) {
    const int i = find_indicator(report(), e.path);
    ASSERT_GE(i, 0) << e.path.back();
    EXPECT_EQ(opt_string(report().indicators[i].max), e.max) << e.path.back();
    EXPECT_EQ(opt_string(report().indicators[i].score), e.score) << e.path.back();
    EXPECT_EQ(opt_string(report().indicators[i].rate), e.rate) << e.path.back();
  }
  for (const auto& ind : report().indicators) {
    EXPECT_TRUE(ind.max.has_value()) << ind.name;
    EXPECT_TRUE(ind.score.has_value()) << ind.name;
  }
}

TEST_F(SeedReport, LevelsOneAndTwo) {
  const std::pair<std::vector<std::string>, std::pair<const char*, const char*>> kExpected[] = {
      {{"投入"}, {"20", "13"}},           {{"过程"}, {"30", "26"}},
      {{"产出"}, {"32", "28"}},           {{"效益"}, {"18", "14"}},
      {{"投入", "目标设定"}, {"6", "2"}}, {{"过程", "预算管理"}, {"8", "6"}},
      {{"产出", "产出效果"}, {"12", "12"}}, {{"效益", "履职效益"}, {"12", "9"}},
  };
  for (const auto& [path, figures] : kExpected) {
    const int i = find_indicator(report(), path);
    ASSERT_GE(i, 0) << path.back();
    EXPECT_EQ(opt_string(report().indicators[i].max), figures.first) << path.back();
    EXPECT_EQ(opt_string(report().indicators[i].score), figures.second) << path.back();
  }
}

TEST_F(SeedReport, EachIndicatorKeepsEveryPlaceItIsStated) {
  // 经济效益: two results tables, the narrative and the annex.
  const int i = find_indicator(report(), {"效益", "履职效益", "经济效益"});
  ASSERT_GE(i, 0);
  std::vector<int> lines;
  for (const auto& o : report().indicators[i].observations) lines.push_back(o.span.line);
  EXPECT_EQ(report().indicators[i].observations.size(), 4u);
  EXPECT_NE(std::find(lines.begin(), lines.end(), 158), lines.end());
  EXPECT_NE(std::find(lines.begin(), lines.end(), 925), lines.end());
}

TEST_F(SeedReport, GradingScaleHasAHoleBetween60And70) {
  ASSERT_EQ(report().grade_bands.size(), 4u);
  const auto gaps = findings("score.grade-bands", Severity::kError);
  ASSERT_EQ(gaps.size(), 1u);
  EXPECT_EQ(gaps[0]->computed, "gap (60, 70)");
  EXPECT_TRUE(testing::cites_line(*gaps[0], 516));
  EXPECT_TRUE(testing::cites_line(*gaps[0], 518));
}

TEST_F(SeedReport, AnnexMaximaThatDifferFromTheTable) {
  const auto errors = findings("score.cross-source", Severity::kError);
  std::vector<int> lines;
  for (const Finding* f : errors) {
    EXPECT_EQ(f->stated, "3");
    EXPECT_EQ(f->computed, "4");
    lines.push_back(f->spans.front().line);
  }
  std::sort(lines.begin(), lines.end());
  EXPECT_EQ(lines, (std::vector<int>{925, 926, 928}));  // 经济效益, 社会效益, 社会公众满意度
}

TEST_F(SeedReport, NamesPrintedDifferentlyAreWarnings) {
  std::vector<std::string> stated;
  for (const Finding* f : findings("score.cross-source", Severity::kWarning)) stated.push_back(f->stated);
  std::sort(stated.begin(), stated.end());
  std::vector<std::string> expected = {
      "产出",              // the 效益 section's "产出指标满分为18分" statement
      "产出指标",          // the annex's name for 产出效果
      "保险工作监督管理",  // narrative
      "保险工作监督管理",  // annex
      "战略规划和工作规划", "生态效益",  // annex-only indicator
      "社会公众或服务对象满意度", "预算信息公开性", "预算管理制度健全性",
  };
  std::sort(expected.begin(), expected.end());
  EXPECT_EQ(stated, expected);
}

TEST_F(SeedReport, NothingThatReconciles) {
  for (const char* rule : {"score.sum", "score.rate", "score.exceeds-max", "score.grade", "indicator.count"}) {
    EXPECT_TRUE(findings(rule, Severity::kError).empty()) << rule;
    EXPECT_TRUE(findings(rule, Severity::kWarning).empty()) << rule;
  }
  EXPECT_EQ(report().findings.size(), 13u);
}

}  // namespace
}  // namespace jixiao
