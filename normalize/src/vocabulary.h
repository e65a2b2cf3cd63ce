#pragma once
// Internal to normalize/: the words the table and figure readers recognise,
// in one place. A new report family that prints 标准分值 for 分值 or 决算数 for
// 执行数 is one line here, not a literal to find in four readers.

#include <string.h>  // memmem (GNU)

#include <span>
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
// Header words of an indicator table: a budget table that reaches a row with
// one has ended (a form's indicator block follows its budget block).
inline constexpr std::string_view kIndicatorHeaderWords[] = {"一级指标", "二级指标", "三级指标", "绩效指标"};
// Marks a table's header cell never ends with but OCR may read after it (a
// speck beside 分值 read as "，", beside 全年执行数 as "."); table_rows.h header_key.
inline constexpr std::string_view kHeaderStrayMarks[] = {"，", "。", "、", "；", "：", ",", ".", ";", ":"};
// The stray marks an indicator's name cell may end with: not those that end a
// sentence or a clause (a reason cell "依据充分得4分。" or "资金到位;" is no name).
inline constexpr std::string_view kNameStrayMarks[] = {"，", "、", ","};
// The stray marks a cell of a form's name column may end with: any a header
// may (群众文化活动参与人次; read with a speck as ";"). The column says the cell
// is a name, so a mark that would end a reason sentence elsewhere is a
// stray one there; a cell with another clause mark inside stays a sentence.
inline constexpr std::span<const std::string_view> kFormNameStrayMarks = kHeaderStrayMarks;
// The unit a header cell states for its column ("预算数（万元）").
inline constexpr std::string_view kTenThousandYuan = "万元";

// Labels that make an amount the money spent, not the money budgeted.
inline constexpr std::string_view kExecutedWords[] = {"执行数",   "执行金额", "实际支出",     "决算数", "完成数",
                                                      "实际完成", "支出数",   "实际采购金额", "决算",
                                                      // prose: "全年执行 1180.5 万元", "实际执行 …"
                                                      "全年执行", "实际执行", "累计执行"};

// Words of a label that name an amount of money, for a figure whose unit is
// not printed beside it ("执行数 980.5（含中央资金 600.2 万元…）", breakdowns.cc).
inline constexpr std::string_view kMoneyLabelWords[] = {"资金", "预算", "执行", "支出", "收入", "金额",
                                                        "投资", "经费", "拨款", "决算", "费用"};

// ---- total and grade statements -----------------------------------------------
//
// A report states its total and grade in many words: "综合评分为92分", "自评得分
// 95分，自评结果为“优秀”", "因此评价分98分，自评等级为优秀", "自评总分（分）：93.5".
// The reader (total_statement.cc) is one small grammar over these tables:
//
//   [lead words] LABEL [(分)] [connector] NUMBER [分]
//       [separator] [grade lead words] GRADE-LABEL [connector] [quote] GRADE [quote]
//
// and the form row "总分 | 100 | 94 | 优" (label, max, score, optional grade).

// How much a label alone says that the figure after it is the report's total.
enum class TotalLabel {
  kTotal,      // 综合评分, 自评总分: the total, with a grade or without
  kWithGrade,  // 得分, 评价得分, 总分 (also a max: "总分100分"): the total only when a grade follows
};

struct TotalLabelWord {
  std::string_view word;
  TotalLabel strength;
};

// Labels of a stated total. Longest match wins at a place, so "绩效评价得分" is
// one label, not "得分" after "绩效评价".
inline constexpr TotalLabelWord kTotalLabelWords[] = {
    {"综合评分", TotalLabel::kTotal},       {"综合得分", TotalLabel::kTotal},
    {"综合评价得分", TotalLabel::kTotal},   {"综合绩效得分", TotalLabel::kTotal},
    {"自评总分", TotalLabel::kTotal},       {"自评总得分", TotalLabel::kTotal},
    {"评价总分", TotalLabel::kTotal},       {"评价总得分", TotalLabel::kTotal},
    {"绩效评价总分", TotalLabel::kTotal},   {"总得分", TotalLabel::kTotal},
    {"最终得分", TotalLabel::kTotal},       {"总分", TotalLabel::kWithGrade},
    {"得分", TotalLabel::kWithGrade},       {"评价得分", TotalLabel::kWithGrade},
    {"绩效评价得分", TotalLabel::kWithGrade}, {"自评得分", TotalLabel::kWithGrade},
    {"评价分", TotalLabel::kWithGrade},     {"自评分", TotalLabel::kWithGrade},
    {"自评结果", TotalLabel::kWithGrade},   {"评价结果", TotalLabel::kWithGrade},
    {"考核得分", TotalLabel::kWithGrade},
};

// Words that may stand before a total's label in its clause and still make it
// the report's own total ("因此评价分98分", "该项目最终得分…", "重点绩效评价得分…").
// Any other text there names a subject: the report's own unit ("某某局2021年度
// 部门整体支出绩效评价得分…"), another project in a results notice ("1. 某某项目
// 绩效评价得分 86 分"), another year ("上年综合得分 85 分"), an indicator
// ("资金到位率得分为 4 分").
inline constexpr std::string_view kTotalLeadWords[] = {
    "因此", "最终", "综上", "经评价", "经综合评价", "本项目", "该项目", "项目", "本次", "此次", "整体", "总体",
    "综合", "重点", "本单位", "本部门", "该单位", "该部门", "单位", "部门", "本年度", "年度", "其",
};

// Lead words that name the report's own subject: after one of them a weak label
// (得分) states the total even with no grade after it ("本项目得分92.5分").
inline constexpr std::string_view kOwnSubjectLeadWords[] = {"本项目", "该项目", "本单位", "本部门", "该单位", "该部门"};

// Words in a named subject that make it something other than the report:
// another year, an indicator ("资金到位率得分 3 分").
inline constexpr std::string_view kOtherSubjectWords[] = {"上年", "去年", "上一年", "以前年度", "往年", "指标", "率"};

// Words between a label and its figure: "为", "：" …
inline constexpr std::string_view kValueConnectors[] = {"为", "是", "：", ":", "达到", "达", "计"};

// The unit printed in a label, so that the figure needs no 分 after it: "自评总分（分）" (NFKC gives "(分)").
inline constexpr std::string_view kScoreUnitInLabel = "(分)";

// What may follow a figure and make it a bound or something other than a
// score: bands "90 分（含）以上", "80 分至 90 分", rates, maxima "100 分制".
inline constexpr std::string_view kNotAScoreAfter[] = {
    "以上", "以下", "及以上", "及以下", "以内", "(含", "(不含", "（含", "（不含", "至", "到", "~", "～", "-", "—",
    "－", "率", "值", "制", "的", "%", "≤", "<", "＜", "≥", ">", "＞",
};

// Text before a label in its sentence that makes the figure an indicator's ("投入指标满分为 20 分，评价得分为 13 分").
inline constexpr std::string_view kIndicatorContextWords[] = {"满分", "分值", "权重"};

// Grade labels, and the words that may come between a total's figure and the
// grade label ("，综合绩效级别为", "，自评结果为").
inline constexpr std::string_view kGradeLabels[] = {"等级", "级别", "评级", "等次", "档次", "结果"};
inline constexpr std::string_view kGradeLeadWords[] = {"综合", "绩效", "评价", "自评", "最终", "本项目", "该项目",
                                                       "项目", "总体", "整体", "考核", "评定", "其"};
inline constexpr std::string_view kGradeSeparators[] = {"，", ",", "；", ";", "、", " ", "\t"};
inline constexpr std::string_view kGradeConnectors[] = {"评定为", "定为", "为", "是", "属于", "：", ":"};

struct QuotePair {
  std::string_view open, close;
};
inline constexpr QuotePair kGradeQuotes[] = {{"“", "”"}, {"「", "」"}, {"『", "』"}, {"‘", "’"},
                                             {"\"", "\""}, {"'", "'"}};

// Grade words and the class each belongs to: 1 优, 2 良, 3 中, 4 差, 0 a letter
// grade whose meaning only the report's own scale gives. `national`: a word of
// the national 优/良/中/差 scale (财预〔2020〕10号: 90/80/60), which is the scale a
// total is checked against when the report states none. 合格, 一般, 及格 and
// 不合格 belong to other scales (优秀/良好/合格/不合格 with bands a report sets),
// so without the report's own bands nothing says where they begin.
struct GradeWord {
  std::string_view word;
  int grade_class;
  bool national;
};

// Longest first, so that 不合格 is not read as 合格.
inline constexpr GradeWord kGradeWords[] = {
    {"不合格", 4, false}, {"不及格", 4, false}, {"优秀", 1, true}, {"良好", 2, true},  {"合格", 3, false},
    {"及格", 3, false},   {"一般", 3, false},   {"中等", 3, true}, {"较差", 4, true},  {"优", 1, true},
    {"良", 2, true},      {"中", 3, true},      {"差", 4, true},   {"A", 0, false},    {"B", 0, false},
    {"C", 0, false},      {"D", 0, false},
};

// A grade stated without a score ("本项目自评等级为“良”", "评价结论为优秀",
// statements.cc): the labels (after kGradeLeadWords), those that may stand
// without a lead word, the words that may open the clause before them, and
// words that make the sentence a rule or a condition, not a statement.
inline constexpr std::string_view kGradeOnlyLabels[] = {"等级", "等次", "评级", "级别", "档次", "结论", "结果"};
inline constexpr std::string_view kGradeOnlyBareLabels[] = {"等级", "等次", "评级"};
inline constexpr std::string_view kGradeOnlyLeadWords[] = {
    "经评价", "经综合评价", "经自评", "经评定", "综上所述", "综上", "因此", "最终", "本项目", "该项目", "本次",
    "此次", "本单位", "本部门", "该单位", "该部门", "本年度", "整体", "总体", "项目", "部门", "单位", "年度"};
inline constexpr std::string_view kGradeRuleWords[] = {"若", "如果", "如", "分为", "以上", "以下", "达到", "低于",
                                                       "高于", "不得", "应", "标准", "划分", "区间", "目标"};

// Labels of a form row "总分 | 100 | 94 | 优": the label cell, then max, score and an optional grade.
inline constexpr std::string_view kFormTotalLabels[] = {"总分", "总得分", "综合得分", "自评总分", "评价总分"};

// ---- self-evaluation forms (项目支出绩效自评表, 部门整体支出绩效自评表) ----------------
// Kept as one block: the form reader's words (score_table.cc, form_budget.cc).

// Header cells of a form's indicator block beyond kScoreHeaderWords: the
// target and the actual value of each indicator. A score-table header with
// one of them is a form's, read by column position (score_table.cc).
inline constexpr ScoreHeaderWord kFormHeaderWords[] = {
    {"年度指标值", Column::kTarget, 0}, {"指标值", Column::kTarget, 0},   {"年度目标值", Column::kTarget, 0},
    {"目标值", Column::kTarget, 0},     {"实际完成值", Column::kActual, 0}, {"全年实际值", Column::kActual, 0},
    {"实际完成情况", Column::kActual, 0}, {"实际值", Column::kActual, 0},   {"完成值", Column::kActual, 0},
    // Provincial and city variants: 年初/调整 targets, 全年/年终 actuals, the weight
    // and score columns of Chongqing's 指标权重（分） / 指标得分（分）, R19's 自评分.
    // 复核分 (the reviewer's score) stays an "other" column: it is not the self score.
    {"年初指标值", Column::kTarget, 0}, {"年度目标指标值", Column::kTarget, 0},
    {"全年实际完成值", Column::kActual, 0}, {"全年完成值", Column::kActual, 0},
    {"年终完成值", Column::kActual, 0},   {"指标权重", Column::kMax, 0},
    {"指标得分", Column::kScore, 0},      {"自评分", Column::kScore, 0},
    {"自评得分", Column::kScore, 0},
};

// Level-2 names of the national indicator framework and the level-1 block
// each belongs to: a form whose merged level-1 cell came out as its weight
// alone ("（50分）") still names its level-2 rows, which say the block.
struct Level2Parent {
  std::string_view level2;  // contained in the level-2 name
  std::string_view level1;
};
inline constexpr Level2Parent kLevel2Parents[] = {
    {"数量指标", "产出指标"},     {"质量指标", "产出指标"},     {"时效指标", "产出指标"},
    {"成本指标", "产出指标"},     {"经济效益", "效益指标"},     {"社会效益", "效益指标"},
    {"生态效益", "效益指标"},     {"可持续影响", "效益指标"},   {"满意度", "满意度指标"},
    {"服务对象满意度", "满意度指标"},
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
    {"调整预算数", FormBudgetColumn::kBudget},      {"全年(调整)预算数", FormBudgetColumn::kBudget},
    {"调整后预算", FormBudgetColumn::kBudget},      {"执行率权重", FormBudgetColumn::kMax},
    {"执行率得分", FormBudgetColumn::kScore},
};
// A header cell one character off a word of kFormBudgetWords this long or
// longer names its column when no cell names it exactly (form.cc).
inline constexpr std::size_t kFormBudgetWordMinCharsOneOff = 4;
// Marks after a budget column's name that say which figure it is in the
// form's formula: 全年预算数（A）, 执行率（B/A）, 预算执行率（B/A×100%）. Made of
// these characters only, a bracketed tail is dropped before the match.
inline constexpr std::string_view kFormColumnMarkChars = "ABCDabcd/×*x100%";
// Labels of the form's header fields that state the self-assessed total
// (项目名称 … 自评总分（分） 94.6), compared as name_key ("(分)" dropped).
inline constexpr std::string_view kFormTotalFieldLabels[] = {"自评总分", "自评得分", "自评总得分", "自评分"};
// The word every execution column of kFormBudgetWords contains.
inline constexpr std::string_view kFormExecutedWord = "执行数";
// Row labels of the budget block: the total, and the sources it is made of.
inline constexpr std::string_view kFormFundTotal[] = {"资金总额", "总额", "总金额"};
inline constexpr std::string_view kFormFundParts[] = {"财政拨款", "上年结转", "其他资金", "自筹资金",
                                                      "财政资金", "单位资金", "财政专户", "补助资金",
                                                      "结转资金"};
// Labels of the form's header block.
inline constexpr std::string_view kFormProjectLabels[] = {"项目名称"};
inline constexpr std::string_view kFormDepartmentLabels[] = {"主管部门"};
inline constexpr std::string_view kFormUnitLabels[] = {"实施单位", "部门(单位)名称", "单位名称", "部门名称"};
inline constexpr std::string_view kFormGradeLabels[] = {"自评等级", "评价等级", "绩效等级"};
// Endings of the other labels of a form's grade: an evaluation's grade (复评等级,
// 综合评价等级), and 自评等级 as OCR reads it one stroke short (目评等级). A
// label of at most kFormGradeLabelMaxChars characters; 资质等级 and 安全等级
// are no evaluation's.
inline constexpr std::string_view kFormGradeLabelEndings[] = {"评等级", "评价等级"};
inline constexpr int kFormGradeLabelMaxChars = 6;
// The budget block of some city department-wide forms: one column per funding
// source (中央 / 省、地 / 本级 / 其他), a 合计 column, then 执行数 and 执行率 —
// or each source over a pair of 预算数 / 执行数 columns (form_sources.cc).
// Matched as whole header cells (name_key, "(万元)" dropped).
inline constexpr std::string_view kFormSourceColumns[] = {"中央", "中央资金", "中央财政", "省", "省级", "省、地",
                                                          "省地", "市", "市级", "本级", "县级", "地方",
                                                          "其他", "其他资金"};
inline constexpr std::string_view kFormSourceTotalColumns[] = {"合计", "小计", "总计"};
inline constexpr std::string_view kFormSourceBudgetWords[] = {"预算数", "年度预算数", "全年预算数", "预算"};
inline constexpr std::string_view kFormSourceExecutedWords[] = {"执行数", "全年执行数", "实际执行数"};
inline constexpr std::string_view kFormSourceRateWords[] = {"执行率", "预算执行率"};
// The word of a form's title line ("项目支出绩效自评表", "部门整体支出绩效自评表").
inline constexpr std::string_view kFormTitleWord = "绩效自评表";
// The name the budget block's score takes in the indicator tree.
inline constexpr std::string_view kFormBudgetIndicator = "预算执行率";

// ---- end of self-evaluation forms --------------------------------------------

// True when `text` contains one of `words`. At run time through memmem (see
// contains() in boundaries.h for why).
template <typename Words>
constexpr bool contains_any(std::string_view text, const Words& words) {
  for (std::string_view w : words) {
    if consteval {
      if (text.find(w) != std::string_view::npos) return true;
    } else {
      if (w.empty() || ::memmem(text.data(), text.size(), w.data(), w.size()) != nullptr) return true;
    }
  }
  return false;
}

}  // namespace jixiao::normalize::vocabulary
