#include "jixiao/validate/rules.h"

namespace jixiao::validate {

using model::Severity;

const std::vector<RuleInfo>& rule_catalogue() {
  static const std::vector<RuleInfo> kRules = {
      {"score.sum", Severity::kError, "children's max or score do not add up to their parent's",
       "Recomputes every level of the indicator tree: the level-3 maxima and scores under a level-2 "
       "indicator must add up to its max and score, level 2 to level 1, and level 1 to the total. "
       "Subtotal rows (投入指标得分, 小计) and the total row (合计) of each table are also checked against "
       "the rows above them in that table (a self-evaluation form's 总分 against its level-3 rows and its "
       "budget block's 得分). Scores are exact points, so the sums must agree exactly unless "
       "figures are printed with two or more decimals, in which case their rounding is allowed for. Where "
       "some rows' scores were not read, a stated total above the read scores plus those rows' maxima is "
       "an error too (only when the rows' maxima add up to the stated max, so that no row is missing)."},
      {"score.rate", Severity::kError, "a printed 得分率 differs from score / max",
       "For every row or statement that prints a 得分率 next to a score and a max, recomputes "
       "score / max x 100 and compares it with the printed rate within the rate's printed precision "
       "(33.3% stands for 33.25%..33.35%, 81% for 80.5%..81.5%)."},
      {"score.exceeds-max", Severity::kError, "a score above its max, or negative",
       "An indicator, a subtotal or the total whose score is larger than its max (满分/分值) or below zero."},
      {"score.grade", Severity::kError, "the grade word does not match the total under the bands",
       "Places the total score in the report's own grade bands (or, when the report states none, the "
       "national bands 优 >=90, 良 80-<90, 中 60-<80, 差 <60) and compares the band's grade with the stated "
       "grade word; abbreviations match (良 = 良好, 差 = 较差). A total that falls where the report's own "
       "bands overlap and matches one of them is a warning (the grade is ambiguous), not an error."},
      {"score.grade-bands", Severity::kError, "the report's own grade bands have a gap or an overlap",
       "Checks that the grade bands the report defines cover every total from 0 to the maximum exactly "
       "once, honouring 含/以上/以下/≤/< at each end: a total that belongs to no grade is a gap, a total "
       "that belongs to two grades is an overlap."},
      {"score.cross-source", Severity::kError,
       "the same indicator has a different name, max or score in two places",
       "Every place an indicator is stated (summary table, results table, subtotal row, narrative "
       "statement, level-1 statement, enumeration, annex) is compared with the results table. A different "
       "max or score is an error; a differently printed name, and an indicator that appears only in the "
       "annex or only in the narrative, are warnings."},
      {"indicator.count", Severity::kError, "a stated number of indicators differs from the tree",
       "Compares statements such as 一级指标 4 个，二级指标 11 个，三级指标 34 个 with the number of "
       "indicators of each level in the indicator tree read from the score tables."},
      {"budget.rate", Severity::kError, "a printed 执行率 differs from executed / budget",
       "For every budget line (预算数 / 执行数 or 实际支出 / 执行率 in a sentence, or a row of a 预算数/执行数/执行率 "
       "table) recomputes executed / budget x 100 and compares it with the printed rate using interval "
       "arithmetic: the rate stands for +-half a unit of its last printed digit, and amounts printed with "
       "decimals for +-half a unit of theirs (47.60 万元 means 47.595..47.605 万元). A rate outside every value "
       "the figures allow is an error; one that only a rounded whole-number amount reconciles is a warning. A rate "
       "that names a budget stated in another sentence (完成年初预算的 7.9% with “三公经费”年初预算安排 2 万元 "
       "elsewhere) is checked against that budget: an error when its label names the same budget (年初预算…), "
       "otherwise a warning (the base was found elsewhere; its scope may differ). A self-evaluation form's budget "
       "block gives one line per row (全年预算数, 全年执行数, 执行率)."},
      {"budget.score", Severity::kWarning, "a form's budget score differs from 分值 x 执行率",
       "A self-evaluation form (项目支出绩效自评表) scores its budget block by the execution rate: 得分 = 分值 x "
       "执行率, at most 分值. A score outside that value, within the printed precision of the score and the rate, "
       "is a warning: forms also round to half points, give full marks above a threshold or cap the score."},
      {"budget.sum", Severity::kError, "listed parts do not add up to their stated total",
       "For every total the report breaks down (其中 / 主要用于 / 包括 …, also over several sentences and with "
       "parenthesised sub-lists such as 基本支出 1441.00 万元（人员经费 …、公用经费 …）) adds the parts in one unit "
       "with interval arithmetic: each figure stands for +-half a unit of its last printed digit, so 656.77 + "
       "14535.8 + … = 47213.46 agrees with 47213.5 (+-0.11). Parts that cannot reach the total are an error; "
       "when the list says it is incomplete (主要用于, 等) parts short of the total are a warning unless they cover "
       "less than half of it, approximate figures (约, 余) make a difference a warning, and a difference a "
       "rounded whole number of 万元 explains is a warning."},
      {"budget.change", Severity::kError, "a stated change differs from the two amounts it compares",
       "For every statement that an amount rose or fell against another year (比上年增长 12.5%, 比2019年增加2.54万元) "
       "finds the two amounts (in the sentence, a comparison table or another section) and recomputes the change "
       "with interval arithmetic. A different change is an error, and so is a change that implies an impossible "
       "base (a negative previous-year budget); when a base is found only by its label elsewhere, a difference "
       "is a warning (the scope may differ)."},
      {"budget.per-unit", Severity::kError, "count x standard differs from the amount paid",
       "For statements that pay a standard per person or case (一次性发放丧葬补助金600元 … 为2635名死亡人员遗属发放"
       "丧葬补助金158万元) multiplies count by standard and compares the product with the amount. A standard stated "
       "as a bound (不低于每人每年31.8元) makes the amount a bound: only an amount below count x standard is "
       "flagged. A difference a rounded whole number of 万元 explains is a warning."},
      {"figure.conflict", Severity::kError, "one quantity stated with different values in different places",
       "Groups the amounts and counts that state the same quantity (same subject and unit, the same stage: a plan "
       "or forecast is not compared with an actual, nor one year with another) and flags values that disagree "
       "beyond printed precision. Counts of persons are exact; 158 万元 against 158.1 万元 is a warning (the "
       "whole number may be rounded), and so is a pair whose subjects differ in scope."},
      {"table.uncertain", Severity::kWarning, "a score table was read in part by a guess",
       "One warning per score table whose rows were not all read exactly: a PDF table without ruling lines "
       "(columns inferred from how its words line up), a row a page break cut, a ruled row holding several "
       "records, or a wrapped name that could be joined to more than one row. It names every such row and the "
       "guess. Any finding that rests on a figure of those rows is a warning, never an error (precision first)."},
      {"table.unread-row", Severity::kWarning, "a score table has rows with figures that were not read",
       "One warning per score table with rows that state a figure but could not be read as an indicator's row "
       "(a name cell that reads as a sentence, a score cell holding words). It names every such row. The "
       "table's sums and counts miss those rows, so a score.sum or indicator.count finding that rests on the "
       "table is a warning that names the row, never an error (precision first)."},
  };
  return kRules;
}

const RuleInfo* find_rule(std::string_view id) {
  for (const RuleInfo& r : rule_catalogue())
    if (r.id == id) return &r;
  return nullptr;
}

}  // namespace jixiao::validate
