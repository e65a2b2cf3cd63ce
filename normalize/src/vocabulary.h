#pragma once
// Internal to normalize/: the words the table and figure readers recognise,
// in one place. A new report family that prints 标准分值 for 分值 or 决算数 for
// 执行数 is one line here, not a literal to find in four readers.

#include <string_view>

namespace jixiao::normalize::vocabulary {

// ---- score tables -------------------------------------------------------------

enum class Column { kSerial, kName, kMax, kScore, kRate, kTarget, kActual, kOther };

struct ScoreHeaderWord {
  std::string_view key;  // name_key of the header cell
  Column column;
  int level;             // for kName: 1..3, or 0 when rows carry outline numbering
};

// Header cells of score tables. Anything else is an "other" column (rules, remarks).
inline constexpr ScoreHeaderWord kScoreHeaderWords[] = {
    {"序号", Column::kSerial, 0},     {"一级指标", Column::kName, 1},
    {"二级指标", Column::kName, 2},   {"三级指标", Column::kName, 3},
    {"评价维度", Column::kName, 1},   {"评价指标", Column::kName, 0},
    {"指标名称", Column::kName, 0},   {"指标", Column::kName, 0},
    {"满分", Column::kMax, 0},        {"分值", Column::kMax, 0},
    {"指标分值", Column::kMax, 0},    {"权重", Column::kMax, 0},
    {"标准分", Column::kMax, 0},      {"标准分值", Column::kMax, 0},
    {"得分", Column::kScore, 0},      {"评价得分", Column::kScore, 0},
    {"实际得分", Column::kScore, 0},  {"得分率", Column::kRate, 0},
};

// Labels of the total row of a score table.
inline constexpr std::string_view kTotalLabels[] = {"合计", "总计", "总分", "合计得分", "总得分", "综合得分"};

// ---- budget tables and sentences ----------------------------------------------

// A budget table's columns: the header cell that contains one of these words.
inline constexpr std::string_view kBudgetColumnWords[] = {"预算"};
inline constexpr std::string_view kExecutedColumnWords[] = {"执行数", "实际支出", "决算数"};
inline constexpr std::string_view kRateColumnWords[] = {"执行率", "完成率"};
// The unit a header cell states for its column ("预算数（万元）").
inline constexpr std::string_view kTenThousandYuan = "万元";

// Labels that make an amount the money spent, not the money budgeted.
inline constexpr std::string_view kExecutedWords[] = {"执行数",   "执行金额", "实际支出",     "决算数", "完成数",
                                                      "实际完成", "支出数",   "实际采购金额", "决算"};

// ---- self-evaluation forms (项目支出绩效自评表, 部门整体支出绩效自评表) ----------------
// Kept as one block: the form reader's words (score_table.cc, form_budget.cc).

// Header cells of a form's indicator block beyond kScoreHeaderWords: the
// target and the actual value of each indicator. A score-table header with
// one of them is a form's, read by column position (score_table.cc).
inline constexpr ScoreHeaderWord kFormHeaderWords[] = {
    {"年度指标值", Column::kTarget, 0}, {"指标值", Column::kTarget, 0},   {"年度目标值", Column::kTarget, 0},
    {"目标值", Column::kTarget, 0},     {"实际完成值", Column::kActual, 0}, {"全年实际值", Column::kActual, 0},
    {"实际完成情况", Column::kActual, 0}, {"实际值", Column::kActual, 0},   {"完成值", Column::kActual, 0},
};

// The budget block's columns, matched as whole header cells (name_key, "(万元)" dropped).
enum class FormBudgetColumn { kInitial, kBudget, kExecuted, kMax, kRate, kScore };
struct FormBudgetWord {
  std::string_view key;
  FormBudgetColumn column;
};
inline constexpr FormBudgetWord kFormBudgetWords[] = {
    {"年初预算数", FormBudgetColumn::kInitial},     {"年初预算", FormBudgetColumn::kInitial},
    {"全年预算数", FormBudgetColumn::kBudget},      {"调整后预算数", FormBudgetColumn::kBudget},
    {"全年执行数", FormBudgetColumn::kExecuted},    {"全年实际执行数", FormBudgetColumn::kExecuted},
    {"预算执行数", FormBudgetColumn::kExecuted},    {"分值", FormBudgetColumn::kMax},
    {"权重", FormBudgetColumn::kMax},               {"执行率", FormBudgetColumn::kRate},
    {"预算执行率", FormBudgetColumn::kRate},        {"得分", FormBudgetColumn::kScore},
};
// The word every execution column of kFormBudgetWords contains.
inline constexpr std::string_view kFormExecutedWord = "执行数";
// Row labels of the budget block: the total, and the sources it is made of.
inline constexpr std::string_view kFormFundTotal[] = {"资金总额", "总额"};
inline constexpr std::string_view kFormFundParts[] = {"财政拨款", "上年结转", "其他资金", "自筹资金",
                                                      "财政资金", "单位资金", "财政专户"};
// Labels of the form's header block.
inline constexpr std::string_view kFormProjectLabels[] = {"项目名称"};
inline constexpr std::string_view kFormDepartmentLabels[] = {"主管部门"};
inline constexpr std::string_view kFormUnitLabels[] = {"实施单位", "部门(单位)名称", "单位名称", "部门名称"};
inline constexpr std::string_view kFormGradeLabels[] = {"自评等级", "评价等级", "绩效等级"};
// The word of a form's title line ("项目支出绩效自评表", "部门整体支出绩效自评表").
inline constexpr std::string_view kFormTitleWord = "绩效自评表";
// The name the budget block's score takes in the indicator tree.
inline constexpr std::string_view kFormBudgetIndicator = "预算执行率";

// ---- end of self-evaluation forms --------------------------------------------

// True when `text` contains one of `words`.
template <typename Words>
constexpr bool contains_any(std::string_view text, const Words& words) {
  for (std::string_view w : words)
    if (text.find(w) != std::string_view::npos) return true;
  return false;
}

}  // namespace jixiao::normalize::vocabulary
