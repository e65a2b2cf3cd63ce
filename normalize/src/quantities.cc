// Every amount of money and every count the report states, line by line. The
// scan runs once per normalized line; the related-figure and budget readers
// that come later reuse its results (LineQuantities) instead of scanning again,
// and the Report keeps each quantity with the original span it quotes. Past
// BuildLimits::max_figures figures, the rest of the document's lines are not
// scanned (whole lines, so no list is read in part), and a notice says where.

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "builder.h"
#include "jixiao/extract/utf8.h"

namespace jixiao::normalize::internal {

namespace {

extract::Notice figure_limit_notice(const NormalizedDocument& doc, std::size_t index, std::size_t max) {
  const extract::Line& line = doc.doc.lines[index];
  const std::string where = "第 " + std::to_string(line.page) + " 页第 " + std::to_string(line.number) + " 行";
  extract::Notice n{"max_figures",
                    "金额与数量超过每份报告 " + std::to_string(max) + " 个的上限，自" + where +
                        "起未再读取 (more than the " + std::to_string(max) +
                        " figures a report may state: figures from line " + std::to_string(line.number) +
                        " of page " + std::to_string(line.page) + " on were not read)",
                    line.page, line.number, true, {}};
  const std::string_view text = doc.doc.line_text(index);
  n.where = doc.span(index, 0, extract::utf8_floor(text, 45));  // the line's first characters, quoted
  return n;
}

}  // namespace

LineQuantities read_quantities(const NormalizedDocument& doc, std::size_t max_figures, model::Report& report) {
  LineQuantities quantities(doc.doc.lines.size());
  std::size_t figures = 0;
  for (std::size_t i = 0; i < doc.doc.lines.size(); ++i) {
    std::vector<text::Quantity> found = text::scan_quantities(doc.doc.line_text(i));
    if (figures + found.size() > max_figures) {
      report.notices.push_back(figure_limit_notice(doc, i, max_figures));
      break;
    }
    figures += found.size();
    quantities[i] = std::move(found);
    for (text::Quantity q : quantities[i]) {
      model::StatedQuantity sq{std::move(q), {}};
      sq.span = doc.span(i, sq.quantity.begin, sq.quantity.end);
      (sq.quantity.kind == text::Quantity::Kind::kMoney ? report.amounts : report.counts).push_back(std::move(sq));
    }
  }
  return quantities;
}

}  // namespace jixiao::normalize::internal
