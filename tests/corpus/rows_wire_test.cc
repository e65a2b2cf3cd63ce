// corpus/src/rows_wire.cc: the rows a worker sends the writer. The rows of
// every sample and test PDF come back equal, column for column (a column left
// out of the wire's tables would come back empty); anything but a whole
// encoding is refused without a crash: every prefix of one, every byte of
// one overwritten, a count larger than the bytes left.
#include "rows_wire.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <filesystem>
#include <string>
#include <vector>

#include "jixiao/output/record.h"
#include "jixiao/pipeline/pipeline.h"
#include "support/test_support.h"

namespace jixiao::corpus::internal {
namespace {

using nlohmann::json;

// The rows of our samples and test PDFs, one with OCR pages, and a failure.
std::vector<DocumentRows> sample_rows() {
  std::vector<DocumentRows> out;
  for (const char* dir : {"samples", "samples/real-style", "tests/data/pdf"})
    for (const auto& entry : std::filesystem::directory_iterator(testing::source_path(dir))) {
      const std::string path = entry.path().string();
      if (!path.ends_with(".txt") && !path.ends_with(".pdf")) continue;
      auto rows = document_rows(output::make_record(path, "abc", pipeline::analyze_file(path)));
      EXPECT_TRUE(rows.has_value()) << path;
      if (rows) out.push_back(std::move(*rows));
    }
  json scan = json::parse(output::make_record(
      "scan.pdf", "abc", pipeline::analyze_file(testing::source_path("samples/qinghe-wenlv-2022-errors.txt"))));
  scan["document"]["source"]["ocr_pages"] =
      json::array({{{"page", 1}, {"words", 30}, {"mean_confidence", 95.5}, {"guessed_words", 1}, {"rulings", 12},
                    {"skew_degrees", -1.25}, {"timed_out", true}}});
  out.push_back(*document_rows(scan.dump()));
  out.push_back(*document_rows(
      output::make_failure_record("a/b.pdf", "abc", "worker crashed (signal 9) \xff", output::Failure::kCrash)));
  return out;
}

TEST(RowsWire, EveryColumnOfEverySampleComesBackEqual) {
  const std::vector<DocumentRows> all = sample_rows();
  ASSERT_GE(all.size(), 20u);
  std::size_t indicators = 0, amounts = 0, counts = 0, findings = 0, budget = 0, projects = 0, ocr = 0;
  for (const DocumentRows& rows : all) {
    const auto back = decode_rows(encode_rows(rows));
    ASSERT_TRUE(back.has_value()) << rows.document.path << ": " << back.error();
    EXPECT_TRUE(*back == rows) << rows.document.path;
    indicators += rows.indicators.size();
    amounts += rows.amounts.size();
    counts += rows.counts.size();
    findings += rows.findings.size();
    budget += rows.budget_lines.size();
    projects += rows.project_results.size();
    ocr += rows.ocr_pages.size();
  }
  // Every kind of row took part.
  EXPECT_GT(indicators, 0u);
  EXPECT_GT(amounts, 0u);
  EXPECT_GT(counts, 0u);
  EXPECT_GT(findings, 0u);
  EXPECT_GT(budget, 0u);
  EXPECT_GT(projects, 0u);
  EXPECT_GT(ocr, 0u);
}

TEST(RowsWire, APartOfAnEncodingIsRefused) {
  const std::vector<DocumentRows> all = sample_rows();
  const std::string bytes = encode_rows(all.back());  // the failure: small
  ASSERT_LT(bytes.size(), 4096u);
  for (std::size_t n = 0; n < bytes.size(); ++n) EXPECT_FALSE(decode_rows(bytes.substr(0, n)).has_value()) << n;
  EXPECT_EQ(decode_rows(bytes + "x").error(), "trailing bytes");
  EXPECT_EQ(decode_rows("{\"status\":\"ok\"}").error(), "not rows");
}

TEST(RowsWire, AnyByteOverwrittenIsRefusedOrStillRowsNeverACrash) {
  const std::vector<DocumentRows> all = sample_rows();
  const std::string bytes = encode_rows(all.back());
  std::size_t refused = 0;
  for (std::size_t i = 0; i < bytes.size(); ++i)
    for (const char c : {'\xff', '\x02', '\x7f'}) {
      std::string bad = bytes;
      if (bad[i] == c) continue;
      bad[i] = c;
      // Under the sanitizers this also shows no read past the bytes and no
      // allocation sized by a garbled count.
      if (!decode_rows(bad)) ++refused;
    }
  EXPECT_GT(refused, bytes.size());  // lengths, flags and the magic all guard
}

}  // namespace
}  // namespace jixiao::corpus::internal
