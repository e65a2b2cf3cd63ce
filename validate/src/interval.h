#pragma once
// Internal: interval arithmetic on printed figures, the way XBRL Calculations
// 1.1 treats rounded facts. A figure printed with k decimals stands for every
// value within half a unit of its last digit (47213.5 万元: 47213.45..47213.55);
// sums, differences, products and ratios carry those ranges along, and two
// statements agree when their ranges meet.
//
// A whole number is read two ways. These reports print exact amounts without
// decimals (88 万元 is 880000 元), so the *tight* reading takes it as exact; but
// a report may also round 158.1 万元 to 158 万元, so the *loose* reading gives a
// whole number of 万元 or 亿元 its half unit too. Figures that meet only in the
// loose reading disagree by no more than a rounding: a warning, not an error.

#include <optional>
#include <string>

#include "jixiao/model/budget.h"
#include "jixiao/text/decimal.h"

namespace jixiao::validate::internal {

using text::Decimal;

struct Interval {
  Decimal lo, hi;
  bool meets(const Interval& other) const { return lo <= other.hi && other.lo <= hi; }
  // Half the width: the ± a finding quotes.
  std::optional<Decimal> half_width() const;
};

// A value with its tight and loose ranges, all in one unit.
struct Bounds {
  Decimal value;  // the figure as printed (or as computed from printed figures)
  Interval tight, loose;
};

// The figure value x 10^exponent, expressed in units of 10^unit (unit <= exponent),
// with its printed precision. nullopt when it does not fit.
std::optional<Bounds> bounds_of(const Decimal& value, int exponent, int unit);
std::optional<Bounds> bounds_of(const model::BudgetFigure& f, int unit);
// An exact figure: a computed constant, a count of persons.
Bounds exact(const Decimal& value);

std::optional<Bounds> add(const Bounds& a, const Bounds& b);
std::optional<Bounds> subtract(const Bounds& a, const Bounds& b);
std::optional<Bounds> multiply(const Bounds& a, const Bounds& b);
// 100 x a / b, each end rounded outward at `scale` decimals. nullopt unless b
// is positive throughout its loose range.
std::optional<Bounds> percent(const Bounds& a, const Bounds& b, int scale);

enum class Agreement {
  kAgree,     // the tight ranges meet: consistent within printed precision
  kRounding,  // only the loose ranges meet: a whole number may have been rounded
  kDisagree,  // no reading reconciles them
};
Agreement agreement(const Bounds& stated, const Bounds& computed);

// "0.11": the sum of both tight half widths, the tolerance a finding quotes.
std::string tolerance_text(const Bounds& stated, const Bounds& computed);

// The smaller power of ten of two figures' units: the unit to compare them in.
int common_unit(const model::BudgetFigure& a, const model::BudgetFigure& b);

// The unit of a power of ten: "万元" for (4, money), "万" for (4, counts), "元" for (0, money).
std::string unit_name(int exponent, bool money);

// "47213.5万元": an amount with its unit.
std::string money_text(const Decimal& value, int exponent);
std::string money_text(const model::BudgetFigure& f);

// A printed rate (in percent): half a unit of its last digit either way, in
// both readings (a rate of 100% is no rounded amount, so "whole" means nothing here).
std::optional<Bounds> rate_bounds(const Decimal& rate);

}  // namespace jixiao::validate::internal
