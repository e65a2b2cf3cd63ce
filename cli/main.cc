// jixiao: the command line. Thin: parses options, runs the pipeline (or the
// dataset commands of corpus_command.cc), prints through output/.

#include <CLI/CLI.hpp>

#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "corpus_command.h"
#include "output_file.h"
#include "jixiao/output/audit_page.h"
#include "jixiao/output/json.h"
#include "jixiao/output/text.h"
#include "jixiao/pipeline/pipeline.h"
#include "jixiao/text/quantity.h"
#include "jixiao/validate/rules.h"

namespace {

using jixiao::output::FindingFilter;
using jixiao::pipeline::AnalyzedDocument;

constexpr int kExitClean = 0;
constexpr int kExitFindings = 1;
constexpr int kExitUnusable = 2;

struct Options {
  std::vector<std::string> files;
  std::string format = "text";
  std::string severity;
  std::string rule;
  std::vector<std::string> limits;  // "name=value"
  std::string output;               // -o: a file instead of stdout
  std::string ocr = "auto";         // --ocr: never, auto, always
  double ocr_page_seconds = 0;      // --ocr-timeout
  int page_jobs = 0;                // --page-jobs: processes reading one PDF's pages (0: one a core)
};

FindingFilter make_filter(const Options& o) {
  FindingFilter f;
  if (o.severity == "error") f.severity = jixiao::model::Severity::kError;
  if (o.severity == "warning") f.severity = jixiao::model::Severity::kWarning;
  f.rule = o.rule;
  return f;
}

// True when everything written to stdout so far reached it; otherwise says
// why on stderr. A full disk or a closed pipe must not pass for a clean run.
// (errno tells why when the caller cleared it before writing.)
bool output_ok() {
  std::cout.flush();
  if (std::cout) return true;
  std::cerr << "jixiao: cannot write to standard output"
            << (errno != 0 ? std::string(": ") + std::strerror(errno) : std::string()) << "\n";
  return false;
}

bool has_error(const AnalyzedDocument& doc) {
  for (const auto& f : doc.report.findings)
    if (f.severity == jixiao::model::Severity::kError) return true;
  return false;
}

// The audit page of one analysed document (output/audit_page.h), its PDF
// pages drawn; "" with a message on stderr when the pages cannot be.
std::string html_page(const AnalyzedDocument& doc, const FindingFilter& filter, const jixiao::pipeline::Limits& limits) {
  const std::vector<int> pages = jixiao::output::audit_pages(doc, filter);
  auto images = jixiao::pipeline::page_images(doc, pages, jixiao::output::kAuditPageDpi, limits);
  if (!images) {
    std::cerr << "jixiao: " << images.error().describe() << "\n";
    return "";
  }
  return jixiao::output::audit_page(doc, filter, *images);
}

// How the files are read by OCR: the mode and per-page limit asked for, every
// core on the pages of one document, and a count on a terminal's stderr for
// a long scan (OCR takes seconds a page).
jixiao::extract::OcrOptions ocr_options(const Options& o) {
  jixiao::extract::OcrOptions ocr;
  ocr.mode = jixiao::extract::parse_ocr_mode(o.ocr).value_or(jixiao::extract::OcrMode::kAuto);
  ocr.page_seconds = o.ocr_page_seconds;
  ocr.threads = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  if (isatty(STDERR_FILENO))
    ocr.progress = [](int done, int total) {
      std::cerr << "\rjixiao: OCR " << done << "/" << total << " pages" << (done == total ? "\n" : "") << std::flush;
    };
  return ocr;
}

// Runs `jixiao extract` (records) or `jixiao check` (findings) over the files.
int run(const Options& o, bool check) {
  const FindingFilter filter = make_filter(o);
  jixiao::pipeline::Limits limits;
  limits.read.ocr = ocr_options(o);
  // A long PDF's pages are read on every core (page_processes.h).
  limits.read.page_workers =
      o.page_jobs > 0 ? o.page_jobs : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  for (const std::string& assignment : o.limits)
    if (const std::string error = jixiao::pipeline::set_limit(limits, assignment); !error.empty()) {
      std::cerr << "jixiao: --limit: " << error << "\n";
      return kExitUnusable;
    }
  if (o.format == "html" && o.files.size() > 1) {
    std::cerr << "jixiao: --format html writes the page of one report: give one file\n";
    return kExitUnusable;
  }
  // With -o everything goes to a buffer first, written to the file at the end.
  std::ostringstream buffer;
  std::ostream& out = o.output.empty() ? std::cout : buffer;
  int status = kExitClean;
  const bool many = o.files.size() > 1;
  for (const std::string& path : o.files) {
    auto result = jixiao::pipeline::analyze_file(path, limits);
    if (!result) {
      std::cerr << "jixiao: " << result.error().describe() << "\n";
      status = kExitUnusable;
      continue;
    }
    errno = 0;
    if (o.format == "html") {
      const std::string page = html_page(*result, filter, limits);
      if (page.empty()) return kExitUnusable;
      out << page;
    } else if (o.format == "lines") {
      out << jixiao::output::format_lines(*result);
    } else if (o.format == "json") {
      out << jixiao::output::to_json(*result, filter, many ? -1 : 2) << "\n";
    } else if (check) {
      out << jixiao::output::format_findings(*result, filter);
    } else {
      out << jixiao::output::format_records(*result);
      if (many) out << "\n";
    }
    if (o.output.empty() && !output_ok()) return kExitUnusable;
    if (check && status == kExitClean && has_error(*result)) status = kExitFindings;
  }
  if (!o.output.empty()) return jixiao::cli::write_whole_file(o.output, buffer.str()) ? status : kExitUnusable;
  return output_ok() ? status : kExitUnusable;
}

void add_common(CLI::App* cmd, Options& o, bool filters) {
  cmd->add_option("files", o.files, "report files: PDF, or text in UTF-8, UTF-16, GB18030 or Big5")
      ->required()
      ->check(CLI::ExistingPath);
  cmd->add_option("--format", o.format,
                  "output format: text, json, lines (the text as read, page:line), or html (the audit page of "
                  "one report: findings, figures boxed on the PDF's pages, the indicator tree)")
      ->check(CLI::IsMember({"text", "json", "lines", "html"}));
  cmd->add_option("-o,--output", o.output, "write to this file instead of standard output (whole or not at all)");
  cmd->add_option("--limit", o.limits,
                  "NAME=VALUE: change a limit on the work one file may cause (repeatable; docs/limits.md). "
                  "Defaults:\n" + jixiao::pipeline::describe_limits({}));
  cmd->add_option("--ocr", o.ocr,
                  "read pages without a text layer (scans) by OCR: auto (pages with almost no text), always, "
                  "never (docs/ocr.md)")
      ->check(CLI::IsMember({"auto", "always", "never"}))
      ->capture_default_str();
  cmd->add_option("--ocr-timeout", o.ocr_page_seconds,
                  "seconds OCR may spend on one page (0: no limit); a page past it keeps what was read, and the "
                  "report is read as partial")
      ->check(CLI::NonNegativeNumber);
  cmd->add_option("--page-jobs", o.page_jobs,
                  "processes that read the pages of a PDF of 64 pages or more, each a run of consecutive pages "
                  "(default 0: one a core; 1: this process alone)")
      ->check(CLI::NonNegativeNumber);
  if (filters) {
    cmd->add_option("--severity", o.severity, "only findings of this severity")
        ->check(CLI::IsMember({"error", "warning"}));
    cmd->add_option("--rule", o.rule, "only findings of this rule id (a prefix ending in '.' selects a family)");
  }
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"jixiao: reads Chinese performance-evaluation reports (绩效评价报告), extracts every score "
               "into records and flags reports that contradict themselves."};
  app.set_version_flag("--version", std::string("jixiao ") + JIXIAO_VERSION);
  app.require_subcommand(1);

  Options extract_opts, check_opts;
  CLI::App* extract = app.add_subcommand("extract", "print the records of each report");
  add_common(extract, extract_opts, true);
  CLI::App* check = app.add_subcommand(
      "check", "print each report's findings; exit 0 when no error, 1 when there is one, 2 on unusable input");
  add_common(check, check_opts, true);
  CLI::App* rules = app.add_subcommand("rules", "list every rule id with its description");
  std::vector<std::string> amount_text;
  CLI::App* amount = app.add_subcommand(
      "amount", "print the normalized value of every amount and count in TEXT, one per line (exit 2 when none)");
  amount->add_option("text", amount_text, "text such as 壹仟贰佰叁拾肆万伍仟元整 or 8.65万人")->required();
  jixiao::cli::CorpusCommand corpus;
  jixiao::cli::add_corpus_command(app, corpus);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    return code == 0 ? kExitClean : kExitUnusable;
  }

  if (const int status = jixiao::cli::run_corpus_command(corpus); status >= 0) return status;
  if (extract->parsed()) return run(extract_opts, false);
  if (check->parsed()) return run(check_opts, true);
  if (amount->parsed()) {
    std::string text;
    for (const std::string& part : amount_text) text += (text.empty() ? "" : " ") + part;
    const auto found = jixiao::pipeline::quantities_in_text(text);
    for (const auto& q : found) std::cout << jixiao::text::describe_normalized(q) << "\n";
    if (found.empty()) std::cerr << "jixiao: no amount or count in the text\n";
    if (!output_ok()) return kExitUnusable;
    return found.empty() ? kExitUnusable : kExitClean;
  }
  if (rules->parsed()) {
    for (const auto& r : jixiao::validate::rule_catalogue()) {
      std::cout << r.id << "  (" << (r.severity == jixiao::model::Severity::kError ? "error" : "warning")
                << ")  " << r.summary << "\n    " << r.description << "\n\n";
    }
    return output_ok() ? kExitClean : kExitUnusable;
  }
  return kExitUnusable;
}
