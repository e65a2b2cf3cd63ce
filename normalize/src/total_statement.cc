// The report's stated total and grade, read with the lexicon of vocabulary.h
// rather than one regular expression per phrasing. A line is scanned for the
// labels of a total ("综合评分", "自评得分", "评价分" …); at each, a small
// grammar reads the figure after it (a connector, the number, 分 unless the
// label printed its unit "(分)"), then, within the same sentence, an optional
// grade (a separator, grade-lead words, a grade label, a connector, a quoted or
// bare grade word). Whether the figure is the report's own total rests on two
// things the tables say: the label's strength (综合评分 is a total by itself;
// 得分 or 总分 only with a grade after it) and the words before the label in
// its clause: lead words only ("因此", "该项目"), or a subject the statement
// names ("某某局2021年度部门整体支出"), which is returned with it. A subject
// may be the report's own or a project of a results notice; the statement
// reader tells them apart over the whole document. A subject that is a past
// year or an indicator ("上年", "资金到位率") gives no statement at all. A form row "总分 | 100 | 94 | 优" is read by its cells.

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "jixiao/text/text.h"
#include "statements.h"
#include "boundaries.h"
#include "vocabulary.h"

namespace jixiao::normalize {

using text::Decimal;
using text::trim;
namespace vocab = vocabulary;

namespace {

// The longest word of `words` that `s` starts with at `at`, or "".
template <typename Words, typename Word>
std::string_view longest_at(std::string_view s, std::size_t at, const Words& words, Word word) {
  std::string_view best;
  for (const auto& w : words)
    if (word(w).size() > best.size() && s.substr(at).starts_with(word(w))) best = word(w);
  return best;
}

std::string_view longest_word_at(std::string_view s, std::size_t at, std::span<const std::string_view> words) {
  return longest_at(s, at, words, [](std::string_view w) { return w; });
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }

std::size_t skip_spaces(std::string_view s, std::size_t at) {
  while (at < s.size() && (s[at] == ' ' || s[at] == '\t')) ++at;
  return at;
}

// True when `s` is made of `words` only (greedy longest match; "" is).
bool made_of(std::string_view s, std::span<const std::string_view> words) {
  for (std::size_t at = 0; at < s.size();) {
    const std::string_view w = longest_word_at(s, at, words);
    if (w.empty()) return false;
    at += w.size();
  }
  return true;
}

// A number at `at`: its end, or `at` when there is none.
std::size_t number_end(std::string_view s, std::size_t at) {
  std::size_t e = at;
  while (e < s.size() && is_digit(s[e])) ++e;
  if (e == at) return at;
  if (e + 1 < s.size() && s[e] == '.' && is_digit(s[e + 1])) {
    ++e;
    while (e < s.size() && is_digit(s[e])) ++e;
  }
  return e;
}

struct Figure {
  Decimal value;
  std::size_t begin = 0, end = 0;  // the number
  std::size_t statement_end = 0;   // after 分
};

// The figure after a label ending at `at`: "(分)", a connector, the number, 分.
std::optional<Figure> read_figure(std::string_view line, std::size_t at) {
  at = skip_spaces(line, at);
  const bool unit_in_label = line.substr(at).starts_with(vocab::kScoreUnitInLabel);
  if (unit_in_label) at = skip_spaces(line, at + vocab::kScoreUnitInLabel.size());
  at = skip_spaces(line, at + longest_word_at(line, at, vocab::kValueConnectors).size());
  const std::size_t end = number_end(line, at);
  if (end == at || (end < line.size() && (line[end] == '.' || line[end] == ','))) return std::nullopt;
  Figure f;
  const auto value = Decimal::parse(line.substr(at, end - at));
  if (!value) return std::nullopt;
  f.value = *value;
  f.begin = at;
  f.end = end;
  std::size_t after = end;
  if (const std::size_t unit = skip_spaces(line, end); line.substr(unit).starts_with("分"))
    after = unit + std::string_view("分").size();
  else if (!unit_in_label)
    return std::nullopt;
  f.statement_end = after;
  // "90 分（含）以上", "100 分制", "85%": a bound, a scale or a rate, not a score.
  const std::size_t next = skip_spaces(line, after);
  if (!longest_word_at(line, next, vocab::kNotAScoreAfter).empty()) return std::nullopt;
  return f;
}

struct GradeHit {
  std::string word;
  std::size_t begin = 0, end = 0;  // the word
  std::size_t statement_end = 0;   // after a closing quote
};

bool ends_word(std::string_view line, std::size_t at) {
  if (at >= line.size()) return true;
  const unsigned char c = static_cast<unsigned char>(line[at]);
  if (c < 0x80) return !std::isalnum(c);
  // An ideograph after a bare grade word makes another word ("优良", "中期"), except 级 ("A级").
  const std::u32string next = text::to_u32(line.substr(at, 4));
  return next.empty() || line.substr(at).starts_with("级") || !(next[0] >= 0x3400 && next[0] <= 0x9FFF);
}

// A grade right after a total's figure, in the same sentence: separators,
// grade-lead words, a grade label, a connector, a quoted or bare grade word.
std::optional<GradeHit> read_grade(std::string_view line, std::size_t at) {
  for (std::string_view sep; !(sep = longest_word_at(line, at, vocab::kGradeSeparators)).empty();) at += sep.size();
  for (std::string_view w; !(w = longest_word_at(line, at, vocab::kGradeLeadWords)).empty();) at += w.size();
  const std::string_view label = longest_word_at(line, at, vocab::kGradeLabels);
  if (label.empty()) return std::nullopt;
  at = skip_spaces(line, at + label.size());
  at = skip_spaces(line, at + longest_word_at(line, at, vocab::kGradeConnectors).size());
  const vocab::QuotePair* quote = nullptr;
  for (const vocab::QuotePair& q : vocab::kGradeQuotes)
    if (line.substr(at).starts_with(q.open)) quote = &q;
  if (quote) at += quote->open.size();
  const std::string_view word =
      longest_at(line, at, vocab::kGradeWords, [](const vocab::GradeWord& g) { return g.word; });
  if (word.empty()) return std::nullopt;
  GradeHit g{std::string(word), at, at + word.size(), at + word.size()};
  bool closed = false;
  for (const vocab::QuotePair& q : vocab::kGradeQuotes)
    if (!closed && line.substr(g.end).starts_with(q.close)) {
      g.statement_end = g.end + q.close.size();
      closed = true;
    }
  if (!closed && !ends_word(line, g.end)) return std::nullopt;
  return g;
}

// Where the clause holding byte `at` starts: after the last clause punctuation
// or column gap before it, past any outline numbering.
std::size_t clause_start(std::string_view line, std::size_t at) {
  // A run of spaces is a column gap of aligned text ("项目名称   某项目   自评总分（分）   94.6").
  static constexpr std::string_view kClauseMarks[] = {"，", "。", "；", "：", "、", ",", ";", ":", "\t", "|", "  "};
  std::size_t start = internal::stretch_begin(line, at, kClauseMarks);
  std::size_t numbering = 0;
  if (!numbering_class(line.substr(start, at - start), &numbering).empty()) start += numbering;
  return start;
}

bool before_in_sentence_has(std::string_view line, std::size_t at, std::span<const std::string_view> words) {
  static constexpr std::string_view kFullStop[] = {"。"};
  const std::size_t from = internal::stretch_begin(line, at, kFullStop);
  const std::string_view before = line.substr(from, at - from);
  return std::any_of(words.begin(), words.end(),
                     [&](std::string_view w) { return before.find(w) != std::string_view::npos; });
}

// The statement whose label starts at `at`, or nullopt.
std::optional<TotalStatement> statement_at(std::string_view line, std::size_t at, const vocab::TotalLabelWord& label) {
  const std::optional<Figure> figure = read_figure(line, at + label.word.size());
  if (!figure) return std::nullopt;
  const std::optional<GradeHit> grade = read_grade(line, figure->statement_end);
  const std::string_view lead_words = trim(line.substr(clause_start(line, at), at - clause_start(line, at)));
  const bool own_subject = !lead_words.empty() && made_of(lead_words, vocab::kTotalLeadWords) &&
                           vocab::contains_any(lead_words, vocab::kOwnSubjectLeadWords);
  if (label.strength == vocab::TotalLabel::kWithGrade && !grade && !own_subject) return std::nullopt;
  if (before_in_sentence_has(line, at, vocab::kIndicatorContextWords)) return std::nullopt;
  TotalStatement t;
  t.score = figure->value;
  t.begin = at;
  t.end = grade ? grade->statement_end : figure->statement_end;
  t.score_begin = figure->begin;
  t.score_end = figure->end;
  if (grade) {
    t.grade = grade->word;
    t.grade_begin = grade->begin;
    t.grade_end = grade->end;
  }
  const std::string_view lead = trim(line.substr(clause_start(line, at), at - clause_start(line, at)));
  if (made_of(lead, vocab::kTotalLeadWords)) return t;
  // A subject is named ("某某局2021年度部门整体支出绩效评价得分…"): the report's
  // own, or one of several projects; only a grade ties its figure to a total,
  // and a past year or an indicator is never the report's.
  if (!grade || std::any_of(std::begin(vocab::kOtherSubjectWords), std::end(vocab::kOtherSubjectWords),
                            [&](std::string_view w) { return lead.find(w) != std::string_view::npos; }))
    return std::nullopt;
  t.subject = std::string(lead);
  return t;
}

// "总分 | 100 | 94 | 优", "总分\t100\t94", "总分 100 94 优" (normalized to
// "总分100 94优": the space rules drop a lone space between a word and a
// number): a label cell, the max, the score (no more than the max) and an
// optional grade cell, and nothing else on the line.
std::optional<TotalStatement> form_row(std::string_view line) {
  const auto skip_cells = [&](std::size_t at) {
    while (at < line.size() && (line[at] == ' ' || line[at] == '\t' || line[at] == '|')) ++at;
    return at;
  };
  std::size_t at = skip_cells(0);
  const std::size_t label_begin = at;
  const std::string_view label = longest_word_at(line, at, vocab::kFormTotalLabels);
  if (label.empty()) return std::nullopt;
  at += label.size();
  if (at < line.size() && !is_digit(line[at]) && skip_cells(at) == at) return std::nullopt;  // "总分值"
  std::size_t numbers[2][2];
  for (auto& n : numbers) {
    n[0] = skip_cells(at);
    n[1] = at = number_end(line, n[0]);
    if (n[1] == n[0]) return std::nullopt;
  }
  const auto max = Decimal::parse(line.substr(numbers[0][0], numbers[0][1] - numbers[0][0]));
  const auto score = Decimal::parse(line.substr(numbers[1][0], numbers[1][1] - numbers[1][0]));
  if (!max || !score || *max <= Decimal() || *score > *max) return std::nullopt;
  TotalStatement t;
  t.max = *max;
  t.score = *score;
  t.begin = label_begin;
  t.end = t.score_end = numbers[1][1];
  t.score_begin = numbers[1][0];
  at = skip_cells(at);
  if (at < line.size()) {
    const std::string_view g =
        longest_at(line, at, vocab::kGradeWords, [](const vocab::GradeWord& w) { return w.word; });
    if (g.empty() || skip_cells(at + g.size()) != line.size()) return std::nullopt;
    t.grade = std::string(g);
    t.grade_begin = at;
    t.end = t.grade_end = at + g.size();
  }
  return t;
}

}  // namespace

std::vector<TotalStatement> find_total_statements(std::string_view line) {
  std::vector<TotalStatement> out;
  if (line.find("分") == std::string_view::npos) return out;
  if (auto row = form_row(line)) return {*row};
  // Every label begins with one of a few CJK characters: only where one
  // stands are the labels tried (most positions of a line begin none).
  auto key = [](std::string_view s, std::size_t at) {
    return (std::uint32_t{static_cast<unsigned char>(s[at])} << 16) |
           (std::uint32_t{static_cast<unsigned char>(s[at + 1])} << 8) | static_cast<unsigned char>(s[at + 2]);
  };
  std::array<std::uint32_t, std::size(vocab::kTotalLabelWords)> firsts{};
  for (std::size_t k = 0; k < firsts.size(); ++k) firsts[k] = key(vocab::kTotalLabelWords[k].word, 0);
  for (std::size_t at = 0; at + 3 <= line.size(); ++at) {
    if ((static_cast<unsigned char>(line[at]) & 0xF0) != 0xE0) continue;  // not the lead byte of a CJK character
    if (std::find(firsts.begin(), firsts.end(), key(line, at)) == firsts.end()) continue;
    const vocab::TotalLabelWord* label = nullptr;
    for (const vocab::TotalLabelWord& w : vocab::kTotalLabelWords)
      if (line.substr(at).starts_with(w.word) && (!label || w.word.size() > label->word.size())) label = &w;
    if (!label) continue;
    if (auto t = statement_at(line, at, *label)) {
      at = t->end - 1;
      out.push_back(std::move(*t));
    } else {
      at += label->word.size() - 1;  // "评价得分" failed: "得分" inside it fails too
    }
  }
  return out;
}

std::optional<TotalStatement> find_total_statement(std::string_view line) {
  std::vector<TotalStatement> all = find_total_statements(line);
  if (all.empty()) return std::nullopt;
  return std::move(all.front());
}

}  // namespace jixiao::normalize
