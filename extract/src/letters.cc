// count_letters (ocr_pages.h): letters, digits and ideographs, the measure
// of whether a page's text layer, or OCR's reading of it, holds text.

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <cstdint>
#include <string>

#include "ocr_pages.h"

namespace jixiao::extract::detail {

int count_letters(const std::string& text) {
  int n = 0;
  const auto* s = reinterpret_cast<const uint8_t*>(text.data());
  const int32_t length = static_cast<int32_t>(text.size());
  for (int32_t i = 0; i < length;) {
    UChar32 c;
    U8_NEXT(s, i, length, c);
    if (c >= 0 && (u_isalnum(c) || u_hasBinaryProperty(c, UCHAR_IDEOGRAPHIC))) ++n;
  }
  return n;
}

}  // namespace jixiao::extract::detail
