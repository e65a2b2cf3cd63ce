#include "jixiao/text/text.h"

#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <vector>

namespace jixiao::text {
namespace {

constexpr std::string_view kIdeo = "\xE3\x80\x80";  // U+3000

std::vector<std::string> texts(const std::vector<Cell>& cells) {
  std::vector<std::string> out;
  for (const Cell& c : cells) out.emplace_back(c.text);
  return out;
}

// Every cell's text is the line's bytes [begin, end).
void expect_ranges_consistent(std::string_view line, const std::vector<Cell>& cells) {
  for (const Cell& c : cells) {
    ASSERT_LE(c.begin, c.end);
    ASSERT_LE(c.end, line.size());
    EXPECT_EQ(line.substr(c.begin, c.end - c.begin), c.text);
  }
}

// ---- split_cells ------------------------------------------------------------

TEST(SplitCellsTest, Tabs) {
  const std::string line = "一级指标\t二级指标\t三级指标\t分值";
  const std::vector<Cell> cells = split_cells(line);
  ASSERT_EQ(cells.size(), 4u);
  EXPECT_EQ(texts(cells), (std::vector<std::string>{"一级指标", "二级指标", "三级指标", "分值"}));
  EXPECT_EQ(cells[0].begin, 0u);
  EXPECT_EQ(cells[0].end, 12u);
  EXPECT_EQ(cells[1].begin, 13u);
  EXPECT_EQ(cells[1].end, 25u);
  EXPECT_EQ(cells[3].begin, 39u);
  EXPECT_EQ(cells[3].end, 45u);
  expect_ranges_consistent(line, cells);
}

TEST(SplitCellsTest, EmptyCellsAreDropped) {
  const std::string line = "\t\t资金到位率\t\t\t4\t3.5\t87.5%\t";
  const std::vector<Cell> cells = split_cells(line);
  EXPECT_EQ(texts(cells), (std::vector<std::string>{"资金到位率", "4", "3.5", "87.5%"}));
  ASSERT_EQ(cells.size(), 4u);
  EXPECT_EQ(cells[0].begin, 2u);
  EXPECT_EQ(cells[0].end, 17u);
  EXPECT_EQ(cells[1].begin, 20u);
  EXPECT_EQ(cells[1].end, 21u);
  expect_ranges_consistent(line, cells);
}

TEST(SplitCellsTest, RunsOfSpacesSeparateSingleSpacesDoNot) {
  const std::string line = "资金 到位率  5   4.5  90%";
  const std::vector<Cell> cells = split_cells(line);
  EXPECT_EQ(texts(cells), (std::vector<std::string>{"资金 到位率", "5", "4.5", "90%"}));
  ASSERT_EQ(cells.size(), 4u);
  EXPECT_EQ(cells[0].begin, 0u);
  EXPECT_EQ(cells[0].end, 16u);
  EXPECT_EQ(cells[1].begin, 18u);
  EXPECT_EQ(cells[1].end, 19u);
  EXPECT_EQ(cells[2].begin, 22u);
  EXPECT_EQ(cells[2].end, 25u);
  expect_ranges_consistent(line, cells);
}

TEST(SplitCellsTest, CellsAreTrimmed) {
  const std::string line = "  合计  100 \t 86 ";
  const std::vector<Cell> cells = split_cells(line);
  EXPECT_EQ(texts(cells), (std::vector<std::string>{"合计", "100", "86"}));
  ASSERT_EQ(cells.size(), 3u);
  EXPECT_EQ(cells[0].begin, 2u);
  EXPECT_EQ(cells[0].end, 8u);
  EXPECT_EQ(cells[1].begin, 10u);
  EXPECT_EQ(cells[1].end, 13u);
  EXPECT_EQ(cells[2].begin, 16u);
  EXPECT_EQ(cells[2].end, 18u);
  expect_ranges_consistent(line, cells);
}

TEST(SplitCellsTest, IdeographicSpaces) {
  const std::string line = std::string("产出数量") + std::string(kIdeo) + std::string(kIdeo) + "10" +
                           std::string(kIdeo) + std::string(kIdeo) + "9";
  const std::vector<Cell> cells = split_cells(line);
  EXPECT_EQ(texts(cells), (std::vector<std::string>{"产出数量", "10", "9"}));
  ASSERT_EQ(cells.size(), 3u);
  EXPECT_EQ(cells[0].end, 12u);
  EXPECT_EQ(cells[1].begin, 18u);
  EXPECT_EQ(cells[1].end, 20u);
  EXPECT_EQ(cells[2].begin, 26u);
  expect_ranges_consistent(line, cells);
}

TEST(SplitCellsTest, MixedAsciiAndIdeographicSpaceRun) {
  const std::string line = std::string("效益 ") + std::string(kIdeo) + "25";
  const std::vector<Cell> cells = split_cells(line);
  EXPECT_EQ(texts(cells), (std::vector<std::string>{"效益", "25"}));
  expect_ranges_consistent(line, cells);
}

TEST(SplitCellsTest, OneIdeographicSpaceIsTwoSpacesWide) {
  const std::string line = std::string("预算执行率") + std::string(kIdeo) + "95%";
  const std::vector<Cell> cells = split_cells(line);
  EXPECT_EQ(texts(cells), (std::vector<std::string>{"预算执行率", "95%"}));
  expect_ranges_consistent(line, cells);
}

TEST(SplitCellsTest, NoSeparatorGivesOneCell) {
  const std::string line = "资金到位率 为 100%";
  const std::vector<Cell> cells = split_cells(line);
  ASSERT_EQ(cells.size(), 1u);
  EXPECT_EQ(cells[0].text, line);
  EXPECT_EQ(cells[0].begin, 0u);
  EXPECT_EQ(cells[0].end, line.size());
}

TEST(SplitCellsTest, BlankLineHasNoCells) {
  EXPECT_TRUE(split_cells("").empty());
  EXPECT_TRUE(split_cells("\t\t  \t").empty());
  EXPECT_TRUE(split_cells(std::string(kIdeo) + std::string(kIdeo)).empty());
}

TEST(HasColumnSeparatorTest, TabsAndRunsOfSpaces) {
  EXPECT_TRUE(has_column_separator("分值\t得分"));
  EXPECT_TRUE(has_column_separator("分值  得分"));
  EXPECT_TRUE(has_column_separator("\t预算执行率"));
  EXPECT_FALSE(has_column_separator("分值 得分"));
  EXPECT_FALSE(has_column_separator("综合得分86分"));
}

TEST(TrimTest, AsciiAndIdeographicSpaces) {
  EXPECT_EQ(trim("  资金  "), "资金");
  EXPECT_EQ(trim(std::string(kIdeo) + " 产出 " + std::string(kIdeo)), "产出");
  EXPECT_EQ(trim("a b"), "a b");
  EXPECT_EQ(trim("   "), "");
  EXPECT_EQ(trim(""), "");
}

// ---- name_key ---------------------------------------------------------------

TEST(NameKeyTest, QuotesAndSpacesRemoved) {
  EXPECT_EQ(name_key("“三公经费” 变动率"), "三公经费变动率");
  EXPECT_EQ(name_key("资金 到位 率"), "资金到位率");
  EXPECT_EQ(name_key(std::string("资金") + std::string(kIdeo) + "到位率"), "资金到位率");
  EXPECT_EQ(name_key("\"专项\"资金"), "专项资金");
  EXPECT_EQ(name_key("‘专项’资金"), "专项资金");
  EXPECT_EQ(name_key("「合规性」"), "合规性");
}

TEST(NameKeyTest, FullWidthBracketsFolded) {
  EXPECT_EQ(name_key("项目立项（8分）"), "项目立项(8分)");
  EXPECT_EQ(name_key("项目立项(8分)"), "项目立项(8分)");
  EXPECT_EQ(name_key("投入（20 分）"), name_key("投入(20分)"));
  EXPECT_EQ(name_key("预算执行率"), "预算执行率");
}


// ---- to_u32 / utf8_length ---------------------------------------------------

TEST(Utf8Test, LengthAndDecode) {
  EXPECT_EQ(utf8_length("资金abc"), 5u);
  EXPECT_EQ(utf8_length(""), 0u);
  EXPECT_EQ(to_u32("得a"), std::u32string(U"得a"));
  EXPECT_EQ(to_u32("\xF0\xA0\xAE\xB7"), std::u32string(1, U'\U00020BB7'));
  const std::u32string bad = to_u32(std::string("a\xFF" "b"));
  ASSERT_EQ(bad.size(), 3u);
  EXPECT_EQ(bad[1], U'\uFFFD');
}

// ---- is_ideograph -------------------------------------------------------------

TEST(IsIdeographTest, HanInEveryBlockButNotTheMarksAroundIt) {
  for (char32_t c : {U'绩', U'\u3400', U'\uF900', U'\U00020BB7'}) EXPECT_TRUE(is_ideograph(c)) << int(c);
  // Punctuation and full-width forms a CJK text is full of, and Latin.
  for (char32_t c : {U'。', U'“', U'（', U'\u3000', U'Ａ', U'a', U'5', U'\u4DC0'})
    EXPECT_FALSE(is_ideograph(c)) << int(c);
}

// ---- name_similarity --------------------------------------------------------

TEST(NameSimilarityTest, IdenticalIsOneThousand) {
  EXPECT_EQ(name_similarity("资金到位率", "资金到位率"), 1000);
  // Compared by name_key: quotes, spaces and bracket width do not matter.
  EXPECT_EQ(name_similarity("“三公经费”变动率", "三公经费 变动率"), 1000);
  EXPECT_EQ(name_similarity("项目立项（8分）", "项目立项(8分)"), 1000);
}

TEST(NameSimilarityTest, DocumentedExample) {
  EXPECT_EQ(name_similarity("保险工作监督管理", "保险工作实施监督管理"), 888);
}

TEST(NameSimilarityTest, SimilarNamesScoreHigherThanUnrelated) {
  const int close = name_similarity("资金到位率", "资金到位及时率");
  const int far = name_similarity("资金到位率", "社会公众满意度");
  EXPECT_GT(close, far);
  EXPECT_GT(close, 750);
  EXPECT_LT(close, 1000);
  EXPECT_EQ(far, 0);  // no code point in common
  const int partial = name_similarity("预算执行率", "预算编制科学性");
  EXPECT_GT(partial, far);
  EXPECT_LT(partial, close);
  // 2 * LCS(2) / (5 + 7) = 333 per mille.
  EXPECT_EQ(partial, 333);
}

TEST(NameSimilarityTest, SymmetricAndEmpty) {
  EXPECT_EQ(name_similarity("绩效目标合理性", "绩效指标明确性"),
            name_similarity("绩效指标明确性", "绩效目标合理性"));
  EXPECT_EQ(name_similarity("", "资金"), 0);
  EXPECT_EQ(name_similarity("资金", ""), 0);
  const int s = name_similarity("绩效目标合理性", "绩效指标明确性");
  EXPECT_GE(s, 0);
  EXPECT_LE(s, 1000);
}

}  // namespace
}  // namespace jixiao::text
