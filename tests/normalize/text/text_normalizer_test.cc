#include "jixiao/text/text_normalizer.h"

#include <gtest/gtest.h>
#include <utf8proc.h>

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "support/test_support.h"

namespace jixiao::text {
namespace {

constexpr std::string_view kIdeo = "\xE3\x80\x80";  // U+3000

std::string norm(std::string_view s) { return normalize_line(s).text; }

std::string utf8(char32_t cp) {
  std::string out;
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
  return out;
}

// NFKC of the whole string by utf8proc, the reference for step 1.
std::string nfkc(std::string_view s) {
  utf8proc_uint8_t* out = nullptr;
  const utf8proc_ssize_t n = utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(s.data()),
                                          static_cast<utf8proc_ssize_t>(s.size()), &out,
                                          static_cast<utf8proc_option_t>(UTF8PROC_STABLE | UTF8PROC_COMPOSE |
                                                                         UTF8PROC_COMPAT));
  std::string result = n < 0 ? "<error>" : std::string(reinterpret_cast<char*>(out), static_cast<std::size_t>(n));
  std::free(out);
  return result;
}

// The map has one entry per normalized byte plus the end, stays inside the
// original and never goes backwards.
::testing::AssertionResult map_is_sound(std::string_view original, const NormalizedText& n) {
  if (n.to_original.size() != n.text.size() + 1)
    return ::testing::AssertionFailure() << "map size " << n.to_original.size() << " for " << n.text.size() << " bytes";
  if (n.to_original.back() != original.size())
    return ::testing::AssertionFailure() << "end maps to " << n.to_original.back();
  for (std::size_t i = 0; i < n.to_original.size(); ++i) {
    if (n.to_original[i] > original.size()) return ::testing::AssertionFailure() << "offset " << i << " out of range";
    if (i > 0 && n.to_original[i] < n.to_original[i - 1])
      return ::testing::AssertionFailure() << "map goes backwards at " << i;
  }
  for (std::size_t i = 1; i < n.dropped_spaces.size(); ++i)
    if (n.dropped_spaces[i] <= n.dropped_spaces[i - 1]) return ::testing::AssertionFailure() << "dropped not ascending";
  return ::testing::AssertionSuccess();
}

// The original text behind the first occurrence of `needle` in the normalized text.
std::string quote(std::string_view original, const NormalizedText& n, std::string_view needle) {
  const std::size_t at = n.text.find(needle);
  if (at == std::string::npos) return "<" + std::string(needle) + " not in " + n.text + ">";
  const auto [b, e] = n.original_range(at, at + needle.size());
  return std::string(original.substr(b, e - b));
}

// ---- Step 1: NFKC with exceptions ---------------------------------------------

TEST(NormalizeLine, FullWidthDigitsAndPercent) {
  EXPECT_EQ(norm("预算执行率９８．３８％"), "预算执行率98.38%");
  EXPECT_EQ(norm("０１２３４５６７８９"), "0123456789");
  EXPECT_EQ(norm("得分１５．５"), "得分15.5");
}

TEST(NormalizeLine, FullWidthBracketsAndSymbols) {
  EXPECT_EQ(norm("（一）预算执行"), "(一)预算执行");
  EXPECT_EQ(norm("（１）资金到位率"), "(1)资金到位率");
  EXPECT_EQ(norm("１～３月"), "1~3月");
  EXPECT_EQ(norm("偏差＜５％"), "偏差<5%");
  EXPECT_EQ(norm("评分＞９０"), "评分>90");
  EXPECT_EQ(norm("ＡＢＣ级"), "ABC级");
}

TEST(NormalizeLine, SentencePunctuationKeepsItsFullWidthForm) {
  EXPECT_EQ(norm("15，250"), "15，250");
  EXPECT_EQ(norm("总分：９５分；等级：优"), "总分：95分；等级：优");
  EXPECT_EQ(norm("是否达标？是！"), "是否达标？是！");
  // Not full-width forms, so NFKC leaves them anyway.
  EXPECT_EQ(norm("一、投入。《办法》"), "一、投入。《办法》");
}

TEST(NormalizeLine, IdeographicSpaceIsNotFolded) {
  const std::string two = "合计" + std::string(kIdeo) + std::string(kIdeo) + "100";
  EXPECT_EQ(norm(two), two);
  const std::string at_end = "合计" + std::string(kIdeo);
  EXPECT_EQ(norm(at_end), at_end);
}

TEST(NormalizeLine, KangxiRadicalsFoldToIdeographs) {
  EXPECT_EQ(norm("\u2F00"), "一");
  EXPECT_EQ(norm("\u2F08"), "人");
  EXPECT_EQ(norm("\u2F08员经费"), "人员经费");
  EXPECT_EQ(norm("\u2FD5"), "\u9FA0");
}

TEST(NormalizeLine, CompatibilityIdeographFolds) {
  EXPECT_EQ(norm("\uF900"), "\u8C48");
  EXPECT_EQ(norm("\uF900\uF901"), "\u8C48\u66F4");
}

// Values checked against /usr/share/unicode/EquivalentUnifiedIdeograph.txt (15.0.0).
TEST(NormalizeLine, RadicalsSupplementMapsThroughTheTable) {
  EXPECT_EQ(norm("\u2EA0"), "民");            // 2EA0 ; 6C11 CJK RADICAL CIVILIAN
  EXPECT_EQ(norm("\u2ED3"), "长");            // 2ED3 ; 957F C-SIMPLIFIED LONG
  EXPECT_EQ(norm("\u2EC5"), "见");            // 2EC5 ; 89C1 C-SIMPLIFIED SEE
  EXPECT_EQ(norm("\u2E8C\u2E8D"), "小小");    // 2E8C..2E8D ; 5C0F (a range)
  EXPECT_EQ(norm("\u2E87"), "\U00020628");    // 2E87 ; 20628 (outside the BMP)
  EXPECT_EQ(norm("\u31D0"), "一");            // 31D0 ; 4E00 CJK STROKE H
  EXPECT_EQ(norm("人\u2EA0政府"), "人民政府");
  // NFKC already folds U+2E9F, the table agrees.
  EXPECT_EQ(norm("\u2E9F"), "\u6BCD");
  // No equivalent ideograph: stays.
  EXPECT_EQ(norm("\u2E80"), "\u2E80");
}

TEST(NormalizeLine, EveryEntryOfTheDataFile) {
  const std::string path = "/usr/share/unicode/EquivalentUnifiedIdeograph.txt";
  JIXIAO_REQUIRE_FILE(path);
  std::ifstream in(path);
  std::string line;
  int entries = 0;
  while (std::getline(in, line)) {
    line = line.substr(0, line.find('#'));
    const std::size_t semi = line.find(';');
    if (semi == std::string::npos) continue;
    const std::string source = line.substr(0, semi);
    const auto first = static_cast<char32_t>(std::stoul(source, nullptr, 16));
    const std::size_t dots = source.find("..");
    const auto last = dots == std::string::npos ? first : static_cast<char32_t>(std::stoul(source.substr(dots + 2), nullptr, 16));
    const auto target = static_cast<char32_t>(std::stoul(line.substr(semi + 1), nullptr, 16));
    for (char32_t cp = first; cp <= last; ++cp, ++entries) {
      const std::string folded = nfkc(utf8(cp));
      // NFKC first; the table for what NFKC leaves alone.
      const std::string expected = folded != utf8(cp) ? folded : utf8(target);
      EXPECT_EQ(norm(utf8(cp)), expected) << std::hex << "U+" << static_cast<std::uint32_t>(cp);
    }
  }
  EXPECT_GT(entries, 300);
}

// Every code point alone on a line is its NFKC form (then the table), except the
// ones kept as printed. Covers the full-width fast path and the property checks.
TEST(NormalizeLine, SingleCodePointsMatchUtf8procNfkc) {
  std::vector<char32_t> kept = {0x3000, 0xFF01, 0xFF0C, 0xFF1A, 0xFF1B, 0xFF1F};
  for (char32_t c = 0x2460; c <= 0x2473; ++c) kept.push_back(c);  // circled numbers ①–⑳
  int mismatches = 0;
  for (char32_t cp = 1; cp < 0x110000; ++cp) {
    if (cp >= 0xD800 && cp <= 0xDFFF) continue;
    const std::string s = utf8(cp);
    const NormalizedText n = normalize_line(s);
    std::string expected = nfkc(s);
    if (std::find(kept.begin(), kept.end(), cp) != kept.end()) expected = s;
    else if (((cp >= 0x2E80 && cp <= 0x2FDF) || (cp >= 0x31C0 && cp <= 0x31EF)) && expected == s)
      continue;  // the table's domain, tested above
    if (n.text != expected && ++mismatches < 10)
      ADD_FAILURE() << std::hex << "U+" << static_cast<std::uint32_t>(cp) << ": " << n.text << " vs " << expected;
    if (n.to_original.size() != n.text.size() + 1 || n.to_original.front() != 0) ++mismatches;
  }
  EXPECT_EQ(mismatches, 0);
}

TEST(NormalizeLine, CombiningSequencesComposeWithinASegment) {
  EXPECT_EQ(norm("e\u0301"), "\u00E9");
  EXPECT_EQ(norm("\uFF76\uFF9E"), "\u30AC");  // half-width カ + ﾞ -> ガ
  EXPECT_EQ(norm("\u1100\u1161"), "\uAC00");  // conjoining jamo -> 가
  EXPECT_EQ(norm("\u3131\u314F"), "\uAC00");  // compatibility jamo -> 가 (NFKC does this too)
  EXPECT_EQ(norm("a\u0323\u0307"), nfkc("a\u0323\u0307"));
}

// ---- Step 3: spaces ---------------------------------------------------------

TEST(SpaceRules, BetweenTwoCjkCharacters) {
  EXPECT_EQ(norm("部 门"), "部门");
  EXPECT_EQ(norm("部" + std::string(kIdeo) + "门"), "部门");
  EXPECT_EQ(norm("目 录"), "目录");
  EXPECT_EQ(norm("“三公” 经费"), "“三公”经费");
  EXPECT_EQ(norm("完成。 下一步"), "完成。下一步");
  EXPECT_EQ(norm("合计： 元"), "合计：元");  // kept ： is a full-width form, so CJK
  EXPECT_EQ(norm("部\u00A0门"), "部门");     // NBSP becomes ' ' under NFKC first
}

TEST(SpaceRules, BetweenDigitsAndCjk) {
  EXPECT_EQ(norm("2020 年"), "2020年");
  EXPECT_EQ(norm("２０２０ 年"), "2020年");
  EXPECT_EQ(norm("47213.5 万元"), "47213.5万元");
  EXPECT_EQ(norm("共 5549 名"), "共5549名");
  EXPECT_EQ(norm("100% 的"), "100%的");
  EXPECT_EQ(norm("（二）部门总目标和 2020 年工作计划"), "(二)部门总目标和2020年工作计划");
}

TEST(SpaceRules, LetterSpacedNumbers) {
  EXPECT_EQ(norm("8 . 6 5"), "8.65");
  EXPECT_EQ(norm("1 2 . 5 %"), "12.5%");
  EXPECT_EQ(norm("1 0 0 %"), "100%");
  EXPECT_EQ(norm("4 7 2 1 3 . 5 万元"), "47213.5万元");
  EXPECT_EQ(norm("得分 8 . 6 5 分"), "得分8.65分");
  EXPECT_EQ(norm("1 , 2 3 4 . 5"), "1,234.5");
  EXPECT_EQ(norm("９ ８ ． ３ ８ ％"), "98.38%");
  EXPECT_EQ(norm("8" + std::string(kIdeo) + "." + std::string(kIdeo) + "5"), "8.5");
}

TEST(SpaceRules, NotLetterSpacedNumbers) {
  EXPECT_EQ(norm("2 0 2 0"), "2 0 2 0");          // no '.' and no '%'
  EXPECT_EQ(norm("15 . 5"), "15 . 5");            // "15" is not a single character
  EXPECT_EQ(norm("8  .  6"), "8  .  6");          // double spaces separate columns
  EXPECT_EQ(norm("v 1 . 2"), "v 1.2");            // the letter is outside the run
  EXPECT_EQ(norm("x1 . 5"), "x1 . 5");            // ". 5" continues a number: not a run of its own
  EXPECT_EQ(norm("1 . 5 25"), "1 . 5 25");        // likewise on the right
  EXPECT_EQ(norm("年 15 . 5"), "年15 . 5");
}

TEST(SpaceRules, ColumnSeparatorsAreKeptByteForByte) {
  EXPECT_EQ(norm("项目\t金额"), "项目\t金额");
  EXPECT_EQ(norm("项目\t\t金额"), "项目\t\t金额");
  EXPECT_EQ(norm("项目  金额"), "项目  金额");
  EXPECT_EQ(norm("项目 \t金额"), "项目 \t金额");
  const std::string ideo2 = "项目" + std::string(kIdeo) + std::string(kIdeo) + "金额";
  EXPECT_EQ(norm(ideo2), ideo2);
  const std::string mixed = "2020" + std::string(kIdeo) + " 年";
  EXPECT_EQ(norm(mixed), mixed);
  EXPECT_EQ(norm("100  万元"), "100  万元");
}

TEST(SpaceRules, LatinSpacesStay) {
  EXPECT_EQ(norm("Windows 10"), "Windows 10");
  EXPECT_EQ(norm("15 25"), "15 25");
  EXPECT_EQ(norm("使用 Windows 10 系统"), "使用 Windows 10系统");
  EXPECT_EQ(norm("A 级"), "A 级");
  EXPECT_EQ(norm(" 部门 "), " 部门 ");  // line ends are not between two characters
  EXPECT_EQ(norm("15， 250"), "15，250");
}

// ---- The offset map ---------------------------------------------------------

TEST(OffsetMap, QuotesFullWidthOriginals) {
  const std::string original = "预算执行率 ９８．３８％";
  const NormalizedText n = normalize_line(original);
  ASSERT_EQ(n.text, "预算执行率98.38%");
  EXPECT_TRUE(map_is_sound(original, n));
  EXPECT_EQ(quote(original, n, "98.38%"), "９８．３８％");
  EXPECT_EQ(quote(original, n, "率"), "率");
  EXPECT_EQ(quote(original, n, "率98"), "率 ９８");
  EXPECT_EQ(quote(original, n, "."), "．");
  EXPECT_EQ(n.to_original[n.text.find('9')], original.find("９"));
}

TEST(OffsetMap, DroppedSpacesAreNotQuotedAtTheEdges) {
  const std::string original = "部 门";
  const NormalizedText n = normalize_line(original);
  ASSERT_EQ(n.text, "部门");
  EXPECT_TRUE(map_is_sound(original, n));
  EXPECT_EQ(quote(original, n, "部"), "部");
  EXPECT_EQ(quote(original, n, "门"), "门");
  EXPECT_EQ(quote(original, n, "部门"), "部 门");
  EXPECT_EQ(n.dropped_spaces, std::vector<std::uint32_t>{3});
}

// Step 4: numbers OCR damaged, repaired only where one reading is possible.
TEST(OcrRepair, SpacesInsideANumberBeforeAUnit) {
  EXPECT_EQ(norm("得分9 7. 6分"), "得分97.6分");
  EXPECT_EQ(norm("预算1 250.5万元"), "预算1250.5万元");
  EXPECT_EQ(norm("共1 865人"), "共1865人");
  EXPECT_EQ(norm("执行率9 8. 5%"), "执行率98.5%");
}

TEST(OcrRepair, LettersForDigits) {
  EXPECT_EQ(norm("得分1O0分"), "得分100分");
  EXPECT_EQ(norm("得分9l.5分"), "得分91.5分");
  // The repaired digit beside the space makes it a CJK-digit space the space
  // rules drop, as they drop it in "执行率 08%": normalizing twice changes nothing.
  EXPECT_EQ(norm("执行率 O8%"), "执行率08%");
  EXPECT_EQ(norm("预算数 O47213.5 万元"), "预算数047213.5万元");  // found by fuzz/quantity_fuzz
  EXPECT_EQ(norm("资金24O.5万元"), "资金240.5万元");
  EXPECT_EQ(norm("达到7l.5%"), "达到71.5%");
}

TEST(OcrRepair, LeavesWhatHasAnotherReading) {
  EXPECT_EQ(norm("15 25人"), "15 25人");            // two numbers: no '.', not a thousands group
  EXPECT_EQ(norm("10 9.5分"), "10 9.5分");          // a weight and a score glued by a space
  EXPECT_EQ(norm("15 . 5"), "15 . 5");              // no unit after it
  EXPECT_EQ(norm("ISO 9001认证"), "ISO 9001认证");   // letters of a word
  EXPECT_EQ(norm("Windows 10"), "Windows 10");
  EXPECT_EQ(norm("10l"), "10l");                    // a letter with no digit on its right, no unit
  EXPECT_EQ(norm("IO分"), "IO分");                  // no real digit
  EXPECT_EQ(norm("5ml"), "5ml");
  EXPECT_EQ(norm("120 126.5 119.8%"), "120 126.5 119.8%");  // a row glued by spaces: two points
  EXPECT_EQ(norm("12.5 250万元"), "12.5 250万元");            // no thousands group after the point
  EXPECT_TRUE(normalize_line("120 126.5 119.8 10 94.7%").doubtful.empty());  // a row, not one broken number
  EXPECT_EQ(normalize_line("资金2 45.6万元").doubtful.size(), 1u);
  EXPECT_TRUE(normalize_line("得分97.6分").repaired.empty());
}

TEST(OcrRepair, RepairedRangeQuotesTheOriginal) {
  const std::string original = "得分9 7. 6分，总额1O0万元";
  const NormalizedText n = normalize_line(original);
  ASSERT_EQ(n.text, "得分97.6分，总额100万元");
  EXPECT_TRUE(map_is_sound(original, n));
  ASSERT_EQ(n.repaired.size(), 2u);
  EXPECT_EQ(original.substr(n.repaired[0].first, n.repaired[0].second - n.repaired[0].first), "9 7. 6");
  EXPECT_EQ(original.substr(n.repaired[1].first, n.repaired[1].second - n.repaired[1].first), "1O0");
  EXPECT_EQ(quote(original, n, "97.6"), "9 7. 6");
  EXPECT_EQ(quote(original, n, "100"), "1O0");
  EXPECT_EQ(norm(n.text), n.text);  // idempotent
}

TEST(OffsetMap, LetterSpacedNumber) {
  const std::string original = "金额 4 7 2 1 3 . 5 万元";
  const NormalizedText n = normalize_line(original);
  ASSERT_EQ(n.text, "金额47213.5万元");
  EXPECT_TRUE(map_is_sound(original, n));
  EXPECT_EQ(quote(original, n, "47213.5"), "4 7 2 1 3 . 5");
  EXPECT_EQ(quote(original, n, "4"), "4");
  EXPECT_EQ(quote(original, n, ".5"), ". 5");
  EXPECT_EQ(quote(original, n, "5万"), "5 万");
  EXPECT_EQ(quote(original, n, "金额4"), "金额 4");
}

TEST(OffsetMap, RadicalsAndSegments) {
  const std::string original = "\u2F08\u2EA0e\u0301x";
  const NormalizedText n = normalize_line(original);
  ASSERT_EQ(n.text, "人民\u00E9x");
  EXPECT_TRUE(map_is_sound(original, n));
  EXPECT_EQ(quote(original, n, "人"), "\u2F08");
  EXPECT_EQ(quote(original, n, "民"), "\u2EA0");
  EXPECT_EQ(quote(original, n, "\u00E9"), "e\u0301");
  // Half of a normalized character still quotes the whole original one.
  const std::size_t e_at = n.text.find("\u00E9");
  const auto [b, e] = n.original_range(e_at, e_at + 1);
  EXPECT_EQ(original.substr(b, e - b), "e\u0301");
}

TEST(OffsetMap, EdgeRanges) {
  const std::string original = "预算 ２０２０";
  const NormalizedText n = normalize_line(original);
  ASSERT_EQ(n.text, "预算2020");
  EXPECT_EQ(n.original_range(0, n.text.size()), (std::pair<std::size_t, std::size_t>{0, original.size()}));
  EXPECT_EQ(n.original_range(1, 2), (std::pair<std::size_t, std::size_t>{0, 3}));  // inside 预
  EXPECT_EQ(n.original_range(4, 4), (std::pair<std::size_t, std::size_t>{3, 3}));  // empty
  EXPECT_EQ(n.original_range(n.text.size(), n.text.size() + 5),
            (std::pair<std::size_t, std::size_t>{original.size(), original.size()}));
  EXPECT_EQ(n.original_range(6, 100), (std::pair<std::size_t, std::size_t>{7, original.size()}));
}

TEST(OffsetMap, IdentityForNormalText) {
  const std::string original = "2020年部门整体支出绩效评价报告 Windows 10\t合计  100.00";
  const NormalizedText n = normalize_line(original);
  EXPECT_EQ(n.text, original);
  ASSERT_TRUE(map_is_sound(original, n));
  // Every code point maps to itself; its continuation bytes map to its start.
  bool identity = true;
  std::size_t start = 0;
  for (std::size_t i = 0; i <= original.size(); ++i) {
    if (i == original.size() || (static_cast<unsigned char>(original[i]) & 0xC0) != 0x80) start = i;
    identity = identity && n.to_original[i] == start;
  }
  EXPECT_TRUE(identity);
  EXPECT_EQ(n.to_original[original.find("年") + 1], original.find("年"));
  EXPECT_TRUE(n.dropped_spaces.empty());
}

TEST(OffsetMap, EmptyLine) {
  const NormalizedText n = normalize_line("");
  EXPECT_EQ(n.text, "");
  EXPECT_EQ(n.to_original, std::vector<std::uint32_t>{0});
  EXPECT_EQ(n.original_range(0, 0), (std::pair<std::size_t, std::size_t>{0, 0}));
}

TEST(NormalizeLine, InvalidBytesPassThrough) {
  const std::string original = "\xFF部门\xE5\x9B \xC0\xAF\xED\xA0\x80";
  const NormalizedText n = normalize_line(original);
  EXPECT_EQ(n.text, original);
  EXPECT_TRUE(map_is_sound(original, n));
  EXPECT_EQ(norm("２\xFF"), "2\xFF");
}

// ---- Properties ---------------------------------------------------------------

std::string random_line(std::mt19937& rng, const std::vector<std::string>& alphabet, std::size_t max_len) {
  std::uniform_int_distribution<std::size_t> len(0, max_len);
  std::uniform_int_distribution<std::size_t> pick(0, alphabet.size() - 1);
  std::string s;
  for (std::size_t k = len(rng); k > 0; --k) s += alphabet[pick(rng)];
  return s;
}

TEST(Properties, RandomLinesAreSoundAndIdempotent) {
  const std::vector<std::string> alphabet = {
      "a", "Z", "0", "5", "9", ".", ",", "%", "(", " ", " ", " ", " ", "\t", std::string(kIdeo),
      "部", "门", "预", "算", "年", "万", "元", "。", "、", "“", "”",
      "０", "９", "．", "％", "（", "）", "，", "：", "；", "！", "？", "Ａ", "～",
      "\u2F00", "\u2F08", "\u2EA0", "\u2ED3", "\u2E80", "\u31D0", "\uF900",
      "\u0301", "\u0323", "\uFF76", "\uFF9E", "\u1100", "\u1161", "\u00A0", "\u2460", "\u33A1",
      "\xFF", "\xE5\x9B"};
  std::mt19937 rng(20200101);
  int failures = 0;
  for (int round = 0; round < 4000 && failures < 5; ++round) {
    const std::string x = random_line(rng, alphabet, 24);
    const NormalizedText n = normalize_line(x);
    const auto sound = map_is_sound(x, n);
    if (!sound) {
      ++failures;
      ADD_FAILURE() << sound.message() << " for [" << x << "]";
    }
    if (!n.text.empty() && n.original_range(0, n.text.size()) != std::pair<std::size_t, std::size_t>{0, x.size()}) {
      ++failures;
      ADD_FAILURE() << "whole range does not quote the whole line [" << x << "]";
    }
    const std::string again = norm(n.text);
    if (again != n.text) {
      ++failures;
      ADD_FAILURE() << "not idempotent: [" << x << "] -> [" << n.text << "] -> [" << again << "]";
    }
  }
  EXPECT_EQ(failures, 0);
}

// Arbitrary bytes (mostly broken UTF-8): still no crash, a sound map, idempotence.
TEST(Properties, RandomBytesAreSoundAndIdempotent) {
  std::mt19937 rng(929);
  std::uniform_int_distribution<int> len(0, 20), byte(0, 255), kind(0, 3);
  int failures = 0;
  for (int round = 0; round < 3000 && failures < 5; ++round) {
    std::string x;
    for (int k = len(rng); k > 0; --k) {
      const int b = byte(rng);
      switch (kind(rng)) {
        case 0: x += static_cast<char>(0x80 | (b & 0x3F)); break;  // continuation byte
        case 1: x += ' '; break;
        case 2: x += static_cast<char>(0xC2 + b % 51); break;      // lead byte
        default: x += static_cast<char>(b);
      }
    }
    const NormalizedText n = normalize_line(x);
    const auto sound = map_is_sound(x, n);
    const std::string again = norm(n.text);
    if (!sound || again != n.text) {
      ++failures;
      ADD_FAILURE() << (sound ? "not idempotent" : sound.message()) << " at round " << round;
    }
  }
  EXPECT_EQ(failures, 0);
}

// Without spaces, kept punctuation, radicals or invalid bytes, normalizing per
// segment must give exactly utf8proc's NFKC of the whole line. Lines where
// step 4 repaired a number (the alphabet's "o" beside a digit and "％": "0o%"
// reads as "00%") leave NFKC on purpose and are checked by the OCR tests.
TEST(Properties, SegmentsGiveWholeLineNfkc) {
  const std::vector<std::string> alphabet = {
      "a", "e", "o", "0", "部", "年", "０", "．", "％", "（", "\uF900", "\u2F08", "\u0301", "\u0308", "\u0323",
      "\u0344", "\uFF76", "\uFF9E", "\uFF9F", "\u1100", "\u1161", "\u11A8", "\uAC00", "\u3131", "\u314F",
      "\u0B47", "\u0B3E", "\u00A8", "\u212B", "\u1E9B", "\u33A1", "\uFDFA"};
  std::mt19937 rng(42);
  int failures = 0;
  for (int round = 0; round < 3000 && failures < 5; ++round) {
    const std::string x = random_line(rng, alphabet, 16);
    if (!normalize_line(x).repaired.empty()) continue;
    const std::string got = norm(x);
    if (got != nfkc(x)) {
      ++failures;
      ADD_FAILURE() << "[" << x << "] -> [" << got << "], utf8proc NFKC [" << nfkc(x) << "]";
    }
  }
  EXPECT_EQ(failures, 0);
}

TEST(Properties, SeedReportLines) {
  const std::string path = testing::shared_path("corpus/yanzhou-2020.txt");
  JIXIAO_REQUIRE_FILE(path);
  std::ifstream in(path, std::ios::binary);
  std::string line;
  int lines = 0, changed = 0, bad = 0;
  while (std::getline(in, line)) {
    ++lines;
    const NormalizedText n = normalize_line(line);
    changed += n.text != line ? 1 : 0;
    if (!map_is_sound(line, n) || norm(n.text) != n.text) {
      if (++bad < 5) ADD_FAILURE() << "line " << lines << ": [" << line << "]";
    }
  }
  EXPECT_EQ(bad, 0);
  EXPECT_GT(changed, 0);
  EXPECT_EQ(norm("（二）部门总目标和 2020 年工作计划.....\t24"), "(二)部门总目标和2020年工作计划.....\t24");
}

// ---- Traditional characters ------------------------------------------------------

TEST(TraditionalFolder, FoldsEachCodePointAndKeepsTheMap) {
  TraditionalFolder folder;
  const std::string line = "本項目總分為 92 分，預算執行率 98.5%，支出 12.3 萬元，評價等級為「優秀」";
  const NormalizedText n = normalize_line(line, folder);
  EXPECT_EQ(n.text, "本项目总分为92分，预算执行率98.5%，支出12.3万元，评价等级为「优秀」");
  EXPECT_TRUE(map_is_sound(line, n));
  // Spans quote the report as printed.
  EXPECT_EQ(quote(line, n, "总分"), "總分");
  EXPECT_EQ(quote(line, n, "执行率"), "執行率");
  EXPECT_EQ(quote(line, n, "12.3万元"), "12.3 萬元");
  EXPECT_EQ(quote(line, n, "评价"), "評價");
  EXPECT_EQ(quote(line, n, "优秀"), "優秀");
  // One code point for one: the folded line maps exactly as the unfolded one does.
  EXPECT_EQ(n.to_original, normalize_line(line).to_original);
  // Idempotent, like normalize_line().
  EXPECT_EQ(normalize_line(n.text, folder).text, n.text);
}

TEST(TraditionalFolder, LeavesSimplifiedAndOtherTextAlone) {
  TraditionalFolder folder;
  const std::string line = "项目总分为 92 分，执行率 98.5%（１２ 万元）ABC ①";
  EXPECT_EQ(normalize_line(line, folder).text, normalize_line(line).text);
  EXPECT_EQ(folder.fold(U'总'), U'总');
  EXPECT_EQ(folder.fold(U'總'), U'总');
  EXPECT_EQ(folder.fold(U'A'), U'A');
}

TEST(LooksTraditional, JudgesTheDocument) {
  EXPECT_TRUE(looks_traditional("二、評價結論\n經評價，本項目總分為 92 分，績效等級為「優」。預算執行率 98%。"));
  EXPECT_FALSE(looks_traditional("二、评价结论\n经评价，本项目总分为 92 分，绩效等级为“优”。预算执行率 98%。"));
  // A simplified report that quotes a traditional name stays simplified.
  EXPECT_FALSE(looks_traditional("本项目参照台湾地区《長期照顧服務法》的做法，建设社区养老服务站 12 个，覆盖居民 3.2 万人，"
                                 "全年预算执行率 98%，综合评分为 92 分，绩效评价等级为优。"));
  EXPECT_FALSE(looks_traditional(""));
}

TEST(LooksTraditional, SimplifiedCorpusIsNotTraditional) {
  const std::string path = testing::shared_path("corpus/yanzhou-2020.txt");
  JIXIAO_REQUIRE_FILE(path);
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  EXPECT_FALSE(looks_traditional(text.str()));
}

}  // namespace
}  // namespace jixiao::text
