#pragma once
// Internal to the OCR module: a figure's decimal point, as its ink shows it
// (decimal_point.cc). The Latin model, which reads figures best, drops a
// small point ("1.5" read "15" at confidence 87); the ink settles it.

#include <leptonica/allheaders.h>

#include <string>

namespace jixiao::extract::detail {

// A decimal point in the ink of a figure's crop: one piece of ink no larger
// than a quarter of the digits' height (a percent sign's ring is larger),
// sitting on their baseline between digits. `digits`: the pieces at least
// half the digits' height; `before`: those left of the point.
struct PointInk {
  bool found = false;
  int before = 0, digits = 0;
};

PointInk point_ink(Pix* figure);

// The Latin model's reading `latin` of the figure in `figure`, with the
// point chi_sim's reading `chinese` has and the Latin one lost, placed where
// the ink has it: when chi_sim read a point, the ink shows one point, and
// the ink's digits are as many as `latin`'s. `latin` unchanged otherwise.
std::string with_point_from_ink(Pix* figure, const std::string& chinese, std::string latin);

}  // namespace jixiao::extract::detail
