// OCR readings of an indicator's name, weighed against the document's own.
//
// A scanned report writes most indicator names more than once: a row of the
// score table, a narrative statement ("（2）“三公经费”变动率（指标分值5分，评价
// 得分5分）"), the prose around them. The indicator takes its name from the
// table; when OCR misreads a character of the table's cell (一公经费"变动率,
// 文物巡查材盖率, 无障碍改造验收合和格率) and reads it right elsewhere, the tree
// carries the misreading although the page holds a better one. This pass
// decides which reading the indicator keeps. Other readings come from:
//
//  - the indicator's own statement (the statement reader tied them: same
//    figures), when the two names differ as a misreading does: the same
//    characters but for one or two ideographs read as others (a character
//    per four at most), or only in marks;
//  - anywhere in the document, when OCR doubted a character or two of the
//    cell: a reading that agrees with every character OCR was sure of and
//    differs only where it doubted (one ideograph for another, or one fewer:
//    a character read into two).
//
// Two kinds of evidence must agree before another reading replaces the
// table's: Tesseract was surer of its differing characters, and the
// document writes the pairs of characters it brings elsewhere, at least
// twice and more than twice as often as those the table's brings (a
// misreading is a slip of one place; the right words recur: 三公经费 in the
// prose, 覆盖 in another sentence). Confidence alone is not enough: the
// model read 国定资产 at 99.5 where the table's 固定资产 had 85.
//
// A name left with one quotation mark (“ lost, ” read as '"') gets its pair
// where the document itself opens or closes that quotation.
//
// A name printed two ways in a text layer is the report's own, never
// repaired. Where the evidence is short, the table's reading stays.
// Observations keep what they printed, so an auditor sees both readings.

#include <algorithm>
#include <cctype>
#include <cstddef>
#include <string>
#include <vector>

#include "builder.h"
#include "jixiao/extract/utf8.h"
#include "jixiao/text/text.h"

namespace jixiao::normalize::internal {
namespace {

using model::Observation;
using model::SourceKind;
using text::is_ideograph;

// The document must write the pairs a reading's own characters make at
// least this often elsewhere, and more than this many times as often as
// the other reading's, for the reading to be taken: a single repeat may be
// the same slip made twice (支付 read 文付 in two places).
constexpr int kMinRepeats = 2;
constexpr int kRepeatRatio = 2;

// A character of a name: its code point and bytes within the name.
struct NameChar {
  char32_t code = 0;
  std::size_t begin = 0, end = 0;
};

// The code point at byte `at` of `line` (0 past its end), and the byte after it.
char32_t code_at(std::string_view line, std::size_t at, std::size_t* next = nullptr) {
  if (at >= line.size()) return 0;
  std::size_t j = at + 1;
  while (j < line.size() && extract::is_utf8_continuation(line[j])) ++j;
  if (next) *next = j;
  return text::to_u32(line.substr(at, j - at)).front();
}
// The code point that ends before byte `at` (0 at the line's start).
char32_t code_before(std::string_view line, std::size_t at) {
  return at == 0 ? 0 : code_at(line, extract::utf8_floor(line, at - 1));
}

std::vector<NameChar> chars_of(std::string_view name) {
  std::vector<NameChar> out;
  for (std::size_t i = 0, j = 0; i < name.size(); i = j) out.push_back(NameChar{code_at(name, i, &j), i, j});
  return out;
}

// What a name is read by apart from its marks: ideographs, letters, digits.
bool is_word_char(char32_t c) { return is_ideograph(c) || (c < 0x80 && std::isalnum(static_cast<int>(c))); }

// Which characters of `a` and of `b` the longest common subsequence leaves out.
void unmatched(const std::vector<NameChar>& a, const std::vector<NameChar>& b, std::vector<bool>& out_a,
               std::vector<bool>& out_b) {
  const std::size_t n = a.size(), m = b.size();
  std::vector<std::vector<int>> lcs(n + 1, std::vector<int>(m + 1, 0));
  for (std::size_t i = n; i-- > 0;)
    for (std::size_t j = m; j-- > 0;)
      lcs[i][j] = a[i].code == b[j].code ? lcs[i + 1][j + 1] + 1 : std::max(lcs[i + 1][j], lcs[i][j + 1]);
  out_a.assign(n, true);
  out_b.assign(m, true);
  for (std::size_t i = 0, j = 0; i < n && j < m;) {
    if (a[i].code == b[j].code) out_a[i++] = false, out_b[j++] = false;
    else if (lcs[i + 1][j] >= lcs[i][j + 1]) ++i;
    else ++j;
  }
}

// True when `a` and `b` differ as one misreads the other: their word
// characters equal but for a few ideographs read as other ideographs, in
// place, or equal outright (they differ in marks only).
bool differ_as_a_misreading(const std::vector<NameChar>& a, const std::vector<NameChar>& b) {
  std::u32string wa, wb;
  for (const NameChar& c : a)
    if (is_word_char(c.code)) wa += c.code;
  for (const NameChar& c : b)
    if (is_word_char(c.code)) wb += c.code;
  if (wa.size() != wb.size() || wa.size() < 4) return false;
  std::size_t differing = 0;
  for (std::size_t k = 0; k < wa.size(); ++k) {
    if (wa[k] == wb[k]) continue;
    if (!is_ideograph(wa[k]) || !is_ideograph(wb[k])) return false;
    ++differing;
  }
  return differing <= 2 && 4 * differing <= wa.size();
}

// How sure OCR was of the characters of `name` that `out` marks (all of
// them when it marks none), where `name` stands in `o`'s span: the least
// confidence among them; -1 when the span does not hold the name as printed
// or holds no OCR'd character.
float sureness(const NormalizedDocument& doc, const Observation& o, const std::vector<NameChar>& name,
               const std::vector<bool>& out) {
  const std::size_t at = o.span.text.find(o.name);
  if (at == std::string::npos) return -1;
  const bool any = std::find(out.begin(), out.end(), true) != out.end();
  float least = -1;
  for (std::size_t k = 0; k < name.size(); ++k) {
    if (any && !out[k]) continue;
    const std::size_t begin = o.span.begin + at + name[k].begin, end = o.span.begin + at + name[k].end;
    const float c = doc.original.least_confidence(begin, end);
    if (c < 0) return -1;
    if (least < 0 || c < least) least = c;
  }
  return least;
}

// How many times `what` stands in `text`, overlapping or not.
int count_of(std::string_view text, std::string_view what) {
  int n = 0;
  for (std::size_t at = text.find(what); at != std::string_view::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

// How often the document writes, outside `a` itself, the pairs of adjacent
// characters `a` has and `b` lacks: the words a reading brings that the
// other does not (覆盖 for 材盖; 合格 for 合和格).
int new_pairs_seen(std::string_view text, std::string_view a, const std::vector<NameChar>& chars_a,
                   std::string_view b) {
  int count = 0;
  for (std::size_t k = 0; k + 1 < chars_a.size(); ++k) {
    const std::string_view pair = a.substr(chars_a[k].begin, chars_a[k + 1].end - chars_a[k].begin);
    if (b.find(pair) != std::string_view::npos) continue;
    count += std::max(0, count_of(text, pair) - count_of(a, pair));
  }
  return count;
}

// True when the document's words take `other` over `table`'s reading: it
// brings pairs the document writes at least kMinRepeats times and more than
// kRepeatRatio times as often as the pairs the table's reading brings.
bool words_favour(std::string_view text, const std::vector<NameChar>& table_chars, std::string_view table,
                  const std::vector<NameChar>& other_chars, std::string_view other) {
  const int table_seen = new_pairs_seen(text, table, table_chars, other);
  const int other_seen = new_pairs_seen(text, other, other_chars, table);
  return other_seen >= kMinRepeats && other_seen > kRepeatRatio * table_seen;
}

bool same_figures(const Observation& a, const Observation& b) {
  return a.max && b.max && a.score && b.score && *a.max == *b.max && *a.score == *b.score;
}

// A reading of the name the indicator may take, and how sure OCR was of its
// characters that differ from the table's.
struct Candidate {
  std::string name;
  float sureness = -1;
};

// The indicator's narrative statements: readings with its figures.
void statement_readings(const NormalizedDocument& doc, const Observation& table, const std::vector<NameChar>& printed,
                        const model::Indicator& indicator, std::vector<Candidate>& out) {
  for (const Observation& o : indicator.observations) {
    if (o.kind != SourceKind::kNarrative || o.name == table.name || !same_figures(o, table)) continue;
    const std::vector<NameChar> other = chars_of(o.name);
    if (!differ_as_a_misreading(printed, other)) continue;
    std::vector<bool> out_table, out_other;
    unmatched(printed, other, out_table, out_other);
    const float table_sure = sureness(doc, table, printed, out_table);
    const float other_sure = sureness(doc, o, other, out_other);
    if (table_sure < 0 || other_sure <= table_sure) continue;
    if (!words_favour(doc.original.text, printed, table.name, other, o.name)) continue;
    out.push_back(Candidate{o.name, other_sure});
  }
}

// ---- Readings elsewhere in the document ----------------------------------------
//
// A statement is not the only other place a name is written: a heading, the
// narrative's account of the work, a second table. When the table's reading
// has a character or two OCR doubted, the document is searched for a reading
// that agrees with every character OCR was sure of and fills the doubted
// places (with another ideograph, two, or none: a character read as two, or
// one read twice). The same two kinds of evidence decide.

// OCR characters read with less confidence than this are the places a
// misreading may hide; the search lets other readings differ only there.
constexpr float kDoubtful = 70;

// A name as a pattern: runs of the characters OCR was sure of, as printed,
// and slots where it doubted (`slot` characters in a row).
struct Piece {
  std::string literal;
  std::size_t slot = 0;
};

// True when what follows byte `at` of `line` ends a name: a statement's
// bracket of figures, a table's cell boundary, the line's end.
bool ends_a_name(std::string_view line, std::size_t at) {
  const char32_t c = code_at(line, at);
  return c == 0 || c == U'\t' || c == U'(' || c == U'\uFF08';
}

// Calls found(end) for each way pieces[p..] match `line` from byte `at`.
// A slot of n doubted characters takes n ideographs, or n - 1 (OCR reads a
// character into two more often than two into one). Where the name's first
// or last character is doubted, only the confident side anchors the
// reading, so the reading must stand as a name (the run of ideographs
// before it ended, a bracket of figures or a cell's end after it): prose
// that goes on from the sure characters (资金到位后) is not a reading of
// 资金到位率.
template <typename Found>
void match_from(std::string_view line, std::size_t at, const std::vector<Piece>& pieces, std::size_t p,
                Found&& found) {
  if (p == pieces.size()) {
    if (pieces.back().slot == 0 || ends_a_name(line, at)) found(at);
    return;
  }
  const Piece& piece = pieces[p];
  if (piece.slot == 0) {
    if (line.substr(at, piece.literal.size()) == piece.literal)
      match_from(line, at + piece.literal.size(), pieces, p + 1, found);
    return;
  }
  std::size_t pos = at;
  for (std::size_t n = 0; n <= piece.slot; ++n) {
    if (n + 1 >= piece.slot) match_from(line, pos, pieces, p + 1, found);
    std::size_t next = pos;
    if (n == piece.slot || !is_ideograph(code_at(line, pos, &next))) return;
    pos = next;
  }
}

// The pattern of `name`, given each character's confidence; empty when OCR
// doubted none of it, or too much of it for the rest to say which name it is.
std::vector<Piece> pattern_of(std::string_view name, const std::vector<NameChar>& chars,
                              const std::vector<float>& confidence) {
  std::size_t doubted = 0, words = 0;
  for (std::size_t k = 0; k < chars.size(); ++k) {
    words += is_word_char(chars[k].code) ? 1 : 0;
    doubted += confidence[k] < kDoubtful ? 1 : 0;
  }
  if (doubted == 0 || doubted > 4 || words < 4 || 2 * doubted > words) return {};
  std::vector<Piece> pieces;
  for (std::size_t k = 0; k < chars.size(); ++k) {
    const bool slot = confidence[k] < kDoubtful;
    if (pieces.empty() || (pieces.back().slot > 0) != slot) pieces.emplace_back();
    if (slot) ++pieces.back().slot;
    else pieces.back().literal += name.substr(chars[k].begin, chars[k].end - chars[k].begin);
  }
  return pieces;
}

// Weighs bytes [b, e) of normalized line `l`, a reading of the table's name
// found elsewhere, and adds it to `out` when the evidence takes it.
void weigh_reading(const NormalizedDocument& doc, const Observation& table, const std::vector<NameChar>& printed,
                   std::size_t l, std::size_t b, std::size_t e, std::vector<Candidate>& out) {
  const std::string_view reading = std::string_view(doc.lines[l].text).substr(b, e - b);
  if (reading.empty() || reading == table.name) return;
  const std::size_t line_begin = doc.original.lines[l].begin;
  const std::vector<NameChar> other = chars_of(reading);
  std::vector<bool> out_table, out_other;
  unmatched(printed, other, out_table, out_other);
  float other_sure = 100;  // a reading that only drops doubted characters adds none
  for (std::size_t k = 0; k < other.size(); ++k) {
    if (!out_other[k]) continue;
    const auto [cb, ce] = doc.lines[l].original_range(b + other[k].begin, b + other[k].end);
    const float c = doc.original.least_confidence(line_begin + cb, line_begin + ce);
    other_sure = std::min(other_sure, c < 0 ? 100.0f : c);  // print is read exactly
  }
  const float table_sure = sureness(doc, table, printed, out_table);
  if (table_sure < 0 || other_sure <= table_sure) return;
  if (!words_favour(doc.original.text, printed, table.name, other, reading)) return;
  out.push_back(Candidate{std::string(reading), other_sure});
}

// Readings of the table's name elsewhere in the document that differ from it
// only where OCR doubted it.
void readings_elsewhere(const NormalizedDocument& doc, const Observation& table, const std::vector<NameChar>& printed,
                        std::vector<Candidate>& out) {
  const std::size_t at = table.span.text.find(table.name);
  if (at == std::string::npos) return;
  const std::size_t name_begin = table.span.begin + at, name_end = name_begin + table.name.size();
  std::vector<float> confidence;
  for (const NameChar& c : printed) confidence.push_back(doc.original.least_confidence(name_begin + c.begin, name_begin + c.end));
  if (std::any_of(confidence.begin(), confidence.end(), [](float c) { return c < 0; })) return;
  const std::vector<Piece> pieces = pattern_of(table.name, printed, confidence);
  if (pieces.empty()) return;
  const std::string& anchor = std::max_element(pieces.begin(), pieces.end(), [](const Piece& a, const Piece& b) {
                                return a.literal.size() < b.literal.size();
                              })->literal;
  for (std::size_t l = 0; l < doc.lines.size(); ++l) {
    const std::string_view line = doc.lines[l].text;
    if (line.find(anchor) == std::string_view::npos) continue;
    const std::size_t line_begin = doc.original.lines[l].begin;
    for (std::size_t b = 0; b < line.size(); ++b) {
      if (extract::is_utf8_continuation(line[b])) continue;
      if (pieces.front().slot > 0 && is_ideograph(code_before(line, b))) continue;
      match_from(line, b, pieces, 0, [&](std::size_t e) {
        const auto [ob, oe] = doc.lines[l].original_range(b, e);
        if (line_begin + ob >= name_end || line_begin + oe <= name_begin)  // not the cell itself
          weigh_reading(doc, table, printed, l, b, e, out);
      });
    }
  }
}

// The reading `indicator` should take its name from, or an empty string.
std::string surer_reading(const NormalizedDocument& doc, const model::Indicator& indicator) {
  const auto table = std::find_if(indicator.observations.begin(), indicator.observations.end(), [&](const Observation& o) {
    return o.kind == SourceKind::kResultsTable && o.name == indicator.name;
  });
  if (table == indicator.observations.end()) return {};
  const std::vector<NameChar> printed = chars_of(table->name);
  std::vector<Candidate> candidates;
  statement_readings(doc, *table, printed, indicator, candidates);
  if (candidates.empty()) readings_elsewhere(doc, *table, printed, candidates);
  if (candidates.empty()) return {};
  // Readings of one name two ways elsewhere: the surest, if they disagree.
  const auto best = std::max_element(candidates.begin(), candidates.end(),
                                     [](const Candidate& a, const Candidate& b) { return a.sureness < b.sureness; });
  return best->name;
}

// ---- A quotation mark OCR lost -------------------------------------------------
//
// Names quote their key term (“三公经费”变动率, “放管服”改革率), and OCR often
// loses one of the two marks or reads it as '"'. A name left with one mark
// is restored where the document itself opens (or closes) that quotation:
// of the places the lost mark could stand (before each character of the run
// of words the other mark ends), the one the document writes at least
// kMinRepeats times and more than kRepeatRatio times as often as any other.

constexpr char32_t kOpen = U'\u201C', kClose = U'\u201D', kStraight = U'"';
constexpr std::string_view kOpenMark = "\u201C", kCloseMark = "\u201D";

// `name` with its one quotation mark given its pair, or an empty string.
std::string with_quote_restored(std::string_view text, std::string_view name) {
  const std::vector<NameChar> chars = chars_of(name);
  std::vector<std::size_t> marks;
  for (std::size_t k = 0; k < chars.size(); ++k)
    if (chars[k].code == kOpen || chars[k].code == kClose || chars[k].code == kStraight) marks.push_back(k);
  // A pair with a straight mark in it: the pair's own marks.
  if (marks.size() == 2 && chars[marks[0]].code != kClose && chars[marks[1]].code != kOpen &&
      (chars[marks[0]].code == kStraight || chars[marks[1]].code == kStraight)) {
    std::string out(name);
    out.replace(chars[marks[1]].begin, chars[marks[1]].end - chars[marks[1]].begin, kCloseMark);
    out.replace(chars[marks[0]].begin, chars[marks[0]].end - chars[marks[0]].begin, kOpenMark);
    return out;
  }
  if (marks.size() != 1) return {};
  const std::size_t k = marks.front();
  // Which way the mark may face: a straight one either way it has words to quote.
  const bool words_before = k > 0 && is_word_char(chars[k - 1].code);
  const bool words_after = k + 1 < chars.size() && is_word_char(chars[k + 1].code);
  const bool may_close = chars[k].code == kClose || (chars[k].code == kStraight && words_before);
  const bool may_open = chars[k].code == kOpen || (chars[k].code == kStraight && words_after);
  // Each place the lost mark may stand (before character `at` when the mark
  // closes, after it when it opens), with how often the document writes the
  // pair's mark against the (up to) two characters it would quote there.
  struct Place {
    std::size_t at;
    bool closes;
  };
  Place best{0, false};
  int best_count = -1, runner_up = 0;
  auto weigh = [&](Place place, const std::string& quoted) {
    const int n = count_of(text, quoted);
    if (n > best_count) runner_up = std::max(best_count, 0), best_count = n, best = place;
    else runner_up = std::max(runner_up, n);
  };
  const auto bytes = [&](std::size_t from, std::size_t to) {  // characters [from, to]
    return std::string(name.substr(chars[from].begin, chars[to].end - chars[from].begin));
  };
  if (may_close)
    for (std::size_t j = k; j > 0 && is_word_char(chars[j - 1].code); --j)
      weigh({j - 1, true}, std::string(kOpenMark) + bytes(j - 1, std::min(j, k - 1)));
  if (may_open)
    for (std::size_t j = k + 1; j < chars.size() && is_word_char(chars[j].code); ++j)
      weigh({j, false}, bytes(std::max(j, k + 2) - 1, j) + std::string(kCloseMark));
  if (best_count < kMinRepeats || best_count <= kRepeatRatio * runner_up) return {};
  std::string out;
  for (std::size_t c = 0; c < chars.size(); ++c) {
    if (best.closes && c == best.at) out += kOpenMark;
    if (c == k) out += best.closes ? kCloseMark : kOpenMark;
    else out += name.substr(chars[c].begin, chars[c].end - chars[c].begin);
    if (!best.closes && c == best.at) out += kCloseMark;
  }
  return out;
}

// True when OCR read the table row that names `indicator`.
bool read_by_ocr(const NormalizedDocument& doc, const model::Indicator& indicator) {
  return std::any_of(indicator.observations.begin(), indicator.observations.end(), [&](const Observation& o) {
    return o.kind == SourceKind::kResultsTable && o.name == indicator.name &&
           doc.original.least_confidence(o.span.begin, o.span.end) >= 0;
  });
}

}  // namespace

void settle_ocr_names(const NormalizedDocument& doc, model::Report& report) {
  for (std::size_t i = 0; i < report.indicators.size(); ++i) {
    model::Indicator& indicator = report.indicators[i];
    if (!read_by_ocr(doc, indicator)) continue;
    std::string surer = surer_reading(doc, indicator);
    if (surer.empty()) surer = indicator.name;
    if (std::string restored = with_quote_restored(doc.doc.text, surer); !restored.empty()) surer = restored;
    if (surer == indicator.name) continue;
    // An indicator of that name already: two indicators, not two readings.
    const std::string key = text::name_key(surer);
    const bool taken = std::any_of(report.indicators.begin(), report.indicators.end(),
                                   [&](const model::Indicator& other) { return &other != &indicator && text::name_key(other.name) == key; });
    if (!taken) indicator.name = surer;
  }
}

}  // namespace jixiao::normalize::internal
