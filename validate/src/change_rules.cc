// budget.change: a stated change against another year, recomputed from the two
// amounts it compares with interval arithmetic on their printed precision.
//
//   percent  (current - previous) / previous x 100 against the stated rate
//   amount   current - previous against the stated increase or decrease
//
// Without the other year's amount, an increase larger than this year's amount
// still says something impossible: the previous-year budget would be negative
// ("“三公”经费预算 2 万元 … 比2019年增加2.54万元").

#include <algorithm>

#include "checks.h"
#include "interval.h"

namespace jixiao::validate::internal {

namespace {

using model::BudgetFigure;
using model::StatedChange;

Bounds negate(const Bounds& b) { return Bounds{-b.value, {-b.tight.hi, -b.tight.lo}, {-b.loose.hi, -b.loose.lo}}; }

std::string signed_text(const Decimal& magnitude, bool increase) {
  return (increase || magnitude.is_zero() ? magnitude : -magnitude).to_string();
}

// Same page and line.
bool same_place(const extract::SourceSpan& a, const extract::SourceSpan& b) {
  return a.page == b.page && a.line == b.line;
}

// Neither amount stands with the statement, nor do they stand together (one
// table row): they were matched by their labels only, and may cover another scope.
bool matched_by_label(const StatedChange& ch) {
  return !same_place(ch.current->span, ch.previous->span) && !same_place(ch.current->span, ch.span) &&
         !same_place(ch.previous->span, ch.span);
}

std::string verb(const StatedChange& ch) {
  return ch.increase ? (ch.kind == StatedChange::Kind::kPercent ? "增长" : "增加")
                     : (ch.kind == StatedChange::Kind::kPercent ? "下降" : "减少");
}

// The two amounts against the stated change.
void check_both(const StatedChange& ch, Findings& out) {
  const BudgetFigure& cur = *ch.current;
  const BudgetFigure& prev = *ch.previous;
  const bool pct = ch.kind == StatedChange::Kind::kPercent;
  int unit = common_unit(cur, prev);
  if (!pct) unit = std::min(unit, ch.exponent);
  const auto c = bounds_of(cur, unit);
  const auto p = bounds_of(prev, unit);
  if (!c || !p) return;
  const auto diff = subtract(*c, *p);
  if (!diff) return;
  std::optional<Bounds> stated, computed;
  int shown_scale = 0;
  if (pct) {
    stated = rate_bounds(ch.increase ? ch.stated : -ch.stated);
    // Two more digits than printed keep the quotient's outward rounding negligible.
    shown_scale = std::max(ch.stated.scale(), 2);
    computed = percent(*diff, *p, ch.stated.scale() + 2);
  } else {
    auto s = bounds_of(ch.stated, ch.exponent, unit);
    if (s) stated = ch.increase ? *s : negate(*s);
    computed = diff;
  }
  if (!stated || !computed) return;
  const Agreement a = agreement(*stated, *computed);
  if (a == Agreement::kAgree) return;
  const bool by_label = matched_by_label(ch);

  Finding f;
  f.rule = "budget.change";
  f.severity = a == Agreement::kDisagree && !by_label ? Severity::kError : Severity::kWarning;
  const std::string label = ch.label.empty() ? std::string("金额") : ch.label;
  const std::string tol = tolerance_text(*stated, *computed);
  std::string why;
  if (a == Agreement::kRounding)
    why = "; only a rounded whole number could reconcile them";
  else if (by_label)
    why = "; the two amounts were found elsewhere by their label, their scope may differ";
  if (pct) {
    f.stated = signed_text(ch.stated, ch.increase) + "%";
    f.computed = computed->value.rounded(shown_scale).to_string() + "%";
    f.tolerance = tol + "%";
    f.arithmetic = "(" + cur.value.to_string() + " - " + prev.value.to_string() + ") / " + prev.value.to_string() +
                   " × 100 = " + f.computed + "; stated " + f.stated + " (±" + f.tolerance + ")";
    f.message = label + " 比上年" + verb(ch) + " " + ch.stated.to_string() + "% ≠ (" + money_text(cur) + " - " +
                money_text(prev) + ") / " + money_text(prev) + " = " + f.computed + " (the stated change " + f.stated +
                " differs from the change between the two years' amounts, " + f.computed + why + ")";
  } else {
    f.stated = money_text(ch.increase ? ch.stated : -ch.stated, ch.exponent);
    f.computed = money_text(computed->value, unit);
    f.tolerance = tol + unit_name(unit, true);
    f.arithmetic =
        money_text(cur) + " - " + money_text(prev) + " = " + f.computed + "; stated " + f.stated + " (±" + f.tolerance + ")";
    f.message = label + " 比上年" + verb(ch) + " " + money_text(ch.stated, ch.exponent) + " ≠ " + money_text(cur) + " - " +
                money_text(prev) + " = " + f.computed + " (the stated change " + f.stated +
                " differs from the difference of the two years' amounts, " + f.computed + why + ")";
  }
  f.spans = {ch.span, cur.span, prev.span};
  f.roles = {"变动 change", role("本年 current", cur), role("上年 previous", prev)};
  out.add(std::move(f));
}

// An amount change with one of the two amounts: the other one it implies must
// not be negative.
void check_implied(const StatedChange& ch, Findings& out) {
  if (ch.kind != StatedChange::Kind::kAmount) return;
  const bool from_current = ch.current && ch.increase;     // previous = current - increase
  const bool from_previous = ch.previous && !ch.increase;  // current = previous - decrease
  if (!from_current && !from_previous) return;
  const BudgetFigure& known = from_current ? *ch.current : *ch.previous;
  const int unit = std::min(known.exponent, ch.exponent);
  const auto k = bounds_of(known, unit);
  const auto s = bounds_of(ch.stated, ch.exponent, unit);
  if (!k || !s) return;
  const auto implied = subtract(*k, *s);
  if (!implied || implied->tight.hi.sign() >= 0) return;

  Finding f;
  f.rule = "budget.change";
  // Negative in every reading is certain; only in the tight reading, a rounded
  // whole number of 万元 might explain it.
  f.severity = implied->loose.hi.sign() < 0 ? Severity::kError : Severity::kWarning;
  const std::string label = ch.label.empty() ? std::string("金额") : ch.label;
  f.stated = money_text(ch.increase ? ch.stated : -ch.stated, ch.exponent);
  f.computed = money_text(implied->value, unit);
  f.tolerance = tolerance_text(*k, *s) + unit_name(unit, true);
  const std::string rounding = f.severity == Severity::kWarning ? ", unless the amount was rounded" : "";
  if (from_current) {
    f.arithmetic = money_text(known) + " - " + money_text(ch.stated, ch.exponent) + " = " + f.computed +
                   " (previous-year amount implied by the stated increase)";
    f.message = label + " " + money_text(known) + " 比上年增加 " + money_text(ch.stated, ch.exponent) + "，上年应为 " +
                f.computed + "：上年预算不可能为负 (the stated increase " + f.stated + " exceeds this year's " +
                money_text(known) + " and implies a negative previous-year amount, " + f.computed + rounding + ")";
    f.spans = {ch.span, known.span};
    f.roles = {"变动 change", role("本年 current", known)};
  } else {
    f.arithmetic = money_text(known) + " - " + money_text(ch.stated, ch.exponent) + " = " + f.computed +
                   " (this year's amount implied by the stated decrease)";
    f.message = label + " 上年 " + money_text(known) + " 减少 " + money_text(ch.stated, ch.exponent) + "，本年应为 " +
                f.computed + "：本年金额不可能为负 (the stated decrease " + f.stated + " exceeds the previous year's " +
                money_text(known) + " and implies a negative amount for this year, " + f.computed + rounding + ")";
    f.spans = {ch.span, known.span};
    f.roles = {"变动 change", role("上年 previous", known)};
  }
  out.add(std::move(f));
}

}  // namespace

void check_budget_changes(const Report& r, Findings& out) {
  for (const StatedChange& ch : r.changes) {
    if (ch.current && ch.previous)
      check_both(ch, out);
    else
      check_implied(ch, out);
  }
}

}  // namespace jixiao::validate::internal
