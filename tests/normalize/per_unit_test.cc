// Per-unit statements (count x standard = amount) read from small invented
// report texts: where the standard may stand, what links it to its count and
// amount, and which money figures are never standards.

#include <gtest/gtest.h>

#include <string>

#include "jixiao/extract/document.h"
#include "jixiao/normalize/report_builder.h"
#include "support/test_support.h"

namespace jixiao {
namespace {

using model::PerUnitStatement;
using model::Report;
using text::Qualifier;

Report build(const std::string& text) {
  return normalize::build_report(extract::make_text_document("t.txt", "text", "UTF-8", "", text));
}

// "412x800=32.96@4": count value, standard value, amount value and its exponent.
std::string describe(const PerUnitStatement& s) {
  return s.count.value.to_string() + "x" + s.standard.value.to_string() + "=" + s.amount.value.to_string() + "@" +
         std::to_string(s.amount.exponent);
}

TEST(PerUnit, StandardInTheSameSentence) {
  const Report r = build("为 35 户困难家庭实施危房改造，按每户 8000 元的标准补助，共支出 28.00 万元。\n");
  ASSERT_EQ(r.per_unit.size(), 1u);
  const PerUnitStatement& s = r.per_unit[0];
  EXPECT_EQ(describe(s), "35x8000=28.00@4");
  EXPECT_EQ(s.count.exponent, 0);
  EXPECT_EQ(s.standard.exponent, 0);
  EXPECT_EQ(s.bound, Qualifier::kExact);
  EXPECT_EQ(s.basis, "每户");
  EXPECT_EQ(s.count.span.line, 1);
  EXPECT_NE(s.amount.span.text.find("28.00"), std::string::npos);
}

TEST(PerUnit, CountBeforeStandardAndAmountInWanYuan) {
  const Report r = build("选聘护林员 90 名，按每人每年 1.2 万元的标准发放劳务补助 108.00 万元，带动 90 户家庭增收。\n");
  ASSERT_EQ(r.per_unit.size(), 1u);  // 90 户 is not what a per-person standard multiplies
  EXPECT_EQ(describe(r.per_unit[0]), "90x1.2=108.00@4");
  EXPECT_EQ(r.per_unit[0].standard.exponent, 4);
  EXPECT_EQ(r.per_unit[0].basis, "每人每年");
}

TEST(PerUnit, StandardInAnEarlierSentenceOfTheParagraph) {
  const Report r = build(
      "参保人员去世后，一次性发放安葬补贴 800 元。经审核，全年为 412 名去世人员家属发放安葬补贴 32.96 万元。\n");
  ASSERT_EQ(r.per_unit.size(), 1u);
  EXPECT_EQ(describe(r.per_unit[0]), "412x800=32.96@4");
  EXPECT_EQ(r.per_unit[0].basis, "一次性");
}

TEST(PerUnit, StandardInAnotherParagraphIsNotUsed) {
  const Report r = build("参保人员去世后，一次性发放安葬补贴 800 元。\n全年为 412 名去世人员家属发放安葬补贴 32.96 万元。\n");
  EXPECT_TRUE(r.per_unit.empty());
}

TEST(PerUnit, SentenceBrokenOverALineAfterTheStandard) {
  const Report r = build(
      "落实抚恤制度。领取人员去世当月上报的，为其家属发放 800 元抚恤金，全年共为\n"
      "\n"
      "412 名去世人员家属发放抚恤金 32.96 万元，按时足额。\n");
  ASSERT_EQ(r.per_unit.size(), 1u);
  const PerUnitStatement& s = r.per_unit[0];
  EXPECT_EQ(describe(s), "412x800=32.96@4");
  EXPECT_EQ(s.standard.span.line, 1);
  EXPECT_EQ(s.count.span.line, 3);
  EXPECT_EQ(s.amount.span.line, 3);
}

TEST(PerUnit, WanRenCountAndAtLeastBound) {
  const Report r = build("财政对参保缴费给予补贴，标准不低于每人每年 20 元，全年参保 3.2 万人，发放补贴 70 万元。\n");
  ASSERT_EQ(r.per_unit.size(), 1u);
  const PerUnitStatement& s = r.per_unit[0];
  EXPECT_EQ(describe(s), "3.2x20=70@4");
  EXPECT_EQ(s.count.exponent, 4);
  EXPECT_EQ(s.bound, Qualifier::kAtLeast);
  EXPECT_EQ(s.standard.qualifier, Qualifier::kAtLeast);
}

TEST(PerUnit, ForecastPairsWithForecastActualWithActual) {
  const Report r = build(
      "5. 缴费补贴项目。政府对参保人缴费给予补贴，标准不低于每人每年 25 元，预计全年参保 8.4 万人，预计补贴 230 万元。"
      "全年实际参保 8.1 万人，补贴 215 万元。\n");
  ASSERT_EQ(r.per_unit.size(), 2u);
  EXPECT_EQ(describe(r.per_unit[0]), "8.4x25=230@4");
  EXPECT_EQ(describe(r.per_unit[1]), "8.1x25=215@4");
  EXPECT_EQ(r.per_unit[1].bound, Qualifier::kAtLeast);
  // A forecast count never pairs with an actual amount.
  EXPECT_TRUE(build("标准不低于每人每年 25 元，预计全年参保 8.4 万人，实际发放补贴 215 万元。\n").per_unit.empty());
}

TEST(PerUnit, ForecastAmountWithoutCountGivesNothing) {
  const Report r = build("去世后一次性发放抚恤金 800 元，预计全年 35 万元。全年实际为去世人员 430 人，发放抚恤金 34 万元。\n");
  ASSERT_EQ(r.per_unit.size(), 1u);  // 预计全年 35 万元 has no count; the actual sentence has one
  EXPECT_EQ(describe(r.per_unit[0]), "430x800=34@4");
}

TEST(PerUnit, NoStandardStatedGivesNothing) {
  const Report r = build("共为 3120 名低保对象代缴保费 31.2 万元，为 95 名重残人员发放养老金 18.6 万元。\n");
  EXPECT_TRUE(r.per_unit.empty());
}

TEST(PerUnit, UnrelatedMoneyIsNotAStandard) {
  // 120 万元 has no per-unit word: it is a budget, not a standard.
  EXPECT_TRUE(build("项目预算 120 万元，为 300 名学生发放助学金 90 万元。\n").per_unit.empty());
  // A later payment in the same sentence is not paid at the earlier standard.
  const Report r = build(
      "领取人员去世的，一次性发放安葬补贴 800 元，共为 412 名去世人员家属发放安葬补贴 32.96 万元，"
      "为 1200 名参保人员办理退保手续，退还个人账户余额 310 万元。\n");
  ASSERT_EQ(r.per_unit.size(), 1u);
  EXPECT_EQ(describe(r.per_unit[0]), "412x800=32.96@4");
}

TEST(PerUnit, MonthlyStandardIsSkipped) {
  EXPECT_TRUE(build("按每人每月 300 元发放生活补贴，共为 50 名孤儿发放补贴 18 万元。\n").per_unit.empty());
  EXPECT_TRUE(build("生活补贴按 300 元/月发放，为 50 名孤儿发放补贴 18 万元。\n").per_unit.empty());
}

TEST(PerUnit, AverageIncomeIsNotAStandardForWages) {
  // 人均增收 is what each person gained, not what the wages paid per person.
  EXPECT_TRUE(build("带动 300 名农户就业，人均增收 2000 元，共发放务工工资 60 万元。\n").per_unit.empty());
  // 人均 with the payment named in both places is one.
  const Report r = build("人均发放护理补助 2000 元，全年为 300 名护理人员发放护理补助 60 万元。\n");
  ASSERT_EQ(r.per_unit.size(), 1u);
  EXPECT_EQ(describe(r.per_unit[0]), "300x2000=60@4");
}

TEST(PerUnit, PublicServiceIsNotATotal) {
  // 公共 is not 共: the 每件 standard of a 公共法律服务 subsidy is read.
  const Report r = build("公共法律服务补贴按每件 500 元的标准，对办结的 80 件案件发放，共计 4.00 万元。\n");
  ASSERT_EQ(r.per_unit.size(), 1u);
  EXPECT_EQ(describe(r.per_unit[0]), "80x500=4.00@4");
}

TEST(PerUnit, PaidPerClosedCaseNotPerReceivedCase) {
  const Report r = build(
      "全年受理援助案件 210 件。其中，办案补贴按每件 1500 元的标准对结案的 200 件案件发放，共计 30.00 万元。\n");
  ASSERT_EQ(r.per_unit.size(), 1u);
  EXPECT_EQ(describe(r.per_unit[0]), "200x1500=30.00@4");
  EXPECT_EQ(r.per_unit[0].basis, "每件");
}

TEST(PerUnit, TotalIsNeverTheStandard) {
  // "标准发放补助共计 66.00 万元": 标准 before a total does not make the total a standard.
  const Report r = build("为 110 名护理员按每人每年 6000 元标准发放补助共计 66.00 万元。\n");
  ASSERT_EQ(r.per_unit.size(), 1u);
  EXPECT_EQ(describe(r.per_unit[0]), "110x6000=66.00@4");
}


// The shared corpus: every per-unit statement the seed report makes, each
// with the line of its amount, and none where no standard is stated.
std::vector<std::string> statements_of(const Report& r) {
  std::vector<std::string> out;
  for (const PerUnitStatement& s : r.per_unit)
    out.push_back(std::to_string(s.amount.span.line) + ":" + describe(s) +
                  (s.bound == Qualifier::kAtLeast ? ">=" : ""));
  return out;
}

TEST(PerUnitCorpus, SeedReport) {
  const std::string path = testing::shared_path("corpus/yanzhou-2020.txt");
  JIXIAO_REQUIRE_FILE(path);
  const auto doc = testing::analyze_or_fail(path);
  EXPECT_EQ(statements_of(doc.report), (std::vector<std::string>{
                                           "109:2635x600=158@4",       // 一次性发放丧葬补助金 600 元
                                           "236:2635x600=158.1@4",     // standard on line 234, sentence runs on
                                           "316:12.5x31.8=495@4>=",    // forecast only
                                           "382:2635x600=158@4",       // line 109 repeated
                                           "412:12.5x31.8=495@4>=",    // forecast with forecast
                                           "412:12.5x31.8=475@4>=",    // actual with actual
                                           "416:2634x600=158@4",       // standard on line 414
                                       }));
  // Line 103 states no standard (5549 名, 55.49 万元): nothing is invented for it.
  for (const PerUnitStatement& s : doc.report.per_unit) EXPECT_NE(s.amount.span.line, 103);
}

TEST(PerUnitCorpus, SamplesAreReadAsStatements) {
  const std::pair<const char*, std::vector<std::string>> cases[] = {
      {"p1-baixi-linye-2018", {"184:240x6000=144.00@4"}},
      {"p2-linzhu-jiaoyu-xiangmu-2023", {}},
      {"p3-songquan-canlian-2024", {"92:126x5000=63.00@4", "94:148x1.15=170.20@4"}},
      {"p4-wutang-sifa-2017", {"51:418x1600=66.88@4"}},  // the 418 closed cases, not the 426 received
  };
  for (const auto& [name, expected] : cases) {
    const std::string path = testing::shared_path(std::string("corpus/samples/") + name + ".txt");
    JIXIAO_REQUIRE_FILE(path);
    const auto doc = testing::analyze_or_fail(path);
    EXPECT_EQ(statements_of(doc.report), expected) << name;
  }
}

}  // namespace
}  // namespace jixiao
