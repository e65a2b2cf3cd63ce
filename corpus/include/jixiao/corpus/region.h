#pragma once
// The region of an evaluated unit, read from its name: the province or the
// city the name starts with, for the dashboard's "by region" charts.
//
//   "济宁市兖州区社会保险服务中心"    -> 济宁市 (the city, the most specific level read)
//   "山东省济宁市财政局"              -> 济宁市
//   "山东省财政厅"                    -> 山东省
//   "北京市海淀区教育委员会"          -> 北京市 (a municipality: districts are not regions)
//   "恩施土家族苗族自治州民政局"      -> 恩施土家族苗族自治州
//   "柏溪县林业局", "社会保险服务中心" -> nothing: a county alone does not say its city
//
// Precision first, as everywhere in jixiao: a region is read only where the
// name states it, never guessed. Provinces, municipalities, autonomous
// regions, 盟 and 地区 come from tables of the real names; a city or an
// autonomous prefecture from a careful pattern (docs/html.md, region.cc).

#include <optional>
#include <string>
#include <string_view>

namespace jixiao::corpus {

// The label a unit without a readable region gets on the dashboard.
inline constexpr std::string_view kUnknownRegion = "(未识别)";

// The province or city `unit` names at its start, or nullopt.
std::optional<std::string> region_of_unit(std::string_view unit);

}  // namespace jixiao::corpus
