// The writer's side of the worker processes of a dataset run (worker_pool.h).
// The writer hands each idle worker one document (a frame with its path and
// hash, a frame with its bytes, written straight from the job: no copy of a
// document is made to frame it) and polls the workers' pipes for record
// frames. A small document may also be queued behind a busy worker's: a
// worker that finishes then goes straight on, instead of idling until the
// writer, busy storing a record or waiting for a core, hands it the next (on
// two cores, with the writer a third process, that wait was a tenth of the
// workers' time). A worker that crashes (its pipe closes), runs past its limits or
// sends a record over the size limit is killed, reaped and replaced, and its
// document gets a failure record saying why, so one bad PDF costs one
// document and never the run.
//
// Time is the CPU time the worker spends on the document (/proc/PID/stat),
// checked at every collect(). With 64 workers on 2 cores each document gets a
// thirty-second of a core, and on a machine shared with other work less
// still: a wall-clock limit would fail most of them through no fault of
// theirs, and record failures the document does not deserve. The clock stays
// as a backstop for a worker that makes no progress at all (no CPU, no bytes
// sent) for stall_limit(); a pause of the writer itself (stopped by Ctrl-Z,
// waiting for the database) restarts that clock for everyone. Where /proc
// cannot be read, the clock is all there is, at the plain timeout.
//
// A document read by OCR gets the timeout again for each page: every page a
// worker finishes comes as a heartbeat frame before the record, and from the
// first on the document may take the timeout once for itself, once for each
// page done, and once for each page being recognised (the next ocr.threads).
// Before the first heartbeat nothing says the document is a scan: its first
// pages (ocr.threads of them, read at once) share the document's own timeout.
#include "worker_pool.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <tuple>

#include "jixiao/extract/text_reader.h"
#include "rows_wire.h"

namespace jixiao::corpus::internal {

namespace {

using output::Failure;

// How much the writer reads from a worker at a time, beyond what the frame
// it is reading still needs.
constexpr std::size_t kReadChunk = std::size_t{64} << 10;

// The size asked for each of a worker's two pipes: 1 MiB, which holds a
// typical document's rows (or a small document and the one queued behind
// it), and no more than 8 MiB over all workers for each of the two (a user
// past pipe-user-pages-soft gets tiny pipes for everything after).
int worker_pipe_bytes(std::size_t workers) {
  const std::size_t share = (std::size_t{8} << 20) / std::max<std::size_t>(workers, 1);
  return static_cast<int>(std::clamp<std::size_t>(share, std::size_t{64} << 10, std::size_t{1} << 20));
}

bool is_failure(const std::string& record) { return record.find("\"status\":\"error\"") != std::string::npos; }

// "1", "0.5", "2.25": a timeout as the user gave it.
std::string seconds_text(double s) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.3f", s);
  std::string t = buf;
  while (t.back() == '0') t.pop_back();
  if (t.back() == '.') t.pop_back();
  return t;
}

std::string mib_text(std::uint64_t bytes) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", static_cast<double>(bytes) / (1 << 20));
  return buf;
}

}  // namespace

std::string record_over_limit(std::uint64_t record_bytes, std::uint64_t limit_bytes) {
  return "record of " + mib_text(record_bytes) + " MiB, over the limit of " + mib_text(limit_bytes) + " MiB";
}

WorkerPool::WorkerPool(int workers, const WorkerLimits& limits, ForkGuard fork_guard)
    : limits_(limits), fork_guard_(std::move(fork_guard)), last_collect_(std::chrono::steady_clock::now()), parent_(::getpid()) {
  // A worker that dies leaves a pipe with no reader; writing to it must be an
  // error we handle, not a signal that ends the writer.
  ::signal(SIGPIPE, SIG_IGN);
  have_cpu_times_ = process_cpu_seconds(parent_).has_value();
  workers_.resize(static_cast<std::size_t>(std::max(workers, 1)));
  for (Worker& w : workers_) spawn(w);
}

WorkerPool::~WorkerPool() {
  for (Worker& w : workers_) {
    if (w.pid > 0) ::kill(w.pid, SIGKILL);
    reap(w);
  }
}

std::size_t WorkerPool::busy() const {
  std::size_t n = 0;
  for (const Worker& w : workers_) n += w.tasks.size();
  return n;
}

void WorkerPool::spawn(Worker& w) {
  int jobs[2], records[2];
  if (::pipe2(jobs, O_CLOEXEC) != 0) return;
  if (::pipe2(records, O_CLOEXEC) != 0) {
    ::close(jobs[0]);
    ::close(jobs[1]);
    return;
  }
  std::unique_lock<std::mutex> still;
  if (fork_guard_) still = fork_guard_();
  const pid_t pid = ::fork();
  if (pid == 0) {
    // The worker: only its own pipe ends; the other workers' would keep their pipes open.
    for (const Worker& other : workers_) {
      if (other.to >= 0) ::close(other.to);
      if (other.from >= 0) ::close(other.from);
    }
    ::close(jobs[1]);
    ::close(records[0]);
    if (prepare_worker_process(parent_, limits_.memory_limit_mib)) worker_main(jobs[0], records[1], limits_);
    ::_exit(0);
  }
  if (still.owns_lock()) still.unlock();
  ::close(jobs[0]);
  ::close(records[1]);
  // A worker writes its whole answer at once and goes on with the next
  // document while the writer is busy with another's; at the default 64 KiB
  // it would wait for the writer to read. Best effort: the system may refuse.
  // The jobs pipe as large as well, so that a small job queued behind
  // another fits beside it (submit).
  ::fcntl(records[0], F_SETPIPE_SZ, worker_pipe_bytes(workers_.size()));
  ::fcntl(jobs[1], F_SETPIPE_SZ, worker_pipe_bytes(workers_.size()));
  if (pid < 0) {
    ::close(jobs[1]);
    ::close(records[0]);
    return;
  }
  const int pipe_bytes = ::fcntl(jobs[1], F_GETPIPE_SZ);
  w.pid = pid;
  w.to = jobs[1];
  w.from = records[0];
  w.pipe_bytes = pipe_bytes > 0 ? static_cast<std::size_t>(pipe_bytes) : 0;
  w.inbox.clear();
  w.ocr_done = w.ocr_total = 0;
}

void WorkerPool::reap(Worker& w) {
  if (w.to >= 0) ::close(w.to);
  if (w.from >= 0) ::close(w.from);
  w.to = w.from = -1;
  if (w.pid > 0) {
    int status = 0;
    while (::waitpid(w.pid, &status, 0) < 0 && errno == EINTR) {
    }
  }
  w.pid = -1;
}

Done WorkerPool::fail(Worker& w, const std::string& why, Failure failure) {
  const Task& t = w.tasks.front();
  Done d{t.path, t.sha256, output::make_failure_record(t.path, t.sha256, why, failure), std::nullopt, true};
  if (limits_.answer == Answer::kRows) {
    d.rows = rows_of_record(t.path, t.sha256, d.record, limits_.max_record_bytes);
    d.record.clear();
  }
  if (w.pid > 0) ::kill(w.pid, SIGKILL);
  reap(w);
  w.tasks.pop_front();
  std::deque<Task> waiting = std::move(w.tasks);
  w.tasks.clear();
  w.inbox.clear();
  w.inbox.shrink_to_fit();
  w.ocr_done = w.ocr_total = 0;
  spawn(w);
  // What waited behind the failed document was never started: the
  // replacement reads it. Should it fail too (no process, a write that
  // fails), that document's own failure is recorded in its turn.
  for (Task& task : waiting) {
    std::string bytes = std::move(task.bytes);
    send(w, std::move(task), bytes);
  }
  return d;
}

Done WorkerPool::failed_worker(Worker& w) {
  int status = 0;
  std::string why = "worker crashed";
  Failure failure = Failure::kCrash;
  if (w.pid > 0) {
    // Closed pipe or failed write: the worker is exiting or gone. Kill it in
    // case it is not, and say how it ended.
    if (::waitpid(w.pid, &status, WNOHANG) != w.pid) {
      ::kill(w.pid, SIGKILL);
      while (::waitpid(w.pid, &status, 0) < 0 && errno == EINTR) {
      }
    }
    w.pid = -1;
    if (WIFSIGNALED(status)) {
      why += " (signal " + std::to_string(WTERMSIG(status)) + ")";
    } else if (WIFEXITED(status) && WEXITSTATUS(status) == kExitOutOfMemory) {
      why = "memory limit of " + std::to_string(limits_.memory_limit_mib) + " MiB reached";
      failure = Failure::kMemory;
    } else if (WIFEXITED(status)) {
      why = "worker exited with status " + std::to_string(WEXITSTATUS(status));
    }
  } else {
    why = "could not start a worker";
  }
  return fail(w, why, failure);
}

namespace {

std::size_t frame_bytes(const Job& job) {
  return 2 * kFrameHeader + job.path.size() + 1 + job.sha256.size() + job.bytes.size();
}

}  // namespace

const WorkerPool::Worker* WorkerPool::taker(const Job& job) const {
  const Worker* idle_without_process = nullptr;
  for (const Worker& w : workers_) {
    if (!w.tasks.empty()) continue;
    if (w.pid > 0) return &w;
    if (!idle_without_process) idle_without_process = &w;
  }
  if (idle_without_process) return idle_without_process;
  const std::size_t bytes = frame_bytes(job);
  for (const Worker& w : workers_) {
    if (w.pid <= 0 || w.tasks.size() != 1 || w.tasks.front().may_be_scan || w.ocr_total > 0) continue;
    if (w.tasks.front().frame_bytes + bytes <= w.pipe_bytes) return &w;
  }
  return nullptr;
}

bool WorkerPool::can_take(const Job& job) const { return taker(job) != nullptr; }

void WorkerPool::submit(Job job) {
  const Worker* found = taker(job);
  if (!found) return;
  Worker& w = workers_[static_cast<std::size_t>(found - workers_.data())];
  if (w.tasks.empty() && w.pid <= 0) {
    // An idle slot that lost its process (fork failed earlier): try again.
    reap(w);
    spawn(w);
  }
  const std::size_t frames = frame_bytes(job);
  const bool may_be_scan = limits_.ocr.mode != extract::OcrMode::kNever && extract::looks_like_pdf(job.bytes);
  Task task{std::move(job.path), std::move(job.sha256), frames, may_be_scan, {}};
  if (!w.tasks.empty()) task.bytes = std::move(job.bytes);  // queued: kept until it starts
  const std::string_view bytes = w.tasks.empty() ? std::string_view(job.bytes) : std::string_view(task.bytes);
  send(w, std::move(task), bytes);
}

void WorkerPool::send(Worker& w, Task task, std::string_view bytes) {
  const std::string meta = task.path + '\0' + task.sha256;
  w.tasks.push_back(std::move(task));
  if (w.tasks.size() == 1) start_front(w);
  if (w.pid <= 0 || !write_frame(w.to, meta) || !write_frame(w.to, bytes)) pending_.push_back(failed_worker(w));
}

void WorkerPool::start_front(Worker& w) {
  w.tasks.front().bytes.clear();
  w.tasks.front().bytes.shrink_to_fit();
  w.ocr_done = w.ocr_total = 0;
  w.started = w.last_progress = std::chrono::steady_clock::now();
  w.cpu_at_start = w.pid > 0 && have_cpu_times_ ? process_cpu_seconds(w.pid) : std::nullopt;
  w.last_cpu = w.cpu_at_start.value_or(0);
}

std::chrono::duration<double> WorkerPool::allowance(const Worker& w) const {
  if (w.ocr_done <= 0) return limits_.timeout;
  const int left = std::max(0, w.ocr_total - w.ocr_done);
  const int reading = std::min(left, std::max(1, limits_.ocr.threads));
  return limits_.timeout * (1 + w.ocr_done + reading);
}

std::string WorkerPool::timeout_message(const Worker& w) const {
  const std::string timeout = seconds_text(limits_.timeout.count());
  std::string message = "timed out after " + timeout + " s";
  if (w.ocr_done > 0)
    message += " + " + timeout + " s per OCR page (" + std::to_string(w.ocr_done) + " of " +
               std::to_string(w.ocr_total) + " pages read)";
  return message;
}

std::optional<Done> WorkerPool::check_time(Worker& w, std::chrono::steady_clock::time_point now) {
  const std::string limit = timeout_message(w);
  if (!w.cpu_at_start) {
    if (now - w.started >= allowance(w)) return fail(w, limit, Failure::kTimeout);
    return std::nullopt;
  }
  if (const auto cpu = process_cpu_seconds(w.pid)) {
    if (*cpu - *w.cpu_at_start >= allowance(w).count()) return fail(w, limit, Failure::kTimeout);
    if (*cpu > w.last_cpu) {
      w.last_cpu = *cpu;
      w.last_progress = now;
    }
  }
  const std::chrono::duration<double> stalled = now - w.last_progress;
  if (stalled < stall_limit(limits_)) return std::nullopt;
  return fail(w, limit + " (no progress for " + seconds_text(stalled.count()) + " s)", Failure::kTimeout);
}

std::optional<Done> WorkerPool::take_frames(Worker& w) {
  while (w.inbox.size() >= kFrameHeader) {
    const std::uint64_t size = decode_frame_size(w.inbox);
    if ((size & kHeartbeatBit) == 0) return take_record(w);
    // A heartbeat of another size is not one our worker writes: the worker is broken.
    if ((size & ~kHeartbeatBit) != kHeartbeatPayload)
      return fail(w, "worker crashed (a garbled frame)", Failure::kCrash);
    if (w.inbox.size() < kFrameHeader + kHeartbeatPayload) return std::nullopt;
    std::tie(w.ocr_done, w.ocr_total) =
        decode_heartbeat(std::string_view(w.inbox).substr(kFrameHeader, kHeartbeatPayload));
    w.inbox.erase(0, kFrameHeader + kHeartbeatPayload);
  }
  return std::nullopt;
}

std::optional<Done> WorkerPool::take_record(Worker& w) {
  if (w.inbox.size() < kFrameHeader) return std::nullopt;
  const std::uint64_t size = decode_frame_size(w.inbox);
  const bool rows = limits_.answer == Answer::kRows;
  // Bounded here, before the writer holds it or parses it: the record would
  // cost the writer many times its size in memory. A worker answering with
  // rows has held its record to the limit itself.
  if (!rows && size > limits_.max_record_bytes)
    return fail(w, record_over_limit(size, limits_.max_record_bytes), Failure::kMemory);
  if (rows && size > max_rows_frame(limits_.max_record_bytes))
    return fail(w, "worker crashed (a rows frame of " + mib_text(size) + " MiB)", Failure::kCrash);
  if (w.inbox.capacity() < kFrameHeader + size) w.inbox.reserve(kFrameHeader + size);
  if (w.inbox.size() < kFrameHeader + size) return std::nullopt;
  Done d{w.tasks.front().path, w.tasks.front().sha256, {}, std::nullopt, false};
  const std::string_view payload = std::string_view(w.inbox).substr(kFrameHeader, size);
  if (rows) {
    auto decoded = decode_rows(payload);
    if (!decoded) return fail(w, "worker crashed (a garbled record: " + decoded.error() + ")", Failure::kCrash);
    d.failed = !decoded->ok();
    d.rows = std::move(*decoded);
  } else {
    d.record = std::string(payload);
    d.failed = is_failure(d.record);
  }
  // The next answer may have begun behind this one (a queued document).
  w.inbox.erase(0, kFrameHeader + size);
  if (w.inbox.empty()) w.inbox.shrink_to_fit();
  w.tasks.pop_front();
  if (!w.tasks.empty()) start_front(w);
  return d;
}

std::vector<Done> WorkerPool::collect(std::chrono::milliseconds wait) {
  std::vector<Done> done = std::move(pending_);
  pending_.clear();
  const auto now = std::chrono::steady_clock::now();
  if (now - last_collect_ > std::chrono::seconds(5)) {
    // The writer itself was away (stopped, or waiting for the database):
    // nobody was watching, so nobody is taken to have stalled meanwhile.
    for (Worker& w : workers_) w.last_progress = now;
  }
  last_collect_ = now;
  // Time out first: a worker past its limit is killed and replaced.
  for (Worker& w : workers_) {
    if (w.tasks.empty()) continue;
    if (auto d = check_time(w, now)) done.push_back(std::move(*d));
  }
  std::vector<pollfd> fds;
  std::vector<Worker*> polled;
  for (Worker& w : workers_) {
    if (w.tasks.empty()) continue;
    fds.push_back({w.from, POLLIN, 0});
    polled.push_back(&w);
  }
  if (fds.empty()) return done;
  const int ready = ::poll(fds.data(), fds.size(), static_cast<int>(done.empty() ? wait.count() : 0));
  if (ready <= 0) return done;
  for (std::size_t i = 0; i < fds.size(); ++i) {
    if (fds[i].revents == 0) continue;
    Worker& w = *polled[i];
    // Straight into the inbox: what the frame being read still needs
    // (take_record reserved it), or a chunk.
    const std::size_t had = w.inbox.size();
    w.inbox.resize(had + std::max<std::size_t>(kReadChunk, w.inbox.capacity() - had));
    const ssize_t n = ::read(w.from, w.inbox.data() + had, w.inbox.size() - had);
    w.inbox.resize(had + static_cast<std::size_t>(std::max<ssize_t>(n, 0)));
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      done.push_back(failed_worker(w));
      continue;
    }
    w.last_progress = std::chrono::steady_clock::now();
    // The read may hold this answer's end and all of the next one's.
    while (!w.tasks.empty()) {
      std::optional<Done> d = take_frames(w);
      if (!d) break;
      done.push_back(std::move(*d));
    }
  }
  return done;
}

OcrProgress WorkerPool::ocr_progress() const {
  OcrProgress p;
  for (const Worker& w : workers_) {
    if (w.tasks.empty()) continue;
    p.done += w.ocr_done;
    p.total += w.ocr_total;
  }
  return p;
}

}  // namespace jixiao::corpus::internal
