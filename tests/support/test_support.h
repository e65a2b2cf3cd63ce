#pragma once
// Helpers shared by the tests: where the shared corpus and the repository's
// own samples are, and how to find things in an analysed report.

#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "jixiao/pipeline/pipeline.h"
#include "jixiao/model/report.h"

namespace jixiao::testing {

// A file of ../shared/ (the shared corpus beside the checkout).
inline std::string shared_path(const std::string& relative) {
  return std::string(JIXIAO_SHARED_DIR) + "/" + relative;
}

// A file of this repository.
inline std::string source_path(const std::string& relative) {
  return std::string(JIXIAO_SOURCE_DIR) + "/" + relative;
}

inline pipeline::AnalyzedDocument analyze_or_fail(const std::string& path) {
  auto result = pipeline::analyze_file(path);
  if (!result) {
    ADD_FAILURE() << result.error().describe();
    return {};
  }
  return std::move(*result);
}

// Index of the indicator with this path of names (level 1 first), or -1.
inline int find_indicator(const model::Report& r, const std::vector<std::string>& path) {
  for (int i = 0; i < static_cast<int>(r.indicators.size()); ++i)
    if (r.path(i) == path) return i;
  return -1;
}

inline int count_level(const model::Report& r, int level) {
  int n = 0;
  for (const auto& ind : r.indicators) n += ind.level == level ? 1 : 0;
  return n;
}

// True when a span of the finding is on `line`.
inline bool cites_line(const model::Finding& f, int line) {
  for (const auto& s : f.spans)
    if (s.line == line) return true;
  return false;
}

inline std::string opt_string(const std::optional<text::Decimal>& d) { return d ? d->to_string() : "<none>"; }

// Expects the indicator at `path` to exist with these figures.
inline void expect_figures(const model::Report& r, const std::vector<std::string>& path, const std::string& max,
                           const std::string& score) {
  const int i = find_indicator(r, path);
  ASSERT_GE(i, 0) << path.back() << " is not in the tree";
  EXPECT_EQ(opt_string(r.indicators[i].max), max) << path.back();
  EXPECT_EQ(opt_string(r.indicators[i].score), score) << path.back();
}

}  // namespace jixiao::testing

// Skips the current test when a shared file is absent (CI always has ../shared/).
#define JIXIAO_REQUIRE_FILE(path)                                                     \
  do {                                                                                \
    if (!std::filesystem::exists(path)) GTEST_SKIP() << "shared file absent: " << (path); \
  } while (0)
