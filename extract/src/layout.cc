// Page layout: the word boxes of each page into the lines of a Document. Rows
// are grouped by vertical overlap; running titles and page numbers in the
// margins are dropped; paragraph lines that run to the right margin are joined
// to the next. Tables are read where they stand: ruled ones by lattice.cc (the
// grid the page draws), the rest by stream.cc (how their words line up), and
// both are written as Tables whose rows are also lines (ruled_writer.h).
// Every word written into a line keeps its place there (TextPlace: its bytes,
// its box and its characters' edges), so a span of the Document can be boxed
// on its page; a paragraph joined across a page break keeps only the places
// on its line's page.

#include "jixiao/extract/layout.h"

#include <re2/re2.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <optional>

#include "jixiao/extract/lattice.h"
#include "jixiao/extract/text_tables.h"
#include "jixiao/extract/utf8.h"
#include "ruled_writer.h"
#include "stream.h"
#include "words.h"

namespace jixiao::extract {
namespace {

using detail::join;
using detail::Row;
using detail::squeeze;

// The rows of a page, leaving out the boxes a ruled table took (`taken`).
std::vector<Row> rows_of(const PageBoxes& page, const std::vector<bool>& taken) {
  std::vector<const TextBox*> boxes;
  for (std::size_t i = 0; i < page.boxes.size(); ++i)
    if (!page.boxes[i].text.empty() && !taken[i]) boxes.push_back(&page.boxes[i]);
  return detail::group_rows(std::move(boxes));
}


}  // namespace

bool starts_outline_item(const std::string& text) {
  // 一、 （一） 1. 1、 （1） ①: the numbering of headings and list items.
  static const RE2 kOutline(
      R"(^\s*(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)]|[0-9]{1,2}[.．、](?:[^0-9]|$)|[（(][0-9]{1,2}[）)]|[①-⑳]))");
  return RE2::PartialMatch(text, kOutline);
}

namespace {

// The dashes a page number stands between ("— 7 —"), and the ideograph 一
// OCR reads them as.
constexpr std::string_view kPageNumberDashes[] = {"-", "－", "—", "–", "―", "─", "一"};
// A page number's frame as OCR reads it holds at most this many characters
// besides the number, and at least two of them are dashes.
constexpr int kMaxFrameChars = 4;

// "一7了一" on page 7: page `page`'s number between two dashes, as OCR reads
// them with a speck beside. The number must be the page's own: a short line
// with another number ("一、2023") is not its page number.
bool is_framed_page_number(const std::string& text, int page) {
  static const RE2 kFramed(R"(\s*(\D*?)\s*([0-9]{1,4})\s*(\D*?)\s*)");
  std::string before, number, after;
  if (page <= 0 || !RE2::FullMatch(text, kFramed, &before, &number, &after) || number != std::to_string(page))
    return false;
  const std::string frame = before + after;
  int chars = 0, dashes = 0;
  for (std::size_t i = 0; i < frame.size(); ++chars) {
    std::size_t len = 1;
    while (i + len < frame.size() && is_utf8_continuation(frame[i + len])) ++len;
    const std::string_view c(frame.data() + i, len);
    if (c == " ") --chars;
    dashes += std::find(std::begin(kPageNumberDashes), std::end(kPageNumberDashes), c) != std::end(kPageNumberDashes);
    i += len;
  }
  return dashes >= 2 && chars <= kMaxFrameChars;
}

}  // namespace

bool is_margin_page_number(const std::string& text, int page) {
  // The forms a text file prints (text_tables.h), and, in a page's margin, a
  // bare number: there it can only be the page's.
  static const RE2 kBare(R"(\s*[0-9]{1,4}\s*)");
  return is_page_number_line(std::string_view(text)) || RE2::FullMatch(text, kBare) ||
         is_framed_page_number(text, page);
}

namespace {

}  // namespace

Layout lay_out_document(const std::vector<PageBoxes>& pages) {
  // First pass: every page's rows; remember what stands at the top and bottom of pages.
  struct PageRows {
    const PageBoxes* page;
    std::vector<Row> rows;
    std::vector<RuledTable> ruled;
  };
  std::vector<PageRows> laid;
  std::map<std::string, int> margin_text;  // squeezed text of top/bottom rows -> pages it appears on
  for (const PageBoxes& page : pages) {
    PageRows pr{&page, {}, find_ruled_tables(page)};
    std::vector<bool> taken(page.boxes.size(), false);
    for (const RuledTable& t : pr.ruled)
      for (std::size_t i : t.boxes) taken[i] = true;
    pr.rows = rows_of(page, taken);
    for (const Row& r : pr.rows) {
      const bool in_margin = r.y1 < 0.1 * page.height || r.y0 > 0.9 * page.height;
      if (in_margin) ++margin_text[squeeze(join(r))];
    }
    laid.push_back(std::move(pr));
  }
  const int repeat_threshold = std::max(2, static_cast<int>(pages.size()) / 2);

  Layout layout;
  std::vector<LaidOutLine>& out = layout.lines;
  detail::RuledWriter ruled(layout);
  std::optional<detail::StreamTable> table;  // the stream table being read (stream.h)
  std::size_t table_index = 0;       // its Table in layout.tables
  bool table_open = false;           // its last row so far is no subtotal: a cell may go on
  auto end_table = [&]() { table.reset(); };
  // Paragraph lines run to the right margin and go on at the left one: joined
  // (CJK text has no spaces to put between them).
  double prev_x1 = 0;
  bool prev_joinable = false;
  for (const PageRows& pr : laid) {
    const double h = pr.page->height;
    const int page = pr.page->number;
    std::vector<const Row*> body;
    bool continuation = table.has_value() && table_open;
    // The body rows gathered on this page become grid rows of the table; the
    // rows' lines get their text when the layout is finished (ruled_writer.h).
    auto flush = [&]() {
      if (table && !body.empty()) {
        detail::StreamRows rows = detail::read_stream_rows(*table, body, continuation, page, table_open);
        Table& t = layout.tables[table_index];
        for (TableCell& cell : rows.cells) {
          cell.row += t.rows;
          t.cells.push_back(std::move(cell));
        }
        for (int r = 0; r < rows.rows; ++r) {
          t.row_lines.push_back(out.size());
          out.push_back(LaidOutLine{page, "", Reading::kAlignedColumns});
        }
        t.rows += rows.rows;
        t.last_page = page;
      }
      body.clear();
    };
    ruled.page_begins();
    std::size_t next_ruled = 0;
    // A ruled table stands where its frame begins; the stream table or
    // paragraph before it ends there.
    auto emit_ruled_above = [&](double y) {
      for (; next_ruled < pr.ruled.size() && pr.ruled[next_ruled].box.y0 <= y; ++next_ruled) {
        flush();
        if (table) end_table();
        prev_joinable = false;
        ruled.emit(pr.ruled[next_ruled], page);
      }
    };
    double left = 1e300, right = 0;  // the page's text margins
    for (const Row& r : pr.rows)
      for (const TextBox* b : r.boxes) {
        left = std::min(left, b->x0);
        right = std::max(right, b->x1);
      }
    for (std::size_t ri = 0; ri < pr.rows.size(); ++ri) {
      const Row& r = pr.rows[ri];
      std::vector<TextPlace> places;
      const std::string text = join(r, detail::Gaps::kColumns, &places);
      const bool in_margin = r.y1 < 0.1 * h || r.y0 > 0.9 * h;
      if (in_margin && (is_margin_page_number(text, page) || margin_text[squeeze(text)] >= repeat_threshold)) continue;
      emit_ruled_above(r.y0);
      ruled.content();
      if (table) {
        if (squeeze(text) == table->header_key) continue;  // the header repeated on a new page
        // The table ends at a row that reads like a paragraph, after its total
        // row, or after a gap no row of a table leaves.
        const Row* last = body.empty() ? nullptr : body.back();
        const bool after_total = last && detail::is_total_row(*last);
        const bool gap = last && detail::table_gap(*last, r);
        if (detail::fits(*table, r) && !after_total && !gap) {
          body.push_back(&r);
          continue;
        }
        flush();
        end_table();
      }
      if (auto header = detail::stream_header(pr.rows, ri)) {
        table = std::move(header);
        table_open = false;
        continuation = false;
        prev_joinable = false;
        Table t = detail::stream_header_table(*table, page);
        t.row_lines.push_back(out.size());
        out.push_back(LaidOutLine{page, ""});
        table_index = layout.tables.size();
        layout.tables.push_back(std::move(t));
        continue;
      }
      double x0 = 1e300, x1 = 0;
      for (const TextBox* b : r.boxes) {
        x0 = std::min(x0, b->x0);
        x1 = std::max(x1, b->x1);
      }
      const double em = r.boxes.empty() ? 10 : std::max(1.0, r.boxes.front()->font_size);
      const bool starts_at_margin = x0 - left < 1.5 * em;
      // "预算单位：…", "委托单位：…": a label line is never a paragraph's continuation.
      const std::size_t colon = text.find("：");
      const bool label_line = colon != std::string::npos && colon <= 6 * 3;
      if (prev_joinable && starts_at_margin && !label_line && !starts_outline_item(text) &&
          text.find('\t') == std::string::npos && !out.empty()) {
        // A paragraph that goes on from the page before keeps only the
        // places on its line's page: the others' glyphs are not there.
        if (out.back().page == page)
          detail::append_shifted(out.back().places, std::move(places), out.back().text.size());
        out.back().text += text;
      } else {
        out.push_back(LaidOutLine{page, text, Reading::kExact, std::move(places)});
      }
      prev_x1 = x1;
      // A paragraph line starts at the margin or its first-line indent and runs to the right margin.
      prev_joinable = text.find('\t') == std::string::npos && right - prev_x1 < 2.5 * em && x0 - left < 3.5 * em;
    }
    flush();
    emit_ruled_above(1e300);
    prev_joinable = prev_joinable && !table;
  }
  if (table) end_table();
  ruled.finish();
  return layout;
}

std::vector<LaidOutLine> lay_out(const std::vector<PageBoxes>& pages) { return lay_out_document(pages).lines; }

}  // namespace jixiao::extract
