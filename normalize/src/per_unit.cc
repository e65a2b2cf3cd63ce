// TODO(issue 5)

#include "report_text.h"

namespace jixiao::normalize::internal {

std::vector<PerUnitStatement> read_per_unit(const ReportText&) { return {}; }

}  // namespace jixiao::normalize::internal
