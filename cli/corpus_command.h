#pragma once
// `jixiao corpus build|map|export|stats|report`: the dataset commands
// (docs/dataset.md; the report's page: docs/html.md).

#include <CLI/CLI.hpp>

#include <cstddef>
#include <string>
#include <vector>

namespace jixiao::cli {

struct CorpusCommand {
  CLI::App* build = nullptr;
  CLI::App* map = nullptr;
  CLI::App* export_ = nullptr;
  CLI::App* stats = nullptr;
  CLI::App* report = nullptr;
  std::vector<std::string> inputs, from_jsonl;
  std::string db, format = "jsonl", table, shard = "1/1", output;
  int jobs = 0;
  double timeout = 60;              // CPU seconds per document, and per page read by OCR
  std::string ocr = "auto";         // --ocr: never, auto, always (as check)
  std::size_t memory_limit = 2048;  // MiB per worker; 0: none
  std::size_t max_record = 64;      // MiB per record
  int lock_timeout = 300;           // seconds
  bool quiet = false;
  // report: what the page lists and details (corpus/dashboard.h).
  std::size_t max_documents = 20000, max_findings_per_document = 100, max_findings = 10000;
};

// Adds `corpus` and its subcommands to `app`; `c` receives the options.
void add_corpus_command(CLI::App& app, CorpusCommand& c);

// Runs whichever corpus subcommand was parsed: 0 done, 2 unusable arguments,
// database or inputs, or output that cannot be written (a full disk, a closed
// pipe: the message names the output). -1 when no corpus subcommand was given.
int run_corpus_command(const CorpusCommand& c);

}  // namespace jixiao::cli
