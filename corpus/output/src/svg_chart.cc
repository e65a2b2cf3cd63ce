// Bar charts as inline SVG (svg_chart.h): columns for histograms, horizontal
// bars for long labels, both stacked by series.
//
// The geometry is plain arithmetic on whole pixels: a count axis whose
// maximum is rounded up to a "nice" step (1, 2 or 5 times a power of ten) so
// the grid lines fall on readable numbers; columns or rows of equal width;
// labels measured by an estimate (label_width) and cut with "…" when they do
// not fit, since the SVG is drawn before any font is known. Every segment is
// a <rect> with a <title> ("label · series: count") and data-label,
// data-series and data-count attributes, so what the eye reads from a bar, a
// test and a screen reader read from the DOM. Text reaches the markup only
// through html::escape().
#include "jixiao/output/svg_chart.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdint>
#include <numeric>

#include "jixiao/extract/utf8.h"
#include "jixiao/output/html.h"

namespace jixiao::output::svg {
namespace {

// Tableau 10: distinct, and readable on white and in print.
constexpr std::array<std::string_view, 10> kPalette = {"#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#76b7b2",
                                                       "#edc948", "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac"};
constexpr int kFontPx = 12;
constexpr int kLegendHeight = 22;

bool is_hex_colour(std::string_view c) {
  return c.size() == 7 && c[0] == '#' &&
         std::all_of(c.begin() + 1, c.end(), [](char h) { return std::isxdigit(static_cast<unsigned char>(h)) != 0; });
}

std::string_view colour_of(const Chart& chart, std::size_t series) {
  if (series < chart.series.size() && is_hex_colour(chart.series[series].colour)) return chart.series[series].colour;
  return kPalette[series % kPalette.size()];
}

std::size_t count_of(const Bar& bar, std::size_t series) {
  return series < bar.counts.size() ? bar.counts[series] : 0;
}

std::size_t total_of(const Bar& bar) { return std::accumulate(bar.counts.begin(), bar.counts.end(), std::size_t{0}); }

std::size_t largest_total(const Chart& chart) {
  std::size_t m = 0;
  for (const Bar& b : chart.bars) m = std::max(m, total_of(b));
  return m;
}

// The smallest 1, 2 or 5 × 10^k step that covers `max` in at most `ticks` steps.
std::size_t nice_step(std::size_t max, std::size_t ticks) {
  for (std::size_t power = 1;; power *= 10) {
    for (const std::size_t m : {1, 2, 5})
      if (m * power * ticks >= max) return m * power;
    if (power > SIZE_MAX / 100) return power;
  }
}

// `label` cut at a character boundary so that it is at most `width` pixels, "…" marking the cut.
std::string fit(std::string_view label, std::size_t width) {
  if (label_width(label) <= width) return std::string(label);
  std::size_t end = 0, used = kFontPx;  // room for the "…"
  while (end < label.size()) {
    std::size_t next = end + 1;
    while (next < label.size() && extract::is_utf8_continuation(label[next])) ++next;
    used += label_width(label.substr(end, next - end));
    if (used > width) break;
    end = next;
  }
  return std::string(label.substr(0, end)) + "…";
}

std::string px(long v) { return std::to_string(v); }

void open_svg(std::string& out, const Chart& chart, long width, long height, std::string_view kind) {
  out += "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart ";
  out += kind;
  out += "\" width=\"" + px(width) + "\" height=\"" + px(height) + "\" viewBox=\"0 0 " + px(width) + ' ' +
         px(height) + "\" role=\"img\" aria-label=\"";
  html::append_escaped(out, chart.title);
  out += "\" font-size=\"" + px(kFontPx) + "\"><title>";
  html::append_escaped(out, chart.title);
  out += "</title>";
}

void text(std::string& out, long x, long y, std::string_view anchor, std::string_view content,
          std::string_view css_class = "") {
  out += "<text x=\"" + px(x) + "\" y=\"" + px(y) + "\" text-anchor=\"";
  out += anchor;
  out += '"';
  if (!css_class.empty()) out += " class=\"" + std::string(css_class) + '"';
  out += '>';
  html::append_escaped(out, content);
  out += "</text>";
}

// The swatches and names of the series, in one row from (x, 0).
void legend(std::string& out, const Chart& chart, long x) {
  if (chart.series.size() < 2) return;
  out += "<g class=\"legend\">";
  for (std::size_t s = 0; s < chart.series.size(); ++s) {
    out += "<rect x=\"" + px(x) + "\" y=\"5\" width=\"12\" height=\"12\" fill=\"";
    out += colour_of(chart, s);
    out += "\"/>";
    text(out, x + 16, 15, "start", chart.series[s].name);
    x += 16 + static_cast<long>(label_width(chart.series[s].name)) + 14;
  }
  out += "</g>";
}

// One stacked segment with what it stands for.
void segment(std::string& out, const Chart& chart, const Bar& bar, std::size_t s, long x, long y, long w, long h) {
  const std::size_t n = count_of(bar, s);
  const std::string& series = s < chart.series.size() ? chart.series[s].name : std::string();
  out += "<rect x=\"" + px(x) + "\" y=\"" + px(y) + "\" width=\"" + px(w) + "\" height=\"" + px(h) + "\" fill=\"";
  out += colour_of(chart, s);
  out += "\" data-label=\"";
  html::append_escaped(out, bar.label);
  out += "\" data-series=\"";
  html::append_escaped(out, series);
  out += "\" data-count=\"" + std::to_string(n) + "\"><title>";
  html::append_escaped(out, bar.label);
  if (chart.series.size() > 1) {
    out += " · ";
    html::append_escaped(out, series);
  }
  out += ": " + std::to_string(n) + "</title></rect>";
}

// The chart of nothing: its title and a line saying so.
std::string empty_chart(const Chart& chart) {
  std::string out;
  open_svg(out, chart, 320, 40, "empty");
  text(out, 8, 24, "start", "无数据 (no data)", "muted");
  out += "</svg>";
  return out;
}

}  // namespace

std::size_t label_width(std::string_view label) {
  std::size_t width = 0;
  for (std::size_t i = 0; i < label.size(); ++i) {
    const auto b = static_cast<unsigned char>(label[i]);
    if (extract::is_utf8_continuation(label[i])) continue;
    width += b >= 0xE2 ? kFontPx : 7;  // U+2000 and up (CJK, full-width forms): one em
  }
  return width;
}

std::string column_chart(const Chart& chart) {
  if (chart.bars.empty()) return empty_chart(chart);
  std::size_t widest = 0;
  for (const Bar& b : chart.bars) widest = std::max(widest, label_width(b.label));
  const long column = std::clamp(static_cast<long>(widest) + 10, 36L, 72L);
  const long left = 44, right = 12, bottom = 24;
  const long top = 16 + (chart.series.size() > 1 ? kLegendHeight : 0);
  const long plot_height = 160;
  const long width = left + column * static_cast<long>(chart.bars.size()) + right;
  const long height = top + plot_height + bottom;
  const std::size_t step = nice_step(std::max<std::size_t>(largest_total(chart), 1), 4);
  const std::size_t axis_max = step * ((std::max<std::size_t>(largest_total(chart), 1) + step - 1) / step);
  const auto y_of = [&](std::size_t n) {
    return top + plot_height - static_cast<long>(static_cast<double>(n) / static_cast<double>(axis_max) * plot_height + 0.5);
  };

  std::string out;
  open_svg(out, chart, width, height, "columns");
  legend(out, chart, left);
  out += "<g class=\"axis\">";
  for (std::size_t v = 0; v <= axis_max; v += step) {
    out += "<line x1=\"" + px(left) + "\" x2=\"" + px(width - right) + "\" y1=\"" + px(y_of(v)) + "\" y2=\"" +
           px(y_of(v)) + "\" stroke=\"#d8dce3\"/>";
    text(out, left - 6, y_of(v) + 4, "end", std::to_string(v), "muted");
  }
  out += "</g>";
  for (std::size_t i = 0; i < chart.bars.size(); ++i) {
    const Bar& bar = chart.bars[i];
    const long x = left + column * static_cast<long>(i);
    std::size_t below = 0;
    out += "<g class=\"bar\">";
    for (std::size_t s = 0; s < std::max<std::size_t>(chart.series.size(), 1); ++s) {
      const std::size_t n = count_of(bar, s);
      if (n == 0) continue;
      segment(out, chart, bar, s, x + column / 6, y_of(below + n), column - column / 3, y_of(below) - y_of(below + n));
      below += n;
    }
    text(out, x + column / 2, y_of(below) - 3, "middle", std::to_string(below), "total");
    text(out, x + column / 2, top + plot_height + 16, "middle", fit(bar.label, static_cast<std::size_t>(column - 4)));
    out += "</g>";
  }
  out += "</svg>";
  return out;
}

std::string bar_chart(const Chart& chart) {
  if (chart.bars.empty()) return empty_chart(chart);
  constexpr std::size_t kWidestLabel = 220;
  std::size_t widest = 0;
  for (const Bar& b : chart.bars) widest = std::max(widest, label_width(b.label));
  const long label_column = static_cast<long>(std::min(widest, kWidestLabel)) + 8;
  const long row = 20, plot_width = 420, right = 56;
  const long top = 6 + (chart.series.size() > 1 ? kLegendHeight : 0);
  const long width = label_column + plot_width + right;
  const long height = top + row * static_cast<long>(chart.bars.size()) + 6;
  const double scale = static_cast<double>(plot_width) / static_cast<double>(std::max<std::size_t>(largest_total(chart), 1));

  std::string out;
  open_svg(out, chart, width, height, "bars");
  legend(out, chart, label_column);
  for (std::size_t i = 0; i < chart.bars.size(); ++i) {
    const Bar& bar = chart.bars[i];
    const long y = top + row * static_cast<long>(i);
    out += "<g class=\"bar\">";
    text(out, label_column - 6, y + 14, "end", fit(bar.label, kWidestLabel));
    std::size_t before = 0;
    for (std::size_t s = 0; s < std::max<std::size_t>(chart.series.size(), 1); ++s) {
      const std::size_t n = count_of(bar, s);
      if (n == 0) continue;
      const long x0 = label_column + static_cast<long>(static_cast<double>(before) * scale + 0.5);
      const long x1 = label_column + static_cast<long>(static_cast<double>(before + n) * scale + 0.5);
      segment(out, chart, bar, s, x0, y + 3, std::max(x1 - x0, 1L), row - 6);
      before += n;
    }
    text(out, label_column + static_cast<long>(static_cast<double>(before) * scale + 0.5) + 4, y + 14, "start",
         std::to_string(before), "total");
    out += "</g>";
  }
  out += "</svg>";
  return out;
}

}  // namespace jixiao::output::svg
