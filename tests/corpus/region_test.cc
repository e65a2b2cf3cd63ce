// Reading the region of an evaluated unit from its name (corpus/src/region.cc):
// provinces from the table of the 34 provincial-level names, cities and
// autonomous prefectures from the pattern, and nothing where the name does
// not state a place.
#include "jixiao/corpus/region.h"

#include <gtest/gtest.h>

#include <optional>
#include <string>

namespace jixiao::corpus {
namespace {

std::string region(std::string_view unit) { return region_of_unit(unit).value_or("(none)"); }

TEST(RegionTest, ACityAtTheStartIsTheRegion) {
  EXPECT_EQ(region("济宁市兖州区社会保险服务中心"), "济宁市");
  EXPECT_EQ(region("广州市财政局"), "广州市");  // 州 inside a city's name
  EXPECT_EQ(region("乌鲁木齐市教育局"), "乌鲁木齐市");
  EXPECT_EQ(region("镇江市财政局"), "镇江市");  // 镇 may start a city's name, not end a town's
  EXPECT_EQ(region("江苏省镇江市丹徒区财政局"), "镇江市");
  EXPECT_EQ(region("义乌市市场监督管理局"), "义乌市");  // 市市场: the city, then its market bureau
  EXPECT_EQ(region("中共济宁市委组织部"), "济宁市");
  EXPECT_EQ(region("国家税务总局济宁市税务局"), "济宁市");
}

TEST(RegionTest, AProvinceIsTheRegionUnlessACityFollowsIt) {
  EXPECT_EQ(region("山东省财政厅"), "山东省");
  EXPECT_EQ(region("山东省市场监督管理局"), "山东省");  // 市场 is a market, not a city
  EXPECT_EQ(region("山东省济宁市兖州区社会保险服务中心"), "济宁市");
  EXPECT_EQ(region("黑龙江省农业农村厅"), "黑龙江省");
  EXPECT_EQ(region("内蒙古自治区林业和草原局"), "内蒙古自治区");
  EXPECT_EQ(region("新疆维吾尔自治区阿克苏地区财政局"), "阿克苏地区");
  EXPECT_EQ(region("广西壮族自治区南宁市民政局"), "南宁市");
  EXPECT_EQ(region("香港特别行政区政府"), "香港特别行政区");
}

TEST(RegionTest, AMunicipalityIsItsOwnRegion) {
  EXPECT_EQ(region("北京市海淀区教育委员会"), "北京市");
  EXPECT_EQ(region("上海市市政工程管理处"), "上海市");
  EXPECT_EQ(region("重庆市万州区财政局"), "重庆市");
}

TEST(RegionTest, LeaguesPrefecturesAndAutonomousPrefecturesComeFromTheirNames) {
  EXPECT_EQ(region("锡林郭勒盟行政公署"), "锡林郭勒盟");
  EXPECT_EQ(region("大兴安岭地区林业局"), "大兴安岭地区");
  EXPECT_EQ(region("延边朝鲜族自治州财政局"), "延边朝鲜族自治州");
  EXPECT_EQ(region("恩施土家族苗族自治州民政局"), "恩施土家族苗族自治州");
  EXPECT_EQ(region("恩施州民政局"), "恩施州");
  EXPECT_EQ(region("四川省凉山彝族自治州教育局"), "凉山彝族自治州");
}

TEST(RegionTest, ANameWithoutAPlaceHasNoRegion) {
  for (const char* unit : {"社会保险服务中心", "柏溪县林业局", "兖州区社会保险服务中心", "青禾县市场监督管理局",
                           "柳溪县市政服务中心", "柳溪镇市政服务中心", "城市管理局", "市场监督管理局", "智慧城市建设中心",
                           "贫困地区发展促进会", "产业联盟", "北京大学", "贵州大学", "东岗区石桥镇人民政府", "",
                           "ABC市财政局", "2023年度市本级项目"}) {
    EXPECT_EQ(region_of_unit(unit), std::nullopt) << unit;
  }
}

TEST(RegionTest, LeadingSpacesAndBrokenBytesAreHarmless) {
  EXPECT_EQ(region("  济宁市财政局"), "济宁市");
  EXPECT_EQ(region("\xE3\x80\x80山东省财政厅"), "山东省");
  EXPECT_EQ(region_of_unit("\xFF\xFE\xE6"), std::nullopt);
  EXPECT_EQ(region_of_unit("济宁\xE5"), std::nullopt);
}

}  // namespace
}  // namespace jixiao::corpus
