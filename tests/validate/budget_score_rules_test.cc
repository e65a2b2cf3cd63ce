// budget.score on hand-built budget lines: a form's budget score against
// 分值 × 执行率, within the printed precision of the score and the rate, the
// rate capped at 100%; a difference is only ever a warning.

#include <gtest/gtest.h>

#include "checks.h"

namespace jixiao {
namespace {

using model::BudgetLine;
using model::Finding;
using model::Report;
using model::Severity;
using text::Decimal;

Decimal d(const char* s) {
  auto v = Decimal::parse(s);
  if (!v) ADD_FAILURE() << "bad decimal in test: " << s;
  return v.value_or(Decimal());
}

// A 年度资金总额 line scored `score` of `max` at a printed rate (in percent).
Report form(const char* max, const char* score, const char* rate) {
  BudgetLine bl;
  bl.label = "年度资金总额";
  bl.budget.value = d("350.00");
  bl.executed.value = d("336.00");
  bl.rate = d(rate);
  bl.max = d(max);
  bl.score = d(score);
  bl.score_span.line = 7;
  bl.rate_span.line = 7;
  Report r;
  r.budget_lines.push_back(bl);
  return r;
}

std::vector<Finding> check(const Report& r) {
  validate::internal::Findings out;
  validate::internal::check_budget_scores(r, out);
  return out.take();
}

TEST(BudgetScore, TheScoreOfTheRateWithinPrintedPrecisionIsNoFinding) {
  EXPECT_TRUE(check(form("10", "9.6", "96.00")).empty());
  EXPECT_TRUE(check(form("10", "9.61", "96.05")).empty());
  EXPECT_TRUE(check(form("10", "9.8", "98.02")).empty());  // 9.802 printed to one decimal
}

TEST(BudgetScore, ARateAbove100PercentGivesTheMax) {
  EXPECT_TRUE(check(form("10", "10", "102.40")).empty());
}

TEST(BudgetScore, ARoundedOrCappedScoreIsAWarningNeverAnError) {
  const std::vector<Finding> f = check(form("10", "9.5", "91.11"));
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].rule, "budget.score");
  EXPECT_EQ(f[0].severity, Severity::kWarning);
  EXPECT_EQ(f[0].stated, "9.5");
  EXPECT_EQ(f[0].computed, "9.11");
}

TEST(BudgetScore, ALineWithoutAScoreIsNotChecked) {
  Report r = form("10", "9.5", "91.11");
  r.budget_lines[0].score.reset();
  EXPECT_TRUE(check(r).empty());
}

}  // namespace
}  // namespace jixiao
