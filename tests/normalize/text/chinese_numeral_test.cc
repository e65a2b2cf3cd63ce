// Table-driven tests of the numeral readers in chinese_numeral.h.
//
// Each row gives the input, the expected value as decimal text (compared
// with its scale: "3.50" is not "3.5") or nullptr for nullopt, and the prefix
// of the input the reader should consume ("" = all of it); the expected
// length is that prefix's size in bytes. Every numeral row is also run
// through parse_chinese_numeral(), which must succeed exactly when the whole
// input is consumed.

#include "jixiao/text/chinese_numeral.h"

#include <gtest/gtest.h>

#include <cstddef>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>

#include "jixiao/text/decimal.h"

namespace jixiao::text {
namespace {

constexpr std::string_view kAll = "";

struct Case {
  std::string_view input;
  const char* expected;       // decimal text with its scale, or nullptr for nullopt
  std::string_view consumed;  // the prefix read; kAll for the whole input
};

std::size_t ExpectedLength(const Case& c) { return c.consumed.empty() ? c.input.size() : c.consumed.size(); }

std::string Show(const std::optional<Numeral>& n) {
  if (!n) return "nullopt";
  return n->value.to_string() + " (scale " + std::to_string(n->value.scale()) + ", length " +
         std::to_string(n->length) + ")";
}

// Checks one row against a reader.
template <typename Reader>
void ExpectRow(const Case& c, Reader reader) {
  SCOPED_TRACE(testing::Message() << "input \"" << c.input << "\"");
  ASSERT_TRUE(c.consumed.empty() || c.input.starts_with(c.consumed)) << "bad row: consumed is not a prefix";
  const std::optional<Numeral> got = reader(c.input);
  if (c.expected == nullptr) {
    EXPECT_FALSE(got.has_value()) << "got " << Show(got);
    return;
  }
  const std::optional<Decimal> want = Decimal::parse(c.expected);
  ASSERT_TRUE(want.has_value()) << "bad row: " << c.expected;
  ASSERT_TRUE(got.has_value()) << "expected " << c.expected;
  EXPECT_TRUE(got->value.identical(*want)) << "expected " << c.expected << ", got " << Show(got);
  EXPECT_EQ(got->length, ExpectedLength(c)) << "got " << Show(got);
}

// ---------------------------------------------------------------- read_numeral

const Case kNumeralCases[] = {
    // Arabic figures: Decimal::parse rules, printed scale kept, no sign.
    {"0", "0", kAll},
    {"7", "7", kAll},
    {"81", "81", kAll},
    {"47213.5", "47213.5", kAll},
    {"47213.50", "47213.50", kAll},
    {"33.30", "33.30", kAll},
    {"0.05", "0.05", kAll},
    {"007", "7", kAll},
    {"3,165.74", "3165.74", kAll},
    {"1,234,567", "1234567", kAll},
    {"1,000.5", "1000.5", kAll},
    {"999,999,999,999.99", "999999999999.99", kAll},
    {"100,200", "100200", kAll},  // a full-width list comma after NFKC: see the header
    {"2020年", "2020", "2020"},
    {"2019-2021", "2019", "2019"},
    {"3-5", "3", "3"},
    {"5.", "5", "5"},
    {"5.x", "5", "5"},
    {"3.5.6", "3.5", "3.5"},
    {"1,2", "1", "1"},
    {"1,2345", "1", "1"},
    {"1234,567", "1234", "1234"},
    {"0,123", "0", "0"},
    {"12.5%", "12.5", "12.5"},
    {"81分", "81", "81"},
    {".5", nullptr, kAll},
    {"-3", nullptr, kAll},
    {"+2", nullptr, kAll},
    {",5", nullptr, kAll},
    {"1234567890123456789012345678901", nullptr, kAll},  // more digits than a Decimal holds

    // Arabic figure times a Chinese magnitude: scale max(0, printed - k).
    {"1.38亿", "138000000", kAll},
    {"8.65万", "86500", kAll},
    {"2万", "20000", kAll},
    {"35.870928万", "358709.28", kAll},
    {"3千", "3000", kAll},
    {"5百", "500", kAll},
    {"3千万", "30000000", kAll},
    {"5百万", "5000000", kAll},
    {"1.2万亿", "1200000000000", kAll},
    {"10万亿", "10000000000000", kAll},
    {"3千亿", "300000000000", kAll},
    {"1.50万", "15000", kAll},
    {"0.5万", "5000", kAll},
    {"1.23456万", "12345.6", kAll},
    {"12.345678亿", "1234567800", kAll},
    {"1,234.5万", "12345000", kAll},
    {"47213.50万元", "472135000", "47213.50万"},
    {"0.000001万", "0.01", kAll},
    {"1亿2000万", "120000000", kAll},
    {"1亿2000万元", "120000000", "1亿2000万"},
    {"3亿5万", "300050000", kAll},
    {"3亿05万", "300000000", "3亿"},
    {"1亿12345万", "100000000", "1亿"},
    {"1.5亿2000万", "150000000", "1.5亿"},
    {"2万5", "20000", "2万"},
    {"2万5千", "20000", "2万"},
    {"2亿万", "200000000", "2亿"},
    {"3万万", "30000", "3万"},
    {"3十", "3", "3"},
    {"3拾", "3", "3"},
    {"5佰", "5", "5"},
    {"3五", "3", "3"},

    // Chinese digits and units.
    {"零", "0", kAll},
    {"〇", "0", kAll},
    {"一", "1", kAll},
    {"二", "2", kAll},
    {"三", "3", kAll},
    {"四", "4", kAll},
    {"五", "5", kAll},
    {"六", "6", kAll},
    {"七", "7", kAll},
    {"八", "8", kAll},
    {"九", "9", kAll},
    {"十", "10", kAll},
    {"一十", "10", kAll},
    {"十一", "11", kAll},
    {"十二", "12", kAll},
    {"一十二", "12", kAll},
    {"二十", "20", kAll},
    {"二十三", "23", kAll},
    {"九十九", "99", kAll},
    {"一百", "100", kAll},
    {"一百零一", "101", kAll},
    {"一百一十", "110", kAll},
    {"一百一十一", "111", kAll},
    {"一百二十", "120", kAll},
    {"三百四十五", "345", kAll},
    {"一千", "1000", kAll},
    {"一千零五", "1005", kAll},
    {"一千零一十", "1010", kAll},
    {"一千零五十", "1050", kAll},
    {"一千一百", "1100", kAll},
    {"一千二百三十四", "1234", kAll},
    {"九千九百九十九", "9999", kAll},
    {"一万", "10000", kAll},
    {"一万零一", "10001", kAll},
    {"一万零一十", "10010", kAll},
    {"一万零十", "10010", kAll},
    {"一万零一百", "10100", kAll},
    {"一万一千", "11000", kAll},
    {"十万", "100000", kAll},
    {"十万零三", "100003", kAll},
    {"十二万", "120000", kAll},
    {"二十二万", "220000", kAll},
    {"二十万零三百", "200300", kAll},
    {"一百万", "1000000", kAll},
    {"一千万", "10000000", kAll},
    {"一千二百万", "12000000", kAll},
    {"五千万", "50000000", kAll},
    {"三千零五万", "30050000", kAll},
    {"一千二百三十四万五千六百七十八", "12345678", kAll},
    {"一亿", "100000000", kAll},
    {"一亿零一", "100000001", kAll},
    {"一亿零五万", "100050000", kAll},
    {"一亿二千三百四十五万六千七百八十九", "123456789", kAll},
    {"十亿", "1000000000", kAll},
    {"十亿零一十", "1000000010", kAll},
    {"一百亿", "10000000000", kAll},
    {"一千亿", "100000000000", kAll},
    {"一千亿零一十", "100000000010", kAll},
    {"九千九百九十九亿九千九百九十九万九千九百九十九", "999999999999", kAll},
    {"一万亿", "1000000000000", kAll},
    {"一万五千亿", "1500000000000", kAll},
    {"一千二百三十四万亿", "1234000000000000", kAll},
    {"九千九百九十九万九千九百九十九亿九千九百九十九万九千九百九十九", "9999999999999999", kAll},
    {"一千〇一", "1001", kAll},
    {"一万〇一百", "10100", kAll},
    {"一亿〇一", "100000001", kAll},
    {"二千〇二十", "2020", kAll},

    // A 零 left out before a term with its own unit (ICU writes these).
    {"一亿二百万", "102000000", kAll},
    {"一亿二万", "100020000", kAll},
    {"一千万一千", "10001000", kAll},
    {"十亿一万", "1000010000", kAll},
    {"一百万二千", "1002000", kAll},
    {"一亿十万", "100100000", kAll},
    {"一千五十", "1050", kAll},
    {"一万二百", "10200", kAll},

    // 两.
    {"两", "2", kAll},
    {"两个", "2", "两"},
    {"两百", "200", kAll},
    {"两千", "2000", kAll},
    {"两万", "20000", kAll},
    {"两亿", "200000000", kAll},
    {"两千万", "20000000", kAll},
    {"两万两千两百二十二", "22222", kAll},
    {"一亿两万", "100020000", kAll},
    {"一万两千", "12000", kAll},
    {"两点五", "2", "两"},  // 两点 is a time of day
    {"两点", "2", "两"},
    {"两十", nullptr, kAll},
    {"两三个", nullptr, kAll},
    {"两〇", nullptr, kAll},
    {"十两", "10", "十"},
    {"一百零两", "100", "一百"},
    {"一百两", "100", "一百"},
    {"两万两", "20000", "两万"},
    {"三点两", "3", "三"},

    // Elided last places: only a lower-case digit right after its unit,
    // ending the numeral.
    {"两万五", "25000", kAll},
    {"一百一", "110", kAll},
    {"三千五", "3500", kAll},
    {"一万二", "12000", kAll},
    {"三亿五", "350000000", kAll},
    {"一千一百五", "1150", kAll},
    {"一万二千五", "12500", kAll},
    {"三十五万五", "355000", kAll},
    {"一亿二", "120000000", kAll},
    {"一百五元", "150", "一百五"},
    {"两万五千元", "25000", "两万五千"},
    {"两千五百万", "25000000", kAll},
    {"三亿五千万", "350000000", kAll},
    {"三亿五万", "300050000", kAll},
    {"一万零五", "10005", kAll},
    {"一万二三", "10000", "一万"},
    {"一万五亿", "10000", "一万"},
    {"一千二万", "1000", "一千"},
    {"一百二万", "100", "一百"},
    {"一百一点五", "100", "一百"},
    {"壹万伍", "10000", "壹万"},
    {"壹佰壹", "100", "壹佰"},

    // Decimals with 点: the scale is the digits written.
    {"三点五", "3.5", kAll},
    {"零点五", "0.5", kAll},
    {"零点零五", "0.05", kAll},
    {"〇点〇五", "0.05", kAll},
    {"十二点三四五", "12.345", kAll},
    {"一百点零", "100.0", kAll},
    {"三点五零", "3.50", kAll},
    {"三点一四一五九二六", "3.1415926", kAll},
    {"一万二千三百四十五点六七八", "12345.678", kAll},
    {"一万点五", "10000.5", kAll},
    {"叁点伍", "3.5", kAll},
    {"零点零伍", "0.05", kAll},
    {"三点五万", "35000", kAll},
    {"十二点五万", "125000", kAll},
    {"三点一四一五九万", "31415.9", kAll},
    {"一点二万亿", "1200000000000", kAll},
    {"零点五亿", "50000000", kAll},
    {"一万点五万", "10000.5", "一万点五"},
    {"点五", nullptr, kAll},
    {"点", nullptr, kAll},
    {"三点", "3", "三"},
    {"三点钟", "3", "三"},
    {"十点半", "10", "十"},

    // 负.
    {"负三", "-3", kAll},
    {"负零点五", "-0.5", kAll},
    {"负一百", "-100", kAll},
    {"负3.5", "-3.5", kAll},
    {"负1.38亿", "-138000000", kAll},
    {"负十三五", "-13", "负十三"},
    {"负", nullptr, kAll},
    {"负负三", nullptr, kAll},
    {"负点五", nullptr, kAll},
    {"三负", "3", "三"},

    // Positional digit runs (years as written).
    {"二〇二〇", "2020", kAll},
    {"二〇二〇年", "2020", "二〇二〇"},
    {"一九九八", "1998", kAll},
    {"二零二三", "2023", kAll},
    {"一〇〇〇", "1000", kAll},
    {"五〇", "50", kAll},
    {"三四", "34", kAll},
    {"一二三四五六七八九", "123456789", kAll},
    {"二〇二〇点五", "2020", "二〇二〇"},
    {"二〇二〇万", "2020", "二〇二〇"},
    {"零五", "0", "零"},

    // Financial capitals.
    {"拾", "10", kAll},
    {"壹拾", "10", kAll},
    {"拾壹", "11", kAll},
    {"壹拾贰", "12", kAll},
    {"贰拾", "20", kAll},
    {"壹佰", "100", kAll},
    {"壹佰零壹", "101", kAll},
    {"壹佰壹拾", "110", kAll},
    {"壹仟零伍", "1005", kAll},
    {"柒佰捌拾玖", "789", kAll},
    {"玖仟玖佰玖拾玖", "9999", kAll},
    {"壹万", "10000", kAll},
    {"拾万", "100000", kAll},
    {"壹拾万", "100000", kAll},
    {"壹仟贰佰叁拾肆万伍仟", "12345000", kAll},
    {"捌拾陆万叁仟", "863000", kAll},
    {"叁仟零伍万", "30050000", kAll},
    {"贰亿", "200000000", kAll},
    {"拾亿壹万", "1000010000", kAll},
    {"壹亿零壹", "100000001", kAll},
    {"陆", "6", kAll},
    {"伍佰万元", "5000000", "伍佰万"},
    {"壹百", "100", kAll},  // capitals and lower case mix
    {"一佰", "100", kAll},
    {"萬", nullptr, kAll},
    {"壹萬", "1", "壹"},
    {"壹億", "1", "壹"},
    {"壹圆", "1", "壹"},

    // Rejected forms, and where a prefix reading stops.
    {"", nullptr, kAll},
    {"十十", "10", "十"},
    {"万万", nullptr, kAll},
    {"一百百", "100", "一百"},
    {"零零", "0", "零"},
    {"一千零零五", "1000", "一千"},
    {"三百四千", "300", "三百"},
    {"十百", "10", "十"},
    {"一十十", "10", "一十"},
    {"一百零十", "100", "一百"},
    {"一千零", "1000", "一千"},
    {"一百零", "100", "一百"},
    {"零一", "0", "零"},
    {"一万万", "10000", "一万"},
    {"一亿亿", "100000000", "一亿"},
    {"万", nullptr, kAll},
    {"亿", nullptr, kAll},
    {"百", nullptr, kAll},
    {"千", nullptr, kAll},
    {"兆", nullptr, kAll},
    {"一兆", "1", "一"},
    {"百分之五", nullptr, kAll},
    {"第三", nullptr, kAll},
    {"约三百", nullptr, kAll},
    {"abc", nullptr, kAll},
    {" 三", nullptr, kAll},
    {"三 百", "3", "三"},
    {"\xe4\xb8", nullptr, kAll},  // a cut-off 一

    // Context-free: the caller decides what these figures are.
    {"一、", "1", "一"},
    {"十三五规划", "13", "十三"},
    {"二十一世纪", "21", "二十一"},
    {"三个", "3", "三"},
    {"三分之一", "3", "三"},
    {"五年", "5", "五"},
};

TEST(ReadNumeralTest, Table) {
  for (const Case& c : kNumeralCases) ExpectRow(c, read_numeral);
}

TEST(ParseChineseNumeralTest, WholeInputOnly) {
  for (const Case& c : kNumeralCases) {
    SCOPED_TRACE(testing::Message() << "input \"" << c.input << "\"");
    const std::optional<Decimal> got = parse_chinese_numeral(c.input);
    if (c.expected == nullptr || ExpectedLength(c) != c.input.size()) {
      EXPECT_FALSE(got.has_value()) << got->to_string();
    } else {
      ASSERT_TRUE(got.has_value());
      EXPECT_TRUE(got->identical(*Decimal::parse(c.expected))) << got->to_string();
    }
  }
}

// ---------------------------------------------------------------- read_money_in_words

const Case kMoneyCases[] = {
    {"人民币壹仟贰佰叁拾肆万伍仟元整", "12345000", kAll},
    {"叁拾元伍角", "30.5", kAll},
    {"伍元零捌分", "5.08", kAll},
    {"壹佰元整", "100", kAll},
    {"壹佰圆整", "100", kAll},
    {"壹佰元正", "100", kAll},
    {"壹佰元", "100", kAll},
    {"人民币伍元", "5", kAll},
    {"叁拾元伍角捌分", "30.58", kAll},
    {"叁拾元伍角整", "30.5", kAll},
    {"叁拾元零伍角", "30.5", kAll},
    {"叁拾元伍分", "30.05", kAll},
    {"零元伍角", "0.5", kAll},
    {"壹万元整", "10000", kAll},
    {"壹拾万元整", "100000", kAll},
    {"拾万元", "100000", kAll},
    {"壹仟零伍元整", "1005", kAll},
    {"人民币壹亿元整", "100000000", kAll},
    {"壹佰元两角", "100.2", kAll},
    {"两万五元", "25000", kAll},  // colloquial lower case may elide
    {"一百元", "100", kAll},
    {"陆仟柒佰元整，", "6700", "陆仟柒佰元整"},
    {"壹佰元整整", "100", "壹佰元整"},
    {"壹佰元伍", "100", "壹佰元"},
    {"壹佰元伍角零捌分", "100.5", "壹佰元伍角"},
    {"伍角", nullptr, kAll},
    {"人民币5元", nullptr, kAll},
    {"5元", nullptr, kAll},
    {"三点五元", nullptr, kAll},
    {"负五元", nullptr, kAll},
    {"壹万伍元", nullptr, kAll},  // capitals never elide: 壹万 then 伍 is not money
    {"壹佰", nullptr, kAll},
    {"人民币", nullptr, kAll},
    {"一二元", nullptr, kAll},
    {"元", nullptr, kAll},
};

TEST(ReadMoneyInWordsTest, Table) {
  for (const Case& c : kMoneyCases) ExpectRow(c, read_money_in_words);
}

// ---------------------------------------------------------------- read_ratio

struct RatioCase {
  std::string_view input;
  const char* numerator;    // nullptr: read_ratio returns nullopt
  const char* denominator;
  bool percent_form;
  bool permille_form;
  std::string_view consumed;  // kAll for the whole input
  const char* percent;        // percent_value(), nullptr for nullopt
};

const RatioCase kRatioCases[] = {
    {"33.3%", "33.3", "100", true, false, kAll, "33.3"},
    {"33.30%", "33.30", "100", true, false, kAll, "33.30"},
    {"100%", "100", "100", true, false, kAll, "100"},
    {"0.5%", "0.5", "100", true, false, kAll, "0.5"},
    {"12.5%以上", "12.5", "100", true, false, "12.5%", "12.5"},
    {"负5%", "-5", "100", true, false, kAll, "-5"},
    {"百分之九十", "90", "100", true, false, kAll, "90"},
    {"百分之三点五", "3.5", "100", true, false, kAll, "3.5"},
    {"百分之百", "100", "100", true, false, kAll, "100"},
    {"百分之一百", "100", "100", true, false, kAll, "100"},
    {"百分之零点五", "0.5", "100", true, false, kAll, "0.5"},
    {"百分之十五以上", "15", "100", true, false, "百分之十五", "15"},
    {"5‰", "5", "1000", false, true, kAll, "0.5"},
    {"4.20‰", "4.20", "1000", false, true, kAll, "0.420"},
    {"千分之四点二", "4.2", "1000", false, true, kAll, "0.42"},
    {"千分之五", "5", "1000", false, true, kAll, "0.5"},
    {"万分之五", "5", "10000", false, false, kAll, "0.05"},
    {"三分之一", "1", "3", false, false, kAll, nullptr},
    {"三分之二", "2", "3", false, false, kAll, nullptr},
    {"二分之一", "1", "2", false, false, kAll, "50"},
    {"四分之三", "3", "4", false, false, kAll, "75"},
    {"八分之一", "1", "8", false, false, kAll, "12.5"},
    {"十分之一", "1", "10", false, false, kAll, "10"},
    {"五百分之一", "1", "500", false, false, kAll, "0.2"},
    {"3分之2", "2", "3", false, false, kAll, nullptr},
    {"三分之一强", "1", "3", false, false, "三分之一", nullptr},
    {"百分之", nullptr, nullptr, false, false, kAll, nullptr},
    {"零分之一", nullptr, nullptr, false, false, kAll, nullptr},
    {"三分之", nullptr, nullptr, false, false, kAll, nullptr},
    {"33.3", nullptr, nullptr, false, false, kAll, nullptr},
    {"三分", nullptr, nullptr, false, false, kAll, nullptr},
    {"%", nullptr, nullptr, false, false, kAll, nullptr},
};

TEST(ReadRatioTest, Table) {
  for (const RatioCase& c : kRatioCases) {
    SCOPED_TRACE(testing::Message() << "input \"" << c.input << "\"");
    const std::optional<Ratio> got = read_ratio(c.input);
    if (c.numerator == nullptr) {
      EXPECT_FALSE(got.has_value());
      continue;
    }
    ASSERT_TRUE(got.has_value());
    EXPECT_TRUE(got->numerator.identical(*Decimal::parse(c.numerator))) << got->numerator.to_string();
    EXPECT_TRUE(got->denominator.identical(*Decimal::parse(c.denominator))) << got->denominator.to_string();
    EXPECT_EQ(got->percent_form, c.percent_form);
    EXPECT_EQ(got->permille_form, c.permille_form);
    EXPECT_EQ(got->length, c.consumed.empty() ? c.input.size() : c.consumed.size());
    const std::optional<Decimal> percent = percent_value(*got);
    if (c.percent == nullptr) {
      EXPECT_FALSE(percent.has_value()) << percent->to_string();
    } else {
      ASSERT_TRUE(percent.has_value());
      EXPECT_TRUE(percent->identical(*Decimal::parse(c.percent))) << percent->to_string();
    }
  }
}

TEST(ChineseNumeralTest, TablesHaveAtLeast300Cases) {
  const std::size_t total = std::size(kNumeralCases) + std::size(kMoneyCases) + std::size(kRatioCases);
  EXPECT_GE(total, 300u);
}

}  // namespace
}  // namespace jixiao::text
