#pragma once
// Budget lines: a budget, what was executed of it, and the rate the report
// prints for the two ("全年预算数 88 万元，全面执行数 88 万元，执行率 100%", or a
// row of a 预算数/执行数/执行率 table). The validate stage recomputes the rate.

#include <optional>
#include <string>
#include <vector>

#include "jixiao/extract/source_span.h"
#include "jixiao/normalize/decimal.h"

namespace jixiao::normalize {

// One figure of a budget line: the number as printed, its unit's power of ten
// in yuan (4 for 万元), and where it stands.
struct BudgetFigure {
  Decimal value;              // as printed, in its unit
  int exponent = 0;           // value x 10^exponent yuan
  extract::SourceSpan span;
};

struct BudgetLine {
  std::string label;          // the project or item, or the sentence's label for the budget
  BudgetFigure budget;        // 预算数
  BudgetFigure executed;      // 执行数 / 实际支出 / 决算数
  Decimal rate;               // 执行率 as printed, in percent
  extract::SourceSpan rate_span;
  bool from_table = false;
};

}  // namespace jixiao::normalize
