// Reading one large PDF's pages in several processes. poppler reads a page at
// a time and keeps no promise of thread safety, so the pages of a long report
// are split into runs of consecutive pages, one per process: the children are
// forked after the document is opened (each reads its run from the same
// parsed document, copy-on-write), this process reads the first run itself,
// then takes the children's pages through a pipe in the wire form of
// page_wire.cc and puts every run back in page order. Layout, tables that
// cross pages, OCR and everything after see the same pages, to the last bit,
// as when one process reads them all.
//
// Runs are consecutive pages because poppler parses a run's fonts once
// (pdf_reader.cc): a run per process costs each process its own parse of the
// fonts, which is why short documents are read by one process.
//
// A child that cannot be made, or that fails without a signal (memory), has
// its pages read here instead; a child killed by a signal (poppler crashed on
// one of its pages) is an error naming the pages, where one process would
// have crashed. A child dies with its parent (PR_SET_PDEATHSIG): a batch's
// timeout that kills a worker leaves no reader behind.

#include <fcntl.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <optional>
#include <string>
#include <vector>

#include "page_processes.h"
#include "poppler_doc.h"

namespace jixiao::extract::detail {
namespace {

struct Child {
  int first = 0, last = 0;  // its pages
  pid_t pid = -1;           // -1: not started
  int fd = -1;              // read end of its pipe
};

bool write_all(int fd, const std::string& bytes) {
  std::size_t done = 0;
  while (done < bytes.size()) {
    const ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    done += static_cast<std::size_t>(n);
  }
  return true;
}

std::string read_all(int fd) {
  std::string bytes;
  char buffer[1 << 16];
  for (;;) {
    const ssize_t n = ::read(fd, buffer, sizeof buffer);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    bytes.append(buffer, static_cast<std::size_t>(n));
  }
  return bytes;
}

// In the child: read the pages, hand them over, and leave without running
// the parent's exit handlers or flushing its stdio buffers (they are copies).
[[noreturn]] void run_child(PDFDoc& doc, const Child& child, int fd, pid_t parent, const ReadLimits& limits) {
  ::prctl(PR_SET_PDEATHSIG, SIGKILL);
  if (::getppid() != parent) ::_exit(3);  // the parent died before prctl
  int status = 0;
  try {
    std::vector<Notice> notices;
    const std::vector<PageBoxes> pages = read_page_span(doc, child.first, child.last, limits, &notices);
    if (!write_all(fd, encode_pages(pages, notices))) status = 4;
  } catch (...) {
    status = 5;
  }
  ::close(fd);
  ::_exit(status);
}

Child start_child(PDFDoc& doc, int first, int last, const ReadLimits& limits) {
  Child child{first, last, -1, -1};
  int fds[2];
  if (::pipe2(fds, O_CLOEXEC) != 0) return child;
  const pid_t parent = ::getpid();
  const pid_t pid = ::fork();
  if (pid == 0) {
    ::close(fds[0]);
    run_child(doc, child, fds[1], parent, limits);
  }
  ::close(fds[1]);
  if (pid < 0) {
    ::close(fds[0]);
    return child;
  }
  child.pid = pid;
  child.fd = fds[0];
  return child;
}

// The child's pages, or nullopt when it did not deliver them; `crashed` set
// when a signal killed it.
std::optional<std::vector<PageBoxes>> collect(Child& child, std::vector<Notice>& notices, int& signal_number) {
  if (child.pid < 0) return std::nullopt;
  const std::string bytes = read_all(child.fd);
  ::close(child.fd);
  int status = 0;
  while (::waitpid(child.pid, &status, 0) < 0 && errno == EINTR) {
  }
  if (WIFSIGNALED(status)) signal_number = WTERMSIG(status);
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) return std::nullopt;
  std::vector<PageBoxes> pages;
  std::vector<Notice> child_notices;
  if (!decode_pages(bytes, pages, child_notices)) return std::nullopt;
  notices.insert(notices.end(), child_notices.begin(), child_notices.end());
  return pages;
}

std::string crash_message(int first, int last, int signal_number) {
  return "第 " + std::to_string(first) + "–" + std::to_string(last) + " 页无法读取：PDF 阅读进程因信号 " +
         std::to_string(signal_number) + " 终止 (the process reading pages " + std::to_string(first) + "–" +
         std::to_string(last) + " was killed by signal " + std::to_string(signal_number) +
         ": a damaged page?)";
}

}  // namespace

Result<std::vector<PageBoxes>> read_pages_in_processes(const std::string& path, PDFDoc& doc, int last,
                                                       const ReadLimits& limits, std::vector<Notice>* notices) {
  const int workers = std::clamp(limits.page_workers, 1, std::max(last, 1));
  if (workers <= 1 || static_cast<std::size_t>(last) < limits.parallel_min_pages)
    return read_page_span(doc, 1, last, limits, notices);

  // Runs of nearly equal length; the first is this process's.
  std::vector<std::pair<int, int>> spans;
  for (int k = 0; k < workers; ++k) {
    const int first = 1 + last * k / workers, end = last * (k + 1) / workers;
    spans.emplace_back(first, end);
  }
  std::vector<Child> children;
  for (std::size_t k = 1; k < spans.size(); ++k)
    children.push_back(start_child(doc, spans[k].first, spans[k].second, limits));

  std::vector<Notice> found;
  std::vector<PageBoxes> pages = read_page_span(doc, spans[0].first, spans[0].second, limits, &found);
  std::optional<Error> failure;
  for (Child& child : children) {
    int signal_number = 0;
    auto read = collect(child, found, signal_number);
    if (!read && signal_number != 0 && !failure)
      failure = pdf_error(ErrorKind::kUnsupported, path, crash_message(child.first, child.last, signal_number));
    if (failure) continue;  // the remaining children are still reaped
    if (!read) read = read_page_span(doc, child.first, child.last, limits, &found);
    std::move(read->begin(), read->end(), std::back_inserter(pages));
  }
  if (failure) return std::unexpected(std::move(*failure));
  if (notices) notices->insert(notices->end(), found.begin(), found.end());
  return pages;
}

}  // namespace jixiao::extract::detail
