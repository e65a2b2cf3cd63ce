#pragma once
// Which findings a printout shows: `--severity` and `--rule` of `jixiao check`
// and `jixiao extract`. Filtering is a matter of printing only; the report
// keeps every finding.

#include <optional>
#include <string>

#include "jixiao/model/report.h"

namespace jixiao::output {

struct FindingFilter {
  std::optional<model::Severity> severity;  // only this severity
  std::string rule;                              // only this rule id (or rule prefix "score.")
  bool accepts(const model::Finding& f) const;
};

}  // namespace jixiao::output
