#include "jixiao/extract/text_reader.h"

#include <unicode/ucnv.h>
#include <unicode/ucsdet.h>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstdint>
#include <cstring>
#include <optional>
#include <filesystem>
#include <memory>

#include "jixiao/extract/pdf_reader.h"
#include "jixiao/extract/sha256.h"
#include "jixiao/extract/text_tables.h"
#include "jixiao/extract/utf8.h"

namespace jixiao::extract {
namespace {

Error make_error(ErrorKind kind, const std::string& path, std::string message) {
  return Error{kind, path, std::move(message)};
}

struct ConverterCloser {
  void operator()(UConverter* c) const { ucnv_close(c); }
};

// The outcome of a strict conversion: the UTF-8 text, or the byte offset
// (relative to the converted bytes) where the input stops being `charset`.
struct Conversion {
  std::string utf8;
  std::size_t bad_offset = std::string::npos;
};

// Converts `bytes` from `charset` to UTF-8 with ICU, stopping at the first
// byte sequence that is not valid in that charset.
Conversion convert_strict(std::string_view bytes, const char* charset) {
  Conversion out;
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<UConverter, ConverterCloser> conv(ucnv_open(charset, &status));
  if (U_FAILURE(status)) {
    out.bad_offset = 0;
    return out;
  }
  ucnv_setToUCallBack(conv.get(), UCNV_TO_U_CALLBACK_STOP, nullptr, nullptr, nullptr, &status);
  std::u16string units(bytes.size() + 2, u'\0');
  UChar* target = units.data();
  const char* source = bytes.data();
  ucnv_toUnicode(conv.get(), &target, units.data() + units.size(), &source, bytes.data() + bytes.size(), nullptr,
                 true, &status);
  if (U_FAILURE(status)) {
    char invalid[32];
    int8_t invalid_len = sizeof(invalid);
    UErrorCode ignore = U_ZERO_ERROR;
    ucnv_getInvalidChars(conv.get(), invalid, &invalid_len, &ignore);
    const std::size_t consumed = static_cast<std::size_t>(source - bytes.data());
    out.bad_offset = consumed >= static_cast<std::size_t>(invalid_len) ? consumed - invalid_len : 0;
    return out;
  }
  const std::size_t n = static_cast<std::size_t>(target - units.data());
  out.utf8.reserve(n * 3 / 2);
  for (std::size_t i = 0; i < n; ++i) {
    char32_t cp = units[i];
    if (cp >= 0xD800 && cp <= 0xDBFF && i + 1 < n && units[i + 1] >= 0xDC00 && units[i + 1] <= 0xDFFF) {
      cp = 0x10000 + ((cp - 0xD800) << 10) + (units[i + 1] - 0xDC00);
      ++i;
    }
    append_utf8(out.utf8, cp);
  }
  return out;
}

// Offset of the first unpaired surrogate of UTF-16 text, or npos: ICU reports
// the byte after it, and an auditor wants the byte where it starts.
std::size_t first_unpaired_surrogate(std::string_view bytes, bool little) {
  auto unit = [&](std::size_t at) -> unsigned {
    const unsigned a = static_cast<unsigned char>(bytes[at]), b = static_cast<unsigned char>(bytes[at + 1]);
    return little ? (b << 8 | a) : (a << 8 | b);
  };
  for (std::size_t i = 0; i + 1 < bytes.size(); i += 2) {
    const unsigned u = unit(i);
    const bool high = u >= 0xD800 && u <= 0xDBFF, low = u >= 0xDC00 && u <= 0xDFFF;
    if (low || (high && (i + 3 >= bytes.size() || unit(i + 2) < 0xDC00 || unit(i + 2) > 0xDFFF))) return i;
    if (high) i += 2;
  }
  return std::string_view::npos;
}

// The share (per mille) of the UTF-16 code units of `bytes` that a Chinese
// report is made of: ASCII text, CJK ideographs, CJK and general punctuation,
// full-width forms, enclosed numbers, box drawing. Real UTF-16 text scores
// near 1000; UTF-8 or GB18030 bytes read as UTF-16 give random units, of
// which about a third fall among the ideographs, and score far lower.
int plausible_utf16(std::string_view bytes, bool little) {
  struct Range {
    unsigned lo, hi;
  };
  static constexpr Range kTextRanges[] = {
      {0x09, 0x0D},     {0x20, 0x7E},     {0xA0, 0xFF},     {0x2000, 0x206F}, {0x2100, 0x218F},
      {0x2460, 0x24FF}, {0x2500, 0x257F}, {0x25A0, 0x25FF}, {0x3000, 0x303F}, {0x3400, 0x4DBF},
      {0x4E00, 0x9FFF}, {0xFE30, 0xFE4F}, {0xFF00, 0xFFEF},
  };
  std::size_t units = 0, plausible = 0;
  for (std::size_t i = 0; i + 1 < bytes.size(); i += 2) {
    const unsigned a = static_cast<unsigned char>(bytes[i]), b = static_cast<unsigned char>(bytes[i + 1]);
    const unsigned u = little ? (b << 8 | a) : (a << 8 | b);
    ++units;
    for (const Range& r : kTextRanges)
      if (u >= r.lo && u <= r.hi) {
        ++plausible;
        break;
      }
  }
  return units == 0 ? 0 : static_cast<int>(plausible * 1000 / units);
}

// UTF-16 is taken only when at least this share of its units is text.
constexpr int kPlausibleUtf16 = 900;

// True when the bytes are mostly well-formed multi-byte UTF-8 with a few bad
// bytes: at least 4 valid non-ASCII sequences for every invalid byte. In GBK/
// GB18030 text only a small share of byte pairs happen to form valid UTF-8
// sequences, so it fails this by a wide margin.
bool looks_like_damaged_utf8(std::string_view s) {
  std::size_t valid = 0, invalid = 0, i = 0;
  while (i < s.size()) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      ++i;
      continue;
    }
    const std::size_t len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
    if (len > 1 && i + len <= s.size() && first_invalid_utf8(s.substr(i, len)) == std::string_view::npos) {
      ++valid;
      i += len;
    } else {
      ++invalid;
      ++i;
    }
  }
  return valid > 0 && valid >= 4 * invalid;
}

// Byte-order marks, longest first.
struct Bom {
  std::string_view bytes;
  const char* charset;
  const char* name;  // as recorded in Document::encoding
};
constexpr Bom kBoms[] = {
    {"\xEF\xBB\xBF", "UTF-8", "UTF-8-BOM"},
    {"\xFF\xFE", "UTF-16LE", "UTF-16LE"},
    {"\xFE\xFF", "UTF-16BE", "UTF-16BE"},
};

// Charsets we accept from ICU's detector for text without a BOM. Chinese
// government files that are not UTF-8 are nearly always GB18030/GBK.
constexpr const char* kDetectable[] = {"GB18030", "Big5", "UTF-16LE", "UTF-16BE"};

// The charsets ICU's detector thinks likely, most confident first, restricted to kDetectable.
std::vector<std::string> detect_charsets(std::string_view bytes) {
  std::vector<std::string> out;
  UErrorCode status = U_ZERO_ERROR;
  UCharsetDetector* det = ucsdet_open(&status);
  if (U_FAILURE(status)) return out;
  ucsdet_setText(det, bytes.data(), static_cast<int32_t>(std::min<std::size_t>(bytes.size(), 1 << 20)), &status);
  int32_t found = 0;
  const UCharsetMatch** matches = ucsdet_detectAll(det, &found, &status);
  for (int32_t i = 0; U_SUCCESS(status) && i < found; ++i) {
    const char* name = ucsdet_getName(matches[i], &status);
    for (const char* ok : kDetectable)
      if (name && std::string_view(name) == ok) out.emplace_back(name);
  }
  ucsdet_close(det);
  return out;
}

// A text decoded to UTF-8, before it becomes a Document.
struct DecodedText {
  std::string utf8;
  std::string encoding;  // as recorded in Document::encoding
  std::vector<Notice> notices;
};

Result<DecodedText> from_charset(const std::string& path, std::string_view bytes, const char* charset,
                                 const char* name, std::size_t bom_size) {
  const std::string_view cs(charset);
  if (cs.starts_with("UTF-16")) {
    if (bytes.size() % 2 != 0)
      return std::unexpected(
          make_error(ErrorKind::kEncoding, path, std::string("truncated ") + charset + " text: odd byte count"));
    // Without a byte-order mark the charset is a guess: it must give text.
    if (bom_size == 0 && plausible_utf16(bytes, cs == "UTF-16LE") < kPlausibleUtf16)
      return std::unexpected(make_error(ErrorKind::kEncoding, path,
                                        std::string("read as ") + charset + " the bytes are not text"));
    const std::size_t bad = first_unpaired_surrogate(bytes, cs == "UTF-16LE");
    if (bad != std::string_view::npos)
      return std::unexpected(make_error(ErrorKind::kEncoding, path,
                                        std::string("unpaired surrogate in ") + charset + " at byte " +
                                            std::to_string(bad + bom_size)));
  }
  Conversion c = convert_strict(bytes, charset);
  if (c.bad_offset != std::string::npos)
    return std::unexpected(make_error(ErrorKind::kEncoding, path,
                                      std::string("not valid ") + charset + " at byte " +
                                          std::to_string(c.bad_offset + bom_size)));
  if (c.utf8.find('\0') != std::string::npos)
    return std::unexpected(make_error(ErrorKind::kUnsupported, path, "binary file (contains NUL characters)"));
  return DecodedText{std::move(c.utf8), name, {}};
}

// What may be a PDF from its first KB alone: "%PDF-" in it.
bool looks_like_pdf_header(std::string_view head) { return head.substr(0, 1024).find("%PDF-") != std::string_view::npos; }

// Valid UTF-8 with a few stray NUL bytes (a damaged copy; a NUL typed by a
// broken converter) is text: at most one NUL per this many bytes.
constexpr std::size_t kBytesPerStrayNul = 1000;

// Valid UTF-8 that holds NUL bytes: its stray NULs dropped, with a notice
// saying so; an error when there are too many NULs for text.
Result<DecodedText> without_stray_nuls(const std::string& path, std::string_view utf8, const char* name) {
  const std::size_t nuls = static_cast<std::size_t>(std::count(utf8.begin(), utf8.end(), '\0'));
  if (nuls * kBytesPerStrayNul > utf8.size())
    return std::unexpected(make_error(ErrorKind::kUnsupported, path, "binary file (contains NUL bytes)"));
  DecodedText out{{}, name, {}};
  out.utf8.reserve(utf8.size());
  for (char c : utf8)
    if (c != '\0') out.utf8.push_back(c);
  out.notices.push_back(Notice{"", "文件含 " + std::to_string(nuls) + " 个空字节 (NUL)，已略去 (" +
                                       std::to_string(nuls) + " stray NUL bytes in the text were dropped)",
                               0, 0, false, {}});
  return out;
}

// Valid UTF-8 (after a BOM or without one), NULs and all.
Result<DecodedText> from_utf8(const std::string& path, std::string_view utf8, const char* name) {
  if (utf8.find('\0') != std::string_view::npos) return without_stray_nuls(path, utf8, name);
  return DecodedText{std::string(utf8), name, {}};
}

// Text without a byte-order mark that is not UTF-8. GB18030 (a superset of
// GBK and GB2312) accepts almost any byte pair, so it goes first unless ICU's
// detector is sure of Big5; UTF-16 without a BOM is only plausible when there
// are NUL bytes (ASCII digits and line ends). The error names what went wrong
// with the likeliest reading: UTF-16 that is text but for a bad surrogate,
// else GB18030.
Result<DecodedText> from_legacy_charset(const std::string& path, std::string_view bytes, std::size_t bad_utf8) {
  std::vector<std::string> candidates;
  const std::vector<std::string> detected = detect_charsets(bytes);
  if (!detected.empty() && detected.front() == "Big5") candidates.push_back("Big5");
  candidates.push_back("GB18030");
  const bool has_nul = bytes.find('\0') != std::string_view::npos;
  for (const std::string& cs : detected)
    if (cs != "GB18030" && (has_nul || !cs.starts_with("UTF-16"))) candidates.push_back(cs);
  std::string gb_error, utf16_error;
  for (const std::string& cs : candidates) {
    auto text = from_charset(path, bytes, cs.c_str(), cs.c_str(), 0);
    if (text) return text;
    if (cs == "GB18030") gb_error = text.error().message;
    if (cs.starts_with("UTF-16") && utf16_error.empty() && text.error().message.starts_with("unpaired"))
      utf16_error = text.error().message;
  }
  if (!utf16_error.empty()) return std::unexpected(make_error(ErrorKind::kEncoding, path, utf16_error));
  return std::unexpected(make_error(ErrorKind::kEncoding, path,
                                    "not valid UTF-8 at byte " + std::to_string(bad_utf8) + ", and " + gb_error));
}

// Decodes the bytes of a text file (not a PDF) to UTF-8.
Result<DecodedText> decode_text(const std::string& path, std::string_view view) {
  for (const Bom& bom : kBoms) {
    if (!view.starts_with(bom.bytes)) continue;
    const std::string_view body = view.substr(bom.bytes.size());
    if (body.empty())
      return std::unexpected(make_error(ErrorKind::kEmpty, path, "empty file (only a byte-order mark)"));
    if (std::string_view(bom.charset) == "UTF-8") {
      const std::size_t bad = first_invalid_utf8(body);
      if (bad != std::string_view::npos)
        return std::unexpected(make_error(ErrorKind::kEncoding, path,
                                          "not valid UTF-8 at byte " + std::to_string(bad + bom.bytes.size())));
      return from_utf8(path, body, bom.name);
    }
    return from_charset(path, body, bom.charset, bom.name, bom.bytes.size());
  }

  // No BOM: UTF-8 when it is valid UTF-8 (ASCII included); NULs in it make
  // it UTF-16 without a BOM when that reading is text, else stray NULs.
  const std::size_t bad_utf8 = first_invalid_utf8(view);
  if (bad_utf8 == std::string_view::npos) {
    if (view.find('\0') != std::string_view::npos)
      for (const std::string& cs : detect_charsets(view))
        if (cs.starts_with("UTF-16"))
          if (auto text = from_charset(path, view, cs.c_str(), cs.c_str(), 0)) return text;
    return from_utf8(path, view, "UTF-8");
  }

  // UTF-8 with a few corrupt bytes is damaged UTF-8, not another charset:
  // decoding it as GB18030 would turn it into plausible-looking nonsense.
  if (looks_like_damaged_utf8(view))
    return std::unexpected(make_error(ErrorKind::kEncoding, path, "not valid UTF-8 at byte " + std::to_string(bad_utf8)));
  return from_legacy_charset(path, view, bad_utf8);
}

// The Document of a decoded text, if it keeps the limits on its size and its
// number of lines (counted before any Line is made: a file of newlines must
// not allocate a Line for each).
Result<Document> text_document(const std::string& path, const std::string& digest, DecodedText text,
                               const ReadLimits& limits) {
  if (text.utf8.size() > limits.max_text_bytes)
    return std::unexpected(make_error(ErrorKind::kUnsupported, path,
                                      "text of " + std::to_string(text.utf8.size()) + " bytes is over the " +
                                          std::to_string(limits.max_text_bytes) + "-byte limit (max_text_bytes)"));
  std::size_t lines = 1;
  for (std::size_t i = 0; i < text.utf8.size(); ++i)
    if (text.utf8[i] == '\n' || (text.utf8[i] == '\r' && (i + 1 == text.utf8.size() || text.utf8[i + 1] != '\n')))
      ++lines;
  if (lines > limits.max_lines + 1)  // + 1: no line after a final line end
    return std::unexpected(make_error(ErrorKind::kUnsupported, path,
                                      "text of " + std::to_string(lines - 1) + " lines is over the " +
                                          std::to_string(limits.max_lines) + "-line limit (max_lines)"));
  Document doc = make_text_document(path, "text", std::move(text.encoding), digest, text.utf8);
  doc.notices = std::move(text.notices);
  return doc;
}

// Decodes a file's bytes: a PDF goes to read_pdf, text is decoded.
Result<Document> decode_bytes(const std::string& path, std::string bytes, const ReadLimits& limits) {
  if (bytes.empty()) return std::unexpected(make_error(ErrorKind::kEmpty, path, "empty file"));
  if (bytes.size() > limits.max_file_bytes)
    return std::unexpected(make_error(ErrorKind::kUnsupported, path,
                                      "file of " + std::to_string(bytes.size()) + " bytes is over the " +
                                          std::to_string(limits.max_file_bytes) + "-byte limit (max_file_bytes)"));
  if (looks_like_pdf(bytes)) return read_pdf(path, bytes, limits);  // it hashes what it read
  if (bytes.size() > limits.max_text_bytes)
    return std::unexpected(make_error(ErrorKind::kUnsupported, path,
                                      "text file of " + std::to_string(bytes.size()) + " bytes is over the " +
                                          std::to_string(limits.max_text_bytes) + "-byte limit (max_text_bytes)"));
  std::string extension = std::filesystem::path(path).extension().string();
  for (char& c : extension) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (extension == ".pdf")
    return std::unexpected(make_error(ErrorKind::kUnsupported, path, "not a PDF (no %PDF- header)"));
  const std::string digest = sha256_hex(bytes);
  auto text = decode_text(path, bytes);
  if (!text) return std::unexpected(std::move(text.error()));
  bytes = std::string();  // the file's bytes are not needed past here
  return text_document(path, digest, std::move(*text), limits);
}

// What kind of file a mode names, for "not a regular file (…)".
std::string file_kind(mode_t mode) {
  if (S_ISFIFO(mode)) return "a named pipe";
  if (S_ISCHR(mode)) return "a character device";
  if (S_ISBLK(mode)) return "a block device";
  if (S_ISSOCK(mode)) return "a socket";
  return "not a plain file";
}

struct FdCloser {
  int fd;
  ~FdCloser() { ::close(fd); }
};

// The bytes of the regular file at `path`: the file is never opened for
// blocking reads (a named pipe would hang), is checked to be a regular file on
// the descriptor read from (no race with a rename), and is read only up to its
// limit (a file that grows while read stops there): limits.max_file_bytes for
// a PDF, limits.max_text_bytes for anything else, told apart by the first KB.
Result<std::string> read_bytes(const std::string& path, const ReadLimits& limits) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0)
    return std::unexpected(make_error(ErrorKind::kIo, path, std::string("cannot open file: ") + std::strerror(errno)));
  const FdCloser closer{fd};
  struct stat st {};
  if (::fstat(fd, &st) != 0)
    return std::unexpected(make_error(ErrorKind::kIo, path, std::string("cannot read file: ") + std::strerror(errno)));
  if (S_ISDIR(st.st_mode)) return std::unexpected(make_error(ErrorKind::kIo, path, "is a directory"));
  if (!S_ISREG(st.st_mode))
    return std::unexpected(
        make_error(ErrorKind::kUnsupported, path, "not a regular file (" + file_kind(st.st_mode) + ")"));
  std::string bytes;
  std::size_t max = limits.max_file_bytes;
  for (std::size_t got = 0;;) {
    if (got == bytes.size()) {
      if (got > max) break;
      // The first KB alone, to know the limit; then the size stat gave, then doubling.
      const std::size_t want = got == 0 ? 1024 : std::max(static_cast<std::size_t>(st.st_size), 2 * got);
      const std::size_t past_max = max < SIZE_MAX ? max + 1 : max;  // one byte more tells "over the limit"
      bytes.resize(std::min(past_max, std::max(want, got + 1)));
    }
    const ssize_t n = ::read(fd, bytes.data() + got, bytes.size() - got);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0)
      return std::unexpected(make_error(ErrorKind::kIo, path, std::string("read error: ") + std::strerror(errno)));
    if (n == 0) {
      bytes.resize(got);
      break;
    }
    const bool first = got == 0;
    got += static_cast<std::size_t>(n);
    if (first && !looks_like_pdf_header(std::string_view(bytes).substr(0, got))) max = limits.max_text_bytes;
  }
  if (bytes.size() > max)
    return std::unexpected(make_error(ErrorKind::kUnsupported, path,
                                      "file is over the " + std::to_string(max) + "-byte limit (" +
                                          (max == limits.max_file_bytes ? "max_file_bytes" : "max_text_bytes") + ")"));
  return bytes;
}

}  // namespace

// A PDF starts with its "%PDF-" header; the format allows junk before it
// within the first KB, but then the PDF's objects follow. A text that only
// mentions "%PDF-" near its start is text.
bool looks_like_pdf(std::string_view bytes) {
  if (bytes.starts_with("%PDF-")) return true;
  const std::size_t header = bytes.substr(0, 1024).find("%PDF-");
  return header != std::string_view::npos && bytes.find("endobj", header) != std::string_view::npos;
}

Result<Document> decode_document(const std::string& path, std::string bytes, const ReadLimits& limits) {
  Result<Document> doc = decode_bytes(path, std::move(bytes), limits);
  if (!doc || doc->format != "text") return doc;
  cut_long_lines(*doc, limits.max_line_bytes);
  read_text_tables(*doc);  // page furniture and tables (text_tables.h)
  attach_notice_spans(*doc);
  return doc;
}

Result<std::string> read_file_bytes(const std::string& path, const ReadLimits& limits) {
  return read_bytes(path, limits);
}

Result<Document> read_document(const std::string& path, const ReadLimits& limits) {
  auto bytes = read_bytes(path, limits);
  if (!bytes) return std::unexpected(std::move(bytes.error()));
  return decode_document(path, std::move(*bytes), limits);
}

}  // namespace jixiao::extract
