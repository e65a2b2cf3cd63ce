#include "jixiao/extract/text_reader.h"

#include <unicode/ucnv.h>

#include <fstream>
#include <iterator>
#include <sstream>

#include "jixiao/extract/sha256.h"
#include "jixiao/extract/utf8.h"

namespace jixiao::extract {
namespace {

Error make_error(ErrorKind kind, const std::string& path, std::string message) {
  return Error{kind, path, std::move(message)};
}

// Converts UTF-16 (without its BOM) to UTF-8 with ICU; reports the failing byte offset.
Result<std::string> utf16_to_utf8(const std::string& path, std::string_view bytes,
                                  const char* charset, std::size_t bom_size) {
  if (bytes.size() % 2 != 0)
    return std::unexpected(make_error(ErrorKind::kEncoding, path,
                                      std::string("truncated ") + charset + " text: odd byte count"));
  // ICU stops after the bad unit; find the unpaired surrogate ourselves so the
  // message names the byte where it starts.
  const bool little = std::string_view(charset) == "UTF-16LE";
  for (std::size_t i = 0; i + 1 < bytes.size(); i += 2) {
    auto unit = [&](std::size_t at) -> unsigned {
      const unsigned a = static_cast<unsigned char>(bytes[at]), b = static_cast<unsigned char>(bytes[at + 1]);
      return little ? (b << 8 | a) : (a << 8 | b);
    };
    const unsigned u = unit(i);
    const bool high = u >= 0xD800 && u <= 0xDBFF, low = u >= 0xDC00 && u <= 0xDFFF;
    if (low || (high && (i + 3 >= bytes.size() || unit(i + 2) < 0xDC00 || unit(i + 2) > 0xDFFF)))
      return std::unexpected(make_error(ErrorKind::kEncoding, path,
                                        std::string("unpaired surrogate in ") + charset + " at byte " +
                                            std::to_string(i + bom_size)));
    if (high) i += 2;
  }
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
    append_utf8(out, cp);
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
    if (view.size() == 2)
      return std::unexpected(make_error(ErrorKind::kEmpty, path, "empty file (only a byte-order mark)"));
    auto utf8 = utf16_to_utf8(path, view.substr(2), charset, 2);
    if (!utf8) return std::unexpected(utf8.error());
    return make_text_document(path, "text", charset, digest, *utf8);
  }

  std::string encoding = "UTF-8";
  if (starts_with(view, "\xEF\xBB\xBF")) {
    view.remove_prefix(3);
    encoding = "UTF-8-BOM";
    if (view.empty())
      return std::unexpected(make_error(ErrorKind::kEmpty, path, "empty file (only a byte-order mark)"));
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
