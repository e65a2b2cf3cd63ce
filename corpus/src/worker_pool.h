#pragma once
// Internal to corpus/: worker processes that run the pipeline on one document
// at a time and answer with its record (record.h).
//
// Processes, not threads: poppler keeps global state that is not safe across
// threads (docs/pdf.md), and a process can be killed when it hangs or replaced
// when it crashes without taking the run down. Jobs and records travel over a
// pair of pipes per worker as length-prefixed frames.
//
// Workers die with the process that started them (PR_SET_PDEATHSIG), run
// under a memory limit (RLIMIT_DATA), and are timed by the CPU time they spend
// on a document, not by the clock: with more workers than cores a document
// waits for a core, and waiting is not the document's fault.
//
// OCR takes seconds a page, so a scan of a hundred pages could never be read
// within a timeout meant for a document. A worker tells the writer of every
// page OCR finishes (a heartbeat frame), and each page gives the document the
// timeout again: the timeout is per page for OCR.

#include <algorithm>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <sys/types.h>
#include <utility>
#include <vector>

#include "jixiao/corpus/document_rows.h"
#include "jixiao/extract/ocr.h"
#include "jixiao/output/record.h"

namespace jixiao::corpus::internal {

// What a worker answers a job with: the record's JSON (`corpus map` writes
// it out as it is), or the rows the dataset stores for it (document_rows.h),
// made in the worker so that the writer, which every document passes
// through, only binds them (rows_wire.h).
enum class Answer { kRecord, kRows };

struct WorkerLimits {
  // CPU seconds a worker may spend on one document. The clock is a backstop
  // only, for a worker that makes no progress at all (uses no CPU and sends
  // nothing, say one stopped by a signal): stopped after stall_limit() of that.
  std::chrono::duration<double> timeout{60};
  // MiB a worker may allocate beyond what it holds when it starts; 0: no limit.
  // Not applied under AddressSanitizer (memory_limit_available()).
  std::size_t memory_limit_mib = 2048;
  // The largest record the writer accepts from a worker.
  std::size_t max_record_bytes = std::size_t{64} << 20;
  Answer answer = Answer::kRecord;
  // How workers read pages without a text layer (extract/ocr.h). `threads`
  // is also how many pages a worker may be recognising at once, each with its
  // own timeout; the worker sets `progress` itself (heartbeats).
  extract::OcrOptions ocr;
};

// How long a busy worker may make no progress at all: 60 s, or ten times the
// timeout when that is longer. Waiting for a core is progress too slow to
// notice only on a machine loaded beyond any use.
inline std::chrono::duration<double> stall_limit(const WorkerLimits& limits) {
  return std::max<std::chrono::duration<double>>(std::chrono::seconds(60), limits.timeout * 10);
}

// False in an AddressSanitizer build: a limit on a process's memory breaks
// the sanitizer's shadow mappings, so the limit is left off there.
bool memory_limit_available();

struct Job {
  std::string path;    // display path: the record names it
  std::string sha256;  // of `bytes`
  std::string bytes;
};

// Pages being read by OCR across the busy workers: done and to do, summed.
struct OcrProgress {
  int done = 0, total = 0;
};

struct Done {
  std::string path, sha256;
  // The record: a failure record when the worker crashed or timed out.
  // With Answer::kRows it comes as `rows` instead, failures included
  // (`record` is then empty; the record's JSON is rows->document.record).
  std::string record;
  std::optional<DocumentRows> rows;
  bool failed = false;  // the record's status is "error"
};

// The rows of `record`, a record of this build; should it be unusable (it
// should not happen: make_record wrote it), those of its document's crash,
// saying why.
DocumentRows rows_of_record(const std::string& path, const std::string& sha256, std::string_view record,
                            std::size_t max_record_bytes);
// The rows record_rows() or parsed_record_rows() made of a record of this
// build, or, when it is unusable, those of its document's crash, saying why.
DocumentRows usable_rows(const std::string& path, const std::string& sha256,
                         std::expected<RecordRows, std::string> rows);

// "record of 70.2 MiB, over the limit of 64.0 MiB": why a record too large
// for the writer is a memory failure of its document.
std::string record_over_limit(std::uint64_t record_bytes, std::uint64_t limit_bytes);

// A rows frame holds the record and, at most, the texts the rows quote from
// it once more: what a frame may measure before the writer refuses it.
inline std::uint64_t max_rows_frame(std::uint64_t max_record_bytes) { return 4 * max_record_bytes + (1u << 20); }

class WorkerPool {
 public:
  // Called before each fork of a worker, the lock it returns held until the
  // fork is done: a thread of the writer's process that must not be caught
  // in the middle of something by a fork (Store::hold_still).
  using ForkGuard = std::function<std::unique_lock<std::mutex>()>;
  // Starts `workers` processes (at least 1).
  WorkerPool(int workers, const WorkerLimits& limits, ForkGuard fork_guard = {});
  ~WorkerPool();  // kills and reaps every worker
  WorkerPool(const WorkerPool&) = delete;
  WorkerPool& operator=(const WorkerPool&) = delete;

  std::size_t size() const { return workers_.size(); }
  // Documents handed out and not yet answered (read or waiting in a worker's pipe).
  std::size_t busy() const;
  // Whether submit() can hand `job` out now: to an idle worker, or to be next
  // for a busy one (see submit).
  bool can_take(const Job& job) const;

  // Hands `job` to an idle worker, or else queues it behind a busy worker's
  // document: written to that worker's pipe, it starts the moment the
  // document before it is done, without waiting for the writer (who may be
  // storing another document, or waiting for a core). Only small jobs queue
  // (they fit the pipe with the one before, so the write never blocks), one
  // deep, and never behind a PDF when OCR is on (a scan takes minutes: the
  // job would wait while other workers may be idle). Precondition: can_take(job).
  void submit(Job job);
  // Waits up to `wait` for busy workers; returns the jobs that finished,
  // crashed or ran out of time meanwhile.
  std::vector<Done> collect(std::chrono::milliseconds wait);
  // The OCR pages of the documents in work, as their heartbeats last told.
  OcrProgress ocr_progress() const;

 private:
  // A document handed to a worker.
  struct Task {
    std::string path, sha256;
    std::size_t frame_bytes = 0;  // what its frames put in the pipe
    // A PDF read with OCR on: a scan takes seconds a page, and a job queued
    // behind it would wait while other workers may be idle.
    bool may_be_scan = false;
    // Kept while it waits behind another document, to be sent again to the
    // replacement should the worker die before it starts.
    std::string bytes;
  };
  struct Worker {
    pid_t pid = -1;
    int to = -1, from = -1;     // pipe ends: jobs out, records in
    std::size_t pipe_bytes = 0;  // what the jobs pipe holds without blocking the writer
    // The document being read (front) and the one waiting behind it.
    std::deque<Task> tasks;
    // Of the front document: when it started (for the queued one, when the
    // writer saw the one before it answered), the worker's CPU seconds then,
    // and when it was last seen to progress.
    std::chrono::steady_clock::time_point started, last_progress;
    std::optional<double> cpu_at_start;
    double last_cpu = 0;              // the worker's CPU seconds when last seen to progress
    std::string inbox;                // bytes of frames read so far
    int ocr_done = 0, ocr_total = 0;  // OCR pages of the front document, from its last heartbeat
  };
  void spawn(Worker& w);
  void reap(Worker& w);  // closes pipes, waits for the process
  // The worker, if any, that takes `job` now: an idle one first.
  const Worker* taker(const Job& job) const;
  // Writes `task`'s frames (its bytes from `bytes`) to `w`; the task is w's
  // from then on. A failed write fails w's front document (the worker is gone).
  void send(Worker& w, Task task, std::string_view bytes);
  // The front task is now being read: its clocks start.
  void start_front(Worker& w);
  Done fail(Worker& w, const std::string& why, output::Failure failure);
  // The worker has gone (its pipe closed or a write to it failed): why.
  Done failed_worker(Worker& w);
  // Takes the complete frames at the front of the inbox: heartbeats, then the
  // record, which ends the job. The Done, if any (a record, or a failure).
  std::optional<Done> take_frames(Worker& w);
  // The record frame is complete, or too large: the Done, if any.
  std::optional<Done> take_record(Worker& w);
  std::optional<Done> check_time(Worker& w, std::chrono::steady_clock::time_point now);
  // The CPU time the worker's document may take by now (see WorkerLimits).
  std::chrono::duration<double> allowance(const Worker& w) const;
  // "timed out after 60 s", with the pages OCR read when it had.
  std::string timeout_message(const Worker& w) const;

  WorkerLimits limits_;
  ForkGuard fork_guard_;
  bool have_cpu_times_ = true;  // /proc/PID/stat can be read
  std::chrono::steady_clock::time_point last_collect_;
  pid_t parent_ = -1;
  std::vector<Worker> workers_;
  std::vector<Done> pending_;  // failures found outside collect(), reported by the next one
};

// In a worker just after fork(): it dies when `parent` does (SIGKILL on the
// parent's death, and an exit now if the parent is gone already), writes no
// core files, and runs under the memory limit. Returns false when the
// process should exit at once.
bool prepare_worker_process(pid_t parent, std::size_t memory_limit_mib);

// The loop a worker process runs: read a job, write its record, until `in`
// closes. Exposed for tests. Documents are read with `limits.ocr`, each page
// OCR finishes told on `out` (a heartbeat); `limits.memory_limit_mib` only
// names the limit in the failure record of a document that ran out of memory.
void worker_main(int in, int out, const WorkerLimits& limits);

// Frames: an 8-byte little-endian length and that many bytes. A job is two
// frames (its path and hash, then its bytes), so that a worker that cannot
// hold the bytes still knows which document to answer for.
bool write_frame(int fd, std::string_view payload);
std::optional<std::uint64_t> read_frame_size(int fd);
bool read_exact(int fd, char* data, std::size_t size);
std::uint64_t decode_frame_size(std::string_view header);
inline constexpr std::size_t kFrameHeader = 8;

// A worker answers a job with any number of heartbeats, then the record. A
// heartbeat's length has kHeartbeatBit set (no record is 2^63 bytes long);
// its payload is the OCR pages done and to do, two little-endian uint32.
inline constexpr std::uint64_t kHeartbeatBit = std::uint64_t{1} << 63;
inline constexpr std::size_t kHeartbeatPayload = 8;
bool write_heartbeat(int fd, int done, int total);
// The (done, total) of a heartbeat's payload.
std::pair<int, int> decode_heartbeat(std::string_view payload);

// The CPU seconds (user + system) process `pid` has used, from
// /proc/PID/stat; nullopt when that cannot be read.
std::optional<double> process_cpu_seconds(pid_t pid);

// A worker that exits with this status ran out of memory before it could
// even say so in a record.
inline constexpr int kExitOutOfMemory = 86;

}  // namespace jixiao::corpus::internal
