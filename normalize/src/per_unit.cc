// Per-unit statements: count x standard = amount.
//
//   "一次性发放丧葬补助金600元，共为2635名死亡人员遗属发放丧葬补助金158万元"
//   "为126户困难残疾人家庭实施无障碍改造，按每户5000元的标准补助，共支出63.00万元"
//   "标准不低于每人每年31.8元，预计全年参保缴费12.5万人，预计补贴495万元。全年为实际缴费人12.5万人，补贴475万元"
//
// A count and the money paid for it stand in one sentence; the standard is in
// the same sentence or in an earlier one of the same paragraph. Only a money
// figure the text marks as per unit (每人, 每户, 人均, 一次性, 标准…) can be a
// standard, so that an unrelated amount never becomes one. A standard that
// is not right beside its count and amount must share a subject word with the
// amount ("抚恤金", "补贴"): a sentence often goes on to another payment
// ("…为3151名参保人员办理了终保、退保手续，发放个人账户继承额444万元") that the
// standard does not apply to.

#include <re2/re2.h>

#include <algorithm>
#include <array>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "jixiao/text/text.h"
#include "boundaries.h"
#include "report_text.h"

namespace jixiao::normalize::internal {

using model::PerUnitStatement;
using text::Decimal;
using text::Qualifier;
using text::Quantity;
using text::has_column_separator;
using text::to_u32;
using text::trim;

namespace {

// Ends of a sentence after NFKC (full-width ；！？ fold to ASCII; 。 stays).
constexpr std::string_view kSentenceEnds[] = {"。", ";", "!", "?", "；", "！", "？"};
// Ends of a clause: the sentence ends and the commas and colons.
constexpr std::string_view kClauseEnds[] = {"。", ";", "!", "?", "；", "！", "？", ",", "，", "、", ":", "："};

// What a count counts, so that a standard per person is not multiplied by households.
enum class Counted { kPersons, kHouseholds, kCases, kOther };

Counted counted_by(std::string_view noun) {
  static constexpr std::string_view kPersons[] = {"人次", "人", "名", "位"};
  static constexpr std::string_view kHouseholds[] = {"户次", "户", "家"};
  static constexpr std::string_view kCases[] = {"件", "例", "宗", "起"};
  for (std::string_view n : kPersons)
    if (noun == n) return Counted::kPersons;
  for (std::string_view n : kHouseholds)
    if (noun == n) return Counted::kHouseholds;
  for (std::string_view n : kCases)
    if (noun == n) return Counted::kCases;
  return Counted::kOther;
}

// Count nouns a payment can be made per. Ages (周岁), periods (期) and batches are not.
bool payable_noun(std::string_view noun) {
  static constexpr std::string_view kNouns[] = {"人次", "户次", "人", "名", "位", "户", "家", "件", "例", "宗",
                                                "起",   "个",   "所", "套", "台", "座", "处", "间", "辆", "场",
                                                "次",   "项",   "份"};
  return std::find(std::begin(kNouns), std::end(kNouns), noun) != std::end(kNouns);
}

// How a standard is stated.
struct Standard {
  std::string basis;                // "每人每年", "一次性", "标准"
  std::optional<std::string> per;   // the noun after 每 ("人", "户"), when it names one
  Qualifier bound = Qualifier::kExact;
  bool forecast = false;
  // 人均 and 为其 also describe what someone received, not only what was paid
  // ("人均增收2000元"): such a standard must name the same payment as the amount
  // even when it stands right beside it.
  bool weak = false;
};

template <std::size_t N>
bool contains_any(std::string_view s, const std::string_view (&words)[N]) {
  for (std::string_view w : words)
    if (contains(s, w)) return true;
  return false;
}

// Words of plan and forecast: a forecast count pairs only with a forecast amount.
constexpr std::string_view kForecastWords[] = {"预计", "计划", "拟", "预算", "年初", "目标"};
// Words that make a money figure a total, never a standard.
constexpr std::string_view kTotalWords[] = {"合计", "总计", "累计", "总额", "总金额"};

// 共 (共计, 共支出, 共为, 一共) marks a total too, but not in 公共.
bool says_total(std::string_view gap) {
  if (contains_any(gap, kTotalWords)) return true;
  static constexpr std::string_view kAll = "共", kPublic = "公";
  for (std::size_t k = gap.find(kAll); k != std::string_view::npos; k = gap.find(kAll, k + kAll.size()))
    if (k < kPublic.size() || gap.substr(k - kPublic.size(), kPublic.size()) != kPublic) return true;
  return false;
}
// Periods other than a year: a monthly standard times a count is not the year's amount.
constexpr std::string_view kShortPeriods[] = {"每月", "每个月", "月均", "每季", "每天", "每日", "每周", "/月", "/天"};

// The run of 每X that starts at `at` in `s`: "每人每年", "每户", "每个月".
std::string_view every_run(std::string_view s, std::size_t at) {
  static constexpr std::string_view kEvery = "每";
  std::size_t end = at;
  while (s.substr(end).starts_with(kEvery) && end + 2 * kEvery.size() <= s.size()) end += 2 * kEvery.size();
  // 每个月, 每人次: take a third character when the second is 个 or 人次.
  if (s.substr(end).starts_with("次") && s.substr(at, end - at).ends_with("人")) end += 3;
  if (s.substr(end).starts_with("月") && s.substr(at, end - at).ends_with("个")) end += 3;
  return s.substr(at, end - at);
}

// The count nouns a basis like "每人每年" names ("人"), or nullopt.
std::optional<std::string> per_noun(std::string_view basis) {
  static constexpr std::string_view kEvery = "每";
  for (std::size_t i = 0; i + kEvery.size() < basis.size(); i += 2 * kEvery.size()) {
    std::string_view rest = basis.substr(i + kEvery.size());
    for (std::string_view n : {"人次", "户次"})
      if (rest.starts_with(n)) return std::string(n);
    std::string_view one = rest.substr(0, 3);
    if (payable_noun(one)) return std::string(one);
  }
  return std::nullopt;
}

// Is money figure `q` a standard? `gap` is the text of its clause before it
// (from the previous figure on), `after` the text after it.
std::optional<Standard> read_standard(std::string_view gap, std::string_view after, const Quantity& q) {
  if (q.qualifier == Qualifier::kApproximate) return std::nullopt;
  if (says_total(gap)) return std::nullopt;
  // "300元/月", "600元，每月…": a monthly figure, whatever the words before it say.
  const std::string_view tail = after.substr(0, std::min<std::size_t>(after.size(), 12));
  if (contains_any(gap, kShortPeriods) || contains_any(tail, kShortPeriods)) return std::nullopt;

  Standard st;
  // 标准 counts only when nothing but qualifiers follow it ("标准不低于每人每年"),
  // not in "按…标准发放补助144万元" where the figure is what was paid.
  static const RE2 kStandardWord(
      R"(标准(?:为|是|:|按|达到|达|提高到|提高至|调整为|不低于|不少于|不超过|不高于|最高|最低|至少|每.)*$)");
  for (std::size_t every = gap.find("每"); every != std::string_view::npos && st.basis.empty();
       every = gap.find("每", every + 1)) {
    const std::string_view run = every_run(gap, every);
    if (auto noun = per_noun(run)) {
      st.basis = std::string(run);
      st.per = noun;
    }
  }
  if (st.basis.empty()) {
    using Word = std::pair<std::string_view, std::string_view>;
    for (auto [word, noun] : {Word{"人均", "人"}, Word{"户均", "户"}, Word{"件均", "件"}})
      if (contains(gap, word)) {
        st.basis = std::string(word);
        st.per = std::string(noun);
        st.weak = true;
        break;
      }
  }
  if (st.basis.empty() && contains(gap, "一次性") && !contains(gap, "标准化")) st.basis = "一次性";
  if (st.basis.empty() && !contains(gap, "标准化") &&
      RE2::PartialMatch(re2::StringPiece(gap.data(), gap.size()), kStandardWord))
    st.basis = "标准";
  if (st.basis.empty() && contains(gap, "为其")) {
    st.basis = "为其";
    st.weak = true;
  }
  if (st.basis.empty()) {
    // After the figure: "500元/人", "5000元的标准", "6000元标准".
    if (after.starts_with("/")) {
      std::string_view rest = after.substr(1);
      for (std::string_view n : {"人次", "户次"})
        if (rest.starts_with(n)) st.per = std::string(n);
      if (!st.per && rest.size() >= 3 && payable_noun(rest.substr(0, 3))) st.per = std::string(rest.substr(0, 3));
      if (st.per) st.basis = "/" + *st.per;
    } else if (after.starts_with("的标准") || after.starts_with("标准")) {
      st.basis = "标准";
    }
  }
  if (st.basis.empty()) return std::nullopt;

  if (q.qualifier == Qualifier::kAtLeast || q.qualifier == Qualifier::kAtMost) {
    st.bound = q.qualifier;
  } else if (contains_any(gap, {"不低于", "不少于", "至少", "最低"})) {
    st.bound = Qualifier::kAtLeast;
  } else if (contains_any(gap, {"不超过", "不高于", "最高", "最多"})) {
    st.bound = Qualifier::kAtMost;
  }
  st.forecast = contains_any(gap, kForecastWords);
  return st;
}

// A count a standard per `per` can multiply.
bool compatible(const Standard& st, std::string_view noun) {
  if (!payable_noun(noun)) return false;
  if (!st.per) return true;
  const Counted a = counted_by(*st.per), b = counted_by(noun);
  if (a == Counted::kOther || b == Counted::kOther) return *st.per == noun;
  return a == b;
}

// Pairs of adjacent ideographs, the words two labels may share.
std::vector<std::u32string> ideograph_pairs(std::string_view s) {
  const std::u32string u = to_u32(s);
  auto ideograph = [](char32_t c) { return c >= 0x3400 && c <= 0x9FFF; };
  std::vector<std::u32string> out;
  for (std::size_t i = 0; i + 1 < u.size(); ++i)
    if (ideograph(u[i]) && ideograph(u[i + 1])) out.push_back(u.substr(i, 2));
  return out;
}

// Do the standard's sentence and the amount's label name the same payment?
// Words every payment sentence has do not count.
bool shares_subject(std::string_view standard_context, std::string_view amount_label) {
  static const std::set<std::u32string> kGeneric = [] {
    std::set<std::u32string> s;
    for (std::string_view w : {"发放", "全年", "共为", "预计", "实际", "为其", "标准", "每人", "每年", "共计", "合计",
                               "累计", "支出", "资金", "人员", "拨付", "给予", "用于", "其中", "全部", "完成"})
      s.insert(to_u32(w));
    return s;
  }();
  const std::u32string context = to_u32(standard_context);
  for (const std::u32string& pair : ideograph_pairs(amount_label))
    if (!kGeneric.contains(pair) && context.find(pair) != std::u32string::npos) return true;
  return false;
}

// value x 10^exponent as an exact decimal in base units.
std::optional<Decimal> in_base_units(const Decimal& value, int exponent) {
  Decimal v = value;
  for (int i = 0; i < exponent; ++i) {
    auto next = v.checked_mul(Decimal::from_int(10));
    if (!next) return std::nullopt;
    v = *next;
  }
  return v;
}

// count x standard and the amount within a factor of 20 of each other (a bound
// only on its own side): anything further apart is a misreading of which
// figures belong together, not a report's error.
bool plausible(const Quantity& count, const Quantity& standard, const Quantity& amount, Qualifier bound) {
  auto c = in_base_units(count.value, count.exponent);
  auto s = in_base_units(standard.value, standard.exponent);
  auto a = in_base_units(amount.value, amount.exponent);
  if (!c || !s || !a || c->sign() <= 0 || s->sign() <= 0 || a->sign() <= 0) return false;
  if (*s >= *a) return false;
  auto product = c->checked_mul(*s);
  const Decimal factor = Decimal::from_int(20);
  auto a20 = a->checked_mul(factor);
  if (!product || !a20) return false;
  auto p20 = product->checked_mul(factor);
  if (!p20) return false;
  if (bound != Qualifier::kAtLeast && *product > *a20) return false;
  if (bound != Qualifier::kAtMost && *a > *p20) return false;
  return true;
}

// One quantity of a paragraph: its line, and where it stands in the joined text.
struct Item {
  std::size_t line = 0;
  const Quantity* q = nullptr;
  std::size_t begin = 0, end = 0;  // in the paragraph's text
  std::size_t sentence = 0;
  std::optional<Standard> standard;  // money the text marks as per unit
  bool forecast = false;
  bool payable = false;              // a count a payment can be made per
};

struct Paragraph {
  std::string text;
  std::vector<Item> items;
};

std::size_t clause_start(std::string_view text, std::size_t pos) { return stretch_begin(text, pos, kClauseEnds); }

bool ends_sentence(std::string_view line) {
  line = trim(line);
  for (std::string_view e : kSentenceEnds)
    if (line.ends_with(e)) return true;
  return line.ends_with("：") || line.ends_with(":");
}

// Fills the items of a paragraph from its text.
void classify(Paragraph& p) {
  std::vector<std::size_t> ends;
  for (std::string_view e : kSentenceEnds)
    for (std::size_t k = p.text.find(e); k != std::string::npos; k = p.text.find(e, k + e.size())) ends.push_back(k);
  std::sort(ends.begin(), ends.end());
  std::size_t previous_end = 0;
  for (Item& it : p.items) {
    it.sentence = static_cast<std::size_t>(std::lower_bound(ends.begin(), ends.end(), it.begin) - ends.begin());
    const std::size_t from = std::max(clause_start(p.text, it.begin), std::min(previous_end, it.begin));
    const std::string_view gap = std::string_view(p.text).substr(from, it.begin - from);
    const std::string_view after = std::string_view(p.text).substr(it.end);
    if (it.q->kind == Quantity::Kind::kMoney) {
      it.standard = read_standard(gap, after, *it.q);
    } else {
      it.payable = payable_noun(it.q->base_unit) && it.q->qualifier == Qualifier::kExact && !it.q->range_upper;
    }
    // Forecast words count from the start of the clause ("预计全年参保缴费12.5万人").
    const std::size_t clause = clause_start(p.text, it.begin);
    it.forecast = contains_any(std::string_view(p.text).substr(clause, it.begin - clause), kForecastWords);
    previous_end = it.end;
  }
}

// Joins a line that breaks off mid-sentence after a standard with the next
// non-empty line ("…为其继承人发放600元抚恤金，全年共为" / "2635 名死亡人员…").
std::vector<Paragraph> paragraphs(const ReportText& text) {
  std::vector<Paragraph> out;
  const std::size_t n = text.lines.lines.size();
  auto add_line = [&](Paragraph& p, std::size_t i) {
    const std::string_view line = text.lines.line_text(i);
    const std::size_t base = p.text.size();
    p.text += line;
    for (const Quantity& q : text.quantities[i]) p.items.push_back(Item{i, &q, base + q.begin, base + q.end});
  };
  auto has_standard = [](Paragraph p) {
    // Only a money figure can be a standard.
    if (std::none_of(p.items.begin(), p.items.end(), [](const Item& it) { return it.q->kind == Quantity::Kind::kMoney; }))
      return false;
    classify(p);
    return std::any_of(p.items.begin(), p.items.end(), [](const Item& it) { return it.standard.has_value(); });
  };
  for (std::size_t i = 0; i < n; ++i) {
    const std::string_view line = text.lines.line_text(i);
    if (trim(line).empty() || i >= text.quantities.size()) continue;
    Paragraph p;
    add_line(p, i);
    // Continue while the last line breaks off mid-sentence after a standard (tables never continue).
    std::size_t last = i;
    while (!has_column_separator(text.lines.line_text(last)) && !ends_sentence(text.lines.line_text(last))) {
      Paragraph last_only;
      add_line(last_only, last);
      if (!has_standard(last_only)) break;
      std::size_t next = last + 1;
      while (next < n && next <= last + 3 && trim(text.lines.line_text(next)).empty()) ++next;
      if (next >= n || next > last + 3 || next >= text.quantities.size() ||
          has_column_separator(text.lines.line_text(next)))
        break;
      add_line(p, next);
      last = next;
    }
    i = last;
    // Only a paragraph with a count can state count x standard = amount.
    if (std::any_of(p.items.begin(), p.items.end(), [](const Item& it) { return it.q->kind != Quantity::Kind::kMoney; }))
      classify(p);
    out.push_back(std::move(p));
  }
  return out;
}

// Is any figure of the paragraph strictly between positions a and b a money figure or a payable count?
bool figures_between(const Paragraph& p, std::size_t a, std::size_t b, const std::vector<const Item*>& except) {
  if (a > b) std::swap(a, b);
  for (const Item& it : p.items) {
    if (it.begin <= a || it.begin >= b) continue;
    if (std::find(except.begin(), except.end(), &it) != except.end()) continue;
    if (it.q->kind == Quantity::Kind::kMoney || it.payable) return true;
  }
  return false;
}

// The money paid for count `c`: the first money figure after it in the sentence
// that is no standard, before the next count; else the one right before it.
const Item* amount_for(const Paragraph& p, std::size_t c, std::set<const Item*>& claimed) {
  const Item& count = p.items[c];
  for (std::size_t k = c + 1; k < p.items.size() && p.items[k].sentence == count.sentence; ++k) {
    const Item& it = p.items[k];
    if (it.payable) break;
    if (it.q->kind != Quantity::Kind::kMoney || it.standard) continue;
    if (claimed.contains(&it)) return nullptr;
    return &it;
  }
  for (std::size_t k = c; k-- > 0 && p.items[k].sentence == count.sentence;) {
    const Item& it = p.items[k];
    if (it.payable) break;
    if (it.q->kind != Quantity::Kind::kMoney || it.standard) continue;
    if (claimed.contains(&it)) return nullptr;
    return &it;
  }
  return nullptr;
}

// The standard's sentence up to the end of its clause: "政府对参保缴费基数给予补贴，标准不低于每人每年31.8元",
// "为其继承人发放600元抚恤金".
std::string_view standard_context(std::string_view text, const Item& it) {
  const std::size_t from = stretch_begin(text, it.begin, kSentenceEnds);
  const std::size_t to = stretch_end(text, it.end, kClauseEnds);
  return text.substr(from, to - from);
}

// How many sentences back a standard may stand.
constexpr std::size_t kSentencesBack = 3;

}  // namespace

std::vector<PerUnitStatement> read_per_unit(const ReportText& text) {
  std::vector<PerUnitStatement> out;
  for (const Paragraph& p : paragraphs(text)) {
    std::set<const Item*> claimed;
    for (std::size_t c = 0; c < p.items.size(); ++c) {
      const Item& count = p.items[c];
      if (!count.payable) continue;
      const Item* amount = amount_for(p, c, claimed);
      if (!amount || amount->q->qualifier != Qualifier::kExact || amount->forecast != count.forecast) continue;
      // The standard: beside the count and amount in the sentence, else the
      // nearest one naming the same payment in this or an earlier sentence.
      const Item* standard = nullptr;
      bool standard_beside = false;
      std::size_t standard_distance = 0;
      const std::size_t lo = std::min(count.begin, amount->begin), hi = std::max(count.begin, amount->begin);
      for (const Item& it : p.items) {
        if (!it.standard || &it == amount) continue;
        if (it.sentence > count.sentence || count.sentence - it.sentence > kSentencesBack) continue;
        if (!compatible(*it.standard, count.q->base_unit)) continue;
        if (it.standard->forecast && !count.forecast) continue;
        const bool beside = it.sentence == count.sentence &&
                            !figures_between(p, it.begin, it.begin < lo ? lo : hi, {&count, amount, &it});
        if ((!beside || it.standard->weak) && !shares_subject(standard_context(p.text, it), amount->q->label))
          continue;
        if (!plausible(*count.q, *it.q, *amount->q, it.standard->bound)) continue;
        const std::size_t distance = it.begin < count.begin ? count.begin - it.begin : it.begin - count.begin;
        if (standard && (standard_beside > beside || (standard_beside == beside && standard_distance <= distance)))
          continue;
        standard = &it;
        standard_beside = beside;
        standard_distance = distance;
      }
      if (!standard) continue;
      claimed.insert(amount);
      PerUnitStatement s;
      s.count = text.figure(count.line, *count.q);
      s.standard = text.figure(standard->line, *standard->q);
      s.standard.qualifier = standard->standard->bound;
      s.amount = text.figure(amount->line, *amount->q);
      s.bound = standard->standard->bound;
      s.basis = standard->standard->basis;
      out.push_back(std::move(s));
    }
  }
  return out;
}

}  // namespace jixiao::normalize::internal
