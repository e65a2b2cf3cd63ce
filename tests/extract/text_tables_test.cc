// Text tables (extract/text_tables.h), two ways.
//
// 1. Data files, one runner, the way DuckDB's sqllogictest works: every
//    tests/extract/text_tables/*.test holds
//
//        # comment lines (what the case is about)
//        <the input text, verbatim: tabs, form feeds and all>
//        ----
//        <the expected result as JSON>
//
//    The input goes through decode_document, as a text file does. The JSON is
//    {"tables": [...], "furniture": [...], "repaired": [...]}: each table with
//    its "source", "rows", "cols", "row_lines" and "cells" (each cell's "row",
//    "col", "text", with "span": [rows, cols] when it spans, and "lines", the
//    line of each piece, when its text stands on several lines); "furniture"
//    the lines marked as page furniture, "repaired" those read as a repaired
//    wrap. Lines are Document line indices: 0 is the input's first line. Run
//    a test with JIXIAO_PRINT_ACTUAL=1 to print what it read.
//    Beside the JSON, every table is checked for what must always hold: each
//    cell's places quote its lines, no row stands on a furniture line, no two
//    cells cover one slot.
//
// 2. The sample reports: in each, the full results table (header with
//    三级指标 or 评价指标, and 得分) is found as one table with as many level-3
//    rows as the report has level-3 indicators (samples/*.expected.json,
//    ../shared/corpus/samples/*.truth.json).

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <tuple>
#include <vector>

#include "jixiao/extract/text_reader.h"
#include "jixiao/extract/text_tables.h"
#include "support/data_file.h"
#include "support/test_support.h"

namespace jixiao::extract {
namespace {

using nlohmann::json;

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

// ---- 1. data files --------------------------------------------------------------

std::filesystem::path cases_dir() { return testing::source_path("tests/extract/text_tables"); }

std::vector<std::string> case_names() { return testing::data_case_names(cases_dir()); }

json cell_json(const TableCell& cell) {
  json j = {{"row", cell.row}, {"col", cell.col}, {"text", cell.text()}};
  if (cell.row_span != 1 || cell.col_span != 1) j["span"] = {cell.row_span, cell.col_span};
  if (cell.places.size() > 1) {
    j["lines"] = json::array();
    for (const CellPlace& p : cell.places) j["lines"].push_back(p.line);
  }
  return j;
}

json document_json(const Document& doc) {
  json out = {{"tables", json::array()}, {"furniture", json::array()}, {"repaired", json::array()}};
  for (const Table& t : doc.tables) {
    json table = {{"source", std::string(table_source_name(t.source))},
                  {"rows", t.rows},
                  {"cols", t.cols},
                  {"row_lines", t.row_lines},
                  {"cells", json::array()}};
    for (const TableCell& c : t.cells) table["cells"].push_back(cell_json(c));
    out["tables"].push_back(table);
  }
  for (std::size_t i = 0; i < doc.lines.size(); ++i) {
    if (doc.lines[i].furniture) out["furniture"].push_back(i);
    if (doc.lines[i].reading == Reading::kRepairedWrap) out["repaired"].push_back(i);
  }
  return out;
}

// What holds for every table, whatever the expectation says.
void check_invariants(const Document& doc) {
  for (const Table& t : doc.tables) {
    ASSERT_EQ(t.row_lines.size(), static_cast<std::size_t>(t.rows));
    for (std::size_t line : t.row_lines) EXPECT_FALSE(doc.lines.at(line).furniture) << "row on furniture line " << line;
    EXPECT_TRUE(std::is_sorted(t.cells.begin(), t.cells.end(), [](const TableCell& a, const TableCell& b) {
      return std::tie(a.row, a.col) < std::tie(b.row, b.col);
    })) << "cells not in row-major order";
    std::set<std::pair<int, int>> covered;
    for (const TableCell& c : t.cells) {
      ASSERT_EQ(c.places.size(), c.lines.size()) << c.text();
      for (std::size_t k = 0; k < c.places.size(); ++k) {
        const CellPlace& p = c.places[k];
        EXPECT_EQ(doc.line_text(p.line).substr(p.begin, p.end - p.begin), c.lines[k]);
        EXPECT_FALSE(doc.lines.at(p.line).furniture) << c.text();
      }
      EXPECT_GE(c.row, 0);
      EXPECT_LE(c.row + c.row_span, t.rows);
      EXPECT_LE(c.col + c.col_span, t.cols);
      for (int r = c.row; r < c.row + c.row_span; ++r)
        for (int k = c.col; k < c.col + c.col_span; ++k)
          EXPECT_TRUE(covered.insert({r, k}).second) << "slot " << r << "," << k << " covered twice";
    }
  }
}

class TextTableFile : public ::testing::TestWithParam<std::string> {};

TEST_P(TextTableFile, ReadsAsExpected) {
  const std::filesystem::path path = cases_dir() / (GetParam() + ".test");
  const testing::DataCase c = testing::read_data_case(path);
  Result<Document> doc = decode_document(path.filename().string(), c.input);
  ASSERT_TRUE(doc) << doc.error().describe();
  const json actual = document_json(*doc);
  if (std::getenv("JIXIAO_PRINT_ACTUAL")) std::cout << actual.dump(1) << "\n";
  EXPECT_EQ(actual, c.expected) << "expected:\n" << c.expected.dump(1) << "\nactual:\n" << actual.dump(1);
  check_invariants(*doc);
}

INSTANTIATE_TEST_SUITE_P(Files, TextTableFile, ::testing::ValuesIn(case_names()),
                         testing::data_case_test_name);

// ---- 2. the sample reports ---------------------------------------------------------

std::string squeezed(std::string s) {
  std::erase(s, ' ');
  // Full-width digits as ASCII (a report may print ８６．５).
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (i + 2 < s.size() && s.compare(i, 2, "\xEF\xBC") == 0 && static_cast<unsigned char>(s[i + 2]) >= 0x90 &&
        static_cast<unsigned char>(s[i + 2]) <= 0x99) {
      out.push_back(static_cast<char>('0' + (static_cast<unsigned char>(s[i + 2]) - 0x90)));
      i += 2;
    } else {
      out.push_back(s[i]);
    }
  }
  return out;
}

bool is_figure(const std::string& s) { return !s.empty() && s.front() >= '0' && s.front() <= '9'; }

bool is_total_label(const std::string& label) {
  for (std::string_view end : {"小计", "合计", "总计", "总分", "得分"})
    if (label.ends_with(end)) return true;
  return false;
}

// The full results table's level-3 rows: rows with a figure under 得分 whose
// labels are not a subtotal or total; in an outline-numbered table (评价指标,
// no 三级指标) only the rows numbered 1, 2, 3 … Returns -1 for any other table.
int level3_rows(const Table& t) {
  int score = -1;
  bool level3 = false, outline = false;
  for (const TableCell& c : t.cells) {
    if (c.row != 0) continue;
    const std::string h = squeezed(c.text());
    score = h == "得分" ? c.col : score;
    level3 = level3 || h == "三级指标";
    outline = outline || h == "评价指标";
  }
  if (score < 0 || !(level3 || outline)) return -1;
  int n = 0;
  for (int r = 1; r < t.rows; ++r) {
    const TableCell* value = t.at(r, score);
    if (!value || !is_figure(squeezed(value->text()))) continue;
    std::string label;
    for (const TableCell& c : t.cells)
      if (c.row == r && c.col < score && !is_figure(squeezed(c.text()))) label += squeezed(c.text());
    if (label.empty() || is_total_label(label)) continue;
    const TableCell* serial = t.at(r, 0);
    if (!level3 && (!serial || squeezed(serial->text()).find_first_not_of("0123456789") != std::string::npos))
      continue;
    ++n;
  }
  return n;
}

struct Sample {
  std::string path;      // the report
  std::string expected;  // the file that states its level-3 count
};

void expect_results_table(const std::string& path, int level3, int tables_expected) {
  Result<Document> doc = read_document(path);
  ASSERT_TRUE(doc) << doc.error().describe();
  int results = 0;
  for (const Table& t : doc->tables) {
    const int n = level3_rows(t);
    if (n < 0) continue;
    ++results;
    EXPECT_EQ(n, level3) << path << ": the results table at line " << t.row_lines.front() + 1;
    // One table: no other table starts inside its lines.
    for (const Table& other : doc->tables) {
      if (&other == &t) continue;
      EXPECT_FALSE(other.row_lines.front() > t.row_lines.front() && other.row_lines.front() < t.row_lines.back())
          << path << ": a table inside the results table at line " << other.row_lines.front() + 1;
    }
  }
  EXPECT_EQ(results, tables_expected) << path;
  check_invariants(*doc);
}

TEST(TextTableSamples, OwnSamples) {
  for (const char* name : {"qinghe-wenlv-2022", "qinghe-wenlv-2022-errors", "lanxi-nongye-2021"}) {
    const std::string base = testing::source_path(std::string("samples/") + name);
    const json expected = json::parse(read_file(base + ".expected.json"));
    expect_results_table(base + ".txt", expected["counts"]["level3"].get<int>(), 1);
  }
}

class SharedSample : public ::testing::TestWithParam<std::string> {};

TEST_P(SharedSample, ResultsTableIsOneTable) {
  const std::string base = testing::shared_path("corpus/samples/" + GetParam());
  JIXIAO_REQUIRE_FILE(base + ".txt");
  JIXIAO_REQUIRE_FILE(base + ".truth.json");
  const json truth = json::parse(read_file(base + ".truth.json"));
  expect_results_table(base + ".txt", truth["level3_count"].get<int>(), 1);
}

INSTANTIATE_TEST_SUITE_P(Samples, SharedSample,
                         ::testing::Values("p1-baixi-linye-2018", "p2-linzhu-jiaoyu-xiangmu-2023",
                                           "p3-songquan-canlian-2024", "p4-wutang-sifa-2017"));

// The seed report prints its results table twice (section 四 and the
// conclusion), each with the 34 level-3 indicators seed_report_test counts.
TEST(TextTableSamples, SeedReport) {
  const std::string path = testing::shared_path("corpus/yanzhou-2020.txt");
  JIXIAO_REQUIRE_FILE(path);
  expect_results_table(path, 34, 2);
}

}  // namespace
}  // namespace jixiao::extract
