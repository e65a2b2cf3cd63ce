#pragma once
// What the validate stage reports: a Finding names the rule that recomputed a
// figure, the figure as stated, what the other figures give, and every span
// of the report involved, so a reader can check the arithmetic by hand.
//
// Rule ids are dotted, lower-case and stable ("score.sum", "budget.rate",
// "budget.per-unit"): JSON output, the dataset and `jixiao rules` use them as
// keys. The catalogue of ids, their default severities and descriptions is
// validate's (jixiao/validate/rules.h); the model only carries the id.

#include <string>
#include <vector>

#include "jixiao/extract/source_span.h"

namespace jixiao::model {

// An error is a contradiction the printed precision cannot explain; a warning
// is one the wording allows ("主要用于" lists need not be complete) or that
// needs a reader's judgement.
enum class Severity { kError, kWarning };

// A contradiction found by a validation rule, with every figure involved.
struct Finding {
  std::string rule;                        // "score.sum"
  Severity severity = Severity::kError;
  std::string message;                     // one sentence, Chinese then English
  std::string stated;                      // the figure as the report states it
  std::string computed;                    // what the other figures give
  std::string tolerance;                   // the printed-precision tolerance used, if any
  std::vector<extract::SourceSpan> spans;  // the statement at fault first
  // What each span is, parallel to spans when given: "总额 total", "分项 part", "人数 count".
  std::vector<std::string> roles;
  // The recomputation, figure by figure: "656.77 + 8.19 + … + 6003.7 = 47213.46万元 (±0.11万元)".
  std::string arithmetic;
};

}  // namespace jixiao::model
