#pragma once
// Unicode clean-up of extracted report text, with a byte map back to the original.
//
// PDF extraction hands us text in whatever form the typesetter used: full-width
// digits (９８．３８％), Kangxi radicals instead of ideographs (⼀ for 一), and
// spaces sprinkled between characters ("2020 年", "4 7 2 1 3 . 5 万元"). The
// parsers want one spelling of each number and word. Findings, however, must
// quote the report as printed, so every normalized byte remembers where it came
// from:
//
//   NormalizedText n = normalize_line("预算执行率 ９８．３８％");
//   // n.text == "预算执行率98.38%"
//   auto [b, e] = n.original_range(n.text.find("98"), n.text.size());
//   // original.substr(b, e - b) == "９８．３８％"

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace jixiao::text {

// A normalized line of text and the map back to the original bytes.
struct NormalizedText {
  std::string text;  // normalized UTF-8

  // For each byte offset i in `text` (0..text.size(), inclusive), the byte offset
  // in the original it comes from. A normalized byte maps to the START of the
  // original code point (or sequence) that produced it; offset text.size() maps to
  // original.size(). Non-decreasing. 32 bits are plenty for one line and halve
  // the map's memory.
  std::vector<std::uint32_t> to_original;

  // Original offsets of the spaces the space rules dropped, ascending. A dropped
  // space produces no normalized byte, so without this list the source of the
  // character before it would seem to run on over the space ("部 门" -> "部门":
  // quoting "部" must give "部", not "部 ").
  std::vector<std::uint32_t> dropped_spaces;

  // Original byte ranges [first, second) of numbers step 4 repaired (OCR: a
  // space inside a number, O for 0, l or I for 1), ascending. A figure read
  // from such a range is a guess: its span is marked so, and a finding on it
  // can only be a warning.
  std::vector<std::pair<std::uint32_t, std::uint32_t>> repaired;
  // Original byte ranges of runs step 4 left as printed though they may be one
  // number OCR broke ("2 45.6万元": 245.6, or 2 and 45.6?), ascending. A
  // figure read from such a range is a guess too.
  std::vector<std::pair<std::uint32_t, std::uint32_t>> doubtful;

  // Original byte range for the normalized range [begin, end):
  // [to_original[begin], end of the source of byte end-1). The end is the END of
  // the original sequence that produced byte end-1, so quoting an original range
  // never cuts a character. Offsets past text.size() are clamped; an empty range
  // gives an empty original range at to_original[begin].
  std::pair<std::size_t, std::size_t> original_range(std::size_t begin, std::size_t end) const;
};

// Normalizes one line (no '\n' expected, but it is handled like any character):
//
//  1. NFKC (utf8proc): full-width digits, letters and ％．（）～＜＞ fold to ASCII,
//     CJK compatibility ideographs (U+F900..) and Kangxi radicals (U+2F00..U+2FD5)
//     to unified ideographs. Two exceptions stay as printed:
//       - CJK sentence punctuation ，；：！？ (U+FF0C U+FF1B U+FF1A U+FF01 U+FF1F):
//         folded to ASCII, "15，250" would read as a thousands separator;
//       - the ideographic space U+3000, which the space rules below handle;
//       - the circled numbers ①–⑳ that number outline items (as "1" they would
//         run into the name they number: "①绩效目标合理性").
//  2. Equivalent_Unified_Ideograph (generated table): code points NFKC leaves
//     alone but that are radicals or strokes with an equivalent ideograph are
//     replaced by it: ⺠ (U+2EA0) -> 民, ⻓ (U+2ED3) -> 长.
//  3. Spaces extraction inserted are dropped. Only a lone space counts (one ' ' or
//     one U+3000 with no space or tab next to it), and only
//       - between two CJK characters ("部 门" -> "部门"),
//       - between a digit or '%' and a CJK character, either order
//         ("2020 年" -> "2020年", "共 5549 名" -> "共5549名", "100% 的" -> "100%的"),
//       - inside a letter-spaced number: single characters from [0-9.,%], each
//         separated by one space, with a '.' in the run or a '%' at its end
//         ("8 . 6 5" -> "8.65", "1 2 . 5 %" -> "12.5%"). Single means no letter,
//         digit or number character touches it, and a run that would continue
//         a number across one space is left alone ("15 . 5", "1 . 5 25"): those
//         are two numbers or a typo, and guessing would invent a value.
//     CJK means Han ideographs (and radicals), CJK punctuation U+3000..U+303F,
//     full-width forms U+FF00..U+FFEF and the quotes “ ”.
//     Runs of two or more spaces and tabs separate table columns and are kept
//     byte for byte; so is a lone space between Latin words or numbers
//     ("Windows 10", "15 25").
//  4. Numbers OCR damaged are repaired where only one reading is possible, and
//     the original range is recorded in `repaired`. A run of digits, '.', the
//     letters O o (for 0) and l I (for 1), and single spaces between digit
//     groups, with at least one real digit and no other letter or digit
//     touching it:
//       - a letter is read as a digit when digits (or a '.') stand on both of
//         its sides ("1O0分" -> "100分", "9l.5" -> "91.5"), or when a unit
//         follows the run ("O8%" -> "08%");
//       - the spaces are dropped when a unit follows the run, the run has at
//         most one '.', and each space touches the '.', joins two single
//         digits, or opens a group of three digits before the '.' ("9 7. 6分"
//         -> "97.6分", "1 250.5万元" -> "1250.5万元"); otherwise "15 25" stays
//         two numbers, and a run of two groups followed by a unit or another
//         word ("2 45.6万元", "1 8650份") is recorded in `doubtful`: nothing
//         says whether it is one number or two. (Three groups or more are a
//         row of figures glued by spaces, not one broken number.)
//     The units are 分 % ‰ 元 万元 亿元 万 亿 and the count nouns 人 名 个 项 次 户.
//
// NFKC runs per segment: a code point plus the code points after it that NFKC
// could combine with it (non-starters, and the few starters that compose with a
// preceding character such as Hangul vowel jamo). Segments cannot interact under
// NFKC, so this gives the same text as NFKC of the whole line, and every output
// byte of a segment maps to the segment's first original byte.
//
// Invalid UTF-8 cannot come from extract (it validates), but is not fatal here:
// each invalid byte passes through unchanged. The result is idempotent:
// normalize_line(normalize_line(x).text).text == normalize_line(x).text.
NormalizedText normalize_line(std::string_view original);

// Traditional characters folded to simplified ones (總分 -> 总分, 萬元 -> 万元,
// 執行率 -> 执行率), one code point at a time through ICU's
// "Traditional-Simplified" transliterator, so that the byte map stays one code
// point to one code point and spans still quote the traditional original.
// Phrase mappings (several characters at once) are not used: the readers need
// the words of the lexicon, not idiomatic simplified text.
//
// One folder per document (or per thread): it owns its transliterator, which
// ICU does not allow to be shared between threads, and caches each code
// point's fold.
class TraditionalFolder {
 public:
  TraditionalFolder();
  ~TraditionalFolder();
  TraditionalFolder(const TraditionalFolder&) = delete;
  TraditionalFolder& operator=(const TraditionalFolder&) = delete;

  // The simplified form of a Han code point; `cp` itself when it has none, or
  // when ICU gives anything but exactly one code point.
  char32_t fold(char32_t cp);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// Whether `text` looks written in traditional characters: enough of its Han
// characters are common characters that only traditional text uses (們 個 這
// 為 會 與 總 評 價 …). A simplified report that quotes a traditional name stays
// simplified, and is then left untouched byte for byte.
bool looks_traditional(std::string_view text);

// normalize_line() that also folds traditional characters with `folder`.
NormalizedText normalize_line(std::string_view original, TraditionalFolder& folder);

}  // namespace jixiao::text
