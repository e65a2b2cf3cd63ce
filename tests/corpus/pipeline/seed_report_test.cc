// The published seed report (../shared/corpus/yanzhou-2020.txt): its records,
// and exactly the score, budget and figure inconsistencies it really contains.

#include <algorithm>

#include "support/test_support.h"

namespace jixiao {
namespace {

using model::Finding;
using model::Severity;
using testing::find_indicator;
using testing::opt_string;

class SeedReport : public ::testing::Test {
 protected:
  void SetUp() override {
    path_ = testing::shared_path("corpus/yanzhou-2020.txt");
    JIXIAO_REQUIRE_FILE(path_);
    doc_ = testing::analyze_or_fail(path_);
  }
  const model::Report& report() const { return doc_.report; }
  std::vector<const Finding*> findings(const std::string& rule, Severity severity) const {
    std::vector<const Finding*> out;
    for (const auto& f : report().findings)
      if (f.rule == rule && f.severity == severity) out.push_back(&f);
    return out;
  }
  std::string path_;
  pipeline::AnalyzedDocument doc_;
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
    rows += o.kind == model::SourceKind::kSubtotalRow;
    statements += o.kind == model::SourceKind::kTotalStatement;
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

// One budget or figure finding as the seed report really contains it.
struct Expected {
  const char* rule;
  Severity severity;
  int line;
  const char* stated;
  const char* computed;
};

// Every budget, ratio, change, per-unit and repeated-figure inconsistency of the
// seed report, with the stated and computed values an auditor would write down.
constexpr Expected kBudgetFindings[] = {
    // "三公"经费决算数 3165.74 元，完成年初预算的 7.9%; the 年初预算安排 is 2 万元 (line 634).
    {"budget.rate", Severity::kError, 81, "7.9%", "15.83%"},
    // 公务用车购置及运行维护费 3165.74 元 here, 公务用车运行维护费 3165 元 in the expense lists (lines 75, 298).
    {"figure.conflict", Severity::kError, 81, "3165.74元", "3165元"},
    // 600 元 x 2635 名 = 158.1 万元, printed 158 万元 (twice): a rounded whole number could explain it.
    {"budget.per-unit", Severity::kWarning, 109, "158万元", "158.1万元"},
    {"budget.per-unit", Severity::kWarning, 382, "158万元", "158.1万元"},
    // The same 丧葬补助金 is 158.1 万元 on line 236 and 158 万元 on lines 109 and 382.
    {"figure.conflict", Severity::kWarning, 236, "158.1万元", "158万元"},
    // 基本支出 47213.5 万元 "主要用于" 629.77 + 27 + 4655.67 = 5312.44 万元.
    {"budget.sum", Severity::kError, 296, "47213.5万元", "5312.44万元"},
    // 2634 人 x 600 元 = 158.04 万元, printed 158 万元.
    {"budget.per-unit", Severity::kWarning, 416, "158万元", "158.04万元"},
    // 死亡人员 2634 人 against 2635 名 on lines 109 and 382.
    {"figure.conflict", Severity::kError, 416, "2634", "2635"},
    // 2020 年“三公”经费预算比 2019 年增加 2.54 万元 with a 2020 budget of 2 万元: 2019 would be -0.54 万元.
    {"budget.change", Severity::kError, 588, "2.54万元", "-0.54万元"},
};

TEST_F(SeedReport, EveryBudgetAndFigureInconsistency) {
  std::vector<std::string> got, want;
  for (const auto& f : report().findings) {
    if (f.rule.starts_with("score.") || f.rule == "indicator.count") continue;
    got.push_back(f.rule + (f.severity == Severity::kError ? " error" : " warning") + " line " +
                  std::to_string(f.spans.front().line) + ": " + f.stated + " vs " + f.computed);
    EXPECT_FALSE(f.message.empty());
    EXPECT_FALSE(f.arithmetic.empty()) << f.rule << " at line " << f.spans.front().line;
    EXPECT_GE(f.spans.size(), 2u) << "every figure involved is cited";
  }
  for (const Expected& e : kBudgetFindings)
    want.push_back(std::string(e.rule) + (e.severity == Severity::kError ? " error" : " warning") + " line " +
                   std::to_string(e.line) + ": " + e.stated + " vs " + e.computed);
  std::sort(got.begin(), got.end());
  std::sort(want.begin(), want.end());
  EXPECT_EQ(got, want);
}

TEST_F(SeedReport, FiguresThatReconcileWithinPrintedPrecisionAreNotFlagged) {
  // 收、支总计 47213.5 万元 = 656.77 + 8.19 + 9514 + 5395 + 14535.8 + 11100 + 6003.7 = 47213.46 (±0.16): read, not flagged.
  int checked = 0;
  for (const auto& b : report().breakdowns)
    if (b.total.value.to_string() == "47213.5" && b.parts.size() == 7) ++checked;
  EXPECT_EQ(checked, 2) << "the 收支总计 breakdown is printed on lines 75 and 298";
  // "三公" 0 万元 + 3165.74 元 + 0 万元 = 3165.74 元, in mixed units.
  bool sangong = false;
  for (const auto& b : report().breakdowns)
    sangong = sangong || (b.total.value.to_string() == "3165.74" && b.parts.size() == 3);
  EXPECT_TRUE(sangong);
  // 不低于每人每年 31.8 元 x 12.5 万人 = 397.5 万元 <= 495 (forecast) and <= 475 万元: bounds that hold.
  int bounds = 0;
  for (const auto& p : report().per_unit)
    if (p.bound == text::Qualifier::kAtLeast) ++bounds;
  EXPECT_GE(bounds, 2);
  // No finding is about the statements of lines 75 and 298 themselves (line 81's
  // figure.conflict only cites 298 as the place that prints 3165 元).
  for (const auto& f : report().findings) {
    EXPECT_NE(f.spans.front().line, 298) << f.rule << ": " << f.message;
    EXPECT_NE(f.spans.front().line, 75) << f.rule << ": " << f.message;
  }
}

TEST_F(SeedReport, NothingThatReconciles) {
  for (const char* rule : {"score.sum", "score.rate", "score.exceeds-max", "score.grade", "indicator.count"}) {
    EXPECT_TRUE(findings(rule, Severity::kError).empty()) << rule;
    EXPECT_TRUE(findings(rule, Severity::kWarning).empty()) << rule;
  }
  // 13 score findings (4 errors, 9 warnings) and the 9 budget and figure findings above.
  EXPECT_EQ(report().findings.size(), 22u);
}

}  // namespace
}  // namespace jixiao
