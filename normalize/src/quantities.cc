// Every amount of money and every count the report states, line by line. The
// scan runs once per normalized line; the related-figure and budget readers
// that come later reuse its results (LineQuantities) instead of scanning again,
// and the Report keeps each quantity with the original span it quotes.

#include <utility>

#include "builder.h"

namespace jixiao::normalize::internal {

LineQuantities read_quantities(const NormalizedDocument& doc, model::Report& report) {
  LineQuantities quantities(doc.doc.lines.size());
  for (std::size_t i = 0; i < doc.doc.lines.size(); ++i) {
    quantities[i] = text::scan_quantities(doc.doc.line_text(i));
    for (text::Quantity q : quantities[i]) {
      model::StatedQuantity sq{std::move(q), {}};
      sq.span = doc.span(i, sq.quantity.begin, sq.quantity.end);
      (sq.quantity.kind == text::Quantity::Kind::kMoney ? report.amounts : report.counts).push_back(std::move(sq));
    }
  }
  return quantities;
}

}  // namespace jixiao::normalize::internal
