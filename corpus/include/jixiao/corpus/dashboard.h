#pragma once
// The dashboard of a dataset: `jixiao corpus report --db D -o dashboard.html`
// (docs/html.md, "Dashboard"). One self-contained HTML page: what the dataset
// holds, the rules that fire, the spread of total scores and grades (also by
// year and by region), and a sortable, filterable table of documents, each
// linked to its findings further down the page.
//
// Two steps: Store::dashboard() reads a Dashboard (plain data, below) from a
// read-only store in one snapshot; render_dashboard() makes the page from it.
// Every string in a Dashboard comes from the dataset and is untrusted: the
// page writes it only through html::escape().
//
// The page stays bounded on big datasets: the limits say how many documents
// it lists and how many findings it details, and the page says how many it
// left out.

#include <cstddef>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "jixiao/corpus/region.h"

namespace jixiao::corpus {

struct DashboardLimits {
  std::size_t documents = 20000;             // documents listed in the table
  std::size_t findings_per_document = 100;   // findings detailed per document
  std::size_t findings = 10000;              // findings detailed in all
};

// One finding detailed on the page (a row of the findings table).
struct DashboardFinding {
  std::string rule, severity, message, text;
  std::optional<long> page, line;
};

// One document of the table.
struct DashboardDocument {
  std::string sha256, path, unit;
  std::string region;              // region_of_unit(unit), or kUnknownRegion
  std::optional<long> year;
  std::string total_score;         // as printed; empty when none
  std::optional<double> total_score_num;
  std::string grade;               // as printed; empty when none
  bool ok = false;                 // read (status ok); otherwise `failure` and `error` say why
  std::string failure, error;
  std::size_t error_findings = 0, warning_findings = 0;
  std::size_t findings = 0;                // findings the dataset holds for it
  std::vector<DashboardFinding> detailed;  // the first of them by position, up to the limits
};

// How often a rule fires with one severity.
struct RuleCount {
  std::string rule, severity;
  std::size_t findings = 0, documents = 0;
};

// Documents read, counted by category (a score band, a grade) within groups
// (a year, a region): counts[g][c] documents of group g fall in category c.
struct Spread {
  std::vector<std::string> categories;
  std::vector<std::string> groups;
  std::vector<std::vector<std::size_t>> counts;
};

// The score bands, lowest first: "<60", "60-70", "70-80", "80-90", "90-100"
// (90 <= s <= 100), ">100" (a scale other than 100 points), then the label
// of documents without a total.
inline constexpr const char* kScoreBands[] = {"<60", "60-70", "70-80", "80-90", "90-100", ">100", "(无总分)"};
inline constexpr const char* kNoGrade = "(无等级)";
inline constexpr const char* kNoYear = "(无年份)";

struct Dashboard {
  std::string source;  // the database as named on the command line
  std::size_t documents = 0, ok = 0, failed = 0, paths = 0, input_errors = 0;
  std::vector<std::pair<std::string, std::size_t>> failures;  // failure kind -> documents (StoreStats)
  std::size_t with_error_findings = 0;                        // documents read with an error finding
  std::vector<RuleCount> rules;                               // most findings first, then rule, severity
  std::size_t findings = 0;                                   // findings in the dataset
  // Listed documents, in path order: those with error findings or failed
  // first when the limit leaves some out.
  std::vector<DashboardDocument> listed;
  // Total-score bands (kScoreBands, in that order) and grade words (most
  // documents first, kNoGrade last), by year (ascending, kNoYear last) and by
  // region (most documents first, kUnknownRegion last). Every document read
  // is counted once in each.
  Spread scores_by_year, grades_by_year, scores_by_region, grades_by_region;
  DashboardLimits limits;
};

// The HTML page (html::render: UTF-8, the hash-pinned CSP, no external asset).
std::string render_dashboard(const Dashboard& dashboard);

}  // namespace jixiao::corpus
