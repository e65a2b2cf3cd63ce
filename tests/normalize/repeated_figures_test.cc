// Repeated figures on small invented reports: which statements are taken for
// the same quantity, and which are kept apart (plan against actual, budget
// against actual, two years, two items of a list printed twice).

#include <gtest/gtest.h>

#include <set>

#include "jixiao/extract/document.h"
#include "jixiao/normalize/report_builder.h"

namespace jixiao {
namespace {

using model::Report;

Report build(const std::string& text) {
  return normalize::build_report(extract::make_text_document("t.txt", "text", "UTF-8", "", text));
}

// The values of each repeated figure, as printed, e.g. {"905", "905", "950"}.
std::vector<std::vector<std::string>> groups(const Report& r) {
  std::vector<std::vector<std::string>> out;
  for (const auto& g : r.repeated) {
    std::vector<std::string> values;
    for (std::size_t i : g.statements) values.push_back((g.money ? r.amounts : r.counts).at(i).quantity.value.to_string());
    out.push_back(values);
  }
  return out;
}

bool has_group(const Report& r, const std::vector<std::string>& values) {
  for (const auto& g : groups(r))
    if (g == values) return true;
  return false;
}

TEST(RepeatedFigures, TheSameCountInThreeSectionsIsOneGroup) {
  const Report r = build(
      "一、基本情况。全年为 905 名困难职工发放救助金 90.50 万元。\n"
      "二、产出情况。中心全年共为 905 名困难职工发放救助金 90.50 万元，做到应救尽救。\n"
      "三、效益情况。全年实际救助困难职工 950 名。\n");
  EXPECT_TRUE(has_group(r, {"905", "905", "950"})) << ::testing::PrintToString(groups(r));
  EXPECT_TRUE(has_group(r, {"90.50", "90.50"}));
}

TEST(RepeatedFigures, PlanIsNotComparedWithActual) {
  const Report r = build(
      "一、产出。全年开展技能培训 620 人次，培训合格率 98%。\n"
      "二、指标。年度计划开展技能培训 600 人次，全年实际开展技能培训 620 人次。\n");
  // 600 is the plan: only the two 620s form a group.
  ASSERT_EQ(r.repeated.size(), 1u) << ::testing::PrintToString(groups(r));
  EXPECT_EQ(groups(r)[0], (std::vector<std::string>{"620", "620"}));
}

TEST(RepeatedFigures, BudgetIsNotComparedWithExecution) {
  const Report r = build(
      "1.支出预算。基本支出 215.40 万元，项目支出 388.00 万元。\n"
      "2.支出决算。全年实际支出 590.12 万元，其中基本支出 212.66 万元，项目支出 377.46 万元。\n"
      "3.其他。项目支出 388.00 万元全部纳入预算管理。\n");
  for (const auto& g : groups(r)) {
    const std::set<std::string> values(g.begin(), g.end());
    EXPECT_EQ(values.size(), 1u) << "budget and execution grouped: " << ::testing::PrintToString(g);
  }
}

TEST(RepeatedFigures, TwoYearsAreTwoQuantities) {
  const Report r = build(
      "2022年培训农民 3200 人次。\n"
      "2023年培训农民 3600 人次，比上年增加 400 人次。\n");
  EXPECT_TRUE(r.repeated.empty()) << ::testing::PrintToString(groups(r));
}

TEST(RepeatedFigures, AListPrintedTwiceStaysApartItemByItem) {
  const std::string list =
      "其中，乡村道路养护支出 120.5 万元，农村饮水工程维护支出 86.2 万元，农村电网维护支出 64.3 万元。\n";
  const Report r = build("（一）资金使用情况。" + list + "（二）附表说明。" + list);
  EXPECT_EQ(r.repeated.size(), 3u) << ::testing::PrintToString(groups(r));
  for (const auto& g : groups(r)) EXPECT_EQ(g.size(), 2u);
  EXPECT_TRUE(has_group(r, {"120.5", "120.5"}));
}

TEST(RepeatedFigures, DifferentRecipientsOfTheSameKindOfPaymentStayApart) {
  const Report r = build(
      "为 1.2 万名城乡老年人发放养老金 9800 万元。\n"
      "企业退休人员 6400 人，发放养老金共计 31200 万元。\n");
  for (const auto& g : r.repeated) EXPECT_FALSE(g.money) << g.subject;
}

}  // namespace
}  // namespace jixiao

namespace jixiao {
namespace {

TEST(RepeatedFigures, OtherXIsNotX) {
  const Report r = build(
      "一、支出情况。商品和服务支出 36.20 万元，其他商品和服务支出 4.10 万元。\n"
      "二、说明。另外，商品和服务支出 36.20 万元全部用于日常运转。\n"
      "三、补充。其他商品和服务支出 4.10 万元主要是物业费。\n");
  EXPECT_TRUE(has_group(r, {"36.20", "36.20"})) << ::testing::PrintToString(groups(r));
  EXPECT_TRUE(has_group(r, {"4.10", "4.10"})) << ::testing::PrintToString(groups(r));
}

TEST(RepeatedFigures, AShortHeadingSetsTheStageButAListOfOfficesDoesNot) {
  const Report r = build(
      "1.支出预算。基本支出 215.40 万元。\n"
      "2.支出决算。基本支出 212.66 万元。\n"
      "（二）机构情况。局内设办公室、计划财务股 2 个股室。全县现有文物保护员 24 名。\n"
      "（三）成效。全县 24 名文物保护员全部持证上岗。\n");
  for (const auto& g : groups(r)) EXPECT_EQ(std::set<std::string>(g.begin(), g.end()).size(), 1u) << ::testing::PrintToString(g);
  // 计划 in 计划财务股 does not make the 24 a plan.
  EXPECT_TRUE(has_group(r, {"24", "24"})) << ::testing::PrintToString(groups(r));
}

}  // namespace
}  // namespace jixiao
