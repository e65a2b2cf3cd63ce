// The self-evaluation form (项目支出绩效自评表) on data files: every
// samples/real-style/<stem>.txt is a whole form with its expected records in
// <stem>.expected.json, and every tests/normalize/forms/*.test a fragment in
// the format of tests/support/data_file.h. The expected JSON is
//
//   {"report": {"title", "unit", "project", "department", "year", "total": [max, score], "grade"},
//    "tree": [[level, "path/of/names", max, score, target, actual], ...],
//    "budget_lines": [[label, budget, executed, rate, max, score], ...],
//    "breakdowns": [[total label, total, [parts]], ...],
//    "findings": [[rule, severity, line], ...]}
//
// with the report built and validated as `jixiao check` does. Run with
// JIXIAO_PRINT_ACTUAL=1 to print what was read.

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cstdlib>
#include <fstream>
#include <iostream>
#include <sstream>

#include "jixiao/extract/text_reader.h"
#include "jixiao/normalize/report_builder.h"
#include "jixiao/validate/validate.h"
#include "support/data_file.h"
#include "support/test_support.h"

namespace jixiao::normalize {
namespace {

using nlohmann::json;
using text::Decimal;

json decimal(const std::optional<Decimal>& d) { return d ? json(d->to_string()) : json(nullptr); }
json text_or_null(const std::optional<std::string>& s) { return s ? json(*s) : json(nullptr); }

json report_json(const model::Report& r) {
  json out;
  out["report"] = {{"title", r.title},       {"unit", r.unit},
                   {"project", r.project},   {"department", r.department},
                   {"year", r.year ? json(*r.year) : json(nullptr)},
                   {"total", {decimal(r.total.max), decimal(r.total.score)}},
                   {"grade", r.grade()}};
  json tree = json::array();
  for (std::size_t i = 0; i < r.indicators.size(); ++i) {
    std::string path;
    for (const std::string& name : r.path(static_cast<int>(i))) path += (path.empty() ? "" : "/") + name;
    const model::Indicator& ind = r.indicators[i];
    tree.push_back({ind.level, path, decimal(ind.max), decimal(ind.score), text_or_null(ind.target),
                    text_or_null(ind.actual)});
  }
  out["tree"] = tree;
  json lines = json::array();
  for (const model::BudgetLine& bl : r.budget_lines)
    lines.push_back({bl.label, bl.budget.value.to_string(), bl.executed.value.to_string(), bl.rate.to_string() + "%",
                     decimal(bl.max), decimal(bl.score)});
  out["budget_lines"] = lines;
  json breakdowns = json::array();
  for (const model::Breakdown& b : r.breakdowns) {
    json parts = json::array();
    for (const model::BudgetFigure& p : b.parts) parts.push_back(p.value.to_string());
    breakdowns.push_back({b.total.label, b.total.value.to_string(), parts});
  }
  out["breakdowns"] = breakdowns;
  json findings = json::array();
  for (const model::Finding& f : validate::validate(r))
    findings.push_back({f.rule, f.severity == model::Severity::kError ? "error" : "warning",
                        f.spans.empty() ? 0 : f.spans.front().line});
  out["findings"] = findings;
  return out;
}

std::string read_all(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

void expect_records(const std::string& name, const std::string& input, const json& expected) {
  auto doc = extract::decode_document(name, input);
  ASSERT_TRUE(doc) << doc.error().describe();
  const json actual = report_json(build_report(*doc));
  if (std::getenv("JIXIAO_PRINT_ACTUAL")) std::cout << actual.dump(1) << "\n";
  EXPECT_EQ(actual, expected) << "expected:\n" << expected.dump(1) << "\nactual:\n" << actual.dump(1);
}

std::filesystem::path samples_dir() { return testing::source_path("samples/real-style"); }
std::filesystem::path fragments_dir() { return testing::source_path("tests/normalize/forms"); }

class FormSample : public ::testing::TestWithParam<std::string> {};

TEST_P(FormSample, GivesTheRecords) {
  const std::filesystem::path input = samples_dir() / (GetParam() + ".txt");
  const std::filesystem::path expected = samples_dir() / (GetParam() + ".expected.json");
  ASSERT_TRUE(std::filesystem::exists(expected)) << expected;
  expect_records(input.filename().string(), read_all(input), json::parse(read_all(expected)));
}

INSTANTIATE_TEST_SUITE_P(Samples, FormSample, ::testing::ValuesIn(testing::data_case_names(samples_dir(), ".txt")),
                         testing::data_case_test_name);

class FormFragment : public ::testing::TestWithParam<std::string> {};

TEST_P(FormFragment, GivesTheRecords) {
  const std::filesystem::path path = fragments_dir() / (GetParam() + ".test");
  const testing::DataCase c = testing::read_data_case(path);
  expect_records(path.filename().string(), c.input, c.expected);
}

INSTANTIATE_TEST_SUITE_P(Files, FormFragment, ::testing::ValuesIn(testing::data_case_names(fragments_dir())),
                         testing::data_case_test_name);

}  // namespace
}  // namespace jixiao::normalize
