#include "jixiao/extract/text_reader.h"

#include <unicode/ucnv.h>

#include <fstream>
#include <iterator>
#include <sstream>

#include "jixiao/extract/sha256.h"

namespace jixiao::extract {
namespace {

Error make_error(ErrorKind kind, const std::string& path, std::string message) {
  return Error{kind, path, std::move(message)};
}

// Offset of the first byte that is not part of well-formed UTF-8, or npos.
std::size_t first_invalid_utf8(std::string_view s) {
  std::size_t i = 0;
  const std::size_t n = s.size();
  while (i < n) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) { ++i; continue; }
    int len = 0;
    unsigned int cp = 0;
    if (c >= 0xC2 && c <= 0xDF) { len = 2; cp = c & 0x1F; }
    else if (c >= 0xE0 && c <= 0xEF) { len = 3; cp = c & 0x0F; }
    else if (c >= 0xF0 && c <= 0xF4) { len = 4; cp = c & 0x07; }
    else return i;
    if (i + len > n) return i;
    for (int k = 1; k < len; ++k) {
      const unsigned char cc = static_cast<unsigned char>(s[i + k]);
      if ((cc & 0xC0) != 0x80) return i;
      cp = (cp << 6) | (cc & 0x3F);
    }
    if ((len == 3 && (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF))) ||
        (len == 4 && (cp < 0x10000 || cp > 0x10FFFF)))
      return i;
    i += len;
  }
  return std::string::npos;
}

// Converts UTF-16 (without its BOM) to UTF-8 with ICU; reports the failing byte offset.
Result<std::string> utf16_to_utf8(const std::string& path, std::string_view bytes,
                                  const char* charset, std::size_t bom_size) {
  if (bytes.size() % 2 != 0)
    return std::unexpected(make_error(ErrorKind::kEncoding, path,
                                      std::string("truncated ") + charset + " text: odd byte count"));
  UErrorCode status = U_ZERO_ERROR;
  UConverter* from = ucnv_open(charset, &status);
  if (U_FAILURE(status))
    return std::unexpected(make_error(ErrorKind::kEncoding, path, "ICU has no converter for " +
                                                                      std::string(charset)));
  ucnv_setToUCallBack(from, UCNV_TO_U_CALLBACK_STOP, nullptr, nullptr, nullptr, &status);
  std::u16string units(bytes.size() / 2 + 1, u'\0');
  UChar* target = reinterpret_cast<UChar*>(units.data());
  UChar* target_begin = target;
  const char* source = bytes.data();
  ucnv_toUnicode(from, &target, target + units.size(), &source, bytes.data() + bytes.size(),
                 nullptr, true, &status);
  const std::size_t consumed = static_cast<std::size_t>(source - bytes.data());
  ucnv_close(from);
  if (U_FAILURE(status))
    return std::unexpected(make_error(
        ErrorKind::kEncoding, path,
        std::string("not valid ") + charset + " near byte " + std::to_string(consumed + bom_size)));
  std::string out;
  for (const UChar* p = target_begin; p < target; ++p) {
    unsigned int cp = *p;
    if (cp >= 0xD800 && cp <= 0xDBFF && p + 1 < target && p[1] >= 0xDC00 && p[1] <= 0xDFFF) {
      cp = 0x10000 + ((cp - 0xD800) << 10) + (p[1] - 0xDC00);
      ++p;
    } else if (cp >= 0xD800 && cp <= 0xDFFF) {
      const std::size_t at = static_cast<std::size_t>(p - target_begin) * 2 + bom_size;
      return std::unexpected(make_error(ErrorKind::kEncoding, path,
                                        std::string("unpaired surrogate in ") + charset +
                                            " at byte " + std::to_string(at)));
    }
    if (cp < 0x80) {
      out.push_back(static_cast<char>(cp));
    } else if (cp < 0x800) {
      out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
      out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else if (cp < 0x10000) {
      out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
      out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
      out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else {
      out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
      out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
      out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
      out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    }
  }
  return out;
}

bool starts_with(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

}  // namespace

Result<Document> decode_document(const std::string& path, std::string bytes) {
  if (bytes.empty()) return std::unexpected(make_error(ErrorKind::kEmpty, path, "empty file"));
  const std::string digest = sha256_hex(bytes);
  std::string_view view(bytes);
  if (starts_with(view, "%PDF-"))
    return std::unexpected(
        make_error(ErrorKind::kUnsupported, path, "PDF input is not supported yet (text reports only)"));

  if (starts_with(view, "\xFF\xFE") || starts_with(view, "\xFE\xFF")) {
    const char* charset = view[0] == '\xFF' ? "UTF-16LE" : "UTF-16BE";
    auto utf8 = utf16_to_utf8(path, view.substr(2), charset, 2);
    if (!utf8) return std::unexpected(utf8.error());
    return make_text_document(path, "text", charset, digest, *utf8);
  }

  std::string encoding = "UTF-8";
  if (starts_with(view, "\xEF\xBB\xBF")) {
    view.remove_prefix(3);
    encoding = "UTF-8-BOM";
  }
  const std::size_t bad = first_invalid_utf8(view);
  if (bad != std::string::npos) {
    const std::size_t offset = bad + (bytes.size() - view.size());
    return std::unexpected(make_error(ErrorKind::kEncoding, path,
                                      "not valid UTF-8 at byte " + std::to_string(offset) +
                                          " (other encodings are not supported yet)"));
  }
  if (view.find('\0') != std::string_view::npos)
    return std::unexpected(make_error(ErrorKind::kUnsupported, path, "binary file (contains NUL bytes)"));
  return make_text_document(path, "text", encoding, digest, view);
}

Result<Document> read_document(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::unexpected(make_error(ErrorKind::kIo, path, "cannot open file"));
  std::ostringstream buffer;
  buffer << in.rdbuf();
  if (in.bad()) return std::unexpected(make_error(ErrorKind::kIo, path, "read error"));
  return decode_document(path, std::move(buffer).str());
}

}  // namespace jixiao::extract
