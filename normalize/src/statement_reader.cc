// The statements of a report's running text, line by line, into the Report.
// statements.cc recognises each kind of statement in one line; this file
// decides what a statement is about, which takes the lines before it:
//
// - A narrative statement ("（1）战略规划（指标分值 3 分，评价得分 3 分）") names
//   an indicator the way the text does. It is the tree's indicator of the same
//   name (preferring the current section), else the most similar sibling at
//   the level its numbering stands for. That level is learned per section: the
//   numbering class of the first statement that matched by name, else the
//   order in which classes first appear (first level 2, then level 3).
// - A heading that names a level-1 indicator opens its section; the next
//   heading of the same numbering class closes it. A level-1 statement inside
//   a section belongs to that section's indicator.
// - Without a results table, headings with the frameworks' level-1 names and
//   the statements themselves build the tree.
// - Stated totals are settled after the last line: a results notice names
//   several projects with different scores, and none of them is the report's.
// - The grade scale is the first run of band clauses with at least two bands,
//   in one sentence or one band a line on consecutive lines.

#include <algorithm>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "builder.h"
#include "jixiao/extract/utf8.h"
#include "jixiao/normalize/grade_bands.h"
#include "jixiao/text/text.h"
#include "statements.h"

namespace jixiao::normalize::internal {
namespace {

using model::GradeBand;
using model::Observation;
using model::SourceKind;
using text::name_key;
using text::utf8_length;

// The longest heading that can name a level-1 section, in code points.
constexpr std::size_t kMaxSectionHeadingChars = 16;

class StatementReader {
 public:
  StatementReader(const NormalizedDocument& doc, bool has_results_table, IndicatorTree& tree, model::Report& report)
      : doc_(doc), has_results_table_(has_results_table), tree_(tree), report_(report) {}

  void read() {
    const Level1Patterns l1_patterns(tree_.level1_names());
    for (std::size_t i = 0; i < doc_.doc.lines.size(); ++i) {
      const std::string_view line = doc_.doc.line_text(i);
      if (text::trim(line).empty()) continue;
      const std::vector<IndicatorStatement> stated = find_indicator_statements(line);
      if (stated.empty()) read_heading(line);
      for (const IndicatorStatement& s : stated) read_indicator_statement(s, i);
      read_level1_statements(line, i, l1_patterns);
      read_enumerations(line, i, l1_patterns);
      read_total_and_counts(line, i);
      if (!bands_read_) read_bands(line, i);
    }
    settle_totals();
    if (!bands_read_) settle_bands();
  }

 private:
  // The level-1 indicator whose name `text` contains (the longest such name), or -1.
  int level1_in(std::string_view text) const {
    int best = -1;
    std::size_t best_len = 0;
    for (int i : tree_.of_level(1, -1)) {
      const std::string& name = tree_.at(i).name;
      if (text.find(name) != std::string_view::npos && name.size() > best_len) {
        best = i;
        best_len = name.size();
      }
    }
    return best;
  }

  // A heading naming a level-1 indicator opens its section; one of the same
  // numbering class as the section's own heading closes it.
  void read_heading(std::string_view line) {
    const std::optional<Heading> heading = parse_heading(line);
    if (!heading) return;
    const bool short_heading = utf8_length(heading->text) <= kMaxSectionHeadingChars;
    int l1 = short_heading ? level1_in(heading->text) : -1;
    if (l1 < 0 && !has_results_table_ && short_heading) {
      // No score table: the framework's level-1 names in headings start the tree.
      for (std::string_view name : kFrameworkLevel1)
        if (heading->text.find(name) != std::string::npos) l1 = tree_.find_or_add(1, name, -1);
    }
    if (l1 >= 0) {
      section_ = l1;
      section_class_ = heading->numbering;
      current_l2_ = -1;
      class_level_.clear();
      class_order_.clear();
    } else if (heading->numbering == section_class_) {
      section_ = -1;
      current_l2_ = -1;
    }
  }

  void read_indicator_statement(const IndicatorStatement& s, std::size_t line) {
    Observation o = doc_.observation(SourceKind::kNarrative, s.name, line, s.begin, s.end, -1);
    int index = resolve(s);
    if (index < 0 && o.span.reading == extract::Reading::kOcr) index = without_misread_numbering(s);
    o.max = s.max;
    o.score = s.score;
    if (index < 0) {
      model::UnmatchedIndicator u;
      u.level = class_level_.count(s.numbering) ? class_level_[s.numbering] : 0;
      u.observation = std::move(o);
      report_.unmatched.push_back(std::move(u));
      return;
    }
    if (tree_.at(index).level == 2) current_l2_ = index;
    if (tree_.at(index).level == 1) section_ = index;
    tree_.observe(index, std::move(o));
  }

  // OCR reads a statement's numbering "1." as one glyph (工产出数量 for
  // 1.产出数量), and the name then matches nothing. In OCR'd text only, a
  // statement without numbering whose name, its first character dropped,
  // is an indicator's name exactly, is that indicator's (its figures stay
  // OCR's, so a finding on them is a warning). -1 otherwise.
  int without_misread_numbering(const IndicatorStatement& s) const {
    if (!s.numbering.empty() || utf8_length(s.name) < 3) return -1;
    std::size_t first = 1;  // the first code point's bytes
    while (first < s.name.size() && extract::is_utf8_continuation(s.name[first])) ++first;
    IndicatorStatement rest = s;
    rest.name = s.name.substr(first);
    return same_name(rest);
  }

  // The indicator of the same name at the shallowest level that has one,
  // preferring one in the current section; -1 when none.
  int same_name(const IndicatorStatement& s) const {
    for (int level = 1; level <= 3; ++level) {
      int any = -1;
      for (int c : tree_.of_level(level, -1)) {
        if (name_key(tree_.at(c).name) != name_key(s.name)) continue;
        if (section_ < 0 || tree_.is_descendant(c, section_)) {
          any = c;
          break;
        }
        if (any < 0) any = c;
      }
      if (any >= 0) return any;
    }
    return -1;
  }

  // Finds the indicator a narrative statement names: the same name, else the
  // most similar sibling at the level its numbering stands for in this section.
  int resolve(const IndicatorStatement& s) {
    if (!s.numbering.empty() && std::find(class_order_.begin(), class_order_.end(), s.numbering) == class_order_.end())
      class_order_.push_back(s.numbering);

    if (const int exact = same_name(s); exact >= 0) {
      if (!s.numbering.empty()) class_level_[s.numbering] = tree_.at(exact).level;
      return exact;
    }

    int level = 0;
    if (auto it = class_level_.find(s.numbering); it != class_level_.end()) {
      level = it->second;
    } else if (!s.numbering.empty()) {
      const auto pos = std::find(class_order_.begin(), class_order_.end(), s.numbering) - class_order_.begin();
      level = pos == 0 ? 2 : 3;
    }
    std::vector<int> candidates;
    if (level == 3 && current_l2_ >= 0) candidates = tree_.children(current_l2_);
    else if (level == 2 && section_ >= 0) candidates = tree_.children(section_);
    else if (level >= 2) candidates = tree_.of_level(level, section_);
    int match = tree_.best_similar(s.name, candidates, kSiblingSimilarity);
    if (match < 0 && level >= 1) match = tree_.best_similar(s.name, tree_.of_level(level, -1), kGlobalSimilarity);
    if (match < 0 && !has_results_table_ && level >= 2) {
      // Narrative-only report: the statement itself defines the indicator.
      const int parent = level == 2 ? section_ : current_l2_;
      if (parent >= 0) match = tree_.find_or_add(level, s.name, parent);
    }
    return match;
  }

  void read_level1_statements(std::string_view line, std::size_t i, const Level1Patterns& patterns) {
    for (const Level1Statement& s : find_level1_statements(line, patterns)) {
      int index = tree_.find(1, s.name, -1, false);
      if (index < 0 && section_ < 0 && !has_results_table_) index = tree_.find_or_add(1, s.name, -1);
      // A statement in another level-1 section belongs to that section ("效益…产出指标满分为 18 分").
      if (section_ >= 0 && index != section_) index = section_;
      if (index < 0) continue;
      Observation o = doc_.observation(SourceKind::kLevel1Statement, s.name, i, s.begin, s.end, -1);
      o.max = s.max;
      o.score = s.score;
      tree_.observe(index, std::move(o));
    }
  }

  void read_enumerations(std::string_view line, std::size_t i, const Level1Patterns& patterns) {
    for (const Enumeration& e : find_enumerations(line, patterns)) {
      for (std::size_t k = 0; k < e.names.size(); ++k) {
        const int index = tree_.find(1, e.names[k], -1, false);
        if (index < 0) continue;
        Observation o = doc_.observation(SourceKind::kEnumeration, e.names[k], i, e.begin, e.end, -1);
        (e.is_max ? o.max : o.score) = e.values[k];
        tree_.observe(index, std::move(o));
      }
    }
  }

  void read_total_and_counts(std::string_view line, std::size_t i) {
    for (TotalStatement& total : find_total_statements(line)) totals_.emplace_back(std::move(total), i);
    for (GradeOnlyStatement& grade : find_grade_statements(line)) grades_.emplace_back(std::move(grade), i);
    for (const CountStatement& c : find_count_statements(line)) {
      report_.count_statements.push_back(
          model::IndicatorCountStatement{c.level1, c.level2, c.level3, doc_.span(i, c.begin, c.end)});
    }
  }

  // The stated totals, in line order: the report's own, or the projects of a
  // results notice. A statement that names its subject ("某某局2021年度部门整体
  // 支出绩效评价得分…") is the report's own, unless the document names several
  // subjects with different scores: then it lists several projects' results,
  // kept as project results and never taken for the report's total.
  void settle_totals() {
    std::set<std::string> subjects, scores;
    for (const auto& [total, line] : totals_) {
      if (total.subject.empty()) continue;
      subjects.insert(name_key(total.subject));
      scores.insert(total.score.to_string());
    }
    const bool several_projects = subjects.size() >= 2 && scores.size() >= 2;
    for (const auto& [total, line] : totals_) {
      if (!total.subject.empty() && several_projects) read_project(total, line);
      else read_total(total, line);
    }
    // Grades stated without a score ("自评等级为“良”"), unless a total
    // statement of the same line already read that grade. A results notice
    // grades several projects: a grade there may be any project's.
    if (several_projects) return;
    for (const auto& [grade, line] : grades_) {
      const bool read = std::any_of(totals_.begin(), totals_.end(), [&](const auto& t) {
        return t.second == line && !t.first.grade.empty() && t.first.grade_begin < grade.grade_end &&
               grade.grade_begin < t.first.grade_end;
      });
      if (!read)
        report_.grades.push_back(
            model::GradeStatement{grade.grade, doc_.span(line, grade.grade_begin, grade.grade_end)});
    }
  }

  void read_project(const TotalStatement& total, std::size_t i) {
    report_.project_results.push_back(model::ProjectResult{
        total.subject, total.score, total.grade, doc_.span(i, total.score_begin, total.score_end),
        total.grade.empty() ? extract::SourceSpan{} : doc_.span(i, total.grade_begin, total.grade_end)});
  }

  // A line a score table already read as its total row is not observed again.
  void read_total(const TotalStatement& total, std::size_t i) {
    const auto grade_span = [&] { return doc_.span(i, total.grade_begin, total.grade_end); };
    Observation o = doc_.observation(SourceKind::kTotalStatement, "", i, total.begin, total.end, -1);
    o.score = total.score;
    o.max = total.max;
    const auto& seen = report_.total.observations;
    const auto same_line = [&](const Observation& s) { return s.span.page == o.span.page && s.span.line == o.span.line; };
    if (std::none_of(seen.begin(), seen.end(), same_line))
      tree_.observe(-1, std::move(o));
    if (!total.grade.empty()) report_.grades.push_back(model::GradeStatement{total.grade, grade_span()});
  }

  // The scale is the first run of band clauses with at least two bands; it
  // may be one sentence or one band a line on consecutive lines. A run ends
  // at the second line without a band: a band one line after it means a
  // line of the scale was not read (OCR's "80790 分…为展好" between two
  // bands), and a scale with a band missing would make gaps the report does
  // not have, so such a scale is not read at all.
  void read_bands(std::string_view line, std::size_t i) {
    const std::vector<ParsedBand> bands = find_grade_bands(line);
    if (bands.empty()) {
      if (run_ended_) settle_bands();
      else run_ended_ = !pending_bands_.empty();
      return;
    }
    if (run_ended_) scale_broken_ = true;
    run_ended_ = false;
    for (const ParsedBand& b : bands) {
      GradeBand band{b.grade, b.lower, b.lower_inclusive, b.upper, b.upper_inclusive, doc_.span(i, b.begin, b.end)};
      // Print does not misspell a grade as 尺 or a range as 70”80; only OCR's
      // reading is taken so (and stays a guess: its span is OCR's), a misread
      // label named from its place in the scale.
      if ((b.label_misread || b.range_mark_misread) && band.span.reading != extract::Reading::kOcr) continue;
      pending_bands_.push_back(std::move(band));
      pending_misread_.push_back(b.label_misread);
    }
  }

  // The run of band clauses read so far is the scale when it has two bands
  // or more, once OCR's misread labels are named (or dropped).
  void settle_bands() {
    std::vector<GradeBand> scale = name_misread_labels(std::move(pending_bands_), pending_misread_);
    if (scale.size() >= 2 && !scale_broken_) {
      report_.grade_bands = std::move(scale);
      bands_read_ = true;
    }
    pending_bands_.clear();
    pending_misread_.clear();
    run_ended_ = scale_broken_ = false;
  }

  const NormalizedDocument& doc_;
  const bool has_results_table_;
  IndicatorTree& tree_;
  model::Report& report_;

  int section_ = -1;                        // the level-1 indicator whose section we are in
  std::string section_class_;               // numbering class of that section's heading
  int current_l2_ = -1;                     // the last level-2 indicator stated in the section
  std::map<std::string, int> class_level_;  // numbering class -> level, learned in this section
  std::vector<std::string> class_order_;    // numbering classes in the order first seen
  std::vector<std::pair<TotalStatement, std::size_t>> totals_;  // with their lines
  std::vector<std::pair<GradeOnlyStatement, std::size_t>> grades_;  // grades stated without a score
  bool bands_read_ = false;
  std::vector<GradeBand> pending_bands_;
  std::vector<bool> pending_misread_;  // pending_bands_[k]'s label is OCR's misreading
  bool run_ended_ = false;             // the last line had no band, after a run of them
  bool scale_broken_ = false;          // the run went on a line after it ended
};

}  // namespace

void read_statements(const NormalizedDocument& doc, bool has_results_table, IndicatorTree& tree,
                     model::Report& report) {
  StatementReader(doc, has_results_table, tree, report).read();
}

}  // namespace jixiao::normalize::internal
