// budget.rate: a printed 执行率 against the two amounts it names, with the
// tolerance their printed precision gives (interval arithmetic, as XBRL
// calculation checks do).

#include <algorithm>

#include "checks.h"

namespace jixiao::validate::internal {

void check_budget_rates(const Report& r, Findings& out) {
  const Decimal hundred = Decimal::from_int(100);
  for (const normalize::BudgetLine& bl : r.budget_lines) {
    // Both amounts in the same unit: scale the one with the larger unit down to the other.
    const int exponent = std::min(bl.budget.exponent, bl.executed.exponent);
    auto in_unit = [&](const normalize::BudgetFigure& f) -> std::optional<std::pair<Decimal, Decimal>> {
      Decimal factor = Decimal::from_int(1);
      for (int k = exponent; k < f.exponent; ++k) factor = factor * Decimal::from_int(10);
      const auto v = f.value.checked_mul(factor);
      const auto h = f.value.half_unit().checked_mul(factor);
      if (!v || !h) return std::nullopt;
      return std::make_pair(*v, *h);
    };
    const auto b = in_unit(bl.budget);
    const auto e = in_unit(bl.executed);
    if (!b || !e) continue;
    const auto [budget, hb] = *b;
    const auto [executed, he] = *e;
    // Figures printed as whole numbers in a money unit are taken as exact
    // (88 万元 means 880000 元 in these reports); decimals carry half a unit.
    const Decimal tol_b = bl.budget.value.scale() == 0 ? Decimal() : hb;
    const Decimal tol_e = bl.executed.value.scale() == 0 ? Decimal() : he;
    if (budget - tol_b <= Decimal()) continue;
    const Decimal rate = bl.rate;
    const Decimal hr = rate.half_unit();
    // The printed rate [rate - hr, rate + hr] must meet [(e - he) / (b + hb), (e + he) / (b - hb)] x 100.
    const auto lo_lhs = (rate + hr).checked_mul(budget + tol_b);   // (r + hr)(b + hb) >= 100 (e - he)
    const auto lo_rhs = hundred.checked_mul(executed - tol_e);
    const auto hi_lhs = (rate - hr).checked_mul(budget - tol_b);   // (r - hr)(b - hb) <= 100 (e + he)
    const auto hi_rhs = hundred.checked_mul(executed + tol_e);
    if (!lo_lhs || !lo_rhs || !hi_lhs || !hi_rhs) continue;
    if (*lo_lhs >= *lo_rhs && *hi_lhs <= *hi_rhs) continue;
    const auto computed = executed.checked_mul(hundred).value_or(Decimal()).divided_by(budget, std::max(rate.scale(), 2));
    Finding f;
    f.rule = "budget.rate";
    f.severity = normalize::Severity::kError;
    f.stated = rate.to_string() + "%";
    f.computed = computed ? computed->to_string() + "%" : "";
    f.tolerance = hr.to_string() + "%";
    const std::string label = bl.label.empty() ? std::string("预算") : bl.label;
    f.message = label + " 执行率 " + f.stated + " ≠ " + bl.executed.value.to_string() + " / " +
                bl.budget.value.to_string() + " = " + f.computed + " (the printed rate " + f.stated +
                " differs from executed / budget = " + f.computed + " beyond the precision of the figures)";
    f.spans = {bl.rate_span, bl.executed.span, bl.budget.span};
    out.add(std::move(f));
  }
}

}  // namespace jixiao::validate::internal
