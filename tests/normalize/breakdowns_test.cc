// read_breakdowns through build_report on small invented texts: which totals
// and parts a list gives, nested lists, lists over two sentences, mixed units,
// and the lists that are not decompositions of a stated total.

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "jixiao/extract/document.h"
#include "jixiao/normalize/report_builder.h"

namespace jixiao {
namespace {

using model::Breakdown;
using model::Report;

Report build(const std::string& text) {
  return normalize::build_report(extract::make_text_document("t.txt", "text", "UTF-8", "", text));
}

// "860.25@4" for 860.25 万元, "5820.50@0" for 5820.50 元.
std::string fig(const model::BudgetFigure& f) { return f.value.to_string() + "@" + std::to_string(f.exponent); }

std::vector<std::string> parts(const Breakdown& b) {
  std::vector<std::string> out;
  for (const auto& p : b.parts) out.push_back(fig(p));
  return out;
}

TEST(Breakdowns, SimpleListAfterQiZhong) {
  const Report r = build("标题\n\n1.收入预算。2023年部门预算收入 860.25 万元，其中财政拨款 800.00 万元、上年结转 60.25 万元。\n");
  ASSERT_EQ(r.breakdowns.size(), 1u);
  const Breakdown& b = r.breakdowns[0];
  EXPECT_EQ(fig(b.total), "860.25@4");
  EXPECT_EQ(parts(b), (std::vector<std::string>{"800.00@4", "60.25@4"}));
  EXPECT_EQ(b.connective, "其中");
  EXPECT_FALSE(b.partial);
  EXPECT_EQ(b.total.span.line, 3);
  EXPECT_EQ(b.total.span.text, "860.25 万元");
  EXPECT_EQ(b.parts[1].span.text, "60.25 万元");
}

TEST(Breakdowns, TotalInThePreviousSentence) {
  const Report r = build("项目资金为 520 万元。其中，设备购置 300 万元，人员培训 220 万元。\n");
  ASSERT_EQ(r.breakdowns.size(), 1u);
  EXPECT_EQ(fig(r.breakdowns[0].total), "520@4");
  EXPECT_EQ(parts(r.breakdowns[0]), (std::vector<std::string>{"300@4", "220@4"}));
}

TEST(Breakdowns, ConnectiveInsideASentenceDoesNotReachBack) {
  // "其中" after words without a figure has no total of its own; the figure of
  // the previous sentence is not its total.
  const Report r = build("全年支出合计 1200 万元。同时包含各种项目支出，其中，校舍维修 80 万元，设备购置 45 万元。\n");
  EXPECT_TRUE(r.breakdowns.empty());
}

TEST(Breakdowns, ParenthesisedSubListIsItsOwnBreakdown) {
  const Report r = build(
      "部门支出预算 960.40 万元，其中基本支出 512.30 万元（人员经费 450.10 万元、公用经费 62.20 万元），"
      "项目支出 448.10 万元。\n");
  ASSERT_EQ(r.breakdowns.size(), 2u);
  EXPECT_EQ(fig(r.breakdowns[0].total), "960.40@4");
  // Only 512.30 counts towards the outer total, not the figures in parentheses.
  EXPECT_EQ(parts(r.breakdowns[0]), (std::vector<std::string>{"512.30@4", "448.10@4"}));
  EXPECT_EQ(fig(r.breakdowns[1].total), "512.30@4");
  EXPECT_EQ(parts(r.breakdowns[1]), (std::vector<std::string>{"450.10@4", "62.20@4"}));
  EXPECT_FALSE(r.breakdowns[1].partial);
}

TEST(Breakdowns, ParenthesesWithoutConnective) {
  const Report r = build("2.支出预算。基本支出 230.5 万元（人员经费 200.1 万元、公用经费 30.4 万元），项目支出 99 万元。\n");
  ASSERT_EQ(r.breakdowns.size(), 1u);
  EXPECT_EQ(fig(r.breakdowns[0].total), "230.5@4");
  EXPECT_EQ(parts(r.breakdowns[0]), (std::vector<std::string>{"200.1@4", "30.4@4"}));
}

TEST(Breakdowns, FiguresOfOtherYearsInParenthesesAreNoParts) {
  const Report r = build("部门预算 150.5 万元（2022年 120.3 万元、2021年 110 万元），增幅明显。\n");
  EXPECT_TRUE(r.breakdowns.empty()) << r.breakdowns.size();
}

TEST(Breakdowns, PartEqualToTheTotalOpensTheNestedList) {
  const Report r = build(
      "2022年预算资金为 3360.8 万元。其中，基本支出 3360.8 万元，主要用于工资福利支出 2100.5 万元、"
      "商品和服务支出 460 万元、对个人和家庭的补助 800.3 万元。\n");
  // 3360.8 = 3360.8 (one part) is not recorded; the nested list is.
  ASSERT_EQ(r.breakdowns.size(), 1u);
  const Breakdown& b = r.breakdowns[0];
  EXPECT_EQ(fig(b.total), "3360.8@4");
  EXPECT_NE(b.total.label.find("基本支出"), std::string::npos) << b.total.label;
  EXPECT_EQ(parts(b), (std::vector<std::string>{"2100.5@4", "460@4", "800.3@4"}));
  EXPECT_EQ(b.connective, "主要用于");
  EXPECT_TRUE(b.partial);
}

TEST(Breakdowns, NestedListJoinedByEnumerationCommaEndsAtTheComma) {
  const Report r = build(
      "部门预算 100 万元，其中基本支出 60 万元，主要用于人员经费 50 万元、公用经费 10 万元，项目支出 40 万元。\n");
  ASSERT_EQ(r.breakdowns.size(), 2u);
  EXPECT_EQ(fig(r.breakdowns[0].total), "100@4");
  EXPECT_EQ(parts(r.breakdowns[0]), (std::vector<std::string>{"60@4", "40@4"}));
  EXPECT_EQ(fig(r.breakdowns[1].total), "60@4");
  EXPECT_EQ(parts(r.breakdowns[1]), (std::vector<std::string>{"50@4", "10@4"}));
  EXPECT_TRUE(r.breakdowns[1].partial);
}

TEST(Breakdowns, MixedUnitsAndARateBeforeTheList) {
  const Report r = build(
      "“三公”经费支出 5820.50 元，完成年初预算的 48.5%，其中：公务接待费 0 万元；公务用车运行维护费 5820.50 元；"
      "因公出国（境）费 0 万元。\n");
  ASSERT_EQ(r.breakdowns.size(), 1u);
  const Breakdown& b = r.breakdowns[0];
  EXPECT_EQ(fig(b.total), "5820.50@0");
  // The rate is not a part; "；" separates parts after "其中：".
  EXPECT_EQ(parts(b), (std::vector<std::string>{"0@4", "5820.50@0", "0@4"}));
}

TEST(Breakdowns, AdditionsAfterTheListAreNotParts) {
  const Report r = build(
      "全年支出合计 1200 万元。主要是教育支出，其中，小学教育 700 万元，初中教育 500 万元。"
      "另外包含办公费 3.5 万元，差旅费 1.2 万元。同时包含各种项目支出，其中，校舍维修 80 万元，设备购置 45 万元。\n");
  ASSERT_EQ(r.breakdowns.size(), 1u);
  const Breakdown& b = r.breakdowns[0];
  EXPECT_EQ(fig(b.total), "1200@4");
  EXPECT_EQ(parts(b), (std::vector<std::string>{"700@4", "500@4"}));
  EXPECT_TRUE(b.partial);  // 主要是
}

TEST(Breakdowns, ListEndsAtSemicolonAndAtAnotherStage) {
  const Report r = build(
      "全年实际支出 95.5 万元，其中基本支出 40.5 万元、项目支出 55 万元；年末结转结余 4.5 万元。\n"
      "项目预算 100 万元，其中设备 60 万元、安装 40 万元，实际支出 98 万元。\n");
  ASSERT_EQ(r.breakdowns.size(), 2u);
  EXPECT_EQ(parts(r.breakdowns[0]), (std::vector<std::string>{"40.5@4", "55@4"}));
  EXPECT_EQ(parts(r.breakdowns[1]), (std::vector<std::string>{"60@4", "40@4"}));
}

TEST(Breakdowns, OpenEndedListIsPartial) {
  const Report r = build("专项资金 80 万元，其中宣传资料印制 12 万元、场地租赁 30 万元等。\n");
  ASSERT_EQ(r.breakdowns.size(), 1u);
  EXPECT_TRUE(r.breakdowns[0].partial);
}

TEST(Breakdowns, NoBreakdownWithoutMoneyPartsOrWithOnePart) {
  const Report r = build(
      "全年培训 560 人次，其中教师 320 人次、校长 240 人次。\n"
      "预算比上年增加 6.3 万元，其中：印刷费增加 6.3 万元。\n"
      "项目资金 300 万元，主要用于 5 所学校的厕所改造。\n"
      "工作经费 50 万元，其中培训费 20 万元。\n");
  EXPECT_TRUE(r.breakdowns.empty()) << r.breakdowns.size();
}

TEST(Breakdowns, FiguresOfAListWithoutTotalAreNoTotal) {
  // The second 分别为 must not take 20 万元 of the first list as its total.
  const Report r = build("甲、乙两个项目预算分别为 30 万元、20 万元，执行数分别为 28 万元、19 万元。\n");
  EXPECT_TRUE(r.breakdowns.empty()) << r.breakdowns.size();
  // With a stated total the first list is one.
  const Report s = build("专项经费共 50 万元，甲项目和乙项目分别为 30 万元、20 万元。\n");
  ASSERT_EQ(s.breakdowns.size(), 1u);
  EXPECT_EQ(fig(s.breakdowns[0].total), "50@4");
  EXPECT_EQ(s.breakdowns[0].connective, "分别为");
}

}  // namespace
}  // namespace jixiao
