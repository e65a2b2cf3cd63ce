// normalize_line(): one spelling for every character the parsers read, with a
// byte map back to the original (text_normalizer.h gives the rules). The line
// is folded in segments (a code point plus whatever NFKC could combine with
// it) so every output byte knows the original sequence it came from; then the
// space rules drop the spaces extraction inserted between CJK characters and
// inside letter-spaced numbers, keeping column gaps. A Sink collects output
// bytes and their origins together, so the map cannot drift from the text.
// A document in traditional characters (judged by a table of common
// characters only traditional text uses) also has each Han code point folded
// to simplified through ICU, one code point for one, so the map stays exact.

#include "jixiao/text/text_normalizer.h"
#include "jixiao/text/text.h"

#include <unicode/translit.h>
#include <unicode/unistr.h>
#include <utf8proc.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>
#include <iterator>
#include <string>
#include <unordered_map>

namespace jixiao::text {
namespace {

// ---- Tables -----------------------------------------------------------------

struct IdeographPair {
  char32_t from;
  char32_t to;
};

// Equivalent_Unified_Ideograph: radicals and strokes -> the ideograph they look like.
constexpr IdeographPair kEquivalentUnifiedIdeograph[] = {
#include "equivalent_unified_ideograph.inc"
};
static_assert(std::ranges::is_sorted(kEquivalentUnifiedIdeograph, {}, &IdeographPair::from),
              "rerun scripts/gen-unified-ideographs");
constexpr char32_t kFirstRadical = std::begin(kEquivalentUnifiedIdeograph)->from;
constexpr char32_t kLastRadical = (std::end(kEquivalentUnifiedIdeograph) - 1)->from;

// Code points NFKC would fold that stay as printed: the sentence punctuation
// ，！：；？ (as ASCII, "15，250" would look like a thousands separator), the
// ideographic space, which the space rules treat like ' ', and the circled
// numbers ①–⑳, which number outline items ("①绩效目标合理性"): as "1" they
// would run into the text they number.
constexpr char32_t kKeptAsPrinted[] = {0x3000, 0xFF01, 0xFF0C, 0xFF1A, 0xFF1B, 0xFF1F};
constexpr char32_t kFirstCircled = 0x2460, kLastCircled = 0x2473;

struct Range {
  char32_t first;
  char32_t last;
};

// What the space rules call CJK. Radicals and strokes are in because those with
// no equivalent ideograph survive step 2 and still read as Han text.
constexpr Range kCjkRanges[] = {
    {0x201C, 0x201D},    // “ ”
    {0x2E80, 0x2FDF},    // CJK Radicals Supplement, Kangxi radicals
    {0x3000, 0x303F},    // CJK symbols and punctuation
    {0x31C0, 0x31EF},    // CJK strokes
    {0x3400, 0x4DBF},    // Extension A
    {0x4E00, 0x9FFF},    // CJK Unified Ideographs
    {0xF900, 0xFAFF},    // compatibility ideographs
    {0xFF00, 0xFFEF},    // half-width and full-width forms
    {0x20000, 0x3FFFF},  // Extensions B.. and the compatibility supplement
};

// Full-width ASCII ！..～: NFKC maps each to the code point 0xFEE0 lower. Checked
// against utf8proc by the tests; here it saves a utf8proc round trip for the most
// common non-trivial characters of a report (digits, ％ ． （ ）).
constexpr Range kFullWidthAscii = {0xFF01, 0xFF5E};
constexpr char32_t kFullWidthOffset = 0xFEE0;

// Hangul vowel and trailing jamo compose with the syllable before them; utf8proc
// handles Hangul arithmetically, so its composition table does not flag them.
constexpr Range kHangulJoiningJamo[] = {{0x1161, 0x1175}, {0x11A8, 0x11C2}};

// Common characters that only traditional text uses (their simplified forms
// differ and they are not themselves simplified characters), sorted. A
// document where enough of the Han text is these is traditional.
constexpr std::u32string_view kTraditionalMarkers =
    U"來個們傳價優劃動務區員單國執報場實對導後從應據數時會條業構標為現環產當發確節範級結經緊縣總績續與興萬規計設評說護責"
    U"費資質輔這進過達還開間關際險項預額體點";
// "Enough": at least this many marker characters, and at least one in this
// many Han characters (traditional report text has several in ten).
constexpr std::size_t kMinTraditionalMarkers = 3;
constexpr std::size_t kHanPerTraditionalMarker = 50;
// The markers as a bitmap of the BMP (they are all in it): looks_traditional
// tests every Han character of a document, a bit test instead of a search.
constexpr auto kTraditionalMarkerBits = [] {
  std::array<std::uint64_t, 0x10000 / 64> bits{};
  for (const char32_t cp : kTraditionalMarkers) bits[cp / 64] |= std::uint64_t{1} << (cp % 64);
  return bits;
}();
static_assert(std::ranges::all_of(kTraditionalMarkers, [](char32_t cp) { return cp < 0x10000; }));

// The NFKC options of utf8proc_NFKC.
constexpr auto kNfkc =
    static_cast<utf8proc_option_t>(UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_COMPAT);

// Room for the decomposition of one segment without touching the heap; the
// longest single decomposition in Unicode (U+FDFA) is 18 code points.
constexpr std::size_t kSegmentBuffer = 64;

constexpr char32_t kNone = 0xFFFFFFFF;  // no code point (line start, invalid byte)

// ---- Code point helpers -------------------------------------------------------

bool in(const Range& r, char32_t cp) { return cp >= r.first && cp <= r.last; }

// Han ideographs without a decomposition: by far the most common code points, so
// they skip the property lookup.
bool is_plain_ideograph(char32_t cp) {
  return (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF);
}

bool is_kept_as_printed(char32_t cp) {
  if (cp >= kFirstCircled && cp <= kLastCircled) return true;
  if (cp != 0x3000 && (cp < 0xFF01 || cp > 0xFF1F)) return false;
  return std::ranges::find(kKeptAsPrinted, cp) != std::end(kKeptAsPrinted);
}

bool is_cjk(char32_t cp) {
  if (cp < 0x201C) return false;
  if (is_plain_ideograph(cp)) return true;
  return std::ranges::any_of(kCjkRanges, [cp](const Range& r) { return in(r, cp); });
}

// `cp` folded to simplified when a folder is given (a traditional document).
char32_t folded(char32_t cp, TraditionalFolder* folder) {
  return folder && is_ideograph(cp) ? folder->fold(cp) : cp;
}

char32_t equivalent_ideograph(char32_t cp) {
  if (cp < kFirstRadical || cp > kLastRadical) return cp;
  auto it = std::ranges::lower_bound(kEquivalentUnifiedIdeograph, cp, {}, &IdeographPair::from);
  return it != std::end(kEquivalentUnifiedIdeograph) && it->from == cp ? it->to : cp;
}

// True when NFKC may compose `cp` with a preceding character. utf8proc marks the
// second half of a composition pair with the high bit of comb_index.
bool composes_backward(char32_t cp, const utf8proc_property_t* p) {
  if (p->comb_index != UINT16_MAX && (p->comb_index & 0x8000) != 0) return true;
  return std::ranges::any_of(kHangulJoiningJamo, [cp](const Range& r) { return in(r, cp); });
}

// True when NFKC could combine `cp` with what precedes it, so both belong in one
// segment: non-starters, starters that compose backward, and code points whose
// decomposition begins with either (half-width ﾞ -> U+3099, ㅏ -> U+1161).
bool joins_previous(char32_t cp) {
  if (cp < 0x300 || is_plain_ideograph(cp) || in(kFullWidthAscii, cp)) return false;
  const utf8proc_property_t* p = utf8proc_get_property(static_cast<utf8proc_int32_t>(cp));
  if (p->combining_class != 0 || composes_backward(cp, p)) return true;
  if (p->decomp_seqindex == UINT16_MAX) return false;
  std::array<utf8proc_int32_t, kSegmentBuffer> buf;
  const utf8proc_ssize_t n = utf8proc_decompose_char(
      static_cast<utf8proc_int32_t>(cp), buf.data(), buf.size(),
      static_cast<utf8proc_option_t>(UTF8PROC_DECOMPOSE | UTF8PROC_COMPAT), nullptr);
  if (n <= 0) return false;
  const utf8proc_property_t* first = utf8proc_get_property(buf[0]);
  return first->combining_class != 0 || composes_backward(static_cast<char32_t>(buf[0]), first);
}

// One decoded code point; cp == kNone for a byte that does not start well-formed
// UTF-8 (then len == 1 and the byte passes through unchanged).
struct Decoded {
  char32_t cp;
  std::uint32_t len;
};

// Strict UTF-8 decoding (no overlongs, surrogates or values past U+10FFFF), so
// that everything handed to utf8proc is valid.
Decoded decode(std::string_view s, std::size_t i) {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
  const unsigned char c = byte(i);
  if (c < 0x80) return {c, 1};
  const std::size_t left = s.size() - i;
  const auto cont = [&](std::size_t k, unsigned char lo = 0x80, unsigned char hi = 0xBF) {
    return k < left && byte(i + k) >= lo && byte(i + k) <= hi;
  };
  if (c >= 0xC2 && c <= 0xDF) {
    if (cont(1)) return {static_cast<char32_t>(((c & 0x1F) << 6) | (byte(i + 1) & 0x3F)), 2};
  } else if (c >= 0xE0 && c <= 0xEF) {
    const unsigned char lo = c == 0xE0 ? 0xA0 : 0x80;
    const unsigned char hi = c == 0xED ? 0x9F : 0xBF;
    if (cont(1, lo, hi) && cont(2))
      return {static_cast<char32_t>(((c & 0x0F) << 12) | ((byte(i + 1) & 0x3F) << 6) |
                                    (byte(i + 2) & 0x3F)),
              3};
  } else if (c >= 0xF0 && c <= 0xF4) {
    const unsigned char lo = c == 0xF0 ? 0x90 : 0x80;
    const unsigned char hi = c == 0xF4 ? 0x8F : 0xBF;
    if (cont(1, lo, hi) && cont(2) && cont(3))
      return {static_cast<char32_t>(((c & 0x07) << 18) | ((byte(i + 1) & 0x3F) << 12) |
                                    ((byte(i + 2) & 0x3F) << 6) | (byte(i + 3) & 0x3F)),
              4};
  }
  return {kNone, 1};
}

// ---- Output -------------------------------------------------------------------

// Appends normalized bytes and their origins. Writes into text and
// to_original grown ahead (doubling), so a character costs a few stores rather
// than two container appends; finish() trims both to what was written.
class Sink {
 public:
  // `expected` sizes the buffers: NFKC rarely changes the length of report text.
  Sink(NormalizedText& out, std::size_t expected) : text_(out.text), map_(out.to_original) {
    text_.resize(expected);
    map_.resize(expected);
  }

  void bytes(std::string_view b, std::uint32_t origin) {
    reserve(b.size());
    for (std::size_t k = 0; k < b.size(); ++k) {
      text_[size_ + k] = b[k];
      map_[size_ + k] = origin;
    }
    size_ += b.size();
  }

  // Bytes copied unchanged: each maps to its own code point's start.
  void unchanged(std::string_view in, std::size_t from, std::size_t to) {
    reserve(to - from);
    std::memcpy(text_.data() + size_, in.data() + from, to - from);
    std::uint32_t start = static_cast<std::uint32_t>(from);
    for (std::size_t k = from; k < to; ++k) {
      if ((static_cast<unsigned char>(in[k]) & 0xC0) != 0x80) start = static_cast<std::uint32_t>(k);
      map_[size_++] = start;
    }
  }

  void code_point(char32_t cp, std::uint32_t origin) {
    char buf[4];
    std::size_t n;
    if (cp < 0x80) {
      buf[0] = static_cast<char>(cp);
      n = 1;
    } else if (cp < 0x800) {
      buf[0] = static_cast<char>(0xC0 | (cp >> 6));
      buf[1] = static_cast<char>(0x80 | (cp & 0x3F));
      n = 2;
    } else if (cp < 0x10000) {
      buf[0] = static_cast<char>(0xE0 | (cp >> 12));
      buf[1] = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      buf[2] = static_cast<char>(0x80 | (cp & 0x3F));
      n = 3;
    } else {
      buf[0] = static_cast<char>(0xF0 | (cp >> 18));
      buf[1] = static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
      buf[2] = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      buf[3] = static_cast<char>(0x80 | (cp & 0x3F));
      n = 4;
    }
    bytes(std::string_view(buf, n), origin);
  }

  void finish() {
    text_.resize(size_);
    map_.resize(size_);
  }

 private:
  void reserve(std::size_t more) {
    if (size_ + more <= text_.size()) return;
    const std::size_t grown = std::max(2 * text_.size(), size_ + more + 16);
    text_.resize(grown);
    map_.resize(grown);
  }

  std::string& text_;
  std::vector<std::uint32_t>& map_;
  std::size_t size_ = 0;
};

// ---- Steps 1 and 2: NFKC and equivalent ideographs, per segment ----------------

// NFKC of a segment through utf8proc, then step 2 on what comes out. Every
// output byte maps to the segment's first byte. If utf8proc refuses (it cannot:
// the bytes were validated), the segment passes through unchanged.
void emit_nfkc(std::string_view segment, std::uint32_t origin, Sink& sink, TraditionalFolder* folder) {
  std::array<utf8proc_int32_t, kSegmentBuffer> local;
  std::vector<utf8proc_int32_t> large;  // only for pathological segments
  utf8proc_int32_t* buf = local.data();
  const auto* bytes = reinterpret_cast<const utf8proc_uint8_t*>(segment.data());
  const auto size = static_cast<utf8proc_ssize_t>(segment.size());
  utf8proc_ssize_t n = utf8proc_decompose(bytes, size, buf, local.size(), kNfkc);
  if (n > static_cast<utf8proc_ssize_t>(local.size())) {
    large.resize(static_cast<std::size_t>(n));
    buf = large.data();
    n = utf8proc_decompose(bytes, size, buf, n, kNfkc);
  }
  if (n >= 0) n = utf8proc_normalize_utf32(buf, n, kNfkc);
  if (n < 0) {
    sink.bytes(segment, origin);
    return;
  }
  for (utf8proc_ssize_t k = 0; k < n; ++k)
    sink.code_point(folded(equivalent_ideograph(static_cast<char32_t>(buf[k])), folder), origin);
}

// A segment of one code point: the common case, mostly without utf8proc.
void emit_single(char32_t cp, std::string_view bytes, std::uint32_t origin, Sink& sink,
                 TraditionalFolder* folder) {
  if (folder && is_plain_ideograph(cp)) {
    const char32_t simplified = folder->fold(cp);
    if (simplified == cp) sink.bytes(bytes, origin);
    else sink.code_point(simplified, origin);
  } else if (cp < 0x80 || is_plain_ideograph(cp) || is_kept_as_printed(cp)) {
    sink.bytes(bytes, origin);
  } else if (in(kFullWidthAscii, cp)) {
    sink.code_point(cp - kFullWidthOffset, origin);
  } else if (utf8proc_get_property(static_cast<utf8proc_int32_t>(cp))->decomp_seqindex ==
             UINT16_MAX) {
    // No decomposition: NFKC leaves a lone code point alone.
    const char32_t ideograph = folded(equivalent_ideograph(cp), folder);
    if (ideograph == cp) sink.bytes(bytes, origin);
    else sink.code_point(ideograph, origin);
  } else {
    emit_nfkc(bytes, origin, sink, folder);
  }
}

// Steps 1 and 2 over the whole line. The code point after a segment is
// decoded to see whether it joins; it is then carried over as the next first.
void fold_code_points(std::string_view in, NormalizedText& out, TraditionalFolder* folder) {
  Sink sink(out, in.size() + 8);
  const std::size_t n = in.size();
  std::size_t i = 0;
  Decoded first{};
  bool carried = false;
  while (i < n) {
    if (static_cast<unsigned char>(in[i]) < 0x80) {
      // ASCII copies straight through, except that the last character of a run
      // may start a segment with a combining mark after it.
      std::size_t j = i + 1;
      while (j < n && static_cast<unsigned char>(in[j]) < 0x80) ++j;
      if (j == n) {
        sink.unchanged(in, i, n);
        break;
      }
      sink.unchanged(in, i, j - 1);
      i = j - 1;
      first = {static_cast<unsigned char>(in[i]), 1};
    } else if (!carried) {
      first = decode(in, i);
    }
    carried = false;
    const auto origin = static_cast<std::uint32_t>(i);
    if (first.cp == kNone) {
      sink.bytes(in.substr(i, 1), origin);
      ++i;
      continue;
    }
    std::size_t end = i + first.len;
    Decoded next{};
    while (end < n) {
      next = decode(in, end);
      if (next.cp == kNone || !joins_previous(next.cp)) {
        carried = true;
        break;
      }
      end += next.len;
    }
    const std::string_view first_bytes = in.substr(i, first.len);
    if (end == i + first.len) {
      emit_single(first.cp, first_bytes, origin, sink, folder);
    } else if (is_kept_as_printed(first.cp)) {
      // The kept character stays; the marks after it are normalized on their own.
      sink.bytes(first_bytes, origin);
      emit_nfkc(in.substr(i + first.len, end - i - first.len),
                static_cast<std::uint32_t>(i + first.len), sink, folder);
    } else {
      emit_nfkc(in.substr(i, end - i), origin, sink, folder);
    }
    i = end;
    first = next;
  }
  sink.finish();
}

// ---- Step 3: spaces -------------------------------------------------------------

// Length of the space (' ' or U+3000) at s[i], or 0.
std::size_t space_len(std::string_view s, std::size_t i) {
  if (s[i] == ' ') return 1;
  if (s.size() - i >= 3 && s[i] == '\xE3' && s[i + 1] == '\x80' && s[i + 2] == '\x80') return 3;
  return 0;
}

bool is_digit(char32_t cp) { return cp >= '0' && cp <= '9'; }

// A character of a letter-spaced number.
bool is_number_char(char32_t cp) { return is_digit(cp) || cp == '.' || cp == ',' || cp == '%'; }

// Characters that glue to a number character, so that it is not "single".
bool is_word_char(char32_t cp) {
  return is_number_char(cp) || (cp >= 'A' && cp <= 'Z') || (cp >= 'a' && cp <= 'z');
}

// Whether a lone space between `before` and `after` is an extraction artefact.
bool drops_between(char32_t before, char32_t after) {
  const bool cjk_before = is_cjk(before);
  const bool cjk_after = is_cjk(after);
  if (cjk_before && cjk_after) return true;
  const auto numeric = [](char32_t cp) { return is_digit(cp) || cp == '%'; };
  return (cjk_before && numeric(after)) || (numeric(before) && cjk_after);
}

// Rewrites text and to_original in place; the write position never passes the
// read position, and decisions only look at bytes not yet rewritten (plus the
// code point before the read position, kept in `prev`).
class SpaceRules {
 public:
  explicit SpaceRules(NormalizedText& out)
      : out_(out), t_(out.text), m_(out.to_original), n_(t_.size()) {}

  void run() {
    while (r_ < n_) {
      const unsigned char c = static_cast<unsigned char>(t_[r_]);
      if (c == ' ' || c == '\t' || space_len(t_, r_) == 3) {
        whitespace_run();
        continue;
      }
      const Decoded d = decode(t_, r_);
      if (r_ >= rejected_until_ && is_number_char(d.cp) && starts_run() && letter_spaced_number())
        continue;
      copy(r_, d.len);
      prev_ = d.cp;
      lone_space_before_ = false;
      r_ += d.len;
    }
    t_.resize(w_);
    m_.resize(w_);
  }

 private:
  void copy(std::size_t from, std::size_t len) {
    if (w_ != from) {
      for (std::size_t k = 0; k < len; ++k) {
        t_[w_ + k] = t_[from + k];
        m_[w_ + k] = m_[from + k];
      }
    }
    w_ += len;
  }

  void drop(std::size_t at) { out_.dropped_spaces.push_back(m_[at]); }

  // A maximal run of spaces and tabs at r_: dropped if it is a lone space between
  // the right neighbours, otherwise kept byte for byte.
  void whitespace_run() {
    std::size_t e = r_;
    std::size_t count = 0;
    bool tab = false;
    char32_t last = kNone;
    while (e < n_) {
      if (t_[e] == '\t') {
        tab = true;
        last = '\t';
        ++e;
      } else if (const std::size_t len = space_len(t_, e); len != 0) {
        last = len == 1 ? U' ' : U'\u3000';
        e += len;
      } else {
        break;
      }
      ++count;
    }
    const bool lone = count == 1 && !tab;
    if (lone && prev_ != kNone && e < n_ && drops_between(prev_, decode(t_, e).cp)) {
      drop(r_);
    } else {
      copy(r_, e - r_);
    }
    before_space_ = prev_;
    lone_space_before_ = lone;
    prev_ = last;
    r_ = e;
  }

  // Whether a letter-spaced run may start at r_: nothing word-like right before
  // it, and no number one space before it ("15 . 5" is not a run ". 5").
  bool starts_run() const {
    return !is_word_char(prev_) && !(lone_space_before_ && is_number_char(before_space_));
  }

  // Whether the number character at p is followed by one space and a number
  // character, so that a run ending at p would cut a number ("1 . 5 25").
  bool number_follows(std::size_t p) const {
    if (p + 1 >= n_) return false;
    const std::size_t sep = space_len(t_, p + 1);
    return sep != 0 && p + 1 + sep < n_ && is_number_char(static_cast<unsigned char>(t_[p + 1 + sep]));
  }

  // Whether the number character at p stands alone on its right.
  bool single_at(std::size_t p) const {
    return p + 1 >= n_ || !is_word_char(static_cast<unsigned char>(t_[p + 1]));
  }

  // At a single number character that may start a run: joins a run like
  // "1 2 . 5 %" into "12.5%" if the run qualifies (two or more characters, with a
  // '.' or ending in '%'). Returns false, and remembers not to retry inside the
  // run, when it does not.
  bool letter_spaced_number() {
    if (!single_at(r_)) return false;
    std::size_t last = r_;
    std::size_t count = 1;
    bool dot = t_[r_] == '.';
    while (last + 1 < n_) {
      const std::size_t sep = space_len(t_, last + 1);
      const std::size_t next = last + 1 + sep;
      if (sep == 0 || next >= n_ || !is_number_char(static_cast<unsigned char>(t_[next])) ||
          !single_at(next))
        break;
      last = next;
      ++count;
      dot = dot || t_[next] == '.';
    }
    if (count < 2 || (!dot && t_[last] != '%') || number_follows(last)) {
      rejected_until_ = last + 1;
      return false;
    }
    for (std::size_t p = r_;;) {
      copy(p, 1);
      if (p == last) break;
      drop(p + 1);
      p += 1 + space_len(t_, p + 1);
    }
    prev_ = static_cast<unsigned char>(t_[last]);
    lone_space_before_ = false;
    r_ = last + 1;
    return true;
  }

  NormalizedText& out_;
  std::string& t_;
  std::vector<std::uint32_t>& m_;
  const std::size_t n_;
  std::size_t r_ = 0;                // read position
  std::size_t w_ = 0;                // write position
  std::size_t rejected_until_ = 0;   // letter-spaced run already rejected up to here
  char32_t prev_ = kNone;            // code point before r_ as the text was
  bool lone_space_before_ = false;   // prev_ is a lone space ...
  char32_t before_space_ = kNone;    // ... and this is the code point before it
};

// ---- Step 4: numbers OCR damaged -------------------------------------------------

bool ascii_alnum(char c) { return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); }
bool ascii_digit(char c) { return c >= '0' && c <= '9'; }
bool ocr_letter(char c) { return c == 'O' || c == 'o' || c == 'l' || c == 'I'; }
char ocr_digit(char c) { return c == 'O' || c == 'o' ? '0' : '1'; }

// The unit right after a repaired number: what makes the run a figure.
bool unit_at(std::string_view t, std::size_t at) {
  static constexpr std::string_view kUnits[] = {"分", "%", "‰", "元", "万", "亿", "人", "名", "个", "项", "次", "户"};
  for (std::string_view u : kUnits)
    if (t.substr(at).starts_with(u)) return true;
  return false;
}

// Whether the spaces of run [r, e) of `t` are an OCR artefact inside one
// number: each space touches the '.', or stands between two single digits
// ("9 7. 6"), or before a group of three digits after one to three
// ("1 250.5"); and the run has a '.' or only thousands spaces.
bool spaces_inside_number(std::string_view t, std::size_t r, std::size_t e) {
  bool dot = false, all_thousands = true;
  for (std::size_t k = r; k < e; ++k) {
    if (t[k] == '.' && dot) return false;  // two points: several numbers ("126.5 119.8")
    dot = dot || t[k] == '.';
    if (t[k] != ' ') continue;
    if (t[k - 1] == '.' || t[k + 1] == '.') {
      all_thousands = false;
      continue;
    }
    std::size_t before = 0, after = 0;
    for (std::size_t g = k; g > r && ascii_digit(t[g - 1]); --g) ++before;
    for (std::size_t g = k + 1; g < e && ascii_digit(t[g]); ++g) ++after;
    const bool thousands = !dot && before >= 1 && before <= 3 && after == 3;  // no group after the point
    const bool single_digits = before == 1 && after == 1;
    if (!thousands && !single_digits) return false;
    all_thousands = all_thousands && thousands;
  }
  return dot || all_thousands;
}

// Whether run [r, e) of `t` is a number OCR damaged, with one reading only.
bool repairable(std::string_view t, std::size_t r, std::size_t e) {
  bool letters = false, spaces = false, digit = false;
  for (std::size_t k = r; k < e; ++k) {
    letters = letters || ocr_letter(t[k]);
    spaces = spaces || t[k] == ' ';
    digit = digit || ascii_digit(t[k]);
  }
  if (!digit || !(letters || spaces) || (e < t.size() && ascii_alnum(t[e]))) return false;
  const bool unit = unit_at(t, e);
  if (spaces && !(unit && spaces_inside_number(t, r, e))) return false;
  if (letters && !unit) {
    // Every letter has a digit or '.' on both sides.
    const auto numeric = [&](std::size_t at) { return ascii_digit(t[at]) || t[at] == '.'; };
    for (std::size_t k = r; k < e; ++k)
      if (ocr_letter(t[k]) && !(k > r && k + 1 < e && numeric(k - 1) && numeric(k + 1))) return false;
  }
  return true;
}

// Rewrites text and to_original (which holds the end sentinel) in place:
// letters replaced one byte for one, spaces dropped; records each repaired
// run's original range.
void repair_numbers(NormalizedText& out) {
  std::string& t = out.text;
  std::vector<std::uint32_t>& m = out.to_original;
  const std::size_t n = t.size();
  std::size_t w = 0;
  char before = '\0';  // the byte before r as the text was
  std::vector<std::uint32_t> dropped;
  for (std::size_t r = 0; r < n;) {
    const char c = t[r];
    std::size_t e = r;
    if ((ascii_digit(c) || ocr_letter(c)) && !ascii_alnum(before) && before != '.') {
      // The run: digits, '.', OCR letters, and single spaces between digits and '.'.
      while (e < n) {
        const char x = t[e];
        const bool numeric_before = e > r && (ascii_digit(t[e - 1]) || t[e - 1] == '.');
        if (ascii_digit(x) || x == '.' || ocr_letter(x)) ++e;
        else if (x == ' ' && numeric_before && e + 1 < n && (ascii_digit(t[e + 1]) || t[e + 1] == '.')) ++e;
        else break;
      }
      while (e > r && (t[e - 1] == '.' || t[e - 1] == ' ')) --e;  // a full stop is no decimal point
    }
    // A spaced run left alone before a word ("2 45.6万元", "1 8650份"): a
    // quantity may be read from its tail, and nothing says it is the whole.
    // Only a run of two groups: more are a row of figures glued by spaces.
    if (e > r && e < n && (unit_at(t, e) || static_cast<unsigned char>(t[e]) >= 0x80) &&
        std::count(t.begin() + r, t.begin() + e, ' ') == 1 && !repairable(t, r, e))
      out.doubtful.emplace_back(m[r], m[e]);
    if (e > r && repairable(t, r, e)) {
      out.repaired.emplace_back(m[r], m[e]);
      for (; r < e; ++r) {
        before = t[r];
        if (t[r] == ' ') {
          dropped.push_back(m[r]);
          continue;
        }
        m[w] = m[r];
        t[w++] = ocr_letter(t[r]) ? ocr_digit(t[r]) : t[r];
      }
      continue;
    }
    // Not a repairable run: copy it (or the one byte) unchanged.
    const std::size_t to = std::max(e, r + 1);
    for (; r < to; ++r) {
      before = t[r];
      m[w] = m[r];
      t[w++] = t[r];
    }
  }
  m[w] = m[n];
  t.resize(w);
  m.resize(w + 1);
  if (!dropped.empty()) {
    out.dropped_spaces.insert(out.dropped_spaces.end(), dropped.begin(), dropped.end());
    std::ranges::sort(out.dropped_spaces);
  }
}

// Whether step 4 could change anything: an OCR letter or a space next to a digit.
bool may_need_repair(std::string_view t) {
  for (std::size_t i = 0; i + 1 < t.size(); ++i) {
    const bool digit_here = ascii_digit(t[i]);
    if (digit_here && (ocr_letter(t[i + 1]) || t[i + 1] == ' ')) return true;
    if ((ocr_letter(t[i]) || t[i] == ' ') && ascii_digit(t[i + 1])) return true;
  }
  return false;
}

}  // namespace

std::pair<std::size_t, std::size_t> NormalizedText::original_range(std::size_t begin,
                                                                    std::size_t end) const {
  if (to_original.empty()) return {0, 0};
  const std::size_t n = text.size();
  end = std::min(end, n);
  begin = std::min(begin, end);
  const std::size_t from = to_original[begin];
  if (begin == end) return {from, from};
  // The source of byte end-1 runs to where the next source starts, unless a
  // dropped space sits in between.
  const std::uint32_t source = to_original[end - 1];
  std::size_t k = end;
  while (k < n && to_original[k] == source) ++k;
  std::size_t to = to_original[k];
  auto dropped = std::ranges::upper_bound(dropped_spaces, source);
  if (dropped != dropped_spaces.end() && *dropped < to) to = *dropped;
  return {from, to};
}

namespace {

NormalizedText normalize(std::string_view original, TraditionalFolder* folder) {
  NormalizedText out;
  fold_code_points(original, out, folder);
  if (out.text.find(' ') != std::string::npos || out.text.find("\xE3\x80\x80") != std::string::npos)
    SpaceRules(out).run();
  out.to_original.push_back(static_cast<std::uint32_t>(original.size()));
  // A repaired letter may be a digit beside a space the space rules kept
  // ("预算数 O4…" -> "预算数 04…"): they run again, and the repair after them,
  // until nothing changes, so that normalizing twice changes nothing.
  for (int round = 0; round < 4 && may_need_repair(out.text); ++round) {
    const std::string before = out.text;
    repair_numbers(out);
    if (out.text.find(' ') != std::string::npos || out.text.find("\xE3\x80\x80") != std::string::npos) {
      const std::uint32_t end = out.to_original.back();
      out.to_original.pop_back();
      SpaceRules(out).run();
      out.to_original.push_back(end);
    }
    if (out.text == before) break;
  }
  // Each round records the spaces it drops; a space is dropped once.
  std::ranges::sort(out.dropped_spaces);
  out.dropped_spaces.erase(std::unique(out.dropped_spaces.begin(), out.dropped_spaces.end()),
                           out.dropped_spaces.end());
  return out;
}

}  // namespace

NormalizedText normalize_line(std::string_view original) { return normalize(original, nullptr); }

NormalizedText normalize_line(std::string_view original, TraditionalFolder& folder) {
  return normalize(original, &folder);
}

// ---- Traditional characters -------------------------------------------------------

struct TraditionalFolder::Impl {
  std::unique_ptr<icu::Transliterator> transliterator;  // this folder's own: ICU's are not thread-safe
  std::unordered_map<char32_t, char32_t> cache;
};

TraditionalFolder::TraditionalFolder() : impl_(std::make_unique<Impl>()) {
  UErrorCode status = U_ZERO_ERROR;
  impl_->transliterator.reset(
      icu::Transliterator::createInstance("Traditional-Simplified", UTRANS_FORWARD, status));
  if (U_FAILURE(status)) impl_->transliterator.reset();  // no ICU data: nothing is folded
}

TraditionalFolder::~TraditionalFolder() = default;

char32_t TraditionalFolder::fold(char32_t cp) {
  if (const auto it = impl_->cache.find(cp); it != impl_->cache.end()) return it->second;
  char32_t out = cp;
  if (impl_->transliterator) {
    icu::UnicodeString s(static_cast<UChar32>(cp));
    impl_->transliterator->transliterate(s);
    if (s.countChar32() == 1) out = static_cast<char32_t>(s.char32At(0));
  }
  impl_->cache.emplace(cp, out);
  return out;
}

bool looks_traditional(std::string_view text) {
  std::size_t han = 0, markers = 0;
  for (std::size_t i = 0; i < text.size();) {
    const Decoded d = decode(text, i);
    i += d.len;
    if (d.cp == kNone || !is_ideograph(d.cp)) continue;
    ++han;
    markers += d.cp < 0x10000 && ((kTraditionalMarkerBits[d.cp / 64] >> (d.cp % 64)) & 1) != 0;
  }
  return markers >= kMinTraditionalMarkers && markers * kHanPerTraditionalMarker >= han;
}

}  // namespace jixiao::text
