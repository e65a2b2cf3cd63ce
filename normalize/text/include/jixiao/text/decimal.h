#pragma once
#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace jixiao::text {

// An exact decimal number that remembers how many decimals it was printed with.
//
// Performance reports print money ("47213.50 万元"), rates ("33.3%") and
// scores ("81") as decimal text, and checking them means reproducing sums,
// products and quotients to the cent. Binary floating point cannot hold 0.1,
// so every figure is kept as an integer mantissa times 10^-scale.
//
// The scale is part of what was printed: "100.00" has scale 2 and prints back
// as "100.00"; it also says how precise the figure is (see half_unit()).
// Comparison ignores the scale (1.0 == 1); identical() does not.
//
// Limits: |mantissa| <= 2^127 - 1 (about 1.7e38, 38 digits) and
// 0 <= scale <= kMaxScale. Addition, subtraction and comparison are exact for
// every representable value (no intermediate overflow). Money up to 1e14 with
// 6 decimals (20 digits) adds safely; a product is exact when the two
// mantissas together have at most 38 digits (e.g. 1e13 * 1e13 with 6 decimals
// each, or 1e14 yuan times any rate with up to 18 digits).
//
// Errors: no exceptions. parse(), divided_by() and the checked_* members
// return nullopt. The operators +, -, * and rounded() require the exact result
// to be representable; if it is not they print a message and std::abort()
// (like an abseil CHECK). Use the checked_* forms on untrusted magnitudes.
//
// Example:
//   Decimal budget = *Decimal::parse("3,165.74");
//   Decimal spent = *Decimal::parse("2,833.19");
//   std::optional<Decimal> rate = (spent * Decimal::from_int(100)).divided_by(budget, 2);
//   rate->to_string();  // "89.50"
class Decimal {
 public:
  // Largest number of decimals a Decimal may carry (10^38 still fits the mantissa).
  static constexpr int kMaxScale = 38;
  // parse() rejects text with more digits than this, leading zeros not counted.
  static constexpr int kMaxSignificantDigits = 30;

  Decimal() = default;                          // 0 with scale 0
  static Decimal from_int(std::int64_t value);  // scale 0
  // Parses ASCII text like "81", "33.3", "-0.5", "+2", "47213.50", "3,165.74".
  // "5." and ".5" are rejected. Thousands separators ',' are accepted only in
  // groups of three before the point ("3,165.74", "1,234,567"), and not after
  // a leading zero ("0,123"). Leading zeros without separators ("007") are
  // accepted. No whitespace, no full-width digits, no exponent.
  // Returns nullopt for anything else, for more than kMaxSignificantDigits
  // digits, or for more than kMaxScale decimals.
  static std::optional<Decimal> parse(std::string_view text);

  int scale() const;              // number of printed decimals: "47213.5" -> 1, "100.00" -> 2, "81" -> 0
  std::string to_string() const;  // printed with its own scale: "47213.5", "100.00", "-0.05", "0"
  int sign() const;               // -1, 0, +1
  bool is_zero() const;           // true for 0 at any scale ("0.00")

  Decimal operator-() const;                      // same scale; never overflows
  Decimal operator+(const Decimal& other) const;  // scale = max of the two
  Decimal operator-(const Decimal& other) const;  // scale = max of the two
  Decimal operator*(const Decimal& other) const;  // scale = sum of the two (exact)
  // Like the operators, but nullopt instead of abort when the exact result
  // does not fit (mantissa beyond 2^127 - 1, or product scale beyond kMaxScale).
  std::optional<Decimal> checked_add(const Decimal& other) const;
  std::optional<Decimal> checked_sub(const Decimal& other) const;
  std::optional<Decimal> checked_mul(const Decimal& other) const;

  // this / divisor rounded half away from zero to `scale` decimals; nullopt
  // when divisor is zero, scale is outside [0, kMaxScale], or the result does
  // not fit. Exact: the quotient is computed digit by digit, never via a float.
  std::optional<Decimal> divided_by(const Decimal& divisor, int scale) const;
  // Half away from zero; scale may be larger (pads zeros) or smaller.
  // `scale` is clamped to [0, kMaxScale]; aborts if padding overflows.
  Decimal rounded(int scale) const;
  // Like rounded(), but nullopt for a scale outside [0, kMaxScale] or on overflow.
  std::optional<Decimal> checked_rounded(int scale) const;
  Decimal abs() const;  // same scale; never overflows
  // Half a unit in the last printed place: the tolerance a printed figure carries.
  // "47213.5" -> "0.05", "81" -> "0.5", "33.3" -> "0.05", "100.00" -> "0.005".
  // The sign of *this is ignored. At scale kMaxScale (no room for one more
  // decimal) returns one unit in the last place, the smallest representable
  // bound that is not tighter.
  Decimal half_unit() const;

  // Numeric comparison: 1.0 == 1, 2.50 < 2.6. (Printed scale is ignored.)
  std::strong_ordering operator<=>(const Decimal& other) const;
  bool operator==(const Decimal& other) const;
  // Same value AND same printed scale.
  bool identical(const Decimal& other) const;

 private:
  // GCC's 128-bit integer; __extension__ keeps -Wpedantic quiet.
  __extension__ typedef __int128 Int128;

  Decimal(Int128 mantissa, int scale) : mantissa_(mantissa), scale_(scale) {}

  friend bool within(const Decimal& a, const Decimal& b, const Decimal& tolerance);

  // mantissa * 10^-scale. Invariant: mantissa_ != INT128_MIN, so negation
  // and abs() are always safe; 0 <= scale_ <= kMaxScale.
  Int128 mantissa_ = 0;
  int scale_ = 0;
};

// |a - b| <= tolerance, decided exactly (no overflow for any representable
// values). A negative tolerance is never met.
bool within(const Decimal& a, const Decimal& b, const Decimal& tolerance);

}  // namespace jixiao::text
