// The worker side of a dataset run (worker_pool.h): how a worker process is
// set up after fork(), and the loop it runs.
//
// A worker must never outlive the run that started it: a build killed with
// SIGTERM would otherwise leave its workers computing for minutes, owned by
// init. PR_SET_PDEATHSIG has the kernel send SIGKILL when the parent dies; the
// parent may have died between fork() and prctl(), so the worker then checks
// that its parent is still the one that forked it.
//
// A worker runs under RLIMIT_DATA (heap and private mappings): a document that
// needs more than the limit makes an allocation fail, std::bad_alloc unwinds
// the pipeline, and the worker answers with a "memory" failure and goes on
// with the next job. The limit counts from what the worker holds when it
// starts (a fork shares its parent's heap, which it never touches). Under
// AddressSanitizer the limit is not set: ASan reserves terabytes of shadow
// memory, and a limit on the process's memory makes its mappings fail.
//
// The bytes of a job arrive in a frame of their own, after a small frame with
// the document's path and hash: a worker that cannot allocate the bytes reads
// them away and still answers for the right document.
//
// A document is read with the run's OCR options; every page OCR finishes is
// told to the writer at once (a heartbeat frame), which gives the document
// more time (worker_pool.cc) and shows a long scan's progress.
#include <fcntl.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <fstream>
#include <new>
#include <nlohmann/json.hpp>
#include <optional>
#include <sstream>
#include <string>
#include <variant>

#include "jixiao/corpus/document_rows.h"
#include "jixiao/output/record.h"
#include "jixiao/pipeline/pipeline.h"
#include "rows_wire.h"
#include "worker_pool.h"

namespace jixiao::corpus::internal {

namespace {

#if defined(__SANITIZE_ADDRESS__)
constexpr bool kAddressSanitizer = true;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
constexpr bool kAddressSanitizer = true;
#else
constexpr bool kAddressSanitizer = false;
#endif
#else
constexpr bool kAddressSanitizer = false;
#endif

// The largest path-and-hash frame a worker accepts: a path is a few KiB,
// though a pax archive may name a member with megabytes.
constexpr std::uint64_t kMaxMetaFrame = std::uint64_t{64} << 20;

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

// Reads and drops `size` bytes.
bool skip(int fd, std::uint64_t size) {
  std::array<char, 1 << 16> buf;
  while (size > 0) {
    const std::size_t want = static_cast<std::size_t>(std::min<std::uint64_t>(size, buf.size()));
    if (!read_exact(fd, buf.data(), want)) return false;
    size -= want;
  }
  return true;
}

// The bytes of /proc/self/status's "VmData:" line (heap and private
// mappings, what RLIMIT_DATA counts), or 0 when it cannot be read.
std::uint64_t data_bytes_now() {
  std::ifstream status("/proc/self/status");
  for (std::string line; std::getline(status, line);) {
    if (!line.starts_with("VmData:")) continue;
    std::istringstream in(line.substr(7));
    std::uint64_t kib = 0;
    in >> kib;
    return kib * 1024;
  }
  return 0;
}

std::string memory_message(std::size_t memory_limit_mib) {
  return memory_limit_mib > 0 && memory_limit_available()
             ? "memory limit of " + std::to_string(memory_limit_mib) + " MiB reached"
             : "out of memory";
}

// What the pipeline may do with one document in this worker: the default
// limits, and OCR as the run asks, each page done told on `out`. A heartbeat
// that cannot be written is let go: the writer is gone, and the record's
// write will say so.
pipeline::Limits job_limits(const WorkerLimits& limits, int out) {
  pipeline::Limits l;
  l.read.ocr = limits.ocr;
  l.read.ocr.progress = [out](int done, int total) { write_heartbeat(out, done, total); };
  return l;
}

// A record as its value and its text: a worker answering with rows reads the
// value, and never parses the text it wrote.
struct JobRecord {
  nlohmann::json value;
  std::string text;
};

JobRecord failure_record(const std::string& path, const std::string& sha256, const std::string& why,
                         output::Failure failure) {
  nlohmann::json value = output::make_failure_record_value(path, sha256, why, failure);
  std::string text = output::record_text(value);
  return {std::move(value), std::move(text)};
}

// The record of one job. A document too big for the memory limit unwinds
// with std::bad_alloc from wherever it was; what the pipeline allocated is
// freed by then, so the failure record can be made.
JobRecord run_job(const std::string& path, const std::string& sha256, std::string bytes,
                  const WorkerLimits& limits, int out) {
  try {
    nlohmann::json value =
        output::make_record_value(path, sha256, pipeline::analyze_bytes(path, std::move(bytes), job_limits(limits, out)));
    std::string text = output::record_text(value);
    return {std::move(value), std::move(text)};
  } catch (const std::bad_alloc&) {
    return failure_record(path, sha256, memory_message(limits.memory_limit_mib), output::Failure::kMemory);
  } catch (const std::exception& e) {
    // The pipeline reports errors as values; this is the last line against a bug.
    return failure_record(path, sha256, std::string("internal error: ") + e.what(), output::Failure::kCrash);
  }
}

// The rows of a record, encoded for the writer (Answer::kRows). A record
// over the writer's limit is its document's memory failure, as the writer
// would say of it.
std::string rows_answer(const std::string& path, const std::string& sha256, JobRecord record,
                        const WorkerLimits& limits) {
  if (record.text.size() > limits.max_record_bytes) {
    record = failure_record(path, sha256, record_over_limit(record.text.size(), limits.max_record_bytes),
                            output::Failure::kMemory);
  }
  return encode_rows(
      usable_rows(path, sha256, parsed_record_rows(record.value, record.text, RecordOrigin::kThisBuild)));
}

// One job read and answered; false when the pipe closed (the run is over).
bool serve_one(int in, int out, const WorkerLimits& limits) {
  const auto meta_size = read_frame_size(in);
  if (!meta_size || *meta_size > kMaxMetaFrame) return false;
  std::string meta(*meta_size, '\0');
  if (!read_exact(in, meta.data(), meta.size())) return false;
  const std::size_t nul = meta.find('\0');
  if (nul == std::string::npos) return false;
  const std::string path = meta.substr(0, nul), sha256 = meta.substr(nul + 1);

  const auto size = read_frame_size(in);
  if (!size) return false;
  std::string bytes;
  std::optional<JobRecord> record;
  try {
    bytes.resize(static_cast<std::size_t>(*size));
  } catch (const std::bad_alloc&) {
    if (!skip(in, *size)) return false;
    record = failure_record(path, sha256, memory_message(limits.memory_limit_mib), output::Failure::kMemory);
  }
  if (!record) {
    if (!read_exact(in, bytes.data(), bytes.size())) return false;
    record = run_job(path, sha256, std::move(bytes), limits, out);
  }
  if (limits.answer == Answer::kRows) return write_frame(out, rows_answer(path, sha256, std::move(*record), limits));
  return write_frame(out, record->text);
}

}  // namespace

bool memory_limit_available() { return !kAddressSanitizer; }

DocumentRows rows_of_record(const std::string& path, const std::string& sha256, std::string_view record,
                            std::size_t max_record_bytes) {
  RecordLimits limits;
  limits.max_bytes = max_record_bytes;
  return usable_rows(path, sha256, record_rows(record, limits, RecordOrigin::kThisBuild));
}

DocumentRows usable_rows(const std::string& path, const std::string& sha256,
                         std::expected<RecordRows, std::string> rows) {
  if (rows && std::holds_alternative<DocumentRows>(*rows)) return std::get<DocumentRows>(std::move(*rows));
  const std::string why = rows ? "not a document" : rows.error();
  auto failure =
      document_rows(output::make_failure_record(path, sha256, "unusable record: " + why, output::Failure::kCrash));
  return std::move(*failure);  // a failure record of our own making is always usable
}

bool write_frame(int fd, std::string_view payload) {
  std::array<char, kFrameHeader> h{};
  const std::uint64_t size = payload.size();
  for (std::size_t i = 0; i < kFrameHeader; ++i) h[i] = static_cast<char>((size >> (8 * i)) & 0xFF);
  return write_all(fd, h.data(), h.size()) && write_all(fd, payload.data(), payload.size());
}

bool read_exact(int fd, char* data, std::size_t size) {
  while (size > 0) {
    const ssize_t n = ::read(fd, data, size);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    data += n;
    size -= static_cast<std::size_t>(n);
  }
  return true;
}

bool write_heartbeat(int fd, int done, int total) {
  std::array<char, kFrameHeader + kHeartbeatPayload> frame{};
  const std::uint64_t size = kHeartbeatBit | kHeartbeatPayload;
  const auto put = [&frame](std::size_t at, std::uint64_t value, std::size_t bytes) {
    for (std::size_t i = 0; i < bytes; ++i) frame[at + i] = static_cast<char>((value >> (8 * i)) & 0xFF);
  };
  put(0, size, kFrameHeader);
  put(kFrameHeader, static_cast<std::uint32_t>(std::max(done, 0)), 4);
  put(kFrameHeader + 4, static_cast<std::uint32_t>(std::max(total, 0)), 4);
  return write_all(fd, frame.data(), frame.size());
}

std::pair<int, int> decode_heartbeat(std::string_view payload) {
  const auto get = [payload](std::size_t at) {
    std::uint32_t v = 0;
    for (std::size_t i = 0; i < 4 && at + i < payload.size(); ++i)
      v |= static_cast<std::uint32_t>(static_cast<unsigned char>(payload[at + i])) << (8 * i);
    return static_cast<int>(std::min<std::uint32_t>(v, 1u << 30));  // a page count, never near int's end
  };
  return {get(0), get(4)};
}

std::uint64_t decode_frame_size(std::string_view h) {
  std::uint64_t size = 0;
  for (std::size_t i = 0; i < kFrameHeader && i < h.size(); ++i)
    size |= static_cast<std::uint64_t>(static_cast<unsigned char>(h[i])) << (8 * i);
  return size;
}

std::optional<std::uint64_t> read_frame_size(int fd) {
  std::array<char, kFrameHeader> h{};
  if (!read_exact(fd, h.data(), h.size())) return std::nullopt;
  return decode_frame_size(std::string_view(h.data(), h.size()));
}

bool prepare_worker_process(pid_t parent, std::size_t memory_limit_mib) {
  ::prctl(PR_SET_PDEATHSIG, SIGKILL);
  if (::getppid() != parent) return false;  // the parent died before prctl: no signal will come
  ::signal(SIGPIPE, SIG_DFL);
  const rlimit no_core{0, 0};
  ::setrlimit(RLIMIT_CORE, &no_core);  // a crashing worker is recorded, not dumped
  if (memory_limit_mib > 0 && memory_limit_available()) {
    rlimit data{};
    ::getrlimit(RLIMIT_DATA, &data);
    const std::uint64_t want = data_bytes_now() + (std::uint64_t{memory_limit_mib} << 20);
    if (data.rlim_max == RLIM_INFINITY || want < data.rlim_max) data.rlim_cur = want;
    else data.rlim_cur = data.rlim_max;
    ::setrlimit(RLIMIT_DATA, &data);
  }
  return true;
}

void worker_main(int in, int out, const WorkerLimits& limits) {
  try {
    while (serve_one(in, out, limits)) {
    }
  } catch (const std::bad_alloc&) {
    ::_exit(kExitOutOfMemory);  // not even the failure record fitted
  }
}

std::optional<double> process_cpu_seconds(pid_t pid) {
  char name[64];
  std::snprintf(name, sizeof name, "/proc/%d/stat", static_cast<int>(pid));
  const int fd = ::open(name, O_RDONLY | O_CLOEXEC);
  if (fd < 0) return std::nullopt;
  std::array<char, 1024> buf{};
  const ssize_t n = ::read(fd, buf.data(), buf.size() - 1);
  ::close(fd);
  if (n <= 0) return std::nullopt;
  // "pid (comm) state ppid … utime stime …": fields 14 and 15, counted after
  // the last ')' because comm may hold spaces and parentheses.
  const std::string_view text(buf.data(), static_cast<std::size_t>(n));
  const std::size_t close = text.rfind(')');
  if (close == std::string_view::npos) return std::nullopt;
  // Read at every collect() for every busy worker: split by hand, not by a stream.
  std::string_view rest = text.substr(close + 1);
  unsigned long long utime = 0, stime = 0;
  int field = 2;  // the last one read: comm
  while (field < 15) {
    const std::size_t start = rest.find_first_not_of(' ');
    if (start == std::string_view::npos) return std::nullopt;
    rest.remove_prefix(start);
    const std::size_t end = std::min(rest.find(' '), rest.size());
    ++field;
    if (field == 14 || field == 15) {
      unsigned long long v = 0;
      const auto [p, ec] = std::from_chars(rest.data(), rest.data() + end, v);
      if (ec != std::errc() || p != rest.data() + end) return std::nullopt;
      (field == 14 ? utime : stime) = v;
    }
    rest.remove_prefix(end);
  }
  const long ticks = ::sysconf(_SC_CLK_TCK);
  return static_cast<double>(utime + stime) / static_cast<double>(ticks > 0 ? ticks : 100);
}

}  // namespace jixiao::corpus::internal
