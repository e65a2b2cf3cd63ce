// The JSON document of one report (docs/json.md), built as one nlohmann::json
// value. Each part of the report has its own builder below, so that the shape
// of each array can be read next to the struct it comes from. Decimals are
// written as their exact text (never a JSON number: a binary double would lose
// the printed digits), rates with their "%", absent figures as null.
#include "jixiao/output/json.h"

#include <cmath>

#include <nlohmann/json.hpp>

namespace jixiao::output {
namespace {

using nlohmann::json;
using text::Decimal;

json decimal_or_null(const std::optional<Decimal>& d) { return d ? json(d->to_string()) : json(nullptr); }
json rate_or_null(const std::optional<Decimal>& d) { return d ? json(d->to_string() + "%") : json(nullptr); }

json span_json(const extract::SourceSpan& s) {
  json out{{"document", s.document}, {"page", s.page}, {"line", s.line},
           {"begin", s.begin},       {"end", s.end},   {"text", s.text}};
  // Only a guess is named: an exact reading is the rule, and the output stays lean.
  if (s.reading != extract::Reading::kExact) out["reading"] = std::string(extract::reading_name(s.reading));
  // An OCR'd span says how sure the model was of its least sure character.
  if (s.confidence >= 0) out["confidence"] = std::round(s.confidence * 10) / 10;
  // Where the text stands on its page (PDF input), to a tenth of a point: a
  // page image shows no finer, and the output stays readable.
  if (!s.box.empty()) {
    const auto tenth = [](double v) { return std::round(v * 10) / 10; };
    out["box"] = json::array({tenth(s.box.x0), tenth(s.box.y0), tenth(s.box.x1), tenth(s.box.y1)});
  }
  return out;
}

// A form's target and actual, only where a form states them: other reports' records stay as they were.
void add_target_actual(json& out, const std::optional<std::string>& target, const std::optional<std::string>& actual) {
  if (target) out["target"] = *target;
  if (actual) out["actual"] = *actual;
}

json observation_json(const model::Observation& o) {
  json out{{"source", std::string(model::source_kind_name(o.kind))},
           {"name", o.name},
           {"max", decimal_or_null(o.max)},
           {"score", decimal_or_null(o.score)},
           {"rate", rate_or_null(o.rate)},
           {"span", span_json(o.span)}};
  add_target_actual(out, o.target, o.actual);
  return out;
}

json quantity_json(const model::StatedQuantity& sq) {
  const text::Quantity& q = sq.quantity;
  const bool money = q.kind == text::Quantity::Kind::kMoney;
  json out = {{"text", sq.span.text},
              {"value", q.value.to_string()},
              {"unit", q.unit},
              {money ? "yuan" : "count", q.normalized.to_string()},
              {"qualifier", std::string(text::qualifier_name(q.qualifier))},
              {"qualifier_text", q.qualifier_text},
              {"label", q.label},
              {"in_words", q.in_words},
              {"span", span_json(sq.span)}};
  if (!money) out["base_unit"] = q.base_unit;
  out[money ? "yuan_upper" : "count_upper"] = q.range_upper ? json(q.range_upper->to_string()) : json(nullptr);
  return out;
}

json observations_json(const std::vector<model::Observation>& obs) {
  json out = json::array();
  for (const auto& o : obs) out.push_back(observation_json(o));
  return out;
}

// What OCR made of each page it read. Confidence and skew are measurements,
// not figures of the report: JSON numbers, rounded to what they can tell
// (a tenth of a confidence point, a hundredth of a degree).
json ocr_pages_json(const std::vector<extract::OcrPage>& pages) {
  // Divided, not multiplied, by the power of ten: 873 / 10 prints as 87.3;
  // adding 0.0 turns a -0.0 (a skew of -0.001 degrees) into 0.
  const auto round_to = [](double v, double per_unit) { return std::round(v * per_unit) / per_unit + 0.0; };
  json out = json::array();
  for (const extract::OcrPage& p : pages)
    out.push_back({{"page", p.page},
                   {"words", p.words},
                   {"mean_confidence", round_to(p.mean_confidence, 10)},
                   {"guessed_words", p.guessed_words},
                   {"rulings", p.rulings},
                   {"skew_degrees", round_to(p.skew_degrees, 100)},
                   {"timed_out", p.timed_out}});
  return out;
}

json source_json(const extract::Document& d) {
  json out = {{"path", d.path}, {"sha256", d.sha256}, {"format", d.format}, {"encoding", d.encoding},
              {"pages", d.pages}};
  // Only a document OCR read has them: a text layer's record stays as it was.
  if (!d.ocr_pages.empty()) out["ocr_pages"] = ocr_pages_json(d.ocr_pages);
  return out;
}

// Title, unit, year, parties, the total with its grade, and the statements
// that bear on the total (grades, grade bands, indicator counts).
json report_json(const model::Report& r) {
  json bands = json::array();
  for (const auto& b : r.grade_bands)
    bands.push_back({{"grade", b.grade},
                     {"lower", decimal_or_null(b.lower)},
                     {"lower_inclusive", b.lower_inclusive},
                     {"upper", decimal_or_null(b.upper)},
                     {"upper_inclusive", b.upper_inclusive},
                     {"span", span_json(b.span)}});
  json grades = json::array();
  for (const auto& g : r.grades) grades.push_back({{"grade", g.grade}, {"span", span_json(g.span)}});
  json counts = json::array();
  for (const auto& c : r.count_statements) {
    auto opt = [](const std::optional<int>& v) { return v ? json(*v) : json(nullptr); };
    counts.push_back({{"level1", opt(c.level1)}, {"level2", opt(c.level2)}, {"level3", opt(c.level3)},
                      {"span", span_json(c.span)}});
  }
  json projects = json::array();
  for (const auto& p : r.project_results)
    projects.push_back({{"subject", p.subject},
                        {"score", p.score.to_string()},
                        {"grade", p.grade.empty() ? json(nullptr) : json(p.grade)},
                        {"span", span_json(p.span)}});
  json out = {{"title", r.title},
          {"unit", r.unit},
          {"year", r.year ? json(*r.year) : json(nullptr)},
          {"evaluator", r.evaluator},
          {"commissioner", r.commissioner},
          {"total_max", decimal_or_null(r.total.max)},
          {"total_score", decimal_or_null(r.total.score)},
          {"total_rate", rate_or_null(r.total.rate)},
          {"grade", r.grade().empty() ? json(nullptr) : json(r.grade())},
          {"grade_statements", grades},
          {"grade_bands", bands},
          {"indicator_counts", counts},
          {"total_observations", observations_json(r.total.observations)},
          {"project_results", projects}};
  // A form's header block, only where a form states it.
  if (!r.project.empty()) out["project"] = r.project;
  if (!r.department.empty()) out["department"] = r.department;
  return out;
}

json indicators_json(const model::Report& r) {
  json indicators = json::array();
  for (int i = 0; i < static_cast<int>(r.indicators.size()); ++i) {
    const model::Indicator& ind = r.indicators[i];
    json out = {{"level", ind.level},
                {"name", ind.name},
                {"path", r.path(i)},
                {"max", decimal_or_null(ind.max)},
                {"score", decimal_or_null(ind.score)},
                {"rate", rate_or_null(ind.rate)},
                {"observations", observations_json(ind.observations)}};
    add_target_actual(out, ind.target, ind.actual);
    indicators.push_back(std::move(out));
  }
  return indicators;
}

json unmatched_json(const model::Report& r) {
  json unmatched = json::array();
  for (const auto& u : r.unmatched)
    unmatched.push_back({{"level", u.level}, {"parent", u.parent_name}, {"observation", observation_json(u.observation)}});
  return unmatched;
}

json quantities_json(const std::vector<model::StatedQuantity>& quantities) {
  json out = json::array();
  for (const auto& q : quantities) out.push_back(quantity_json(q));
  return out;
}

json figure_json(const model::BudgetFigure& f) {
  return json{{"value", f.value.to_string()},
              {"unit_exponent", f.exponent},
              {"label", f.label},
              {"qualifier", std::string(text::qualifier_name(f.qualifier))},
              {"span", span_json(f.span)}};
}

json optional_figure_json(const std::optional<model::BudgetFigure>& f) {
  return f ? figure_json(*f) : json(nullptr);
}

json budget_lines_json(const model::Report& r) {
  json budget_lines = json::array();
  for (const auto& bl : r.budget_lines) {
    json out = {{"label", bl.label},
                {"budget", figure_json(bl.budget)},
                {"executed", figure_json(bl.executed)},
                {"rate", bl.rate.to_string() + "%"},
                {"rate_span", span_json(bl.rate_span)},
                {"from_table", bl.from_table},
                {"budget_elsewhere", bl.budget_elsewhere}};
    // A form's budget block scores the line: only there do 分值 and 得分 appear.
    if (bl.max) out["max"] = bl.max->to_string();
    if (bl.score) {
      out["score"] = bl.score->to_string();
      out["score_span"] = span_json(bl.score_span);
    }
    budget_lines.push_back(std::move(out));
  }
  return budget_lines;
}

json breakdowns_json(const model::Report& r) {
  json breakdowns = json::array();
  for (const auto& b : r.breakdowns) {
    json parts = json::array();
    for (const auto& p : b.parts) parts.push_back(figure_json(p));
    breakdowns.push_back(
        {{"total", figure_json(b.total)}, {"parts", parts}, {"connective", b.connective}, {"partial", b.partial}});
  }
  return breakdowns;
}

json changes_json(const model::Report& r) {
  json changes = json::array();
  for (const auto& c : r.changes)
    changes.push_back({{"label", c.label},
                       {"kind", c.kind == model::StatedChange::Kind::kPercent ? "percent" : "amount"},
                       {"stated", c.stated.to_string() + (c.kind == model::StatedChange::Kind::kPercent ? "%" : "")},
                       {"unit_exponent", c.exponent},
                       {"direction", c.increase ? "increase" : "decrease"},
                       {"span", span_json(c.span)},
                       {"current", optional_figure_json(c.current)},
                       {"previous", optional_figure_json(c.previous)}});
  return changes;
}

json per_unit_json(const model::Report& r) {
  json per_unit = json::array();
  for (const auto& p : r.per_unit)
    per_unit.push_back({{"count", figure_json(p.count)},
                        {"standard", figure_json(p.standard)},
                        {"amount", figure_json(p.amount)},
                        {"bound", std::string(text::qualifier_name(p.bound))},
                        {"basis", p.basis}});
  return per_unit;
}

// Each group repeats its statements in full (not as indices into amounts or
// counts), so a reader of the JSON needs no second lookup.
json repeated_json(const model::Report& r) {
  json repeated = json::array();
  for (const auto& g : r.repeated) {
    json statements = json::array();
    const auto& pool = g.money ? r.amounts : r.counts;
    for (std::size_t i : g.statements)
      if (i < pool.size()) statements.push_back(quantity_json(pool[i]));
    repeated.push_back({{"subject", g.subject}, {"money", g.money}, {"statements", statements}});
  }
  return repeated;
}

json findings_json(const model::Report& r, const FindingFilter& filter) {
  json findings = json::array();
  for (const auto& f : r.findings) {
    if (!filter.accepts(f)) continue;
    json spans = json::array();
    for (const auto& s : f.spans) spans.push_back(span_json(s));
    findings.push_back({{"rule", f.rule},
                        {"severity", f.severity == model::Severity::kError ? "error" : "warning"},
                        {"message", f.message},
                        {"stated", f.stated},
                        {"computed", f.computed},
                        {"tolerance", f.tolerance.empty() ? json(nullptr) : json(f.tolerance)},
                        {"spans", spans},
                        {"roles", f.roles},
                        {"arithmetic", f.arithmetic.empty() ? json(nullptr) : json(f.arithmetic)}});
  }
  return findings;
}

}  // namespace

json document_json(const pipeline::AnalyzedDocument& doc, const FindingFilter& filter) {
  const model::Report& r = doc.report;
  json out;
  out["schema"] = kJsonSchema;
  out["source"] = source_json(doc.document);
  out["report"] = report_json(r);
  out["indicators"] = indicators_json(r);
  out["unmatched"] = unmatched_json(r);
  out["amounts"] = quantities_json(r.amounts);
  out["counts"] = quantities_json(r.counts);
  out["budget_lines"] = budget_lines_json(r);
  out["breakdowns"] = breakdowns_json(r);
  out["changes"] = changes_json(r);
  out["per_unit"] = per_unit_json(r);
  out["repeated_figures"] = repeated_json(r);
  out["findings"] = findings_json(r, filter);
  return out;
}

std::string to_json(const pipeline::AnalyzedDocument& doc, const FindingFilter& filter, int indent) {
  return document_json(doc, filter).dump(indent);
}

}  // namespace jixiao::output
