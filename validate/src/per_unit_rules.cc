// budget.per-unit: count x standard against the amount paid, within the
// printed precision of the three figures (interval arithmetic, interval.h).
// A standard stated as a bound (不低于每人每年31.8元) makes the amount a bound:
// only an amount below count x standard (beyond precision) is a finding.

#include <algorithm>
#include <string>

#include "checks.h"
#include "interval.h"

namespace jixiao::validate::internal {
namespace {

using model::BudgetFigure;
using model::PerUnitStatement;
using text::Qualifier;

// A value in units of 10^from expressed in units of 10^to (to >= from), without trailing zeros
// beyond `min_scale` decimals: 1581000 (元) -> "158.1" (万元).
std::optional<Decimal> rescale(const Decimal& v, int from, int to) {
  Decimal divisor = Decimal::from_int(1);
  for (int i = from; i < to; ++i) {
    auto next = divisor.checked_mul(Decimal::from_int(10));
    if (!next) return std::nullopt;
    divisor = *next;
  }
  const int scale = std::min(v.scale() + (to - from), Decimal::kMaxScale);
  return v.divided_by(divisor, scale);
}

std::string shortest(const Decimal& v, int min_scale) {
  int s = v.scale();
  while (s > min_scale) {
    auto r = v.checked_rounded(s - 1);
    if (!r || !(*r == v)) break;
    --s;
  }
  return v.checked_rounded(s).value_or(v).to_string();
}


// "2635名", "12.5万人": the count with its unit as printed, from the report's
// counts (the quoted text may be in full-width digits or Chinese numerals).
std::string count_text(const Report& r, const BudgetFigure& f) {
  for (const model::StatedQuantity& sq : r.counts)
    if (sq.span.page == f.span.page && sq.span.line == f.span.line && sq.span.begin == f.span.begin &&
        sq.quantity.value == f.value && !sq.quantity.unit.empty())
      return f.value.to_string() + sq.quantity.unit;
  return f.value.to_string() + unit_name(f.exponent, false);
}

// "每人每年31.8元", "600元": the standard with the words that make it per unit.
std::string standard_text(const PerUnitStatement& s) {
  const bool per = s.basis.starts_with("每") || s.basis.ends_with("均");
  std::string prefix = per ? s.basis : std::string();
  if (s.bound == Qualifier::kAtLeast) prefix = "不低于" + prefix;
  if (s.bound == Qualifier::kAtMost) prefix = "不超过" + prefix;
  return prefix + money_text(s.standard);
}

// The role of the count: "人数 count" for persons, "户数 count" for households…
std::string count_role(const std::string& t) {
  for (std::string_view noun : {"人", "名", "位"})
    if (t.find(noun) != std::string::npos) return "人数 count";
  for (std::string_view noun : {"户", "家"})
    if (t.find(noun) != std::string::npos) return "户数 count";
  if (t.find("件") != std::string::npos) return "件数 count";
  return "数量 count";
}

}  // namespace

void check_per_unit(const Report& r, Findings& out) {
  for (const PerUnitStatement& s : r.per_unit) {
    // Count in its base units (persons), standard and amount in the smaller of their two units.
    const int unit = std::min(s.amount.exponent, s.standard.exponent);
    const auto count = bounds_of(s.count.value, s.count.exponent, 0);
    const auto standard = bounds_of(s.standard, unit);
    const auto amount = bounds_of(s.amount, unit);
    if (!count || !standard || !amount) continue;
    const auto computed = multiply(*count, *standard);
    if (!computed) continue;

    bool rounding = false;
    if (s.bound == Qualifier::kExact) {
      const Agreement a = agreement(*amount, *computed);
      if (a == Agreement::kAgree) continue;
      rounding = a == Agreement::kRounding;
    } else if (s.bound == Qualifier::kAtLeast) {
      if (amount->tight.hi >= computed->tight.lo) continue;
      rounding = amount->loose.hi >= computed->loose.lo;
    } else if (s.bound == Qualifier::kAtMost) {
      if (amount->tight.lo <= computed->tight.hi) continue;
      rounding = amount->loose.lo <= computed->loose.hi;
    } else {
      continue;
    }

    // Everything is quoted in the amount's unit.
    const int au = s.amount.exponent;
    const std::string unit_text = unit_name(au, true);
    const auto value = rescale(computed->value, unit, au);
    const auto tight_a = amount->tight.half_width(), tight_c = computed->tight.half_width();
    const auto loose_a = amount->loose.half_width(), loose_c = computed->loose.half_width();
    if (!value || !tight_a || !tight_c || !loose_a || !loose_c) continue;
    const auto tight_sum = tight_a->checked_add(*tight_c);
    const auto loose_sum = loose_a->checked_add(*loose_c);
    if (!tight_sum || !loose_sum) continue;
    const auto tight = rescale(*tight_sum, unit, au);
    const auto loose = rescale(*loose_sum, unit, au);
    if (!tight || !loose) continue;

    const std::string stated = money_text(s.amount);
    const std::string computed_text = shortest(*value, s.amount.value.scale()) + unit_text;
    const std::string tight_text = shortest(*tight, 0) + unit_text;
    const std::string loose_text = shortest(*loose, 0) + unit_text;
    const std::string counted = count_text(r, s.count);
    const std::string product = counted + " × " + standard_text(s);
    const std::string label = s.amount.label.empty() ? std::string("金额") : s.amount.label;

    Finding f;
    f.rule = "budget.per-unit";
    f.severity = rounding ? Severity::kWarning : Severity::kError;
    f.stated = stated;
    f.computed = computed_text;
    f.tolerance = rounding ? loose_text : tight_text;
    f.spans = {s.amount.span, s.count.span, s.standard.span};
    f.roles = {role("金额 amount", s.amount), role(count_role(counted), s.count), role("标准 standard", s.standard)};
    const std::string why =
        rounding ? "; the whole number " + stated + " may be " + computed_text + " rounded"
                 : "; no rounding of the printed figures reconciles them";
    if (s.bound == Qualifier::kExact) {
      f.message = product + " = " + computed_text + " ≠ " + label + " " + stated + " (count x standard = " +
                  computed_text + ", not the stated amount " + stated + why + ")";
    } else {
      const bool at_least = s.bound == Qualifier::kAtLeast;
      f.message = product + " = " + computed_text + "，" + label + " " + stated +
                  (at_least ? " 低于下限" : " 超过上限") + " (the standard is " + (at_least ? "a minimum" : "a maximum") +
                  ", so the amount should be " + (at_least ? "at least " : "at most ") + computed_text +
                  ", but it is stated as " + stated + why + ")";
    }
    f.arithmetic = product + " = " + computed_text + "; stated " + stated + " (±" + tight_text +
                   (loose_text != tight_text ? "; ±" + loose_text + " if the whole numbers are rounded" : "") + ")";
    out.add(std::move(f));
  }
}

}  // namespace jixiao::validate::internal
