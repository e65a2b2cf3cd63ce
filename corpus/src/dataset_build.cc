// Many documents into the dataset (dataset_build.h). The writer lists the
// inputs, hashes each document and decides before any work whether it is new:
// a document is made from the smallest path it is found under, so an input
// already stored under a smaller path only adds its path, and one met again
// while in flight waits for it. A document stored as failed by the run (a
// timeout, the memory limit, a crash) is processed again. New documents go to
// worker processes; their records come back in any order and the store keeps,
// per document, the better record (store.h). That is what makes a run
// independent of worker timing and a merge of shards equal to one run.
//
// What cannot be read at all is an input error: recorded in the dataset (or
// written as a record by `corpus map`), and, at the end of a complete build,
// an earlier input error under this run's roots that did not happen again is
// removed: the table says what the last run could not read.
//
// Memory: the writer holds one document's bytes at a time (inputs.h reads at
// most the size it stat()ed), workers hold theirs under their memory limit,
// records are bounded in size, and --from-jsonl loads one record at a time.
#include "jixiao/corpus/dataset_build.h"

#include <sched.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <istream>
#include <map>
#include <optional>
#include <ostream>
#include <set>
#include <thread>

#include "jixiao/corpus/document_rows.h"
#include "jixiao/corpus/inputs.h"
#include "jixiao/corpus/store.h"
#include "jixiao/extract/sha256.h"
#include "jixiao/output/record.h"
#include "line_reader.h"
#include "progress.h"
#include "worker_pool.h"

namespace jixiao::corpus {

namespace {

using internal::Done;
using internal::Job;
using internal::LineReader;
using internal::Progress;
using internal::WorkerLimits;
using internal::WorkerPool;

// How often the writer wakes up to update progress and check time limits while workers run.
constexpr auto kCollectWait = std::chrono::milliseconds(100);

int default_jobs() {
  const unsigned n = std::thread::hardware_concurrency();
  return n == 0 ? 1 : static_cast<int>(n);
}

// The cores this process may run on: its CPU affinity (a Slurm task or a
// container is given fewer than the machine has), else the machine's.
int usable_cores() {
  cpu_set_t set;
  CPU_ZERO(&set);
  if (::sched_getaffinity(0, sizeof set, &set) == 0 && CPU_COUNT(&set) > 0) return CPU_COUNT(&set);
  return default_jobs();
}

// What one page being recognised holds in a worker: a Tesseract with its
// Chinese model and the page drawn at 300 dpi, about 100 MiB measured, with
// room to spare. Past its memory limit Tesseract and Leptonica do not throw,
// they read nothing: a worker recognising too many pages at once would call
// good scans unreadable.
constexpr std::size_t kOcrPageMib = 256;

// The limits of `jobs` workers. OCR: the workers fill the cores already, so
// each recognises only its share of them at once, and no more pages than its
// memory limit holds. Tesseract's limit on a page is clock time, and a page
// waits for a core as a document does: with more workers than cores a page
// gets its timeout stretched by as much, so that a crowded machine does not
// cut pages short (the CPU time the workers are held to stays the timeout,
// per page).
WorkerLimits worker_limits(const WorkerOptions& o, int jobs) {
  WorkerLimits l;
  l.timeout = std::chrono::duration<double>(o.timeout_seconds);
  l.memory_limit_mib = o.memory_limit_mib;
  l.max_record_bytes = o.max_record_mib << 20;
  const int cores = usable_cores();
  l.ocr.mode = o.ocr;
  l.ocr.threads = std::max(1, cores / std::max(jobs, 1));
  if (o.memory_limit_mib > 0) {
    const std::size_t fit = std::clamp<std::size_t>(o.memory_limit_mib / kOcrPageMib, 1, 64);
    l.ocr.threads = std::min(l.ocr.threads, static_cast<int>(fit));
  }
  l.ocr.page_seconds = o.timeout_seconds * std::max(1.0, static_cast<double>(jobs) / cores);
  return l;
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

// The inputs of this shard, and what listing them reported (errors of this
// shard only: the same missing root is reported by one shard, not by all).
InputList list_shard(const std::vector<std::string>& roots, int k, int n, std::ostream& log, BuildSummary& summary) {
  InputList all = list_inputs(roots);
  InputList mine;
  mine.skipped = all.skipped;
  summary.skipped += all.skipped;
  for (auto& error : all.errors) {
    if (!in_shard(error.first, k, n)) continue;
    log << "jixiao: " << error.first << ": " << error.second << "\n";
    mine.errors.push_back(std::move(error));
  }
  summary.input_errors += mine.errors.size();
  for (InputRef& r : all.reports)
    if (in_shard(r.display, k, n)) mine.reports.push_back(std::move(r));
  summary.listed += mine.reports.size();
  return mine;
}

InputErrorRow input_error_row(std::string path, std::string error) {
  return InputErrorRow{std::move(path), std::move(error), std::string(output::jixiao_version()), output::utc_now()};
}

// Whether `path` is `root` or below it (a file of a directory, a member of an archive).
bool under_root(std::string_view path, std::string root) {
  if (root == ".") return !path.starts_with("/") && !path.starts_with("../") && path != "..";
  while (root.size() > 1 && root.back() == '/') root.pop_back();
  if (path == root) return true;
  if (root == "/") return path.starts_with("/");
  return path.size() > root.size() && path.starts_with(root) && (path[root.size()] == '/' || path[root.size()] == '!');
}

// After a complete build: input errors of earlier runs, under this run's
// roots and in its shard, that this run did not meet again (the file was
// read, fixed or removed since).
std::expected<void, std::string> clear_stale_input_errors(Store& store, const BuildOptions& options,
                                                          const std::set<std::string>& seen) {
  auto recorded = store.input_error_paths();
  if (!recorded) return std::unexpected(recorded.error());
  std::vector<std::string> roots;
  for (const std::string& r : options.inputs) roots.push_back(root_display(r));
  for (const std::string& path : *recorded) {
    if (seen.count(path) || !in_shard(path, options.shard_k, options.shard_n)) continue;
    if (std::none_of(roots.begin(), roots.end(), [&](const std::string& r) { return under_root(path, r); })) continue;
    if (auto r = store.remove_input_error(path); !r) return r;
  }
  return {};
}

// Documents being processed, by content: the smallest path each was submitted under.
using InFlight = std::map<std::string, std::string>;

// The writer's side of one build: what is in flight, what waits for it, and
// what the run has seen and counted.
class BuildRun {
 public:
  // `ocr`: this run reads scans, so a scan stored as read without OCR is read again.
  BuildRun(Store& store, bool ocr, std::ostream& log, BuildSummary& summary, Progress& progress)
      : store_(store), ocr_(ocr), log_(log), summary_(summary), progress_(progress) {}

  // An input that could not be read.
  void input_error(const std::string& path, const std::string& message) {
    log_ << "jixiao: " << path << ": " << message << "\n";
    seen_errors_.insert(path);
    if (auto r = store_.add_input_error(input_error_row(path, message)); !r) write_error_ = path + ": " + r.error();
  }
  void listing_error(const std::string& path, const std::string& message) {
    seen_errors_.insert(path);
    if (auto r = store_.add_input_error(input_error_row(path, message)); !r) write_error_ = path + ": " + r.error();
  }
  // A document read: processed, waiting for its copy in flight, or only a
  // new path. It is in flight from here on; it waits in next_ for a worker.
  void offer(std::string display, std::string bytes, WorkerPool& pool);
  // Waits a moment for the workers, stores what they finished and shows
  // where they are (OCR pages included: a long scan is one document for minutes).
  void collect(WorkerPool& pool);
  void store_done(std::vector<Done> finished);

  const std::string& write_error() const { return write_error_; }
  const std::set<std::string>& seen_errors() const { return seen_errors_; }

 private:
  void submit_next(WorkerPool& pool);

  Store& store_;
  bool ocr_;
  std::ostream& log_;
  BuildSummary& summary_;
  Progress& progress_;
  InFlight in_flight_;
  std::optional<Job> next_;  // a document offered, waiting for a worker to take it
  // Paths of in-flight documents met again (duplicates): added when the document is stored.
  std::multimap<std::string, std::string> waiting_paths_;
  std::set<std::string> seen_errors_;
  std::string write_error_;
};

void BuildRun::offer(std::string display, std::string bytes, WorkerPool& pool) {
  std::string sha = extract::sha256_hex(bytes);
  // A document is made from the smallest path it is found under (byte
  // order), whatever order the inputs come in: that is what makes a sharded
  // run, merged, equal to a single run. A smaller path than the stored one
  // is processed again; the store keeps the better record. A document the
  // last run failed on for the run's reasons is processed again in any case,
  // and so is a scan stored as having no text layer when this run OCRs.
  const std::optional<StoredDocument> stored = store_.stored_document(sha);
  auto flying = in_flight_.find(sha);
  const bool before_flying = flying == in_flight_.end() || display < flying->second;
  const bool wanted =
      !stored || stored->retryable || (ocr_ && stored->unread_scan) || display < stored->path;
  if (!(wanted && before_flying)) {
    ++summary_.already;
    if (flying != in_flight_.end()) {
      waiting_paths_.emplace(sha, display);
    } else {
      if (auto ok = store_.add_path(sha, display); !ok) write_error_ = display + ": " + ok.error();
      progress_.advance(false);
    }
    return;
  }
  if (flying != in_flight_.end()) waiting_paths_.emplace(sha, flying->second);
  in_flight_[sha] = display;
  next_ = Job{std::move(display), std::move(sha), std::move(bytes)};
  while (next_ && write_error_.empty()) {
    if (pool.can_take(*next_)) submit_next(pool);
    else collect(pool);
  }
}

void BuildRun::submit_next(WorkerPool& pool) {
  pool.submit(std::move(*next_));
  next_.reset();
}

void BuildRun::collect(WorkerPool& pool) {
  std::vector<Done> finished = pool.collect(kCollectWait);
  // The next document goes to the worker that finished before its record is
  // stored: storing takes the writer a while, and the worker would wait.
  if (next_ && pool.can_take(*next_)) submit_next(pool);
  const internal::OcrProgress ocr = pool.ocr_progress();
  progress_.ocr(ocr.done, ocr.total);
  store_done(std::move(finished));
}

void BuildRun::store_done(std::vector<Done> finished) {
  for (Done& d : finished) {
    const DocumentRows rows = std::move(*d.rows);  // the workers answer with rows (Answer::kRows)
    d.failed = !rows.ok();
    const std::optional<StoredDocument> before = d.failed ? store_.stored_document(d.sha256) : std::nullopt;
    auto added = store_.add_document(rows);
    if (!added) {
      write_error_ = d.path + ": " + added.error();
      continue;
    }
    ++summary_.processed;
    summary_.ocr_pages += rows.ocr_pages.size();
    if (d.failed) {
      ++summary_.failed;
      if (before && before->ok) {
        log_ << "jixiao: " << d.path << ": " << rows.document.error.value_or("failed")
             << "; the document stays as read from " << before->path << "\n";
      }
    }
    progress_.advance(d.failed);
    if (in_flight_.count(d.sha256) && in_flight_[d.sha256] == d.path) in_flight_.erase(d.sha256);
    auto [b, e] = waiting_paths_.equal_range(d.sha256);
    if (!in_flight_.count(d.sha256)) {
      for (auto it = b; it != e; ++it) {
        if (auto ok = store_.add_path(d.sha256, it->second); !ok) write_error_ = it->second + ": " + ok.error();
        progress_.advance(false);
      }
      waiting_paths_.erase(d.sha256);
    }
  }
  progress_.tick();
}

}  // namespace

bool worker_memory_limit_available() { return internal::memory_limit_available(); }

std::expected<BuildSummary, std::string> build_dataset(const BuildOptions& options, std::ostream& log) {
  BuildSummary summary;
  StoreOptions store_options;
  store_options.lock_timeout = std::chrono::seconds(options.lock_timeout_seconds);
  auto store = Store::open(options.db, store_options);
  if (!store) return std::unexpected(store.error());
  const InputList inputs = list_shard(options.inputs, options.shard_k, options.shard_n, log, summary);
  Progress progress(log, progress_mode(options.progress), inputs.reports.size());
  const int jobs = options.jobs > 0 ? options.jobs : default_jobs();
  WorkerLimits worker = worker_limits(options.workers, jobs);
  worker.answer = internal::Answer::kRows;
  WorkerPool pool(jobs, worker, [&store] { return store->hold_still(); });
  BuildRun run(*store, options.workers.ocr != extract::OcrMode::kNever, log, summary, progress);
  for (const auto& [path, message] : inputs.errors) run.listing_error(path, message);

  InputReader reader(inputs.reports);
  while (run.write_error().empty()) {
    std::optional<InputReader::Item> item = reader.next();
    if (!item) break;
    if (!item->bytes) {
      run.input_error(item->ref->display, item->bytes.error().message);
      ++summary.input_errors;
      progress.advance(true);
      continue;
    }
    run.offer(item->ref->display, std::move(*item->bytes), pool);
  }
  while (pool.busy() > 0 && run.write_error().empty()) run.collect(pool);
  progress.finish();
  summary.seconds = progress.seconds();
  summary.lock_wait_seconds = store->lock_wait_seconds();
  if (!run.write_error().empty()) return std::unexpected("cannot write the dataset: " + run.write_error());
  if (auto r = clear_stale_input_errors(*store, options, run.seen_errors()); !r)
    return std::unexpected("cannot write the dataset: " + r.error());
  return summary;
}

std::expected<BuildSummary, std::string> load_records(std::istream& in, std::string_view source, Store& store,
                                                      std::size_t max_record_mib, std::ostream& log) {
  BuildSummary summary;
  RecordLimits limits;
  limits.max_bytes = max_record_mib << 20;
  // One record at a time, as read: the store keeps the better record of each
  // document whatever order they come in, so nothing needs to be held back.
  LineReader lines(in, limits.max_bytes);
  std::string line;
  std::size_t number = 0;
  for (LineReader::Result got; (got = lines.next(line)) != LineReader::Result::kEnd;) {
    ++number;
    if (got == LineReader::Result::kLine && line.find_first_not_of(" \t\r") == std::string::npos) continue;
    auto rows = got == LineReader::Result::kTooLong
                    ? std::unexpected("record longer than " + std::to_string(max_record_mib) + " MiB")
                    : record_rows(line, limits);
    if (!rows) {
      log << "jixiao: " << source << ":" << number << ": not a jixiao record: " << rows.error() << "\n";
      ++summary.input_errors;
      continue;
    }
    if (const auto* input_error = std::get_if<InputErrorRow>(&*rows)) {
      if (auto r = store.add_input_error(*input_error); !r)
        return std::unexpected("cannot load " + input_error->path + ": " + r.error());
      ++summary.input_errors;
      continue;
    }
    const DocumentRows& r = std::get<DocumentRows>(*rows);
    ++summary.listed;
    auto added = store.add_document(r);
    if (!added) return std::unexpected("cannot load " + r.document.path + ": " + added.error());
    if (*added) {
      ++summary.processed;
      summary.ocr_pages += r.ocr_pages.size();
      if (!r.ok()) ++summary.failed;
    } else {
      ++summary.already;
    }
  }
  summary.lock_wait_seconds = store.lock_wait_seconds();
  return summary;
}

namespace {

// The paths `corpus map` reads: one per line, a CR before the LF dropped,
// empty lines ignored; a line too long to be a path is reported and counted
// (it names no path a record could carry).
std::vector<std::string> read_map_paths(std::istream& in, std::ostream& log, BuildSummary& summary) {
  std::vector<std::string> roots;
  LineReader lines(in, kMaxPathLine);
  std::string line;
  std::size_t number = 0;
  for (LineReader::Result got; (got = lines.next(line)) != LineReader::Result::kEnd;) {
    ++number;
    if (got == LineReader::Result::kTooLong) {
      log << "jixiao: stdin:" << number << ": a line longer than " << kMaxPathLine << " bytes, not a path\n";
      ++summary.input_errors;
      continue;
    }
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (!line.empty()) roots.push_back(std::move(line));
  }
  return roots;
}

std::string write_failure(const MapOptions& options) {
  const int error = errno;
  return "cannot write the records to " + options.output_name + (error != 0 ? ": " + std::string(std::strerror(error)) : "");
}

}  // namespace

std::expected<BuildSummary, std::string> map_records(std::istream& in, std::ostream& out, const MapOptions& options,
                                                     std::ostream& log) {
  BuildSummary summary;
  const std::vector<std::string> roots = read_map_paths(in, log, summary);
  const InputList inputs = list_shard(roots, options.shard_k, options.shard_n, log, summary);
  // Started first: it also makes a write to a closed pipe an error we report, not a SIGPIPE.
  const int jobs = std::max(options.jobs, 1);
  WorkerPool pool(jobs, worker_limits(options.workers, jobs));
  errno = 0;
  for (const auto& [path, message] : inputs.errors) out << output::make_input_error_record(path, message) << "\n";
  if (!out.flush()) return std::unexpected(write_failure(options));
  auto emit = [&](std::vector<Done> finished) {
    for (Done& d : finished) {
      out << d.record << "\n";
      ++summary.processed;
      if (d.failed) ++summary.failed;
    }
    return static_cast<bool>(out.flush());
  };
  InputReader reader(inputs.reports);
  while (std::optional<InputReader::Item> item = reader.next()) {
    if (!item->bytes) {
      log << "jixiao: " << item->bytes.error().describe() << "\n";
      out << output::make_input_error_record(item->ref->display, item->bytes.error().message) << "\n";
      ++summary.input_errors;
      continue;
    }
    std::string sha = extract::sha256_hex(*item->bytes);
    Job job{item->ref->display, std::move(sha), std::move(*item->bytes)};
    while (!pool.can_take(job)) {
      if (!emit(pool.collect(kCollectWait))) return std::unexpected(write_failure(options));
    }
    pool.submit(std::move(job));
  }
  while (pool.busy() > 0) {
    if (!emit(pool.collect(kCollectWait))) return std::unexpected(write_failure(options));
  }
  if (!out.flush()) return std::unexpected(write_failure(options));
  return summary;
}

}  // namespace jixiao::corpus
