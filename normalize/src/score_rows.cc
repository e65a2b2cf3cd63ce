// The rows of a results or summary score table into the indicator tree. A row
// names indicators at one to three levels (a level's cell appears only on the
// first row of its span, so the open indicator of each level carries over),
// and its figures belong to the deepest indicator it names. Subtotal rows
// ("投入指标得分") observe their level-1 indicator and total rows the report
// total. A wrapped cell's second line ("(12分)") gives the max of the open
// indicator above it that has none yet.

#include <array>
#include <utility>

#include "builder.h"

namespace jixiao::normalize::internal {
namespace {

using model::Observation;
using model::SourceKind;

// The open indicator of each level while a table is read, -1 where none is.
using OpenLevels = std::array<int, 3>;

// A subtotal or total row: an observation of the level-1 indicator it names
// (else the open one) or of the report total.
void read_sum_row(const ScoreRow& row, int t, const NormalizedDocument& doc, const OpenLevels& cur,
                  IndicatorTree& tree) {
  int index = -1;  // the total
  if (row.kind == ScoreRow::Kind::kSubtotal) {
    index = row.label_level1.empty() ? cur[0] : tree.find(1, row.label_level1, -1, false);
    if (index < 0) index = cur[0];
    if (index < 0) return;
  }
  Observation o = doc.observation(SourceKind::kSubtotalRow, row.label, row.line, row.begin, row.end, t);
  o.max = row.max;
  o.score = row.score;
  o.rate = row.rate;
  tree.observe(index, std::move(o));
}

// "(12分)" on the next line of a wrapped cell at `level`: the max of the cell
// above. Alone on its row it may sit in any name column: it belongs to the
// deepest open cell that has no max yet.
void read_continuation(const NameCell& cell, int level, const ScoreRow& row, SourceKind kind, int t,
                       const NormalizedDocument& doc, const OpenLevels& cur, IndicatorTree& tree) {
  int target = cur[level - 1];
  for (int l = level; l >= 1 && target >= 0 && tree.has_max(target); --l) target = l > 1 ? cur[l - 2] : -1;
  if (target < 0) target = cur[level - 1];
  if (target < 0 || !cell.max) return;
  Observation o = doc.observation(kind, tree.at(target).name, row.line, cell.begin, cell.end, t);
  o.max = cell.max;
  tree.observe(target, std::move(o));
}

// The name cells of an indicator row, level 1 down: each opens (or finds) its
// indicator. Returns the deepest level named, 0 when none.
int read_name_cells(const ScoreRow& row, SourceKind kind, int t, const NormalizedDocument& doc, OpenLevels& cur,
                    IndicatorTree& tree) {
  int deepest = 0;
  for (int level = 1; level <= 3; ++level) {
    const auto& cell = row.names[level - 1];
    if (!cell) continue;
    if (cell->continuation) {
      read_continuation(*cell, level, row, kind, t, doc, cur, tree);
      continue;
    }
    const int parent = level == 1 ? -1 : cur[level - 2];
    if (level > 1 && parent < 0) break;
    const int index = tree.find_or_add(level, cell->name, parent);
    cur[level - 1] = index;
    for (int deeper = level; deeper < 3; ++deeper) cur[deeper] = -1;
    deepest = level;
    if (cell->max) {
      Observation o = doc.observation(kind, cell->name, row.line, cell->begin, cell->end, t);
      o.max = cell->max;
      tree.observe(index, std::move(o));
    }
  }
  return deepest;
}

}  // namespace

void read_score_table(const ScoreTable& table, int t, const NormalizedDocument& doc, IndicatorTree& tree) {
  const SourceKind kind =
      table.role == ScoreTable::Role::kResults ? SourceKind::kResultsTable : SourceKind::kSummaryTable;
  OpenLevels cur = {-1, -1, -1};
  for (const ScoreRow& row : table.rows) {
    if (row.kind != ScoreRow::Kind::kIndicator) {
      read_sum_row(row, t, doc, cur, tree);
      continue;
    }
    int deepest = read_name_cells(row, kind, t, doc, cur, tree);
    if (deepest == 0) {
      // Only continuation cells: the figures belong to the current deepest indicator.
      for (int level = 3; level >= 1 && deepest == 0; --level)
        if (row.names[level - 1] && cur[level - 1] >= 0) deepest = level;
      if (deepest == 0) continue;
    }
    if (!row.max && !row.score && !row.rate && !row.target && !row.actual) continue;
    const int index = cur[deepest - 1];
    Observation o = doc.observation(kind, tree.at(index).name, row.line, row.begin, row.end, t);
    o.max = row.max;
    o.score = row.score;
    o.rate = row.rate;
    o.target = row.target;
    o.actual = row.actual;
    tree.observe(index, std::move(o));
  }
}

}  // namespace jixiao::normalize::internal
