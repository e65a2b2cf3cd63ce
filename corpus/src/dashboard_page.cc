// The dashboard page (dashboard.h): a Dashboard as one self-contained HTML
// file, built with the shared pieces of output/html.h and the charts of
// output/svg_chart.h.
//
// The page reads top to bottom as an auditor asks: how much is there and how
// much of it contradicts itself; which rules fire; how scores and grades
// spread, in all, by year and by region; then every document in a table, and
// every document's findings in a section of its own that the table links to
// (#doc-N, N the row's position: ids are ours, never data).
//
// Everything from the dataset is escaped on the way in (html::escape). The
// one script is the constant below: it sorts and filters the table, reading
// only the DOM (cells, data- attributes), so the page's CSP can pin it by its
// hash and no text of a report can become code. Charts are SVG markup and
// need no script at all.
#include <algorithm>
#include <cstdio>
#include <string>
#include <string_view>

#include "jixiao/corpus/dashboard.h"
#include "jixiao/output/html.h"
#include "jixiao/output/svg_chart.h"
#include "dashboard_table.h"

namespace jixiao::corpus {
namespace {

using output::html::append_escaped;
using output::html::escape;

// A chart shows at most this many groups (regions, years) and series (grade
// words); the rest are summed into one bar or one series that says so.
constexpr std::size_t kChartGroups = 20;
constexpr std::size_t kChartSeries = 8;

// Score bands from red (low) to green (high), ">100" blue, no total grey (kScoreBands order).
constexpr std::string_view kBandColours[] = {"#d73027", "#fc8d59", "#fee08b", "#91cf60", "#1a9850", "#4575b4",
                                             "#bab0ac"};
constexpr std::string_view kErrorColour = "#c0392b";
constexpr std::string_view kWarningColour = "#e0a526";
constexpr std::string_view kNoneColour = "#bab0ac";

constexpr std::string_view kStyle = R"css(
main{max-width:1280px;margin:0 auto;padding:12px 20px 40px}
header p{margin:.2em 0}
section{background:#fff;border:1px solid var(--line);border-radius:6px;padding:10px 16px;margin:14px 0}
.figures{display:flex;flex-wrap:wrap;gap:10px;margin:0;padding:0}
.figures div{border:1px solid var(--line);border-radius:6px;padding:6px 14px;min-width:150px;background:#fff}
.figures dt{color:var(--muted);font-size:12px}.figures dd{margin:0;font-size:22px;font-weight:600}
.figures dd small{font-size:12px;font-weight:400;color:var(--muted)}
.charts{display:flex;flex-wrap:wrap;gap:16px;align-items:flex-start}
figure{margin:0}figcaption{font-weight:600;margin:4px 0}
svg.chart{max-width:100%;height:auto}svg.chart text{fill:#1d2430}svg.chart text.muted{fill:var(--muted)}
svg.chart text.total{fill:var(--muted);font-size:11px}
.controls{display:flex;gap:12px;align-items:center;margin:6px 0}
.controls input{width:320px;padding:3px 6px}
#documents-table{width:100%}#documents-table td{max-width:360px;overflow-wrap:anywhere}
th button{all:unset;cursor:pointer}th button::after{content:" ⇅";color:var(--muted)}
th[aria-sort=ascending] button::after{content:" ↑"}th[aria-sort=descending] button::after{content:" ↓"}
tr.failed td{background:#fbeaea}
.doc{border-top:1px solid var(--line);padding-top:6px;margin-top:10px}.doc:target{background:#fff8e1}
.doc h3{font-size:15px;overflow-wrap:anywhere}.findings td{overflow-wrap:anywhere;white-space:pre-wrap}
.note{color:var(--muted);font-style:italic}
@media print{th button::after{content:""}.controls{display:none}section{break-inside:avoid-page}}
)css";

// Sorting and filtering the documents table. Constant: pinned by hash in the
// CSP. It reads the table's cells and data- attributes, never page text as code.
constexpr std::string_view kScript = R"js(
(function () {
  var table = document.getElementById('documents-table');
  if (!table) return;
  var body = table.tBodies[0];
  var rows = Array.prototype.slice.call(body.rows);
  var text = rows.map(function (r) { return r.textContent.toLowerCase(); });
  var filter = document.getElementById('filter');
  var status = document.getElementById('status-filter');
  var shown = document.getElementById('shown-count');
  function keep(r) {
    switch (status.value) {
      case 'errors': return +r.dataset.errors > 0;
      case 'warnings': return +r.dataset.warnings > 0;
      case 'failed': return r.dataset.status !== 'ok';
      case 'clean': return r.dataset.status === 'ok' && +r.dataset.errors === 0 && +r.dataset.warnings === 0;
      default: return true;
    }
  }
  function apply() {
    var q = filter.value.trim().toLowerCase(), n = 0;
    rows.forEach(function (r, i) {
      var visible = (!q || text[i].indexOf(q) >= 0) && keep(r);
      r.hidden = !visible;
      if (visible) n++;
    });
    shown.textContent = n;
  }
  filter.addEventListener('input', apply);
  status.addEventListener('change', apply);
  function key(r, column, numeric) {
    var cell = r.cells[column];
    var v = cell.hasAttribute('data-sort') ? cell.getAttribute('data-sort') : cell.textContent;
    return numeric ? (v === '' ? null : +v) : v;
  }
  var heads = table.tHead.rows[0].cells;
  Array.prototype.forEach.call(heads, function (th, column) {
    var button = th.querySelector('button');
    if (!button) return;
    button.addEventListener('click', function () {
      var ascending = th.getAttribute('aria-sort') !== 'ascending';
      var numeric = th.dataset.type === 'number';
      Array.prototype.forEach.call(heads, function (h) { h.removeAttribute('aria-sort'); });
      th.setAttribute('aria-sort', ascending ? 'ascending' : 'descending');
      var order = rows.map(function (r, i) { return [key(r, column, numeric), i]; });
      order.sort(function (a, b) {
        if (a[0] === null || b[0] === null) return a[0] === b[0] ? a[1] - b[1] : (a[0] === null ? 1 : -1);
        var c = numeric ? a[0] - b[0] : a[0].localeCompare(b[0], 'zh-CN');
        return (ascending ? c : -c) || a[1] - b[1];
      });
      order.forEach(function (o) { body.appendChild(rows[o[1]]); });
    });
  });
  table.setAttribute('data-script', 'ready');  // for the tests: the CSP let this script run
})();
)js";

std::string percent(std::size_t part, std::size_t whole) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f%%",
                whole == 0 ? 0.0 : 100.0 * static_cast<double>(part) / static_cast<double>(whole));
  return buf;
}

// One figure of the summary: its name in Chinese and English, its value and a remark.
void figure(std::string& out, std::string_view name, std::size_t value, std::string_view remark = "") {
  out += "<div><dt>";
  out += name;
  out += "</dt><dd data-figure=\"";
  out += name;
  out += "\">" + std::to_string(value);
  if (!remark.empty()) {
    out += " <small>";
    append_escaped(out, remark);
    out += "</small>";
  }
  out += "</dd></div>";
}

void summary(std::string& out, const Dashboard& d) {
  std::string failures;
  for (const auto& [kind, n] : d.failures) failures += (failures.empty() ? "" : ", ") + kind + ' ' + std::to_string(n);
  out += "<section id=\"summary\"><h2>概况 Overview</h2><dl class=\"figures\">";
  figure(out, "文档 documents", d.documents, std::to_string(d.paths) + " paths");
  figure(out, "已读 read", d.ok);
  figure(out, "失败 failed", d.failed, failures);
  figure(out, "无法读取的输入 input errors", d.input_errors);
  figure(out, "含错误的文档 with errors", d.with_error_findings,
         "of " + std::to_string(d.ok) + " read, " + percent(d.with_error_findings, d.ok));
  figure(out, "发现 findings", d.findings);
  out += "</dl></section>";
}

// Rules as horizontal bars, errors and warnings stacked, and as a table.
void rules(std::string& out, const Dashboard& d) {
  output::svg::Chart chart{"规则触发次数 Findings by rule",
                           {{"错误 error", std::string(kErrorColour)}, {"警告 warning", std::string(kWarningColour)}},
                           {}};
  for (const RuleCount& r : d.rules) {
    auto it = std::find_if(chart.bars.begin(), chart.bars.end(), [&](const auto& b) { return b.label == r.rule; });
    if (it == chart.bars.end()) it = chart.bars.insert(chart.bars.end(), {r.rule, {0, 0}});
    it->counts[r.severity == "error" ? 0 : 1] += r.findings;
  }
  std::stable_sort(chart.bars.begin(), chart.bars.end(), [](const auto& a, const auto& b) {
    return a.counts[0] + a.counts[1] > b.counts[0] + b.counts[1];
  });
  out += "<section id=\"rules\"><h2>规则 Rules</h2><div class=\"charts\"><figure>";
  out += output::svg::bar_chart(chart);
  out += "</figure><table class=\"rules\"><thead><tr><th>规则 rule</th><th>严重性 severity</th>"
         "<th>发现 findings</th><th>文档 documents</th></tr></thead><tbody>";
  for (const RuleCount& r : d.rules) {
    out += "<tr class=\"" + std::string(r.severity == "error" ? "error" : "warning") + "\"><td>";
    append_escaped(out, r.rule);
    out += "</td><td>";
    append_escaped(out, r.severity);
    out += "</td><td class=\"num\">" + std::to_string(r.findings) + "</td><td class=\"num\">" +
           std::to_string(r.documents) + "</td></tr>";
  }
  if (d.rules.empty()) out += "<tr><td colspan=\"4\" class=\"muted\">无 (no findings)</td></tr>";
  out += "</tbody></table></div></section>";
}

// The colour of a category of the score or grade spread.
std::string colour_of(std::string_view category, bool bands) {
  if (bands) {
    for (std::size_t i = 0; i < std::size(kScoreBands); ++i)
      if (category == kScoreBands[i]) return std::string(kBandColours[i]);
  }
  if (category == kNoGrade) return std::string(kNoneColour);
  return "";  // the palette's, by position
}

// Column sums of a spread: the counts in all.
std::vector<std::size_t> totals(const Spread& s) {
  std::vector<std::size_t> t(s.categories.size(), 0);
  for (const auto& row : s.counts)
    for (std::size_t c = 0; c < row.size() && c < t.size(); ++c) t[c] += row[c];
  return t;
}

// The spread in all as columns, one per category. Score bands keep their
// fixed order and show even when empty (but ">100", only when some report has it).
std::string columns_in_all(const Spread& s, std::string_view title, bool bands) {
  const std::vector<std::size_t> t = totals(s);
  output::svg::Chart chart{std::string(title), {{"", ""}}, {}};
  for (std::size_t c = 0; c < s.categories.size(); ++c) {
    if (bands && s.categories[c] == ">100" && t[c] == 0) continue;
    chart.bars.push_back({s.categories[c], {t[c]}});
  }
  return output::svg::column_chart(chart);
}

// The spread as stacked horizontal bars, one per group. Categories without a
// document are left out of the legend; beyond kChartSeries categories and
// kChartGroups groups the rest are summed, under a label saying how many.
std::string stacked_by_group(const Spread& s, std::string_view title, bool bands, std::string_view groups_name) {
  const std::vector<std::size_t> t = totals(s);
  std::vector<std::size_t> shown;  // category indices drawn as their own series
  for (std::size_t c = 0; c < s.categories.size(); ++c)
    if (t[c] > 0 && (bands || shown.size() < kChartSeries)) shown.push_back(c);
  const std::size_t other_categories = std::count_if(t.begin(), t.end(), [](std::size_t n) { return n > 0; }) -
                                       shown.size();
  output::svg::Chart chart{std::string(title), {}, {}};
  for (std::size_t c : shown) chart.series.push_back({s.categories[c], colour_of(s.categories[c], bands)});
  if (other_categories > 0)
    chart.series.push_back({"其余 " + std::to_string(other_categories) + " 种 (others)", std::string(kNoneColour)});
  const std::size_t groups = std::min(s.groups.size(), kChartGroups);
  for (std::size_t g = 0; g < s.groups.size(); ++g) {
    if (g == groups)
      chart.bars.push_back({"其余 " + std::to_string(s.groups.size() - groups) + " 个" + std::string(groups_name) +
                                " (others)",
                            std::vector<std::size_t>(chart.series.size(), 0)});
    if (g < groups) chart.bars.push_back({s.groups[g], std::vector<std::size_t>(chart.series.size(), 0)});
    std::vector<std::size_t>& bar = chart.bars.back().counts;
    for (std::size_t c = 0; c < s.categories.size() && c < s.counts[g].size(); ++c) {
      // A category not shown on its own goes to "others", which exists only
      // when some such category has documents: one with none adds nothing.
      if (s.counts[g][c] == 0) continue;
      const auto it = std::find(shown.begin(), shown.end(), c);
      bar[it != shown.end() ? static_cast<std::size_t>(it - shown.begin()) : shown.size()] += s.counts[g][c];
    }
  }
  return output::svg::bar_chart(chart);
}

void chart_figure(std::string& out, std::string_view caption, const std::string& svg) {
  out += "<figure><figcaption>";
  out += caption;
  out += "</figcaption>" + svg + "</figure>";
}

void spreads(std::string& out, const Dashboard& d) {
  out += "<section id=\"scores\"><h2>总分与等级 Scores and grades</h2>"
         "<p class=\"muted\">已读文档 documents read: " +
         std::to_string(d.ok) + "</p><div class=\"charts\">";
  chart_figure(out, "总分分布 Total scores", columns_in_all(d.scores_by_year, "总分分布 Total scores", true));
  chart_figure(out, "等级分布 Grades", columns_in_all(d.grades_by_year, "等级分布 Grades", false));
  out += "</div><h3>按年份 By year</h3><div class=\"charts\">";
  chart_figure(out, "总分 Total scores",
               stacked_by_group(d.scores_by_year, "按年份的总分 Total scores by year", true, "年份"));
  chart_figure(out, "等级 Grades", stacked_by_group(d.grades_by_year, "按年份的等级 Grades by year", false, "年份"));
  out += "</div><h3>按地区 By region</h3><p class=\"muted\">地区：单位名称开头的省或市，读不出的为 ";
  append_escaped(out, kUnknownRegion);
  out += " (region: the province or city the unit's name starts with)</p><div class=\"charts\">";
  chart_figure(out, "总分 Total scores",
               stacked_by_group(d.scores_by_region, "按地区的总分 Total scores by region", true, "地区"));
  chart_figure(out, "等级 Grades",
               stacked_by_group(d.grades_by_region, "按地区的等级 Grades by region", false, "地区"));
  out += "</div></section>";
}

}  // namespace

std::string render_dashboard(const Dashboard& d) {
  std::string body = "<main><header><h1>数据集概览 Dataset dashboard</h1><p class=\"muted\">";
  append_escaped(body, d.source);
  body += "</p></header>";
  summary(body, d);
  rules(body, d);
  spreads(body, d);
  dashboard_internal::append_documents(body, d);
  dashboard_internal::append_findings(body, d);
  body += "</main>";
  return output::html::render({"数据集概览 Dataset dashboard — " + d.source, std::string(kStyle), std::move(body),
                               std::string(kScript)});
}

}  // namespace jixiao::corpus
