#include "jixiao/output/finding_filter.h"

namespace jixiao::output {

bool FindingFilter::accepts(const model::Finding& f) const {
  if (severity && f.severity != *severity) return false;
  // A rule ending in '.' names a family: "score." accepts "score.sum".
  if (!rule.empty() && f.rule != rule && !(rule.back() == '.' && f.rule.starts_with(rule))) return false;
  return true;
}

}  // namespace jixiao::output
