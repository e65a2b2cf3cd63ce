// Store::dashboard (dashboard.h): what the dashboard page shows, read from a
// store in one read transaction, so the figures agree even while a build
// writes.
//
// The page must stay bounded on any dataset, so what grows with the dataset
// is bounded here, before anything is held in memory: the documents listed
// (those with error findings or failed first, then by path, when the limit
// leaves some out) and the findings detailed (the first ones of each listed
// document, by position, until the page's total is spent, in the order the
// page lists them). The charts need every document read, but only as counts:
// each document adds one to its score band and grade, within its year and
// its region, and only those counts are kept.
#include <sqlite3.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <map>
#include <string>
#include <tuple>

#include "jixiao/corpus/dashboard.h"
#include "jixiao/corpus/region.h"
#include "jixiao/corpus/store.h"
#include "jixiao/output/record.h"
#include "store_impl.h"

namespace jixiao::corpus {
namespace {

using store_internal::column_text;

std::size_t count_at(sqlite3_stmt* s, int i) { return static_cast<std::size_t>(sqlite3_column_int64(s, i)); }

std::optional<long> optional_long(sqlite3_stmt* s, int i) {
  if (sqlite3_column_type(s, i) == SQLITE_NULL) return std::nullopt;
  return static_cast<long>(sqlite3_column_int64(s, i));
}

std::optional<double> optional_double(sqlite3_stmt* s, int i) {
  if (sqlite3_column_type(s, i) == SQLITE_NULL) return std::nullopt;
  return sqlite3_column_double(s, i);
}

// The index in kScoreBands of a total score (the bands of `corpus stats`).
std::size_t score_band(std::optional<double> total) {
  if (!total) return 6;
  if (*total > 100) return 5;
  constexpr std::array<double, 4> kFloors = {90, 80, 70, 60};  // bands 4, 3, 2, 1
  for (std::size_t i = 0; i < kFloors.size(); ++i)
    if (*total >= kFloors[i]) return 4 - i;
  return 0;
}

// Counts by group, then by category, as they are met.
using Tally = std::map<std::string, std::map<std::string, std::size_t>>;

// A tally as a Spread, with the groups and categories in the orders given.
Spread spread_of(const Tally& tally, std::vector<std::string> groups, std::vector<std::string> categories) {
  Spread s;
  s.groups = std::move(groups);
  s.categories = std::move(categories);
  for (const std::string& g : s.groups) {
    std::vector<std::size_t>& row = s.counts.emplace_back(s.categories.size(), 0);
    const auto& counts = tally.at(g);
    for (std::size_t c = 0; c < s.categories.size(); ++c)
      if (const auto it = counts.find(s.categories[c]); it != counts.end()) row[c] = it->second;
  }
  return s;
}

// The labels of a tally's groups (or of its categories, summed over groups),
// most documents first, `last` (when present) at the end.
std::vector<std::string> by_count(const Tally& tally, bool categories, std::string_view last) {
  std::map<std::string, std::size_t> totals;
  for (const auto& [group, counts] : tally)
    for (const auto& [category, n] : counts) totals[categories ? category : group] += n;
  std::vector<std::pair<std::string, std::size_t>> ordered(totals.begin(), totals.end());
  std::stable_sort(ordered.begin(), ordered.end(), [&](const auto& a, const auto& b) {
    if ((a.first == last) != (b.first == last)) return b.first == last;
    return a.second > b.second;  // ties stay in label order
  });
  std::vector<std::string> labels;
  for (auto& [label, n] : ordered) labels.push_back(std::move(label));
  return labels;
}

// Years ascending (as numbers), kNoYear last.
std::vector<std::string> years_of(const Tally& tally) {
  std::vector<std::pair<long, std::string>> years;
  for (const auto& [label, counts] : tally)
    if (label != kNoYear) years.emplace_back(std::stol(label), label);
  std::sort(years.begin(), years.end());
  std::vector<std::string> labels;
  for (auto& [n, label] : years) labels.push_back(std::move(label));
  if (tally.contains(kNoYear)) labels.emplace_back(kNoYear);
  return labels;
}

std::expected<void, std::string> read_spreads(const Store::Impl& impl, Dashboard& d) {
  Tally bands_by_year, grades_by_year, bands_by_region, grades_by_region;
  auto r = impl.each_row(
      "SELECT year, coalesce(unit, ''), total_score_num, nullif(grade, '') FROM documents "
      "WHERE status = 'ok'",
      "reading scores", [&](sqlite3_stmt* s) {
        const auto year = optional_long(s, 0);
        const std::string year_label = year ? std::to_string(*year) : std::string(kNoYear);
        const std::string region = region_of_unit(column_text(s, 1)).value_or(std::string(kUnknownRegion));
        const std::string band = kScoreBands[score_band(optional_double(s, 2))];
        const std::string grade = sqlite3_column_type(s, 3) == SQLITE_NULL ? std::string(kNoGrade) : column_text(s, 3);
        ++bands_by_year[year_label][band];
        ++grades_by_year[year_label][grade];
        ++bands_by_region[region][band];
        ++grades_by_region[region][grade];
      });
  if (!r) return r;
  const std::vector<std::string> bands(std::begin(kScoreBands), std::end(kScoreBands));
  const std::vector<std::string> grades = by_count(grades_by_year, true, kNoGrade);
  const std::vector<std::string> years = years_of(bands_by_year);
  const std::vector<std::string> regions = by_count(bands_by_region, false, kUnknownRegion);
  d.scores_by_year = spread_of(bands_by_year, years, bands);
  d.grades_by_year = spread_of(grades_by_year, years, grades);
  d.scores_by_region = spread_of(bands_by_region, regions, bands);
  d.grades_by_region = spread_of(grades_by_region, regions, grades);
  return {};
}

std::expected<void, std::string> read_rules(const Store::Impl& impl, Dashboard& d) {
  return impl.each_row(
      "SELECT rule, severity, count(*) AS n, count(DISTINCT sha256) FROM findings GROUP BY rule, severity "
      "ORDER BY n DESC, rule, severity",
      "counting rules", [&](sqlite3_stmt* s) {
        d.rules.push_back({column_text(s, 0), column_text(s, 1), count_at(s, 2), count_at(s, 3)});
        d.findings += count_at(s, 2);
      });
}

// The documents the table lists, in path order.
std::expected<void, std::string> read_listed(const Store::Impl& impl, Dashboard& d) {
  const std::string sql =
      std::string("SELECT sha256, coalesce(path, ''), coalesce(unit, ''), year, coalesce(total_score, ''), "
                  "total_score_num, coalesce(grade, ''), status, ") +
      (impl.version >= 3 ? "coalesce(failure, '')" : "''") +
      ", coalesce(error, ''), coalesce(error_findings, 0), coalesce(warning_findings, 0), "
      "(SELECT count(*) FROM findings AS f WHERE f.sha256 = d.sha256) FROM documents AS d "
      "ORDER BY (status <> 'ok' OR error_findings > 0) DESC, path, sha256 LIMIT " +
      std::to_string(std::min<std::size_t>(d.limits.documents, INT64_MAX));
  auto r = impl.each_row(sql.c_str(), "listing documents", [&](sqlite3_stmt* s) {
    DashboardDocument doc;
    doc.sha256 = column_text(s, 0);
    doc.path = column_text(s, 1);
    doc.unit = column_text(s, 2);
    doc.region = region_of_unit(doc.unit).value_or(std::string(kUnknownRegion));
    doc.year = optional_long(s, 3);
    doc.total_score = column_text(s, 4);
    doc.total_score_num = optional_double(s, 5);
    doc.grade = column_text(s, 6);
    doc.ok = column_text(s, 7) == "ok";
    doc.error = column_text(s, 9);
    if (!doc.ok) {
      const auto named = output::failure_from_name(column_text(s, 8));
      doc.failure = output::failure_name(named ? *named : output::failure_from_error(doc.error));
    }
    doc.error_findings = count_at(s, 10);
    doc.warning_findings = count_at(s, 11);
    doc.findings = count_at(s, 12);
    d.listed.push_back(std::move(doc));
  });
  if (!r) return r;
  std::sort(d.listed.begin(), d.listed.end(),
            [](const auto& a, const auto& b) { return std::tie(a.path, a.sha256) < std::tie(b.path, b.sha256); });
  return {};
}

// The first findings of each listed document, in the table's order, until the page's total is spent.
std::expected<void, std::string> read_findings(const Store::Impl& impl, Dashboard& d) {
  auto stmt = impl.prepare(
      "SELECT rule, severity, message, page, line, text FROM findings WHERE sha256 = ?1 ORDER BY seq LIMIT ?2");
  if (!stmt) return std::unexpected(stmt.error());
  std::size_t left = d.limits.findings;
  for (DashboardDocument& doc : d.listed) {
    const std::size_t quota = std::min({doc.findings, d.limits.findings_per_document, left});
    if (quota == 0) continue;
    if (stmt->bind_all({doc.sha256, static_cast<std::int64_t>(quota)}) != SQLITE_OK)
      return std::unexpected(impl.fail("reading findings"));
    const store_internal::ResetOnExit reset{stmt->get()};
    int rc;
    while ((rc = sqlite3_step(stmt->get())) == SQLITE_ROW) {
      sqlite3_stmt* s = stmt->get();
      doc.detailed.push_back({column_text(s, 0), column_text(s, 1), column_text(s, 2), column_text(s, 5),
                              optional_long(s, 3), optional_long(s, 4)});
    }
    if (rc != SQLITE_DONE) return std::unexpected(impl.fail("reading findings"));
    left -= doc.detailed.size();
  }
  return {};
}

}  // namespace

std::expected<Dashboard, std::string> Store::dashboard(const DashboardLimits& limits) const {
  const store_internal::ReadSnapshot snapshot(impl_->db.get());
  Dashboard d;
  d.source = impl_->path;
  d.limits = limits;
  auto stats = impl_->read_stats();
  if (!stats) return std::unexpected(stats.error());
  d.documents = stats->documents;
  d.ok = stats->ok;
  d.failed = stats->failed;
  d.paths = stats->paths;
  d.input_errors = stats->input_errors;
  d.failures = stats->failures;
  d.with_error_findings = stats->with_error_findings;
  for (const auto step : {read_rules, read_spreads, read_listed, read_findings})
    if (auto r = step(*impl_, d); !r) return std::unexpected(r.error());
  return d;
}

}  // namespace jixiao::corpus
