// budget.per-unit on hand-built per-unit statements: exact agreement within
// printed precision, a whole number that only a rounding explains, a certain
// disagreement, and standards stated as bounds.

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "checks.h"
#include "jixiao/validate/validate.h"
#include "support/test_support.h"

namespace jixiao {
namespace {

using model::BudgetFigure;
using model::Finding;
using model::PerUnitStatement;
using model::Report;
using model::Severity;
using text::Decimal;
using text::Qualifier;

Decimal d(const char* s) {
  auto v = Decimal::parse(s);
  if (!v) ADD_FAILURE() << "bad decimal in test: " << s;
  return v.value_or(Decimal());
}

BudgetFigure fig(const char* value, int exponent, int line, const std::string& text, const std::string& label = "") {
  BudgetFigure f;
  f.value = d(value);
  f.exponent = exponent;
  f.span.document = "test.txt";
  f.span.line = line;
  f.span.text = text;
  f.label = label;
  return f;
}

// count (persons) x standard (元) = amount (万元).
PerUnitStatement statement(const char* count, int count_exponent, const char* standard, const char* amount,
                           Qualifier bound = Qualifier::kExact) {
  PerUnitStatement s;
  const std::string unit = count_exponent == 4 ? " 万人" : " 名";
  s.count = fig(count, count_exponent, 12, std::string(count) + unit);
  s.standard = fig(standard, 0, 11, std::string(standard) + " 元");
  s.standard.qualifier = bound;
  s.amount = fig(amount, 4, 12, std::string(amount) + " 万元", "去世人员家属发放安葬补贴");
  s.bound = bound;
  s.basis = bound == Qualifier::kExact ? "一次性" : "每人每年";
  return s;
}

// The report's counts give the count its printed unit ("412名", "3.2万人").
void add_count(Report& r, const PerUnitStatement& s) {
  model::StatedQuantity sq;
  sq.quantity.kind = text::Quantity::Kind::kCount;
  sq.quantity.value = s.count.value;
  sq.quantity.exponent = s.count.exponent;
  sq.quantity.unit = s.count.exponent == 4 ? "万人" : "名";
  sq.span = s.count.span;
  r.counts.push_back(sq);
}

std::vector<Finding> check(const PerUnitStatement& s) {
  Report r;
  r.per_unit.push_back(s);
  add_count(r, s);
  validate::internal::Findings out;
  validate::internal::check_per_unit(r, out);
  return out.take();
}

TEST(PerUnitRule, ExactProductGivesNothing) {
  EXPECT_TRUE(check(statement("412", 0, "800", "32.96")).empty());  // 412 x 800 = 329600 元
}

TEST(PerUnitRule, RoundedStandardWithinPrecisionGivesNothing) {
  // 148 x 1.15 万元 = 170.20 万元; 1.15 stands for 1.145..1.155, so 170.2 is well inside.
  PerUnitStatement s = statement("148", 0, "1.15", "170.20");
  s.standard = fig("1.15", 4, 11, "1.15 万元");
  EXPECT_TRUE(check(s).empty());
  // Looks off by 0.01 but 1.15 万元 x 148 can be anything from 169.46 to 170.94.
  s.amount = fig("170.21", 4, 12, "170.21 万元");
  EXPECT_TRUE(check(s).empty());
}

TEST(PerUnitRule, WholeNumberThatMayBeRoundedIsAWarning) {
  // 412 x 800 = 32.96 万元, printed 33 万元: only the loose reading of 33 reconciles.
  const auto findings = check(statement("412", 0, "800", "33"));
  ASSERT_EQ(findings.size(), 1u);
  const Finding& f = findings[0];
  EXPECT_EQ(f.rule, "budget.per-unit");
  EXPECT_EQ(f.severity, Severity::kWarning);
  EXPECT_EQ(f.stated, "33万元");
  EXPECT_EQ(f.computed, "32.96万元");
  EXPECT_EQ(f.tolerance, "0.5万元");
  EXPECT_NE(f.message.find("rounded"), std::string::npos) << f.message;
  EXPECT_NE(f.message.find("412名 × 800元 = 32.96万元 ≠"), std::string::npos) << f.message;
  ASSERT_EQ(f.spans.size(), 3u);
  EXPECT_EQ(f.spans[0].text, "33 万元");  // the amount first
  ASSERT_EQ(f.roles.size(), 3u);
  EXPECT_EQ(f.roles[0], "金额 amount: 去世人员家属发放安葬补贴");  // the role names the figure's label
  EXPECT_TRUE(f.roles[1].starts_with("人数 count")) << f.roles[1];
  EXPECT_TRUE(f.roles[2].starts_with("标准 standard")) << f.roles[2];
  EXPECT_EQ(f.arithmetic, "412名 × 800元 = 32.96万元; stated 33万元 (±0万元; ±0.5万元 if the whole numbers are rounded)");
}

TEST(PerUnitRule, CertainDisagreementIsAnError) {
  const auto findings = check(statement("412", 0, "800", "35.96"));
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].severity, Severity::kError);
  EXPECT_EQ(findings[0].stated, "35.96万元");
  EXPECT_EQ(findings[0].computed, "32.96万元");
  EXPECT_EQ(findings[0].tolerance, "0.005万元");
  // A whole number too far off for any rounding is an error too.
  const auto whole = check(statement("412", 0, "800", "40"));
  ASSERT_EQ(whole.size(), 1u);
  EXPECT_EQ(whole[0].severity, Severity::kError);
  EXPECT_EQ(whole[0].computed, "32.96万元");
}

TEST(PerUnitRule, AtLeastBoundThatHoldsGivesNothing) {
  // 3.2 万人 x at least 20 元 = 64 万元 or more; 70 万元 and exactly 64 万元 both hold.
  EXPECT_TRUE(check(statement("3.2", 4, "20", "70", Qualifier::kAtLeast)).empty());
  EXPECT_TRUE(check(statement("3.2", 4, "20", "64", Qualifier::kAtLeast)).empty());
  // The same figures as an exact standard would disagree: the bound is what lets 70 pass.
  EXPECT_FALSE(check(statement("3.2", 4, "20", "70")).empty());
}

TEST(PerUnitRule, AtLeastBoundViolatedIsAnError) {
  const auto findings = check(statement("3.2", 4, "20", "60", Qualifier::kAtLeast));
  ASSERT_EQ(findings.size(), 1u);
  const Finding& f = findings[0];
  EXPECT_EQ(f.severity, Severity::kError);
  EXPECT_EQ(f.stated, "60万元");
  EXPECT_EQ(f.computed, "64万元");
  EXPECT_NE(f.message.find("3.2万人 × 不低于每人每年20元"), std::string::npos) << f.message;
  EXPECT_NE(f.message.find("at least"), std::string::npos) << f.message;
}

TEST(PerUnitRule, AtMostBoundChecksTheOtherSide) {
  EXPECT_TRUE(check(statement("3.2", 4, "20", "60", Qualifier::kAtMost)).empty());
  const auto findings = check(statement("3.2", 4, "20", "70", Qualifier::kAtMost));
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].severity, Severity::kError);
}

TEST(PerUnitRule, CountWithoutItsQuantityFallsBackToTheUnitsPowerOfTen) {
  // Without the report's count record the unit is only the power of ten: "3.2万".
  Report r;
  r.per_unit.push_back(statement("3.2", 4, "20", "60", Qualifier::kAtLeast));
  validate::internal::Findings out;
  validate::internal::check_per_unit(r, out);
  const auto findings = out.take();
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].roles.at(1), "数量 count");
  EXPECT_NE(findings[0].arithmetic.find("3.2万 × 不低于每人每年20元 = 64万元"), std::string::npos) << findings[0].arithmetic;
}

TEST(PerUnitRule, ValidateRunsTheRule) {
  Report r;
  r.per_unit.push_back(statement("412", 0, "800", "35.96"));
  int n = 0;
  for (const Finding& f : validate::validate(r)) n += f.rule == "budget.per-unit" ? 1 : 0;
  EXPECT_EQ(n, 1);
}


// The shared corpus: the seed's 丧葬补助金 figures that only a rounding
// reconciles, and nothing on the samples' per-unit traps.
TEST(PerUnitRuleCorpus, SeedReport) {
  const std::string path = testing::shared_path("corpus/yanzhou-2020.txt");
  JIXIAO_REQUIRE_FILE(path);
  const auto doc = testing::analyze_or_fail(path);
  std::vector<std::string> got;
  for (const Finding& f : doc.report.findings)
    if (f.rule == "budget.per-unit")
      got.push_back(std::to_string(f.spans.at(0).line) + " " + f.stated + " " + f.computed +
                    (f.severity == Severity::kError ? " error" : " warning"));
  EXPECT_EQ(got, (std::vector<std::string>{
                     "109 158万元 158.1万元 warning",   // 2635 x 600 元
                     "382 158万元 158.1万元 warning",   // the same text again
                     "416 158万元 158.04万元 warning",  // 2634 x 600 元, standard on line 414
                 }));
}

TEST(PerUnitRuleCorpus, SamplesHaveNoPerUnitFindings) {
  for (const char* name : {"p1-baixi-linye-2018", "p2-linzhu-jiaoyu-xiangmu-2023", "p3-songquan-canlian-2024",
                           "p4-wutang-sifa-2017"}) {
    const std::string path = testing::shared_path(std::string("corpus/samples/") + name + ".txt");
    JIXIAO_REQUIRE_FILE(path);
    const auto doc = testing::analyze_or_fail(path);
    for (const Finding& f : doc.report.findings)
      EXPECT_NE(f.rule, "budget.per-unit") << name << ": " << f.message;
  }
}

}  // namespace
}  // namespace jixiao
