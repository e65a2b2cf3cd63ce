// The seed report's amounts and counts: exact yuan and unit values, qualifiers,
// and no year, date or document number read as a quantity.

#include <algorithm>

#include "support/test_support.h"

namespace jixiao {
namespace {

using model::StatedQuantity;
using text::Qualifier;

class SeedQuantities : public ::testing::Test {
 protected:
  void SetUp() override {
    const std::string path = testing::shared_path("corpus/yanzhou-2020.txt");
    JIXIAO_REQUIRE_FILE(path);
    doc_ = testing::analyze_or_fail(path);
  }
  // Every amount or count whose original text is `text`.
  std::vector<const StatedQuantity*> find(const std::vector<StatedQuantity>& list, const std::string& text) const {
    std::vector<const StatedQuantity*> out;
    for (const auto& q : list)
      if (q.span.text == text) out.push_back(&q);
    return out;
  }
  pipeline::AnalyzedDocument doc_;
};

TEST_F(SeedQuantities, AmountsInExactYuan) {
  const std::pair<const char*, const char*> kExpected[] = {
      {"47213.5 万元", "472135000"}, {"47213.5万元", "472135000"}, {"3165.74 元", "3165.74"},
      {"35.870928 万元", "358709.28"}, {"1.38亿元", "138000000"},  {"656.77 万元", "6567700"},
      {"3165 元", "3165"},             {"158.1 万元", "1581000"},  {"0 万元", "0"},
      {"224.35 万元", "2243500"},      {"600 元", "600"},          {"1083.29 万元", "10832900"},
  };
  for (const auto& [text, yuan] : kExpected) {
    const auto found = find(doc_.report.amounts, text);
    ASSERT_FALSE(found.empty()) << text;
    for (const auto* q : found) EXPECT_EQ(q->quantity.normalized.to_string(), yuan) << text;
  }
}

TEST_F(SeedQuantities, AmountsKeepTheirLabelsAndPlaces) {
  const auto wages = find(doc_.report.amounts, "629.77万元");
  ASSERT_EQ(wages.size(), 1u);
  EXPECT_EQ(wages[0]->quantity.label, "工资福利支出");
  EXPECT_EQ(wages[0]->span.line, 296);
  const auto car = find(doc_.report.amounts, "3165 元");
  ASSERT_FALSE(car.empty());
  EXPECT_EQ(car[0]->quantity.label, "公务用车运行维护费");
  const auto budget = find(doc_.report.amounts, "35.870928 万元");
  ASSERT_EQ(budget.size(), 2u);
  EXPECT_EQ(budget[0]->quantity.label, "国有企业职教幼教退休教师待遇项目全年预算数");
}

TEST_F(SeedQuantities, Counts) {
  const std::tuple<const char*, const char*, const char*> kExpected[] = {
      {"7579 名", "7579", "名"},    {"8.65 万人", "86500", "人"}, {"8.65万名", "86500", "名"},
      {"8.6 万名", "86000", "名"},  {"2635 名", "2635", "名"},    {"300 余人次", "300", "人次"},
      {"98443 人", "98443", "人"},  {"12.5 万人", "125000", "人"}, {"1873 家", "1873", "家"},
      {"48 卷", "48", "卷"},
  };
  for (const auto& [text, value, unit] : kExpected) {
    const auto found = find(doc_.report.counts, text);
    ASSERT_FALSE(found.empty()) << text;
    EXPECT_EQ(found[0]->quantity.normalized.to_string(), value) << text;
    EXPECT_EQ(found[0]->quantity.base_unit, unit) << text;
  }
  for (const auto* q : find(doc_.report.counts, "300 余人次")) {
    EXPECT_EQ(q->quantity.qualifier, Qualifier::kApproximate);
    EXPECT_EQ(q->quantity.qualifier_text, "余");
  }
  const auto near = find(doc_.report.counts, "近 2000 名");
  ASSERT_EQ(near.size(), 1u);
  EXPECT_EQ(near[0]->quantity.qualifier, Qualifier::kApproximate);
  const auto ages = find(doc_.report.counts, "55-59 周岁");
  ASSERT_FALSE(ages.empty());
  ASSERT_TRUE(ages[0]->quantity.range_upper.has_value());
  EXPECT_EQ(ages[0]->quantity.range_upper->to_string(), "59");
}

TEST_F(SeedQuantities, NoYearDateOrDocumentNumberIsAQuantity) {
  for (const auto* list : {&doc_.report.amounts, &doc_.report.counts}) {
    for (const auto& q : *list) {
      for (const char* marker : {"年", "月", "日", "号", "〔", "〕", "【", "第"})
        EXPECT_EQ(q.span.text.find(marker), std::string::npos) << q.span.line << ": " << q.span.text;
    }
  }
  // Every amount is one of the report's money figures: none is a year like 2020.
  for (const auto& q : doc_.report.amounts) EXPECT_NE(q.quantity.value.to_string(), "2020") << q.span.text;
}

TEST_F(SeedQuantities, SpansQuoteTheOriginalLine) {
  for (const auto* list : {&doc_.report.amounts, &doc_.report.counts}) {
    for (const auto& q : *list) {
      const std::size_t line_index = static_cast<std::size_t>(q.span.line - 1);
      const std::string_view line = doc_.document.line_text(line_index);
      EXPECT_NE(line.find(q.span.text), std::string_view::npos) << q.span.line << ": " << q.span.text;
      EXPECT_EQ(doc_.document.text.substr(q.span.begin, q.span.end - q.span.begin), q.span.text);
    }
  }
}

}  // namespace
}  // namespace jixiao
