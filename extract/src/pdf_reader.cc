// The PDF reader: one pass of poppler's core renderer over each page's
// content stream gives both the page's words and the ruling lines it draws.
//
// Words come from poppler's TextOutputDev, the device pdftotext is built on,
// with physical layout and raw order off (reading order): each word's UTF-8
// text, its box in points with y growing downwards from the top left of the
// crop box (the page's /Rotate applied, as TextOutputDev applies it), the x
// edges of its characters (so that a figure inside a long CJK word can be
// boxed on its own), its font size, and whether a space follows it. Rulings come from the same pass: a
// subclass of TextOutputDev also sees every path the page strokes or fills
// (TextOutputDev itself uses them only for underlines and links), and keeps
// the horizontal and vertical segments of stroked paths and filled rectangles
// thinner than kThinFill, reduced to their centre line — the ways PDF
// producers draw table borders. Every point goes through the graphics state's
// CTM, which TextOutputDev's words go through too, so words and rulings share
// one coordinate system. A second pass, or a second library, would parse every
// content stream and every font twice.
//
// Pages are drawn as PDFDoc::displayPage draws them (Page::displaySlice: the
// content between a save and a restore of the graphics state, then the
// annotations), with one difference for speed. displaySlice makes a new Gfx
// for every page, and a Gfx parses every font of its resource dictionary when
// it is made. LibreOffice gives all pages one resource dictionary with every
// font of the document, so page by page a 48-page report has its fonts parsed
// 48 times, three quarters of the time poppler spends on it; Chromium gives
// each page its own dictionary but names the same font objects alike on every
// page, and they are parsed again on each. pdftotext pays all of that. Here
// consecutive pages with the same crop box and rotation whose resources agree
// (no name means one object on one page and another on the next) form a run
// drawn with one Gfx made from the union of their resources (RunResources),
// so each font is parsed once per run. Each page draws behind a state guard,
// so unbalanced q/Q cannot reach the next; in a document with optional
// content (whose marked content could leave a page hidden for the next) each
// page is a run. Words and rulings are the same, to the last bit, as page by
// page.
//
// Errors are values, checked in the order a reader meets them: empty, not a
// PDF, cut short, damaged, locked by a user password. Owner-only encryption is
// read, as pdftotext reads it; a document without one word has no text layer.

#include "jixiao/extract/pdf_reader.h"

#include <Annot.h>
#include <Error.h>
#include <ErrorCodes.h>
#include <Gfx.h>
#include <GfxState.h>
#include <GlobalParams.h>
#include <PDFDoc.h>
#include <Page.h>
#include <Stream.h>
#include <TextOutputDev.h>

#include <algorithm>
#include <cmath>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "jixiao/extract/layout.h"
#include "jixiao/extract/pdf_pages.h"
#include "jixiao/extract/sha256.h"
#include "jixiao/extract/utf8.h"
#include "ocr_pages.h"
#include "page_processes.h"
#include "poppler_doc.h"
#include "raw_words.h"

namespace jixiao::extract {
namespace {

using detail::pdf_error;

// A segment whose ends differ by at most this much across its direction is
// horizontal (or vertical); PDF producers draw borders exactly axis-aligned.
constexpr double kAxisTolerance = 1.0;
// Shorter segments are dots, corners and joints, not rulings.
constexpr double kMinLength = 2.0;
// A filled rectangle thinner than this is a line (Chromium fills its cell
// borders, 0.75 or 1.5 pt high); a thicker one is a cell background or a bar.
constexpr double kThinFill = 3.0;

// A TextOutputDev that also keeps the page's ruling lines, and its
// characters in drawing order for a page too crowded for poppler's word
// grouping (more than `max_chars`: raw_words.h).
class PageDevice final : public TextOutputDev {
 public:
  explicit PageDevice(std::size_t max_chars)
      : TextOutputDev(nullptr, /*physLayoutA=*/false, /*fixedPitchA=*/0, /*rawOrderA=*/false, /*append=*/false),
        max_chars_(max_chars) {}

  void startPage(int page_num, GfxState* state, XRef* xref) override {
    TextOutputDev::startPage(page_num, state, xref);
    width_ = state ? state->getPageWidth() : 0;
    height_ = state ? state->getPageHeight() : 0;
    rulings_.clear();
    chars_.clear();
    page_open_ = true;
  }
  // Once per page: the reader ends each page itself, and a Gfx ends the
  // device's page again when it is destroyed; a second TextPage::coalesce
  // would lose the first one's blocks. A crowded page skips the grouping.
  void endPage() override {
    if (!page_open_) return;
    page_open_ = false;
    if (!crowded()) TextOutputDev::endPage();
  }
  void drawChar(GfxState* state, double x, double y, double dx, double dy, double originX, double originY,
                CharCode c, int nBytes, const Unicode* u, int uLen) override {
    add_char(*state, x, y, dx, dy, u, uLen);
    if (!crowded()) TextOutputDev::drawChar(state, x, y, dx, dy, originX, originY, c, nBytes, u, uLen);
  }
  void stroke(GfxState* state) override {
    TextOutputDev::stroke(state);
    add_stroked(*state);
  }
  void fill(GfxState* state) override {
    TextOutputDev::fill(state);
    add_filled(*state);
  }
  void eoFill(GfxState* state) override {
    TextOutputDev::eoFill(state);
    add_filled(*state);
  }

  double width() const { return width_; }
  double height() const { return height_; }
  std::vector<Ruling> take_rulings() { return std::move(rulings_); }
  // More characters than poppler's word grouping is given: the page's words
  // come from words_from_chars(chars()).
  bool crowded() const { return chars_.size() > max_chars_; }
  const std::vector<RawChar>& chars() const { return chars_; }

 private:
  void add_stroked(const GfxState& state);
  void add_filled(const GfxState& state);
  void add_segment(double x0, double y0, double x1, double y1);
  void add_char(const GfxState& state, double x, double y, double dx, double dy, const Unicode* u, int uLen);

  std::size_t max_chars_;
  double width_ = 0, height_ = 0;
  bool page_open_ = false;
  std::vector<Ruling> rulings_;
  std::vector<RawChar> chars_;
};

// Keeps a drawn character with its advance in device space (as TextPage::addChar
// places it, without its ascent and descent: boxes sit on the baseline).
void PageDevice::add_char(const GfxState& state, double x, double y, double dx, double dy, const Unicode* u,
                          int uLen) {
  double x0, y0, w, h;
  state.transform(x, y, &x0, &y0);
  state.transformDelta(dx, dy, &w, &h);
  const char32_t code_point = uLen > 0 && u != nullptr ? static_cast<char32_t>(u[0]) : U'\uFFFD';
  chars_.push_back(RawChar{x0, x0 + w, y0, state.getTransformedFontSize(), code_point});
  for (int i = 1; i < uLen && u != nullptr; ++i)  // a ligature: its letters share the advance
    chars_.push_back(RawChar{x0 + w, x0 + w, y0, state.getTransformedFontSize(), static_cast<char32_t>(u[i])});
}

// Keeps a segment (device space) that is horizontal or vertical, clipped to
// the page, as a ruling with ordered ends.
void PageDevice::add_segment(double x0, double y0, double x1, double y1) {
  Ruling r;
  if (std::abs(y1 - y0) <= kAxisTolerance) {
    const double y = (y0 + y1) / 2;
    if (y < 0 || y > height_) return;
    r = Ruling{std::max(0.0, std::min(x0, x1)), y, std::min(width_, std::max(x0, x1)), y};
  } else if (std::abs(x1 - x0) <= kAxisTolerance) {
    const double x = (x0 + x1) / 2;
    if (x < 0 || x > width_) return;
    r = Ruling{x, std::max(0.0, std::min(y0, y1)), x, std::min(height_, std::max(y0, y1))};
  } else {
    return;  // diagonal
  }
  if (std::max(r.x1 - r.x0, r.y1 - r.y0) < kMinLength) return;
  rulings_.push_back(r);
}

// Every straight piece of every subpath (a closed subpath ends with the
// segment back to its start; the four edges of a stroked `re` are four pieces).
void PageDevice::add_stroked(const GfxState& state) {
  const GfxPath* path = state.getPath();
  for (int s = 0; s < path->getNumSubpaths(); ++s) {
    const GfxSubpath* sub = path->getSubpath(s);
    for (int i = 0; i + 1 < sub->getNumPoints(); ++i) {
      if (sub->getCurve(i) || sub->getCurve(i + 1)) continue;  // a Bézier control point
      double x0, y0, x1, y1;
      state.transform(sub->getX(i), sub->getY(i), &x0, &y0);
      state.transform(sub->getX(i + 1), sub->getY(i + 1), &x1, &y1);
      add_segment(x0, y0, x1, y1);
    }
  }
}

// The subpaths that are axis-aligned rectangles (four corners, straight
// edges, in device space) and thinner than kThinFill, as their centre lines.
void PageDevice::add_filled(const GfxState& state) {
  const GfxPath* path = state.getPath();
  for (int s = 0; s < path->getNumSubpaths(); ++s) {
    const GfxSubpath* sub = path->getSubpath(s);
    int n = sub->getNumPoints();
    if (n == 5 && sub->getX(4) == sub->getX(0) && sub->getY(4) == sub->getY(0)) n = 4;
    if (n != 4) continue;
    double x[4], y[4];
    bool straight = true;
    for (int i = 0; i < 4; ++i) {
      straight = straight && !sub->getCurve(i);
      state.transform(sub->getX(i), sub->getY(i), &x[i], &y[i]);
    }
    for (int i = 0; i < 4 && straight; ++i) {
      const int j = (i + 1) % 4;
      straight = std::abs(x[j] - x[i]) <= kAxisTolerance || std::abs(y[j] - y[i]) <= kAxisTolerance;
    }
    if (!straight) continue;
    const double x0 = std::min({x[0], x[1], x[2], x[3]}), x1 = std::max({x[0], x[1], x[2], x[3]});
    const double y0 = std::min({y[0], y[1], y[2], y[3]}), y1 = std::max({y[0], y[1], y[2], y[3]});
    if (std::min(x1 - x0, y1 - y0) >= kThinFill) continue;  // a cell background, a bar
    if (x1 - x0 >= y1 - y0)
      add_segment(x0, (y0 + y1) / 2, x1, (y0 + y1) / 2);
    else
      add_segment((x0 + x1) / 2, y0, (x0 + x1) / 2, y1);
  }
}

// The words of the page the device has just seen, in reading order.
std::vector<TextBox> words_of(PageDevice& device) {
  if (device.crowded()) return words_from_chars(device.chars());
  std::vector<TextBox> boxes;
  const std::unique_ptr<TextWordList> words = device.makeWordList();
  if (!words) return boxes;
  boxes.reserve(static_cast<std::size_t>(words->getLength()));
  for (int i = 0; i < words->getLength(); ++i) {
    const TextWord* w = words->get(i);
    TextBox box;
    const int length = w->getLength();
    for (int c = 0; c < length; ++c) append_utf8(box.text, static_cast<char32_t>(*w->getChar(c)));
    w->getBBox(&box.x0, &box.y0, &box.x1, &box.y1);
    // The near edge of each character, and the far edge of the last: x
    // coordinates for an upright or upside-down word (rotation 0 or 2),
    // y for the others, whose characters a box made of x edges cannot tell apart.
    if (w->getRotation() % 2 == 0 && length > 0) {
      box.edges.resize(static_cast<std::size_t>(length) + 1);
      for (int c = 0; c <= length; ++c) box.edges[static_cast<std::size_t>(c)] = static_cast<float>(w->getEdge(c));
    }
    box.font_size = w->getFontSize();
    // poppler's box spans the font's ascent and descent, which CJK fonts make
    // tall: Chromium's Noto boxes are 2.6 em high, so two lines of a wrapped
    // cell overlap and read as one. The em box on the baseline is the glyphs'.
    if (w->getRotation() == 0 && box.font_size > 0) {
      box.y0 = w->getBaseline() - 0.88 * box.font_size;
      box.y1 = w->getBaseline() + 0.12 * box.font_size;
    }
    box.space_after = w->hasSpaceAfter();
    boxes.push_back(std::move(box));
  }
  return boxes;
}

// The keys of a resource dictionary that name things for a content stream
// (the ones GfxResources reads).
constexpr const char* kResourceKinds[] = {"Font",    "XObject", "ExtGState", "ColorSpace",
                                          "Pattern", "Shading", "Properties"};

// The resources of a run of pages drawn with one Gfx: of each kind, every
// name any page of the run defines. A page joins only if each of its names is
// new to the run or refers to the same indirect object there; a name whose
// value is written inline cannot be compared, so it must be new.
class RunResources {
 public:
  explicit RunResources(XRef* xref) : dict_(new Dict(xref)) {
    for (const char* kind : kResourceKinds) dict_.dictAdd(kind, Object(new Dict(xref)));
  }

  // Adds the names of `page` (its resource dictionary, or null) if they agree
  // with the run's; false, and nothing added, if one does not.
  bool join(const Dict* page) {
    if (page == nullptr) return true;
    for (const bool add : {false, true}) {
      for (const char* kind : kResourceKinds) {
        const Object names = page->lookup(kind);
        if (!names.isDict()) continue;
        Dict* run = dict_.getDict()->lookupNF(kind).getDict();
        for (int i = 0; i < names.dictGetLength(); ++i) {
          const char* name = names.dictGetKey(i);
          const Object& value = names.dictGetValNF(i);
          if (!run->hasKey(name)) {
            if (add) run->add(name, value.copy());
            continue;
          }
          const Object& known = run->lookupNF(name);
          if (!add && !(value.isRef() && known.isRef() && known.getRef() == value.getRef())) return false;
        }
      }
    }
    return true;
  }

  Dict* dict() const { return dict_.getDict(); }

 private:
  Object dict_;
};

// Consecutive pages drawn with one Gfx.
struct PageRun {
  int first = 1, last = 0;  // page numbers, inclusive
  std::unique_ptr<RunResources> resources;
};

// The document's pages in runs: a page starts a new run when its crop box or
// rotation differs from the run's, when its resources disagree with the
// run's, or when the document has optional content. A missing page is a run
// of its own, without resources.
std::vector<PageRun> page_runs(PDFDoc& doc, int first, int last) {
  std::vector<PageRun> runs;
  const bool may_share = doc.getOptContentConfig() == nullptr;
  for (int i = first; i <= last; ++i) {
    Page* page = doc.getPage(i);
    if (page != nullptr && may_share && !runs.empty() && runs.back().resources) {
      Page* first = doc.getPage(runs.back().first);
      if (*page->getCropBox() == *first->getCropBox() && page->getRotate() == first->getRotate() &&
          runs.back().resources->join(page->getResourceDict())) {
        runs.back().last = i;
        continue;
      }
    }
    PageRun run{i, i, nullptr};
    if (page != nullptr) {
      run.resources = std::make_unique<RunResources>(doc.getXRef());
      run.resources->join(page->getResourceDict());  // every name is new to an empty run
    }
    runs.push_back(std::move(run));
  }
  return runs;
}

// Draws one page with `gfx`, whose constructor or the caller has started the
// device's page, and ends the page.
void draw_page(Page& page, Gfx& gfx, PageDevice& device) {
  // The page and its annotations draw on a copy of the Gfx's base state,
  // behind a state guard (as Gfx guards a form or a content stream): a stray
  // Q cannot pop below it, a stray q is popped at the end, and the next page
  // starts from the base state untouched.
  gfx.saveState();
  gfx.pushStateGuard();
  page.display(&gfx);
  for (Annot* annot : page.getAnnots()->getAnnots()) annot->draw(&gfx, /*printing=*/false);
  gfx.popStateGuard();
  gfx.restoreState();
  device.endPage();
}

std::string crowded_page_notice(int page, std::size_t chars, std::size_t max) {
  return "第 " + std::to_string(page) + " 页有 " + std::to_string(chars) + " 个字符，超过每页 " + std::to_string(max) +
         " 个字符的上限，按绘制顺序逐字读取 (page " + std::to_string(page) + " draws " + std::to_string(chars) +
         " characters, over the " + std::to_string(max) +
         "-character page limit: its words were built character by character; spacing may differ)";
}

// Reads the pages of one run into `pages`.
void read_run(PDFDoc& doc, const PageRun& run, const ReadLimits& limits, PageDevice& device,
              std::vector<PageBoxes>& pages, std::vector<Notice>* notices) {
  std::unique_ptr<Gfx> gfx;
  for (int i = run.first; i <= run.last; ++i) {
    PageBoxes page;
    page.number = i;
    if (Page* p = doc.getPage(i); p != nullptr && run.resources) {
      if (!gfx) {
        // What Page::createGfx makes for 72 dpi (device space is PDF points),
        // the crop box as poppler-cpp and viewers show a page, no clipping,
        // and the run's resources; it starts the device's page.
        PDFRectangle box = *p->getCropBox();
        gfx = std::make_unique<Gfx>(&doc, &device, i, run.resources->dict(), 72.0, 72.0, &box,
                                    device.needClipToCropBox() ? p->getCropBox() : nullptr, p->getRotate());
      } else {
        // What the Gfx constructor tells the device about a new page.
        device.startPage(i, gfx->getState(), doc.getXRef());
        device.setDefaultCTM(gfx->getState()->getCTM());
        device.updateAll(gfx->getState());
      }
      draw_page(*p, *gfx, device);
      page.width = device.width();
      page.height = device.height();
      page.boxes = words_of(device);
      page.rulings = device.take_rulings();
      if (device.crowded() && notices)
        notices->push_back(Notice{"max_page_chars", crowded_page_notice(i, device.chars().size(), limits.max_page_chars),
                                  i, 0, false, {}});
    }
    pages.push_back(std::move(page));
  }
  // Destroying the Gfx ends the device's page again: a no-op by now.
}

std::string page_limit_notice(int pages, std::size_t max) {
  return "文件共 " + std::to_string(pages) + " 页，超过 " + std::to_string(max) + " 页的上限，只读前 " +
         std::to_string(max) + " 页 (the PDF has " + std::to_string(pages) + " pages, over the " +
         std::to_string(max) + "-page limit: only the first " + std::to_string(max) + " were read)";
}

int letters_on(const PageBoxes& page) {
  int letters = 0;
  for (const TextBox& box : page.boxes) letters += detail::count_letters(box.text);
  return letters;
}

// The pages `mode` has OCR read: every page, or those whose text layer holds
// fewer than kOcrMinLetters letters (ocr.h).
std::vector<int> pages_to_ocr(const std::vector<PageBoxes>& pages, OcrMode mode) {
  std::vector<int> wanted;
  if (mode == OcrMode::kNever) return wanted;
  for (const PageBoxes& page : pages)
    if (mode == OcrMode::kAlways || letters_on(page) < kOcrMinLetters) wanted.push_back(page.number);
  return wanted;
}

// Whether OCR's reading of a page stands in for its text layer. A text layer
// is exact and OCR a reading: a page whose few letters are real print (a
// form's last page holding only its 总分 row) keeps them unless OCR read
// more there (a scan with a stray page number in its layer). Asked always,
// OCR stands in wherever it read anything.
bool ocr_replaces(const PageBoxes& layer, const PageBoxes& ocr, OcrMode mode) {
  const int read = letters_on(ocr);
  return mode == OcrMode::kAlways ? read > 0 : read > letters_on(layer);
}

std::string no_text_message(OcrMode mode) {
  if (mode == OcrMode::kNever) return "no text layer — scanned image? (OCR is off: --ocr auto reads scans)";
  return "no text layer, and OCR found nothing readable (a blank page, a photo or a picture without text?)";
}

}  // namespace

namespace detail {

std::vector<PageBoxes> read_page_span(PDFDoc& doc, int first, int last, const ReadLimits& limits,
                                      std::vector<Notice>* notices) {
  std::vector<PageBoxes> pages;
  PageDevice device(limits.max_page_chars);
  for (const PageRun& run : page_runs(doc, first, last)) read_run(doc, run, limits, device, pages, notices);
  return pages;
}

}  // namespace detail

Result<std::vector<PageBoxes>> read_pdf_pages(const std::string& path, const std::string& bytes,
                                              const ReadLimits& limits, std::vector<Notice>* notices) {
  auto opened = detail::open_pdf(path, bytes);
  if (!opened) return std::unexpected(std::move(opened.error()));
  PDFDoc& doc = **opened;

  const int last = static_cast<int>(std::min<std::size_t>(static_cast<std::size_t>(doc.getNumPages()),
                                                          limits.max_pages));
  auto read = detail::read_pages_in_processes(path, doc, last, limits, notices);
  if (!read) return std::unexpected(std::move(read.error()));
  std::vector<PageBoxes>& pages = *read;
  if (pages.empty()) return std::unexpected(pdf_error(ErrorKind::kUnsupported, path, "PDF has no pages"));
  if (static_cast<std::size_t>(doc.getNumPages()) > limits.max_pages && notices)
    notices->push_back(Notice{"max_pages", page_limit_notice(doc.getNumPages(), limits.max_pages), 0, 0, true, {}});
  return std::move(pages);
}

Result<Document> read_pdf(const std::string& path, const std::string& bytes, const ReadLimits& limits) {
  std::vector<Notice> notices;
  auto pages = read_pdf_pages(path, bytes, limits, &notices);
  if (!pages) return std::unexpected(std::move(pages.error()));
  std::vector<OcrPage> ocr_done;
  if (const std::vector<int> wanted = pages_to_ocr(*pages, limits.ocr.mode); !wanted.empty()) {
    auto read = detail::ocr_pdf_pages(path, bytes, wanted, limits.ocr, &notices);
    if (!read) return std::unexpected(std::move(read.error()));
    for (std::size_t k = 0; k < read->pages.size(); ++k) {
      PageBoxes& layer = (*pages)[static_cast<std::size_t>(read->pages[k].number - 1)];
      if (!ocr_replaces(layer, read->pages[k], limits.ocr.mode)) continue;
      layer = std::move(read->pages[k]);
      ocr_done.push_back(read->summaries[k]);
    }
  }
  std::size_t boxes = 0;
  for (const PageBoxes& page : *pages) boxes += page.boxes.size();
  if (boxes == 0) return std::unexpected(pdf_error(ErrorKind::kUnsupported, path, no_text_message(limits.ocr.mode)));

  Layout layout = lay_out_document(*pages);
  Document doc =
      make_paged_document(path, "pdf", "PDF", sha256_hex(bytes), static_cast<int>(pages->size()),
                          std::move(layout.lines));
  doc.tables = std::move(layout.tables);
  doc.notices = std::move(notices);
  doc.ocr_pages = std::move(ocr_done);
  cut_long_lines(doc, limits.max_line_bytes);
  attach_notice_spans(doc);
  return doc;
}

}  // namespace jixiao::extract
