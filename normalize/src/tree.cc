// The indicator tree of a report while it is being read. Several sources
// state the same indicator (the results table, the summary table, the annex,
// a sentence), often printed a little differently; the tree is where they
// meet. Names are compared by name_key() (spaces, quotes and bracket widths
// do not count), and where no name matches, by similarity, which the readers
// bound by the section they are in. Each source adds an Observation;
// canonical_values.cc later picks the value each indicator keeps.

#include <algorithm>
#include <utility>

#include "builder.h"
#include "jixiao/text/text.h"

namespace jixiao::normalize::internal {

using model::Indicator;
using text::name_key;

namespace {

std::string level_key(int level, std::string_view name) { return std::to_string(level) + "|" + name_key(name); }

}  // namespace

int IndicatorTree::find(int level, std::string_view name, int parent, bool any_parent) const {
  const auto it = by_name_.find(level_key(level, name));
  if (it == by_name_.end()) return -1;
  for (int i : it->second)
    if (any_parent || report_.indicators[i].parent == parent) return i;
  return -1;
}

int IndicatorTree::find_or_add(int level, std::string_view name, int parent) {
  int i = find(level, name, parent, false);
  if (i >= 0) return i;
  Indicator ind;
  ind.level = level;
  ind.name = std::string(name);
  ind.parent = parent;
  report_.indicators.push_back(std::move(ind));
  has_max_.push_back(false);
  i = static_cast<int>(report_.indicators.size()) - 1;
  by_name_[level_key(level, name)].push_back(i);
  return i;
}

bool IndicatorTree::is_descendant(int index, int ancestor) const {
  while (index >= 0) {
    if (index == ancestor) return true;
    index = report_.indicators[index].parent;
  }
  return false;
}

std::vector<std::string> IndicatorTree::level1_names() const {
  std::vector<std::string> names;
  for (const Indicator& ind : report_.indicators)
    if (ind.level == 1) names.push_back(ind.name);
  if (names.empty()) names.assign(std::begin(kFrameworkLevel1), std::end(kFrameworkLevel1));
  // Longest first so that alternations prefer "效益" over a shorter prefix.
  std::sort(names.begin(), names.end(), [](const std::string& a, const std::string& b) { return a.size() > b.size(); });
  return names;
}

int IndicatorTree::best_similar(std::string_view name, const std::vector<int>& candidates, int threshold) const {
  int best = -1, best_score = threshold - 1;
  for (int c : candidates) {
    const int s = text::name_similarity(name, report_.indicators[c].name);
    if (s > best_score) {
      best = c;
      best_score = s;
    }
  }
  return best;
}

std::vector<int> IndicatorTree::of_level(int level, int ancestor) const {
  std::vector<int> out;
  for (int i = 0; i < static_cast<int>(report_.indicators.size()); ++i)
    if (report_.indicators[i].level == level && (ancestor < 0 || is_descendant(i, ancestor))) out.push_back(i);
  return out;
}

void IndicatorTree::observe(int index, model::Observation obs) {
  Indicator& target = index < 0 ? report_.total : report_.indicators[index];
  if (obs.max && index >= 0) has_max_.at(static_cast<std::size_t>(index)) = true;
  target.observations.push_back(std::move(obs));
}

}  // namespace jixiao::normalize::internal
