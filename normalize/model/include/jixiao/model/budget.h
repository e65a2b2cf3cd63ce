#pragma once
// Money and counts the report relates to each other, read so the validate
// stage can recompute them:
//   BudgetLine       预算数 / 执行数 / 执行率                "全年预算数 88 万元，全面执行数 88 万元，执行率 100%"
//   Breakdown        a total and the parts listed for it     "预算资金为47213.5万元。其中，基本支出…"
//   StatedChange     a change against another year           "比上年增长 12.5%", "比2019年增加2.54万元"
//   PerUnitStatement count x standard = amount               "600元 … 为2635名死亡人员遗属发放…158万元"
//   RepeatedFigure   one quantity stated in several places   "2635 名死亡人员" / "死亡人员 2634 人"
// Every figure keeps its printed value and precision, its unit's power of
// ten, and the span it was read from.

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "jixiao/extract/source_span.h"
#include "jixiao/text/decimal.h"
#include "jixiao/text/quantity.h"

namespace jixiao::model {

// One figure: the number as printed, its unit's power of ten (4 for 万元, 4
// for 万人; yuan and persons are 0), what the report calls it, and where it stands.
struct BudgetFigure {
  text::Decimal value;        // as printed, in its unit
  int exponent = 0;           // value x 10^exponent base units
  extract::SourceSpan span;
  std::string label;          // "工资福利支出", "“三公经费”年初预算安排"
  text::Qualifier qualifier = text::Qualifier::kExact;
};

struct BudgetLine {
  std::string label;          // the project or item, or the sentence's label for the budget
  BudgetFigure budget;        // 预算数
  BudgetFigure executed;      // 执行数 / 实际支出 / 决算数
  text::Decimal rate;         // 执行率 as printed, in percent
  extract::SourceSpan rate_span;
  // The words of rate_span as the readers saw them (normalized: full-width and
  // traditional characters folded), for rules that look at what the rate names.
  std::string rate_words;
  bool from_table = false;
  // The budget is stated in another sentence than the rate ("完成年初预算的7.9%"
  // with "“三公经费”年初预算安排 2 万元" elsewhere): a different scope could explain a difference.
  bool budget_elsewhere = false;
  // A self-evaluation form scores its budget block: 分值 and 得分 of the
  // 年度资金总额 row, which the form derives from the rate (得分 ≈ 分值 × 执行率).
  std::optional<text::Decimal> max, score;
  extract::SourceSpan score_span;
};

// A stated total and the parts the report lists under it ("其中", "主要用于",
// "包括"). Parts may themselves be broken down ("基本支出 1441.00 万元（人员经费
// 1284.62 万元、公用经费 156.38 万元）"): such a sub-list is a Breakdown of its own,
// and only the part (1441.00) counts towards the outer total.
struct Breakdown {
  BudgetFigure total;
  std::vector<BudgetFigure> parts;
  std::string connective;     // the word that introduces the parts: "其中", "主要用于"
  // The words allow an incomplete list ("主要用于", "主要包括", "等"): parts
  // short of the total are then a warning, parts above it still an error.
  bool partial = false;
};

// A stated change of an amount between two years: "2024年部门预算收入比上年增长 12.5%",
// "2020年“三公”经费预算比2019年增加2.54万元". The two amounts are found in the
// sentence, or elsewhere in the report (a comparison table, another section).
struct StatedChange {
  enum class Kind { kPercent, kAmount };
  Kind kind = Kind::kPercent;
  std::string label;                     // the amount that changed: "部门预算收入"
  text::Decimal stated;                  // the magnitude as printed: 12.5 (percent) or 2.54
  int exponent = 0;                      // kAmount: the unit's power of ten
  bool increase = true;                  // 增长/增加/提高 vs 下降/减少/降低
  extract::SourceSpan span;              // the statement of the change
  std::optional<BudgetFigure> current;   // this year's amount
  std::optional<BudgetFigure> previous;  // the other year's amount
};

// count x standard = amount: "一次性发放丧葬补助金600元，共为2635名死亡人员遗属发放
// 丧葬补助金158万元". A standard stated as a bound ("标准不低于每人每年31.8元")
// makes the amount a bound too.
struct PerUnitStatement {
  BudgetFigure count;         // exponent 4 for 万人
  BudgetFigure standard;      // money per unit
  BudgetFigure amount;        // the total paid
  text::Qualifier bound = text::Qualifier::kExact;  // kAtLeast: amount >= count x standard
  std::string basis;          // how the standard is stated: "每人每年", "一次性"
};

// One quantity stated in several places (same subject, same unit, same stage:
// not a plan against an actual, not two years): each statement is an index into
// Report::amounts (money) or Report::counts.
struct RepeatedFigure {
  std::string subject;                 // "死亡人员", "康复服务"
  bool money = false;
  std::vector<std::size_t> statements;
};

}  // namespace jixiao::model
