// score.grade and score.grade-bands: the stated grade against the total, and
// the report's own grading scale against itself.

#include <algorithm>

#include "checks.h"
#include "jixiao/normalize/grade_bands.h"

namespace jixiao::validate::internal {
namespace {

using model::GradeBand;

// The national bands used when a report states none (财预〔2020〕10号 practice).
std::vector<GradeBand> national_bands() {
  auto d = [](int v) { return Decimal::from_int(v); };
  return {
      GradeBand{"优", d(90), true, std::nullopt, true, {}},
      GradeBand{"良", d(80), true, d(90), false, {}},
      GradeBand{"中", d(60), true, d(80), false, {}},
      GradeBand{"差", std::nullopt, true, d(60), false, {}},
  };
}

bool contains(const GradeBand& b, const Decimal& x) {
  if (b.lower && (x < *b.lower || (x == *b.lower && !b.lower_inclusive))) return false;
  if (b.upper && (x > *b.upper || (x == *b.upper && !b.upper_inclusive))) return false;
  return true;
}

std::string describe_band(const GradeBand& b) {
  std::string lo = b.lower ? (b.lower_inclusive ? "[" : "(") + b.lower->to_string() : "[0";
  std::string hi = b.upper ? b.upper->to_string() + (b.upper_inclusive ? "]" : ")") : "max]";
  return b.grade + " " + lo + ", " + hi;
}

// A point on the score line with a side: the value itself, or just above/below it.
struct Edge {
  Decimal value;
  bool closed;  // the band includes `value`
};

}  // namespace

void check_grade(const Report& r, Findings& out) {
  if (r.grades.empty() || !r.total.score) return;
  const Decimal total = *r.total.score;
  const bool own = !r.grade_bands.empty();
  const std::vector<GradeBand> bands = own ? r.grade_bands : national_bands();
  const Observation* total_obs = canonical(r.total, &Observation::score);
  std::vector<const GradeBand*> matching;
  for (const GradeBand& b : bands)
    if (contains(b, total)) matching.push_back(&b);

  std::vector<std::string> seen;
  for (const model::GradeStatement& g : r.grades) {
    if (std::find(seen.begin(), seen.end(), g.grade) != seen.end()) continue;
    seen.push_back(g.grade);
    // A letter grade (A/B/C/D) has a meaning only on the report's own scale,
    // where it is compared as a word; a word grade by its class (良 = 良好).
    const int stated_class = normalize::grade_class(g.grade);
    const bool letter = stated_class == 0;
    const auto same_grade = [&](const GradeBand& b) {
      return letter ? b.grade == g.grade : normalize::grade_class(b.grade) == stated_class;
    };
    if (letter && !own) continue;
    if (!own && !normalize::national_grade(g.grade)) continue;  // no scale known for this word
    // A scale that never names the stated grade ("A" against 优/良/中/差) says nothing about it.
    if (own && std::none_of(bands.begin(), bands.end(), same_grade)) continue;
    bool agrees = false, disagrees = false;
    std::string expected;
    for (const GradeBand* b : matching) {
      if (same_grade(*b)) agrees = true;
      else disagrees = true;
      if (!expected.empty()) expected += "/";
      expected += b->grade;
    }
    if (agrees && !disagrees) continue;
    Finding f;
    f.rule = "score.grade";
    f.stated = g.grade;
    f.computed = expected;
    const std::string scale_zh = own ? "报告自定的等级区间" : "通用等级区间（优≥90，良80–90，中60–80，差<60）";
    const std::string scale_en = own ? "the report's own bands" : "the national bands";
    if (matching.empty()) {
      f.severity = Severity::kError;
      f.message = "总分 " + total.to_string() + " 不属于" + scale_zh + "中的任何等级，却评为“" + g.grade +
                  "” (the total " + total.to_string() + " falls in no band of " + scale_en + ")";
    } else if (agrees) {
      f.severity = Severity::kWarning;
      f.message = "总分 " + total.to_string() + " 同时落在“" + expected + "”两个等级区间内，评为“" + g.grade +
                  "”有歧义 (the total " + total.to_string() + " lies where " + scale_en + " overlap: " + expected +
                  "; the stated grade is one of them)";
    } else {
      f.severity = Severity::kError;
      f.message = "总分 " + total.to_string() + " 按" + scale_zh + "应为“" + expected + "”，报告评为“" + g.grade +
                  "” (a total of " + total.to_string() + " is graded " + expected + " under " + scale_en +
                  ", but the report says " + g.grade + ")";
    }
    for (const model::GradeStatement& same : r.grades)
      if (same.grade == g.grade) f.spans.push_back(same.span);
    if (total_obs) f.spans.push_back(total_obs->span);
    for (const GradeBand* b : matching)
      if (!b->span.text.empty()) f.spans.push_back(b->span);
    out.add(std::move(f));
  }
}

void check_grade_bands(const Report& r, Findings& out) {
  const std::vector<GradeBand>& bands = r.grade_bands;
  if (bands.size() < 2) return;
  const Decimal top = r.total.max.value_or(Decimal::from_int(100));
  const Decimal zero;

  // Overlaps: every pair of bands that share a point.
  for (std::size_t i = 0; i < bands.size(); ++i) {
    for (std::size_t j = i + 1; j < bands.size(); ++j) {
      const GradeBand& a = bands[i];
      const GradeBand& b = bands[j];
      // Intersection: max of lowers, min of uppers.
      Edge lo{a.lower.value_or(zero), a.lower ? a.lower_inclusive : true};
      Edge blo{b.lower.value_or(zero), b.lower ? b.lower_inclusive : true};
      if (blo.value > lo.value || (blo.value == lo.value && !blo.closed)) lo = blo;
      Edge hi{a.upper.value_or(top), a.upper ? a.upper_inclusive : true};
      Edge bhi{b.upper.value_or(top), b.upper ? b.upper_inclusive : true};
      if (bhi.value < hi.value || (bhi.value == hi.value && !bhi.closed)) hi = bhi;
      const bool empty = lo.value > hi.value || (lo.value == hi.value && !(lo.closed && hi.closed));
      if (empty) continue;
      Finding f;
      f.rule = "score.grade-bands";
      f.severity = Severity::kError;
      const std::string range = (lo.closed ? "[" : "(") + lo.value.to_string() + ", " + hi.value.to_string() +
                                (hi.closed ? "]" : ")");
      f.stated = describe_band(a) + "; " + describe_band(b);
      f.computed = "overlap " + range;
      f.message = "等级区间重叠：" + range + " 同时属于“" + a.grade + "”和“" + b.grade + "” (grade bands overlap: " +
                  range + " belongs to both " + a.grade + " and " + b.grade + ")";
      f.spans.push_back(a.span);
      f.spans.push_back(b.span);
      out.add(std::move(f));
    }
  }

  // Gaps: walk from 0 upwards through the bands sorted by their lower end.
  std::vector<const GradeBand*> sorted;
  for (const GradeBand& b : bands) sorted.push_back(&b);
  std::sort(sorted.begin(), sorted.end(), [&](const GradeBand* a, const GradeBand* b) {
    const Decimal la = a->lower.value_or(zero), lb = b->lower.value_or(zero);
    if (la != lb) return la < lb;
    return (a->lower ? a->lower_inclusive : true) && !(b->lower ? b->lower_inclusive : true);
  });
  Edge covered{zero, false};  // everything below `covered` (and the point itself when closed) is graded
  bool started = false;
  const GradeBand* previous = nullptr;
  auto gap = [&](const Edge& from, const Edge& to, const GradeBand* below, const GradeBand* above) {
    const std::string range = (from.closed ? "(" : "[") + from.value.to_string() + ", " + to.value.to_string() +
                              (to.closed ? ")" : "]");
    Finding f;
    f.rule = "score.grade-bands";
    f.severity = Severity::kError;
    f.stated = (below ? describe_band(*below) : std::string("")) + (below && above ? "; " : "") +
               (above ? describe_band(*above) : std::string(""));
    f.computed = "gap " + range;
    f.message = "等级区间有缺口：" + range + " 不属于任何等级 (grade bands leave a gap: a total in " + range +
                " has no grade)";
    if (above) f.spans.push_back(above->span);
    if (below) f.spans.push_back(below->span);
    out.add(std::move(f));
  };
  for (const GradeBand* b : sorted) {
    const Edge lo{b->lower.value_or(zero), b->lower ? b->lower_inclusive : true};
    if (!started) {
      if (lo.value > zero || !lo.closed) gap(Edge{zero, false}, lo, nullptr, b);
      started = true;
    } else if (lo.value > covered.value || (lo.value == covered.value && !lo.closed && !covered.closed)) {
      gap(covered, lo, previous, b);
    }
    const Edge hi{b->upper.value_or(top), b->upper ? b->upper_inclusive : true};
    if (hi.value > covered.value || (hi.value == covered.value && hi.closed)) {
      covered = hi;
      previous = b;
    }
  }
  if (covered.value < top || (covered.value == top && !covered.closed))
    gap(covered, Edge{top, false}, previous, nullptr);
}

}  // namespace jixiao::validate::internal
