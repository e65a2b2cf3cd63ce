// The text printouts (text.h). Plain formatting over the report; the only
// decisions are which position a finding is reported at (its first span) and
// that pages are named only for documents of more than one page.
#include "jixiao/output/text.h"

#include <sstream>

namespace jixiao::output {
namespace {

std::string severity_word(model::Severity s) { return s == model::Severity::kError ? "error" : "warning"; }

std::string opt(const std::optional<text::Decimal>& d) { return d ? d->to_string() : "-"; }

}  // namespace

std::string format_findings(const pipeline::AnalyzedDocument& doc, const FindingFilter& filter) {
  std::ostringstream out;
  for (const model::Finding& f : doc.report.findings) {
    if (!filter.accepts(f)) continue;
    const int line = f.spans.empty() ? 0 : f.spans.front().line;
    const int page = f.spans.empty() ? 1 : f.spans.front().page;
    out << doc.document.path << ":";
    if (doc.document.pages > 1) out << page << ":";
    out << line << ": " << severity_word(f.severity) << "[" << f.rule << "]: " << f.message << "\n";
    out << "    stated " << f.stated;
    if (!f.computed.empty()) out << ", computed " << f.computed;
    if (!f.tolerance.empty()) out << " (tolerance ±" << f.tolerance << ")";
    out << "\n";
    if (!f.arithmetic.empty()) out << "    arithmetic: " << f.arithmetic << "\n";
    // Every figure involved, where to find it, and what part it plays.
    for (std::size_t i = 0; i < f.spans.size(); ++i) {
      const extract::SourceSpan& s = f.spans[i];
      out << "    " << (i == 0 ? "| " : "+ ");
      if (i < f.roles.size() && !f.roles[i].empty()) out << f.roles[i] << ", ";
      if (doc.document.pages > 1) out << "page " << s.page << " ";
      out << "line " << s.line << ": " << s.text << "\n";
    }
  }
  return out.str();
}

std::string format_lines(const pipeline::AnalyzedDocument& doc) {
  std::ostringstream out;
  for (std::size_t i = 0; i < doc.document.lines.size(); ++i)
    out << doc.document.lines[i].page << ":" << doc.document.lines[i].number << "\t" << doc.document.line_text(i) << "\n";
  return out.str();
}

std::string format_records(const pipeline::AnalyzedDocument& doc) {
  const model::Report& r = doc.report;
  std::ostringstream out;
  out << "file:         " << doc.document.path << " (" << doc.document.format << ", " << doc.document.encoding
      << ")\n";
  out << "title:        " << r.title << "\n";
  out << "unit:         " << r.unit << "\n";
  out << "year:         " << (r.year ? std::to_string(*r.year) : "-") << "\n";
  out << "commissioner: " << r.commissioner << "\n";
  out << "evaluator:    " << r.evaluator << "\n";
  out << "total:        " << opt(r.total.score) << " / " << opt(r.total.max) << "  grade " << r.grade() << "\n";
  if (!r.grade_bands.empty()) {
    out << "grade bands:";
    for (const auto& b : r.grade_bands)
      out << "  " << b.grade << " " << (b.lower_inclusive ? "[" : "(") << (b.lower ? b.lower->to_string() : "0")
          << "," << (b.upper ? b.upper->to_string() : "max") << (b.upper_inclusive ? "]" : ")");
    out << "\n";
  }
  for (const auto& c : r.count_statements)
    out << "stated count: level1 " << (c.level1 ? std::to_string(*c.level1) : "-") << ", level2 "
        << (c.level2 ? std::to_string(*c.level2) : "-") << ", level3 "
        << (c.level3 ? std::to_string(*c.level3) : "-") << " (line " << c.span.line << ")\n";
  out << "indicators:\n";
  for (const model::Indicator& ind : r.indicators) {
    out << std::string(static_cast<std::size_t>(ind.level) * 2, ' ') << ind.name << "  max " << opt(ind.max)
        << "  score " << opt(ind.score);
    if (ind.rate) out << "  rate " << ind.rate->to_string() << "%";
    out << "  (" << ind.observations.size() << " statements)\n";
  }
  return out.str();
}

}  // namespace jixiao::output
