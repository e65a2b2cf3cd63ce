// Stated changes and rates against a budget stated elsewhere, read by
// build_report from small invented reports: where the two years' amounts are
// found (the sentence, a year-comparison table, another sentence), and what is
// no statement of a change (scoring rules, percentage points, parts of a
// change already stated).

#include <gtest/gtest.h>

#include <string>

#include "jixiao/extract/document.h"
#include "jixiao/normalize/report_builder.h"

namespace jixiao {
namespace {

using model::BudgetLine;
using model::Report;
using model::StatedChange;

Report build(const std::string& text) {
  return normalize::build_report(extract::make_text_document("t.txt", "text", "UTF-8", "", text));
}

std::string value(const std::optional<model::BudgetFigure>& f) { return f ? f->value.to_string() : "-"; }
int line_of(const std::optional<model::BudgetFigure>& f) { return f ? f->span.line : 0; }

TEST(Changes, PercentChangeFindsItsAmountsInAYearComparisonTable) {
  const Report r = build(
      "一、部门预算\n"
      "2023年部门收入预算 864.30 万元。\n"
      "近两年部门收入对比如下：\n"
      "项目\t2022年（万元）\t2023年（万元）\n"
      "部门收入\t720.25\t864.30\n"
      "其中：财政拨款\t650.25\t790.30\n"
      "项目支出\t301.00\t356.50\n"
      "\n"
      "2023年部门收入比上年增长 20.0%，其中项目支出比上年增加 55.50 万元。\n");
  ASSERT_EQ(r.changes.size(), 2u);
  const StatedChange& pct = r.changes[0];
  EXPECT_EQ(pct.kind, StatedChange::Kind::kPercent);
  EXPECT_EQ(pct.label, "部门收入");
  EXPECT_EQ(pct.stated.to_string(), "20.0");
  EXPECT_TRUE(pct.increase);
  EXPECT_EQ(pct.span.line, 9);
  EXPECT_EQ(value(pct.current), "864.30");
  EXPECT_EQ(value(pct.previous), "720.25");
  EXPECT_EQ(line_of(pct.previous), 5);
  ASSERT_TRUE(pct.previous);
  EXPECT_EQ(pct.previous->exponent, 4);

  const StatedChange& amount = r.changes[1];
  EXPECT_EQ(amount.kind, StatedChange::Kind::kAmount);
  EXPECT_EQ(amount.label, "项目支出");
  EXPECT_EQ(amount.stated.to_string(), "55.50");
  EXPECT_EQ(amount.exponent, 4);
  EXPECT_EQ(value(amount.current), "356.50");
  EXPECT_EQ(value(amount.previous), "301.00");
  EXPECT_EQ(line_of(amount.current), 7);
}

TEST(Changes, BothAmountsInTheSentenceWithItsRate) {
  const Report r = build(
      "2022年“会议费”预算 6.40 万元，较上年预算 8.00 万元减少 1.60 万元，变动率为 -20.00%，得 2 分。\n"
      "全年实现门票收入 3.30 亿元，较上年 2.75 亿元增长 20.00%。\n");
  ASSERT_EQ(r.changes.size(), 3u);
  const StatedChange& amount = r.changes[0];
  EXPECT_EQ(amount.kind, StatedChange::Kind::kAmount);
  EXPECT_FALSE(amount.increase);
  EXPECT_EQ(amount.stated.to_string(), "1.60");
  EXPECT_EQ(value(amount.current), "6.40");
  EXPECT_EQ(value(amount.previous), "8.00");
  const StatedChange& rate = r.changes[1];
  EXPECT_EQ(rate.kind, StatedChange::Kind::kPercent);
  EXPECT_FALSE(rate.increase);
  EXPECT_EQ(rate.stated.to_string(), "20.00");
  EXPECT_EQ(value(rate.current), "6.40");
  EXPECT_EQ(value(rate.previous), "8.00");
  const StatedChange& income = r.changes[2];
  EXPECT_EQ(income.label, "全年实现门票收入");
  EXPECT_TRUE(income.increase);
  EXPECT_EQ(value(income.current), "3.30");
  EXPECT_EQ(value(income.previous), "2.75");
  ASSERT_TRUE(income.current);
  EXPECT_EQ(income.current->exponent, 8);
}

TEST(Changes, RateBesideAPreviousYearAmountWithoutComparingWords) {
  const Report r = build("2019年“培训费”预算 4.50 万元，上年预算 5.00 万元，变动率为 -10.00%。\n");
  ASSERT_EQ(r.changes.size(), 1u);
  EXPECT_EQ(r.changes[0].kind, StatedChange::Kind::kPercent);
  EXPECT_EQ(value(r.changes[0].current), "4.50");
  EXPECT_EQ(value(r.changes[0].previous), "5.00");
}

TEST(Changes, ThisYearsAmountFromAnotherSentenceByLabel) {
  const Report r = build(
      "一、基本情况\n"
      "单位 2021 年“会议费”年初预算安排 3 万元，实际支出 2.20 万元。\n"
      "二、评价\n"
      "2021 年“会议费”预算比 2020 年增加 4.10 万元，其中：场租费增加 4.10 万元。\n");
  // The 其中 part repeats the change: one change, not two.
  ASSERT_EQ(r.changes.size(), 1u);
  const StatedChange& c = r.changes[0];
  EXPECT_EQ(c.kind, StatedChange::Kind::kAmount);
  EXPECT_EQ(c.stated.to_string(), "4.10");
  EXPECT_EQ(value(c.current), "3");
  EXPECT_EQ(line_of(c.current), 2);
  EXPECT_FALSE(c.previous);
}

TEST(Changes, ComparedInTheClauseBefore) {
  const Report r = build(
      "全年服务收入 55.00 万元，与上年相比，增长 10.0%。\n"
      "2021年农业总产值 25.60 亿元较上年 24.00 亿元增长 6.67%。\n");
  ASSERT_EQ(r.changes.size(), 2u);
  EXPECT_EQ(value(r.changes[0].current), "55.00");
  EXPECT_FALSE(r.changes[0].previous);
  // The amount inside the clause: its own label names what changed.
  EXPECT_EQ(r.changes[1].label, "农业总产值");
  EXPECT_EQ(value(r.changes[1].current), "25.60");
  EXPECT_EQ(value(r.changes[1].previous), "24.00");
}

TEST(Changes, WhatIsNoStatementOfAChange) {
  const Report r = build(
      "变动率=[（本年度预算数-上年度预算数）/上年度预算数]×100%。若该指标≤20%，得满分，每增加 10%，扣 1 分。\n"
      "收入较上年增长 5%以上得满分。\n"
      "森林覆盖率由 40.12% 提高到 40.50%，提高 0.38 个百分点。\n"
      "达标学校由 12 所增加到 15 所。\n"
      "力争部门收入比上年增长 8%。\n"
      "公务用车运行费增加 1.20 万元。\n");
  EXPECT_TRUE(r.changes.empty()) << r.changes.size() << " changes, first at line " << r.changes[0].span.line;
}

TEST(Changes, PreviousYearStatedAsShangNianWeiThenAFallAndItsRate) {
  // "上年为" refers back to the amount before it; 压减 is a fall by an amount, 降幅 a fall in percent.
  const Report r = build("本年“会议费”预算 6.40 万元，上年为 8.00 万元，压减 1.60 万元，降幅 20.00%。\n");
  ASSERT_EQ(r.changes.size(), 2u);
  for (const auto& c : r.changes) {
    ASSERT_TRUE(c.current && c.previous);
    EXPECT_EQ(c.current->value.to_string(), "6.40");
    EXPECT_EQ(c.previous->value.to_string(), "8.00");
    EXPECT_FALSE(c.increase);
  }
  EXPECT_EQ(r.changes[0].kind, model::StatedChange::Kind::kAmount);
  EXPECT_EQ(r.changes[0].stated.to_string(), "1.60");
  EXPECT_EQ(r.changes[1].kind, model::StatedChange::Kind::kPercent);
  EXPECT_EQ(r.changes[1].stated.to_string(), "20.00");
}

TEST(RemoteBudget, RateAgainstABudgetStatedElsewhere) {
  const Report r = build(
      "2021 年度一般公共预算财政拨款“会议费”决算数为 4820.50 元，完成年初预算的 8.2%。\n"
      "单位财政拨款年初预算 500 万元。\n"
      "评价期间，单位 2021 年度“会议费”实际支出为 4820.50 元，“会议费”年初预算安排 3 万元。\n");
  std::vector<BudgetLine> remote;
  for (const BudgetLine& bl : r.budget_lines)
    if (bl.budget_elsewhere) remote.push_back(bl);
  ASSERT_EQ(remote.size(), 1u);
  EXPECT_EQ(remote[0].rate.to_string(), "8.2");
  EXPECT_EQ(remote[0].executed.value.to_string(), "4820.50");
  EXPECT_EQ(remote[0].executed.exponent, 0);
  // Not the 500 万元 of 财政拨款: its subject is not the one of the executed figure.
  EXPECT_EQ(remote[0].budget.value.to_string(), "3");
  EXPECT_EQ(remote[0].budget.exponent, 4);
  EXPECT_EQ(remote[0].budget.span.line, 3);
  EXPECT_EQ(remote[0].rate_span.line, 1);
}

TEST(RemoteBudget, BudgetInTheSameSentenceIsNotElsewhere) {
  const Report r = build("“差旅费”年初预算 5.00 万元，决算数 4.10 万元，完成年初预算的 82.0%。\n");
  ASSERT_EQ(r.budget_lines.size(), 1u);
  EXPECT_FALSE(r.budget_lines[0].budget_elsewhere);
  EXPECT_EQ(r.budget_lines[0].budget.value.to_string(), "5.00");
  EXPECT_EQ(r.budget_lines[0].executed.value.to_string(), "4.10");
  EXPECT_EQ(r.budget_lines[0].rate.to_string(), "82.0");
}

TEST(RemoteBudget, NoBudgetOfTheSameSubjectNoLine) {
  const Report r = build(
      "“会议费”决算数为 4820.50 元，完成年初预算的 8.2%。\n"
      "“培训费”年初预算安排 3 万元。\n");
  EXPECT_TRUE(r.budget_lines.empty());
}

}  // namespace
}  // namespace jixiao
