// A self-evaluation form whose rows came out of an xls or pdf conversion with
// its cells separated by single spaces ("产出指标 数量指标 维修改造学校数 8所 8所
// 20 20"). The normalizer drops a lone space between CJK words, so on the
// normalized lines the cells run together and no table reader finds a column.
// The original lines still hold the spaces: each line is split there, each
// piece normalized on its own, and the pieces joined by tabs into a second
// normalized document whose offsets map back to the original line, on which
// the form readers run as on any tab-separated form.
//
// A row with as many cells as the header above it is read exactly. A row with
// fewer is taken to have lost its leading merged cells (一级指标, 二级指标 span
// several rows) and is aligned to the right, its label kept in the first
// column where it is a total row's ("总分 100 96.5"); which cells are empty is
// then inferred, so its line reads as aligned columns and any finding resting
// on it is a warning. A row with more cells than its header (a name with a
// space inside) is left as it is, unread.

#include <algorithm>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "builder.h"
#include "form_glued.h"
#include "jixiao/text/text.h"
#include "score_table.h"
#include "vocabulary.h"

namespace jixiao::normalize::internal {
namespace {

using text::name_key;
using text::NormalizedText;

// Tables of the second document are numbered from here, apart from the first's.
constexpr int kSpacedTableBase = 1000;
// The fewest known header words a line needs to set the width of the rows below it.
constexpr std::size_t kMinHeaderWords = 3;

struct Piece {
  std::size_t begin = 0, end = 0;  // bytes in the original line
};

// The pieces of a line between its spaces (ASCII or U+3000).
std::vector<Piece> pieces(std::string_view line) {
  std::vector<Piece> out;
  std::size_t i = 0;
  auto space_at = [&line](std::size_t at) -> std::size_t {
    if (line[at] == ' ') return 1;
    if (line.substr(at).starts_with("\xE3\x80\x80")) return 3;
    return 0;
  };
  while (i < line.size()) {
    while (i < line.size() && space_at(i)) i += space_at(i);
    if (i >= line.size()) break;
    const std::size_t b = i;
    while (i < line.size() && !space_at(i)) ++i;
    out.push_back({b, i});
  }
  return out;
}

std::vector<Piece> as_pieces(const std::vector<GluedPiece>& glued) {
  std::vector<Piece> out;
  for (const GluedPiece& g : glued) out.push_back({g.begin, g.end});
  return out;
}

bool is_header_word(std::string_view piece) {
  std::string key = name_key(piece);
  for (std::string_view unit : {"(万元)", "(元)", "(分)", "(%)"})
    if (key.size() > unit.size() && key.ends_with(unit)) key.resize(key.size() - unit.size());
  for (const auto& w : vocabulary::kScoreHeaderWords)
    if (key == w.key) return true;
  for (const auto& w : vocabulary::kFormHeaderWords)
    if (key == w.key) return true;
  for (const auto& w : vocabulary::kFormBudgetWords)
    if (key == w.key) return true;
  return false;
}

bool is_total_label(std::string_view piece) {
  const std::string key = name_key(piece);
  return std::any_of(std::begin(vocabulary::kTotalLabels), std::end(vocabulary::kTotalLabels),
                     [&key](std::string_view w) { return key == w; });
}

// The line's pieces normalized and joined by tabs, `pad` empty cells placed
// after the first `keep` pieces; every byte maps back to the original line.
NormalizedText tab_joined(std::string_view line, const std::vector<Piece>& ps, std::size_t keep, std::size_t pad,
                          std::size_t trailing = 0) {
  NormalizedText out;
  auto tab = [&out](std::size_t at) {
    out.text.push_back('\t');
    out.to_original.push_back(static_cast<std::uint32_t>(at));
  };
  for (std::size_t k = 0; k < ps.size(); ++k) {
    if (k == keep)
      for (std::size_t p = 0; p < pad; ++p) tab(ps[k].begin);
    if (k > 0) tab(ps[k - 1].end);
    const NormalizedText n = text::normalize_line(line.substr(ps[k].begin, ps[k].end - ps[k].begin));
    out.text += n.text;
    for (std::size_t j = 0; j < n.text.size(); ++j)
      out.to_original.push_back(static_cast<std::uint32_t>(ps[k].begin + n.to_original[j]));
    for (std::uint32_t d : n.dropped_spaces) out.dropped_spaces.push_back(static_cast<std::uint32_t>(ps[k].begin + d));
  }
  for (std::size_t p = 0; p < trailing; ++p) tab(line.size());  // empty cells after the last piece
  out.to_original.push_back(static_cast<std::uint32_t>(line.size()));
  return out;
}

bool is_score_word(std::string_view piece) {
  const std::string key = name_key(piece);
  return std::any_of(std::begin(vocabulary::kScoreHeaderWords), std::end(vocabulary::kScoreHeaderWords),
                     [&key](const auto& w) { return w.column == vocabulary::Column::kScore && key == w.key; });
}

bool is_figure_piece(std::string_view piece) {
  return !piece.empty() && piece.back() >= '0' && piece.back() <= '9';
}

// The second document: every line of two or more pieces as a tab row.
struct SpacedForm {
  extract::Document original;  // a copy whose padded rows read as aligned columns
  std::vector<NormalizedText> lines;
};

std::optional<SpacedForm> spaced_form(const NormalizedDocument& doc) {
  SpacedForm f{doc.original, {}};
  std::size_t width = 0;      // the cells of the last header row
  std::size_t score_col = 0;  // its 得分 column when a column follows it, else width
  bool any_header = false;
  std::optional<GluedHeader> glued;  // the last header of glued words, for the rows under it
  for (std::size_t i = 0; i < doc.original.lines.size(); ++i) {
    const std::string_view line = doc.original.line_text(i);
    const std::vector<Piece> ps = pieces(line);
    const bool delimited = line.find('\t') != std::string_view::npos || line.find('|') != std::string_view::npos;
    if (ps.size() == 1 && !delimited && i < doc.lines.size()) {
      // One piece: perhaps a line of cells glued with no separator at all.
      if (auto h = glued_header(line)) {
        glued = h;
        any_header = true;
        f.lines.push_back(tab_joined(line, as_pieces(h->pieces), 0, 0));
        continue;
      }
      if (glued) {
        if (auto row = glued_row(line, *glued)) {
          f.lines.push_back(tab_joined(line, as_pieces(row->pieces), row->keep, row->pad));
          f.original.lines[i].reading = extract::Reading::kSplitCells;
          continue;
        }
      }
    }
    if (ps.size() < 2 || delimited || i >= doc.lines.size()) {
      f.lines.push_back(i < doc.lines.size() ? doc.lines[i] : text::normalize_line(line));
      continue;
    }
    const std::size_t words = static_cast<std::size_t>(std::count_if(ps.begin(), ps.end(), [&](const Piece& p) {
      return is_header_word(line.substr(p.begin, p.end - p.begin));
    }));
    if (words >= kMinHeaderWords) {
      width = ps.size();
      any_header = true;
      // The column of 得分 when a remark column (偏差原因…) follows it.
      score_col = width;
      for (std::size_t k = 0; k + 1 < ps.size(); ++k)
        if (is_score_word(line.substr(ps[k].begin, ps[k].end - ps[k].begin))) score_col = k;
      f.lines.push_back(tab_joined(line, ps, 0, 0));
    } else if (width == 0 || ps.size() == width) {
      f.lines.push_back(tab_joined(line, ps, 0, 0));
    } else if (ps.size() < width) {
      const bool total = is_total_label(line.substr(ps[0].begin, ps[0].end - ps[0].begin));
      // A row ending in a figure with no remark: its last figure is the 得分
      // of a header that has a remark column after it.
      const std::size_t trailing =
          score_col < width && is_figure_piece(line.substr(ps.back().begin, ps.back().end - ps.back().begin)) &&
                  ps.size() <= score_col + 1
              ? width - 1 - score_col
              : 0;
      f.lines.push_back(tab_joined(line, ps, total ? 1 : 0, width - ps.size() - trailing, trailing));
      f.original.lines[i].reading = extract::Reading::kAlignedColumns;
    } else {
      f.lines.push_back(doc.lines[i]);  // more cells than the header: a name with a space, not read
    }
  }
  if (!any_header) return std::nullopt;
  return f;
}

}  // namespace

void read_space_separated_form(const NormalizedDocument& doc, IndicatorTree& tree, model::Report& report) {
  std::optional<SpacedForm> f = spaced_form(doc);
  if (!f) return;
  std::string joined;
  for (std::size_t i = 0; i < f->lines.size(); ++i) {
    if (i > 0) joined.push_back('\n');
    joined += f->lines[i].text;
  }
  NormalizedDocument spaced{f->original, std::move(f->lines), {}};
  spaced.doc = extract::make_text_document(doc.original.path, doc.original.format, doc.original.encoding,
                                           doc.original.sha256, joined);
  for (std::size_t i = 0; i < spaced.doc.lines.size() && i < f->original.lines.size(); ++i) {
    spaced.doc.lines[i].furniture = f->original.lines[i].furniture;
    spaced.doc.lines[i].reading = f->original.lines[i].reading;
  }
  const std::vector<ScoreTable> tables = find_score_tables(spaced.doc);
  int form_table = -1;
  for (ScoreTable::Role role : {ScoreTable::Role::kResults, ScoreTable::Role::kSummary})
    for (std::size_t t = 0; t < tables.size(); ++t)
      if (tables[t].role == role && tables[t].form) {
        const int id = kSpacedTableBase + static_cast<int>(t);
        read_score_table(tables[t], id, spaced, tree);
        if (form_table < 0) form_table = id;
      }
  read_self_evaluation_form(spaced, form_table, tree, report, true);
}

}  // namespace jixiao::normalize::internal
