#pragma once
// Internal to the OCR module: the box a figure is read again from
// (figure_box.cc). chi_sim's word boxes slip by a character now and then,
// and a figure read again from a box that left a digit out loses it.

#include <leptonica/allheaders.h>

#include "scan_cells.h"

namespace jixiao::extract::detail {

// `box` of a word of `page` that chi_sim read with `digits` digits, widened
// over the digits it left out: while the box holds fewer digit-high runs of
// ink than `digits`, the run beside it (left first) joins when it is shaped
// like one more digit of the figure (no wider than its widest digit, as high
// as its digits, no further off than a digit's width). An ideograph (wider),
// a comma or quote mark (lower) or a bracket (higher) stops it. `box`
// unchanged when it holds as many runs as `digits`.
PixelRect over_digits_left_out(Pix* page, PixelRect box, int digits);

}  // namespace jixiao::extract::detail
