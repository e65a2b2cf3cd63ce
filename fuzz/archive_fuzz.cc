// libFuzzer target for the archive inputs of `jixiao corpus build`
// (corpus/inputs.h): the input is written to a file named like an archive,
// listed with list_inputs and read back with InputReader, once in full and
// once for a subset of the members (as a shard reads them). libarchive, a
// system library, parses zip, tar and gzip; our code around it (names, the
// listing's error handling, the reader's forward scan) is instrumented.
//
// list_inputs and InputReader read from paths, so each run writes its bytes
// to one file in the temporary directory ($TMPDIR), named by the process, and
// removes it at the end of the run.
//
// Invariants: every listed report is a member of this archive with a report's
// extension, no resource fork, and a display path that is valid UTF-8 and
// starts with the archive's; listing twice gives the same list; the reader
// returns one item per listed report, in order, each error naming its
// member; a member read in a subset (every other one) reads as it did in the
// full read: the same bytes, or an error in both.
//
//   scripts/fuzz archive                             # build and run this target
//   build-fuzz/fuzz/archive_fuzz crash-<sha1>        # replay one input

#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "document_checks.h"
#include "fuzz_check.h"
#include "jixiao/corpus/inputs.h"

namespace {

namespace fs = std::filesystem;
using jixiao::corpus::InputList;
using jixiao::corpus::InputReader;
using jixiao::corpus::InputRef;

// Removes the file when the run ends, whatever the checks did before.
struct ScratchFile {
  fs::path path;
  ~ScratchFile() {
    std::error_code ec;
    fs::remove(path, ec);
  }
};

bool ends_with_icase(std::string_view s, std::string_view suffix) {
  if (s.size() < suffix.size()) return false;
  s.remove_prefix(s.size() - suffix.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    const char c = (s[i] >= 'A' && s[i] <= 'Z') ? static_cast<char>(s[i] - 'A' + 'a') : s[i];
    if (c != suffix[i]) return false;
  }
  return true;
}

bool report_extension(std::string_view member) {
  return ends_with_icase(member, ".pdf") || ends_with_icase(member, ".txt") || ends_with_icase(member, ".text");
}

std::string_view base_name(std::string_view path) {
  const std::size_t slash = path.find_last_of('/');
  return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

bool same_refs(const InputRef& a, const InputRef& b) {
  return a.display == b.display && a.file == b.file && a.member == b.member && a.size == b.size;
}

void check_listing(const InputList& list, const std::string& file) {
  const std::string prefix = file + "!";
  for (const InputRef& ref : list.reports) {
    JIXIAO_FUZZ_CHECK(ref.file == file);
    JIXIAO_FUZZ_CHECK(!ref.member.empty());
    JIXIAO_FUZZ_CHECK(report_extension(ref.member));
    JIXIAO_FUZZ_CHECK(!ref.member.starts_with("__MACOSX/") && !base_name(ref.member).starts_with("._"));
    JIXIAO_FUZZ_CHECK(ref.display.starts_with(prefix));
    JIXIAO_FUZZ_CHECK(jixiao::fuzz::valid_utf8(ref.display));
  }
  // An error names the archive, or one of its members (a link or a device
  // inside it is an input error of its own: "batch.tar!a/link.txt").
  for (const auto& [display, message] : list.errors) {
    JIXIAO_FUZZ_CHECK(display == file || display.starts_with(prefix));
    JIXIAO_FUZZ_CHECK(!message.empty());
  }
}

// What the reader gave for one ref: its bytes, or its error message.
struct Read {
  bool ok = false;
  std::string bytes_or_message;
};

// Reads `refs` in order: one item per ref, each error naming it.
std::vector<Read> read_all(const std::vector<InputRef>& refs) {
  std::vector<Read> out;
  InputReader reader(refs);
  for (std::size_t i = 0;; ++i) {
    std::optional<InputReader::Item> item = reader.next();
    if (!item) break;
    JIXIAO_FUZZ_CHECK(i < refs.size());
    JIXIAO_FUZZ_CHECK(item->ref == &refs[i]);
    if (item->bytes) {
      JIXIAO_FUZZ_CHECK(item->bytes->size() <= (std::size_t{512} << 20));
      out.push_back({true, std::move(*item->bytes)});
    } else {
      JIXIAO_FUZZ_CHECK(item->bytes.error().path == refs[i].display);
      JIXIAO_FUZZ_CHECK(!item->bytes.error().message.empty());
      out.push_back({false, item->bytes.error().message});
    }
  }
  JIXIAO_FUZZ_CHECK(out.size() == refs.size());
  return out;
}

// The reader's own bound on reopening a damaged archive: past it, members are
// refused whatever else was read, so the comparison below does not hold.
bool past_reopen_bound(const Read& r) {
  return !r.ok && r.bytes_or_message.find("damaged members") != std::string::npos;
}

// Every other member, as another shard's reader would see them: each reads
// as it did in the full read, bytes or error alike.
void check_subset(const std::vector<InputRef>& refs, const std::vector<Read>& full) {
  std::vector<InputRef> subset;
  std::vector<std::size_t> from;
  for (std::size_t i = 1; i < refs.size(); i += 2) {
    subset.push_back(refs[i]);
    from.push_back(i);
  }
  const std::vector<Read> part = read_all(subset);
  for (std::size_t k = 0; k < subset.size(); ++k) {
    const Read& a = part[k];
    const Read& b = full[from[k]];
    if (past_reopen_bound(a) || past_reopen_bound(b)) continue;
    JIXIAO_FUZZ_CHECK(a.ok == b.ok);
    if (a.ok) JIXIAO_FUZZ_CHECK(a.bytes_or_message == b.bytes_or_message);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const ScratchFile scratch{fs::temp_directory_path() / ("jixiao-archive-fuzz-" + std::to_string(::getpid()) + ".zip")};
  {
    std::ofstream out(scratch.path, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
    JIXIAO_FUZZ_CHECK(out.good());
  }
  const std::string file = scratch.path.string();
  const InputList list = jixiao::corpus::list_inputs({file});
  check_listing(list, file);
  const InputList again = jixiao::corpus::list_inputs({file});
  JIXIAO_FUZZ_CHECK(again.reports.size() == list.reports.size() && again.errors == list.errors &&
                    again.skipped == list.skipped);
  for (std::size_t i = 0; i < list.reports.size(); ++i) JIXIAO_FUZZ_CHECK(same_refs(again.reports[i], list.reports[i]));

  const std::vector<Read> full = read_all(list.reports);
  check_subset(list.reports, full);
  return 0;
}
