// Stream tables (extract/src/stream.cc) on synthetic pages: a table printed
// without rulings, with a label centred across its rows, a name wrapped over
// two lines, a subtotal row, and a table continued on the next page under a
// repeated header. No header word is known to the reader: the figures under
// a header cell make it a value column.

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "jixiao/extract/layout.h"

namespace jixiao {
namespace {

using extract::PageBoxes;
using extract::Reading;
using extract::Table;
using extract::TableCell;
using extract::TableSource;
using extract::TextBox;

// A word of 10-point text whose vertical centre is `y`.
TextBox word(std::string text, double x0, double y, double x1) {
  return TextBox{std::move(text), x0, y - 5, x1, y + 5, 10, false};
}

PageBoxes page(int number) {
  PageBoxes p;
  p.number = number;
  p.width = 595;
  p.height = 842;
  return p;
}

// Columns: 类别 60-90 | 小类 130-160 | 名称 200-260 | 上限 300-320 | 实得 340-360.
void header(PageBoxes& p, double y) {
  for (auto [t, x0, x1] : {std::tuple{"类别", 60.0, 90.0}, {"小类", 130.0, 160.0}, {"名称", 200.0, 230.0},
                           {"上限", 300.0, 320.0}, {"实得", 340.0, 360.0}})
    p.boxes.push_back(word(t, x0, y, x1));
}

void values(PageBoxes& p, double y, const char* max, const char* score) {
  p.boxes.push_back(word(max, 305, y, 315));
  p.boxes.push_back(word(score, 345, y, 355));
}

const TableCell* cell(const Table& t, int row, int col) { return t.at(row, col); }

// Rows 20 points apart; a wrapped name's lines 12 points apart.
PageBoxes first_page() {
  PageBoxes p = page(1);
  p.boxes.push_back(word("一、情况说明", 60, 60, 180));
  header(p, 100);
  const double rows[] = {125, 145, 171, 197};
  p.boxes.push_back(word("甲项", 200, rows[0], 230));
  p.boxes.push_back(word("乙项", 200, rows[1], 230));
  p.boxes.push_back(word("较长的丙", 200, rows[2] - 6, 250));  // wrapped: values level with its middle
  p.boxes.push_back(word("项名称", 200, rows[2] + 6, 240));
  p.boxes.push_back(word("丁项", 200, rows[3], 230));
  values(p, rows[0], "5", "4");
  values(p, rows[1], "5", "5");
  values(p, rows[2], "6", "3");
  values(p, rows[3], "4", "4");
  p.boxes.push_back(word("第一类", 60, (rows[0] + rows[3]) / 2, 90));  // centred across all four rows
  p.boxes.push_back(word("子类一", 130, (rows[0] + rows[1]) / 2, 160));
  p.boxes.push_back(word("子类二", 130, (rows[2] + rows[3]) / 2, 160));
  p.boxes.push_back(word("第一类小计", 120, 223, 175));  // a subtotal: no name in the deepest column
  values(p, 223, "20", "16");
  // A paragraph that runs the width of the page ends the table.
  p.boxes.push_back(word("二、以上各项由评价组逐项核实后评定，结果如上表所示，供有关单位参考。", 60, 270, 530));
  return p;
}

TEST(StreamTable, MergedLabelsWrappedNamesAndSubtotalsFromAlignmentAlone) {
  const extract::Layout layout = extract::lay_out_document({first_page()});
  ASSERT_EQ(layout.tables.size(), 1u);
  const Table& t = layout.tables[0];
  EXPECT_EQ(t.source, TableSource::kAligned);
  ASSERT_EQ(t.cols, 5);
  ASSERT_EQ(t.rows, 6);  // the header, four rows, the subtotal
  ASSERT_NE(cell(t, 1, 0), nullptr);
  EXPECT_EQ(cell(t, 1, 0)->text(), "第一类");
  EXPECT_EQ(cell(t, 1, 0)->row_span, 4);
  ASSERT_NE(cell(t, 1, 1), nullptr);
  EXPECT_EQ(cell(t, 1, 1)->text(), "子类一");
  EXPECT_EQ(cell(t, 1, 1)->row_span, 2);
  ASSERT_NE(cell(t, 3, 1), nullptr);
  EXPECT_EQ(cell(t, 3, 1)->text(), "子类二");
  EXPECT_EQ(cell(t, 3, 1)->row_span, 2);
  ASSERT_NE(cell(t, 3, 2), nullptr);
  EXPECT_EQ(cell(t, 3, 2)->lines, (std::vector<std::string>{"较长的丙", "项名称"}));
  EXPECT_EQ(cell(t, 3, 4)->text(), "3");
  ASSERT_NE(cell(t, 5, 1), nullptr);
  EXPECT_EQ(cell(t, 5, 1)->text(), "第一类小计");
  EXPECT_EQ(cell(t, 5, 2), nullptr);
  EXPECT_EQ(cell(t, 5, 3)->text(), "20");
  // Every row is a line, cells between tabs, read by a guess about alignment.
  ASSERT_EQ(t.row_lines.size(), 6u);
  EXPECT_EQ(layout.lines[t.row_lines[0]].text, "类别\t小类\t名称\t上限\t实得");
  EXPECT_EQ(layout.lines[t.row_lines[3]].text, "\t子类二\t较长的丙项名称\t6\t3");
  for (std::size_t r = 1; r < t.row_lines.size(); ++r)
    EXPECT_EQ(layout.lines[t.row_lines[r]].reading, Reading::kAlignedColumns) << r;
  EXPECT_EQ(layout.lines.back().text, "二、以上各项由评价组逐项核实后评定，结果如上表所示，供有关单位参考。");
}

TEST(StreamTable, ContinuedUnderARepeatedHeaderIsOneTable) {
  PageBoxes first = first_page();
  first.boxes.pop_back();  // no paragraph: the table runs to the foot of the page
  PageBoxes second = page(2);
  header(second, 80);
  second.boxes.push_back(word("戊项", 200, 105, 230));
  values(second, 105, "5", "2");
  second.boxes.push_back(word("第二类", 60, 105, 90));
  const extract::Layout layout = extract::lay_out_document({first, second});
  ASSERT_EQ(layout.tables.size(), 1u);
  const Table& t = layout.tables[0];
  EXPECT_EQ(t.first_page, 1);
  EXPECT_EQ(t.last_page, 2);
  ASSERT_EQ(t.rows, 7);  // the header once
  EXPECT_EQ(cell(t, 6, 2)->text(), "戊项");
  EXPECT_EQ(cell(t, 6, 0)->text(), "第二类");
  EXPECT_EQ(cell(t, 6, 0)->page, 2);
}

TEST(StreamTable, ShortWordsWithoutFiguresUnderThemAreNoTable) {
  PageBoxes p = page(1);
  // Three short words on a line, then prose and a line of one figure: no column holds figures in two rows.
  for (auto [t, x0, x1] : {std::tuple{"编制单位", 60.0, 110.0}, {"审核", 200.0, 225.0}, {"日期", 300.0, 325.0}})
    p.boxes.push_back(word(t, x0, 100, x1));
  p.boxes.push_back(word("2023", 300, 120, 325));
  p.boxes.push_back(word("本报告由评价组编写，数据来源于部门提供的决算报表和业务统计资料，经过核实。", 60, 160, 530));
  const extract::Layout layout = extract::lay_out_document({p});
  EXPECT_TRUE(layout.tables.empty());
  ASSERT_EQ(layout.lines.size(), 3u);
  EXPECT_EQ(layout.lines[0].reading, Reading::kExact);
}

}  // namespace
}  // namespace jixiao
