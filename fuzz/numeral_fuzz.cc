// libFuzzer target for the numeral readers (jixiao/text/chinese_numeral.h):
// read_numeral, parse_chinese_numeral, read_money_in_words, read_ratio and
// percent_value, run on the input and on every suffix that starts on a UTF-8
// character boundary. A broken invariant traps, so the fuzzer reports it as a
// crash with the input that caused it.
//
//   scripts/fuzz                                   # build and run every target
//   build-fuzz/fuzz/numeral_fuzz crash-<sha1>      # replay one input

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <optional>
#include <string>
#include <string_view>

#include "fuzz_check.h"
#include "jixiao/extract/utf8.h"
#include "jixiao/text/chinese_numeral.h"
#include "jixiao/text/decimal.h"

namespace {

using jixiao::text::Decimal;


// At most this many start offsets per input, so one input costs bounded work.
constexpr std::size_t kMaxStarts = 256;

bool is_continuation(unsigned char c) { return (c & 0xC0) == 0x80; }

// A start offset: not in the middle of a character (invalid bytes count as
// characters of their own).
bool starts_character(std::string_view s, std::size_t i) {
  return i < s.size() && !is_continuation(static_cast<unsigned char>(s[i]));
}

// `length` bytes taken from the start of `text` end on a character boundary:
// what was taken is whole well-formed characters. (In well-formed text that
// means the byte after it starts a character; in damaged text it may be a
// stray continuation byte that belongs to nothing, "拾\xB6".)
bool consumed_whole_characters(std::string_view text, std::size_t length) {
  if (length > text.size()) return false;
  if (jixiao::extract::first_invalid_utf8(text.substr(0, length)) != std::string_view::npos) return false;
  const bool well_formed = jixiao::extract::first_invalid_utf8(text) == std::string_view::npos;
  return !well_formed || length == text.size() || !is_continuation(static_cast<unsigned char>(text[length]));
}

bool plain_arabic(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s)
    if (!((c >= '0' && c <= '9') || c == '.' || c == ',')) return false;
  return true;
}

std::size_t digit_count(std::string_view s) {
  std::size_t n = 0;
  for (char c : s) n += (c >= '0' && c <= '9') ? 1 : 0;
  return n;
}

// to_string() prints a Decimal that parse() reads back identically (value AND
// scale), as long as it is within parse()'s digit limit.
void check_round_trip(const Decimal& d) {
  const std::string printed = d.to_string();
  JIXIAO_FUZZ_CHECK(!printed.empty());
  if (digit_count(printed) > static_cast<std::size_t>(Decimal::kMaxSignificantDigits)) return;
  const std::optional<Decimal> back = Decimal::parse(printed);
  JIXIAO_FUZZ_CHECK(back.has_value());
  JIXIAO_FUZZ_CHECK(back->identical(d));
  JIXIAO_FUZZ_CHECK(d.scale() >= 0 && d.scale() <= Decimal::kMaxScale);
}

void check_numeral(std::string_view text) {
  const std::optional<jixiao::text::Numeral> n = jixiao::text::read_numeral(text);
  if (!n) {
    // Nothing read at the start, so the whole text is not a numeral either.
    JIXIAO_FUZZ_CHECK(!jixiao::text::parse_chinese_numeral(text).has_value());
    return;
  }
  JIXIAO_FUZZ_CHECK(n->length > 0);
  JIXIAO_FUZZ_CHECK(consumed_whole_characters(text, n->length));
  const std::string_view taken = text.substr(0, n->length);

  // The whole input as one numeral: exactly when read_numeral took all of it.
  const std::optional<Decimal> whole = jixiao::text::parse_chinese_numeral(text);
  if (n->length == text.size()) {
    JIXIAO_FUZZ_CHECK(whole.has_value() && whole->identical(n->value));
  } else {
    JIXIAO_FUZZ_CHECK(!whole.has_value());
  }
  // What was taken, on its own, is that same numeral: the reader's result does
  // not depend on the text after it.
  const std::optional<Decimal> alone = jixiao::text::parse_chinese_numeral(taken);
  JIXIAO_FUZZ_CHECK(alone.has_value() && alone->identical(n->value));

  // No sign but 负.
  if (n->value.sign() < 0) JIXIAO_FUZZ_CHECK(taken.starts_with("负"));

  // A plain Arabic figure reads as Decimal::parse reads it.
  if (plain_arabic(taken)) {
    const std::optional<Decimal> parsed = Decimal::parse(taken);
    JIXIAO_FUZZ_CHECK(parsed.has_value() && parsed->identical(n->value));
  }
  check_round_trip(n->value);
}

void check_money(std::string_view text) {
  const std::optional<jixiao::text::Numeral> m = jixiao::text::read_money_in_words(text);
  if (!m) return;
  JIXIAO_FUZZ_CHECK(m->length > 0);
  JIXIAO_FUZZ_CHECK(consumed_whole_characters(text, m->length));
  const std::string_view taken = text.substr(0, m->length);
  JIXIAO_FUZZ_CHECK(taken.find("元") != std::string_view::npos || taken.find("圆") != std::string_view::npos);
  // Money in words has no sign and at most 分 (two decimals).
  JIXIAO_FUZZ_CHECK(m->value.sign() >= 0);
  JIXIAO_FUZZ_CHECK(m->value.scale() <= 2);
  for (char c : taken) JIXIAO_FUZZ_CHECK(!(c >= '0' && c <= '9'));
  check_round_trip(m->value);
}

void check_ratio(std::string_view text) {
  const std::optional<jixiao::text::Ratio> r = jixiao::text::read_ratio(text);
  if (!r) return;
  JIXIAO_FUZZ_CHECK(r->length > 0);
  JIXIAO_FUZZ_CHECK(consumed_whole_characters(text, r->length));
  JIXIAO_FUZZ_CHECK(!r->denominator.is_zero());
  JIXIAO_FUZZ_CHECK(!(r->percent_form && r->permille_form));
  if (r->percent_form) JIXIAO_FUZZ_CHECK(r->denominator == Decimal::from_int(100));
  if (r->permille_form) JIXIAO_FUZZ_CHECK(r->denominator == Decimal::from_int(1000));
  check_round_trip(r->numerator);
  check_round_trip(r->denominator);
  const std::optional<Decimal> percent = jixiao::text::percent_value(*r);
  if (percent) {
    check_round_trip(*percent);
    if (r->percent_form) JIXIAO_FUZZ_CHECK(percent->identical(r->numerator));
    // percent * denominator == numerator * 100, exactly, when it fits.
    const std::optional<Decimal> lhs = percent->checked_mul(r->denominator);
    const std::optional<Decimal> rhs = r->numerator.checked_mul(Decimal::from_int(100));
    if (lhs && rhs) JIXIAO_FUZZ_CHECK(*lhs == *rhs);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  // A view of libFuzzer's own buffer, which is exactly `size` bytes: ASan sees
  // any read past the end.
  const std::string_view all(reinterpret_cast<const char*>(data), size);
  std::size_t starts = 0;
  for (std::size_t i = 0; i < all.size() && starts < kMaxStarts; ++i) {
    if (!starts_character(all, i)) continue;
    ++starts;
    const std::string_view text = all.substr(i);
    check_numeral(text);
    check_money(text);
    check_ratio(text);
  }
  // The empty text is never a numeral.
  if (all.empty()) {
    JIXIAO_FUZZ_CHECK(!jixiao::text::read_numeral(all).has_value());
    JIXIAO_FUZZ_CHECK(!jixiao::text::parse_chinese_numeral(all).has_value());
  }
  return 0;
}
