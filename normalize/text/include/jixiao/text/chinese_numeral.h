#pragma once
// Reading numbers as Chinese reports write them: Arabic figures ("3,165.74",
// "8.65万"), Chinese numerals ("二十万零三百", "三点五"), financial capitals
// ("壹仟贰佰叁拾肆万伍仟"), money in words ("人民币伍元零捌分") and ratios
// ("百分之九十", "5‰", "三分之一").
//
// Every value is an exact Decimal; nothing here touches floating point.
//
// These are pure numeral readers. They know nothing about context: "十三五规划"
// starts with the numeral 十三, "一、" with the numeral 一, "2020年" with 2020.
// Deciding that a figure is a year, an ordinal, a plan name or a document
// number is the job of the caller that scans the text.
//
// Input is UTF-8 that has already been NFKC-normalized: full-width digits,
// '％' and '，' have become ASCII. Full-width digits are not recognized here.
// (A consequence: a list "3，5" written with a full-width comma arrives as
// "3,5"; the reader takes only complete three-digit groups, so that reads as
// 3, but "100，200" arrives as "100,200" and reads as 100200.)
//
// What is read
//
//   Arabic       "47213.5", "3,165.74": as Decimal::parse() reads them; the
//                printed scale is kept ("47213.50" has scale 2). No sign: an
//                ASCII '-' next to a figure is usually a range ("2019-2021"),
//                so the caller decides.
//   Chinese      零〇 一二两三四五六七八九 十百千万亿, nested the usual way:
//                "十二", "一十二", "一百零一", "三千零五万" (30050000),
//                "一万亿" (10^12). Integers up to 亿 with a coefficient below
//                10^8 (just under 10^16). 兆 is not read: mainland reports
//                write 万亿.
//   Capitals     壹贰叁肆伍陆柒捌玖 拾佰仟 (with 万 亿 零): "壹仟贰佰叁拾肆万伍仟",
//                "拾" = 10. The traditional 萬 億 are not read. Lower-case and
//                capital characters may be mixed.
//   Missing 零   A 零 that marks a gap may be left out before a term that has
//                its own unit ("一亿二百万" = 102000000, as ICU writes it). A
//                bare last digit never fills a gap silently: see elision.
//   Elision      "两万五" = 25000, "一百一" = 110, "三千五" = 3500,
//                "三亿五" = 350000000: a bare lower-case digit right after 百,
//                千, 万 or 亿 (no 零 between) that ends the numeral counts in
//                the next lower place. Capitals never elide (formal writing
//                spells "壹万零伍"), and a digit followed by another numeral
//                character is not elided ("三百四千" reads as 三百).
//   Digit runs   Two or more digits without units are read positionally, as
//                years are written: "二〇二〇" = 2020, "一九九八" = 1998. So
//                "三四" reads as 34; approximate pairs are for the caller.
//                A run starts with 一..九 (not 两 or 零) and takes no 点.
//   Decimals     点 and one or more digits: "三点五" (scale 1), "零点零五"
//                (0.05), "十二点三四五". The scale is the number of digits
//                written. "两点" is not read as a decimal (it is a time).
//   负           A leading 负 negates: "负三", "负3.5".
//   Magnitude    An Arabic figure, or a Chinese decimal whose integer part is
//                below 10^4, followed by [百|千][万][亿] (at least one):
//                "2万", "3千", "1.38亿", "8.65万", "1.2万亿", "三点五万".
//                Also "N亿M万" with Arabic integers ("1亿2000万").
//
// Scale of a figure with a magnitude suffix: the printed figure times
// 10^k, with scale max(0, printed scale - k). No digit is ever lost: "8.65万"
// is 86500 (scale 0), "35.870928万" is 358709.28 (scale 2), "1.50万" is 15000.
// The scale then no longer says how precisely the figure was printed when
// k exceeds it ("1.38亿" is only good to 50万, while half_unit() of 138000000
// says 0.5); callers that check tolerances against such figures should keep
// the printed figure themselves.
//
// Rejected (nullopt, or a shorter prefix from read_numeral): empty text,
// a lone or leading 点, "十十", "万万", "一百百", "零零", "一千零零五",
// magnitudes that rise ("三百四千"), 两 where it is not said ("两十",
// "十两"), and anything that does not fit in a Decimal.
//
// Example:
//   std::optional<Numeral> n = read_numeral("二十万零三百元");
//   // n->value == 200300, n->length == 18 (the bytes of 二十万零三百)

#include <cstddef>
#include <optional>
#include <string_view>

#include "jixiao/text/decimal.h"

namespace jixiao::text {

// Result of reading a numeral.
struct Numeral {
  Decimal value;           // exact; scale as written (see above)
  std::size_t length = 0;  // bytes consumed from the start of the input
};

// Reads the longest numeral at the START of `text`. nullopt when `text` does
// not start with one.
std::optional<Numeral> read_numeral(std::string_view text);

// The whole of `text` must be one numeral (for tests and the CLI).
std::optional<Decimal> parse_chinese_numeral(std::string_view text);

// Money written in words at the start of `text`: an optional 人民币, a numeral
// in Chinese characters (no Arabic digits, no 点, no 负), 元 or 圆, then an
// optional [零]d角, an optional [零]d分 and an optional 整 or 正.
//   "人民币壹仟贰佰叁拾肆万伍仟元整" -> 12345000      "叁拾元伍角" -> 30.5
//   "伍元零捌分" -> 5.08                              "壹佰元整"   -> 100
// The value is in yuan with scale 0 (元 only), 1 (with 角) or 2 (with 分).
std::optional<Numeral> read_money_in_words(std::string_view text);

// A percentage, per mille or fraction at the start of `text`, kept as an
// exact numerator and denominator because a fraction need not be a finite
// decimal:
//   "33.3%"     -> 33.3 / 100, percent_form     "百分之九十" -> 90 / 100, percent_form
//   "百分之百"  -> 100 / 100, percent_form      "5‰"        -> 5 / 1000, permille_form
//   "千分之四点二" -> 4.2 / 1000, permille_form "万分之五"   -> 5 / 10000
//   "三分之一"  -> 1 / 3                        "3分之2"     -> 2 / 3
struct Ratio {
  Decimal numerator;
  Decimal denominator;         // 100 for percent, 1000 for per mille, never 0
  bool percent_form = false;   // written with % or 百分之
  bool permille_form = false;  // written with ‰ or 千分之
  std::size_t length = 0;      // bytes consumed
};
std::optional<Ratio> read_ratio(std::string_view text);

// The ratio as a percentage, exactly: "33.3%" -> 33.3 (scale as printed),
// "5‰" -> 0.5, "千分之四点二" -> 0.42, "二分之一" -> 50. nullopt when the value
// is not a finite decimal ("三分之一") or does not fit; use
// Decimal::divided_by() to round those.
std::optional<Decimal> percent_value(const Ratio& ratio);

}  // namespace jixiao::text
