// TODO(issue 5)

#include "report_text.h"

namespace jixiao::normalize::internal {

std::vector<StatedChange> read_changes(const ReportText&) { return {}; }

std::vector<BudgetLine> read_rates_against_remote_budget(const ReportText&) { return {}; }

}  // namespace jixiao::normalize::internal
