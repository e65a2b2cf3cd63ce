#pragma once
// Charts as inline SVG, drawn by us: bars of labelled counts, stacked by
// series. The dashboard (corpus/dashboard.h) draws its charts with these.
//
// Why our own and not a vendored library (docs/html.md, "Dashboard"): the
// chart is then markup in the page, so a test and a screen reader read it
// from the DOM (every bar carries its label, series and count as a <title>
// and as data- attributes); the page needs no script for it (the CSP lets
// only our own small table script run), carries no 1 MB library, and prints.
//
// Every label and series name is text: it goes through html::escape(). A
// colour is ours, and only "#rrggbb" is taken (anything else gets the
// palette's colour), so no chart data reaches markup unescaped.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace jixiao::output::svg {

// One series (a segment of each bar): its name, shown in the legend, and its
// colour as "#rrggbb"; empty: the palette's colour for its position.
struct Series {
  std::string name;
  std::string colour;
};

// One bar: its label and one count per series, stacked in series order.
// Missing counts are zero.
struct Bar {
  std::string label;
  std::vector<std::size_t> counts;
};

struct Chart {
  std::string title;           // the accessible name (<title>, aria-label)
  std::vector<Series> series;  // one or more; a legend when more than one
  std::vector<Bar> bars;       // in the order drawn
};

// Vertical columns over a count axis, labels under them: histograms and
// short labels (score bands, grades).
std::string column_chart(const Chart& chart);

// Horizontal bars, labels on the left and each bar's total at its end: long
// labels (rules, regions) and many bars. A label too wide for its column is
// cut with "…" (the whole label stays in the bar's <title>).
std::string bar_chart(const Chart& chart);

// The width in pixels a label takes at the charts' 12 px font: an ideograph
// 12, anything else 7 (an estimate: the page's fonts are the reader's).
std::size_t label_width(std::string_view label);

}  // namespace jixiao::output::svg
