#pragma once
// Internal to extract/: writes the ruled tables of each page into a Layout.

#include <string>
#include <vector>

#include "jixiao/extract/lattice.h"
#include "jixiao/extract/layout.h"

namespace jixiao::extract::detail {

// Writes ruled tables into the layout as the pages go by. Each grid row
// becomes one line (cells separated by tabs, a merged cell's text on its first
// row, as plain-text tables print it); a table that runs on from the foot of
// one page to the head of the next (same columns, nothing between) stays one
// Table, and a header repeated on the new page is dropped.
class RuledWriter {
 public:
  explicit RuledWriter(Layout& layout) : layout_(layout) {}

  void page_begins() { content_on_page_ = false; }
  // Something other than a table was written: no table runs on past it.
  void content() {
    content_on_page_ = true;
    open_ = -1;
  }
  void emit(const RuledTable& t, int page);
  // Joins merged cells cut by a page break, then writes every row's final
  // text, each cell's place in it, and where the row's words stand (the
  // line's places, from the cells' words).
  void finish();

 private:
  bool continues(const RuledTable& t) const;

  Layout& layout_;
  bool content_on_page_ = false;
  int open_ = -1;                         // the table that may run on, index in layout_.tables
  std::vector<double> open_widths_;       // its column widths
  std::vector<std::string> open_header_;  // its first rows, squeezed
};

}  // namespace jixiao::extract::detail
