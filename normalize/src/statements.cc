#include "jixiao/normalize/statements.h"

#include <re2/re2.h>

#include <memory>

#include "jixiao/normalize/text.h"

namespace jixiao::normalize {
namespace {

using re2::StringPiece;

constexpr std::string_view kNum = R"(([0-9]+(?:\.[0-9]+)?))";

std::size_t offset(std::string_view line, const StringPiece& piece) {
  return static_cast<std::size_t>(piece.data() - line.data());
}

std::string quote_meta(std::string_view s) { return RE2::QuoteMeta(StringPiece(s.data(), s.size())); }

std::string alternation(const std::vector<std::string>& names) {
  std::string out;
  for (const std::string& n : names) {
    if (n.empty()) continue;
    if (!out.empty()) out += "|";
    out += quote_meta(n);
  }
  return out;
}

// Small numbers written in Chinese ("四", "十一", "三十四"); the full numeral
// parser comes with the normalize issue.
std::optional<int> small_number(std::string_view s) {
  if (auto d = Decimal::parse(s); d && d->scale() == 0) return std::stoi(d->to_string());
  static constexpr std::string_view kDigits[] = {"零", "一", "二", "三", "四", "五", "六", "七", "八", "九"};
  auto digit = [&](std::u32string_view c) -> int {
    for (int i = 0; i < 10; ++i)
      if (to_u32(kDigits[i]) == c) return i;
    return -1;
  };
  const std::u32string u = to_u32(s);
  const std::u32string ten = to_u32("十");
  if (u.empty() || u.size() > 3) return std::nullopt;
  const std::size_t t = u.find(ten[0]);
  if (t == std::u32string::npos) {
    if (u.size() != 1) return std::nullopt;
    const int d = digit(u.substr(0, 1));
    return d < 0 ? std::nullopt : std::optional<int>(d);
  }
  int tens = 1, ones = 0;
  if (t == 1) tens = digit(u.substr(0, 1));
  else if (t != 0) return std::nullopt;
  if (t + 1 < u.size()) ones = digit(u.substr(t + 1, 1));
  if (tens < 0 || ones < 0) return std::nullopt;
  return tens * 10 + ones;
}

struct NumberingRule {
  const char* pattern;
  const char* name;
};

// Outline numbering classes, most specific first.
constexpr NumberingRule kNumbering[] = {
    {R"(^\s*[（(]\s*[0-9]+\s*[）)]\s*)", "(n)"},
    {R"(^\s*[（(]\s*[一二三四五六七八九十]+\s*[）)]\s*)", "(han)"},
    {R"(^\s*[一二三四五六七八九十]+\s*、\s*)", "han、"},
    {R"(^\s*[0-9]+\s*[）)]\s*)", "n)"},
    {R"(^\s*[0-9]+\s*[.．、]\s*)", "n."},
    {R"(^\s*[①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳]\s*)", "circled"},
};

}  // namespace

std::string numbering_class(std::string_view line, std::size_t* length) {
  static const std::vector<std::unique_ptr<RE2>> kCompiled = [] {
    std::vector<std::unique_ptr<RE2>> v;
    for (const NumberingRule& rule : kNumbering)
      v.push_back(std::make_unique<RE2>(std::string("(") + rule.pattern + ")"));
    return v;
  }();
  for (std::size_t i = 0; i < kCompiled.size(); ++i) {
    StringPiece input(line.data(), line.size());
    StringPiece whole;
    if (!RE2::PartialMatch(input, *kCompiled[i], &whole)) continue;
    // "2.5 分" is a decimal, not a numbering.
    if (std::string_view(kNumbering[i].name) == "n." && whole.size() < line.size() &&
        line[whole.size()] >= '0' && line[whole.size()] <= '9' && whole[whole.size() - 1] == '.')
      continue;
    if (length) *length = whole.size();
    return kNumbering[i].name;
  }
  if (length) *length = 0;
  return "";
}

std::vector<IndicatorStatement> find_indicator_statements(std::string_view line) {
  static const RE2 kStatement(
      std::string(R"((([^\s（）()，。；：:、]{2,60}?)\s*[（(]\s*(?:指标)?(?:分值|满分|权重)\s*(?:为)?\s*)") +
      std::string(kNum) + R"(\s*分\s*[，,；;]\s*(?:评价)?得分\s*(?:为)?\s*)" + std::string(kNum) +
      R"(\s*分\s*[）)]))");
  std::vector<IndicatorStatement> out;
  StringPiece input(line.data(), line.size());
  StringPiece whole, name, max, score;
  std::size_t prefix_len = 0;
  const std::string line_class = numbering_class(line, &prefix_len);
  while (RE2::FindAndConsume(&input, kStatement, &whole, &name, &max, &score)) {
    IndicatorStatement s;
    std::string_view raw(name.data(), name.size());
    std::size_t len = 0;
    std::string cls = numbering_class(raw, &len);
    if (!cls.empty()) {
      raw.remove_prefix(len);
    } else if (offset(line, name) <= prefix_len && !line_class.empty()) {
      cls = line_class;
    }
    s.numbering = cls;
    s.name = std::string(trim(raw));
    auto mx = Decimal::parse(std::string_view(max.data(), max.size()));
    auto sc = Decimal::parse(std::string_view(score.data(), score.size()));
    if (!mx || !sc || s.name.empty()) continue;
    s.max = *mx;
    s.score = *sc;
    s.begin = offset(line, whole) + (raw.data() - name.data());
    s.end = offset(line, whole) + whole.size();
    out.push_back(std::move(s));
  }
  return out;
}

struct Level1Patterns::Compiled {
  bool empty = true;
  std::unique_ptr<RE2> level1;       // X指标…满分 N 分…得分 M 分
  std::unique_ptr<RE2> level1_name;  // X指标, to find the name nearest to 满分
  std::unique_ptr<RE2> enumeration;  // A、B、C…分别… N 分、M 分…
  std::unique_ptr<RE2> name;
  std::unique_ptr<RE2> value;
};

Level1Patterns::Level1Patterns(const std::vector<std::string>& level1_names)
    : compiled_(std::make_unique<Compiled>()) {
  const std::string names = alternation(level1_names);
  if (names.empty()) return;
  compiled_->empty = false;
  compiled_->level1 = std::make_unique<RE2>(
      "((" + names + R"()(?:类|评价)?指标([^。；]{0,80}?)满分\s*(?:为|是)?\s*)" + std::string(kNum) +
      R"(\s*分[^。；]{0,12}?(?:评价)?得分\s*(?:为|是)?\s*)" + std::string(kNum) + R"(\s*分))");
  compiled_->level1_name = std::make_unique<RE2>("(" + names + ")(?:类|评价)?指标");
  const std::string name_list = "((?:" + names + R"()(?:\s*[、，,和及]\s*(?:)" + names + "))+)";
  const std::string value_list = R"(([0-9]+(?:\.[0-9]+)?\s*分(?:\s*[、，,和]\s*[0-9]+(?:\.[0-9]+)?\s*分)+))";
  compiled_->enumeration =
      std::make_unique<RE2>("(" + name_list + R"(([^。；]{0,40}?分别(?:为|是|得分|得)?)\s*)" + value_list + ")");
  compiled_->name = std::make_unique<RE2>("(" + names + ")");
  compiled_->value = std::make_unique<RE2>(R"(([0-9]+(?:\.[0-9]+)?)\s*分)");
}

Level1Patterns::~Level1Patterns() = default;

std::vector<Level1Statement> find_level1_statements(std::string_view line, const Level1Patterns& patterns) {
  std::vector<Level1Statement> out;
  const Level1Patterns::Compiled& p = *patterns.compiled();
  if (p.empty) return out;
  StringPiece input(line.data(), line.size());
  StringPiece whole, name, middle, max, score;
  while (RE2::FindAndConsume(&input, *p.level1, &whole, &name, &middle, &max, &score)) {
    Level1Statement s;
    s.name = std::string(name.data(), name.size());
    s.begin = offset(line, whole);
    // The name nearest to 满分 is the one the sentence states ("效益…，产出指标满分为…").
    StringPiece rest = middle, found;
    while (RE2::FindAndConsume(&rest, *p.level1_name, &found)) {
      s.name = std::string(found.data(), found.size());
      s.begin = offset(line, found);
    }
    s.max = Decimal::parse(std::string_view(max.data(), max.size()));
    s.score = Decimal::parse(std::string_view(score.data(), score.size()));
    s.end = offset(line, whole) + whole.size();
    out.push_back(std::move(s));
  }
  return out;
}

std::vector<Level1Statement> find_level1_statements(std::string_view line,
                                                    const std::vector<std::string>& level1_names) {
  return find_level1_statements(line, Level1Patterns(level1_names));
}

std::vector<Enumeration> find_enumerations(std::string_view line, const Level1Patterns& patterns) {
  std::vector<Enumeration> out;
  const Level1Patterns::Compiled& p = *patterns.compiled();
  if (p.empty) return out;
  StringPiece input(line.data(), line.size());
  StringPiece whole, list, middle, values;
  while (RE2::FindAndConsume(&input, *p.enumeration, &whole, &list, &middle, &values)) {
    Enumeration e;
    const std::string_view mid(middle.data(), middle.size());
    const bool says_score = mid.find("得分") != std::string_view::npos;
    const bool says_max = mid.find("分值") != std::string_view::npos ||
                          mid.find("满分") != std::string_view::npos ||
                          mid.find("权重") != std::string_view::npos;
    if (says_score == says_max) continue;  // cannot tell which figure it states
    e.is_max = says_max;
    StringPiece names_in = list, n;
    while (RE2::FindAndConsume(&names_in, *p.name, &n)) e.names.emplace_back(n.data(), n.size());
    StringPiece values_in = values, v;
    while (RE2::FindAndConsume(&values_in, *p.value, &v))
      if (auto d = Decimal::parse(std::string_view(v.data(), v.size()))) e.values.push_back(*d);
    if (e.names.size() != e.values.size() || e.names.size() < 2) continue;
    e.begin = offset(line, whole);
    e.end = e.begin + whole.size();
    out.push_back(std::move(e));
  }
  return out;
}

std::vector<Enumeration> find_enumerations(std::string_view line, const std::vector<std::string>& level1_names) {
  return find_enumerations(line, Level1Patterns(level1_names));
}

std::optional<TotalStatement> find_total_statement(std::string_view line) {
  static const RE2 kTotal(
      std::string(R"(((?:总分|总得分|综合得分|评价得分|绩效评价得分|得分)\s*(?:为|是)?\s*)") +
      std::string(kNum) +
      R"(\s*分\s*[，,]\s*(?:综合)?(?:绩效)?(?:评价)?(?:等级|级别|结果|评级)\s*(?:为|是)?\s*[“"「]?)"
      R"((不合格|不及格|优秀|良好|合格|及格|一般|较差|中等|优|良|中|差)[”"」]?))");
  StringPiece input(line.data(), line.size());
  StringPiece whole, score, grade;
  if (!RE2::PartialMatch(input, kTotal, &whole, &score, &grade)) return std::nullopt;
  auto d = Decimal::parse(std::string_view(score.data(), score.size()));
  if (!d) return std::nullopt;
  TotalStatement t;
  t.score = *d;
  t.grade = std::string(grade.data(), grade.size());
  t.begin = offset(line, whole);
  t.end = t.begin + whole.size();
  t.grade_begin = offset(line, grade);
  t.grade_end = t.grade_begin + grade.size();
  return t;
}

std::vector<CountStatement> find_count_statements(std::string_view line) {
  static const std::string kCount = "([0-9]+|[一二三四五六七八九十]+)";
  static const RE2 kLevel[3] = {
      RE2(kCount + R"(\s*个一级指标|一级指标\s*(?:共)?\s*)" + kCount + R"(\s*个)"),
      RE2(kCount + R"(\s*个二级指标|二级指标\s*(?:共)?\s*)" + kCount + R"(\s*个)"),
      RE2(kCount + R"(\s*个三级指标|三级指标\s*(?:共)?\s*)" + kCount + R"(\s*个)"),
  };
  std::vector<CountStatement> out;
  std::size_t start = 0;
  while (start < line.size()) {
    std::size_t stop = line.find("。", start);
    if (stop == std::string_view::npos) stop = line.size();
    const std::string_view sentence = line.substr(start, stop - start);
    CountStatement c;
    std::size_t first = sentence.size(), last = 0;
    for (int level = 0; level < 3; ++level) {
      StringPiece in(sentence.data(), sentence.size());
      StringPiece a, b;
      if (!RE2::PartialMatch(in, kLevel[level], &a, &b)) continue;
      const StringPiece& got = a.data() ? a : b;
      auto n = small_number(std::string_view(got.data(), got.size()));
      if (!n) continue;
      (level == 0 ? c.level1 : level == 1 ? c.level2 : c.level3) = *n;
      first = std::min(first, offset(sentence, got));
      last = std::max(last, offset(sentence, got) + got.size());
    }
    if (c.level1 && (c.level2 || c.level3)) {
      // Quote the clause that holds the counts: from the punctuation before the first one.
      std::size_t clause = 0;
      for (std::string_view p : {"，", "；", "：", "。"}) {
        const std::size_t at = sentence.rfind(p, first);
        if (at != std::string_view::npos && at + p.size() <= first) clause = std::max(clause, at + p.size());
      }
      std::size_t end = last;
      if (sentence.substr(end).starts_with("个")) end += std::string_view("个").size();
      else if (sentence.substr(end).starts_with(" 个")) end += 1 + std::string_view("个").size();
      c.begin = start + clause;
      c.end = start + end;
      out.push_back(c);
    }
    start = stop + (stop < line.size() ? std::string_view("。").size() : 0);
  }
  return out;
}

std::optional<Heading> parse_heading(std::string_view line) {
  line = trim(line);
  if (line.empty() || utf8_length(line) > 30) return std::nullopt;
  if (line.find("。") != std::string_view::npos || line.find("，") != std::string_view::npos)
    return std::nullopt;
  std::size_t len = 0;
  std::string cls = numbering_class(line, &len);
  if (cls.empty()) return std::nullopt;
  Heading h;
  h.numbering = cls;
  h.text = std::string(trim(line.substr(len)));
  if (h.text.empty()) return std::nullopt;
  return h;
}

std::optional<MetadataField> parse_metadata_line(std::string_view line) {
  struct Label {
    std::string_view label;
    std::string_view field;
  };
  static constexpr Label kLabels[] = {
      {"预算单位", "unit"},         {"项目单位", "unit"},       {"被评价单位", "unit"},
      {"被评价部门", "unit"},       {"主管部门", "unit"},       {"委托单位", "commissioner"},
      {"委托方", "commissioner"},   {"委托机关", "commissioner"}, {"评价机构", "evaluator"},
      {"评价单位", "evaluator"},    {"第三方评价机构", "evaluator"},
  };
  line = trim(line);
  for (const Label& l : kLabels) {
    if (!line.starts_with(l.label)) continue;
    std::string_view rest = trim(line.substr(l.label.size()));
    if (rest.starts_with("：")) rest.remove_prefix(3);
    else if (rest.starts_with(":")) rest.remove_prefix(1);
    else continue;
    rest = trim(rest);
    if (rest.empty()) return std::nullopt;
    return MetadataField{std::string(l.field), std::string(rest)};
  }
  return std::nullopt;
}

}  // namespace jixiao::normalize
