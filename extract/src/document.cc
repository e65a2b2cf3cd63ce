#include "jixiao/extract/document.h"
#include "jixiao/extract/utf8.h"

#include <algorithm>

namespace jixiao::extract {

std::string_view Document::line_text(std::size_t index) const {
  const Line& l = lines.at(index);
  return std::string_view(text).substr(l.begin, l.end - l.begin);
}

SourceSpan Document::span(std::size_t index, std::size_t begin, std::size_t end) const {
  const Line& l = lines.at(index);
  const std::size_t size = l.end - l.begin;
  if (end > size) end = size;
  if (begin > end) begin = end;
  SourceSpan s;
  s.document = path;
  s.page = l.page;
  s.line = l.number;
  s.begin = l.begin + begin;
  s.end = l.begin + end;
  s.text = text.substr(s.begin, s.end - s.begin);
  s.reading = l.reading;
  s.box = box_of(s.begin, s.end, &s.reading);
  s.confidence = least_confidence(s.begin, s.end);
  return s;
}

Box Document::box_of(std::size_t begin, std::size_t end, Reading* reading) const {
  // `places` is sorted and disjoint: the first that ends after `begin`, then on while they start before `end`.
  auto it = std::partition_point(places.begin(), places.end(), [&](const TextPlace& p) { return p.end <= begin; });
  Box box;
  for (; it != places.end() && it->begin < end; ++it) {
    box = unite(box, narrow(*it, text, begin, end));
    // A guessed word makes the span a guess, unless the line is one already.
    if (reading && *reading == Reading::kExact && it->reading != Reading::kExact) *reading = it->reading;
  }
  return box;
}

float Document::least_confidence(std::size_t begin, std::size_t end) const {
  auto it = std::partition_point(places.begin(), places.end(), [&](const TextPlace& p) { return p.end <= begin; });
  float least = -1;
  for (; it != places.end() && it->begin < end; ++it) {
    const float c = extract::least_confidence(*it, text, begin, end);
    if (c >= 0 && (least < 0 || c < least)) least = c;
  }
  return least;
}

SourceSpan Document::line_span(std::size_t index) const {
  const Line& l = lines.at(index);
  return span(index, 0, l.end - l.begin);
}

Document make_text_document(std::string path, std::string format, std::string encoding,
                            std::string sha256, std::string_view utf8_text) {
  Document doc;
  doc.path = std::move(path);
  doc.format = std::move(format);
  doc.encoding = std::move(encoding);
  doc.sha256 = std::move(sha256);
  doc.pages = 1;
  doc.text.reserve(utf8_text.size());
  int number = 0;
  std::size_t i = 0;
  while (i <= utf8_text.size()) {
    std::size_t j = i;
    while (j < utf8_text.size() && utf8_text[j] != '\n' && utf8_text[j] != '\r') ++j;
    if (j == utf8_text.size() && i == j && i != 0) break;  // no empty line after a final newline
    Line line;
    line.page = 1;
    line.number = ++number;
    line.begin = doc.text.size();
    doc.text.append(utf8_text.substr(i, j - i));
    line.end = doc.text.size();
    doc.lines.push_back(line);
    if (j == utf8_text.size()) break;
    doc.text.push_back('\n');
    if (utf8_text[j] == '\r' && j + 1 < utf8_text.size() && utf8_text[j + 1] == '\n') ++j;
    i = j + 1;
  }
  return doc;
}

namespace {

// Appends a line's places to the Document's, as offsets into its text. A
// place that would break the order (a reader's mistake) is left out: span()
// relies on it.
void add_places(Document& doc, const Line& line, std::vector<TextPlace>& places) {
  for (TextPlace& p : places) {
    if (p.begin >= p.end || line.begin + p.end > line.end) continue;
    if (!doc.places.empty() && doc.places.back().end > line.begin + p.begin) continue;
    TextPlace& added = doc.places.emplace_back(std::move(p));
    added.begin += line.begin;
    added.end += line.begin;
  }
}

}  // namespace

Document make_paged_document(std::string path, std::string format, std::string encoding, std::string sha256,
                             int pages, std::vector<PagedLine> lines) {
  Document doc;
  doc.path = std::move(path);
  doc.format = std::move(format);
  doc.encoding = std::move(encoding);
  doc.sha256 = std::move(sha256);
  doc.pages = pages;
  std::size_t places = 0;
  for (const PagedLine& pl : lines) places += pl.places.size();
  doc.places.reserve(places);
  int page = 0, number = 0;
  for (PagedLine& pl : lines) {
    if (pl.page != page) {
      page = pl.page;
      number = 0;
    }
    if (!doc.lines.empty()) doc.text.push_back('\n');
    Line line;
    line.page = pl.page;
    line.number = ++number;
    line.begin = doc.text.size();
    for (char c : pl.text) doc.text.push_back(c == '\n' || c == '\r' ? ' ' : c);
    line.end = doc.text.size();
    add_places(doc, line, pl.places);
    line.reading = pl.reading;
    doc.lines.push_back(line);
  }
  return doc;
}

Document make_paged_document(std::string path, std::string format, std::string encoding, std::string sha256,
                             int pages, const std::vector<std::pair<int, std::string>>& lines) {
  std::vector<PagedLine> paged;
  paged.reserve(lines.size());
  for (const auto& [page, text] : lines) paged.push_back(PagedLine{page, text, Reading::kExact});
  return make_paged_document(std::move(path), std::move(format), std::move(encoding), std::move(sha256), pages,
                             std::move(paged));
}

void attach_notice_spans(Document& doc) {
  constexpr std::size_t kQuoteBytes = 45;  // about 15 characters
  for (Notice& n : doc.notices) {
    if (n.page <= 0 || !n.where.text.empty()) continue;
    for (std::size_t i = 0; i < doc.lines.size(); ++i) {
      const Line& l = doc.lines[i];
      if (l.page != n.page || (n.line > 0 && l.number != n.line)) continue;
      const std::string_view text = doc.line_text(i);
      n.where = doc.span(i, 0, utf8_floor(text, kQuoteBytes));
      break;
    }
  }
}

namespace {

struct ReadingInfo {
  Reading reading;
  std::string_view name;
  std::string_view caveat;
};
constexpr ReadingInfo kReadings[] = {
    {Reading::kExact, "exact", ""},
    {Reading::kAlignedColumns, "aligned-columns",
     "表格无框线，列按文字对齐推断 (table without rulings: columns inferred from alignment)"},
    {Reading::kRepairedWrap, "repaired-wrap",
     "折行单元格经拼接读取 (a wrapped cell was joined back together)"},
    {Reading::kInferredUnit, "inferred-unit",
     "单位取自表头或说明 (the unit was taken from a header or caption)"},
    {Reading::kOcr, "ocr", "数字经 OCR 识别 (the figure was read by OCR)"},
    {Reading::kSplitCells, "split-cells",
     "粘连的单元格按本行算术拆分 (cells glued together were split where the row's arithmetic allows one split only)"},
    {Reading::kCutLine, "cut-line",
     "超长行被截断读取，跨截断处的表述可能不完整 (an overlong line was read in pieces; a statement across a cut may be incomplete)"},
};

}  // namespace

std::string_view reading_name(Reading reading) {
  for (const ReadingInfo& r : kReadings)
    if (r.reading == reading) return r.name;
  return "unknown";
}

std::string_view reading_caveat(Reading reading) {
  for (const ReadingInfo& r : kReadings)
    if (r.reading == reading) return r.caveat;
  return "";
}

}  // namespace jixiao::extract
