// The HTML pages' shared pieces (html.h) and the audit page (audit_page.h):
// report text reaches a page only escaped, the page's one script is the one
// its Content-Security-Policy names, and the audit page shows every finding
// of the report with its figures, and its indicator tree.

#include <gtest/gtest.h>

#include <regex>

#include "jixiao/output/audit_page.h"
#include "jixiao/output/html.h"
#include "support/test_support.h"

namespace jixiao {
namespace {

using output::html::escape;

std::size_t count(const std::string& haystack, const std::string& needle) {
  std::size_t n = 0;
  for (std::size_t at = haystack.find(needle); at != std::string::npos; at = haystack.find(needle, at + 1)) ++n;
  return n;
}

TEST(HtmlTest, EscapesMarkupAndQuotes) {
  EXPECT_EQ(escape("<script>alert(1)</script>"), "&lt;script&gt;alert(1)&lt;/script&gt;");
  EXPECT_EQ(escape("&amp; \"a\" 'b'"), "&amp;amp; &quot;a&quot; &#39;b&#39;");
  EXPECT_EQ(escape("得分 81 分"), "得分 81 分");
}

TEST(HtmlTest, KeepsThePageValidUtf8) {
  EXPECT_EQ(escape("a\xff" "b"), "a\xEF\xBF\xBD" "b");            // a byte that is no UTF-8
  EXPECT_EQ(escape("\xE5\xBE"), "\xEF\xBF\xBD\xEF\xBF\xBD");         // a character cut short
  EXPECT_EQ(escape(std::string("a\0b\x01\x7F\tc\n", 8)), "ab\tc\n");  // control characters dropped
}

TEST(HtmlTest, Base64) {
  EXPECT_EQ(output::html::base64(""), "");
  EXPECT_EQ(output::html::base64("f"), "Zg==");
  EXPECT_EQ(output::html::base64("fo"), "Zm8=");
  EXPECT_EQ(output::html::base64("foobar"), "Zm9vYmFy");
}

TEST(HtmlTest, TheCspNamesThePagesOwnScriptOnly) {
  output::html::Page page;
  page.title = "<b>标题</b>";
  page.script = "alert(1)";
  const std::string html = output::html::render(page);
  // sha256("alert(1)") in base64, computed independently.
  EXPECT_NE(html.find("script-src 'sha256-bhHHL3z2vDgxUt0W3dWQOrprscmda2Y5pLsLg4GF+pI='"), std::string::npos);
  EXPECT_NE(html.find("default-src 'none'"), std::string::npos);
  EXPECT_NE(html.find("<title>&lt;b&gt;标题&lt;/b&gt;</title>"), std::string::npos);
  EXPECT_NE(html.find("<script>alert(1)</script>"), std::string::npos);
  page.script.clear();
  EXPECT_NE(output::html::render(page).find("script-src 'none'"), std::string::npos);
}

TEST(AuditPageTest, ShowsEveryFindingWithItsFiguresAndTheTree) {
  const auto doc = testing::analyze_or_fail(testing::source_path("samples/qinghe-wenlv-2022-errors.txt"));
  ASSERT_FALSE(doc.report.findings.empty());
  EXPECT_TRUE(output::audit_pages(doc, {}).empty());  // text input: no page images
  const std::string html = output::audit_page(doc, {}, {});
  std::size_t figures = 0;
  for (std::size_t i = 0; i < doc.report.findings.size(); ++i) {
    const model::Finding& f = doc.report.findings[i];
    EXPECT_NE(html.find("id=\"f" + std::to_string(i + 1) + "\" tabindex=\"0\" data-severity=\"" +
                        (f.severity == model::Severity::kError ? "error" : "warning") + "\" data-rule=\"" + f.rule + "\""),
              std::string::npos)
        << f.rule;
    EXPECT_NE(html.find(escape(f.message)), std::string::npos) << f.rule;
    figures += f.spans.size();
  }
  EXPECT_EQ(count(html, "<tr class=\"figure\""), figures);
  EXPECT_EQ(count(html, "<div class=\"quote\">"), figures);
  EXPECT_EQ(count(html, "<script"), 1u);
  // The tree: the total and one row per indicator, rows a finding points at marked.
  EXPECT_EQ(count(html, "<tr class=\"level"), doc.report.indicators.size() + 1);
  EXPECT_GT(count(html, " marked\""), 0u);
}

TEST(AuditPageTest, AFilterShowsOnlyItsFindingsUnderTheirReportIds) {
  const auto doc = testing::analyze_or_fail(testing::source_path("samples/qinghe-wenlv-2022-errors.txt"));
  output::FindingFilter filter;
  filter.severity = model::Severity::kWarning;
  const std::string html = output::audit_page(doc, filter, {});
  std::size_t warnings = 0;
  for (std::size_t i = 0; i < doc.report.findings.size(); ++i) {
    const bool warning = doc.report.findings[i].severity == model::Severity::kWarning;
    warnings += warning;
    const bool present = html.find("<li class=\"finding sev-warning\" id=\"f" + std::to_string(i + 1) + "\"") !=
                         std::string::npos;
    EXPECT_EQ(present, warning) << i;
  }
  EXPECT_EQ(count(html, "<li class=\"finding"), warnings);
  EXPECT_EQ(count(html, "<li class=\"finding sev-error"), 0u);
}

}  // namespace
}  // namespace jixiao
