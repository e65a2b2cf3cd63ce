// Every span of a PDF carries the box its characters fill on the page. The
// boxes are checked against poppler's own word boxes as `pdftotext -bbox`
// prints them (the same engine reads the words, so a figure's box must lie in
// the word that holds it): prose amounts, figures inside a longer CJK word
// (boxed narrower than the word, flush with its end when they end it), figures
// on paragraph lines joined from several printed lines, and scores in ruled
// table cells (inside the cell's frame too). Text input has no boxes.

#include <gtest/gtest.h>

#include <cstdio>
#include <map>
#include <string>
#include <vector>

#include "jixiao/extract/document.h"
#include "jixiao/extract/layout.h"
#include "jixiao/extract/text_place.h"
#include "jixiao/extract/text_reader.h"
#include "support/test_support.h"

namespace jixiao {
namespace {

using extract::Box;
using extract::Document;
using extract::SourceSpan;

// A word as pdftotext prints it.
struct Word {
  Box box;
  std::string text;
};

std::string unescape(std::string s) {
  const std::pair<std::string, std::string> entities[] = {
      {"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""}, {"&apos;", "'"}, {"&amp;", "&"}};
  for (const auto& [from, to] : entities)
    for (std::size_t at = s.find(from); at != std::string::npos; at = s.find(from, at + to.size()))
      s.replace(at, from.size(), to);
  return s;
}

double attribute(const std::string& line, const std::string& name) {
  const std::size_t at = line.find(name + "=\"");
  return at == std::string::npos ? 0 : std::stod(line.substr(at + name.size() + 2));
}

// The words of every page (1-based) of `path`, from `pdftotext -bbox`.
std::map<int, std::vector<Word>> pdftotext_words(const std::string& path) {
  std::map<int, std::vector<Word>> out;
  FILE* pipe = popen(("pdftotext -bbox '" + path + "' - 2>/dev/null").c_str(), "r");
  if (!pipe) return out;
  std::string all;
  char buf[4096];
  for (std::size_t n; (n = fread(buf, 1, sizeof buf, pipe)) > 0;) all.append(buf, n);
  pclose(pipe);
  int page = 0;
  std::size_t begin = 0;
  for (std::size_t end; (end = all.find('\n', begin)) != std::string::npos; begin = end + 1) {
    const std::string line = all.substr(begin, end - begin);
    if (line.find("<page ") != std::string::npos) ++page;
    const std::size_t open = line.find("<word "), text = line.find('>'), close = line.find("</word>");
    if (open == std::string::npos || close == std::string::npos) continue;
    out[page].push_back(Word{Box{attribute(line, "xMin"), attribute(line, "yMin"), attribute(line, "xMax"),
                                 attribute(line, "yMax")},
                             unescape(line.substr(text + 1, close - text - 1))});
  }
  return out;
}

double area(const Box& b) { return b.empty() ? 0 : (b.x1 - b.x0) * (b.y1 - b.y0); }

// The share of `a`'s area that lies in `b`.
double share_inside(const Box& a, const Box& b) {
  const Box cut{std::max(a.x0, b.x0), std::max(a.y0, b.y0), std::min(a.x1, b.x1), std::min(a.y1, b.y1)};
  return area(a) > 0 ? area(cut) / area(a) : 0;
}

// The word of `words` that holds `text` and overlaps `box` most, or nullptr.
const Word* word_holding(const std::vector<Word>& words, const std::string& text, const Box& box) {
  const Word* best = nullptr;
  double best_share = -1;
  for (const Word& w : words) {
    if (w.text.find(text) == std::string::npos) continue;
    const double share = share_inside(box, w.box);
    if (share > best_share) {
      best = &w;
      best_share = share;
    }
  }
  return best;
}

std::string describe(const SourceSpan& s) {
  return "page " + std::to_string(s.page) + " line " + std::to_string(s.line) + " \"" + s.text + "\" box [" +
         std::to_string(s.box.x0) + ", " + std::to_string(s.box.y0) + ", " + std::to_string(s.box.x1) + ", " +
         std::to_string(s.box.y1) + "]";
}

// The span's box lies in the pdftotext word that holds its text: within it
// across (half a point of slack), mostly within it up and down (jixiao boxes
// the em on the baseline, pdftotext the font's ascent and descent). A span
// that is only part of its word is narrower, flush with the word's end or
// start when it ends or starts the word. Returns the word.
const Word* expect_in_word(const std::vector<Word>& words, const SourceSpan& s) {
  EXPECT_FALSE(s.box.empty()) << describe(s);
  const Word* w = word_holding(words, s.text, s.box);
  if (!w) {
    ADD_FAILURE() << "no pdftotext word holds " << describe(s);
    return nullptr;
  }
  const std::string where = describe(s) + " in word \"" + w->text + "\" [" + std::to_string(w->box.x0) + ", " +
                            std::to_string(w->box.y0) + ", " + std::to_string(w->box.x1) + ", " +
                            std::to_string(w->box.y1) + "]";
  EXPECT_GE(s.box.x0, w->box.x0 - 0.5) << where;
  EXPECT_LE(s.box.x1, w->box.x1 + 0.5) << where;
  EXPECT_GE(share_inside(s.box, w->box), 0.75) << where;
  if (w->text != s.text) {
    EXPECT_LT(s.box.x1 - s.box.x0, w->box.x1 - w->box.x0 - 1.0) << "not narrowed to the figure: " << where;
    // Where the word holds the text once: flush with the end or the start it makes.
    const std::size_t at = w->text.find(s.text);
    if (w->text.find(s.text, at + 1) == std::string::npos) {
      if (at + s.text.size() == w->text.size()) {
        EXPECT_NEAR(s.box.x1, w->box.x1, 0.5) << where;
      }
      if (at == 0) {
        EXPECT_NEAR(s.box.x0, w->box.x0, 0.5) << where;
      }
    }
  }
  return w;
}

Document read_or_fail(const std::string& path) {
  auto doc = extract::read_document(path);
  if (!doc) {
    ADD_FAILURE() << doc.error().describe();
    return {};
  }
  return std::move(*doc);
}

// The span of the first `needle` that follows `context` on a line holding both.
SourceSpan span_of(const Document& doc, const std::string& context, const std::string& needle) {
  for (std::size_t i = 0; i < doc.lines.size(); ++i) {
    const std::string_view line = doc.line_text(i);
    const std::size_t c = line.find(context);
    if (c == std::string_view::npos) continue;
    const std::size_t at = line.find(needle, c);
    if (at != std::string_view::npos) return doc.span(i, at, at + needle.size());
  }
  ADD_FAILURE() << "no line holds \"" << context << "\" then \"" << needle << "\"";
  return {};
}

bool figure_char(char c) { return (c >= '0' && c <= '9') || c == '.' || c == '%'; }

// Every run of ASCII digits (with . and %) on line `i`.
std::vector<SourceSpan> figures_of_line(const Document& doc, std::size_t i) {
  std::vector<SourceSpan> out;
  const std::string_view line = doc.line_text(i);
  for (std::size_t k = 0; k < line.size();) {
    if (line[k] < '0' || line[k] > '9') {
      ++k;
      continue;
    }
    std::size_t end = k;
    while (end < line.size() && figure_char(line[end])) ++end;
    out.push_back(doc.span(i, k, end));
    k = end;
  }
  return out;
}

// The same for every line of the Document.
std::vector<SourceSpan> figures(const Document& doc) {
  std::vector<SourceSpan> out;
  for (std::size_t i = 0; i < doc.lines.size(); ++i)
    for (SourceSpan& s : figures_of_line(doc, i)) out.push_back(std::move(s));
  return out;
}

std::string pdf_path(const std::string& name) {
  return name.starts_with("corpus/") ? testing::shared_path(name) : testing::source_path("tests/data/pdf/" + name);
}

class SpanBox : public ::testing::TestWithParam<std::string> {};

// The pdftotext words a box runs through, in pdftotext's reading order: a
// quarter of the word lies in the box, or a quarter of the box in the word.
std::vector<const Word*> covered_words(const std::vector<Word>& words, const Box& box) {
  std::vector<const Word*> out;
  for (const Word& w : words)
    if (share_inside(w.box, box) > 0.25 || share_inside(box, w.box) > 0.25) out.push_back(&w);
  return out;
}

// Every figure of every line, prose, table rows and joined paragraphs alike,
// is boxed within the word that holds it, or, where it runs over several
// words (a figure wrapped inside its cell, "10" | "0%"), within words whose
// text holds it. A paragraph that goes on from one page to the next keeps
// its first page, where the rest of its glyphs are not: figures of that rest
// have no box, and only they (the tail of a line whose start is boxed); a
// figure cut by the page break is boxed where its head stands.
TEST_P(SpanBox, EveryFigureLiesInItsWords) {
  const std::string path = pdf_path(GetParam());
  JIXIAO_REQUIRE_FILE(path);
  const Document doc = read_or_fail(path);
  const auto words = pdftotext_words(path);
  ASSERT_FALSE(words.empty()) << "pdftotext -bbox read nothing from " << path;
  std::size_t in_one_word = 0, inside_longer = 0, across_words = 0, unplaced = 0;
  for (std::size_t i = 0; i < doc.lines.size(); ++i) {
    bool tail = false;  // a figure before had no box: the rest of the line is on the next page
    for (const SourceSpan& s : figures_of_line(doc, i)) {
      if (s.box.empty()) {
        EXPECT_FALSE(doc.span(i, 0, 1).box.empty()) << "a line without any box: " << describe(s);
        tail = true;
        ++unplaced;
        continue;
      }
      EXPECT_FALSE(tail) << "a boxed figure after an unboxed one: " << describe(s);
      const std::vector<Word>& page = words.at(s.page);
      const std::vector<const Word*> covered = covered_words(page, s.box);
      if (covered.size() == 1 && covered.front()->text.find(s.text) == std::string::npos) {
        // A figure cut by the page break ("17" | "77"): its box is its head's,
        // which ends the page's last word; the rest of the line has no box.
        const std::string& w = covered.front()->text;
        bool head = false;
        for (std::size_t n = 1; n < s.text.size(); ++n) head = head || w.ends_with(s.text.substr(0, n));
        EXPECT_TRUE(head) << describe(s) << " in word \"" << w << "\"";
        tail = true;
        continue;
      }
      if (covered.size() == 1) {
        if (const Word* w = expect_in_word(page, s)) {
          EXPECT_EQ(w, covered.front()) << describe(s);
          ++in_one_word;
          inside_longer += w->text != s.text;
        }
        continue;
      }
      std::string joined;
      for (const Word* w : covered) joined += w->text;
      EXPECT_NE(joined.find(s.text), std::string::npos) << describe(s) << " runs over words \"" << joined << "\"";
      ++across_words;
    }
  }
  EXPECT_GT(in_one_word, 50u);
  EXPECT_GT(inside_longer, 5u) << "no figure inside a longer word was checked";
  EXPECT_LE(across_words * 20, in_one_word) << across_words << " figures over several words";
  EXPECT_LE(unplaced * 10, in_one_word) << unplaced << " figures without a box";
}

// The score cells of ruled tables: the cell's span (Table places) lies in the
// word and in the cell's frame.
TEST_P(SpanBox, RuledCellFiguresLieInTheirWordAndFrame) {
  const std::string path = pdf_path(GetParam());
  JIXIAO_REQUIRE_FILE(path);
  const Document doc = read_or_fail(path);
  const auto words = pdftotext_words(path);
  std::size_t checked = 0;
  for (const extract::Table& t : doc.tables) {
    if (t.source != extract::TableSource::kRuled) continue;
    for (const extract::TableCell& c : t.cells) {
      const std::string text = c.text();
      if (c.places.empty() || text.empty() || text.size() > 6 ||
          text.find_first_not_of("0123456789.") != std::string::npos)
        continue;
      const extract::CellPlace& p = c.places.front();
      const SourceSpan s = doc.span(p.line, p.begin, p.end);
      if (s.page != c.page) continue;  // a cell joined across a page break
      expect_in_word(words.at(s.page), s);
      EXPECT_GE(share_inside(s.box, c.box), 0.99) << describe(s) << " outside its cell";
      ++checked;
    }
  }
  if (GetParam() != "qinghe-wenlv-2022-errors.pdf") {
    EXPECT_GT(checked, 10u);
  }
}

INSTANTIATE_TEST_SUITE_P(Pdfs, SpanBox,
                         ::testing::Values("qinghe-wenlv-2022.pdf", "qinghe-wenlv-2022-errors.pdf",
                                           "lanxi-nongye-2021.pdf", "corpus/yanzhou-2020.pdf",
                                           "corpus/yanzhou-2020.chromium.pdf"));

// An amount in a prose paragraph, a word of its own.
TEST(SpanBoxCases, AmountInProse) {
  const std::string path = pdf_path("qinghe-wenlv-2022.pdf");
  const Document doc = read_or_fail(path);
  const SourceSpan s = span_of(doc, "调整后预算", "1836.50");
  const auto words = pdftotext_words(path);  // w points into it
  const Word* w = expect_in_word(words.at(s.page), s);
  ASSERT_NE(w, nullptr);
  EXPECT_EQ(w->text, "1836.50");
  // With its unit, the next word: one box around both.
  const SourceSpan with_unit = span_of(doc, "调整后预算", "1836.50 万元");
  EXPECT_NEAR(with_unit.box.x0, s.box.x0, 0.01);
  EXPECT_GT(with_unit.box.x1, s.box.x1 + 20);
}

// A figure that ends a long word ("2.支出预算。按用途分，3428.60"): its own box,
// flush with the word's end, much narrower than the word.
TEST(SpanBoxCases, FigureInsideALongerWord) {
  const std::string path = pdf_path("lanxi-nongye-2021.pdf");
  const Document doc = read_or_fail(path);
  const SourceSpan s = span_of(doc, "按用途分", "3428.60");
  const auto words = pdftotext_words(path);  // w points into it
  const Word* w = expect_in_word(words.at(s.page), s);
  ASSERT_NE(w, nullptr);
  EXPECT_NE(w->text, s.text);
  EXPECT_LT(s.box.x1 - s.box.x0, 0.5 * (w->box.x1 - w->box.x0));
  // The characters before it: the rest of the word, up to the figure.
  const SourceSpan before = span_of(doc, "按用途分", "按用途分，");
  EXPECT_NEAR(before.box.x1, s.box.x0, 0.5);
}

// A paragraph line joined from several printed lines: a figure on its second
// printed line is boxed there, below the line's first words.
TEST(SpanBoxCases, FigureOnAJoinedParagraphLine) {
  const std::string path = pdf_path("qinghe-wenlv-2022.pdf");
  const Document doc = read_or_fail(path);
  const auto words = pdftotext_words(path);
  std::size_t checked = 0;
  for (std::size_t i = 0; i < doc.lines.size(); ++i) {
    if (doc.line_text(i).find('\t') != std::string_view::npos) continue;  // a table row
    const SourceSpan first = doc.span(i, 0, 3);  // the line's first character
    if (first.box.empty()) continue;
    for (const SourceSpan& f : figures_of_line(doc, i)) {
      if (f.box.y0 < first.box.y1) continue;  // on the line's first printed line
      expect_in_word(words.at(f.page), f);
      ++checked;
    }
  }
  EXPECT_GT(checked, 3u) << "no figure on a joined paragraph line";
}

// The boxes are the Document's, not the line's: cutting long lines into
// pieces keeps every span's box.
TEST(SpanBoxCases, CutLinesKeepTheirBoxes) {
  const std::string path = pdf_path("qinghe-wenlv-2022.pdf");
  Document doc = read_or_fail(path);
  const std::vector<SourceSpan> before = figures(doc);
  extract::cut_long_lines(doc, 64);
  std::size_t matched = 0;
  for (std::size_t i = 0; i < doc.lines.size(); ++i)
    for (const SourceSpan& b : before) {
      if (b.begin < doc.lines[i].begin || b.end > doc.lines[i].end) continue;
      const SourceSpan s = doc.span(i, b.begin - doc.lines[i].begin, b.end - doc.lines[i].begin);
      EXPECT_EQ(s.box.x0, b.box.x0);
      EXPECT_EQ(s.box.y0, b.box.y0);
      EXPECT_EQ(s.box.x1, b.box.x1);
      EXPECT_EQ(s.box.y1, b.box.y1);
      ++matched;
    }
  // A cut falls between figures but where no mark is near (never here, in fact) inside one.
  EXPECT_GE(matched * 10, before.size() * 9);
}

// Text input: no page to box anything on.
TEST(SpanBoxCases, TextInputHasNoBoxes) {
  const Document doc = read_or_fail(testing::source_path("samples/qinghe-wenlv-2022.txt"));
  EXPECT_TRUE(doc.places.empty());
  const std::vector<SourceSpan> all = figures(doc);
  ASSERT_GT(all.size(), 50u);
  for (const SourceSpan& s : all) EXPECT_TRUE(s.box.empty()) << describe(s);
  const auto analyzed = testing::analyze_or_fail(testing::source_path("samples/qinghe-wenlv-2022-errors.txt"));
  for (const auto& f : analyzed.report.findings)
    for (const SourceSpan& s : f.spans) EXPECT_TRUE(s.box.empty()) << describe(s);
}

// The same through the readers (normalize/ maps its spans back to the
// Document's): a finding's figures on a PDF are boxed, each within its words.
TEST(SpanBoxCases, FindingSpansAreBoxed) {
  const std::string path = pdf_path("qinghe-wenlv-2022-errors.pdf");
  const auto analyzed = testing::analyze_or_fail(path);
  const auto words = pdftotext_words(path);
  std::size_t boxed = 0, checked = 0;
  for (const auto& f : analyzed.report.findings)
    for (const SourceSpan& s : f.spans) {
      EXPECT_FALSE(s.box.empty()) << f.rule << ": " << describe(s);
      ++boxed;
      // A figure (no space in it): within the word that holds it.
      if (s.text.empty() || s.text.find_first_of(" \t") != std::string::npos || s.text.size() > 24) continue;
      expect_in_word(words.at(s.page), s);
      ++checked;
    }
  EXPECT_GT(boxed, 3u);
  EXPECT_GT(checked, 0u);
}

// Part of a word by its character edges; the whole word without them.
TEST(SpanBoxCases, NarrowCutsAWordAtItsEdges) {
  const std::string text = "执行率95.3%";  // 3 CJK characters (9 bytes), then 5 ASCII
  extract::TextPlace p{0, text.size(), Box{100, 10, 160, 22}, {100, 112, 124, 136, 140, 144, 148, 152, 160}};
  const Box figure = extract::narrow(p, text, 9, text.size());
  EXPECT_DOUBLE_EQ(figure.x0, 136);
  EXPECT_DOUBLE_EQ(figure.x1, 160);
  EXPECT_DOUBLE_EQ(figure.y0, 10);
  EXPECT_DOUBLE_EQ(figure.y1, 22);
  const Box middle = extract::narrow(p, text, 3, 6);  // 行
  EXPECT_DOUBLE_EQ(middle.x0, 112);
  EXPECT_DOUBLE_EQ(middle.x1, 124);
  EXPECT_TRUE(extract::narrow(p, text, 20, 30).empty());
  p.edges.clear();
  EXPECT_DOUBLE_EQ(extract::narrow(p, text, 9, 12).x0, 100);
  p.edges = {100, 160};  // edges that do not match the characters: the whole word
  EXPECT_DOUBLE_EQ(extract::narrow(p, text, 9, 12).x1, 160);
}

// Layout carries the edges of hand-made words into the Document's spans,
// through a paragraph join and a joined line's shifted offsets.
TEST(SpanBoxCases, LayoutCarriesEdgesIntoSpans) {
  extract::PageBoxes page;
  page.width = 600;
  page.height = 800;
  // Two printed lines of a paragraph: the first runs to the right margin.
  extract::TextBox a{"预算执行率95%", 100, 200, 500, 212, 12, false, {}};
  a.edges = {100, 112, 124, 136, 148, 160, 166, 172, 500};  // 5 CJK, "9", "5", "%" (stretched)
  extract::TextBox b{"合计12万元", 100, 220, 160, 232, 12, false, {}};
  b.edges = {100, 112, 124, 130, 136, 148, 160};
  page.boxes = {a, b};
  extract::Layout layout = extract::lay_out_document({page});
  ASSERT_EQ(layout.lines.size(), 1u) << "the paragraph lines were not joined";
  Document doc = extract::make_paged_document("t.pdf", "pdf", "PDF", "", 1, std::move(layout.lines));
  const std::string_view line = doc.line_text(0);
  const std::size_t at = line.find("12");
  ASSERT_NE(at, std::string_view::npos);
  const SourceSpan s = doc.span(0, at, at + 2);
  EXPECT_DOUBLE_EQ(s.box.x0, 124);
  EXPECT_DOUBLE_EQ(s.box.x1, 136);
  EXPECT_DOUBLE_EQ(s.box.y0, 220);
  const std::size_t pct = line.find("95%");
  const SourceSpan r = doc.span(0, pct, pct + 3);  // "95%": its own box, the last character stretched
  EXPECT_DOUBLE_EQ(r.box.x0, 160);
  EXPECT_DOUBLE_EQ(r.box.x1, 500);
  EXPECT_DOUBLE_EQ(r.box.y1, 212);
  const SourceSpan both = doc.span(0, pct, pct + 4);  // and the first byte of 合, below: one box around both
  EXPECT_DOUBLE_EQ(both.box.x0, 100);
  EXPECT_DOUBLE_EQ(both.box.x1, 500);
  EXPECT_DOUBLE_EQ(both.box.y0, 200);
  EXPECT_DOUBLE_EQ(both.box.y1, 232);
}

// An OCR'd word's per-character confidences reach the Document: the least
// of a range's characters, -1 for print or for confidences that are not the
// word's characters.
TEST(SpanBoxCases, LayoutCarriesOcrConfidencesIntoTheDocument) {
  extract::PageBoxes page;
  page.width = 600;
  page.height = 800;
  extract::TextBox scanned{"文物巡查材盖率", 100, 200, 184, 212, 12, false, {}};
  scanned.reading = extract::Reading::kOcr;
  scanned.confidence = 30;
  scanned.confidences = {96, 97, 95, 94, 30, 90, 98};
  extract::TextBox printed{"合计", 100, 300, 124, 312, 12, false, {}};
  page.boxes = {scanned, printed};
  extract::Layout layout = extract::lay_out_document({page});
  Document doc = extract::make_paged_document("t.pdf", "pdf", "PDF", "", 1, std::move(layout.lines));
  const std::size_t begin = doc.text.find("文物");
  const std::size_t total = doc.text.find("合计");
  ASSERT_NE(begin, std::string::npos);
  ASSERT_NE(total, std::string::npos);
  EXPECT_FLOAT_EQ(doc.least_confidence(begin, begin + 12), 94);       // 文物巡查
  EXPECT_FLOAT_EQ(doc.least_confidence(begin + 9, begin + 15), 30);   // 查材
  EXPECT_FLOAT_EQ(doc.least_confidence(begin + 15, begin + 21), 90);  // 盖率
  EXPECT_FLOAT_EQ(doc.least_confidence(total, total + 6), -1);  // print
  EXPECT_FLOAT_EQ(doc.least_confidence(begin + 15, total + 6), 90);  // print has none to give
  extract::TextPlace wrong{0, 6, Box{0, 0, 10, 10}, {}, extract::Reading::kOcr, {50}};
  EXPECT_FLOAT_EQ(extract::least_confidence(wrong, "合计", 0, 6), -1);  // one confidence for two characters
}

}  // namespace
}  // namespace jixiao
