// figure.conflict on hand-built repeated figures: the majority value is the
// reference, counts are exact, a whole number of 万元 may be a rounding, and
// with no majority nothing is claimed.

#include <gtest/gtest.h>

#include "jixiao/validate/validate.h"

namespace jixiao {
namespace {

using model::Report;
using model::Severity;
using model::StatedQuantity;
using text::Decimal;
using text::Quantity;

StatedQuantity stated(Quantity::Kind kind, const char* value, const char* unit, int exponent, int line) {
  StatedQuantity s;
  s.quantity.kind = kind;
  s.quantity.value = *Decimal::parse(value);
  s.quantity.unit = unit;
  s.quantity.exponent = exponent;
  Decimal scale = Decimal::from_int(1);
  for (int i = 0; i < exponent; ++i) scale = scale * Decimal::from_int(10);
  s.quantity.normalized = s.quantity.value * scale;
  s.quantity.label = "救助困难职工";
  s.span.document = "t.txt";
  s.span.line = line;
  s.span.text = std::string(value) + unit;
  return s;
}

// A report whose counts (or amounts) are one repeated figure.
Report repeated(bool money, const std::vector<std::pair<const char*, int>>& values, const char* unit, int exponent) {
  Report r;
  model::RepeatedFigure g;
  g.subject = "救助困难职工";
  g.money = money;
  for (auto [v, line] : values) {
    auto& pool = money ? r.amounts : r.counts;
    g.statements.push_back(pool.size());
    pool.push_back(stated(money ? Quantity::Kind::kMoney : Quantity::Kind::kCount, v, unit, exponent, line));
  }
  r.repeated.push_back(g);
  return r;
}

std::vector<model::Finding> conflicts(const Report& r) {
  std::vector<model::Finding> out;
  for (auto& f : validate::validate(r))
    if (f.rule == "figure.conflict") out.push_back(f);
  return out;
}

TEST(FigureConflict, TheOddCountIsAnErrorAgainstTheMajority) {
  const auto f = conflicts(repeated(false, {{"905", 3}, {"950", 9}, {"905", 6}}, "名", 0));
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].severity, Severity::kError);
  EXPECT_EQ(f[0].stated, "950");
  EXPECT_EQ(f[0].computed, "905");
  ASSERT_EQ(f[0].spans.size(), 3u);
  EXPECT_EQ(f[0].spans[0].line, 9);  // the statement at fault first
  EXPECT_NE(f[0].arithmetic.find("differ by 45"), std::string::npos) << f[0].arithmetic;
}

TEST(FigureConflict, AgreeingStatementsAndPrintedPrecisionGiveNothing) {
  EXPECT_TRUE(conflicts(repeated(false, {{"905", 3}, {"905", 6}}, "名", 0)).empty());
  // 1.2 万人 stands for 1.15..1.25 万人: 1.24 万人 agrees with it.
  EXPECT_TRUE(conflicts(repeated(false, {{"1.2", 3}, {"1.2", 4}, {"1.24", 6}}, "万人", 4)).empty());
}

TEST(FigureConflict, AWholeNumberOfWanThatRoundsIsAWarning) {
  const auto f = conflicts(repeated(true, {{"90", 3}, {"90.3", 9}, {"90", 6}}, "万元", 4));
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].severity, Severity::kWarning);
  EXPECT_EQ(f[0].stated, "90.3万元");
  EXPECT_EQ(f[0].computed, "90万元");
  EXPECT_EQ(f[0].tolerance, "0.05万元");
  // 91.3 is beyond any rounding of 90.
  const auto g = conflicts(repeated(true, {{"90", 3}, {"91.3", 9}, {"90", 6}}, "万元", 4));
  ASSERT_EQ(g.size(), 1u);
  EXPECT_EQ(g[0].severity, Severity::kError);
}

TEST(FigureConflict, WithoutAMajorityNothingIsClaimed) {
  EXPECT_TRUE(conflicts(repeated(false, {{"905", 3}, {"950", 9}}, "名", 0)).empty());
  EXPECT_TRUE(conflicts(repeated(false, {{"905", 3}, {"950", 9}, {"905", 4}, {"950", 5}}, "名", 0)).empty());
}

}  // namespace
}  // namespace jixiao
