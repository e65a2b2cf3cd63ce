// TODO(issue 5): check_figure_conflicts.

#include "checks.h"

namespace jixiao::validate::internal {

void check_figure_conflicts(const Report&, Findings&) {}

}  // namespace jixiao::validate::internal
