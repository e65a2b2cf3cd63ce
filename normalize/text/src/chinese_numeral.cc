// Readers for numerals as Chinese reports write them (chinese_numeral.h lists
// the forms). Chinese integers are read by a small recursive-descent grammar
// over three-byte glyphs (terms below 10^4, then 万 and 亿 groups, with the
// rules for 零, 两 and elided last digits), Arabic figures by Decimal::parse
// plus a magnitude suffix ("8.65万"). Money in words and ratios are built on
// the same readers. Values are exact Decimals throughout: a figure read here
// is later compared to the cent.

#include "jixiao/text/chinese_numeral.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <string>
#include <utility>

namespace jixiao::text {
namespace {

// ---------------------------------------------------------------- glyphs

enum class Kind { kDigit, kZero, kUnit, kPoint, kMinus };

// One character a Chinese numeral is made of. Every one of them is a
// three-byte UTF-8 sequence, which keeps the scanner simple.
struct Glyph {
  std::string_view text;
  Kind kind;
  int value;             // digit 1..9, or the power of ten of a unit
  bool liang = false;    // 两: a 2 said only before 百 千 万 亿, or alone
  bool capital = false;  // financial capital: never elided
};

constexpr std::size_t kGlyphBytes = 3;

const Glyph* GlyphAt(std::string_view text, std::size_t pos) {
  static const std::array<Glyph, 30> kGlyphs = {{
      {"零", Kind::kZero, 0},          {"〇", Kind::kZero, 0},
      {"一", Kind::kDigit, 1},         {"壹", Kind::kDigit, 1, false, true},
      {"二", Kind::kDigit, 2},         {"贰", Kind::kDigit, 2, false, true},
      {"两", Kind::kDigit, 2, true},   {"三", Kind::kDigit, 3},
      {"叁", Kind::kDigit, 3, false, true},
      {"四", Kind::kDigit, 4},         {"肆", Kind::kDigit, 4, false, true},
      {"五", Kind::kDigit, 5},         {"伍", Kind::kDigit, 5, false, true},
      {"六", Kind::kDigit, 6},         {"陆", Kind::kDigit, 6, false, true},
      {"七", Kind::kDigit, 7},         {"柒", Kind::kDigit, 7, false, true},
      {"八", Kind::kDigit, 8},         {"捌", Kind::kDigit, 8, false, true},
      {"九", Kind::kDigit, 9},         {"玖", Kind::kDigit, 9, false, true},
      {"十", Kind::kUnit, 1},          {"拾", Kind::kUnit, 1, false, true},
      {"百", Kind::kUnit, 2},          {"佰", Kind::kUnit, 2, false, true},
      {"千", Kind::kUnit, 3},          {"仟", Kind::kUnit, 3, false, true},
      {"万", Kind::kUnit, 4},          {"亿", Kind::kUnit, 8},
      {"点", Kind::kPoint, 0},
  }};
  if (pos + kGlyphBytes > text.size()) return nullptr;
  const std::string_view candidate = text.substr(pos, kGlyphBytes);
  for (const Glyph& g : kGlyphs) {
    if (g.text == candidate) return &g;
  }
  // 负 is looked up separately: it may only lead a numeral.
  return nullptr;
}

bool IsAsciiDigit(char c) { return c >= '0' && c <= '9'; }

bool StartsWith(std::string_view text, std::size_t pos, std::string_view prefix) {
  return text.substr(std::min(pos, text.size())).starts_with(prefix);
}

// True when the character at `pos` could continue a numeral. A bare digit is
// only taken as elided ("一百一") when what follows cannot, so that
// "三百四千" is not read as 340 followed by junk.
bool ContinuesNumeral(std::string_view text, std::size_t pos) {
  if (pos < text.size() && IsAsciiDigit(text[pos])) return true;
  return GlyphAt(text, pos) != nullptr;
}

bool IsDigit(const Glyph* g) { return g != nullptr && g->kind == Kind::kDigit; }
bool IsUnit(const Glyph* g, int exponent) {
  return g != nullptr && g->kind == Kind::kUnit && g->value == exponent;
}

// 10^e for the small exponents the grammar uses (e <= 8).
std::int64_t Pow10(int e) {
  std::int64_t p = 1;
  for (int i = 0; i < e; ++i) p *= 10;
  return p;
}

// ---------------------------------------------------------------- Chinese integers
//
// Grammar (each level below 10^4, 10^8 and 10^16):
//   small     := term+          term := digit unit(十百千) | 十 | digit
//   below_yi  := small [万 rest4]
//   integer   := below_yi [亿 rest8]
//   rest_E    := elided-digit | 零 lower | lower-without-零
// with falling units inside `small`, and the rules for 零, 两 and elision in
// the header.

// Where a run of terms starts.
enum class Mode {
  kStart,      // at the start of the numeral
  kAfterZero,  // right after a 零 that marks a gap
  kRemainder,  // right after 万 or 亿 with no 零
};

struct Part {
  std::int64_t value = 0;
  std::size_t end = 0;      // byte after the last glyph taken
  int terms = 0;
  bool lone_digit = false;  // a single bare digit and nothing else
};

// Terms below 10^4 starting at `pos`.
Part ReadSmall(std::string_view text, std::size_t pos, Mode mode) {
  Part part;
  part.end = pos;
  std::size_t p = pos;
  int previous = 4;  // exponent of the last unit taken; 4 = none yet
  bool after_zero = mode == Mode::kAfterZero;
  while (const Glyph* g = GlyphAt(text, p)) {
    if (g->kind == Kind::kZero) {
      // A 零 inside a run: after a unit, before a plain digit, never twice.
      if (part.terms == 0 || after_zero) break;
      const Glyph* next = GlyphAt(text, p + kGlyphBytes);
      if (!IsDigit(next) || next->liang) break;
      p += kGlyphBytes;
      after_zero = true;
      continue;
    }
    if (IsUnit(g, 1) && part.terms == 0) {  // 十 / 拾 with its 一 left out
      part.value += 10;
      previous = 1;
      p += kGlyphBytes;
      part.end = p;
      ++part.terms;
      after_zero = false;
      continue;
    }
    if (g->kind != Kind::kDigit) break;

    const Glyph* next = GlyphAt(text, p + kGlyphBytes);
    if (next != nullptr && next->kind == Kind::kUnit && next->value <= 3) {
      const int e = next->value;
      if (e >= previous) break;           // "三百四千", "十十"
      if (g->liang && e == 1) break;      // "两十"
      part.value += g->value * Pow10(e);
      previous = e;
      p += 2 * kGlyphBytes;
      part.end = p;
      ++part.terms;
      after_zero = false;
      continue;
    }

    // A bare digit: the ones place, or an elided place, and the run ends.
    if (g->liang) {
      // 两 alone, or as the coefficient of 万/亿 (the caller checks which).
      if (part.terms == 0 && mode != Mode::kAfterZero) {
        part.value += 2;
        part.end = p + kGlyphBytes;
        part.terms = 1;
        part.lone_digit = true;
      }
      break;
    }
    if (part.terms == 0 || after_zero || previous == 1) {
      part.value += g->value;
      part.end = p + kGlyphBytes;
      part.lone_digit = part.terms == 0;
      ++part.terms;
      break;
    }
    if (previous >= 2 && !g->capital && !ContinuesNumeral(text, p + kGlyphBytes)) {
      part.value += g->value * Pow10(previous - 1);  // "一百一" = 110
      part.end = p + kGlyphBytes;
      ++part.terms;
    }
    break;
  }
  return part;
}

Part ReadBelowYi(std::string_view text, std::size_t pos, Mode mode);

// What follows 万 (exponent 4) or 亿 (exponent 8) at `pos`. Returns a part
// with no terms (and end == pos) when nothing more belongs to the numeral.
Part ReadRest(std::string_view text, std::size_t pos, int exponent) {
  Part none;
  none.end = pos;
  const Glyph* g = GlyphAt(text, pos);
  if (g == nullptr) return none;
  if (g->kind == Kind::kDigit && !g->liang && !g->capital &&
      !ContinuesNumeral(text, pos + kGlyphBytes)) {
    Part elided;  // "两万五" = 25000, "三亿五" = 350000000
    elided.value = g->value * Pow10(exponent - 1);
    elided.end = pos + kGlyphBytes;
    elided.terms = 1;
    return elided;
  }
  if (g->kind == Kind::kZero) {
    const std::size_t after = pos + kGlyphBytes;
    Part lower = exponent == 4 ? ReadSmall(text, after, Mode::kAfterZero)
                               : ReadBelowYi(text, after, Mode::kAfterZero);
    return lower.terms > 0 ? lower : none;
  }
  Part lower = exponent == 4 ? ReadSmall(text, pos, Mode::kRemainder)
                             : ReadBelowYi(text, pos, Mode::kRemainder);
  // A bare digit right after 万 with something after it ("一万二三") belongs
  // to nothing we can read.
  if (lower.terms == 0 || (exponent == 4 && lower.lone_digit)) return none;
  return lower;
}

// A number below 10^8: small [万 rest].
Part ReadBelowYi(std::string_view text, std::size_t pos, Mode mode) {
  Part part = ReadSmall(text, pos, mode);
  if (part.terms == 0) return part;
  if (IsUnit(GlyphAt(text, part.end), 4)) {
    Part rest = ReadRest(text, part.end + kGlyphBytes, 4);
    part.value = part.value * 10000 + rest.value;
    part.end = rest.end;
    part.terms += 1 + rest.terms;
    part.lone_digit = false;
    return part;
  }
  // After 亿 with no 零, a bare digit must be the coefficient of 万
  // ("一亿二万"); alone it would be elided and ReadRest handles that.
  if (mode == Mode::kRemainder && part.lone_digit) return Part{0, pos, 0, false};
  return part;
}

// A Chinese integer at `pos`: below_yi [亿 rest]. terms == 0 when none.
Part ReadChineseInteger(std::string_view text, std::size_t pos) {
  Part part = ReadBelowYi(text, pos, Mode::kStart);
  if (part.terms == 0) return part;
  if (IsUnit(GlyphAt(text, part.end), 8)) {
    Part rest = ReadRest(text, part.end + kGlyphBytes, 8);
    part.value = part.value * 100000000 + rest.value;
    part.end = rest.end;
    part.terms += 1 + rest.terms;
    part.lone_digit = false;
    return part;
  }
  // 两 stands alone only as the whole numeral ("两个", "两点" the time),
  // never before a digit or unit it does not combine with ("两三", "两十").
  if (part.lone_digit && GlyphAt(text, pos)->liang) {
    const Glyph* next = GlyphAt(text, part.end);
    if (next != nullptr && next->kind != Kind::kPoint) return Part{0, pos, 0, false};
  }
  return part;
}

// ---------------------------------------------------------------- magnitudes

// [百|千][万][亿] at `pos`: the power of ten and the bytes it takes, or 0.
struct Suffix {
  int exponent = 0;
  std::size_t length = 0;
};

Suffix ReadSuffix(std::string_view text, std::size_t pos) {
  static const std::array<std::pair<std::string_view, int>, 2> kLeading = {{{"百", 2}, {"千", 3}}};
  Suffix s;
  for (const auto& [glyph, exponent] : kLeading) {
    if (StartsWith(text, pos, glyph)) {
      s.exponent = exponent;
      s.length = kGlyphBytes;
      break;
    }
  }
  if (StartsWith(text, pos + s.length, "万")) {
    s.exponent += 4;
    s.length += kGlyphBytes;
  }
  if (StartsWith(text, pos + s.length, "亿")) {
    s.exponent += 8;
    s.length += kGlyphBytes;
  }
  return s;
}

// value * 10^exponent at scale max(0, scale - exponent): exact, no digit lost.
std::optional<Decimal> Scaled(const Decimal& value, int exponent) {
  std::optional<Decimal> power = Decimal::parse("1" + std::string(static_cast<std::size_t>(exponent), '0'));
  if (!power) return std::nullopt;
  std::optional<Decimal> product = value.checked_mul(*power);
  if (!product) return std::nullopt;
  const int scale = value.scale() > exponent ? value.scale() - exponent : 0;
  return product->checked_rounded(scale);
}

// ---------------------------------------------------------------- readers

std::optional<Numeral> ReadArabic(std::string_view text) {
  const std::size_t n = text.size();
  std::size_t i = 0;
  while (i < n && IsAsciiDigit(text[i])) ++i;
  if (i == 0) return std::nullopt;
  // Thousands groups: only after 1-3 digits not starting with 0, and only
  // complete groups of exactly three.
  if (i <= 3 && text[0] != '0') {
    while (i + 3 < n && text[i] == ',' && IsAsciiDigit(text[i + 1]) && IsAsciiDigit(text[i + 2]) &&
           IsAsciiDigit(text[i + 3]) && (i + 4 == n || !IsAsciiDigit(text[i + 4]))) {
      i += 4;
    }
  }
  if (i + 1 < n && text[i] == '.' && IsAsciiDigit(text[i + 1])) {
    i += 1;
    while (i < n && IsAsciiDigit(text[i])) ++i;
  }
  const std::optional<Decimal> figure = Decimal::parse(text.substr(0, i));
  if (!figure) return std::nullopt;  // too many digits for a Decimal

  const Suffix suffix = ReadSuffix(text, i);
  if (suffix.exponent == 0) return Numeral{*figure, i};
  std::optional<Decimal> value = Scaled(*figure, suffix.exponent);
  if (!value) return std::nullopt;
  std::size_t end = i + suffix.length;

  // "1亿2000万": an integer count of 万 after a whole number of 亿.
  if (suffix.exponent == 8 && figure->scale() == 0) {
    std::size_t j = end;
    while (j < n && j - end < 5 && IsAsciiDigit(text[j])) ++j;
    const std::size_t digits = j - end;
    if (digits >= 1 && digits <= 4 && text[end] != '0' && StartsWith(text, j, "万") &&
        ReadSuffix(text, j).exponent == 4) {
      const std::optional<Decimal> wan = Decimal::parse(text.substr(end, digits));
      const std::optional<Decimal> wan_value = wan ? Scaled(*wan, 4) : std::nullopt;
      const std::optional<Decimal> sum = wan_value ? value->checked_add(*wan_value) : std::nullopt;
      if (sum) {
        value = sum;
        end = j + kGlyphBytes;
      }
    }
  }
  return Numeral{*value, end};
}

// A run of two or more digits read positionally: "二〇二〇" = 2020.
std::optional<Numeral> ReadDigitRun(std::string_view text) {
  const Glyph* first = GlyphAt(text, 0);
  if (!IsDigit(first) || first->liang) return std::nullopt;
  std::string digits;
  std::size_t p = 0;
  while (const Glyph* g = GlyphAt(text, p)) {
    if (!((g->kind == Kind::kDigit && !g->liang) || g->kind == Kind::kZero)) break;
    digits.push_back(static_cast<char>('0' + g->value));
    p += kGlyphBytes;
  }
  if (digits.size() < 2) return std::nullopt;
  const std::optional<Decimal> value = Decimal::parse(digits);
  if (!value) return std::nullopt;
  return Numeral{*value, p};
}

// 点 and its digits at `pos`: the digits as ASCII, empty when there are none.
std::string ReadFraction(std::string_view text, std::size_t pos, std::size_t* end) {
  std::string digits;
  const Glyph* point = GlyphAt(text, pos);
  if (point == nullptr || point->kind != Kind::kPoint) return digits;
  std::size_t p = pos + kGlyphBytes;
  while (const Glyph* g = GlyphAt(text, p)) {
    if (!((g->kind == Kind::kDigit && !g->liang) || g->kind == Kind::kZero)) break;
    digits.push_back(static_cast<char>('0' + g->value));
    p += kGlyphBytes;
  }
  if (!digits.empty()) *end = p;
  return digits;
}

std::optional<Numeral> ReadChinese(std::string_view text) {
  const Glyph* first = GlyphAt(text, 0);
  if (first == nullptr) return std::nullopt;

  // Two digits in a row with no unit: a positional run ("二〇二〇").
  const Glyph* second = GlyphAt(text, kGlyphBytes);
  if (IsDigit(first) && !first->liang && second != nullptr &&
      ((second->kind == Kind::kDigit && !second->liang) || second->kind == Kind::kZero)) {
    return ReadDigitRun(text);
  }

  std::int64_t integer = 0;
  std::size_t end = 0;
  bool big_units = false;
  if (first->kind == Kind::kZero) {
    end = kGlyphBytes;  // "零", "零点五"
  } else {
    const Part part = ReadChineseInteger(text, 0);
    if (part.terms == 0) return std::nullopt;
    integer = part.value;
    end = part.end;
    big_units = integer >= 10000;
    // "两点" is a time of day, not 2.x.
    if (part.lone_digit && first->liang) return Numeral{Decimal::from_int(integer), end};
  }

  std::size_t fraction_end = end;
  const std::string fraction = ReadFraction(text, end, &fraction_end);
  if (fraction.empty()) return Numeral{Decimal::from_int(integer), end};
  std::optional<Decimal> value = Decimal::parse(std::to_string(integer) + "." + fraction);
  if (!value) return std::nullopt;
  end = fraction_end;

  // "三点五万": a magnitude after a decimal whose integer part has no 万/亿.
  const Suffix suffix = big_units ? Suffix{} : ReadSuffix(text, end);
  if (suffix.exponent > 0) {
    value = Scaled(*value, suffix.exponent);
    if (!value) return std::nullopt;
    end += suffix.length;
  }
  return Numeral{*value, end};
}

std::optional<Numeral> ReadUnsigned(std::string_view text) {
  if (text.empty()) return std::nullopt;
  if (IsAsciiDigit(text[0])) return ReadArabic(text);
  return ReadChinese(text);
}

// True when `text` is a numeral spelled with Chinese digits, 零 and units
// only: no Arabic digits, no 点, no 负, and not a positional run ("一二").
bool IsChineseWords(std::string_view text) {
  for (std::size_t p = 0; p < text.size(); p += kGlyphBytes) {
    const Glyph* g = GlyphAt(text, p);
    if (g == nullptr || g->kind == Kind::kPoint) return false;
  }
  const Glyph* first = GlyphAt(text, 0);
  const Glyph* second = GlyphAt(text, kGlyphBytes);
  const bool run = IsDigit(first) && second != nullptr && second->kind != Kind::kUnit;
  return !run;
}

// [零]d<unit> for 角 and 分: the digit, and the bytes taken, or 0.
int ReadSubunit(std::string_view text, std::size_t pos, std::string_view unit, bool zero_allowed,
                std::size_t* end) {
  std::size_t p = pos;
  const Glyph* g = GlyphAt(text, p);
  if (zero_allowed && g != nullptr && g->kind == Kind::kZero) {
    p += kGlyphBytes;
    g = GlyphAt(text, p);
  }
  if (!IsDigit(g) || !StartsWith(text, p + kGlyphBytes, unit)) return 0;
  *end = p + kGlyphBytes + unit.size();
  return g->value;
}

}  // namespace

std::optional<Numeral> read_numeral(std::string_view text) {
  static constexpr std::string_view kMinus = "负";
  if (text.starts_with(kMinus)) {
    std::optional<Numeral> magnitude = ReadUnsigned(text.substr(kMinus.size()));
    if (!magnitude) return std::nullopt;
    return Numeral{-magnitude->value, kMinus.size() + magnitude->length};
  }
  return ReadUnsigned(text);
}

std::optional<Decimal> parse_chinese_numeral(std::string_view text) {
  std::optional<Numeral> n = read_numeral(text);
  if (!n || n->length != text.size()) return std::nullopt;
  return n->value;
}

std::optional<Numeral> read_money_in_words(std::string_view text) {
  std::size_t p = 0;
  if (text.starts_with("人民币")) p += std::string_view("人民币").size();
  const std::optional<Numeral> yuan = read_numeral(text.substr(p));
  if (!yuan || !IsChineseWords(text.substr(p, yuan->length))) return std::nullopt;
  p += yuan->length;
  if (!StartsWith(text, p, "元") && !StartsWith(text, p, "圆")) return std::nullopt;
  p += kGlyphBytes;

  Decimal value = yuan->value;
  std::size_t end = p;
  if (const int jiao = ReadSubunit(text, p, "角", true, &end); jiao > 0) {
    value = value + *Decimal::parse("0." + std::to_string(jiao));
    p = end;
    if (const int fen = ReadSubunit(text, p, "分", false, &end); fen > 0) {
      value = value + *Decimal::parse("0.0" + std::to_string(fen));
      p = end;
    }
  } else if (const int fen = ReadSubunit(text, p, "分", true, &end); fen > 0) {
    value = value + *Decimal::parse("0.0" + std::to_string(fen));
    p = end;
  }
  if (StartsWith(text, p, "整") || StartsWith(text, p, "正")) p += kGlyphBytes;
  return Numeral{value, p};
}

std::optional<Ratio> read_ratio(std::string_view text) {
  struct Prefix {
    std::string_view text;
    int denominator;
    bool percent;
    bool permille;
  };
  static const std::array<Prefix, 3> kPrefixes = {{
      {"百分之", 100, true, false},
      {"千分之", 1000, false, true},
      {"万分之", 10000, false, false},
  }};
  for (const Prefix& prefix : kPrefixes) {
    if (!text.starts_with(prefix.text)) continue;
    const std::string_view rest = text.substr(prefix.text.size());
    Ratio r;
    r.denominator = Decimal::from_int(prefix.denominator);
    r.percent_form = prefix.percent;
    r.permille_form = prefix.permille;
    if (prefix.percent && rest.starts_with("百") && !ContinuesNumeral(rest, kGlyphBytes)) {
      r.numerator = Decimal::from_int(100);  // 百分之百
      r.length = prefix.text.size() + kGlyphBytes;
      return r;
    }
    const std::optional<Numeral> n = read_numeral(rest);
    if (!n) return std::nullopt;
    r.numerator = n->value;
    r.length = prefix.text.size() + n->length;
    return r;
  }

  const std::optional<Numeral> n = read_numeral(text);
  if (!n) return std::nullopt;
  const std::string_view rest = text.substr(n->length);
  Ratio r;
  r.numerator = n->value;
  if (rest.starts_with("%")) {
    r.denominator = Decimal::from_int(100);
    r.percent_form = true;
    r.length = n->length + 1;
    return r;
  }
  if (rest.starts_with("‰")) {
    r.denominator = Decimal::from_int(1000);
    r.permille_form = true;
    r.length = n->length + std::string_view("‰").size();
    return r;
  }
  static constexpr std::string_view kOf = "分之";
  if (rest.starts_with(kOf)) {
    const std::optional<Numeral> top = read_numeral(rest.substr(kOf.size()));
    if (!top || n->value.is_zero()) return std::nullopt;
    r.numerator = top->value;
    r.denominator = n->value;
    r.length = n->length + kOf.size() + top->length;
    return r;
  }
  return std::nullopt;
}

std::optional<Decimal> percent_value(const Ratio& ratio) {
  if (ratio.denominator.is_zero()) return std::nullopt;
  if (ratio.percent_form) return ratio.numerator;
  if (ratio.permille_form) return ratio.numerator.checked_mul(*Decimal::parse("0.1"));
  const std::optional<Decimal> hundredfold = ratio.numerator.checked_mul(Decimal::from_int(100));
  if (!hundredfold) return std::nullopt;
  // The smallest scale at which the quotient is exact, if there is one.
  for (int scale = 0; scale <= Decimal::kMaxScale; ++scale) {
    const std::optional<Decimal> q = hundredfold->divided_by(ratio.denominator, scale);
    if (!q) return std::nullopt;
    const std::optional<Decimal> back = q->checked_mul(ratio.denominator);
    if (back && *back == *hundredfold) return q;
  }
  return std::nullopt;
}

}  // namespace jixiao::text
