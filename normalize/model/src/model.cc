// The few functions of the record model: the stable names of source kinds
// that JSON output and messages use, and the walks over a Report's indicator
// tree (the path of names down to an indicator, an indicator's children).
// The tree is stored flat, parents before children, each node naming its
// parent by index, which keeps the records plain data to copy and store.

#include <algorithm>

#include "jixiao/model/indicator.h"
#include "jixiao/model/report.h"

namespace jixiao::model {

std::string_view source_kind_name(SourceKind kind) {
  switch (kind) {
    case SourceKind::kResultsTable: return "results-table";
    case SourceKind::kSubtotalRow: return "subtotal-row";
    case SourceKind::kSummaryTable: return "summary-table";
    case SourceKind::kNarrative: return "narrative";
    case SourceKind::kLevel1Statement: return "level1-statement";
    case SourceKind::kTotalStatement: return "total-statement";
    case SourceKind::kAnnexTable: return "annex-table";
    case SourceKind::kEnumeration: return "enumeration";
  }
  return "unknown";
}

std::vector<std::string> Report::path(int index) const {
  std::vector<std::string> names;
  while (index >= 0 && index < static_cast<int>(indicators.size())) {
    names.push_back(indicators[index].name);
    index = indicators[index].parent;
  }
  std::reverse(names.begin(), names.end());
  return names;
}

std::vector<int> Report::children(int index) const {
  std::vector<int> out;
  for (int i = 0; i < static_cast<int>(indicators.size()); ++i)
    if (indicators[i].parent == index && (index >= 0 || indicators[i].level == 1)) out.push_back(i);
  return out;
}

}  // namespace jixiao::model
