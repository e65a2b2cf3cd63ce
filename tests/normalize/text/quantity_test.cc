// scan_quantities on sentences of the genre: money and counts with their exact
// base-unit values, qualifiers, ranges and labels, and the misreadings that
// must not become quantities (years, document numbers, dates, ordinals, set
// phrases). Lines go through normalize_line() first, as in the pipeline.

#include <gtest/gtest.h>

#include "jixiao/text/quantity.h"
#include "jixiao/text/text_normalizer.h"

namespace jixiao::text {
namespace {

std::vector<Quantity> scan(const std::string& text) { return scan_quantities(normalize_line(text).text); }

struct Case {
  const char* text;
  const char* expected;  // describe_normalized of each quantity, joined by " | "; "" for none
};

// Each row: a sentence and every quantity it holds, normalized.
const Case kCases[] = {
    // Money: units and magnitudes.
    {"2020年预算资金为47213.5万元", "472135000 元"},
    {"决算数为 3165.74 元", "3165.74 元"},
    {"全年预算数 35.870928 万元", "358709.28 元"},
    {"发放养老金1.38亿元", "138000000 元"},
    {"公务用车运行维护费3,165.74元", "3165.74 元"},
    {"收入 2.5千元", "2500 元"},
    {"总额 1.2万亿元", "1200000000000 元"},
    {"因公出国（境）费 0 万元", "0 元"},
    {"合计 88 万元、35.87 万元和 20614 万元", "880000 元 | 358700 元 | 206140000 元"},
    {"合同价款￥863,000.00", "863000.00 元"},
    // Money in words.
    {"人民币壹仟贰佰叁拾肆万伍仟元整", "12345000 元"},
    {"合同金额为人民币捌拾陆万叁仟元整", "863000 元"},
    {"补助三百四十五万元", "3450000 元"},
    {"拨付三百三十一万二千元", "3312000 元"},
    {"叁拾元伍角", "30.5 元"},
    // Full-width digits and spaces from extraction.
    {"预算数 ４７２１３．５ 万元", "472135000 元"},
    {"预 算 数 8 . 6 5 万 元", "86500 元"},
    // Counts.
    {"为全区 7579 名退休人员拨付", "7579 名"},
    {"为8.65万名老年人发放", "86500 名"},
    {"参保12.5万人", "125000 人"},
    {"服务 245 人次", "245 人次"},
    {"整理档案 48 卷，票据 2448 卷", "48 卷 | 2448 卷"},
    {"共为全区 1873 家企业减免", "1873 家"},
    {"改造 126 户困难家庭", "126 户"},
    {"两万五千人参加", "25000 人"},
    {"共有四个方面", "4 个"},
    // Approximate and bounded.
    {"开展工伤备案 300 余人次", "300 人次"},
    {"为近2000名新增退休人员", "2000 名"},
    {"预计约160万元", "1600000 元"},
    {"标准不低于每人每年31.8元", "31.8 元"},
    {"转移社保基金 1500 余万元", "15000000 元"},
    // Ranges.
    {"65—74岁的待遇领取人员", "65-74 岁"},
    {"为 55-59 周岁的重残人员", "55-59 岁"},
    // Not quantities.
    {"2020年部门整体支出", ""},
    {"济人社发〔2018〕42号文件", ""},
    {"财预〔2011〕285号", ""},
    {"自 2020 年 2 月起，6 月 1 日开始", ""},
    {"第三，加强管理", ""},
    {"一、部门概况", ""},
    {"（三）评价依据", ""},
    {"一次性发放", ""},
    {"推进一窗受理，实现一次办好", ""},
    {"十三五规划", ""},
    {"做到一人不漏，一天不拖", ""},
    {"千家万户", ""},
    {"按省 60%市 6%县 34%测算", ""},
    {"森林覆盖率提高 0.46 个百分点", ""},
    {"满意度达到90%以上", ""},
    {"有效期 3 个月", ""},
    {"“三公”经费", ""},
    {"习近平新时代中国特色社会主义思想和十九大精神", ""},
};

class QuantityCases : public ::testing::TestWithParam<Case> {};

TEST_P(QuantityCases, NormalizedValues) {
  const Case& c = GetParam();
  std::string got;
  for (const Quantity& q : scan(c.text)) got += (got.empty() ? "" : " | ") + describe_normalized(q);
  EXPECT_EQ(got, c.expected) << c.text;
}

INSTANTIATE_TEST_SUITE_P(Table, QuantityCases, ::testing::ValuesIn(kCases));

TEST(Quantity, KindsUnitsAndPrintedValue) {
  const auto q = scan("其中，工资福利支出629.77万元，服务 245 人次");
  ASSERT_EQ(q.size(), 2u);
  EXPECT_EQ(q[0].kind, Quantity::Kind::kMoney);
  EXPECT_EQ(q[0].value.to_string(), "629.77");
  EXPECT_EQ(q[0].unit, "万元");
  EXPECT_EQ(q[0].normalized.to_string(), "6297700");
  EXPECT_EQ(q[0].label, "工资福利支出");
  EXPECT_EQ(q[1].kind, Quantity::Kind::kCount);
  EXPECT_EQ(q[1].base_unit, "人次");
  EXPECT_EQ(q[1].label, "服务");
}

TEST(Quantity, Qualifiers) {
  auto q = scan("开展工伤备案 300 余人次");
  ASSERT_EQ(q.size(), 1u);
  EXPECT_EQ(q[0].qualifier, Qualifier::kApproximate);
  EXPECT_EQ(q[0].qualifier_text, "余");
  q = scan("标准不低于每人每年31.8元");
  ASSERT_EQ(q.size(), 1u);
  EXPECT_EQ(q[0].qualifier, Qualifier::kExact);  // 不低于 qualifies 每人每年, not the figure right after it
  q = scan("标准不低于31.8元");
  ASSERT_EQ(q.size(), 1u);
  EXPECT_EQ(q[0].qualifier, Qualifier::kAtLeast);
  EXPECT_EQ(q[0].qualifier_text, "不低于");
  q = scan("为近2000名新增退休人员");
  EXPECT_EQ(q[0].qualifier, Qualifier::kApproximate);
  q = scan("为 60 周岁以上老年人");
  ASSERT_EQ(q.size(), 1u);
  EXPECT_EQ(q[0].qualifier, Qualifier::kAtLeast);
  EXPECT_EQ(q[0].qualifier_text, "以上");
  q = scan("不超过5000元");
  EXPECT_EQ(q[0].qualifier, Qualifier::kAtMost);
  q = scan("约160万元");
  EXPECT_EQ(q[0].qualifier, Qualifier::kApproximate);
  EXPECT_EQ(std::string(qualifier_name(q[0].qualifier)), "approximate");
}

TEST(Quantity, RangeKeepsBothEnds) {
  const auto q = scan("55-59周岁");
  ASSERT_EQ(q.size(), 1u);
  EXPECT_EQ(q[0].normalized.to_string(), "55");
  ASSERT_TRUE(q[0].range_upper.has_value());
  EXPECT_EQ(q[0].range_upper->to_string(), "59");
}

TEST(Quantity, ByteRangesCoverQualifiersAndUnits) {
  const std::string line = normalize_line("发放约160万元左右的补贴").text;
  const auto q = scan_quantities(line);
  ASSERT_EQ(q.size(), 1u);
  EXPECT_EQ(line.substr(q[0].begin, q[0].end - q[0].begin), "约160万元左右");
}

TEST(Quantity, LabelsFromTheClause) {
  const auto q = scan("共为2635名死亡人员遗属发放丧葬补助金158万元，发放个人账户继承额444万元");
  ASSERT_EQ(q.size(), 3u);
  EXPECT_EQ(q[0].label, "死亡人员遗属");
  EXPECT_EQ(q[1].label, "死亡人员遗属发放丧葬补助金");
  EXPECT_EQ(q[2].label, "发放个人账户继承额");
  const auto b = scan("工伤保险项目全年预算数 88 万元，全面执行数 88 万元，执行率 100%");
  ASSERT_EQ(b.size(), 2u);
  EXPECT_EQ(b[0].label, "工伤保险项目全年预算数");
  EXPECT_EQ(b[1].label, "全面执行数");
}

}  // namespace
}  // namespace jixiao::text

namespace jixiao::text {
namespace {

// Found by the fuzzer: a figure whose exact value in yuan does not fit is no
// quantity, and does not abort.
TEST(Quantity, FiguresTooLargeToScaleAreSkipped) {
  EXPECT_TRUE(scan("200000000000000000000000000万亿元").empty());
  EXPECT_EQ(scan("7777777777767777777777777777万亿元，另 5 万元").size(), 1u);
}

}  // namespace
}  // namespace jixiao::text
