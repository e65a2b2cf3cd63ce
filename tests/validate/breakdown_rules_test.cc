// budget.sum on hand-built breakdowns: parts that reconcile within printed
// precision give nothing, a real difference is an error, a short 主要用于 list
// a warning, a whole number that may be rounded a warning.

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "checks.h"

namespace jixiao {
namespace {

using model::Breakdown;
using model::BudgetFigure;
using model::Finding;
using model::Report;
using model::Severity;
using text::Decimal;

BudgetFigure money(const char* value, int exponent, int line, const char* label = "") {
  BudgetFigure f;
  auto v = Decimal::parse(value);
  if (!v) ADD_FAILURE() << "bad decimal in test: " << value;
  f.value = v.value_or(Decimal());
  f.exponent = exponent;
  f.span.document = "test.txt";
  f.span.line = line;
  f.span.text = value;
  f.label = label;
  return f;
}

Breakdown breakdown(BudgetFigure total, std::vector<BudgetFigure> parts, bool partial = false,
                    const char* connective = "其中") {
  Breakdown b;
  b.total = std::move(total);
  b.parts = std::move(parts);
  b.partial = partial;
  b.connective = connective;
  return b;
}

std::vector<Finding> run(const Breakdown& b) {
  Report r;
  r.breakdowns.push_back(b);
  validate::internal::Findings out;
  validate::internal::check_budget_sums(r, out);
  return out.take();
}

TEST(BudgetSum, PartsThatLookOffByCentsButAgreeWithinPrecision) {
  // 120.33 + 15.2 + 38 + 6.71 = 180.24, stated 180.2 (180.15..180.25): agrees.
  EXPECT_TRUE(run(breakdown(money("180.2", 4, 1), {money("120.33", 4, 1), money("15.2", 4, 1), money("38", 4, 1),
                                                    money("6.71", 4, 1)}))
                  .empty());
  // Seven parts, the sum 0.04 below the total: 300.1 ± 0.05 against
  // 100.01 + 50.02 + 40.01 + 30.01 + 20 + 40.01 + 20 = 300.06 ± 0.025 (tight).
  EXPECT_TRUE(run(breakdown(money("300.1", 4, 2), {money("100.01", 4, 2), money("50.02", 4, 2), money("40.01", 4, 2),
                                                    money("30.01", 4, 2), money("20", 4, 2), money("40.01", 4, 2),
                                                    money("20", 4, 2)}))
                  .empty());
  // Exactly equal, with mixed units (0 万元 + 4210.36 元 + 0 万元 = 4210.36 元).
  EXPECT_TRUE(run(breakdown(money("4210.36", 0, 3), {money("0", 4, 3), money("4210.36", 0, 3), money("0", 4, 3)}))
                  .empty());
}

TEST(BudgetSum, RealDifferenceIsAnError) {
  const auto f = run(breakdown(money("960.40", 4, 7, "部门支出预算"), {money("512.30", 4, 7), money("438.10", 4, 7)}));
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].rule, "budget.sum");
  EXPECT_EQ(f[0].severity, Severity::kError);
  EXPECT_EQ(f[0].stated, "960.40万元");
  EXPECT_EQ(f[0].computed, "950.40万元");
  EXPECT_EQ(f[0].tolerance, "0.015万元");  // both half widths: 0.005 + 0.01
  ASSERT_EQ(f[0].spans.size(), 3u);
  ASSERT_EQ(f[0].roles.size(), 3u);
  EXPECT_EQ(f[0].roles[0], "总额 total: 部门支出预算");  // the role names the figure's label
  EXPECT_TRUE(f[0].roles[2].starts_with("分项 part")) << f[0].roles[2];
  EXPECT_EQ(f[0].arithmetic, "512.30 + 438.10 = 950.40万元 (±0.01万元); stated 960.40万元 (±0.005万元)");
  EXPECT_NE(f[0].message.find("分项合计 950.40万元 ≠ 总额 960.40万元"), std::string::npos) << f[0].message;
}

TEST(BudgetSum, PartsAboveThePartialTotalAreStillAnError) {
  const auto f = run(breakdown(money("100", 4, 1), {money("70", 4, 1), money("40", 4, 1)}, true, "主要用于"));
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].severity, Severity::kError);
  EXPECT_EQ(f[0].computed, "110万元");
}

TEST(BudgetSum, ShortPartialListIsAWarning) {
  const auto f = run(breakdown(money("250.6", 4, 4), {money("120.3", 4, 4), money("80", 4, 4)}, true, "主要用于"));
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].severity, Severity::kWarning);
  EXPECT_EQ(f[0].computed, "200.3万元");
  EXPECT_NE(f[0].message.find("主要用于"), std::string::npos) << f[0].message;
  // The same list without 主要用于 is an error.
  const auto g = run(breakdown(money("250.6", 4, 4), {money("120.3", 4, 4), money("80", 4, 4)}));
  ASSERT_EQ(g.size(), 1u);
  EXPECT_EQ(g[0].severity, Severity::kError);
}

TEST(BudgetSum, PartialListBelowHalfOfItsTotalIsAnError) {
  // "基本支出 3360.8 万元，主要用于 …" with uses that cover a fifth of it.
  const auto f = run(breakdown(money("3360.8", 4, 5, "基本支出"),
                               {money("410.25", 4, 5), money("27", 4, 5), money("230.5", 4, 5)}, true, "主要用于"));
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].severity, Severity::kError);
  EXPECT_EQ(f[0].stated, "3360.8万元");
  EXPECT_EQ(f[0].computed, "667.75万元");
}

TEST(BudgetSum, RoundedWholeNumberIsAWarning) {
  // 158 万元 may be 158.1 万元 rounded: 100.06 + 58.04 = 158.10.
  const auto f = run(breakdown(money("158", 4, 6), {money("100.06", 4, 6), money("58.04", 4, 6)}));
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].severity, Severity::kWarning);
  EXPECT_EQ(f[0].stated, "158万元");
  EXPECT_EQ(f[0].computed, "158.10万元");
  // In 元 a whole number is exact: 158 元 against 158.10 元 is an error.
  const auto g = run(breakdown(money("158", 0, 6), {money("100.06", 0, 6), money("58.04", 0, 6)}));
  ASSERT_EQ(g.size(), 1u);
  EXPECT_EQ(g[0].severity, Severity::kError);
}

TEST(BudgetSum, MixedUnitsAreSummedInTheSmallestUnit) {
  const auto f = run(breakdown(money("0.6", 4, 8), {money("3000", 0, 8), money("0.1", 4, 8)}));
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].severity, Severity::kError);
  EXPECT_EQ(f[0].stated, "0.6万元");
  EXPECT_EQ(f[0].computed, "4000元");
  EXPECT_EQ(f[0].arithmetic, "3000元 + 0.1万元 = 4000元 (±500元); stated 0.6万元 (±0.05万元)");
}

TEST(BudgetSum, SinglePartIsNotChecked) {
  EXPECT_TRUE(run(breakdown(money("47.5", 4, 9), {money("12", 4, 9)})).empty());
}

}  // namespace
}  // namespace jixiao
