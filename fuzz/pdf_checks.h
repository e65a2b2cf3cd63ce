#pragma once
// What read_pdf does with a PDF's pages (lattice tables, layout, the
// Document), then build_report and validate, with every invariant checked:
// the shared part of pdf_fuzz and layout_fuzz, and of the test that replays
// what they found (tests/fuzz_regressions/).
//
//   check_pages(pages)           each page's ruled tables, then the laid-out Document and its report
//   check_pdf_document(doc)      a PDF's Document (document_checks.h, cell places) and its report

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "document_checks.h"
#include "fuzz_check.h"
#include "jixiao/extract/document.h"
#include "jixiao/extract/lattice.h"
#include "jixiao/extract/layout.h"
#include "jixiao/normalize/report_builder.h"
#include "jixiao/validate/validate.h"

namespace jixiao::fuzz {

// A page's ruled tables: edges in order, one grid row flag a row, the boxes
// the page's, no box in two tables, the grid well formed.
inline void check_ruled_tables(const extract::PageBoxes& page, const std::vector<extract::RuledTable>& tables) {
  std::vector<bool> taken(page.boxes.size(), false);
  extract::Document pages_only;
  pages_only.pages = std::max(1, page.number);
  for (const extract::RuledTable& t : tables) {
    JIXIAO_FUZZ_CHECK(t.row_tops.size() == static_cast<std::size_t>(t.table.rows) + 1);
    JIXIAO_FUZZ_CHECK(t.col_edges.size() == static_cast<std::size_t>(t.table.cols) + 1);
    JIXIAO_FUZZ_CHECK(std::is_sorted(t.row_tops.begin(), t.row_tops.end()));
    JIXIAO_FUZZ_CHECK(std::is_sorted(t.col_edges.begin(), t.col_edges.end()));
    JIXIAO_FUZZ_CHECK(t.guessed_rows.size() == static_cast<std::size_t>(t.table.rows));
    JIXIAO_FUZZ_CHECK(t.table.first_page == page.number && t.table.last_page == page.number);
    for (std::size_t i : t.boxes) {
      JIXIAO_FUZZ_CHECK(i < page.boxes.size());
      JIXIAO_FUZZ_CHECK(!taken[i]);
      taken[i] = true;
    }
    check_table(pages_only, t.table);
  }
}

// The text of a PDF table's cell as its row's line prints it (ruled_writer.cc:
// tabs inside a cell are spaces; make_paged_document makes line ends spaces).
inline std::string printed_cell(const extract::TableCell& cell) {
  std::string out = cell.text();
  std::replace_if(out.begin(), out.end(), [](char c) { return c == '\t' || c == '\n' || c == '\r'; }, ' ');
  return out;
}

// Every cell of a PDF table is written at its place in its row's line.
inline void check_cell_places(const extract::Document& doc) {
  for (const extract::Table& t : doc.tables)
    for (const extract::TableCell& cell : t.cells)
      for (const extract::CellPlace& place : cell.places)
        JIXIAO_FUZZ_CHECK(doc.line_text(place.line).substr(place.begin, place.end - place.begin) ==
                          printed_cell(cell));
}

inline void check_pdf_document(const extract::Document& doc) {
  JIXIAO_FUZZ_CHECK(valid_utf8(doc.text));
  check_document(doc);
  check_cell_places(doc);
  model::Report report = normalize::build_report(doc);
  report.findings = validate::validate(report);
  check_report(doc, report);
}

// What read_pdf does once poppler has read the pages, and what follows.
inline void check_pages(const std::vector<extract::PageBoxes>& pages) {
  for (const extract::PageBoxes& page : pages) check_ruled_tables(page, extract::find_ruled_tables(page));
  extract::Layout layout = extract::lay_out_document(pages);
  const int page_count = std::max(1, static_cast<int>(pages.size()));
  for (const extract::LaidOutLine& line : layout.lines) JIXIAO_FUZZ_CHECK(1 <= line.page && line.page <= page_count);
  extract::Document doc = extract::make_paged_document("fuzz.pdf", "pdf", "PDF", "", page_count, std::move(layout.lines));
  doc.tables = std::move(layout.tables);
  check_pdf_document(doc);
}

}  // namespace jixiao::fuzz
