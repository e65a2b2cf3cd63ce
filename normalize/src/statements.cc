// Readers for the sentences that state scores (statements.h lists them),
// each on one line at a time. Most are RE2 patterns; each pattern can only
// match a line holding its fixed words, so a cheap word check skips the
// search on every other line. The level-1 patterns depend on the report's own
// level-1 names, so they are compiled once per report (Level1Patterns), not
// per line. Byte ranges returned are relative to the line, for the builder
// to map back to the original.

#include "statements.h"

#include <re2/re2.h>

#include <algorithm>
#include <charconv>
#include <array>
#include <memory>
#include <mutex>
#include <span>

#include "jixiao/extract/utf8.h"
#include "jixiao/text/text.h"
#include "boundaries.h"
#include "vocabulary.h"

namespace jixiao::normalize {

using text::Decimal;
using text::to_u32;
using text::trim;
using text::utf8_length;

namespace {

using re2::StringPiece;

constexpr std::string_view kNum = R"(([0-9]+(?:\.[0-9]+)?))";

std::size_t offset(std::string_view line, const StringPiece& piece) {
  return static_cast<std::size_t>(piece.data() - line.data());
}

bool has(std::string_view line, std::string_view word) { return line.find(word) != std::string_view::npos; }

// Each pattern below can only match a line that holds its fixed words; these
// checks skip the search (and the first use's compilation) on every other line.
bool may_state_indicator(std::string_view line) {
  return has(line, "得分") && (has(line, "分值") || has(line, "满分") || has(line, "权重"));
}
bool may_state_level1(std::string_view line) { return has(line, "指标") && has(line, "满分") && has(line, "得分"); }

std::string quote_meta(std::string_view s) { return RE2::QuoteMeta(StringPiece(s.data(), s.size())); }

std::string alternation(const std::vector<std::string>& names) {
  std::string out;
  for (const std::string& n : names) {
    if (n.empty()) continue;
    if (!out.empty()) out += "|";
    out += quote_meta(n);
  }
  return out;
}

// Small numbers written in Chinese ("四", "十一", "三十四"); the full numeral
// parser comes with the normalize issue.
std::optional<int> small_number(std::string_view s) {
  if (auto d = Decimal::parse(s); d && d->scale() == 0) {
    // "99999999999 个" is no count a report means: out of range is no number, not a crash.
    const std::string digits = d->to_string();
    int value = 0;
    const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
    if (ec != std::errc() || end != digits.data() + digits.size()) return std::nullopt;
    return value;
  }
  static constexpr std::string_view kDigits[] = {"零", "一", "二", "三", "四", "五", "六", "七", "八", "九"};
  auto digit = [&](std::u32string_view c) -> int {
    for (int i = 0; i < 10; ++i)
      if (to_u32(kDigits[i]) == c) return i;
    return -1;
  };
  const std::u32string u = to_u32(s);
  const std::u32string ten = to_u32("十");
  if (u.empty() || u.size() > 3) return std::nullopt;
  const std::size_t t = u.find(ten[0]);
  if (t == std::u32string::npos) {
    if (u.size() != 1) return std::nullopt;
    const int d = digit(u.substr(0, 1));
    return d < 0 ? std::nullopt : std::optional<int>(d);
  }
  int tens = 1, ones = 0;
  if (t == 1) tens = digit(u.substr(0, 1));
  else if (t != 0) return std::nullopt;
  if (t + 1 < u.size()) ones = digit(u.substr(t + 1, 1));
  if (tens < 0 || ones < 0) return std::nullopt;
  return tens * 10 + ones;
}

struct NumberingRule {
  const char* pattern;
  const char* name;
};

// Outline numbering classes, most specific first.
constexpr NumberingRule kNumbering[] = {
    {R"(^\s*[（(]\s*[0-9]+\s*[）)]\s*)", "(n)"},
    {R"(^\s*[（(]\s*[一二三四五六七八九十]+\s*[）)]\s*)", "(han)"},
    {R"(^\s*[一二三四五六七八九十]+\s*、\s*)", "han、"},
    {R"(^\s*[0-9]+\s*[）)]\s*)", "n)"},
    {R"(^\s*[0-9]+\s*[.．、]\s*)", "n."},
    {R"(^\s*[①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳]\s*)", "circled"},
};

}  // namespace

std::string numbering_class(std::string_view line, std::size_t* length) {
  static const std::vector<std::unique_ptr<RE2>> kCompiled = [] {
    std::vector<std::unique_ptr<RE2>> v;
    for (const NumberingRule& rule : kNumbering)
      v.push_back(std::make_unique<RE2>(std::string("(") + rule.pattern + ")"));
    return v;
  }();
  for (std::size_t i = 0; i < kCompiled.size(); ++i) {
    StringPiece input(line.data(), line.size());
    StringPiece whole;
    if (!RE2::PartialMatch(input, *kCompiled[i], &whole)) continue;
    // "2.5 分" is a decimal, not a numbering.
    if (std::string_view(kNumbering[i].name) == "n." && whole.size() < line.size() &&
        line[whole.size()] >= '0' && line[whole.size()] <= '9' && whole[whole.size() - 1] == '.')
      continue;
    if (length) *length = whole.size();
    return kNumbering[i].name;
  }
  if (length) *length = 0;
  return "";
}

namespace {

// The narrative statement is
//   NAME \s* [（(] \s* (?:指标)? (?:分值|满分|权重) … 得分 … N 分 [）)]
// (the opening bracket may also be what OCR reads a full-width one as: “, 《
// or 〈; what follows it says it is the statement's bracket)
// where NAME is 2 to 60 characters that are no space, bracket, comma, colon,
// 、, 。 or ；. Such a NAME can only end where the spaces before a bracket
// begin, and the leftmost match starts as far back in that run of name
// characters as 60 characters allow. So instead of searching the whole line
// with one pattern that repeats a character class 60 times (costly to compile
// and to run), each bracket is tried in order: the rest of the statement is
// matched there, anchored, and NAME is the run before it. This finds exactly
// the matches of kStatementWhole below, which still serves lines that are not
// valid UTF-8; where the opening bracket was lost (kStatementOpeningLostBracket),
// the statement's 指标分值 stands for it.
constexpr std::string_view kStatementOpening = R"(\s*[（(“《〈]\s*(?:指标)?(?:分值|满分|权重)\s*(?:为)?)";
// The same statement whose opening bracket was lost (OCR dropped it, or
// the print did) or stands after 指标分值 (OCR's boxes put it there, or the
// print did: "X指标分值（10分，评价得分9分）"): NAME runs straight into 指标分值
// and the statement ends with the closing bracket. Only with 指标 before 分值,
// so that the statement's own words mark where NAME ends.
constexpr std::string_view kStatementOpeningLostBracket = R"(指标(?:分值|满分|权重)\s*(?:为)?\s*[（(]?)";
// How both forms go on: the max (a figure, or "?" where it could not be
// read), 分, the score, the closing bracket.
constexpr std::string_view kStatementFigures =
    R"(\s*([0-9]+(?:\.[0-9]+)?|[?？])\s*分\s*[，,；;]\s*(?:评价)?得分\s*(?:为)?\s*([0-9]+(?:\.[0-9]+)?)\s*分\s*[）)])";

// The pattern of a statement after its NAME, from the given opening.
std::string statement_rest(std::string_view opening) {
  return std::string(opening) + std::string(kStatementFigures);
}

constexpr std::string_view kLostBracketWords[] = {"指标分值", "指标满分", "指标权重"};
constexpr std::size_t kMaxNameChars = 60;
// A statement's opening bracket, full-width, and what OCR reads it as.
constexpr std::string_view kOpeningBracketsAsRead[] = {"（", "“", "《", "〈"};

bool is_any_of(std::string_view s, std::span<const std::string_view> words) {
  return std::find(words.begin(), words.end(), s) != words.end();
}

bool regex_space(char c) { return c == '\t' || c == '\n' || c == '\f' || c == '\r' || c == ' '; }

// Not in [\s（）()，。；：:、].
bool name_char(char32_t c) {
  switch (c) {
    case '\t': case '\n': case '\f': case '\r': case ' ': case '(': case ')': case ':':
    case 0xFF08: case 0xFF09: case 0xFF0C: case 0x3002: case 0xFF1B: case 0xFF1A: case 0x3001:
      return false;
    default:
      return true;
  }
}

// The start of the code point that ends at byte `end` of valid UTF-8 `s`, and the code point.
std::size_t previous_code_point(std::string_view s, std::size_t end, char32_t* cp) {
  std::size_t b = end - 1;
  while (b > 0 && (static_cast<unsigned char>(s[b]) & 0xC0) == 0x80) --b;
  *cp = to_u32(s.substr(b, end - b)).front();
  return b;
}

// The regex groups of one statement: whole, name, max, score.
struct StatementMatch {
  StringPiece whole, name, max, score;
};

// Every statement of `line`, in order, as FindAndConsume with kStatementWhole finds them.
std::vector<StatementMatch> statement_matches(std::string_view line) {
  std::vector<StatementMatch> out;
  const StringPiece text(line.data(), line.size());
  if (extract::first_invalid_utf8(line) != std::string_view::npos) {
    static const RE2 kStatementWhole(R"((([^\s（）()，。；：:、]{2,60}?))" + statement_rest(kStatementOpening) + ")");
    StringPiece input = text;
    StatementMatch m;
    while (RE2::FindAndConsume(&input, kStatementWhole, &m.whole, &m.name, &m.max, &m.score)) out.push_back(m);
    return out;
  }
  static const RE2 kRest{statement_rest(kStatementOpening)};
  static const RE2 kRestLostBracket{statement_rest(kStatementOpeningLostBracket)};
  std::size_t pos = 0;
  for (std::size_t b = 0; b < line.size(); ++b) {
    const bool bracket = line[b] == '(' || is_any_of(line.substr(b, 3), kOpeningBracketsAsRead);
    const bool lost_bracket =
        !bracket && std::any_of(std::begin(kLostBracketWords), std::end(kLostBracketWords),
                                [&](std::string_view w) { return line.substr(b).starts_with(w); });
    if (!bracket && !lost_bracket) continue;
    std::size_t name_end = b;
    if (bracket)
      while (name_end > pos && regex_space(line[name_end - 1])) --name_end;
    std::size_t name_begin = name_end, chars = 0;
    char32_t before = 0;  // the code point before NAME, 0 at the line's start
    for (char32_t cp = 0; name_begin > pos && chars < kMaxNameChars; ++chars) {
      const std::size_t previous = previous_code_point(line, name_begin, &cp);
      if (!name_char(cp)) {
        before = cp;
        break;
      }
      name_begin = previous;
    }
    // A lost bracket only where none stands before NAME: "（本项指标分值…）" has its bracket.
    if (lost_bracket && (before == U'（' || before == U'(')) continue;
    const RE2& rest_pattern = bracket ? kRest : kRestLostBracket;
    StringPiece rest[3];
    if (chars < 2 || !rest_pattern.Match(text, name_end, line.size(), RE2::ANCHOR_START, rest, 3)) continue;
    const std::size_t end = static_cast<std::size_t>(rest[0].data() - line.data()) + rest[0].size();
    out.push_back(StatementMatch{StringPiece(line.data() + name_begin, end - name_begin),
                                 StringPiece(line.data() + name_begin, name_end - name_begin), rest[1], rest[2]});
    pos = end;
    b = end - 1;
  }
  return out;
}

}  // namespace

std::vector<IndicatorStatement> find_indicator_statements(std::string_view line) {
  std::vector<IndicatorStatement> out;
  if (!may_state_indicator(line)) return out;
  std::size_t prefix_len = 0;
  const std::string line_class = numbering_class(line, &prefix_len);
  for (const auto& [whole, name, max, score] : statement_matches(line)) {
    IndicatorStatement s;
    std::string_view raw(name.data(), name.size());
    std::size_t len = 0;
    std::string cls = numbering_class(raw, &len);
    if (!cls.empty()) {
      raw.remove_prefix(len);
    } else if (offset(line, name) <= prefix_len && !line_class.empty()) {
      cls = line_class;
    }
    s.numbering = cls;
    s.name = std::string(trim(raw));
    // A max printed as "?" (a figure OCR could not read, or a character the
    // text's encoding lost) is no figure: the statement still states the score.
    const std::optional<Decimal> mx = Decimal::parse(std::string_view(max.data(), max.size()));
    const std::optional<Decimal> sc = Decimal::parse(std::string_view(score.data(), score.size()));
    if (!sc || s.name.empty()) continue;
    s.max = mx;
    s.score = *sc;
    s.begin = offset(line, whole) + (raw.data() - name.data());
    s.end = offset(line, whole) + whole.size();
    out.push_back(std::move(s));
  }
  return out;
}

// The level-1 patterns, compiled on first use: most lines never get past the
// word checks, and a report without such sentences never needs them.
//
// Their free text is bounded ("指标…满分" within 80 characters, "…分别" within
// 40). A bounded repetition of a character class is costly to compile and to
// run, so each pattern is first tried unbounded, with that text captured; where
// the unbounded match keeps within the bound it is the bounded pattern's match
// too (both try the shortest text first), and only where it does not is the
// bounded pattern compiled and tried.
struct Level1Patterns::Compiled {
  bool empty = true;
  std::vector<std::string> names;  // the non-empty level-1 names
  std::string alternation;         // of the names, quoted

  // Groups: whole, name, text before 满分, max, score (bounded and unbounded alike).
  std::string level1_pattern(std::string_view bound) const {
    return "((" + alternation + R"()(?:类|评价)?指标([^。；])" + std::string(bound) +
           R"(?)满分\s*(?:为|是)?\s*)" + std::string(kNum) + R"(\s*分[^。；]{0,12}?(?:评价)?得分\s*(?:为|是)?\s*)" +
           std::string(kNum) + R"(\s*分))";
  }
  // Bounded: whole, names, text up to 分别…, values. Unbounded: the same with
  // the text before 分别 as a fifth group, before the values.
  std::string enumeration_pattern(bool bounded) const {
    const std::string name_list = "((?:" + alternation + R"()(?:\s*[、，,和及]\s*(?:)" + alternation + "))+)";
    const std::string value_list = R"(([0-9]+(?:\.[0-9]+)?\s*分(?:\s*[、，,和]\s*[0-9]+(?:\.[0-9]+)?\s*分)+))";
    const std::string before = bounded ? "[^。；]{0,40}?" : "([^。；]*?)";
    return "(" + name_list + "(" + before + R"(分别(?:为|是|得分|得)?)\s*)" + value_list + ")";
  }

  template <typename Pattern>
  const RE2& get(int k, Pattern pattern) const {
    std::call_once(once_[k], [&] { re_[k] = std::make_unique<RE2>(pattern()); });
    return *re_[k];
  }
  const RE2& level1() const { return get(0, [this] { return level1_pattern("*"); }); }
  const RE2& level1_bounded() const { return get(1, [this] { return level1_pattern("{0,80}"); }); }
  // X指标, to find the name nearest to 满分.
  const RE2& level1_name() const { return get(2, [this] { return "(" + alternation + ")(?:类|评价)?指标"; }); }
  const RE2& enumeration() const { return get(3, [this] { return enumeration_pattern(false); }); }
  const RE2& enumeration_bounded() const { return get(4, [this] { return enumeration_pattern(true); }); }
  const RE2& name() const { return get(5, [this] { return "(" + alternation + ")"; }); }
  const RE2& value() const { return get(6, [] { return std::string(R"(([0-9]+(?:\.[0-9]+)?)\s*分)"); }); }

 private:
  mutable std::once_flag once_[7];
  mutable std::unique_ptr<RE2> re_[7];
};

Level1Patterns::Level1Patterns(const std::vector<std::string>& level1_names)
    : compiled_(std::make_unique<Compiled>()) {
  compiled_->alternation = alternation(level1_names);
  if (compiled_->alternation.empty()) return;
  compiled_->empty = false;
  for (const std::string& n : level1_names)
    if (!n.empty()) compiled_->names.push_back(n);
}

Level1Patterns::~Level1Patterns() = default;

namespace {

constexpr std::size_t kLevel1Text = 80, kEnumerationText = 40;

// RE2::FindAndConsume(input, pattern, groups…) for a pattern that begins with
// one of `names`: its leftmost match starts where a name does, so
// `match_at(text, at, matched)` (the pattern anchored at `at`, matched[0] the
// whole match) is tried at each such place in turn, and the first match is
// the one the unanchored search finds.
template <typename MatchAt>
bool find_and_consume_at_names(StringPiece* input, const std::vector<std::string>& names, MatchAt match_at,
                               std::span<StringPiece> groups) {
  const std::string_view in(input->data(), input->size());
  std::vector<StringPiece> matched(groups.size() + 1);
  for (std::size_t at = 0; at < in.size(); ++at) {
    if (std::none_of(names.begin(), names.end(), [&](const std::string& n) { return in.substr(at).starts_with(n); }))
      continue;
    if (!match_at(*input, at, matched.data())) continue;
    std::copy(matched.begin() + 1, matched.end(), groups.begin());
    input->remove_prefix(static_cast<std::size_t>(matched[0].data() - input->data()) + matched[0].size());
    return true;
  }
  return false;
}

std::size_t chars(const StringPiece& s) { return utf8_length(std::string_view(s.data(), s.size())); }

// The level-1 statement anchored at `at`: whole, name, text before 满分, max, score.
bool level1_at(const Level1Patterns::Compiled& p, const StringPiece& text, std::size_t at, StringPiece* m) {
  if (!p.level1().Match(text, at, text.size(), RE2::ANCHOR_START, m, 6)) return false;
  return chars(m[3]) <= kLevel1Text || p.level1_bounded().Match(text, at, text.size(), RE2::ANCHOR_START, m, 6);
}

// The enumeration anchored at `at`: whole, names, text up to 分别…, values.
bool enumeration_at(const Level1Patterns::Compiled& p, const StringPiece& text, std::size_t at, StringPiece* m) {
  StringPiece u[6];
  if (!p.enumeration().Match(text, at, text.size(), RE2::ANCHOR_START, u, 6)) return false;
  if (chars(u[4]) > kEnumerationText)
    return p.enumeration_bounded().Match(text, at, text.size(), RE2::ANCHOR_START, m, 5);
  std::copy(u, u + 4, m);
  m[4] = u[5];
  return true;
}

}  // namespace

std::vector<Level1Statement> find_level1_statements(std::string_view line, const Level1Patterns& patterns) {
  std::vector<Level1Statement> out;
  if (!may_state_level1(line)) return out;
  const Level1Patterns::Compiled& p = *patterns.compiled();
  if (p.empty) return out;
  StringPiece input(line.data(), line.size());
  std::array<StringPiece, 5> groups;
  auto match_at = [&p](const StringPiece& text, std::size_t at, StringPiece* m) { return level1_at(p, text, at, m); };
  while (find_and_consume_at_names(&input, p.names, match_at, groups)) {
    const auto& [whole, name, middle, max, score] = groups;
    Level1Statement s;
    s.name = std::string(name.data(), name.size());
    s.begin = offset(line, whole);
    // The name nearest to 满分 is the one the sentence states ("效益…，产出指标满分为…").
    StringPiece rest = middle, found;
    while (RE2::FindAndConsume(&rest, p.level1_name(), &found)) {
      s.name = std::string(found.data(), found.size());
      s.begin = offset(line, found);
    }
    s.max = Decimal::parse(std::string_view(max.data(), max.size()));
    s.score = Decimal::parse(std::string_view(score.data(), score.size()));
    s.end = offset(line, whole) + whole.size();
    out.push_back(std::move(s));
  }
  return out;
}

std::vector<Level1Statement> find_level1_statements(std::string_view line,
                                                    const std::vector<std::string>& level1_names) {
  return find_level1_statements(line, Level1Patterns(level1_names));
}

std::vector<Enumeration> find_enumerations(std::string_view line, const Level1Patterns& patterns) {
  std::vector<Enumeration> out;
  if (!has(line, "分别")) return out;
  const Level1Patterns::Compiled& p = *patterns.compiled();
  if (p.empty) return out;
  StringPiece input(line.data(), line.size());
  std::array<StringPiece, 4> groups;
  auto match_at = [&p](const StringPiece& text, std::size_t at, StringPiece* m) { return enumeration_at(p, text, at, m); };
  while (find_and_consume_at_names(&input, p.names, match_at, groups)) {
    const auto& [whole, list, middle, values] = groups;
    Enumeration e;
    const std::string_view mid(middle.data(), middle.size());
    const bool says_score = mid.find("得分") != std::string_view::npos;
    const bool says_max = mid.find("分值") != std::string_view::npos ||
                          mid.find("满分") != std::string_view::npos ||
                          mid.find("权重") != std::string_view::npos;
    if (says_score == says_max) continue;  // cannot tell which figure it states
    e.is_max = says_max;
    StringPiece names_in = list, n;
    while (RE2::FindAndConsume(&names_in, p.name(), &n)) e.names.emplace_back(n.data(), n.size());
    StringPiece values_in = values, v;
    while (RE2::FindAndConsume(&values_in, p.value(), &v))
      if (auto d = Decimal::parse(std::string_view(v.data(), v.size()))) e.values.push_back(*d);
    if (e.names.size() != e.values.size() || e.names.size() < 2) continue;
    e.begin = offset(line, whole);
    e.end = e.begin + whole.size();
    out.push_back(std::move(e));
  }
  return out;
}

std::vector<Enumeration> find_enumerations(std::string_view line, const std::vector<std::string>& level1_names) {
  return find_enumerations(line, Level1Patterns(level1_names));
}

std::vector<CountStatement> find_count_statements(std::string_view line) {
  static constexpr std::string_view kLevelWord = "级指标";  // every pattern below names 一级/二级/三级指标
  if (!has(line, kLevelWord)) return {};
  static const std::string kCount = "([0-9]+|[一二三四五六七八九十]+)";
  static const RE2 kLevel[3] = {
      RE2(kCount + R"(\s*个一级指标|一级指标\s*(?:共)?\s*)" + kCount + R"(\s*个)"),
      RE2(kCount + R"(\s*个二级指标|二级指标\s*(?:共)?\s*)" + kCount + R"(\s*个)"),
      RE2(kCount + R"(\s*个三级指标|三级指标\s*(?:共)?\s*)" + kCount + R"(\s*个)"),
  };
  std::vector<CountStatement> out;
  std::size_t start = 0;
  while (start < line.size()) {
    std::size_t stop = line.find("。", start);
    if (stop == std::string_view::npos) stop = line.size();
    const std::string_view sentence = line.substr(start, stop - start);
    if (!has(sentence, kLevelWord)) {
      start = stop + (stop < line.size() ? std::string_view("。").size() : 0);
      continue;
    }
    CountStatement c;
    std::size_t first = sentence.size(), last = 0;
    for (int level = 0; level < 3; ++level) {
      StringPiece in(sentence.data(), sentence.size());
      StringPiece a, b;
      if (!RE2::PartialMatch(in, kLevel[level], &a, &b)) continue;
      const StringPiece& got = a.data() ? a : b;
      auto n = small_number(std::string_view(got.data(), got.size()));
      if (!n) continue;
      (level == 0 ? c.level1 : level == 1 ? c.level2 : c.level3) = *n;
      first = std::min(first, offset(sentence, got));
      last = std::max(last, offset(sentence, got) + got.size());
    }
    if (c.level1 && (c.level2 || c.level3)) {
      // Quote the clause that holds the counts: from the punctuation before the first one.
      std::size_t clause = 0;
      for (std::string_view p : {"，", "；", "：", "。"}) {
        const std::size_t at = sentence.rfind(p, first);
        if (at != std::string_view::npos && at + p.size() <= first) clause = std::max(clause, at + p.size());
      }
      std::size_t end = last;
      if (sentence.substr(end).starts_with("个")) end += std::string_view("个").size();
      else if (sentence.substr(end).starts_with(" 个")) end += 1 + std::string_view("个").size();
      c.begin = start + clause;
      c.end = start + end;
      out.push_back(c);
    }
    start = stop + (stop < line.size() ? std::string_view("。").size() : 0);
  }
  return out;
}

std::optional<Heading> parse_heading(std::string_view line) {
  line = trim(line);
  if (line.empty() || utf8_length(line) > 30) return std::nullopt;
  if (line.find("。") != std::string_view::npos || line.find("，") != std::string_view::npos)
    return std::nullopt;
  std::size_t len = 0;
  std::string cls = numbering_class(line, &len);
  if (cls.empty()) return std::nullopt;
  Heading h;
  h.numbering = cls;
  h.text = std::string(trim(line.substr(len)));
  if (h.text.empty()) return std::nullopt;
  return h;
}

std::optional<MetadataField> parse_metadata_line(std::string_view line) {
  struct Label {
    std::string_view label;
    std::string_view field;
  };
  static constexpr Label kLabels[] = {
      {"预算单位", "unit"},         {"项目单位", "unit"},       {"被评价单位", "unit"},
      {"被评价部门", "unit"},       {"主管部门", "unit"},       {"委托单位", "commissioner"},
      {"委托方", "commissioner"},   {"委托机关", "commissioner"}, {"评价机构", "evaluator"},
      {"评价单位", "evaluator"},    {"第三方评价机构", "evaluator"},
  };
  line = trim(line);
  for (const Label& l : kLabels) {
    if (!line.starts_with(l.label)) continue;
    std::string_view rest = trim(line.substr(l.label.size()));
    if (rest.starts_with("：")) rest.remove_prefix(3);
    else if (rest.starts_with(":")) rest.remove_prefix(1);
    else continue;
    rest = trim(rest);
    if (rest.empty()) return std::nullopt;
    return MetadataField{std::string(l.field), std::string(rest)};
  }
  return std::nullopt;
}

// ---- grades stated without a score ----------------------------------------------
//
// "本项目自评等级为“良”", "评价结论为优秀", "综上，自评结果为优": a grade with no
// figure beside it. The grammar is
//
//   [lead words] GRADE-LEAD* LABEL CONNECTOR [quote] GRADE [quote] BOUNDARY
//
// with the words of vocabulary.h. Only the report's own grade is read: the
// clause before the label holds nothing but lead words (a named subject, "甲
// 项目评价等级为良", is another project's), conditions and rules ("若…等级为
// 优", "等级分为优、良…") are no statements, and the grade must end where a
// word ends ("评价结果为优化…" states no grade).

namespace {

namespace vocab = vocabulary;

// The longest of `words` at byte `at` of `s`, or empty.
template <typename Words, typename Key>
std::string_view longest_word_at(std::string_view s, std::size_t at, const Words& words, Key key) {
  std::string_view best;
  for (const auto& w : words) {
    const std::string_view k = key(w);
    if (k.size() > best.size() && s.substr(at).starts_with(k)) best = k;
  }
  return best;
}

// Whether `prefix` is made only of lead words, spaces and clause punctuation.
bool only_lead_words(std::string_view prefix) {
  prefix = trim(prefix);
  while (!prefix.empty()) {
    bool cut = false;
    for (std::string_view p : {"，", ",", "：", ":", " ", "\t"})
      if (prefix.starts_with(p)) {
        prefix.remove_prefix(p.size());
        cut = true;
      }
    const std::string_view w = longest_word_at(prefix, 0, vocab::kGradeOnlyLeadWords, [](std::string_view x) { return x; });
    if (!w.empty()) {
      prefix.remove_prefix(w.size());
      cut = true;
    }
    if (!cut) return false;
  }
  return true;
}

}  // namespace

namespace {

constexpr std::string_view kGradeClauseEnds[] = {"。", "；", ";", "！", "？", "，", ","};

// Where the grade-lead words before a label at `at` begin ("自评", "评价", "绩效"…).
std::size_t grade_lead_begin(std::string_view line, std::size_t at) {
  for (bool more = true; more;) {
    more = false;
    for (std::string_view w : vocab::kGradeLeadWords)
      if (at >= w.size() && line.substr(at - w.size(), w.size()) == w) {
        at -= w.size();
        more = true;
        break;
      }
  }
  return at;
}

// What a closing quote is read as when OCR misses it: a hyphen, a straight
// or an opening quote, a dot. Only after a grade whose opening quote was read.
constexpr std::string_view kClosingQuotesAsRead[] = {"-", "'", "’", "“", "\"", "·", "・", "〞", "＂"};

// Whether `rest` (what follows a grade) ends the statement: nothing, a space,
// or a clause's closing punctuation.
bool ends_clause(std::string_view rest) {
  if (rest.empty() || rest.front() == ' ' || rest.front() == '\t' || rest.front() == '.' || rest.front() == ')')
    return true;
  for (std::string_view p : {"。", "，", "；", "、", "！", ",", ";", "）", "\""})
    if (rest.starts_with(p)) return true;
  return false;
}

// The grade word at `k` (after the connector): optionally quoted, and ending
// the statement (punctuation or the end, after an optional "级"/"等级"/"等次").
// Fills the grade's range and the statement's end.
bool grade_at(std::string_view line, std::size_t k, std::size_t& grade_begin, std::size_t& grade_end,
              std::size_t& end) {
  while (k < line.size() && (line[k] == ' ' || line[k] == '\t')) ++k;
  std::string_view close;
  for (const vocab::QuotePair& q : vocab::kGradeQuotes)
    if (line.substr(k).starts_with(q.open)) {
      k += q.open.size();
      close = q.close;
      break;
    }
  const std::string_view grade =
      longest_word_at(line, k, vocab::kGradeWords, [](const vocab::GradeWord& g) { return g.word; });
  if (grade.empty()) return false;
  grade_begin = k;
  grade_end = end = k + grade.size();
  // A closing quote lost (a typo, or OCR dropping a thin mark) leaves the
  // grade followed by the clause's end, which still ends the statement below.
  // OCR may also read the thin closing mark as another one (“优-。, “良'。):
  // one such mark after a quoted grade closes it where the clause ends next.
  if (!close.empty() && line.substr(end).starts_with(close)) {
    end += close.size();
  } else if (!close.empty()) {
    for (std::string_view mark : kClosingQuotesAsRead)
      if (line.substr(end).starts_with(mark) && ends_clause(line.substr(end + mark.size()))) {
        end += mark.size();
        break;
      }
  }
  // After the grade (or its closing quote) the statement ends: "评价结果为“良好”
  // 等次的项目占 20%" counts other projects, it states no grade.
  for (std::string_view suffix : {"等级", "等次", "级"})
    if (line.substr(end).starts_with(suffix)) {
      end += suffix.size();
      break;
    }
  return ends_clause(line.substr(end));
}

// Whether a grade statement from `label_begin` to `end` is the report's own:
// lead words only before it in its clause, no condition or rule in its
// sentence, and no figure before it in the sentence ("上年综合得分 85 分，等级为
// 良", "投入指标…得分为 18 分，等级为优": the grade goes with that figure, which a
// total statement reads when it is the report's total).
bool own_grade_context(std::string_view line, std::size_t label_begin, std::size_t end) {
  const std::size_t clause_begin = internal::stretch_begin(line, label_begin, kGradeClauseEnds);
  if (!only_lead_words(line.substr(clause_begin, label_begin - clause_begin))) return false;
  const std::size_t sentence_begin = internal::stretch_begin(line, label_begin, std::span(kGradeClauseEnds).first(5));
  if (vocab::contains_any(line.substr(sentence_begin, end - sentence_begin), vocab::kGradeRuleWords)) return false;
  const std::string_view before = line.substr(sentence_begin, label_begin - sentence_begin);
  return std::none_of(before.begin(), before.end(), [](char ch) { return ch >= '0' && ch <= '9'; });
}

}  // namespace

std::vector<GradeOnlyStatement> find_grade_statements(std::string_view line) {
  std::vector<GradeOnlyStatement> out;
  if (!vocab::contains_any(line, vocab::kGradeOnlyLabels)) return out;
  const auto word = [](std::string_view x) { return x; };
  for (std::size_t at = 0; at < line.size(); ++at) {
    const std::string_view label = longest_word_at(line, at, vocab::kGradeOnlyLabels, word);
    if (label.empty()) continue;
    const std::size_t label_begin = grade_lead_begin(line, at);
    if (label_begin == at && !vocab::contains_any(label, vocab::kGradeOnlyBareLabels)) continue;
    std::size_t k = at + label.size();
    while (k < line.size() && (line[k] == ' ' || line[k] == '\t')) ++k;
    const std::string_view connector = longest_word_at(line, k, vocab::kGradeConnectors, word);
    if (connector.empty() || connector == "是") continue;
    k += connector.size();
    // "结论为：优秀": a colon may follow the connector.
    for (std::string_view colon : {"：", ":"})
      if (line.substr(k).starts_with(colon)) k += colon.size();
    std::size_t grade_begin = 0, grade_end = 0, end = 0;
    if (!grade_at(line, k, grade_begin, grade_end, end)) continue;
    if (!own_grade_context(line, label_begin, end)) continue;
    out.push_back(GradeOnlyStatement{std::string(line.substr(grade_begin, grade_end - grade_begin)), label_begin,
                                     end, grade_begin, grade_end});
    at = end - 1;
  }
  return out;
}

}  // namespace jixiao::normalize
