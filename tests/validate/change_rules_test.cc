// budget.change on hand-built changes, and budget.rate for rates whose budget
// stands in another sentence: changes that reconcile within printed precision
// give nothing, a real difference is an error, a rounding or a base matched by
// its label elsewhere a warning, an increase above this year's amount an
// impossible base.

#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <vector>

#include "checks.h"

namespace jixiao {
namespace {

using model::BudgetFigure;
using model::BudgetLine;
using model::Finding;
using model::Report;
using model::Severity;
using model::StatedChange;
using text::Decimal;

Decimal d(const char* s) {
  auto v = Decimal::parse(s);
  if (!v) ADD_FAILURE() << "bad decimal in test: " << s;
  return v.value_or(Decimal());
}

extract::SourceSpan at(int line, const std::string& text = "") {
  extract::SourceSpan s;
  s.document = "test.txt";
  s.line = line;
  s.text = text;
  return s;
}

BudgetFigure money(const char* value, int exponent, int line, const char* label = "") {
  BudgetFigure f;
  f.value = d(value);
  f.exponent = exponent;
  f.span = at(line, value);
  f.label = label;
  return f;
}

StatedChange change(StatedChange::Kind kind, const char* stated, bool increase, std::optional<BudgetFigure> current,
                    std::optional<BudgetFigure> previous, int line = 10, int exponent = 4) {
  StatedChange c;
  c.kind = kind;
  c.label = "部门支出";
  c.stated = d(stated);
  c.exponent = kind == StatedChange::Kind::kAmount ? exponent : 0;
  c.increase = increase;
  c.span = at(line, "部门支出比上年…");
  c.current = std::move(current);
  c.previous = std::move(previous);
  return c;
}

constexpr auto kPercent = StatedChange::Kind::kPercent;
constexpr auto kAmount = StatedChange::Kind::kAmount;

std::vector<Finding> run_changes(std::vector<StatedChange> changes) {
  Report r;
  r.changes = std::move(changes);
  validate::internal::Findings out;
  validate::internal::check_budget_changes(r, out);
  return out.take();
}

std::vector<Finding> run_rates(std::vector<BudgetLine> lines) {
  Report r;
  r.budget_lines = std::move(lines);
  validate::internal::Findings out;
  validate::internal::check_budget_rates(r, out);
  return out.take();
}

TEST(BudgetChange, PercentChangesThatReconcileGiveNothing) {
  // (842.10 - 765.55) / 765.55 = 9.9993%: printed 10.0% (9.95..10.05) agrees.
  EXPECT_TRUE(run_changes({change(kPercent, "10.0", true, money("842.10", 4, 5), money("765.55", 4, 5))}).empty());
  // A decrease: (27.30 - 31.50) / 31.50 = -13.33%.
  EXPECT_TRUE(run_changes({change(kPercent, "13.33", false, money("27.30", 4, 7), money("31.50", 4, 7))}).empty());
  // 13.4% only because the amounts' last digits are rounded: (27.304 - 31.495) / 31.495 = -13.307%,
  // (27.295 - 31.505) / 31.505 = -13.363%: 13.35 is out of reach, 13.36 is.
  EXPECT_TRUE(run_changes({change(kPercent, "13.36", false, money("27.30", 4, 7), money("31.50", 4, 7))}).empty());
  // Amounts in different units: 1.2 亿元 against 10000 万元 is +20%.
  EXPECT_TRUE(run_changes({change(kPercent, "20", true, money("1.2", 8, 3), money("10000", 4, 4))}).empty());
}

TEST(BudgetChange, PercentChangeThatDisagreesIsAnError) {
  // (990.00 - 900.00) / 900.00 = 10.00%, stated 12.5%.
  const auto f = run_changes({change(kPercent, "12.5", true, money("990.00", 4, 5), money("900.00", 4, 5))});
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].rule, "budget.change");
  EXPECT_EQ(f[0].severity, Severity::kError);
  EXPECT_EQ(f[0].stated, "12.5%");
  EXPECT_EQ(f[0].computed, "10.00%");
  ASSERT_EQ(f[0].spans.size(), 3u);
  EXPECT_EQ(f[0].spans[0].line, 10);  // the statement first
  EXPECT_EQ(f[0].roles.size(), 3u);
  EXPECT_NE(f[0].arithmetic.find("(990.00 - 900.00) / 900.00"), std::string::npos) << f[0].arithmetic;
}

TEST(BudgetChange, SignOfTheChangeCounts) {
  // The amounts fell by 10%: a stated increase of 10% is wrong.
  const auto f = run_changes({change(kPercent, "10", true, money("90.00", 4, 5), money("100.00", 4, 5))});
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].stated, "10%");
  EXPECT_EQ(f[0].computed, "-10.00%");
  EXPECT_TRUE(run_changes({change(kPercent, "10", false, money("90.00", 4, 5), money("100.00", 4, 5))}).empty());
}

TEST(BudgetChange, AmountChanges) {
  // 642.18 - 598.03 = 44.15: right, and an amount that looks off by a cent
  // but is within the printed precision of three figures (44.16 vs 44.15 ± 0.015).
  EXPECT_TRUE(run_changes({change(kAmount, "44.15", true, money("642.18", 4, 5), money("598.03", 4, 5))}).empty());
  EXPECT_TRUE(run_changes({change(kAmount, "44.16", true, money("642.18", 4, 5), money("598.03", 4, 5))}).empty());
  const auto f = run_changes({change(kAmount, "46.15", true, money("642.18", 4, 5), money("598.03", 4, 5))});
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].severity, Severity::kError);
  EXPECT_EQ(f[0].stated, "46.15万元");
  EXPECT_EQ(f[0].computed, "44.15万元");
  // A decrease stated as such: 12.40 - 15.10 = -2.70.
  EXPECT_TRUE(run_changes({change(kAmount, "2.70", false, money("12.40", 4, 6), money("15.10", 4, 6))}).empty());
  // A stated amount in 元 against amounts in 万元: 15.10 - 12.40 = 2.70万元 = 27000元.
  EXPECT_TRUE(
      run_changes({change(kAmount, "27000", false, money("12.40", 4, 6), money("15.10", 4, 6), 10, 0)}).empty());
}

TEST(BudgetChange, OnlyARoundedWholeNumberReconcilesIsAWarning) {
  // 36 - 30 = 6 exactly, stated 6.3: only if 36 and 30 万元 were rounded.
  const auto f = run_changes({change(kAmount, "6.3", true, money("36", 4, 5), money("30", 4, 5))});
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].severity, Severity::kWarning);
}

TEST(BudgetChange, AmountsMatchedByLabelElsewhereAreAWarning) {
  // Both amounts found on other lines than the statement and than each other.
  const auto f = run_changes({change(kPercent, "12.5", true, money("990.00", 4, 30), money("900.00", 4, 50))});
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].severity, Severity::kWarning);
  EXPECT_NE(f[0].message.find("scope may differ"), std::string::npos) << f[0].message;
  // The same two amounts side by side in one table row are no guess: an error.
  const auto g = run_changes({change(kPercent, "12.5", true, money("990.00", 4, 30), money("900.00", 4, 30))});
  ASSERT_EQ(g.size(), 1u);
  EXPECT_EQ(g[0].severity, Severity::kError);
}

TEST(BudgetChange, IncreaseAboveThisYearsAmountImpliesANegativeBase) {
  // This year's budget 3 万元, said to be 4.15 万元 above last year's: last year -1.15.
  const auto f = run_changes({change(kAmount, "4.15", true, money("3", 4, 40), std::nullopt)});
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].severity, Severity::kError);
  EXPECT_EQ(f[0].stated, "4.15万元");
  EXPECT_EQ(f[0].computed, "-1.15万元");
  EXPECT_NE(f[0].message.find("上年预算不可能为负"), std::string::npos) << f[0].message;
  // An increase below this year's amount is possible, and so is one that
  // equals it (the previous year had nothing).
  EXPECT_TRUE(run_changes({change(kAmount, "2.15", true, money("3", 4, 40), std::nullopt)}).empty());
  EXPECT_TRUE(run_changes({change(kAmount, "3.00", true, money("3", 4, 40), std::nullopt)}).empty());
  // 3 - 3.24 < 0 only if 3 万元 is exact; a 3 万元 rounded from 3.4 reconciles it: a warning.
  const auto g = run_changes({change(kAmount, "3.24", true, money("3", 4, 40), std::nullopt)});
  ASSERT_EQ(g.size(), 1u);
  EXPECT_EQ(g[0].severity, Severity::kWarning);
  // 3.2 carries its half unit: 3.25 - 3.235 >= 0, nothing certain.
  EXPECT_TRUE(run_changes({change(kAmount, "3.24", true, money("3.2", 4, 40), std::nullopt)}).empty());
}

TEST(BudgetChange, DecreaseAbovePreviousYearsAmount) {
  // Last year 1.50 万元, this year said to be 2.00 万元 less.
  const auto f = run_changes({change(kAmount, "2.00", false, std::nullopt, money("1.50", 4, 40))});
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].severity, Severity::kError);
  EXPECT_EQ(f[0].computed, "-0.50万元");
  // A percent change with one amount says nothing checkable here.
  EXPECT_TRUE(run_changes({change(kPercent, "300", true, money("3", 4, 40), std::nullopt)}).empty());
}

BudgetLine remote_line(const char* budget, const char* budget_label, const char* executed, const char* rate,
                       const std::string& rate_text) {
  BudgetLine bl;
  bl.label = budget_label;
  bl.budget = money(budget, 4, 300, budget_label);
  bl.executed = money(executed, 0, 20, "2021年度“三公”经费决算数");
  bl.rate = d(rate);
  bl.rate_span = at(20, rate_text);
  bl.budget_elsewhere = true;
  return bl;
}

TEST(BudgetRateElsewhere, SameBudgetWordIsAnError) {
  // 4820.50 元 of a 3 万元 年初预算 is 16.07%, not 8.2%.
  const auto f = run_rates({remote_line("3", "“三公经费”年初预算安排", "4820.50", "8.2", "完成年初预算的 8.2%")});
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].rule, "budget.rate");
  EXPECT_EQ(f[0].severity, Severity::kError);
  EXPECT_EQ(f[0].stated, "8.2%");
  EXPECT_EQ(f[0].computed, "16.07%");
  EXPECT_EQ(f[0].spans.size(), 3u);
  EXPECT_EQ(f[0].spans[2].line, 300);
  EXPECT_NE(f[0].message.find("line 300"), std::string::npos) << f[0].message;
}

TEST(BudgetRateElsewhere, ADifferentBudgetWordIsAWarning) {
  // The rate names 年初预算; the figure found is a 预算数 (it may include later additions).
  const auto f = run_rates({remote_line("3", "“三公经费”全年预算数", "4820.50", "8.2", "完成年初预算的 8.2%")});
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].severity, Severity::kWarning);
  EXPECT_NE(f[0].message.find("scope may differ"), std::string::npos) << f[0].message;
}

TEST(BudgetRateElsewhere, ARateThatReconcilesGivesNothing) {
  // 4820.50 / 30000 = 16.068%: printed 16.1%.
  EXPECT_TRUE(
      run_rates({remote_line("3", "“三公经费”年初预算安排", "4820.50", "16.1", "完成年初预算的 16.1%")}).empty());
}

TEST(BudgetRateInterval, WholeRatesStandForHalfAUnit) {
  // 97.8 / 100.0 = 97.8%: printed 98% stands for 97.5..98.5.
  BudgetLine bl;
  bl.budget = money("100.0", 4, 1);
  bl.executed = money("97.8", 4, 1);
  bl.rate = d("98");
  bl.rate_span = at(1, "执行率 98%");
  EXPECT_TRUE(run_rates({bl}).empty());
  bl.rate = d("99");
  const auto f = run_rates({bl});
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].severity, Severity::kError);
  EXPECT_EQ(f[0].computed, "97.80%");
}

}  // namespace
}  // namespace jixiao
