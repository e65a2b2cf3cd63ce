// Ruled tables from synthetic rulings: the grid, merged cells, words in their
// cells, and a table that runs on over a page break.

#include "jixiao/extract/lattice.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <tuple>

#include "jixiao/extract/layout.h"

namespace jixiao::extract {
namespace {

// A page builder: cell borders as a producer draws them, one segment per cell edge.
struct PageBuilder {
  PageBoxes page;
  PageBuilder(int number = 1) {
    page.number = number;
    page.width = 595;
    page.height = 842;
  }
  void h(double y, double x0, double x1) { page.rulings.push_back(Ruling{x0, y, x1, y}); }
  void v(double x, double y0, double y1) { page.rulings.push_back(Ruling{x, y0, x, y1}); }
  void word(const std::string& text, double x, double y, double size = 10) {
    // CJK: one em per character (UTF-8: three bytes each).
    const double w = size * static_cast<double>(text.size()) / 3.0;
    page.boxes.push_back(TextBox{text, x, y, x + w, y + size * 1.3, size, false});
  }
  // A grid of rows x cols with the given edges; `merged` lists (row, col) slots
  // whose bottom edge is not drawn (the cell goes on into the row below).
  void grid(const std::vector<double>& xs, const std::vector<double>& ys,
            const std::vector<std::pair<int, int>>& merged = {}) {
    for (std::size_t r = 0; r < ys.size(); ++r)
      for (std::size_t c = 0; c + 1 < xs.size(); ++c) {
        bool open = false;
        for (auto [mr, mc] : merged)
          if (r > 0 && mr == static_cast<int>(r) - 1 && mc == static_cast<int>(c)) open = true;
        if (!open) h(ys[r], xs[c], xs[c + 1]);
      }
    for (double x : xs)
      for (std::size_t r = 0; r + 1 < ys.size(); ++r) v(x, ys[r], ys[r + 1]);
  }
};

TEST(Lattice, GridWithMergedCellAndWrappedName) {
  PageBuilder b;
  // 3 columns, 4 rows: header, then 投入（20分） merged over rows 1-2.
  b.grid({50, 150, 250, 300}, {100, 120, 160, 180, 200}, {{1, 0}});
  b.word("一级指标", 60, 104);
  b.word("三级指标", 160, 104);
  b.word("得分", 255, 104);
  b.word("投入（20分）", 55, 150);  // centred over rows 1 and 2
  b.word("预算执行率与", 155, 124);  // a name wrapped inside its cell
  b.word("资金到位率", 155, 140);
  b.word("22", 260, 135);
  b.word("预算调整率", 155, 164);
  b.word("8", 260, 164);
  b.word("正文一段话", 60, 300);  // outside the table

  const auto tables = find_ruled_tables(b.page);
  ASSERT_EQ(tables.size(), 1u);
  const Table& t = tables[0].table;
  EXPECT_EQ(t.source, TableSource::kRuled);
  EXPECT_EQ(t.rows, 4);
  EXPECT_EQ(t.cols, 3);
  const TableCell* merged = t.at(1, 0);
  ASSERT_NE(merged, nullptr);
  EXPECT_EQ(merged->row_span, 2);
  EXPECT_EQ(merged->text(), "投入（20分）");
  EXPECT_EQ(t.covering(2, 0), merged);
  EXPECT_EQ(t.at(2, 0), nullptr);
  ASSERT_NE(t.at(1, 1), nullptr);
  EXPECT_EQ(t.at(1, 1)->lines.size(), 2u);
  EXPECT_EQ(t.at(1, 1)->text(), "预算执行率与资金到位率");
  EXPECT_EQ(t.at(1, 2)->text(), "22");
  EXPECT_EQ(t.at(2, 2)->text(), "8");
  EXPECT_EQ(tables[0].boxes.size(), 9u);  // every word but the paragraph
}

TEST(Lattice, AFrameAroundTextIsNoTable) {
  PageBuilder b;
  b.grid({50, 300}, {100, 200});
  b.word("注：本表数据来自财政局", 60, 140);
  EXPECT_TRUE(find_ruled_tables(b.page).empty());
}

TEST(Lattice, CollinearPiecesAndDoubleBordersSnap) {
  PageBuilder b;
  // Two producers' habits at once: whole-table edges plus per-cell edges 0.8 pt apart.
  b.grid({50, 150, 250}, {100, 120, 140});
  b.h(100.8, 50, 250);
  b.v(150.6, 100, 140);
  b.word("分值", 60, 104);
  b.word("得分", 160, 104);
  b.word("20", 60, 124);
  b.word("13", 160, 124);
  const auto tables = find_ruled_tables(b.page);
  ASSERT_EQ(tables.size(), 1u);
  EXPECT_EQ(tables[0].table.rows, 2);
  EXPECT_EQ(tables[0].table.cols, 2);
  EXPECT_EQ(tables[0].table.at(1, 1)->text(), "13");
}

TEST(Lattice, LayoutWritesRowsAndJoinsATableOverAPageBreak) {
  PageBuilder p1(1), p2(2);
  p1.word("一、评价结果", 50, 60);
  p1.grid({50, 150, 250, 300}, {700, 720, 760, 800}, {{1, 0}});
  for (PageBuilder* p : {&p1, &p2}) {  // the header repeats on page 2
    const double top = p == &p1 ? 700 : 60;
    p->word("一级指标", 60, top + 4);
    p->word("三级指标", 160, top + 4);
    p->word("得分", 255, top + 4);
  }
  p1.word("投入（20分）", 55, 750);
  p1.word("预算执行率", 155, 730);
  p1.word("12", 260, 730);
  p1.word("预算调整率", 155, 770);
  p1.word("8", 260, 770);
  p2.grid({50, 150, 250, 300}, {60, 80, 100});
  p2.word("资金到位率", 155, 84);
  p2.word("5", 260, 84);
  p2.word("二、问题", 50, 200);

  const Layout layout = lay_out_document({p1.page, p2.page});
  ASSERT_EQ(layout.tables.size(), 1u);
  const Table& t = layout.tables[0];
  EXPECT_EQ(t.first_page, 1);
  EXPECT_EQ(t.last_page, 2);
  EXPECT_EQ(t.rows, 4);  // header, two rows on page 1, one on page 2 (the repeated header dropped)
  std::vector<std::string> lines;
  for (const LaidOutLine& l : layout.lines) lines.push_back(l.text);
  const std::vector<std::string> expected = {
      "一、评价结果", "一级指标\t三级指标\t得分", "投入（20分）\t预算执行率\t12", "\t预算调整率\t8",
      "\t资金到位率\t5", "二、问题"};
  EXPECT_EQ(lines, expected);
  ASSERT_EQ(t.row_lines.size(), 4u);
  EXPECT_EQ(layout.lines[t.row_lines[3]].page, 2);
  EXPECT_TRUE(std::is_sorted(t.cells.begin(), t.cells.end(), [](const TableCell& a, const TableCell& b) {
    return std::tie(a.row, a.col) < std::tie(b.row, b.col);
  })) << "cells not in row-major order";
  ASSERT_EQ(t.row_cells(3).size(), 3u);  // an empty first cell, 资金到位率, 5
  EXPECT_EQ(t.row_cells(3)[1].text(), "资金到位率");
  EXPECT_EQ(t.at(3, 1)->text(), "资金到位率");
}

TEST(Lattice, ARowCutByAPageBreakIsJoinedAndMarkedAsARepair) {
  // LibreOffice splits a row at a page break: "绩效指标明" and its figures at
  // the foot of page 1, "确性" alone at the head of page 2.
  PageBuilder p1(1), p2(2);
  p1.grid({50, 150, 250}, {700, 720, 760});
  p1.word("三级指标", 60, 704);
  p1.word("得分", 160, 704);
  p1.word("绩效指标明", 60, 730);
  p1.word("2", 160, 730);
  p2.grid({50, 150, 250}, {60, 80, 100, 120});
  p2.word("三级指标", 60, 64);
  p2.word("得分", 160, 64);
  p2.word("确性", 60, 84);
  p2.word("预算调整率", 60, 104);
  p2.word("1.5", 160, 104);

  const Layout layout = lay_out_document({p1.page, p2.page});
  ASSERT_EQ(layout.tables.size(), 1u);
  const Table& t = layout.tables[0];
  EXPECT_EQ(t.rows, 3);
  EXPECT_EQ(t.at(1, 0)->text(), "绩效指标明确性");
  EXPECT_EQ(layout.lines[t.row_lines[1]].text, "绩效指标明确性\t2");
  EXPECT_EQ(layout.lines[t.row_lines[1]].reading, Reading::kRepairedWrap);
  EXPECT_EQ(layout.lines[t.row_lines[2]].text, "预算调整率\t1.5");
  EXPECT_EQ(layout.lines[t.row_lines[2]].reading, Reading::kExact);
}

TEST(Lattice, ARowWithItsOwnFigureAfterAPageBreakIsARowOfItsOwn) {
  PageBuilder p1(1), p2(2);
  p1.grid({50, 150, 250}, {700, 720, 760});
  p1.word("绩效指标明确性", 60, 730);
  p1.word("2", 160, 730);
  p2.grid({50, 150, 250}, {60, 80, 100});
  p2.word("资金到位率", 60, 64);
  p2.word("3", 160, 64);
  p2.word("预算调整率", 60, 84);
  p2.word("1.5", 160, 84);
  const Layout layout = lay_out_document({p1.page, p2.page});
  ASSERT_EQ(layout.tables.size(), 1u);
  EXPECT_EQ(layout.tables[0].rows, 4);
  for (const LaidOutLine& l : layout.lines) EXPECT_EQ(l.reading, Reading::kExact);
}

TEST(Lattice, ARuledRowHoldingSeveralRecordsIsSplitAtItsFiguresAndMarkedAsAGuess) {
  // Columns ruled, rows not: three records share one ruled row; the second
  // name wraps onto two lines with its figure beside the first.
  PageBuilder b;
  b.grid({50, 150, 250}, {100, 120, 200});
  b.word("项目名称", 60, 104);
  b.word("执行数", 160, 104);
  b.word("农机补贴", 60, 124);
  b.word("12.5", 160, 124);
  b.word("高标准农田建", 60, 144);
  b.word("设项目", 60, 158);
  b.word("300", 160, 144);
  b.word("种子检测", 60, 176);
  b.word("8", 160, 176);
  const Layout layout = lay_out_document({b.page});
  ASSERT_EQ(layout.tables.size(), 1u);
  const Table& t = layout.tables[0];
  EXPECT_EQ(t.rows, 4);
  std::vector<std::string> lines;
  for (const LaidOutLine& l : layout.lines) lines.push_back(l.text);
  const std::vector<std::string> expected = {"项目名称\t执行数", "农机补贴\t12.5", "高标准农田建设项目\t300",
                                             "种子检测\t8"};
  EXPECT_EQ(lines, expected);
  EXPECT_EQ(layout.lines[0].reading, Reading::kExact);
  for (std::size_t i = 1; i < layout.lines.size(); ++i) EXPECT_EQ(layout.lines[i].reading, Reading::kAlignedColumns);
}

TEST(Lattice, FiguresAtTwoHeightsInDifferentCellsAreOneRecord) {
  // One ruled row of a form: the target wraps (≥12000 on top, 平方米 under
  // it) while the scores stand centred beside it. No cell stacks two figures,
  // so the row is one record, not two.
  PageBuilder b;
  b.grid({50, 150, 250, 300, 350}, {100, 120, 160});
  b.word("三级指标", 60, 104);
  b.word("指标值", 160, 104);
  b.word("分值", 255, 104);
  b.word("得分", 305, 104);
  b.word("维修改造", 60, 124);
  b.word("面积", 60, 140);
  b.word("≥12000", 160, 124);
  b.word("平方米", 160, 140);
  b.word("10", 260, 132);
  b.word("9", 310, 132);
  const Layout layout = lay_out_document({b.page});
  ASSERT_EQ(layout.tables.size(), 1u);
  EXPECT_EQ(layout.tables[0].rows, 2);
  ASSERT_EQ(layout.lines.size(), 2u);
  EXPECT_EQ(layout.lines[1].text, "维修改造面积	≥12000平方米	10	9");
  EXPECT_EQ(layout.lines[1].reading, Reading::kExact);
}

TEST(Lattice, ARowCutByAPageBreakUnderAMergedLabelKeepsTheLabelWhole) {
  // LibreOffice cuts a row under a merged level-1 label: "产出指标（50" and
  // the row's figures at the foot of page 1; "分）" (the label's tail, merged
  // over two rows) and the name's rest "村数量" at the head of page 2.
  PageBuilder p1(1), p2(2);
  p1.grid({50, 150, 250, 300}, {700, 720, 760});
  p1.word("一级指标", 60, 704);
  p1.word("三级指标", 160, 704);
  p1.word("得分", 255, 704);
  p1.word("产出指标（50", 55, 730);
  p1.word("改造行政", 160, 730);
  p1.word("10", 260, 730);
  p2.grid({50, 150, 250, 300}, {60, 80, 100}, {{0, 0}});
  p2.word("分）", 60, 74);
  p2.word("村数量", 160, 64);
  p2.word("供水管网长度", 160, 84);
  p2.word("9", 260, 84);
  const Layout layout = lay_out_document({p1.page, p2.page});
  ASSERT_EQ(layout.tables.size(), 1u);
  const Table& t = layout.tables[0];
  EXPECT_EQ(t.rows, 3);
  std::vector<std::string> lines;
  for (const LaidOutLine& l : layout.lines) lines.push_back(l.text);
  const std::vector<std::string> expected = {"一级指标\t三级指标\t得分", "产出指标（50分）\t改造行政村数量\t10",
                                             "\t供水管网长度\t9"};
  EXPECT_EQ(lines, expected);
  EXPECT_EQ(layout.lines[1].reading, Reading::kRepairedWrap);
  EXPECT_EQ(layout.lines[2].reading, Reading::kExact);
}

TEST(Lattice, AMergedLabelCutInsideAWordJoinsWithTheCutRow) {
  // The cut falls inside the level-1 label itself: "产出指" at the foot of
  // page 1, "标（50分）" merged over two rows at the head of page 2, beside
  // the rest of the cut row ("里" of "125公里") and the next row.
  PageBuilder p1(1), p2(2);
  p1.grid({50, 150, 250, 300}, {700, 720, 760});
  p1.word("一级指标", 60, 704);
  p1.word("实际完成值", 160, 704);
  p1.word("得分", 255, 704);
  p1.word("产出指", 55, 730);
  p1.word("125公", 160, 730);
  p1.word("30", 260, 730);
  p2.grid({50, 150, 250, 300}, {60, 80, 100}, {{0, 0}});
  p2.word("标（50分）", 55, 74);
  p2.word("里", 160, 64);
  p2.word("93%", 160, 84);
  p2.word("18", 260, 84);
  const Layout layout = lay_out_document({p1.page, p2.page});
  ASSERT_EQ(layout.tables.size(), 1u);
  std::vector<std::string> lines;
  for (const LaidOutLine& l : layout.lines) lines.push_back(l.text);
  const std::vector<std::string> expected = {"一级指标\t实际完成值\t得分", "产出指标（50分）\t125公里\t30",
                                             "\t93%\t18"};
  EXPECT_EQ(lines, expected);
  EXPECT_EQ(layout.lines[1].reading, Reading::kRepairedWrap);
}

}  // namespace
}  // namespace jixiao::extract
