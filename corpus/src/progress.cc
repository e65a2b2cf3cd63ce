// Progress of a dataset run (progress.h): counts, rate and an ETA from the
// documents done so far, written as a live terminal line or as plain lines
// at an interval, so a run of hours is neither silent nor floods a log.
#include "progress.h"

#include <cstdio>
#include <ostream>
#include <string>

namespace jixiao::corpus::internal {

namespace {

constexpr auto kTerminalInterval = std::chrono::milliseconds(200);
constexpr auto kLineInterval = std::chrono::seconds(5);

std::string duration(double seconds) {
  const long s = static_cast<long>(seconds + 0.5);
  char buf[32];
  if (s >= 3600) std::snprintf(buf, sizeof buf, "%ldh%02ldm", s / 3600, (s / 60) % 60);
  else if (s >= 60) std::snprintf(buf, sizeof buf, "%ldm%02lds", s / 60, s % 60);
  else std::snprintf(buf, sizeof buf, "%lds", s);
  return buf;
}

}  // namespace

Progress::Progress(std::ostream& log, Mode mode, std::size_t total)
    : log_(log), mode_(mode), total_(total), start_(std::chrono::steady_clock::now()), last_(start_) {}

double Progress::seconds() const {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
}

void Progress::advance(bool failed) {
  ++done_;
  if (failed) ++failed_;
}

void Progress::ocr(int done, int total) {
  ocr_done_ = done;
  ocr_total_ = total;
}

void Progress::tick() {
  if (mode_ == Mode::kQuiet) return;
  const auto now = std::chrono::steady_clock::now();
  if (now - last_ < (mode_ == Mode::kTerminal ? std::chrono::duration_cast<std::chrono::steady_clock::duration>(kTerminalInterval)
                                               : std::chrono::duration_cast<std::chrono::steady_clock::duration>(kLineInterval)))
    return;
  last_ = now;
  print(false);
}

void Progress::finish() {
  // The live line ends on the final count; plain lines leave that to the summary.
  if (mode_ == Mode::kTerminal && printed_) {
    print(true);
    log_ << "\n";
  }
  log_.flush();
}

void Progress::print(bool) {
  const double s = seconds();
  const double rate = s > 0 ? static_cast<double>(done_) / s : 0;
  char buf[160];
  const std::size_t left = total_ > done_ ? total_ - done_ : 0;
  std::snprintf(buf, sizeof buf, "%zu/%zu documents  %.1f/s  ETA %s  errors %zu", done_, total_, rate,
                rate > 0 ? duration(static_cast<double>(left) / rate).c_str() : "-", failed_);
  std::string line = buf;
  if (ocr_total_ > 0) line += "  OCR " + std::to_string(ocr_done_) + "/" + std::to_string(ocr_total_) + " pages";
  if (mode_ == Mode::kTerminal) log_ << "\r" << line << "\x1b[K";
  else log_ << "jixiao: " << line << "\n";
  log_.flush();
  printed_ = true;
}

}  // namespace jixiao::corpus::internal
