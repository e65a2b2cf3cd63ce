#include "jixiao/text/decimal.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <limits>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace jixiao::text {

// Lets GoogleTest print a Decimal in failure messages.
void PrintTo(const Decimal& d, std::ostream* os) { *os << d.to_string() << " (scale " << d.scale() << ")"; }

namespace {

// Parses text that the test expects to be valid.
Decimal D(std::string_view text) {
  std::optional<Decimal> d = Decimal::parse(text);
  EXPECT_TRUE(d.has_value()) << "failed to parse \"" << text << "\"";
  return d.value_or(Decimal());
}

// to_string() of an optional result, or "nullopt".
std::string Str(const std::optional<Decimal>& d) { return d ? d->to_string() : "nullopt"; }

// ---------------------------------------------------------------- construction

TEST(DecimalTest, DefaultIsZeroWithScaleZero) {
  Decimal d;
  EXPECT_TRUE(d.is_zero());
  EXPECT_EQ(d.sign(), 0);
  EXPECT_EQ(d.scale(), 0);
  EXPECT_EQ(d.to_string(), "0");
}

TEST(DecimalTest, FromInt) {
  EXPECT_EQ(Decimal::from_int(0).to_string(), "0");
  EXPECT_EQ(Decimal::from_int(81).to_string(), "81");
  EXPECT_EQ(Decimal::from_int(-5).to_string(), "-5");
  EXPECT_EQ(Decimal::from_int(-5).scale(), 0);
  EXPECT_EQ(Decimal::from_int(std::numeric_limits<std::int64_t>::min()).to_string(), "-9223372036854775808");
  EXPECT_EQ(Decimal::from_int(std::numeric_limits<std::int64_t>::max()).to_string(), "9223372036854775807");
}

// ---------------------------------------------------------------- parsing

TEST(DecimalParseTest, AcceptsPlainNumbers) {
  EXPECT_EQ(D("81").to_string(), "81");
  EXPECT_EQ(D("33.3").to_string(), "33.3");
  EXPECT_EQ(D("-0.5").to_string(), "-0.5");
  EXPECT_EQ(D("+2").to_string(), "2");
  EXPECT_EQ(D("47213.50").to_string(), "47213.50");
  EXPECT_EQ(D("0").to_string(), "0");
  EXPECT_EQ(D("0.05").to_string(), "0.05");
}

TEST(DecimalParseTest, AcceptsThousandsSeparators) {
  EXPECT_EQ(D("3,165.74").to_string(), "3165.74");
  EXPECT_EQ(D("1,234,567").to_string(), "1234567");
  EXPECT_EQ(D("-12,345.6").to_string(), "-12345.6");
  EXPECT_EQ(D("999,999,999,999.99").to_string(), "999999999999.99");
  EXPECT_TRUE(D("3,165.74").identical(D("3165.74")));
}

TEST(DecimalParseTest, LeadingZerosAreAcceptedAndDropped) {
  EXPECT_EQ(D("007").to_string(), "7");
  EXPECT_EQ(D("00.50").to_string(), "0.50");
}

TEST(DecimalParseTest, NegativeZeroPrintsWithoutSign) {
  EXPECT_EQ(D("-0").to_string(), "0");
  EXPECT_EQ(D("-0.00").to_string(), "0.00");
  EXPECT_EQ(D("-0.00").sign(), 0);
  EXPECT_TRUE(D("-0.00").identical(D("0.00")));
}

TEST(DecimalParseTest, RejectsMalformedText) {
  const std::vector<std::string_view> bad = {
      "",        "+",        "-",         ".",         ".5",        "5.",        "-.5",      "1.2.3",
      "1e5",     "1E5",      "abc",       "12a",       "a12",       " 1",        "1 ",       "1\n",
      "--1",     "+-1",      "1-",        "1,23",      "1,2345",    "1234,567",  ",123",     "1,",
      "1,234,",  "1,234.5,6", "1.234,5",  "0,123",     "1,,234",    "1,234,5678", "nan",     "inf",
      "１２",    "1%",       "1/2",       "0x10",      "1_000",     "1'000",     "١٢",
  };
  for (std::string_view text : bad) {
    EXPECT_FALSE(Decimal::parse(text).has_value()) << "accepted \"" << text << "\"";
  }
}

TEST(DecimalParseTest, SignificantDigitLimit) {
  // 30 significant digits are fine, 31 are not; leading zeros do not count.
  EXPECT_EQ(D("123456789012345678901234567890").to_string(), "123456789012345678901234567890");
  EXPECT_EQ(D("000123456789012345678901234567890").to_string(), "123456789012345678901234567890");
  EXPECT_EQ(D("-1234567890123456789012345.67890").to_string(), "-1234567890123456789012345.67890");
  EXPECT_FALSE(Decimal::parse("1234567890123456789012345678901").has_value());
  EXPECT_FALSE(Decimal::parse("123,456,789,012,345,678,901,234,567,890.1").has_value());
  // Trailing zeros are printed, hence significant.
  EXPECT_FALSE(Decimal::parse("1.000000000000000000000000000000").has_value());
}

TEST(DecimalParseTest, ScaleLimit) {
  // One significant digit, 38 decimals: the most a Decimal can carry.
  const std::string max_scale = "0." + std::string(37, '0') + "1";
  EXPECT_EQ(D(max_scale).scale(), Decimal::kMaxScale);
  EXPECT_EQ(D(max_scale).to_string(), max_scale);
  EXPECT_FALSE(Decimal::parse("0." + std::string(38, '0') + "1").has_value());
}

TEST(DecimalParseTest, ScaleIsWhatWasPrinted) {
  EXPECT_EQ(D("47213.5").scale(), 1);
  EXPECT_EQ(D("100.00").scale(), 2);
  EXPECT_EQ(D("81").scale(), 0);
  EXPECT_EQ(D("3,165.74").scale(), 2);
  EXPECT_EQ(D("0.000").scale(), 3);
}

TEST(DecimalParseTest, ToStringRoundTrips) {
  for (std::string_view text : {"0", "81", "-81", "33.3", "-0.5", "47213.50", "100.00", "0.000", "-0.05",
                                "0.001", "1234567.000001", "99999999999999.999999"}) {
    EXPECT_EQ(D(text).to_string(), text);
    EXPECT_TRUE(D(D(text).to_string()).identical(D(text))) << text;
  }
}

// ---------------------------------------------------------------- sign, abs, negation

TEST(DecimalTest, SignAbsNegate) {
  EXPECT_EQ(D("-3.5").sign(), -1);
  EXPECT_EQ(D("0.00").sign(), 0);
  EXPECT_EQ(D("0.01").sign(), 1);
  EXPECT_TRUE(D("0.00").is_zero());
  EXPECT_FALSE(D("0.01").is_zero());
  EXPECT_TRUE(D("-3.50").abs().identical(D("3.50")));
  EXPECT_TRUE(D("3.50").abs().identical(D("3.50")));
  EXPECT_TRUE((-D("3.50")).identical(D("-3.50")));
  EXPECT_EQ((-D("0.00")).to_string(), "0.00");
}

// ---------------------------------------------------------------- arithmetic

TEST(DecimalArithmeticTest, AdditionTakesLargerScale) {
  EXPECT_TRUE((D("1.5") + D("2.25")).identical(D("3.75")));
  EXPECT_TRUE((D("1.50") + D("1")).identical(D("2.50")));
  EXPECT_TRUE((D("0.1") + D("0.2")).identical(D("0.3")));
  EXPECT_TRUE((D("-1.25") + D("1.25")).identical(D("0.00")));
  EXPECT_EQ((D("-1.25") + D("1.25")).to_string(), "0.00");
  EXPECT_TRUE((D("-3") + D("1.5")).identical(D("-1.5")));
}

TEST(DecimalArithmeticTest, SubtractionTakesLargerScale) {
  EXPECT_TRUE((D("100.00") - D("0.5")).identical(D("99.50")));
  EXPECT_TRUE((D("0.05") - D("0.1")).identical(D("-0.05")));
  EXPECT_EQ((D("0.05") - D("0.1")).to_string(), "-0.05");
  EXPECT_TRUE((D("1") - D("1.000")).identical(D("0.000")));
}

TEST(DecimalArithmeticTest, ExactProducts) {
  EXPECT_TRUE((D("2635") * D("600")).identical(D("1581000")));
  // 12.5万 yuan at 31.8 per unit.
  EXPECT_TRUE((D("125000") * D("31.8")).identical(D("3975000.0")));
  EXPECT_TRUE((D("0.1") * D("0.2")).identical(D("0.02")));
  EXPECT_TRUE((D("-1.5") * D("2")).identical(D("-3.0")));
  EXPECT_TRUE((D("-1.5") * D("-0.4")).identical(D("0.60")));
  EXPECT_TRUE((D("1.00") * D("1.00")).identical(D("1.0000")));
  EXPECT_EQ((D("0") * D("-2.5")).to_string(), "0.0");
}

TEST(DecimalArithmeticTest, BigValues) {
  EXPECT_TRUE((D("999999999999.99") + D("0.01")).identical(D("1000000000000.00")));
  // Money up to 1e14 with 6 decimals.
  EXPECT_TRUE((D("99999999999999.999999") + D("0.000001")).identical(D("100000000000000.000000")));
  EXPECT_TRUE((D("99999999999999.999999") - D("-99999999999999.999999")).identical(D("199999999999999.999998")));
  // 1e14 yuan times a 6-decimal rate: exact.
  EXPECT_TRUE((D("99999999999999.999999") * D("0.123456")).identical(D("12345599999999.999999876544")));
  // (1e13 - 1e-6)^2 = 1e26 - 2e7 + 1e-12: 38 digits, still exact.
  EXPECT_EQ((D("9999999999999.999999") * D("9999999999999.999999")).to_string(),
            "99999999999999999980000000.000000000001");
}

TEST(DecimalArithmeticTest, CheckedOperationsReportOverflow) {
  const Decimal big = D("100000000000000.000000");  // 1e14, mantissa 1e20
  EXPECT_FALSE(big.checked_mul(big).has_value());   // mantissa 1e40 does not fit
  const Decimal huge = D("123456789012345678901234567890");
  EXPECT_TRUE(huge.checked_add(D("0.000000001")).has_value());    // 1.2e38 fits
  EXPECT_FALSE(huge.checked_add(D("0.0000000001")).has_value());  // 1.2e39 does not
  EXPECT_FALSE(huge.checked_mul(huge).has_value());
  // Product scale beyond kMaxScale.
  const Decimal tiny = D("0.0000000000000000000001");  // scale 22
  EXPECT_FALSE(tiny.checked_mul(tiny).has_value());
  // In range, checked forms agree with the operators.
  EXPECT_EQ(Str(D("1.5").checked_add(D("2.25"))), "3.75");
  EXPECT_EQ(Str(D("1.5").checked_sub(D("2.25"))), "-0.75");
  EXPECT_EQ(Str(D("1.5").checked_mul(D("2.25"))), "3.375");
}

TEST(DecimalArithmeticTest, NoIntermediateOverflowWhenResultFits) {
  // a = 2e29 at scale 0; b = 1e29 + 1e-9 at scale 9 (mantissa 1e38 + 1).
  // Aligning a to scale 9 needs 2e38 > 2^127, yet b - a fits.
  const Decimal a = D("200000000000000000000000000000");
  const Decimal b = D("100000000000000000000000000000") + D("0.000000001");
  EXPECT_EQ(b.to_string(), "100000000000000000000000000000.000000001");
  EXPECT_EQ((b - a).to_string(), "-99999999999999999999999999999.999999999");
  EXPECT_GT(a, b);
  EXPECT_LT(-a, -b);
  EXPECT_TRUE(within(a, b, D("100000000000000000000000000000")));
  EXPECT_FALSE(within(a, b, D("99999999999999999999999999999")));
}

TEST(DecimalArithmeticTest, OperatorAbortsOnOverflow) {
  const Decimal big = D("100000000000000.000000");
  EXPECT_DEATH({ (void)(big * big); }, "overflow in operator\\*");
}

// ---------------------------------------------------------------- division

TEST(DecimalDivisionTest, RoundsHalfAwayFromZero) {
  const Decimal one = D("1"), two = D("2"), three = D("3");
  EXPECT_EQ(Str(one.divided_by(three, 1)), "0.3");
  EXPECT_EQ(Str(two.divided_by(three, 1)), "0.7");
  EXPECT_EQ(Str((-two).divided_by(three, 1)), "-0.7");
  EXPECT_EQ(Str(two.divided_by(-three, 1)), "-0.7");
  EXPECT_EQ(Str((-two).divided_by(-three, 1)), "0.7");
  EXPECT_EQ(Str(D("0.125").divided_by(one, 2)), "0.13");
  EXPECT_EQ(Str(D("-0.125").divided_by(one, 2)), "-0.13");
  EXPECT_EQ(Str(D("0.124").divided_by(one, 2)), "0.12");
  EXPECT_EQ(Str(D("10").divided_by(D("4"), 0)), "3");
  EXPECT_EQ(Str(D("-10").divided_by(D("4"), 0)), "-3");
  EXPECT_EQ(Str(D("0.5").divided_by(one, 0)), "1");
}

TEST(DecimalDivisionTest, ResultHasRequestedScale) {
  EXPECT_EQ(Str(D("1").divided_by(D("8"), 3)), "0.125");
  EXPECT_EQ(Str(D("1").divided_by(D("8"), 5)), "0.12500");
  EXPECT_EQ(Str(D("100").divided_by(D("3"), 4)), "33.3333");
  EXPECT_EQ(Str(D("1").divided_by(D("7"), 18)), "0.142857142857142857");
  EXPECT_EQ(Str(D("1.23456").divided_by(D("1"), 2)), "1.23");
  EXPECT_EQ(Str(D("6").divided_by(D("0.02"), 0)), "300");
  EXPECT_EQ(Str(D("5").divided_by(D("1000000"), 0)), "0");
  EXPECT_EQ(Str(D("0").divided_by(D("7"), 2)), "0.00");
  // Execution rate: spent / budget * 100, to two decimals.
  EXPECT_EQ(Str((D("2,833.19") * Decimal::from_int(100)).divided_by(D("3,165.74"), 2)), "89.50");
}

TEST(DecimalDivisionTest, LargeDivisorsAndNumerators) {
  const Decimal huge = D("123456789012345678901234567890");
  EXPECT_EQ(Str(huge.divided_by(huge, 3)), "1.000");
  EXPECT_EQ(Str(D("1").divided_by(huge, 30)), "0.000000000000000000000000000008");
  // Divisor times 10^38 exceeds 128 bits: the quotient rounds to zero.
  const Decimal tiny = D("0." + std::string(37, '0') + "1");
  EXPECT_EQ(Str(tiny.divided_by(huge, 0)), "0");
  EXPECT_EQ(Str(huge.divided_by(D("2"), 1)), "61728394506172839450617283945.0");
  // Divisor mantissa near 1e38 (> 2^126): long division must not overflow 10 * remainder.
  const Decimal x = D("9999999999999.999999") * D("9999999999999.999999");
  const Decimal y = x - D("0.000000000001");
  EXPECT_EQ(Str(y.divided_by(x, 38)), "0." + std::string(38, '9'));
  EXPECT_EQ(Str(x.divided_by(x, 38)), "1." + std::string(38, '0'));
  EXPECT_EQ(Str(x.divided_by(y, 20)), "1.00000000000000000000");
}

TEST(DecimalDivisionTest, ReturnsNulloptOnBadInput) {
  EXPECT_FALSE(D("1").divided_by(D("0"), 2).has_value());
  EXPECT_FALSE(D("1").divided_by(D("0.00"), 2).has_value());
  EXPECT_FALSE(D("0").divided_by(D("0"), 0).has_value());
  EXPECT_FALSE(D("1").divided_by(D("3"), -1).has_value());
  EXPECT_FALSE(D("1").divided_by(D("3"), Decimal::kMaxScale + 1).has_value());
  // Quotient too large for the mantissa.
  EXPECT_FALSE(D("123456789012345678901234567890").divided_by(D("0.000001"), 6).has_value());
}

// ---------------------------------------------------------------- rounding

TEST(DecimalRoundingTest, HalfAwayFromZero) {
  EXPECT_TRUE(D("2.5").rounded(0).identical(D("3")));
  EXPECT_TRUE(D("-2.5").rounded(0).identical(D("-3")));
  EXPECT_TRUE(D("2.45").rounded(1).identical(D("2.5")));
  EXPECT_TRUE(D("2.449").rounded(1).identical(D("2.4")));
  EXPECT_TRUE(D("-2.45").rounded(1).identical(D("-2.5")));
  EXPECT_TRUE(D("47213.56").rounded(1).identical(D("47213.6")));
  EXPECT_TRUE(D("999.995").rounded(2).identical(D("1000.00")));
  EXPECT_EQ(D("-0.04").rounded(1).to_string(), "0.0");
}

TEST(DecimalRoundingTest, PadsWhenScaleGrows) {
  EXPECT_TRUE(D("1.5").rounded(3).identical(D("1.500")));
  EXPECT_EQ(D("81").rounded(2).to_string(), "81.00");
  EXPECT_TRUE(D("-0.5").rounded(1).identical(D("-0.5")));
  EXPECT_EQ(D("1.5").rounded(3), D("1.5"));
}

TEST(DecimalRoundingTest, ScaleIsClampedOrChecked) {
  EXPECT_TRUE(D("2.5").rounded(-1).identical(D("3")));
  EXPECT_FALSE(D("2.5").checked_rounded(-1).has_value());
  EXPECT_FALSE(D("2.5").checked_rounded(Decimal::kMaxScale + 1).has_value());
  EXPECT_FALSE(D("123456789012345678901234567890").checked_rounded(10).has_value());
  EXPECT_EQ(Str(D("1.25").checked_rounded(1)), "1.3");
}

// ---------------------------------------------------------------- half unit

TEST(DecimalTest, HalfUnit) {
  EXPECT_TRUE(D("47213.5").half_unit().identical(D("0.05")));
  EXPECT_TRUE(D("81").half_unit().identical(D("0.5")));
  EXPECT_TRUE(D("33.3").half_unit().identical(D("0.05")));
  EXPECT_TRUE(D("100.00").half_unit().identical(D("0.005")));
  EXPECT_TRUE(D("-1.2").half_unit().identical(D("0.05")));
  EXPECT_TRUE(D("0").half_unit().identical(D("0.5")));
  const Decimal max_scale = D("0." + std::string(37, '0') + "1");
  EXPECT_TRUE(max_scale.half_unit().identical(max_scale));
}

// ---------------------------------------------------------------- comparison

TEST(DecimalComparisonTest, IgnoresScale) {
  EXPECT_EQ(D("1.0"), D("1"));
  EXPECT_EQ(D("100.00"), D("100"));
  EXPECT_EQ(D("0.00"), D("-0"));
  EXPECT_LT(D("2.50"), D("2.6"));
  EXPECT_GT(D("2.6"), D("2.50"));
  EXPECT_LT(D("-1"), D("0.5"));
  EXPECT_LT(D("-2.5"), D("-2.49"));
  EXPECT_NE(D("0.1"), D("0.10000001"));
  EXPECT_TRUE((D("1.0") <=> D("1")) == std::strong_ordering::equal);
  EXPECT_TRUE((D("-3") <=> D("-3.01")) == std::strong_ordering::greater);
  EXPECT_LE(D("1.00"), D("1"));
  EXPECT_GE(D("1.00"), D("1"));
}

TEST(DecimalComparisonTest, IdenticalIncludesScale) {
  EXPECT_FALSE(D("1.0").identical(D("1")));
  EXPECT_TRUE(D("1.0").identical(D("1.0")));
  EXPECT_FALSE(D("1.0").identical(D("1.1")));
  EXPECT_TRUE(Decimal().identical(D("0")));
  EXPECT_FALSE(Decimal().identical(D("0.0")));
}

TEST(DecimalComparisonTest, SortsNumerically) {
  std::vector<Decimal> v = {D("10"), D("-0.5"), D("2.50"), D("2.6"), D("0"), D("-10.01"), D("2.5")};
  std::sort(v.begin(), v.end());
  std::vector<std::string> printed;
  for (const Decimal& d : v) printed.push_back(d.to_string());
  ASSERT_EQ(printed.size(), 7u);
  EXPECT_EQ(printed[0], "-10.01");
  EXPECT_EQ(printed[1], "-0.5");
  EXPECT_EQ(printed[2], "0");
  EXPECT_EQ(printed[5], "2.6");
  EXPECT_EQ(printed[6], "10");
}

TEST(DecimalComparisonTest, OptionalComparesWithValue) {
  EXPECT_EQ(Decimal::parse("1.50"), D("1.5"));
  EXPECT_NE(Decimal::parse("x"), D("1.5"));
}

// ---------------------------------------------------------------- within

TEST(DecimalWithinTest, PrintedTolerance) {
  const Decimal printed = D("33.3");
  // 1/3 * 100 computed to four decimals.
  const std::optional<Decimal> computed = D("100").divided_by(D("3"), 4);
  ASSERT_TRUE(computed.has_value());
  EXPECT_EQ(computed->to_string(), "33.3333");
  EXPECT_TRUE(within(printed, *computed, printed.half_unit()));
  EXPECT_TRUE(within(*computed, printed, printed.half_unit()));

  const Decimal total = D("47213.5");
  EXPECT_FALSE(within(total, D("47213.56"), total.half_unit()));
  EXPECT_TRUE(within(total, D("47213.55"), total.half_unit()));    // exactly on the edge
  EXPECT_TRUE(within(total, D("47213.4500"), total.half_unit()));  // exactly on the edge
  EXPECT_FALSE(within(total, D("47213.4499"), total.half_unit()));
  EXPECT_TRUE(within(total, D("47213.50"), D("0")));
}

TEST(DecimalWithinTest, SignsAndNegativeTolerance) {
  EXPECT_TRUE(within(D("-0.02"), D("0.03"), D("0.05")));
  EXPECT_FALSE(within(D("-0.03"), D("0.03"), D("0.05")));
  EXPECT_TRUE(within(D("-1.00"), D("-1.04"), D("0.05")));
  EXPECT_FALSE(within(D("1"), D("1"), D("-0.01")));
  EXPECT_TRUE(within(D("1"), D("1.0"), D("0")));
  // Tolerance with more decimals than either value.
  EXPECT_TRUE(within(D("1"), D("2"), D("1.0000000000000000000")));
  EXPECT_FALSE(within(D("1"), D("2"), D("0.9999999999999999999")));
}

// ---------------------------------------------------------------- randomized cross-checks

// Deterministic pseudo-random digits (64-bit LCG), local to each test.
class Digits {
 public:
  explicit Digits(std::uint64_t seed) : state_(seed) {}
  // A numeral with 1..max_int integer digits and 0..max_frac decimals, random sign.
  std::string Numeral(int max_int, int max_frac) {
    std::string s = Next(2) == 0 ? "-" : "";
    const int int_digits = 1 + Next(max_int);
    for (int i = 0; i < int_digits; ++i) s.push_back(static_cast<char>('0' + Next(10)));
    const int frac_digits = Next(max_frac + 1);
    if (frac_digits > 0) s.push_back('.');
    for (int i = 0; i < frac_digits; ++i) s.push_back(static_cast<char>('0' + Next(10)));
    return s;
  }

 private:
  int Next(int bound) {
    state_ = state_ * 6364136223846793005ULL + 1442695040888963407ULL;
    return static_cast<int>((state_ >> 33) % static_cast<std::uint64_t>(bound));
  }
  std::uint64_t state_;
};

// Schoolbook product of two unsigned digit strings, as a reference for operator*.
std::string MultiplyDigits(const std::string& a, const std::string& b) {
  std::vector<int> acc(a.size() + b.size(), 0);
  for (std::size_t i = a.size(); i-- > 0;) {
    for (std::size_t j = b.size(); j-- > 0;) {
      acc[i + j + 1] += (a[i] - '0') * (b[j] - '0');
      acc[i + j] += acc[i + j + 1] / 10;
      acc[i + j + 1] %= 10;
    }
  }
  std::string out;
  for (int d : acc) {
    if (out.empty() && d == 0) continue;
    out.push_back(static_cast<char>('0' + d));
  }
  return out.empty() ? "0" : out;
}

// Digits of a numeral without sign, point or leading zeros ("-012.50" -> "1250").
std::string MantissaDigits(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c < '0' || c > '9' || (out.empty() && c == '0')) continue;
    out.push_back(c);
  }
  return out.empty() ? "0" : out;
}

TEST(DecimalRandomizedTest, ProductsMatchSchoolbookMultiplication) {
  Digits gen(20240601);
  for (int n = 0; n < 2000; ++n) {
    const std::string a = gen.Numeral(12, 7), b = gen.Numeral(12, 7);  // <= 19 digits each
    const Decimal p = D(a) * D(b);
    ASSERT_EQ(p.scale(), D(a).scale() + D(b).scale()) << a << " * " << b;
    ASSERT_EQ(MantissaDigits(p.to_string()), MultiplyDigits(MantissaDigits(a), MantissaDigits(b)))
        << a << " * " << b;
    const bool negative = !p.is_zero() && ((a[0] == '-') != (b[0] == '-'));
    ASSERT_EQ(p.sign() < 0, negative) << a << " * " << b;
  }
}

TEST(DecimalRandomizedTest, ArithmeticIdentities) {
  Digits gen(7);
  for (int n = 0; n < 2000; ++n) {
    const Decimal a = D(gen.Numeral(15, 6)), b = D(gen.Numeral(15, 6));
    ASSERT_EQ((a + b) - b, a);
    ASSERT_EQ(a - b, -(b - a));
    ASSERT_EQ((a <=> b) == 0, (a - b).is_zero());
    ASSERT_EQ((a <=> b) < 0, (a - b).sign() < 0);
    if (b.is_zero()) continue;
    // q = a / b rounded half away from zero to 6 decimals:
    // |a/b - q| <= half a unit; the neighbour away from zero is strictly worse;
    // the neighbour toward zero is at best a tie (which q must win).
    const Decimal q = a.divided_by(b, 6).value();
    const Decimal bound = b.abs() * q.half_unit();  // half a unit, times |b|
    const auto error = [&](const Decimal& x) { return (a - x * b).abs(); };
    ASSERT_LE(error(q), bound) << a.to_string() << " / " << b.to_string();
    const Decimal ulp = D("0.000001");
    if (q.is_zero()) {
      ASSERT_GT(error(ulp), bound);
      ASSERT_GT(error(-ulp), bound);
    } else {
      const Decimal step = q.sign() > 0 ? ulp : -ulp;
      ASSERT_GT(error(q + step), bound) << a.to_string() << " / " << b.to_string();
      ASSERT_GE(error(q - step), bound) << a.to_string() << " / " << b.to_string();
    }
  }
}

}  // namespace
}  // namespace jixiao::text
