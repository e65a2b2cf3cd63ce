// The score-table reader on data files (tests/support/data_file.h): every
// tests/normalize/score_tables/*.test holds a report fragment, "----", and
// the indicator tree the report builder makes of it, as JSON:
//
//   {"tree": [[level, "path/of/names", "max", "score"], ...],
//    "total": ["max", "score"] (when a total row states them),
//    "guessed_lines": [1-based lines of figures read by a guess]}
//
// Scores and maxima are the canonical values (null when none is stated). The
// input goes through decode_document, as a text file does, so the text-table
// finder, the one Table model and the readers all take part. Run with
// JIXIAO_PRINT_ACTUAL=1 to print what was read.

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cstdlib>
#include <iostream>
#include <set>

#include "jixiao/extract/text_reader.h"
#include "jixiao/normalize/report_builder.h"
#include "support/data_file.h"
#include "support/test_support.h"

namespace jixiao::normalize {

using model::Indicator;
using model::Observation;
using model::Report;
using text::Decimal;

namespace {

using nlohmann::json;

json decimal(const std::optional<Decimal>& d) { return d ? json(d->to_string()) : json(nullptr); }

json report_json(const Report& r) {
  json tree = json::array();
  for (std::size_t i = 0; i < r.indicators.size(); ++i) {
    std::string path;
    for (const std::string& name : r.path(static_cast<int>(i))) path += (path.empty() ? "" : "/") + name;
    const Indicator& ind = r.indicators[i];
    tree.push_back({ind.level, path, decimal(ind.max), decimal(ind.score)});
  }
  json out = {{"tree", tree}};
  if (r.total.max || r.total.score) out["total"] = {decimal(r.total.max), decimal(r.total.score)};
  std::set<int> guessed;
  for (const Indicator& ind : r.indicators)
    for (const Observation& o : ind.observations)
      if (o.span.reading != extract::Reading::kExact) guessed.insert(o.span.line);
  out["guessed_lines"] = guessed;
  return out;
}

std::filesystem::path cases_dir() { return testing::source_path("tests/normalize/score_tables"); }

class ScoreTableFile : public ::testing::TestWithParam<std::string> {};

TEST_P(ScoreTableFile, GivesTheTree) {
  const std::filesystem::path path = cases_dir() / (GetParam() + ".test");
  const testing::DataCase c = testing::read_data_case(path);
  auto doc = extract::decode_document(path.filename().string(), c.input);
  ASSERT_TRUE(doc) << doc.error().describe();
  const json actual = report_json(build_report(*doc));
  if (std::getenv("JIXIAO_PRINT_ACTUAL")) std::cout << actual.dump(1) << "\n";
  EXPECT_EQ(actual, c.expected) << "expected:\n" << c.expected.dump(1) << "\nactual:\n" << actual.dump(1);
}

INSTANTIATE_TEST_SUITE_P(Files, ScoreTableFile, ::testing::ValuesIn(testing::data_case_names(cases_dir())),
                         testing::data_case_test_name);

}  // namespace
}  // namespace jixiao::normalize
