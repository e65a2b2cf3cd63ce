#pragma once
// Readers for the sentences of a report that state scores: the narrative
// "X（指标分值 3 分，评价得分 1 分）", the level-1 "投入指标满分为 20 分，评价得分为
// 13 分", enumerations "…分值分别为 15 分、25 分…", the total and grade
// "总分为 81 分，等级为“良”", indicator counts, section headings and the
// title block. Each reader looks at one line and returns what it states, with
// byte ranges relative to that line.

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "jixiao/text/decimal.h"

namespace jixiao::normalize {

// "（1）战略规划和工作计划（指标分值 3 分，评价得分 3 分）"
struct IndicatorStatement {
  std::string numbering;  // the outline class of the numbering: "n.", "(n)", "n)", "①", "" …
  std::string name;
  std::optional<text::Decimal> max;  // none where the statement prints "?" for it
  text::Decimal score;
  std::size_t begin = 0, end = 0;
};
std::vector<IndicatorStatement> find_indicator_statements(std::string_view line);

// The patterns of the statements that name level-1 indicators, compiled once
// for a report's own level-1 names (a report is read line by line).
class Level1Patterns {
 public:
  explicit Level1Patterns(const std::vector<std::string>& level1_names);
  ~Level1Patterns();
  Level1Patterns(const Level1Patterns&) = delete;
  Level1Patterns& operator=(const Level1Patterns&) = delete;

  struct Compiled;
  const Compiled* compiled() const { return compiled_.get(); }

 private:
  std::unique_ptr<Compiled> compiled_;
};

// "投入指标满分为 20 分，评价得分为 13 分". `level1_names` are the names to look for.
struct Level1Statement {
  std::string name;
  std::optional<text::Decimal> max;
  std::optional<text::Decimal> score;
  std::size_t begin = 0, end = 0;
};
std::vector<Level1Statement> find_level1_statements(std::string_view line, const Level1Patterns& patterns);
std::vector<Level1Statement> find_level1_statements(std::string_view line,
                                                    const std::vector<std::string>& level1_names);

// "决策、过程、产出、效益四类一级指标分别得分 13 分、22 分、35 分、17 分".
struct Enumeration {
  std::vector<std::string> names;
  std::vector<text::Decimal> values;
  bool is_max = false;  // 分值分别为 … (max) or 分别得分 … (score)
  std::size_t begin = 0, end = 0;
};
std::vector<Enumeration> find_enumerations(std::string_view line, const Level1Patterns& patterns);
std::vector<Enumeration> find_enumerations(std::string_view line, const std::vector<std::string>& level1_names);

// "总分为 81 分，等级为“良”", "综合评分为92分", "自评总分（分）：93.5", the form
// row "总分 | 100 | 94 | 优" (total_statement.cc; the words are in vocabulary.h).
struct TotalStatement {
  text::Decimal score;
  std::optional<text::Decimal> max;  // a form row states the max too
  std::string grade;                 // "" when none is stated with it
  // Non-empty when the words before the label name a subject ("某某局2021年度部门
  // 整体支出", "1. 某某项目"): the report's own, or a project of a results notice.
  std::string subject;
  std::size_t begin = 0, end = 0;              // the statement, label to grade
  std::size_t score_begin = 0, score_end = 0;  // the figure
  std::size_t grade_begin = 0, grade_end = 0;
};
std::vector<TotalStatement> find_total_statements(std::string_view line);  // every one, in order
std::optional<TotalStatement> find_total_statement(std::string_view line);  // the first

// "本项目自评等级为“良”", "评价结论为优秀": a grade stated without a score
// (statements.cc; the words are in vocabulary.h). Only the report's own: a
// clause that names a subject or a condition states none.
struct GradeOnlyStatement {
  std::string grade;
  std::size_t begin = 0, end = 0;              // label to grade (and its closing quote)
  std::size_t grade_begin = 0, grade_end = 0;  // the grade word
};
std::vector<GradeOnlyStatement> find_grade_statements(std::string_view line);

// "一级指标 4 个，二级指标 11 个，三级指标 34 个" in one sentence (the level-1
// count must be there: "投入指标包括… 2 个二级指标" counts one branch, not the tree).
struct CountStatement {
  std::optional<int> level1, level2, level3;
  std::size_t begin = 0, end = 0;
};
std::vector<CountStatement> find_count_statements(std::string_view line);

// A short numbered heading ("（一）投入指标评价结果", "1.投入指标"): its numbering
// class and the text after the numbering. nullopt for a line that is not one.
struct Heading {
  std::string numbering;
  std::string text;
};
std::optional<Heading> parse_heading(std::string_view line);

// The outline class of a numbering prefix at the start of `line` and its byte length:
// "1." -> "n.", "（1）" -> "(n)", "1）" -> "n)", "①" -> "circled", "（一）" -> "(han)", "一、" -> "han、".
std::string numbering_class(std::string_view line, std::size_t* length = nullptr);

// "预算单位：X", "委托单位：X", "评价机构：X"…: the label's canonical field and the value.
struct MetadataField {
  std::string field;  // "unit", "commissioner", "evaluator"
  std::string value;
};
std::optional<MetadataField> parse_metadata_line(std::string_view line);

}  // namespace jixiao::normalize
