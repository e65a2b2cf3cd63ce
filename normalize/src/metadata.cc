// The report's metadata from its first lines: the title (the lines before the
// first labelled field, 目录 or 摘要, up to the one that says 报告), the labelled
// fields (预算单位：, 委托单位：, 评价机构：) and the year the title names. A report
// that labels no unit is taken to be about the unit its title names before
// the year ("XX县农业农村局2021年…"). Names keep the full-width brackets Chinese
// prints, which NFKC folded for the parsers.

#include <re2/re2.h>

#include <algorithm>
#include <string>
#include <string_view>
#include <utility>

#include "builder.h"
#include "jixiao/text/text.h"
#include "statements.h"

namespace jixiao::normalize::internal {
namespace {

using text::name_key;
using text::trim;

// How far into the document the title block may run.
constexpr std::size_t kMetadataLines = 60;

// Names of organisations and titles keep the full-width brackets Chinese text
// prints ("（普通合伙）") even though NFKC folded them for the parsers.
std::string cjk_brackets(std::string s) {
  for (auto [ascii, wide] : {std::pair<std::string_view, std::string_view>{"(", "（"}, {")", "）"}}) {
    for (std::size_t at = s.find(ascii); at != std::string::npos; at = s.find(ascii, at + wide.size()))
      s.replace(at, ascii.size(), wide);
  }
  return s;
}

// The year the title names, and the unit before it when no field named one.
void read_title_year(model::Report& report) {
  static const RE2 kYearWhole(R"((((?:19|20)[0-9]{2})\s*年))");
  std::string year;
  re2::StringPiece in(report.title);
  re2::StringPiece whole;
  if (!RE2::PartialMatch(in, kYearWhole, &whole, &year)) return;
  report.year = std::stoi(year);
  if (report.unit.empty()) {
    const std::size_t at = static_cast<std::size_t>(whole.data() - report.title.data());
    std::string unit = report.title.substr(0, at);
    // A project report's title starts with a place, not a unit; keep it only when it names an organ.
    if (!unit.empty()) report.unit = unit;
  }
}

}  // namespace

void read_metadata(const extract::Document& normalized, model::Report& report) {
  std::string title;
  bool title_done = false;
  const std::size_t limit = std::min<std::size_t>(normalized.lines.size(), kMetadataLines);
  for (std::size_t i = 0; i < limit; ++i) {
    const std::string_view line = trim(normalized.line_text(i));
    if (line.empty()) continue;
    if (auto field = parse_metadata_line(line)) {
      title_done = true;
      std::string& slot = field->field == "unit"           ? report.unit
                          : field->field == "commissioner" ? report.commissioner
                                                           : report.evaluator;
      if (slot.empty()) slot = cjk_brackets(field->value);
      continue;
    }
    if (title_done || line.find("目录") != std::string_view::npos || name_key(line) == "摘要" ||
        name_key(line) == "目录")
      title_done = true;
    if (!title_done) {
      title += std::string(line);
      // The genre word ends the title: a report, or a notice of results ("…结果的通报").
      for (std::string_view genre : {"报告", "通报", "公告"})
        if (line.find(genre) != std::string_view::npos) title_done = true;
    }
  }
  report.title = cjk_brackets(title);  // lines are normalized: no stray spaces left
  read_title_year(report);
}

}  // namespace jixiao::normalize::internal
