// A self-evaluation form whose cells came out of an xls or docx conversion
// glued together with no separator at all:
//
//     一级指标二级指标三级指标年度指标值实际完成值分值得分
//     产出指标数量指标危房改造户数≥45户46户3030
//     年度资金总额9090881097.78%9.78
//
// A header line is read by its words: it must be made of three or more known
// header words (after one leading label, 项目资金（万元）). A row under it is
// split only where the arithmetic of the row leaves exactly one split:
//
// - an indicator row ends in its 分值 and 得分 run together ("3030"): of the
//   ways to cut the digits in two, only those where each part is a plain
//   number, the score at most the max and the max at most 100 remain, and a
//   row is read only when one remains ("3030" is 30 | 30; "303" stays
//   unread: 30 | 3 and 3 | 03 … only one is plain, but "1010" -> 10 | 10,
//   "109.5" -> 10 | 9.5). Its words before the figures are cut by the level
//   names the national framework uses (产出指标, 数量指标 …) and then into a
//   name and the target and actual: the target opens with a comparator or a
//   digit, or the two are one phrase said twice (明显提升明显提升);
// - a budget row ends in its amounts, 分值, 执行率 and 得分: the rate is
//   anchored by its "%", and of the cuts of the digits before it into the
//   header's amount columns and 分值, only those where 执行数 / 预算数 gives
//   the printed rate and 分值 × 执行率 the printed 得分 remain; one must.
//
// Every split is a guess: the lines read here are marked kSplitCells, so a
// finding resting on them is at most a warning that says so. A row that
// leaves no split or several is not read.

#include "form_glued.h"

#include <algorithm>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "jixiao/text/decimal.h"
#include "jixiao/text/text.h"
#include "vocabulary.h"

namespace jixiao::normalize::internal {
namespace {

using text::Decimal;
using text::name_key;

// Longer lines are prose, not a glued row; the search below is quadratic in it.
constexpr std::size_t kMaxGluedLine = 400;
constexpr std::size_t kMinHeaderWords = 3;

bool is_ascii_digit(char c) { return c >= '0' && c <= '9'; }

std::optional<vocabulary::Column> score_column(std::string_view word) {
  std::string key = name_key(word);
  for (std::string_view unit : {"(万元)", "(元)", "(分)", "(%)"})
    if (key.size() > unit.size() && key.ends_with(unit)) key.resize(key.size() - unit.size());
  for (const auto& w : vocabulary::kScoreHeaderWords)
    if (key == w.key) return w.column;
  for (const auto& w : vocabulary::kFormHeaderWords)
    if (key == w.key) return w.column;
  return std::nullopt;
}

std::optional<vocabulary::FormBudgetColumn> budget_column(std::string_view word) {
  std::string key = name_key(word);
  for (std::string_view unit : {"(万元)", "(元)", "(%)"})
    if (key.size() > unit.size() && key.ends_with(unit)) key.resize(key.size() - unit.size());
  for (const auto& w : vocabulary::kFormBudgetWords)
    if (key == w.key) return w.column;
  return std::nullopt;
}

bool is_header_word(std::string_view word) { return score_column(word) || budget_column(word); }

// The lengths of the header words at `at`. A byte at a time is enough: header
// words are short and a line is at most kMaxGluedLine bytes.
std::vector<std::size_t> header_words_at(std::string_view line, std::size_t at) {
  std::vector<std::size_t> out;
  for (std::size_t len = 1; len <= std::min<std::size_t>(line.size() - at, 48); ++len)
    if (is_header_word(line.substr(at, len))) out.push_back(len);
  return out;
}

// The line as header words to its end from `from`, or nothing. Of the ways to
// cut it, the one with the most words: "执行率得分" is one header word of some
// forms, but "执行率" and "得分" side by side are two columns.
std::optional<std::vector<GluedPiece>> header_words_from(std::string_view line, std::size_t from) {
  const std::size_t n = line.size();
  constexpr int kNone = -1;
  std::vector<int> most(n + 1, kNone);  // most words from i to the end
  std::vector<std::size_t> take(n + 1, 0);
  most[n] = 0;
  for (std::size_t i = n; i-- > from;)
    for (std::size_t len : header_words_at(line, i))
      if (most[i + len] != kNone && most[i + len] + 1 > most[i]) {
        most[i] = most[i + len] + 1;
        take[i] = len;
      }
  if (most[from] == kNone) return std::nullopt;
  std::vector<GluedPiece> out;
  for (std::size_t at = from; at < n; at += take[at]) out.push_back({at, at + take[at]});
  return out;
}

// A plain number: digits with at most one point inside, no leading zero
// before another digit.
std::optional<Decimal> plain_number(std::string_view s) {
  if (s.empty() || s.front() == '.' || s.back() == '.') return std::nullopt;
  if (s.size() > 1 && s[0] == '0' && s[1] != '.') return std::nullopt;
  if (std::count(s.begin(), s.end(), '.') > 1) return std::nullopt;
  return Decimal::parse(s);
}

// Where the trailing run of digits and points of `line` starts.
std::size_t trailing_figures(std::string_view line) {
  std::size_t b = line.size();
  while (b > 0 && (is_ascii_digit(line[b - 1]) || line[b - 1] == '.')) --b;
  return b;
}

// The one cut of "3030" into max | score, or nothing.
std::optional<std::size_t> max_score_cut(std::string_view digits) {
  static const Decimal kHundred = Decimal::from_int(100);
  std::optional<std::size_t> found;
  for (std::size_t cut = 1; cut < digits.size(); ++cut) {
    const auto max = plain_number(digits.substr(0, cut));
    const auto score = plain_number(digits.substr(cut));
    if (!max || !score || max->is_zero() || *max > kHundred || *score > *max) continue;
    if (found) return std::nullopt;  // two readings: leave it
    found = cut;
  }
  return found;
}

// The level names at the start of an indicator row's words (产出指标, 数量指标 …).
std::size_t level_name_at(std::string_view line, std::size_t at) {
  std::size_t best = 0;
  for (const auto& p : vocabulary::kLevel2Parents) {
    for (std::string_view name : {p.level1, p.level2}) {
      // A level-2 key is contained in its name ("社会效益" in 社会效益指标): take the name up to 指标.
      const std::string_view rest = line.substr(at);
      if (!rest.starts_with(name)) continue;
      std::size_t len = name.size();
      if (!name.ends_with("指标") && rest.substr(len).starts_with("指标")) len += std::string_view("指标").size();
      best = std::max(best, len);
    }
  }
  return best;
}

constexpr std::string_view kComparators[] = {"≥", "≤", "＞", "＜", ">", "<", "=", "＝", "﹦"};

std::size_t comparator_length(std::string_view s) {
  for (std::string_view c : kComparators)
    if (s.starts_with(c)) return c.size();
  return 0;
}

bool starts_target(std::string_view s) { return comparator_length(s) > 0 || (!s.empty() && is_ascii_digit(s.front())); }

// name | target | actual of an indicator row's words after its level names.
std::optional<std::vector<GluedPiece>> name_target_actual(std::string_view line, std::size_t from, std::size_t to) {
  const std::string_view words = line.substr(from, to - from);
  // One phrase said twice at the end: 明显提升明显提升.
  const auto boundary = [&](std::size_t at) { return (static_cast<unsigned char>(words[at]) & 0xC0) != 0x80; };
  for (std::size_t len = words.size() / 2; len >= 3; --len) {
    const std::string_view a = words.substr(words.size() - 2 * len, len), b = words.substr(words.size() - len);
    if (a != b || words.size() <= 2 * len || !boundary(words.size() - 2 * len) || !boundary(words.size() - len))
      continue;
    // "巡查次数≥12次12次" is a target ≥12次 and an actual 12次, not 12次 twice.
    const std::string_view name = words.substr(0, words.size() - 2 * len);
    if (std::any_of(std::begin(kComparators), std::end(kComparators),
                    [&](std::string_view c) { return name.ends_with(c); }))
      break;
    return std::vector<GluedPiece>{{from, to - 2 * len}, {to - 2 * len, to - len}, {to - len, to}};
  }
  // The target opens at the first comparator or digit; the actual at the next
  // comparator or digit after the target's unit.
  std::size_t t = 0;
  while (t < words.size() && !starts_target(words.substr(t))) ++t;
  if (t == 0 || t == words.size()) return std::nullopt;
  std::size_t a = t + comparator_length(words.substr(t));
  while (a < words.size() && (is_ascii_digit(words[a]) || words[a] == '.')) ++a;  // the target's number
  while (a < words.size() && !starts_target(words.substr(a))) ++a;                // its unit
  if (a == words.size()) return std::nullopt;
  return std::vector<GluedPiece>{{from, from + t}, {from + t, from + a}, {from + a, to}};
}

// An indicator row: [levels] name target actual max score, with `pad` empty
// cells before it so that max and score stand under 分值 and 得分.
std::optional<GluedRow> indicator_row(std::string_view line, const GluedHeader& h) {
  const std::size_t figures = trailing_figures(line);
  if (figures == 0 || figures == line.size()) return std::nullopt;
  const std::string_view digits = line.substr(figures);
  const auto cut = max_score_cut(digits);
  if (!cut) return std::nullopt;
  GluedRow row;
  std::size_t at = 0;
  for (int level = 0; level < 2; ++level) {
    const std::size_t len = level_name_at(line, at);
    if (len == 0) break;
    row.pieces.push_back({at, at + len});
    at += len;
  }
  // A total row: its label and the two figures.
  const std::string_view label = line.substr(0, figures);
  if (std::any_of(std::begin(vocabulary::kTotalLabels), std::end(vocabulary::kTotalLabels),
                  [&](std::string_view w) { return name_key(label) == w; })) {
    row.pieces = {{0, figures}, {figures, figures + *cut}, {figures + *cut, line.size()}};
    row.keep = 1;
    row.pad = static_cast<std::size_t>(h.max_col) - 1;
  } else {
    const auto nta = name_target_actual(line, at, figures);
    if (!nta) return std::nullopt;
    row.pieces.insert(row.pieces.end(), nta->begin(), nta->end());
    if (row.pieces.size() > static_cast<std::size_t>(h.max_col)) return std::nullopt;
    row.pad = static_cast<std::size_t>(h.max_col) - row.pieces.size();
    row.pieces.push_back({figures, figures + *cut});
    row.pieces.push_back({figures + *cut, line.size()});
  }
  // A remark column after 得分, empty: an empty cell at the end.
  for (int c = h.score_col + 1; c < h.width; ++c) row.pieces.push_back({line.size(), line.size()});
  return row;
}

// A budget row: label, the amounts and 分值 glued, the rate with its "%", the
// score. Every cut of the digits into the amount columns and 分值 is tried.
std::optional<GluedRow> budget_row(std::string_view line, const GluedHeader& h) {
  const std::size_t percent = line.find('%');
  if (percent == std::string_view::npos || h.rate_col < 0) return std::nullopt;
  const std::size_t score_begin = percent + 1;
  const auto score = plain_number(line.substr(score_begin));
  std::size_t figures = percent;
  while (figures > 0 && (is_ascii_digit(line[figures - 1]) || line[figures - 1] == '.')) --figures;
  if (figures == 0) return std::nullopt;
  const std::string_view run = line.substr(figures, percent - figures);
  const int n = h.rate_col - 1;  // cells between the label and the rate
  if (n < 2 || n > 5) return std::nullopt;
  // Cut `run` into n numbers and the rate: positions c_1 < … < c_n.
  std::optional<std::vector<std::size_t>> found;
  bool ambiguous = false;
  std::vector<std::size_t> cuts(static_cast<std::size_t>(n));
  const auto check = [&](const std::vector<std::size_t>& c) {
    std::vector<Decimal> v;
    for (int k = 0; k <= n; ++k) {
      const std::size_t b = k == 0 ? 0 : c[static_cast<std::size_t>(k - 1)];
      const std::size_t e = k == n ? run.size() : c[static_cast<std::size_t>(k)];
      const auto d = plain_number(run.substr(b, e - b));
      if (!d) return;
      v.push_back(*d);
    }
    const Decimal& budget = v[static_cast<std::size_t>(h.budget_col - 1)];
    const Decimal& executed = v[static_cast<std::size_t>(h.executed_col - 1)];
    const Decimal& rate = v.back();
    if (budget.is_zero()) return;
    const auto computed = (executed * Decimal::from_int(100)).divided_by(budget, rate.scale());
    if (!computed || !(*computed == rate)) return;
    if (h.max_col > 0 && score) {
      const Decimal& max = v[static_cast<std::size_t>(h.max_col - 1)];
      const auto expect = (max * rate).divided_by(Decimal::from_int(100), score->scale());
      if (!expect || !(*expect == *score)) return;
    }
    if (found) ambiguous = true;
    found = c;
  };
  // n is at most 5 and a run is short: the cuts are few.
  const auto search = [&](auto&& self, int k, std::size_t from) -> void {
    if (ambiguous) return;
    if (k == n) return check(cuts);
    for (std::size_t p = from + 1; p < run.size(); ++p) {
      cuts[static_cast<std::size_t>(k)] = p;
      self(self, k + 1, p);
    }
  };
  if (run.size() > 40) return std::nullopt;
  search(search, 0, 0);
  if (!found || ambiguous) return std::nullopt;
  GluedRow row;
  row.pieces.push_back({0, figures});
  std::size_t b = figures;
  for (std::size_t c : *found) {
    row.pieces.push_back({b, figures + c});
    b = figures + c;
  }
  row.pieces.push_back({b, score_begin});  // the rate with its "%"
  if (score_begin < line.size()) row.pieces.push_back({score_begin, line.size()});
  return row;
}

std::optional<GluedHeader> header_of(std::string_view line) {
  if (line.size() > kMaxGluedLine || line.find(' ') != std::string_view::npos) return std::nullopt;
  // Made of header words, perhaps after one leading label (项目资金（万元）).
  for (std::size_t from = 0; from < line.size(); ++from) {
    if (from > 0 && !header_words_at(line, 0).empty() && header_words_at(line, 0).back() == from)
      continue;  // a header word is no label
    auto words = header_words_from(line, from);
    if (!words || words->size() < kMinHeaderWords) continue;
    GluedHeader h;
    if (from > 0) h.pieces.push_back({0, from});
    h.pieces.insert(h.pieces.end(), words->begin(), words->end());
    h.width = static_cast<int>(h.pieces.size());
    for (int c = 0; c < h.width; ++c) {
      const std::string_view w = line.substr(h.pieces[c].begin, h.pieces[c].end - h.pieces[c].begin);
      // 分值 and 得分 are words of both blocks: the block is a budget one when
      // its header names a budget, an execution and a rate.
      if (const auto b = budget_column(w)) {
        if (*b == vocabulary::FormBudgetColumn::kBudget) h.budget_col = c;
        if (*b == vocabulary::FormBudgetColumn::kExecuted) h.executed_col = c;
        if (*b == vocabulary::FormBudgetColumn::kRate) h.rate_col = c;
        if (*b == vocabulary::FormBudgetColumn::kMax) h.max_col = c;
        if (*b == vocabulary::FormBudgetColumn::kScore) h.score_col = c;
      }
      if (const auto s = score_column(w)) {
        if (*s == vocabulary::Column::kMax) h.max_col = c;
        if (*s == vocabulary::Column::kScore) h.score_col = c;
      }
    }
    h.budget = h.budget_col >= 0 && h.executed_col >= 0 && h.rate_col >= 0;
    if (!h.budget && (h.max_col < 0 || h.score_col != h.max_col + 1)) return std::nullopt;
    return h;
  }
  return std::nullopt;
}

std::optional<GluedRow> row_of(std::string_view line, const GluedHeader& h) {
  if (line.size() > kMaxGluedLine || line.find(' ') != std::string_view::npos) return std::nullopt;
  return h.budget ? budget_row(line, h) : indicator_row(line, h);
}

// The line with full-width digits, point and percent (３０．５％) made ASCII,
// and where each byte of it stands in the line: the splitting reads ASCII.
struct Folded {
  std::string text;
  std::vector<std::size_t> at;  // at[i]: the line's byte of text[i]; at[size] = line.size()
};

Folded fold(std::string_view line) {
  Folded f;
  for (std::size_t i = 0; i < line.size();) {
    // U+FF10..U+FF19 (０-９), U+FF0E (．), U+FF05 (％): EF BC 90..99, 8E, 85.
    if (i + 2 < line.size() && static_cast<unsigned char>(line[i]) == 0xEF &&
        static_cast<unsigned char>(line[i + 1]) == 0xBC) {
      const unsigned char c = static_cast<unsigned char>(line[i + 2]);
      const char ascii = c >= 0x90 && c <= 0x99 ? static_cast<char>('0' + (c - 0x90)) : c == 0x8E ? '.' : c == 0x85 ? '%' : 0;
      if (ascii != 0) {
        f.text.push_back(ascii);
        f.at.push_back(i);
        i += 3;
        continue;
      }
    }
    f.text.push_back(line[i]);
    f.at.push_back(i++);
  }
  f.at.push_back(line.size());
  return f;
}

void unfold(std::vector<GluedPiece>& pieces, const Folded& f) {
  for (GluedPiece& p : pieces) p = {f.at[p.begin], f.at[p.end]};
}

}  // namespace

std::optional<GluedHeader> glued_header(std::string_view line) {
  const Folded f = fold(line);
  std::optional<GluedHeader> h = header_of(f.text);
  if (h) unfold(h->pieces, f);
  return h;
}

std::optional<GluedRow> glued_row(std::string_view line, const GluedHeader& header) {
  const Folded f = fold(line);
  std::optional<GluedRow> row = row_of(f.text, header);
  if (row) unfold(row->pieces, f);
  return row;
}

}  // namespace jixiao::normalize::internal
