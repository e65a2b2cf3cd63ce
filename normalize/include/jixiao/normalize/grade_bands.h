#pragma once
// Reads a report's own grading scale from the sentence that states it, in the
// forms reports use:
//   "综合得分在 90~100 分（含 90 分）以上为优秀；…60 分（含 60 分）以下为较差"
//   "综合得分 90 分（含）以上为优秀，80 分（含）至 90 分为良好，…60 分以下为不合格"
//   "综合得分≥90 分为“优”，80 分≤综合得分＜90 分为“良”，…"
//   "优秀（90≤得分≤100）、良好（80≤得分＜90）、…"
// and says which grade words mean the same thing (良 = 良好, 差 = 较差…).

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "jixiao/model/report.h"
#include "jixiao/text/decimal.h"

namespace jixiao::normalize {

struct ParsedBand {
  std::string grade;
  std::optional<text::Decimal> lower;
  bool lower_inclusive = true;
  std::optional<text::Decimal> upper;
  bool upper_inclusive = false;
  std::size_t begin = 0, end = 0;  // the clause, in bytes of the line
  // The label is one ideograph that is no grade word ("80 分（含）至 90 分为尺",
  // OCR's 尺 for 良): `grade` holds it as read, and only name_misread_labels
  // may give the band a grade.
  bool label_misread = false;
  // The range's "~" was read as a quote ("70”80 分"), as OCR reads the thin
  // wave: a band only where the text is OCR's.
  bool range_mark_misread = false;
};

// The bands stated in `line` (a scale may also run over several lines, one band each).
std::vector<ParsedBand> find_grade_bands(std::string_view line);

// A scale's bands whose label OCR misread (ParsedBand::label_misread, flagged
// in `misread`) named from their place in it: the bands above and below name
// grades of the one-character scale 优/良/中/差 with exactly one class missing
// between them, which no band names, so the misread band is that class's word
// (优、尺、中、差 → 尺 is 良). A misread band the scale does not name so is
// dropped; so is every one when the others are no such scale.
std::vector<model::GradeBand> name_misread_labels(std::vector<model::GradeBand> bands,
                                                 const std::vector<bool>& misread);

// The grade class of a grade word: 1 优 (优/优秀), 2 良 (良/良好), 3 中
// (中/中等/一般/合格/及格), 4 差 (差/较差/不合格/不及格); 0 when unknown.
int grade_class(std::string_view word);

// True for the words of the national 优/良/中/差 scale (优秀, 良好, 中等 and
// 较差 too), the only words a total is checked against when the report states
// no bands of its own: 合格, 一般 or a letter grade mean what the report's own
// scale says, and 90/80/60 is not known to be it.
bool national_grade(std::string_view word);

}  // namespace jixiao::normalize
