// Tables in text files. A text file draws its tables with separators (tabs,
// pipes), with columns of words aligned by runs of spaces, or flattens them
// one cell per line, and page furniture (page numbers, form feeds, a running
// title) may stand between any two of their rows. The readers above want one
// model whatever the layout, the grid of cells of table.h, so this file finds
// each table as a block of lines, splits its lines into cells and decides the
// columns: the separators, or for aligned text the gaps that no row's words
// cross, measured in display width (a CJK character is two columns wide).
// Then it repairs what plain text loses. A label cell left empty because it
// is "the same as above" becomes a row span of the cell above. A long name
// wrapped over several lines is joined to the one line that carries the
// row's values, whichever line that is: for each run of lines between lines
// that cannot take a continuation (the header, a subtotal row, the table's
// end), a small dynamic programme picks the partition into rows that best
// fits how the name column wraps (a line ends short only where its name
// ends) and one vertical alignment for the whole table (values on the first,
// the middle or the last line of a name). Where the layout leaves a tie, the
// rest of the document breaks it: the reading whose joined names the
// document prints whole elsewhere (the narrative discusses each row under its
// full name) is preferred. A row that another reading fitting as well would
// still read otherwise (another partition of its run, another alignment of
// the table) is marked as a repaired wrap, so that a figure read from it can
// never carry an error finding; every other join stays exact.
//
// Everything is linear in the document: each line is split once, each
// candidate block is scanned once, and a join looks at most kMaxGroup lines
// back. Nothing is deleted: furniture lines keep their line numbers and are
// only flagged.

#include "jixiao/extract/text_tables.h"

#include <re2/re2.h>
#include <re2/set.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdint>
#include <cstdlib>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <unordered_map>
#include <utility>

namespace jixiao::extract {
namespace {

// ---- characters --------------------------------------------------------------

struct Utf8 {
  char32_t cp;
  std::size_t len;
};

// The code point at byte i (a stray byte reads as U+FFFD, one byte long).
Utf8 decode_at(std::string_view s, std::size_t i) {
  const unsigned char c = static_cast<unsigned char>(s[i]);
  std::size_t len = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 1;
  if (i + len > s.size()) len = 1;
  if (len == 1) return {c < 0x80 ? char32_t{c} : char32_t{0xFFFD}, 1};
  char32_t cp = len == 2 ? (c & 0x1F) : len == 3 ? (c & 0x0F) : (c & 0x07);
  for (std::size_t k = 1; k < len; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
  return {cp, len};
}

struct CodeRange {
  char32_t first, last;
};

// East Asian Wide and Fullwidth characters: two columns of a monospaced line.
constexpr CodeRange kWideRanges[] = {
    {0x1100, 0x115F}, {0x2E80, 0x303E}, {0x3041, 0x33FF},   {0x3400, 0x4DBF},   {0x4E00, 0x9FFF},
    {0xA000, 0xA4CF}, {0xAC00, 0xD7A3}, {0xF900, 0xFAFF},   {0xFE30, 0xFE4F},   {0xFF00, 0xFF60},
    {0xFFE0, 0xFFE6}, {0x20000, 0x2FFFD}, {0x30000, 0x3FFFD},
};

// Full-width forms of the ASCII that figures are written with (０-９, ．, ％,
// Ａ-Ｚ, ａ-ｚ): wide on screen, but a file may have put them in place of
// ASCII after its columns were aligned.
constexpr CodeRange kFigureForms[] = {{0xFF05, 0xFF05}, {0xFF0E, 0xFF0E}, {0xFF10, 0xFF19},
                                      {0xFF21, 0xFF3A}, {0xFF41, 0xFF5A}};

// Display columns of a character; `narrow_forms`: kFigureForms count one.
int char_width(char32_t cp, bool narrow_forms = false) {
  if (cp < 0x1100) return 1;
  if (narrow_forms)
    for (const CodeRange& r : kFigureForms)
      if (cp >= r.first && cp <= r.last) return 1;
  for (const CodeRange& r : kWideRanges)
    if (cp >= r.first && cp <= r.last) return 2;
  return 1;
}

struct BlankChar {
  std::string_view utf8;
  char32_t cp;
  int width;  // display columns
};
// Whitespace between cells: a form feed takes no column, an ideographic space two.
constexpr BlankChar kBlankChars[] = {{" ", ' ', 1},  {"\t", '\t', 1},          {"\f", '\f', 0},
                                     {"\v", '\v', 0}, {"\xE3\x80\x80", 0x3000, 2}, {"\xC2\xA0", 0xA0, 1}};

std::optional<int> blank_width(char32_t cp) {
  for (const BlankChar& b : kBlankChars)
    if (b.cp == cp) return b.width;
  return std::nullopt;
}

// Which bytes start (end) a character of kBlankChars: most bytes are
// rejected at once.
constexpr std::array<bool, 256> blank_bytes(bool last) {
  std::array<bool, 256> out{};
  for (const BlankChar& b : kBlankChars) out[static_cast<unsigned char>(last ? b.utf8.back() : b.utf8.front())] = true;
  return out;
}
constexpr std::array<bool, 256> kBlankFirst = blank_bytes(false), kBlankLast = blank_bytes(true);

// The length of the whitespace character that starts at s[i] (or, `back`,
// ends just before s[i]), or 0. Byte by byte: this runs on every cell.
std::size_t blank_at(std::string_view s, std::size_t i, bool back) {
  const unsigned char c = static_cast<unsigned char>(s[back ? i - 1 : i]);
  if (!(back ? kBlankLast : kBlankFirst)[c]) return 0;
  for (const BlankChar& b : kBlankChars) {
    const std::size_t n = b.utf8.size();
    const bool here = back ? i >= n && s[i - 1] == b.utf8.back() && s.substr(i - n, n) == b.utf8
                           : s[i] == b.utf8.front() && s.substr(i, n) == b.utf8;
    if (here) return n;
  }
  return 0;
}

// [begin, end) of s[begin, end) without surrounding whitespace.
std::pair<std::size_t, std::size_t> trim_range(std::string_view s, std::size_t begin, std::size_t end) {
  while (begin < end) {
    const std::size_t n = blank_at(s, begin, false);
    if (n == 0 || begin + n > end) break;
    begin += n;
  }
  while (end > begin) {
    const std::size_t n = blank_at(s, end, true);
    if (n == 0 || end - n < begin) break;
    end -= n;
  }
  return {begin, end};
}

std::string_view trimmed(std::string_view s) {
  const auto [b, e] = trim_range(s, 0, s.size());
  return s.substr(b, e - b);
}

int display_width(std::string_view s) {
  int w = 0;
  for (std::size_t i = 0; i < s.size();) {
    const Utf8 u = decode_at(s, i);
    const std::optional<int> blank = blank_width(u.cp);
    w += blank ? *blank : char_width(u.cp);
    i += u.len;
  }
  return w;
}

int code_points(std::string_view s) {
  int n = 0;
  for (char c : s) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80 ? 1 : 0;
  return n;
}

bool contains_any(std::string_view s, std::span<const std::string_view> needles) {
  return std::any_of(needles.begin(), needles.end(),
                     [&](std::string_view n) { return s.find(n) != std::string_view::npos; });
}

// ---- what a cell holds -------------------------------------------------------

enum class CellKind { kEmpty, kNumber, kDash, kText };

// A dash, a slash or a cross alone in a value cell means "none".
constexpr std::string_view kDashes[] = {"-", "--", "—", "——", "–", "－", "―", "/", "／", "\\", "×"};
constexpr std::string_view kSigns[] = {"+", "-", "＋", "－", "−"};
// What may follow a figure in its cell.
constexpr std::string_view kValueSuffixes[] = {"%", "％", "‰", "分"};
// Punctuation of running text: a cell holding one is not a heading.
constexpr std::string_view kSentenceMarks[] = {"。", "；", ";", "！", "？", "：", ":", "，", ","};
constexpr std::string_view kFullStop[] = {"。"};

// The digit at s[i] (ASCII or full width), as its byte length, or 0.
std::size_t digit_at(std::string_view s, std::size_t i) {
  if (s[i] >= '0' && s[i] <= '9') return 1;
  if (i + 2 < s.size() && s[i] == '\xEF' && s[i + 1] == '\xBC' && static_cast<unsigned char>(s[i + 2]) >= 0x90 &&
      static_cast<unsigned char>(s[i + 2]) <= 0x99)
    return 3;
  return 0;
}

// A figure: sign, digits with thousands commas and one decimal point (ASCII
// or full width), then perhaps a unit of kValueSuffixes.
bool is_number(std::string_view s) {
  for (std::string_view sign : kSigns)
    if (s.starts_with(sign)) {
      s.remove_prefix(sign.size());
      break;
    }
  for (std::string_view suffix : kValueSuffixes)
    if (s.ends_with(suffix)) {
      s.remove_suffix(suffix.size());
      break;
    }
  s = trimmed(s);
  int digits = 0;
  bool point = false, last_digit = false;
  for (std::size_t i = 0; i < s.size();) {
    if (const std::size_t d = digit_at(s, i)) {
      ++digits;
      last_digit = true;
      i += d;
      continue;
    }
    const std::size_t dot = s[i] == '.' ? 1 : s.substr(i, 3) == "．" ? 3 : 0;
    if (dot && !point && last_digit) {
      point = true;
    } else if (!(s[i] == ',' && last_digit && !point)) {
      return false;
    }
    last_digit = false;
    i += dot ? dot : 1;
  }
  return digits > 0 && last_digit;
}

CellKind classify(std::string_view cell) {
  cell = trimmed(cell);
  if (cell.empty()) return CellKind::kEmpty;
  if (std::find(std::begin(kDashes), std::end(kDashes), cell) != std::end(kDashes)) return CellKind::kDash;
  return is_number(cell) ? CellKind::kNumber : CellKind::kText;
}

constexpr int kMaxHeadingCodePoints = 20;

// A header cell: short words, no figure, no sentence punctuation.
bool is_heading(std::string_view cell) {
  cell = trimmed(cell);
  return classify(cell) == CellKind::kText && code_points(cell) <= kMaxHeadingCodePoints &&
         !contains_any(cell, kSentenceMarks);
}

constexpr int kProseCodePoints = 30;

// A sentence of running text rather than a cell.
bool is_prose(std::string_view text) {
  text = trimmed(text);
  return code_points(text) > kProseCodePoints && contains_any(text, kFullStop);
}

// Outline numbering at the start of a name (一、 （一） 1. （1） ①): the
// line starts an item, it does not continue the one above.
bool starts_enumerated(std::string_view piece) {
  if (piece.empty() || (static_cast<unsigned char>(piece[0]) < 0x80 && !std::isdigit(static_cast<unsigned char>(piece[0])) &&
                        piece[0] != '('))
    return false;
  static const RE2 kEnumerated(
      R"(^(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十0-9]+[)）]|[0-9]+[、．]|[0-9]+\.(?:[^0-9]|$)|[①-⑳]|第[一二三四五六七八九十]+))");
  return RE2::PartialMatch(piece, kEnumerated);
}

// "(12分)" alone: the end of a label wrapped onto the next row.
bool is_bracketed_score(std::string_view cell) {
  static const RE2 kBracketed(R"([（(]\s*[0-9０-９]+(?:[.．][0-9０-９]+)?\s*分?\s*[)）])");
  return RE2::FullMatch(trimmed(cell), kBracketed);
}

// The first unit a wrapping line break would not split: a bracketed group, a
// run of digits and letters, or one character.
std::string_view first_unit(std::string_view s) {
  if (s.empty()) return s;
  for (auto [open, close] : {std::pair<std::string_view, std::string_view>{"（", "）"}, {"(", ")"}}) {
    if (!s.starts_with(open)) continue;
    const std::size_t end = s.find(close, open.size());
    if (end != std::string_view::npos) return s.substr(0, end + close.size());
  }
  std::size_t n = 0;
  while (n < s.size() && (std::isalnum(static_cast<unsigned char>(s[n])) || s[n] == '.' || s[n] == '%')) ++n;
  return s.substr(0, n > 0 ? n : decode_at(s, 0).len);
}

// ---- page furniture ----------------------------------------------------------

struct PageNumberForm {
  std::string_view pattern;  // matched against the whole trimmed line
  bool ordered;              // "n/m": only when n <= m
};
constexpr PageNumberForm kPageNumberForms[] = {
    {R"([-－—–―─]+\s*[0-9０-９]+\s*[-－—–―─]+)", false},                                   // — 12 —  - 3 -
    {R"(一\s*[0-9０-９]+\s*一)", false},  // — 3 — as OCR reads it: the dash as the ideograph 一, alone beside a figure
    {R"(第\s*[0-9０-９]+\s*页(?:\s*[,，、/／]?\s*共\s*[0-9０-９]+\s*页)?)", false},              // 第 3 页 共 8 页
    {R"(共\s*[0-9０-９]+\s*页\s*[,，、/／]?\s*第\s*[0-9０-９]+\s*页)", false},                   // 共 8 页 第 3 页
    {R"(第\s*[一二三四五六七八九十百零〇]+\s*页(?:\s*[,，、/／]?\s*共\s*[一二三四五六七八九十百零〇]+\s*页)?)", false},  // 第十二页
    {R"([0-9]{1,4}\s*/\s*[0-9]{1,4})", true},                                            // 3/20
    {R"((?i:page)\s*[0-9]+(?:\s*(?:(?i:of)|/)\s*[0-9]+)?)", false},                        // Page 3 of 8
};

class PageNumbers {
 public:
  PageNumbers() : set_(RE2::Options(), RE2::ANCHOR_BOTH) {
    for (const PageNumberForm& f : kPageNumberForms) set_.Add(f.pattern, nullptr);
    set_.Compile();
  }
  bool match(std::string_view line) const {
    std::vector<int> hits;
    if (!set_.Match(line, &hits)) return false;
    return std::any_of(hits.begin(), hits.end(), [&](int h) {
      return !kPageNumberForms[static_cast<std::size_t>(h)].ordered || ordered_fraction(line);
    });
  }

 private:
  static bool ordered_fraction(std::string_view line) {
    const std::size_t slash = line.find('/');
    auto number = [](std::string_view s) {
      int v = 0;
      for (char c : trimmed(s))
        if (c >= '0' && c <= '9') v = v * 10 + (c - '0');
      return v;
    };
    const int n = number(line.substr(0, slash)), m = number(line.substr(slash + 1));
    return n >= 1 && n <= m;
  }
  RE2::Set set_;
};

constexpr std::size_t kMaxPageNumberBytes = 64;

// The whole of `t` (trimmed) is a page number.
bool page_number(std::string_view t) {
  static const PageNumbers kForms;
  if (t.empty() || t.size() > kMaxPageNumberBytes || t.find('\t') != std::string_view::npos) return false;
  // Every form holds a digit or 页: most lines need no regular expression.
  const bool digit = std::any_of(t.begin(), t.end(), [](char c) { return c >= '0' && c <= '9'; }) ||
                     t.find("\xEF\xBC") != std::string_view::npos || t.find("页") != std::string_view::npos;
  return digit && kForms.match(t);
}

constexpr int kTitleRepeats = 3;       // a running title stands on at least this many pages
constexpr int kTitleBesidePages = 2;   // ... and at least this often beside a page break
constexpr int kNearLines = 2;          // "beside": within this many non-blank lines
constexpr int kTitleMinCodePoints = 4, kTitleMaxCodePoints = 60;

bool title_like(std::string_view t) {
  if (t.size() > 4 * kTitleMaxCodePoints) return false;
  const int n = code_points(t);
  if (n < kTitleMinCodePoints || n > kTitleMaxCodePoints || t.find('\t') != std::string_view::npos) return false;
  if (classify(t) != CellKind::kText) return false;
  int letters = 0;
  for (std::size_t i = 0; i < t.size();) {
    const Utf8 u = decode_at(t, i);
    letters += (u.cp >= 0x4E00 && u.cp <= 0x9FFF) || (u.cp < 0x80 && std::isalpha(static_cast<int>(u.cp))) ? 1 : 0;
    i += u.len;
  }
  return letters >= 2;
}

// Marks the running title: a short line repeated identically at least
// kTitleRepeats times, at least kTitleBesidePages times beside a page break.
// An occurrence before the first page break and away from it (the cover's
// title) stays text.
void mark_running_titles(Document& doc, const std::vector<char>& page_break) {
  std::vector<std::size_t> order;  // the non-blank lines
  for (std::size_t i = 0; i < doc.lines.size(); ++i)
    if (!trimmed(doc.line_text(i)).empty()) order.push_back(i);
  std::vector<char> near(doc.lines.size(), 0);
  for (std::size_t k = 0; k < order.size(); ++k) {
    if (!page_break[order[k]]) continue;
    const std::size_t from = k >= kNearLines ? k - kNearLines : 0;
    for (std::size_t d = from; d < order.size() && d <= k + kNearLines; ++d) near[order[d]] = 1;
  }
  const auto first_break = std::find(page_break.begin(), page_break.end(), 1) - page_break.begin();
  std::unordered_map<std::string_view, std::vector<std::size_t>> repeats;
  for (std::size_t i : order) {
    const std::string_view t = trimmed(doc.line_text(i));
    if (!doc.lines[i].furniture && title_like(t)) repeats[t].push_back(i);
  }
  for (const auto& [text, lines] : repeats) {
    if (static_cast<int>(lines.size()) < kTitleRepeats) continue;
    const auto beside = std::count_if(lines.begin(), lines.end(), [&](std::size_t i) { return near[i] != 0; });
    if (beside < kTitleBesidePages) continue;
    for (std::size_t i : lines)
      if (near[i] || static_cast<std::ptrdiff_t>(i) > first_break) doc.lines[i].furniture = true;
  }
}

// ---- lines and their cells -----------------------------------------------------

enum class LineKind { kBlank, kFurniture, kTab, kPipe, kRule, kSpaced, kSingle };

struct RawCell {
  std::size_t begin = 0, end = 0;  // bytes within the line, whitespace trimmed; begin == end: empty
  int x0 = 0, x1 = 0;              // display columns (spaced and single lines)
  int nx0 = 0, nx1 = 0;            // the same with full-width figures one column wide
  bool empty() const { return begin == end; }
};

struct LineInfo {
  LineKind kind = LineKind::kBlank;
  std::vector<RawCell> cells;  // tab and pipe lines: every cell, empty ones too
};

constexpr std::string_view kPipes[] = {"|", "｜", "│"};

std::vector<RawCell> split_tabs(std::string_view line) {
  std::vector<RawCell> cells;
  std::size_t start = 0;
  for (std::size_t i = 0; i <= line.size(); ++i) {
    if (i < line.size() && line[i] != '\t') continue;
    const auto [b, e] = trim_range(line, start, i);
    cells.push_back(RawCell{b, e});
    start = i + 1;
  }
  return cells;
}

std::size_t pipe_at(std::string_view line, std::size_t i) {
  for (std::string_view p : kPipes)
    if (line[i] == p.front() && line.substr(i, p.size()) == p) return p.size();
  return 0;
}

// Cells between pipes; the outer pipes of "| a | b |" open no cell.
std::vector<RawCell> split_pipes(std::string_view line) {
  if (!contains_any(line, kPipes)) return {};
  std::vector<RawCell> cells;
  std::size_t start = 0;
  bool any = false;
  for (std::size_t i = 0; i <= line.size();) {
    const std::size_t p = i < line.size() ? pipe_at(line, i) : 1;
    if (p == 0) {
      ++i;
      continue;
    }
    any = any || i < line.size();
    const auto [b, e] = trim_range(line, start, i);
    cells.push_back(RawCell{b, e});
    i += p;
    start = i;
  }
  if (!any) return {};
  const std::string_view whole = trimmed(line);
  const bool opening = !whole.empty() && pipe_at(whole, 0) > 0;
  const bool closing = std::any_of(std::begin(kPipes), std::end(kPipes), [&](std::string_view p) {
    return whole.ends_with(p);
  });
  if (!cells.empty() && cells.front().empty() && opening) cells.erase(cells.begin());
  if (!cells.empty() && cells.back().empty() && closing) cells.pop_back();
  return cells;
}

// |---|:--:| : the rule under a pipe table's header.
bool is_rule(std::string_view line, const std::vector<RawCell>& cells) {
  bool dash = false;
  for (const RawCell& c : cells)
    for (char ch : line.substr(c.begin, c.end - c.begin)) {
      if (ch != '-' && ch != ':' && ch != '=' && ch != '+' && ch != ' ') return false;
      dash = dash || ch == '-' || ch == '=';
    }
  return dash;
}

// Cells separated by whitespace at least two columns wide, with their display columns.
std::vector<RawCell> split_spaces(std::string_view line) {
  std::vector<RawCell> cells;
  RawCell cur;
  bool open = false;
  int x = 0, nx = 0;
  for (std::size_t i = 0; i < line.size();) {
    const Utf8 u = decode_at(line, i);
    if (blank_width(u.cp)) {
      std::size_t j = i;
      int w = 0;
      while (j < line.size()) {
        const Utf8 v = decode_at(line, j);
        const std::optional<int> bw = blank_width(v.cp);
        if (!bw) break;
        w += *bw;
        j += v.len;
      }
      if (open && (w >= 2 || j == line.size())) {
        cells.push_back(cur);
        open = false;
      }
      x += w;
      nx += w;
      i = j;
      continue;
    }
    if (!open) cur = RawCell{i, i, x, x, nx, nx};
    open = true;
    x += char_width(u.cp);
    nx += char_width(u.cp, true);
    i += u.len;
    cur.end = i;
    cur.x1 = x;
    cur.nx1 = nx;
  }
  if (open) cells.push_back(cur);
  return cells;
}

LineInfo read_line(std::string_view text, bool furniture) {
  LineInfo li;
  if (furniture) {
    li.kind = LineKind::kFurniture;
    return li;
  }
  if (trimmed(text).empty()) return li;
  if (text.find('\t') != std::string_view::npos) {
    li.kind = LineKind::kTab;
    li.cells = split_tabs(text);
    return li;
  }
  std::vector<RawCell> pipes = split_pipes(text);
  if (pipes.size() >= 2 || (pipes.size() == 1 && is_rule(text, pipes))) {
    li.kind = is_rule(text, pipes) ? LineKind::kRule : LineKind::kPipe;
    li.cells = std::move(pipes);
    return li;
  }
  li.cells = split_spaces(text);
  li.kind = li.cells.size() >= 2 ? LineKind::kSpaced : LineKind::kSingle;
  return li;
}

// ---- drafts: rows of physical lines, cells in columns --------------------------

// Where a piece of a cell's text stands: a line and a byte range in it.
struct Piece {
  std::size_t line = 0, begin = 0, end = 0;
  bool empty() const { return begin == end; }
};

// One physical line of a table, its cells by column.
struct LineRow {
  std::size_t line = 0;
  std::vector<Piece> slots;  // by column; an empty Piece is an empty cell
  std::vector<int> spans;    // header rows: columns each cell covers
  bool loose = false;        // a line without separators: one piece, its column unknown
};

struct Draft {
  TableSource source = TableSource::kDelimited;
  int cols = 0;
  int header_rows = 0;         // 0, 1 or 2
  std::vector<LineRow> rows;   // header rows first, then one body row per line
};

// A joined row: pieces of every line that makes it up.
struct GridRow {
  std::size_t line = 0;                   // the line that carries its values
  std::vector<std::vector<Piece>> cells;  // by column, top to bottom
  std::vector<int> spans;                 // header rows: columns each cell covers
  std::vector<std::size_t> lines;         // every line joined into it
  bool ambiguous = false;                 // joined by a guess
};

// Column types of a table body: a label column holds words, a value column figures.
struct Columns {
  std::vector<bool> label;  // by column
  bool any_values = false;
};

constexpr int kMaxBlankLines = 4;        // blank lines a delimited table runs on over (page breaks)
constexpr int kMaxSpacedBlankLines = 1;  // ... an aligned table
constexpr int kMaxLooseLines = 3;        // lines without separators between two rows
constexpr int kMaxLooseWidth = 40;       // display columns of such a line
constexpr int kToleranceRows = 8;        // an aligned table this long may have one line crossing a gap
constexpr int kMaxHeaderCells = 16;      // one-cell-per-line tables: widest header
constexpr int kMaxGroup = 8;             // lines one wrapped row may take

// ---- the finder -----------------------------------------------------------------

class TextTableFinder {
 public:
  explicit TextTableFinder(Document& doc) : doc_(doc) {
    info_.reserve(doc.lines.size());
    for (std::size_t i = 0; i < doc.lines.size(); ++i)
      info_.push_back(read_line(doc.line_text(i), doc.lines[i].furniture));
  }
  std::vector<Table> run();

 private:
  struct Block {
    std::vector<std::size_t> lines;  // rows and loose lines, in order
    std::size_t end = 0;             // one past the last line taken
  };

  std::string_view text(std::size_t line) const { return doc_.line_text(line); }
  std::string_view piece_text(const Piece& p) const { return text(p.line).substr(p.begin, p.end - p.begin); }
  int extent(std::size_t line) const;
  bool heading_row(std::size_t line) const;

  // blocks
  Block collect_delimited(std::size_t start) const;
  bool loose_between(std::size_t line, LineKind kind) const;
  Block collect_spaced(std::size_t start) const;
  bool spaced_loose(std::size_t line, const Block& block) const;
  std::size_t excess_separators(std::size_t line, int header_width) const;
  std::optional<Draft> draft_delimited(const Block& block) const;
  Draft spaced_in(const Block& block, bool narrow_forms, int& merged) const;
  std::optional<Draft> draft_spaced(const Block& block) const;
  std::optional<std::pair<Draft, std::size_t>> draft_cell_lines(std::size_t start) const;
  std::optional<LineRow> cell_row(std::size_t& j, int n) const;
  std::optional<Draft> rows_of_cells(const std::vector<std::size_t>& header, std::size_t from, int n,
                                     bool separated, std::size_t& end) const;

  // structure
  bool acceptable(const Draft& d) const;
  void find_header(Draft& d) const;
  void drop_repeated_headers(Draft& d) const;
  Columns column_types(const Draft& d) const;
  std::vector<GridRow> join_wraps(const Draft& d, const Columns& columns) const;
  TableCell make_cell(int row, std::size_t col, const std::vector<Piece>& pieces) const;
  bool continues_label(const GridRow& g, std::size_t c, const Columns& columns, const std::vector<int>& open) const;
  Table emit(const Draft& d, const Columns& columns, const std::vector<GridRow>& rows) const;
  std::optional<Table> finish(Draft d);

  Document& doc_;
  std::vector<LineInfo> info_;
};


// ---- wrapped names: the partition of a run of lines into rows ---------------------

enum class Align { kTop, kBottom, kMiddle };
constexpr Align kAligns[] = {Align::kTop, Align::kBottom, Align::kMiddle};  // preferred first on a tie

// One body line as the joiner sees it.
struct JoinLine {
  bool values = false;      // a figure (or a dash) in a value column
  std::string_view piece;   // its text in the wrap column
  bool enumerated = false;  // the piece starts with outline numbering
  bool ends = false;        // the piece ends its name: the next line's first word would have fitted
};

// The width the wrap column wraps at, in display columns and in characters.
struct WrapWidth {
  int columns = 0, chars = 0;
  // True when q's first unit would not have fitted after p: the break between them is a wrap.
  bool wrapped(std::string_view p, std::string_view q) const {
    const std::string_view u = first_unit(q);
    return display_width(p) + display_width(u) > columns || code_points(p) + code_points(u) > chars;
  }
};

// How well a reading fits the layout: lines left out of any row with values,
// then misfits, then rows whose joined name the rest of the document does not
// print (NameEvidence; counted only when the layout alone leaves a tie, and
// then in every reading alike, so that where the document names nothing all
// readings stay tied). Compared in that order.
struct Fit {
  int unjoined = 0, misfit = 0, unnamed = 0;
  auto operator<=>(const Fit&) const = default;
  Fit operator+(const Fit& o) const {
    return Fit{unjoined + o.unjoined, misfit + o.misfit, unnamed + o.unnamed};
  }
};

// What a reading costs: its fit, then a tie-break that is no evidence (the
// sum of the squared row heights: of two readings that fit the layout
// equally, the one with names of more even length).
struct Cost {
  Fit fit;
  int spread = 0;
  auto operator<=>(const Cost&) const = default;
  Cost operator+(const Cost& o) const { return Cost{fit + o.fit, spread + o.spread}; }
};

// ---- evidence from the rest of the document ----------------------------------

// True for a code point that continues a word: an ideograph, a letter or a digit.
bool word_char(char32_t cp) {
  if (cp < 0x80) return std::isalnum(static_cast<int>(cp)) != 0;
  return (cp >= 0x3400 && cp <= 0x4DBF) || (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0xF900 && cp <= 0xFAFF) ||
         (cp >= 0xFF10 && cp <= 0xFF19) || (cp >= 0xFF21 && cp <= 0xFF3A) || (cp >= 0xFF41 && cp <= 0xFF5A) ||
         cp >= 0x20000;
}

// Whether the document prints a name whole outside the table being read. A
// name wrapped in a table cell is very often printed whole elsewhere (the
// narrative discusses each row under its name, another table prints it on
// one line), so where the layout alone cannot tell which rows the pieces of
// a wrapped name belong to, the joining that gives names the document prints
// is the reading. An occurrence counts only with no word character on either
// side: a piece of a longer name is no evidence for the piece.
class NameEvidence {
 public:
  // `skip` is the byte range of Document::text the table itself stands in.
  NameEvidence(std::string_view text, std::pair<std::size_t, std::size_t> skip) : text_(text), skip_(skip) {}

  bool printed(std::string_view name) const {
    if (name.empty()) return false;
    const std::boyer_moore_horspool_searcher searcher(name.begin(), name.end());
    for (auto it = text_.begin();;) {
      it = std::search(it, text_.end(), searcher);
      if (it == text_.end()) return false;
      const std::size_t at = static_cast<std::size_t>(it - text_.begin());
      if ((at < skip_.first || at >= skip_.second) && bounded(at, at + name.size())) return true;
      ++it;
    }
  }

 private:
  bool bounded(std::size_t begin, std::size_t end) const {
    std::size_t before = begin;
    while (before > 0 && (static_cast<unsigned char>(text_[before - 1]) & 0xC0) == 0x80) --before;
    if (before > 0) --before;
    const bool open_before = begin == 0 || !word_char(decode_at(text_, before).cp);
    return open_before && (end >= text_.size() || !word_char(decode_at(text_, end).cp));
  }

  std::string_view text_;
  std::pair<std::size_t, std::size_t> skip_;
};

// The name lines [i, j) of a run give when joined: pieces of CJK text join
// without a space (TableCell::text), pieces of Latin text with one.
std::string joined_name(std::span<const JoinLine> run, std::size_t i, std::size_t j) {
  std::string name;
  for (std::size_t k = i; k < j; ++k) {
    const std::string_view p = trimmed(run[k].piece);
    if (p.empty()) continue;
    if (!name.empty() && std::isalnum(static_cast<unsigned char>(name.back())) &&
        std::isalnum(static_cast<unsigned char>(p.front())))
      name += ' ';
    name += p;
  }
  return name;
}

// For every group of lines [i, i + len) of a run with exactly one line of
// values (a row some partition may make), whether the document prints its
// joined name: named[i][len].
using RunNames = std::vector<std::array<bool, kMaxGroup + 1>>;

RunNames run_names(std::span<const JoinLine> run, const NameEvidence& evidence) {
  RunNames named(run.size());
  for (std::size_t i = 0; i < run.size(); ++i) {
    int values = 0;
    for (std::size_t len = 1; len <= kMaxGroup && i + len <= run.size(); ++len) {
      values += run[i + len - 1].values ? 1 : 0;
      if (values > 1) break;
      named[i][len] = values == 1 && evidence.printed(joined_name(run, i, i + len));
    }
  }
  return named;
}

bool fits_align(Align a, int before, int after) {
  switch (a) {
    case Align::kTop: return before == 0;
    case Align::kBottom: return after == 0;
    case Align::kMiddle: return before == (before + after) / 2;
  }
  return false;
}

// The cost of lines [i, j) of a run as one row, or nullopt when they cannot
// be one. `named`, when given, says which rows the document names elsewhere.
std::optional<Cost> group_cost(std::span<const JoinLine> run, std::size_t i, std::size_t j, Align align,
                               const RunNames* named) {
  int values_at = -1;
  Cost c;
  for (std::size_t k = i; k < j; ++k) {
    if (run[k].values) {
      if (values_at >= 0) return std::nullopt;
      values_at = static_cast<int>(k);
    }
    if (k > i && run[k].enumerated) return std::nullopt;
    // A line ends early only where its name ends: joining the next line to
    // it is a misfit. A full line says nothing: the name may go on or end there.
    if (k + 1 < j && run[k].ends) ++c.fit.misfit;
  }
  c.spread = static_cast<int>((j - i) * (j - i));
  if (values_at < 0) {
    c.fit.unjoined = static_cast<int>(j - i);
  } else {
    if (!fits_align(align, values_at - static_cast<int>(i), static_cast<int>(j) - 1 - values_at)) ++c.fit.misfit;
    if (named != nullptr && !(*named)[i][j - i]) ++c.fit.unnamed;
  }
  return c;
}

// The readings of one run under one alignment: the best partition into rows
// of at most one line with values each, and which of its rows every
// partition that fits the layout as well has too.
class RunReading {
 public:
  RunReading(std::span<const JoinLine> run, Align align, const RunNames* named)
      : run_(run), align_(align), named_(named) {
    const std::size_t n = run.size();
    best_.assign(n + 1, Cost{});
    prev_.assign(n + 1, 0);
    after_.assign(n + 1, Fit{});
    for (std::size_t j = 1; j <= n; ++j) {  // every line alone is a row: all prefixes are reachable
      bool first = true;
      for (std::size_t i = j - std::min<std::size_t>(kMaxGroup, j); i < j; ++i)
        if (const std::optional<Cost> g = group_cost(run, i, j, align, named); g && (first || best_[i] + *g < best_[j])) {
          best_[j] = best_[i] + *g;
          prev_[j] = i;
          first = false;
        }
    }
    for (std::size_t i = n; i-- > 0;) {
      bool first = true;
      for (std::size_t j = i + 1; j <= std::min(n, i + kMaxGroup); ++j)
        if (const std::optional<Cost> g = group_cost(run, i, j, align, named); g && (first || g->fit + after_[j] < after_[i])) {
          after_[i] = g->fit + after_[j];
          first = false;
        }
    }
    for (std::size_t j = n; j > 0; j = prev_[j]) starts_.push_back(prev_[j]);
    std::reverse(starts_.begin(), starts_.end());
  }

  const Cost& cost() const { return best_.back(); }
  const std::vector<std::size_t>& starts() const { return starts_; }

  // True when every partition that fits the layout as well as the best one
  // has lines [i, j) as a row: none cuts inside them, none joins across their edges.
  bool certain(std::size_t i, std::size_t j) const {
    const std::size_t n = run_.size();
    if (!optimal(i, j)) return false;
    for (std::size_t p = i + 1; p < j; ++p)
      if (best_[p].fit + after_[p] == cost().fit) return false;
    for (std::size_t edge : {i, j}) {
      if (edge == 0 || edge == n) continue;
      for (std::size_t x = edge - std::min<std::size_t>(kMaxGroup - 1, edge); x < edge; ++x)
        for (std::size_t y = edge + 1; y <= std::min(n, x + kMaxGroup); ++y)
          if (optimal(x, y)) return false;
    }
    return true;
  }

 private:
  // Lines [x, y) as a row in some partition that fits as well as the best.
  bool optimal(std::size_t x, std::size_t y) const {
    const std::optional<Cost> g = group_cost(run_, x, y, align_, named_);
    return g && best_[x].fit + g->fit + after_[y] == cost().fit;
  }

  std::span<const JoinLine> run_;
  Align align_;
  const RunNames* named_;           // nullptr: the layout alone
  std::vector<Cost> best_;          // the best partition of lines [0, p)
  std::vector<std::size_t> prev_;   // ... and where its last row starts
  std::vector<Fit> after_;          // the best fit of lines [p, n)
  std::vector<std::size_t> starts_;
};

// Which row of a run every line goes to, and which of those rows were joined by a guess.
struct RunChoice {
  std::vector<std::size_t> starts;
  std::vector<bool> ambiguous;  // parallel to starts
};

// Partitions every run under each alignment and keeps the alignment that fits
// the whole table best (the first of kAligns on a tie: values on the first
// line of a name are the most common). A row is a guess when another
// partition fits its run as well and reads it otherwise, or when another
// alignment fits the whole table as well and reads the row otherwise.
// `names`, when given, holds each run's NameEvidence.
std::vector<RunChoice> choose_partitions(const std::vector<std::vector<JoinLine>>& runs,
                                         const std::vector<RunNames>* names) {
  std::array<std::vector<RunReading>, std::size(kAligns)> readings;
  std::array<Fit, std::size(kAligns)> total{};
  std::array<Cost, std::size(kAligns)> order{};
  for (std::size_t a = 0; a < std::size(kAligns); ++a) {
    for (std::size_t r = 0; r < runs.size(); ++r) {
      readings[a].emplace_back(runs[r], kAligns[a], names != nullptr ? &(*names)[r] : nullptr);
      order[a] = order[a] + readings[a].back().cost();
    }
    total[a] = order[a].fit;
  }
  const std::size_t best = static_cast<std::size_t>(std::min_element(order.begin(), order.end()) - order.begin());
  std::vector<RunChoice> out;
  for (std::size_t r = 0; r < runs.size(); ++r) {
    const RunReading& chosen = readings[best][r];
    RunChoice choice{chosen.starts(), {}};
    for (std::size_t s = 0; s < choice.starts.size(); ++s) {
      const std::size_t i = choice.starts[s], j = s + 1 < choice.starts.size() ? choice.starts[s + 1] : runs[r].size();
      bool guess = !chosen.certain(i, j);
      for (std::size_t a = 0; a < std::size(kAligns) && !guess; ++a)
        guess = a != best && total[a] == total[best] && !readings[a][r].certain(i, j);
      choice.ambiguous.push_back(guess);
    }
    out.push_back(std::move(choice));
  }
  return out;
}

// ---- blocks ----------------------------------------------------------------------

// One past the last non-empty cell of a delimited line.
int TextTableFinder::extent(std::size_t line) const {
  const std::vector<RawCell>& cells = info_[line].cells;
  int e = 0;
  for (std::size_t c = 0; c < cells.size(); ++c)
    if (!cells[c].empty()) e = static_cast<int>(c) + 1;
  return e;
}

// A header: at least two cells, every non-empty one a heading.
bool TextTableFinder::heading_row(std::size_t line) const {
  int headings = 0;
  for (const RawCell& c : info_[line].cells) {
    if (c.empty()) continue;
    if (!is_heading(text(line).substr(c.begin, c.end - c.begin))) return false;
    ++headings;
  }
  return headings >= 2;
}

// A short line without separators that stands between rows of a delimited
// table (a wrapped name, "性与明确性"): a row of the table follows within a
// few such lines.
bool TextTableFinder::loose_between(std::size_t line, LineKind kind) const {
  int loose = 0;
  for (std::size_t j = line; j < info_.size(); ++j) {
    const LineInfo& li = info_[j];
    if (li.kind == LineKind::kFurniture) continue;
    if (li.kind == kind) return loose > 0;
    if (li.kind != LineKind::kSingle || ++loose > kMaxLooseLines) return false;
    const std::string_view t = trimmed(text(j));
    if (display_width(t) > kMaxLooseWidth || is_prose(t) || !is_heading(t)) return false;
  }
  return false;
}

// The lines of a tab or pipe table that starts at `start`.
TextTableFinder::Block TextTableFinder::collect_delimited(std::size_t start) const {
  const LineKind kind = info_[start].kind;
  Block b{{start}, start + 1};
  const int width = extent(start);
  int blanks = 0;
  for (std::size_t j = start + 1; j < info_.size(); ++j) {
    const LineInfo& li = info_[j];
    if (li.kind == LineKind::kFurniture) continue;
    if (li.kind == LineKind::kBlank) {
      if (++blanks > kMaxBlankLines) break;
      continue;
    }
    if (li.kind == LineKind::kRule && kind == LineKind::kPipe) {
      b.end = j + 1;
      blanks = 0;
      continue;
    }
    if (li.kind == kind) {
      const int w = extent(j);
      const bool one_prose_cell = std::count_if(li.cells.begin(), li.cells.end(), [](const RawCell& c) {
                                    return !c.empty();
                                  }) == 1 && is_prose(text(j));
      if (one_prose_cell) break;
      // After a gap only a row of this table's width goes on; a different header starts another table.
      if (blanks > 0 && (w < width - 1 || w > width + 1 || (heading_row(j) && text(j) != text(start)))) break;
      b.lines.push_back(j);
      b.end = j + 1;
      blanks = 0;
      continue;
    }
    if (blanks == 0 && li.kind == LineKind::kSingle && loose_between(j, kind)) {
      b.lines.push_back(j);
      b.end = j + 1;
      continue;
    }
    break;
  }
  return b;
}

// A one-cell line inside an aligned table: a row follows within a few such
// lines, or it is indented to where a cell of the rows above starts.
bool TextTableFinder::spaced_loose(std::size_t line, const Block& block) const {
  const std::string_view t = trimmed(text(line));
  if (display_width(t) > kMaxLooseWidth || is_prose(t)) return false;
  int loose = 0;
  for (std::size_t j = line; j < info_.size(); ++j) {
    const LineKind k = info_[j].kind;
    if (k == LineKind::kFurniture) continue;
    if (k == LineKind::kSpaced) return true;
    if (k != LineKind::kSingle || ++loose > kMaxLooseLines + 1) break;
  }
  const int x0 = info_[line].cells.front().x0;
  if (x0 == 0) return false;
  const std::size_t from = block.lines.size() > 3 ? block.lines.size() - 3 : 0;
  for (std::size_t k = from; k < block.lines.size(); ++k)
    for (const RawCell& c : info_[block.lines[k]].cells)
      if (c.x0 == x0) return true;
  return false;
}

// The lines of an aligned table that starts at `start`.
TextTableFinder::Block TextTableFinder::collect_spaced(std::size_t start) const {
  Block b{{start}, start + 1};
  int blanks = 0;
  for (std::size_t j = start + 1; j < info_.size(); ++j) {
    const LineKind k = info_[j].kind;
    if (k == LineKind::kFurniture) continue;
    if (k == LineKind::kBlank) {
      if (++blanks > kMaxSpacedBlankLines) break;
      continue;
    }
    if (k == LineKind::kSpaced) {
      if (blanks > 0 && heading_row(j) && text(j) != text(start)) break;
      b.lines.push_back(j);
      b.end = j + 1;
      blanks = 0;
      continue;
    }
    if (k == LineKind::kSingle && blanks == 0 && spaced_loose(j, b)) {
      b.lines.push_back(j);
      b.end = j + 1;
      continue;
    }
    break;
  }
  return b;
}

// ---- drafts ----------------------------------------------------------------------

// How many leading cells of a delimited row to drop: a row with figures whose
// cells run past the header's last column while it starts with empty cells
// has a separator too many at its start (a shifted row of a text export).
std::size_t TextTableFinder::excess_separators(std::size_t line, int header_width) const {
  const std::vector<RawCell>& cells = info_[line].cells;
  const int over = extent(line) - header_width;
  const bool figures = std::any_of(cells.begin(), cells.end(), [&](const RawCell& c) {
    return classify(text(line).substr(c.begin, c.end - c.begin)) == CellKind::kNumber;
  });
  std::size_t skip = 0;
  while (figures && skip < static_cast<std::size_t>(std::max(over, 0)) && skip < cells.size() && cells[skip].empty())
    ++skip;
  return skip;
}

// Tab and pipe rows: a column per separator, but for a shifted row, which
// moves left. The header's width is that of its first row, or of its second
// when that one is a header too.
std::optional<Draft> TextTableFinder::draft_delimited(const Block& block) const {
  Draft d;
  d.source = TableSource::kDelimited;
  const bool header_like = heading_row(block.lines.front());
  int header_width = extent(block.lines.front());
  if (block.lines.size() > 1 && info_[block.lines[1]].kind != LineKind::kSingle && heading_row(block.lines[1]))
    header_width = std::max(header_width, extent(block.lines[1]));
  for (std::size_t line : block.lines) {
    LineRow row;
    row.line = line;
    const LineInfo& li = info_[line];
    if (li.kind == LineKind::kSingle) {
      row.loose = true;
      row.slots.push_back(Piece{line, li.cells.front().begin, li.cells.front().end});
      d.rows.push_back(std::move(row));
      continue;
    }
    const std::size_t skip = header_like && line != block.lines.front() ? excess_separators(line, header_width) : 0;
    for (std::size_t c = skip; c < li.cells.size(); ++c)
      row.slots.push_back(Piece{line, li.cells[c].begin, li.cells[c].end});
    while (!row.slots.empty() && row.slots.back().empty()) row.slots.pop_back();
    d.cols = std::max(d.cols, static_cast<int>(row.slots.size()));
    d.rows.push_back(std::move(row));
  }
  for (LineRow& row : d.rows)
    if (!row.loose) {
      row.slots.resize(static_cast<std::size_t>(d.cols), Piece{row.line, 0, 0});
      row.spans.assign(static_cast<std::size_t>(d.cols), 1);
    }
  if (d.cols < 2) return std::nullopt;
  return d;
}


struct Interval {
  int x0, x1;
};

// Columns of an aligned table: the stretches of display columns that the body
// lines' cells cover (a long table may have one line crossing a gap), then
// every cell that falls in no such stretch (a column only the header or one
// row fills) adds its own.
std::vector<Interval> aligned_columns(const std::vector<std::vector<RawCell>>& body,
                                      const std::vector<RawCell>& header) {
  int width = 0;
  for (const auto& cells : body)
    for (const RawCell& c : cells) width = std::max(width, c.x1);
  for (const RawCell& c : header) width = std::max(width, c.x1);
  std::vector<int> cover(static_cast<std::size_t>(width) + 1, 0);
  for (const auto& cells : body)
    for (const RawCell& c : cells) {
      ++cover[static_cast<std::size_t>(c.x0)];
      --cover[static_cast<std::size_t>(c.x1)];
    }
  const int tolerance = static_cast<int>(body.size()) >= kToleranceRows ? 1 : 0;
  std::vector<Interval> cols;
  int depth = 0;
  for (int x = 0; x < width; ++x) {
    depth += cover[static_cast<std::size_t>(x)];
    if (depth <= tolerance) continue;
    if (!cols.empty() && cols.back().x1 == x) cols.back().x1 = x + 1;
    else cols.push_back(Interval{x, x + 1});
  }
  auto overlaps = [&](const RawCell& c) {
    return std::any_of(cols.begin(), cols.end(), [&](const Interval& i) { return c.x0 < i.x1 && i.x0 < c.x1; });
  };
  std::vector<Interval> extra;
  auto add_missing = [&](const RawCell& c) {
    if (!overlaps(c)) extra.push_back(Interval{c.x0, c.x1});
  };
  for (const auto& cells : body) std::for_each(cells.begin(), cells.end(), add_missing);
  std::for_each(header.begin(), header.end(), add_missing);
  std::sort(extra.begin(), extra.end(), [](const Interval& a, const Interval& b) { return a.x0 < b.x0; });
  for (const Interval& e : extra) {
    if (!cols.empty() && cols.back().x1 > e.x0 && cols.back().x0 < e.x1) cols.back().x1 = std::max(cols.back().x1, e.x1);
    else cols.push_back(e);
    std::sort(cols.begin(), cols.end(), [](const Interval& a, const Interval& b) { return a.x0 < b.x0; });
  }
  return cols;
}

// The columns a cell overlaps, first and last (the nearest one when none).
std::pair<int, int> columns_of(const RawCell& c, const std::vector<Interval>& cols) {
  int first = -1, last = -1, nearest = 0, best = 1 << 30;
  for (std::size_t k = 0; k < cols.size(); ++k) {
    const int overlap = std::min(c.x1, cols[k].x1) - std::max(c.x0, cols[k].x0);
    if (overlap > 0) {
      if (first < 0) first = static_cast<int>(k);
      last = static_cast<int>(k);
    }
    const int distance = std::abs(c.x0 - cols[k].x0);
    if (distance < best) {
      best = distance;
      nearest = static_cast<int>(k);
    }
  }
  if (first < 0) return {nearest, nearest};
  return {first, last};
}

// The column of a body cell: the one it overlaps most.
int column_of(const RawCell& c, const std::vector<Interval>& cols) {
  const auto [first, last] = columns_of(c, cols);
  int best = first, most = -1;
  for (int k = first; k <= last; ++k) {
    const int overlap = std::min(c.x1, cols[static_cast<std::size_t>(k)].x1) -
                        std::max(c.x0, cols[static_cast<std::size_t>(k)].x0);
    if (overlap > most) {
      most = overlap;
      best = k;
    }
  }
  return best;
}


// An aligned table's rows in the columns of one measure of width; `merged`
// counts the cells that fell into a column another cell of their row holds
// already (two cells in one column: one cell, the gap included).
Draft TextTableFinder::spaced_in(const Block& block, bool narrow_forms, int& merged) const {
  auto measured = [&](std::vector<RawCell> cells) {
    if (narrow_forms)
      for (RawCell& c : cells) c = RawCell{c.begin, c.end, c.nx0, c.nx1, c.nx0, c.nx1};
    return cells;
  };
  std::vector<std::vector<RawCell>> body;
  for (std::size_t k = 1; k < block.lines.size(); ++k) body.push_back(measured(info_[block.lines[k]].cells));
  const std::vector<RawCell> header = measured(info_[block.lines.front()].cells);
  const std::vector<Interval> cols = aligned_columns(body, header);
  Draft d;
  d.source = TableSource::kSpaced;
  d.cols = static_cast<int>(cols.size());
  merged = 0;
  for (std::size_t k = 0; k < block.lines.size(); ++k) {
    const std::size_t line = block.lines[k];
    LineRow row{line, std::vector<Piece>(cols.size(), Piece{line, 0, 0}), std::vector<int>(cols.size(), 1), false};
    int free = 0, previous = 0;  // the first column no cell of the row covers yet; the last cell's column
    for (const RawCell& c : k == 0 ? header : body[k - 1]) {
      auto [first, last] = columns_of(c, cols);  // a header cell spans the columns it stands over
      if (k > 0) first = last = column_of(c, cols);
      first = std::max(first, free);
      if (first > last) first = last = previous;  // its columns are taken: one cell with the one before
      Piece& slot = row.slots[static_cast<std::size_t>(first)];
      if (slot.empty()) {
        slot = Piece{line, c.begin, c.end};
        row.spans[static_cast<std::size_t>(first)] = last - first + 1;
      } else {
        slot.end = c.end;
        ++merged;
      }
      previous = first;
      free = std::max(free, last + 1);
    }
    d.rows.push_back(std::move(row));
  }
  return d;
}

// Aligned rows, measured in display width, unless full-width figures one
// column wide line them up better (a file whose digits were made full width
// after its columns were aligned).
std::optional<Draft> TextTableFinder::draft_spaced(const Block& block) const {
  int merged = 0, merged_narrow = 0;
  Draft d = spaced_in(block, false, merged);
  if (merged > 0) {
    Draft narrow = spaced_in(block, true, merged_narrow);
    if (merged_narrow < merged) d = std::move(narrow);
  }
  if (d.cols < 2) return std::nullopt;
  return d;
}

// One cell per line. The header is a run of short heading lines. With blank
// lines between rows (a docx conversion), the header ends at the first blank
// line and every row is as many lines as the header, an empty line being an
// empty cell. Without them, the header's length is the one that reads the
// most rows whose figures stand in the same columns.
std::optional<std::pair<Draft, std::size_t>> TextTableFinder::draft_cell_lines(std::size_t start) const {
  std::vector<std::size_t> header;
  std::size_t j = start;
  for (; j < info_.size() && static_cast<int>(header.size()) <= kMaxHeaderCells; ++j) {
    const LineInfo& li = info_[j];
    if (li.kind == LineKind::kFurniture) continue;
    if (li.kind != LineKind::kSingle || !is_heading(text(j))) break;
    header.push_back(j);
  }
  if (header.size() < 2 || static_cast<int>(header.size()) > kMaxHeaderCells) return std::nullopt;
  std::size_t end = 0;
  if (j < info_.size() && info_[j].kind == LineKind::kBlank) {
    std::optional<Draft> d = rows_of_cells(header, j + 1, static_cast<int>(header.size()), true, end);
    if (d) return std::make_pair(std::move(*d), end);
    return std::nullopt;
  }
  std::optional<std::pair<Draft, std::size_t>> best;
  for (int n = static_cast<int>(header.size()); n >= 2; --n) {
    const std::vector<std::size_t> head(header.begin(), header.begin() + n);
    std::optional<Draft> d = rows_of_cells(head, header[static_cast<std::size_t>(n) - 1] + 1, n, false, end);
    if (d && (!best || d->rows.size() > best->first.rows.size())) best = std::make_pair(std::move(*d), end);
  }
  return best;
}

// What the rows read so far put in each column of a one-cell-per-line table:
// a row whose cells contradict it is no row of the table but the text after it.
class CellColumns {
 public:
  // `strict`: without blank lines between rows nothing but the columns shows
  // where a row starts, so a column's kind admits no exception.
  CellColumns(int n, bool strict)
      : kinds_(static_cast<std::size_t>(n), CellKind::kEmpty), prose_(kinds_.size()), strict_(strict) {}

  // A column of figures takes no words but a short label (合计), and a
  // column of short cells takes no sentence: a row that breaks this is not
  // part of the table. Records the row's cells when it is.
  bool admit(const std::vector<std::string_view>& cells) {
    if (std::all_of(cells.begin(), cells.end(), [](std::string_view t) { return trimmed(t).empty(); })) return false;
    for (std::size_t c = 0; c < cells.size(); ++c) {
      const CellKind kind = classify(cells[c]);
      if (kind == CellKind::kText && kinds_[c] == CellKind::kNumber && (strict_ || !is_heading(cells[c])))
        return false;
      if (strict_ && kind == CellKind::kNumber && kinds_[c] == CellKind::kText) return false;
      if (is_prose(cells[c]) && rows_ > 0 && !prose_[c]) return false;
    }
    for (std::size_t c = 0; c < cells.size(); ++c) {
      const CellKind kind = classify(cells[c]);
      if (kinds_[c] == CellKind::kEmpty && (kind == CellKind::kNumber || kind == CellKind::kText)) kinds_[c] = kind;
      prose_[c] = prose_[c] || is_prose(cells[c]);
    }
    ++rows_;
    return true;
  }
  bool figures() const { return std::find(kinds_.begin(), kinds_.end(), CellKind::kNumber) != kinds_.end(); }

 private:
  std::vector<CellKind> kinds_;
  std::vector<bool> prose_;
  bool strict_;
  int rows_ = 0;
};

// The next `n` lines from `j` as the cells of one row (furniture skipped, an
// empty line an empty cell), or nullopt when the text runs out or a line with
// separators comes first. `j` moves past them.
std::optional<LineRow> TextTableFinder::cell_row(std::size_t& j, int n) const {
  LineRow row;
  for (; j < info_.size() && static_cast<int>(row.slots.size()) < n; ++j) {
    const LineKind kind = info_[j].kind;
    if (kind == LineKind::kFurniture) continue;
    // A line of several cells (tabs, pipes, or words apart by wide gaps) is a
    // row of another layout, not one cell.
    if (kind == LineKind::kTab || kind == LineKind::kPipe || kind == LineKind::kRule || kind == LineKind::kSpaced)
      return std::nullopt;
    const auto [b, e] = trim_range(text(j), 0, text(j).size());
    row.slots.push_back(Piece{j, b, e});
  }
  if (static_cast<int>(row.slots.size()) < n) return std::nullopt;
  row.line = row.slots.front().line;
  const auto first = std::find_if(row.slots.begin(), row.slots.end(), [](const Piece& p) { return !p.empty(); });
  if (first != row.slots.end()) row.line = first->line;
  row.spans.assign(static_cast<std::size_t>(n), 1);
  return row;
}

// Rows of `n` cells, one per line, from line `from`; `separated`: a blank line
// after each row. Stops at the first row that does not fit the columns, or
// (separated) after a row not followed by a blank line.
std::optional<Draft> TextTableFinder::rows_of_cells(const std::vector<std::size_t>& header, std::size_t from,
                                                    int n, bool separated, std::size_t& end) const {
  Draft d;
  d.source = TableSource::kCellLines;
  d.cols = n;
  d.header_rows = 1;
  LineRow head{header.front(), {}, std::vector<int>(static_cast<std::size_t>(n), 1), false};
  for (std::size_t h : header) head.slots.push_back(Piece{h, info_[h].cells.front().begin, info_[h].cells.front().end});
  d.rows.push_back(std::move(head));
  CellColumns columns(n, !separated);
  end = header.back() + 1;
  for (std::size_t j = from;;) {
    std::optional<LineRow> row = cell_row(j, n);
    if (!row) break;
    std::vector<std::string_view> cells;
    for (const Piece& p : row->slots) cells.push_back(piece_text(p));
    if (!columns.admit(cells)) break;
    d.rows.push_back(std::move(*row));
    end = j;
    while (j < info_.size() && info_[j].kind == LineKind::kFurniture) ++j;
    if (j >= info_.size() || (separated && info_[j].kind != LineKind::kBlank)) break;
    if (separated) ++j;
  }
  const std::size_t body = d.rows.size() - 1;
  if (body < 1 || (!columns.figures() && body < 3) || (!separated && body < 2)) return std::nullopt;
  return d;
}

// ---- structure ---------------------------------------------------------------------

// A table needs a header-like first row, or at least three rows that mostly
// have the same number of cells and are not sentences.
bool TextTableFinder::acceptable(const Draft& d) const {
  if (d.cols < 2 || d.rows.size() < 2) return false;
  auto filled = [&](const LineRow& r) {
    return static_cast<int>(std::count_if(r.slots.begin(), r.slots.end(), [](const Piece& p) { return !p.empty(); }));
  };
  if (d.header_rows > 0)
    return std::any_of(d.rows.begin() + d.header_rows, d.rows.end(), [&](const LineRow& r) { return filled(r) >= 2; });
  std::vector<int> widths(static_cast<std::size_t>(d.cols) + 1, 0);
  int rows = 0, prose = 0;
  for (const LineRow& r : d.rows) {
    if (r.loose) continue;
    ++rows;
    int last = 0;
    for (std::size_t c = 0; c < r.slots.size(); ++c)
      if (!r.slots[c].empty()) last = static_cast<int>(c) + 1;
    ++widths[static_cast<std::size_t>(last)];
    prose += std::any_of(r.slots.begin(), r.slots.end(), [&](const Piece& p) { return is_prose(piece_text(p)); });
  }
  const int usual = *std::max_element(widths.begin() + 2, widths.end());
  return rows >= 3 && usual >= 3 && usual * 3 >= rows * 2 && prose * 2 <= rows;
}

// One header row when the first row is a header; two when the second row is
// one too and the first has cells over several of its columns: a cell of the
// first row then spans the columns of the second that stand under it, and
// one with nothing under it spans both rows.
void TextTableFinder::find_header(Draft& d) const {
  auto heading = [&](const LineRow& r, int min_cells) {
    if (r.loose) return false;
    int n = 0;
    for (const Piece& p : r.slots) {
      if (p.empty()) continue;
      if (!is_heading(piece_text(p))) return false;
      ++n;
    }
    return n >= min_cells;
  };
  if (d.source == TableSource::kCellLines) return;  // the header was read with the rows
  d.header_rows = heading(d.rows.front(), 2) ? 1 : 0;
  if (d.header_rows == 0 || d.rows.size() < 3 || !heading(d.rows[1], 1)) return;
  LineRow& top = d.rows[0];
  const LineRow& under = d.rows[1];
  bool spans = false;
  for (std::size_t c = 0; c < top.slots.size(); ++c) {
    if (top.slots[c].empty()) continue;
    if (d.source == TableSource::kDelimited) {
      std::size_t e = c + 1;
      while (e < top.slots.size() && top.slots[e].empty() && !under.slots[e].empty()) ++e;
      top.spans[c] = static_cast<int>(e - c);
    }
    spans = spans || (top.spans[c] > 1 && !under.slots[c].empty());
  }
  if (spans) d.header_rows = 2;
  else if (d.source == TableSource::kDelimited) std::fill(top.spans.begin(), top.spans.end(), 1);
}

// A header repeated after a page break is no row.
void TextTableFinder::drop_repeated_headers(Draft& d) const {
  if (d.header_rows == 0) return;
  const LineRow& head = d.rows.front();
  auto same = [&](const LineRow& r) {
    if (r.loose || r.slots.size() != head.slots.size()) return false;
    for (std::size_t c = 0; c < r.slots.size(); ++c)
      if (trimmed(piece_text(r.slots[c])) != trimmed(piece_text(head.slots[c]))) return false;
    return true;
  };
  d.rows.erase(std::remove_if(d.rows.begin() + d.header_rows, d.rows.end(), same), d.rows.end());
}

// A column whose body cells are mostly figures holds values; the others hold labels.
Columns TextTableFinder::column_types(const Draft& d) const {
  const std::size_t n = static_cast<std::size_t>(d.cols);
  std::vector<int> numbers(n, 0), words(n, 0);
  for (std::size_t r = static_cast<std::size_t>(d.header_rows); r < d.rows.size(); ++r) {
    if (d.rows[r].loose) continue;
    for (std::size_t c = 0; c < n && c < d.rows[r].slots.size(); ++c) {
      const CellKind k = classify(piece_text(d.rows[r].slots[c]));
      numbers[c] += k == CellKind::kNumber ? 1 : 0;
      words[c] += k == CellKind::kText ? 1 : 0;
    }
  }
  Columns out;
  out.label.resize(n);
  for (std::size_t c = 0; c < n; ++c) {
    out.label[c] = !(numbers[c] > 0 && numbers[c] >= words[c]);
    out.any_values = out.any_values || !out.label[c];
  }
  return out;
}


// The column wrapped names stand in: the label column that lines without
// values fill most often (the rightmost on a tie); without such lines, the
// last label column before the first value column.
int wrap_column(const std::vector<LineRow>& body, const std::vector<bool>& values, const Columns& columns) {
  std::vector<int> count(columns.label.size(), 0);
  for (std::size_t k = 0; k < body.size(); ++k) {
    if (body[k].loose || values[k]) continue;
    for (std::size_t c = 0; c < body[k].slots.size(); ++c)
      count[c] += columns.label[c] && !body[k].slots[c].empty() ? 1 : 0;
  }
  int best = -1;
  for (std::size_t c = 0; c < count.size(); ++c)
    if (count[c] > 0 && (best < 0 || count[c] >= count[static_cast<std::size_t>(best)])) best = static_cast<int>(c);
  if (best >= 0) return best;
  for (std::size_t c = 0; c < columns.label.size(); ++c) {
    if (!columns.label[c] && best >= 0) return best;
    if (columns.label[c]) best = static_cast<int>(c);
  }
  return best;
}

// The body lines as the joiner sees them, cut into runs at the lines that
// take no continuation: with values but nothing in the wrap column (a
// subtotal row), a row of three or more headings inside the body that stand
// over value columns too (the header of the next block of a form, 绩效指标
// 一级指标 … 分值 得分), a line holding a sentence, a row of headings over
// sentences, or every line when the table has no wrap column. `rows` gives
// each run's lines as indices into the body.
struct Runs {
  std::vector<std::vector<JoinLine>> lines;
  std::vector<std::vector<std::size_t>> rows;
};

Runs cut_runs(const std::vector<LineRow>& body, const std::vector<bool>& values, const std::vector<bool>& headings,
              int wrap, const std::function<std::string_view(const LineRow&)>& piece) {
  WrapWidth width;
  for (const LineRow& r : body) {
    width.columns = std::max(width.columns, display_width(piece(r)));
    width.chars = std::max(width.chars, code_points(piece(r)));
  }
  Runs runs;
  auto open_run = [&] {
    if (runs.lines.empty() || !runs.lines.back().empty()) {
      runs.lines.emplace_back();
      runs.rows.emplace_back();
    }
  };
  open_run();
  for (std::size_t k = 0; k < body.size(); ++k) {
    const std::string_view p = piece(body[k]);
    const bool alone = wrap < 0 || (values[k] && p.empty()) || headings[k];
    if (alone) open_run();
    const std::string_view next = k + 1 < body.size() ? piece(body[k + 1]) : std::string_view{};
    const bool ends = !p.empty() && !next.empty() && !width.wrapped(p, next);
    runs.lines.back().push_back(JoinLine{values[k] || wrap < 0, p, !alone && starts_enumerated(p), ends});
    runs.rows.back().push_back(k);
    if (alone) open_run();
  }
  if (runs.lines.back().empty()) {
    runs.lines.pop_back();
    runs.rows.pop_back();
  }
  return runs;
}

// One row of lines [from, to) of a run: the pieces of every line by column,
// the line with values as the row's line. A loose line's piece goes to the
// wrap column.
GridRow join_lines(const std::vector<LineRow>& body, const std::vector<std::size_t>& run_rows,
                   const std::vector<JoinLine>& run, std::size_t from, std::size_t to, int cols, int wrap) {
  GridRow g;
  g.cells.resize(static_cast<std::size_t>(cols));
  g.spans.assign(static_cast<std::size_t>(cols), 1);
  g.line = body[run_rows[from]].line;
  for (std::size_t k = from; k < to; ++k) {
    const LineRow& lr = body[run_rows[k]];
    if (run[k].values) g.line = lr.line;
    g.lines.push_back(lr.line);
    if (lr.loose) {
      g.cells[static_cast<std::size_t>(std::max(wrap, 0))].push_back(lr.slots.front());
      g.ambiguous = to - from > 1;  // its column is a guess
      continue;
    }
    for (std::size_t c = 0; c < lr.slots.size(); ++c)
      if (!lr.slots[c].empty()) g.cells[c].push_back(lr.slots[c]);
  }
  return g;
}


// Joins wrapped names: each body line with values becomes a row, and the
// lines without values around it (pieces of its names) join the row the
// partition of their run gives them.
std::vector<GridRow> TextTableFinder::join_wraps(const Draft& d, const Columns& columns) const {
  std::vector<GridRow> out;
  for (int r = 0; r < d.header_rows; ++r) {
    const LineRow& h = d.rows[static_cast<std::size_t>(r)];
    GridRow g{h.line, {}, h.spans, {h.line}, false};
    for (const Piece& p : h.slots) g.cells.push_back(p.empty() ? std::vector<Piece>{} : std::vector<Piece>{p});
    out.push_back(std::move(g));
  }
  const std::vector<LineRow> body(d.rows.begin() + d.header_rows, d.rows.end());
  std::vector<bool> values(body.size(), false);
  for (std::size_t k = 0; k < body.size(); ++k)
    for (std::size_t c = 0; c < body[k].slots.size() && !body[k].loose; ++c)
      values[k] = values[k] || (!columns.label[c] && !body[k].slots[c].empty());
  std::vector<bool> headings(body.size(), false), sentence(body.size(), false), heading_words(body.size(), false);
  for (std::size_t k = 0; k < body.size(); ++k) {
    if (body[k].loose) continue;
    // Headings over value columns too: a wrapped name's first line has words
    // in the label columns only.
    int n = 0;
    bool all = true, over_values = false;
    for (std::size_t c = 0; c < body[k].slots.size(); ++c) {
      const Piece& p = body[k].slots[c];
      if (p.empty()) continue;
      ++n;
      all = all && is_heading(piece_text(p));
      over_values = over_values || !columns.label[c];
    }
    headings[k] = all && over_values && n >= 3;
    heading_words[k] = all && n >= 3;
    // A sentence (a goal, a remark) is no piece of a wrapped name either.
    for (const Piece& p : body[k].slots) sentence[k] = sentence[k] || (!p.empty() && contains_any(piece_text(p), kFullStop));
  }
  // Three or more headings followed by sentences head a block of text (预期目标
  // 实际完成情况 over the goals), where a wrapped name would go on in a line of
  // words or figures.
  for (std::size_t k = 0; k < body.size(); ++k)
    headings[k] = headings[k] || sentence[k] || (heading_words[k] && k + 1 < body.size() && sentence[k + 1]);
  const int wrap = columns.any_values ? wrap_column(body, values, columns) : -1;
  const Runs runs = cut_runs(body, values, headings, wrap, [&](const LineRow& r) -> std::string_view {
    if (r.loose) return piece_text(r.slots.front());
    return wrap >= 0 ? piece_text(r.slots[static_cast<std::size_t>(wrap)]) : std::string_view{};
  });
  std::vector<RunChoice> choices = choose_partitions(runs.lines, nullptr);
  const bool tie = std::any_of(choices.begin(), choices.end(), [](const RunChoice& c) {
    return std::find(c.ambiguous.begin(), c.ambiguous.end(), true) != c.ambiguous.end();
  });
  if (tie) {  // the layout alone leaves a tie: ask the rest of the document (rare, so not done first)
    std::size_t first = d.rows.front().line, last = first;
    for (const LineRow& r : d.rows) {
      first = std::min(first, r.line);
      last = std::max(last, r.line);
    }
    const NameEvidence evidence(doc_.text, {doc_.lines[first].begin, doc_.lines[last].end});
    std::vector<RunNames> names;
    for (const std::vector<JoinLine>& run : runs.lines) names.push_back(run_names(run, evidence));
    choices = choose_partitions(runs.lines, &names);
  }
  for (std::size_t r = 0; r < runs.lines.size(); ++r) {
    const std::vector<std::size_t>& starts = choices[r].starts;
    for (std::size_t s = 0; s < starts.size(); ++s) {
      const std::size_t to = s + 1 < starts.size() ? starts[s + 1] : runs.lines[r].size();
      GridRow g = join_lines(body, runs.rows[r], runs.lines[r], starts[s], to, d.cols, wrap);
      g.ambiguous = g.ambiguous || (g.lines.size() > 1 && choices[r].ambiguous[s]);
      out.push_back(std::move(g));
    }
  }
  return out;
}


TableCell TextTableFinder::make_cell(int row, std::size_t col, const std::vector<Piece>& pieces) const {
  TableCell cell;
  cell.row = row;
  cell.col = static_cast<int>(col);
  for (const Piece& p : pieces) {
    cell.lines.emplace_back(piece_text(p));
    cell.places.push_back(CellPlace{p.line, p.begin, p.end});
  }
  cell.page = doc_.lines[pieces.front().line].page;
  return cell;
}

// A lone "(12分)" in a label column under an open cell: the end of that cell's label.
bool TextTableFinder::continues_label(const GridRow& g, std::size_t c, const Columns& columns,
                                      const std::vector<int>& open) const {
  return g.cells[c].size() == 1 && columns.label[c] && open[c] >= 0 &&
         is_bracketed_score(piece_text(g.cells[c].front()));
}

// The Table: header cells with their spans, then the body, where an empty
// label cell before a row's first words is the cell above going on (a row
// span), and a lone "(12分)" there is the end of that cell's label.
Table TextTableFinder::emit(const Draft& d, const Columns& columns, const std::vector<GridRow>& rows) const {
  Table t;
  t.source = d.source;
  t.cols = d.cols;
  t.rows = static_cast<int>(rows.size());
  const std::size_t cols = static_cast<std::size_t>(d.cols);
  for (int r = 0; r < d.header_rows; ++r)
    for (std::size_t c = 0; c < cols; ++c) {
      const GridRow& g = rows[static_cast<std::size_t>(r)];
      if (g.cells[c].empty()) continue;
      t.cells.push_back(make_cell(r, c, g.cells[c]));
      t.cells.back().col_span = std::min(g.spans[c], d.cols - static_cast<int>(c));
      if (r == 0 && d.header_rows == 2 && t.cells.back().col_span == 1 && rows[1].cells[c].empty())
        t.cells.back().row_span = 2;
    }
  std::vector<int> open(cols, -1);  // the cell covering the row above, by column
  for (std::size_t r = static_cast<std::size_t>(d.header_rows); r < rows.size(); ++r) {
    const GridRow& g = rows[r];
    std::size_t first_words = cols;  // the first column with words of the row's own
    for (std::size_t c = 0; c < cols && first_words == cols; ++c)
      if (!g.cells[c].empty() && classify(piece_text(g.cells[c].front())) == CellKind::kText &&
          !continues_label(g, c, columns, open))
        first_words = c;
    for (std::size_t c = 0; c < cols; ++c) {
      const bool same_as_above = c < first_words && first_words < cols && columns.label[c] && open[c] >= 0 &&
                                 (g.cells[c].empty() || continues_label(g, c, columns, open));
      if (same_as_above) {
        TableCell& owner = t.cells[static_cast<std::size_t>(open[c])];
        owner.row_span = static_cast<int>(r) - owner.row + 1;
        for (const Piece& p : g.cells[c]) {
          owner.lines.emplace_back(piece_text(p));
          owner.places.push_back(CellPlace{p.line, p.begin, p.end});
        }
      } else if (g.cells[c].empty()) {
        open[c] = -1;
      } else {
        t.cells.push_back(make_cell(static_cast<int>(r), c, g.cells[c]));
        open[c] = static_cast<int>(t.cells.size()) - 1;
      }
    }
  }
  for (const GridRow& g : rows) t.row_lines.push_back(g.line);
  t.first_page = doc_.lines[t.row_lines.front()].page;
  t.last_page = doc_.lines[t.row_lines.back()].page;
  return t;
}

std::optional<Table> TextTableFinder::finish(Draft d) {
  find_header(d);
  if (!acceptable(d)) return std::nullopt;
  drop_repeated_headers(d);
  const Columns columns = column_types(d);
  std::vector<GridRow> rows = join_wraps(d, columns);
  if (rows.size() < 2) return std::nullopt;
  Table table = emit(d, columns, rows);
  for (const GridRow& g : rows)
    if (g.ambiguous)
      for (std::size_t l : g.lines) doc_.lines[l].reading = Reading::kRepairedWrap;
  return table;
}

std::vector<Table> TextTableFinder::run() {
  std::vector<Table> tables;
  std::size_t i = 0;
  while (i < info_.size()) {
    const LineKind kind = info_[i].kind;
    std::optional<Table> table;
    std::size_t next = i + 1;
    if (kind == LineKind::kTab || kind == LineKind::kPipe) {
      const Block b = collect_delimited(i);
      if (std::optional<Draft> d = draft_delimited(b)) table = finish(std::move(*d));
      if (table) next = b.end;
    } else if (kind == LineKind::kSpaced) {
      const Block b = collect_spaced(i);
      if (std::optional<Draft> d = draft_spaced(b)) table = finish(std::move(*d));
      if (table) next = b.end;
    } else if (kind == LineKind::kSingle) {
      if (auto found = draft_cell_lines(i)) {
        table = finish(std::move(found->first));
        if (table) next = found->second;
      }
    }
    if (table) tables.push_back(std::move(*table));
    i = std::max(next, i + 1);
  }
  return tables;
}

}  // namespace

bool is_page_number_line(std::string_view line) { return page_number(trimmed(line)); }

void mark_page_furniture(Document& doc) {
  std::vector<char> page_break(doc.lines.size(), 0);
  for (std::size_t i = 0; i < doc.lines.size(); ++i) {
    const std::string_view text = doc.line_text(i);
    const bool form_feed = text.find('\f') != std::string_view::npos;
    const std::string_view t = trimmed(text);
    const bool number = page_number(t);
    if (number || (form_feed && t.empty())) doc.lines[i].furniture = true;
    page_break[i] = number || form_feed ? 1 : 0;
  }
  mark_running_titles(doc, page_break);
}

std::vector<Table> find_text_tables(Document& doc) { return TextTableFinder(doc).run(); }

void read_text_tables(Document& doc) {
  mark_page_furniture(doc);
  doc.tables = find_text_tables(doc);
}

}  // namespace jixiao::extract
