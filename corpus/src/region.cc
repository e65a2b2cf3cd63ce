// Reading a region from an evaluated unit's name (region.h).
//
// Unit names start with the place that owns the unit: 山东省财政厅,
// 济宁市兖州区社会保险服务中心, 中共济宁市委组织部. The dashboard groups
// reports by that place, so this reads it, and reads nothing where the name
// does not state it: a wrong region is worse than "(未识别)".
//
// Provincial-level names (34), the three 盟 and the seven 地区 are closed
// sets, so they come from tables: a pattern for "…地区" would read 贫困地区 as
// a place. Cities are too many for a table, so a city is the pattern
// NAME + 市 at the start (after a province, if any), with NAME two to four
// ideographs that hold no character a place name before 市 never holds (县,
// 区, 局 … : 青禾县市场监督管理局 is a county's bureau, not a city's) and
// with the 市 not starting 市场; compounds such as 智慧城市 are refused by
// name. Autonomous prefectures are NAME + 自治州, and their short form
// NAME + 州 (恩施州) with a two-ideograph NAME. Below a municipality (北京市
// 海淀区) the region is the municipality: districts are not regions.
#include "jixiao/corpus/region.h"

#include <algorithm>
#include <array>
#include <cstddef>
#include <vector>

namespace jixiao::corpus {
namespace {

constexpr std::array<std::string_view, 34> kProvincialLevel = {
    "北京市",       "天津市",           "上海市",         "重庆市",           "河北省",         "山西省",
    "辽宁省",       "吉林省",           "黑龙江省",       "江苏省",           "浙江省",         "安徽省",
    "福建省",       "江西省",           "山东省",         "河南省",           "湖北省",         "湖南省",
    "广东省",       "海南省",           "四川省",         "贵州省",           "云南省",         "陕西省",
    "甘肃省",       "青海省",           "台湾省",         "内蒙古自治区",     "广西壮族自治区", "西藏自治区",
    "宁夏回族自治区", "新疆维吾尔自治区", "香港特别行政区", "澳门特别行政区"};

// Prefecture-level units that are neither cities nor autonomous prefectures.
constexpr std::array<std::string_view, 10> kLeaguesAndPrefectures = {
    "兴安盟",     "锡林郭勒盟", "阿拉善盟", "阿克苏地区", "喀什地区",
    "和田地区",   "塔城地区",   "阿勒泰地区", "阿里地区", "大兴安岭地区"};

// Words in front of the place that are not places (中共济宁市委, 国家税务总局济宁市税务局).
constexpr std::array<std::string_view, 4> kLeadingOrganisations = {"中国共产党", "中共", "共青团", "国家税务总局"};

// Words ending in 城市 that name no city (智慧城市建设中心).
constexpr std::array<std::string_view, 8> kNotCities = {"智慧城市", "文明城市", "海绵城市", "数字城市",
                                                        "卫生城市", "园林城市", "新型城市", "国际城市"};

// Characters a place name in front of 市 or 州 never holds: lower levels of
// government (青禾县市场…) and words of organisations.
constexpr std::u32string_view kNeverInPlaceName = U"省县区旗镇乡街村局厅委办站所队院校馆司社心会组处科室场部团";

// A name decoded into code points, each with its byte offset.
struct Decoded {
  std::vector<char32_t> chars;
  std::vector<std::size_t> offsets;  // one more than chars: the end
};

Decoded decode(std::string_view s) {
  Decoded d;
  std::size_t i = 0;
  while (i < s.size()) {
    const auto b = static_cast<unsigned char>(s[i]);
    const std::size_t n = b < 0x80 ? 1 : b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1;
    if (i + n > s.size()) break;
    char32_t cp = n == 1 ? b : b & (0xFF >> (n + 1));
    for (std::size_t k = 1; k < n; ++k) cp = cp << 6 | (static_cast<unsigned char>(s[i + k]) & 0x3F);
    d.chars.push_back(cp);
    d.offsets.push_back(i);
    i += n;
  }
  d.offsets.push_back(i);
  return d;
}

bool is_ideograph(char32_t c) { return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF); }

// Of those, the ones a city's name may start with (镇江市, 会理市): a town's
// or an association's name ends in them (柳溪镇市政…), a city's starts.
constexpr std::u32string_view kOnlyFirstInPlaceName = U"镇会";

// Whether chars[0, n) can be a place name in front of 市 or 州.
bool place_name(const Decoded& d, std::size_t n) {
  for (std::size_t i = 0; i < n; ++i) {
    const char32_t c = d.chars[i];
    if (!is_ideograph(c)) return false;
    if (i == 0 && kOnlyFirstInPlaceName.find(c) != std::u32string_view::npos) continue;
    if (kNeverInPlaceName.find(c) != std::u32string_view::npos) return false;
  }
  return true;
}

std::string_view prefix(std::string_view s, const Decoded& d, std::size_t chars) {
  return s.substr(0, d.offsets[chars]);
}

// The first occurrence of `c` among the first `limit` characters.
std::optional<std::size_t> find_char(const Decoded& d, char32_t c, std::size_t limit) {
  const auto end = d.chars.begin() + static_cast<std::ptrdiff_t>(std::min(limit, d.chars.size()));
  const auto it = std::find(d.chars.begin(), end, c);
  if (it == end) return std::nullopt;
  return static_cast<std::size_t>(it - d.chars.begin());
}

// NAME + 市 at the start of `s`.
std::optional<std::string> city(std::string_view s, const Decoded& d) {
  const auto at = find_char(d, U'市', 5);
  if (!at || *at < 2 || !place_name(d, *at)) return std::nullopt;
  if (*at + 1 < d.chars.size() && d.chars[*at + 1] == U'场') return std::nullopt;  // 市场, a market
  const std::string_view name = prefix(s, d, *at + 1);
  for (const std::string_view word : kNotCities)
    if (name.ends_with(word)) return std::nullopt;
  return std::string(name);
}

// NAME + 自治州, or the short NAME + 州 with a two-ideograph NAME.
std::optional<std::string> autonomous_prefecture(std::string_view s, const Decoded& d) {
  constexpr std::string_view kAutonomous = "自治州";
  if (const std::size_t at = s.find(kAutonomous); at != std::string_view::npos) {
    const Decoded name = decode(s.substr(0, at));
    if (name.chars.size() >= 2 && name.chars.size() <= 10 && place_name(name, name.chars.size()))
      return std::string(s.substr(0, at + kAutonomous.size()));
  }
  if (d.chars.size() >= 3 && d.chars[2] == U'州' && place_name(d, 2)) return std::string(prefix(s, d, 3));
  return std::nullopt;
}

// The prefecture-level place (city, 盟, 地区, autonomous prefecture) `s` starts with.
std::optional<std::string> prefecture(std::string_view s) {
  for (const std::string_view name : kLeaguesAndPrefectures)
    if (s.starts_with(name)) return std::string(name);
  const Decoded d = decode(s);
  if (auto c = city(s, d)) return c;
  return autonomous_prefecture(s, d);
}

std::string_view trim_front(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  if (s.starts_with("\xE3\x80\x80")) return trim_front(s.substr(3));  // U+3000, the ideographic space
  return s;
}

}  // namespace

std::optional<std::string> region_of_unit(std::string_view unit) {
  unit = trim_front(unit);
  for (const std::string_view organisation : kLeadingOrganisations) {
    if (unit.starts_with(organisation)) {
      unit.remove_prefix(organisation.size());
      break;
    }
  }
  for (const std::string_view province : kProvincialLevel) {
    if (!unit.starts_with(province)) continue;
    // A municipality or a special administrative region is its own region.
    if (province.ends_with("市") || province.ends_with("特别行政区")) return std::string(province);
    if (auto below = prefecture(unit.substr(province.size()))) return below;
    return std::string(province);
  }
  return prefecture(unit);
}

}  // namespace jixiao::corpus
