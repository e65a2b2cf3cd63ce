// corpus/src/document_rows.cc: a record as the typed rows of the dataset. A
// record from the pipeline gives one row per element of each array; a record
// of the wrong shape is an error or NULLs, never an exception.
#include "jixiao/corpus/document_rows.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

#include "jixiao/output/record.h"
#include "support/test_support.h"

namespace jixiao::corpus {
namespace {

using nlohmann::json;

const std::string kErrors = testing::source_path("samples/qinghe-wenlv-2022-errors.txt");

TEST(DocumentRows, OneRowPerElementOfARecordFromThePipeline) {
  const std::string record = output::make_record("a/errors.txt", "abc", pipeline::analyze_file(kErrors));
  const auto rows = document_rows(record);
  ASSERT_TRUE(rows.has_value()) << rows.error();
  const json doc = json::parse(record).at("document");

  const DocumentRow& d = rows->document;
  EXPECT_TRUE(rows->ok());
  EXPECT_EQ(d.sha256, "abc");
  EXPECT_EQ(d.path, "a/errors.txt");
  EXPECT_EQ(d.status, "ok");
  EXPECT_EQ(d.error, std::nullopt);
  EXPECT_EQ(d.format, "text");
  EXPECT_EQ(d.pages, 1);
  EXPECT_EQ(d.year, 2022);
  EXPECT_EQ(d.total_score, "86.5");
  EXPECT_EQ(d.grade, "优秀");
  EXPECT_EQ(d.error_findings, 15);
  EXPECT_EQ(d.warning_findings, 0);
  EXPECT_EQ(json::parse(d.record), json::parse(record));

  ASSERT_EQ(rows->indicators.size(), doc.at("indicators").size());
  ASSERT_EQ(rows->amounts.size(), doc.at("amounts").size());
  ASSERT_EQ(rows->counts.size(), doc.at("counts").size());
  ASSERT_EQ(rows->findings.size(), doc.at("findings").size());
  const IndicatorRow& first = rows->indicators.at(0);
  EXPECT_EQ(first.path, "投入");
  EXPECT_EQ(first.rate, doc.at("indicators")[0].at("rate").get<std::string>());
  EXPECT_EQ(first.line, doc.at("indicators")[0].at("observations")[0].at("span").at("line").get<int>());
  EXPECT_EQ(rows->amounts.at(0).value, "1836.50");  // exact text, trailing zero kept
  EXPECT_EQ(rows->amounts.at(0).yuan, "18365000");
  EXPECT_EQ(rows->findings.at(0).rule, doc.at("findings")[0].at("rule").get<std::string>());
}

TEST(DocumentRows, AFailedDocumentHasNoChildRowsAndNoCounts) {
  const auto rows = document_rows(output::make_failure_record("slow.pdf", "00", "timed out after 60 s"));
  ASSERT_TRUE(rows.has_value()) << rows.error();
  EXPECT_FALSE(rows->ok());
  EXPECT_EQ(rows->document.error, "timed out after 60 s");
  EXPECT_EQ(rows->document.error_findings, std::nullopt);
  EXPECT_EQ(rows->document.format, std::nullopt);
  EXPECT_TRUE(rows->indicators.empty() && rows->amounts.empty() && rows->counts.empty() && rows->findings.empty());
}

TEST(DocumentRows, AFieldOfTheWrongTypeIsNullNeverAnException) {
  const json record = {
      {"schema", output::kRecordSchema},
      {"sha256", "ab"},
      {"path", "a.txt"},
      {"status", "ok"},
      {"error", 5},
      {"processed_at", json::array()},
      {"document",
       {{"source", {{"pages", "one"}, {"format", true}}},
        {"report", {{"title", 5}, {"year", "2022"}, {"total_score", 86.5}}},
        {"indicators", {{{"level", "x"}, {"path", {1, "投入", nullptr, "项目"}}, {"observations", "none"}}, 7}},
        {"amounts", {{{"span", "line 3"}, {"value", {{"nested", 1}}}}}},
        {"counts", "none"},
        {"findings", {{{"severity", 1}, {"spans", {5}}}, {{"severity", "error"}}}}}}};
  const auto rows = document_rows(record.dump());
  ASSERT_TRUE(rows.has_value()) << rows.error();
  const DocumentRow& d = rows->document;
  EXPECT_EQ(d.error, "5");  // a number where text is expected keeps its literal
  EXPECT_EQ(d.processed_at, std::nullopt);
  EXPECT_EQ(d.pages, std::nullopt);
  EXPECT_EQ(d.format, "true");
  EXPECT_EQ(d.title, "5");
  EXPECT_EQ(d.year, std::nullopt);
  EXPECT_EQ(d.total_score, "86.5");
  EXPECT_EQ(d.error_findings, 1);
  EXPECT_EQ(d.warning_findings, 0);
  ASSERT_EQ(rows->indicators.size(), 2u);
  EXPECT_EQ(rows->indicators[0].level, std::nullopt);
  EXPECT_EQ(rows->indicators[0].path, "投入 / 项目");
  EXPECT_EQ(rows->indicators[0].page, std::nullopt);
  EXPECT_EQ(rows->indicators[1].name, std::nullopt);  // 7 is not an object
  ASSERT_EQ(rows->amounts.size(), 1u);
  EXPECT_EQ(rows->amounts[0].value, std::nullopt);
  EXPECT_EQ(rows->amounts[0].line, std::nullopt);
  EXPECT_TRUE(rows->counts.empty());
  ASSERT_EQ(rows->findings.size(), 2u);
  EXPECT_EQ(rows->findings[0].severity, "1");
  EXPECT_EQ(rows->findings[0].line, std::nullopt);
}

TEST(DocumentRows, AnUnusableRecordIsAnErrorSayingWhy) {
  const json good = {{"schema", output::kRecordSchema}, {"sha256", "ab"}, {"path", "a.txt"},
                     {"status", "error"},              {"error", "x"},   {"document", nullptr}};
  auto with = [&](const char* key, const json& value) {
    json r = good;
    if (value.is_discarded()) r.erase(key);
    else r[key] = value;
    return r.dump();
  };
  const json absent(json::value_t::discarded);
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"", "record is not valid JSON"},
      {"{\"schema\": ", "record is not valid JSON"},
      {"[1, 2]", "record is not a JSON object"},
      {"{\"path\":\"a.txt\",\"status\":5}", "record schema is not \"jixiao-record/1\""},
      {with("schema", "jixiao-record/0"), "record schema is not \"jixiao-record/1\""},
      {with("sha256", absent), "record has no sha256"},
      {with("sha256", 12), "record has no sha256"},
      {with("sha256", ""), "record has no sha256"},
      {with("path", absent), "record has no path"},
      {with("path", json::array()), "record has no path"},
      {with("status", 5), "record status is neither \"ok\" nor \"error\""},
      {with("status", absent), "record status is neither \"ok\" nor \"error\""},
      {with("status", "maybe"), "record status is neither \"ok\" nor \"error\""},
      {with("status", "ok"), "record with status ok has no document"},
  };
  for (const auto& [record, why] : cases) {
    const auto rows = document_rows(record);
    ASSERT_FALSE(rows.has_value()) << record;
    EXPECT_EQ(rows.error(), why) << record;
  }
  EXPECT_TRUE(document_rows(good.dump()).has_value());
}

}  // namespace
}  // namespace jixiao::corpus
