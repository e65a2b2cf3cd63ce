// The same report in another encoding or spelling gives the same records:
// a GB18030 copy, a UTF-16 copy, and a copy with full-width digits and letters
// and Kangxi radicals in place of ideographs, and a copy in traditional
// characters. The copies are generated here (ICU converts and transliterates,
// utf8proc finds each radical's ideograph); spans of the copies still quote
// the copy's own original text.

#include <nlohmann/json.hpp>
#include <unicode/translit.h>
#include <unicode/ucnv.h>
#include <utf8proc.h>

#include <fstream>
#include <map>
#include <memory>
#include <sstream>

#include "jixiao/output/json.h"
#include "jixiao/extract/utf8.h"
#include "jixiao/text/text.h"
#include "support/test_support.h"

namespace jixiao {
namespace {

using nlohmann::json;

std::string read_bytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// UTF-8 -> `charset` with ICU (all test texts are representable).
std::string convert(const std::string& utf8, const char* charset) {
  UErrorCode status = U_ZERO_ERROR;
  std::string out(utf8.size() * 4 + 16, '\0');
  const int32_t n = ucnv_convert(charset, "UTF-8", out.data(), static_cast<int32_t>(out.size()), utf8.data(),
                                 static_cast<int32_t>(utf8.size()), &status);
  EXPECT_TRUE(U_SUCCESS(status)) << u_errorName(status);
  out.resize(static_cast<std::size_t>(n));
  return out;
}

// Ideograph -> the Kangxi radical that NFKC folds to it (⼀ U+2F00 for 一, ⼈ U+2F08 for 人 …).
std::map<char32_t, char32_t> kangxi_for_ideograph() {
  std::map<char32_t, char32_t> out;
  for (char32_t cp = 0x2F00; cp <= 0x2FD5; ++cp) {
    std::string s;
    extract::append_utf8(s, cp);
    utf8proc_uint8_t* folded = utf8proc_NFKC(reinterpret_cast<const utf8proc_uint8_t*>(s.c_str()));
    const std::u32string u = text::to_u32(reinterpret_cast<const char*>(folded));
    std::free(folded);
    if (u.size() == 1) out.emplace(u[0], cp);
  }
  return out;
}

// Full-width digits, letters, % and '.', and Kangxi radicals for every ideograph that has one.
std::string full_width_copy(const std::string& utf8) {
  static const std::map<char32_t, char32_t> kangxi = kangxi_for_ideograph();
  std::string out;
  for (char32_t c : text::to_u32(utf8)) {
    if ((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '%' || c == '.')
      c = c - 0x21 + 0xFF01;
    else if (auto it = kangxi.find(c); it != kangxi.end())
      c = it->second;
    extract::append_utf8(out, c);
  }
  return out;
}

// The report in traditional characters (ICU's Simplified-Traditional). ICU
// also prints “” as 「」; those stay as the original printed them, since
// labels quote their punctuation as printed and only characters are at issue.
std::string traditional_copy(const std::string& utf8) {
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::Transliterator> t(
      icu::Transliterator::createInstance("Simplified-Traditional", UTRANS_FORWARD, status));
  EXPECT_TRUE(U_SUCCESS(status)) << u_errorName(status);
  if (U_FAILURE(status)) return utf8;
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(utf8);
  t->transliterate(u);
  u.findAndReplace(u"「", u"“").findAndReplace(u"」", u"”").findAndReplace(u"『", u"‘").findAndReplace(u"』", u"’");
  std::string out;
  u.toUTF8String(out);
  return out;
}

// The records without what differs by construction between copies: the source
// block, and the byte offsets and quoted text of every span.
json records(const pipeline::AnalyzedDocument& doc) {
  json j = output::document_json(doc, output::FindingFilter{});
  j.erase("source");
  std::function<void(json&)> strip = [&](json& v) {
    if (v.is_object()) {
      for (const char* key : {"begin", "end", "text", "document"}) v.erase(key);
      for (auto& [k, child] : v.items()) strip(child);
    } else if (v.is_array()) {
      for (auto& child : v) strip(child);
    }
  };
  strip(j);
  return j;
}

class EncodingEquivalence : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    path_ = GetParam().starts_with("samples/") ? testing::source_path(GetParam()) : testing::shared_path(GetParam());
    JIXIAO_REQUIRE_FILE(path_);
    utf8_ = read_bytes(path_);
    auto doc = pipeline::analyze_bytes(path_, utf8_);
    ASSERT_TRUE(doc.has_value()) << doc.error().describe();
    original_ = std::move(*doc);
    ASSERT_FALSE(original_.report.indicators.empty());
  }
  pipeline::AnalyzedDocument copy(const std::string& bytes) {
    auto doc = pipeline::analyze_bytes(path_, bytes);
    EXPECT_TRUE(doc.has_value()) << doc.error().describe();
    return doc ? std::move(*doc) : pipeline::AnalyzedDocument{};
  }
  std::string path_, utf8_;
  pipeline::AnalyzedDocument original_;
};

TEST_P(EncodingEquivalence, Gb18030CopyGivesTheSameRecords) {
  const auto doc = copy(convert(utf8_, "GB18030"));
  EXPECT_EQ(doc.document.encoding, "GB18030");
  EXPECT_EQ(records(doc), records(original_));
  EXPECT_EQ(doc.document.text, original_.document.text);  // decoded, the text is the original's
}

TEST_P(EncodingEquivalence, Utf16CopyGivesTheSameRecords) {
  const auto doc = copy("\xFF\xFE" + convert(utf8_, "UTF-16LE"));
  EXPECT_EQ(doc.document.encoding, "UTF-16LE");
  EXPECT_EQ(records(doc), records(original_));
}

TEST_P(EncodingEquivalence, FullWidthAndKangxiCopyGivesTheSameRecords) {
  const std::string copied = full_width_copy(utf8_);
  ASSERT_NE(copied, utf8_);
  const auto doc = copy(copied);
  EXPECT_EQ(records(doc), records(original_));
  // Spans quote the copy as printed: full-width digits, radicals and all.
  ASSERT_FALSE(doc.report.total.observations.empty());
  const std::string quoted = doc.report.total.observations.front().span.text;
  EXPECT_NE(quoted, original_.report.total.observations.front().span.text);
  EXPECT_NE(copied.find(quoted), std::string::npos);
  EXPECT_NE(quoted.find("\xEF\xBC"), std::string::npos) << quoted;  // a full-width form U+FF0x/U+FF1x
}

TEST_P(EncodingEquivalence, TraditionalCopyGivesTheSameRecords) {
  const std::string copied = traditional_copy(utf8_);
  ASSERT_NE(copied, utf8_);
  const auto doc = copy(copied);
  EXPECT_EQ(records(doc), records(original_));
  // Spans quote the copy as printed, in traditional characters.
  ASSERT_FALSE(doc.report.total.observations.empty());
  const std::string quoted = doc.report.total.observations.front().span.text;
  EXPECT_NE(copied.find(quoted), std::string::npos);
}

INSTANTIATE_TEST_SUITE_P(Reports, EncodingEquivalence,
                         ::testing::Values("corpus/yanzhou-2020.txt", "corpus/samples/p1-baixi-linye-2018.txt",
                                           "corpus/samples/p3-songquan-canlian-2024.txt",
                                           "samples/qinghe-wenlv-2022-errors.txt", "samples/lanxi-nongye-2021.txt"));

}  // namespace
}  // namespace jixiao
