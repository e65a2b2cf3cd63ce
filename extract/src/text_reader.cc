#include "jixiao/extract/text_reader.h"

#include <unicode/ucnv.h>
#include <unicode/ucsdet.h>

#include <cctype>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>

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

Result<Document> from_charset(const std::string& path, std::string_view bytes, const char* charset,
                              const char* name, std::size_t bom_size, const std::string& digest) {
  const std::string_view cs(charset);
  if (cs.starts_with("UTF-16")) {
    if (bytes.size() % 2 != 0)
      return std::unexpected(
          make_error(ErrorKind::kEncoding, path, std::string("truncated ") + charset + " text: odd byte count"));
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
  return make_text_document(path, "text", name, digest, c.utf8);
}

// Decodes a file's bytes: a PDF goes to read_pdf, text is decoded.
Result<Document> decode_bytes(const std::string& path, std::string bytes) {
  if (bytes.empty()) return std::unexpected(make_error(ErrorKind::kEmpty, path, "empty file"));
  const std::string digest = sha256_hex(bytes);
  const std::string_view view(bytes);
  if (view.substr(0, 1024).find("%PDF-") != std::string_view::npos) return read_pdf(path, bytes);
  std::string extension = std::filesystem::path(path).extension().string();
  for (char& c : extension) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (extension == ".pdf")
    return std::unexpected(make_error(ErrorKind::kUnsupported, path, "not a PDF (no %PDF- header)"));

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
      if (body.find('\0') != std::string_view::npos)
        return std::unexpected(make_error(ErrorKind::kUnsupported, path, "binary file (contains NUL bytes)"));
      return make_text_document(path, "text", bom.name, digest, body);
    }
    return from_charset(path, body, bom.charset, bom.name, bom.bytes.size(), digest);
  }

  // No BOM: UTF-8 when it is valid UTF-8 (ASCII included).
  const std::size_t bad_utf8 = first_invalid_utf8(view);
  if (bad_utf8 == std::string_view::npos) {
    if (view.find('\0') != std::string_view::npos) {
      // NULs in otherwise valid text: UTF-16 without a BOM, or binary.
      for (const std::string& cs : detect_charsets(view)) {
        if (!cs.starts_with("UTF-16")) continue;
        if (auto doc = from_charset(path, view, cs.c_str(), cs.c_str(), 0, digest)) return doc;
      }
      return std::unexpected(make_error(ErrorKind::kUnsupported, path, "binary file (contains NUL bytes)"));
    }
    return make_text_document(path, "text", "UTF-8", digest, view);
  }

  // UTF-8 with a few corrupt bytes is damaged UTF-8, not another charset:
  // decoding it as GB18030 would turn it into plausible-looking nonsense.
  const std::string utf8_error = "not valid UTF-8 at byte " + std::to_string(bad_utf8);
  if (looks_like_damaged_utf8(view)) return std::unexpected(make_error(ErrorKind::kEncoding, path, utf8_error));

  // Not UTF-8. GB18030 (a superset of GBK and GB2312) accepts almost any byte
  // pair, so it goes first unless ICU's detector is sure of Big5; UTF-16
  // without a BOM is only plausible when there are NUL bytes (ASCII digits and
  // line ends).
  std::vector<std::string> candidates;
  const std::vector<std::string> detected = detect_charsets(view);
  if (!detected.empty() && detected.front() == "Big5") candidates.push_back("Big5");
  candidates.push_back("GB18030");
  const bool has_nul = view.find('\0') != std::string_view::npos;
  for (const std::string& cs : detected)
    if (cs != "GB18030" && (has_nul || !cs.starts_with("UTF-16"))) candidates.push_back(cs);
  std::string gb_error;
  for (const std::string& cs : candidates) {
    auto doc = from_charset(path, view, cs.c_str(), cs.c_str(), 0, digest);
    if (doc) return doc;
    if (cs == "GB18030") gb_error = doc.error().message;
  }
  return std::unexpected(make_error(ErrorKind::kEncoding, path, utf8_error + ", and " + gb_error));
}

}  // namespace

Result<Document> decode_document(const std::string& path, std::string bytes) {
  Result<Document> doc = decode_bytes(path, std::move(bytes));
  if (doc && doc->format == "text") read_text_tables(*doc);  // page furniture and tables (text_tables.h)
  return doc;
}

Result<Document> read_document(const std::string& path) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec))
    return std::unexpected(make_error(ErrorKind::kIo, path, "is a directory"));
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::unexpected(make_error(ErrorKind::kIo, path, "cannot open file"));
  std::ostringstream buffer;
  buffer << in.rdbuf();
  if (in.bad()) return std::unexpected(make_error(ErrorKind::kIo, path, "read error"));
  return decode_document(path, std::move(buffer).str());
}

}  // namespace jixiao::extract
