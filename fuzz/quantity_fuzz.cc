// libFuzzer target for the amount scanner: normalize_line (text_normalizer.h)
// then scan_quantities (quantity.h) on the input as one line, as the pipeline
// does. A broken invariant traps, so the fuzzer reports it as a crash with the
// input that caused it.
//
//   scripts/fuzz                                    # build and run every target
//   build-fuzz/fuzz/quantity_fuzz crash-<sha1>      # replay one input

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

#include "fuzz_check.h"
#include "jixiao/extract/utf8.h"
#include "jixiao/text/quantity.h"
#include "jixiao/text/text_normalizer.h"

namespace {

using jixiao::text::Quantity;


bool valid_utf8(std::string_view s) { return jixiao::extract::first_invalid_utf8(s) == std::string_view::npos; }

bool is_continuation(unsigned char c) { return (c & 0xC0) == 0x80; }

// The byte map back to the original, as text_normalizer.h documents it.
void check_map(std::string_view original, const jixiao::text::NormalizedText& n) {
  JIXIAO_FUZZ_CHECK(n.to_original.size() == n.text.size() + 1);
  JIXIAO_FUZZ_CHECK(n.to_original.back() == original.size());
  for (std::size_t i = 0; i + 1 < n.to_original.size(); ++i) {
    JIXIAO_FUZZ_CHECK(n.to_original[i] <= n.to_original[i + 1]);
  }
  for (std::size_t i = 0; i < n.dropped_spaces.size(); ++i) {
    JIXIAO_FUZZ_CHECK(n.dropped_spaces[i] < original.size());
    if (i > 0) JIXIAO_FUZZ_CHECK(n.dropped_spaces[i - 1] < n.dropped_spaces[i]);
    // The start of a character: ' ', U+3000, or one NFKC folds to ' ' (U+00A0, U+2001…).
    JIXIAO_FUZZ_CHECK(!is_continuation(static_cast<unsigned char>(original[n.dropped_spaces[i]])));
  }
  // Well-formed input stays well-formed.
  if (valid_utf8(original)) JIXIAO_FUZZ_CHECK(valid_utf8(n.text));
}

void check_quantities(std::string_view original, const jixiao::text::NormalizedText& n) {
  const std::string_view line = n.text;
  const std::vector<Quantity> found = jixiao::text::scan_quantities(line);
  const bool may_be_negative = line.find("负") != std::string_view::npos || line.find('-') != std::string_view::npos;
  const bool line_valid = valid_utf8(line);
  std::size_t previous_end = 0;
  for (std::size_t k = 0; k < found.size(); ++k) {
    const Quantity& q = found[k];
    // In the line, in order, not overlapping.
    JIXIAO_FUZZ_CHECK(q.begin < q.end);
    JIXIAO_FUZZ_CHECK(q.end <= line.size());
    if (k > 0) JIXIAO_FUZZ_CHECK(q.begin >= previous_end);
    previous_end = q.end;
    // Whole characters of a well-formed line.
    if (line_valid) {
      JIXIAO_FUZZ_CHECK(!is_continuation(static_cast<unsigned char>(line[q.begin])));
      JIXIAO_FUZZ_CHECK(q.end == line.size() || !is_continuation(static_cast<unsigned char>(line[q.end])));
      JIXIAO_FUZZ_CHECK(valid_utf8(q.label));
    }
    // Sign: only 负 (or a '-' the caller may have meant as one) makes a figure negative.
    if (!may_be_negative) {
      JIXIAO_FUZZ_CHECK(q.value.sign() >= 0);
      JIXIAO_FUZZ_CHECK(q.normalized.sign() >= 0);
      if (q.range_upper) JIXIAO_FUZZ_CHECK(q.range_upper->sign() >= 0);
    }
    JIXIAO_FUZZ_CHECK(!q.base_unit.empty());
    if (q.kind == Quantity::Kind::kMoney) JIXIAO_FUZZ_CHECK(q.base_unit == "元");
    JIXIAO_FUZZ_CHECK(!jixiao::text::qualifier_name(q.qualifier).empty());
    // The qualifier words are part of the quoted range.
    if (!q.qualifier_text.empty()) {
      const std::string_view quoted = line.substr(q.begin, q.end - q.begin);
      JIXIAO_FUZZ_CHECK(quoted.find(q.qualifier_text) != std::string_view::npos);
    }
    JIXIAO_FUZZ_CHECK(!jixiao::text::describe_normalized(q).empty());
    JIXIAO_FUZZ_CHECK(!q.normalized.to_string().empty());
    // The quote back in the original.
    const auto [b, e] = n.original_range(q.begin, q.end);
    JIXIAO_FUZZ_CHECK(b <= e);
    JIXIAO_FUZZ_CHECK(e <= original.size());
    JIXIAO_FUZZ_CHECK(e > b);  // a non-empty range comes from some original bytes
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  // A view of libFuzzer's own buffer, exactly `size` bytes: ASan sees any read past the end.
  const std::string_view original(reinterpret_cast<const char*>(data), size);
  const jixiao::text::NormalizedText n = jixiao::text::normalize_line(original);
  check_map(original, n);
  // Idempotent, as documented.
  JIXIAO_FUZZ_CHECK(jixiao::text::normalize_line(n.text).text == n.text);
  check_quantities(original, n);
  return 0;
}
