// The rules on hand-built Reports: each rule fires on the inconsistency it
// names, respects printed precision, and stays quiet on figures that reconcile.

#include <gtest/gtest.h>

#include <algorithm>

#include "jixiao/validate/rules.h"
#include "jixiao/validate/validate.h"

namespace jixiao {
namespace {

using model::Finding;
using model::GradeBand;
using model::Indicator;
using model::Observation;
using model::Report;
using model::Severity;
using model::SourceKind;
using text::Decimal;

Decimal d(const char* s) {
  auto v = Decimal::parse(s);
  if (!v) ADD_FAILURE() << "bad decimal in test: " << s;
  return v.value_or(Decimal());
}

extract::SourceSpan at(int line) {
  extract::SourceSpan s;
  s.document = "test.txt";
  s.line = line;
  s.text = "line " + std::to_string(line);
  return s;
}

Observation obs(SourceKind kind, int line, const char* max, const char* score, const char* rate = nullptr,
                const char* name = "") {
  Observation o;
  o.kind = kind;
  o.name = name;
  if (max) o.max = d(max);
  if (score) o.score = d(score);
  if (rate) o.rate = d(rate);
  o.span = at(line);
  return o;
}

// Adds an indicator with one results-table observation and its canonical figures.
int add(Report& r, int level, const char* name, int parent, const char* max, const char* score, int line,
        const char* rate = nullptr) {
  Indicator ind;
  ind.level = level;
  ind.name = name;
  ind.parent = parent;
  ind.observations.push_back(obs(SourceKind::kResultsTable, line, max, score, rate, name));
  if (max) ind.max = d(max);
  if (score) ind.score = d(score);
  if (rate) ind.rate = d(rate);
  r.indicators.push_back(ind);
  return static_cast<int>(r.indicators.size()) - 1;
}

// A small consistent report: total 100/85, 投入 40/35 (A 20/18, B 20/17), 产出 60/50 (C 60/50).
Report consistent() {
  Report r;
  r.total.max = d("100");
  r.total.score = d("85");
  r.total.observations.push_back(obs(SourceKind::kSubtotalRow, 20, "100", "85", "85", "合计"));
  const int input = add(r, 1, "投入", -1, "40", "35", 10);
  add(r, 2, "A", input, "20", "18", 11, "90");
  add(r, 2, "B", input, "20", "17", 12, "85");
  const int output = add(r, 1, "产出", -1, "60", "50", 13);
  add(r, 2, "C", output, "60", "50", 14, "83.3");
  r.grades.push_back({"良", at(5)});
  return r;
}

std::vector<Finding> of_rule(const std::vector<Finding>& all, const std::string& rule) {
  std::vector<Finding> out;
  std::copy_if(all.begin(), all.end(), std::back_inserter(out), [&](const Finding& f) { return f.rule == rule; });
  return out;
}

GradeBand band(const char* grade, const char* lo, bool lo_in, const char* hi, bool hi_in, int line) {
  GradeBand b;
  b.grade = grade;
  if (lo) b.lower = d(lo);
  b.lower_inclusive = lo_in;
  if (hi) b.upper = d(hi);
  b.upper_inclusive = hi_in;
  b.span = at(line);
  return b;
}

TEST(Rules, ConsistentReportHasNoFindings) {
  for (const auto& f : validate::validate(consistent())) ADD_FAILURE() << f.rule << ": " << f.message;
}

TEST(Rules, CatalogueListsEveryRuleOnce) {
  std::vector<std::string> ids;
  for (const auto& r : validate::rule_catalogue()) ids.emplace_back(r.id);
  const std::vector<std::string> expected = {"score.sum",          "score.rate",         "score.exceeds-max",
                                             "score.grade",        "score.grade-bands",  "score.cross-source",
                                             "indicator.count",    "budget.rate",        "budget.score",
                                             "budget.sum",         "budget.change",      "budget.per-unit",
                                             "figure.conflict",    "table.uncertain",    "table.unread-row"};
  EXPECT_EQ(ids, expected);
  ASSERT_NE(validate::find_rule("score.rate"), nullptr);
  EXPECT_EQ(validate::find_rule("no.such"), nullptr);
}

TEST(Rules, AGuessedFigureMakesAnErrorAWarningAndNamesItsTable) {
  Report r = consistent();
  r.indicators[2].score = d("16");  // B: its children no longer add up
  r.indicators[2].observations[0].score = d("16");
  for (Indicator& ind : r.indicators)
    for (model::Observation& o : ind.observations) o.table = 0;
  // As read exactly: an error, and no table warning.
  std::vector<model::Finding> exact = validate::validate(r);
  ASSERT_FALSE(exact.empty());
  for (const auto& f : exact) {
    EXPECT_NE(f.rule, "table.uncertain");
    if (f.rule == "score.sum") {
      EXPECT_EQ(f.severity, model::Severity::kError);
    }
  }
  // The same figures with B's row read by a guess (a wrap joined back).
  r.indicators[2].observations[0].span.reading = extract::Reading::kRepairedWrap;
  int uncertain = 0;
  for (const auto& f : validate::validate(r)) {
    EXPECT_EQ(f.severity, model::Severity::kWarning) << f.rule << ": " << f.message;
    if (f.rule == "table.uncertain") {
      ++uncertain;
      ASSERT_EQ(f.spans.size(), 1u);
      EXPECT_NE(f.message.find("折行"), std::string::npos) << f.message;
    }
  }
  EXPECT_EQ(uncertain, 1);
}

TEST(Rules, ARowLeftUnreadMakesTheTablesSumsWarningsAndNamesIt) {
  // 产出's only child C is read; a second row under 产出 stated figures but
  // was not read (its name cell a sentence). 产出's score no longer adds up
  // from C alone, and a rate error on one row stays an error.
  Report r = consistent();
  r.indicators[4].score = d("40");  // C 60/40: 产出 50 ≠ 40
  r.indicators[4].observations[0].score = d("40");
  r.indicators[4].observations[0].rate = d("80");  // 40/60 is 66.7%, not 80%
  for (Indicator& ind : r.indicators)
    for (model::Observation& o : ind.observations) o.table = 0;
  r.total.observations[0].table = 0;
  const std::vector<Finding> before = validate::validate(r);
  ASSERT_FALSE(of_rule(before, "score.sum").empty());
  for (const Finding& f : of_rule(before, "score.sum")) EXPECT_EQ(f.severity, model::Severity::kError);
  EXPECT_TRUE(of_rule(before, "table.unread-row").empty());

  r.unread_rows.push_back({0, at(15)});
  const std::vector<Finding> after = validate::validate(r);
  const std::vector<Finding> sums = of_rule(after, "score.sum");
  ASSERT_EQ(sums.size(), of_rule(before, "score.sum").size());
  for (const Finding& f : sums) {
    EXPECT_EQ(f.severity, model::Severity::kWarning) << f.message;
    EXPECT_EQ(f.spans.back().line, 15) << "names the unread row";
  }
  const std::vector<Finding> unread = of_rule(after, "table.unread-row");
  ASSERT_EQ(unread.size(), 1u);
  EXPECT_EQ(unread[0].severity, model::Severity::kWarning);
  ASSERT_EQ(unread[0].spans.size(), 1u);
  EXPECT_EQ(unread[0].spans[0].line, 15);
  const std::vector<Finding> rates = of_rule(after, "score.rate");
  ASSERT_FALSE(rates.empty());
  for (const Finding& f : rates) EXPECT_EQ(f.severity, model::Severity::kError) << "one row's rate needs no other row";

  // An unread row of another table leaves this table's sums errors.
  r.unread_rows = {{1, at(30)}};
  for (const Finding& f : of_rule(validate::validate(r), "score.sum")) EXPECT_EQ(f.severity, model::Severity::kError);
}

TEST(Rules, SumOfChildScores) {
  Report r = consistent();
  r.indicators[2].score = d("16");  // B
  r.indicators[2].observations[0].score = d("16");
  r.indicators[2].observations[0].rate = d("80");
  const auto f = of_rule(validate::validate(r), "score.sum");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].stated, "35");
  EXPECT_EQ(f[0].computed, "34");
  EXPECT_EQ(f[0].severity, Severity::kError);
  EXPECT_EQ(f[0].spans.front().line, 10);  // the parent's figure first, then the parts
  EXPECT_EQ(f[0].spans.size(), 3u);
}

TEST(Rules, SumOfLevel1AgainstTotal) {
  Report r = consistent();
  r.total.score = d("86");
  r.total.observations[0].score = d("86");
  r.total.observations[0].rate = d("86");
  const auto f = of_rule(validate::validate(r), "score.sum");
  ASSERT_FALSE(f.empty());
  EXPECT_EQ(f[0].stated, "86");
  EXPECT_EQ(f[0].computed, "85");
}

TEST(Rules, SumsOfRoundedFiguresAllowTheirRounding) {
  Report r;
  const int p = add(r, 1, "P", -1, "10", "6.67", 1);
  add(r, 2, "X", p, "5", "3.33", 2);
  add(r, 2, "Y", p, "5", "3.33", 3);
  EXPECT_TRUE(of_rule(validate::validate(r), "score.sum").empty());  // 6.66 vs 6.67 within ±0.015
  r.indicators[0].score = d("6.70");
  r.indicators[0].observations[0].score = d("6.70");
  EXPECT_EQ(of_rule(validate::validate(r), "score.sum").size(), 1u);
}

TEST(Rules, RateWithinPrintedPrecision) {
  Report r;
  add(r, 1, "P", -1, "3", "1", 1, "33.3");  // 33.333…: fine
  add(r, 1, "Q", -1, "3", "2", 2, "66.7");  // 66.666…: fine
  add(r, 1, "R", -1, "3", "2", 3, "67");    // 66.67 within ±0.5: fine
  add(r, 1, "S", -1, "3", "2", 4, "66.6");  // 66.667 vs 66.6 ± 0.05: wrong
  add(r, 1, "T", -1, "0", "0", 5, "0");     // a zero max cannot give a rate: skipped
  const auto f = of_rule(validate::validate(r), "score.rate");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].stated, "66.6%");
  EXPECT_EQ(f[0].computed, "66.67%");
  EXPECT_EQ(f[0].tolerance, "0.05%");
  EXPECT_EQ(f[0].spans.front().line, 4);
}

TEST(Rules, ScoreAboveMaxOrNegative) {
  Report r;
  add(r, 1, "P", -1, "2", "2.5", 1);
  add(r, 1, "Q", -1, "2", "-1", 2);
  add(r, 1, "R", -1, "2", "2", 3);
  const auto f = of_rule(validate::validate(r), "score.exceeds-max");
  ASSERT_EQ(f.size(), 2u);
  EXPECT_EQ(f[0].stated, "2.5");
  EXPECT_EQ(f[0].computed, "2");
  EXPECT_EQ(f[1].stated, "-1");
}

TEST(Rules, GradeUnderTheReportsOwnBands) {
  Report r = consistent();
  r.grade_bands = {band("优秀", "90", true, "100", true, 30), band("良好", "80", true, "90", false, 30),
                   band("合格", "60", true, "80", false, 30), band("不合格", "0", true, "60", false, 30)};
  EXPECT_TRUE(of_rule(validate::validate(r), "score.grade").empty());  // 85 is 良好 and 良 = 良好
  r.grades = {{"优秀", at(5)}, {"优秀", at(40)}};
  const auto f = of_rule(validate::validate(r), "score.grade");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].severity, Severity::kError);
  EXPECT_EQ(f[0].computed, "良好");
  EXPECT_EQ(f[0].spans[0].line, 5);
  EXPECT_EQ(f[0].spans[1].line, 40);  // both statements of the grade are cited
}

TEST(Rules, GradeBoundaryInclusivity) {
  Report r = consistent();
  r.total.score = d("90");
  r.total.observations[0].score = d("90");
  r.total.observations[0].rate = d("90");
  r.indicators[3].score = d("55");
  r.indicators[3].observations[0].score = d("55");
  r.indicators[4].score = d("55");
  r.indicators[4].observations[0].score = d("55");
  r.indicators[4].observations[0].rate = d("91.7");
  r.grade_bands = {band("优", "90", true, "100", true, 30), band("良", "80", true, "90", false, 30),
                   band("中", "60", true, "80", false, 30), band("差", "0", true, "60", false, 30)};
  r.grades = {{"良", at(5)}};
  const auto f = of_rule(validate::validate(r), "score.grade");
  ASSERT_EQ(f.size(), 1u);  // 90 is 优 under 90（含）
  EXPECT_EQ(f[0].computed, "优");
}

TEST(Rules, NationalBandsWhenTheReportStatesNone) {
  Report r = consistent();
  r.grades = {{"中", at(5)}};
  const auto f = of_rule(validate::validate(r), "score.grade");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].computed, "良");
}

TEST(Rules, OnlyNationalGradeWordsAreCheckedWithoutTheReportsBands) {
  // 合格, 一般 and letter grades belong to scales a report sets itself: with
  // none stated, 90/80/60 is not known to be theirs, so nothing is checked.
  Report r = consistent();  // total 85
  for (const char* word : {"合格", "一般", "不合格", "A", "D"}) {
    r.grades = {{word, at(5)}};
    EXPECT_TRUE(of_rule(validate::validate(r), "score.grade").empty()) << word;
  }
  r.grades = {{"较差", at(5)}};  // a word of the national scale is checked
  EXPECT_EQ(of_rule(validate::validate(r), "score.grade").size(), 1u);
  // Under the report's own bands, 合格 is checked.
  r.grade_bands = {band("优秀", "90", true, "100", true, 30), band("良好", "80", true, "90", false, 30),
                   band("合格", "60", true, "80", false, 30), band("不合格", "0", true, "60", false, 30)};
  r.grades = {{"合格", at(5)}};
  EXPECT_EQ(of_rule(validate::validate(r), "score.grade").size(), 1u);
}

TEST(Rules, AmbiguousGradeInOverlappingBandsIsAWarning) {
  Report r = consistent();
  r.grade_bands = {band("优", "85", true, "100", true, 30), band("良", "80", true, "90", false, 30),
                   band("中", "60", true, "80", false, 30), band("差", "0", true, "60", false, 30)};
  const auto all = validate::validate(r);
  const auto grade = of_rule(all, "score.grade");
  ASSERT_EQ(grade.size(), 1u);
  EXPECT_EQ(grade[0].severity, Severity::kWarning);
  const auto bands = of_rule(all, "score.grade-bands");
  ASSERT_EQ(bands.size(), 1u);
  EXPECT_EQ(bands[0].computed, "overlap [85, 90)");
}

TEST(Rules, BandGapsAndTouchingEnds) {
  Report r = consistent();
  // Touching ends that both exclude 80 leave the single point 80 ungraded.
  r.grade_bands = {band("优", "90", true, "100", true, 30), band("良", "80", false, "90", false, 30),
                   band("中", "60", true, "80", false, 30), band("差", "0", true, "60", false, 30)};
  auto f = of_rule(validate::validate(r), "score.grade-bands");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].computed, "gap [80, 80]");
  // Both including 60 is an overlap at the single point.
  r.grade_bands[1].lower_inclusive = true;
  r.grade_bands[3].upper_inclusive = true;
  f = of_rule(validate::validate(r), "score.grade-bands");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].computed, "overlap [60, 60]");
  // Nothing above 95.
  r.grade_bands[3].upper_inclusive = false;
  r.grade_bands[0].upper = d("95");
  f = of_rule(validate::validate(r), "score.grade-bands");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].computed, "gap (95, 100]");
}

TEST(Rules, CrossSourceFiguresAndNames) {
  Report r = consistent();
  r.indicators[1].observations.push_back(obs(SourceKind::kAnnexTable, 50, "25", nullptr, nullptr, "A"));
  r.indicators[2].observations.push_back(obs(SourceKind::kNarrative, 60, "20", "17", nullptr, "B项"));
  const auto all = of_rule(validate::validate(r), "score.cross-source");
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[0].severity, Severity::kError);
  EXPECT_EQ(all[0].stated, "25");
  EXPECT_EQ(all[0].computed, "20");
  EXPECT_EQ(all[0].spans[0].line, 50);
  EXPECT_EQ(all[0].spans[1].line, 11);
  EXPECT_EQ(all[1].severity, Severity::kWarning);
  EXPECT_EQ(all[1].stated, "B项");
}

TEST(Rules, UnmatchedIndicatorIsAWarning) {
  Report r = consistent();
  model::UnmatchedIndicator u;
  u.level = 3;
  u.observation = obs(SourceKind::kAnnexTable, 70, "3", nullptr, nullptr, "生态效益");
  r.unmatched.push_back(u);
  const auto f = of_rule(validate::validate(r), "score.cross-source");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].severity, Severity::kWarning);
  EXPECT_EQ(f[0].stated, "生态效益");
}

TEST(Rules, StatedCounts) {
  Report r = consistent();
  r.count_statements.push_back({2, 3, std::nullopt, at(8)});
  EXPECT_TRUE(of_rule(validate::validate(r), "indicator.count").empty());
  r.count_statements[0].level2 = 4;
  const auto f = of_rule(validate::validate(r), "indicator.count");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].stated, "4");
  EXPECT_EQ(f[0].computed, "3");
  EXPECT_EQ(f[0].severity, Severity::kError);
}

TEST(Rules, ACountOverATableReadByAGuessIsAWarning) {
  // The level-2 rows came from a table whose columns were inferred from
  // alignment: how many indicators it holds is itself a reading.
  Report r = consistent();
  for (Indicator& ind : r.indicators)
    for (Observation& o : ind.observations) o.table = 0;
  r.indicators[2].observations[0].span.reading = extract::Reading::kAlignedColumns;
  r.count_statements.push_back({2, 4, std::nullopt, at(8)});
  const auto f = of_rule(validate::validate(r), "indicator.count");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].severity, Severity::kWarning);
  ASSERT_EQ(f[0].spans.size(), 2u);
  EXPECT_EQ(f[0].spans[1].line, 12);
  // The level-1 rows were read exactly: a wrong level-1 count stays an error.
  r.count_statements[0] = {3, 3, std::nullopt, at(8)};
  const auto g = of_rule(validate::validate(r), "indicator.count");
  ASSERT_EQ(g.size(), 1u);
  EXPECT_EQ(g[0].severity, Severity::kError);
}

TEST(Rules, FindingsAreSortedByLine) {
  Report r = consistent();
  r.count_statements.push_back({3, 3, std::nullopt, at(99)});
  add(r, 1, "Z", -1, "2", "3", 1);
  const auto all = validate::validate(r);
  ASSERT_GE(all.size(), 2u);
  for (std::size_t i = 1; i < all.size(); ++i) EXPECT_LE(all[i - 1].spans.front().line, all[i].spans.front().line);
}

}  // namespace
}  // namespace jixiao

namespace jixiao {
namespace {

// Found by the fuzzer: 30-digit figures overflow the exact products of the rate
// check and the sums; the rules skip what cannot be computed instead of aborting.
TEST(Rules, HugeFiguresDoNotAbort) {
  Report r;
  add(r, 1, "P", -1, "999999999999999999999999999999", "999999999999999999999999999999", 1,
      "99999999999999999999999999999");
  add(r, 1, "Q", -1, "999999999999999999999999999999", "9", 2);
  r.total.max = d("100");
  r.total.score = d("9");
  r.total.observations.push_back(obs(SourceKind::kSubtotalRow, 3, "100", "9", nullptr, "合计"));
  EXPECT_NO_FATAL_FAILURE(validate::validate(r));
}

}  // namespace
}  // namespace jixiao

namespace jixiao {
namespace {

model::BudgetLine budget_line(const char* budget, const char* executed, const char* rate, int exponent = 4) {
  model::BudgetLine bl;
  bl.label = "某项目";
  bl.budget.value = d(budget);
  bl.budget.exponent = exponent;
  bl.budget.span = at(1);
  bl.executed.value = d(executed);
  bl.executed.exponent = exponent;
  bl.executed.span = at(1);
  bl.rate = d(rate);
  bl.rate_span = at(1);
  return bl;
}

TEST(BudgetRate, ExactAndRoundedRatesPass) {
  Report r;
  r.budget_lines = {budget_line("88", "88", "100"), budget_line("2746.50", "2701.96", "98.38"),
                    budget_line("1642.80", "1595.94", "97.15"), budget_line("345", "331.2", "96.00", 0)};
  EXPECT_TRUE(of_rule(validate::validate(r), "budget.rate").empty());
}

TEST(BudgetRate, ExecutionAboveBudgetPrintedAs100) {
  Report r;
  r.budget_lines = {budget_line("47.60", "48.35", "100.00")};
  const auto f = of_rule(validate::validate(r), "budget.rate");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].stated, "100.00%");
  EXPECT_EQ(f[0].computed, "101.58%");
  EXPECT_EQ(f[0].severity, Severity::kError);
}

TEST(BudgetRate, PrintedPrecisionOfTheAmountsIsTolerated) {
  Report r;
  // 10.0 / 30.0 can be 9.95/30.05 = 33.11% .. 10.05/29.95 = 33.56%: 33.5% lies inside.
  r.budget_lines = {budget_line("30.0", "10.0", "33.5")};
  EXPECT_TRUE(of_rule(validate::validate(r), "budget.rate").empty());
  // Whole-number amounts are exact: 10 / 30 = 33.33%, so 33.5% is wrong.
  r.budget_lines = {budget_line("30", "10", "33.5")};
  EXPECT_EQ(of_rule(validate::validate(r), "budget.rate").size(), 1u);
}

}  // namespace
}  // namespace jixiao
