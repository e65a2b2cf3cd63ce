// Differential test of the Chinese numeral reader against ICU's spell-out
// rules (RuleBasedNumberFormat, locale "zh"): an oracle nobody here wrote.
//
// For each rule set, ICU spells out integers spread over every magnitude
// below 10^12 (ICU writes 10^12 and above with 兆, which we do not read) and
// decimals, and parse_chinese_numeral() must give back exactly the value
// that was formatted.
//
// No double enters on our side: integers go to ICU as int64 and decimals as
// decimal strings (icu::Formattable(StringPiece)). ICU itself formats a
// non-integer through a double (RuleBasedNumberFormat::format(DecimalQuantity)
// calls toDouble() when the value is not a whole int64), so the decimals we
// send have at most 15 significant digits, which a double carries exactly
// back to the same shortest decimal.
//
// What ICU prints, and the reader accepts as real text does:
//   %spellout-cardinal            二千零二十, 十万零二百, and no 零 across a
//                                 万/亿 boundary: 一亿二百万, 一千万一千, 十亿一万
//   %spellout-cardinal-financial  壹贰叁…拾佰仟 with the simplified 万 and 亿
//                                 (not 萬 億), and a bare 拾 leading a section
//                                 (拾万 for 100000, where cheques write 壹拾万)
//   %spellout-cardinal-alternate2 两 before 百 千 万 亿 and for 2 itself
//                                 (两万两千两百二十二), 二 in 二十 and the ones
//   %spellout-numbering           like cardinal, with 〇 for 零 (一千〇一);
//                                 checked when present
//   %spellout-numbering-year      positional digit runs for 1000..9999
//                                 (二〇二〇); checked when present
// Nothing is normalized in the test: every form ICU prints is read as is.

#include "jixiao/text/chinese_numeral.h"

#include <gtest/gtest.h>
#include <unicode/fmtable.h>
#include <unicode/locid.h>
#include <unicode/rbnf.h>
#include <unicode/unistr.h>

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <memory>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "jixiao/text/decimal.h"

namespace jixiao::text {
namespace {

constexpr std::int64_t kBelow = 1'000'000'000'000;  // 10^12: ICU switches to 兆

class IcuOracle {
 public:
  IcuOracle() {
    UErrorCode status = U_ZERO_ERROR;
    format_ = std::make_unique<icu::RuleBasedNumberFormat>(icu::URBNF_SPELLOUT, icu::Locale("zh"), status);
    if (U_FAILURE(status)) format_.reset();
  }
  bool ok() const { return format_ != nullptr; }

  bool has_rule_set(const std::string& name) const {
    for (int i = 0; i < format_->getNumberOfRuleSetNames(); ++i) {
      std::string s;
      format_->getRuleSetName(i).toUTF8String(s);
      if (s == name) return true;
    }
    return false;
  }

  // ICU's spelling of `value` (an integer or a decimal string) with rule set
  // `name`, as UTF-8; empty on an ICU error.
  std::string spell(const std::string& name, const std::string& value) const {
    UErrorCode status = U_ZERO_ERROR;
    icu::Formattable number(icu::StringPiece(value), status);
    if (U_FAILURE(status)) return "";
    return spell(name, number);
  }
  std::string spell(const std::string& name, std::int64_t value) const {
    return spell(name, icu::Formattable(static_cast<int64_t>(value)));
  }

 private:
  std::string spell(const std::string& name, const icu::Formattable& number) const {
    UErrorCode status = U_ZERO_ERROR;
    format_->setDefaultRuleSet(icu::UnicodeString::fromUTF8(name), status);
    icu::UnicodeString out;
    icu::FieldPosition pos;
    format_->format(number, out, pos, status);
    if (U_FAILURE(status)) return "";
    std::string utf8;
    out.toUTF8String(utf8);
    return utf8;
  }

  std::unique_ptr<icu::RuleBasedNumberFormat> format_;
};

// Integers that exercise 零 and the section boundaries, plus the ends.
std::vector<std::int64_t> EdgeIntegers() {
  std::vector<std::int64_t> v = {0,         1,         2,          9,           10,           11,
                                 12,        19,        20,         22,          99,           100,
                                 101,       102,       110,        111,         120,          200,
                                 1000,      1001,      1010,       1020,        1100,         2000,
                                 2020,      2222,      9999,       10000,       10001,        10010,
                                 10100,     10200,     11000,      20000,       22222,        100000,
                                 100001,    100200,    110000,     120000,      1000000,      1002000,
                                 10000000,  10001000,  20000002,   99999999,    100000000,    100000001,
                                 100000010, 100020000, 100100000,  102000000,   1000000010,   1000010000,
                                 200000000, 999999999, 1000000000, 10000000000, 100000000000, 100000000010,
                                 200000000000, 999999999999};
  for (std::int64_t e = 1; e < kBelow; e *= 10) {  // every 10^k, 2*10^k, 10^k + 1, 10^k - 1
    v.push_back(e);
    v.push_back(2 * e);
    v.push_back(e + 1);
    v.push_back(e - 1);
  }
  return v;
}

// Deterministic integers below 10^12: uniform within a uniformly chosen
// number of digits, and "sparse" ones where most digits are 0 (so that the
// gaps and the 零 rules are hit far more often than uniform values would).
std::vector<std::int64_t> RandomIntegers(std::mt19937_64& rng, int count) {
  std::vector<std::int64_t> v;
  v.reserve(static_cast<std::size_t>(count));
  std::uniform_int_distribution<int> digits_dist(1, 12);
  std::uniform_int_distribution<int> digit(0, 9);
  std::uniform_int_distribution<int> percent(0, 99);
  for (int i = 0; i < count; ++i) {
    const int digits = digits_dist(rng);
    std::int64_t low = 1;
    for (int k = 1; k < digits; ++k) low *= 10;
    const std::int64_t high = low * 10 - 1;
    std::int64_t value = 0;
    if (i % 2 == 0) {
      value = std::uniform_int_distribution<std::int64_t>(digits == 1 ? 0 : low, high)(rng);
    } else {
      for (int k = 0; k < digits; ++k) {
        const int d = (k == 0) ? 1 + digit(rng) % 9 : (percent(rng) < 70 ? 0 : digit(rng));
        value = value * 10 + d;
      }
    }
    if (percent(rng) < 3) value = -value;  // ICU writes 负
    v.push_back(value);
  }
  return v;
}

// Deterministic decimal strings with at most 15 significant digits and
// 1..6 decimals, some with trailing zeros ("3.50": ICU prints 三点五).
std::vector<std::string> RandomDecimals(std::mt19937_64& rng, int count) {
  std::vector<std::string> v = {"0.05", "12345.678", "3.5", "0.5", "10.01", "100000001.5", "0.000001", "3.50"};
  std::uniform_int_distribution<int> decimals_dist(1, 6);
  std::uniform_int_distribution<int> int_digits_dist(0, 9);
  std::uniform_int_distribution<int> digit(0, 9);
  while (static_cast<int>(v.size()) < count) {
    const int decimals = decimals_dist(rng);
    const int int_digits = int_digits_dist(rng);  // 0 means "0.xxx"
    std::string s;
    for (int k = 0; k < int_digits; ++k) s.push_back(static_cast<char>('0' + (k == 0 ? 1 + digit(rng) % 9 : digit(rng))));
    if (s.empty()) s = "0";
    s.push_back('.');
    for (int k = 0; k < decimals; ++k) s.push_back(static_cast<char>('0' + digit(rng)));
    v.push_back(s);
  }
  return v;
}

struct Tally {
  int checked = 0;
  int failed = 0;
};

// Checks one formatted value; reports the first few mismatches in detail.
void Check(const std::string& rule_set, const std::string& written, const std::string& spelled, Tally& tally) {
  ++tally.checked;
  const std::optional<Decimal> expected = Decimal::parse(written);
  const std::optional<Decimal> got = parse_chinese_numeral(spelled);
  if (spelled.empty() || !expected || !got || !(*got == *expected)) {
    if (++tally.failed <= 20) {
      ADD_FAILURE() << rule_set << ": " << written << " spelled by ICU as \"" << spelled << "\" reads as "
                    << (got ? got->to_string() : std::string("nullopt"));
    }
  }
}

TEST(IcuNumeralOracleTest, ReaderAgreesWithIcuSpellout) {
  IcuOracle icu;
  ASSERT_TRUE(icu.ok()) << "ICU has no zh spell-out rules";
  const auto start = std::chrono::steady_clock::now();

  const std::vector<std::string> required = {"%spellout-cardinal", "%spellout-cardinal-financial",
                                             "%spellout-cardinal-alternate2"};
  const std::vector<std::string> optional_sets = {"%spellout-numbering"};
  std::vector<std::string> rule_sets;
  for (const std::string& name : required) {
    if (icu.has_rule_set(name)) {
      rule_sets.push_back(name);
    } else {
      std::printf("skipping %s: not in this ICU's zh rules\n", name.c_str());
    }
  }
  for (const std::string& name : optional_sets) {
    if (icu.has_rule_set(name)) rule_sets.push_back(name);
  }
  ASSERT_FALSE(rule_sets.empty());

  std::mt19937_64 rng(20240611);
  const std::vector<std::int64_t> edges = EdgeIntegers();
  Tally total;
  for (const std::string& rule_set : rule_sets) {
    Tally tally;
    const std::vector<std::int64_t> randoms = RandomIntegers(rng, 30'000);
    for (const std::vector<std::int64_t>* list : {&edges, &randoms}) {
      for (std::int64_t value : *list) {
        ASSERT_LT(value < 0 ? -value : value, kBelow);
        Check(rule_set, std::to_string(value), icu.spell(rule_set, value), tally);
      }
    }
    for (const std::string& value : RandomDecimals(rng, 4'000)) {
      Check(rule_set, value, icu.spell(rule_set, value), tally);
    }
    std::printf("%-32s %6d values, %d mismatches\n", rule_set.c_str(), tally.checked, tally.failed);
    total.checked += tally.checked;
    total.failed += tally.failed;
  }

  // Years: ICU spells 1000..9999 as positional digit runs (二〇二〇).
  if (icu.has_rule_set("%spellout-numbering-year")) {
    Tally tally;
    for (std::int64_t year = 1000; year <= 9999; ++year) {
      const std::string spelled = icu.spell("%spellout-numbering-year", year);
      Check("%spellout-numbering-year", std::to_string(year), spelled, tally);
    }
    std::printf("%-32s %6d values, %d mismatches\n", "%spellout-numbering-year", tally.checked, tally.failed);
    total.checked += tally.checked;
    total.failed += tally.failed;
  }

  const auto elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start);
  std::printf("total %d values, %d mismatches, %lld ms\n", total.checked, total.failed,
              static_cast<long long>(elapsed.count()));
  EXPECT_EQ(total.failed, 0);
  EXPECT_GE(total.checked, 100'000);
}

}  // namespace
}  // namespace jixiao::text
