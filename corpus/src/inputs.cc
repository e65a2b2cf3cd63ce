// What `jixiao corpus build` reads: listing files, directories and archives,
// then reading them back in listing order (inputs.h).
//
// Listing never reads a plain file (it stats it), so that a run over tens of
// thousands of files knows its total at once. An archive has to be read to be
// listed, but only its headers: member data is skipped.
//
// Archive member names go through libarchive's charset conversion, which uses
// the calling thread's locale. In the "C" locale a zip member flagged UTF-8
// with a Chinese name has no name at all, so every libarchive call here runs
// under a thread-local C.UTF-8 locale (uselocale), never touching the process
// locale.
#include "jixiao/corpus/inputs.h"

#include "jixiao/extract/limits.h"

#include <archive.h>
#include <archive_entry.h>
#include <fcntl.h>
#include <locale.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <expected>
#include <filesystem>
#include <system_error>

namespace jixiao::corpus {

namespace {

namespace fs = std::filesystem;

// The largest input read into memory: the reader's largest file
// (extract/limits.h). Reports are a few MiB at most; a larger file is refused
// rather than allowed to exhaust a worker's memory.
const std::uint64_t kMaxInputBytes = extract::ReadLimits{}.max_file_bytes;
constexpr std::size_t kArchiveBlock = 64 * 1024;

// --- names ---------------------------------------------------------------

enum class Kind { kReport, kArchive, kOther };

bool ends_with_icase(std::string_view s, std::string_view suffix) {
  if (s.size() < suffix.size()) return false;
  s.remove_prefix(s.size() - suffix.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c != suffix[i]) return false;
  }
  return true;
}

std::string_view base_name(std::string_view path) {
  const auto slash = path.find_last_of('/');
  return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

// By extension of the last path component, case-insensitive.
Kind classify(std::string_view path) {
  const std::string_view name = base_name(path);
  for (std::string_view ext : {".pdf", ".txt", ".text"})
    if (ends_with_icase(name, ext)) return Kind::kReport;
  for (std::string_view ext : {".zip", ".tar", ".tar.gz", ".tgz"})
    if (ends_with_icase(name, ext)) return Kind::kArchive;
  return Kind::kOther;
}

// macOS zips carry "__MACOSX/._report.txt" resource forks beside every file;
// they end in .txt but are not reports.
bool is_resource_fork(std::string_view member) {
  return member.starts_with("__MACOSX/") || member.find("/__MACOSX/") != std::string_view::npos ||
         base_name(member).starts_with("._");
}

// Display paths go into JSON records and SQLite text columns, so they must be
// valid UTF-8. File names need not be (GBK names unpacked from a Windows zip);
// each byte that is not part of a well-formed UTF-8 sequence becomes "\xNN",
// which keeps distinct names distinct. `file` and `member` keep the raw bytes.
std::string valid_utf8(std::string_view s) {
  auto seq_len = [&](std::size_t i) -> std::size_t {
    const auto b = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
    const unsigned char c = b(i);
    if (c < 0x80) return 1;
    std::size_t n;
    unsigned char lo = 0x80, hi = 0xBF;
    if (c >= 0xC2 && c <= 0xDF) {
      n = 2;
    } else if (c >= 0xE0 && c <= 0xEF) {
      n = 3;
      if (c == 0xE0) lo = 0xA0;  // overlong
      if (c == 0xED) hi = 0x9F;  // surrogates
    } else if (c >= 0xF0 && c <= 0xF4) {
      n = 4;
      if (c == 0xF0) lo = 0x90;  // overlong
      if (c == 0xF4) hi = 0x8F;  // beyond U+10FFFF
    } else {
      return 0;
    }
    if (i + n > s.size()) return 0;
    if (b(i + 1) < lo || b(i + 1) > hi) return 0;
    for (std::size_t k = 2; k < n; ++k)
      if (b(i + k) < 0x80 || b(i + k) > 0xBF) return 0;
    return n;
  };
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) {
    const std::size_t n = seq_len(i);
    if (n == 0) {
      static constexpr char kHex[] = "0123456789ABCDEF";
      const auto c = static_cast<unsigned char>(s[i]);
      out += "\\x";
      out += kHex[c >> 4];
      out += kHex[c & 0xF];
      ++i;
    } else {
      out.append(s.substr(i, n));
      i += n;
    }
  }
  return out;
}

// "corpus//2020/./a.txt" -> "corpus/2020/a.txt"; "./a.txt" -> "a.txt".
std::string display_of(const fs::path& p) { return valid_utf8(p.lexically_normal().generic_string()); }

// "./2020/a.txt" -> "2020/a.txt": tar files made with `tar -C dir .` prefix
// every member with "./". Otherwise the name stays as the archive gives it:
// "../x.txt" and "/etc/x.txt" are names, never places (nothing is extracted).
std::string member_display(std::string_view archive_display, std::string_view member) {
  while (member.starts_with("./")) member.remove_prefix(2);
  std::string out(archive_display);
  out += '!';
  out += valid_utf8(member);
  return out;
}

// --- libarchive handles ---------------------------------------------------

// Runs libarchive under C.UTF-8 on this thread for the guard's lifetime.
class Utf8Locale {
 public:
  Utf8Locale() : locale_(newlocale(LC_ALL_MASK, "C.UTF-8", static_cast<locale_t>(nullptr))) {}
  ~Utf8Locale() {
    if (locale_ != static_cast<locale_t>(nullptr)) freelocale(locale_);
  }
  Utf8Locale(const Utf8Locale&) = delete;
  Utf8Locale& operator=(const Utf8Locale&) = delete;

  class Scope {
   public:
    explicit Scope(const Utf8Locale& l)
        : previous_(l.locale_ != static_cast<locale_t>(nullptr) ? uselocale(l.locale_)
                                                                 : static_cast<locale_t>(nullptr)) {}
    ~Scope() {
      if (previous_ != static_cast<locale_t>(nullptr)) uselocale(previous_);
    }
    Scope(const Scope&) = delete;
    Scope& operator=(const Scope&) = delete;

   private:
    locale_t previous_;
  };

 private:
  locale_t locale_;
};

struct ArchiveFree {
  void operator()(archive* a) const { archive_read_free(a); }
};
using ArchivePtr = std::unique_ptr<archive, ArchiveFree>;

std::string archive_message(archive* a, std::string_view fallback) {
  const char* s = archive_error_string(a);
  return s != nullptr && *s != '\0' ? std::string(s) : std::string(fallback);
}

// Opens `file` for reading as zip or tar (optionally gzip-compressed). Only
// the formats we list are enabled: no external filter programs are spawned.
std::expected<ArchivePtr, std::string> open_archive(const std::string& file) {
  ArchivePtr a(archive_read_new());
  if (!a) return std::unexpected("out of memory");
  archive_read_support_format_zip(a.get());
  archive_read_support_format_tar(a.get());
  archive_read_support_filter_gzip(a.get());
  if (archive_read_open_filename(a.get(), file.c_str(), kArchiveBlock) != ARCHIVE_OK)
    return std::unexpected(archive_message(a.get(), "cannot open archive"));
  return a;
}

// The member's path as stored (raw bytes; see the locale note at the top), or
// nullopt when libarchive cannot give one.
std::optional<std::string> entry_name(archive_entry* e) {
  if (const char* s = archive_entry_pathname(e)) return std::string(s);
  if (const char* s = archive_entry_pathname_utf8(e)) return std::string(s);
  return std::nullopt;
}

// Member that may hold a report's bytes: a regular file that is not a hard
// link (a tar hard link has no data of its own).
bool is_plain_member(archive_entry* e) {
  return archive_entry_filetype(e) == AE_IFREG && archive_entry_hardlink(e) == nullptr;
}

// Why a member that is named like a report is not read: links are never
// followed (a symlink may point anywhere on this machine), devices and FIFOs
// never opened.
std::string member_type_reason(archive_entry* e) {
  if (const char* target = archive_entry_hardlink(e))
    return "a hard link inside the archive (to " + valid_utf8(target) + "), not read";
  switch (archive_entry_filetype(e)) {
    case AE_IFLNK: {
      const char* target = archive_entry_symlink(e);
      return "a symbolic link inside the archive (to " + valid_utf8(target ? target : "?") + "), not followed";
    }
    case AE_IFCHR: return "a character device inside the archive, not read";
    case AE_IFBLK: return "a block device inside the archive, not read";
    case AE_IFIFO: return "a FIFO inside the archive, not read";
    case AE_IFSOCK: return "a socket inside the archive, not read";
    default: return "not a regular file inside the archive, not read";
  }
}

// --- listing --------------------------------------------------------------

void list_archive(const std::string& file, const std::string& display, const Utf8Locale& utf8, InputList& out) {
  Utf8Locale::Scope scope(utf8);
  auto opened = open_archive(file);
  if (!opened) {
    out.errors.emplace_back(display, "cannot read archive: " + opened.error());
    return;
  }
  archive* a = opened->get();
  archive_entry* e = nullptr;
  for (std::uint64_t entry = 0;; ++entry) {
    const int r = archive_read_next_header(a, &e);
    if (r == ARCHIVE_EOF) return;
    if (r < ARCHIVE_WARN) {  // RETRY, FAILED, FATAL: stop rather than risk a loop
      out.errors.emplace_back(display, "cannot read archive: " + archive_message(a, "damaged archive"));
      return;
    }
    if (archive_entry_filetype(e) == AE_IFDIR) continue;
    const auto name = entry_name(e);
    if (!name) {
      ++out.skipped;
      out.errors.emplace_back(display, "a member's name cannot be read; member skipped");
      continue;
    }
    if (is_resource_fork(*name) || classify(*name) != Kind::kReport) {
      ++out.skipped;  // includes nested archives, which are not opened
      continue;
    }
    if (!is_plain_member(e)) {
      out.errors.emplace_back(member_display(display, *name), member_type_reason(e));
      continue;
    }
    const std::uint64_t size = archive_entry_size_is_set(e) ? static_cast<std::uint64_t>(archive_entry_size(e)) : 0;
    // Skip the data now, so that a member whose data is cut off by damage is
    // not listed: only members that are whole come before the error.
    if (archive_read_data_skip(a) < ARCHIVE_WARN) {
      out.errors.emplace_back(display, "cannot read archive: " + archive_message(a, "damaged archive"));
      return;
    }
    out.reports.push_back({member_display(display, *name), file, *name, size, entry});
  }
}

// A file reached from a root or a directory walk.
void list_file(const fs::path& path, std::uint64_t size, const Utf8Locale& utf8, InputList& out) {
  const std::string file = path.native();
  switch (classify(file)) {
    case Kind::kReport:
      out.reports.push_back({display_of(path), file, "", size});
      return;
    case Kind::kArchive:
      list_archive(file, display_of(path), utf8, out);
      return;
    case Kind::kOther:
      ++out.skipped;
      return;
  }
}

// Why a path that is neither a directory nor a regular file is not read.
std::string special_file_reason(fs::file_type type) {
  switch (type) {
    case fs::file_type::fifo: return "a FIFO, not read";
    case fs::file_type::character: return "a character device, not read";
    case fs::file_type::block: return "a block device, not read";
    case fs::file_type::socket: return "a socket, not read";
    default: return "not a regular file, not read";
  }
}

// Depth first, each directory's entries in byte order of their names. An
// explicit stack rather than recursion: depth is bounded only by PATH_MAX.
void walk(const fs::path& root, const Utf8Locale& utf8, InputList& out) {
  std::vector<fs::directory_entry> stack;
  auto push_children = [&](const fs::path& dir) {
    std::error_code ec;
    fs::directory_iterator it(dir, ec);
    if (ec) {
      out.errors.emplace_back(display_of(dir), "cannot read directory: " + ec.message());
      return;
    }
    std::vector<fs::directory_entry> children;
    for (const fs::directory_iterator end; it != end;) {
      children.push_back(*it);
      it.increment(ec);
      if (ec) {
        out.errors.emplace_back(display_of(dir), "cannot read directory: " + ec.message());
        break;
      }
    }
    std::sort(children.begin(), children.end(), [](const fs::directory_entry& a, const fs::directory_entry& b) {
      return a.path().filename().native() < b.path().filename().native();
    });
    stack.insert(stack.end(), std::make_move_iterator(children.rbegin()), std::make_move_iterator(children.rend()));
  };

  push_children(root);
  while (!stack.empty()) {
    const fs::directory_entry entry = std::move(stack.back());
    stack.pop_back();
    std::error_code ec;
    const bool link = entry.is_symlink(ec);
    const fs::file_status st = entry.status(ec);  // follows a symlink
    if (st.type() == fs::file_type::not_found) {
      out.errors.emplace_back(display_of(entry.path()), link ? "broken symbolic link" : "no such file or directory");
      continue;
    }
    if (ec) {
      out.errors.emplace_back(display_of(entry.path()), ec.message());
      continue;
    }
    if (fs::is_directory(st)) {
      if (!link) push_children(entry.path());  // symlinked directories are not followed: no cycles
    } else if (fs::is_regular_file(st)) {
      const std::uint64_t size = entry.file_size(ec);
      if (ec) {
        out.errors.emplace_back(display_of(entry.path()), ec.message());
        continue;
      }
      list_file(entry.path(), size, utf8, out);
    } else if (classify(entry.path().native()) != Kind::kOther) {
      // Named like a report but a FIFO, socket or device: never opened (a FIFO would block).
      out.errors.emplace_back(display_of(entry.path()), special_file_reason(st.type()));
    } else {
      ++out.skipped;
    }
  }
}

// --- reading --------------------------------------------------------------

extract::Error read_error(const InputRef& ref, std::string message, extract::ErrorKind kind = extract::ErrorKind::kIo) {
  return extract::Error{kind, ref.display, std::move(message)};
}

extract::Error too_large(const InputRef& ref, std::uint64_t size) {
  return read_error(ref,
                    "too large (" + std::to_string(size) + " bytes; the limit is " +
                        std::to_string(kMaxInputBytes >> 20) + " MiB)",
                    extract::ErrorKind::kUnsupported);
}

struct Fd {
  int fd = -1;
  ~Fd() {
    if (fd >= 0) ::close(fd);
  }
};

std::string errno_text() { return std::error_code(errno, std::generic_category()).message(); }

std::string stat_type_reason(mode_t mode) {
  if (S_ISFIFO(mode)) return "a FIFO, not read";
  if (S_ISCHR(mode)) return "a character device, not read";
  if (S_ISBLK(mode)) return "a block device, not read";
  if (S_ISSOCK(mode)) return "a socket, not read";
  if (S_ISDIR(mode)) return "a directory, not read";
  return "not a regular file, not read";
}

// The whole file, never more than the size it had when opened. It is
// stat()ed before it is opened, so a path replaced by a FIFO or a device since
// listing is never opened (opening a FIFO blocks, opening a device may act);
// O_NONBLOCK and the fstat() after opening cover a swap in between. A file
// that holds more than its size says (still being written, or a /proc file
// that says 0) is refused rather than read without bound.
extract::Result<std::string> read_plain(const InputRef& ref) {
  struct stat before {};
  if (::stat(ref.file.c_str(), &before) != 0) return std::unexpected(read_error(ref, errno_text()));
  if (!S_ISREG(before.st_mode)) return std::unexpected(read_error(ref, stat_type_reason(before.st_mode)));
  if (static_cast<std::uint64_t>(before.st_size) > kMaxInputBytes)
    return std::unexpected(too_large(ref, static_cast<std::uint64_t>(before.st_size)));
  Fd f{::open(ref.file.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY)};
  if (f.fd < 0) return std::unexpected(read_error(ref, errno_text()));
  struct stat st {};
  if (::fstat(f.fd, &st) != 0) return std::unexpected(read_error(ref, errno_text()));
  if (!S_ISREG(st.st_mode)) return std::unexpected(read_error(ref, stat_type_reason(st.st_mode)));
  const auto size = static_cast<std::uint64_t>(st.st_size);
  if (size > kMaxInputBytes) return std::unexpected(too_large(ref, size));
  std::string bytes(static_cast<std::size_t>(size), '\0');
  std::size_t have = 0;
  while (have < bytes.size()) {
    const ssize_t n = ::read(f.fd, bytes.data() + have, bytes.size() - have);
    if (n == 0) break;  // shrank since fstat: what is there is the file
    if (n < 0) {
      if (errno == EINTR) continue;
      return std::unexpected(read_error(ref, errno_text()));
    }
    have += static_cast<std::size_t>(n);
  }
  bytes.resize(have);
  for (;;) {  // anything past the size? (a block, not a byte: some /proc files read only whole records)
    std::array<char, 4096> probe;
    const ssize_t n = ::read(f.fd, probe.data(), probe.size());
    if (n == 0) break;
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return std::unexpected(read_error(ref, errno_text()));
    return std::unexpected(read_error(ref, "holds more than the " + std::to_string(size) +
                                               " bytes its size says (a file still being written, or not a "
                                               "file on disk); not read"));
  }
  return bytes;
}

}  // namespace

// --- public ---------------------------------------------------------------

InputList list_inputs(const std::vector<std::string>& roots) {
  InputList out;
  const Utf8Locale utf8;
  for (const std::string& root : roots) {
    if (root.empty()) {
      out.errors.emplace_back(root, "empty path");
      continue;
    }
    const fs::path path(root);
    std::error_code ec;
    const fs::file_status st = fs::status(path, ec);  // a root that is a symlink is followed: it was asked for
    if (st.type() == fs::file_type::not_found) {
      std::error_code link_ec;
      const bool link = fs::is_symlink(fs::symlink_status(path, link_ec));
      out.errors.emplace_back(display_of(path), link ? "broken symbolic link" : "no such file or directory");
    } else if (ec) {
      out.errors.emplace_back(display_of(path), ec.message());
    } else if (fs::is_directory(st)) {
      walk(path, utf8, out);
    } else if (fs::is_regular_file(st)) {
      const std::uint64_t size = fs::file_size(path, ec);
      if (ec) {
        out.errors.emplace_back(display_of(path), ec.message());
      } else {
        list_file(path, size, utf8, out);
      }
    } else {
      out.errors.emplace_back(display_of(path), special_file_reason(st.type()));  // named: never opened
    }
  }
  return out;
}

std::string root_display(const std::string& root) { return display_of(fs::path(root)); }

bool in_shard(std::string_view display, int k, int n) {
  if (n < 1 || k < 1 || k > n) return false;
  std::uint64_t h = 14695981039346656037ull;  // FNV-1a 64 offset basis
  for (const char c : display) {
    h ^= static_cast<unsigned char>(c);
    h *= 1099511628211ull;  // FNV-1a 64 prime
  }
  return h % static_cast<std::uint64_t>(n) == static_cast<std::uint64_t>(k - 1);
}

// The reader keeps at most one archive open. A member is found by its entry
// number (InputRef::entry), scanning forward from the current entry, so a
// list in archive order streams each archive once; a member whose entry is
// behind the current one (a list in another order) costs a pass from the
// start.
//
// Skipping a member and reading it leave libarchive in the same place when
// the member is whole, but not always when it is damaged: a deflate stream
// that ends before its declared size leaves the streaming zip reader short of
// where a skip goes, and the headers it then finds are others (in a fuzzed
// zip, a later member of the same name). So after a member's read fails the
// handle is dropped, and the next member of that archive is reached from a
// fresh open by skipping, the path listing took. Each such reopen costs a
// pass over the entries before the member, so an archive gets at most
// kMaxReopens; past that its remaining members are errors.
constexpr int kMaxReopens = 64;

struct InputReader::State {
  const std::vector<InputRef>* inputs;
  std::size_t next = 0;
  Utf8Locale utf8;

  ArchivePtr archive;        // the open archive, if any
  std::string archive_file;  // the archive `archive` (or `broken`) is about
  std::uint64_t entries = 0; // headers read since it was opened: the current entry is entries - 1
  int reopens = 0;           // of archive_file, after damage or to go back
  std::string broken;        // why archive_file cannot be read any further

  extract::Result<std::string> read_member(const InputRef& ref);
  extract::Result<std::string> read_data(const InputRef& ref, archive_entry* e);
  void open(const std::string& file);
};

void InputReader::State::open(const std::string& file) {
  if (file != archive_file) reopens = 0;
  archive.reset();
  archive_file = file;
  entries = 0;
  broken.clear();
  auto opened = open_archive(file);
  if (opened) {
    archive = std::move(*opened);
  } else {
    broken = "cannot read archive: " + opened.error();
  }
}

extract::Result<std::string> InputReader::State::read_member(const InputRef& ref) {
  Utf8Locale::Scope scope(utf8);
  if (archive_file != ref.file) {
    open(ref.file);
  } else if (broken.empty() && (!archive || entries > ref.entry)) {
    // Dropped after a damaged member, or the member is behind us: from the start.
    if (++reopens > kMaxReopens) {
      broken = "cannot read archive: more than " + std::to_string(kMaxReopens) +
               " damaged members (or members listed out of order); the rest of it is not read";
    } else {
      open(ref.file);
    }
  }
  if (!broken.empty()) return std::unexpected(read_error(ref, broken));
  static constexpr std::string_view kChanged = "member not found in the archive (it changed since it was listed)";
  for (;;) {
    archive_entry* e = nullptr;
    const int r = archive_read_next_header(archive.get(), &e);
    if (r == ARCHIVE_EOF) {
      archive.reset();
      return std::unexpected(read_error(ref, std::string(kChanged)));
    }
    if (r < ARCHIVE_WARN) {  // the entries from here on are out of reach
      broken = "cannot read archive: " + archive_message(archive.get(), "damaged archive");
      archive.reset();
      return std::unexpected(read_error(ref, broken));
    }
    if (entries++ < ref.entry) continue;
    const auto name = entry_name(e);
    if (!is_plain_member(e) || !name || *name != ref.member) return std::unexpected(read_error(ref, std::string(kChanged)));
    auto bytes = read_data(ref, e);
    if (!bytes) archive.reset();  // where the damage left libarchive is not where skipping goes
    return bytes;
  }
}

// A member's bytes, never more than its header declares (or than the size
// limit when it declares none): a zip bomb stops at its declared size, and a
// declared size over the limit is refused before anything is inflated.
extract::Result<std::string> InputReader::State::read_data(const InputRef& ref, archive_entry* e) {
  const bool declared = archive_entry_size_is_set(e) && archive_entry_size(e) >= 0;
  const std::uint64_t size = declared ? static_cast<std::uint64_t>(archive_entry_size(e)) : 0;
  if (declared && size > kMaxInputBytes) return std::unexpected(too_large(ref, size));
  const std::uint64_t bound = declared ? size : kMaxInputBytes;
  std::string bytes;
  bytes.reserve(static_cast<std::size_t>(size));
  std::array<char, kArchiveBlock> buffer;
  for (;;) {
    const la_ssize_t n = archive_read_data(archive.get(), buffer.data(), buffer.size());
    if (n == 0) return bytes;
    if (n < 0) return std::unexpected(read_error(ref, archive_message(archive.get(), "cannot read member")));
    if (bytes.size() + static_cast<std::size_t>(n) > bound) {
      if (!declared) return std::unexpected(too_large(ref, bytes.size() + static_cast<std::size_t>(n)));
      return std::unexpected(read_error(ref, "holds more than the " + std::to_string(size) +
                                                 " bytes its header declares (a damaged or hostile archive); "
                                                 "not read past them"));
    }
    bytes.append(buffer.data(), static_cast<std::size_t>(n));
  }
}

InputReader::InputReader(const std::vector<InputRef>& inputs) : state_(std::make_unique<State>()) {
  state_->inputs = &inputs;
}

InputReader::~InputReader() = default;

std::optional<InputReader::Item> InputReader::next() {
  State& s = *state_;
  if (s.next >= s.inputs->size()) {
    s.archive.reset();
    return std::nullopt;
  }
  const InputRef& ref = (*s.inputs)[s.next++];
  if (ref.member.empty()) return Item{&ref, read_plain(ref)};
  return Item{&ref, s.read_member(ref)};
}

}  // namespace jixiao::corpus
