// Many documents into the dataset (dataset_build.h). The writer lists the
// inputs, hashes each document and decides before any work whether it is new:
// a document is made from the smallest path it is found under, so an input
// already stored under a smaller path only adds its path, and one met again
// while in flight waits for it. New documents go to worker processes; their
// records come back in any order and the store keeps, per document, the rows
// of its smallest path. That is what makes a run independent of worker timing
// and a merge of shards equal to one run.
#include "jixiao/corpus/dataset_build.h"

#include <unistd.h>

#include <algorithm>
#include <istream>
#include <map>
#include <ostream>
#include <thread>

#include "jixiao/corpus/document_rows.h"
#include "jixiao/corpus/inputs.h"
#include "jixiao/corpus/store.h"
#include "jixiao/extract/sha256.h"
#include "progress.h"
#include "worker_pool.h"

namespace jixiao::corpus {

namespace {

using internal::Done;
using internal::Job;
using internal::Progress;
using internal::WorkerPool;

// How often the writer wakes up to update progress while workers run.
constexpr auto kCollectWait = std::chrono::milliseconds(100);

int default_jobs() {
  const unsigned n = std::thread::hardware_concurrency();
  return n == 0 ? 1 : static_cast<int>(n);
}

Progress::Mode progress_mode(BuildOptions::Progress p) {
  switch (p) {
    case BuildOptions::Progress::kQuiet: return Progress::Mode::kQuiet;
    case BuildOptions::Progress::kTerminal: return Progress::Mode::kTerminal;
    case BuildOptions::Progress::kLines: return Progress::Mode::kLines;
    case BuildOptions::Progress::kAuto: break;
  }
  return ::isatty(STDERR_FILENO) ? Progress::Mode::kTerminal : Progress::Mode::kLines;
}

// The inputs of this shard, and what listing them reported.
InputList list_shard(const std::vector<std::string>& roots, int k, int n, std::ostream& log, BuildSummary& summary) {
  InputList all = list_inputs(roots);
  for (const auto& [path, message] : all.errors) log << "jixiao: " << path << ": " << message << "\n";
  summary.input_errors += all.errors.size();
  summary.skipped += all.skipped;
  InputList mine;
  mine.skipped = all.skipped;
  for (InputRef& r : all.reports)
    if (in_shard(r.display, k, n)) mine.reports.push_back(std::move(r));
  summary.listed += mine.reports.size();
  return mine;
}

// Documents being processed, by content: the smallest path each was submitted under.
using InFlight = std::map<std::string, std::string>;

}  // namespace

std::expected<BuildSummary, std::string> build_dataset(const BuildOptions& options, std::ostream& log) {
  BuildSummary summary;
  auto store = Store::open(options.db);
  if (!store) return std::unexpected(store.error());
  const InputList inputs = list_shard(options.inputs, options.shard_k, options.shard_n, log, summary);
  Progress progress(log, progress_mode(options.progress), inputs.reports.size());
  WorkerPool pool(options.jobs > 0 ? options.jobs : default_jobs(), std::chrono::seconds(options.timeout_seconds));
  InFlight in_flight;
  // Paths of in-flight documents met again (duplicates): added when the document is stored.
  std::multimap<std::string, std::string> waiting_paths;
  std::string write_error;

  auto store_done = [&](std::vector<Done> finished) {
    for (Done& d : finished) {
      auto added = store->add_record(d.record);
      if (!added) {
        write_error = d.path + ": " + added.error();
        continue;
      }
      ++summary.processed;
      if (d.failed) ++summary.failed;
      progress.advance(d.failed);
      if (in_flight.count(d.sha256) && in_flight[d.sha256] == d.path) in_flight.erase(d.sha256);
      auto [b, e] = waiting_paths.equal_range(d.sha256);
      if (!in_flight.count(d.sha256)) {
        for (auto it = b; it != e; ++it) {
          if (auto ok = store->add_path(d.sha256, it->second); !ok) write_error = it->second + ": " + ok.error();
          progress.advance(false);
        }
        waiting_paths.erase(d.sha256);
      }
    }
    progress.tick();
  };

  InputReader reader(inputs.reports);
  while (write_error.empty()) {
    std::optional<InputReader::Item> item = reader.next();
    if (!item) break;
    if (!item->bytes) {
      log << "jixiao: " << item->bytes.error().describe() << "\n";
      ++summary.input_errors;
      progress.advance(true);
      continue;
    }
    const std::string& display = item->ref->display;
    std::string sha = extract::sha256_hex(*item->bytes);
    // A document is made from the smallest path it is found under (byte
    // order), whatever order the inputs come in: that is what makes a sharded
    // run, merged, equal to a single run. A smaller path than the stored one
    // is processed again; the store keeps the record of the smallest.
    const std::optional<std::string> stored = store->document_path(sha);
    auto flying = in_flight.find(sha);
    const bool smaller = (!stored || display < *stored) && (flying == in_flight.end() || display < flying->second);
    if (!smaller) {
      ++summary.already;
      if (flying != in_flight.end()) {
        waiting_paths.emplace(sha, display);
      } else {
        if (auto ok = store->add_path(sha, display); !ok) write_error = display + ": " + ok.error();
        progress.advance(false);
      }
      continue;
    }
    if (flying != in_flight.end()) waiting_paths.emplace(sha, flying->second);
    while (!pool.has_idle()) store_done(pool.collect(kCollectWait));
    in_flight[sha] = display;
    pool.submit(Job{display, sha, std::move(*item->bytes)});
  }
  while (pool.busy() > 0 && write_error.empty()) store_done(pool.collect(kCollectWait));
  progress.finish();
  summary.seconds = progress.seconds();
  if (!write_error.empty()) return std::unexpected("cannot write the dataset: " + write_error);
  return summary;
}

std::expected<BuildSummary, std::string> load_records(std::istream& in, std::string_view source,
                                                      const std::string& db, std::ostream& log) {
  BuildSummary summary;
  auto store = Store::open(db);
  if (!store) return std::unexpected(store.error());
  // Every line becomes rows before anything is written, so a record of the
  // wrong shape is reported with its place and skipped, like an unreadable
  // input of a build, and never stops the load halfway.
  std::vector<DocumentRows> records;
  std::string line;
  std::size_t number = 0;
  while (std::getline(in, line)) {
    ++number;
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    auto rows = document_rows(line);
    if (!rows) {
      log << "jixiao: " << source << ":" << number << ": not a jixiao record: " << rows.error() << "\n";
      ++summary.input_errors;
      continue;
    }
    records.push_back(std::move(*rows));
  }
  // Smallest path first, so that the first record of each document is the one
  // a single run keeps (see build_dataset).
  std::stable_sort(records.begin(), records.end(),
                   [](const DocumentRows& a, const DocumentRows& b) { return a.document.path < b.document.path; });
  summary.listed = records.size();
  for (const DocumentRows& r : records) {
    auto added = store->add_document(r);
    if (!added) return std::unexpected("cannot load " + r.document.path + ": " + added.error());
    if (*added) {
      ++summary.processed;
      if (!r.ok()) ++summary.failed;
    } else {
      ++summary.already;
    }
  }
  return summary;
}

std::expected<BuildSummary, std::string> map_records(std::istream& in, std::ostream& out, const MapOptions& options,
                                                     std::ostream& log) {
  BuildSummary summary;
  std::vector<std::string> roots;
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (!line.empty()) roots.push_back(line);
  }
  const InputList inputs = list_shard(roots, options.shard_k, options.shard_n, log, summary);
  WorkerPool pool(std::max(options.jobs, 1), std::chrono::seconds(options.timeout_seconds));
  auto emit = [&](std::vector<Done> finished) {
    for (Done& d : finished) {
      out << d.record << "\n";
      ++summary.processed;
      if (d.failed) ++summary.failed;
    }
    out.flush();
  };
  InputReader reader(inputs.reports);
  while (std::optional<InputReader::Item> item = reader.next()) {
    if (!item->bytes) {
      log << "jixiao: " << item->bytes.error().describe() << "\n";
      ++summary.input_errors;
      continue;
    }
    std::string sha = extract::sha256_hex(*item->bytes);
    while (!pool.has_idle()) emit(pool.collect(kCollectWait));
    pool.submit(Job{item->ref->display, std::move(sha), std::move(*item->bytes)});
  }
  while (pool.busy() > 0) emit(pool.collect(kCollectWait));
  return summary;
}

}  // namespace jixiao::corpus
