// The SVG charts of the HTML pages (corpus/output/src/svg_chart.cc): every
// bar carries its label, series and count in the markup, text is escaped,
// colours are ours, and the geometry stays inside the chart.
#include "jixiao/output/svg_chart.h"

#include <gtest/gtest.h>

#include <regex>
#include <string>
#include <vector>

namespace jixiao::output::svg {
namespace {

std::size_t occurrences(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (std::size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + what.size())) ++n;
  return n;
}

// The data-count of every segment, in document order.
std::vector<std::size_t> counts_of(const std::string& svg) {
  std::vector<std::size_t> out;
  const std::regex count(R"re(data-count="(\d+)")re");
  for (auto it = std::sregex_iterator(svg.begin(), svg.end(), count); it != std::sregex_iterator(); ++it)
    out.push_back(std::stoul((*it)[1]));
  return out;
}

TEST(SvgChartTest, AColumnChartDrawsOneSegmentPerNonZeroCount) {
  const Chart chart{"总分分布 Total scores", {{"", ""}}, {{"<60", {0}}, {"80-90", {12}}, {"90-100", {24}}}};
  const std::string svg = column_chart(chart);
  EXPECT_TRUE(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\"")) << svg;
  EXPECT_TRUE(svg.ends_with("</svg>"));
  EXPECT_NE(svg.find("role=\"img\" aria-label=\"总分分布 Total scores\""), std::string::npos);
  EXPECT_NE(svg.find("<title>总分分布 Total scores</title>"), std::string::npos);
  EXPECT_EQ(counts_of(svg), (std::vector<std::size_t>{12, 24}));
  EXPECT_NE(svg.find("<title>90-100: 24</title>"), std::string::npos) << svg;
  EXPECT_NE(svg.find(">&lt;60</text>"), std::string::npos) << svg;  // every label is drawn, zero or not
  EXPECT_EQ(occurrences(svg, "class=\"legend\""), 0u);  // one series: no legend
}

TEST(SvgChartTest, StackedBarsHaveALegendAndTheirTotals) {
  const Chart chart{"rules",
                    {{"error", "#c0392b"}, {"warning", "#e0a526"}},
                    {{"score.sum", {5, 1}}, {"budget.rate", {0, 3}}}};
  const std::string svg = bar_chart(chart);
  EXPECT_EQ(occurrences(svg, "class=\"legend\""), 1u);
  EXPECT_EQ(counts_of(svg), (std::vector<std::size_t>{5, 1, 3}));
  EXPECT_NE(svg.find("<title>score.sum · warning: 1</title>"), std::string::npos) << svg;
  EXPECT_NE(svg.find("data-label=\"budget.rate\" data-series=\"warning\" data-count=\"3\""), std::string::npos);
  EXPECT_NE(svg.find("class=\"total\">6</text>"), std::string::npos) << svg;
  EXPECT_NE(svg.find("fill=\"#c0392b\""), std::string::npos);
}

TEST(SvgChartTest, TextIsEscapedAndForeignColoursAreRefused) {
  const Chart chart{"<script>alert(1)</script>",
                    {{"a\"b", "red\" onload=\"alert(1)"}, {"&amp;", ""}},
                    {{"<img src=x onerror=alert(1)>", {1, 2}}}};
  for (const std::string& svg : {column_chart(chart), bar_chart(chart)}) {
    EXPECT_EQ(svg.find("<script"), std::string::npos) << svg;
    EXPECT_EQ(svg.find("<img"), std::string::npos) << svg;
    EXPECT_EQ(svg.find("onload=\""), std::string::npos) << svg;
    EXPECT_NE(svg.find("&lt;script&gt;alert(1)&lt;/script&gt;"), std::string::npos) << svg;
    EXPECT_NE(svg.find("&amp;amp;"), std::string::npos) << svg;
    EXPECT_NE(svg.find("a&quot;b"), std::string::npos) << svg;
    EXPECT_NE(svg.find("fill=\"#4e79a7\""), std::string::npos) << svg;  // the palette's first colour instead
  }
}

TEST(SvgChartTest, ALongLabelIsCutButKeptWholeInItsTitle) {
  const std::string label = "这是一个非常非常非常非常非常非常非常非常非常非常非常长的地区名称";
  const std::string svg = bar_chart({"t", {{"n", ""}}, {{label, {3}}}});
  EXPECT_NE(svg.find("<title>" + label + ": 3</title>"), std::string::npos);
  EXPECT_NE(svg.find("…</text>"), std::string::npos) << svg;
  EXPECT_EQ(occurrences(svg, ">" + label + "</text>"), 0u);
  EXPECT_EQ(label_width("良好"), 24u);
  EXPECT_EQ(label_width("80-90"), 35u);
}

TEST(SvgChartTest, GeometryStaysInsideTheViewBox) {
  const Chart chart{"t", {{"a", ""}, {"b", ""}}, {{"x", {1000000, 1}}, {"y", {0, 0}}, {"z", {7, 3}}}};
  for (const std::string& svg : {column_chart(chart), bar_chart(chart)}) {
    const std::regex box(R"re(viewBox="0 0 (\d+) (\d+)")re");
    std::smatch m;
    ASSERT_TRUE(std::regex_search(svg, m, box)) << svg;
    const long width = std::stol(m[1]), height = std::stol(m[2]);
    const std::regex rect(R"re(<rect x="(-?\d+)" y="(-?\d+)" width="(-?\d+)" height="(-?\d+)")re");
    for (auto it = std::sregex_iterator(svg.begin(), svg.end(), rect); it != std::sregex_iterator(); ++it) {
      const long x = std::stol((*it)[1]), y = std::stol((*it)[2]), w = std::stol((*it)[3]), h = std::stol((*it)[4]);
      EXPECT_GE(x, 0);
      EXPECT_GE(y, 0);
      EXPECT_GE(w, 0);
      EXPECT_GE(h, 0);
      EXPECT_LE(x + w, width) << svg;
      EXPECT_LE(y + h, height) << svg;
    }
  }
}

TEST(SvgChartTest, AChartOfNothingSaysSo) {
  for (const std::string& svg : {column_chart({"empty", {}, {}}), bar_chart({"empty", {}, {}})}) {
    EXPECT_NE(svg.find("no data"), std::string::npos) << svg;
    EXPECT_EQ(svg.find("<rect"), std::string::npos);
  }
  // All zero: the bars and an axis, no segment.
  EXPECT_TRUE(counts_of(column_chart({"zeros", {{"", ""}}, {{"a", {0}}, {"b", {}}}})).empty());
}

}  // namespace
}  // namespace jixiao::output::svg
