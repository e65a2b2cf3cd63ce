// Repeated figures: the same quantity stated in several places. A report says
// "为 2635 名死亡人员遗属发放丧葬补助金" in one section and "死亡人员 2634 人" in
// another; both are the number of deceased recipients. Two statements are of
// the same quantity when
//   - they have the same unit (元 with 元, 人次 with 人次; 名 and 人 count persons alike),
//   - they stand in different sentences (two figures of one sentence are a comparison or a list),
//   - they are of the same stage: a plan or forecast (预计, 计划, 目标) is never
//     compared, nor a budget (预算, 年初, 安排) with an actual (实际, 执行, 决算),
//     nor one year with another (2019年, 上年),
//   - and their subjects (the label the scanner found, or the clause around the
//     figure when the label is only 全年 or 共) are alike: bigram similarity of
//     at least kSameSubject, with every other statement of the group.
// Statements are grouped transitively; a group with two or more statements is a
// RepeatedFigure. The validate stage compares the values.

#include <algorithm>
#include <map>
#include <numeric>
#include <tuple>
#include <unordered_map>
#include <unordered_set>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include <re2/re2.h>

#include "jixiao/extract/utf8.h"
#include "jixiao/text/text.h"
#include "boundaries.h"
#include "report_text.h"

namespace jixiao::normalize::internal {

using model::RepeatedFigure;
using model::Report;
using text::Qualifier;
using text::Quantity;
using text::bigram_dice;
using text::bigram_set;
using text::to_u32;
using text::utf8_length;

namespace {

constexpr int kSameSubject = 700;  // per mille, bigram similarity
constexpr std::size_t kMinSubjectChars = 3;
constexpr std::size_t kSpecificSubjectChars = 6;
constexpr std::size_t kHeadingChars = 12;

enum class Stage { kAny, kPlan, kBudget, kActual, kStandard };

struct Marker {
  std::string_view word;
  Stage stage;
};

// The nearest of these before a figure, in its sentence, says which stage it belongs to.
constexpr Marker kStageMarkers[] = {
    {"预计", Stage::kPlan},   {"计划", Stage::kPlan},   {"目标", Stage::kPlan},   {"预期", Stage::kPlan},
    {"力争", Stage::kPlan},   {"拟", Stage::kPlan},     {"预算", Stage::kBudget}, {"年初", Stage::kBudget},
    {"安排", Stage::kBudget}, {"实际", Stage::kActual}, {"执行", Stage::kActual}, {"决算", Stage::kActual},
    {"完成", Stage::kActual}, {"到位", Stage::kActual},
};

// A standard stated per person or case ("每人每年31.8元", "一次性发放…600元") is
// a rate, not an amount; only words in the figure's own clause say so.
constexpr std::string_view kStandardMarkers[] = {"每人", "每户", "每月", "每年", "每件", "每名", "人均", "标准", "一次性"};

// Words that say nothing about what is counted or paid.
constexpr std::string_view kFillerWords[] = {
    "全年", "共计", "共为", "累计", "合计", "实际", "全区", "我区", "全县", "全市", "达到", "年末", "年度", "其中",
    "分别", "预计", "计划", "全面", "预算数", "执行数", "决算数", "年", "共", "为", "已", "达", "向", "给", "对", "约", "余", "近", "总", "的", "了",
    "和", "及", "等", "是", "有", "在", "中", "将",
};

// Where the noun after a count ends: "905 名困难职工发放救助金" counts 困难职工,
// "24 名文物保护员全部持证上岗" counts 文物保护员. Verbs and the adverbs before them.
constexpr std::string_view kVerbs[] = {"发放", "提供", "办理", "实施", "完成", "得到", "参加", "缴纳", "代缴",
                                       "代发", "领取", "享受", "适配", "开展", "接受", "获得", "纳入", "全部",
                                       "均", "都", "已", "按时", "按期"};

constexpr std::string_view kSentenceEnds[] = {"。", "；", ";", "！", "？", "!", "?"};
constexpr std::string_view kClauseEnds[] = {"。", "；", ";", "！", "？", "!", "?", "，", ",", "：", ":"};

// Only the ideographs of `text` that name something: digits, units of other
// figures, punctuation and filler words removed.
std::string subject_words(std::string_view text) {
  std::string out;
  for (char32_t c : to_u32(text))
    if (text::is_ideograph(c)) extract::append_utf8(out, c);
  for (std::string_view w : kFillerWords)
    for (std::size_t at = out.find(w); at != std::string::npos; at = out.find(w, at)) out.erase(at, w.size());
  return out;
}

// Text of `line` in [begin, end) with the figures of `quantities` in it cut out.
std::string without_figures(std::string_view line, std::size_t begin, std::size_t end,
                            const std::vector<Quantity>& quantities) {
  std::string out;
  std::size_t at = begin;
  for (const Quantity& q : quantities) {
    if (q.end <= at || q.begin >= end) continue;
    if (q.begin > at) out += line.substr(at, q.begin - at);
    at = std::max(at, q.end);
  }
  if (at < end) out += line.substr(at, end - at);
  return out;
}

struct Statement {
  std::size_t index = 0;   // into Report::amounts or Report::counts
  bool money = false;
  std::string unit;        // base unit, persons folded together
  std::size_t line = 0;
  std::size_t sentence = 0;  // byte offset of the sentence start in its line
  Stage stage = Stage::kAny;
  std::optional<std::string> year;
  std::string subject;
  std::string counted;     // counts: the noun right after the unit ("905 名困难职工发放…" -> 困难职工)
  std::vector<std::uint64_t> subject_grams, counted_grams;  // bigram_set() of the two, computed once
};

bool comparable(const Statement& a, const Statement& b) {
  if (a.money != b.money || a.unit != b.unit) return false;
  if (a.line == b.line && a.sentence == b.sentence) return false;
  if (a.stage != b.stage && a.stage != Stage::kAny && b.stage != Stage::kAny) return false;
  if (a.year && b.year && *a.year != *b.year) return false;
  // "其他商品和服务支出" is by definition not "商品和服务支出".
  if (a.subject.starts_with("其他") != b.subject.starts_with("其他")) return false;
  return true;
}

std::string base_unit_key(const Quantity& q) {
  // 名 and 人 both count persons; 万人 is scaled already.
  if (q.base_unit == "名" || q.base_unit == "人") return "人";
  return q.base_unit;
}

struct StageMarker {
  Stage stage;
  std::size_t at;  // where the marker starts in the text searched
};

// The marker that starts last in `text` (one scan back, not an rfind per marker).
std::optional<StageMarker> nearest_stage(std::string_view text) {
  for (std::size_t at = text.size(); at-- > 0;)
    for (const Marker& m : kStageMarkers)
      if (text[at] == m.word.front() && text.substr(at, m.word.size()) == m.word) return StageMarker{m.stage, at};
  return std::nullopt;
}

// What describe() has learnt of the line it is on, so that each figure costs
// the text since the last one, not its whole sentence again. Figures come in
// order; the nearest stage marker before a figure is the nearest one since
// the previous figure of its sentence, or else the previous figure's (a
// marker is a word, never part of a figure, so none straddles a figure's start).
// A sentence longer than kMaxStretchBytes starts that far before each figure,
// so its start moves along: what was found since the new start still holds.
struct LineScan {
  std::size_t line = SIZE_MAX;
  std::optional<Stage> heading;   // the stage of a short heading opening the line
  std::size_t heading_end = 0;
  std::size_t sentence = 0, scanned_to = 0;
  std::optional<StageMarker> stage;  // the nearest marker in [sentence, scanned_to), `at` in the line
};

Statement describe(const ReportText& text, std::size_t line, const Quantity& q, std::size_t index, LineScan& scan) {
  static const RE2 kYear(R"(((?:19|20)[0-9]{2})年)");
  static constexpr std::string_view kPreviousYear[] = {"上年", "上一年", "去年", "上年度"};
  const std::string_view s = text.lines.line_text(line);
  Statement st;
  st.index = index;
  st.money = q.kind == Quantity::Kind::kMoney;
  st.unit = base_unit_key(q);
  st.line = line;
  st.sentence = stretch_begin(s, q.begin, kSentenceEnds);
  if (scan.line != line) {
    scan = LineScan{};
    scan.line = line;
    scan.heading_end = stretch_end(s, 0, kSentenceEnds);
    if (utf8_length(s.substr(0, scan.heading_end)) <= kHeadingChars)
      if (auto heading = nearest_stage(s.substr(0, scan.heading_end))) scan.heading = heading->stage;
    scan.sentence = scan.scanned_to = SIZE_MAX;
  }
  if (st.sentence < scan.sentence || st.sentence > scan.scanned_to || q.begin < scan.scanned_to) {
    scan.sentence = scan.scanned_to = st.sentence;  // a new sentence: scan it from its start
    scan.stage.reset();
  } else if (scan.stage && scan.stage->at < st.sentence) {
    scan.stage.reset();  // the start moved past the marker: none lies between the two
  }
  scan.sentence = st.sentence;
  if (auto found = nearest_stage(s.substr(scan.scanned_to, q.begin - scan.scanned_to)))
    scan.stage = StageMarker{found->stage, scan.scanned_to + found->at};
  scan.scanned_to = q.begin;
  // The stage is set by the nearest marker before the figure in its sentence or,
  // when the sentence has none, by a short heading that opens the paragraph line
  // ("2.支出预算。基本支出 412.26 万元…"). Longer first sentences are text, not
  // headings: "计划财务股" in a list of offices says nothing about a count after it.
  const std::string_view before = s.substr(st.sentence, q.begin - st.sentence);
  if (scan.stage) {
    st.stage = scan.stage->stage;
  } else if (scan.heading_end < st.sentence && scan.heading) {
    st.stage = *scan.heading;
  }
  const std::size_t clause_start = stretch_begin(s, q.begin, kClauseEnds);
  for (std::string_view w : kStandardMarkers)
    if (s.substr(clause_start, q.begin - clause_start).find(w) != std::string_view::npos) st.stage = Stage::kStandard;
  re2::StringPiece in(before.data(), before.size());
  std::string year;
  if (contains(before, "年"))
    while (RE2::FindAndConsume(&in, kYear, &year)) st.year = year;
  for (std::string_view w : kPreviousYear)
    if (before.find(w) != std::string_view::npos) st.year = "previous";
  // The subject: the scanner's label, or the clause around the figure, or that and the clause before it.
  st.subject = subject_words(q.label);
  const std::vector<Quantity>& qs = text.quantities[line];
  std::size_t clause = stretch_begin(s, q.begin, kClauseEnds);
  const std::size_t clause_end = stretch_end(s, q.end, kClauseEnds);
  if (utf8_length(st.subject) < kMinSubjectChars) st.subject = subject_words(without_figures(s, clause, clause_end, qs));
  // A short subject ("发放养老金", "服务") names what was done, not for whom: the clause before says that.
  if (utf8_length(st.subject) < kSpecificSubjectChars && clause > st.sentence) {
    const std::size_t previous = std::max(stretch_begin(s, clause - 1, kClauseEnds), st.sentence);
    st.subject = subject_words(without_figures(s, previous, clause, qs)) + st.subject;
  }
  if (q.kind == Quantity::Kind::kCount) {
    std::string after = subject_words(s.substr(q.end, stretch_end(s, q.end, kClauseEnds) - q.end));
    std::size_t cut = after.size();
    for (std::string_view verb : kVerbs) cut = std::min(cut, after.find(verb));
    after.resize(cut);
    if (utf8_length(after) >= 2) st.counted = after;
  }
  return st;
}

bool counts_as_figure(const Quantity& q) {
  if (q.qualifier != Qualifier::kExact || q.range_upper || q.value.is_zero()) return false;
  // Ages and numbers of indicators or items are not amounts that can conflict.
  static constexpr std::string_view kNotFigures[] = {"岁", "周岁", "个", "项", "次"};
  return std::find(std::begin(kNotFigures), std::end(kNotFigures), q.base_unit) == std::end(kNotFigures);
}

// An upper bound of bigram_dice(a, b): as if every bigram of the smaller set were shared.
int dice_bound(const std::vector<std::uint64_t>& a, const std::vector<std::uint64_t>& b) {
  if (a.empty() || b.empty()) return 0;
  return static_cast<int>(2000 * std::min(a.size(), b.size()) / (a.size() + b.size()));
}

// The best `score` over the pairs of names two statements' subjects go by:
// subject against subject, and a count's noun (counted_grams) against either.
template <typename Score>
int best_pairing(const Statement& a, const Statement& b, Score score) {
  int best = score(a.subject_grams, b.subject_grams);
  if (!a.counted_grams.empty())
    best = std::max({best, score(a.counted_grams, b.subject_grams), score(a.counted_grams, b.counted_grams)});
  if (!b.counted_grams.empty()) best = std::max(best, score(a.subject_grams, b.counted_grams));
  return best;
}

// An upper bound of similarity(a, b), from the sizes of the bigram sets alone.
int similarity_bound(const Statement& a, const Statement& b) { return best_pairing(a, b, dice_bound); }

// How alike two statements' subjects are; a count may also be named by the noun after it.
int similarity(const Statement& a, const Statement& b) { return best_pairing(a, b, bigram_dice); }

// A statement alike to more than this many others names a kind of figure, not one figure.
constexpr std::size_t kMaxAlike = 32;
// A statement is compared with at most this many others that share a rare bigram with it.
constexpr std::size_t kMaxCandidates = 4096;

struct AlikePair {
  int similarity = 0;
  std::size_t i = 0, j = 0;  // i < j
};

// The bigrams a statement is indexed and probed by: of its subject's set and
// of its counted noun's, the rarest ones (in `frequency`, ties by value) that
// any set alike enough to it must share one of. Dice >= 0.7 between sets X
// and Y needs |X ∩ Y| >= 0.35 (|X| + |Y|) >= 0.538 |X|; so the |X| - a + 1
// rarest bigrams of X, a = floor(0.53 |X|), hold one of the common ones.
std::vector<std::uint64_t> rare_prefixes(const Statement& st,
                                         const std::unordered_map<std::uint64_t, std::size_t>& frequency) {
  std::vector<std::uint64_t> out;
  for (const auto* grams : {&st.subject_grams, &st.counted_grams}) {
    std::vector<std::uint64_t> sorted = *grams;
    std::sort(sorted.begin(), sorted.end(), [&](std::uint64_t a, std::uint64_t b) {
      return std::make_pair(frequency.at(a), a) < std::make_pair(frequency.at(b), b);
    });
    const std::size_t overlap = sorted.size() * 53 / 100;
    sorted.resize(std::min(sorted.size(), sorted.size() - overlap + 1));
    out.insert(out.end(), sorted.begin(), sorted.end());
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

// The alike pairs among `all` (i < j), each with its similarity, most alike
// first (ties in index order). Not every pair is compared: a pair alike
// enough shares a bigram among the rarest of each name's bigrams (prefix
// filtering, as set-similarity joins do: Dice >= 0.7 needs an overlap of more
// than half of either set), so each statement is compared only with the
// statements of its unit that share one of its rare bigrams, at most
// kMaxCandidates of them (`cut_short` counts the statements that had more).
// A statement alike to more than kMaxAlike others names a kind of figure
// ("预算资金"), not one figure: it joins no group.
std::vector<AlikePair> alike_pairs(const std::vector<Statement>& all, std::size_t& cut_short) {
  // Statements by unit: only those can be comparable.
  std::map<std::pair<bool, std::string>, std::vector<std::size_t>> by_unit;
  for (std::size_t i = 0; i < all.size(); ++i) by_unit[{all[i].money, all[i].unit}].push_back(i);
  std::vector<AlikePair> pairs;
  std::vector<std::size_t> degree(all.size(), 0), seen(all.size(), SIZE_MAX);
  for (const auto& [unit, members] : by_unit) {
    std::unordered_map<std::uint64_t, std::size_t> frequency;
    for (std::size_t i : members)
      for (const auto* grams : {&all[i].subject_grams, &all[i].counted_grams})
        for (std::uint64_t g : *grams) ++frequency[g];
    std::unordered_map<std::uint64_t, std::vector<std::size_t>> postings;
    for (std::size_t i : members) {
      const std::vector<std::uint64_t> probe = rare_prefixes(all[i], frequency);
      std::size_t candidates = 0;
      for (std::uint64_t g : probe) {
        const auto it = postings.find(g);
        if (it == postings.end()) continue;
        for (std::size_t j : it->second) {
          if (seen[j] == i) continue;
          seen[j] = i;
          if (++candidates > kMaxCandidates || degree[i] > kMaxAlike) break;
          if (degree[j] > kMaxAlike || !comparable(all[i], all[j]) ||
              similarity_bound(all[i], all[j]) < kSameSubject)
            continue;
          const int sim = similarity(all[i], all[j]);
          if (sim < kSameSubject) continue;
          pairs.push_back(AlikePair{sim, j, i});
          ++degree[i];
          ++degree[j];
        }
        if (candidates > kMaxCandidates || degree[i] > kMaxAlike) break;
      }
      if (candidates > kMaxCandidates) ++cut_short;
      if (degree[i] > kMaxAlike) continue;
      for (std::uint64_t g : probe) postings[g].push_back(i);
    }
  }
  std::erase_if(pairs, [&](const AlikePair& p) { return degree[p.i] > kMaxAlike || degree[p.j] > kMaxAlike; });
  std::sort(pairs.begin(), pairs.end(), [](const AlikePair& a, const AlikePair& b) {
    return std::tie(b.similarity, a.i, a.j) < std::tie(a.similarity, b.i, b.j);
  });
  return pairs;
}

}  // namespace

RepeatedFigures find_repeated_figures(const ReportText& text, const Report&) {
  std::vector<Statement> all;
  std::size_t money_index = 0, count_index = 0;
  LineScan scan;
  for (std::size_t line = 0; line < text.quantities.size(); ++line) {
    for (const Quantity& q : text.quantities[line]) {
      const bool money = q.kind == Quantity::Kind::kMoney;
      const std::size_t index = money ? money_index++ : count_index++;
      if (!counts_as_figure(q)) continue;
      Statement st = describe(text, line, q, index, scan);
      if (st.stage == Stage::kPlan || st.stage == Stage::kStandard) continue;
      if (utf8_length(st.subject) < kMinSubjectChars) continue;
      st.subject_grams = bigram_set(st.subject);
      st.counted_grams = bigram_set(st.counted);
      all.push_back(std::move(st));
    }
  }
  // Complete linkage, most alike pairs first: two groups merge only when every
  // statement of one is comparable with, and alike enough to, every statement of
  // the other. A list printed twice stays apart item by item, because two items
  // of one copy share a sentence and are never comparable; and no chain of
  // look-alikes joins 工资福利支出 to 商品和服务支出.
  RepeatedFigures result;
  const std::vector<AlikePair> pairs = alike_pairs(all, result.cut_short);
  const std::size_t n = all.size();
  auto key = [n](std::size_t i, std::size_t j) { return i < j ? i * n + j : j * n + i; };
  std::unordered_set<std::size_t> alike;
  for (const AlikePair& p : pairs) alike.insert(key(p.i, p.j));
  std::vector<std::size_t> group(n);
  std::vector<std::vector<std::size_t>> members(n);
  for (std::size_t i = 0; i < n; ++i) {
    group[i] = i;
    members[i] = {i};
  }
  const auto all_alike = [&](std::size_t a, std::size_t b) {
    for (std::size_t x : members[a])
      for (std::size_t y : members[b])
        if (!alike.contains(key(x, y))) return false;
    return true;
  };
  for (const AlikePair& p : pairs) {
    const std::size_t a = group[p.i], b = group[p.j];
    if (a == b || !all_alike(a, b)) continue;
    for (std::size_t y : members[b]) {
      group[y] = a;
      members[a].push_back(y);
    }
    members[b].clear();
  }
  std::map<std::size_t, RepeatedFigure> groups;
  for (std::size_t i = 0; i < n; ++i) {
    RepeatedFigure& g = groups[group[i]];
    if (g.statements.empty()) {
      g.subject = all[i].subject;
      g.money = all[i].money;
    }
    g.statements.push_back(all[i].index);
  }
  for (auto& [r, g] : groups)
    if (g.statements.size() >= 2) result.figures.push_back(std::move(g));
  std::sort(result.figures.begin(), result.figures.end(), [](const RepeatedFigure& a, const RepeatedFigure& b) {
    return std::make_pair(!a.money, a.statements.front()) < std::make_pair(!b.money, b.statements.front());
  });
  return result;
}

}  // namespace jixiao::normalize::internal
