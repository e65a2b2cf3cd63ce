// cut_long_lines (document.h, long_lines.cc): an overlong line read in pieces
// that keep the line's page and number, cut after sentence ends where they
// can be, marked cut-line only where no sentence ends, with a notice.

#include <gtest/gtest.h>

#include <string>

#include "jixiao/extract/document.h"

namespace jixiao::extract {
namespace {

Document one_line(const std::string& text) { return make_text_document("t.txt", "text", "UTF-8", "", "标题\n" + text); }

TEST(LongLines, AShortLineIsLeftAlone) {
  Document doc = one_line("预算资金120万元。");
  cut_long_lines(doc, 64);
  EXPECT_EQ(doc.lines.size(), 2u);
  EXPECT_TRUE(doc.notices.empty());
}

TEST(LongLines, PiecesEndAtSentenceEndsAndKeepTheLineNumber) {
  std::string text;
  for (int i = 0; i < 20; ++i) text += "第" + std::to_string(i) + "句预算资金120万元。";
  Document doc = one_line(text);
  cut_long_lines(doc, 100);
  ASSERT_GT(doc.lines.size(), 3u);
  std::string joined;
  for (std::size_t i = 1; i < doc.lines.size(); ++i) {
    const std::string_view piece = doc.line_text(i);
    EXPECT_LE(piece.size(), 100u);
    EXPECT_EQ(doc.lines[i].number, 2);
    EXPECT_EQ(doc.lines[i].reading, Reading::kExact) << piece;
    if (i + 1 < doc.lines.size()) {
      EXPECT_TRUE(piece.ends_with("。")) << piece;
    }
    joined += piece;
  }
  EXPECT_EQ(joined, text);  // nothing lost, nothing repeated
  ASSERT_EQ(doc.notices.size(), 1u);
  EXPECT_EQ(doc.notices[0].limit, "max_line_bytes");
  EXPECT_EQ(doc.notices[0].line, 2);
  EXPECT_FALSE(doc.notices[0].partial);
  // A span on a piece names the file's line and quotes the piece's bytes.
  const SourceSpan s = doc.span(2, 0, 3);
  EXPECT_EQ(s.line, 2);
  EXPECT_EQ(s.text, std::string(doc.line_text(2).substr(0, 3)));
}

TEST(LongLines, APieceCutWhereNoSentenceEndsIsAGuess) {
  std::string text;
  for (int i = 0; i < 40; ++i) text += "预算资金" + std::to_string(i) + "万元，";
  Document doc = one_line(text);
  cut_long_lines(doc, 120);
  ASSERT_GT(doc.lines.size(), 3u);
  for (std::size_t i = 1; i + 1 < doc.lines.size(); ++i) {
    EXPECT_EQ(doc.lines[i].reading, Reading::kCutLine) << doc.line_text(i);
    EXPECT_TRUE(doc.line_text(i).ends_with("，")) << doc.line_text(i);
  }
}

TEST(LongLines, ACutWithoutAnyMarkFallsOnACharacterBoundary) {
  std::string text;
  for (int i = 0; i < 200; ++i) text += "预";
  Document doc = one_line(text);
  cut_long_lines(doc, 100);
  std::string joined;
  for (std::size_t i = 1; i < doc.lines.size(); ++i) {
    EXPECT_EQ(doc.line_text(i).size() % 3, 0u);  // whole characters only
    joined += doc.line_text(i);
  }
  EXPECT_EQ(joined, text);
}

TEST(LongLines, TableCellsFollowTheirText) {
  std::string text;
  for (int i = 0; i < 10; ++i) text += "第" + std::to_string(i) + "句。";
  Document doc = one_line(text + "尾");
  Table t;
  t.rows = 1;
  t.cols = 1;
  t.row_lines = {1};
  TableCell c;
  c.lines = {"尾"};
  const std::size_t at = doc.line_text(1).find("尾");
  c.places = {CellPlace{1, at, at + 3}};
  t.cells = {c};
  doc.tables = {t};
  cut_long_lines(doc, 40);
  const CellPlace& p = doc.tables[0].cells[0].places[0];
  EXPECT_EQ(doc.line_text(p.line).substr(p.begin, p.end - p.begin), "尾");
  EXPECT_EQ(doc.tables[0].row_lines[0], 1u);
}

}  // namespace
}  // namespace jixiao::extract
