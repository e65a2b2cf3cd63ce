#include "jixiao/extract/table.h"

#include <algorithm>
#include <array>

namespace jixiao::extract {
namespace {

struct SourceInfo {
  TableSource source;
  std::string_view name;
  bool exact;
};
constexpr std::array<SourceInfo, 5> kSources = {{
    {TableSource::kRuled, "ruled", true},
    {TableSource::kAligned, "aligned", false},
    {TableSource::kDelimited, "delimited", true},
    {TableSource::kSpaced, "spaced", false},
    {TableSource::kCellLines, "cell-lines", false},
}};

}  // namespace

std::string_view table_source_name(TableSource source) {
  for (const SourceInfo& s : kSources)
    if (s.source == source) return s.name;
  return "unknown";
}

bool is_exact(TableSource source) {
  for (const SourceInfo& s : kSources)
    if (s.source == source) return s.exact;
  return false;
}

std::string TableCell::text() const {
  std::string out;
  for (const std::string& l : lines) out += l;
  return out;
}

std::span<const TableCell> Table::row_cells(int row) const {
  const auto first = std::partition_point(cells.begin(), cells.end(), [&](const TableCell& c) { return c.row < row; });
  const auto last = std::partition_point(first, cells.end(), [&](const TableCell& c) { return c.row == row; });
  return {first, last};
}

const TableCell* Table::at(int row, int col) const {
  for (const TableCell& c : row_cells(row))
    if (c.col == col) return &c;
  return nullptr;
}

const TableCell* Table::covering(int row, int col) const {
  for (const TableCell& c : cells)
    if (row >= c.row && row < c.row + c.row_span && col >= c.col && col < c.col + c.col_span) return &c;
  return nullptr;
}

}  // namespace jixiao::extract
