// The values an indicator keeps. Every source that states an indicator added
// an Observation; the canonical max, score and rate are each taken from the
// observation of highest precedence that states it (SourceKind order: the
// results table first, the enumeration last), so one table cell wins over a
// sentence that restates it, and the other observations stay for validate to
// compare. Grade bands printed open ("60 分以下") are closed at 0 and at the
// total max, which a band that reaches it includes. A form's target and actual
// (text, stated once) come from the first observation that has them.

#include <optional>

#include "builder.h"

namespace jixiao::normalize::internal {
namespace {

using model::Indicator;
using model::Observation;
using text::Decimal;

void settle(Indicator& ind) {
  auto pick = [&](auto member) -> std::optional<Decimal> {
    const Observation* best = nullptr;
    for (const Observation& o : ind.observations) {
      if (!(o.*member)) continue;
      if (!best || static_cast<int>(o.kind) < static_cast<int>(best->kind)) best = &o;
    }
    return best ? best->*member : std::nullopt;
  };
  ind.max = pick(&Observation::max);
  ind.score = pick(&Observation::score);
  ind.rate = pick(&Observation::rate);
  for (const Observation& o : ind.observations) {
    if (!ind.target && o.target) ind.target = o.target;
    if (!ind.actual && o.actual) ind.actual = o.actual;
  }
}

}  // namespace

void settle_canonical_values(model::Report& report) {
  for (Indicator& ind : report.indicators) settle(ind);
  report.total.level = 0;
  report.total.name = "合计";
  settle(report.total);
  // An open band ends at 0 or at the total max, and a band that ends at the
  // max includes it: nobody scores above the max.
  const Decimal top = report.total.max.value_or(Decimal::from_int(100));
  for (model::GradeBand& b : report.grade_bands) {
    if (!b.lower) {
      b.lower = Decimal();
      b.lower_inclusive = true;
    }
    if (!b.upper) b.upper = top;
    if (*b.upper == top) b.upper_inclusive = true;
  }
}

}  // namespace jixiao::normalize::internal
