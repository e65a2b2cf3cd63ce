#pragma once
// Invariants of an extracted Document and of the Report built from it, shared
// by the fuzz targets that reach them (report, pdf, layout, text_table). Each
// check traps through JIXIAO_FUZZ_CHECK, naming the condition that broke.
//
//   check_document(doc)          lines inside the text and in order, tables well formed
//   check_table(doc, table)      cells row-major and inside the grid, no slot twice, places in their lines
//   check_report(doc, report)    every span of every record quotes the document; the tree is a tree

#include <cstddef>
#include <limits>
#include <string_view>
#include <vector>

#include "fuzz_check.h"
#include "jixiao/extract/document.h"
#include "jixiao/extract/source_span.h"
#include "jixiao/extract/table.h"
#include "jixiao/extract/utf8.h"
#include "jixiao/model/report.h"

namespace jixiao::fuzz {

inline bool valid_utf8(std::string_view s) {
  return extract::first_invalid_utf8(s) == std::string_view::npos;
}

// A grid row of a PDF table whose line was dropped (ruled_writer.cc's kNoLine).
inline constexpr std::size_t kNoLine = std::numeric_limits<std::size_t>::max();

// Cells in row-major order of their top-left slot, inside the grid, never two
// on one slot; each line of a cell placed inside a line of the document.
inline void check_table(const extract::Document& doc, const extract::Table& t) {
  JIXIAO_FUZZ_CHECK(t.rows >= 0 && t.cols >= 0);
  JIXIAO_FUZZ_CHECK(1 <= t.first_page && t.first_page <= t.last_page && t.last_page <= doc.pages);
  JIXIAO_FUZZ_CHECK(t.row_lines.size() <= static_cast<std::size_t>(t.rows));
  for (std::size_t line : t.row_lines) JIXIAO_FUZZ_CHECK(line == kNoLine || line < doc.lines.size());
  // The grid is small for any input the fuzzer can write (rows <= lines); the bound only keeps the check cheap.
  const bool grid_checked = static_cast<long long>(t.rows) * t.cols <= 1'000'000;
  std::vector<bool> taken(grid_checked ? static_cast<std::size_t>(t.rows) * static_cast<std::size_t>(t.cols) : 0);
  for (std::size_t k = 0; k < t.cells.size(); ++k) {
    const extract::TableCell& c = t.cells[k];
    JIXIAO_FUZZ_CHECK(c.row >= 0 && c.col >= 0 && c.row_span >= 1 && c.col_span >= 1);
    JIXIAO_FUZZ_CHECK(c.row + c.row_span <= t.rows && c.col + c.col_span <= t.cols);
    if (k > 0) {
      const extract::TableCell& p = t.cells[k - 1];
      JIXIAO_FUZZ_CHECK(p.row < c.row || (p.row == c.row && p.col < c.col));
    }
    JIXIAO_FUZZ_CHECK(c.places.empty() || c.places.size() == c.lines.size());
    for (const extract::CellPlace& place : c.places) {
      JIXIAO_FUZZ_CHECK(place.line < doc.lines.size());
      JIXIAO_FUZZ_CHECK(place.begin <= place.end && place.end <= doc.line_text(place.line).size());
    }
    JIXIAO_FUZZ_CHECK(t.at(c.row, c.col) == &c);
    if (!grid_checked) continue;
    for (int r = c.row; r < c.row + c.row_span; ++r)
      for (int col = c.col; col < c.col + c.col_span; ++col) {
        const std::size_t slot = static_cast<std::size_t>(r) * static_cast<std::size_t>(t.cols) +
                                 static_cast<std::size_t>(col);
        JIXIAO_FUZZ_CHECK(!taken[slot]);
        taken[slot] = true;
      }
  }
}

// Lines cover the text in order, one page after another; every table is well formed.
inline void check_document(const extract::Document& doc) {
  JIXIAO_FUZZ_CHECK(doc.pages >= 1);
  std::size_t previous_end = 0;
  int previous_page = 1;
  for (std::size_t i = 0; i < doc.lines.size(); ++i) {
    const extract::Line& l = doc.lines[i];
    JIXIAO_FUZZ_CHECK(l.begin <= l.end && l.end <= doc.text.size());
    JIXIAO_FUZZ_CHECK(i == 0 || l.begin > previous_end);  // a '\n' between lines
    JIXIAO_FUZZ_CHECK(previous_page <= l.page && l.page <= doc.pages);
    JIXIAO_FUZZ_CHECK(l.number >= 1);
    JIXIAO_FUZZ_CHECK(doc.line_text(i).find('\n') == std::string_view::npos);
    previous_end = l.end;
    previous_page = l.page;
  }
  for (const extract::Table& t : doc.tables) check_table(doc, t);
}

// A span quotes the document: in range, and its text is that range.
inline void check_span(const extract::Document& doc, const extract::SourceSpan& s) {
  JIXIAO_FUZZ_CHECK(s.begin <= s.end && s.end <= doc.text.size());
  JIXIAO_FUZZ_CHECK(s.text == std::string_view(doc.text).substr(s.begin, s.end - s.begin));
}

inline void check_figure(const extract::Document& doc, const model::BudgetFigure& f) { check_span(doc, f.span); }

// Every span of every record quotes the document; parents come before their
// children, one level up; a repeated figure names statements that exist.
inline void check_report(const extract::Document& doc, const model::Report& report) {
  for (const model::Observation& o : report.total.observations) check_span(doc, o.span);
  for (std::size_t i = 0; i < report.indicators.size(); ++i) {
    const model::Indicator& ind = report.indicators[i];
    JIXIAO_FUZZ_CHECK(ind.level >= 1 && ind.level <= 3);
    if (ind.parent < 0) {
      JIXIAO_FUZZ_CHECK(ind.parent == -1 && ind.level == 1);
    } else {
      JIXIAO_FUZZ_CHECK(static_cast<std::size_t>(ind.parent) < i);
      JIXIAO_FUZZ_CHECK(report.indicators[static_cast<std::size_t>(ind.parent)].level == ind.level - 1);
    }
    for (const model::Observation& o : ind.observations) check_span(doc, o.span);
  }
  for (const model::GradeStatement& g : report.grades) check_span(doc, g.span);
  for (const model::GradeBand& b : report.grade_bands) check_span(doc, b.span);
  for (const model::IndicatorCountStatement& c : report.count_statements) check_span(doc, c.span);
  for (const model::ProjectResult& p : report.project_results) {
    check_span(doc, p.span);
    check_span(doc, p.grade_span);
  }
  for (const model::UnmatchedIndicator& u : report.unmatched) check_span(doc, u.observation.span);
  for (const model::StatedQuantity& q : report.amounts) check_span(doc, q.span);
  for (const model::StatedQuantity& q : report.counts) check_span(doc, q.span);
  for (const model::BudgetLine& b : report.budget_lines) {
    check_figure(doc, b.budget);
    check_figure(doc, b.executed);
    check_span(doc, b.rate_span);
    check_span(doc, b.score_span);
  }
  for (const model::Breakdown& b : report.breakdowns) {
    check_figure(doc, b.total);
    for (const model::BudgetFigure& f : b.parts) check_figure(doc, f);
  }
  for (const model::StatedChange& c : report.changes) {
    check_span(doc, c.span);
    if (c.current) check_figure(doc, *c.current);
    if (c.previous) check_figure(doc, *c.previous);
  }
  for (const model::PerUnitStatement& p : report.per_unit) {
    check_figure(doc, p.count);
    check_figure(doc, p.standard);
    check_figure(doc, p.amount);
  }
  for (const model::RepeatedFigure& r : report.repeated) {
    const std::size_t stated = r.money ? report.amounts.size() : report.counts.size();
    for (std::size_t s : r.statements) JIXIAO_FUZZ_CHECK(s < stated);
  }
  for (const model::Finding& f : report.findings)
    for (const extract::SourceSpan& s : f.spans) check_span(doc, s);
}

}  // namespace jixiao::fuzz
