// Stated changes against another year, and rates whose budget stands in
// another sentence.
//
//   "2024年部门预算收入比上年增长 12.5%"            percent change of 部门预算收入
//   "项目支出比上年增加 105.00 万元"                amount change
//   "预算 18.60 万元，较上年预算 21.40 万元减少 2.80 万元，变动率为 -13.08%"
//                                                  both amounts in the sentence
//
// A change needs words that compare it with another year (比上年, 较2019年,
// 同比): "其中：公务用车购置及运行费增加 2.54 万元" is a part of the change just
// stated, and "每增加 10%，扣…" is a scoring rule. The two amounts are taken
// from the sentence when it states them; otherwise from a table comparing two
// years ("项目 | 2023年（万元） | 2024年（万元）") whose row names the same
// amount; otherwise this year's amount from another sentence that states it
// under the same label ("“三公经费”年初预算安排 2 万元" for "“三公”经费预算").
//
//   "决算数为 3165.74 元，完成年初预算的 7.9%"
//
// names an executed amount in its sentence and a budget (年初预算) that only
// another sentence states. Such a rate becomes a BudgetLine with the budget
// found elsewhere: a money figure whose label has the budget word and ends in
// the same subject as the executed figure (“三公”经费).

#include <re2/re2.h>

#include <algorithm>
#include <deque>
#include <array>
#include <optional>
#include <string>
#include <string_view>

#include "jixiao/text/text.h"
#include "boundaries.h"
#include "report_text.h"
#include "table_rows.h"
#include "vocabulary.h"

namespace jixiao::normalize::internal {

using model::BudgetFigure;
using model::BudgetLine;
using model::StatedChange;
using text::Cell;
using text::Decimal;
using text::Quantity;
using text::has_column_separator;
using text::name_key;
using text::trim;
using text::utf8_length;

namespace {

constexpr std::size_t npos = std::string_view::npos;

constexpr std::array<std::string_view, 5> kSentenceEnds = {"。", "！", "？", "!", "?"};
constexpr std::array<std::string_view, 11> kClauseEnds = {"。", "！", "？", "，", "；", "：", ",", ";", ":", "!", "?"};


void erase_all(std::string& s, std::string_view w) {
  for (std::size_t at = s.find(w); at != std::string::npos; at = s.find(w, at)) s.erase(at, w.size());
}

// Words that compare with another year. A label holding them names a change or
// the other year's amount, never this year's.
const RE2& connector_re() {
  static const RE2 re(R"((同比|(?:比|较)\s*(?:上年度|上一年|上年|去年|前一年|上期|([0-9]{4})\s*年度?)))");
  return re;
}

bool has_connector(std::string_view label) { return RE2::PartialMatch(label, connector_re()); }

// The first year ("2024年") a text names, if any.
std::optional<int> year_in(std::string_view text) {
  static const RE2 kYear(R"(((?:19|20)[0-9]{2})\s*年)");
  int y = 0;
  if (RE2::PartialMatch(text, kYear, &y)) return y;
  return std::nullopt;
}

// The key labels are matched by: quotes and spaces gone, years and the words
// that only say which year or which stage of the sentence dropped.
// "“三公经费”年初预算安排" and "2020年“三公”经费预算" both give "三公经费预算".
std::string label_key(std::string_view label) {
  static const RE2 kYears(R"([0-9]+\s*年度?)");
  std::string k = name_key(label);
  RE2::GlobalReplace(&k, kYears, "");
  static constexpr std::string_view kDropped[] = {
      "比上年", "较上年", "上年度", "上一年", "上年", "去年", "其中", "全年", "年初", "本年度", "本年", "当年",
      "年度",   "安排",   "共计",   "数",     "为",   "的",   ":",    "：",   "、",   "(",      ")"};
  for (std::string_view w : kDropped) erase_all(k, w);
  return k;
}

// The subject of a budget or execution figure: its key without the words of
// the stage. "一般公共预算财政拨款“三公”经费决算数" -> "一般公共财政拨款三公经费",
// "“三公经费”年初预算安排" -> "三公经费".
std::string subject_key(std::string_view label) {
  static const RE2 kYears(R"([0-9]+\s*年度?)");
  std::string k = name_key(label);
  RE2::GlobalReplace(&k, kYears, "");
  static constexpr std::string_view kStage[] = {
      "决算数", "决算", "执行数", "执行金额", "实际支出", "支出数", "完成数", "实际完成", "预算数", "预算", "安排",
      "年初",   "全年", "本年度", "年度",     "支出",     "实际",   "为",     "的",       ":",      "："};
  for (std::string_view w : kStage) erase_all(k, w);
  return k;
}

// One key ends with the other: the head noun of a Chinese label comes last,
// so "财政拨款" does not name the subject of "财政拨款三公经费", "三公经费" does.
bool same_subject(const std::string& a, const std::string& b) {
  const std::string& shorter = a.size() < b.size() ? a : b;
  const std::string& longer = a.size() < b.size() ? b : a;
  return utf8_length(shorter) >= 2 && longer.ends_with(shorter);
}

enum class Match { kNone, kContained, kExact };

Match match_keys(const std::string& a, const std::string& b) {
  if (a.empty() || b.empty()) return Match::kNone;
  if (a == b) return Match::kExact;
  const std::string& shorter = a.size() < b.size() ? a : b;
  const std::string& longer = a.size() < b.size() ? b : a;
  if (utf8_length(shorter) >= 2 && contains(longer, shorter)) return Match::kContained;
  return Match::kNone;
}

bool is_money(const Quantity& q) { return q.kind == Quantity::Kind::kMoney; }

// ---- tables comparing two years ------------------------------------------------

struct YearTable {
  struct Row {
    std::size_t line = 0;
    std::string label;
    std::string key;
    std::vector<std::optional<Cell>> values;  // parallel to YearTable::years
  };
  std::size_t header_line = 0;
  std::vector<int> years;  // the year of each value column, 0 when it names none
  int exponent = 0;
  std::vector<Row> rows;
};

// "项目\t2023年（万元）\t2024年（万元）" and the rows under it, up to the first
// line that is not a row of figures: a Table's rows where the extract stage
// read one (pipes, one cell per line, a ruled PDF table), the lines elsewhere.
// Cell texts of Table rows live in `storage`.
std::vector<YearTable> find_year_tables(const ReportText& text, std::deque<std::string>& storage) {
  std::vector<YearTable> tables;
  const extract::Document& doc = text.lines;
  const std::vector<std::pair<int, int>> by_line = table_rows_by_line(doc);
  const std::size_t n = doc.lines.size();
  for (std::size_t i = 0; i < n; ++i) {
    const auto [table, table_row] = by_line[i];
    if (table < 0 && !has_column_separator(doc.line_text(i))) continue;
    const std::vector<Cell> cells = line_cells(doc, by_line, i, storage);
    if (cells.size() < 3) continue;
    YearTable t;
    t.header_line = i;
    std::optional<int> exponent;
    int distinct = 0;
    for (std::size_t c = 1; c < cells.size(); ++c) {
      const std::optional<int> y = year_in(cells[c].text);
      t.years.push_back(y.value_or(0));
      if (y && std::count(t.years.begin(), t.years.end(), *y) == 1) ++distinct;
    }
    if (distinct < 2 || year_in(cells[0].text)) continue;
    // The unit: in the header, or in a "单位：万元" line just above it.
    std::string header_text;  // the header's cells: one per line in a flattened table
    for (const Cell& c : cells) header_text += c.text;
    for (std::size_t back = 0; back <= 2 && back <= i && !exponent; ++back) {
      const std::string_view l = back == 0 ? std::string_view(header_text) : doc.line_text(i - back);
      if (back > 0 && !contains(l, "单位")) continue;
      if (contains(l, "亿元"))
        exponent = 8;
      else if (contains(l, "万元"))
        exponent = 4;
      else if (contains(l, "元"))
        exponent = 0;
    }
    if (!exponent) continue;
    t.exponent = *exponent;
    Rows rows(doc, table >= 0 ? &doc.tables[static_cast<std::size_t>(table)] : nullptr, table_row, i, &storage);
    while (std::optional<SourceRow> source = rows.next()) {
      if (source->blank) {
        if (t.rows.empty()) continue;
        break;
      }
      if (table < 0 && !has_column_separator(doc.line_text(source->line))) break;
      const std::vector<Cell>& rc = source->cells;
      if (rc.size() != cells.size() || Decimal::parse(rc[0].text)) continue;
      YearTable::Row r;
      r.line = source->line;
      r.label = std::string(rc[0].text);
      r.key = label_key(r.label);
      bool any = false;
      for (std::size_t c = 1; c < rc.size(); ++c) {
        if (Decimal::parse(rc[c].text)) {
          r.values.push_back(rc[c]);
          any = true;
        } else {
          r.values.push_back(std::nullopt);
        }
      }
      if (any) t.rows.push_back(std::move(r));
    }
    if (!t.rows.empty()) tables.push_back(std::move(t));
  }
  return tables;
}

// ---- changes -----------------------------------------------------------------------

struct ChangeContext {
  std::string key;
  std::optional<int> current_year, previous_year;
  std::size_t line = 0, sentence_begin = 0, sentence_end = 0;
};

BudgetFigure table_figure(const ReportText& text, const YearTable& t, const YearTable::Row& r, std::size_t col) {
  const Cell& c = *r.values[col];
  BudgetFigure f;
  f.value = *Decimal::parse(c.text);
  f.exponent = t.exponent;
  f.span = text.span(r.line, c.begin, c.end);
  f.label = r.label + "（" + std::to_string(t.years[col]) + "年）";
  return f;
}

// Both years' amounts from the row of a year-comparison table that names the
// changed amount: an exact label first, then the nearest table.
void from_tables(const ReportText& text, const std::vector<YearTable>& tables, const ChangeContext& ctx,
                 StatedChange& ch) {
  const YearTable* best_table = nullptr;
  const YearTable::Row* best_row = nullptr;
  std::size_t best_cur = 0, best_prev = 0;
  Match best_match = Match::kNone;
  std::size_t best_distance = 0;
  for (const YearTable& t : tables) {
    // The current year's column: the year the statement names, else the latest.
    std::optional<std::size_t> cur, prev;
    int cur_year = 0;
    for (std::size_t c = 0; c < t.years.size(); ++c) {
      if (t.years[c] == 0) continue;
      if (ctx.current_year ? t.years[c] == *ctx.current_year : t.years[c] > cur_year) {
        cur = c;
        cur_year = t.years[c];
      }
    }
    if (!cur) continue;
    const int want_prev = ctx.previous_year.value_or(cur_year - 1);
    for (std::size_t c = 0; c < t.years.size(); ++c)
      if (t.years[c] == want_prev) prev = c;
    if (!prev) continue;
    const std::size_t distance = t.header_line > ctx.line ? t.header_line - ctx.line : ctx.line - t.header_line;
    for (const YearTable::Row& r : t.rows) {
      if (!r.values[*cur] || !r.values[*prev]) continue;
      const Match m = match_keys(ctx.key, r.key);
      if (m == Match::kNone) continue;
      if (m > best_match || (m == best_match && distance < best_distance)) {
        best_match = m;
        best_distance = distance;
        best_table = &t;
        best_row = &r;
        best_cur = *cur;
        best_prev = *prev;
      }
    }
  }
  if (!best_row) return;
  // Figures the sentence states itself stay; the table fills the others.
  if (!ch.current) ch.current = table_figure(text, *best_table, *best_row, best_cur);
  if (!ch.previous) ch.previous = table_figure(text, *best_table, *best_row, best_prev);
}

// An amount another sentence states under the same label, for `year` (the
// label names that year, or - for the current year - none and no other year).
std::optional<BudgetFigure> from_sentences(const ReportText& text, const ChangeContext& ctx, std::optional<int> year,
                                           bool current) {
  // The same key first; then a key that only adds words in front of it (the
  // unit's name: "单位会议费预算" for "会议费预算"), the head noun coming last.
  for (const bool exact : {true, false}) {
    if (!exact && utf8_length(ctx.key) < 3) break;
    for (std::size_t i = 0; i < text.quantities.size(); ++i) {
      for (const Quantity& q : text.quantities[i]) {
        if (!is_money(q) || has_connector(q.label)) continue;
        if (i == ctx.line && q.begin >= ctx.sentence_begin && q.end <= ctx.sentence_end) continue;
        const std::optional<int> y = year_in(q.label);
        if (current ? (y && y != year) : (!y || y != year)) continue;
        const std::string key = label_key(q.label);
        if (exact ? key != ctx.key : !key.ends_with(ctx.key)) continue;
        return text.figure(i, q);
      }
    }
  }
  return std::nullopt;
}

// The last money quantity of `qs` inside [begin, end) that is no change itself.
const Quantity* last_money_in(const std::vector<Quantity>& qs, std::size_t begin, std::size_t end) {
  const Quantity* found = nullptr;
  for (const Quantity& q : qs)
    if (is_money(q) && q.begin >= begin && q.end <= end) found = &q;
  return found;
}

bool is_change_verb_label(std::string_view label) {
  static const RE2 kVerbEnd(R"((?:增长|增加|提高|上升|上涨|下降|减少|降低|下滑)了?$)");
  return RE2::PartialMatch(label, kVerbEnd);
}

// "预算 9.80 万元，上年预算 11.20 万元，变动率为…", "本年预算 12.80 万元，上年为
// 14.20 万元，降幅 9.86%": a sentence that states this year's amount and then the
// previous year's (its label opens with 上年) before `before`. The previous
// year's label names the same money ("上年预算" against a budget), or nothing at
// all ("上年为"), which refers back to the amount before it.
std::optional<StatedChange> compared_in_sentence(const ReportText& text, std::size_t line, std::size_t sentence_begin,
                                                 std::size_t before) {
  static const RE2 kPreviousLabel(R"(^(?:上年度|上一年|上年|去年))");
  static const RE2 kBareReference(R"(^(?:上年度|上一年|上年|去年)(?:为|是|)$)");
  const Quantity* prev = nullptr;
  const Quantity* cur = nullptr;
  for (const Quantity& q : text.quantities[line]) {
    if (!is_money(q) || q.begin < sentence_begin || q.end > before) continue;
    if (RE2::PartialMatch(q.label, kPreviousLabel)) {
      prev = &q;
    } else if (!prev && !has_connector(q.label) && !is_change_verb_label(q.label)) {
      cur = &q;
    }
  }
  if (!prev || !cur) return std::nullopt;
  const std::string cur_key = label_key(cur->label);
  const std::string prev_key = label_key(prev->label);
  const bool bare = RE2::FullMatch(prev->label, kBareReference);
  if (!bare && (prev_key.empty() || !contains(cur_key, prev_key))) return std::nullopt;
  StatedChange full;
  full.label = cur->label;
  static const RE2 kLeadingYear(R"(^[0-9]{4}\s*年度?)");
  RE2::Replace(&full.label, kLeadingYear, "");
  full.current = text.figure(line, *cur);
  full.previous = text.figure(line, *prev);
  return full;
}

// ---- statements of a change -----------------------------------------------------

// Targets, criteria and bounds are no statements of what happened.
constexpr std::string_view kNotStatements[] = {"目标",   "计划",   "力争", "预计", "确保", "不低于",
                                               "不超过", "得满分", "扣",   "若",   "如果", "每"};
constexpr std::string_view kAfterCriteria[] = {"以上", "以下", "(含", "（含", "及以上", "左右", "的"};
constexpr std::string_view kDecrease[] = {"下降", "减少", "降低", "下滑", "降幅", "减幅", "压减", "压缩"};

// A verb with the size of a change ("增长 12.5%", "减少 2.54"), or a 变动率.
struct Hit {
  std::size_t begin, verb_begin, number_begin, number_end, end;
  bool rate;
};

// The hits of `line`, in order.
std::vector<Hit> find_hits(std::string_view line) {
  // The verb and the size of the change: a percentage, or a number a money
  // quantity of the line begins with.
  static const RE2 kVerb(
      R"(((?:增长|增加|提高|上升|上涨|增幅|下降|减少|降低|下滑|降幅|减幅|压减|压缩)了?\s*(?:为|达到|达)?\s*)(-?[0-9]+(?:\.[0-9]+)?)\s*(%?))");
  // "变动率为 -13.08%": a percent change of the two amounts the sentence compares.
  static const RE2 kRate(R"(((?:变动率|增长率|变化率)\s*(?:为|是)?\s*)(-?[0-9]+(?:\.[0-9]+)?)%)");
  std::vector<Hit> hits;
  for (const RE2* re : {&kVerb, &kRate}) {
    // Both need a number, kRate a "%": most lines have neither.
    if (!has_ascii_digit(line) || (re == &kRate && line.find('%') == npos)) continue;
    re2::StringPiece input(line.data(), line.size());
    re2::StringPiece verb, number, pct;
    while (re == &kVerb ? RE2::FindAndConsume(&input, *re, &verb, &number, &pct)
                        : RE2::FindAndConsume(&input, *re, &verb, &number)) {
      const auto b = static_cast<std::size_t>(verb.data() - line.data());
      const auto nb = static_cast<std::size_t>(number.data() - line.data());
      std::size_t e = nb + number.size();
      if (re == &kRate || !pct.empty()) e = static_cast<std::size_t>(input.data() - line.data());
      hits.push_back({b, b, nb, nb + number.size(), e, re == &kRate});
    }
  }
  std::sort(hits.begin(), hits.end(), [](const Hit& a, const Hit& b) { return a.begin < b.begin; });
  return hits;
}

// A hit read in its line and sentence.
struct ChangeStatement {
  const Hit& hit;
  std::size_t line;       // index of the line
  std::string_view text;  // the line
  std::size_t sentence_begin, sentence_end;
  std::string_view verb;
  bool percent;
  Decimal stated;
};

// What the statement says changed, and by how much: kind, direction, the
// stated magnitude (for an amount, the money quantity the number opens) and
// the span from `from` to the end of the figure. False when an amount's
// number opens no money quantity.
bool state_change(const ReportText& text, const ChangeStatement& s, std::size_t from, StatedChange& ch) {
  ch.kind = s.percent ? StatedChange::Kind::kPercent : StatedChange::Kind::kAmount;
  ch.increase = true;
  for (std::string_view w : kDecrease) ch.increase = ch.increase && !s.verb.starts_with(w);
  if (s.stated.sign() < 0) ch.increase = !ch.increase;
  ch.stated = s.stated.abs();
  if (s.percent) {
    ch.span = text.span(s.line, from, s.hit.end);
    return true;
  }
  const Quantity* amount = nullptr;
  for (const Quantity& q : text.quantities[s.line])
    if (is_money(q) && q.begin <= s.hit.number_begin && s.hit.number_begin < q.end) amount = &q;
  if (!amount) return false;
  ch.exponent = amount->exponent;
  ch.stated = amount->value.abs();
  ch.span = text.span(s.line, from, amount->end);
  return true;
}

bool names_no_statement(std::string_view text) {
  bool excluded = false;
  for (std::string_view w : kNotStatements) excluded = excluded || contains(text, w);
  return excluded;
}

// The last change of a sentence with both amounts in the sentence, for a 变动率 after it.
struct LastFull {
  std::optional<StatedChange> change;
  std::size_t sentence = npos;
};

// "变动率为 -13.08%": only beside a change whose two amounts this sentence
// states, or beside the two amounts themselves: "预算 9.80 万元，上年预算 11.20
// 万元，变动率为…".
std::optional<StatedChange> rate_change(const ReportText& text, const ChangeStatement& s, LastFull& last) {
  if (!last.change || last.sentence != s.sentence_begin) {
    auto full = compared_in_sentence(text, s.line, s.sentence_begin, s.hit.begin);
    if (!full) return std::nullopt;
    last.change = *full;
    last.sentence = s.sentence_begin;
  }
  StatedChange ch = *last.change;
  ch.kind = StatedChange::Kind::kPercent;
  ch.increase = s.stated.sign() >= 0;
  ch.stated = s.stated.abs();
  ch.exponent = 0;
  ch.span = text.span(s.line, s.hit.begin, s.hit.end);
  return ch;
}

// The words that compare a change with another year ("比上年", "较2019年",
// "与上年相比，").
struct Comparison {
  std::size_t clause_begin = 0;      // the statement's clause, from here to the verb
  std::optional<std::size_t> begin;  // where the comparing words begin, when there are any
  std::optional<int> previous_year;  // the year they name
};

// "收入与上年相比，增长 5%": the comparison is the clause before the verb's,
// ending in 相比; the label stands before 与.
void compared_in_clause_before(std::string_view line, std::size_t sentence_begin, Comparison& c) {
  static const RE2 kOtherYear(R"(上年|上一年|去年|前一年|[0-9]{4}\s*年)");
  static const RE2 kWithYear(R"((?:与|和|同)\s*((?:19|20)[0-9]{2})\s*年)");
  const std::size_t prev_begin = std::max(stretch_begin(line, c.clause_begin - 1, kClauseEnds), sentence_begin);
  std::string_view prev_clause = line.substr(prev_begin, c.clause_begin - prev_begin);
  for (std::string_view sep : {"，", "；", "：", ",", ";", ":"})
    if (prev_clause.ends_with(sep)) prev_clause.remove_suffix(sep.size());
  prev_clause = trim(prev_clause);
  if (!(prev_clause.ends_with("相比") || prev_clause.ends_with("相较")) || !RE2::PartialMatch(prev_clause, kOtherYear))
    return;
  std::size_t with = npos;
  for (std::string_view w : {"与", "和", "同"}) {
    const std::size_t p = prev_clause.rfind(w);
    if (p != npos && (with == npos || p > with)) with = p;
  }
  c.begin = with == npos ? prev_begin : static_cast<std::size_t>(prev_clause.data() - line.data()) + with;
  int y = 0;
  if (RE2::PartialMatch(prev_clause, kWithYear, &y)) c.previous_year = y;
  c.clause_begin = prev_begin;
}

// The comparing words of a statement: in the clause of the verb, or in a
// clause before it that ends in 相比 ("与上年相比，增长 5%").
Comparison find_comparison(const ChangeStatement& s) {
  const std::string_view line = s.text;
  Comparison c;
  c.clause_begin = std::max(stretch_begin(line, s.hit.begin, kClauseEnds), s.sentence_begin);
  const std::string_view clause = line.substr(c.clause_begin, s.hit.begin - c.clause_begin);
  re2::StringPiece input(clause.data(), clause.size());
  re2::StringPiece w, y;
  while (RE2::FindAndConsume(&input, connector_re(), &w, &y)) {
    c.begin = static_cast<std::size_t>(w.data() - line.data());
    c.previous_year = y.empty() ? std::nullopt : year_in(std::string(y.data(), y.size()) + "年");
  }
  if (!c.begin && c.clause_begin > s.sentence_begin) compared_in_clause_before(line, s.sentence_begin, c);
  return c;
}

// No 比上年 before the verb, but the sentence states both amounts: "本年预算
// 12.80 万元，上年为 14.20 万元，压减 1.40 万元，降幅 9.86%".
std::optional<StatedChange> change_of_stated_amounts(const ReportText& text, const ChangeStatement& s) {
  auto full = compared_in_sentence(text, s.line, s.sentence_begin, s.hit.begin);
  if (!full) return std::nullopt;
  if (names_no_statement(s.text.substr(s.sentence_begin, s.hit.end - s.sentence_begin))) return std::nullopt;
  StatedChange ch = *full;
  if (!state_change(text, s, s.hit.begin, ch)) return std::nullopt;
  return ch;
}

// The label as printed, without its year: "2024年部门预算收入" -> "部门预算收入".
std::string printed_label(std::string_view label) {
  static const RE2 kLeadingYear(R"(^[0-9]{4}\s*年度?)");
  std::string l(label);
  RE2::Replace(&l, kLeadingYear, "");
  if (l.starts_with("其中")) l.erase(0, std::string_view("其中").size());
  return std::string(trim(l));
}

// A change compared with another year by the words `cmp` found: its label
// (what the clause names before the comparing words), and the two amounts
// from the sentence, else from a table comparing two years, else from other
// sentences. nullopt when the clause names nothing.
std::optional<StatedChange> compared_change(const ReportText& text, const std::vector<YearTable>& tables,
                                            const ChangeStatement& s, const Comparison& cmp) {
  const std::string_view line = s.text;
  const std::vector<Quantity>& qs = text.quantities[s.line];
  StatedChange ch;
  if (!state_change(text, s, cmp.clause_begin, ch)) return std::nullopt;

  std::string_view label = trim(line.substr(cmp.clause_begin, *cmp.begin - cmp.clause_begin));
  ChangeContext ctx;
  ctx.line = s.line;
  ctx.sentence_begin = s.sentence_begin;
  ctx.sentence_end = s.sentence_end;
  ctx.previous_year = cmp.previous_year;
  ctx.current_year = year_in(label);
  if (!ctx.current_year) ctx.current_year = year_in(line.substr(s.sentence_begin, *cmp.begin - s.sentence_begin));
  ctx.key = label_key(label);

  // The other year's amount between the comparing words and the verb:
  // "较上年预算 21.40 万元减少".
  if (const Quantity* prev = last_money_in(qs, *cmp.begin, s.hit.begin)) ch.previous = text.figure(s.line, *prev);
  // This year's amount before the comparing words: in the clause
  // ("林业总产值 18.62 亿元较上年…"), in the clause before when the comparison
  // opens its clause ("预算 18.60 万元，较上年…"), or under the same label.
  if (const Quantity* cur = last_money_in(qs, s.sentence_begin, *cmp.begin);
      cur && !has_connector(cur->label) && !is_change_verb_label(cur->label)) {
    const bool opens_clause = ctx.key.empty();
    const bool in_clause = cur->begin >= cmp.clause_begin;
    if (in_clause || opens_clause || match_keys(label_key(cur->label), ctx.key) == Match::kExact) {
      ch.current = text.figure(s.line, *cur);
      // The amount's own label names what changed (the clause's text would
      // carry the figure itself).
      if (opens_clause || in_clause) {
        ctx.key = label_key(cur->label);
        label = cur->label;
        if (!ctx.current_year) ctx.current_year = year_in(cur->label);
      }
    }
  }
  // "比上年": the year before the statement's year.
  if (ctx.current_year && !ctx.previous_year) ctx.previous_year = *ctx.current_year - 1;
  ch.label = printed_label(label);
  if (ctx.key.empty()) return std::nullopt;

  if (!ch.current || !ch.previous) from_tables(text, tables, ctx, ch);
  if (!ch.current) ch.current = from_sentences(text, ctx, ctx.current_year, true);
  if (!ch.previous && ctx.previous_year) ch.previous = from_sentences(text, ctx, ctx.previous_year, false);
  return ch;
}

// The changes line `i` states, in order, appended to `out`.
void read_line_changes(const ReportText& text, const std::vector<YearTable>& tables, std::size_t i,
                       std::vector<StatedChange>& out) {
  const std::string_view line = text.lines.line_text(i);
  LastFull last;
  for (const Hit& h : find_hits(line)) {
    const auto stated = Decimal::parse(line.substr(h.number_begin, h.number_end - h.number_begin));
    if (!stated) continue;
    const ChangeStatement s{h,
                            i,
                            line,
                            stretch_begin(line, h.begin, kSentenceEnds),
                            stretch_end(line, h.end, kSentenceEnds),
                            line.substr(h.verb_begin, h.number_begin - h.verb_begin),
                            h.rate || line.substr(h.end - 1, 1) == "%",
                            *stated};
    if (h.rate) {
      if (auto ch = rate_change(text, s, last)) out.push_back(std::move(*ch));
      continue;
    }
    bool criteria = false;
    for (std::string_view w : kAfterCriteria) criteria = criteria || line.substr(h.end).starts_with(w);
    if (criteria) continue;

    const Comparison cmp = find_comparison(s);
    if (!cmp.begin) {
      if (auto ch = change_of_stated_amounts(text, s)) out.push_back(std::move(*ch));
      continue;
    }
    const std::string_view statement = line.substr(cmp.clause_begin, h.end - cmp.clause_begin);
    if (names_no_statement(statement) || line.substr(0, h.begin).ends_with("每")) continue;

    std::optional<StatedChange> ch = compared_change(text, tables, s, cmp);
    if (!ch) continue;
    if (ch->current && ch->previous && ch->current->span.line == ch->span.line &&
        ch->previous->span.line == ch->span.line) {
      last.change = *ch;
      last.sentence = s.sentence_begin;
    }
    out.push_back(std::move(*ch));
  }
}

}  // namespace

std::vector<StatedChange> read_changes(const ReportText& text) {
  std::deque<std::string> cell_texts;  // the cells of Table rows the year tables quote
  const std::vector<YearTable> tables = find_year_tables(text, cell_texts);
  std::vector<StatedChange> out;
  for (std::size_t i = 0; i < text.lines.lines.size(); ++i) read_line_changes(text, tables, i, out);
  return out;
}

std::vector<BudgetLine> read_rates_against_remote_budget(const ReportText& text) {
  // "完成年初预算的 7.9%", "占全年预算的 60%": the budget is named, not stated.
  static const RE2 kRate(
      R"(((?:完成|达到|占|为|是)?\s*(年初预算|预算安排|预算数|全年预算|年度预算|预算)数?的\s*)([0-9]+(?:\.[0-9]+)?)%)");
  auto executed_word = [](std::string_view label) { return vocabulary::contains_any(label, vocabulary::kExecutedWords); };
  std::vector<BudgetLine> out;
  for (std::size_t i = 0; i < text.lines.lines.size(); ++i) {
    const std::string_view line = text.lines.line_text(i);
    if (!contains(line, "预算") || line.find('%') == npos) continue;  // kRate's fixed words
    re2::StringPiece input(line.data(), line.size());
    re2::StringPiece whole, word, value;
    while (RE2::FindAndConsume(&input, kRate, &whole, &word, &value)) {
      const auto at = static_cast<std::size_t>(whole.data() - line.data());
      const std::size_t end = static_cast<std::size_t>(value.data() - line.data()) + value.size() + 1;
      const std::size_t sentence = stretch_begin(line, at, kSentenceEnds);
      const std::string budget_word(word.data(), word.size());
      const Quantity* executed = nullptr;
      for (const Quantity& q : text.quantities[i])
        if (is_money(q) && q.begin >= sentence && q.end <= at && executed_word(q.label)) executed = &q;
      if (!executed) continue;
      const auto rate = Decimal::parse(std::string_view(value.data(), value.size()));
      if (!rate) continue;
      BudgetLine bl;
      bl.executed = text.figure(i, *executed);
      bl.rate = *rate;
      bl.rate_span = text.span(i, at, end);
      bl.rate_words = std::string(line.substr(at, end - at));
      // A budget the sentence states itself, before the execution figure.
      const Quantity* budget = nullptr;
      for (const Quantity& q : text.quantities[i])
        if (is_money(q) && q.begin >= sentence && q.end <= executed->begin && contains(q.label, "预算") &&
            !executed_word(q.label))
          budget = &q;
      if (budget) {
        if (budget->value.is_zero()) continue;
        bl.budget = text.figure(i, *budget);
        bl.label = budget->label;
        out.push_back(std::move(bl));
        continue;
      }
      // Elsewhere: the nearest money figure whose label has the budget word
      // and the executed figure's subject, of the same year if it names one.
      const std::string subject = subject_key(executed->label);
      std::optional<int> year = year_in(executed->label);
      if (!year) year = year_in(line.substr(sentence, executed->begin - sentence));
      std::optional<std::pair<std::size_t, const Quantity*>> best;
      std::size_t best_distance = 0;
      for (std::size_t j = 0; j < text.quantities.size(); ++j) {
        for (const Quantity& q : text.quantities[j]) {
          if (!is_money(q) || q.value.is_zero() || q.value.sign() < 0) continue;
          if (j == i && q.begin >= sentence && q.begin < end) continue;
          if (!contains(name_key(q.label), budget_word) || executed_word(q.label) || has_connector(q.label)) continue;
          if (const auto y = year_in(q.label); y && year && *y != *year) continue;
          if (!same_subject(subject, subject_key(q.label))) continue;
          const std::size_t distance = j > i ? j - i : i - j;
          if (!best || distance < best_distance) {
            best = std::make_pair(j, &q);
            best_distance = distance;
          }
        }
      }
      if (!best) continue;
      bl.budget = text.figure(best->first, *best->second);
      bl.label = best->second->label;
      bl.budget_elsewhere = true;
      out.push_back(std::move(bl));
    }
  }
  return out;
}

}  // namespace jixiao::normalize::internal
