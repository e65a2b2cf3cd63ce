// The names of the OCR modes (ocr.h), as the command line and the JSON spell them.

#include "jixiao/extract/ocr.h"

#include <array>
#include <utility>

namespace jixiao::extract {
namespace {

constexpr std::array<std::pair<OcrMode, std::string_view>, 3> kModes{{
    {OcrMode::kNever, "never"},
    {OcrMode::kAuto, "auto"},
    {OcrMode::kAlways, "always"},
}};

}  // namespace

std::optional<OcrMode> parse_ocr_mode(std::string_view name) {
  for (const auto& [mode, spelled] : kModes)
    if (spelled == name) return mode;
  return std::nullopt;
}

std::string_view ocr_mode_name(OcrMode mode) {
  for (const auto& [m, spelled] : kModes)
    if (m == mode) return spelled;
  return "never";
}

}  // namespace jixiao::extract
