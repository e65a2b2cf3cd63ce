#include "corpus_command.h"

#include <fstream>
#include <iostream>

#include "jixiao/corpus/dataset_build.h"
#include "jixiao/corpus/store.h"

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
  if (s.seconds > 0)
    std::cerr << "; " << static_cast<long>(s.seconds * 10 + 0.5) / 10.0 << " s, "
              << static_cast<long>(static_cast<double>(s.processed) / s.seconds * 10 + 0.5) / 10.0 << " documents/s";
  std::cerr << "\n";
}

}  // namespace

void add_corpus_command(CLI::App& app, CorpusCommand& c) {
  CLI::App* corpus = app.add_subcommand("corpus", "build and query a dataset of many reports (docs/dataset.md)");
  corpus->require_subcommand(1);

  c.build = corpus->add_subcommand("build", "process files, directories and .zip/.tar/.tar.gz archives into a SQLite dataset");
  c.build->add_option("inputs", c.inputs, "files, directories and archives");
  c.build->add_option("--db", c.db, "the SQLite dataset (created if missing)")->required();
  c.build->add_option("-j,--jobs", c.jobs, "worker processes (default: number of cores)")->check(CLI::Range(1, 256));
  c.build->add_option("--timeout", c.timeout, "seconds per document before its worker is killed (default 60)")
      ->check(CLI::Range(1, 86400));
  c.build->add_option("--shard", c.shard, "process shard K of N of the inputs (deterministic by path), e.g. 2/8");
  c.build->add_option("--from-jsonl", c.from_jsonl, "load records written by `jixiao corpus map` (- for stdin)");
  c.build->add_flag("-q,--quiet", c.quiet, "no progress and no summary");

  c.map = corpus->add_subcommand(
      "map", "read paths on stdin, write one JSON record per document on stdout (Hadoop Streaming, Spark RDD.pipe)");
  c.map->add_option("-j,--jobs", c.jobs, "worker processes (default 1)")->check(CLI::Range(1, 256));
  c.map->add_option("--timeout", c.timeout, "seconds per document (default 60)")->check(CLI::Range(1, 86400));
  c.map->add_option("--shard", c.shard, "process shard K of N of the inputs, e.g. 2/8");

  c.export_ = corpus->add_subcommand("export", "write the dataset as JSON lines or one table as CSV");
  c.export_->add_option("--db", c.db, "the SQLite dataset")->required()->check(CLI::ExistingFile);
  c.export_->add_option("--format", c.format, "jsonl (one document per line) or csv (one table)")
      ->check(CLI::IsMember({"jsonl", "csv"}));
  c.export_->add_option("--table", c.table, "for csv: documents, paths, indicators, amounts, counts, findings, budget_lines or project_results");

  c.stats = corpus->add_subcommand("stats", "summarize the dataset: documents, errors, rules, scores and grades");
  c.stats->add_option("--db", c.db, "the SQLite dataset")->required()->check(CLI::ExistingFile);
}

int run_corpus_command(const CorpusCommand& c) {
  if (c.build && c.build->parsed()) {
    if (!c.from_jsonl.empty()) {
      corpus::BuildSummary total;
      for (const std::string& f : c.from_jsonl) {
        std::ifstream file;
        if (f != "-") {
          file.open(f);
          if (!file) {
            std::cerr << "jixiao: " << f << ": cannot open\n";
            return kExitUnusable;
          }
        }
        auto s = corpus::load_records(f == "-" ? std::cin : file, f == "-" ? "stdin" : f, c.db, std::cerr);
        if (!s) {
          std::cerr << "jixiao: " << s.error() << "\n";
          return kExitUnusable;
        }
        total.listed += s->listed;
        total.processed += s->processed;
        total.already += s->already;
        total.failed += s->failed;
        total.input_errors += s->input_errors;
      }
      if (!c.quiet) print_summary(total, true);
      return kExitClean;
    }
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
    o.timeout_seconds = c.timeout;
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
  if (c.map && c.map->parsed()) {
    const auto shard = parse_shard(c.shard);
    if (!shard) {
      std::cerr << "jixiao: --shard must be K/N with 1 <= K <= N, not " << c.shard << "\n";
      return kExitUnusable;
    }
    corpus::MapOptions o;
    o.jobs = c.jobs > 0 ? c.jobs : 1;
    o.timeout_seconds = c.timeout;
    o.shard_k = shard->first;
    o.shard_n = shard->second;
    auto s = corpus::map_records(std::cin, std::cout, o, std::cerr);
    if (!s) {
      std::cerr << "jixiao: " << s.error() << "\n";
      return kExitUnusable;
    }
    return kExitClean;
  }
  if ((c.export_ && c.export_->parsed()) || (c.stats && c.stats->parsed())) {
    auto store = corpus::Store::open(c.db);
    if (!store) {
      std::cerr << "jixiao: " << store.error() << "\n";
      return kExitUnusable;
    }
    std::expected<void, std::string> done;
    if (c.stats->parsed()) {
      auto s = store->stats();
      if (!s) done = std::unexpected(s.error());
      else std::cout << corpus::format_stats(*s);
    } else if (c.format == "jsonl") {
      done = store->export_jsonl(std::cout);
    } else {
      if (c.table.empty()) {
        std::cerr << "jixiao: --format csv needs --table (documents, paths, indicators, amounts, counts, findings, budget_lines, project_results)\n";
        return kExitUnusable;
      }
      done = store->export_csv(c.table, std::cout);
    }
    std::cout.flush();
    if (!done) {
      std::cerr << "jixiao: " << done.error() << "\n";
      return kExitUnusable;
    }
    return kExitClean;
  }
  return -1;
}

}  // namespace jixiao::cli
