#include "score_table.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "jixiao/extract/document.h"
#include "jixiao/text/decimal.h"

namespace jixiao::normalize {

using text::Decimal;

void PrintTo(const Decimal& d, std::ostream* os) { *os << d.to_string() << " (scale " << d.scale() << ")"; }

namespace {

using Role = ScoreTable::Role;
using Kind = ScoreRow::Kind;

extract::Document doc_of(const std::vector<std::string>& lines) {
  std::string text;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (i) text += "\n";
    text += lines[i];
  }
  return extract::make_text_document("table.txt", "text", "UTF-8", "", text);
}

std::string Str(const std::optional<Decimal>& d) { return d ? d->to_string() : "nullopt"; }

// The name of a cell, "<none>" when the level is empty.
std::string Name(const std::optional<NameCell>& c) { return c ? c->name : "<none>"; }
std::string Max(const std::optional<NameCell>& c) { return c ? Str(c->max) : "<none>"; }

// ---- parse_name_cell --------------------------------------------------------

TEST(ParseNameCellTest, NameWithMaxInFullWidthParentheses) {
  std::optional<NameCell> c = parse_name_cell("投入（20 分）");
  ASSERT_TRUE(c.has_value());
  EXPECT_EQ(c->name, "投入");
  EXPECT_EQ(Str(c->max), "20");
  EXPECT_FALSE(c->continuation);
}

TEST(ParseNameCellTest, NameWithMaxInAsciiParentheses) {
  std::optional<NameCell> c = parse_name_cell("效益(18分)");
  ASSERT_TRUE(c.has_value());
  EXPECT_EQ(c->name, "效益");
  EXPECT_EQ(Str(c->max), "18");
  EXPECT_FALSE(c->continuation);
}

// OCR doubles an opening bracket; the name does not keep one.
TEST(ParseNameCellTest, DoubledOpeningBracketBeforeTheMax) {
  std::optional<NameCell> c = parse_name_cell("过程((25分)");
  ASSERT_TRUE(c.has_value());
  EXPECT_EQ(c->name, "过程");
  EXPECT_EQ(Str(c->max), "25");
}

// OCR loses a closing bracket after 分; the max is still the max.
TEST(ParseNameCellTest, ClosingBracketLostAfterPoints) {
  std::optional<NameCell> c = parse_name_cell("预算管理(8分");
  ASSERT_TRUE(c.has_value());
  EXPECT_EQ(c->name, "预算管理");
  EXPECT_EQ(Str(c->max), "8");
  std::optional<NameCell> bare = parse_name_cell("预算管理(8");
  ASSERT_TRUE(bare.has_value());
  EXPECT_EQ(bare->name, "预算管理(8");
  EXPECT_FALSE(bare->max.has_value());
}

TEST(ParseNameCellTest, HalfPointMaxAndSpaces) {
  std::optional<NameCell> c = parse_name_cell("  资金到位率 （4.5分） ");
  ASSERT_TRUE(c.has_value());
  EXPECT_EQ(c->name, "资金到位率");
  EXPECT_EQ(Str(c->max), "4.5");
  std::optional<NameCell> bare = parse_name_cell("预算执行率（6）");
  ASSERT_TRUE(bare.has_value());
  EXPECT_EQ(bare->name, "预算执行率");
  EXPECT_EQ(Str(bare->max), "6");
}

TEST(ParseNameCellTest, ParenthesisedMaxAloneIsAContinuation) {
  std::optional<NameCell> c = parse_name_cell("(12分)");
  ASSERT_TRUE(c.has_value());
  EXPECT_TRUE(c->continuation);
  EXPECT_EQ(c->name, "");
  EXPECT_EQ(Str(c->max), "12");
  std::optional<NameCell> full = parse_name_cell("（12 分）");
  ASSERT_TRUE(full.has_value());
  EXPECT_TRUE(full->continuation);
  EXPECT_EQ(Str(full->max), "12");
}

TEST(ParseNameCellTest, PlainName) {
  std::optional<NameCell> c = parse_name_cell("绩效目标合理性");
  ASSERT_TRUE(c.has_value());
  EXPECT_EQ(c->name, "绩效目标合理性");
  EXPECT_FALSE(c->max.has_value());
  EXPECT_FALSE(c->continuation);
}

TEST(ParseNameCellTest, AStrayCommaAfterANameIsNotASentence) {
  // OCR reads a speck after a name as a comma; a sentence has other marks.
  std::optional<NameCell> c = parse_name_cell("群众满意度，");
  ASSERT_TRUE(c.has_value());
  EXPECT_EQ(c->name, "群众满意度");
  EXPECT_EQ(parse_name_cell("资金到位率(5分)、")->max, Decimal::parse("5"));
  EXPECT_FALSE(parse_name_cell("资金到位，执行较好，").has_value());
  EXPECT_FALSE(parse_name_cell("立项依据、程序，").has_value());
  EXPECT_FALSE(parse_name_cell("依据充分得4分；").has_value());
  EXPECT_FALSE(parse_name_cell("12，").has_value()) << "a figure with a stray mark is still a figure";
  EXPECT_FALSE(parse_name_cell("群众满意度，，").has_value()) << "one stray mark, not two";
}

TEST(ParseNameCellTest, AMarkInsideBracketsEndsNoClause) {
  // A name may list inside its brackets; read as a sentence, its row was
  // dropped and the block's maxima no longer added up.
  std::optional<NameCell> c = parse_name_cell("服务覆盖村数（含新建、改建）");
  ASSERT_TRUE(c.has_value());
  EXPECT_EQ(c->name, "服务覆盖村数（含新建、改建）");
  EXPECT_EQ(parse_name_cell("培训人次(线上、线下)(4分)")->max, Decimal::parse("4"));
  EXPECT_FALSE(parse_name_cell("资金到位（按时），执行较好").has_value()) << "a mark outside the brackets";
  EXPECT_FALSE(parse_name_cell("未完成（受天气影响，延期").has_value()) << "a bracket left open hides nothing";
}

TEST(ParseNameCellTest, SentencesAndNumbersAreRejected) {
  EXPECT_FALSE(parse_name_cell("项目立项是否符合国家法律法规，是否与部门职责相关").has_value());
  EXPECT_FALSE(parse_name_cell("依据充分得4分。").has_value());
  EXPECT_FALSE(parse_name_cell("立项依据、程序").has_value());
  EXPECT_FALSE(parse_name_cell("对照年初预算逐项核实资金是否按时足额到位并用于项目约定的各项支出内容").has_value());
  EXPECT_FALSE(parse_name_cell("20").has_value());
  EXPECT_FALSE(parse_name_cell("85.5%").has_value());
  EXPECT_FALSE(parse_name_cell("12分").has_value());
  EXPECT_FALSE(parse_name_cell("").has_value());
  EXPECT_FALSE(parse_name_cell("   ").has_value());
}

// ---- a full results table ---------------------------------------------------

// A results table with span cells, a shifted row, subtotals, a blank line and the total.
const std::vector<std::string> kResults = {
    "三、评价结果",                                                       // 0
    "表1 绩效评价指标得分表",                                             // 1
    "一级指标\t二级指标\t三级指标\t分值\t得分\t得分率",                   // 2
    "投入（20分）\t目标设定（5分）\t绩效目标合理性\t3\t3\t100%",          // 3
    "\t\t绩效指标明确性\t2\t1.5\t75%",                                    // 4
    "\t预算配置（15分）\t预算编制科学性\t8\t6.5\t81.25%",                 // 5
    "预算调整率\t\t\t7\t6\t85.71%",                                       // 6 shifted
    "投入小计\t\t\t20\t17\t85%",                                          // 7
    "产出（40分）\t产出数量（20分）\t培训人次完成率\t10\t9\t90%",         // 8
    "",                                                                   // 9 blank
    "\t\t课时完成率\t10\t10\t100%",                                       // 10
    "\t产出质量（20分）\t培训合格率\t20\t18\t90%",                        // 11
    "产出小计\t\t\t40\t37\t92.5%",                                        // 12
    "效益（40分）\t社会效益（40分）\t学员满意度\t40\t32\t80%",            // 13
    "合计\t\t\t100\t86\t86%",                                             // 14
    "注：得分率为得分与分值之比。",                                       // 15
    "四、主要问题",                                                       // 16
};

TEST(FindScoreTablesTest, ResultsTableShape) {
  const extract::Document doc = doc_of(kResults);
  const std::vector<ScoreTable> tables = find_score_tables(doc);
  ASSERT_EQ(tables.size(), 1u);
  const ScoreTable& t = tables[0];
  EXPECT_EQ(t.role, Role::kResults);
  EXPECT_FALSE(t.transposed);
  EXPECT_EQ(t.header_line, 2u);
  ASSERT_EQ(t.rows.size(), 11u);
  const std::vector<std::size_t> lines = {3, 4, 5, 6, 7, 8, 10, 11, 12, 13, 14};
  for (std::size_t i = 0; i < lines.size(); ++i) EXPECT_EQ(t.rows[i].line, lines[i]) << "row " << i;
}

TEST(FindScoreTablesTest, ResultsTableFirstRowOfSpanCarriesAllLevels) {
  const extract::Document doc = doc_of(kResults);
  const std::vector<ScoreTable> tables = find_score_tables(doc);
  ASSERT_EQ(tables.size(), 1u);
  ASSERT_GE(tables[0].rows.size(), 1u);
  const ScoreRow& r = tables[0].rows[0];
  EXPECT_EQ(r.kind, Kind::kIndicator);
  EXPECT_EQ(Name(r.names[0]), "投入");
  EXPECT_EQ(Max(r.names[0]), "20");
  EXPECT_EQ(Name(r.names[1]), "目标设定");
  EXPECT_EQ(Max(r.names[1]), "5");
  EXPECT_EQ(Name(r.names[2]), "绩效目标合理性");
  EXPECT_EQ(Max(r.names[2]), "nullopt");
  EXPECT_EQ(Str(r.max), "3");
  EXPECT_EQ(Str(r.score), "3");
  EXPECT_EQ(Str(r.rate), "100");
  const std::string_view line = doc.line_text(3);
  EXPECT_EQ(r.begin, 0u);
  EXPECT_EQ(r.end, line.size());
  ASSERT_TRUE(r.names[1].has_value());
  EXPECT_EQ(line.substr(r.names[1]->begin, r.names[1]->end - r.names[1]->begin), "目标设定（5分）");
  ASSERT_TRUE(r.names[2].has_value());
  EXPECT_EQ(line.substr(r.names[2]->begin, r.names[2]->end - r.names[2]->begin), "绩效目标合理性");
}

TEST(FindScoreTablesTest, ResultsTableRowsStartingWithTabsAreLevel3) {
  const extract::Document doc = doc_of(kResults);
  const std::vector<ScoreTable> tables = find_score_tables(doc);
  ASSERT_EQ(tables.size(), 1u);
  ASSERT_EQ(tables[0].rows.size(), 11u);
  const ScoreRow& r = tables[0].rows[1];  // "\t\t绩效指标明确性\t2\t1.5\t75%"
  EXPECT_EQ(r.kind, Kind::kIndicator);
  EXPECT_FALSE(r.names[0].has_value());
  EXPECT_FALSE(r.names[1].has_value());
  EXPECT_EQ(Name(r.names[2]), "绩效指标明确性");
  EXPECT_EQ(Str(r.max), "2");
  EXPECT_EQ(Str(r.score), "1.5");
  EXPECT_EQ(Str(r.rate), "75");
  EXPECT_EQ(r.begin, 2u);
  EXPECT_EQ(r.end, doc.line_text(4).size());
  ASSERT_TRUE(r.names[2].has_value());
  EXPECT_EQ(r.names[2]->begin, 2u);
  EXPECT_EQ(r.names[2]->end, 2u + std::string("绩效指标明确性").size());

  const ScoreRow& l2 = tables[0].rows[2];  // "\t预算配置（15分）\t预算编制科学性\t8\t6.5\t81.25%"
  EXPECT_FALSE(l2.names[0].has_value());
  EXPECT_EQ(Name(l2.names[1]), "预算配置");
  EXPECT_EQ(Max(l2.names[1]), "15");
  EXPECT_EQ(Name(l2.names[2]), "预算编制科学性");
  EXPECT_EQ(Str(l2.score), "6.5");
  EXPECT_EQ(Str(l2.rate), "81.25");
}

TEST(FindScoreTablesTest, ResultsTableShiftedRowIsStillLevel3) {
  const extract::Document doc = doc_of(kResults);
  const std::vector<ScoreTable> tables = find_score_tables(doc);
  ASSERT_EQ(tables.size(), 1u);
  ASSERT_EQ(tables[0].rows.size(), 11u);
  const ScoreRow& r = tables[0].rows[3];  // "预算调整率\t\t\t7\t6\t85.71%"
  EXPECT_EQ(r.line, 6u);
  EXPECT_EQ(r.kind, Kind::kIndicator);
  EXPECT_FALSE(r.names[0].has_value());
  EXPECT_FALSE(r.names[1].has_value());
  EXPECT_EQ(Name(r.names[2]), "预算调整率");
  EXPECT_EQ(Str(r.max), "7");
  EXPECT_EQ(Str(r.score), "6");
  EXPECT_EQ(Str(r.rate), "85.71");
  EXPECT_EQ(r.begin, 0u);
}

TEST(FindScoreTablesTest, ResultsTableSubtotalAndTotalRows) {
  const extract::Document doc = doc_of(kResults);
  const std::vector<ScoreTable> tables = find_score_tables(doc);
  ASSERT_EQ(tables.size(), 1u);
  ASSERT_EQ(tables[0].rows.size(), 11u);
  const ScoreRow& sub = tables[0].rows[4];  // "投入小计\t\t\t20\t17\t85%"
  EXPECT_EQ(sub.kind, Kind::kSubtotal);
  EXPECT_EQ(sub.label, "投入小计");
  EXPECT_EQ(sub.label_level1, "投入");
  EXPECT_EQ(Str(sub.max), "20");
  EXPECT_EQ(Str(sub.score), "17");
  EXPECT_EQ(Str(sub.rate), "85");

  const ScoreRow& sub2 = tables[0].rows[8];  // "产出小计\t\t\t40\t37\t92.5%"
  EXPECT_EQ(sub2.kind, Kind::kSubtotal);
  EXPECT_EQ(sub2.label_level1, "产出");
  EXPECT_EQ(Str(sub2.score), "37");
  EXPECT_EQ(Str(sub2.rate), "92.5");

  const ScoreRow& total = tables[0].rows[10];  // "合计\t\t\t100\t86\t86%"
  EXPECT_EQ(total.kind, Kind::kTotal);
  EXPECT_EQ(total.label, "合计");
  EXPECT_EQ(Str(total.max), "100");
  EXPECT_EQ(Str(total.score), "86");
  EXPECT_EQ(Str(total.rate), "86");
  EXPECT_EQ(total.line, 14u);
}

TEST(FindScoreTablesTest, ResultsTableBlankLineDoesNotEndTheTable) {
  const extract::Document doc = doc_of(kResults);
  const std::vector<ScoreTable> tables = find_score_tables(doc);
  ASSERT_EQ(tables.size(), 1u);
  ASSERT_EQ(tables[0].rows.size(), 11u);
  const ScoreRow& before = tables[0].rows[5];  // line 8, before the blank line
  EXPECT_EQ(Name(before.names[0]), "产出");
  EXPECT_EQ(Max(before.names[0]), "40");
  EXPECT_EQ(Name(before.names[1]), "产出数量");
  EXPECT_EQ(Name(before.names[2]), "培训人次完成率");
  const ScoreRow& after = tables[0].rows[6];  // line 10, after it
  EXPECT_EQ(after.line, 10u);
  EXPECT_EQ(Name(after.names[2]), "课时完成率");
  EXPECT_FALSE(after.names[0].has_value());
  EXPECT_EQ(Str(after.score), "10");
  const ScoreRow& last = tables[0].rows[9];  // line 13, three names
  EXPECT_EQ(Name(last.names[0]), "效益");
  EXPECT_EQ(Name(last.names[1]), "社会效益");
  EXPECT_EQ(Name(last.names[2]), "学员满意度");
  EXPECT_EQ(Str(last.score), "32");
}

// ---- wrapped level-2 cell ---------------------------------------------------

TEST(FindScoreTablesTest, WrappedLevel2CellContinues) {
  const extract::Document doc = doc_of({
      "一级指标\t二级指标\t三级指标\t分值\t得分\t得分率",
      "过程（30分）\t资金管理\t资金到位率\t4\t4\t100%",
      "\t（12分）\t预算执行率\t8\t7\t87.5%",
      "\t组织实施（18分）\t管理制度健全性\t9\t8\t88.89%",
      "\t\t制度执行有效性\t9\t7\t77.78%",
  });
  const std::vector<ScoreTable> tables = find_score_tables(doc);
  ASSERT_EQ(tables.size(), 1u);
  EXPECT_EQ(tables[0].role, Role::kResults);
  ASSERT_EQ(tables[0].rows.size(), 4u);
  const ScoreRow& first = tables[0].rows[0];
  EXPECT_EQ(Name(first.names[0]), "过程");
  EXPECT_EQ(Max(first.names[0]), "30");
  EXPECT_EQ(Name(first.names[1]), "资金管理");
  EXPECT_EQ(Max(first.names[1]), "nullopt");
  ASSERT_TRUE(first.names[1].has_value());
  EXPECT_FALSE(first.names[1]->continuation);

  const ScoreRow& wrapped = tables[0].rows[1];
  EXPECT_FALSE(wrapped.names[0].has_value());
  ASSERT_TRUE(wrapped.names[1].has_value());
  EXPECT_TRUE(wrapped.names[1]->continuation);
  EXPECT_EQ(wrapped.names[1]->name, "");
  EXPECT_EQ(Str(wrapped.names[1]->max), "12");
  EXPECT_EQ(Name(wrapped.names[2]), "预算执行率");
  EXPECT_EQ(Str(wrapped.max), "8");
  EXPECT_EQ(Str(wrapped.score), "7");
  EXPECT_EQ(Str(wrapped.rate), "87.5");

  const ScoreRow& next = tables[0].rows[2];
  EXPECT_EQ(Name(next.names[1]), "组织实施");
  EXPECT_EQ(Max(next.names[1]), "18");
}

TEST(FindScoreTablesTest, WrappedCellAloneOnItsRow) {
  const extract::Document doc = doc_of({
      "一级指标\t二级指标\t三级指标\t分值\t得分\t得分率",
      "过程（30分）\t资金管理\t资金到位率\t4\t4\t100%",
      "\t（12分）",
      "\t\t预算执行率\t8\t7\t87.5%",
  });
  const std::vector<ScoreTable> tables = find_score_tables(doc);
  ASSERT_EQ(tables.size(), 1u);
  ASSERT_EQ(tables[0].rows.size(), 3u);
  const ScoreRow& wrapped = tables[0].rows[1];
  EXPECT_EQ(wrapped.line, 2u);
  EXPECT_EQ(wrapped.kind, Kind::kIndicator);
  int cells = 0;
  for (const auto& c : wrapped.names) {
    if (!c) continue;
    ++cells;
    EXPECT_TRUE(c->continuation);
    EXPECT_EQ(Str(c->max), "12");
    EXPECT_EQ(doc.line_text(2).substr(c->begin, c->end - c->begin), "（12分）");
  }
  EXPECT_EQ(cells, 1);
  EXPECT_FALSE(wrapped.max.has_value());
  EXPECT_FALSE(wrapped.score.has_value());
  EXPECT_EQ(Name(tables[0].rows[2].names[2]), "预算执行率");
}

// ---- space-aligned ----------------------------------------------------------

TEST(FindScoreTablesTest, SpaceAlignedTable) {
  const std::vector<std::string> lines = {
      "一级指标      二级指标        三级指标        分值  得分  得分率",
      "决策（15分）  项目立项（6分）  立项依据充分性  3  3  100%",
      "                              立项程序规范性  3  2  66.67%",
      "              绩效目标（9分）  绩效目标合理性  5  4  80%",
      "                              绩效指标明确性  4  3.5  87.5%",
      "合计  15  12.5  83.33%",
      "",
      "从上表可以看出 决策指标得分较高",
  };
  const extract::Document doc = doc_of(lines);
  const std::vector<ScoreTable> tables = find_score_tables(doc);
  ASSERT_EQ(tables.size(), 1u);
  const ScoreTable& t = tables[0];
  EXPECT_EQ(t.role, Role::kResults);
  EXPECT_EQ(t.header_line, 0u);
  ASSERT_EQ(t.rows.size(), 5u);
  EXPECT_EQ(Name(t.rows[0].names[0]), "决策");
  EXPECT_EQ(Max(t.rows[0].names[0]), "15");
  EXPECT_EQ(Name(t.rows[0].names[1]), "项目立项");
  EXPECT_EQ(Max(t.rows[0].names[1]), "6");
  EXPECT_EQ(Name(t.rows[0].names[2]), "立项依据充分性");
  EXPECT_EQ(Str(t.rows[0].rate), "100");

  const ScoreRow& r1 = t.rows[1];
  EXPECT_FALSE(r1.names[0].has_value());
  EXPECT_FALSE(r1.names[1].has_value());
  EXPECT_EQ(Name(r1.names[2]), "立项程序规范性");
  EXPECT_EQ(Str(r1.score), "2");
  EXPECT_EQ(Str(r1.rate), "66.67");
  EXPECT_EQ(r1.begin, lines[2].find("立项程序规范性"));
  EXPECT_EQ(r1.end, lines[2].size());

  EXPECT_FALSE(t.rows[2].names[0].has_value());
  EXPECT_EQ(Name(t.rows[2].names[1]), "绩效目标");
  EXPECT_EQ(Max(t.rows[2].names[1]), "9");
  EXPECT_EQ(Name(t.rows[3].names[2]), "绩效指标明确性");
  EXPECT_EQ(Str(t.rows[3].score), "3.5");
  EXPECT_EQ(t.rows[4].kind, Kind::kTotal);
  EXPECT_EQ(Str(t.rows[4].score), "12.5");
  EXPECT_EQ(Str(t.rows[4].rate), "83.33");
}

// ---- transposed summary -----------------------------------------------------

void expect_transposed_summary(const std::vector<ScoreTable>& tables, std::size_t header_line) {
  ASSERT_EQ(tables.size(), 1u);
  const ScoreTable& t = tables[0];
  EXPECT_TRUE(t.transposed);
  EXPECT_EQ(t.role, Role::kSummary);
  EXPECT_EQ(t.header_line, header_line);
  ASSERT_EQ(t.rows.size(), 5u);
  const std::vector<std::string> names = {"决策", "过程", "产出", "效益"};
  const std::vector<std::string> maxes = {"15", "25", "35", "25"};
  const std::vector<std::string> scores = {"13", "22", "30", "21"};
  const std::vector<std::string> rates = {"86.67", "88", "85.71", "84"};
  for (std::size_t i = 0; i < 4; ++i) {
    EXPECT_EQ(t.rows[i].kind, Kind::kIndicator) << i;
    EXPECT_EQ(Name(t.rows[i].names[0]), names[i]);
    EXPECT_FALSE(t.rows[i].names[1].has_value());
    EXPECT_FALSE(t.rows[i].names[2].has_value());
    EXPECT_EQ(Str(t.rows[i].max), maxes[i]);
    EXPECT_EQ(Str(t.rows[i].score), scores[i]);
    EXPECT_EQ(Str(t.rows[i].rate), rates[i]);
  }
  EXPECT_EQ(t.rows[4].kind, Kind::kTotal);
  EXPECT_EQ(t.rows[4].label, "合计");
  EXPECT_EQ(Str(t.rows[4].max), "100");
  EXPECT_EQ(Str(t.rows[4].score), "86");
  EXPECT_EQ(Str(t.rows[4].rate), "86");
}

// DISABLED: code bug. A transposed table whose corner cell is "指标" is not found
// (find_score_tables returns no table): parse_header() rejects a header with a
// single level-0 name column and no 分值/得分 column before the transposed check
// can run. The same table with "一级指标" in the corner is found (next test).
TEST(FindScoreTablesTest, TransposedSummaryTable) {
  const std::vector<std::string> lines = {
      "表2 一级指标得分汇总",
      "指标\t决策\t过程\t产出\t效益\t合计",
      "分值\t15\t25\t35\t25\t100",
      "得分\t13\t22\t30\t21\t86",
      "得分率\t86.67%\t88%\t85.71%\t84%\t86%",
      "",
      "综上，项目总体完成情况较好。",
  };
  const extract::Document doc = doc_of(lines);
  const std::vector<ScoreTable> tables = find_score_tables(doc);
  expect_transposed_summary(tables, 1);
  if (tables.size() == 1 && tables[0].rows.size() == 5) {
    // A row's figures are quoted from the 得分 line.
    const ScoreRow& r = tables[0].rows[1];
    EXPECT_EQ(r.line, 3u);
    EXPECT_EQ(doc.line_text(3).substr(r.begin, r.end - r.begin), "22");
  }
}

TEST(FindScoreTablesTest, TransposedSummaryTableWithLevel1Header) {
  const extract::Document doc = doc_of({
      "一级指标\t决策\t过程\t产出\t效益\t合计",
      "分值\t15\t25\t35\t25\t100",
      "得分\t13\t22\t30\t21\t86",
      "得分率\t86.67%\t88%\t85.71%\t84%\t86%",
  });
  expect_transposed_summary(find_score_tables(doc), 0);
}

// ---- summary, non-transposed ------------------------------------------------

TEST(FindScoreTablesTest, SummaryTableOfLevel1And2) {
  const extract::Document doc = doc_of({
      "一级指标\t二级指标\t分值\t得分\t得分率",
      "决策（15分）\t项目立项\t6\t6\t100%",
      "\t绩效目标\t9\t7\t77.78%",
      "决策指标得分\t15\t13\t86.67%",
      "总计\t15\t13\t86.67%",
  });
  const std::vector<ScoreTable> tables = find_score_tables(doc);
  ASSERT_EQ(tables.size(), 1u);
  const ScoreTable& t = tables[0];
  EXPECT_EQ(t.role, Role::kSummary);
  EXPECT_FALSE(t.transposed);
  ASSERT_EQ(t.rows.size(), 4u);
  EXPECT_EQ(Name(t.rows[0].names[0]), "决策");
  EXPECT_EQ(Max(t.rows[0].names[0]), "15");
  EXPECT_EQ(Name(t.rows[0].names[1]), "项目立项");
  EXPECT_FALSE(t.rows[0].names[2].has_value());
  EXPECT_EQ(Str(t.rows[0].score), "6");
  EXPECT_FALSE(t.rows[1].names[0].has_value());
  EXPECT_EQ(Name(t.rows[1].names[1]), "绩效目标");
  EXPECT_EQ(Str(t.rows[1].rate), "77.78");
  EXPECT_EQ(t.rows[2].kind, Kind::kSubtotal);
  EXPECT_EQ(t.rows[2].label, "决策指标得分");
  EXPECT_EQ(t.rows[2].label_level1, "决策");
  EXPECT_EQ(Str(t.rows[2].score), "13");
  EXPECT_EQ(t.rows[3].kind, Kind::kTotal);
  EXPECT_EQ(t.rows[3].label, "总计");
}

TEST(FindScoreTablesTest, SummaryTableOfLevel1Only) {
  const extract::Document doc = doc_of({
      "一级指标\t满分\t评价得分\t得分率（%）",
      "决策\t15\t13\t86.67",
      "过程\t25\t—\t—",
      "合计\t40\t13\t32.5",
  });
  const std::vector<ScoreTable> tables = find_score_tables(doc);
  ASSERT_EQ(tables.size(), 1u);
  const ScoreTable& t = tables[0];
  EXPECT_EQ(t.role, Role::kSummary);
  ASSERT_EQ(t.rows.size(), 3u);
  EXPECT_EQ(Name(t.rows[0].names[0]), "决策");
  EXPECT_EQ(Str(t.rows[0].max), "15");
  EXPECT_EQ(Str(t.rows[0].score), "13");
  EXPECT_EQ(Str(t.rows[0].rate), "86.67");  // rate column without a % sign
  EXPECT_EQ(Name(t.rows[1].names[0]), "过程");
  EXPECT_EQ(Str(t.rows[1].max), "25");
  EXPECT_EQ(Str(t.rows[1].score), "nullopt");  // a dash is "none"
  EXPECT_EQ(Str(t.rows[1].rate), "nullopt");
  EXPECT_EQ(t.rows[2].kind, Kind::kTotal);
}

// ---- outline-numbered -------------------------------------------------------

TEST(FindScoreTablesTest, OutlineNumberedTable) {
  const extract::Document doc = doc_of({
      "序号\t评价指标\t分值\t得分\t得分率",
      "一\t决策\t15\t13\t86.7%",
      "（一）\t项目立项\t4\t4\t100%",
      "1\t立项依据充分性\t2\t2\t100%",
      "2\t立项程序规范性\t2\t2\t100%",
      "（二）\t绩效目标\t11\t9\t81.8%",
      "3\t绩效目标合理性\t6\t5\t83.3%",
      "4\t绩效指标明确性\t5\t4\t80%",
      "二\t过程\t25\t22\t88%",
      "合计\t\t40\t35\t87.5%",
  });
  const std::vector<ScoreTable> tables = find_score_tables(doc);
  ASSERT_EQ(tables.size(), 1u);
  const ScoreTable& t = tables[0];
  EXPECT_EQ(t.role, Role::kResults);
  ASSERT_EQ(t.rows.size(), 9u);

  const ScoreRow& l1 = t.rows[0];
  EXPECT_EQ(Name(l1.names[0]), "决策");
  EXPECT_FALSE(l1.names[1].has_value());
  EXPECT_FALSE(l1.names[2].has_value());
  EXPECT_EQ(Str(l1.max), "15");
  EXPECT_EQ(Str(l1.score), "13");
  EXPECT_EQ(Str(l1.rate), "86.7");

  const ScoreRow& l2 = t.rows[1];
  EXPECT_FALSE(l2.names[0].has_value());
  EXPECT_EQ(Name(l2.names[1]), "项目立项");
  EXPECT_FALSE(l2.names[2].has_value());
  EXPECT_EQ(Str(l2.max), "4");

  const ScoreRow& l3 = t.rows[2];
  EXPECT_FALSE(l3.names[0].has_value());
  EXPECT_FALSE(l3.names[1].has_value());
  EXPECT_EQ(Name(l3.names[2]), "立项依据充分性");
  EXPECT_EQ(Str(l3.max), "2");
  EXPECT_EQ(Str(l3.rate), "100");

  EXPECT_EQ(Name(t.rows[4].names[1]), "绩效目标");
  EXPECT_EQ(Str(t.rows[4].rate), "81.8");
  EXPECT_EQ(Name(t.rows[6].names[2]), "绩效指标明确性");
  EXPECT_EQ(Name(t.rows[7].names[0]), "过程");
  EXPECT_EQ(t.rows[8].kind, Kind::kTotal);
  EXPECT_EQ(Str(t.rows[8].score), "35");
}

// An outline table whose first-level rows have no serial (printed so, or
// their 一 lost by OCR) and one leaf that lost its number: the row above a
// （一） heads its group, a row between leaves 1 and 3 is leaf 2. A name
// alone on a row (a wrapped name's second line) and an unnumbered row
// elsewhere are not read as rows.
TEST(FindScoreTablesTest, OutlineRowsWithoutTheirSerial) {
  const extract::Document doc = doc_of({
      "序号\t评价指标\t分值\t得分\t得分率",
      "\t决策\t15\t13\t86.7%",
      "（一）\t项目立项\t4\t4\t100%",
      "1\t立项依据充分性\t2\t2\t100%",
      "\t立项程序规范性\t2\t2\t100%",
      "3\t绩效目标合理性\t6\t5\t83.3%",
      "\t绩效目标\t11\t9\t81.8%",
      "4\t绩效指标明确性\t5\t4\t80%",
      "（二）\t绩效目标\t11\t9\t81.8%",
      "\t说明\t2\t2\t100%",
      "二\t过程\t25\t22\t88%",
      "合计\t\t40\t35\t87.5%",
  });
  const std::vector<ScoreTable> tables = find_score_tables(doc);
  ASSERT_EQ(tables.size(), 1u);
  const ScoreTable& t = tables[0];
  ASSERT_EQ(t.rows.size(), 9u);
  EXPECT_EQ(Name(t.rows[0].names[0]), "决策");
  EXPECT_EQ(Str(t.rows[0].score), "13");
  EXPECT_EQ(Name(t.rows[1].names[1]), "项目立项");
  EXPECT_EQ(Name(t.rows[3].names[2]), "立项程序规范性");
  EXPECT_EQ(Str(t.rows[3].max), "2");
  EXPECT_EQ(Name(t.rows[4].names[2]), "绩效目标合理性");
  // Between leaves 3 and 4, an unnumbered row is no leaf (a （二） lost, say): not read.
  EXPECT_EQ(Name(t.rows[5].names[2]), "绩效指标明确性");
  EXPECT_EQ(Name(t.rows[6].names[1]), "绩效目标");
  EXPECT_EQ(Name(t.rows[7].names[0]), "过程");  // 说明 (after a group's head, before a first-level row) is not read
  EXPECT_EQ(t.rows[8].kind, Kind::kTotal);
}

// ---- serial column and 权重（分） --------------------------------------------

TEST(FindScoreTablesTest, SerialColumnAndWeightHeader) {
  const extract::Document doc = doc_of({
      "序号\t一级指标\t二级指标\t三级指标\t权重（分）\t得分",
      "1\t产出\t产出数量\t培训人次完成率\t10\t9",
      "2\t\t\t课时完成率\t10\t10",
      "3\t\t产出质量\t培训合格率\t15\t13.5",
      "4\t效益\t社会效益\t学员满意度\t15\t12",
  });
  const std::vector<ScoreTable> tables = find_score_tables(doc);
  ASSERT_EQ(tables.size(), 1u);
  const ScoreTable& t = tables[0];
  EXPECT_EQ(t.role, Role::kResults);
  ASSERT_EQ(t.rows.size(), 4u);
  EXPECT_EQ(Name(t.rows[0].names[0]), "产出");
  EXPECT_EQ(Name(t.rows[0].names[1]), "产出数量");
  EXPECT_EQ(Name(t.rows[0].names[2]), "培训人次完成率");
  EXPECT_EQ(Str(t.rows[0].max), "10");
  EXPECT_EQ(Str(t.rows[0].score), "9");
  EXPECT_EQ(Str(t.rows[0].rate), "nullopt");

  EXPECT_FALSE(t.rows[1].names[0].has_value());
  EXPECT_FALSE(t.rows[1].names[1].has_value());
  EXPECT_EQ(Name(t.rows[1].names[2]), "课时完成率");
  EXPECT_EQ(Str(t.rows[1].max), "10");

  EXPECT_FALSE(t.rows[2].names[0].has_value());
  EXPECT_EQ(Name(t.rows[2].names[1]), "产出质量");
  EXPECT_EQ(Name(t.rows[2].names[2]), "培训合格率");
  EXPECT_EQ(Str(t.rows[2].score), "13.5");

  EXPECT_EQ(Name(t.rows[3].names[0]), "效益");
  EXPECT_EQ(Str(t.rows[3].max), "15");
}

// ---- annex ------------------------------------------------------------------

TEST(FindScoreTablesTest, AnnexTableWithoutScoreColumn) {
  const extract::Document doc = doc_of({
      "附表：绩效评价指标体系及评分标准",
      "一级指标\t二级指标\t三级指标\t指标解释\t评分标准",
      "决策（20分）\t项目立项（8分）\t立项依据充分性（4分）\t项目立项是否符合国家法律法规、部门职责\t依据充分得4分，每有一项不符合扣1分",
      "\t\t立项程序规范性（4分）\t项目是否按照规定的程序申请设立\t程序规范得4分，否则不得分",
      "\t绩效目标（12分）\t绩效目标合理性（6分）\t项目是否设定了绩效目标\t目标合理得6分，不合理不得分",
      "\t\t绩效指标明确性（6分）\t绩效指标是否细化量化\t指标清晰得6分",
  });
  const std::vector<ScoreTable> tables = find_score_tables(doc);
  ASSERT_EQ(tables.size(), 1u);
  const ScoreTable& t = tables[0];
  EXPECT_EQ(t.role, Role::kAnnex);
  EXPECT_FALSE(t.transposed);
  EXPECT_EQ(t.header_line, 1u);
  ASSERT_EQ(t.rows.size(), 4u);

  const ScoreRow& r0 = t.rows[0];
  EXPECT_EQ(r0.kind, Kind::kIndicator);
  EXPECT_EQ(Name(r0.names[0]), "决策");
  EXPECT_EQ(Max(r0.names[0]), "20");
  EXPECT_EQ(Name(r0.names[1]), "项目立项");
  EXPECT_EQ(Max(r0.names[1]), "8");
  EXPECT_EQ(Name(r0.names[2]), "立项依据充分性");
  EXPECT_EQ(Max(r0.names[2]), "4");
  EXPECT_EQ(Str(r0.score), "nullopt");

  // The explanation cell has no punctuation, but it carries no "（N分）": names stop before it.
  const ScoreRow& r1 = t.rows[1];
  EXPECT_FALSE(r1.names[0].has_value());
  EXPECT_FALSE(r1.names[1].has_value());
  EXPECT_EQ(Name(r1.names[2]), "立项程序规范性");
  EXPECT_EQ(Max(r1.names[2]), "4");

  const ScoreRow& r2 = t.rows[2];
  EXPECT_EQ(Name(r2.names[1]), "绩效目标");
  EXPECT_EQ(Max(r2.names[1]), "12");
  EXPECT_EQ(Name(r2.names[2]), "绩效目标合理性");
  EXPECT_EQ(Max(r2.names[2]), "6");

  const ScoreRow& r3 = t.rows[3];
  EXPECT_FALSE(r3.names[1].has_value());
  EXPECT_EQ(Name(r3.names[2]), "绩效指标明确性");
  EXPECT_EQ(Max(r3.names[2]), "6");
}

// ---- several tables ---------------------------------------------------------

TEST(FindScoreTablesTest, SeveralTablesInOneDocumentKeepTheirRoles) {
  std::vector<std::string> lines = {
      "一级指标\t分值\t得分\t得分率",          // 0: summary
      "投入\t20\t17\t85%",
      "产出\t40\t37\t92.5%",
      "效益\t40\t32\t80%",
      "评价结论如下所述",                       // 4: ends the summary table
  };
  const std::size_t results_header = lines.size() + 2;  // after "三、评价结果", "表1 …"
  lines.insert(lines.end(), kResults.begin(), kResults.end());
  const extract::Document doc = doc_of(lines);
  const std::vector<ScoreTable> tables = find_score_tables(doc);
  ASSERT_EQ(tables.size(), 2u);
  EXPECT_EQ(tables[0].role, Role::kSummary);
  EXPECT_EQ(tables[0].header_line, 0u);
  ASSERT_EQ(tables[0].rows.size(), 3u);
  EXPECT_EQ(Name(tables[0].rows[2].names[0]), "效益");
  EXPECT_EQ(tables[1].role, Role::kResults);
  EXPECT_EQ(tables[1].header_line, results_header);
  EXPECT_EQ(tables[1].rows.size(), 11u);
}

TEST(FindScoreTablesTest, RepeatedHeaderAfterPageBreakContinuesTheTable) {
  const extract::Document doc = doc_of({
      "一级指标\t二级指标\t三级指标\t分值\t得分\t得分率",
      "效益（30分）\t社会效益（30分）\t群众满意度\t10\t8\t80%",
      "一级指标\t二级指标\t三级指标\t分值\t得分\t得分率",
      "\t\t服务对象覆盖率\t20\t19\t95%",
  });
  const std::vector<ScoreTable> tables = find_score_tables(doc);
  ASSERT_EQ(tables.size(), 1u);
  ASSERT_EQ(tables[0].rows.size(), 2u);
  EXPECT_EQ(Name(tables[0].rows[1].names[2]), "服务对象覆盖率");
  EXPECT_EQ(tables[0].rows[1].line, 3u);
}

TEST(FindScoreTablesTest, ProseHasNoTables) {
  const extract::Document doc = doc_of({
      "一、项目基本情况",
      "该项目年度预算 500 万元，实际支出 480 万元。",
      "二级指标与三级指标的设置较为合理",
  });
  EXPECT_TRUE(find_score_tables(doc).empty());
}


// `lines` as a ruled table read from a PDF: one grid row per line, each
// tab-separated cell that holds text a TableCell at its grid column, an
// empty one none (a blank cell draws no text).
extract::Document ruled_doc_of(const std::vector<std::string>& lines) {
  extract::Document doc = doc_of(lines);
  extract::Table table;
  table.source = extract::TableSource::kRuled;
  for (std::size_t line = 0; line < lines.size(); ++line) {
    const std::string_view text = doc.line_text(line);
    int col = 0;
    std::size_t begin = 0;
    for (std::size_t i = 0; i <= text.size(); ++i) {
      if (i < text.size() && text[i] != '\t') continue;
      if (i > begin) {
        extract::TableCell cell;
        cell.row = static_cast<int>(line);
        cell.col = col;
        cell.lines = {std::string(text.substr(begin, i - begin))};
        cell.places = {extract::CellPlace{line, begin, i}};
        table.cells.push_back(cell);
      }
      ++col;
      begin = i + 1;
    }
    table.cols = std::max(table.cols, col);
    table.row_lines.push_back(line);
  }
  table.rows = static_cast<int>(lines.size());
  doc.tables = {table};
  return doc;
}

TEST(FindScoreTablesTest, ARuledTablesEmptyCellShiftsNoFigure) {
  // The 分值 of 目标明确性 left blank: its 4 stands under 得分. Read in order,
  // 4 became its 分值 and 目标设定's maxima added up to 7, not 8.
  const extract::Document doc = ruled_doc_of({
      "一级指标\t二级指标\t三级指标\t分值\t得分",
      "投入（20分）\t目标设定（8分）\t目标明确性\t\t4",
      "\t\t目标合理性\t3\t3",
      "\t资金保障（12分）\t资金到位率\t12\t",
  });
  const std::vector<ScoreTable> tables = find_score_tables(doc);
  ASSERT_EQ(tables.size(), 1u);
  ASSERT_EQ(tables[0].rows.size(), 3u);
  EXPECT_EQ(Name(tables[0].rows[0].names[2]), "目标明确性");
  EXPECT_EQ(Str(tables[0].rows[0].max), "nullopt");
  EXPECT_EQ(Str(tables[0].rows[0].score), "4");
  EXPECT_EQ(Str(tables[0].rows[1].max), "3");
  EXPECT_EQ(Str(tables[0].rows[1].score), "3");
  EXPECT_EQ(Str(tables[0].rows[2].max), "12");
  EXPECT_EQ(Str(tables[0].rows[2].score), "nullopt");
}

}  // namespace
}  // namespace jixiao::normalize
