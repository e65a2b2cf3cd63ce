#pragma once
// Runs the jixiao binary from a test, capturing its exit status, stdout and
// stderr. ctest runs test cases as separate processes, several at a time, so
// every temporary name carries the process id.

#include <sys/wait.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <array>
#include <cstdio>
#include <fstream>
#include <iterator>
#include <string>

namespace jixiao::testing {

struct CommandResult {
  int status = -1;
  std::string out;
  std::string err;
};

// A path in the test temp directory private to this process: "<tmp>/jixiao-<pid>-<name>".
inline std::string private_temp(const std::string& name) {
  std::string dir = ::testing::TempDir();
  if (!dir.empty() && dir.back() != '/') dir += '/';
  return dir + "jixiao-" + std::to_string(::getpid()) + "-" + name;
}

// Runs `jixiao <args>` (args already shell-quoted).
inline CommandResult run_jixiao(const std::string& args) {
  const std::string err_file = private_temp("stderr.txt");
  const std::string cmd = std::string(JIXIAO_BINARY) + " " + args + " 2>" + err_file;
  CommandResult r;
  FILE* pipe = popen(cmd.c_str(), "r");
  if (!pipe) return r;
  std::array<char, 4096> buf{};
  std::size_t n;
  while ((n = fread(buf.data(), 1, buf.size(), pipe)) > 0) r.out.append(buf.data(), n);
  const int raw = pclose(pipe);
  r.status = WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
  {
    std::ifstream in(err_file);
    r.err.assign(std::istreambuf_iterator<char>(in), {});
  }
  std::remove(err_file.c_str());
  return r;
}

}  // namespace jixiao::testing
