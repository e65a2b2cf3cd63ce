// figure.conflict: one quantity (a RepeatedFigure of the normalize stage)
// stated with different values. The value most statements agree on is taken
// as the report's own; each statement that departs from it is a finding. With
// no such majority (one statement each way) nothing says which is meant, and
// the two may well be different quantities that look alike, so nothing is
// reported.

#include <map>

#include "checks.h"
#include "interval.h"

namespace jixiao::validate::internal {
namespace {

using model::RepeatedFigure;
using model::StatedQuantity;

std::string printed(const StatedQuantity& s) { return s.quantity.value.to_string() + s.quantity.unit; }

std::string where(const std::vector<const StatedQuantity*>& statements) {
  std::string out;
  for (const StatedQuantity* s : statements) {
    if (!out.empty()) out += ", ";
    out += "line " + std::to_string(s->span.line);
    if (s->span.page > 1) out += " p" + std::to_string(s->span.page);
  }
  return out;
}

}  // namespace

void check_figure_conflicts(const Report& r, Findings& out) {
  for (const RepeatedFigure& g : r.repeated) {
    const std::vector<model::StatedQuantity>& pool = g.money ? r.amounts : r.counts;
    std::vector<const StatedQuantity*> statements;
    for (std::size_t i : g.statements)
      if (i < pool.size()) statements.push_back(&pool[i]);
    // The majority value: stated at least twice and more often than any other.
    std::map<Decimal, std::vector<const StatedQuantity*>> by_value;
    for (const StatedQuantity* s : statements) by_value[s->quantity.normalized].push_back(s);
    const std::vector<const StatedQuantity*>* majority = nullptr;
    bool tie = false;
    for (const auto& [value, list] : by_value) {
      if (!majority || list.size() > majority->size()) {
        majority = &list;
        tie = false;
      } else if (list.size() == majority->size()) {
        tie = true;
      }
    }
    if (!majority || tie || majority->size() < 2) continue;
    const StatedQuantity& reference = *majority->front();
    for (const StatedQuantity* s : statements) {
      if (s->quantity.normalized == reference.quantity.normalized) continue;
      const int unit = std::min(s->quantity.exponent, reference.quantity.exponent);
      const auto stated = bounds_of(s->quantity.value, s->quantity.exponent, unit);
      const auto other = bounds_of(reference.quantity.value, reference.quantity.exponent, unit);
      if (!stated || !other) continue;
      const Agreement a = agreement(*stated, *other);
      if (a == Agreement::kAgree) continue;
      Finding f;
      f.rule = "figure.conflict";
      f.severity = a == Agreement::kRounding ? Severity::kWarning : Severity::kError;
      // Money carries its unit ("158.1万元"); counts are bare numbers, as scores are.
      f.stated = g.money ? printed(*s) : s->quantity.value.to_string();
      f.computed = g.money ? printed(reference) : reference.quantity.value.to_string();
      const std::string unit_text = unit_name(unit, g.money);
      const std::string tolerance = tolerance_text(*stated, *other);
      if (tolerance != "0") f.tolerance = tolerance + unit_text;
      const std::string n = std::to_string(majority->size());
      f.message = "同一数字前后不一：" + g.subject + " 此处为 " + printed(*s) + "，另 " + n + " 处为 " +
                  printed(reference) + " (the same quantity is stated as " + printed(*s) + " here and as " +
                  printed(reference) + " in " + n + " other places";
      f.message += a == Agreement::kRounding ? "; they differ only as far as rounding a whole number could explain)"
                                             : ")";
      f.spans.push_back(s->span);
      f.roles.push_back("此处 this statement: " + s->quantity.label);
      for (const StatedQuantity* m : *majority) {
        f.spans.push_back(m->span);
        f.roles.push_back("他处 elsewhere: " + m->quantity.label);
      }
      const auto difference = stated->value.checked_sub(other->value);
      f.arithmetic = printed(*s) + " ≠ " + printed(reference) + " (" + where(*majority) + ")";
      if (difference) f.arithmetic += ": they differ by " + difference->abs().to_string() + unit_text;
      if (!f.tolerance.empty()) f.arithmetic += ", more than the ±" + f.tolerance + " their decimals allow";
      if (a == Agreement::kRounding) {
        const auto loose = Interval{other->loose.lo, other->loose.hi}.half_width();
        if (loose) f.arithmetic += "; within ±" + loose->to_string() + unit_text + " if " + printed(reference) + " is a rounded whole number";
      }
      out.add(std::move(f));
    }
  }
}

}  // namespace jixiao::validate::internal
