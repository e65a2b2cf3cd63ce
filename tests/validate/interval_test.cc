// Interval arithmetic on printed figures: sums of rounded figures that look
// off by a cent but agree, ratios printed to one decimal, and the two readings
// of a whole number (exact, or a rounding of 万元).

#include "interval.h"

#include <gtest/gtest.h>

#include <vector>

namespace jixiao::validate::internal {
namespace {

Decimal d(const char* s) {
  auto v = Decimal::parse(s);
  if (!v) ADD_FAILURE() << "bad decimal in test: " << s;
  return v.value_or(Decimal());
}

Bounds wan(const char* s) { return bounds_of(d(s), 4, 4).value(); }  // a figure printed in 万元

Bounds sum(const std::vector<const char*>& parts) {
  Bounds total = exact(Decimal());
  for (const char* p : parts) total = add(total, wan(p)).value();
  return total;
}

TEST(Interval, PrintedDecimalsStandForHalfAUnit) {
  const Bounds b = wan("47213.5");
  EXPECT_EQ(b.tight.lo, d("47213.45"));
  EXPECT_EQ(b.tight.hi, d("47213.55"));
  EXPECT_EQ(b.loose.lo, b.tight.lo);
}

TEST(Interval, WholeNumbersAreExactTightlyAndRoundedLoosely) {
  const Bounds b = wan("158");
  EXPECT_EQ(b.tight.lo, d("158"));
  EXPECT_EQ(b.tight.hi, d("158"));
  EXPECT_EQ(b.loose.lo, d("157.5"));
  EXPECT_EQ(b.loose.hi, d("158.5"));
  // Whole yuan and whole persons are never roundings.
  const Bounds yuan = bounds_of(d("3165"), 0, 0).value();
  EXPECT_EQ(yuan.loose.lo, d("3165"));
  EXPECT_EQ(yuan.loose.hi, d("3165"));
}

TEST(Interval, UnitsAreRescaledExactly) {
  // 8.6 万人 in persons: 86000, standing for 85500..86500.
  const Bounds b = bounds_of(d("8.6"), 4, 0).value();
  EXPECT_EQ(b.value, d("86000"));
  EXPECT_EQ(b.tight.lo, d("85500"));
  EXPECT_EQ(b.tight.hi, d("86500"));
}

TEST(Interval, PartsThatLookFourCentsShortStillAgree) {
  // Seven parts printed with 0, 1 and 2 decimals sum to 47213.46; the total printed as 47213.5 agrees.
  const Bounds parts = sum({"656.77", "8.19", "9514", "5395", "14535.8", "11100", "6003.7"});
  EXPECT_EQ(parts.value, d("47213.46"));
  EXPECT_EQ(agreement(wan("47213.5"), parts), Agreement::kAgree);
  EXPECT_EQ(tolerance_text(wan("47213.5"), parts), "0.16");
}

TEST(Interval, OneCentOffWithTwoDecimalsEverywhereIsRoundingToo) {
  // 33.33 + 33.33 + 33.33 = 99.99 against 100.00: each part may be 33.335, so 100.00 is reachable.
  EXPECT_EQ(agreement(wan("100.00"), sum({"33.33", "33.33", "33.33"})), Agreement::kAgree);
  // 99.97 is not: three parts can add at most 0.015.
  EXPECT_EQ(agreement(wan("100.00"), sum({"33.32", "33.32", "33.33"})), Agreement::kDisagree);
}

TEST(Interval, WholeNumberOfWanThatOnlyARoundingExplains) {
  // 2635 persons x 600 元 = 158.1 万元 against a printed 158 万元.
  const Bounds product = multiply(exact(d("2635")), bounds_of(d("600"), 0, 0).value()).value();
  const Bounds stated = bounds_of(d("158"), 4, 0).value();
  EXPECT_EQ(product.value, d("1581000"));
  EXPECT_EQ(agreement(stated, product), Agreement::kRounding);
  // 5312.44 against 47213.5 is far beyond any rounding.
  EXPECT_EQ(agreement(wan("47213.5"), sum({"629.77", "27", "4655.67"})), Agreement::kDisagree);
}

TEST(Interval, RatePrintedToOneDecimal) {
  // 3165.74 元 of 2 万元 is 15.83%; a printed 7.9% (7.85..7.95) is not reachable, 15.8% is.
  const Bounds executed = bounds_of(d("3165.74"), 0, 0).value();
  const Bounds budget = bounds_of(d("2"), 4, 0).value();
  const Bounds rate = percent(executed, budget, 6).value();
  EXPECT_EQ(rate.value, d("15.8287"));
  EXPECT_EQ(agreement(bounds_of(d("7.9"), 0, 0).value(), rate), Agreement::kDisagree);
  EXPECT_EQ(agreement(bounds_of(d("15.8"), 0, 0).value(), rate), Agreement::kAgree);
  // 10.0 of 30.0 may be 9.95/30.05 = 33.11% .. 10.05/29.95 = 33.56%: 33.5% is inside.
  const Bounds r2 = percent(wan("10.0"), wan("30.0"), 6).value();
  EXPECT_EQ(agreement(bounds_of(d("33.5"), 0, 0).value(), r2), Agreement::kAgree);
}

TEST(Interval, DivisionByARangeThatReachesZeroIsRefused) {
  EXPECT_FALSE(percent(wan("1"), wan("0.0"), 6).has_value());
}

TEST(Interval, OverflowIsNotACrash) {
  const Bounds huge = bounds_of(d("999999999999999999999999999999"), 4, 0).value_or(exact(Decimal()));
  EXPECT_FALSE(multiply(huge, huge).has_value());
}

}  // namespace
}  // namespace jixiao::validate::internal
