// table.unread-row: score-table rows that state a figure but that the
// readers could not take as an indicator's row.
//
// A table reader drops a row it cannot read: a name cell that reads as a
// sentence, a 得分 cell holding words ("4分（扣1分）"), a row OCR misread.
// The row's figures are then missing from every sum and count over its
// table, and a check over those would report the report's own figures as
// not adding up. Precision first: one warning per such table names its
// unread rows, so that an auditor checks them by eye, and a sum or count
// that rests on the table is a warning that names the row it may miss.
// Checks that rest on one row (a rate, a max exceeded) stand as they are.

#include <algorithm>
#include <iterator>
#include <map>
#include <string>
#include <string_view>
#include <utility>

#include "checks.h"

namespace jixiao::validate::internal {
namespace {

// The rules whose result depends on which rows a table has.
constexpr std::string_view kRowSetRules[] = {"score.sum", "indicator.count"};

// The unread rows of each table that has some.
std::map<int, std::vector<const model::UnreadRow*>> unread_by_table(const Report& report) {
  std::map<int, std::vector<const model::UnreadRow*>> by_table;
  for (const model::UnreadRow& u : report.unread_rows) by_table[u.table].push_back(&u);
  return by_table;
}

}  // namespace

void check_unread_rows(const Report& report, Findings& out) {
  for (const auto& [table, rows] : unread_by_table(report)) {
    Finding f;
    f.rule = "table.unread-row";
    f.severity = Severity::kWarning;
    for (const model::UnreadRow* u : rows) {
      f.spans.push_back(u->span);
      f.roles.push_back("未读出 unread");
    }
    const std::string n = std::to_string(rows.size());
    const bool one = rows.size() == 1;
    const std::string first = std::to_string(rows.front()->span.line);
    f.stated = n + (one ? " row" : " rows");
    f.message = "评分表有 " + n + " 行含数字但未能读出（第 " + first +
                " 行起），据该表的合计与计数仅为警告 (" + n + (one ? " row" : " rows") +
                " of this score table state" + (one ? "s" : "") + " figures but " + (one ? "was" : "were") +
                " not read, from line " + first +
                "; sums and counts over the table are warnings only)";
    out.add(std::move(f));
  }
}

void demote_unread_tables(const Report& report, std::vector<Finding>& findings) {
  const auto by_table = unread_by_table(report);
  if (by_table.empty()) return;
  // Where each observation of such a table stands: a finding quoting one rests on that table.
  std::map<std::pair<int, int>, int> table_at;  // (page, line) -> table
  const auto collect = [&](const Indicator& ind) {
    for (const Observation& o : ind.observations)
      if (by_table.contains(o.table)) table_at.emplace(std::make_pair(o.span.page, o.span.line), o.table);
  };
  collect(report.total);
  for (const Indicator& ind : report.indicators) collect(ind);
  for (Finding& f : findings) {
    if (f.severity != Severity::kError) continue;
    if (std::find(std::begin(kRowSetRules), std::end(kRowSetRules), f.rule) == std::end(kRowSetRules)) continue;
    for (const extract::SourceSpan& s : f.spans) {
      const auto at = table_at.find({s.page, s.line});
      if (at == table_at.end()) continue;
      const extract::SourceSpan& unread = by_table.at(at->second).front()->span;
      f.severity = Severity::kWarning;
      f.message += "；仅为警告：评分表第 " + std::to_string(unread.line) + " 行含数字但未能读出，合计或计数可能缺此行" +
                   " (warning only: line " + std::to_string(unread.line) +
                   " of this score table states figures but was not read, and the sum or count may miss it)";
      if (f.roles.size() == f.spans.size()) f.roles.push_back("未读出 unread");
      f.spans.push_back(unread);
      break;
    }
  }
}

}  // namespace jixiao::validate::internal
