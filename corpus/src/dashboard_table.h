#pragma once
// Internal to corpus/: the two parts of the dashboard page that list
// documents (dashboard_table.cc), used by dashboard_page.cc.

#include <string>

#include "jixiao/corpus/dashboard.h"

namespace jixiao::corpus::dashboard_internal {

// The sortable, filterable table of the listed documents (#documents); row N
// links to #doc-N when that section exists (has_section).
void append_documents(std::string& out, const Dashboard& d);

// One section per listed document that failed or has findings detailed
// (#doc-N): its detailed findings, and how many the limits left out.
void append_findings(std::string& out, const Dashboard& d);

// Whether document `doc` has a findings section (and its row a link to it).
bool has_section(const DashboardDocument& doc);

}  // namespace jixiao::corpus::dashboard_internal
