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
// Invariants (pdf_checks.h): every ruled table's grid is sorted and its boxes
// are the page's, none in two tables; the Document's lines and tables are well
// formed (document_checks.h); each cell of a PDF table is written at its place
// in its row's line; every span of the report quotes the document.
//
//   scripts/fuzz layout                             # build and run this target
//   build-fuzz/fuzz/layout_fuzz crash-<sha1>        # replay one input
//   JIXIAO_FUZZ_PRINT_PAGES=1 build-fuzz/fuzz/layout_fuzz crash-<sha1>
//       # prints the decoded pages in the format of tests/fuzz_regressions/pages/

#include <fuzzer/FuzzedDataProvider.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "fuzz_check.h"
#include "jixiao/extract/layout.h"
#include "jixiao/extract/utf8.h"
#include "pdf_checks.h"

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

  // A coordinate the grid does not give: far off the page, tiny or negative.
  // Finite: poppler drops characters whose box is not a number (TextPage::addChar)
  // and the PDF reader clamps rulings to the page, but a page may be 1e300 points
  // wide (its MediaBox says so) and its rulings as long.
  double extreme() {
    constexpr double kValues[] = {-1e300, -1e6, -0.001, 0, 1e-300, 1e6, 1e300};
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

// A box's text on one line: backslash, line ends and tabs escaped as in C.
std::string escaped(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (c == '\\') out += "\\\\";
    else if (c == '\n') out += "\\n";
    else if (c == '\r') out += "\\r";
    else if (c == '\t') out += "\\t";
    else out += c;
  }
  return out;
}

// The pages in the format tests/fuzz_regressions/ reads: "page number width
// height", then "box x0 y0 x1 y1 font_size space_after text" and "rule x0 y0 x1 y1".
void print_pages(const std::vector<PageBoxes>& pages) {
  for (const PageBoxes& p : pages) {
    std::printf("page %d %.17g %.17g\n", p.number, p.width, p.height);
    for (const TextBox& b : p.boxes)
      std::printf("box %.17g %.17g %.17g %.17g %.17g %d %s\n", b.x0, b.y0, b.x1, b.y1, b.font_size,
                  b.space_after ? 1 : 0, escaped(b.text).c_str());
    for (const Ruling& r : p.rulings) std::printf("rule %.17g %.17g %.17g %.17g\n", r.x0, r.y0, r.x1, r.y1);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  FuzzedDataProvider in(data, size);
  const std::vector<PageBoxes> pages = Decoder{in}.pages();
  if (std::getenv("JIXIAO_FUZZ_PRINT_PAGES")) print_pages(pages);
  jixiao::fuzz::check_pages(pages);
  return 0;
}
