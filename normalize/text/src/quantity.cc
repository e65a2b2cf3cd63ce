// scan_quantities(): every amount of money and every count in one normalized
// line, with its value in base units, its qualifier and the label the
// sentence gives it. Most bytes of a report start no quantity, so the scan
// first skips them cheaply (a run of numeral characters with no unit after it,
// as in 统一 or 十三五, is passed over unread); where a figure starts, the
// number, the unit from the unit tables and the qualifier words around them
// are read, and the label is the clause before the figure (for a count, after
// it when the clause before is empty). The tables of units, false units
// (一次性, 3个月) and qualifiers are at the top, in one place.

#include "jixiao/text/quantity.h"

#include <algorithm>
#include <array>
#include <cctype>

#include "jixiao/text/chinese_numeral.h"
#include "jixiao/text/text.h"

namespace jixiao::text {
namespace {

// ---- tables --------------------------------------------------------------------

// Money units and their power of ten in yuan, longest first.
struct MoneyUnit {
  std::string_view text;
  int exponent;
};
constexpr MoneyUnit kMoneyUnits[] = {
    {"万亿元", 12}, {"千万元", 7}, {"百万元", 6}, {"十万元", 5}, {"亿元", 8},
    {"万元", 4},    {"千元", 3},   {"元", 0},     {"圆", 0},
};

// Magnitudes that may stand between a number and a count noun ("8.65万人").
struct Magnitude {
  std::string_view text;
  int exponent;
};
constexpr Magnitude kCountMagnitudes[] = {{"万亿", 12}, {"亿", 8}, {"万", 4}, {"千", 3}, {"", 0}};

// Count nouns (the base unit of a count), longest first where one is a prefix of another.
constexpr std::string_view kCountNouns[] = {
    "人次", "户次", "周岁", "人", "名", "户", "家", "个", "份", "卷", "件", "所", "套", "项", "次", "起",
    "期",   "辆",   "台",   "座", "处", "间", "张", "本", "批", "场", "宗", "笔", "位", "条", "篇", "册", "岁",
};

// A unit followed by these words is part of another word, not a unit:
// 一次性, 0.46个百分点, 3个月, 名单, 家庭, 期间, 台账, 场所, 份额, 条件, 户籍.
struct FalseUnit {
  std::string_view unit;
  std::string_view next;
};
constexpr FalseUnit kFalseUnits[] = {
    {"次", "性"}, {"个", "百分点"}, {"个", "月"}, {"名", "单"}, {"家", "庭"}, {"期", "间"}, {"台", "账"},
    {"场", "所"}, {"份", "额"},     {"条", "件"}, {"户", "籍"}, {"户", "口"}, {"项", "目"}, {"所", "有"},
    {"人", "民"}, {"位", "置"},     {"本", "级"}, {"件", "事"}, {"起", "来"}, {"处", "理"}, {"次", "数"},
};

// Words right before a number that make it other than exact, longest first.
struct QualifierWord {
  std::string_view text;
  Qualifier qualifier;
};
constexpr QualifierWord kPrefixQualifiers[] = {
    {"不低于", Qualifier::kAtLeast}, {"不少于", Qualifier::kAtLeast}, {"不超过", Qualifier::kAtMost},
    {"不高于", Qualifier::kAtMost},  {"不足", Qualifier::kAtMost},    {"低于", Qualifier::kAtMost},
    {"少于", Qualifier::kAtMost},    {"超过", Qualifier::kAtLeast},   {"至少", Qualifier::kAtLeast},
    {"最多", Qualifier::kAtMost},    {"约", Qualifier::kApproximate}, {"近", Qualifier::kApproximate},
    {"逾", Qualifier::kAtLeast},     {"大约", Qualifier::kApproximate},
};
// Between the number and its unit: 300余人次, 2000多名.
constexpr QualifierWord kInnerQualifiers[] = {{"余", Qualifier::kApproximate}, {"多", Qualifier::kApproximate}};
// After the unit: 90%以上, 500元以下, 160万元左右.
constexpr QualifierWord kSuffixQualifiers[] = {
    {"以上", Qualifier::kAtLeast}, {"以下", Qualifier::kAtMost}, {"左右", Qualifier::kApproximate},
    {"之多", Qualifier::kApproximate}};

// Range dashes: 65—74岁, 55-59周岁, 3~5人.
constexpr std::string_view kRangeDashes[] = {"——", "—", "－", "–", "-", "~", "～", "至", "到"};

// Label clean-up: words that open a clause, and filler between a label and its number.
constexpr std::string_view kLabelOpeners[] = {"、", "其中", "另外", "包括", "同时", "以及", "主要用于", "主要是", "和", "及"};
constexpr std::string_view kLabelFillers[] = {"为", "是", "达到", "达", "共计", "合计", "总计", "累计", "共",
                                              "计", "了",   "有", "的", "约", "近", "全面", "分别"};
// Clause boundaries a label does not cross.
// (、 separates list items, which the previous quantity already bounds; brackets
// and quotes belong to names such as “三公”经费 and 康复费（含住院和门诊）.)
constexpr std::string_view kBoundaries[] = {"，", ",", "。", "；", ";", "：", ":", "\t", "！", "？"};
// Verbs that end the noun phrase a count is about ("2635名死亡人员遗属|发放…").
constexpr std::string_view kCountVerbs[] = {"发放", "办理", "代缴", "享受", "参加", "提供", "完成", "实现", "进行",
                                            "开展", "拨付", "支付", "缴纳", "领取", "补缴", "转移", "审核", "接待"};

constexpr std::size_t kMaxLabelChars = 24;

// ---- helpers -------------------------------------------------------------------

bool is_ascii_digit(char c) { return c >= '0' && c <= '9'; }

// A numeral of magnitudes alone (千家万户, 百姓, 十分) is a word, not a number.
constexpr std::string_view kDigitChars[] = {"零", "〇", "一", "二", "两", "三", "四", "五", "六", "七",
                                            "八", "九", "壹", "贰", "叁", "肆", "伍", "陆", "柒", "捌", "玖"};
bool has_digit_char(std::string_view numeral) {
  for (std::string_view d : kDigitChars)
    if (numeral.find(d) != std::string_view::npos) return true;
  return false;
}

// Chinese numeral characters that can start or continue a numeral.
constexpr std::string_view kNumeralChars[] = {"零", "〇", "一", "二", "两", "三", "四", "五", "六", "七", "八",
                                              "九", "十", "百", "千", "万", "亿", "壹", "贰", "叁", "肆", "伍",
                                              "陆", "柒", "捌", "玖", "拾", "佰", "仟", "点", "负"};

// The same characters as code points, sorted, for a binary search on the hot path.
constexpr auto kNumeralCodePoints = [] {
  std::array<char32_t, std::size(kNumeralChars)> cps{};
  for (std::size_t k = 0; k < cps.size(); ++k) {
    const std::string_view c = kNumeralChars[k];  // all three-byte UTF-8
    cps[k] = (char32_t(static_cast<unsigned char>(c[0]) & 0x0F) << 12) |
             (char32_t(static_cast<unsigned char>(c[1]) & 0x3F) << 6) | (static_cast<unsigned char>(c[2]) & 0x3F);
  }
  std::sort(cps.begin(), cps.end());
  return cps;
}();

// The three-byte code point at i, or 0 when there is none.
char32_t three_byte_at(std::string_view s, std::size_t i) {
  const unsigned char c = static_cast<unsigned char>(s[i]);
  if ((c & 0xF0) != 0xE0 || i + 3 > s.size()) return 0;
  return (char32_t(c & 0x0F) << 12) | (char32_t(static_cast<unsigned char>(s[i + 1]) & 0x3F) << 6) |
         (static_cast<unsigned char>(s[i + 2]) & 0x3F);
}

// One flag per code point of U+3000..U+9FFF (where all numeral characters
// live): numeral_char_at runs on every CJK character of a report.
constexpr char32_t kTableFirst = 0x3000, kTableLast = 0x9FFF;
constexpr auto kIsNumeral = [] {
  std::array<bool, kTableLast - kTableFirst + 1> table{};
  for (char32_t cp : kNumeralCodePoints) table[cp - kTableFirst] = true;
  return table;
}();

std::size_t numeral_char_at(std::string_view s, std::size_t i) {
  const char32_t cp = three_byte_at(s, i);
  return cp >= kTableFirst && cp <= kTableLast && kIsNumeral[cp - kTableFirst] ? 3 : 0;
}

// The code point ending just before byte i, as its byte length (0 at the start).
std::size_t prev_char_len(std::string_view s, std::size_t i) {
  if (i == 0) return 0;
  std::size_t k = i - 1;
  while (k > 0 && (static_cast<unsigned char>(s[k]) & 0xC0) == 0x80) --k;
  return i - k;
}

bool ends_with_numeral_char(std::string_view s, std::size_t i) {
  const std::size_t len = prev_char_len(s, i);
  return len > 0 && numeral_char_at(s, i - len) == len;
}

Decimal pow10(int exponent) {
  Decimal d = Decimal::from_int(1);
  for (int k = 0; k < exponent; ++k) d = d * Decimal::from_int(10);
  return d;
}

// Drops the decimals a magnitude made redundant: 8.65万 -> 86500, not 86500.00
// ("3165.74" keeps its cents). Figures without a magnitude keep their printed scale.
Decimal trimmed(const Decimal& d) {
  for (int s = 0; s < d.scale(); ++s) {
    const Decimal r = d.rounded(s);
    if (r == d) return r;
  }
  return d;
}

struct UnitMatch {
  Quantity::Kind kind;
  std::string unit;       // as printed
  std::string base_unit;
  int exponent = 0;
  std::size_t length = 0;
};

bool false_unit(std::string_view noun, std::string_view rest) {
  for (const FalseUnit& f : kFalseUnits)
    if (f.unit == noun && rest.starts_with(f.next)) return true;
  return false;
}

// First code points of every unit and magnitude: most numbers (years, dates,
// percentages) are followed by none of them, and are rejected in one lookup.
constexpr auto kUnitStarts = [] {
  std::array<char32_t, std::size(kMoneyUnits) + std::size(kCountMagnitudes) + std::size(kCountNouns)> cps{};
  std::size_t n = 0;
  auto first = [](std::string_view c) -> char32_t {
    if (c.empty()) return 0;
    return (char32_t(static_cast<unsigned char>(c[0]) & 0x0F) << 12) |
           (char32_t(static_cast<unsigned char>(c[1]) & 0x3F) << 6) | (static_cast<unsigned char>(c[2]) & 0x3F);
  };
  for (const MoneyUnit& m : kMoneyUnits) cps[n++] = first(m.text);
  for (const Magnitude& m : kCountMagnitudes) cps[n++] = first(m.text);
  for (std::string_view noun : kCountNouns) cps[n++] = first(noun);
  std::sort(cps.begin(), cps.end());
  return cps;
}();

std::optional<UnitMatch> match_unit(std::string_view s, bool allow_magnitude) {
  const char32_t next = s.empty() ? 0 : three_byte_at(s, 0);
  if (next == 0 || !std::binary_search(kUnitStarts.begin(), kUnitStarts.end(), next)) return std::nullopt;
  for (const MoneyUnit& m : kMoneyUnits) {
    if (!allow_magnitude && m.exponent != 0) continue;
    if (s.starts_with(m.text))
      return UnitMatch{Quantity::Kind::kMoney, std::string(m.text), "元", m.exponent, m.text.size()};
  }
  for (const Magnitude& mag : kCountMagnitudes) {
    if (!allow_magnitude && mag.exponent != 0) continue;
    if (!s.starts_with(mag.text)) continue;
    const std::string_view rest = s.substr(mag.text.size());
    for (std::string_view noun : kCountNouns) {
      if (!rest.starts_with(noun) || false_unit(noun, rest.substr(noun.size()))) continue;
      std::string base(noun == "周岁" ? "岁" : noun);
      return UnitMatch{Quantity::Kind::kCount, std::string(mag.text) + std::string(noun), base, mag.exponent,
                       mag.text.size() + noun.size()};
    }
  }
  return std::nullopt;
}

// An Arabic number at i: digits with ',' groups and '.' decimals.
std::optional<std::pair<Decimal, std::size_t>> read_arabic(std::string_view s, std::size_t i) {
  std::size_t j = i;
  while (j < s.size() && (is_ascii_digit(s[j]) || s[j] == ',' || s[j] == '.')) ++j;
  // Trailing ',' or '.' belong to the sentence.
  while (j > i && (s[j - 1] == ',' || s[j - 1] == '.')) --j;
  for (std::size_t end = j; end > i; --end) {
    if (auto d = Decimal::parse(s.substr(i, end - i))) return std::make_pair(*d, end - i);
    // "3,165.74" parses; "15,25" does not: retry shorter (up to the comma).
    const std::size_t comma = s.substr(i, end - i).rfind(',');
    if (comma == std::string_view::npos) break;
    end = i + comma + 1;
  }
  return std::nullopt;
}

std::string clean_label(std::string_view raw) {
  std::string_view s = trim(raw);
  bool changed = true;
  while (changed && !s.empty()) {
    changed = false;
    for (std::string_view w : kLabelOpeners)
      if (s.starts_with(w) && (s.size() > w.size() || w == "、")) {
        s.remove_prefix(w.size());
        changed = true;
      }
    for (std::string_view w : kLabelFillers)
      if (s.ends_with(w)) {
        s.remove_suffix(w.size());
        changed = true;
      }
    for (const QualifierWord& q : kPrefixQualifiers)
      if (s.ends_with(q.text)) {
        s.remove_suffix(q.text.size());
        changed = true;
      }
    s = trim(s);
  }
  // Keep the words nearest to the number.
  const std::u32string u = to_u32(s);
  if (u.size() > kMaxLabelChars) {
    std::size_t cut = 0, chars = 0;
    for (std::size_t k = 0; k < s.size(); ++k)
      if ((static_cast<unsigned char>(s[k]) & 0xC0) != 0x80 && chars++ == u.size() - kMaxLabelChars) {
        cut = k;
        break;
      }
    s.remove_prefix(cut);
  }
  return std::string(s);
}

// The clause text before byte `at`, after the last boundary or `floor`.
// (Both look only within a window of the line: a label is a few words, and a
// paragraph may be kilobytes long with dozens of quantities.)
constexpr std::size_t kLabelWindowBytes = 4 * 3 * kMaxLabelChars;

std::string_view clause_before(std::string_view s, std::size_t at, std::size_t floor) {
  std::size_t start = std::max(floor, at > kLabelWindowBytes ? at - kLabelWindowBytes : std::size_t{0});
  while (start < at && (static_cast<unsigned char>(s[start]) & 0xC0) == 0x80) ++start;  // a character boundary
  const std::string_view window = s.substr(start, at - start);
  std::size_t cut = 0;
  for (std::string_view b : kBoundaries) {
    const std::size_t k = window.rfind(b);
    if (k != std::string_view::npos) cut = std::max(cut, k + b.size());
  }
  return window.substr(cut);
}

std::string_view clause_after(std::string_view s, std::size_t at) {
  std::size_t stop = std::min(s.size(), at + kLabelWindowBytes);
  while (stop < s.size() && (static_cast<unsigned char>(s[stop]) & 0xC0) == 0x80) ++stop;
  const std::string_view window = s.substr(at, stop - at);
  for (std::string_view b : kBoundaries) {
    const std::size_t k = window.find(b);
    if (k != std::string_view::npos) stop = std::min(stop, at + k);
  }
  for (std::string_view v : kCountVerbs) {
    const std::size_t k = window.find(v);
    if (k != std::string_view::npos) stop = std::min(stop, at + k);
  }
  // The phrase ends at the next number ("…生活补助|551万元"), unless it starts with one ("60周岁以上老年人").
  std::size_t k = at;
  while (k < stop && is_ascii_digit(s[k])) ++k;
  for (; k < stop; ++k)
    if (is_ascii_digit(s[k])) {
      stop = k;
      break;
    }
  return s.substr(at, stop - at);
}

// ---- one quantity ------------------------------------------------------------------

// Where the scan goes on when byte `i` of `s` cannot start a quantity, or `i`
// when it may. Most bytes start nothing, and runs of numeral characters
// followed by no unit (统一, 进一步, 重点, 十三五) are skipped without reading them.
std::size_t skip_non_starter(std::string_view s, std::size_t i) {
  const unsigned char lead = static_cast<unsigned char>(s[i]);
  if ((lead < 0x80 && !is_ascii_digit(s[i])) || (lead >= 0x80 && lead < 0xE0) || lead >= 0xF0) return i + 1;
  if (lead < 0xE0) return i;
  const char32_t cp = three_byte_at(s, i);
  if (cp != U'人' && numeral_char_at(s, i) == 0) return i + 3;
  // A run of numeral characters is a quantity only when a unit (or 余/多) follows it.
  if (cp != U'人' && !ends_with_numeral_char(s, i)) {
    std::size_t run = i;
    while (run < s.size() && numeral_char_at(s, run)) run += 3;
    const char32_t after = run < s.size() ? three_byte_at(s, run) : 0;
    if (!std::binary_search(kUnitStarts.begin(), kUnitStarts.end(), after) && after != U'余' && after != U'多')
      return run;
  }
  return i;
}

// "人民币壹仟贰佰叁拾肆万伍仟元整" at byte `i`: money in words, nullopt when none is there.
std::optional<Quantity> money_in_words_at(std::string_view s, std::size_t i) {
  const std::optional<Numeral> money = read_money_in_words(s.substr(i));
  if (!money) return std::nullopt;
  Quantity q;
  q.kind = Quantity::Kind::kMoney;
  q.value = money->value;
  q.unit = "元";
  q.base_unit = "元";
  q.normalized = trimmed(money->value);
  q.in_words = true;
  q.begin = i;
  q.end = i + money->length;
  return q;
}

// "65—74岁": the upper end of a range after the number that ends at `pos`,
// moving `pos` past it; nullopt (and `pos` unchanged) when there is none.
std::optional<Decimal> range_upper_at(std::string_view s, std::size_t& pos) {
  for (std::string_view dash : kRangeDashes) {
    if (!s.substr(pos).starts_with(dash)) continue;
    const std::size_t at = pos + dash.size();
    if (at < s.size() && is_ascii_digit(s[at])) {
      if (auto second = read_arabic(s, at); second && match_unit(s.substr(at + second->second), true)) {
        pos = at + second->second;
        return second->first;
      }
    }
    return std::nullopt;
  }
  return std::nullopt;
}

// A number (Arabic when `arabic`, else Chinese numerals) at byte `i` and the
// unit after it, with a 余/多 between them and a range's upper end. `prev` is
// the character before the number. On nullopt, `next` is where the scan goes on.
std::optional<Quantity> number_with_unit_at(std::string_view s, std::size_t i, bool arabic, std::string_view prev,
                                            std::size_t& next) {
  std::optional<std::pair<Decimal, std::size_t>> number;
  if (arabic) {
    number = read_arabic(s, i);
  } else if (auto n = read_numeral(s.substr(i)); n && has_digit_char(s.substr(i, n->length))) {
    number = std::make_pair(n->value, n->length);
  }
  if (!number) {
    next = i + (arabic ? 1 : std::max<std::size_t>(numeral_char_at(s, i), 1));
    return std::nullopt;
  }
  Quantity q;
  const Decimal value = number->first;
  std::size_t pos = i + number->second;
  // 余/多 between number and unit.
  for (const QualifierWord& w : kInnerQualifiers)
    if (s.substr(pos).starts_with(w.text) && match_unit(s.substr(pos + w.text.size()), arabic)) {
      q.qualifier = w.qualifier;
      q.qualifier_text = std::string(w.text);
      pos += w.text.size();
      break;
    }
  const std::optional<Decimal> upper = arabic && q.qualifier_text.empty() ? range_upper_at(s, pos) : std::nullopt;
  auto unit = match_unit(s.substr(pos), arabic);
  if (!unit && arabic && (prev == "¥" || prev == "￥")) {
    // ¥863,000.00: the currency sign is the unit.
    unit = UnitMatch{Quantity::Kind::kMoney, "元", "元", 0, 0};
  }
  if (!unit) {
    next = pos > i ? pos : i + 1;
    return std::nullopt;
  }
  // A bare 一 counts nothing: 一人不漏, 一次办好, 统一人员.
  if (!arabic && unit->kind == Quantity::Kind::kCount && s.substr(i, pos - i) == "一") {
    next = pos;
    return std::nullopt;
  }
  // A figure too large to scale exactly is no report figure (the fuzzer's 10^27万亿元).
  const auto scaled = value.checked_mul(pow10(unit->exponent));
  const auto scaled_upper = upper ? upper->checked_mul(pow10(unit->exponent)) : std::nullopt;
  if (!scaled || (upper && !scaled_upper)) {
    next = pos + unit->length;
    return std::nullopt;
  }
  q.kind = unit->kind;
  q.value = value;
  q.unit = unit->unit;
  q.exponent = unit->exponent;
  q.base_unit = unit->base_unit;
  q.in_words = !arabic;
  q.normalized = unit->exponent > 0 ? trimmed(*scaled) : value;
  if (upper) q.range_upper = unit->exponent > 0 ? trimmed(*scaled_upper) : *upper;
  q.begin = i;
  q.end = pos + unit->length;
  return q;
}

// Qualifier words before the number (约, 不低于) and after the unit (以上, 左右):
// the quantity's range grows to cover them.
void add_outer_qualifiers(std::string_view s, Quantity& q) {
  if (q.qualifier_text.empty()) {
    for (const QualifierWord& w : kPrefixQualifiers) {
      if (q.begin >= w.text.size() && s.substr(0, q.begin).ends_with(w.text)) {
        q.qualifier = w.qualifier;
        q.qualifier_text = std::string(w.text);
        q.begin -= w.text.size();
        break;
      }
    }
  }
  for (const QualifierWord& w : kSuffixQualifiers) {
    if (s.substr(q.end).starts_with(w.text)) {
      if (q.qualifier_text.empty()) {
        q.qualifier = w.qualifier;
        q.qualifier_text = std::string(w.text);
      }
      q.end += w.text.size();
      break;
    }
  }
}

}  // namespace

std::string_view qualifier_name(Qualifier q) {
  switch (q) {
    case Qualifier::kExact: return "exact";
    case Qualifier::kApproximate: return "approximate";
    case Qualifier::kAtLeast: return "at-least";
    case Qualifier::kAtMost: return "at-most";
  }
  return "exact";
}

std::string describe_normalized(const Quantity& q) {
  std::string out = q.normalized.to_string();
  if (q.range_upper) out += "-" + q.range_upper->to_string();
  return out + " " + q.base_unit;
}

std::vector<Quantity> scan_quantities(std::string_view s) {
  std::vector<Quantity> out;
  std::size_t floor = 0;  // labels do not reach back past the previous quantity
  std::size_t i = 0;
  while (i < s.size()) {
    if (const std::size_t next = skip_non_starter(s, i); next != i) {
      i = next;
      continue;
    }
    const bool arabic = is_ascii_digit(s[i]) && (i == 0 || (!is_ascii_digit(s[i - 1]) && s[i - 1] != '.' &&
                                                            s[i - 1] != ',' && !std::isalpha(static_cast<unsigned char>(s[i - 1]))));
    const bool words = !arabic && (numeral_char_at(s, i) > 0 || s.substr(i).starts_with("人民币")) &&
                       !ends_with_numeral_char(s, i);
    if (!arabic && !words) {
      ++i;
      continue;
    }
    // Ordinals (第三), document numbers (〔2018〕42号) and dates never carry a unit,
    // except that 第 + number + 名 is a rank, not a count.
    const std::size_t plen = prev_char_len(s, i);
    const std::string_view prev = s.substr(i - plen, plen);
    if (prev == "第" || prev == "〔" || prev == "[" || prev == "【") {
      i += arabic ? 1 : std::max<std::size_t>(numeral_char_at(s, i), 1);
      continue;
    }

    std::optional<Quantity> q = words ? money_in_words_at(s, i) : std::nullopt;
    if (!q) {
      std::size_t next = i;
      q = number_with_unit_at(s, i, arabic, prev, next);
      if (!q) {
        i = next;
        continue;
      }
    }
    add_outer_qualifiers(s, *q);
    q->label = clean_label(clause_before(s, q->begin, floor));
    if (q->label.empty() && q->kind == Quantity::Kind::kCount) q->label = clean_label(clause_after(s, q->end));
    floor = q->end;
    i = q->end;
    out.push_back(std::move(*q));
  }
  return out;
}

}  // namespace jixiao::text
