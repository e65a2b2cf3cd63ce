// A report's own grading scale, read from the sentence that states it. The
// line is split into clauses at punctuation outside parentheses; each clause
// is tried against the band forms reports use (a range "80~90 分", a bound
// with "（含）", a comparison "80 分≤综合得分＜90 分") and gives a grade word
// (or a letter grade A–D: "90 分以上为 A 级") with its lower and upper bounds
// and whether each is inclusive. grade_class()
// maps the many grade words onto four classes, so validate can tell that the
// stated "良" and the band "良好" are the same grade.

#include "jixiao/normalize/grade_bands.h"

#include <re2/re2.h>

#include "boundaries.h"
#include "jixiao/text/text.h"
#include "vocabulary.h"

namespace jixiao::normalize {

using text::Decimal;
using text::trim;

namespace {

using re2::StringPiece;

using vocabulary::kGradeWords;

// The grade words of band clauses: those with a class (letter grades are read
// only after a grade label, in total_statement.cc).
const std::string& grade_alternation() {
  static const std::string kAlt = [] {
    std::string s;
    for (const vocabulary::GradeWord& g : kGradeWords) {
      if (g.grade_class == 0) continue;
      if (!s.empty()) s += "|";
      s += std::string(g.word);
    }
    return s;
  }();
  return kAlt;
}

// Splits at clause punctuation outside parentheses.
std::vector<std::pair<std::size_t, std::size_t>> clauses(std::string_view line) {
  std::vector<std::pair<std::size_t, std::size_t>> out;
  int depth = 0;
  std::size_t start = 0;
  std::size_t i = 0;
  while (i < line.size()) {
    const std::string_view rest = line.substr(i);
    if (rest.starts_with("（") || rest.starts_with("(")) ++depth;
    if ((rest.starts_with("）") || rest.starts_with(")")) && depth > 0) --depth;
    std::size_t sep = 0;
    if (depth == 0) {
      for (std::string_view p : {"，", "；", "。", "、", "：", ",", ";"})
        if (rest.starts_with(p)) sep = p.size();
    }
    if (sep) {
      out.emplace_back(start, i);
      i += sep;
      start = i;
      continue;
    }
    i += (static_cast<unsigned char>(line[i]) < 0x80) ? 1 : (static_cast<unsigned char>(line[i]) >> 5) == 6 ? 2
         : (static_cast<unsigned char>(line[i]) >> 4) == 14 ? 3 : 4;
  }
  if (start < line.size()) out.emplace_back(start, line.size());
  return out;
}

bool inclusive_marker(std::string_view marker, std::string_view number, bool otherwise) {
  if (marker.empty()) return otherwise;
  if (marker.find("不含") != std::string_view::npos) return false;
  if (marker.find("含") == std::string_view::npos) return otherwise;
  // "（含 90 分）" names the number it includes.
  std::string digits;
  for (char c : marker)
    if ((c >= '0' && c <= '9') || c == '.') digits.push_back(c);
  return digits.empty() || digits == number || Decimal::parse(digits) == Decimal::parse(number);
}

std::optional<ParsedBand> parse_clause(std::string_view clause) {
  const std::string& grades = grade_alternation();
  static const std::string kNum = R"(([0-9]+(?:\.[0-9]+)?))";
  static const std::string kMark = R"(\s*分?\s*((?:[（(]\s*(?:不)?含[^）)]*[）)])?))";
  static const RE2 kGradeAfter("为\\s*[“\"「]?(" + grade_alternation() + ")[”\"」]?");
  static const RE2 kGradeBefore("^\\s*(?:评价等级分为|等级分为|分为)?\\s*[“\"「]?(" + grade_alternation() +
                                ")[”\"」]?\\s*[（(]");
  // "一" between two bounds is a dash typed (or OCR read) as the numeral one.
  static const RE2 kRange(kNum + kMark + R"(\s*(?:~|～|—|－|-|一|至|到)+\s*)" + kNum + kMark);
  // The "~" of a range as OCR reads it: a closing or straight quote.
  static const RE2 kRangeAsRead(kNum + kMark + R"(\s*(?:”|")\s*)" + kNum + kMark);
  static const RE2 kAbove(kNum + kMark + R"(\s*(?:及)?以上)");
  static const RE2 kBelow(kNum + kMark + R"(\s*(?:及)?以下)");
  static const RE2 kLowerIneq(kNum + R"(\s*分?\s*(≤|<|＜|≦|<=)\s*(?:综合)?(?:评价)?得分)");
  static const RE2 kUpperIneq(R"((?:综合)?(?:评价)?得分\s*(≤|<|＜|≦|<=)\s*)" + kNum);
  static const RE2 kLowerIneq2(R"((?:综合)?(?:评价)?得分\s*(≥|>|＞|≧|>=)\s*)" + kNum);
  static const RE2 kLowWords(R"((?:不低于|不少于|大于等于|高于|大于)\s*)" + kNum);
  static const RE2 kHighWords(R"((?:低于|不足|小于|不高于|不超过)\s*)" + kNum);
  (void)grades;

  // Letter grades ("90分以上为A级", "为“B”"): a capital A-D that no other
  // letter or digit touches, after 为 or before the bounds.
  static const RE2 kLetterAfter(R"(为\s*[“"「]?([A-D])[”"」]?(?:级|等|档|类)?(?:$|[^A-Za-z0-9]))");
  static const RE2 kLetterBefore(R"(^\s*[“"「]?([A-D])[”"」]?(?:级|等|档|类)?\s*(?:[（(:：]|为))");

  // A label OCR misread: one ideograph that is no grade word, ending the
  // clause after 为 ("至 90 分为尺"); name_misread_labels decides what it is.
  static const RE2 kMisreadAfter(R"(为\s*[“"「]?(\p{Han})[”"」]?\s*$)");

  StringPiece in(clause.data(), clause.size());
  std::string grade;
  bool misread = false;
  if (!RE2::PartialMatch(in, kGradeAfter, &grade) && !RE2::PartialMatch(in, kGradeBefore, &grade) &&
      !RE2::PartialMatch(in, kLetterAfter, &grade) && !RE2::PartialMatch(in, kLetterBefore, &grade)) {
    if (!RE2::PartialMatch(in, kMisreadAfter, &grade)) return std::nullopt;
    misread = true;
  }
  ParsedBand band;
  band.grade = grade;
  band.label_misread = misread;
  std::string a, ma, b, mb, op;
  const bool range = RE2::PartialMatch(in, kRange, &a, &ma, &b, &mb);
  band.range_mark_misread = !range && RE2::PartialMatch(in, kRangeAsRead, &a, &ma, &b, &mb);
  if (range || band.range_mark_misread) {
    band.lower = Decimal::parse(a);
    band.upper = Decimal::parse(b);
    band.lower_inclusive = inclusive_marker(ma, a, true);
    // "（含 90 分）" after the range may name its lower end.
    if (!mb.empty() && inclusive_marker(mb, a, false) && internal::has_ascii_digit(mb)) {
      band.lower_inclusive = true;
      band.upper_inclusive = false;
    } else {
      band.upper_inclusive = inclusive_marker(mb, b, false);
    }
  } else {
    bool found = false;
    if (RE2::PartialMatch(in, kLowerIneq, &a, &op)) {
      band.lower = Decimal::parse(a);
      band.lower_inclusive = op != "<" && op != "＜";
      found = true;
    }
    if (RE2::PartialMatch(in, kUpperIneq, &op, &b)) {
      band.upper = Decimal::parse(b);
      band.upper_inclusive = op != "<" && op != "＜";
      found = true;
    }
    if (RE2::PartialMatch(in, kLowerIneq2, &op, &a)) {
      band.lower = Decimal::parse(a);
      band.lower_inclusive = op != ">" && op != "＞";
      found = true;
    }
    if (!found && RE2::PartialMatch(in, kAbove, &a, &ma)) {
      band.lower = Decimal::parse(a);
      band.lower_inclusive = inclusive_marker(ma, a, true);
      found = true;
    }
    if (!found && RE2::PartialMatch(in, kBelow, &b, &mb)) {
      band.upper = Decimal::parse(b);
      band.upper_inclusive = inclusive_marker(mb, b, false);
      found = true;
    }
    if (!found && RE2::PartialMatch(in, kLowWords, &a)) {
      band.lower = Decimal::parse(a);
      band.lower_inclusive = clause.find("高于") == std::string_view::npos &&
                             clause.find("大于") == std::string_view::npos;
      found = true;
    }
    if (!found && RE2::PartialMatch(in, kHighWords, &b)) {
      band.upper = Decimal::parse(b);
      band.upper_inclusive = clause.find("不高于") != std::string_view::npos ||
                             clause.find("不超过") != std::string_view::npos;
      found = true;
    }
    if (!found) return std::nullopt;
  }
  return band;
}

}  // namespace

int grade_class(std::string_view word) {
  for (const vocabulary::GradeWord& g : kGradeWords)
    if (g.word == word) return g.grade_class;
  return 0;
}

bool national_grade(std::string_view word) {
  for (const vocabulary::GradeWord& g : kGradeWords)
    if (g.word == word) return g.national;
  return false;
}

namespace {

// Where a band stands in its scale: its lower bound, the bottom band (open
// below) lowest of all.
std::optional<Decimal> band_floor(const model::GradeBand& band) { return band.lower; }

// The one-character grade word of class `c` (优 良 中 差), or "".
std::string_view one_character_word(int c) {
  for (const vocabulary::GradeWord& g : kGradeWords)
    if (g.grade_class == c && g.word.size() == 3) return g.word;
  return "";
}

// The class the misread band at `m` must have, or 0: the known bands next
// above and below it leave exactly one class between them, and no band
// has it.
int class_between(const std::vector<model::GradeBand>& bands, const std::vector<bool>& misread, std::size_t m) {
  int above = 0, below = 5;  // past the best and the worst class
  std::optional<Decimal> above_floor, below_floor;
  bool below_found = false;
  const std::optional<Decimal> floor = band_floor(bands[m]);
  for (std::size_t k = 0; k < bands.size(); ++k) {
    if (k == m || misread[k]) continue;
    const int c = grade_class(bands[k].grade);
    const std::optional<Decimal> f = band_floor(bands[k]);
    if (f == floor) return 0;  // two bands from one bound: no scale to read
    if (f > floor && (above == 0 || f < above_floor)) above = c, above_floor = f;
    if (f < floor && (!below_found || f > below_floor)) below = c, below_floor = f, below_found = true;
  }
  const int c = above + 1;
  if (below != c + 1) return 0;
  for (std::size_t k = 0; k < bands.size(); ++k)
    if (!misread[k] && grade_class(bands[k].grade) == c) return 0;
  return c;
}

}  // namespace

std::vector<model::GradeBand> name_misread_labels(std::vector<model::GradeBand> bands,
                                                 const std::vector<bool>& misread) {
  // The others must be words of the one-character scale, each of its own class.
  bool scale = true;
  for (std::size_t k = 0; k < bands.size(); ++k)
    if (!misread[k]) scale = scale && bands[k].grade.size() == 3 && grade_class(bands[k].grade) != 0;
  std::vector<std::string> named(bands.size());
  for (std::size_t k = 0; k < bands.size(); ++k)
    if (misread[k] && scale) named[k] = std::string(one_character_word(class_between(bands, misread, k)));
  std::vector<model::GradeBand> out;
  for (std::size_t k = 0; k < bands.size(); ++k) {
    if (misread[k] && named[k].empty()) continue;
    if (misread[k]) bands[k].grade = named[k];
    out.push_back(std::move(bands[k]));
  }
  return out;
}

std::vector<ParsedBand> find_grade_bands(std::string_view line) {
  std::vector<ParsedBand> bands;
  // Every band form bounds a score with a number: a line or a clause without
  // a digit holds none (most lines of a report; the patterns cost more).
  if (!internal::has_ascii_digit(line)) return bands;
  for (auto [b, e] : clauses(line)) {
    if (!internal::has_ascii_digit(line.substr(b, e - b))) continue;
    auto band = parse_clause(line.substr(b, e - b));
    if (!band) continue;
    const std::string_view clause = trim(line.substr(b, e - b));
    band->begin = static_cast<std::size_t>(clause.data() - line.data());
    band->end = band->begin + clause.size();
    bands.push_back(std::move(*band));
  }
  return bands;
}

}  // namespace jixiao::normalize
