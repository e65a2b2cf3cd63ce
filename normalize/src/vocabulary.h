#pragma once
// Internal to normalize/: the words the table and figure readers recognise,
// in one place. A new report family that prints 标准分值 for 分值 or 决算数 for
// 执行数 is one line here, not a literal to find in four readers.

#include <string_view>

namespace jixiao::normalize::vocabulary {

// ---- score tables -------------------------------------------------------------

enum class Column { kSerial, kName, kMax, kScore, kRate, kOther };

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

// True when `text` contains one of `words`.
template <typename Words>
constexpr bool contains_any(std::string_view text, const Words& words) {
  for (std::string_view w : words)
    if (text.find(w) != std::string_view::npos) return true;
  return false;
}

}  // namespace jixiao::normalize::vocabulary
