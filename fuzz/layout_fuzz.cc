// libFuzzer target for the page layout and the PDF table readers, without a
// PDF: the input is decoded into pages of word boxes and ruling lines (what
// read_pdf_pages gives, pdf_pages.h), which go through what read_pdf does
// with them (lay_out_document, make_paged_document), then build_report and
// validate. pdf_fuzz reaches the same code through poppler, whose parser eats
// most mutations; here every byte moves a word or a ruling, so the fuzzer
// spends its time in layout.cc, lattice.cc, stream.cc and ruled_writer.cc.
//
// The decoding favours what tables are made of: coordinates on a coarse grid
// (so words line up and rulings meet), words from the vocabulary of score
// tables, and two macros that draw a whole ruled grid or a whole header row
// from a few bytes. A few bytes also give extreme coordinates and raw strings.
//
// Invariants: every ruled table's grid is sorted and its boxes are the page's,
// each once; the Document's lines and tables are well formed (document_checks.h);
// each cell of a PDF table is written at its place in its row's line; every
// span of the report quotes the document.
//
//   scripts/fuzz layout                             # build and run this target
//   build-fuzz/fuzz/layout_fuzz crash-<sha1>        # replay one input

#include <fuzzer/FuzzedDataProvider.h>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <string>
#include <string_view>
#include <vector>

#include "document_checks.h"
#include "fuzz_check.h"
#include "jixiao/extract/lattice.h"
#include "jixiao/extract/layout.h"
#include "jixiao/normalize/report_builder.h"
#include "jixiao/validate/validate.h"

namespace {

using jixiao::extract::PageBoxes;
using jixiao::extract::Ruling;
using jixiao::extract::TextBox;

// At most this many pages, words and rulings: one input costs bounded work.
constexpr int kMaxPages = 4;
constexpr std::size_t kMaxItemsPerPage = 400;

// The words of score tables, statements and page furniture.
constexpr std::string_view kWords[] = {
    "一级指标", "二级指标", "三级指标", "指标", "分值", "得分", "得分率", "权重", "评分标准", "评分依据",
    "合计", "小计", "总分", "总计", "投入", "过程", "产出", "效益", "决策", "项目立项", "绩效目标",
    "资金管理", "预算执行率", "资金到位率", "产出数量", "满意度", "投入（20分）", "（12分）", "(12分)",
    "目标设定(6", "分)", "20", "13", "100", "81.5", "85%", "93.5", "0", "3", "—", "-", "/", "12",
    "第 3 页 共 20 页", "— 12 —", "- 3 -", "某某局2021年度项目绩效评价报告", "一、", "（一）", "1.", "①",
    "评价等级", "优秀", "良好", "优", "良", "中", "差", "预算数", "执行数", "执行率", "万元", "元", "其中",
    "年度", "项目名称", "主管部门", "实施单位", "全年预算数", "全年执行数", "年度资金总额", "分",
    "指标分值 3 分，评价得分 2 分", "总分为 81 分，等级为“良”", "一级指标 4 个，二级指标 11 个", "合格",
    "2635名", "600元", "158万元", "比上年增长 12.5%", "88", "88.00", "100%", "备注", "序号", "指标值",
    "年度指标值", "实际完成值", "偏差原因", "自评等级", "90分（含）以上为优秀", "中央", "本级", "其他"};

constexpr double kFontSizes[] = {9, 10, 10.5, 12, 14, 16, 22};

struct Decoder {
  FuzzedDataProvider& in;

  double x() { return 2.5 * in.ConsumeIntegralInRange<int>(0, 240); }  // 0..600, on a 2.5 pt grid
  double y() { return 2.0 * in.ConsumeIntegralInRange<int>(0, 425); }  // 0..850, on a 2 pt grid
  double font_size() { return in.PickValueInArray(kFontSizes); }

  // A coordinate the grid does not give: far off the page, tiny, negative, or not finite.
  double extreme() {
    constexpr double kValues[] = {-1e300, -1e6, -0.001, 0, 1e-300, 1e6, 1e300,
                                  std::numeric_limits<double>::infinity(),
                                  std::numeric_limits<double>::quiet_NaN()};
    return in.PickValueInArray(kValues);
  }

  std::string text() {
    if (in.ConsumeIntegralInRange<int>(0, 7) > 0) return std::string(in.PickValueInArray(kWords));
    std::string raw = in.ConsumeRandomLengthString(24);
    // poppler gives UTF-8 (append_utf8): invalid bytes become '?'.
    for (std::size_t bad; (bad = jixiao::extract::first_invalid_utf8(raw)) != std::string::npos;) raw[bad] = '?';
    return raw;
  }

  // A word box as poppler makes one: its width from its characters (an em for
  // CJK, half an em for ASCII), its height from the font size.
  TextBox word(std::string s, double x0, double y0, double size) {
    double ems = 0;
    for (unsigned char c : s) ems += c < 0x80 ? 0.5 : ((c & 0xC0) == 0xC0 ? 1.0 : 0.0);
    TextBox b{std::move(s), x0, y0, x0 + std::max(ems, 0.5) * size, y0 + size * 1.2, size, in.ConsumeBool()};
    if (in.ConsumeIntegralInRange<int>(0, 15) == 0) b.x1 = b.x0 + 2.5 * in.ConsumeIntegralInRange<int>(0, 80);
    return b;
  }

  // A ruled grid: columns and rows of given sizes, some bottom edges left out
  // (merged cells), each cell holding a word or none.
  void grid(PageBoxes& page) {
    const double x0 = x(), y0 = y();
    const int cols = in.ConsumeIntegralInRange<int>(1, 7), rows = in.ConsumeIntegralInRange<int>(1, 12);
    std::vector<double> xs{x0}, ys{y0};
    for (int c = 0; c < cols; ++c) xs.push_back(xs.back() + 10.0 * in.ConsumeIntegralInRange<int>(2, 14));
    for (int r = 0; r < rows; ++r) ys.push_back(ys.back() + 2.0 * in.ConsumeIntegralInRange<int>(7, 25));
    const std::uint64_t open_edges = in.ConsumeIntegral<std::uint64_t>();  // bit r*cols+c: no edge under (r, c)
    for (int r = 0; r <= rows; ++r)
      for (int c = 0; c < cols; ++c) {
        const int bit = (r - 1) * cols + c;
        if (r > 0 && r < rows && bit < 64 && (open_edges >> bit & 1)) continue;
        page.rulings.push_back(Ruling{xs[c], ys[r], xs[c + 1], ys[r]});
      }
    for (int c = 0; c <= cols; ++c)
      for (int r = 0; r < rows; ++r) page.rulings.push_back(Ruling{xs[c], ys[r], xs[c], ys[r + 1]});
    const double size = font_size();
    for (int r = 0; r < rows; ++r)
      for (int c = 0; c < cols; ++c)
        if (in.ConsumeBool()) page.boxes.push_back(word(text(), xs[c] + 2, ys[r] + 2, size));
  }

  // A row of words at one height, columns apart: a stream table's header or body row.
  void row(PageBoxes& page) {
    const double y0 = y(), size = font_size();
    double at = x();
    const int cells = in.ConsumeIntegralInRange<int>(1, 8);
    for (int c = 0; c < cells && at < 600; ++c) {
      page.boxes.push_back(word(text(), at, y0, size));
      at = page.boxes.back().x1 + 2.5 * in.ConsumeIntegralInRange<int>(1, 40);
    }
  }

  void ruling(PageBoxes& page) {
    const double a = x(), b = y(), length = 2.5 * in.ConsumeIntegralInRange<int>(0, 200);
    if (in.ConsumeBool()) {
      page.rulings.push_back(Ruling{a, b, a + length, b});
    } else {
      page.rulings.push_back(Ruling{a, b, a, b + length});
    }
  }

  // Something the grid never gives: a box or a ruling with extreme coordinates.
  void oddity(PageBoxes& page) {
    if (in.ConsumeBool()) {
      page.boxes.push_back(TextBox{text(), extreme(), extreme(), extreme(), extreme(), extreme(), in.ConsumeBool()});
    } else {
      page.rulings.push_back(Ruling{extreme(), extreme(), extreme(), extreme()});
    }
  }

  std::vector<PageBoxes> pages() {
    std::vector<PageBoxes> out;
    out.push_back(PageBoxes{1, 595, 842, {}, {}});
    while (in.remaining_bytes() > 0) {
      PageBoxes& page = out.back();
      if (page.boxes.size() + page.rulings.size() > kMaxItemsPerPage) break;
      switch (in.ConsumeIntegralInRange<int>(0, 15)) {
        case 0: case 1: case 2: case 3: case 4:
          page.boxes.push_back(word(text(), x(), y(), font_size()));
          break;
        case 5: case 6: ruling(page); break;
        case 7: case 8: grid(page); break;
        case 9: case 10: case 11: row(page); break;
        case 12: oddity(page); break;
        case 13:
          if (out.size() < kMaxPages) out.push_back(PageBoxes{static_cast<int>(out.size()) + 1, 595, 842, {}, {}});
          break;
        default:
          page.boxes.push_back(word(text(), x(), y(), font_size()));
          break;
      }
    }
    return out;
  }
};

// A ruled table's grid: edges in order, its boxes the page's, none taken twice.
void check_ruled_tables(const PageBoxes& page, const std::vector<jixiao::extract::RuledTable>& tables) {
  std::vector<bool> taken(page.boxes.size(), false);
  jixiao::extract::Document pages_only;
  pages_only.pages = page.number;
  for (const jixiao::extract::RuledTable& t : tables) {
    JIXIAO_FUZZ_CHECK(t.row_tops.size() == static_cast<std::size_t>(t.table.rows) + 1);
    JIXIAO_FUZZ_CHECK(t.col_edges.size() == static_cast<std::size_t>(t.table.cols) + 1);
    JIXIAO_FUZZ_CHECK(std::is_sorted(t.row_tops.begin(), t.row_tops.end()));
    JIXIAO_FUZZ_CHECK(std::is_sorted(t.col_edges.begin(), t.col_edges.end()));
    JIXIAO_FUZZ_CHECK(t.guessed_rows.size() == static_cast<std::size_t>(t.table.rows));
    JIXIAO_FUZZ_CHECK(t.table.first_page == page.number && t.table.last_page == page.number);
    for (std::size_t i : t.boxes) {
      JIXIAO_FUZZ_CHECK(i < page.boxes.size());
      JIXIAO_FUZZ_CHECK(!taken[i]);
      taken[i] = true;
    }
    jixiao::fuzz::check_table(pages_only, t.table);
  }
}

// The text of a PDF table's cell as its row's line prints it (ruled_writer.cc:
// tabs inside a cell are spaces; make_paged_document makes line ends spaces).
std::string printed(const jixiao::extract::TableCell& cell) {
  std::string out = cell.text();
  for (char& c : out)
    if (c == '\t' || c == '\n' || c == '\r') c = ' ';
  return out;
}

void check_cell_places(const jixiao::extract::Document& doc) {
  for (const jixiao::extract::Table& t : doc.tables)
    for (const jixiao::extract::TableCell& cell : t.cells)
      for (const jixiao::extract::CellPlace& place : cell.places)
        JIXIAO_FUZZ_CHECK(doc.line_text(place.line).substr(place.begin, place.end - place.begin) == printed(cell));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  FuzzedDataProvider in(data, size);
  const std::vector<PageBoxes> pages = Decoder{in}.pages();
  for (const PageBoxes& page : pages) check_ruled_tables(page, jixiao::extract::find_ruled_tables(page));

  // What read_pdf does with the pages.
  jixiao::extract::Layout layout = jixiao::extract::lay_out_document(pages);
  for (const jixiao::extract::LaidOutLine& line : layout.lines)
    JIXIAO_FUZZ_CHECK(1 <= line.page && line.page <= static_cast<int>(pages.size()));
  jixiao::extract::Document doc = jixiao::extract::make_paged_document(
      "fuzz.pdf", "pdf", "PDF", "", static_cast<int>(pages.size()), layout.lines);
  doc.tables = std::move(layout.tables);
  jixiao::fuzz::check_document(doc);
  check_cell_places(doc);

  jixiao::model::Report report = jixiao::normalize::build_report(doc);
  report.findings = jixiao::validate::validate(report);
  jixiao::fuzz::check_report(doc, report);
  return 0;
}
