// libFuzzer target for the statement and figure readers of normalize/ (its
// internal headers, as the tests use them): each line of the input, after
// normalize_line as the pipeline does, through every one-line reader of
// statements.h and grade_bands.h; then the whole input as a text Document
// through the readers build_report runs on running text (statements into the
// indicator tree, budget sentences, breakdowns, changes, per-unit statements,
// rates against a remote budget, repeated figures). Tables are left out: the
// input's first byte says whether a results table is taken to exist.
//
// Invariants: every byte range a reader returns lies inside its line, in
// order, on character boundaries, and its parts inside it (the figure and the
// grade inside a total statement); the first total statement is the one
// find_total_statement returns; a count statement states the level-1 count;
// a heading's numbering is the line's numbering class; every span of the
// records quotes the document (document_checks.h).
//
//   scripts/fuzz statement                           # build and run this target
//   build-fuzz/fuzz/statement_fuzz crash-<sha1>      # replay one input

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "builder.h"
#include "document_checks.h"
#include "fuzz_check.h"
#include "jixiao/extract/document.h"
#include "jixiao/extract/utf8.h"
#include "jixiao/normalize/grade_bands.h"
#include "jixiao/normalize/report_builder.h"
#include "jixiao/text/text_normalizer.h"
#include "report_text.h"
#include "statements.h"

namespace {

namespace internal = jixiao::normalize::internal;
namespace normalize = jixiao::normalize;

bool is_continuation(unsigned char c) { return (c & 0xC0) == 0x80; }

// [begin, end) lies inside `line` on character boundaries (the line is valid UTF-8).
void check_range(std::string_view line, std::size_t begin, std::size_t end) {
  JIXIAO_FUZZ_CHECK(begin <= end && end <= line.size());
  JIXIAO_FUZZ_CHECK(begin == line.size() || !is_continuation(static_cast<unsigned char>(line[begin])));
  JIXIAO_FUZZ_CHECK(end == line.size() || !is_continuation(static_cast<unsigned char>(line[end])));
}

// A part [b, e) of a statement [begin, end).
void check_inside(std::size_t begin, std::size_t end, std::size_t b, std::size_t e) {
  JIXIAO_FUZZ_CHECK(begin <= b && b <= e && e <= end);
}

// Statements of one kind come in the order of the line (a statement may end
// where the next begins, and a grade-only clause may sit inside a total's).
template <typename Statement>
void check_ordered(std::string_view line, const std::vector<Statement>& found) {
  for (std::size_t k = 0; k < found.size(); ++k) {
    check_range(line, found[k].begin, found[k].end);
    JIXIAO_FUZZ_CHECK(found[k].begin < found[k].end);
    if (k > 0) JIXIAO_FUZZ_CHECK(found[k - 1].begin < found[k].begin);
  }
}

void check_totals(std::string_view line) {
  const std::vector<normalize::TotalStatement> totals = normalize::find_total_statements(line);
  check_ordered(line, totals);
  for (const normalize::TotalStatement& t : totals) {
    check_range(line, t.score_begin, t.score_end);
    check_inside(t.begin, t.end, t.score_begin, t.score_end);
    JIXIAO_FUZZ_CHECK(t.score_begin < t.score_end);
    if (!t.grade.empty()) {
      check_range(line, t.grade_begin, t.grade_end);
      check_inside(t.begin, t.end, t.grade_begin, t.grade_end);
    }
    JIXIAO_FUZZ_CHECK(jixiao::fuzz::valid_utf8(t.grade) && jixiao::fuzz::valid_utf8(t.subject));
  }
  const std::optional<normalize::TotalStatement> first = normalize::find_total_statement(line);
  JIXIAO_FUZZ_CHECK(first.has_value() == !totals.empty());
  if (first) JIXIAO_FUZZ_CHECK(first->begin == totals.front().begin && first->end == totals.front().end);
}

void check_line(std::string_view line, const normalize::Level1Patterns& level1) {
  const std::vector<normalize::IndicatorStatement> stated = normalize::find_indicator_statements(line);
  check_ordered(line, stated);
  for (const normalize::IndicatorStatement& s : stated) JIXIAO_FUZZ_CHECK(jixiao::fuzz::valid_utf8(s.name));
  for (const normalize::Level1Statement& s : normalize::find_level1_statements(line, level1))
    check_range(line, s.begin, s.end);
  for (const normalize::Enumeration& e : normalize::find_enumerations(line, level1)) check_range(line, e.begin, e.end);
  check_totals(line);
  const std::vector<normalize::GradeOnlyStatement> grades = normalize::find_grade_statements(line);
  check_ordered(line, grades);
  for (const normalize::GradeOnlyStatement& g : grades) {
    check_range(line, g.grade_begin, g.grade_end);
    check_inside(g.begin, g.end, g.grade_begin, g.grade_end);
  }
  const std::vector<normalize::CountStatement> counts = normalize::find_count_statements(line);
  check_ordered(line, counts);
  for (const normalize::CountStatement& c : counts) JIXIAO_FUZZ_CHECK(c.level1.has_value());
  std::size_t numbering_length = 0;
  const std::string numbering = normalize::numbering_class(line, &numbering_length);
  check_range(line, 0, numbering_length);
  if (const std::optional<normalize::Heading> heading = normalize::parse_heading(line))
    JIXIAO_FUZZ_CHECK(heading->numbering == numbering);
  if (const std::optional<normalize::MetadataField> field = normalize::parse_metadata_line(line))
    JIXIAO_FUZZ_CHECK(!field->field.empty());
  for (const normalize::ParsedBand& b : normalize::find_grade_bands(line)) {
    check_range(line, b.begin, b.end);
    JIXIAO_FUZZ_CHECK(!b.grade.empty());
  }
}

// What build_report does with running text, tables left out.
void check_document_readers(const jixiao::extract::Document& doc, bool has_results_table) {
  const internal::NormalizedDocument norm = internal::normalize_document(doc);
  // One line a line, but for a last line that normalizes to nothing: the
  // normalized text is rebuilt with make_text_document, which makes no empty
  // line after a final newline.
  JIXIAO_FUZZ_CHECK(norm.lines.size() == doc.lines.size());
  JIXIAO_FUZZ_CHECK(norm.doc.lines.size() == doc.lines.size() ||
                    (norm.doc.lines.size() + 1 == doc.lines.size() && norm.lines.back().text.empty()));
  jixiao::model::Report report;
  internal::read_metadata(norm.doc, report);
  const internal::LineQuantities quantities =
      internal::read_quantities(norm, jixiao::normalize::BuildLimits{}.max_figures, report);
  JIXIAO_FUZZ_CHECK(quantities.size() == norm.doc.lines.size());
  internal::IndicatorTree tree(report);
  internal::read_statements(norm, has_results_table, tree, report);
  internal::read_budget_sentences(norm, quantities, report.budget_lines);
  const internal::ReportText text{norm.doc, quantities, [&norm](std::size_t line, std::size_t b, std::size_t e) {
                                    return norm.span(line, b, e);
                                  }};
  report.breakdowns = internal::read_breakdowns(text);
  report.changes = internal::read_changes(text);
  for (jixiao::model::BudgetLine& bl : internal::read_rates_against_remote_budget(text))
    report.budget_lines.push_back(std::move(bl));
  report.per_unit = internal::read_per_unit(text);
  report.repeated = internal::find_repeated_figures(text, report).figures;
  internal::settle_canonical_values(report);
  jixiao::fuzz::check_report(doc, report);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const bool has_results_table = data[0] & 1;
  std::string text(reinterpret_cast<const char*>(data + 1), size - 1);
  for (std::size_t bad; (bad = jixiao::extract::first_invalid_utf8(text)) != std::string::npos;) text[bad] = '?';
  const jixiao::extract::Document doc = jixiao::extract::make_text_document("fuzz.txt", "text", "UTF-8", "", text);

  std::vector<std::string> level1_names(std::begin(internal::kFrameworkLevel1), std::end(internal::kFrameworkLevel1));
  const normalize::Level1Patterns level1(level1_names);
  for (std::size_t i = 0; i < doc.lines.size(); ++i)
    check_line(jixiao::text::normalize_line(doc.line_text(i)).text, level1);
  check_document_readers(doc, has_results_table);
  return 0;
}
