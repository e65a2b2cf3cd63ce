// Breakdowns: a stated total and the parts a report lists for it.
//
//   "部门支出预算 960.40 万元，其中基本支出 512.30 万元（人员经费 450.10 万元、
//    公用经费 62.20 万元），项目支出 448.10 万元。"
//
// gives two records: 960.40 = 512.30 + 448.10 (connective 其中) and
// 512.30 = 450.10 + 62.20 (the parenthesised sub-list). A list is read from
// the connective (其中, 主要用于, 包括, 分别为…) to the end of its sentence, or
// to a "；" unless the connective opened it with a colon ("其中：A；B；C").
// The total is the last quantity before the connective, in the same sentence
// or, when the connective opens a sentence, at the end of the previous one
// ("预算资金为 X 万元。其中，…"). A part followed by a connective of its own
// ("基本支出 X 万元，主要用于 A、B、C") is the total of a nested list.
//
// A list ends where its separator gets stronger: parts joined by "，" or "、"
// end at the next "；" even after "其中：" ("其中：中央 800 万元，省级 300 万元；
// 全年执行 1180.5 万元…" is a list of two, then another statement). A change
// against another year ("同比增加 35.2 万元", "较上年减少 12 万元") is never a
// total nor a part, and an execution figure never a part of a budget. A
// parenthesis inside a part's label ("其他资金（含结转结余）320 万元") only
// qualifies the label: its words do not end the list.
//
// A bare number followed by an inclusion whose figures all carry one unit
// ("执行数 980.5（含中央资金 600.2 万元、省级资金 380.3 万元）") takes that unit,
// but as an inferred one: its span says so, and a finding on it is a warning.
//
// Only what the words make a decomposition is recorded: a list needs a total
// and at least two money parts (a single part smaller than its total is a
// subset statement, one equal to it says nothing to check); "另外包含…" and
// "同时包含各种项目支出，其中…" have no total of their own in their sentence.
// Counts, rates and years are never parts: only money quantities of the
// scanner are.

#include <algorithm>
#include <array>
#include <cctype>
#include <string>
#include <optional>
#include <string_view>

#include "boundaries.h"
#include "jixiao/text/text.h"
#include "report_text.h"
#include "vocabulary.h"

namespace jixiao::normalize::internal {

using model::Breakdown;
using text::Quantity;

namespace {

struct ConnectiveWord {
  std::string_view word;
  bool partial;  // the words allow an incomplete list
};

// Longer words first: "主要包括" must win over "包括" at the same place.
constexpr std::array<ConnectiveWord, 11> kConnectives = {{
    {"主要用于", true},
    {"主要包括", true},
    {"主要是", true},
    {"主要有", true},
    {"主要为", true},
    {"其中", false},
    {"包括", false},
    {"分别为", false},
    {"分别是", false},
    {"分别用于", false},
    {"具体为", false},
}};

// "另外包括", "同时包括", "还包括": an addition to what came before, not the
// parts of the figure before it.
constexpr std::array<std::string_view, 5> kAdditive = {"另外", "同时", "此外", "还", "另"};

// Words that, between two figures of a list, say the next figure is no longer
// a part: another stage of the money (实际支出 after a budget list), a change
// against another year, or a restatement of the total. A total that itself
// carries the word (实际支出 X 万元，其中…) lets its parts carry it too.
// A missed list costs nothing; a figure wrongly taken as a part gives a false
// error, so the list is rather ended too early than too late.
constexpr std::array<std::string_view, 27> kStopWords = {
    "实际", "执行", "决算", "完成数", "预算", "比上年", "比去年", "同比", "较上年", "与上年", "相比", "增加",
    "减少", "增长", "下降", "超出", "节约", "结余", "到位", "拨付", "支付", "年末结转", "合计", "共计",
    "总计", "支出数", "完成投资"};

// A figure whose label says it is a change against another year ("同比增加",
// "较上年减少", "比2022年增长"): neither the total of a list nor a part.
bool is_change_label(std::string_view label) {
  static constexpr std::string_view kCompare[] = {"同比", "比上年", "较上年", "比去年", "较去年", "与上年",
                                                 "上年相比", "比上一年", "较上一年"};
  static constexpr std::string_view kVerbs[] = {"增加", "减少", "增长", "下降", "降低", "提高", "上升", "压减"};
  for (std::string_view w : kCompare)
    if (contains(label, w)) return true;
  for (std::string_view v : kVerbs)
    if (label.ends_with(v) || label.ends_with(std::string(v) + "了")) return true;
  // "比2022年增长", "较2019年减少"
  for (std::string_view w : {"比", "较"}) {
    const std::size_t at = label.find(w);
    if (at != std::string_view::npos && at + w.size() < label.size() && label[at + w.size()] >= '0' &&
        label[at + w.size()] <= '9')
      return true;
  }
  return false;
}

struct Connective {
  std::size_t begin = 0, end = 0;
  std::string_view word;
  bool partial = false;
  bool colon = false;  // followed by "：": "；" separates parts instead of ending the list
};

bool starts_with_at(std::string_view s, std::size_t at, std::string_view w) {
  if (at > s.size()) return false;
  if (w.empty()) return true;
  return at < s.size() && s[at] == w.front() && s.substr(at).starts_with(w);
}

bool is_space(char c) { return c == ' ' || c == '\t'; }


bool is_digit(char c) { return c >= '0' && c <= '9'; }

// "（2022年 80 万元、2023年 95 万元）" or "（上年 80 万元…）": figures of other
// years beside a figure are a comparison, not its parts.
bool names_a_year(std::string_view s) {
  if (contains(s, "上年") || contains(s, "去年")) return true;
  constexpr std::string_view kYear = "年";
  for (std::size_t at = s.find(kYear); at != std::string_view::npos; at = s.find(kYear, at + 1))
    if (at >= 4 && is_digit(s[at - 1]) && is_digit(s[at - 2]) && is_digit(s[at - 3]) && is_digit(s[at - 4]))
      return true;
  return false;
}

// The text of one line with what the list reader needs to know about each byte.
class LineReader {
 public:
  LineReader(const ReportText& text, std::size_t line, std::vector<Breakdown>& out)
      : text_(text),
        line_(line),
        s_(text.lines.line_text(line)),
        qs_(text.quantities[line]),
        out_(out),
        depth_(s_.size() + 1, 0),
        consumed_(qs_.size(), false) {
    // Parenthesis depth of every byte (NFKC has folded "（）" to "()"; keep
    // the full-width forms too in case a line escaped it).
    int d = 0;
    for (std::size_t i = 0; i < s_.size();) {
      if (s_[i] == '(' || starts_with_at(s_, i, "（")) {
        depth_[i] = d;
        const std::size_t n = s_[i] == '(' ? 1 : std::string_view("（").size();
        ++d;
        for (std::size_t k = 1; k < n; ++k) depth_[i + k] = d;
        i += n;
        continue;
      }
      if (s_[i] == ')' || starts_with_at(s_, i, "）")) {
        const std::size_t n = s_[i] == ')' ? 1 : std::string_view("）").size();
        d = std::max(0, d - 1);
        for (std::size_t k = 0; k < n; ++k) depth_[i + k] = d;
        i += n;
        continue;
      }
      depth_[i] = d;
      ++i;
    }
    depth_[s_.size()] = d;
  }

  void read() {
    read_parenthesised();
    read_inferred_unit_inclusions();
    read_connective_lists();
  }

 private:
  bool money(std::size_t i) const { return qs_[i].kind == Quantity::Kind::kMoney; }
  int depth_at(std::size_t pos) const { return depth_[std::min(pos, s_.size())]; }

  // Start of the sentence holding byte `pos` (just after the last "。" before it).
  std::size_t sentence_start(std::size_t pos) const {
    static constexpr std::string_view kEnds[] = {"。", "！", "？"};
    return stretch_begin(s_, pos, kEnds);
  }

  // Where a sentence or clause ends after `from`: the first "。" (and "；" unless
  // `colon`) outside parentheses, or the end of the line.
  std::size_t list_end(std::size_t from, bool colon) const {
    for (std::size_t i = from; i < s_.size(); ++i) {
      if (depth_[i] != 0) continue;
      if (starts_with_at(s_, i, "。") || starts_with_at(s_, i, "！") || starts_with_at(s_, i, "？")) return i;
      if (!colon && (starts_with_at(s_, i, "；") || s_[i] == ';')) return i;
    }
    return s_.size();
  }

  // Every connective word outside parentheses in [from, to), in order.
  std::vector<Connective> connectives(std::size_t from, std::size_t to, bool any_depth = false) const {
    std::vector<Connective> found;
    for (std::size_t i = from; i < to;) {
      const ConnectiveWord* hit = nullptr;
      for (const ConnectiveWord& c : kConnectives)
        if (starts_with_at(s_, i, c.word) && i + c.word.size() <= to) {
          hit = &c;
          break;
        }
      if (!hit || (!any_depth && depth_[i] != 0)) {
        ++i;
        continue;
      }
      bool additive = false;
      for (std::string_view a : kAdditive)
        if (i >= a.size() && s_.substr(i - a.size(), a.size()) == a) additive = true;
      if (!additive) {
        Connective c{i, i + hit->word.size(), hit->word, hit->partial, false};
        std::size_t k = c.end;
        while (k < s_.size() && is_space(s_[k])) ++k;
        c.colon = starts_with_at(s_, k, "：") || starts_with_at(s_, k, ":");
        found.push_back(c);
      }
      i += hit->word.size();
    }
    return found;
  }

  // The money figure a list's connective at `pos` refers to: the last quantity
  // before it, in its sentence, or in the previous sentence when the
  // connective opens its own ("…47213.5万元。其中，…"). No other quantity may
  // stand between (a count makes the list one of persons, not of money).
  std::optional<std::size_t> total_before(std::size_t pos) const {
    std::optional<std::size_t> last;
    for (std::size_t i = 0; i < qs_.size(); ++i)
      if (qs_[i].end <= pos && depth_at(qs_[i].begin) == 0 && !(money(i) && is_change_label(qs_[i].label)))
        last = i;
    if (!last) return std::nullopt;
    const Quantity& q = qs_[*last];
    std::size_t start = sentence_start(pos);
    if (q.begin < start) {
      // Only punctuation and spaces between the sentence start and the connective.
      for (std::size_t k = start; k < pos; ++k)
        if (!is_space(s_[k]) && !starts_with_at(s_, k, "，") && s_[k] != ',') return std::nullopt;
      if (start == 0) return std::nullopt;
      if (q.begin < sentence_start(start - 1)) return std::nullopt;
    }
    if (!money(*last) || consumed_[*last]) return std::nullopt;
    return last;
  }

  // "等" right after a part, or in the words closing the list ("…B 20 万元等").
  bool ends_open(const std::vector<std::size_t>& parts, std::size_t to) const {
    for (std::size_t i : parts) {
      std::size_t k = qs_[i].end;
      while (k < s_.size() && is_space(s_[k])) ++k;
      if (starts_with_at(s_, k, "等")) return true;
    }
    if (!parts.empty()) {
      std::size_t k = qs_[parts.back()].end;
      std::string_view tail = s_.substr(k, to > k ? to - k : 0);
      for (std::string_view sep : {"，", "、", ",", "；"}) {
        const std::size_t at = tail.find(sep);
        if (at != std::string_view::npos) tail = tail.substr(0, at);
      }
      if (contains(tail, "等")) return true;
    }
    return false;
  }

  // Whether the words in [from, to) say the next figure is no longer a part.
  // Text in parentheses deeper than `level` only qualifies a label
  // ("其他资金（含结转结余、利息收入）"): its words are not read.
  bool stops(std::size_t from, std::size_t to, std::string_view total_label, int level = 0) const {
    std::string clause;
    for (std::size_t k = from; k < to && k < s_.size(); ++k)
      if (depth_[k] <= level) clause.push_back(s_[k]);
    for (std::string_view w : kStopWords)
      if (contains(clause, w) && !contains(total_label, w)) return true;
    return false;
  }

  // Where a list opened by "其中：" ends when its parts are joined by "，" or
  // "、": at the first "；" after its start (a stronger separator ends the
  // list; "其中：A，B；执行 C" is two statements). The joining separator is the
  // last one between the first two money figures ("25 万元用于设备、材料；20
  // 万元…" is joined by "；"). `to` when the parts are joined by "；".
  std::size_t weaker_separator_end(std::size_t from, std::size_t to) const {
    std::vector<std::size_t> money_at;
    for (std::size_t i = 0; i < qs_.size() && money_at.size() < 2; ++i)
      if (qs_[i].begin >= from && qs_[i].end <= to && depth_at(qs_[i].begin) == 0 && money(i))
        money_at.push_back(i);
    if (money_at.size() < 2) return to;
    bool weak = false, found = false;
    for (std::size_t k = qs_[money_at[0]].end; k < qs_[money_at[1]].begin; ++k) {
      if (depth_[k] != 0) continue;
      if (starts_with_at(s_, k, "；") || s_[k] == ';') {
        weak = false;
        found = true;
      } else if (starts_with_at(s_, k, "，") || s_[k] == ',' || starts_with_at(s_, k, "、")) {
        weak = true;
        found = true;
      }
    }
    if (!found || !weak) return to;
    for (std::size_t k = from; k < to; ++k)
      if (depth_[k] == 0 && (starts_with_at(s_, k, "；") || s_[k] == ';')) return k;
    return to;
  }

  void emit(std::size_t total, const std::vector<std::size_t>& parts, std::string_view connective, bool partial) {
    if (parts.size() < 2) return;  // a single part is a subset statement, not a breakdown
    Breakdown b;
    b.total = text_.figure(line_, qs_[total]);
    for (std::size_t p : parts) b.parts.push_back(text_.figure(line_, qs_[p]));
    b.connective = std::string(connective);
    b.partial = partial;
    out_.push_back(std::move(b));
  }

  // "基本支出 412.26 万元（人员经费 365.18 万元、公用经费 47.08 万元）": a money
  // figure directly followed by parentheses holding two or more money figures.
  void read_parenthesised() {
    for (std::size_t t = 0; t < qs_.size(); ++t) {
      if (!money(t) || is_change_label(qs_[t].label)) continue;
      std::size_t k = qs_[t].end;
      while (k < s_.size() && is_space(s_[k])) ++k;
      std::size_t open_len = 0;
      if (k < s_.size() && s_[k] == '(') open_len = 1;
      else if (starts_with_at(s_, k, "（")) open_len = std::string_view("（").size();
      if (open_len == 0) continue;
      const int inner = depth_at(k) + 1;
      std::size_t close = k + open_len;
      while (close < s_.size() && depth_[close] >= inner) ++close;
      const std::string_view content = s_.substr(k + open_len, close - (k + open_len));
      std::vector<std::size_t> parts;
      bool stopped = false;
      std::size_t prev = k + open_len;
      for (std::size_t i = 0; i < qs_.size(); ++i) {
        if (qs_[i].begin < k + open_len || qs_[i].end > close || depth_at(qs_[i].begin) != inner) continue;
        if (!money(i)) continue;
        if (stops(prev, qs_[i].begin, qs_[t].label, inner)) {
          stopped = true;
          break;
        }
        parts.push_back(i);
        prev = qs_[i].end;
      }
      if (stopped || parts.size() < 2 || names_a_year(content)) continue;
      // "（含…）" lists some of what the figure includes, not all of it.
      std::string_view head = content;
      while (!head.empty() && is_space(head.front())) head.remove_prefix(1);
      bool partial = head.starts_with("含") || head.starts_with("包含") || contains(content, "主要") ||
                     ends_open(parts, close);
      std::string_view word = head.starts_with("含") || head.starts_with("包含") ? "含" : "（）";
      for (const Connective& c : connectives(k + open_len, close, /*any_depth=*/true)) {
        word = c.word;
        partial = partial || c.partial;
        break;
      }
      emit(t, parts, word, partial);
    }
  }

  // "执行数 980.5（含中央资金 600.2 万元、省级资金 380.3 万元）": a bare number,
  // labelled as money, right before an inclusion whose money figures all carry
  // one unit. The number takes that unit, but only as a guess: its span is
  // marked kInferredUnit, so a finding on it can only be a warning.
  void read_inferred_unit_inclusions() {
    for (std::size_t k = 0; k < s_.size(); ++k) {
      std::size_t open_len = 0;
      if (s_[k] == '(') open_len = 1;
      else if (starts_with_at(s_, k, "（")) open_len = std::string_view("（").size();
      if (open_len == 0 || depth_at(k) != 0) continue;
      // The number right before the parenthesis, not part of any quantity.
      std::size_t b = k;
      while (b > 0 && (is_digit(s_[b - 1]) || s_[b - 1] == '.' || s_[b - 1] == ',')) --b;
      if (b == k || !is_digit(s_[b]) || !is_digit(s_[k - 1])) continue;
      if (b > 0 && (std::isalnum(static_cast<unsigned char>(s_[b - 1])) || s_[b - 1] == '-')) continue;
      bool in_quantity = false;
      for (const Quantity& q : qs_) in_quantity = in_quantity || (q.begin < k && q.end > b);
      if (in_quantity) continue;
      std::string digits;
      for (std::size_t i = b; i < k; ++i)
        if (s_[i] != ',') digits.push_back(s_[i]);
      const std::optional<text::Decimal> value = text::Decimal::parse(digits);
      if (!value) continue;
      // The label: the clause before the number, which must name money.
      static constexpr std::string_view kClauseEnds[] = {"。", "，", "；", "：", ",", ";", ":", "、"};
      const std::size_t label_begin = stretch_begin(s_, b, kClauseEnds);
      const std::string_view label = s_.substr(label_begin, b - label_begin);
      if (!vocabulary::contains_any(label, vocabulary::kMoneyLabelWords)) continue;
      // The inclusion: "（含" and two or more money figures of one unit.
      std::size_t h = k + open_len;
      while (h < s_.size() && is_space(s_[h])) ++h;
      if (!starts_with_at(s_, h, "含") && !starts_with_at(s_, h, "包含") && !starts_with_at(s_, h, "其中")) continue;
      std::size_t close = k + open_len;
      while (close < s_.size() && depth_[close] >= 1) ++close;
      std::vector<std::size_t> parts;
      bool one_unit = true, stopped = false;
      std::size_t prev = k + open_len;
      for (std::size_t i = 0; i < qs_.size(); ++i) {
        if (qs_[i].begin < k + open_len || qs_[i].end > close || depth_at(qs_[i].begin) != 1) continue;
        if (!money(i)) {
          stopped = true;
          break;
        }
        if (stops(prev, qs_[i].begin, label, 1)) {
          stopped = true;
          break;
        }
        if (!parts.empty() && qs_[i].unit != qs_[parts.front()].unit) one_unit = false;
        parts.push_back(i);
        prev = qs_[i].end;
      }
      if (stopped || !one_unit || parts.size() < 2 || names_a_year(s_.substr(k, close - k))) continue;
      Breakdown bd;
      bd.total.value = *value;
      bd.total.exponent = qs_[parts.front()].exponent;
      bd.total.span = text_.span(line_, b, k);
      bd.total.span.reading = extract::Reading::kInferredUnit;
      bd.total.label = std::string(text::trim(label));
      for (std::size_t p : parts) bd.parts.push_back(text_.figure(line_, qs_[p]));
      bd.connective = "含";
      bd.partial = true;  // an inclusion names some of what the figure holds
      out_.push_back(std::move(bd));
    }
  }

  // Whether [from, to) after a list cut at "；" could still be parts of it:
  // its first money figure at depth 0 has no stop word before it, and no
  // connective opens a list of its own there ("；戊项目资金 300 万元，其中…").
  bool may_continue(std::size_t from, std::size_t to) const {
    if (!connectives(from, to).empty()) return false;
    for (std::size_t i = 0; i < qs_.size(); ++i) {
      if (qs_[i].begin < from || qs_[i].end > to || depth_at(qs_[i].begin) != 0) continue;
      if (!money(i) || is_change_label(qs_[i].label)) return false;
      return !stops(from, qs_[i].begin, "");
    }
    return false;
  }

  // Reads the parts of `total` from `from` to `to`, recursing into nested
  // lists; records the breakdowns. Returns where the list stopped.
  std::size_t read_list(std::size_t total, std::size_t from, std::size_t to, std::string_view word, bool partial) {
    std::vector<std::size_t> parts;
    std::size_t prev = from;
    std::size_t stop = to;
    std::vector<std::size_t> candidates;
    for (std::size_t i = 0; i < qs_.size(); ++i)
      if (qs_[i].begin >= from && qs_[i].end <= to && depth_at(qs_[i].begin) == 0 && money(i) && !consumed_[i])
        candidates.push_back(i);
    std::size_t resume = from;  // parts before this belong to a nested list
    for (std::size_t ci = 0; ci < candidates.size(); ++ci) {
      const std::size_t i = candidates[ci];
      if (qs_[i].begin < resume) continue;
      if (stops(prev, qs_[i].begin, qs_[total].label)) {
        stop = qs_[i].begin;
        break;
      }
      parts.push_back(i);
      consumed_[i] = true;
      prev = qs_[i].end;
      // A connective between this part and the next figure opens a nested list.
      std::size_t gap_end = to;
      for (std::size_t cj = ci + 1; cj < candidates.size(); ++cj)
        if (qs_[candidates[cj]].begin >= qs_[i].end) {
          gap_end = qs_[candidates[cj]].begin;
          break;
        }
      std::vector<Connective> nested = connectives(qs_[i].end, gap_end);
      if (nested.empty()) continue;
      const Connective& c = nested.back();
      bool nested_partial = false;
      std::string_view nested_word = c.word;
      for (const Connective& n : nested) {
        nested_partial = nested_partial || n.partial;
        if (n.partial) nested_word = n.word;
      }
      const std::size_t nested_to = std::min(to, list_end(c.end, c.colon));
      const std::optional<std::size_t> nested_end = nested_list_end(c.end, nested_to);
      std::size_t end = nested_to;
      if (nested_end) {
        end = *nested_end;
      } else if (qs_[i].normalized != qs_[total].normalized) {
        // The nested parts are joined like the outer ones: nothing says where
        // the nested list ends and the outer one resumes. Record neither.
        for (std::size_t j : candidates)
          if (qs_[j].begin >= c.end && qs_[j].end <= nested_to) consumed_[j] = true;
        return nested_to;
      }
      read_list(i, c.end, end, nested_word, nested_partial);
      resume = end;
      prev = end;
    }
    partial = partial || ends_open(parts, to);
    emit(total, parts, word, partial);
    return stop;
  }

  // A nested list whose parts are joined by "、" ends at the first "，" after
  // its first part ("基本支出 60 万元，主要用于 A 50 万元、B 10 万元，项目支出
  // 40 万元"). nullopt when the nested parts are not joined by "、".
  std::optional<std::size_t> nested_list_end(std::size_t from, std::size_t to) const {
    std::optional<std::size_t> first;
    for (std::size_t i = 0; i < qs_.size(); ++i)
      if (qs_[i].begin >= from && qs_[i].end <= to && depth_at(qs_[i].begin) == 0 && money(i)) {
        first = i;
        break;
      }
    if (!first) return std::nullopt;
    for (std::size_t k = qs_[*first].end; k < to; ++k) {
      if (depth_[k] != 0) continue;
      if (starts_with_at(s_, k, "、")) {
        for (std::size_t m = k; m < to; ++m)
          if (depth_[m] == 0 && (starts_with_at(s_, m, "，") || s_[m] == ',' || starts_with_at(s_, m, "；")))
            return m;
        return to;
      }
      if (starts_with_at(s_, k, "，") || s_[k] == ',' || starts_with_at(s_, k, "；") || s_[k] == ';') return std::nullopt;
    }
    return to;  // a single nested part: it ends with the list
  }

  void read_connective_lists() {
    const std::vector<Connective> all = connectives(0, s_.size());
    std::size_t resume = 0;
    std::size_t failed_until = 0;
    for (std::size_t n = 0; n < all.size(); ++n) {
      if (all[n].begin < resume) continue;
      // "主要是社会保障和就业支出，其中，…": words that follow each other with no
      // figure between introduce one list.
      std::size_t last = n;
      while (last + 1 < all.size()) {
        const Connective& next = all[last + 1];
        bool figure_between = false;
        for (const Quantity& q : qs_)
          if (q.begin >= all[last].end && q.end <= next.begin) figure_between = true;
        if (figure_between || sentence_start(next.begin) > all[last].begin) break;
        ++last;
      }
      // The word that introduces the parts, or the one that makes the list partial.
      bool partial = false;
      std::string_view word = all[last].word;
      for (std::size_t k = n; k <= last; ++k)
        if (all[k].partial) {
          partial = true;
          word = all[k].word;
        }
      std::size_t to = list_end(all[last].end, all[last].colon);
      if (all[last].colon) {
        const std::size_t sentence_end = to;
        to = weaker_separator_end(all[last].end, to);
        // "其中：A 100 万元，B 50 万元；C 50 万元": a writer may mix separators.
        // When what follows the "；" reads like one more part (a money figure,
        // no stop word before it, no list of its own), the cut list may be
        // incomplete: short of its total it is only a warning.
        if (to < sentence_end && may_continue(to, sentence_end)) partial = true;
      }
      std::optional<std::size_t> total = total_before(all[n].begin);
      // The figures of a list without a total are no total for a later one:
      // "A、B预算分别为 30 万元、20 万元，执行数分别为 28 万元、19 万元".
      if (total && qs_[*total].begin < failed_until) total.reset();
      if (!total) {
        failed_until = std::max(failed_until, to);
        continue;
      }
      resume = read_list(*total, all[last].end, to, word, partial);
      if (resume <= all[last].end) resume = all[last].end;
    }
  }

  const ReportText& text_;
  std::size_t line_;
  std::string_view s_;
  const std::vector<Quantity>& qs_;
  std::vector<Breakdown>& out_;
  std::vector<int> depth_;
  std::vector<bool> consumed_;
};

}  // namespace

std::vector<Breakdown> read_breakdowns(const ReportText& text) {
  std::vector<Breakdown> out;
  for (std::size_t line = 0; line < text.lines.lines.size() && line < text.quantities.size(); ++line) {
    // A breakdown is a money total and at least two money parts (the total
    // may be a bare number that takes the parts' unit).
    const auto& qs = text.quantities[line];
    if (std::count_if(qs.begin(), qs.end(), [](const Quantity& q) { return q.kind == Quantity::Kind::kMoney; }) < 2)
      continue;
    std::vector<Breakdown> found;
    LineReader(text, line, found).read();
    // Document order: by where the total stands.
    std::stable_sort(found.begin(), found.end(),
                     [](const Breakdown& a, const Breakdown& b) { return a.total.span.begin < b.total.span.begin; });
    for (Breakdown& b : found) out.push_back(std::move(b));
  }
  return out;
}

}  // namespace jixiao::normalize::internal
