// build_report on small invented reports: how tables, statements and the annex
// merge into one tree, and what happens to what matches nothing.

#include <gtest/gtest.h>

#include "jixiao/extract/document.h"
#include "jixiao/extract/utf8.h"
#include "jixiao/normalize/report_builder.h"

namespace jixiao {
namespace {

using model::Report;
using model::SourceKind;

Report build(const std::string& text) {
  return normalize::build_report(extract::make_text_document("t.txt", "text", "UTF-8", "", text));
}

int find(const Report& r, const std::vector<std::string>& path) {
  for (int i = 0; i < static_cast<int>(r.indicators.size()); ++i)
    if (r.path(i) == path) return i;
  return -1;
}

std::string fig(const std::optional<text::Decimal>& d) { return d ? d->to_string() : "-"; }

const char* kTable =
    "一级指标\t二级指标\t三级指标\t分值\t得分\t得分率\n"
    "投入（10分）\t资金落实（10分）\t资金到位率\t6\t6\t100%\n"
    "\t\t配套资金比例\t4\t3\t75%\n"
    "投入小计\t\t\t10\t9\t90%\n"
    "效益（10分）\t社会效益（6分）\t群众受益面\t6\t5\t83.3%\n"
    "\t可持续影响\t管护制度\t4\t4\t100%\n"
    "\t(4分)\n"
    "效益小计\t\t\t10\t9\t90%\n"
    "合计\t\t\t20\t18\t90%\n";

TEST(ReportBuilder, TableBuildsTheTree) {
  const Report r = build(std::string("标题行\n\n") + kTable);
  ASSERT_EQ(r.indicators.size(), 9u);
  const int l3 = find(r, {"投入", "资金落实", "配套资金比例"});
  ASSERT_GE(l3, 0);
  EXPECT_EQ(fig(r.indicators[l3].max), "4");
  EXPECT_EQ(fig(r.indicators[l3].score), "3");
  EXPECT_EQ(fig(r.indicators[l3].rate), "75");
  const int wrapped = find(r, {"效益", "可持续影响"});
  ASSERT_GE(wrapped, 0);
  EXPECT_EQ(fig(r.indicators[wrapped].max), "4");  // "(4分)" on the next line
  const int l1 = find(r, {"效益"});
  EXPECT_EQ(fig(r.indicators[l1].max), "10");
  EXPECT_EQ(fig(r.indicators[l1].score), "9");  // from its subtotal row
  EXPECT_EQ(fig(r.total.max), "20");
  EXPECT_EQ(fig(r.total.score), "18");
}

TEST(ReportBuilder, NarrativeMatchesByNameSectionAndNumbering) {
  const std::string text = std::string(kTable) +
                           "\n（一）投入指标评价情况\n\n"
                           "投入指标满分为 10 分，评价得分为 9 分。\n"
                           "1.资金落实（指标分值 10 分，评价得分 9 分）\n"
                           "（1）资金到位率（指标分值 6 分，评价得分 6 分）\n"
                           "（2）配套资金到位比例（指标分值 4 分，评价得分 3 分）\n"
                           "\n（二）效益指标评价情况\n\n"
                           "效益指标下设社会效益等，投入指标满分为 10 分，评价得分为 9 分。\n"
                           "1.社会效益（指标分值 6 分，评价得分 5 分）\n"
                           "（1）绿化养护考核（指标分值 1 分，评价得分 1 分）\n";
  const Report r = build(text);
  // A differently printed name goes to the most similar sibling and keeps its printed name.
  const int l3 = find(r, {"投入", "资金落实", "配套资金比例"});
  bool narrative = false;
  for (const auto& o : r.indicators[l3].observations)
    if (o.kind == SourceKind::kNarrative) {
      narrative = true;
      EXPECT_EQ(o.name, "配套资金到位比例");
      EXPECT_EQ(o.span.line, 16);
    }
  EXPECT_TRUE(narrative);
  // The 效益 section's statement naming 投入 belongs to 效益, printed name kept.
  const int benefit = find(r, {"效益"});
  bool misnamed = false;
  for (const auto& o : r.indicators[benefit].observations)
    misnamed = misnamed || (o.kind == SourceKind::kLevel1Statement && o.name == "投入");
  EXPECT_TRUE(misnamed);
  // A statement that matches nothing is kept as unmatched, not dropped.
  ASSERT_EQ(r.unmatched.size(), 1u);
  EXPECT_EQ(r.unmatched[0].observation.name, "绿化养护考核");
}

TEST(ReportBuilder, AnnexMatchesLevel2ThroughItsChildren) {
  const std::string text = std::string(kTable) +
                           "\n附表：评价指标体系\n\n"
                           "一级指标\t二级指标\t三级指标\t指标解释\t评分标准\n"
                           "投入（10分）\t资金保障（10分）\t资金到位率（6分）\t实际到位资金与计划资金的比率，反映资金落实情况。\t到位率100%得满分，每低1个百分点扣0.5分。\n"
                           "\t\t配套资金比例（4分）\t配套资金到位的比例，反映地方配套情况。\t全部到位得满分。\n"
                           "效益（10分）\t社会效益（6分）\t群众受益面（6分）\t受益群众覆盖的程度。\t覆盖全部得满分。\n"
                           "\t\t水质达标率（2分）\t饮水水质达标的比例。\t达标得满分。\n";
  const Report r = build(text);
  const int l2 = find(r, {"投入", "资金落实"});
  bool annex = false;
  for (const auto& o : r.indicators[l2].observations)
    annex = annex || (o.kind == SourceKind::kAnnexTable && o.name == "资金保障");
  EXPECT_TRUE(annex);
  ASSERT_EQ(r.unmatched.size(), 1u);
  EXPECT_EQ(r.unmatched[0].observation.name, "水质达标率");
  EXPECT_EQ(r.unmatched[0].parent_name, "社会效益");
}

TEST(ReportBuilder, NarrativeOnlyReportStillYieldsATree) {
  const std::string text =
      "某县某局2021年度部门整体支出绩效评价报告\n\n"
      "（一）投入指标\n"
      "投入指标满分为 20 分，评价得分为 18 分。\n"
      "1.目标设定（指标分值 8 分，评价得分 7 分）\n"
      "（1）绩效目标合理性（指标分值 4 分，评价得分 4 分）\n"
      "（2）绩效指标明确性（指标分值 4 分，评价得分 3 分）\n";
  const Report r = build(text);
  EXPECT_EQ(r.year, 2021);
  const int l3 = find(r, {"投入", "目标设定", "绩效指标明确性"});
  ASSERT_GE(l3, 0) << "narrative statements define the tree when there is no score table";
  EXPECT_EQ(fig(r.indicators[l3].score), "3");
}

TEST(ReportBuilder, EmptyAndProseOnlyDocuments) {
  EXPECT_TRUE(build("").indicators.empty());
  const Report r = build("这是一段与绩效评价无关的文字。\n第二段，仍然没有表格。\n");
  EXPECT_TRUE(r.indicators.empty());
  EXPECT_FALSE(r.total.score.has_value());
}

TEST(ReportBuilder, GradeBandsOneALine) {
  const Report r = build(
      "综合得分在 90~100 分（含 90 分）以上为优秀；\n\n综合得分在 75~90 分（含 75 分）为良好；\n\n"
      "综合得分在 60~75 分（含 60 分）为合格；\n\n综合得分在 60 分以下为不合格。\n");
  ASSERT_EQ(r.grade_bands.size(), 4u);
  EXPECT_EQ(fig(r.grade_bands[1].lower), "75");
  EXPECT_TRUE(r.grade_bands[1].lower_inclusive);
  EXPECT_FALSE(r.grade_bands[1].upper_inclusive);
  EXPECT_TRUE(r.grade_bands[0].upper_inclusive);
  EXPECT_EQ(r.grade_bands[3].span.line, 7);
}

TEST(ReportBuilder, AnOcrdStatementWhoseNumberingReadAsAGlyphIsItsIndicators) {
  // "1.社会效益（…）" OCR'd as "工社会效益（…）": the statement's numbering
  // became a character of its name. In OCR'd text the name without that
  // character is the indicator's; in print it names nothing.
  const std::string text = std::string("标题行\n\n") + kTable + "工社会效益（指标分值6分，评价得分5分）\n";
  extract::Document doc = extract::make_text_document("t.txt", "text", "UTF-8", "", text);
  const auto narrative_of = [](const Report& r, int i) {
    int n = 0;
    for (const model::Observation& o : r.indicators[i].observations) n += o.kind == SourceKind::kNarrative;
    return n;
  };
  const Report printed = normalize::build_report(doc);
  const int l2 = find(printed, {"效益", "社会效益"});
  ASSERT_GE(l2, 0);
  EXPECT_EQ(narrative_of(printed, l2), 0);
  for (extract::Line& line : doc.lines) line.reading = extract::Reading::kOcr;
  const Report scanned = normalize::build_report(doc);
  ASSERT_EQ(find(scanned, {"效益", "社会效益"}), l2);
  EXPECT_EQ(narrative_of(scanned, l2), 1);
  // A name whose first character dropped names no indicator stays unmatched.
  extract::Document other = extract::make_text_document(
      "t.txt", "text", "UTF-8", "", std::string("标题行\n\n") + kTable + "工社会保障（指标分值6分，评价得分5分）\n");
  for (extract::Line& line : other.lines) line.reading = extract::Reading::kOcr;
  EXPECT_EQ(narrative_of(normalize::build_report(other), l2), 0);
}

// A document read as if by OCR: every line one word, each character as sure
// as `sure`, but the characters `unsure` names ({line text fragment, confidence}).
extract::Document scanned(const std::string& text, float sure,
                          const std::vector<std::pair<std::string, float>>& unsure) {
  extract::Document doc = extract::make_text_document("t.pdf", "pdf", "PDF", "", text);
  for (extract::Line& line : doc.lines) {
    line.reading = extract::Reading::kOcr;
    if (line.begin == line.end) continue;
    extract::TextPlace place{line.begin, line.end, extract::Box{0, 0, 100, 10}, {}, extract::Reading::kOcr, {}};
    const std::string_view words = doc.line_text(static_cast<std::size_t>(&line - doc.lines.data()));
    for (std::size_t k = 0; k < words.size(); ++k) {
      if (extract::is_utf8_continuation(words[k])) continue;
      float c = sure;
      for (const auto& [fragment, confidence] : unsure) {
        const std::size_t at = words.find(fragment);
        if (at != std::string_view::npos && k >= at && k < at + fragment.size()) c = confidence;
      }
      place.confidences.push_back(c);
    }
    doc.places.push_back(std::move(place));
  }
  return doc;
}

TEST(ReportBuilder, AnOcrdNameReadTwoWaysTakesTheReadingTheDocumentRepeats) {
  // The table's cell read 覆 as 材 (unsure); the statement read it right, and
  // the prose writes 覆盖 again. The indicator takes the statement's reading;
  // its table observation keeps what the cell printed.
  const std::string table =
      "一级指标\t二级指标\t三级指标\t分值\t得分\t得分率\n"
      "产出（10分）\t产出数量（10分）\t文物巡查材盖率\t6\t6\t100%\n"
      "\t\t安全检查合格率\t4\t3\t75%\n"
      "合计\t\t\t10\t9\t90%\n";
  const std::string prose =
      "1.产出数量（指标分值10分，评价得分9分）\n"
      "（1）文物巡查覆盖率（指标分值6分，评价得分6分）。巡查覆盖全县文物点，覆盖面达到100%。\n";
  const std::vector<std::string> read = {"产出", "产出数量", "文物巡查材盖率"};
  const std::vector<std::string> right = {"产出", "产出数量", "文物巡查覆盖率"};

  const Report r = normalize::build_report(scanned("标题行\n" + table + prose, 95, {{"材", 40}}));
  const int i = find(r, right);
  ASSERT_GE(i, 0) << "the surer, repeated reading names the indicator";
  EXPECT_EQ(find(r, read), -1);
  EXPECT_EQ(fig(r.indicators[i].score), "6");
  EXPECT_EQ(r.indicators[i].observations.front().kind, SourceKind::kResultsTable);
  EXPECT_EQ(r.indicators[i].observations.front().name, "文物巡查材盖率");

  // Print: a name written two ways is the report's own.
  EXPECT_GE(find(build("标题行\n" + table + prose), read), 0);
  // The model surer of the table's reading: it stays.
  EXPECT_GE(find(normalize::build_report(scanned("标题行\n" + table + prose, 95, {{"覆盖率", 30}})), read), 0);
  // The words not written again: no evidence beyond confidence, which the
  // model gives its misreadings too.
  const std::string bare = "1.产出数量（指标分值10分，评价得分9分）\n（1）文物巡查覆盖率（指标分值6分，评价得分6分）。\n";
  EXPECT_GE(find(normalize::build_report(scanned("标题行\n" + table + bare, 95, {{"材", 40}})), read), 0);
  // A sibling already named so: two indicators, not two readings.
  std::string sibling = table;
  sibling.replace(sibling.find("安全检查合格率"), std::string("安全检查合格率").size(), "文物巡查覆盖率");
  EXPECT_GE(find(normalize::build_report(scanned("标题行\n" + sibling + prose, 95, {{"材", 40}})), read), 0);
}

TEST(ReportBuilder, AnOcrdNameTakesAReadingFromAnywhereInTheDocumentThatDiffersOnlyWhereOcrDoubted) {
  // The statement states other figures (it is not the indicator's second
  // reading by the statement reader's measure), but the document writes the
  // name, in the places OCR was sure of, with its doubted characters read
  // another way, more surely, in words it repeats.
  const std::string table =
      "一级指标\t二级指标\t三级指标\t分值\t得分\t得分率\n"
      "产出（10分）\t产出质量（10分）\t农田验收合和格率\t6\t6\t100%\n"
      "\t\t安全检查达标率\t4\t3\t75%\n"
      "合计\t\t\t10\t9\t90%\n";
  const std::string prose =
      "（1）农田验收合格率（指标分值6分，评价得分5分）。全年新建农田全部通过验收，工程抽检合格，设备合格。\n";
  const std::vector<std::string> read = {"产出", "产出质量", "农田验收合和格率"};
  const std::vector<std::string> right = {"产出", "产出质量", "农田验收合格率"};
  // 和格率 doubted (a word read at 40): the reading that drops the inserted
  // character is taken.
  const Report r = normalize::build_report(scanned("标题行\n" + table + prose, 95, {{"和格率", 40}}));
  const int i = find(r, right);
  ASSERT_GE(i, 0) << "the document's reading, which differs only where OCR doubted, names the indicator";
  EXPECT_EQ(fig(r.indicators[i].score), "6");
  EXPECT_EQ(r.indicators[i].observations.front().name, "农田验收合和格率");

  // Sure of every character: nothing to search for.
  EXPECT_GE(find(normalize::build_report(scanned("标题行\n" + table + prose, 95, {})), read), 0);
  // Doubted where the readings agree (农田), sure where they differ: the
  // document's reading differs in sure characters and is not this name's.
  EXPECT_GE(find(normalize::build_report(scanned("标题行\n" + table + prose, 95, {{"农田", 40}})), read), 0);
  // The document's words not repeated (合格 once, in the reading itself).
  const std::string once = "（1）农田验收合格率（指标分值6分，评价得分5分）。全年新建农田全部通过验收。\n";
  EXPECT_GE(find(normalize::build_report(scanned("标题行\n" + table + once, 95, {{"和格率", 40}})), read), 0);
  // Too much of the name doubted to say which name it is.
  EXPECT_GE(find(normalize::build_report(scanned("标题行\n" + table + prose, 95, {{"验收合和格率", 40}})), read), 0);
  // The name's last characters doubted, and the prose goes on from its sure
  // ones (农田验收合格后，…): that is not a name, however often it is written.
  const std::string goes_on = "农田验收合格后，即交付使用。农田验收合格后，工程抽检合格，设备合格。\n";
  EXPECT_GE(find(normalize::build_report(scanned("标题行\n" + table + goes_on, 95, {{"和格率", 40}})), read), 0);
  // Print: never.
  EXPECT_GE(find(build("标题行\n" + table + prose), read), 0);
}

TEST(ReportBuilder, AnOcrdNameWithOneQuotationMarkGetsItsPairWhereTheDocumentOpensTheQuotation) {
  const std::string table =
      "一级指标\t二级指标\t三级指标\t分值\t得分\t得分率\n"
      "投入（10分）\t预算配置（10分）\t三公经费\"变动率\t6\t6\t100%\n"
      "\t\t在职人员控制率\t4\t3\t75%\n"
      "合计\t\t\t10\t9\t90%\n";
  const std::string prose = "全年“三公”经费支出2.1万元，“三公”经费控制率90%。\n";
  const std::vector<std::string> read = {"投入", "预算配置", "三公经费\"变动率"};
  const std::vector<std::string> right = {"投入", "预算配置", "“三公经费”变动率"};
  EXPECT_GE(find(normalize::build_report(scanned("标题行\n" + table + prose, 95, {})), right), 0)
      << "the lost mark opens where the document opens “三公, and '\"' closes";
  // Print: the report's own marks.
  EXPECT_GE(find(build("标题行\n" + table + prose), read), 0);
  // The document never opens a quotation there: no place to put it.
  EXPECT_GE(find(normalize::build_report(scanned("标题行\n" + table + "全年经费支出2.1万元。\n", 95, {})), read), 0);
  // Opened there once only: too little to say.
  EXPECT_GE(find(normalize::build_report(scanned("标题行\n" + table + "全年“三公”经费支出2.1万元。\n", 95, {})), read),
            0);
}

}  // namespace
}  // namespace jixiao
