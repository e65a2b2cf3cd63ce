// Exact decimal arithmetic for the figures reports print (decimal.h says why
// not floating point). A Decimal is a signed 128-bit mantissa and a scale.
// Whatever can leave 128 bits (aligning two scales, a product, a comparison of
// values at different scales) is computed in an unsigned 256-bit helper first
// and range-checked afterwards, so overflow is detected, never wrapped.
// Division is long division digit by digit, rounded half away from zero, so a
// recomputed rate is the one a careful reader gets by hand.

#include "jixiao/text/decimal.h"

#include <algorithm>
#include <array>
#include <cstdio>
#include <cstdlib>

namespace jixiao::text {
namespace {

__extension__ typedef __int128 i128;
__extension__ typedef unsigned __int128 u128;

// Largest allowed |mantissa|: 2^127 - 1. INT128_MIN is excluded so that
// negation never overflows.
constexpr u128 kMaxMagnitude = ~u128{0} >> 1;

// kPow10[i] == 10^i for 0 <= i <= 38 (10^38 < 2^127).
constexpr std::array<u128, Decimal::kMaxScale + 1> kPow10 = [] {
  std::array<u128, Decimal::kMaxScale + 1> p{};
  p[0] = 1;
  for (std::size_t i = 1; i < p.size(); ++i) p[i] = p[i - 1] * 10;
  return p;
}();

[[noreturn]] void Fail(const char* what) {
  std::fprintf(stderr, "jixiao::text::Decimal: %s\n", what);
  std::abort();
}

// |m| as unsigned; well defined for every i128.
u128 Magnitude(i128 m) { return m < 0 ? u128{0} - static_cast<u128>(m) : static_cast<u128>(m); }

// Unsigned 256-bit integer, just enough to align scales and check products
// without overflow.
struct U256 {
  u128 hi = 0;
  u128 lo = 0;
};

std::strong_ordering Compare(const U256& a, const U256& b) {
  if (a.hi != b.hi) return a.hi < b.hi ? std::strong_ordering::less : std::strong_ordering::greater;
  if (a.lo != b.lo) return a.lo < b.lo ? std::strong_ordering::less : std::strong_ordering::greater;
  return std::strong_ordering::equal;
}

// Full 128 x 128 -> 256 bit product.
U256 Mul(u128 a, u128 b) {
  const u128 mask = (u128{1} << 64) - 1;
  const u128 a0 = a & mask, a1 = a >> 64;
  const u128 b0 = b & mask, b1 = b >> 64;
  const u128 p00 = a0 * b0;
  const u128 p01 = a0 * b1;
  const u128 p10 = a1 * b0;
  const u128 p11 = a1 * b1;
  // Middle column: high half of p00 plus low halves of the cross products.
  const u128 mid = (p00 >> 64) + (p01 & mask) + (p10 & mask);
  U256 r;
  r.lo = (mid << 64) | (p00 & mask);
  r.hi = p11 + (p01 >> 64) + (p10 >> 64) + (mid >> 64);
  return r;
}

U256 Add(const U256& a, const U256& b) {
  U256 r;
  r.lo = a.lo + b.lo;
  r.hi = a.hi + b.hi + (r.lo < a.lo ? 1 : 0);
  return r;
}

// a - b; requires a >= b.
U256 Sub(const U256& a, const U256& b) {
  U256 r;
  r.lo = a.lo - b.lo;
  r.hi = a.hi - b.hi - (a.lo < b.lo ? 1 : 0);
  return r;
}

// |mantissa| * 10^(to_scale - from_scale); requires from_scale <= to_scale.
// Exact: both factors are below 2^128.
U256 Aligned(i128 mantissa, int from_scale, int to_scale) {
  return Mul(Magnitude(mantissa), kPow10[static_cast<std::size_t>(to_scale - from_scale)]);
}

// Compares x * 10^-x_scale with y * 10^-y_scale (both non-negative).
std::strong_ordering CompareScaled(const U256& x, int x_scale, u128 y, int y_scale) {
  if (y_scale <= x_scale) return Compare(x, Mul(y, kPow10[static_cast<std::size_t>(x_scale - y_scale)]));
  // Bring x up to y's scale. If x needs more than 128 bits, x * 10^k > y.
  if (x.hi != 0) return std::strong_ordering::greater;
  return Compare(Mul(x.lo, kPow10[static_cast<std::size_t>(y_scale - x_scale)]), U256{0, y});
}

// A signed 256-bit value as sign and magnitude.
struct Signed256 {
  bool negative = false;
  U256 magnitude;
};

// Exact a + b at scale max(a.scale, b.scale), before any range check.
Signed256 ExactSum(i128 a, int a_scale, i128 b, int b_scale) {
  const int s = std::max(a_scale, b_scale);
  const U256 x = Aligned(a, a_scale, s);
  const U256 y = Aligned(b, b_scale, s);
  const bool a_neg = a < 0, b_neg = b < 0;
  if (a_neg == b_neg) return {a_neg, Add(x, y)};  // both < 2^254: no overflow
  if (Compare(x, y) >= 0) return {a_neg, Sub(x, y)};
  return {b_neg, Sub(y, x)};
}

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

}  // namespace

Decimal Decimal::from_int(std::int64_t value) { return Decimal(static_cast<i128>(value), 0); }

std::optional<Decimal> Decimal::parse(std::string_view text) {
  const std::size_t n = text.size();
  std::size_t i = 0;
  bool negative = false;
  if (i < n && (text[i] == '+' || text[i] == '-')) {
    negative = text[i] == '-';
    ++i;
  }

  // Integer part: plain digits, or 1-3 digits followed by ",ddd" groups.
  const std::size_t int_begin = i;
  while (i < n && IsDigit(text[i])) ++i;
  const std::size_t first_group = i - int_begin;
  if (first_group == 0) return std::nullopt;
  if (i < n && text[i] == ',') {
    if (first_group > 3 || text[int_begin] == '0') return std::nullopt;
    while (i < n && text[i] == ',') {
      ++i;
      for (int k = 0; k < 3; ++k, ++i) {
        if (i >= n || !IsDigit(text[i])) return std::nullopt;
      }
    }
    if (i < n && IsDigit(text[i])) return std::nullopt;  // group of four or more
  }

  // Fraction: '.' followed by at least one digit.
  int scale = 0;
  if (i < n && text[i] == '.') {
    ++i;
    const std::size_t frac_begin = i;
    while (i < n && IsDigit(text[i])) ++i;
    if (i == frac_begin || i - frac_begin > static_cast<std::size_t>(kMaxScale)) return std::nullopt;
    scale = static_cast<int>(i - frac_begin);
  }
  if (i != n) return std::nullopt;

  i128 mantissa = 0;
  int significant = 0;
  for (std::size_t k = int_begin; k < n; ++k) {
    const char c = text[k];
    if (!IsDigit(c)) continue;  // ',' and '.'
    if (significant == 0 && c == '0') continue;
    if (++significant > kMaxSignificantDigits) return std::nullopt;
    mantissa = mantissa * 10 + (c - '0');
  }
  return Decimal(negative ? -mantissa : mantissa, scale);
}

int Decimal::scale() const { return scale_; }

std::string Decimal::to_string() const {
  // Digits of |mantissa|, least significant first, at least scale_ + 1 of them.
  std::string digits;
  u128 m = Magnitude(mantissa_);
  do {
    digits.push_back(static_cast<char>('0' + static_cast<int>(m % 10)));
    m /= 10;
  } while (m != 0);
  while (digits.size() < static_cast<std::size_t>(scale_) + 1) digits.push_back('0');

  std::string out;
  out.reserve(digits.size() + 2);
  if (mantissa_ < 0) out.push_back('-');
  const std::size_t int_digits = digits.size() - static_cast<std::size_t>(scale_);
  for (std::size_t k = 0; k < digits.size(); ++k) {
    if (k == int_digits) out.push_back('.');
    out.push_back(digits[digits.size() - 1 - k]);
  }
  return out;
}

int Decimal::sign() const { return mantissa_ < 0 ? -1 : (mantissa_ > 0 ? 1 : 0); }

bool Decimal::is_zero() const { return mantissa_ == 0; }

Decimal Decimal::operator-() const { return Decimal(-mantissa_, scale_); }

std::optional<Decimal> Decimal::checked_add(const Decimal& other) const {
  const Signed256 sum = ExactSum(mantissa_, scale_, other.mantissa_, other.scale_);
  if (sum.magnitude.hi != 0 || sum.magnitude.lo > kMaxMagnitude) return std::nullopt;
  const i128 m = static_cast<i128>(sum.magnitude.lo);
  return Decimal(sum.negative ? -m : m, std::max(scale_, other.scale_));
}

std::optional<Decimal> Decimal::checked_sub(const Decimal& other) const { return checked_add(-other); }

std::optional<Decimal> Decimal::checked_mul(const Decimal& other) const {
  const int scale = scale_ + other.scale_;
  if (scale > kMaxScale) return std::nullopt;
  const U256 p = Mul(Magnitude(mantissa_), Magnitude(other.mantissa_));
  if (p.hi != 0 || p.lo > kMaxMagnitude) return std::nullopt;
  const i128 m = static_cast<i128>(p.lo);
  return Decimal((sign() * other.sign() < 0) ? -m : m, scale);
}

Decimal Decimal::operator+(const Decimal& other) const {
  std::optional<Decimal> r = checked_add(other);
  if (!r) Fail("overflow in operator+");
  return *r;
}

Decimal Decimal::operator-(const Decimal& other) const {
  std::optional<Decimal> r = checked_sub(other);
  if (!r) Fail("overflow in operator-");
  return *r;
}

Decimal Decimal::operator*(const Decimal& other) const {
  std::optional<Decimal> r = checked_mul(other);
  if (!r) Fail("overflow in operator*");
  return *r;
}

std::optional<Decimal> Decimal::divided_by(const Decimal& divisor, int scale) const {
  if (divisor.is_zero() || scale < 0 || scale > kMaxScale) return std::nullopt;
  const bool negative = sign() * divisor.sign() < 0;
  const u128 n = Magnitude(mantissa_);
  u128 d = Magnitude(divisor.mantissa_);
  // Result mantissa = round(n * 10^e / d).
  const int e = scale + divisor.scale_ - scale_;
  u128 q = 0;  // quotient so far
  u128 r = 0;  // remainder so far, always < d
  if (e >= 0) {
    q = n / d;
    r = n % d;
    // Long division: append e decimal digits to the quotient.
    for (int step = 0; step < e; ++step) {
      // digit = floor(10 r / d), r = 10 r mod d, without forming 10 r
      // (which can exceed 128 bits when d is large).
      unsigned digit = 0;
      u128 acc = 0;
      for (int k = 0; k < 10; ++k) {
        if (r >= d - acc) {
          acc -= d - r;
          ++digit;
        } else {
          acc += r;
        }
      }
      r = acc;
      if (q > (kMaxMagnitude - digit) / 10) return std::nullopt;
      q = q * 10 + digit;
    }
  } else {
    const U256 scaled = Mul(d, kPow10[static_cast<std::size_t>(-e)]);
    // n < 2^127 <= scaled / 2 when scaled needs more than 128 bits: rounds to 0.
    if (scaled.hi != 0) return Decimal(0, scale);
    d = scaled.lo;
    q = n / d;
    r = n % d;
  }
  if (r >= d - r) ++q;  // 2r >= d: half away from zero
  if (q > kMaxMagnitude) return std::nullopt;
  const i128 m = static_cast<i128>(q);
  return Decimal(negative ? -m : m, scale);
}

std::optional<Decimal> Decimal::checked_rounded(int scale) const {
  if (scale < 0 || scale > kMaxScale) return std::nullopt;
  if (scale >= scale_) {
    const U256 p = Aligned(mantissa_, scale_, scale);
    if (p.hi != 0 || p.lo > kMaxMagnitude) return std::nullopt;
    const i128 m = static_cast<i128>(p.lo);
    return Decimal(mantissa_ < 0 ? -m : m, scale);
  }
  const u128 unit = kPow10[static_cast<std::size_t>(scale_ - scale)];
  const u128 n = Magnitude(mantissa_);
  u128 q = n / unit;
  const u128 r = n % unit;
  if (r >= unit - r) ++q;  // cannot overflow: q <= n / 10
  const i128 m = static_cast<i128>(q);
  return Decimal(mantissa_ < 0 ? -m : m, scale);
}

Decimal Decimal::rounded(int scale) const {
  std::optional<Decimal> r = checked_rounded(std::clamp(scale, 0, kMaxScale));
  if (!r) Fail("overflow in rounded()");
  return *r;
}

Decimal Decimal::abs() const { return mantissa_ < 0 ? Decimal(-mantissa_, scale_) : *this; }

Decimal Decimal::half_unit() const {
  if (scale_ >= kMaxScale) return Decimal(1, kMaxScale);
  return Decimal(5, scale_ + 1);
}

std::strong_ordering Decimal::operator<=>(const Decimal& other) const {
  const int a = sign(), b = other.sign();
  if (a != b) return a <=> b;
  if (a == 0) return std::strong_ordering::equal;
  const int s = std::max(scale_, other.scale_);
  const std::strong_ordering by_magnitude =
      Compare(Aligned(mantissa_, scale_, s), Aligned(other.mantissa_, other.scale_, s));
  return a > 0 ? by_magnitude : 0 <=> by_magnitude;
}

bool Decimal::operator==(const Decimal& other) const { return (*this <=> other) == 0; }

bool Decimal::identical(const Decimal& other) const {
  return mantissa_ == other.mantissa_ && scale_ == other.scale_;
}

bool within(const Decimal& a, const Decimal& b, const Decimal& tolerance) {
  if (tolerance.sign() < 0) return false;
  const Signed256 diff = ExactSum(a.mantissa_, a.scale_, -b.mantissa_, b.scale_);
  const int diff_scale = std::max(a.scale_, b.scale_);
  return CompareScaled(diff.magnitude, diff_scale, Magnitude(tolerance.mantissa_), tolerance.scale_) <= 0;
}

}  // namespace jixiao::text
