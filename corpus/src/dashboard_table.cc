// The dashboard's documents table and findings sections (dashboard_table.h).
//
// The table carries what the page's script sorts and filters by in the DOM:
// each row's status, error and warning counts as data- attributes, and a
// cell's sort key (a year, a total as a number) as data-sort, so the script
// never reads text as anything but text. Row N (1-based, in path order) links
// to the section #doc-N below, where the document's findings are detailed up
// to the limits; each limit that left something out says how much.
#include <algorithm>
#include <cstdio>
#include <numeric>
#include <string>

#include "dashboard_table.h"
#include "jixiao/output/html.h"

namespace jixiao::corpus::dashboard_internal {
namespace {

using output::html::append_escaped;

struct Column {
  std::string_view heading;
  bool numeric;
};
constexpr Column kColumns[] = {{"路径 path", false},   {"单位 unit", false},     {"年份 year", true},
                               {"地区 region", false}, {"总分 total", true},     {"等级 grade", false},
                               {"错误 errors", true},  {"警告 warnings", true},  {"状态 status", false}};

constexpr std::string_view kFilterControls = R"html(<div class="controls">
<label>筛选 Filter <input id="filter" type="search" placeholder="路径、单位、地区、规则… path, unit, region…" aria-controls="documents-table"></label>
<label>显示 Show <select id="status-filter" aria-controls="documents-table"><option value="">全部 all</option><option value="errors">有错误 with errors</option><option value="warnings">有警告 with warnings</option><option value="failed">失败 failed</option><option value="clean">无发现 no findings</option></select></label>
)html";

std::string number_key(double v) {
  char buf[40];
  std::snprintf(buf, sizeof buf, "%.10g", v);
  return buf;
}

std::string doc_id(std::size_t index) { return "doc-" + std::to_string(index + 1); }

void cell(std::string& out, std::string_view text, std::string_view attributes = "") {
  out += "<td";
  out += attributes;
  out += '>';
  append_escaped(out, text);
  out += "</td>";
}

void row(std::string& out, const DashboardDocument& doc, std::size_t index) {
  out += "<tr data-status=\"" + std::string(doc.ok ? "ok" : "failed") + "\" data-errors=\"" +
         std::to_string(doc.error_findings) + "\" data-warnings=\"" + std::to_string(doc.warning_findings) + '"';
  if (!doc.ok) out += " class=\"failed\"";
  out += "><td>";
  if (has_section(doc)) out += "<a href=\"#" + doc_id(index) + "\">";
  append_escaped(out, doc.path);
  if (has_section(doc)) out += "</a>";
  else if (doc.findings > 0) out += " <span class=\"note\">(发现未详列 findings not detailed)</span>";
  out += "</td>";
  cell(out, doc.unit);
  const std::string year = doc.year ? std::to_string(*doc.year) : "";
  cell(out, year, " class=\"num\" data-sort=\"" + year + '"');
  cell(out, doc.ok ? doc.region : "");
  cell(out, doc.total_score,
       " class=\"num\" data-sort=\"" + (doc.total_score_num ? number_key(*doc.total_score_num) : "") + '"');
  cell(out, doc.grade);
  cell(out, doc.ok ? std::to_string(doc.error_findings) : "", " class=\"num\"");
  cell(out, doc.ok ? std::to_string(doc.warning_findings) : "", " class=\"num\"");
  if (doc.ok) {
    cell(out, "已读 ok");
  } else {
    out += "<td class=\"error\" title=\"";
    append_escaped(out, doc.error);
    out += "\">失败 ";
    append_escaped(out, doc.failure);
    out += "</td>";
  }
  out += "</tr>\n";
}

std::string position(const DashboardFinding& f) {
  std::string p = f.page ? std::to_string(*f.page) : "?";
  if (f.line) p += ':' + std::to_string(*f.line);
  return p;
}

void finding_row(std::string& out, const DashboardFinding& f) {
  const std::string severity = f.severity == "error" ? "error" : "warning";
  out += "<tr class=\"finding " + severity + "\" data-rule=\"";
  append_escaped(out, f.rule);
  out += "\">";
  cell(out, f.rule);
  cell(out, f.severity);
  cell(out, f.message);
  cell(out, position(f), " class=\"num\"");
  cell(out, f.text, " class=\"quote\"");
  out += "</tr>\n";
}

void document_section(std::string& out, const DashboardDocument& doc, std::size_t index) {
  out += "<div class=\"doc\" id=\"" + doc_id(index) + "\"><h3>";
  append_escaped(out, doc.path);
  out += "</h3><p class=\"muted\">";
  append_escaped(out, doc.unit.empty() ? "(无单位 no unit)" : doc.unit);
  if (doc.year) out += " · " + std::to_string(*doc.year);
  if (doc.ok) {
    out += " · ";
    append_escaped(out, doc.region);
  }
  out += " · <a href=\"#documents\">↑ 文档表 table</a></p>";
  if (!doc.ok) {
    out += "<p class=\"error\">失败 failed (";
    append_escaped(out, doc.failure);
    out += "): ";
    append_escaped(out, doc.error);
    out += "</p>";
  }
  if (!doc.detailed.empty()) {
    out += "<table class=\"findings\"><thead><tr><th>规则 rule</th><th>严重性 severity</th><th>说明 message</th>"
           "<th>页:行 page:line</th><th>原文 text</th></tr></thead><tbody>\n";
    for (const DashboardFinding& f : doc.detailed) finding_row(out, f);
    out += "</tbody></table>";
  }
  if (doc.findings > doc.detailed.size())
    out += "<p class=\"note\">另有 " + std::to_string(doc.findings - doc.detailed.size()) + " 条发现未详列 (" +
           std::to_string(doc.findings - doc.detailed.size()) + " more findings not detailed here)</p>";
  out += "</div>\n";
}

}  // namespace

// A document whose findings the page's total left out entirely has no section: its row says so instead.
bool has_section(const DashboardDocument& doc) { return !doc.ok || !doc.detailed.empty(); }

void append_documents(std::string& out, const Dashboard& d) {
  const std::string listed = std::to_string(d.listed.size());
  out += "<section id=\"documents\"><h2>文档 Documents</h2>";
  if (d.listed.size() < d.documents)
    out += "<p class=\"note\">本页列出 " + listed + " / " + std::to_string(d.documents) +
           " 份文档：先列有错误或失败的，再按路径 (listed " + listed + " of " + std::to_string(d.documents) +
           " documents: those with errors or failures first, then by path; --max-documents raises the limit)</p>";
  out += kFilterControls;
  out += "<span class=\"muted\">显示 shown: <span id=\"shown-count\">" + listed + "</span> / " + listed +
         "</span></div>\n<table id=\"documents-table\"><thead><tr>";
  for (const Column& c : kColumns) {
    out += "<th scope=\"col\" data-type=\"" + std::string(c.numeric ? "number" : "text") + "\"><button type=\"button\">";
    out += c.heading;
    out += "</button></th>";
  }
  out += "</tr></thead><tbody>\n";
  for (std::size_t i = 0; i < d.listed.size(); ++i) row(out, d.listed[i], i);
  out += "</tbody></table></section>";
}

void append_findings(std::string& out, const Dashboard& d) {
  const std::size_t detailed = std::accumulate(d.listed.begin(), d.listed.end(), std::size_t{0},
                                               [](std::size_t n, const auto& doc) { return n + doc.detailed.size(); });
  out += "<section id=\"findings\"><h2>发现 Findings</h2><p class=\"note\">每份文档至多详列 " +
         std::to_string(d.limits.findings_per_document) + " 条，全页至多 " + std::to_string(d.limits.findings) +
         " 条；本页详列 " + std::to_string(detailed) + " / " + std::to_string(d.findings) +
         " 条 (details for at most " + std::to_string(d.limits.findings_per_document) +
         " findings per document and " + std::to_string(d.limits.findings) + " in all: " +
         std::to_string(detailed) + " of the dataset's " + std::to_string(d.findings) +
         " here; `corpus export` has every one)</p>\n";
  const std::size_t undetailed = std::count_if(d.listed.begin(), d.listed.end(), [](const auto& doc) {
    return doc.findings > 0 && doc.detailed.empty();
  });
  if (undetailed > 0)
    out += "<p class=\"note\">另有 " + std::to_string(undetailed) + " 份文档的发现均未详列 (" +
           std::to_string(undetailed) + " listed documents have none of their findings detailed)</p>\n";
  for (std::size_t i = 0; i < d.listed.size(); ++i)
    if (has_section(d.listed[i])) document_section(out, d.listed[i], i);
  out += "</section>";
}

}  // namespace jixiao::corpus::dashboard_internal
