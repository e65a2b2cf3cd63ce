// Two OCR readings of one indicator's name, weighed by Tesseract's confidence.
//
// A scanned report states most indicators twice: a row of the score table
// and a narrative statement ("（2）“三公经费”变动率（指标分值5分，评价得分5
// 分）"). The indicator takes its name from the table; when OCR misreads a
// character of the table's cell (一公经费"变动率, 文物巡查材盖率) and reads the
// statement right, the tree carries the misreading although the page holds a
// better one. The statement reader already ties the two together (same name
// with quotes and spaces folded, or the most similar sibling); this pass
// decides which reading of the name the indicator keeps.
//
// Only when both are OCR'd, state the same max and score, and differ as a
// misreading does: the same characters but for one or two ideographs read as
// other ideographs (a character per four at most), or only in marks (a quote
// lost or read as '"'). A name printed two ways in a text layer is the
// report's own, never repaired. Two kinds of evidence must agree before the
// statement's reading replaces the table's: Tesseract was surer of its
// differing characters, and the document writes the pairs they make with
// their neighbours elsewhere, at least twice and more than twice as often
// as the table's (a misreading is a slip of one place; the right words
// recur: 三公经费 in the prose, 覆盖 in another sentence). Confidence alone
// is not enough: the model read 国定资产 at 99.5 where the table's 固定资产 had
// 85. Where the evidence is short, the table's reading stays. Observations
// keep what they printed, so an auditor sees both readings.

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

std::vector<NameChar> chars_of(std::string_view name) {
  std::vector<NameChar> out;
  for (std::size_t i = 0; i < name.size();) {
    std::size_t j = i + 1;
    while (j < name.size() && extract::is_utf8_continuation(name[j])) ++j;
    out.push_back(NameChar{text::to_u32(name.substr(i, j - i)).front(), i, j});
    i = j;
  }
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

// How often the document reads, outside this name, the pairs each character
// of `name` that `out` marks makes with its neighbours.
int repeated_elsewhere(std::string_view text, std::string_view name, const std::vector<NameChar>& chars,
                       const std::vector<bool>& out) {
  int count = 0;
  auto occurrences = [&](std::string_view pair) {
    int n = 0;
    for (std::size_t at = text.find(pair); at != std::string_view::npos; at = text.find(pair, at + 1)) ++n;
    int own = 0;
    for (std::size_t at = name.find(pair); at != std::string_view::npos; at = name.find(pair, at + 1)) ++own;
    return std::max(0, n - own);
  };
  for (std::size_t k = 0; k < chars.size(); ++k) {
    if (!out[k]) continue;
    if (k > 0) count += occurrences(name.substr(chars[k - 1].begin, chars[k].end - chars[k - 1].begin));
    if (k + 1 < chars.size()) count += occurrences(name.substr(chars[k].begin, chars[k + 1].end - chars[k].begin));
  }
  return count;
}

bool same_figures(const Observation& a, const Observation& b) {
  return a.max && b.max && a.score && b.score && *a.max == *b.max && *a.score == *b.score;
}

// The narrative reading `indicator` should take its name from, or null.
const Observation* surer_reading(const NormalizedDocument& doc, const model::Indicator& indicator) {
  const auto table = std::find_if(indicator.observations.begin(), indicator.observations.end(), [&](const Observation& o) {
    return o.kind == SourceKind::kResultsTable && o.name == indicator.name;
  });
  if (table == indicator.observations.end()) return nullptr;
  const std::vector<NameChar> printed = chars_of(table->name);
  const Observation* best = nullptr;
  float best_sureness = -1;
  for (const Observation& o : indicator.observations) {
    if (o.kind != SourceKind::kNarrative || o.name == table->name || !same_figures(o, *table))
      continue;
    const std::vector<NameChar> other = chars_of(o.name);
    if (!differ_as_a_misreading(printed, other)) continue;
    std::vector<bool> out_table, out_other;
    unmatched(printed, other, out_table, out_other);
    const float table_sure = sureness(doc, *table, printed, out_table);
    const float other_sure = sureness(doc, o, other, out_other);
    if (table_sure < 0 || other_sure <= table_sure || other_sure <= best_sureness) continue;
    const int table_seen = repeated_elsewhere(doc.original.text, table->name, printed, out_table);
    const int other_seen = repeated_elsewhere(doc.original.text, o.name, other, out_other);
    if (other_seen < kMinRepeats || other_seen <= kRepeatRatio * table_seen) continue;
    best = &o;
    best_sureness = other_sure;
  }
  return best;
}

}  // namespace

void settle_ocr_names(const NormalizedDocument& doc, model::Report& report) {
  for (std::size_t i = 0; i < report.indicators.size(); ++i) {
    model::Indicator& indicator = report.indicators[i];
    const Observation* surer = surer_reading(doc, indicator);
    if (!surer) continue;
    // A sibling of that name already: two indicators, not two readings.
    const std::string key = text::name_key(surer->name);
    const std::vector<int> siblings = report.children(indicator.parent);
    const bool taken = std::any_of(siblings.begin(), siblings.end(), [&](int s) {
      return static_cast<std::size_t>(s) != i && text::name_key(report.indicators[static_cast<std::size_t>(s)].name) == key;
    });
    if (!taken) indicator.name = surer->name;
  }
}

}  // namespace jixiao::normalize::internal
