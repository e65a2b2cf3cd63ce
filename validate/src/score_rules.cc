// The score.* rules that recompute the indicator tree: sums, rates, maxima,
// cross-source agreement and indicator counts.

#include <algorithm>
#include <map>

#include "checks.h"
#include "jixiao/text/text.h"

namespace jixiao::validate::internal {
namespace {

using Field = std::optional<Decimal> Observation::*;

struct FieldInfo {
  Field field;
  const char* zh;
  const char* en;
};

constexpr FieldInfo kFields[] = {
    {&Observation::max, "满分", "max"},
    {&Observation::score, "得分", "score"},
};

// How each kind of source is called in the Chinese half of a message.
std::string source_zh(model::SourceKind kind) {
  using model::SourceKind;
  switch (kind) {
    case SourceKind::kResultsTable: return "评分结果表";
    case SourceKind::kSubtotalRow: return "小计/合计行";
    case SourceKind::kSummaryTable: return "汇总表";
    case SourceKind::kNarrative: return "正文";
    case SourceKind::kLevel1Statement: return "一级指标陈述";
    case SourceKind::kTotalStatement: return "总分陈述";
    case SourceKind::kAnnexTable: return "附表";
    case SourceKind::kEnumeration: return "列举句";
  }
  return "";
}

const Indicator& node(const Report& r, int index) { return index < 0 ? r.total : r.indicators[index]; }

// Each indicator's children (-1: the level-1 indicators), found once:
// Report::children looks at every indicator, and a rule that asked it for
// every indicator of a 50,000-row table would look 2.5 billion times.
class Children {
 public:
  explicit Children(const Report& r) : of_(r.indicators.size() + 1) {
    for (int i = 0; i < static_cast<int>(r.indicators.size()); ++i) {
      const Indicator& ind = r.indicators[i];
      if (ind.parent >= static_cast<int>(r.indicators.size())) continue;
      if (ind.parent >= 0 || (ind.parent == -1 && ind.level == 1)) of_[ind.parent + 1].push_back(i);
    }
  }
  const std::vector<int>& operator()(int index) const { return of_[index + 1]; }

 private:
  std::vector<std::vector<int>> of_;
};

// Sums need no tolerance when every figure is a whole or half point as scored;
// figures printed with two or more decimals are rounded, and their rounding adds up.
Decimal sum_tolerance(const std::vector<Decimal>& parts, const Decimal& stated) {
  bool rounded = stated.scale() >= 2;
  for (const Decimal& p : parts) rounded = rounded || p.scale() >= 2;
  Decimal tol;
  if (!rounded) return tol;
  tol = stated.half_unit();
  for (const Decimal& p : parts) tol = tol.checked_add(p.half_unit()).value_or(tol);
  return tol;
}

std::string level_word(int level) {
  static const char* kWords[] = {"总分", "一级指标", "二级指标", "三级指标"};
  return level >= 0 && level <= 3 ? kWords[level] : "指标";
}

void report_sum(const Report& r, int parent, int child_level, const FieldInfo& f, const Observation& stated_obs,
                const std::vector<const Observation*>& parts, Findings& out, const char* scope_zh,
                const char* scope_en) {
  std::vector<Decimal> values;
  Decimal sum;
  for (const Observation* p : parts) {
    values.push_back(*(p->*f.field));
    const auto next = sum.checked_add(*(p->*f.field));
    if (!next) return;  // figures beyond any real report: nothing to check
    sum = *next;
  }
  const Decimal stated = *(stated_obs.*f.field);
  const Decimal tol = sum_tolerance(values, stated);
  if (text::within(sum, stated, tol)) return;
  Finding fd;
  fd.rule = "score.sum";
  fd.severity = Severity::kError;
  fd.stated = stated.to_string();
  fd.computed = sum.to_string();
  if (!tol.is_zero()) fd.tolerance = tol.to_string();
  fd.message = std::string(scope_zh) + level_word(child_level) + f.zh + "合计 " + sum.to_string() + " ≠ " +
               describe(r, parent) + " " + f.zh + " " + stated.to_string() + " (" + scope_en + "the level-" +
               std::to_string(child_level) + " " + f.en + "s under " + describe(r, parent) + " add up to " +
               sum.to_string() + ", but " + stated.to_string() + " is stated)";
  fd.spans.push_back(stated_obs.span);
  for (const Observation* o : parts) fd.spans.push_back(o->span);
  out.add(std::move(fd));
}

// The observation of `ind` from table `table` that states `field`: a row of
// that table, not a sentence that restates it.
const Observation* in_table(const Indicator& ind, int table, Field field) {
  for (const Observation& o : ind.observations)
    if (o.table == table && (o.*field) &&
        (o.kind == model::SourceKind::kResultsTable || o.kind == model::SourceKind::kSummaryTable ||
         o.kind == model::SourceKind::kSubtotalRow))
      return &o;
  return nullptr;
}

// The rows of the tree under `parent` down to `depth`: the indicators of that
// level, and the indicators above it that have no children (a form's budget
// score is a level-1 row beside level-3 rows).
std::vector<int> rows_down_to(const Report& r, const Children& children, int parent, int depth) {
  std::vector<int> rows;
  for (int i = 0; i < static_cast<int>(r.indicators.size()); ++i) {
    const Indicator& ind = r.indicators[i];
    if (ind.level > depth || (ind.level < depth && !children(i).empty())) continue;
    int a = i;
    while (a >= 0 && a != parent) a = r.indicators[a].parent;
    if (a == parent) rows.push_back(i);
  }
  return rows;
}

// A stated score above what the rows allow: those whose score was read count
// with it, the others with their max. Only where the rows' maxima add up to
// the stated max, so that no row of the table can be missing from the tree; a
// form's header states its total without a max, which is then the 100 points
// every self-evaluation form is scored out of.
void check_score_bound(const Report& r, const Children& children, int parent, const Observation& row,
                       Findings& out) {
  if (!row.score || (!row.max && parent >= 0)) return;
  const Decimal stated_max = row.max ? *row.max : Decimal::from_int(100);
  Decimal bound, maxima;
  std::vector<extract::SourceSpan> spans;
  bool unread = false;
  for (int i : rows_down_to(r, children, parent, 3)) {
    const Observation* max = in_table(r.indicators[i], row.table, &Observation::max);
    if (!max) return;
    const Observation* score = in_table(r.indicators[i], row.table, &Observation::score);
    unread = unread || !score;
    const auto b = bound.checked_add(score ? *score->score : *max->max);
    const auto m = maxima.checked_add(*max->max);
    if (!b || !m) return;
    bound = *b;
    maxima = *m;
    spans.push_back(max->span);
  }
  if (!unread || maxima != stated_max || !(bound < *row.score)) return;
  Finding fd;
  fd.rule = "score.sum";
  fd.severity = Severity::kError;
  fd.stated = row.score->to_string();
  fd.computed = "≤" + bound.to_string();
  fd.message = describe(r, parent) + " 得分 " + fd.stated + " 超过各行得分（未读出得分的行按满分计）之和 " +
               bound.to_string() + " (the stated score " + fd.stated + " exceeds " + bound.to_string() +
               ", the rows' scores with each row whose score was not read counted at its max)";
  fd.spans.push_back(row.span);
  fd.spans.insert(fd.spans.end(), spans.begin(), spans.end());
  out.add(std::move(fd));
}

// True when the rows of table `table` under `parent` down to `depth` all state
// a max and their maxima add up to `total`.
bool maxima_make(const Report& r, const Children& children, int parent, int table, int depth,
                 const Decimal& total) {
  Decimal sum;
  for (int i : rows_down_to(r, children, parent, depth)) {
    const Observation* m = in_table(r.indicators[i], table, &Observation::max);
    if (!m) return false;
    const auto next = sum.checked_add(*m->max);
    if (!next) return false;
    sum = *next;
  }
  return sum == total;
}

// Each table's subtotal and total rows against the rows above them in that table.
void check_table_sums(const Report& r, const Children& children, Findings& out) {
  for (int parent = -1; parent < static_cast<int>(r.indicators.size()); ++parent) {
    for (const Observation& row : node(r, parent).observations) {
      if (row.kind != model::SourceKind::kSubtotalRow || row.table < 0) continue;
      for (const FieldInfo& f : kFields) {
        if (!(row.*f.field)) continue;
        // The rows right above: the shallowest level under `parent` that this table
        // states for every indicator of that level (level-2 rows often print no score).
        bool checked = false;
        for (int depth = node(r, parent).level + 1; depth <= 3 && !checked; ++depth) {
          std::vector<const Observation*> parts;
          bool complete = true;
          for (int i : rows_down_to(r, children, parent, depth)) {
            const Observation* o = in_table(r.indicators[i], row.table, f.field);
            if (!o) { complete = false; break; }
            parts.push_back(o);
          }
          if (!complete || parts.empty()) continue;
          // A total stated without its max (a form's header field) is compared
          // only with rows whose maxima make up the form's 100 points: otherwise
          // a block the readers missed (the budget's score) would be a false gap.
          if (!row.max && !maxima_make(r, children, parent, row.table, depth, Decimal::from_int(100))) continue;
          report_sum(r, parent, depth, f, row, parts, out, "表中", "in this table, ");
          checked = true;
        }
        if (!checked && f.field == &Observation::score) check_score_bound(r, children, parent, row, out);
      }
    }
  }
}

}  // namespace

std::string describe(const Report& report, int index) {
  if (index < 0) return "总分";
  std::string out;
  for (const std::string& n : report.path(index)) {
    if (!out.empty()) out += " / ";
    out += n;
  }
  return out;
}

const Observation* canonical(const Indicator& ind, Field field) {
  const Observation* best = nullptr;
  for (const Observation& o : ind.observations) {
    if (!(o.*field)) continue;
    if (!best || static_cast<int>(o.kind) < static_cast<int>(best->kind)) best = &o;
  }
  return best;
}

std::string role(std::string_view word, const model::BudgetFigure& figure) {
  std::string out(word);
  if (!figure.label.empty()) out += ": " + figure.label;
  return out;
}

std::string percent(const Decimal& d) { return d.to_string() + "%"; }

void check_sums(const Report& r, Findings& out) {
  const Children children(r);
  // The tree, with each indicator's canonical figures.
  for (int parent = -1; parent < static_cast<int>(r.indicators.size()); ++parent) {
    const std::vector<int>& kids = children(parent);
    if (kids.empty()) continue;
    for (const FieldInfo& f : kFields) {
      const Observation* stated = canonical(node(r, parent), f.field);
      if (!stated) continue;
      std::vector<const Observation*> parts;
      for (int k : kids) {
        const Observation* o = canonical(r.indicators[k], f.field);
        if (!o) { parts.clear(); break; }
        parts.push_back(o);
      }
      if (parts.size() != kids.size()) continue;
      report_sum(r, parent, node(r, parent).level + 1, f, *stated, parts, out, "", "");
    }
  }
  check_table_sums(r, children, out);
}

void check_rates(const Report& r, Findings& out) {
  auto check = [&](int index, const Observation& o) {
    if (!o.rate || !o.max || !o.score || o.max->is_zero()) return;
    // |score x 100 - rate x max| <= half_unit(rate) x max
    const Decimal hundred = Decimal::from_int(100);
    const auto lhs_or = o.score->checked_mul(hundred);
    const auto rhs = o.rate->checked_mul(*o.max);
    const auto tol = o.rate->half_unit().checked_mul(*o.max);
    if (!lhs_or || !rhs || !tol) return;  // figures beyond any real report: nothing to check
    const Decimal lhs = *lhs_or;
    if (text::within(lhs, *rhs, *tol)) return;
    const auto computed = lhs.divided_by(*o.max, std::max(o.rate->scale(), 2));
    Finding f;
    f.rule = "score.rate";
    f.severity = Severity::kError;
    f.stated = percent(*o.rate);
    f.computed = computed ? percent(*computed) : "";
    f.tolerance = percent(o.rate->half_unit());  // in percentage points
    f.message = describe(r, index) + " 得分率 " + f.stated + " ≠ " + o.score->to_string() + "/" +
                o.max->to_string() + " = " + f.computed + " (printed rate " + f.stated + " differs from score/max " +
                f.computed + " by more than its precision ±" + f.tolerance + ")";
    f.spans.push_back(o.span);
    out.add(std::move(f));
  };
  for (const Observation& o : r.total.observations) check(-1, o);
  for (int i = 0; i < static_cast<int>(r.indicators.size()); ++i)
    for (const Observation& o : r.indicators[i].observations) check(i, o);
}

void check_exceeds_max(const Report& r, Findings& out) {
  auto check = [&](int index, const Indicator& ind) {
    const Observation* max_obs = canonical(ind, &Observation::max);
    for (const Observation& o : ind.observations) {
      if (!o.score) continue;
      const Observation* m = o.max ? &o : max_obs;
      const bool negative = o.score->sign() < 0;
      if (!negative && (!m || *o.score <= *m->max)) continue;
      Finding f;
      f.rule = "score.exceeds-max";
      f.severity = Severity::kError;
      f.stated = o.score->to_string();
      f.computed = negative ? "0" : m->max->to_string();
      f.message = negative ? describe(r, index) + " 得分为负数 " + f.stated + " (negative score " + f.stated + ")"
                           : describe(r, index) + " 得分 " + f.stated + " 超过满分 " + f.computed + " (score " +
                                 f.stated + " exceeds the max " + f.computed + ")";
      f.spans.push_back(o.span);
      if (m && m != &o) f.spans.push_back(m->span);
      out.add(std::move(f));
    }
  };
  check(-1, r.total);
  for (int i = 0; i < static_cast<int>(r.indicators.size()); ++i) check(i, r.indicators[i]);
}

void check_cross_source(const Report& r, Findings& out) {
  using model::SourceKind;
  auto check = [&](int index, const Indicator& ind) {
    for (const FieldInfo& f : kFields) {
      const Observation* ref = canonical(ind, f.field);
      if (!ref) continue;
      for (const Observation& o : ind.observations) {
        if (&o == ref || !(o.*f.field) || *(o.*f.field) == *(ref->*f.field)) continue;
        Finding fd;
        fd.rule = "score.cross-source";
        fd.severity = Severity::kError;
        fd.stated = (o.*f.field)->to_string();
        fd.computed = (ref->*f.field)->to_string();
        const std::string where(model::source_kind_name(o.kind));
        const std::string ref_where(model::source_kind_name(ref->kind));
        fd.message = describe(r, index) + " " + f.zh + "在" + source_zh(o.kind) + "中为 " + fd.stated + "，在" +
                     source_zh(ref->kind) + "中为 " + fd.computed + " (" + f.en + " of " + describe(r, index) + " is " + fd.stated +
                     " in the " + where + " but " + fd.computed + " in the " + ref_where + ")";
        fd.spans.push_back(o.span);
        fd.spans.push_back(ref->span);
        // Every other place that agrees with the reference, so the auditor sees the majority.
        for (const Observation& same : ind.observations)
          if (&same != ref && &same != &o && (same.*f.field) && *(same.*f.field) == *(ref->*f.field))
            fd.spans.push_back(same.span);
        out.add(std::move(fd));
      }
    }
    if (index < 0) return;
    // Names: every place that names the indicator should print the same name.
    for (const Observation& o : ind.observations) {
      if (o.kind == SourceKind::kSubtotalRow || o.kind == SourceKind::kTotalStatement || o.name.empty()) continue;
      if (text::name_key(o.name) == text::name_key(ind.name)) continue;
      Finding fd;
      fd.rule = "score.cross-source";
      fd.severity = Severity::kWarning;
      fd.stated = o.name;
      fd.computed = ind.name;
      const std::string where(model::source_kind_name(o.kind));
      std::string note_zh, note_en;
      if (ind.level == 1 && o.kind == SourceKind::kLevel1Statement) {
        note_zh = "；该句位于“" + ind.name + "”部分";
        note_en = "; the statement stands in the " + ind.name + " section";
      }
      fd.message = describe(r, index) + " 在" + source_zh(o.kind) + "中名为“" + o.name + "”" + note_zh + " (" + describe(r, index) +
                   " is named \"" + o.name + "\" in the " + where + note_en + ")";
      fd.spans.push_back(o.span);
      if (const Observation* ref = canonical(ind, &Observation::max)) fd.spans.push_back(ref->span);
      out.add(std::move(fd));
    }
  };
  check(-1, r.total);
  for (int i = 0; i < static_cast<int>(r.indicators.size()); ++i) check(i, r.indicators[i]);

  for (const model::UnmatchedIndicator& u : r.unmatched) {
    Finding fd;
    fd.rule = "score.cross-source";
    fd.severity = Severity::kWarning;
    fd.stated = u.observation.name;
    fd.computed = "";
    const std::string where(model::source_kind_name(u.observation.kind));
    std::string max = u.observation.max ? "（" + u.observation.max->to_string() + " 分）" : "";
    fd.message = "“" + u.observation.name + "”" + max + "只见于" + source_zh(u.observation.kind) + "，评分表中没有该指标 (indicator \"" +
                 u.observation.name + "\" appears in the " + where + " but not in the score table" +
                 (u.parent_name.empty() ? "" : ", under " + u.parent_name) + ")";
    fd.spans.push_back(u.observation.span);
    out.add(std::move(fd));
  }
}

// The count of a level rests on which rows a table has: the first row of
// that level whose table structure was inferred (aligned columns), if any,
// so that a count over such a table is no error. A repaired wrap moves a
// piece of a name between rows but makes or removes none, so it leaves the
// count exact.
const extract::SourceSpan* guessed_row(const Report& r, int level) {
  for (const Indicator& ind : r.indicators) {
    if (ind.level != level) continue;
    for (const model::Observation& o : ind.observations)
      if (o.table >= 0 && o.span.reading == extract::Reading::kAlignedColumns) return &o.span;
  }
  return nullptr;
}

void check_counts(const Report& r, Findings& out) {
  int tree[4] = {0, 0, 0, 0};
  for (const Indicator& ind : r.indicators)
    if (ind.level >= 1 && ind.level <= 3) ++tree[ind.level];
  if (tree[1] == 0) return;
  for (const model::IndicatorCountStatement& c : r.count_statements) {
    const std::optional<int> stated[4] = {std::nullopt, c.level1, c.level2, c.level3};
    for (int level = 1; level <= 3; ++level) {
      if (!stated[level] || *stated[level] == tree[level]) continue;
      Finding f;
      f.rule = "indicator.count";
      f.severity = Severity::kError;
      f.stated = std::to_string(*stated[level]);
      f.computed = std::to_string(tree[level]);
      f.message = "报告称" + level_word(level) + " " + f.stated + " 个，指标体系中有 " + f.computed +
                  " 个 (the report states " + f.stated + " level-" + std::to_string(level) +
                  " indicators; its score table has " + f.computed + ")";
      f.spans.push_back(c.span);
      if (const extract::SourceSpan* guess = guessed_row(r, level)) f.spans.push_back(*guess);
      out.add(std::move(f));
    }
  }
}

}  // namespace jixiao::validate::internal
