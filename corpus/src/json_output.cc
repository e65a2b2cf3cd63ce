#include <nlohmann/json.hpp>

#include "jixiao/corpus/output.h"

namespace jixiao::corpus {
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
  return out;
}

json observation_json(const model::Observation& o) {
  return json{{"source", std::string(model::source_kind_name(o.kind))},
              {"name", o.name},
              {"max", decimal_or_null(o.max)},
              {"score", decimal_or_null(o.score)},
              {"rate", rate_or_null(o.rate)},
              {"span", span_json(o.span)}};
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

}  // namespace

bool FindingFilter::accepts(const model::Finding& f) const {
  if (severity && f.severity != *severity) return false;
  if (!rule.empty() && f.rule != rule && !(rule.back() == '.' && f.rule.starts_with(rule))) return false;
  return true;
}

std::string to_json(const AnalyzedDocument& doc, const FindingFilter& filter, int indent) {
  const model::Report& r = doc.report;
  json out;
  out["schema"] = kJsonSchema;
  out["source"] = {{"path", doc.document.path},     {"sha256", doc.document.sha256},
                   {"format", doc.document.format}, {"encoding", doc.document.encoding},
                   {"pages", doc.document.pages}};

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
  out["report"] = {{"title", r.title},
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
                   {"total_observations", observations_json(r.total.observations)}};

  json indicators = json::array();
  for (int i = 0; i < static_cast<int>(r.indicators.size()); ++i) {
    const model::Indicator& ind = r.indicators[i];
    indicators.push_back({{"level", ind.level},
                          {"name", ind.name},
                          {"path", r.path(i)},
                          {"max", decimal_or_null(ind.max)},
                          {"score", decimal_or_null(ind.score)},
                          {"rate", rate_or_null(ind.rate)},
                          {"observations", observations_json(ind.observations)}});
  }
  out["indicators"] = indicators;

  json unmatched = json::array();
  for (const auto& u : r.unmatched)
    unmatched.push_back({{"level", u.level}, {"parent", u.parent_name}, {"observation", observation_json(u.observation)}});
  out["unmatched"] = unmatched;

  json amounts = json::array(), count_list = json::array();
  for (const auto& q : r.amounts) amounts.push_back(quantity_json(q));
  for (const auto& q : r.counts) count_list.push_back(quantity_json(q));
  out["amounts"] = amounts;
  out["counts"] = count_list;

  auto figure = [](const model::BudgetFigure& f) {
    return json{{"value", f.value.to_string()},
                {"unit_exponent", f.exponent},
                {"label", f.label},
                {"qualifier", std::string(text::qualifier_name(f.qualifier))},
                {"span", span_json(f.span)}};
  };
  auto optional_figure = [&](const std::optional<model::BudgetFigure>& f) { return f ? figure(*f) : json(nullptr); };
  json budget_lines = json::array();
  for (const auto& bl : r.budget_lines)
    budget_lines.push_back({{"label", bl.label},
                            {"budget", figure(bl.budget)},
                            {"executed", figure(bl.executed)},
                            {"rate", bl.rate.to_string() + "%"},
                            {"rate_span", span_json(bl.rate_span)},
                            {"from_table", bl.from_table},
                            {"budget_elsewhere", bl.budget_elsewhere}});
  out["budget_lines"] = budget_lines;

  json breakdowns = json::array();
  for (const auto& b : r.breakdowns) {
    json parts = json::array();
    for (const auto& p : b.parts) parts.push_back(figure(p));
    breakdowns.push_back(
        {{"total", figure(b.total)}, {"parts", parts}, {"connective", b.connective}, {"partial", b.partial}});
  }
  out["breakdowns"] = breakdowns;

  json changes = json::array();
  for (const auto& c : r.changes)
    changes.push_back({{"label", c.label},
                       {"kind", c.kind == model::StatedChange::Kind::kPercent ? "percent" : "amount"},
                       {"stated", c.stated.to_string() + (c.kind == model::StatedChange::Kind::kPercent ? "%" : "")},
                       {"unit_exponent", c.exponent},
                       {"direction", c.increase ? "increase" : "decrease"},
                       {"span", span_json(c.span)},
                       {"current", optional_figure(c.current)},
                       {"previous", optional_figure(c.previous)}});
  out["changes"] = changes;

  json per_unit = json::array();
  for (const auto& p : r.per_unit)
    per_unit.push_back({{"count", figure(p.count)},
                        {"standard", figure(p.standard)},
                        {"amount", figure(p.amount)},
                        {"bound", std::string(text::qualifier_name(p.bound))},
                        {"basis", p.basis}});
  out["per_unit"] = per_unit;

  json repeated = json::array();
  for (const auto& g : r.repeated) {
    json statements = json::array();
    const auto& pool = g.money ? r.amounts : r.counts;
    for (std::size_t i : g.statements)
      if (i < pool.size()) statements.push_back(quantity_json(pool[i]));
    repeated.push_back({{"subject", g.subject}, {"money", g.money}, {"statements", statements}});
  }
  out["repeated_figures"] = repeated;

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
  out["findings"] = findings;
  return out.dump(indent);
}

}  // namespace jixiao::corpus
