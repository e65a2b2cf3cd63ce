#pragma once
// Internal to normalize/: the parts build_report() (report_builder.cc) runs in
// order, one file each. Every part reads the normalized document and adds its
// records to the Report; none of them validates anything.
//
//   normalized_document.cc  the lines after normalize_line(), spans mapped back
//   metadata.cc             title, unit, year, commissioner, evaluator
//   quantities.cc           every amount and count, line by line
//   tree.cc                 the indicator tree and the observations it collects
//   score_rows.cc           results and summary tables -> the tree
//   annex_match.cc          the annex's rows matched to the tree by name
//   statement_reader.cc     narrative, level-1, enumeration, total, counts, bands
//   budget_lines.cc         预算数 / 执行数 / 执行率 in sentences and tables
//   form.cc                 a self-evaluation form's header, budget block and 自评等级
//   form_sources.cc         a form's budget block split by funding source across the columns
//   form_spaced.cc          a form whose cells are separated by single spaces
//   form_glued.cc           (through form_spaced.cc) a form whose cells are glued, split by arithmetic
//   canonical_values.cc     each indicator's value from its best observation

#include <cstddef>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "jixiao/extract/document.h"
#include "jixiao/model/report.h"
#include "jixiao/text/quantity.h"
#include "jixiao/text/text.h"
#include "jixiao/text/text_normalizer.h"
#include "score_table.h"

namespace jixiao::normalize::internal {

// ---- normalized_document.cc -----------------------------------------------------

// The document the readers see: every line through normalize_line() (NFKC,
// radicals folded, stray spaces removed), its tables' cells too. Readers work
// on `doc`; span() maps their byte ranges back to the original, so findings
// quote the report as printed.
struct NormalizedDocument {
  const extract::Document& original;
  std::vector<text::NormalizedText> lines;  // per line, with the map back to `original`
  extract::Document doc;                    // the normalized lines as a document

  // The original text of bytes [begin, end) of normalized line `line`.
  extract::SourceSpan span(std::size_t line, std::size_t begin, std::size_t end) const;

  // An observation of kind `kind` named `name`, stated at bytes [begin, end) of
  // normalized line `line`, from table `table` (-1: running text).
  model::Observation observation(model::SourceKind kind, std::string name, std::size_t line, std::size_t begin,
                                 std::size_t end, int table) const;
};

NormalizedDocument normalize_document(const extract::Document& doc);

// scan_quantities() of each normalized line.
using LineQuantities = std::vector<std::vector<text::Quantity>>;

// ---- metadata.cc ------------------------------------------------------------------

// Title, unit, year, commissioner and evaluator from the first lines.
void read_metadata(const extract::Document& normalized, model::Report& report);

// ---- quantities.cc ----------------------------------------------------------------

// Every quantity of every line; money goes to report.amounts, counts to report.counts.
LineQuantities read_quantities(const NormalizedDocument& doc, std::size_t max_figures, model::Report& report);

// ---- tree.cc ----------------------------------------------------------------------

// Similarity (per mille) from which a differently printed name is taken for a
// sibling in the same section, and for any indicator of the same level.
inline constexpr int kSiblingSimilarity = 600;
inline constexpr int kGlobalSimilarity = 750;

// Level-1 names of the common frameworks, used to read statements when a
// report has no score table to learn its own names from.
inline constexpr std::string_view kFrameworkLevel1[] = {"投入", "决策", "过程", "产出", "效益", "效果"};

// The indicator tree of a report while it is read: report.indicators and
// report.total, and which indicators some observation has given a max so far
// (a wrapped "(12分)" cell belongs to the deepest open one that has none).
// Indicators are only ever added, parents before children.
class IndicatorTree {
 public:
  explicit IndicatorTree(model::Report& report) : report_(report) {}
  IndicatorTree(const IndicatorTree&) = delete;
  IndicatorTree& operator=(const IndicatorTree&) = delete;

  // The indicator of `level` named `name` (by name_key) under `parent`, or
  // under any parent when `any_parent`; -1 when there is none.
  int find(int level, std::string_view name, int parent, bool any_parent) const;
  int find_or_add(int level, std::string_view name, int parent);
  bool is_descendant(int index, int ancestor) const;
  // Indicators of `level`, under `ancestor` unless it is -1.
  std::vector<int> of_level(int level, int ancestor) const;
  // The most similar of `candidates` to `name`, at least `threshold` per mille; -1 when none is.
  int best_similar(std::string_view name, const std::vector<int>& candidates, int threshold) const;
  // The level-1 names (the frameworks' when the tree has none), longest first.
  std::vector<std::string> level1_names() const;

  // Adds an observation to indicator `index` (-1: the report total).
  void observe(int index, model::Observation obs);
  bool has_max(int index) const { return has_max_.at(static_cast<std::size_t>(index)); }

  const model::Indicator& at(int index) const { return report_.indicators[static_cast<std::size_t>(index)]; }
  std::vector<int> children(int index) const { return report_.children(index); }

 private:
  model::Report& report_;
  std::vector<bool> has_max_;  // per indicator
  // Indicators by level and name_key, in index order: find() looks at the
  // few of one name, not at every row of a 50,000-row table. Only
  // find_or_add adds indicators, and names do not change once added.
  std::unordered_map<std::string, std::vector<int>> by_name_;
};

// ---- score_rows.cc ----------------------------------------------------------------

// The rows of a results or summary table (table index `t`) into the tree:
// results tables define it, summary tables add what they alone state.
void read_score_table(const ScoreTable& table, int t, const NormalizedDocument& doc, IndicatorTree& tree);

// ---- annex_match.cc ---------------------------------------------------------------

// The annex's rows as observations of the tree's indicators, or as
// report.unmatched where they name none.
void read_annex_table(const ScoreTable& table, int t, const NormalizedDocument& doc, IndicatorTree& tree,
                      model::Report& report);

// ---- ocr_names.cc -----------------------------------------------------------------

// An indicator whose OCR'd table row misread its name takes the reading its
// statement or the rest of the document gives, when Tesseract was surer of
// it and the document's words favour it; a name left with one quotation
// mark gets its pair where the document opens that quotation (ocr_names.cc).
void settle_ocr_names(const NormalizedDocument& doc, model::Report& report);

// ---- statement_reader.cc ----------------------------------------------------------

// The statements of running text, line by line: narrative indicator
// statements, level-1 statements and enumerations into the tree; the total and
// grade, indicator counts and the grade scale into `report`. `tree` is over
// `report`. Without a results table the statements themselves build the tree.
void read_statements(const NormalizedDocument& doc, bool has_results_table, IndicatorTree& tree,
                     model::Report& report);

// ---- budget_lines.cc --------------------------------------------------------------

// "预算数 88 万元，执行数 88 万元，执行率 100%" in sentences, appended to `out`.
void read_budget_sentences(const NormalizedDocument& doc, const LineQuantities& quantities,
                           std::vector<model::BudgetLine>& out);
// Tables with 预算数 / 执行数 / 执行率 columns, one line a row, appended to `out`.
void read_budget_tables(const NormalizedDocument& doc, std::vector<model::BudgetLine>& out);

// ---- form.cc ----------------------------------------------------------------------

// True for the header row of a form's budget block (全年预算数, 全年执行数 and
// 执行率 as whole cells, and 分值 or 得分): read by the form reader, by
// column, never as a plain budget table.
bool is_form_budget_header(const std::vector<text::Cell>& cells);

// A self-evaluation form's header block (项目名称, 主管部门, 实施单位), its budget
// block (budget lines, the 其中 breakdowns, the budget's score as a level-1
// indicator of table `form_table`) and its 自评等级. Does nothing for a
// document with neither a form's indicator block (`form_table` < 0) nor a
// form's budget block.
// `spaced_rows`: the document is form_spaced.cc's, with its single-space rows
// made tab rows (and is not tried that way again).
void read_self_evaluation_form(const NormalizedDocument& doc, int form_table, IndicatorTree& tree,
                               model::Report& report, bool spaced_rows = false);

// ---- form_spaced.cc ---------------------------------------------------------------

// A form whose cells are separated by single spaces, which the normalizer
// drops: read from the original lines split at their spaces (rows short of
// their header's cells aligned right, as a guess). Called by the form reader
// for a document that opens with a form's title and has no block it could place.
void read_space_separated_form(const NormalizedDocument& doc, IndicatorTree& tree, model::Report& report);

// ---- form_sources.cc ---------------------------------------------------------------

// A city department-wide form's budget block with the money split by funding
// source across the columns (中央 / 省、地 / 本级 / 其他 / 合计, 执行数, 执行率):
// budget lines and the 合计 = sources breakdowns. Called by the form reader.
void read_source_budget_blocks(const NormalizedDocument& doc, const std::vector<std::pair<int, int>>& by_line,
                               model::Report& report);

// ---- canonical_values.cc ----------------------------------------------------------

// Each indicator's (and the total's) max, score and rate from its
// highest-precedence observation, and the grade bands' open ends closed.
void settle_canonical_values(model::Report& report);

}  // namespace jixiao::normalize::internal
