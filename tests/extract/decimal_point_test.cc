// A figure's decimal point from its ink (extract/src/decimal_point.h), on
// figures drawn here: digits as bars 30 px high standing on one baseline, a
// point as a small square on it. The Latin model's "15" gets its point back
// only where the ink shows one point between digits, chi_sim read a point
// too, and the ink's digits are as many as the reading's.

#include "decimal_point.h"

#include <gtest/gtest.h>

#include <vector>

#include "support/drawn_ink.h"

namespace jixiao::extract::detail {
namespace {

using Rect = testing::InkRect;

constexpr int kBaseline = 40, kDigit = 30;

// A white 8-bit picture with black `ink`.
testing::DrawnPix picture(const std::vector<Rect>& ink) { return testing::drawn_picture(200, 60, ink); }

Rect digit_at(int x) { return Rect{x, kBaseline - kDigit, 12, kDigit}; }
Rect point_at(int x, int size = 5) { return Rect{x, kBaseline - size, size, size}; }

TEST(DecimalPointTest, APointBetweenDigitsIsFoundWithItsPlace) {
  const auto one_point_five = picture({digit_at(20), point_at(38), digit_at(50)});
  const PointInk ink = point_ink(one_point_five.get());
  EXPECT_TRUE(ink.found);
  EXPECT_EQ(ink.digits, 2);
  EXPECT_EQ(ink.before, 1);
  const auto twelve_point_five = picture({digit_at(20), digit_at(36), point_at(54), digit_at(66)});
  EXPECT_EQ(point_ink(twelve_point_five.get()).before, 2);
}

TEST(DecimalPointTest, WhatIsNoPoint) {
  // No point: digits only.
  EXPECT_FALSE(point_ink(picture({digit_at(20), digit_at(36)}).get()).found);
  // A speck outside the figure, on its baseline: dust, not a point.
  EXPECT_FALSE(point_ink(picture({point_at(5), digit_at(20), digit_at(36)}).get()).found);
  // A piece as big as a percent sign's ring.
  EXPECT_FALSE(point_ink(picture({digit_at(20), point_at(36, 10), digit_at(50)}).get()).found);
  // A small piece high between digits (a speck, not on the baseline).
  EXPECT_FALSE(point_ink(picture({digit_at(20), Rect{38, 12, 5, 5}, digit_at(50)}).get()).found);
  // Two points: no one figure.
  EXPECT_FALSE(point_ink(picture({digit_at(20), point_at(36), digit_at(45), point_at(61), digit_at(70)}).get()).found);
}

TEST(DecimalPointTest, TheLatinReadingGetsThePointChiSimAndTheInkSaw) {
  const auto one_point_five = picture({digit_at(20), point_at(38), digit_at(50)});
  EXPECT_EQ(with_point_from_ink(one_point_five.get(), "1.5", "15"), "1.5");
  EXPECT_EQ(with_point_from_ink(one_point_five.get(), "1.25", "15"), "1.5") << "chi_sim's digits need not agree";
  EXPECT_EQ(with_point_from_ink(one_point_five.get(), "15", "15"), "15") << "chi_sim saw no point";
  EXPECT_EQ(with_point_from_ink(one_point_five.get(), "1.5", "1.5"), "1.5");
  EXPECT_EQ(with_point_from_ink(one_point_five.get(), "1.5", "125"), "125") << "three digits read, two in the ink";
  const auto fifteen = picture({digit_at(20), digit_at(36)});
  EXPECT_EQ(with_point_from_ink(fifteen.get(), "1.5", "15"), "15") << "no point in the ink";
}

}  // namespace
}  // namespace jixiao::extract::detail
