// The annex (附表) restates the indicator system beside its scoring rules, with
// max scores but no scores, and often names indicators a little differently
// from the results table. Its rows are matched to the tree: level 3 by name
// anywhere, then levels 2 and 1 by name, else by the parent most of their
// matched children have, else by similarity. A match adds an annex
// observation (so validate can compare the maxes); a row that matches nothing
// is kept in report.unmatched rather than guessed into the tree.

#include <array>
#include <map>
#include <optional>
#include <utility>
#include <vector>

#include "builder.h"

namespace jixiao::normalize::internal {
namespace {

// One indicator row of the annex, as read.
struct Entry {
  int level;
  NameCell cell;
  std::size_t line;
  std::optional<text::Decimal> max;
  int parent_entry;  // index in the entries, -1 for level 1
  int match = -1;    // index in the tree, -1 when none
};

// The annex's indicator rows in order, each with its parent row.
std::vector<Entry> read_entries(const ScoreTable& table) {
  std::vector<Entry> entries;
  std::array<int, 3> cur = {-1, -1, -1};
  for (const ScoreRow& row : table.rows) {
    if (row.kind != ScoreRow::Kind::kIndicator) continue;
    int deepest = 0;
    for (int level = 1; level <= 3; ++level)
      if (row.names[level - 1] && !row.names[level - 1]->continuation) deepest = level;
    for (int level = 1; level <= 3; ++level) {
      const auto& cell = row.names[level - 1];
      if (!cell) continue;
      if (cell->continuation) {
        if (cur[level - 1] >= 0 && cell->max && !entries[cur[level - 1]].max) entries[cur[level - 1]].max = cell->max;
        continue;
      }
      Entry e{level, *cell, row.line, cell->max, level > 1 ? cur[level - 2] : -1};
      if (level == deepest && row.max) e.max = row.max;
      entries.push_back(e);
      cur[level - 1] = static_cast<int>(entries.size()) - 1;
      for (int deeper = level; deeper < 3; ++deeper) cur[deeper] = -1;
    }
  }
  return entries;
}

// The tree indicator entry `i` stands for: by name, else the parent its
// matched children vote for, else the most similar of its level.
int match_entry(const std::vector<Entry>& entries, std::size_t i, const IndicatorTree& tree) {
  const Entry& e = entries[i];
  const int by_name = tree.find(e.level, e.cell.name, -1, true);
  if (by_name >= 0) return by_name;
  std::map<int, int> votes;
  for (const Entry& child : entries)
    if (child.parent_entry == static_cast<int>(i) && child.match >= 0) ++votes[tree.at(child.match).parent];
  int best = -1, best_votes = 0;
  for (auto [parent, n] : votes)
    if (n > best_votes) {
      best = parent;
      best_votes = n;
    }
  if (best >= 0 && tree.at(best).level == e.level) return best;
  return tree.best_similar(e.cell.name, tree.of_level(e.level, -1), kGlobalSimilarity);
}

}  // namespace

void read_annex_table(const ScoreTable& table, int t, const NormalizedDocument& doc, IndicatorTree& tree,
                      model::Report& report) {
  std::vector<Entry> entries = read_entries(table);
  // Level 3 first: levels 2 and 1 may be found through their matched children.
  for (int level = 3; level >= 1; --level)
    for (std::size_t i = 0; i < entries.size(); ++i)
      if (entries[i].level == level) entries[i].match = match_entry(entries, i, tree);
  for (const Entry& e : entries) {
    model::Observation o =
        doc.observation(model::SourceKind::kAnnexTable, e.cell.name, e.line, e.cell.begin, e.cell.end, t);
    o.max = e.max;
    if (e.match >= 0) {
      tree.observe(e.match, std::move(o));
    } else {
      model::UnmatchedIndicator u;
      u.level = e.level;
      if (e.parent_entry >= 0) u.parent_name = entries[e.parent_entry].cell.name;
      u.observation = std::move(o);
      report.unmatched.push_back(std::move(u));
    }
  }
}

}  // namespace jixiao::normalize::internal
