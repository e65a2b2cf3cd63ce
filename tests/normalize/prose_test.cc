// The prose readers on data files (tests/support/data_file.h): every
// tests/normalize/prose/*.test is a fragment of a report's running text and
// what the report builder and the rules make of it, as JSON:
//
//   {"breakdowns": [[total label, total, [parts], "含" / "其中"…], ...],
//    "changes": [[label, "percent" | "amount", stated], ...],
//    "budget_lines": [[budget, executed, rate], ...],
//    "total": "92" or null, "grades": ["良", ...],
//    "bands": [[grade, lower or null, upper or null], ...],
//    "guesses": [[line, quoted text, reading], ...]   (figures read by a guess)
//    "findings": [[rule, severity, line], ...]}
//
// Each case is one phenomenon of real report prose (issue 11): lists that end
// at a stronger separator, changes that are no totals, inclusions, units stated
// once, mixed units, cut rates, OCR damage, grades without a score, a report's
// own bands. Negative cases say what must NOT be read. Run with
// JIXIAO_PRINT_ACTUAL=1 to print what was read.

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cstdlib>
#include <iostream>

#include "jixiao/extract/text_reader.h"
#include "jixiao/normalize/report_builder.h"
#include "jixiao/validate/validate.h"
#include "support/data_file.h"
#include "support/test_support.h"

namespace jixiao::normalize {
namespace {

using nlohmann::json;

json optional_decimal(const std::optional<text::Decimal>& d) { return d ? json(d->to_string()) : json(nullptr); }

json prose_json(const model::Report& r) {
  json out;
  json breakdowns = json::array();
  for (const model::Breakdown& b : r.breakdowns) {
    json parts = json::array();
    for (const model::BudgetFigure& p : b.parts) parts.push_back(p.value.to_string());
    breakdowns.push_back({b.total.label, b.total.value.to_string(), parts, b.connective});
  }
  out["breakdowns"] = breakdowns;
  json changes = json::array();
  for (const model::StatedChange& c : r.changes)
    changes.push_back({c.label, c.kind == model::StatedChange::Kind::kPercent ? "percent" : "amount",
                       c.stated.to_string()});
  out["changes"] = changes;
  json lines = json::array();
  for (const model::BudgetLine& bl : r.budget_lines)
    lines.push_back({bl.budget.value.to_string(), bl.executed.value.to_string(), bl.rate.to_string() + "%"});
  out["budget_lines"] = lines;
  out["total"] = optional_decimal(r.total.score);
  json grades = json::array();
  for (const model::GradeStatement& g : r.grades) grades.push_back(g.grade);
  out["grades"] = grades;
  json bands = json::array();
  for (const model::GradeBand& b : r.grade_bands)
    bands.push_back({b.grade, optional_decimal(b.lower), optional_decimal(b.upper)});
  out["bands"] = bands;
  json guesses = json::array();
  const auto guessed = [&](const extract::SourceSpan& s) {
    if (s.reading != extract::Reading::kExact)
      guesses.push_back({s.line, s.text, std::string(extract::reading_name(s.reading))});
  };
  for (const model::StatedQuantity& q : r.amounts) guessed(q.span);
  for (const model::StatedQuantity& q : r.counts) guessed(q.span);
  for (const model::Breakdown& b : r.breakdowns) guessed(b.total.span);
  for (const model::Observation& o : r.total.observations) guessed(o.span);
  out["guesses"] = guesses;
  json findings = json::array();
  for (const model::Finding& f : validate::validate(r))
    findings.push_back({f.rule, f.severity == model::Severity::kError ? "error" : "warning",
                        f.spans.empty() ? 0 : f.spans.front().line});
  out["findings"] = findings;
  return out;
}

std::filesystem::path cases_dir() { return testing::source_path("tests/normalize/prose"); }

class ProseFile : public ::testing::TestWithParam<std::string> {};

TEST_P(ProseFile, GivesTheRecords) {
  const std::filesystem::path path = cases_dir() / (GetParam() + ".test");
  const testing::DataCase c = testing::read_data_case(path);
  auto doc = extract::decode_document(path.filename().string(), c.input);
  ASSERT_TRUE(doc) << doc.error().describe();
  const json actual = prose_json(build_report(*doc));
  if (std::getenv("JIXIAO_PRINT_ACTUAL")) std::cout << actual.dump() << "\n";
  EXPECT_EQ(actual, c.expected) << "expected:\n" << c.expected.dump(1) << "\nactual:\n" << actual.dump(1);
}

INSTANTIATE_TEST_SUITE_P(Files, ProseFile, ::testing::ValuesIn(testing::data_case_names(cases_dir())),
                         testing::data_case_test_name);

}  // namespace
}  // namespace jixiao::normalize
