#pragma once
// The rule catalogue: every rule id jixiao can report, with its default
// severity and what it checks. `jixiao rules` prints this table; docs/rules.md
// explains each rule with an example.

#include <string_view>
#include <vector>

#include "jixiao/model/finding.h"

namespace jixiao::validate {

struct RuleInfo {
  std::string_view id;           // "score.sum"
  model::Severity severity;  // the usual severity; some findings of a rule are warnings
  std::string_view summary;      // one line
  std::string_view description;  // one paragraph
};

const std::vector<RuleInfo>& rule_catalogue();

// The catalogue entry for `id`, or nullptr.
const RuleInfo* find_rule(std::string_view id);

}  // namespace jixiao::validate
