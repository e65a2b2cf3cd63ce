// TODO(issue 5): check_per_unit.

#include "checks.h"

namespace jixiao::validate::internal {

void check_per_unit(const Report&, Findings&) {}

}  // namespace jixiao::validate::internal
