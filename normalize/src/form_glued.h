#pragma once
// Cells glued together with no separator (form_glued.cc): a form's header line
// read by its words, a row under it split only where its arithmetic leaves one
// split. Used by form_spaced.cc, which reads the pieces as a form's cells.

#include <cstddef>
#include <optional>
#include <string_view>
#include <vector>

namespace jixiao::normalize::internal {

struct GluedPiece {
  std::size_t begin = 0, end = 0;  // bytes in the original line
};

// A header line made of known header words (and perhaps one leading label).
struct GluedHeader {
  std::vector<GluedPiece> pieces;
  int width = 0;
  bool budget = false;  // a budget block's header (年初预算数 … 执行率 得分)
  int budget_col = -1, executed_col = -1, rate_col = -1, max_col = -1, score_col = -1;
};

// A row's cells: `pad` empty cells go after the first `keep` pieces.
struct GluedRow {
  std::vector<GluedPiece> pieces;
  std::size_t keep = 0, pad = 0;
};

std::optional<GluedHeader> glued_header(std::string_view line);
std::optional<GluedRow> glued_row(std::string_view line, const GluedHeader& header);

}  // namespace jixiao::normalize::internal
