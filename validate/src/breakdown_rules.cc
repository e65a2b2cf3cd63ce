// TODO(issue 5): check_budget_sums.

#include "checks.h"

namespace jixiao::validate::internal {

void check_budget_sums(const Report&, Findings&) {}

}  // namespace jixiao::validate::internal
