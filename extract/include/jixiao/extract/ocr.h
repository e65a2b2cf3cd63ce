#pragma once
// OCR of PDF pages that carry no usable text: a scanned report, a signed and
// stamped page printed and scanned back, a photographed form. Such a page is
// drawn at `dpi` (poppler's Splash, grey), straightened, its ruling lines
// found in the bitmap (Leptonica morphology) and taken out of the picture,
// and its words read by Tesseract (chi_sim, the C++ API). The words, with
// their boxes and confidences, and the rulings go into the same layout and
// table path as a text layer's (layout.h), so the lattice reader reads a
// scanned ruled table as it reads a drawn one.
//
// Every OCR'd word is a guess by default: its place in the Document reads
// Reading::kOcr, so a figure in it can raise a warning that says it was
// OCR'd, never an error. Tesseract's confidence does not make a reading
// exact: on our test scans it read 995.0‰ as 995.0% and dropped the 良 of
// "80-90分为良" at confidence 90 and more, and either would have been a false
// error. A program that trusts its scans may set OcrOptions::exact_confidence:
// words at or above it then read as the layout reads them (a ruled cell is
// exact).

#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace jixiao::extract {

enum class OcrMode {
  kNever,   // never OCR: a page without text stays empty
  kAuto,    // OCR the pages whose text layer holds almost nothing (kOcrMinLetters)
  kAlways,  // OCR every page, whatever its text layer says
};

// "never", "auto", "always"; nullopt for anything else.
std::optional<OcrMode> parse_ocr_mode(std::string_view name);
std::string_view ocr_mode_name(OcrMode mode);

// A text layer with fewer letters, digits and ideographs than this on a page
// is no text layer: a page number, a stamp's caption, stray marks.
inline constexpr int kOcrMinLetters = 10;

inline constexpr int kNoOcrWordIsExact = 101;

struct OcrOptions {
  OcrMode mode = OcrMode::kNever;  // the library reads text layers only unless told
  double dpi = 300;                // Tesseract reads 10.5 pt print best at 300 dpi
  // 0..100: words at or above read as exact; the default, past 100, none.
  int exact_confidence = kNoOcrWordIsExact;
  int threads = 1;                 // pages recognised at once (one Tesseract each)
  // Seconds one page may take to recognise (0: no limit). A page past it
  // keeps the words read so far and says so in a notice (partial).
  double page_seconds = 0;
  // Told after each page is recognised: (pages done, pages to do). Called on
  // the reading thread, never at once from two.
  std::function<void(int, int)> progress = {};
};

// What OCR made of one page, for the JSON and the dataset.
struct OcrPage {
  int page = 1;                  // 1-based
  int words = 0;                 // words recognised
  double mean_confidence = 0;    // of those words, 0..100 (0 without words)
  int guessed_words = 0;         // read as guesses (below OcrOptions::exact_confidence)
  int rulings = 0;               // ruling lines found in the image
  double skew_degrees = 0;       // the page was turned back by this much
  bool timed_out = false;        // stopped at OcrOptions::page_seconds
};

}  // namespace jixiao::extract
