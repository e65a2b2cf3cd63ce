// The worker processes of a dataset run (worker_pool.h). The writer hands
// each idle worker one document as a length-prefixed frame (path, hash,
// bytes) and polls the workers' pipes for record frames. A worker that
// crashes (its pipe closes) or passes its deadline is killed, reaped and
// replaced, and its document gets a failure record, so one bad PDF costs one
// document and never the run.
#include "worker_pool.h"

#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <cstring>
#include <exception>
#include <optional>

#include "jixiao/output/record.h"
#include "jixiao/pipeline/pipeline.h"

namespace jixiao::corpus::internal {

namespace {

// A frame is an 8-byte little-endian length and that many bytes.
constexpr std::size_t kHeader = 8;

bool write_all(int fd, const char* data, std::size_t size) {
  while (size > 0) {
    const ssize_t n = ::write(fd, data, size);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    data += n;
    size -= static_cast<std::size_t>(n);
  }
  return true;
}

bool read_all(int fd, char* data, std::size_t size) {
  while (size > 0) {
    const ssize_t n = ::read(fd, data, size);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    data += n;
    size -= static_cast<std::size_t>(n);
  }
  return true;
}

std::string header(std::uint64_t size) {
  std::string h(kHeader, '\0');
  for (std::size_t i = 0; i < kHeader; ++i) h[i] = static_cast<char>((size >> (8 * i)) & 0xFF);
  return h;
}

std::uint64_t frame_size(const std::string& h) {
  std::uint64_t size = 0;
  for (std::size_t i = 0; i < kHeader; ++i) size |= static_cast<std::uint64_t>(static_cast<unsigned char>(h[i])) << (8 * i);
  return size;
}

bool write_frame(int fd, const std::string& payload) {
  const std::string h = header(payload.size());
  return write_all(fd, h.data(), h.size()) && write_all(fd, payload.data(), payload.size());
}

std::optional<std::string> read_frame(int fd) {
  std::string h(kHeader, '\0');
  if (!read_all(fd, h.data(), kHeader)) return std::nullopt;
  std::string payload(frame_size(h), '\0');
  if (!read_all(fd, payload.data(), payload.size())) return std::nullopt;
  return payload;
}

// A job frame: path NUL sha256 NUL bytes.
std::string encode(const Job& job) { return job.path + '\0' + job.sha256 + '\0' + job.bytes; }

std::optional<Job> decode(std::string frame) {
  const std::size_t a = frame.find('\0');
  if (a == std::string::npos) return std::nullopt;
  const std::size_t b = frame.find('\0', a + 1);
  if (b == std::string::npos) return std::nullopt;
  Job job;
  job.path = frame.substr(0, a);
  job.sha256 = frame.substr(a + 1, b - a - 1);
  job.bytes = frame.substr(b + 1);
  return job;
}

bool is_failure(const std::string& record) { return record.find("\"status\":\"error\"") != std::string::npos; }

}  // namespace

void worker_main(int in, int out) {
  while (auto frame = read_frame(in)) {
    std::optional<Job> job = decode(std::move(*frame));
    if (!job) return;
    std::string record;
    try {
      record = output::make_record(job->path, job->sha256, pipeline::analyze_bytes(job->path, std::move(job->bytes)));
    } catch (const std::exception& e) {
      // The pipeline reports errors as values; this is the last line against a
      // bad_alloc on a pathological document.
      record = output::make_failure_record(job->path, job->sha256, std::string("internal error: ") + e.what());
    }
    if (!write_frame(out, record)) return;
  }
}

WorkerPool::WorkerPool(int workers, std::chrono::seconds timeout) : timeout_(timeout) {
  // A worker that dies leaves a pipe with no reader; writing to it must be an
  // error we handle, not a signal that ends the writer.
  ::signal(SIGPIPE, SIG_IGN);
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
  return static_cast<std::size_t>(std::count_if(workers_.begin(), workers_.end(), [](const Worker& w) { return w.busy; }));
}

void WorkerPool::spawn(Worker& w) {
  int jobs[2], records[2];
  if (::pipe(jobs) != 0) return;
  if (::pipe(records) != 0) {
    ::close(jobs[0]);
    ::close(jobs[1]);
    return;
  }
  const pid_t pid = ::fork();
  if (pid == 0) {
    // The worker: only its own pipe ends; the other workers' would keep their pipes open.
    for (const Worker& other : workers_) {
      if (other.to >= 0) ::close(other.to);
      if (other.from >= 0) ::close(other.from);
    }
    ::close(jobs[1]);
    ::close(records[0]);
    ::signal(SIGPIPE, SIG_DFL);
    worker_main(jobs[0], records[1]);
    ::_exit(0);
  }
  ::close(jobs[0]);
  ::close(records[1]);
  if (pid < 0) {
    ::close(jobs[1]);
    ::close(records[0]);
    return;
  }
  w.pid = pid;
  w.to = jobs[1];
  w.from = records[0];
  w.busy = false;
  w.inbox.clear();
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

Done WorkerPool::fail(Worker& w, const std::string& why) {
  Done d{w.path, w.sha256, output::make_failure_record(w.path, w.sha256, why), true};
  if (w.pid > 0) ::kill(w.pid, SIGKILL);
  reap(w);
  w.busy = false;
  spawn(w);
  return d;
}

void WorkerPool::submit(Job job) {
  auto it = std::find_if(workers_.begin(), workers_.end(), [](const Worker& w) { return !w.busy && w.pid > 0; });
  if (it == workers_.end()) {
    // Every idle slot lost its process (fork failed earlier): try again.
    it = std::find_if(workers_.begin(), workers_.end(), [](const Worker& w) { return !w.busy; });
    if (it == workers_.end()) return;
    reap(*it);
    spawn(*it);
  }
  Worker& w = *it;
  w.busy = true;
  w.path = job.path;
  w.sha256 = job.sha256;
  w.inbox.clear();
  w.deadline = std::chrono::steady_clock::now() + timeout_;
  if (w.pid <= 0 || !write_frame(w.to, encode(job))) {
    // Reported by the next collect(): the worker is marked to fail now.
    w.deadline = std::chrono::steady_clock::now();
  }
}

std::vector<Done> WorkerPool::collect(std::chrono::milliseconds wait) {
  std::vector<Done> done;
  const auto now = std::chrono::steady_clock::now();
  // Time out first: a worker past its deadline is killed and replaced.
  for (Worker& w : workers_) {
    if (w.busy && w.deadline <= now) {
      const auto seconds = timeout_.count();
      done.push_back(fail(w, w.pid > 0 ? "timed out after " + std::to_string(seconds) + " s" : "could not start a worker"));
    }
  }
  std::vector<pollfd> fds;
  std::vector<Worker*> polled;
  auto next_deadline = now + wait;
  for (Worker& w : workers_) {
    if (!w.busy) continue;
    fds.push_back({w.from, POLLIN, 0});
    polled.push_back(&w);
    next_deadline = std::min(next_deadline, w.deadline);
  }
  if (fds.empty()) return done;
  const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(next_deadline - now).count();
  const int ready = ::poll(fds.data(), fds.size(), static_cast<int>(std::max<long long>(ms, 0)));
  if (ready <= 0) return done;
  for (std::size_t i = 0; i < fds.size(); ++i) {
    if (fds[i].revents == 0) continue;
    Worker& w = *polled[i];
    char buf[1 << 16];
    const ssize_t n = ::read(w.from, buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      // The worker is gone: say how.
      int status = 0;
      std::string why = "worker crashed";
      if (w.pid > 0 && ::waitpid(w.pid, &status, 0) == w.pid) {
        w.pid = -1;
        if (WIFSIGNALED(status)) why += " (signal " + std::to_string(WTERMSIG(status)) + ")";
        else if (WIFEXITED(status)) why = "worker exited with status " + std::to_string(WEXITSTATUS(status));
      }
      done.push_back(fail(w, why));
      continue;
    }
    w.inbox.append(buf, static_cast<std::size_t>(n));
    if (w.inbox.size() >= kHeader) {
      const std::uint64_t size = frame_size(w.inbox.substr(0, kHeader));
      if (w.inbox.size() >= kHeader + size) {
        std::string record = w.inbox.substr(kHeader, size);
        const bool failed = is_failure(record);
        done.push_back(Done{w.path, w.sha256, std::move(record), failed});
        w.inbox.clear();
        w.busy = false;
      }
    }
  }
  return done;
}

}  // namespace jixiao::corpus::internal
