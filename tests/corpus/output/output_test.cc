// corpus/output/: the JSON document is one value, printed by to_json and
// embedded by make_record as is; failure records; the finding filter.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <string>

#include "jixiao/extract/sha256.h"
#include "jixiao/output/finding_filter.h"
#include "jixiao/output/json.h"
#include "jixiao/output/record.h"
#include "support/test_support.h"

namespace jixiao::output {
namespace {

using nlohmann::json;

const std::string kErrors = testing::source_path("samples/qinghe-wenlv-2022-errors.txt");
const std::string kLanxi = testing::source_path("samples/lanxi-nongye-2021.txt");

TEST(DocumentJson, ToJsonPrintsTheValue) {
  for (const std::string& path : {kErrors, kLanxi}) {
    const auto doc = testing::analyze_or_fail(path);
    const json value = document_json(doc, FindingFilter{});
    EXPECT_EQ(value.at("schema"), kJsonSchema);
    EXPECT_EQ(to_json(doc, FindingFilter{}, -1), value.dump()) << path;
    EXPECT_EQ(to_json(doc, FindingFilter{}, 2), value.dump(2)) << path;
  }
}

TEST(DocumentJson, TheFilterSelectsFindingsOnly) {
  const auto doc = testing::analyze_or_fail(kErrors);
  FindingFilter only_sum;
  only_sum.rule = "score.sum";
  const json all = document_json(doc, FindingFilter{});
  json some = document_json(doc, only_sum);
  ASSERT_GT(all.at("findings").size(), some.at("findings").size());
  for (const json& f : some.at("findings")) EXPECT_EQ(f.at("rule"), "score.sum");
  // Everything but the findings is the same document.
  json rest_all = all, rest_some = some;
  rest_all.erase("findings");
  rest_some.erase("findings");
  EXPECT_EQ(rest_all, rest_some);
}

// Issue 14: source.ocr_pages, only where OCR read pages.
TEST(DocumentJson, ADocumentReadFromItsTextHasNoOcrPages) {
  for (const std::string& path :
       {kErrors, testing::source_path("tests/data/pdf/qinghe-wenlv-2022-errors.pdf")}) {
    const json source = document_json(testing::analyze_or_fail(path), FindingFilter{}).at("source");
    EXPECT_FALSE(source.contains("ocr_pages")) << path << ": " << source.dump();
    EXPECT_EQ(source.size(), 5u) << source.dump();  // path, sha256, format, encoding, pages: as before OCR
  }
}

TEST(DocumentJson, ThePagesOcrReadAreInTheSource) {
  auto doc = testing::analyze_or_fail(kErrors);
  extract::OcrPage first;
  first.page = 1;
  first.words = 212;
  first.mean_confidence = 91.26;
  first.guessed_words = 17;
  first.rulings = 36;
  first.skew_degrees = -0.9984;
  extract::OcrPage second;
  second.page = 3;
  second.mean_confidence = 0;
  second.skew_degrees = -0.001;  // rounds to 0, never to -0
  second.timed_out = true;
  doc.document.ocr_pages = {first, second};
  const json source = document_json(doc, FindingFilter{}).at("source");
  ASSERT_TRUE(source.contains("ocr_pages")) << source.dump();
  EXPECT_EQ(source.at("ocr_pages").dump(),
            R"([{"guessed_words":17,"mean_confidence":91.3,"page":1,"rulings":36,"skew_degrees":-1.0,)"
            R"("timed_out":false,"words":212},)"
            R"({"guessed_words":0,"mean_confidence":0.0,"page":3,"rulings":0,"skew_degrees":0.0,)"
            R"("timed_out":true,"words":0}])");
}

TEST(Record, EmbedsTheDocumentAsExtractPrintsIt) {
  const auto doc = pipeline::analyze_file(kErrors);
  ASSERT_TRUE(doc.has_value());
  const std::string record = make_record("a/errors.txt", "abc", doc);
  // Byte for byte: the record's document is the one-line `extract --format json`.
  EXPECT_NE(record.find("\"document\":" + to_json(*doc, FindingFilter{}, -1) + ","), std::string::npos);
  const json r = json::parse(record);
  EXPECT_EQ(r.at("schema"), kRecordSchema);
  EXPECT_EQ(r.at("path"), "a/errors.txt");
  EXPECT_EQ(r.at("sha256"), "abc");
  EXPECT_EQ(r.at("status"), "ok");
  EXPECT_TRUE(r.at("error").is_null());
  EXPECT_EQ(r.at("jixiao_version"), std::string(jixiao_version()));
  EXPECT_EQ(r.at("document"), document_json(*doc, FindingFilter{}));
  EXPECT_EQ(record.find('\n'), std::string::npos);  // a record is one line
}

TEST(Record, AFailureHasTheReasonAndNoDocument) {
  const auto missing = pipeline::analyze_file(testing::source_path("tests/data/no-such-file.txt"));
  ASSERT_FALSE(missing.has_value());
  for (const std::string& record :
       {make_record("gone.txt", "00", missing),
        make_failure_record("slow.pdf", "00", "timed out after 60 s", Failure::kTimeout)}) {
    const json r = json::parse(record);
    EXPECT_EQ(r.at("schema"), kRecordSchema);
    EXPECT_EQ(r.at("status"), "error");
    EXPECT_TRUE(r.at("error").is_string());
    EXPECT_FALSE(r.at("error").get<std::string>().empty());
    EXPECT_TRUE(r.at("document").is_null());
  }
  EXPECT_EQ(json::parse(make_failure_record("slow.pdf", "00", "timed out after 60 s", Failure::kTimeout)).at("error"),
            "timed out after 60 s");
}

TEST(FindingFilter, SeverityRuleAndRuleFamily) {
  model::Finding f;
  f.rule = "score.sum";
  f.severity = model::Severity::kError;
  EXPECT_TRUE(FindingFilter{}.accepts(f));
  FindingFilter errors{model::Severity::kError, ""};
  FindingFilter warnings{model::Severity::kWarning, ""};
  EXPECT_TRUE(errors.accepts(f));
  EXPECT_FALSE(warnings.accepts(f));
  EXPECT_TRUE((FindingFilter{std::nullopt, "score.sum"}).accepts(f));
  EXPECT_TRUE((FindingFilter{std::nullopt, "score."}).accepts(f));
  EXPECT_FALSE((FindingFilter{std::nullopt, "score"}).accepts(f));  // a family ends in '.'
  EXPECT_FALSE((FindingFilter{std::nullopt, "budget."}).accepts(f));
}

}  // namespace
}  // namespace jixiao::output
