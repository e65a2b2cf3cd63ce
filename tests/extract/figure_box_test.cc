// The digits a figure's box left out (extract/src/figure_box.h), on lines
// drawn here: digits as bars 12 px wide and 30 px high on one baseline, an
// ideograph as a block 28 px wide and 34 px high, a comma as a low speck, a
// bracket as a bar taller than the digits. The box chi_sim gave a figure
// widens over digit-shaped ink beside it only while it holds fewer digits
// than chi_sim read, and never over the word beside it.

#include "figure_box.h"

#include <gtest/gtest.h>

#include <vector>

#include "support/drawn_ink.h"

namespace jixiao::extract::detail {
namespace {

using Rect = testing::InkRect;

constexpr int kBaseline = 50, kDigit = 30;

// A white 8-bit line of text with black `ink`.
testing::DrawnPix line(const std::vector<Rect>& ink) { return testing::drawn_picture(400, 70, ink); }

Rect digit_at(int x) { return Rect{x, kBaseline - kDigit, 12, kDigit}; }
Rect ideograph_at(int x) { return Rect{x, kBaseline - 32, 28, 34}; }
Rect comma_at(int x) { return Rect{x, kBaseline - 8, 6, 10}; }
Rect bracket_at(int x) { return Rect{x, kBaseline - 40, 6, 46}; }

// chi_sim's box of a word from x0 to x1, over the line's text rows.
PixelRect word_box(int x0, int x1) { return PixelRect{x0, 14, x1, 58}; }

TEST(FigureBoxTest, TheDigitTheBoxLeftOutJoinsIt) {
  // 资金560 with the box of 560 over 60 only: it takes in the 5.
  const auto text = line({ideograph_at(100), ideograph_at(132), digit_at(165), digit_at(181), digit_at(197)});
  const PixelRect box = over_digits_left_out(text.get(), word_box(179, 212), 3);
  EXPECT_EQ(box.x0, 165);
  EXPECT_EQ(box.x1, 212);
  // The same box and a reading of two digits: unchanged.
  EXPECT_EQ(over_digits_left_out(text.get(), word_box(179, 212), 2).x0, 179);
}

TEST(FigureBoxTest, ADigitLeftOutOnTheRightJoinsWhenNoneStandsLeft) {
  // 548万 with the box over 54: the 8 on its right joins, not the 数 left.
  const auto text = line({ideograph_at(120), digit_at(155), digit_at(171), digit_at(187), ideograph_at(205)});
  const PixelRect box = over_digits_left_out(text.get(), word_box(153, 184), 3);
  EXPECT_EQ(box.x0, 153);
  EXPECT_EQ(box.x1, 199);
}

TEST(FigureBoxTest, TheWordBesideIsNeverTakenIn) {
  // An ideograph left, a comma left, a bracket left: none is a digit,
  // whatever chi_sim read.
  const auto after_ideograph = line({ideograph_at(120), digit_at(152), digit_at(168)});
  EXPECT_EQ(over_digits_left_out(after_ideograph.get(), word_box(150, 182), 3).x0, 150);
  const auto after_comma = line({comma_at(140), digit_at(152), digit_at(168)});
  EXPECT_EQ(over_digits_left_out(after_comma.get(), word_box(150, 182), 3).x0, 150);
  const auto after_bracket = line({bracket_at(142), digit_at(152), digit_at(168)});
  EXPECT_EQ(over_digits_left_out(after_bracket.get(), word_box(150, 182), 3).x0, 150);
  // A digit-shaped run far off (a figure of the next clause) is not this one's.
  const auto far_digit = line({digit_at(100), digit_at(152), digit_at(168)});
  EXPECT_EQ(over_digits_left_out(far_digit.get(), word_box(150, 182), 3).x0, 150);
}

TEST(FigureBoxTest, ABoxWithNoInkIsLeftAsItIs) {
  const auto blank = line({});
  const PixelRect box = over_digits_left_out(blank.get(), word_box(150, 182), 3);
  EXPECT_EQ(box.x0, 150);
  EXPECT_EQ(box.x1, 182);
}

}  // namespace
}  // namespace jixiao::extract::detail
