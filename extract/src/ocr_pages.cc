// OCR of PDF pages (ocr.h): poppler draws each page grey at the OCR
// resolution, scan_image.cc straightens it, takes out its ruling lines and
// whitens a scanner's grain, and Tesseract (the C++ API, chi_sim, LSTM) reads
// it in two parts:
//  - the closed cells of its ruled tables (scan_cells.h), each cut out and
//    read a line at a time (read_cell: a table read as part of the page falls
//    apart), a line without Chinese read again by the Latin model, which
//    reads figures far better;
//  - the rest of the page, with those cells blanked, by Tesseract's page
//    segmentation (automatic, then sparse text for what it left); a line
//    segmentation made too tall (two lines of a wrapped cell) read again as
//    a cell is, and the figures segmentation lost (the lone "3" of an
//    unruled table's row) read from the ink no word covers.
// Each word or cell line becomes a TextBox in PDF points, with the x edges of
// its characters, so the layout treats it as a text-layer word: neighbouring
// CJK words of one line are one box, as a text layer's name is, columns keep
// their tabs, and the rulings feed the lattice reader.
//
// What is not kept: a word below kJunkConfidence, or made only of marks a
// scan's specks and border remnants read as (| _ [ ] ~), and such marks
// inside words where these reports never print them (drop_stray_marks,
// drop_unpaired_quotes), or where line breaking never sets them (a closing
// mark opening a line or cell, drop_marks_line_breaking_forbids); and every word of a
// page on which fewer than kOcrMinLetters letters were read with
// kReadableConfidence, which is what a blank page, a photo or a page of
// noise gives: "nothing readable" rather than a guess at text.
//
// Pages are drawn one after the other on the calling thread (poppler is not
// thread-safe) and recognised `threads` at a time, each thread with its own
// Tesseracts, which is safe: the instances share nothing. Tesseract's own
// OpenMP threads would compete with ours (and with a dataset build's other
// workers) and spin while they wait: a page took three times as long. So
// OCR makes every OpenMP parallel region of the process inactive (one
// thread) with omp_set_max_active_levels(0), OpenMP's own switch, which
// works at run time and is kept per thread, so each recognising thread sets
// it; OMP_THREAD_LIMIT=1 does the same but is read only when the process
// starts. The switch must reach the OpenMP run-time Tesseract was built
// with, GCC's libgomp (Debian's libtesseract links it), whatever compiler
// builds jixiao (clang has its own libomp): so the one function is declared
// here and libgomp linked by name (extract/CMakeLists.txt), not through a
// compiler's <omp.h> and -fopenmp.

#include "ocr_module.h"
#include "ocr_pages.h"

// libgomp's run-time API, as its omp.h declares it.
extern "C" void omp_set_max_active_levels(int levels) noexcept;
#include <tesseract/baseapi.h>
#include <tesseract/ocrclass.h>
#include <tesseract/resultiterator.h>
#include <splash/SplashBitmap.h>
#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <optional>
#include <memory>
#include <string_view>
#include <thread>
#include <tuple>

#include "jixiao/extract/utf8.h"
#include "poppler_doc.h"
#include "decimal_point.h"
#include "figure_box.h"
#include "scan_cells.h"
#include "scan_image.h"

namespace jixiao::extract::detail {
namespace {

// A line of a table cell is at least this high (a small character's ink);
// less is a speck or what is left of a border.
constexpr double kMinLineInches = 0.04;
// Below this Tesseract is reading noise, not print.
constexpr float kJunkConfidence = 30;
// A page is readable when at least kOcrMinLetters letters come from words this sure.
constexpr float kReadableConfidence = 60;

struct TessDeleter {
  void operator()(tesseract::TessBaseAPI* api) const {
    api->End();
    delete api;
  }
};
using Tesseract = std::unique_ptr<tesseract::TessBaseAPI, TessDeleter>;

// A Tesseract for `language`'s print, or null when its data is missing.
Tesseract make_tesseract(const char* language) {
  Tesseract api(new tesseract::TessBaseAPI());
  api->SetVariable("debug_file", "/dev/null");  // its warnings are not ours to print
  if (api->Init(nullptr, language, tesseract::OEM_LSTM_ONLY) != 0) return nullptr;
  return api;
}

// One thread's Tesseracts: Chinese (chi_sim), which reads the page, and
// Latin (eng, installed with Tesseract itself), which reads a table's
// figures better; null when its data is missing.
struct Readers {
  Tesseract chinese;
  Tesseract latin;
};

bool only_marks(std::string_view text) {
  return !text.empty() && text.find_first_not_of("|_[]{}~` ") == std::string_view::npos;
}

// One word as Tesseract read it, in pixels.
struct OcrWord {
  std::string text;
  int x0 = 0, y0 = 0, x1 = 0, y1 = 0;
  float confidence = 0;
  int line_height = 0;       // of the text line Tesseract found it on
  std::vector<float> edges;  // each code point's left edge, then the last one's right
  std::vector<float> confidences;  // each code point's, as its symbol was read (TextBox::confidences)
  int passage = 0;           // words of one text line of the page, or of one cell, share it
  int order = 0;             // its place in reading order within its passage
  bool in_cell = false;      // read by read_cell: its passage is one cell's text, whole
};

// Counts the code points of a symbol's text (usually one).
int code_points(std::string_view s) {
  int n = 0;
  for (char c : s) n += is_utf8_continuation(c) ? 0 : 1;
  return n;
}

// Adds a symbol of `text` standing between `left` and `right` to `word`: its
// code points share the width (a ligature), and its right edge stands in as
// the word's last until the next symbol's left replaces it.
void add_symbol(OcrWord& word, std::string_view text, int left, int right, float confidence) {
  if (!word.edges.empty()) word.edges.pop_back();
  const int n = code_points(text);
  for (int k = 0; k < n; ++k) word.edges.push_back(static_cast<float>(left + (right - left) * k / double(n)));
  word.edges.push_back(static_cast<float>(right));
  word.confidences.insert(word.confidences.end(), static_cast<std::size_t>(n), confidence);
  word.text += text;
}

// The words of the page `api` has recognised, read symbol by symbol so that
// each character's left edge is known.
std::vector<OcrWord> read_words(tesseract::TessBaseAPI& api, int& next_passage) {
  std::vector<OcrWord> words;
  std::unique_ptr<tesseract::ResultIterator> it(api.GetIterator());
  if (!it) return words;
  constexpr auto kLine = tesseract::RIL_TEXTLINE, kWord = tesseract::RIL_WORD, kSymbol = tesseract::RIL_SYMBOL;
  int line_height = 0;
  do {
    if (it->Empty(kSymbol)) continue;
    if (it->IsAtBeginningOf(kLine) || words.empty()) {
      int left = 0, top = 0, right = 0, bottom = 0;
      if (it->BoundingBox(kLine, &left, &top, &right, &bottom)) line_height = bottom - top;
      ++next_passage;
    }
    if (it->IsAtBeginningOf(kWord) || words.empty()) {
      OcrWord& w = words.emplace_back();
      it->BoundingBox(kWord, &w.x0, &w.y0, &w.x1, &w.y1);
      w.confidence = it->Confidence(kWord);
      w.line_height = line_height;
      w.passage = next_passage;
      w.order = static_cast<int>(words.size());
    }
    const std::unique_ptr<char[]> symbol(it->GetUTF8Text(kSymbol));
    int left = 0, top = 0, right = 0, bottom = 0;
    if (symbol && it->BoundingBox(kSymbol, &left, &top, &right, &bottom))
      add_symbol(words.back(), symbol.get(), left, right, it->Confidence(kSymbol));
  } while (it->Next(kSymbol));
  return words;
}

// Tesseract's page segmentation reads a page twice. Automatic segmentation
// finds the text lines of prose and of a table's figure columns, but drops
// the text of some cells it takes for a picture; sparse text finds every
// piece of text, cells included, but drops lone digits ("3" alone in a cell).
// The first pass's words stand; the second adds what lies where the first
// read nothing.
constexpr tesseract::PageSegMode kPasses[] = {tesseract::PSM_AUTO, tesseract::PSM_SPARSE_TEXT};

// The area two pixel boxes share.
long shared_area(const OcrWord& a, const OcrWord& b) {
  const long w = std::min(a.x1, b.x1) - std::max(a.x0, b.x0), h = std::min(a.y1, b.y1) - std::max(a.y0, b.y0);
  return w > 0 && h > 0 ? w * h : 0;
}

// Adds to `words` each of `more` that overlaps none of them (by a tenth of
// the smaller box: two readings of the same ink). Both lists are a page's (a few thousand words): kept sorted by
// top, each new word meets only those whose top is above its bottom.
void add_uncovered(std::vector<OcrWord>& words, std::vector<OcrWord> more) {
  const auto by_top = [](const OcrWord& a, const OcrWord& b) { return a.y0 < b.y0; };
  std::sort(words.begin(), words.end(), by_top);
  const std::size_t first = words.size();
  long tallest = 0;
  for (const OcrWord& w : words) tallest = std::max<long>(tallest, w.y1 - w.y0);
  for (OcrWord& m : more) {
    const long area = static_cast<long>(m.x1 - m.x0) * (m.y1 - m.y0);
    const auto overlaps = [&](const OcrWord& w) {
      const long smaller = std::min(area, static_cast<long>(w.x1 - w.x0) * (w.y1 - w.y0));
      return shared_area(w, m) * 10 > smaller;
    };
    auto it = std::lower_bound(words.begin(), words.begin() + static_cast<std::ptrdiff_t>(first), m.y0 - tallest,
                               [](const OcrWord& w, long top) { return w.y0 < top; });
    // The same text read again less than a line's height away in its row is
    // the same ink: sparse text boxed the 、 of "元、对" 20 pixels right of
    // where automatic segmentation had it, and a second 、 stood after the line.
    const auto read_again = [&](const OcrWord& w) {
      const int gap = std::max(w.x0, m.x0) - std::min(w.x1, m.x1);
      const bool same_row = std::min(w.y1, m.y1) > std::max(w.y0, m.y0);
      return w.text == m.text && same_row && gap < std::max({w.line_height, m.line_height, 1});
    };
    bool covered = false;
    for (; it != words.begin() + static_cast<std::ptrdiff_t>(first) && it->y0 < m.y1 && !covered; ++it)
      covered = overlaps(*it) || read_again(*it);
    if (!covered) words.push_back(std::move(m));
  }
}

// What a line of a cell reads as, and how sure Tesseract is of it (its
// words' mean confidence, -1 when it read nothing).
struct LineReading {
  std::string text;
  float confidence = -1;
};

bool is_ideograph(UChar32 c) { return u_hasBinaryProperty(c, UCHAR_IDEOGRAPHIC); }

// Whether code point `c` is CJK: an ideograph, or CJK or full-width punctuation.
bool is_cjk(UChar32 c) { return is_ideograph(c) || (c >= 0x3000 && c <= 0x303F) || (c >= 0xFF00 && c <= 0xFFEF); }

// Calls `f` on each code point of `text`.
template <typename F>
void for_each_code_point(const std::string& text, F f) {
  const auto* s = reinterpret_cast<const uint8_t*>(text.data());
  const int32_t length = static_cast<int32_t>(text.size());
  for (int32_t i = 0; i < length;) {
    UChar32 c;
    U8_NEXT(s, i, length, c);
    f(c);
  }
}

// The code points [begin, end) of `cps` in UTF-8.
std::string utf8_of(const std::vector<UChar32>& cps, std::size_t begin, std::size_t end) {
  std::string out;
  for (std::size_t k = begin; k < end; ++k) {
    char buf[4];
    int32_t n = 0;
    UBool error = false;
    U8_APPEND(reinterpret_cast<uint8_t*>(buf), n, 4, cps[k], error);
    if (!error) out.append(buf, static_cast<std::size_t>(n));
  }
  return out;
}

// `text` without its line end and without the spaces Tesseract puts
// between two CJK characters (it splits Chinese into words of its own).
std::string clean_line(const std::string& text) {
  std::vector<UChar32> cps;
  for_each_code_point(text, [&](UChar32 c) { cps.push_back(c == '\n' ? ' ' : c); });
  const auto cjk = [&](std::size_t k) { return is_cjk(cps[k]); };
  std::vector<UChar32> kept;
  for (std::size_t k = 0; k < cps.size(); ++k) {
    if (cps[k] != ' ') {
      kept.push_back(cps[k]);
      continue;
    }
    std::size_t next = k;
    while (next < cps.size() && cps[next] == ' ') ++next;
    // One space between two Latin words or figures; none at the ends or beside CJK.
    if (!kept.empty() && next < cps.size() && !cjk(k - 1) && !cjk(next)) kept.push_back(' ');
    k = next - 1;
  }
  return utf8_of(kept, 0, kept.size());
}

LineReading read_line(tesseract::TessBaseAPI& api, Pix* line, double dpi, tesseract::PageSegMode mode,
                      tesseract::ETEXT_DESC& monitor) {
  LineReading r;
  api.SetPageSegMode(mode);
  api.SetImage(line);
  api.SetSourceResolution(static_cast<int>(std::lround(dpi)));
  if (api.Recognize(&monitor) == 0) {
    const std::unique_ptr<char[]> text(api.GetUTF8Text());
    if (text) r.text = clean_line(text.get());
    if (!r.text.empty()) r.confidence = static_cast<float>(api.MeanTextConf());
  }
  api.Clear();
  return r;
}

// A figure as a table prints it: digits with a point, sign, percent or per
// mille, and nothing else.
bool figure_shaped(const std::string& text) {
  bool digit = false, other = false;
  for_each_code_point(text, [&](UChar32 c) {
    if (c >= '0' && c <= '9') digit = true;
    else if (!(c == '.' || c == '%' || c == 0x2030 || c == '-' || c == '+' || c == ',')) other = true;
  });
  return digit && !other;
}

bool has_ideograph(const std::string& text) {
  bool found = false;
  for_each_code_point(text, [&](UChar32 c) { found = found || is_ideograph(c); });
  return found;
}

bool has_digit(const std::string& text) { return text.find_first_of("0123456789") != std::string::npos; }

// Whether the Latin model should read a line again: chi_sim read no
// ideograph, or read a short figure with a stray one ("人4" for 4).
bool maybe_figure(const std::string& text) {
  int ideographs = 0, digits = 0, n = 0;
  for_each_code_point(text, [&](UChar32 c) {
    ++n;
    ideographs += is_ideograph(c) ? 1 : 0;
    digits += c >= '0' && c <= '9' ? 1 : 0;
  });
  return ideographs == 0 || (digits > 0 && ideographs == 1 && n <= 4);
}

// The ink's extent of a binary image along rows (or columns): the runs of
// lines holding ink, gaps of less than `join` closed, runs shorter than
// `min_run` dropped (a speck, a remnant of a border).
std::vector<std::pair<int, int>> ink_runs(Pix* binary, bool rows, int join, int min_run) {
  std::vector<std::pair<int, int>> runs;
  NUMA* counts = rows ? pixCountPixelsByRow(binary, nullptr) : pixCountPixelsByColumn(binary);
  if (counts == nullptr) return runs;
  const int n = numaGetCount(counts);
  for (int i = 0; i < n; ++i) {
    l_int32 v = 0;
    numaGetIValue(counts, i, &v);
    if (v == 0) continue;
    if (!runs.empty() && i - runs.back().second <= join) runs.back().second = i + 1;
    else runs.emplace_back(i, i + 1);
  }
  numaDestroy(&counts);
  std::erase_if(runs, [&](const std::pair<int, int>& r) { return r.second - r.first < min_run; });
  return runs;
}

// `rect` of `page` (clipped to it) on a white margin of `pad` pixels: text
// that touches its image's edge reads badly. Null when nothing is left.
PixPtr framed_crop(Pix* page, const PixelRect& rect, int pad) {
  BOX* box = boxCreate(rect.x0, rect.y0, rect.x1 - rect.x0, rect.y1 - rect.y0);
  if (box == nullptr) return nullptr;
  PixPtr cut(pixClipRectangle(page, box, nullptr));
  boxDestroy(&box);
  if (!cut || pad == 0) return cut;
  return PixPtr(pixAddBorder(cut.get(), pad, 255));
}

// `box` of `page` widened, left and right, over the ink it cuts and then
// over up to `margin` columns of paper (not into the next character): LSTM
// character boxes are approximate, and a figure's box can start inside its
// first digit ("2023" boxed from the middle of its 2). Read again from
// there, the Latin model reads "023", and surely. No further than the box's
// height either way (a character touching the next).
PixelRect out_to_blank_columns(Pix* page, PixelRect box, int margin) {
  const int reach = box.y1 - box.y0;
  const int width = static_cast<int>(pixGetWidth(page));
  const PixelRect search{std::max(0, box.x0 - reach), box.y0, std::min(width, box.x1 + reach), box.y1};
  PixPtr cut = framed_crop(page, search, 0);
  PixPtr binary(cut ? pixConvertTo1(cut.get(), kInkThreshold) : nullptr);
  NUMA* counts = binary ? pixCountPixelsByColumn(binary.get()) : nullptr;
  if (counts == nullptr) return PixelRect{box.x0 - margin, box.y0, box.x1 + margin, box.y1};
  const auto ink = [&](int x) {
    l_float32 v = 0;
    return x >= search.x0 && x < search.x1 && numaGetFValue(counts, x - search.x0, &v) == 0 && v > 0;
  };
  int x0 = box.x0, x1 = box.x1;  // [x0, x1)
  while (x0 > search.x0 && ink(x0 - 1)) --x0;
  for (int k = 0; k < margin && x0 > search.x0 && !ink(x0 - 1); ++k) --x0;
  while (x1 < search.x1 && ink(x1)) ++x1;
  for (int k = 0; k < margin && x1 < search.x1 && !ink(x1); ++k) ++x1;
  numaDestroy(&counts);
  return PixelRect{x0, box.y0, x1, box.y1};
}

// A figure's digits stand at least this high against the page's words (a
// digit is about 0.7 em, an ideograph 0.9).
constexpr double kMinFigureHeight = 0.45;

// How sure the Latin model must be of a figure it reads where chi_sim read
// none or was unsure: what it reads at 96 on a clean scan, at 85 on a noisy
// one; a stroke a word's box left out, read as "7", came at 64.
constexpr float kSureFigure = 80;

// The Latin model's reading of `framed` when it is a figure read at
// `min_confidence` or more; nullopt otherwise (or without the Latin model).
std::optional<LineReading> latin_figure(Readers& readers, Pix* framed, double dpi, tesseract::ETEXT_DESC& monitor,
                                        float min_confidence) {
  if (!readers.latin) return std::nullopt;
  LineReading latin = read_line(*readers.latin, framed, dpi, tesseract::PSM_SINGLE_LINE, monitor);
  if (!figure_shaped(latin.text) || latin.confidence < min_confidence) return std::nullopt;
  return latin;
}

// Reads `framed` again with the Latin model when chi_sim's `line` may be a
// figure, and takes that reading when it is one (and chi_sim's is not, or
// is less sure), with the decimal point the ink shows (decimal_point.h).
void prefer_latin_figure(Readers& readers, Pix* framed, double dpi, tesseract::ETEXT_DESC& monitor,
                         LineReading& line) {
  std::optional<LineReading> latin = latin_figure(readers, framed, dpi, monitor, 0);
  if (!latin) return;
  latin->text = with_point_from_ink(framed, line.text, std::move(latin->text));
  if (!figure_shaped(line.text) || latin->confidence >= line.confidence) line = std::move(*latin);
}

// A cell's line that chi_sim read as one or two characters it was unsure of:
// a lone figure in a narrow column can read so (a "1" as 和, at confidence
// 14). The Latin model's reading replaces it when it is a sure figure: a
// guess in place of a guess, but only a confident one.
bool unsure_glyph(const LineReading& line) {
  return line.confidence < kJunkConfidence && code_points(line.text) <= 2;
}

// Spreads `w`'s code points evenly over its box (its text was read again
// as a whole, without character boxes); each is as sure as the whole.
void even_edges(OcrWord& w) {
  const int n = code_points(w.text);
  w.edges.clear();
  for (int k = 0; k <= n; ++k) w.edges.push_back(static_cast<float>(w.x0 + (w.x1 - w.x0) * k / double(std::max(1, n))));
  w.confidences.assign(static_cast<std::size_t>(n), w.confidence);
}

// The Latin model's reading `figure` of chi_sim's word `word`, with the CJK
// clause marks `word` opens or ends with ("，2020" read again as "2020"): the
// Latin model has no 、，。；： and drops them or reads them as ASCII marks
// ("120.00。" as "120.00."), which would join a clause to the next
// ("…制度2020年…"). Its own ASCII marks in their place go.
std::string with_cjk_marks_of(const std::string& word, std::string figure) {
  std::vector<UChar32> cps;
  for_each_code_point(word, [&](UChar32 c) { cps.push_back(c); });
  static constexpr std::u32string_view kClauseMarks = U"，、。；：！？";
  const auto mark = [&](std::size_t k) { return kClauseMarks.find(static_cast<char32_t>(cps[k])) != std::u32string_view::npos; };
  std::size_t lead = 0, trail = cps.size();
  while (lead < cps.size() && mark(lead)) ++lead;
  while (trail > lead && mark(trail - 1)) --trail;
  const auto ascii_mark = [](char c) { return c == '.' || c == ',' || c == ';' || c == ':'; };
  if (lead > 0)
    while (!figure.empty() && ascii_mark(figure.front())) figure.erase(0, 1);
  if (trail < cps.size())
    while (!figure.empty() && ascii_mark(figure.back())) figure.pop_back();
  return utf8_of(cps, 0, lead) + figure + utf8_of(cps, trail, cps.size());
}

// Whether the digits of `figure` are digits of `word` in order, none added:
// an unsure Latin reading may drop what chi_sim read around a figure
// ("13.649%。" as "13.64%") but not make a digit of a mark ("70”80", a range
// 70~80, as "70780" at confidence 39).
bool digits_within(const std::string& figure, const std::string& word) {
  std::size_t at = 0;
  for (char c : figure) {
    if (c < '0' || c > '9') continue;
    while (at < word.size() && word[at] != c) ++at;
    if (at == word.size()) return false;
    ++at;
  }
  return true;
}

// The figures of the page's prose read again by the Latin model: chi_sim
// reads "98.39%" as "98.390/" and "96.00%" as "96.00%M". Only a word with a
// digit and no ideograph is read again, cut out of `page` with a margin,
// from a box that holds as many digits as chi_sim read (figure_box.h).
void reread_prose_figures(Readers& readers, Pix* page, double dpi, tesseract::ETEXT_DESC& monitor,
                          std::vector<OcrWord>& words) {
  const int margin = std::max(1, static_cast<int>(dpi / 50)), pad = static_cast<int>(dpi / 15);
  for (OcrWord& w : words) {
    if (monitor.deadline_exceeded()) break;
    if (!maybe_figure(w.text) || has_ideograph(w.text) || !has_digit(w.text)) continue;
    const int digits = static_cast<int>(std::count_if(w.text.begin(), w.text.end(), [](char c) { return c >= '0' && c <= '9'; }));
    const PixelRect read = over_digits_left_out(page, PixelRect{w.x0, w.y0 - margin, w.x1, w.y1 + margin}, digits);
    const PixelRect box = out_to_blank_columns(page, read, margin);
    PixPtr framed = framed_crop(page, box, pad);
    if (!framed) continue;
    LineReading line{w.text, w.confidence};
    prefer_latin_figure(readers, framed.get(), dpi, monitor, line);
    if (line.text == w.text) continue;
    if (line.confidence < kSureFigure && !digits_within(line.text, w.text)) continue;
    w.text = with_cjk_marks_of(w.text, line.text);
    w.confidence = line.confidence;
    even_edges(w);
  }
}

// A copy of the page with every closed cell blanked: what page segmentation
// reads (the prose around the tables), the cells being read on their own.
PixPtr without_cells(Pix* page, const std::vector<PixelRect>& cells) {
  PixPtr out(pixCopy(nullptr, page));
  if (!out) return out;
  for (const PixelRect& c : cells) {
    BOX* box = boxCreate(c.x0, c.y0, c.x1 - c.x0, c.y1 - c.y0);
    if (box == nullptr) continue;
    pixSetInRectArbitrary(out.get(), box, 255);
    boxDestroy(&box);
  }
  return out;
}

// The middle value of `values` (not empty): the page's usual line or word height.
int median(std::vector<int> values) {
  const auto middle = values.begin() + static_cast<std::ptrdiff_t>(values.size() / 2);
  std::nth_element(values.begin(), middle, values.end());
  return *middle;
}

// Figures page segmentation lost. Neither pass reads every lone figure: in
// an unruled table whose name column wraps, the row's "3" and "2" stand
// between the name's two lines, and both passes drop them. What ink is left
// where no word was read (the words painted out of the page) is cut into
// pieces of a character's size, pieces in a row close together make one
// candidate, and each candidate is read by the Latin model; it is kept when
// Tesseract reads a figure and is sure of it. A piece beside a painted-out
// word is left alone: it is more likely what the word's box missed of its
// ink (a stroke reads "1") than a figure of its own.
class LoneFigures {
 public:
  LoneFigures(Pix* page, double dpi, const std::vector<OcrWord>& words) : dpi_(dpi) {
    std::vector<int> heights;
    for (const OcrWord& w : words) {
      const int m = margin();
      painted_.push_back(PixelRect{w.x0 - m, w.y0 - m, w.x1 + m, w.y1 + m});
      if (w.confidence >= kReadableConfidence) heights.push_back(w.y1 - w.y0);
    }
    if (heights.size() < 3) return;  // too little read to know the print's size
    em_ = median(std::move(heights));
    page_ = without_cells(page, painted_);
  }

  // The candidates' boxes, in pixels of the page.
  std::vector<PixelRect> candidates() const {
    std::vector<PixelRect> out;
    if (!page_ || em_ <= 0) return out;
    PixPtr binary(pixConvertTo1(page_.get(), 160));
    if (!binary) return out;
    BOXA* found = pixConnCompBB(binary.get(), 8);
    if (found == nullptr) return out;
    std::vector<PixelRect> pieces;
    const int n = boxaGetCount(found);
    for (int i = 0; i < n && n < kMaxPieces; ++i) {
      l_int32 x = 0, y = 0, w = 0, h = 0;
      boxaGetBoxGeometry(found, i, &x, &y, &w, &h);
      if (h < kMinFigureHeight * em_ || h > kFigureHeight * em_ || w > 1.2 * em_) continue;
      const PixelRect r{x, y, x + w, y + h};
      if (!beside_a_word(r)) pieces.push_back(r);
    }
    boxaDestroy(&found);
    return join_pieces(std::move(pieces));
  }

  // The ink of a candidate alone (the words are painted out), on a margin.
  PixPtr framed(const PixelRect& r) const {
    const int reach = em_ / 2;  // a point or a percent sign: pieces too small to be candidates
    return framed_crop(page_.get(), PixelRect{r.x0 - reach, r.y0 - margin(), r.x1 + reach, r.y1 + margin()},
                       static_cast<int>(dpi_ / 15));
  }

 private:
  static constexpr int kMaxPieces = 20000;  // more: the page is noise, not print
  // A digit's ink is lower than an ideograph's (about 0.7 em against 0.9):
  // a piece as high as the page's words is part of one.
  static constexpr double kFigureHeight = 1.0;
  int margin() const { return std::max(1, static_cast<int>(dpi_ / 100)); }

  bool beside_a_word(const PixelRect& r) const {
    const int near = 2 * margin();
    for (const PixelRect& p : painted_)
      if (r.x0 - near < p.x1 && p.x0 < r.x1 + near && r.y0 - near < p.y1 && p.y0 < r.y1 + near) return true;
    return false;
  }

  // Pieces in one row (overlapping by half the smaller height), less than
  // half an em apart, are one candidate.
  std::vector<PixelRect> join_pieces(std::vector<PixelRect> pieces) const {
    std::sort(pieces.begin(), pieces.end(), [](const PixelRect& a, const PixelRect& b) { return a.x0 < b.x0; });
    std::vector<PixelRect> out;
    std::vector<bool> used(pieces.size(), false);
    for (std::size_t i = 0; i < pieces.size(); ++i) {
      if (used[i]) continue;
      PixelRect run = pieces[i];
      used[i] = true;
      for (std::size_t j = i + 1; j < pieces.size() && pieces[j].x0 <= run.x1 + em_ / 2; ++j) {
        const PixelRect& p = pieces[j];
        const int shared = std::min(run.y1, p.y1) - std::max(run.y0, p.y0);
        if (used[j] || 2 * shared < std::min(run.y1 - run.y0, p.y1 - p.y0)) continue;
        run = PixelRect{run.x0, std::min(run.y0, p.y0), std::max(run.x1, p.x1), std::max(run.y1, p.y1)};
        used[j] = true;
      }
      out.push_back(run);
    }
    return out;
  }

  double dpi_;
  int em_ = 0;
  std::vector<PixelRect> painted_;
  PixPtr page_;
};

void read_lone_figures(Readers& readers, Pix* page, double dpi, tesseract::ETEXT_DESC& monitor,
                       std::vector<OcrWord>& words, int& passages) {
  if (!readers.latin) return;
  const LoneFigures lone(page, dpi, words);
  for (const PixelRect& r : lone.candidates()) {
    if (monitor.deadline_exceeded()) break;
    PixPtr framed = lone.framed(r);
    if (!framed) continue;
    std::optional<LineReading> figure = latin_figure(readers, framed.get(), dpi, monitor, kSureFigure);
    if (!figure) continue;
    LineReading& line = *figure;
    OcrWord& w = words.emplace_back();
    w.text = std::move(line.text);
    w.x0 = r.x0, w.y0 = r.y0, w.x1 = r.x1, w.y1 = r.y1;
    w.confidence = line.confidence;
    w.line_height = r.y1 - r.y0;
    w.passage = ++passages;
    w.order = 0;
    even_edges(w);
  }
}

// A closed cell's text, a line at a time. Read as part of the page, a
// table's cells fall apart: page segmentation takes a lone figure for a
// picture, groups the wrapped lines of one cell with its neighbours' lines
// and sorts them by x, and drops a header cell's short label. Tesseract's
// own segmentation of a cell cut out alone still drops lines (a cell of
// three wrapped lines reads as its first), so the cell's lines are found
// here, by the rows of ink between blank rows, and each is read as one line
// on a white margin (text touching the image's edge reads badly). A line
// read without an ideograph is read again by the Latin model, which reads
// figures far better (100% for chi_sim's "100%6", 4 for its "L"), and that
// reading stands when it is a figure.
std::vector<OcrWord> read_cell(Readers& readers, Pix* page, const PixelRect& cell, double dpi,
                               tesseract::ETEXT_DESC& monitor, int passage) {
  std::vector<OcrWord> words;
  const int inset = std::max(1, static_cast<int>(dpi / 100));  // the border is painted out already
  const int x = cell.x0 + inset, y = cell.y0 + inset;
  const int width = cell.x1 - cell.x0 - 2 * inset, height = cell.y1 - cell.y0 - 2 * inset;
  if (width <= 0 || height <= 0) return words;
  PixPtr cut = framed_crop(page, PixelRect{x, y, x + width, y + height}, 0);
  if (!cut) return words;
  PixPtr binary(pixConvertTo1(cut.get(), kInkThreshold));
  if (!binary) return words;
  const int pad = static_cast<int>(dpi / 15), slack = static_cast<int>(dpi / 100);
  for (const auto& [top, bottom] : ink_runs(binary.get(), true, 0, static_cast<int>(dpi * kMinLineInches))) {
    if (monitor.deadline_exceeded()) break;
    const int y0 = std::max(0, top - slack), y1 = std::min(height, bottom + slack);
    PixPtr band_binary = framed_crop(binary.get(), PixelRect{0, y0, width, y1}, 0);
    if (!band_binary) continue;
    const auto columns = ink_runs(band_binary.get(), false, width, 1);
    PixPtr framed = framed_crop(cut.get(), PixelRect{0, y0, width, y1}, pad);
    if (columns.empty() || !framed) continue;
    LineReading line = read_line(*readers.chinese, framed.get(), dpi, tesseract::PSM_SINGLE_LINE, monitor);
    if (line.text.empty()) line = read_line(*readers.chinese, framed.get(), dpi, tesseract::PSM_RAW_LINE, monitor);
    if (maybe_figure(line.text)) {
      prefer_latin_figure(readers, framed.get(), dpi, monitor, line);
    } else if (unsure_glyph(line)) {
      if (std::optional<LineReading> latin = latin_figure(readers, framed.get(), dpi, monitor, kSureFigure))
        line = std::move(*latin);
    }
    if (line.text.empty()) continue;
    OcrWord& w = words.emplace_back();
    w.text = std::move(line.text);
    w.confidence = line.confidence;
    w.x0 = x + columns.front().first, w.x1 = x + columns.back().second;
    w.y0 = y + top, w.y1 = y + bottom;
    w.line_height = bottom - top;
    w.passage = passage;
    w.order = static_cast<int>(words.size());
    w.in_cell = true;
    even_edges(w);
  }
  return words;
}

// Text lines page segmentation made of two. In an unruled table whose name
// column wraps, Tesseract can take a cell's lines for one tall line and read
// their characters interleaved (大班额化 over 解 as 人, 学生满意 over 度 as 证,
// a character's box as high as both lines). A line with an ideograph at
// least kTallLine times as high as the page's usual line is read again as a
// cell is (read_cell: its rows of ink, a line at a time), and that reading
// replaces its words when it finds more than one line there.
constexpr double kTallLine = 1.6;

void split_tall_lines(Readers& readers, Pix* page, double dpi, tesseract::ETEXT_DESC& monitor,
                      std::vector<OcrWord>& words, int& passages) {
  std::vector<int> heights;
  for (const OcrWord& w : words)
    if (w.confidence >= kReadableConfidence && w.line_height > 0) heights.push_back(w.line_height);
  if (heights.size() < 3) return;
  const int usual = median(std::move(heights));
  std::map<int, PixelRect> tall;  // passage -> the box of its words
  for (const OcrWord& w : words) {
    if (w.passage == 0 || w.line_height < kTallLine * usual || !has_ideograph(w.text)) continue;
    auto [at, added] = tall.try_emplace(w.passage, PixelRect{w.x0, w.y0, w.x1, w.y1});
    if (!added)
      at->second = PixelRect{std::min(at->second.x0, w.x0), std::min(at->second.y0, w.y0),
                             std::max(at->second.x1, w.x1), std::max(at->second.y1, w.y1)};
  }
  const int inset = std::max(1, static_cast<int>(dpi / 100)) + 1;  // read_cell's inset, and a pixel
  for (const auto& [passage, box] : tall) {
    if (monitor.deadline_exceeded()) break;
    const PixelRect cell{box.x0 - inset, box.y0 - inset, box.x1 + inset, box.y1 + inset};
    std::vector<OcrWord> lines = read_cell(readers, page, cell, dpi, monitor, ++passages);
    if (lines.size() < 2) continue;
    std::erase_if(words, [&](const OcrWord& w) { return w.passage == passage; });
    for (OcrWord& w : lines) words.push_back(std::move(w));
  }
}

// The words of each passage, in reading order (the page's words are sorted
// by their tops by now, not read in order). Words of passage 0 (a lone
// figure, say) are passages of their own.
std::vector<std::vector<std::size_t>> passages_of(const std::vector<OcrWord>& words) {
  std::vector<std::vector<std::size_t>> passages;
  std::map<int, std::size_t> index;
  for (std::size_t i = 0; i < words.size(); ++i) {
    if (words[i].passage == 0) {
      passages.push_back({i});
      continue;
    }
    const auto [at, added] = index.try_emplace(words[i].passage, passages.size());
    if (added) passages.emplace_back();
    passages[at->second].push_back(i);
  }
  for (std::vector<std::size_t>& passage : passages)
    std::sort(passage.begin(), passage.end(), [&](std::size_t a, std::size_t b) { return words[a].order < words[b].order; });
  return passages;
}

// chi_sim reads the full-width parenthesis of "（20分）" as an angle bracket
// (〈, or 《 when the print is bold). These reports write 〈 〉 never and
// 《 》 only around a title, closed by 》; so 〈 〉 are parentheses, and so is
// a 《 closed by a parenthesis before any 》. A passage (a text line of the
// page, or a cell, whose lines a parenthesis may span) is repaired as one
// text; every word keeps its count of code points.
void repair_brackets(std::vector<OcrWord>& words) {
  for (const std::vector<std::size_t>& passage : passages_of(words)) {
    std::vector<UChar32> cps;
    std::vector<std::size_t> ends;
    for (std::size_t i : passage) {
      for_each_code_point(words[i].text, [&](UChar32 c) { cps.push_back(c); });
      ends.push_back(cps.size());
    }
    for (std::size_t k = 0; k < cps.size(); ++k) {
      if (cps[k] == 0x3008) cps[k] = 0xFF08;
      else if (cps[k] == 0x3009) cps[k] = 0xFF09;
      else if (cps[k] == 0x300A) {
        const auto close = std::find_if(cps.begin() + static_cast<std::ptrdiff_t>(k) + 1, cps.end(),
                                        [](UChar32 c) { return c == 0x300B || c == 0xFF09 || c == ')'; });
        if (close != cps.end() && *close != 0x300B) cps[k] = 0xFF08;
      }
    }
    std::size_t begin = 0;
    for (std::size_t n = 0; n < passage.size(); ++n) {
      words[passage[n]].text = utf8_of(cps, begin, ends[n]);
      begin = ends[n];
    }
  }
}

UChar32 first_code_point(const std::string& text) {
  const auto* s = reinterpret_cast<const uint8_t*>(text.data());
  UChar32 c = -1;
  int32_t i = 0;
  if (!text.empty()) U8_NEXT(s, i, static_cast<int32_t>(text.size()), c);
  return c;
}

UChar32 last_code_point(const std::string& text) {
  const auto* s = reinterpret_cast<const uint8_t*>(text.data());
  UChar32 c = -1;
  int32_t i = static_cast<int32_t>(text.size());
  if (i > 0) U8_PREV(s, 0, i, c);
  return c;
}

// Drops code point `k` of `w`, and its share of the word's x edges: the
// first or last takes the box's edge with it; one inside leaves its space to
// its left neighbour.
void erase_code_point(OcrWord& w, std::size_t k) {
  std::vector<UChar32> cps;
  for_each_code_point(w.text, [&](UChar32 c) { cps.push_back(c); });
  if (k >= cps.size()) return;
  const bool edged = w.edges.size() == cps.size() + 1;
  if (w.confidences.size() == cps.size()) w.confidences.erase(w.confidences.begin() + static_cast<std::ptrdiff_t>(k));
  cps.erase(cps.begin() + static_cast<std::ptrdiff_t>(k));
  w.text = utf8_of(cps, 0, cps.size());
  if (!edged || cps.empty()) return;
  if (k == cps.size()) {  // it was the last
    w.edges.pop_back();
    w.x1 = static_cast<int>(std::lround(w.edges.back()));
  } else {
    w.edges.erase(w.edges.begin() + static_cast<std::ptrdiff_t>(k));
    if (k == 0) w.x0 = static_cast<int>(std::lround(w.edges.front()));
  }
}

// Marks that specks and border remnants make inside a word. A ruling that
// survives as a stroke beside a cell's last (or first) character reads as
// "|" glued to the word (长效管理机制|); a speck between two characters as
// "-" or "_" (群众就医满意-度). These reports never print "|" against an
// ideograph (a table typed with pipes puts them between figures and spaces)
// nor a hyphen or underscore between two ideographs (ranges join figures:
// 80-90分), so such marks are dropped.
void drop_stray_marks(std::vector<OcrWord>& words) {
  for (const std::vector<std::size_t>& passage : passages_of(words)) {
    // The passage's code points, each with its word and place there.
    struct Mark {
      UChar32 c;
      std::size_t word, k;
    };
    std::vector<Mark> marks;
    for (std::size_t i : passage) {
      std::size_t k = 0;
      for_each_code_point(words[i].text, [&](UChar32 c) { marks.push_back({c, i, k++}); });
    }
    std::vector<std::pair<std::size_t, std::size_t>> stray;  // (word, code point)
    for (std::size_t n = 0; n < marks.size(); ++n) {
      const Mark& m = marks[n];
      const OcrWord& w = words[m.word];
      const std::size_t size = static_cast<std::size_t>(code_points(w.text));
      const bool bar = m.c == '|' && size > 1 && (m.k == 0 || m.k + 1 == size) && has_ideograph(w.text);
      const bool dash = (m.c == '-' || m.c == '_') && n > 0 && n + 1 < marks.size() &&
                        is_ideograph(marks[n - 1].c) && is_ideograph(marks[n + 1].c);
      if (bar || dash) stray.emplace_back(m.word, m.k);
    }
    std::sort(stray.rbegin(), stray.rend());  // last first, so that the places before stay right
    for (const auto& [i, k] : stray) erase_code_point(words[i], k);
  }
  std::erase_if(words, [](const OcrWord& w) { return w.text.empty(); });
}

// A speck of dust reads as a digit ("4" at confidence 92, a box a third of an
// em high, between 评价得分 and 6分): sparse-text segmentation reads each
// speck it finds. A word of digits less than kMinFigureHeight of the page's
// usual word high is a speck's reading, not print.
void drop_speck_figures(std::vector<OcrWord>& words) {
  std::vector<int> heights;
  for (const OcrWord& w : words)
    if (w.confidence >= kReadableConfidence && has_ideograph(w.text)) heights.push_back(w.y1 - w.y0);
  if (heights.size() < 3) return;  // too little read to know the print's size
  const int em = median(std::move(heights));
  std::erase_if(words, [&](const OcrWord& w) {
    return figure_shaped(w.text) && w.y1 - w.y0 < kMinFigureHeight * em;
  });
}

// A speck in a cell's corner reads as a quotation mark: ”受益群众满意度,
// “群众满意度. A cell's text is whole (its wrapped lines are one passage),
// and quotation marks in a cell come in pairs (“三公经费”变动率), so in a
// cell a “ that no ” closes, or a ” that no “ opened, is a speck's.
void drop_unpaired_quotes(std::vector<OcrWord>& words) {
  for (const std::vector<std::size_t>& passage : passages_of(words)) {
    if (!words[passage.front()].in_cell) continue;
    std::vector<std::pair<std::size_t, std::size_t>> unpaired;  // (word, code point)
    std::vector<std::pair<std::size_t, std::size_t>> open;
    for (std::size_t i : passage) {
      std::size_t k = 0;
      for_each_code_point(words[i].text, [&](UChar32 c) {
        if (c == 0x201C) open.emplace_back(i, k);
        if (c == 0x201D) {
          if (open.empty()) unpaired.emplace_back(i, k);
          else open.pop_back();
        }
        ++k;
      });
    }
    unpaired.insert(unpaired.end(), open.begin(), open.end());
    // Last first, so that the places of the others stay right.
    std::sort(unpaired.rbegin(), unpaired.rend());
    for (const auto& [i, k] : unpaired) erase_code_point(words[i], k);
  }
  std::erase_if(words, [](const OcrWord& w) { return w.text.empty(); });
}

// Tesseract splits a line of Chinese into words where the script has no
// spaces ("绩效目标" as 绩效 and 目标, with half an em between their inks).
// The layout joins them without a space, but a stream table finds its
// columns where words start and end: two pieces of one name, and the pieces
// of the name's next line split elsewhere, made two columns (绩效合理 |
// 目标性 for 绩效目标 over 合理性). Neighbours in one text line, in one row
// of ink, CJK where they meet and less than kJoinEm apart (the layout's own
// limit for no space, words.cc) are one word, as a text layer gives it.
constexpr double kJoinEm = 0.9;

void join_cjk_words(std::vector<OcrWord>& words) {
  std::vector<std::size_t> order(words.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return std::tie(words[a].passage, words[a].order) < std::tie(words[b].passage, words[b].order);
  });
  std::vector<bool> gone(words.size(), false);
  std::size_t into = order.empty() ? 0 : order[0];
  for (std::size_t k = 1; k < order.size(); ++k) {
    OcrWord& a = words[into];
    const OcrWord& b = words[order[k]];
    const int low = std::min(a.y1 - a.y0, b.y1 - b.y0), high = std::max(a.y1 - a.y0, b.y1 - b.y0);
    const int shared = std::min(a.y1, b.y1) - std::max(a.y0, b.y0);
    const bool joins = a.passage != 0 && a.passage == b.passage && 2 * shared >= low &&
                       b.x0 - a.x1 < kJoinEm * high && b.x1 > a.x1 && is_cjk(last_code_point(a.text)) &&
                       is_cjk(first_code_point(b.text)) &&
                       a.edges.size() == static_cast<std::size_t>(code_points(a.text)) + 1 &&
                       b.edges.size() == static_cast<std::size_t>(code_points(b.text)) + 1;
    if (!joins) {
      into = order[k];
      continue;
    }
    const bool sure_of_each = a.confidences.size() == static_cast<std::size_t>(code_points(a.text)) &&
                              b.confidences.size() == static_cast<std::size_t>(code_points(b.text));
    if (sure_of_each) a.confidences.insert(a.confidences.end(), b.confidences.begin(), b.confidences.end());
    else a.confidences.clear();
    a.text += b.text;
    a.edges.pop_back();
    for (float e : b.edges) a.edges.push_back(std::max(e, a.edges.back()));  // boxes may overlap
    a.x1 = b.x1, a.y0 = std::min(a.y0, b.y0), a.y1 = std::max(a.y1, b.y1);
    a.confidence = std::min(a.confidence, b.confidence);
    gone[order[k]] = true;
  }
  std::vector<OcrWord> kept;
  kept.reserve(words.size());
  for (std::size_t i = 0; i < words.size(); ++i)
    if (!gone[i]) kept.push_back(std::move(words[i]));
  words = std::move(kept);
}

// Chinese print never opens a line with closing punctuation (。，、；：？！
// and closing quotes and brackets) nor ends one with an opening quote or
// bracket: every producer's line breaking (Word's and WPS's kinsoku, a
// browser's UAX #14) moves them, and a table cell is typeset the same way.
// So, once neighbours are joined, a closing mark that opens a word with no
// word just before it in its row of ink (it opens a line, a cell or a
// column), or an opening mark that ends one with none just after, is a
// speck's: p1's "。”产出数量", p3's "”困难残疾人". A mark against a
// neighbour that is not CJK (the ” of “0”事故, after the figure) stays.
bool closing_mark(UChar32 c) {
  switch (c) {
    case 0x3001: case 0x3002: case 0xFF0C: case 0xFF1B: case 0xFF1A: case 0xFF1F: case 0xFF01:
    case 0x201D: case 0x2019: case 0xFF09: case 0x300B: case 0x300D: case 0x300F: case 0x3011: case 0x3015:
      return true;
    default:
      return false;
  }
}
bool opening_mark(UChar32 c) {
  switch (c) {
    case 0x201C: case 0x2018: case 0xFF08: case 0x300A: case 0x300C: case 0x300E: case 0x3010: case 0x3014:
      return true;
    default:
      return false;
  }
}

void drop_marks_line_breaking_forbids(std::vector<OcrWord>& words) {
  std::vector<std::size_t> by_top(words.size());
  for (std::size_t i = 0; i < by_top.size(); ++i) by_top[i] = i;
  std::sort(by_top.begin(), by_top.end(), [&](std::size_t a, std::size_t b) { return words[a].y0 < words[b].y0; });
  int tallest = 0;
  for (const OcrWord& w : words) tallest = std::max(tallest, w.y1 - w.y0);
  // Whether a word of w's row of ink ends just before w's left edge (left)
  // or starts just after its right edge.
  const auto neighbour = [&](const OcrWord& w, bool left) {
    const auto first = std::lower_bound(by_top.begin(), by_top.end(), w.y0 - tallest,
                                        [&](std::size_t i, int top) { return words[i].y0 < top; });
    for (auto it = first; it != by_top.end() && words[*it].y0 < w.y1; ++it) {
      const OcrWord& o = words[*it];
      if (&o == &w) continue;
      const int low = std::min(o.y1 - o.y0, w.y1 - w.y0), high = std::max(o.y1 - o.y0, w.y1 - w.y0);
      const int shared = std::min(o.y1, w.y1) - std::max(o.y0, w.y0);
      if (2 * shared < low) continue;
      const int gap = left ? w.x0 - o.x1 : o.x0 - w.x1;
      const bool beyond = left ? o.x0 < w.x0 : o.x1 > w.x1;
      if (beyond && gap < kJoinEm * high) return true;
    }
    return false;
  };
  std::vector<std::pair<std::size_t, std::size_t>> stray;  // (word, code point)
  for (std::size_t i = 0; i < words.size(); ++i) {
    std::vector<UChar32> cps;
    for_each_code_point(words[i].text, [&](UChar32 c) { cps.push_back(c); });
    std::size_t lead = 0, trail = 0;
    while (lead < cps.size() && closing_mark(cps[lead])) ++lead;
    while (trail < cps.size() - lead && opening_mark(cps[cps.size() - 1 - trail])) ++trail;
    if (lead > 0 && !neighbour(words[i], true))
      for (std::size_t k = 0; k < lead; ++k) stray.emplace_back(i, k);
    if (trail > 0 && !neighbour(words[i], false))
      for (std::size_t k = cps.size() - trail; k < cps.size(); ++k) stray.emplace_back(i, k);
  }
  std::sort(stray.rbegin(), stray.rend());  // last first, so that the places before stay right
  for (const auto& [i, k] : stray) erase_code_point(words[i], k);
  std::erase_if(words, [](const OcrWord& w) { return w.text.empty(); });
}

// The words kept, as TextBoxes in points; fills the summary's counts.
std::vector<TextBox> page_words(std::vector<OcrWord> words, double dpi, int exact_confidence,
                                OcrPage& summary) {
  int readable_letters = 0;
  for (const OcrWord& w : words)
    if (w.confidence >= kReadableConfidence) readable_letters += count_letters(w.text);
  std::vector<TextBox> boxes;
  if (readable_letters < kOcrMinLetters) return boxes;  // nothing readable on the page
  repair_brackets(words);
  drop_stray_marks(words);
  drop_unpaired_quotes(words);
  drop_speck_figures(words);
  // A word Tesseract was unsure of in a line it read surely elsewhere is
  // text (dropping it would join the words around it); alone it is a speck.
  std::vector<int> sure_passages;
  for (const OcrWord& w : words)
    if (w.confidence >= kReadableConfidence && w.passage != 0) sure_passages.push_back(w.passage);
  std::sort(sure_passages.begin(), sure_passages.end());
  const auto in_sure_passage = [&](const OcrWord& w) {
    return w.passage != 0 && std::binary_search(sure_passages.begin(), sure_passages.end(), w.passage);
  };
  std::erase_if(words, [&](const OcrWord& w) {
    return only_marks(w.text) || w.text.empty() || (w.confidence < kJunkConfidence && !in_sure_passage(w));
  });
  // The page's figures count the words as Tesseract read them, before joining.
  double confidence_sum = 0;
  for (const OcrWord& w : words) {
    summary.guessed_words += w.confidence < static_cast<float>(exact_confidence) ? 1 : 0;
    confidence_sum += w.confidence;
  }
  summary.words = static_cast<int>(words.size());
  summary.mean_confidence = words.empty() ? 0 : confidence_sum / static_cast<double>(words.size());
  join_cjk_words(words);
  drop_marks_line_breaking_forbids(words);
  const double scale = 72.0 / dpi;
  for (const OcrWord& w : words) {
    TextBox b;
    b.text = w.text;
    b.x0 = w.x0 * scale, b.y0 = w.y0 * scale, b.x1 = w.x1 * scale, b.y1 = w.y1 * scale;
    // A line of CJK print is about an em high; a word is no smaller than its ink.
    b.font_size = std::max({1.0, w.line_height * scale, (b.y1 - b.y0)});
    const auto characters = static_cast<std::size_t>(code_points(w.text));
    if (w.edges.size() == characters + 1)
      for (float e : w.edges) b.edges.push_back(static_cast<float>(e * scale));
    b.confidences = w.confidences.size() == characters ? w.confidences : std::vector<float>(characters, w.confidence);
    // A joined word is as sure as its least sure part.
    b.reading = w.confidence < static_cast<float>(exact_confidence) ? Reading::kOcr : Reading::kExact;
    b.confidence = w.confidence;
    boxes.push_back(std::move(b));
  }
  return boxes;
}

// A page drawn and waiting for recognition.
struct DrawnPage {
  int number = 1;
  double dpi = 300;
  double width = 0, height = 0;  // points
  PixPtr grey;
};

struct ReadPage {
  PageBoxes boxes;
  OcrPage summary;
};

ReadPage recognise(Readers& readers, DrawnPage& page, const OcrOptions& options) {
  tesseract::TessBaseAPI& api = *readers.chinese;
  ReadPage out;
  out.boxes.number = out.summary.page = page.number;
  out.boxes.width = page.width;
  out.boxes.height = page.height;
  ScanImage scan = prepare_scan(std::move(page.grey), page.dpi);
  if (!scan.grey) return out;
  out.summary.skew_degrees = scan.skew_degrees;
  const double scale = 72.0 / page.dpi;
  for (const Ruling& r : scan.rulings)
    out.boxes.rulings.push_back(Ruling{r.x0 * scale, r.y0 * scale, r.x1 * scale, r.y1 * scale});
  out.summary.rulings = static_cast<int>(scan.rulings.size());

  tesseract::ETEXT_DESC monitor;
  if (options.page_seconds > 0) monitor.set_deadline_msecs(static_cast<int32_t>(options.page_seconds * 1000));
  const std::vector<PixelRect> cells = closed_cells(scan.rulings, page.dpi);
  PixPtr prose = without_cells(scan.grey.get(), cells);
  std::vector<OcrWord> words;
  int passages = 0;
  for (const tesseract::PageSegMode mode : kPasses) {
    if (monitor.deadline_exceeded() || !prose) break;
    api.SetPageSegMode(mode);
    api.SetImage(prose.get());
    api.SetSourceResolution(static_cast<int>(std::lround(page.dpi)));
    api.Recognize(&monitor);
    add_uncovered(words, read_words(api, passages));
    api.Clear();
  }
  if (prose) split_tall_lines(readers, prose.get(), page.dpi, monitor, words, passages);
  if (prose) reread_prose_figures(readers, prose.get(), page.dpi, monitor, words);
  if (prose) read_lone_figures(readers, prose.get(), page.dpi, monitor, words, passages);
  for (const PixelRect& cell : cells) {
    if (monitor.deadline_exceeded()) break;
    for (OcrWord& w : read_cell(readers, scan.grey.get(), cell, page.dpi, monitor, ++passages))
      words.push_back(std::move(w));
  }
  out.summary.timed_out = options.page_seconds > 0 && monitor.deadline_exceeded();
  out.boxes.boxes = page_words(std::move(words), page.dpi, options.exact_confidence, out.summary);
  return out;
}

std::string timeout_notice(int page, double seconds) {
  const std::string s = std::to_string(static_cast<long long>(std::lround(seconds)));
  return "第 " + std::to_string(page) + " 页的文字识别超过 " + s + " 秒，只取已识别的部分 (OCR of page " +
         std::to_string(page) + " passed its " + s + "-second limit: only what was read by then is kept)";
}

}  // namespace

Result<OcrOutcome> ocr_pdf_pages_here(const std::string& path, const std::string& bytes, const std::vector<int>& pages,
                                      const OcrOptions& options, std::vector<Notice>* notices) {
  auto opened = open_pdf(path, bytes);
  if (!opened) return std::unexpected(std::move(opened.error()));
  GreyRenderer renderer(**opened);
  const std::size_t threads = static_cast<std::size_t>(std::clamp(options.threads, 1, 64));
  std::vector<Readers> readers;
  OcrOutcome out;
  for (std::size_t start = 0; start < pages.size(); start += threads) {
    // Draw a batch on this thread, then recognise it, a page a thread.
    std::vector<DrawnPage> batch;
    for (std::size_t k = start; k < pages.size() && k < start + threads; ++k) {
      DrawnPage page;
      page.number = pages[k];
      SplashBitmap* bitmap = renderer.draw(page.number, options.dpi, &page.dpi);
      if (bitmap != nullptr) {
        page.width = bitmap->getWidth() * 72.0 / page.dpi;
        page.height = bitmap->getHeight() * 72.0 / page.dpi;
        page.grey = grey_pix(bitmap->getDataPtr(), bitmap->getWidth(), bitmap->getHeight(), bitmap->getRowSize(),
                             page.dpi);
      }
      batch.push_back(std::move(page));
    }
    while (readers.size() < batch.size()) {
      Readers r{make_tesseract("chi_sim"), make_tesseract("eng")};
      if (!r.chinese)
        return std::unexpected(pdf_error(ErrorKind::kUnsupported, path,
                                         "OCR needs Tesseract's Chinese language data (chi_sim.traineddata; "
                                         "Debian package tesseract-ocr-chi-sim)"));
      readers.push_back(std::move(r));
    }
    std::vector<ReadPage> read(batch.size());
    const auto work = [&](std::size_t k) {
      omp_set_max_active_levels(0);  // per thread: OpenMP keeps it in each thread's data environment
      if (batch[k].grey) read[k] = recognise(readers[k], batch[k], options);
      else read[k].boxes.number = read[k].summary.page = batch[k].number;
    };
    if (batch.size() == 1) {
      work(0);
    } else {
      std::vector<std::jthread> running;
      for (std::size_t k = 0; k < batch.size(); ++k) running.emplace_back(work, k);
    }
    for (ReadPage& page : read) {
      if (page.summary.timed_out && notices)
        notices->push_back(Notice{"ocr_page_seconds", timeout_notice(page.summary.page, options.page_seconds),
                                  page.summary.page, 0, true, {}});
      out.pages.push_back(std::move(page.boxes));
      out.summaries.push_back(page.summary);
      if (options.progress) options.progress(static_cast<int>(out.pages.size()), static_cast<int>(pages.size()));
    }
  }
  return out;
}

}  // namespace jixiao::extract::detail

// The module's one exported symbol (ocr_module.h): unmangled, so that the
// loader finds it by name.
extern "C" const jixiao::extract::detail::OcrModuleEntry* jixiao_ocr_module_entry() {
  static const jixiao::extract::detail::OcrModuleEntry entry{jixiao::extract::detail::kOcrModuleVersion,
                                                             &jixiao::extract::detail::ocr_pdf_pages_here};
  return &entry;
}
