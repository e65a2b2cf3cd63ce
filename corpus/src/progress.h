#pragma once
// Internal to corpus/: how a long run reports itself. On a terminal, one live
// line rewritten in place; otherwise (a log file, CI) a plain line every few
// seconds; or nothing. Always to the log stream (stderr), never stdout, which
// `corpus map` uses for records.

#include <chrono>
#include <cstddef>
#include <iosfwd>

namespace jixiao::corpus::internal {

class Progress {
 public:
  enum class Mode { kTerminal, kLines, kQuiet };
  Progress(std::ostream& log, Mode mode, std::size_t total);

  // Counts one more document (done), and whether it failed.
  void advance(bool failed);
  // The OCR pages of the documents in work: done of total (0 of 0: none).
  // Shown with the counts, so that a long scan is seen to move.
  void ocr(int done, int total);
  // Prints the current state if it is time to (the terminal line at most 5
  // times a second, plain lines every kLineInterval).
  void tick();
  // Ends the live line.
  void finish();

  std::size_t done() const { return done_; }
  std::size_t failed() const { return failed_; }
  double seconds() const;

 private:
  void print(bool final);

  std::ostream& log_;
  Mode mode_;
  std::size_t total_, done_ = 0, failed_ = 0;
  int ocr_done_ = 0, ocr_total_ = 0;
  std::chrono::steady_clock::time_point start_, last_;
  bool printed_ = false;
};

}  // namespace jixiao::corpus::internal
