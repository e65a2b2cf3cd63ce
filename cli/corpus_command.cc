#include "corpus_command.h"
#include "output_file.h"

#include <cerrno>
#include <chrono>
#include <cstring>
#include <fstream>
#include <iostream>
#include <optional>

#include "jixiao/corpus/dataset_build.h"
#include "jixiao/corpus/store.h"
#include "jixiao/extract/ocr.h"

namespace jixiao::cli {

namespace {

constexpr int kExitClean = 0;
constexpr int kExitUnusable = 2;

// "2/8" -> (2, 8); nullopt unless 1 <= k <= n.
std::optional<std::pair<int, int>> parse_shard(const std::string& s) {
  const std::size_t slash = s.find('/');
  if (slash == std::string::npos) return std::nullopt;
  try {
    std::size_t used_k = 0, used_n = 0;
    const int k = std::stoi(s.substr(0, slash), &used_k);
    const int n = std::stoi(s.substr(slash + 1), &used_n);
    if (used_k != slash || used_n != s.size() - slash - 1 || k < 1 || n < 1 || k > n) return std::nullopt;
    return std::make_pair(k, n);
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

void print_summary(const corpus::BuildSummary& s, bool load) {
  std::cerr << "jixiao: " << s.listed << (load ? " records" : " reports") << "; " << s.processed
            << (load ? " documents added" : " processed") << " (" << s.failed << " failed), " << s.already
            << " already in the dataset";
  if (!load) std::cerr << ", " << s.skipped << " other files skipped";
  std::cerr << ", " << s.input_errors << " unreadable";
  if (s.ocr_pages > 0) std::cerr << "; " << s.ocr_pages << (s.ocr_pages == 1 ? " page" : " pages") << " read by OCR";
  if (s.seconds > 0)
    std::cerr << "; " << static_cast<long>(s.seconds * 10 + 0.5) / 10.0 << " s, "
              << static_cast<long>(static_cast<double>(s.processed) / s.seconds * 10 + 0.5) / 10.0 << " documents/s";
  if (s.lock_wait_seconds >= 0.05)
    std::cerr << "; waited " << static_cast<long>(s.lock_wait_seconds * 10 + 0.5) / 10.0
              << " s for another process's write lock";
  std::cerr << "\n";
}

// Standard output failed (a full disk, a closed pipe): say so, exit 2.
int output_failed() {
  const int error = errno;
  std::cerr << "jixiao: cannot write to standard output" << (error != 0 ? ": " + std::string(std::strerror(error)) : "")
            << "\n";
  return kExitUnusable;
}

corpus::WorkerOptions worker_options(const CorpusCommand& c) {
  corpus::WorkerOptions w;
  w.timeout_seconds = c.timeout;
  w.memory_limit_mib = c.memory_limit;
  w.max_record_mib = c.max_record;
  w.ocr = extract::parse_ocr_mode(c.ocr).value_or(extract::OcrMode::kAuto);  // checked by CLI11
  return w;
}

int run_load(const CorpusCommand& c) {
  corpus::StoreOptions options;
  options.lock_timeout = std::chrono::seconds(c.lock_timeout);
  auto store = corpus::Store::open(c.db, options);
  if (!store) {
    std::cerr << "jixiao: " << store.error() << "\n";
    return kExitUnusable;
  }
  corpus::BuildSummary total;
  for (const std::string& f : c.from_jsonl) {
    std::ifstream file;
    if (f != "-") {
      file.open(f, std::ios::binary);
      if (!file) {
        std::cerr << "jixiao: " << f << ": cannot open\n";
        return kExitUnusable;
      }
    }
    auto s = corpus::load_records(f == "-" ? std::cin : file, f == "-" ? "stdin" : f, *store, c.max_record, std::cerr);
    if (!s) {
      std::cerr << "jixiao: " << s.error() << "\n";
      return kExitUnusable;
    }
    total.listed += s->listed;
    total.processed += s->processed;
    total.already += s->already;
    total.failed += s->failed;
    total.input_errors += s->input_errors;
    total.ocr_pages += s->ocr_pages;
    total.lock_wait_seconds = s->lock_wait_seconds;
  }
  if (!c.quiet) print_summary(total, true);
  return kExitClean;
}

int run_build(const CorpusCommand& c) {
  if (c.inputs.empty()) {
    std::cerr << "jixiao: corpus build needs INPUT paths or --from-jsonl\n";
    return kExitUnusable;
  }
  const auto shard = parse_shard(c.shard);
  if (!shard) {
    std::cerr << "jixiao: --shard must be K/N with 1 <= K <= N, not " << c.shard << "\n";
    return kExitUnusable;
  }
  corpus::BuildOptions o;
  o.inputs = c.inputs;
  o.db = c.db;
  o.jobs = c.jobs;
  o.workers = worker_options(c);
  o.lock_timeout_seconds = c.lock_timeout;
  o.shard_k = shard->first;
  o.shard_n = shard->second;
  if (c.quiet) o.progress = corpus::BuildOptions::Progress::kQuiet;
  auto s = corpus::build_dataset(o, std::cerr);
  if (!s) {
    std::cerr << "jixiao: " << s.error() << "\n";
    return kExitUnusable;
  }
  if (!c.quiet) print_summary(*s, false);
  return kExitClean;
}

int run_map(const CorpusCommand& c) {
  const auto shard = parse_shard(c.shard);
  if (!shard) {
    std::cerr << "jixiao: --shard must be K/N with 1 <= K <= N, not " << c.shard << "\n";
    return kExitUnusable;
  }
  corpus::MapOptions o;
  o.jobs = c.jobs > 0 ? c.jobs : 1;
  o.workers = worker_options(c);
  o.shard_k = shard->first;
  o.shard_n = shard->second;
  auto s = corpus::map_records(std::cin, std::cout, o, std::cerr);
  if (!s) {
    std::cerr << "jixiao: " << s.error() << "\n";
    return kExitUnusable;
  }
  return kExitClean;
}

// The dataset opened read-only (stats, export, report), or nullopt after
// saying why on stderr.
std::optional<corpus::Store> open_read_only(const CorpusCommand& c) {
  corpus::StoreOptions options;
  options.read_only = true;
  options.lock_timeout = std::chrono::seconds(c.lock_timeout);
  auto store = corpus::Store::open(c.db, options);
  if (!store) {
    std::cerr << "jixiao: " << store.error() << "\n";
    return std::nullopt;
  }
  return std::move(*store);
}

// stats and export: the dataset opened read-only, the result on stdout.
int run_read(const CorpusCommand& c) {
  auto store = open_read_only(c);
  if (!store) return kExitUnusable;
  if (c.export_->parsed() && c.format == "csv" && c.table.empty()) {
    std::cerr << "jixiao: --format csv needs --table (documents, paths, indicators, amounts, counts, findings, "
                 "budget_lines, project_results, ocr_pages, input_errors)\n";
    return kExitUnusable;
  }
  errno = 0;
  std::expected<void, std::string> done;
  if (c.stats->parsed()) {
    auto s = store->stats();
    if (!s) done = std::unexpected(s.error());
    else std::cout << corpus::format_stats(*s);
  } else if (c.format == "jsonl") {
    done = store->export_jsonl(std::cout);
  } else {
    done = store->export_csv(c.table, std::cout);
  }
  std::cout.flush();
  if (!std::cout) return output_failed();
  if (!done) {
    std::cerr << "jixiao: " << done.error() << "\n";
    return kExitUnusable;
  }
  return kExitClean;
}

// report: the dashboard of a dataset opened read-only, written to -o.
int run_report(const CorpusCommand& c) {
  auto store = open_read_only(c);
  if (!store) return kExitUnusable;
  auto dashboard = store->dashboard({c.max_documents, c.max_findings_per_document, c.max_findings});
  if (!dashboard) {
    std::cerr << "jixiao: " << dashboard.error() << "\n";
    return kExitUnusable;
  }
  dashboard->source = c.db;
  return write_whole_file(c.output, corpus::render_dashboard(*dashboard)) ? kExitClean : kExitUnusable;
}

}  // namespace

void add_corpus_command(CLI::App& app, CorpusCommand& c) {
  CLI::App* corpus = app.add_subcommand("corpus", "build and query a dataset of many reports (docs/dataset.md)");
  corpus->require_subcommand(1);
  const auto add_worker_options = [&c](CLI::App* cmd) {
    cmd->add_option("--timeout", c.timeout,
                    "CPU seconds a worker may spend on one document before it is stopped (default 60; fractions "
                    "allowed), and as much again for each page read by OCR. Time waiting for a core does not count.")
        ->check(CLI::Range(0.01, 86400.0));
    cmd->add_option("--ocr", c.ocr,
                    "read pages without a text layer (scans) by OCR: auto (pages with almost no text), always, "
                    "never")
        ->check(CLI::IsMember({"auto", "always", "never"}))
        ->capture_default_str();
    cmd->add_option("--memory-limit", c.memory_limit,
                    "MiB each worker may allocate (default 2048; 0: no limit). A document over it is recorded as "
                    "failed by the memory limit")
        ->check(CLI::Range(std::size_t{0}, std::size_t{1} << 30));
  };

  c.build = corpus->add_subcommand("build", "process files, directories and .zip/.tar/.tar.gz archives into a SQLite dataset");
  c.build->add_option("inputs", c.inputs, "files, directories and archives");
  c.build->add_option("--db", c.db, "the SQLite dataset (created if missing)")->required();
  c.build->add_option("-j,--jobs", c.jobs, "worker processes (default: number of cores)")->check(CLI::Range(1, 256));
  add_worker_options(c.build);
  c.build->add_option("--shard", c.shard, "process shard K of N of the inputs (deterministic by path), e.g. 2/8");
  c.build->add_option("--from-jsonl", c.from_jsonl, "load records written by `jixiao corpus map` (- for stdin)");
  c.build->add_option("--max-record-mib", c.max_record,
                      "the largest record accepted, from a worker or a --from-jsonl line, in MiB (default 64)")
      ->check(CLI::Range(std::size_t{1}, std::size_t{1} << 20));
  c.build->add_option("--lock-timeout", c.lock_timeout,
                      "seconds to wait for another process's write lock on the dataset (default 300)")
      ->check(CLI::Range(1, 86400 * 7));
  c.build->add_flag("-q,--quiet", c.quiet, "no progress and no summary");

  c.map = corpus->add_subcommand(
      "map", "read paths on stdin, write one JSON record per document on stdout (Hadoop Streaming, Spark RDD.pipe)");
  c.map->add_option("-j,--jobs", c.jobs, "worker processes (default 1)")->check(CLI::Range(1, 256));
  add_worker_options(c.map);
  c.map->add_option("--shard", c.shard, "process shard K of N of the inputs, e.g. 2/8");

  c.export_ = corpus->add_subcommand("export", "write the dataset as JSON lines or one table as CSV");
  c.export_->add_option("--db", c.db, "the SQLite dataset (opened read-only)")->required();
  c.export_->add_option("--format", c.format, "jsonl (one document per line) or csv (one table)")
      ->check(CLI::IsMember({"jsonl", "csv"}));
  c.export_->add_option("--table", c.table,
                        "for csv: documents, paths, indicators, amounts, counts, findings, budget_lines, "
                        "project_results, ocr_pages or input_errors");

  c.stats = corpus->add_subcommand("stats", "summarize the dataset: documents, failures, input errors, rules, scores and grades");
  c.stats->add_option("--db", c.db, "the SQLite dataset (opened read-only)")->required();

  c.report = corpus->add_subcommand(
      "report", "write the dataset's dashboard: one self-contained HTML page with charts and a table of documents");
  c.report->add_option("--db", c.db, "the SQLite dataset (opened read-only)")->required();
  c.report->add_option("-o,--output", c.output, "the HTML file to write")->required();
  c.report->add_option("--max-documents", c.max_documents,
                       "documents listed in the table (default 20000; those with errors or failures first)")
      ->check(CLI::Range(std::size_t{1}, std::size_t{1} << 40));
  c.report->add_option("--max-findings-per-document", c.max_findings_per_document,
                       "findings detailed per document (default 100)")
      ->check(CLI::Range(std::size_t{0}, std::size_t{1} << 40));
  c.report->add_option("--max-findings", c.max_findings, "findings detailed in all (default 10000)")
      ->check(CLI::Range(std::size_t{0}, std::size_t{1} << 40));
}

int run_corpus_command(const CorpusCommand& c) {
  if (c.build && c.build->parsed()) return c.from_jsonl.empty() ? run_build(c) : run_load(c);
  if (c.map && c.map->parsed()) return run_map(c);
  if ((c.export_ && c.export_->parsed()) || (c.stats && c.stats->parsed())) return run_read(c);
  if (c.report && c.report->parsed()) return run_report(c);
  return -1;
}

}  // namespace jixiao::cli
