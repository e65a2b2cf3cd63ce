#include "statements.h"

#include <gtest/gtest.h>

#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "jixiao/normalize/grade_bands.h"
#include "jixiao/text/decimal.h"

namespace jixiao::normalize {

using text::Decimal;

void PrintTo(const Decimal& d, std::ostream* os) { *os << d.to_string() << " (scale " << d.scale() << ")"; }

namespace {

std::string Str(const std::optional<Decimal>& d) { return d ? d->to_string() : "nullopt"; }
std::string Str(const Decimal& d) { return d.to_string(); }

std::string_view sub(std::string_view line, std::size_t begin, std::size_t end) {
  EXPECT_LE(begin, end);
  EXPECT_LE(end, line.size());
  if (begin > end || end > line.size()) return {};
  return line.substr(begin, end - begin);
}

const std::vector<std::string> kLevel1 = {"决策", "过程", "产出", "效益"};

// ---- find_indicator_statements ----------------------------------------------

TEST(IndicatorStatementTest, DotNumbering) {
  const std::string line = "1.资金到位率（指标分值4分，评价得分4分）";
  const auto s = find_indicator_statements(line);
  ASSERT_EQ(s.size(), 1u);
  EXPECT_EQ(s[0].numbering, "n.");
  EXPECT_EQ(s[0].name, "资金到位率");
  EXPECT_EQ(Str(s[0].max), "4");
  EXPECT_EQ(Str(s[0].score), "4");
  EXPECT_EQ(s[0].begin, 2u);
  EXPECT_EQ(s[0].end, line.size());
  EXPECT_EQ(sub(line, s[0].begin, s[0].end), "资金到位率（指标分值4分，评价得分4分）");
}

// DISABLED: code bug. With full-width parentheses the name pattern (which does not
// exclude "）") starts the name at "1）预算执行率", so numbering_class() of the name
// gives "n)" instead of "(n)". The ASCII form "(1)" works (next test).
TEST(IndicatorStatementTest, ParenthesisedNumbering) {
  const std::string line = "（1）预算执行率（指标分值 5 分，评价得分 3.5 分）";
  const auto s = find_indicator_statements(line);
  ASSERT_EQ(s.size(), 1u);
  EXPECT_EQ(s[0].numbering, "(n)");
  EXPECT_EQ(s[0].name, "预算执行率");
  EXPECT_EQ(Str(s[0].max), "5");
  EXPECT_EQ(Str(s[0].score), "3.5");
  EXPECT_EQ(sub(line, s[0].begin, s[0].end).substr(0, std::string("预算执行率").size()), "预算执行率");
  EXPECT_EQ(s[0].end, line.size());
}

TEST(IndicatorStatementTest, AsciiParenthesisedNumbering) {
  const std::string line = "(1)预算执行率（指标分值 5 分，评价得分 3.5 分）";
  const auto s = find_indicator_statements(line);
  ASSERT_EQ(s.size(), 1u);
  EXPECT_EQ(s[0].numbering, "(n)");
  EXPECT_EQ(s[0].name, "预算执行率");
  EXPECT_EQ(s[0].begin, 3u);
}

TEST(IndicatorStatementTest, NumberingSeparatedByASpace) {
  const std::string line = "1. 资金到位率（指标分值4分，评价得分3分）";
  const auto s = find_indicator_statements(line);
  ASSERT_EQ(s.size(), 1u);
  EXPECT_EQ(s[0].numbering, "n.");
  EXPECT_EQ(s[0].name, "资金到位率");
  EXPECT_EQ(s[0].begin, 3u);
  EXPECT_EQ(Str(s[0].score), "3");
}

TEST(IndicatorStatementTest, HalfParenthesisNumbering) {
  const std::string line = "2）资金使用合规性（指标分值 3 分，评价得分 2 分）";
  const auto s = find_indicator_statements(line);
  ASSERT_EQ(s.size(), 1u);
  EXPECT_EQ(s[0].numbering, "n)");
  EXPECT_EQ(s[0].name, "资金使用合规性");
  EXPECT_EQ(Str(s[0].max), "3");
  EXPECT_EQ(Str(s[0].score), "2");
  EXPECT_EQ(s[0].begin, std::string("2）").size());
}

TEST(IndicatorStatementTest, CircledNumbering) {
  const std::string line = "①培训人次完成率（指标分值6分，评价得分5.5分）";
  const auto s = find_indicator_statements(line);
  ASSERT_EQ(s.size(), 1u);
  EXPECT_EQ(s[0].numbering, "circled");
  EXPECT_EQ(s[0].name, "培训人次完成率");
  EXPECT_EQ(Str(s[0].max), "6");
  EXPECT_EQ(Str(s[0].score), "5.5");
  EXPECT_EQ(s[0].begin, std::string("①").size());
}

TEST(IndicatorStatementTest, ShortFormWithoutNumbering) {
  const std::string line = "学员满意度（分值4分，得分3分）";
  const auto s = find_indicator_statements(line);
  ASSERT_EQ(s.size(), 1u);
  EXPECT_EQ(s[0].numbering, "");
  EXPECT_EQ(s[0].name, "学员满意度");
  EXPECT_EQ(Str(s[0].max), "4");
  EXPECT_EQ(Str(s[0].score), "3");
  EXPECT_EQ(s[0].begin, 0u);
  const auto m = find_indicator_statements("课时完成率（满分 2.5 分，得分 2 分）");
  ASSERT_EQ(m.size(), 1u);
  EXPECT_EQ(m[0].name, "课时完成率");
  EXPECT_EQ(Str(m[0].max), "2.5");
  EXPECT_EQ(Str(m[0].score), "2");
}

TEST(IndicatorStatementTest, TwoStatementsInOneLine) {
  const std::string line = "其中，资金到位率（指标分值4分，评价得分4分），预算执行率（指标分值5分，评价得分4.5分）。";
  const auto s = find_indicator_statements(line);
  ASSERT_EQ(s.size(), 2u);
  EXPECT_EQ(s[0].name, "资金到位率");
  EXPECT_EQ(Str(s[0].score), "4");
  EXPECT_EQ(s[1].name, "预算执行率");
  EXPECT_EQ(Str(s[1].max), "5");
  EXPECT_EQ(Str(s[1].score), "4.5");
  EXPECT_EQ(s[0].begin, line.find("资金到位率"));
  EXPECT_EQ(s[1].begin, line.find("预算执行率"));
  EXPECT_LT(s[0].end, s[1].begin);
  EXPECT_EQ(sub(line, s[1].begin, s[1].end), "预算执行率（指标分值5分，评价得分4.5分）");
}

// OCR reads a full-width opening bracket as a quote mark; the statement's
// own words after it say it is one. A quoted name is no statement's bracket.
TEST(IndicatorStatementTest, OpeningBracketReadAsAQuoteMark) {
  const std::string line = "1.目标设定“指标分值5分，评价得分4分)";
  const auto s = find_indicator_statements(line);
  ASSERT_EQ(s.size(), 1u);
  EXPECT_EQ(s[0].name, "目标设定");
  EXPECT_EQ(Str(s[0].max), "5");
  EXPECT_EQ(Str(s[0].score), "4");
  const auto q = find_indicator_statements("(2)“三公经费”变动率（指标分值2分，评价得分2分）");
  ASSERT_EQ(q.size(), 1u);
  EXPECT_EQ(q[0].name, "“三公经费”变动率");
}

TEST(IndicatorStatementTest, OpeningBracketLost) {
  // OCR dropped the （: the name runs into 指标分值, and the ） left without
  // its pair ends the statement.
  const std::string line = "1.目标设定指标分值6分，评价得分5分)";
  const auto s = find_indicator_statements(line);
  ASSERT_EQ(s.size(), 1u);
  EXPECT_EQ(s[0].numbering, "n.");
  EXPECT_EQ(s[0].name, "目标设定");
  EXPECT_EQ(Str(s[0].max), "6");
  EXPECT_EQ(Str(s[0].score), "5");
  EXPECT_EQ(sub(line, s[0].begin, s[0].end), "目标设定指标分值6分，评价得分5分)");
  // The bracket after 指标分值 (OCR's boxes moved it there; a print may put it there).
  const auto moved = find_indicator_statements("1.预算执行指标分值（\t10分，评价得分9分)");
  ASSERT_EQ(moved.size(), 1u);
  EXPECT_EQ(moved[0].name, "预算执行");
  EXPECT_EQ(Str(moved[0].max), "10");
  EXPECT_EQ(Str(moved[0].score), "9");
  // The bracket stands before the words: no statement of a name "本项".
  EXPECT_TRUE(find_indicator_statements("（本项指标分值6分，评价得分5分）").empty());
  // No closing bracket: a sentence, not a statement that lost its bracket.
  EXPECT_TRUE(find_indicator_statements("目标设定指标分值6分，评价得分5分。").empty());
  // 分值 alone does not say where the name ends.
  EXPECT_TRUE(find_indicator_statements("目标设定分值6分，评价得分5分)").empty());
}

// A max printed as "?" (OCR could not read the figure; a text's encoding
// lost the character) is no figure, and the statement still states its score.
TEST(IndicatorStatementTest, AMaxPrintedAsAQuestionMarkIsNoFigureButTheScoreStands) {
  const std::string line = "（2)可持续影响（指标分值? 分，评价得分3.5分)";
  const auto s = find_indicator_statements(line);
  ASSERT_EQ(s.size(), 1u);
  EXPECT_EQ(s[0].name, "可持续影响");
  EXPECT_EQ(Str(s[0].max), "nullopt");
  EXPECT_EQ(Str(s[0].score), "3.5");
  EXPECT_EQ(sub(line, s[0].begin, s[0].end), "可持续影响（指标分值? 分，评价得分3.5分)");
  const auto full = find_indicator_statements("信息化建设指标分值？分，评价得分1.5分)");
  ASSERT_EQ(full.size(), 1u);
  EXPECT_EQ(Str(full[0].max), "nullopt");
  EXPECT_EQ(Str(full[0].score), "1.5");
  // An unreadable score is no statement: the score is what it states.
  EXPECT_TRUE(find_indicator_statements("可持续影响（指标分值5分，评价得分?分)").empty());
  // Any other mark in the max's place is no statement either.
  EXPECT_TRUE(find_indicator_statements("可持续影响（指标分值*分，评价得分3.5分)").empty());
}

TEST(IndicatorStatementTest, NotAStatement) {
  EXPECT_TRUE(find_indicator_statements("资金到位率为 100%，得满分。").empty());
  EXPECT_TRUE(find_indicator_statements("预算执行率（95%）").empty());
  EXPECT_TRUE(find_indicator_statements("").empty());
}

// ---- find_level1_statements -------------------------------------------------

TEST(Level1StatementTest, PlainForm) {
  const std::string line = "产出指标满分为 35 分，评价得分为 30 分。";
  const auto s = find_level1_statements(line, kLevel1);
  ASSERT_EQ(s.size(), 1u);
  EXPECT_EQ(s[0].name, "产出");
  EXPECT_EQ(Str(s[0].max), "35");
  EXPECT_EQ(Str(s[0].score), "30");
  EXPECT_EQ(s[0].begin, 0u);
  EXPECT_EQ(sub(line, s[0].begin, s[0].end), "产出指标满分为 35 分，评价得分为 30 分");
}

TEST(Level1StatementTest, IncludesListThenMaxAndScore) {
  const std::string line = "决策指标包括项目立项、绩效目标 2 个二级指标，满分 15 分，评价得分 12.5 分。";
  const auto s = find_level1_statements(line, kLevel1);
  ASSERT_EQ(s.size(), 1u);
  EXPECT_EQ(s[0].name, "决策");
  EXPECT_EQ(Str(s[0].max), "15");
  EXPECT_EQ(Str(s[0].score), "12.5");
  EXPECT_EQ(s[0].begin, 0u);
}

TEST(Level1StatementTest, NearestNameToTheFigures) {
  const std::string line = "效益评价指标下设社会效益、可持续影响两个二级指标，产出指标满分为18分，评价得分为14分。";
  const auto s = find_level1_statements(line, kLevel1);
  ASSERT_EQ(s.size(), 1u);
  EXPECT_EQ(s[0].name, "产出");
  EXPECT_EQ(Str(s[0].max), "18");
  EXPECT_EQ(Str(s[0].score), "14");
  EXPECT_EQ(s[0].begin, line.find("产出指标"));
  EXPECT_EQ(sub(line, s[0].begin, s[0].end), "产出指标满分为18分，评价得分为14分");
}

TEST(Level1StatementTest, TwoStatementsAndClassWord) {
  const std::string line = "决策指标满分为15分，评价得分为13分；过程类指标满分 25 分，得分 22 分。";
  const auto s = find_level1_statements(line, kLevel1);
  ASSERT_EQ(s.size(), 2u);
  EXPECT_EQ(s[0].name, "决策");
  EXPECT_EQ(Str(s[0].score), "13");
  EXPECT_EQ(s[1].name, "过程");
  EXPECT_EQ(Str(s[1].max), "25");
  EXPECT_EQ(Str(s[1].score), "22");
  EXPECT_EQ(s[1].begin, line.find("过程"));
}

TEST(Level1StatementTest, UnknownNamesOrNoNames) {
  const std::string line = "投入指标满分为20分，评价得分为17分。";
  EXPECT_TRUE(find_level1_statements(line, kLevel1).empty());  // 投入 is not in the list
  EXPECT_TRUE(find_level1_statements(line, {}).empty());
  const auto s = find_level1_statements(line, {"投入"});
  ASSERT_EQ(s.size(), 1u);
  EXPECT_EQ(Str(s[0].max), "20");
  EXPECT_EQ(Str(s[0].score), "17");
}

// ---- find_enumerations ------------------------------------------------------

TEST(EnumerationTest, ScoreList) {
  const std::string line = "决策、过程、产出、效益四类一级指标分别得分 13 分、22 分、30 分、21 分。";
  const auto e = find_enumerations(line, kLevel1);
  ASSERT_EQ(e.size(), 1u);
  EXPECT_FALSE(e[0].is_max);
  EXPECT_EQ(e[0].names, kLevel1);
  ASSERT_EQ(e[0].values.size(), 4u);
  EXPECT_EQ(Str(e[0].values[0]), "13");
  EXPECT_EQ(Str(e[0].values[1]), "22");
  EXPECT_EQ(Str(e[0].values[2]), "30");
  EXPECT_EQ(Str(e[0].values[3]), "21");
  EXPECT_EQ(e[0].begin, 0u);
  EXPECT_EQ(sub(line, e[0].begin, e[0].end), "决策、过程、产出、效益四类一级指标分别得分 13 分、22 分、30 分、21 分");
}

TEST(EnumerationTest, MaxList) {
  const std::string line = "本次评价中，决策、过程、产出和效益指标分值分别为 15 分、25 分、35 分、25 分。";
  const auto e = find_enumerations(line, kLevel1);
  ASSERT_EQ(e.size(), 1u);
  EXPECT_TRUE(e[0].is_max);
  EXPECT_EQ(e[0].names, kLevel1);
  ASSERT_EQ(e[0].values.size(), 4u);
  EXPECT_EQ(Str(e[0].values[2]), "35");
  EXPECT_EQ(e[0].begin, line.find("决策"));
}

TEST(EnumerationTest, HalfPointsInScoreList) {
  const auto e = find_enumerations("产出、效益分别得分 32.5 分、21 分", kLevel1);
  ASSERT_EQ(e.size(), 1u);
  EXPECT_EQ(e[0].names, (std::vector<std::string>{"产出", "效益"}));
  ASSERT_EQ(e[0].values.size(), 2u);
  EXPECT_EQ(Str(e[0].values[0]), "32.5");
}

TEST(EnumerationTest, ListWithoutFenbieIsNotAnEnumeration) {
  const std::vector<std::string> level2 = {"目标设定", "预算配置"};
  EXPECT_TRUE(find_enumerations("投入指标包括目标设定、预算配置 2 个二级指标", level2).empty());
  EXPECT_TRUE(find_enumerations("目标设定、预算配置得分为 4 分、13 分", level2).empty());
  EXPECT_TRUE(find_enumerations("决策、过程、产出、效益四个一级指标", kLevel1).empty());
}

TEST(EnumerationTest, AmbiguousFigureIsNotAnEnumeration) {
  // Both 分值 and 得分 before 分别: which figure the list states cannot be told.
  EXPECT_TRUE(find_enumerations("决策、过程指标分值及得分分别为 15 分、13 分", kLevel1).empty());
  // 满分 means max.
  const auto e = find_enumerations("决策、过程指标满分分别为 15 分、25 分", kLevel1);
  ASSERT_EQ(e.size(), 1u);
  EXPECT_TRUE(e[0].is_max);
  ASSERT_EQ(e[0].values.size(), 2u);
  EXPECT_EQ(Str(e[0].values[1]), "25");
}

TEST(EnumerationTest, CountMismatchIsNotAnEnumeration) {
  EXPECT_TRUE(find_enumerations("决策、过程分别得分 13 分、22 分、30 分", kLevel1).empty());
  EXPECT_TRUE(find_enumerations("决策、过程分别得分 13 分、22 分", {}).empty());
}

// ---- find_total_statement ---------------------------------------------------

TEST(TotalStatementTest, TotalAndGrade) {
  const std::string line = "经综合评价，该项目总分为 81 分，等级为“良”。";
  const auto t = find_total_statement(line);
  ASSERT_TRUE(t.has_value());
  EXPECT_EQ(Str(t->score), "81");
  EXPECT_EQ(t->grade, "良");
  EXPECT_EQ(sub(line, t->grade_begin, t->grade_end), "良");
  EXPECT_EQ(t->begin, line.find("总分"));
  EXPECT_GT(t->end, t->grade_end);
  EXPECT_LE(t->end, line.size());
}

TEST(TotalStatementTest, ComprehensiveScoreAndEvaluationGrade) {
  const std::string line = "综合得分 86 分，评价等级为“良”。";
  const auto t = find_total_statement(line);
  ASSERT_TRUE(t.has_value());
  EXPECT_EQ(Str(t->score), "86");
  EXPECT_EQ(t->grade, "良");
  EXPECT_EQ(t->begin, 0u);
  EXPECT_EQ(sub(line, t->grade_begin, t->grade_end), "良");
}

TEST(TotalStatementTest, HalfPointScoreAndPerformanceLevel) {
  const std::string line = "本项目得分为 88.5 分，综合绩效级别为“良好”。";
  const auto t = find_total_statement(line);
  ASSERT_TRUE(t.has_value());
  EXPECT_EQ(Str(t->score), "88.5");
  EXPECT_EQ(t->grade, "良好");
  EXPECT_EQ(sub(line, t->grade_begin, t->grade_end), "良好");
  EXPECT_EQ(t->begin, line.find("得分为"));
}

TEST(TotalStatementTest, NegatedGradeIsReadWhole) {
  const auto t = find_total_statement("总得分 55 分，评价结果为不合格");
  ASSERT_TRUE(t.has_value());
  EXPECT_EQ(Str(t->score), "55");
  EXPECT_EQ(t->grade, "不合格");
}

TEST(TotalStatementTest, BandSentenceIsNotATotal) {
  EXPECT_FALSE(find_total_statement("综合得分 90 分（含）以上为优秀，80 分（含）至 90 分为良好").has_value());
  EXPECT_FALSE(find_total_statement("资金到位率得分为 4 分。").has_value());
  EXPECT_FALSE(find_total_statement("").has_value());
}

// ---- find_count_statements --------------------------------------------------

TEST(CountStatementTest, AllThreeCounts) {
  const std::string line = "本项目指标体系共设一级指标 4 个，二级指标 11 个，三级指标 34 个。";
  const auto c = find_count_statements(line);
  ASSERT_EQ(c.size(), 1u);
  EXPECT_EQ(c[0].level1, 4);
  EXPECT_EQ(c[0].level2, 11);
  EXPECT_EQ(c[0].level3, 34);
  const std::string_view quoted = sub(line, c[0].begin, c[0].end);
  EXPECT_NE(quoted.find("一级指标 4 个"), std::string_view::npos) << quoted;
  EXPECT_TRUE(quoted.ends_with("三级指标 34 个")) << quoted;
}

TEST(CountStatementTest, ACountPastAnyIntIsNoCountAndNoCrash) {
  // Found by fuzzing: stoi threw out_of_range and `jixiao check` aborted.
  const std::string line = "一级指标 99999999999 个，二级指标 3 个";
  const auto c = find_count_statements(line);
  for (const auto& s : c) EXPECT_FALSE(s.level1.has_value());
}

TEST(CountStatementTest, ConsistsOfThenSubdivided) {
  const std::string line = "指标体系由决策、过程、产出、效益 4 个一级指标构成，涵盖各环节；下设二级指标 11 个、三级指标 36 个。";
  const auto c = find_count_statements(line);
  ASSERT_EQ(c.size(), 1u);
  EXPECT_EQ(c[0].level1, 4);
  EXPECT_EQ(c[0].level2, 11);
  EXPECT_EQ(c[0].level3, 36);
  EXPECT_LT(c[0].begin, c[0].end);
  EXPECT_TRUE(sub(line, c[0].begin, c[0].end).ends_with("三级指标 36 个"));
}

TEST(CountStatementTest, ChineseNumerals) {
  const std::string line = "评价指标包括四个一级指标、十一个二级指标和三十四个三级指标。";
  const auto c = find_count_statements(line);
  ASSERT_EQ(c.size(), 1u);
  EXPECT_EQ(c[0].level1, 4);
  EXPECT_EQ(c[0].level2, 11);
  EXPECT_EQ(c[0].level3, 34);
}

TEST(CountStatementTest, OneBranchIsNotTheTree) {
  EXPECT_TRUE(find_count_statements("投入指标包括目标设定、预算配置 2 个二级指标").empty());
  EXPECT_TRUE(find_count_statements("产出指标下设 3 个二级指标、8 个三级指标。").empty());
  EXPECT_TRUE(find_count_statements("").empty());
}

TEST(CountStatementTest, CountsMustShareASentence) {
  const std::string line = "一级指标 3 个，二级指标 8 个。三级指标共 20 个。";
  const auto c = find_count_statements(line);
  ASSERT_EQ(c.size(), 1u);
  EXPECT_EQ(c[0].level1, 3);
  EXPECT_EQ(c[0].level2, 8);
  EXPECT_FALSE(c[0].level3.has_value());
  EXPECT_LT(c[0].end, line.find("三级指标"));
}

TEST(CountStatementTest, TwoSentencesTwoStatements) {
  const std::string line = "原方案设一级指标 3 个、二级指标 9 个。调整后设一级指标 4 个、三级指标 30 个。";
  const auto c = find_count_statements(line);
  ASSERT_EQ(c.size(), 2u);
  EXPECT_EQ(c[0].level1, 3);
  EXPECT_EQ(c[0].level2, 9);
  EXPECT_FALSE(c[0].level3.has_value());
  EXPECT_EQ(c[1].level1, 4);
  EXPECT_FALSE(c[1].level2.has_value());
  EXPECT_EQ(c[1].level3, 30);
  EXPECT_GT(c[1].begin, c[0].end);
}

// ---- numbering_class / parse_heading ----------------------------------------

TEST(NumberingClassTest, Classes) {
  std::size_t len = 99;
  EXPECT_EQ(numbering_class("1.资金到位率", &len), "n.");
  EXPECT_EQ(len, 2u);
  EXPECT_EQ(numbering_class("12．预算执行率", &len), "n.");
  EXPECT_EQ(len, 2u + std::string("．").size());
  EXPECT_EQ(numbering_class("（1）预算执行率", &len), "(n)");
  EXPECT_EQ(len, std::string("（1）").size());
  EXPECT_EQ(numbering_class("(2)预算执行率", &len), "(n)");
  EXPECT_EQ(len, 3u);
  EXPECT_EQ(numbering_class("1）资金使用", &len), "n)");
  EXPECT_EQ(len, std::string("1）").size());
  EXPECT_EQ(numbering_class("①产出数量", &len), "circled");
  EXPECT_EQ(len, std::string("①").size());
  EXPECT_EQ(numbering_class("（一）投入指标", &len), "(han)");
  EXPECT_EQ(len, std::string("（一）").size());
  EXPECT_EQ(numbering_class("一、项目概况", &len), "han、");
  EXPECT_EQ(len, std::string("一、").size());
  EXPECT_EQ(numbering_class("十二、附件"), "han、");
  EXPECT_EQ(numbering_class("3、资金管理", &len), "n.");
  EXPECT_EQ(len, 1u + std::string("、").size());
}

TEST(NumberingClassTest, NotNumberings) {
  std::size_t len = 99;
  EXPECT_EQ(numbering_class("2.5 分", &len), "");
  EXPECT_EQ(len, 0u);
  EXPECT_EQ(numbering_class("12.75分"), "");
  EXPECT_EQ(numbering_class("资金到位率"), "");
  EXPECT_EQ(numbering_class(""), "");
}

TEST(ParseHeadingTest, NumberedHeadings) {
  auto h = parse_heading("（一）投入指标评价结果");
  ASSERT_TRUE(h.has_value());
  EXPECT_EQ(h->numbering, "(han)");
  EXPECT_EQ(h->text, "投入指标评价结果");

  h = parse_heading("1.投入指标");
  ASSERT_TRUE(h.has_value());
  EXPECT_EQ(h->numbering, "n.");
  EXPECT_EQ(h->text, "投入指标");

  h = parse_heading("  二、 评价结论  ");
  ASSERT_TRUE(h.has_value());
  EXPECT_EQ(h->numbering, "han、");
  EXPECT_EQ(h->text, "评价结论");

  h = parse_heading("（3）资金管理");
  ASSERT_TRUE(h.has_value());
  EXPECT_EQ(h->numbering, "(n)");
  EXPECT_EQ(h->text, "资金管理");

  h = parse_heading("②产出质量");
  ASSERT_TRUE(h.has_value());
  EXPECT_EQ(h->numbering, "circled");
  EXPECT_EQ(h->text, "产出质量");
}

TEST(ParseHeadingTest, NotHeadings) {
  EXPECT_FALSE(parse_heading("2.5 分").has_value());
  EXPECT_FALSE(parse_heading("投入指标评价结果").has_value());
  EXPECT_FALSE(parse_heading("1.").has_value());
  EXPECT_FALSE(parse_heading("").has_value());
  EXPECT_FALSE(parse_heading("1.项目资金到位及时，预算执行率较高。").has_value());
  EXPECT_FALSE(parse_heading("（二）项目实施过程中各相关单位能够按照管理办法的要求严格执行资金审批程序并及时拨付").has_value());
}

// ---- parse_metadata_line ----------------------------------------------------

TEST(MetadataLineTest, Fields) {
  auto m = parse_metadata_line("预算单位：某县农业农村局");
  ASSERT_TRUE(m.has_value());
  EXPECT_EQ(m->field, "unit");
  EXPECT_EQ(m->value, "某县农业农村局");

  m = parse_metadata_line("委托单位: 某县财政局");
  ASSERT_TRUE(m.has_value());
  EXPECT_EQ(m->field, "commissioner");
  EXPECT_EQ(m->value, "某县财政局");

  m = parse_metadata_line("评价机构：某某会计师事务所有限公司");
  ASSERT_TRUE(m.has_value());
  EXPECT_EQ(m->field, "evaluator");
  EXPECT_EQ(m->value, "某某会计师事务所有限公司");

  m = parse_metadata_line("第三方评价机构：某咨询有限公司");
  ASSERT_TRUE(m.has_value());
  EXPECT_EQ(m->field, "evaluator");
  EXPECT_EQ(m->value, "某咨询有限公司");

  m = parse_metadata_line("  被评价部门 ： 某区教育局 ");
  ASSERT_TRUE(m.has_value());
  EXPECT_EQ(m->field, "unit");
  EXPECT_EQ(m->value, "某区教育局");
}

TEST(MetadataLineTest, NotMetadata) {
  EXPECT_FALSE(parse_metadata_line("预算单位：").has_value());
  EXPECT_FALSE(parse_metadata_line("预算单位负责人：张某").has_value());
  EXPECT_FALSE(parse_metadata_line("项目名称：乡村道路养护").has_value());
  EXPECT_FALSE(parse_metadata_line("本次评价由委托单位组织实施").has_value());
  EXPECT_FALSE(parse_metadata_line("").has_value());
}

// ---- grade bands ------------------------------------------------------------

void expect_band(const ParsedBand& b, std::string_view grade, const char* lower, bool lower_inclusive,
                 const char* upper, bool upper_inclusive) {
  EXPECT_EQ(b.grade, grade);
  EXPECT_EQ(Str(b.lower), lower ? lower : "nullopt") << grade;
  if (lower) {
    EXPECT_EQ(b.lower_inclusive, lower_inclusive) << grade << " lower";
  }
  EXPECT_EQ(Str(b.upper), upper ? upper : "nullopt") << grade;
  if (upper) {
    EXPECT_EQ(b.upper_inclusive, upper_inclusive) << grade << " upper";
  }
}

void expect_clauses(std::string_view line, const std::vector<ParsedBand>& bands) {
  for (const ParsedBand& b : bands) {
    const std::string_view clause = sub(line, b.begin, b.end);
    EXPECT_NE(clause.find(b.grade), std::string_view::npos) << clause;
    EXPECT_FALSE(clause.starts_with("，") || clause.starts_with("；")) << clause;
  }
  for (std::size_t i = 1; i < bands.size(); ++i) EXPECT_LE(bands[i - 1].end, bands[i].begin);
}

TEST(GradeBandsTest, RangeWithIncludedLowerEnd) {
  const std::string line =
      "综合得分在 90~100 分（含 90 分）以上为优秀；80~90 分（含 80 分）为良好；"
      "60~80 分（含 60 分）为合格；60 分以下为不合格。";
  const auto b = find_grade_bands(line);
  ASSERT_EQ(b.size(), 4u);
  expect_band(b[0], "优秀", "90", true, "100", false);
  expect_band(b[1], "良好", "80", true, "90", false);
  expect_band(b[2], "合格", "60", true, "80", false);
  expect_band(b[3], "不合格", nullptr, true, "60", false);
  expect_clauses(line, b);
  EXPECT_EQ(sub(line, b[1].begin, b[1].end), "80~90 分（含 80 分）为良好");
  EXPECT_EQ(b[0].begin, 0u);
}

TEST(GradeBandsTest, IncludedUpperEndBelow) {
  const auto b = find_grade_bands("60 分（含 60 分）以下为较差");
  ASSERT_EQ(b.size(), 1u);
  expect_band(b[0], "较差", nullptr, true, "60", true);
}

TEST(GradeBandsTest, IncludedMarkersAndZhi) {
  const std::string line =
      "综合得分 90 分（含）以上为优秀，80 分（含）至 90 分为良好，60 分（含）至 80 分为合格，60 分以下为不合格。";
  const auto b = find_grade_bands(line);
  ASSERT_EQ(b.size(), 4u);
  expect_band(b[0], "优秀", "90", true, nullptr, false);
  expect_band(b[1], "良好", "80", true, "90", false);
  expect_band(b[2], "合格", "60", true, "80", false);
  expect_band(b[3], "不合格", nullptr, true, "60", false);
  expect_clauses(line, b);
  EXPECT_EQ(sub(line, b[3].begin, b[3].end), "60 分以下为不合格");
}

TEST(GradeBandsTest, Inequalities) {
  const std::string line =
      "综合得分≥90 分为“优”，80 分≤综合得分＜90 分为“良”，60 分≤综合得分＜80 分为“中”，综合得分＜60 分为“差”。";
  const auto b = find_grade_bands(line);
  ASSERT_EQ(b.size(), 4u);
  expect_band(b[0], "优", "90", true, nullptr, false);
  expect_band(b[1], "良", "80", true, "90", false);
  expect_band(b[2], "中", "60", true, "80", false);
  expect_band(b[3], "差", nullptr, true, "60", false);
  expect_clauses(line, b);
}

TEST(GradeBandsTest, StrictInequalities) {
  const auto b = find_grade_bands("综合得分＞85 分为“优”，70 分<综合得分≤85 分为“良”");
  ASSERT_EQ(b.size(), 2u);
  expect_band(b[0], "优", "85", false, nullptr, false);
  expect_band(b[1], "良", "70", false, "85", true);
}

TEST(GradeBandsTest, GradeThenParenthesisedRange) {
  const std::string line = "优秀（90≤得分≤100）、良好（80≤得分＜90）、中等（60≤得分＜80）、较差（得分＜60）";
  const auto b = find_grade_bands(line);
  ASSERT_EQ(b.size(), 4u);
  expect_band(b[0], "优秀", "90", true, "100", true);
  expect_band(b[1], "良好", "80", true, "90", false);
  expect_band(b[2], "中等", "60", true, "80", false);
  expect_band(b[3], "较差", nullptr, true, "60", false);
  expect_clauses(line, b);
  EXPECT_EQ(sub(line, b[0].begin, b[0].end), "优秀（90≤得分≤100）");
  EXPECT_EQ(sub(line, b[3].begin, b[3].end), "较差（得分＜60）");
}

TEST(GradeBandsTest, BandsOnSeparateLines) {
  const auto a = find_grade_bands("（1）综合得分 85 分（含）以上为优秀；");
  ASSERT_EQ(a.size(), 1u);
  expect_band(a[0], "优秀", "85", true, nullptr, false);
  const auto b = find_grade_bands("（2）综合得分 70 分（含）至 85 分为良好；");
  ASSERT_EQ(b.size(), 1u);
  expect_band(b[0], "良好", "70", true, "85", false);
}

TEST(GradeBandsTest, WordForms) {
  const std::string line = "得分不低于 90 分为优秀，高于 75 分为良好，低于 60 分为不合格，60 分（不含）以下为差";
  const auto b = find_grade_bands(line);
  ASSERT_EQ(b.size(), 4u);
  expect_band(b[0], "优秀", "90", true, nullptr, false);
  expect_band(b[1], "良好", "75", false, nullptr, false);
  expect_band(b[2], "不合格", nullptr, true, "60", false);
  expect_band(b[3], "差", nullptr, true, "60", false);
}

TEST(GradeBandsTest, LinesWithoutBands) {
  EXPECT_TRUE(find_grade_bands("综合得分 86 分").empty());
  EXPECT_TRUE(find_grade_bands("资金到位率为 100%，得满分。").empty());
  EXPECT_TRUE(find_grade_bands("").empty());
}

TEST(GradeBandsTest, MisreadLabelIsFlaggedNotNamed) {
  // OCR read 良 as 尺: the band is read with the label as read, flagged.
  const auto b = find_grade_bands("90分（含）以上为优，80分（含）至90分为尺，60分（含）至80分为中，60分以下为差。");
  ASSERT_EQ(b.size(), 4u);
  expect_band(b[1], "尺", "80", true, "90", false);
  EXPECT_TRUE(b[1].label_misread);
  EXPECT_FALSE(b[0].label_misread);
  EXPECT_FALSE(b[3].label_misread);
  // A clause with no bound is no band, whatever follows 为.
  EXPECT_TRUE(find_grade_bands("2023年度本项目定为尺").empty());
}

TEST(GradeBandsTest, DashTypedAsTheNumeralOne) {
  const auto b = find_grade_bands("综合得分85分（含）一100分为“优”，80分（含）一90分为“良”，60分以下为“差”。");
  ASSERT_EQ(b.size(), 3u);
  expect_band(b[0], "优", "85", true, "100", false);
  expect_band(b[1], "良", "80", true, "90", false);
  EXPECT_FALSE(b[0].range_mark_misread);
}

TEST(GradeBandsTest, RangeMarkReadAsAQuoteIsFlagged) {
  // OCR read the "~" of 70~80 as a closing quote: the band is read, flagged
  // (the statement reader takes it from OCR's text only).
  const auto b = find_grade_bands("综合得分在 70”80 分（含 70 分）为一般");
  ASSERT_EQ(b.size(), 1u);
  expect_band(b[0], "一般", "70", true, "80", false);
  EXPECT_TRUE(b[0].range_mark_misread);
  EXPECT_FALSE(b[0].label_misread);
  const auto printed = find_grade_bands("综合得分在 70~80 分（含 70 分）为一般");
  ASSERT_EQ(printed.size(), 1u);
  EXPECT_FALSE(printed[0].range_mark_misread);
}

// A scale of one-character bands, from the labels as read (and their floors).
std::vector<model::GradeBand> scale_of(std::vector<std::pair<std::string, std::optional<int>>> labels) {
  std::vector<model::GradeBand> out;
  for (const auto& [label, floor] : labels) {
    model::GradeBand b;
    b.grade = label;
    if (floor) b.lower = Decimal::from_int(*floor);
    out.push_back(b);
  }
  return out;
}

std::vector<std::string> labels_of(const std::vector<model::GradeBand>& bands) {
  std::vector<std::string> out;
  for (const model::GradeBand& b : bands) out.push_back(b.grade);
  return out;
}

TEST(GradeBandsTest, MisreadLabelNamedFromItsPlace) {
  using Labels = std::vector<std::string>;
  // 优 above, 中 below, no 良: the misread band is 良.
  EXPECT_EQ(labels_of(name_misread_labels(scale_of({{"优", 90}, {"尺", 80}, {"中", 60}, {"差", {}}}),
                                          {false, true, false, false})),
            (Labels{"优", "良", "中", "差"}));
  // The bottom band and the top band: what the neighbour leaves.
  EXPECT_EQ(labels_of(name_misread_labels(scale_of({{"优", 90}, {"良", 80}, {"中", 60}, {"左", {}}}),
                                          {false, false, false, true})),
            (Labels{"优", "良", "中", "差"}));
  EXPECT_EQ(labels_of(name_misread_labels(scale_of({{"民", 90}, {"良", 80}, {"中", 60}}), {true, false, false})),
            (Labels{"优", "良", "中"}));
  // Listed in another order, the floors still place it.
  EXPECT_EQ(labels_of(name_misread_labels(scale_of({{"差", {}}, {"中", 60}, {"月", 80}, {"优", 90}}),
                                          {false, false, true, false})),
            (Labels{"差", "中", "良", "优"}));
}

TEST(GradeBandsTest, MisreadLabelDroppedWhereTheScaleDoesNotNameIt) {
  using Labels = std::vector<std::string>;
  // Two classes between 优 and 差: 良 or 中?
  EXPECT_EQ(labels_of(name_misread_labels(scale_of({{"优", 90}, {"尺", 75}, {"差", {}}}), {false, true, false})),
            (Labels{"优", "差"}));
  // The class it would have is named already.
  EXPECT_EQ(labels_of(name_misread_labels(scale_of({{"优", 90}, {"尺", 80}, {"良", 70}, {"差", {}}}),
                                          {false, true, false, false})),
            (Labels{"优", "良", "差"}));
  // Words of another scale (优秀/良好/合格/不合格): no one-character word to give.
  EXPECT_EQ(labels_of(name_misread_labels(scale_of({{"优秀", 90}, {"尺", 80}, {"合格", 60}, {"不合格", {}}}),
                                          {false, true, false, false})),
            (Labels{"优秀", "合格", "不合格"}));
  // Two bands from one floor: no order to read.
  EXPECT_EQ(labels_of(name_misread_labels(scale_of({{"优", 90}, {"尺", 90}, {"中", 60}}), {false, true, false})),
            (Labels{"优", "中"}));
}

TEST(GradeClassTest, Classes) {
  EXPECT_EQ(grade_class("优"), 1);
  EXPECT_EQ(grade_class("优秀"), 1);
  EXPECT_EQ(grade_class("良"), 2);
  EXPECT_EQ(grade_class("良好"), 2);
  EXPECT_EQ(grade_class("中"), 3);
  EXPECT_EQ(grade_class("中等"), 3);
  EXPECT_EQ(grade_class("一般"), 3);
  EXPECT_EQ(grade_class("合格"), 3);
  EXPECT_EQ(grade_class("及格"), 3);
  EXPECT_EQ(grade_class("差"), 4);
  EXPECT_EQ(grade_class("较差"), 4);
  EXPECT_EQ(grade_class("不合格"), 4);
  EXPECT_EQ(grade_class("不及格"), 4);
  EXPECT_EQ(grade_class("卓越"), 0);
  EXPECT_EQ(grade_class(""), 0);
}

}  // namespace
}  // namespace jixiao::normalize
