// table.uncertain: a score table some of whose figures were read by a guess.
//
// Precision comes first (docs/design.md): a finding that rests on a figure
// read by a guess is only a warning. That is the figure's side. This rule is
// the table's: an auditor told that "the score table at line N was read in
// part by a guess" knows which table to check by eye before trusting any sum
// over it, even where no sum failed. One warning per table, naming every row
// read by a guess and what the guess was.

#include <map>
#include <set>

#include "checks.h"

namespace jixiao::validate::internal {
namespace {

void collect(const Indicator& ind, std::map<int, std::vector<const Observation*>>& by_table) {
  for (const Observation& o : ind.observations)
    if (o.table >= 0 && o.span.reading != extract::Reading::kExact) by_table[o.table].push_back(&o);
}

}  // namespace

void check_uncertain_tables(const Report& report, Findings& out) {
  std::map<int, std::vector<const Observation*>> by_table;
  collect(report.total, by_table);
  for (const Indicator& ind : report.indicators) collect(ind, by_table);
  for (const auto& [table, observations] : by_table) {
    Finding f;
    f.rule = "table.uncertain";
    f.severity = Severity::kWarning;
    std::set<std::pair<int, int>> rows;  // page, line
    for (const Observation* o : observations) {
      if (!rows.insert({o->span.page, o->span.line}).second) continue;
      f.spans.push_back(o->span);
      f.roles.push_back("推测读取 guessed: " + o->name);
    }
    const std::string caveat(extract::reading_caveat(observations.front()->span.reading));
    f.message = "评分表有 " + std::to_string(rows.size()) + " 行按推测读取：" + caveat +
                "；据其得出的发现仅为警告 (" + std::to_string(rows.size()) +
                " rows of this score table were read by a guess; findings that rest on them are warnings only)";
    f.stated = std::to_string(rows.size()) + " rows";
    out.add(std::move(f));
  }
}

}  // namespace jixiao::validate::internal
