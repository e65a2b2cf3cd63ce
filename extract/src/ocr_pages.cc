// OCR of PDF pages (ocr.h): poppler draws each page grey at the OCR
// resolution, scan_image.cc straightens it and takes out its ruling lines,
// and Tesseract (the C++ API, chi_sim, automatic page segmentation) reads its
// words. Each word becomes a TextBox in PDF points, the x edges of its
// characters from Tesseract's symbol boxes, so the layout treats it as a
// text-layer word: CJK words a hair apart join without a space, columns keep
// their tabs, and the rulings feed the lattice reader.
//
// What is not kept: a word below kJunkConfidence, or made only of marks a
// scan's specks and border remnants read as (| _ [ ] ~); and every word of a
// page on which fewer than kOcrMinLetters letters were read with
// kReadableConfidence, which is what a blank page, a photo or a page of
// noise gives: "nothing readable" rather than a guess at text.
//
// Pages are drawn one after the other on the calling thread (poppler is not
// thread-safe) and recognised `threads` at a time, each thread with its own
// Tesseract, which is safe: the instances share nothing. Tesseract's own
// OpenMP threads would compete with ours; the CLI caps them (OMP_THREAD_LIMIT).

#include "ocr_pages.h"

#include <tesseract/baseapi.h>
#include <tesseract/ocrclass.h>
#include <tesseract/resultiterator.h>
#include <splash/SplashBitmap.h>
#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <cmath>
#include <memory>
#include <string_view>
#include <thread>

#include "jixiao/extract/utf8.h"
#include "poppler_doc.h"
#include "scan_cells.h"
#include "scan_image.h"

namespace jixiao::extract::detail {
namespace {

// Below this Tesseract is reading noise, not print.
constexpr float kJunkConfidence = 30;
// A page is readable when at least kOcrMinLetters letters come from words this sure.
constexpr float kReadableConfidence = 60;
// A table cell with no word read this surely is read again on its own.
constexpr float kSureConfidence = 90;

struct TessDeleter {
  void operator()(tesseract::TessBaseAPI* api) const {
    api->End();
    delete api;
  }
};
using Tesseract = std::unique_ptr<tesseract::TessBaseAPI, TessDeleter>;

// A Tesseract for Chinese print, or null when its language data is missing.
Tesseract make_tesseract() {
  Tesseract api(new tesseract::TessBaseAPI());
  api->SetVariable("debug_file", "/dev/null");  // its warnings are not ours to print
  if (api->Init(nullptr, "chi_sim", tesseract::OEM_LSTM_ONLY) != 0) return nullptr;
  return api;
}

bool only_marks(std::string_view text) {
  return !text.empty() && text.find_first_not_of("|_[]{}~`") == std::string_view::npos;
}

// One word as Tesseract read it, in pixels.
struct OcrWord {
  std::string text;
  int x0 = 0, y0 = 0, x1 = 0, y1 = 0;
  float confidence = 0;
  int line_height = 0;       // of the text line Tesseract found it on
  std::vector<float> edges;  // each code point's left edge, then the last one's right
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
void add_symbol(OcrWord& word, std::string_view text, int left, int right) {
  if (!word.edges.empty()) word.edges.pop_back();
  const int n = code_points(text);
  for (int k = 0; k < n; ++k) word.edges.push_back(static_cast<float>(left + (right - left) * k / double(n)));
  word.edges.push_back(static_cast<float>(right));
  word.text += text;
}

// The words of the page `api` has recognised, read symbol by symbol so that
// each character's left edge is known.
std::vector<OcrWord> read_words(tesseract::TessBaseAPI& api) {
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
    }
    if (it->IsAtBeginningOf(kWord) || words.empty()) {
      OcrWord& w = words.emplace_back();
      it->BoundingBox(kWord, &w.x0, &w.y0, &w.x1, &w.y1);
      w.confidence = it->Confidence(kWord);
      w.line_height = line_height;
    }
    const std::unique_ptr<char[]> symbol(it->GetUTF8Text(kSymbol));
    int left = 0, top = 0, right = 0, bottom = 0;
    if (symbol && it->BoundingBox(kSymbol, &left, &top, &right, &bottom))
      add_symbol(words.back(), symbol.get(), left, right);
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
    bool covered = false;
    for (; it != words.begin() + static_cast<std::ptrdiff_t>(first) && it->y0 < m.y1 && !covered; ++it)
      covered = overlaps(*it);
    if (!covered) words.push_back(std::move(m));
  }
}

// The mean confidence of `words`, 0 when there are none.
float mean_confidence(const std::vector<OcrWord>& words) {
  float sum = 0;
  for (const OcrWord& w : words) sum += w.confidence;
  return words.empty() ? 0 : sum / static_cast<float>(words.size());
}

// Reads again, each cut out on its own, the closed cells of the page's ruled
// tables (scan_cells.h) in which the passes read no word at `sure`
// confidence: a lone figure the page's segmentation missed or read as
// letters. The new reading replaces the words whose centre lies in the cell
// when it is surer than they were.
void reread_cells(tesseract::TessBaseAPI& api, const ScanImage& scan, double dpi, float sure,
                  tesseract::ETEXT_DESC& monitor, std::vector<OcrWord>& words) {
  const std::vector<PixelRect> cells = closed_cells(scan.rulings, dpi);
  if (cells.empty()) return;
  api.SetPageSegMode(tesseract::PSM_SINGLE_BLOCK);
  api.SetImage(scan.grey.get());
  api.SetSourceResolution(static_cast<int>(std::lround(dpi)));
  const int inset = static_cast<int>(dpi / 30);  // past the painted-out border
  for (const PixelRect& cell : cells) {
    if (monitor.deadline_exceeded()) break;
    const auto inside = [&](const OcrWord& w) {
      const int x = (w.x0 + w.x1) / 2, y = (w.y0 + w.y1) / 2;
      return x > cell.x0 && x < cell.x1 && y > cell.y0 && y < cell.y1;
    };
    std::vector<OcrWord> before;
    for (const OcrWord& w : words)
      if (inside(w)) before.push_back(w);
    if (std::any_of(before.begin(), before.end(), [&](const OcrWord& w) { return w.confidence >= sure; })) continue;
    const int width = cell.x1 - cell.x0 - 2 * inset, height = cell.y1 - cell.y0 - 2 * inset;
    if (width <= 0 || height <= 0) continue;
    api.SetRectangle(cell.x0 + inset, cell.y0 + inset, width, height);
    if (api.Recognize(&monitor) != 0) continue;
    std::vector<OcrWord> again = read_words(api);
    // Alone in a cell, Tesseract reads a speck as a letter with little confidence.
    std::erase_if(again, [](const OcrWord& w) { return w.confidence < kReadableConfidence; });
    if (again.empty() || mean_confidence(again) <= mean_confidence(before)) continue;
    std::erase_if(words, inside);
    for (OcrWord& w : again) words.push_back(std::move(w));
  }
  api.Clear();
}

// The words kept, as TextBoxes in points; fills the summary's counts.
std::vector<TextBox> page_words(const std::vector<OcrWord>& words, double dpi, int exact_confidence,
                                OcrPage& summary) {
  int readable_letters = 0;
  for (const OcrWord& w : words)
    if (w.confidence >= kReadableConfidence) readable_letters += count_letters(w.text);
  std::vector<TextBox> boxes;
  if (readable_letters < kOcrMinLetters) return boxes;  // nothing readable on the page
  const double scale = 72.0 / dpi;
  double confidence_sum = 0;
  for (const OcrWord& w : words) {
    if (w.confidence < kJunkConfidence || only_marks(w.text) || w.text.empty()) continue;
    TextBox b;
    b.text = w.text;
    b.x0 = w.x0 * scale, b.y0 = w.y0 * scale, b.x1 = w.x1 * scale, b.y1 = w.y1 * scale;
    // A line of CJK print is about an em high; a word is no smaller than its ink.
    b.font_size = std::max({1.0, w.line_height * scale, (b.y1 - b.y0)});
    if (w.edges.size() == static_cast<std::size_t>(code_points(w.text)) + 1)
      for (float e : w.edges) b.edges.push_back(static_cast<float>(e * scale));
    b.reading = w.confidence < static_cast<float>(exact_confidence) ? Reading::kOcr : Reading::kExact;
    b.confidence = w.confidence;
    summary.guessed_words += b.reading == Reading::kOcr ? 1 : 0;
    confidence_sum += w.confidence;
    boxes.push_back(std::move(b));
  }
  summary.words = static_cast<int>(boxes.size());
  summary.mean_confidence = boxes.empty() ? 0 : confidence_sum / static_cast<double>(boxes.size());
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

ReadPage recognise(tesseract::TessBaseAPI& api, DrawnPage& page, const OcrOptions& options) {
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
  std::vector<OcrWord> words;
  for (const tesseract::PageSegMode mode : kPasses) {
    if (monitor.deadline_exceeded()) break;
    api.SetPageSegMode(mode);
    api.SetImage(scan.grey.get());
    api.SetSourceResolution(static_cast<int>(std::lround(page.dpi)));
    api.Recognize(&monitor);
    add_uncovered(words, read_words(api));
    api.Clear();
  }
  reread_cells(api, scan, page.dpi, kSureConfidence, monitor, words);
  out.summary.timed_out = options.page_seconds > 0 && monitor.deadline_exceeded();
  out.boxes.boxes = page_words(words, page.dpi, options.exact_confidence, out.summary);
  return out;
}

std::string timeout_notice(int page, double seconds) {
  const std::string s = std::to_string(static_cast<long long>(std::lround(seconds)));
  return "第 " + std::to_string(page) + " 页的文字识别超过 " + s + " 秒，只取已识别的部分 (OCR of page " +
         std::to_string(page) + " passed its " + s + "-second limit: only what was read by then is kept)";
}

}  // namespace

int count_letters(const std::string& text) {
  int n = 0;
  const auto* s = reinterpret_cast<const uint8_t*>(text.data());
  const int32_t length = static_cast<int32_t>(text.size());
  for (int32_t i = 0; i < length;) {
    UChar32 c;
    U8_NEXT(s, i, length, c);
    if (c >= 0 && (u_isalnum(c) || u_hasBinaryProperty(c, UCHAR_IDEOGRAPHIC))) ++n;
  }
  return n;
}

Result<OcrOutcome> ocr_pdf_pages(const std::string& path, const std::string& bytes, const std::vector<int>& pages,
                                 const OcrOptions& options, std::vector<Notice>* notices) {
  auto opened = open_pdf(path, bytes);
  if (!opened) return std::unexpected(std::move(opened.error()));
  GreyRenderer renderer(**opened);
  const std::size_t threads = static_cast<std::size_t>(std::clamp(options.threads, 1, 64));
  std::vector<Tesseract> readers;
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
      Tesseract api = make_tesseract();
      if (!api)
        return std::unexpected(pdf_error(ErrorKind::kUnsupported, path,
                                         "OCR needs Tesseract's Chinese language data (chi_sim.traineddata; "
                                         "Debian package tesseract-ocr-chi-sim)"));
      readers.push_back(std::move(api));
    }
    std::vector<ReadPage> read(batch.size());
    const auto work = [&](std::size_t k) {
      if (batch[k].grey) read[k] = recognise(*readers[k], batch[k], options);
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
