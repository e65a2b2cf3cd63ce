#pragma once
// What `jixiao corpus build` reads: files, directories (walked recursively),
// and .zip / .tar / .tar.gz / .tgz archives read in place with libarchive.
// Reports are recognised by extension (.pdf, .txt, .text, any case); everything
// else is skipped and counted. Nested archives are not opened (skipped and
// counted), nor are macOS resource forks ("__MACOSX/", "._name.txt") taken
// for reports.
//
// Nothing is ever extracted or written: archive members are read into memory,
// and their names ("../x.txt", "/etc/x.txt") are only names. Links inside
// archives are never followed; FIFOs, sockets and devices are never opened.
// A path named like a report (or named on the command line) that is one of
// those is an input error with the reason; other such paths are skipped.
//
// Listing is separate from reading so that a run knows its total before it
// starts (progress, ETA) and can shard by path; the reader then streams each
// archive once, in listing order.

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "jixiao/extract/error.h"

namespace jixiao::corpus {

struct InputRef {
  // The path stored in the dataset: "reports/a.pdf", "batch.zip!2020/b.txt".
  // A plain file's path as reached from its root, lexically normalised with
  // '/' ("corpus/" + "2020/a.txt" -> "corpus/2020/a.txt", "./a.txt" -> "a.txt");
  // a member's path without a leading "./". Always valid UTF-8: a byte of a
  // name that is not (a GBK file name, say) is written "\xNN".
  std::string display;
  std::string file;       // the file on disk (the archive, for a member), bytes as reached
  std::string member;     // the path inside the archive as stored; "" for a plain file
  std::uint64_t size = 0; // bytes, as listed (0 when an archive does not say)
  // For a member: its place among the archive's entries (headers, directories
  // and skipped members included, the first is 0) as listing counted them.
  // The reader finds a member by this place, not by its name: a name may be
  // held twice (a tar appended to), and in a damaged archive the headers
  // found after reading a member's data need not be those found by skipping it.
  std::uint64_t entry = 0;
};

struct InputList {
  std::vector<InputRef> reports;                             // deterministic order (see list_inputs)
  // (display, message): missing roots, unreadable directories, broken
  // symbolic links, damaged archives (the members before the damage stay
  // listed; the message is libarchive's), FIFOs and devices, links inside
  // archives.
  std::vector<std::pair<std::string, std::string>> errors;
  std::size_t skipped = 0;  // files and members that are not reports
};

// Lists the reports under `roots`, each root a file, a directory or an archive.
// Order: roots as given; a directory's entries sorted by name (byte order),
// depth first (so "a/x.txt" comes before "a-b.txt"); an archive's members in
// archive order. Symlinked directories are not followed (no cycles); symlinked
// files are. Plain files are not opened (their size comes from stat); archives
// are read for their headers only. Never throws; what cannot be read goes to
// `errors`.
InputList list_inputs(const std::vector<std::string>& roots);

// A root as list_inputs displays it (and the paths below it start):
// "./reports//" -> "reports/".
std::string root_display(const std::string& root);

// Whether `display` belongs to shard k of n (1 <= k <= n): a stable 64-bit
// FNV-1a hash of the display path, modulo n. The same path always lands in the
// same shard, on every machine.
bool in_shard(std::string_view display, int k, int n);

// Reads listed inputs in order. Each archive is opened once and streamed; its
// members are returned in the order they were listed (members not in the list,
// e.g. of another shard, are skipped). The list must outlive the reader.
//
// An input that cannot be read is an Item with an error and the reader goes
// on: a vanished file, a damaged member, an archive damaged since listing, a
// path that became a FIFO or device since listing (never opened), an input
// over 256 MiB ("too large", refused before it is read), a file holding more
// than its size said when opened, or a member holding more than its header
// declares (reading stops there). Memory held is at most the input's size.
//
// A member reads the same whichever other members are read with it (all of
// them, or one shard's): the reader reaches a member's entry by the path
// listing took, so after a damaged member it reopens the archive and skips
// to where it was rather than trust where reading the damage left it.
class InputReader {
 public:
  explicit InputReader(const std::vector<InputRef>& inputs);
  ~InputReader();
  InputReader(const InputReader&) = delete;
  InputReader& operator=(const InputReader&) = delete;

  struct Item {
    const InputRef* ref;
    extract::Result<std::string> bytes;  // the error names ref->display
  };
  // The next input, or nullopt after the last.
  std::optional<Item> next();

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace jixiao::corpus
