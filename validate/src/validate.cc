#include "jixiao/validate/validate.h"

#include <algorithm>

#include "checks.h"

namespace jixiao::validate {

namespace internal {

void Findings::add(Finding f) {
  const int line = f.spans.empty() ? 0 : f.spans.front().line;
  const int page = f.spans.empty() ? 0 : f.spans.front().page;
  auto key = std::make_tuple(f.rule, f.stated, f.computed, f.spans.empty() ? std::string() : f.spans.front().text, page,
                             line);
  if (!seen_.insert(key).second) return;
  findings_.push_back(std::move(f));
}

// Precision first: an error rests only on figures read without a guess. A
// finding any of whose figures was read by one (a column inferred from
// alignment, a wrap joined back, OCR) is a warning that names the guess.
void downgrade_guesses(std::vector<model::Finding>& findings) {
  for (model::Finding& f : findings) {
    if (f.severity != model::Severity::kError) continue;
    for (const extract::SourceSpan& s : f.spans) {
      if (s.reading == extract::Reading::kExact) continue;
      f.severity = model::Severity::kWarning;
      f.message += "；仅为警告：第 " + std::to_string(s.line) + " 行" + std::string(extract::reading_caveat(s.reading));
      break;
    }
  }
}

}  // namespace internal

std::vector<model::Finding> validate(const model::Report& report) {
  internal::Findings out;
  // The rule table: each check in catalogue order.
  using Check = void (*)(const model::Report&, internal::Findings&);
  static constexpr Check kChecks[] = {
      internal::check_sums,        internal::check_rates, internal::check_exceeds_max,
      internal::check_grade,       internal::check_grade_bands, internal::check_cross_source,
      internal::check_counts,      internal::check_budget_sums, internal::check_budget_rates,
      internal::check_budget_scores,  internal::check_budget_changes, internal::check_per_unit, internal::check_figure_conflicts,
      internal::check_uncertain_tables, internal::check_unread_rows, internal::check_input_notices,
  };
  for (Check check : kChecks) check(report, out);
  std::vector<model::Finding> findings = out.take();
  internal::downgrade_guesses(findings);
  internal::demote_unread_tables(report, findings);
  internal::demote_partial_reading(report, findings);
  std::stable_sort(findings.begin(), findings.end(), [](const model::Finding& a, const model::Finding& b) {
    const int la = a.spans.empty() ? 0 : a.spans.front().line;
    const int lb = b.spans.empty() ? 0 : b.spans.front().line;
    const int pa = a.spans.empty() ? 0 : a.spans.front().page;
    const int pb = b.spans.empty() ? 0 : b.spans.front().page;
    return std::tie(pa, la) < std::tie(pb, lb);
  });
  return findings;
}

void validate_in_place(model::Report& report) { report.findings = validate(report); }

}  // namespace jixiao::validate
