#pragma once
// Internal to corpus/: worker processes that run the pipeline on one document
// at a time and answer with its record (record.h).
//
// Processes, not threads: poppler keeps global state that is not safe across
// threads (docs/pdf.md), and a process can be killed when it hangs or replaced
// when it crashes without taking the run down. Jobs and records travel over a
// pair of pipes per worker as length-prefixed frames.

#include <chrono>
#include <cstddef>
#include <string>
#include <sys/types.h>
#include <vector>

namespace jixiao::corpus::internal {

struct Job {
  std::string path;    // display path: the record names it
  std::string sha256;  // of `bytes`
  std::string bytes;
};

struct Done {
  std::string path, sha256;
  std::string record;  // always a record: a failure record when the worker crashed or timed out
  bool failed = false; // the record's status is "error"
};

class WorkerPool {
 public:
  // Starts `workers` processes (at least 1). A document that takes longer than
  // `timeout` gets its worker killed and a "timed out" record.
  WorkerPool(int workers, std::chrono::seconds timeout);
  ~WorkerPool();  // kills and reaps every worker
  WorkerPool(const WorkerPool&) = delete;
  WorkerPool& operator=(const WorkerPool&) = delete;

  std::size_t size() const { return workers_.size(); }
  std::size_t busy() const;
  bool has_idle() const { return busy() < workers_.size(); }

  // Hands `job` to an idle worker. Precondition: has_idle().
  void submit(Job job);
  // Waits up to `wait` for busy workers; returns the jobs that finished,
  // crashed or ran out of time meanwhile.
  std::vector<Done> collect(std::chrono::milliseconds wait);

 private:
  struct Worker {
    pid_t pid = -1;
    int to = -1, from = -1;  // pipe ends: jobs out, records in
    bool busy = false;
    std::string path, sha256;
    std::chrono::steady_clock::time_point deadline;
    std::string inbox;  // bytes of the record frame read so far
  };
  void spawn(Worker& w);
  void reap(Worker& w);  // closes pipes, waits for the process
  Done fail(Worker& w, const std::string& why);

  std::chrono::seconds timeout_;
  std::vector<Worker> workers_;
};

// The loop a worker process runs: read a job frame from `in`, write a record
// frame to `out`, until `in` closes. Exposed for tests.
void worker_main(int in, int out);

}  // namespace jixiao::corpus::internal
