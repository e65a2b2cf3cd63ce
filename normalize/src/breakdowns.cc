// TODO(issue 5)

#include "report_text.h"

namespace jixiao::normalize::internal {

std::vector<Breakdown> read_breakdowns(const ReportText&) { return {}; }

}  // namespace jixiao::normalize::internal
