// budget.sum: the parts a report lists for a total ("其中…", "主要用于…") must
// add up to it within the precision the figures are printed with. The sum is
// taken in the smallest unit among the figures (元 when a list mixes 元 and
// 万元), each figure carrying half a unit of its last printed digit
// (interval.h), so 656.77 + 8.19 + … + 6003.7 = 47213.46 agrees with 47213.5.
// An inclusion ("（含…）") lists some of what its total holds: only parts
// adding up to more than the total are a finding.

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include "checks.h"
#include "interval.h"

namespace jixiao::validate::internal {

namespace {

using model::Breakdown;
using model::BudgetFigure;
using text::Qualifier;

// Decimal text without trailing zeros after the point: a figure scaled down to
// a smaller unit keeps its printed decimals ("629.77万元" is "6297700.00" 元).
std::string trimmed(const Decimal& d) {
  std::string s = d.to_string();
  if (s.find('.') != std::string::npos) {
    while (s.back() == '0') s.pop_back();
    if (s.back() == '.') s.pop_back();
  }
  return s;
}

std::string half_width_text(const Bounds& b) {
  const auto h = b.tight.half_width();
  return h ? trimmed(*h) : std::string("?");
}

}  // namespace

void check_budget_sums(const Report& r, Findings& out) {
  for (const Breakdown& b : r.breakdowns) {
    // One part says nothing about the total (a subset, or the total itself),
    // except when it is more than the total: a form's only 其中 row above its
    // 年度资金总额 (the reader marks such a breakdown partial).
    const bool single = b.parts.size() == 1 && b.partial;
    if (b.parts.size() < 2 && !single) continue;
    int unit = b.total.exponent;
    bool same_unit = true;
    for (const BudgetFigure& p : b.parts) {
      unit = std::min(unit, p.exponent);
      same_unit = same_unit && p.exponent == b.total.exponent;
    }
    const std::optional<Bounds> total = bounds_of(b.total, unit);
    if (!total) continue;
    std::optional<Bounds> sum = exact(Decimal());
    for (const BudgetFigure& p : b.parts) {
      const std::optional<Bounds> part = bounds_of(p, unit);
      if (!part) {
        sum.reset();
        break;
      }
      sum = add(*sum, *part);
      if (!sum) break;
    }
    if (!sum) continue;
    const Agreement agree = agreement(*total, *sum);
    if (agree == Agreement::kAgree) continue;
    if (single && !(total->tight.hi < sum->tight.lo)) continue;
    const bool short_of_total = sum->tight.hi < total->tight.lo;
    // "60.5 万元（含中央资金 20.2 万元…）" names parts already inside the total,
    // never all of them: only parts above it say anything.
    if (b.connective == "含" && short_of_total) continue;

    const std::string u = unit_name(unit, true);
    const std::string stated = money_text(b.total);
    const std::string computed = (same_unit ? sum->value.to_string() : trimmed(sum->value)) + u;
    // Less than half the total, for certain: sum.hi x 2 < total.lo.
    const auto twice = sum->tight.hi.checked_add(sum->tight.hi);
    const bool below_half = twice && *twice < total->tight.lo;
    bool approximate = b.total.qualifier != Qualifier::kExact;
    for (const BudgetFigure& p : b.parts) approximate = approximate || p.qualifier != Qualifier::kExact;

    Finding f;
    f.rule = "budget.sum";
    f.stated = stated;
    f.computed = computed;
    const std::string tol = tolerance_text(*total, *sum);
    f.tolerance = tol.empty() ? std::string() : tol + u;
    const std::string label = b.total.label.empty() ? std::string() : b.total.label + "：";
    if (agree == Agreement::kRounding) {
      f.severity = Severity::kWarning;
      f.message = label + "分项合计 " + computed + " 与总额 " + stated + " 仅差一个整数的取整 (the parts sum to " +
                  computed + ", not the stated total " + stated + ", but a rounded whole number could explain it)";
    } else if (b.partial && short_of_total && !below_half) {
      // "主要用于 A、B、C" names the main uses, not necessarily all of them.
      f.severity = Severity::kWarning;
      f.message = label + "分项合计 " + computed + " 少于总额 " + stated + "，清单称“" + b.connective +
                  "”，可能未列全 (the parts sum to " + computed + ", short of the stated total " + stated +
                  "; the list says " + b.connective + ": it may be incomplete)";
    } else if (approximate) {
      // 约 / 余 / 以上: the report itself does not claim the figures are exact.
      f.severity = Severity::kWarning;
      f.message = label + "分项合计 " + computed + " ≠ 总额 " + stated + "，但有约数 (the parts sum to " + computed +
                  ", not the stated total " + stated + "; some figures are stated as approximate)";
    } else {
      // A list that says 主要用于 but covers less than half of its total cannot
      // be the total's main uses: the total or the parts are wrong, and
      // incompleteness does not explain it (an error, not a warning).
      f.severity = Severity::kError;
      f.message = label + "分项合计 " + computed + " ≠ 总额 " + stated + " (the parts sum to " + computed +
                  ", not the stated total " + stated +
                  (b.partial && short_of_total ? "; less than half of it, more than an incomplete " + b.connective +
                                                     " list explains"
                                               : std::string()) +
                  ")";
    }
    f.spans.push_back(b.total.span);
    f.roles.push_back(role("总额 total", b.total));
    for (const BudgetFigure& p : b.parts) {
      f.spans.push_back(p.span);
      f.roles.push_back(role("分项 part", p));
    }
    // "629.77 + 27 + 4655.67 = 5312.44万元 (±0.01万元); stated 47213.5万元 (±0.05万元)";
    // with mixed units each part keeps its own: "0万元 + 3165.74元 + 0万元 = 3165.74元".
    std::string arithmetic;
    for (std::size_t k = 0; k < b.parts.size(); ++k) {
      if (k) arithmetic += " + ";
      arithmetic += b.parts[k].value.to_string();
      if (!same_unit) arithmetic += unit_name(b.parts[k].exponent, true);
    }
    const std::optional<Bounds> total_in_own = bounds_of(b.total, b.total.exponent);
    arithmetic += " = " + computed + " (±" + half_width_text(*sum) + u + "); stated " + stated + " (±" +
                  (total_in_own ? half_width_text(*total_in_own) : std::string("?")) +
                  unit_name(b.total.exponent, true) + ")";
    f.arithmetic = std::move(arithmetic);
    out.add(std::move(f));
  }
}

}  // namespace jixiao::validate::internal
