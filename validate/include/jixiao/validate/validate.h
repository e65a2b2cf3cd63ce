#pragma once
// Runs every rule over a Report. Validation only reads the records: it never
// touches files, and it recomputes each sum, rate and grade from the figures
// the report states, with the tolerance their printed precision allows.

#include <vector>

#include "jixiao/model/report.h"

namespace jixiao::validate {

// All findings for `report`, errors and warnings, in a stable order
// (by rule, then by the first line they cite).
std::vector<model::Finding> validate(const model::Report& report);

// Runs validate() and stores the result in report.findings.
void validate_in_place(model::Report& report);

}  // namespace jixiao::validate
