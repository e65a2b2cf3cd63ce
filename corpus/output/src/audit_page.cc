// The audit page of one report (audit_page.h). The page is written whole on
// the server side: every finding, every figure box and every tree row is in
// the markup, so the page reads (and prints) without its script, and a test
// can read it from the DOM. The script only filters, selects and folds.
//
// Findings are numbered f1, f2, … in report order; everything that belongs to
// a finding (its boxes on the page images, the tree rows it points at) names
// it in data-finding. A box is placed in percent of its page image, so the
// image scales with the window and the boxes stay on their figures; its
// coordinates in PDF points are kept in data-x0…data-y1 for a reader (or a
// test) to compare with the PDF's own word boxes.

#include "jixiao/output/audit_page.h"

#include <algorithm>
#include <cstdio>
#include <map>
#include <set>
#include <string_view>

#include "jixiao/extract/utf8.h"
#include "jixiao/output/html.h"
#include "jixiao/validate/rules.h"

namespace jixiao::output {
namespace {

using extract::SourceSpan;
using html::append_escaped;
using model::Finding;
using model::Severity;

std::string_view severity_id(Severity s) { return s == Severity::kError ? "error" : "warning"; }
std::string_view severity_label(Severity s) { return s == Severity::kError ? "错误 error" : "警告 warning"; }

std::string finding_id(std::size_t index) { return "f" + std::to_string(index + 1); }

std::string decimal_text(const std::optional<text::Decimal>& d) { return d ? d->to_string() : "–"; }

// A coordinate in points with one decimal, for data- attributes.
std::string points(double v) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.1f", v);
  return buffer;
}

// A share in percent with three decimals, for CSS positions.
std::string percent(double part, double whole) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.3f%%", whole > 0 ? 100.0 * part / whole : 0.0);
  return buffer;
}

// ---- the summary and the metadata ------------------------------------------

void append_summary(std::string& out, const pipeline::AnalyzedDocument& doc, std::size_t errors,
                    std::size_t warnings) {
  const model::Report& r = doc.report;
  out += "<header class=\"summary\"><h1>";
  append_escaped(out, r.title.empty() ? doc.document.path : r.title);
  out += "</h1><div class=\"facts\">";
  out += "<span class=\"fact\" id=\"total\">总分 total <b>" + html::escape(decimal_text(r.total.score)) + "</b> / " +
         html::escape(decimal_text(r.total.max)) + "</span>";
  out += "<span class=\"fact\" id=\"grade\">等级 grade <b>" + html::escape(r.grade().empty() ? "–" : r.grade()) +
         "</b></span>";
  out += "<span class=\"fact error\" id=\"errors\">错误 errors <b>" + std::to_string(errors) + "</b></span>";
  out += "<span class=\"fact warning\" id=\"warnings\">警告 warnings <b>" + std::to_string(warnings) + "</b></span>";
  out += "</div></header>\n";
}

void append_metadata(std::string& out, const pipeline::AnalyzedDocument& doc) {
  const model::Report& r = doc.report;
  const std::pair<std::string_view, std::string> rows[] = {
      {"被评价单位 unit", r.unit},
      {"项目 project", r.project},
      {"主管部门 department", r.department},
      {"年度 year", r.year ? std::to_string(*r.year) : std::string()},
      {"委托单位 commissioner", r.commissioner},
      {"评价机构 evaluator", r.evaluator},
      {"文件 file", doc.document.path + " (" + doc.document.format + ", " + std::to_string(doc.document.pages) +
                        (doc.document.pages == 1 ? " page" : " pages") + ")"},
      {"SHA-256", doc.document.sha256},
  };
  out += "<section id=\"metadata\"><h2>报告信息 Report</h2><dl>";
  for (const auto& [label, value] : rows) {
    if (value.empty()) continue;
    out += "<dt>";
    append_escaped(out, label);
    out += "</dt><dd>";
    append_escaped(out, value);
    out += "</dd>";
  }
  out += "</dl></section>\n";
}

// ---- findings ----------------------------------------------------------------

// The line a span stands on, quoted with the span marked; a long line is cut
// to about `kContext` bytes either side.
void append_quote(std::string& out, const extract::Document& document, const SourceSpan& s) {
  constexpr std::size_t kContext = 90;
  const auto& lines = document.lines;
  auto it = std::upper_bound(lines.begin(), lines.end(), s.begin,
                             [](std::size_t at, const extract::Line& l) { return at < l.begin; });
  if (it == lines.begin()) return;
  --it;
  if (s.end > it->end || s.begin < it->begin) return;  // not a span of this document's text
  const std::string_view line = std::string_view(document.text).substr(it->begin, it->end - it->begin);
  const std::size_t b = s.begin - it->begin, e = s.end - it->begin;
  const std::size_t from = b > kContext ? extract::utf8_floor(line, b - kContext) : 0;
  const std::size_t to = extract::utf8_floor(line, std::min(line.size(), e + kContext));
  out += "<div class=\"quote\"><span class=\"ln\">";
  if (document.pages > 1) out += std::to_string(it->page) + ":";
  out += std::to_string(it->number) + "</span><span class=\"qt\">";
  if (from > 0) out += "…";
  append_escaped(out, line.substr(from, b - from));
  out += "<mark>";
  append_escaped(out, line.substr(b, e - b));
  out += "</mark>";
  append_escaped(out, line.substr(e, to - e));
  if (to < line.size()) out += "…";
  out += "</span></div>";
}

void append_figures(std::string& out, const pipeline::AnalyzedDocument& doc, const Finding& f) {
  out += "<table class=\"figures\"><thead><tr><th>作用 role</th><th>位置 where</th><th>原文 as printed</th></tr></thead><tbody>";
  for (std::size_t i = 0; i < f.spans.size(); ++i) {
    const SourceSpan& s = f.spans[i];
    out += "<tr class=\"figure\" data-page=\"" + std::to_string(s.page) + "\"><td>";
    append_escaped(out, i < f.roles.size() && !f.roles[i].empty() ? f.roles[i] : (i == 0 ? "陈述 statement" : ""));
    out += "</td><td class=\"num\">";
    if (doc.document.pages > 1) out += "p. " + std::to_string(s.page) + " ";
    out += "l. " + std::to_string(s.line) + "</td><td><span class=\"figure-text\">";
    append_escaped(out, s.text);
    out += "</span>";
    if (s.reading != extract::Reading::kExact) {
      out += " <span class=\"reading\" title=\"";
      append_escaped(out, extract::reading_caveat(s.reading));
      out += "\">";
      append_escaped(out, extract::reading_name(s.reading));
      out += "</span>";
    }
    append_quote(out, doc.document, s);
    out += "</td></tr>";
  }
  out += "</tbody></table>";
}

void append_finding(std::string& out, const pipeline::AnalyzedDocument& doc, const Finding& f, std::size_t index) {
  std::set<int> pages;
  for (const SourceSpan& s : f.spans) pages.insert(s.page);
  std::string page_list;
  for (int p : pages) page_list += (page_list.empty() ? "" : " ") + std::to_string(p);
  out += "<li class=\"finding sev-" + std::string(severity_id(f.severity)) + "\" id=\"" + finding_id(index) +
         "\" tabindex=\"0\" data-severity=\"" + std::string(severity_id(f.severity)) + "\" data-rule=\"";
  append_escaped(out, f.rule);
  out += "\" data-pages=\"" + page_list + "\"><div class=\"head\"><span class=\"sev\">";
  out += severity_label(f.severity);
  out += "</span> <code class=\"rule\">";
  append_escaped(out, f.rule);
  out += "</code>";
  if (!f.spans.empty()) {
    out += " <span class=\"muted\">";
    if (doc.document.pages > 1) out += "第 " + std::to_string(f.spans.front().page) + " 页 ";
    out += "第 " + std::to_string(f.spans.front().line) + " 行</span>";
  }
  out += "</div>";
  if (const validate::RuleInfo* rule = validate::find_rule(f.rule)) {
    out += "<p class=\"rule-summary muted\" title=\"";
    append_escaped(out, rule->description);
    out += "\">";
    append_escaped(out, rule->summary);
    out += "</p>";
  }
  out += "<p class=\"message\">";
  append_escaped(out, f.message);
  out += "</p><p class=\"values\">stated <b class=\"stated\">";
  append_escaped(out, f.stated);
  out += "</b>";
  if (!f.computed.empty()) {
    out += ", computed <b class=\"computed\">";
    append_escaped(out, f.computed);
    out += "</b>";
  }
  if (!f.tolerance.empty()) {
    out += " (±";
    append_escaped(out, f.tolerance);
    out += ")";
  }
  out += "</p>";
  if (!f.arithmetic.empty()) {
    out += "<p class=\"arithmetic\">";
    append_escaped(out, f.arithmetic);
    out += "</p>";
  }
  append_figures(out, doc, f);
  out += "</li>\n";
}

void append_filter(std::string& out, const std::vector<const Finding*>& shown) {
  std::map<std::string, std::size_t> rules;
  for (const Finding* f : shown) ++rules[f->rule];
  out += "<div class=\"filter\" id=\"filter\"><label><input type=\"checkbox\" id=\"show-error\" checked> 错误 errors</label>"
         "<label><input type=\"checkbox\" id=\"show-warning\" checked> 警告 warnings</label>"
         "<label>规则 rule <select id=\"rule\"><option value=\"\">全部 all</option>";
  for (const auto& [rule, count] : rules) {
    out += "<option value=\"";
    append_escaped(out, rule);
    out += "\">";
    append_escaped(out, rule);
    out += " (" + std::to_string(count) + ")</option>";
  }
  out += "</select></label></div>";
}

// ---- page images ---------------------------------------------------------------

void append_page(std::string& out, const extract::PageImage& image, const std::vector<const Finding*>& shown,
                 const std::vector<std::size_t>& ids) {
  out += "<figure class=\"page\" id=\"page-" + std::to_string(image.page) + "\" data-page=\"" +
         std::to_string(image.page) + "\" data-width=\"" + points(image.width_pt) + "\" data-height=\"" +
         points(image.height_pt) + "\"><figcaption>第 " + std::to_string(image.page) + " 页 page " +
         std::to_string(image.page) + "</figcaption><div class=\"sheet\"><img alt=\"第 " + std::to_string(image.page) +
         " 页\" width=\"" + std::to_string(image.width_px) + "\" height=\"" + std::to_string(image.height_px) +
         "\" src=\"data:image/png;base64,";
  out += html::base64(image.png);
  out += "\">";
  for (std::size_t k = 0; k < shown.size(); ++k) {
    const Finding& f = *shown[k];
    for (std::size_t i = 0; i < f.spans.size(); ++i) {
      const SourceSpan& s = f.spans[i];
      if (s.page != image.page || s.box.empty()) continue;
      const extract::Box& b = s.box;
      out += "<div class=\"box sev-" + std::string(severity_id(f.severity)) + (i == 0 ? " lead" : "") +
             "\" data-finding=\"" + finding_id(ids[k]) + "\" data-x0=\"" + points(b.x0) + "\" data-y0=\"" +
             points(b.y0) + "\" data-x1=\"" + points(b.x1) + "\" data-y1=\"" + points(b.y1) + "\" data-text=\"";
      append_escaped(out, s.text);
      out += "\" title=\"";
      append_escaped(out, (i < f.roles.size() ? f.roles[i] + ": " : std::string()) + s.text);
      out += "\" style=\"left:" + percent(b.x0, image.width_pt) + ";top:" + percent(b.y0, image.height_pt) +
             ";width:" + percent(b.x1 - b.x0, image.width_pt) + ";height:" + percent(b.y1 - b.y0, image.height_pt) +
             "\"></div>";
    }
  }
  out += "</div></figure>\n";
}

// ---- the indicator tree ----------------------------------------------------------

// Findings by the spans they rest on, to mark the tree rows they point at.
using SpanKey = std::pair<std::size_t, std::size_t>;
std::map<SpanKey, std::set<std::size_t>> findings_by_span(const std::vector<const Finding*>& shown,
                                                         const std::vector<std::size_t>& ids) {
  std::map<SpanKey, std::set<std::size_t>> out;
  for (std::size_t k = 0; k < shown.size(); ++k)
    for (const SourceSpan& s : shown[k]->spans) out[{s.begin, s.end}].insert(ids[k]);
  return out;
}

struct ChildSums {
  std::optional<text::Decimal> max, score;
};

ChildSums child_sums(const model::Report& r, const std::vector<int>& children) {
  ChildSums sums;
  if (children.empty()) return sums;
  text::Decimal max, score;
  bool all_max = true, all_score = true;
  for (int c : children) {
    const model::Indicator& child = r.indicators[static_cast<std::size_t>(c)];
    if (child.max) max = max + *child.max;
    else all_max = false;
    if (child.score) score = score + *child.score;
    else all_score = false;
  }
  if (all_max) sums.max = max;
  if (all_score) sums.score = score;
  return sums;
}

// score / max in percent, to the printed rate's precision (one decimal when none is printed).
std::string recomputed_rate(const model::Indicator& ind) {
  if (!ind.max || !ind.score || ind.max->is_zero()) return "–";
  const int scale = ind.rate ? ind.rate->scale() : 1;
  const auto rate = (*ind.score * text::Decimal::from_int(100)).divided_by(*ind.max, scale);
  return rate ? rate->to_string() + "%" : "–";
}

// One row: the indicator's figures as printed beside its children's sums and
// its rate recomputed; `index` -1 is the total (its children are level 1).
void append_tree_row(std::string& out, const model::Report& r, int index, const std::vector<int>& children,
                     const std::map<SpanKey, std::set<std::size_t>>& by_span) {
  const model::Indicator& ind = index < 0 ? r.total : r.indicators[static_cast<std::size_t>(index)];
  std::set<std::size_t> marks;
  for (const model::Observation& o : ind.observations)
    if (auto it = by_span.find({o.span.begin, o.span.end}); it != by_span.end())
      marks.insert(it->second.begin(), it->second.end());
  const ChildSums sums = child_sums(r, children);
  out += "<tr class=\"level" + std::to_string(ind.level) + (marks.empty() ? "" : " marked") + "\" data-index=\"" +
         std::to_string(index) + "\"><td class=\"name\">";
  if (index >= 0 && !children.empty())
    out += "<button class=\"fold\" type=\"button\" aria-expanded=\"true\">▾</button>";
  append_escaped(out, index < 0 ? std::string("总分 total") : ind.name);
  for (const std::string& cell : {decimal_text(ind.max), decimal_text(sums.max), decimal_text(ind.score),
                                  decimal_text(sums.score), ind.rate ? ind.rate->to_string() + "%" : "–",
                                  recomputed_rate(ind)}) {
    out += "</td><td class=\"num\">";
    append_escaped(out, cell);
  }
  out += "</td><td>";
  for (std::size_t id : marks) out += "<a class=\"mark\" href=\"#" + finding_id(id) + "\">" + finding_id(id) + "</a> ";
  out += "</td></tr>\n";
}

void append_tree(std::string& out, const model::Report& r, const std::vector<const Finding*>& shown,
                 const std::vector<std::size_t>& ids) {
  out += "<section id=\"tree\"><h2>指标体系 Indicator tree</h2>";
  if (r.indicators.empty()) {
    out += "<p class=\"muted\">未读到指标表 (no indicator table was read)</p></section>\n";
    return;
  }
  out += "<p class=\"muted\">满分与得分为报告所列；“下级合计”为其下级指标之和，“得分/满分”为重新计算的得分率；"
         "标记的行有发现指向。 Max and score as printed, beside the sums of the children and score / max "
         "recomputed; marked rows are pointed at by a finding.</p>";
  out += "<table class=\"tree\"><thead><tr><th>指标 indicator</th><th>满分 max</th><th>下级合计 Σ max</th>"
         "<th>得分 score</th><th>下级合计 Σ score</th><th>得分率 rate</th><th>得分/满分 score/max</th>"
         "<th>发现 findings</th></tr></thead><tbody>\n";
  const auto by_span = findings_by_span(shown, ids);
  // Children by parent, once (Report::children scans the whole tree); [0] is the total's.
  std::vector<std::vector<int>> children(r.indicators.size() + 1);
  for (std::size_t i = 0; i < r.indicators.size(); ++i) {
    const model::Indicator& ind = r.indicators[i];
    if (ind.parent >= 0 && static_cast<std::size_t>(ind.parent) < r.indicators.size()) children[static_cast<std::size_t>(ind.parent) + 1].push_back(static_cast<int>(i));
    else if (ind.level == 1) children[0].push_back(static_cast<int>(i));
  }
  for (int i = -1; i < static_cast<int>(r.indicators.size()); ++i)
    append_tree_row(out, r, i, children[static_cast<std::size_t>(i + 1)], by_span);
  out += "</tbody></table></section>\n";
}

// ---- style and script ----------------------------------------------------------

constexpr std::string_view kStyle = R"css(
.summary{background:#1d2b3a;color:#fff;padding:12px 20px}
.summary h1{font-size:18px;margin:0 0 6px}
.facts{display:flex;gap:18px;flex-wrap:wrap}
.fact{background:rgba(255,255,255,.1);padding:2px 10px;border-radius:3px}
.fact.error b{color:#ff8a80}.fact.warning b{color:#ffd180}
section{padding:6px 20px}
dl{display:grid;grid-template-columns:max-content 1fr;gap:2px 14px;margin:0}
dt{color:var(--muted)}dd{margin:0;word-break:break-all}
.work{display:grid;grid-template-columns:minmax(380px,1fr) minmax(420px,1.1fr);gap:16px;padding:0 20px}
#findings ol{list-style:none;padding:0;margin:0}
.finding{background:#fff;border:1px solid var(--line);border-left:4px solid var(--warn);margin:0 0 10px;padding:8px 10px;cursor:pointer}
.finding.sev-error{border-left-color:var(--err)}
.finding.selected{outline:2px solid #1565c0}
.finding .head{font-weight:600}.finding .sev{margin-right:4px}
.finding.sev-error .sev{color:var(--err)}.finding.sev-warning .sev{color:var(--warn)}
.finding p{margin:4px 0}.arithmetic{font-family:monospace;font-size:13px;background:var(--bg);padding:2px 6px}
.figures{width:100%;font-size:13px;margin-top:4px}
.quote{color:var(--muted);font-size:12px}.quote .ln{display:inline-block;min-width:3em;color:#8a94a3}
mark{background:#ffe08a;color:inherit}
.reading{font-size:11px;background:#fff3cd;border:1px solid #e0c36b;padding:0 4px;border-radius:3px}
.filter{display:flex;gap:14px;align-items:center;margin:6px 0 10px;flex-wrap:wrap}
#pages{position:sticky;top:0;align-self:start;max-height:100vh;overflow:auto}
.page{margin:0 0 14px}.page figcaption{color:var(--muted)}
.sheet{position:relative;border:1px solid var(--line);background:#fff}
.sheet img{display:block;width:100%;height:auto}
.box{position:absolute;border:2px solid var(--warn);background:rgba(255,193,7,.12);margin:-2px}
.box.sev-error{border-color:var(--err);background:rgba(192,57,43,.12)}
.js .box{display:none}.js .box.on{display:block}.js .page.off{display:none}
.js .finding.hidden{display:none}
.tree .level1 td.name{font-weight:600}.tree .level2 td.name{padding-left:22px}.tree .level3 td.name{padding-left:40px}
.tree .level0{background:#eef1f5;font-weight:600}
.tree tr.marked{background:#fdecea}.tree tr.folded{display:none}
.fold{border:0;background:none;cursor:pointer;padding:0 4px 0 0}
@media (max-width:900px){.work{grid-template-columns:1fr}#pages{position:static;max-height:none}}
)css";

// Filters, selects, folds. Data comes from the DOM only (data- attributes),
// never from text put into the script.
constexpr std::string_view kScript = R"js(
(function(){
document.body.classList.add('js');
var list=[].slice.call(document.querySelectorAll('.finding'));
var pages=[].slice.call(document.querySelectorAll('.page'));
var boxes=[].slice.call(document.querySelectorAll('.box'));
function select(f){
  list.forEach(function(x){x.classList.toggle('selected',x===f);});
  var id=f?f.id:'',on=f?f.getAttribute('data-pages').split(' '):[];
  boxes.forEach(function(b){b.classList.toggle('on',b.getAttribute('data-finding')===id);});
  var first=null;
  pages.forEach(function(p){var show=on.indexOf(p.getAttribute('data-page'))>=0;p.classList.toggle('off',!show);if(show&&!first)first=p;});
  if(first&&first.scrollIntoView)first.parentNode.scrollTop=first.offsetTop-first.parentNode.offsetTop;
}
list.forEach(function(f){
  f.addEventListener('click',function(){select(f);});
  f.addEventListener('keydown',function(e){if(e.key==='Enter')select(f);});
});
var err=document.getElementById('show-error'),warn=document.getElementById('show-warning'),rule=document.getElementById('rule');
function filter(){
  var visible=null;
  list.forEach(function(f){
    var s=f.getAttribute('data-severity'),r=f.getAttribute('data-rule');
    var show=(s==='error'?err.checked:warn.checked)&&(!rule.value||rule.value===r);
    f.classList.toggle('hidden',!show);
    if(show&&!visible)visible=f;
  });
  var sel=document.querySelector('.finding.selected');
  if(!sel||sel.classList.contains('hidden'))select(visible);
}
if(err){err.addEventListener('change',filter);warn.addEventListener('change',filter);rule.addEventListener('change',filter);}
[].slice.call(document.querySelectorAll('.fold')).forEach(function(b){
  b.addEventListener('click',function(){
    var row=b.closest('tr'),open=b.getAttribute('aria-expanded')==='true';
    b.setAttribute('aria-expanded',open?'false':'true');b.textContent=open?'▸':'▾';
    var level=+row.className.match(/level(\d)/)[1],next=row.nextElementSibling;
    while(next){var l=+next.className.match(/level(\d)/)[1];if(l<=level)break;
      if(open)next.classList.add('folded');else next.classList.remove('folded');next=next.nextElementSibling;}
  });
});
select(list.length?list[0]:null);
})();
)js";

}  // namespace

std::vector<int> audit_pages(const pipeline::AnalyzedDocument& doc, const FindingFilter& filter) {
  std::set<int> pages;
  if (doc.document.format != "pdf") return {};
  for (const Finding& f : doc.report.findings)
    if (filter.accepts(f))
      for (const SourceSpan& s : f.spans) pages.insert(s.page);
  return {pages.begin(), pages.end()};
}

std::string audit_page(const pipeline::AnalyzedDocument& doc, const FindingFilter& filter,
                       const std::vector<extract::PageImage>& images) {
  std::vector<const Finding*> shown;
  std::vector<std::size_t> ids;  // each shown finding's index in the report: its id stays the same under a filter
  std::size_t errors = 0, warnings = 0;
  for (std::size_t i = 0; i < doc.report.findings.size(); ++i) {
    const Finding& f = doc.report.findings[i];
    if (!filter.accepts(f)) continue;
    shown.push_back(&f);
    ids.push_back(i);
    ++(f.severity == Severity::kError ? errors : warnings);
  }
  std::string body;
  append_summary(body, doc, errors, warnings);
  append_metadata(body, doc);
  body += "<div class=\"work\"><section id=\"findings\"><h2>发现 Findings</h2>";
  if (shown.empty()) {
    body += "<p class=\"muted\">没有发现 (no findings)</p>";
  } else {
    append_filter(body, shown);
    body += "<ol>";
    for (std::size_t k = 0; k < shown.size(); ++k) append_finding(body, doc, *shown[k], ids[k]);
    body += "</ol>";
  }
  body += "</section><section id=\"pages\">";
  if (!images.empty()) body += "<h2>页面 Pages</h2>";
  for (const extract::PageImage& image : images) append_page(body, image, shown, ids);
  body += "</section></div>\n";
  append_tree(body, doc.report, shown, ids);
  html::Page page;
  page.title = (doc.report.title.empty() ? doc.document.path : doc.report.title) + " — jixiao";
  page.style = std::string(kStyle);
  page.body = std::move(body);
  page.script = std::string(kScript);
  return html::render(page);
}

}  // namespace jixiao::output
