#pragma once
// Test cases as data files, the way DuckDB's sqllogictest keeps them: every
// `<dir>/*.test` holds
//
//     # comment lines (what the case is about)
//     <the input text, verbatim: tabs, form feeds and all>
//     ----
//     <the expected result as JSON>
//
// and one runner per folder reads them all.

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

namespace jixiao::testing {

struct DataCase {
  std::string input;
  nlohmann::json expected;
};

// The stems of the .test files in `dir`, sorted. With another `extension`
// (".txt"), the inputs of a folder that keeps each input and its expected
// JSON as two files (samples/real-style: <stem>.txt, <stem>.expected.json).
inline std::vector<std::string> data_case_names(const std::filesystem::path& dir,
                                                std::string_view extension = ".test") {
  std::vector<std::string> names;
  for (const auto& entry : std::filesystem::directory_iterator(dir))
    if (entry.path().extension() == extension) names.push_back(entry.path().stem().string());
  std::sort(names.begin(), names.end());
  return names;
}

// A gtest name for a case from its stem ("wrap-3_first" -> "wrap_3_first"):
// gtest takes letters, digits and underscores only.
inline std::string data_case_test_name(const ::testing::TestParamInfo<std::string>& info) {
  std::string name = info.param;
  for (char& ch : name)
    if (!std::isalnum(static_cast<unsigned char>(ch))) ch = '_';
  return name;
}

// Reads `path`: leading '#' lines, the input, a "----" line, the JSON.
inline DataCase read_data_case(const std::filesystem::path& path) {
  std::ifstream file(path, std::ios::binary);
  std::ostringstream text;
  text << file.rdbuf();
  DataCase c;
  std::istringstream in(text.str());
  std::string line, json_text;
  bool header = true, input = true;
  while (std::getline(in, line)) {
    if (header && line.starts_with("#")) continue;
    header = false;
    if (input && line == "----") {
      input = false;
      continue;
    }
    (input ? c.input : json_text) += line + "\n";
  }
  EXPECT_FALSE(input) << path << ": no ---- line";
  c.expected = nlohmann::json::parse(json_text);
  return c;
}

}  // namespace jixiao::testing
