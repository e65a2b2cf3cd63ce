// The total-and-grade reader on data files (tests/support/data_file.h): every
// tests/normalize/statements/*.test holds a report fragment, "----", and what
// the report builder reads of its total and grade, as JSON:
//
//   {"total": "92" or null, "max": "100" or null, "grade": "优秀" or null,
//    "total_quote": the original text of the first total statement,
//    "grade_quote": the original text of the first grade's span,
//    "projects": [["subject", "score", "grade or null"], ...] (results notices)}
//
// The quotes show that spans point at the report as printed (traditional
// characters, full-width forms and all). The input goes through
// decode_document, as a text file does. Run with JIXIAO_PRINT_ACTUAL=1 to
// print what was read.

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cctype>
#include <cstdlib>
#include <iostream>

#include "jixiao/extract/text_reader.h"
#include "jixiao/normalize/report_builder.h"
#include "support/data_file.h"
#include "support/test_support.h"

namespace jixiao::normalize {
namespace {

using model::Report;
using nlohmann::json;
using text::Decimal;

json decimal(const std::optional<Decimal>& d) { return d ? json(d->to_string()) : json(nullptr); }

json report_json(const Report& r) {
  json out = {{"total", decimal(r.total.score)}, {"max", decimal(r.total.max)},
              {"grade", r.grade().empty() ? json(nullptr) : json(r.grade())}};
  out["total_quote"] = nullptr;
  for (const model::Observation& o : r.total.observations)
    if (o.kind == model::SourceKind::kTotalStatement) {
      out["total_quote"] = o.span.text;
      break;
    }
  out["grade_quote"] = r.grades.empty() ? json(nullptr) : json(r.grades.front().span.text);
  json projects = json::array();
  for (const model::ProjectResult& p : r.project_results)
    projects.push_back({p.subject, p.score.to_string(), p.grade.empty() ? json(nullptr) : json(p.grade)});
  out["projects"] = projects;
  return out;
}

std::filesystem::path cases_dir() { return testing::source_path("tests/normalize/statements"); }

class StatementFile : public ::testing::TestWithParam<std::string> {};

TEST_P(StatementFile, GivesTotalAndGrade) {
  const std::filesystem::path path = cases_dir() / (GetParam() + ".test");
  const testing::DataCase c = testing::read_data_case(path);
  auto doc = extract::decode_document(path.filename().string(), c.input);
  ASSERT_TRUE(doc) << doc.error().describe();
  const json actual = report_json(build_report(*doc));
  if (std::getenv("JIXIAO_PRINT_ACTUAL")) std::cout << GetParam() << ": " << actual.dump() << "\n";
  EXPECT_EQ(actual, c.expected) << "expected:\n" << c.expected.dump(1) << "\nactual:\n" << actual.dump(1);
}

INSTANTIATE_TEST_SUITE_P(Files, StatementFile, ::testing::ValuesIn(testing::data_case_names(cases_dir())),
                         testing::data_case_test_name);

}  // namespace
}  // namespace jixiao::normalize
