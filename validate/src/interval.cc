#include "interval.h"

#include <algorithm>
#include <array>

namespace jixiao::validate::internal {

namespace {

// Whole numbers of 万 and 亿 are the ones reports round (158.1 万元 -> 158 万元).
constexpr int kLooseFromExponent = 4;

std::optional<Decimal> power_of_ten(int n) {
  Decimal p = Decimal::from_int(1);
  for (int i = 0; i < n; ++i) {
    auto next = p.checked_mul(Decimal::from_int(10));
    if (!next) return std::nullopt;
    p = *next;
  }
  return p;
}

std::optional<Interval> around(const Decimal& v, const Decimal& half) {
  auto lo = v.checked_sub(half);
  auto hi = v.checked_add(half);
  if (!lo || !hi) return std::nullopt;
  return Interval{*lo, *hi};
}

template <typename Op>
std::optional<Interval> corners(const Interval& a, const Interval& b, Op op) {
  std::array<std::optional<Decimal>, 4> c = {op(a.lo, b.lo), op(a.lo, b.hi), op(a.hi, b.lo), op(a.hi, b.hi)};
  for (const auto& x : c)
    if (!x) return std::nullopt;
  Interval out{*c[0], *c[0]};
  for (const auto& x : c) {
    out.lo = std::min(out.lo, *x);
    out.hi = std::max(out.hi, *x);
  }
  return out;
}

// One unit in the last place of a number with `scale` decimals.
Decimal ulp(int scale) {
  Decimal one = Decimal::from_int(1);
  return one.divided_by(power_of_ten(scale).value_or(one), scale).value_or(one);
}

std::optional<Interval> quotient(const Interval& a, const Interval& b, int scale) {
  auto div = [scale](const Decimal& x, const Decimal& y) { return x.divided_by(y, scale); };
  auto q = corners(a, b, div);
  if (!q) return std::nullopt;
  // divided_by rounds to nearest; widen by one unit so the range stays outward.
  auto lo = q->lo.checked_sub(ulp(scale));
  auto hi = q->hi.checked_add(ulp(scale));
  if (!lo || !hi) return std::nullopt;
  return Interval{*lo, *hi};
}

}  // namespace

std::optional<Decimal> Interval::half_width() const {
  auto w = hi.checked_sub(lo);
  if (!w) return std::nullopt;
  return w->divided_by(Decimal::from_int(2), std::max(w->scale() + 1, 1));
}

std::optional<Bounds> bounds_of(const Decimal& value, int exponent, int unit) {
  auto factor = power_of_ten(exponent - unit);
  if (!factor) return std::nullopt;
  auto v = value.checked_mul(*factor);
  auto half = value.half_unit().checked_mul(*factor);
  if (!v || !half) return std::nullopt;
  const bool whole = value.scale() == 0;
  auto loose = around(*v, *half);
  auto tight = whole ? std::optional<Interval>(Interval{*v, *v}) : loose;
  if (!loose || !tight) return std::nullopt;
  if (whole && exponent < kLooseFromExponent) loose = tight;
  return Bounds{*v, *tight, *loose};
}

std::optional<Bounds> bounds_of(const model::BudgetFigure& f, int unit) {
  return bounds_of(f.value, f.exponent, unit);
}

Bounds exact(const Decimal& value) { return Bounds{value, {value, value}, {value, value}}; }

std::optional<Bounds> add(const Bounds& a, const Bounds& b) {
  auto v = a.value.checked_add(b.value);
  auto tl = a.tight.lo.checked_add(b.tight.lo), th = a.tight.hi.checked_add(b.tight.hi);
  auto ll = a.loose.lo.checked_add(b.loose.lo), lh = a.loose.hi.checked_add(b.loose.hi);
  if (!v || !tl || !th || !ll || !lh) return std::nullopt;
  return Bounds{*v, {*tl, *th}, {*ll, *lh}};
}

std::optional<Bounds> subtract(const Bounds& a, const Bounds& b) {
  auto v = a.value.checked_sub(b.value);
  auto tl = a.tight.lo.checked_sub(b.tight.hi), th = a.tight.hi.checked_sub(b.tight.lo);
  auto ll = a.loose.lo.checked_sub(b.loose.hi), lh = a.loose.hi.checked_sub(b.loose.lo);
  if (!v || !tl || !th || !ll || !lh) return std::nullopt;
  return Bounds{*v, {*tl, *th}, {*ll, *lh}};
}

std::optional<Bounds> multiply(const Bounds& a, const Bounds& b) {
  auto mul = [](const Decimal& x, const Decimal& y) { return x.checked_mul(y); };
  auto v = a.value.checked_mul(b.value);
  auto t = corners(a.tight, b.tight, mul);
  auto l = corners(a.loose, b.loose, mul);
  if (!v || !t || !l) return std::nullopt;
  return Bounds{*v, *t, *l};
}

std::optional<Bounds> percent(const Bounds& a, const Bounds& b, int scale) {
  if (b.loose.lo.sign() <= 0) return std::nullopt;
  const Bounds hundred = exact(Decimal::from_int(100));
  auto a100 = multiply(a, hundred);
  if (!a100) return std::nullopt;
  auto v = a100->value.divided_by(b.value, scale);
  auto t = quotient(a100->tight, b.tight, scale);
  auto l = quotient(a100->loose, b.loose, scale);
  if (!v || !t || !l) return std::nullopt;
  return Bounds{*v, *t, *l};
}

Agreement agreement(const Bounds& stated, const Bounds& computed) {
  if (stated.tight.meets(computed.tight)) return Agreement::kAgree;
  if (stated.loose.meets(computed.loose)) return Agreement::kRounding;
  return Agreement::kDisagree;
}

std::string tolerance_text(const Bounds& stated, const Bounds& computed) {
  auto a = stated.tight.half_width();
  auto b = computed.tight.half_width();
  if (!a || !b) return "";
  auto sum = a->checked_add(*b);
  if (!sum) return "";
  // Trailing zeros say nothing here: 0.0550 -> 0.055.
  std::string s = sum->to_string();
  if (s.find('.') != std::string::npos) {
    while (s.back() == '0') s.pop_back();
    if (s.back() == '.') s.pop_back();
  }
  return s;
}

int common_unit(const model::BudgetFigure& a, const model::BudgetFigure& b) {
  return std::min(a.exponent, b.exponent);
}

std::string unit_name(int exponent, bool money) {
  static constexpr std::pair<int, std::string_view> kPrefixes[] = {{0, ""}, {4, "万"}, {8, "亿"}, {3, "千"}, {2, "百"}, {12, "万亿"}};
  for (auto [e, p] : kPrefixes)
    if (e == exponent) return std::string(p) + (money ? "元" : "");
  return "x10^" + std::to_string(exponent) + (money ? "元" : "");
}

std::string money_text(const Decimal& value, int exponent) { return value.to_string() + unit_name(exponent, true); }
std::string money_text(const model::BudgetFigure& f) { return money_text(f.value, f.exponent); }

std::optional<Bounds> rate_bounds(const Decimal& rate) {
  auto range = around(rate, rate.half_unit());
  if (!range) return std::nullopt;
  return Bounds{rate, *range, *range};
}

}  // namespace jixiao::validate::internal
