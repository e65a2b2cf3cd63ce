#pragma once
// Helpers of the corpus tests that run the jixiao binary on inputs made at
// test time: long but valid reports, the CPU time and peak memory of what a
// test ran, a SQLite query, running a command as an unprivileged user.

#include <sqlite3.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "support/command.h"
#include "support/test_support.h"

namespace jixiao::testing {

namespace fs = std::filesystem;

inline std::string read_file(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

inline void write_file(const fs::path& p, const std::string& bytes) {
  fs::create_directories(p.parent_path());
  std::ofstream out(p, std::ios::binary);
  out << bytes;
}

// A valid report made long: a real sample (title, score table, findings)
// followed by `prose_bytes` of plain narrative, lines of common words and no
// figures. Reading it costs time in proportion to its length and nothing
// more, so it is a slow document that stays slow however the readers'
// worst cases are bounded. `seed` makes documents of distinct content.
inline std::string long_report(std::size_t prose_bytes, unsigned seed = 1) {
  static const char* const kWords[] = {"项目", "实施", "单位", "按照", "要求", "加强", "管理", "完善",
                                       "制度", "推进", "工作", "落实", "责任", "提升", "服务", "质量",
                                       "群众", "满意", "使用", "规范", "基本", "存在", "问题", "建议"};
  std::string out = read_file(source_path("samples/qinghe-wenlv-2022-errors.txt"));
  out += "\n（附）项目实施情况说明（" + std::to_string(seed) + "）\n";
  std::uint64_t state = 0x9E3779B97F4A7C15ull * (seed + 1);
  const std::size_t target = out.size() + prose_bytes;
  while (out.size() < target) {
    for (int w = 0; w < 30; ++w) {
      state = state * 6364136223846793005ull + 1442695040888963407ull;
      out += kWords[(state >> 33) % (sizeof kWords / sizeof kWords[0])];
    }
    out += "。\n";
  }
  return out;
}

// Issue 14: an image-only PDF of pages `first` to `last` of one of our own
// PDFs, as a scanner makes one: each page drawn grey at 300 dpi (pdftoppm)
// and wrapped back into a PDF as an image (img2pdf), so no text layer is
// left. Made at test time from tests/data/pdf, never from the shared corpus.
// Returns "" when `out` was written, else why not, with the tool's stderr
// (the test fails on it: scripts/setup installs poppler-utils and img2pdf).
inline std::string make_scan(const std::string& pdf, int first, int last, const fs::path& out) {
  const fs::path pages = out.parent_path() / (out.stem().string() + "-pages");
  fs::create_directories(pages);
  const auto quoted = [](const fs::path& p) { return "'" + p.string() + "'"; };
  const fs::path err = pages / "stderr.txt";
  const auto run = [&](const std::string& command, const std::string& failed) -> std::string {
    if (std::system((command + " 2>" + quoted(err)).c_str()) == 0) return "";
    return failed + " (scripts/setup installs poppler-utils and img2pdf); its stderr: " + read_file(err);
  };
  const std::string draw = "pdftoppm -gray -r 300 -f " + std::to_string(first) + " -l " + std::to_string(last) +
                           " " + quoted(source_path(pdf)) + " " + quoted(pages / "p");
  const std::string wrap = "img2pdf --imgsize 300dpi -o " + quoted(out) + " " + quoted(pages) + "/p-*.pgm";
  std::string why = run(draw, "pdftoppm could not draw " + pdf);
  if (why.empty()) why = run(wrap, "img2pdf could not make " + out.string());
  std::error_code ec;
  fs::remove_all(pages, ec);
  return why;
}

// CPU seconds (user + system) of the children this process has waited for so
// far: a command run through run_jixiao, with its workers (jixiao reaps them).
inline double children_cpu_seconds() {
  rusage u{};
  getrusage(RUSAGE_CHILDREN, &u);
  return static_cast<double>(u.ru_utime.tv_sec + u.ru_stime.tv_sec) +
         static_cast<double>(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

// The largest peak resident set of any child this process has waited for, in MiB.
inline double children_peak_mib() {
  rusage u{};
  getrusage(RUSAGE_CHILDREN, &u);
  return static_cast<double>(u.ru_maxrss) / 1024.0;  // ru_maxrss is in KiB
}

// Whether this test binary runs under AddressSanitizer (memory figures and
// process memory limits do not mean the same there).
constexpr bool kUnderAsan =
#if defined(__SANITIZE_ADDRESS__)
    true;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
    true;
#else
    false;
#endif
#else
    false;
#endif

// A size of generated input for a test that must also end in seconds in the
// sanitizer build (a Debug build under ASan reads reports about eight times
// slower): the size, or an eighth of it under ASan. Limits that depend on
// the time are measured, not assumed, so the tests mean the same either way.
constexpr std::size_t scaled(std::size_t bytes) { return kUnderAsan ? bytes / 8 : bytes; }

// Rows of one query as strings (`null_text` for NULL), through a read-only connection.
inline std::vector<std::vector<std::string>> query(const fs::path& db, const std::string& sql,
                                                   const std::string& null_text = "NULL") {
  std::vector<std::vector<std::string>> rows;
  sqlite3* h = nullptr;
  if (sqlite3_open_v2(db.c_str(), &h, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
    ADD_FAILURE() << "cannot open " << db;
    sqlite3_close(h);
    return rows;
  }
  sqlite3_stmt* st = nullptr;
  if (sqlite3_prepare_v2(h, sql.c_str(), -1, &st, nullptr) != SQLITE_OK) {
    ADD_FAILURE() << sqlite3_errmsg(h) << " in " << sql;
  } else {
    while (sqlite3_step(st) == SQLITE_ROW) {
      std::vector<std::string> row;
      for (int c = 0; c < sqlite3_column_count(st); ++c) {
        const unsigned char* t = sqlite3_column_text(st, c);
        row.emplace_back(t ? reinterpret_cast<const char*>(t) : null_text);
      }
      rows.push_back(std::move(row));
    }
  }
  sqlite3_finalize(st);
  sqlite3_close(h);
  return rows;
}

inline std::string query_one(const fs::path& db, const std::string& sql) {
  const auto rows = query(db, sql);
  return rows.empty() || rows[0].empty() ? "(no row)" : rows[0][0];
}

// A fresh directory for one test case, removed at the end.
class TempDir {
 public:
  explicit TempDir(const std::string& name) : path_(private_temp(name)) {
    std::error_code ec;
    fs::remove_all(path_, ec);
    fs::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ec;
    fs::permissions(path_, fs::perms::owner_all, fs::perm_options::add, ec);
    for (auto it = fs::recursive_directory_iterator(path_, ec); !ec && it != fs::recursive_directory_iterator();
         it.increment(ec)) {
      if (it->is_directory(ec)) fs::permissions(it->path(), fs::perms::owner_all, fs::perm_options::add, ec);
    }
    fs::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const fs::path& path() const { return path_; }
  fs::path operator/(const std::string& name) const { return path_ / name; }

 private:
  fs::path path_;
};

// The prefix that runs a command as an unprivileged user: "" when this test
// is not root already, "setpriv … " as root (root ignores file modes, so a
// read-only file means nothing to it), nullopt when setpriv is missing.
inline std::optional<std::string> unprivileged_prefix() {
  if (::geteuid() != 0) return std::string();
  if (::access("/usr/bin/setpriv", X_OK) != 0) return std::nullopt;
  return std::string("/usr/bin/setpriv --reuid=65534 --regid=65534 --clear-groups ");
}

// Runs `jixiao <args>` with `prefix` before it (see unprivileged_prefix).
inline CommandResult run_jixiao_as(const std::string& prefix, const std::string& args) {
  const std::string err_file = private_temp("stderr-as.txt");
  const std::string cmd = prefix + std::string(JIXIAO_BINARY) + " " + args + " 2>" + err_file;
  CommandResult r;
  FILE* pipe = popen(cmd.c_str(), "r");
  if (!pipe) return r;
  char buf[4096];
  std::size_t n;
  while ((n = fread(buf, 1, sizeof buf, pipe)) > 0) r.out.append(buf, n);
  const int raw = pclose(pipe);
  r.status = WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
  r.err = read_file(err_file);
  std::remove(err_file.c_str());
  return r;
}

}  // namespace jixiao::testing
