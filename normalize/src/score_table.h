#pragma once
// Finds the score tables of a report (the indicator tree with 满分/得分/得分率,
// the 摘要 summary tables, the annex of max scores) and reads their rows.
//
// Rows are read by content, not by column position: a report's plain text often
// shifts cells, and level-1/level-2 cells appear only on the first row of their
// span. The name cells of a row fill the deepest name columns of the header
// ("预算调整率" alone is a level-3 row; "预算控制（10分）  结转结余率" is level 2
// and 3), and the value cells fill the header's value columns in order, or
// by column where a cell left empty would shift them (placed_values).

#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "jixiao/extract/document.h"
#include "jixiao/text/decimal.h"

namespace jixiao::normalize {

// A name cell: "投入（20 分）" -> name "投入", max 20. "(12分)" alone continues the
// cell above it (a wrapped cell): empty name, `continuation` set.
struct NameCell {
  std::string name;
  std::optional<text::Decimal> max;
  bool continuation = false;
  std::size_t begin = 0, end = 0;  // byte range in the line
};

// Reads a name cell; nullopt for text that cannot be an indicator name
// (a sentence, a number).
std::optional<NameCell> parse_name_cell(std::string_view cell);

struct ScoreRow {
  enum class Kind { kIndicator, kSubtotal, kTotal };
  Kind kind = Kind::kIndicator;
  std::size_t line = 0;                           // index in Document::lines
  std::array<std::optional<NameCell>, 3> names;   // by level: [0] level 1 … [2] level 3
  std::string label;                              // subtotal/total label as printed ("投入指标得分")
  std::string label_level1;                       // the level-1 name a subtotal label names, if any
  std::optional<text::Decimal> max, score, rate;  // rate in percent as printed
  std::optional<std::string> target, actual;     // a form's 年度指标值 / 实际完成值, as printed
  std::size_t begin = 0, end = 0;                 // byte range in the line
};

struct ScoreTable {
  enum class Role {
    kResults,  // has scores and level-3 rows
    kSummary,  // has scores, level-1/level-2 rows only
    kAnnex,    // no score column: the indicator system with max scores and rules
  };
  Role role = Role::kResults;
  bool transposed = false;   // indicators across, 分值/得分/得分率 down
  bool form = false;         // a self-evaluation form's indicator block (年度指标值, 实际完成值)
  std::size_t header_line = 0;
  std::vector<ScoreRow> rows;
  // Body rows that state a figure but could not be read as an indicator's
  // row (a name cell that reads as a sentence, a score cell holding words):
  // the table's sums and counts miss them.
  std::vector<std::size_t> unread_lines;
};

std::vector<ScoreTable> find_score_tables(const extract::Document& doc);

}  // namespace jixiao::normalize
