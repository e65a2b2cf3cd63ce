// TODO(issue 5): check_budget_changes.

#include "checks.h"

namespace jixiao::validate::internal {

void check_budget_changes(const Report&, Findings&) {}

}  // namespace jixiao::validate::internal
