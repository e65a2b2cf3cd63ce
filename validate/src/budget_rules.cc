// budget.rate: a printed 执行率 against the two amounts it names, with the
// tolerance their printed precision gives (interval arithmetic, as XBRL
// calculation checks do; see interval.h).
//
// The printed rate stands for half a unit of its last digit; amounts printed
// with decimals for half a unit of theirs. Whole amounts are exact in the
// tight reading and rounded in the loose one: a rate only the loose reading
// reconciles is a warning. A budget found in another sentence than the rate
// ("完成年初预算的 7.9%" with "“三公经费”年初预算安排 2 万元" elsewhere) is an
// error only when its label names the same budget as the rate's words. A rate
// that is the computed one cut rather than rounded (99.97% printed as 99%) is
// a warning: the amounts agree with it, only the rounding differs.

#include <algorithm>
#include <array>
#include <string_view>

#include "checks.h"
#include "interval.h"
#include "jixiao/text/text.h"

namespace jixiao::validate::internal {

namespace {

// The rate's words name the budget the label states: the same budget word
// (年初预算, 预算安排…) in both. Spaces and quotes are dropped first.
bool names_same_budget(const model::BudgetLine& bl) {
  static constexpr std::array<std::string_view, 5> kBudgetWords = {"年初预算", "预算安排", "全年预算", "年度预算",
                                                                   "预算数"};
  // The words as read (a traditional report's 年初預算 is 年初预算 there); the
  // printed text when a model was built without them.
  const std::string rate_words = text::name_key(bl.rate_words.empty() ? bl.rate_span.text : bl.rate_words);
  const std::string label = text::name_key(bl.budget.label);
  for (std::string_view w : kBudgetWords)
    if (rate_words.find(w) != std::string::npos && label.find(w) != std::string::npos) return true;
  return false;
}

// Reports also cut a rate instead of rounding it (99.97% printed as 99%, or
// as 99.9%): the printed rate is then the computed one truncated at its own
// decimals, [rate, rate + one unit of its last digit). Such a rate is a
// warning, never an error: the report's arithmetic is right, its rounding
// is not.
bool printed_cut(const Decimal& rate, const Bounds& computed) {
  const Decimal half = rate.half_unit();
  const auto unit = half.checked_add(half);
  if (!unit || rate.sign() < 0) return false;
  const auto upper = rate.checked_add(*unit);
  if (!upper) return false;
  // The computed range meets [rate, upper), the upper end open.
  return computed.tight.hi >= rate && computed.tight.lo < *upper;
}

}  // namespace

void check_budget_rates(const Report& r, Findings& out) {
  for (const model::BudgetLine& bl : r.budget_lines) {
    const int unit = common_unit(bl.budget, bl.executed);
    const auto b = bounds_of(bl.budget, unit);
    const auto e = bounds_of(bl.executed, unit);
    const auto stated = rate_bounds(bl.rate);
    if (!b || !e || !stated) continue;
    // Two digits beyond the printed rate keep the quotient's outward rounding negligible.
    const auto computed = percent(*e, *b, bl.rate.scale() + 2);
    if (!computed) continue;  // a budget that may be zero or negative gives no rate
    const Agreement a = agreement(*stated, *computed);
    if (a == Agreement::kAgree) continue;
    const bool other_scope = bl.budget_elsewhere && !names_same_budget(bl);
    const bool cut = printed_cut(bl.rate, *computed);

    Finding f;
    f.rule = "budget.rate";
    f.severity = a == Agreement::kDisagree && !other_scope && !cut ? Severity::kError : Severity::kWarning;
    f.stated = bl.rate.to_string() + "%";
    f.computed = computed->value.rounded(std::max(bl.rate.scale(), 2)).to_string() + "%";
    f.tolerance = tolerance_text(*stated, *computed) + "%";
    std::string why;
    if (cut)
      why = "; the printed rate is the computed one cut, not rounded, at its printed decimals";
    else if (a == Agreement::kRounding)
      why = "; only a rounded whole-number amount could reconcile them";
    else if (other_scope)
      why = "; the base was found elsewhere, its scope may differ";
    std::string where;
    if (bl.budget_elsewhere)
      where = "; the budget " + money_text(bl.budget) + " is stated on " +
              (bl.budget.span.page > 1 ? "page " + std::to_string(bl.budget.span.page) + ", " : std::string()) +
              "line " + std::to_string(bl.budget.span.line);
    const std::string label = bl.label.empty() ? std::string("预算") : bl.label;
    f.message = label + " 执行率 " + f.stated + " ≠ " + money_text(bl.executed) + " / " + money_text(bl.budget) + " = " +
                f.computed + " (the printed rate " + f.stated + " differs from executed / budget = " + f.computed +
                where + why + ")";
    f.arithmetic = money_text(bl.executed) + " / " + money_text(bl.budget) + " × 100 = " + f.computed + "; stated " +
                   f.stated + " (±" + f.tolerance + ")";
    f.spans = {bl.rate_span, bl.executed.span, bl.budget.span};
    f.roles = {"执行率 rate", role("执行数 executed", bl.executed), role("预算数 budget", bl.budget)};
    out.add(std::move(f));
  }
}

// budget.score: a self-evaluation form scores its budget block by the rate,
// 得分 = 分值 × 执行率, at most 分值. Forms also round to half points, give full
// marks above a threshold or use their own scale, so a difference is a
// warning, never an error. The tolerance is the printed precision of the
// score and of the rate (9.6 against 10 × 96.00% agrees; 9.5 does not).
void check_budget_scores(const Report& r, Findings& out) {
  const Decimal hundred = Decimal::from_int(100);
  for (const model::BudgetLine& bl : r.budget_lines) {
    if (!bl.max || !bl.score) continue;
    // In hundredths of a point: score × 100 against max × min(rate, 100).
    const Decimal rate = bl.rate > hundred ? hundred : bl.rate;
    const auto lhs = bl.score->checked_mul(hundred);
    const auto rhs = bl.max->checked_mul(rate);
    const auto score_tol = bl.score->half_unit().checked_mul(hundred);
    const auto rate_tol = bl.max->checked_mul(bl.rate.half_unit());
    if (!lhs || !rhs || !score_tol || !rate_tol) continue;
    const auto tol = score_tol->checked_add(*rate_tol);
    if (!tol || text::within(*lhs, *rhs, *tol)) continue;
    const auto expected = rhs->divided_by(hundred, std::max(bl.score->scale(), 2));
    if (!expected) continue;
    Finding f;
    f.rule = "budget.score";
    f.severity = Severity::kWarning;
    f.stated = bl.score->to_string();
    f.computed = expected->to_string();
    f.tolerance = tol->divided_by(hundred, std::max(bl.score->scale(), 2)).value_or(Decimal()).to_string();
    f.message = bl.label + " 预算执行得分 " + f.stated + " ≠ 分值 " + bl.max->to_string() + " × 执行率 " +
                bl.rate.to_string() + "% = " + f.computed + " (the budget block scores " + f.stated + " of " +
                bl.max->to_string() + ", but max x rate gives " + f.computed +
                "; forms may round or cap the score, so this is a warning)";
    f.arithmetic = bl.max->to_string() + " × " + rate.to_string() + "% = " + f.computed + "; stated " + f.stated;
    f.spans = {bl.score_span, bl.rate_span};
    f.roles = {"得分 score", "执行率 rate"};
    out.add(std::move(f));
  }
}

}  // namespace jixiao::validate::internal
