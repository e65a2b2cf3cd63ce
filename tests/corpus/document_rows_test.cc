// corpus/src/document_rows.cc: a record as the typed rows of the dataset. A
// record from the pipeline gives one row per element of each array; a record
// of the wrong shape is an error or NULLs, never an exception.
#include "jixiao/corpus/document_rows.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <filesystem>
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
  // Read from its text: no page went through OCR.
  EXPECT_EQ(d.ocr_page_count, 0);
  EXPECT_EQ(d.ocr_confidence, std::nullopt);
  EXPECT_TRUE(rows->ocr_pages.empty());
}

// A record this build wrote is stored as it is (RecordOrigin::kThisBuild),
// which is only right if that is exactly what re-serializing it gives: for
// every sample, every test PDF and the failures, both origins store the same
// bytes.
TEST(DocumentRows, ARecordOfThisBuildIsStoredAsItsReserialization) {
  std::vector<std::string> records;
  for (const char* dir : {"samples", "samples/real-style", "tests/data/pdf"})
    for (const auto& entry : std::filesystem::directory_iterator(testing::source_path(dir))) {
      const std::string path = entry.path().string();
      if (!path.ends_with(".txt") && !path.ends_with(".pdf")) continue;
      records.push_back(output::make_record(path, "abc", pipeline::analyze_file(path)));
    }
  records.push_back(output::make_failure_record("a/b.pdf", "abc", "worker crashed (signal 9) \xff \"q\"",
                                                output::Failure::kCrash));
  ASSERT_GE(records.size(), 20u);
  for (const std::string& record : records) {
    const auto outside = record_rows(record, {}, RecordOrigin::kOutside);
    const auto own = record_rows(record, {}, RecordOrigin::kThisBuild);
    ASSERT_TRUE(outside.has_value() && own.has_value()) << record.substr(0, 300);
    const auto* a = std::get_if<DocumentRows>(&*outside);
    const auto* b = std::get_if<DocumentRows>(&*own);
    ASSERT_TRUE(a != nullptr && b != nullptr) << record.substr(0, 300);
    EXPECT_EQ(a->document.record, b->document.record) << record.substr(0, 300);
    EXPECT_EQ(b->document.record, record);
  }
}

// A worker makes its rows from the record's value, never parsing the text it
// wrote (parsed_record_rows): the rows, the stored record included, are
// exactly those of the text, for every sample and test PDF.
TEST(DocumentRows, RowsOfARecordsValueAreThoseOfItsText) {
  int documents = 0;
  for (const char* dir : {"samples", "samples/real-style", "tests/data/pdf"})
    for (const auto& entry : std::filesystem::directory_iterator(testing::source_path(dir))) {
      const std::string path = entry.path().string();
      if (!path.ends_with(".txt") && !path.ends_with(".pdf")) continue;
      const json value = output::make_record_value(path, "abc", pipeline::analyze_file(path));
      const std::string text = output::record_text(value);
      const auto from_value = parsed_record_rows(value, text);
      const auto from_text = record_rows(text, {}, RecordOrigin::kThisBuild);
      ASSERT_TRUE(from_value.has_value() && from_text.has_value()) << path;
      const auto* a = std::get_if<DocumentRows>(&*from_value);
      ASSERT_TRUE(a != nullptr) << path;
      EXPECT_EQ(*a, std::get<DocumentRows>(*from_text)) << path;
      EXPECT_EQ(a->document.record, text) << path;
      documents += a->ok() && !a->indicators.empty();
    }
  EXPECT_GE(documents, 10);  // real reports with their indicator trees, not failures
}

TEST(DocumentRows, ThePagesOcrReadAndTheMeanConfidenceOfTheirWords) {
  json record = json::parse(output::make_record("scan.pdf", "abc", pipeline::analyze_file(kErrors)));
  record["document"]["source"]["ocr_pages"] = json::array(
      {{{"page", 2}, {"words", 30}, {"mean_confidence", 95.5}, {"guessed_words", 1}, {"rulings", 12},
        {"skew_degrees", 1.25}, {"timed_out", false}},
       {{"page", 3}, {"words", 10}, {"mean_confidence", 55.5}, {"guessed_words", 9}, {"rulings", 0},
        {"skew_degrees", 0}, {"timed_out", true}},
       {{"page", 4}, {"words", 0}, {"mean_confidence", 0}, {"guessed_words", 0}, {"rulings", 0},
        {"skew_degrees", 0}, {"timed_out", false}}});
  const auto rows = document_rows(record.dump());
  ASSERT_TRUE(rows.has_value()) << rows.error();
  EXPECT_EQ(rows->document.ocr_page_count, 3);
  ASSERT_TRUE(rows->document.ocr_confidence.has_value());
  // Over the words: a page without words counts for nothing.
  EXPECT_DOUBLE_EQ(*rows->document.ocr_confidence, (30 * 95.5 + 10 * 55.5) / 40);
  ASSERT_EQ(rows->ocr_pages.size(), 3u);
  const OcrPageRow& p = rows->ocr_pages[1];
  EXPECT_EQ(p.page, 3);
  EXPECT_EQ(p.words, 10);
  EXPECT_EQ(p.mean_confidence, 55.5);
  EXPECT_EQ(p.guessed_words, 9);
  EXPECT_EQ(p.rulings, 0);
  EXPECT_EQ(p.skew_degrees, 0.0);
  EXPECT_EQ(p.timed_out, 1);
  EXPECT_EQ(rows->ocr_pages[0].skew_degrees, 1.25);
  EXPECT_EQ(rows->ocr_pages[0].timed_out, 0);
}

TEST(DocumentRows, OcrPagesOfTheWrongShapeAreNulls) {
  json record = json::parse(output::make_record("scan.pdf", "abc", pipeline::analyze_file(kErrors)));
  record["document"]["source"]["ocr_pages"] = json::array({{{"page", "two"}, {"words", "many"},
                                                            {"mean_confidence", "high"}, {"timed_out", 1}},
                                                           7});
  const auto rows = document_rows(record.dump());
  ASSERT_TRUE(rows.has_value()) << rows.error();
  EXPECT_EQ(rows->document.ocr_page_count, 2);
  EXPECT_EQ(rows->document.ocr_confidence, std::nullopt);
  ASSERT_EQ(rows->ocr_pages.size(), 2u);
  EXPECT_EQ(rows->ocr_pages[0].page, std::nullopt);
  EXPECT_EQ(rows->ocr_pages[0].mean_confidence, std::nullopt);
  EXPECT_EQ(rows->ocr_pages[0].timed_out, std::nullopt);
  EXPECT_EQ(rows->ocr_pages[1].words, std::nullopt);
}

TEST(DocumentRows, AFailedDocumentHasNoChildRowsAndNoCounts) {
  const auto rows = document_rows(output::make_failure_record("slow.pdf", "00", "timed out after 60 s", output::Failure::kTimeout));
  ASSERT_TRUE(rows.has_value()) << rows.error();
  EXPECT_FALSE(rows->ok());
  EXPECT_EQ(rows->document.error, "timed out after 60 s");
  EXPECT_EQ(rows->document.error_findings, std::nullopt);
  EXPECT_EQ(rows->document.format, std::nullopt);
  EXPECT_EQ(rows->document.ocr_page_count, std::nullopt);  // not read, so not "no OCR"
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

// Issue 12: records are measured before they are parsed, and say how a document failed.

TEST(DocumentRows, NestingIsCountedWithoutParsingAndStringsDoNotCount) {
  EXPECT_EQ(json_depth("{}", 64), 1u);
  EXPECT_EQ(json_depth(R"({"a":[1,{"b":[]}],"c":{}})", 64), 4u);
  EXPECT_EQ(json_depth(R"({"a":"[[[[{{{{ \"[[[ \\"})", 64), 1u);  // brackets in strings, escaped quotes
  EXPECT_EQ(json_depth(std::string(100000, '['), 64), 65u);         // stops once past the limit
  // The deepest record the pipeline writes is far inside the limit.
  const std::string record = output::make_record("a/errors.txt", "abc", pipeline::analyze_file(kErrors));
  EXPECT_LE(json_depth(record, 64), 16u);
}

TEST(DocumentRows, RecordsOverTheLimitsAreRefusedWithoutBeingParsed) {
  const std::string base = R"({"schema":"jixiao-record/1","path":"a.txt","sha256":"ab","status":"error","error":"x")";
  const auto deep = record_rows(base + ",\"d\":" + std::string(100000, '[') + std::string(100000, ']') + "}");
  ASSERT_FALSE(deep.has_value());
  EXPECT_EQ(deep.error(), "record nested deeper than 64 levels");
  RecordLimits small;
  small.max_bytes = 1 << 20;
  const auto big = record_rows(base + ",\"pad\":\"" + std::string(2 << 20, 'x') + "\"}", small);
  ASSERT_FALSE(big.has_value());
  EXPECT_EQ(big.error(), "record longer than 1 MiB");
  EXPECT_TRUE(record_rows(base + "}", small).has_value());
}

TEST(DocumentRows, AFailureKindIsTheRecordsOrReadFromItsError) {
  const auto kind = [](const json& record) {
    const auto rows = document_rows(record.dump());
    EXPECT_TRUE(rows.has_value()) << record.dump();
    return rows ? rows->document.failure.value_or("NULL") : "?";
  };
  json r = json::parse(output::make_failure_record("a.pdf", "ab", "worker crashed (signal 9)", output::Failure::kCrash));
  EXPECT_EQ(kind(r), "crash");
  r.erase("failure");  // written before records said
  EXPECT_EQ(kind(r), "crash");
  r["error"] = "timed out after 60 s";
  EXPECT_EQ(kind(r), "timeout");
  r["error"] = "internal error: std::bad_alloc";
  EXPECT_EQ(kind(r), "memory");
  r["error"] = "truncated PDF (no %%EOF at the end)";
  EXPECT_EQ(kind(r), "unreadable");
  r["failure"] = "no such kind";
  EXPECT_EQ(kind(r), "unreadable");
  const auto ok = document_rows(output::make_record("a/errors.txt", "abc", pipeline::analyze_file(kErrors)));
  ASSERT_TRUE(ok.has_value());
  EXPECT_EQ(ok->document.failure, std::nullopt);
  EXPECT_FALSE(ok->retryable());
}

TEST(DocumentRows, AnInputErrorRecordIsARowOfItsOwn) {
  const auto rows = record_rows(output::make_input_error_record("in/pipe.txt", "a FIFO, not read"));
  ASSERT_TRUE(rows.has_value()) << rows.error();
  const auto* e = std::get_if<InputErrorRow>(&*rows);
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->path, "in/pipe.txt");
  EXPECT_EQ(e->error, "a FIFO, not read");
  EXPECT_EQ(e->jixiao_version, std::string(output::jixiao_version()));
  const auto as_document = document_rows(output::make_input_error_record("in/pipe.txt", "a FIFO, not read"));
  ASSERT_FALSE(as_document.has_value());
  EXPECT_EQ(as_document.error(), "record is an input error, not a document");
  EXPECT_EQ(record_rows(R"({"schema":"jixiao-record/1","status":"input-error","error":"x"})").error(),
            "record has no path");
}

}  // namespace
}  // namespace jixiao::corpus
