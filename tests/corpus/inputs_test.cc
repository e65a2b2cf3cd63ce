// list_inputs, in_shard and InputReader over directories and archives.
// Archives are written here with libarchive's write API from the repository's
// own samples, into a directory unique to this process and test.
#include "jixiao/corpus/inputs.h"

#include <archive.h>
#include <archive_entry.h>
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "support/test_support.h"

namespace jixiao::corpus {
namespace {

namespace fs = std::filesystem;

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

void spit(const fs::path& p, const std::string& bytes) {
  fs::create_directories(p.parent_path());
  std::ofstream out(p, std::ios::binary);
  out << bytes;
  ASSERT_TRUE(out.good()) << p;
}

std::string sample(const std::string& relative) {
  const std::string bytes = slurp(testing::source_path(relative));
  EXPECT_FALSE(bytes.empty()) << relative;
  return bytes;
}

const std::string& lanxi_txt() {
  static const std::string b = sample("samples/lanxi-nongye-2021.txt");
  return b;
}
const std::string& qinghe_txt() {
  static const std::string b = sample("samples/qinghe-wenlv-2022.txt");
  return b;
}
const std::string& lanxi_pdf() {
  static const std::string b = sample("tests/data/pdf/lanxi-nongye-2021.pdf");
  return b;
}
const std::string& qinghe_pdf() {
  static const std::string b = sample("tests/data/pdf/qinghe-wenlv-2022.pdf");
  return b;
}

enum class Format { kZip, kZipStored, kTar, kTarGz };

struct Member {
  std::string name;
  std::string bytes;
  bool directory = false;
};

// Writes an archive with libarchive. Names are given as raw (UTF-8) bytes.
void write_archive(const fs::path& path, Format format, const std::vector<Member>& members) {
  fs::create_directories(path.parent_path());
  archive* a = archive_write_new();
  ASSERT_NE(a, nullptr);
  switch (format) {
    case Format::kZip:
      ASSERT_EQ(archive_write_set_format_zip(a), ARCHIVE_OK);
      break;
    case Format::kZipStored:
      ASSERT_EQ(archive_write_set_format_zip(a), ARCHIVE_OK);
      ASSERT_EQ(archive_write_zip_set_compression_store(a), ARCHIVE_OK);
      break;
    case Format::kTar:
      ASSERT_EQ(archive_write_set_format_ustar(a), ARCHIVE_OK);
      break;
    case Format::kTarGz:
      ASSERT_EQ(archive_write_set_format_ustar(a), ARCHIVE_OK);
      ASSERT_EQ(archive_write_add_filter_gzip(a), ARCHIVE_OK);
      break;
  }
  ASSERT_EQ(archive_write_open_filename(a, path.c_str()), ARCHIVE_OK) << archive_error_string(a);
  for (const Member& m : members) {
    archive_entry* e = archive_entry_new();
    archive_entry_set_pathname(e, m.name.c_str());
    archive_entry_set_filetype(e, m.directory ? AE_IFDIR : AE_IFREG);
    archive_entry_set_perm(e, m.directory ? 0755 : 0644);
    archive_entry_set_size(e, m.directory ? 0 : static_cast<la_int64_t>(m.bytes.size()));
    archive_entry_set_mtime(e, 1700000000, 0);
    ASSERT_EQ(archive_write_header(a, e), ARCHIVE_OK) << m.name << ": " << archive_error_string(a);
    if (!m.directory && !m.bytes.empty()) {
      ASSERT_EQ(archive_write_data(a, m.bytes.data(), m.bytes.size()), static_cast<la_ssize_t>(m.bytes.size()));
    }
    archive_entry_free(e);
  }
  ASSERT_EQ(archive_write_close(a), ARCHIVE_OK) << archive_error_string(a);
  archive_write_free(a);
}

// "<dir>" as list_inputs displays it.
std::string display(const fs::path& p) { return p.lexically_normal().generic_string(); }

std::vector<std::string> displays(const std::vector<InputRef>& refs) {
  std::vector<std::string> out;
  for (const auto& r : refs) out.push_back(r.display);
  return out;
}

// Reads everything: display -> bytes, or "ERROR: message".
std::vector<std::pair<std::string, std::string>> read_all(const std::vector<InputRef>& refs) {
  std::vector<std::pair<std::string, std::string>> out;
  InputReader reader(refs);
  while (auto item = reader.next()) {
    if (item->bytes) {
      out.emplace_back(item->ref->display, *item->bytes);
    } else {
      EXPECT_EQ(item->bytes.error().path, item->ref->display);
      out.emplace_back(item->ref->display, "ERROR: " + item->bytes.error().message);
    }
  }
  return out;
}

class InputsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    std::string name = std::string(info->test_suite_name()) + "-" + info->name();
    for (char& c : name)
      if (c == '/') c = '-';
    dir_ = fs::temp_directory_path() / ("jixiao-inputs-" + std::to_string(::getpid()) + "-" + name);
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override {
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }
  fs::path dir_;
};

TEST_F(InputsTest, DirectoryWalkIsDepthFirstInByteOrderOfNames) {
  const fs::path root = dir_ / "corpus";
  spit(root / "b.txt", lanxi_txt());
  spit(root / "a" / "z.pdf", lanxi_pdf());
  spit(root / "a" / "C.TXT", qinghe_txt());
  spit(root / "a" / "notes.md", "not a report");
  spit(root / "a-b.text", "text");
  spit(root / "image.png", "png");
  fs::create_directories(root / "empty");
  fs::create_directory_symlink(root / "a", root / "link-to-a");  // not followed
  fs::create_directory_symlink(root, root / "a" / "loop");       // a cycle, not followed
  fs::create_symlink(root / "b.txt", root / "link.txt");         // a file: followed
  fs::create_symlink(root / "gone.txt", root / "dangling.txt");  // an error; the walk goes on

  // The root as given, with "./" noise; displays are normalised.
  const InputList list = list_inputs({(root / ".").string() + "/"});
  const std::string r = display(root);
  // "a-b.text" < "a/C.TXT" as whole paths, but the walk is depth first by
  // name: the directory "a" sorts before the file "a-b.text".
  EXPECT_EQ(displays(list.reports),
            (std::vector<std::string>{r + "/a/C.TXT", r + "/a/z.pdf", r + "/a-b.text", r + "/b.txt", r + "/link.txt"}));
  EXPECT_EQ(list.skipped, 2u);  // notes.md, image.png
  EXPECT_EQ(list.errors, (std::vector<std::pair<std::string, std::string>>{
                             {r + "/dangling.txt", "broken symbolic link"}}));
  ASSERT_EQ(list.reports.size(), 5u);
  for (const auto& ref : list.reports) {
    EXPECT_TRUE(ref.member.empty());
    EXPECT_EQ(ref.size, fs::file_size(ref.file)) << ref.display;
  }
  EXPECT_EQ(list.reports[4].size, lanxi_txt().size());

  const auto read = read_all(list.reports);
  ASSERT_EQ(read.size(), 5u);
  EXPECT_EQ(read[0].second, qinghe_txt());
  EXPECT_EQ(read[1].second, lanxi_pdf());
  EXPECT_EQ(read[2].second, "text");
  EXPECT_EQ(read[3].second, lanxi_txt());
  EXPECT_EQ(read[4].second, lanxi_txt());
}

TEST_F(InputsTest, RootFilesAreClassifiedByExtension) {
  spit(dir_ / "one.PDF", lanxi_pdf());
  spit(dir_ / "two.Text", "two");
  spit(dir_ / "three.docx", "docx");
  spit(dir_ / "four.txt.gz", "gz");
  ASSERT_EQ(::mkfifo((dir_ / "pipe.txt").c_str(), 0600), 0);  // must not block listing
  const InputList list = list_inputs({(dir_ / "one.PDF").string(), (dir_ / "two.Text").string(),
                                      (dir_ / "three.docx").string(), (dir_ / "four.txt.gz").string(),
                                      (dir_ / "pipe.txt").string()});
  EXPECT_EQ(displays(list.reports), (std::vector<std::string>{display(dir_ / "one.PDF"), display(dir_ / "two.Text")}));
  EXPECT_EQ(list.skipped, 2u);
  // A FIFO is never opened; named like a report, it is an input error with the reason (issue 12).
  using Errors = std::vector<std::pair<std::string, std::string>>;
  EXPECT_EQ(list.errors, (Errors{{display(dir_ / "pipe.txt"), "a FIFO, not read"}}));

  // The same fifo found by a directory walk too.
  const InputList walked = list_inputs({dir_.string()});
  EXPECT_EQ(walked.reports.size(), 2u);
  EXPECT_EQ(walked.skipped, 2u);
  EXPECT_EQ(walked.errors, (Errors{{display(dir_ / "pipe.txt"), "a FIFO, not read"}}));
}

TEST_F(InputsTest, MissingRootIsAnErrorAndTheOthersAreListed) {
  spit(dir_ / "here.txt", "here");
  const InputList list = list_inputs({(dir_ / "nowhere").string(), (dir_ / "here.txt").string(), ""});
  ASSERT_EQ(list.errors.size(), 2u);
  EXPECT_EQ(list.errors[0].first, display(dir_ / "nowhere"));
  EXPECT_NE(list.errors[0].second.find("no such file"), std::string::npos) << list.errors[0].second;
  EXPECT_EQ(list.errors[1].second, "empty path");
  EXPECT_EQ(displays(list.reports), (std::vector<std::string>{display(dir_ / "here.txt")}));
}

// What list_inputs() makes of `root`, in one line: "errors: a | reports: b/y.txt".
// Root reads every directory, so as root the walk runs in a child process that
// has dropped to the unprivileged user 65534 (nobody).
std::string listing_as_unprivileged(const fs::path& root) {
  auto describe = [&](const InputList& list) {
    std::string out = "errors:";
    for (const auto& [path, message] : list.errors) out += " " + path;
    out += " | reports:";
    for (const InputRef& r : list.reports) out += " " + r.display;
    return out;
  };
  if (::geteuid() != 0) return describe(list_inputs({root.string()}));
  int fds[2];
  if (::pipe(fds) != 0) return "pipe failed";
  const pid_t pid = ::fork();
  if (pid == 0) {
    ::close(fds[0]);
    if (::setgid(65534) != 0 || ::setuid(65534) != 0) ::_exit(3);
    const std::string line = describe(list_inputs({root.string()}));
    const bool written = ::write(fds[1], line.data(), line.size()) == static_cast<ssize_t>(line.size());
    ::_exit(written ? 0 : 4);
  }
  ::close(fds[1]);
  std::string line;
  char buf[4096];
  for (ssize_t n; (n = ::read(fds[0], buf, sizeof buf)) > 0;) line.append(buf, static_cast<std::size_t>(n));
  ::close(fds[0]);
  int status = 0;
  ::waitpid(pid, &status, 0);
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) return "child failed: " + std::to_string(status);
  return line;
}

TEST_F(InputsTest, UnreadableDirectoryIsAnErrorAndTheWalkGoesOn) {
  spit(dir_ / "a" / "x.txt", "x");
  spit(dir_ / "b" / "y.txt", "y");
  // Everyone may walk the test directory; nobody may read a/.
  for (fs::path p = dir_; p != p.parent_path() && p.string().size() > ::testing::TempDir().size(); p = p.parent_path())
    fs::permissions(p, fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec |
                           fs::perms::others_read | fs::perms::others_exec);
  fs::permissions(dir_ / "b", fs::perms::owner_all | fs::perms::others_read | fs::perms::others_exec);
  fs::permissions(dir_ / "a", fs::perms::none);
  const std::string listing = listing_as_unprivileged(dir_);
  fs::permissions(dir_ / "a", fs::perms::owner_all);
  EXPECT_EQ(listing, "errors: " + display(dir_ / "a") + " | reports: " + display(dir_ / "b" / "y.txt"));
}

class ArchiveFormatTest : public InputsTest, public ::testing::WithParamInterface<Format> {};

TEST_P(ArchiveFormatTest, MembersAreListedAndReadWithTheirBytes) {
  const char* ext = GetParam() == Format::kZip ? "zip" : GetParam() == Format::kTar ? "tar" : "tar.gz";
  const fs::path path = dir_ / "in" / (std::string("batch.") + ext);
  const std::string chinese = "2021/报告.TXT";
  write_archive(path, GetParam(),
                {{"2020/", "", true},
                 {"2020/lanxi.txt", lanxi_txt()},
                 {"README.md", "not a report"},
                 {"2020/qinghe.pdf", qinghe_pdf()},
                 {"inner.zip", "PK\x03\x04 a nested archive"},
                 {"inner.tgz", "nested"},
                 {"__MACOSX/2020/._lanxi.txt", "resource fork"},
                 {chinese, qinghe_txt()},
                 {"./2022/dot.text", "dot"},
                 {"2023/empty.txt", ""}});
  // Found by walking the directory that holds it.
  const InputList list = list_inputs({(dir_ / "in").string()});
  EXPECT_TRUE(list.errors.empty()) << list.errors.front().second;
  EXPECT_EQ(list.skipped, 4u);  // README.md, inner.zip, inner.tgz, the resource fork
  const std::string a = display(path) + "!";
  EXPECT_EQ(displays(list.reports), (std::vector<std::string>{a + "2020/lanxi.txt", a + "2020/qinghe.pdf", a + chinese,
                                                              a + "2022/dot.text", a + "2023/empty.txt"}));
  ASSERT_EQ(list.reports.size(), 5u);
  EXPECT_EQ(list.reports[0].file, path.string());
  EXPECT_EQ(list.reports[0].member, "2020/lanxi.txt");
  EXPECT_EQ(list.reports[3].member, "./2022/dot.text");  // as stored: the reader matches on it
  EXPECT_EQ(list.reports[0].size, lanxi_txt().size());
  EXPECT_EQ(list.reports[1].size, qinghe_pdf().size());

  const auto read = read_all(list.reports);
  ASSERT_EQ(read.size(), 5u);
  EXPECT_TRUE(read[0].second == lanxi_txt()) << read[0].second.substr(0, 200);
  EXPECT_TRUE(read[1].second == qinghe_pdf()) << read[1].second.substr(0, 200);
  EXPECT_TRUE(read[2].second == qinghe_txt()) << read[2].second.substr(0, 200);
  EXPECT_EQ(read[3].second, "dot");
  EXPECT_EQ(read[4].second, "");
}

INSTANTIATE_TEST_SUITE_P(Formats, ArchiveFormatTest, ::testing::Values(Format::kZip, Format::kTar, Format::kTarGz),
                         [](const auto& info) {
                           return info.param == Format::kZip ? "zip" : info.param == Format::kTar ? "tar" : "targz";
                         });

TEST_F(InputsTest, NamesThatAreNotUtf8AreEscapedInTheDisplayOnly) {
  const std::string gbk = "\xB1\xA8\xB8\xE6";  // 报告 in GBK, as unzipped from a Windows archive
  spit(dir_ / (gbk + ".txt"), "plain");
  write_archive(dir_ / "old.tar", Format::kTar, {{"2020/" + gbk + ".txt", "member"}});
  const InputList list = list_inputs({dir_.string()});
  ASSERT_EQ(list.reports.size(), 2u);
  EXPECT_EQ(list.reports[0].display, display(dir_ / "old.tar") + "!2020/\\xB1\\xA8\\xB8\\xE6.txt");
  EXPECT_EQ(list.reports[0].member, "2020/" + gbk + ".txt");
  EXPECT_EQ(list.reports[1].display, display(dir_) + "/\\xB1\\xA8\\xB8\\xE6.txt");
  EXPECT_EQ(list.reports[1].file, (dir_ / (gbk + ".txt")).string());
  const auto read = read_all(list.reports);
  ASSERT_EQ(read.size(), 2u);
  EXPECT_EQ(read[0].second, "member");
  EXPECT_EQ(read[1].second, "plain");
}

TEST_F(InputsTest, ArchiveAsRootAndTgzExtension) {
  const fs::path path = dir_ / "reports.TGZ";
  write_archive(path, Format::kTarGz, {{"a.pdf", lanxi_pdf()}});
  const InputList list = list_inputs({path.string()});
  EXPECT_EQ(displays(list.reports), (std::vector<std::string>{display(path) + "!a.pdf"}));
  EXPECT_EQ(list.skipped, 0u);
}

// Cuts `path` to `keep` bytes.
void truncate_to(const fs::path& path, std::uintmax_t keep) { fs::resize_file(path, keep); }

TEST_F(InputsTest, TruncatedZipKeepsWholeMembersAndReportsOneError) {
  const fs::path path = dir_ / "cut.zip";
  write_archive(path, Format::kZip,
                {{"1.pdf", lanxi_pdf()}, {"2.pdf", qinghe_pdf()}, {"3.txt", lanxi_txt()}, {"4.txt", qinghe_txt()}});
  const InputList whole = list_inputs({path.string()});
  ASSERT_EQ(whole.reports.size(), 4u);
  // Cut inside the third member's data: the central directory is gone, the
  // first two members are whole.
  const std::string bytes = slurp(path);
  std::size_t third = 0;
  for (int i = 0; i < 3; ++i) third = bytes.find("PK\x03\x04", i == 0 ? 0 : third + 1);
  ASSERT_NE(third, std::string::npos);
  ASSERT_EQ(bytes.compare(third + 30, 5, "3.txt"), 0);  // the local header of 3.txt
  truncate_to(path, third + 300);

  const InputList list = list_inputs({path.string()});
  EXPECT_EQ(displays(list.reports), (std::vector<std::string>{display(path) + "!1.pdf", display(path) + "!2.pdf"}));
  ASSERT_EQ(list.errors.size(), 1u);
  EXPECT_EQ(list.errors[0].first, display(path));
  EXPECT_GT(list.errors[0].second.size(), std::string("cannot read archive: ").size()) << list.errors[0].second;

  const auto read = read_all(list.reports);
  ASSERT_EQ(read.size(), 2u);
  EXPECT_TRUE(read[0].second == lanxi_pdf());
  EXPECT_TRUE(read[1].second == qinghe_pdf());

  // Damaged after it was listed: what is whole is read, what the damage took
  // is an error item, not a crash or hang.
  const auto read_lost = read_all(whole.reports);
  ASSERT_EQ(read_lost.size(), 4u);
  EXPECT_TRUE(read_lost[0].second == lanxi_pdf());
  EXPECT_TRUE(read_lost[1].second == qinghe_pdf());
  EXPECT_TRUE(read_lost[2].second.starts_with("ERROR: ")) << read_lost[2].second.substr(0, 100);
  EXPECT_TRUE(read_lost[3].second.starts_with("ERROR: ")) << read_lost[3].second.substr(0, 100);
}

TEST_F(InputsTest, TruncatedTarGzAndGarbageArchivesAreErrors) {
  const fs::path tgz = dir_ / "cut.tar.gz";
  write_archive(tgz, Format::kTarGz, {{"1.txt", lanxi_txt()}, {"2.pdf", lanxi_pdf()}, {"3.pdf", qinghe_pdf()}});
  truncate_to(tgz, fs::file_size(tgz) * 2 / 3);
  const fs::path garbage = dir_ / "garbage.zip";
  spit(garbage, lanxi_txt());
  const fs::path empty = dir_ / "empty.tar";
  spit(empty, "");
  for (std::uintmax_t keep : {std::uintmax_t{0}, std::uintmax_t{10}, std::uintmax_t{100}}) {
    const fs::path tiny = dir_ / ("tiny" + std::to_string(keep) + ".zip");
    write_archive(tiny, Format::kZip, {{"1.txt", lanxi_txt()}});
    truncate_to(tiny, keep);
  }

  const InputList list = list_inputs({tgz.string(), garbage.string(), empty.string()});
  ASSERT_GE(list.reports.size(), 1u);
  EXPECT_LT(list.reports.size(), 3u);
  EXPECT_EQ(list.reports[0].display, display(tgz) + "!1.txt");
  ASSERT_EQ(list.errors.size(), 3u);
  EXPECT_EQ(list.errors[0].first, display(tgz));
  EXPECT_EQ(list.errors[1].first, display(garbage));
  EXPECT_EQ(list.errors[2].first, display(empty));
  const auto read = read_all(list.reports);
  EXPECT_TRUE(read[0].second == lanxi_txt());

  const InputList tiny = list_inputs({dir_.string()});  // every damaged archive at once: no crash, no hang
  EXPECT_EQ(tiny.errors.size(), 6u);
}

TEST_F(InputsTest, CorruptMemberIsAnErrorItemAndTheReaderGoesOn) {
  const fs::path path = dir_ / "crc.zip";
  write_archive(path, Format::kZipStored,
                {{"1.txt", lanxi_txt()}, {"2.txt", "the second member, damaged"}, {"3.txt", qinghe_txt()}});
  // Flip a byte of the second member's stored data: its CRC no longer matches.
  std::string bytes = slurp(path);
  const auto at = bytes.find("the second member");
  ASSERT_NE(at, std::string::npos);
  bytes[at] = 'T';
  spit(path, bytes);

  const InputList list = list_inputs({path.string()});
  ASSERT_EQ(list.reports.size(), 3u);
  const auto read = read_all(list.reports);
  ASSERT_EQ(read.size(), 3u);
  EXPECT_TRUE(read[0].second == lanxi_txt());
  EXPECT_TRUE(read[1].second.starts_with("ERROR: ")) << read[1].second;
  EXPECT_TRUE(read[2].second == qinghe_txt());
}

TEST_F(InputsTest, PlainFileThatVanishedIsAnErrorItemAndTheReaderGoesOn) {
  spit(dir_ / "a.txt", "a");
  spit(dir_ / "b.txt", "b");
  spit(dir_ / "c.txt", "c");
  const InputList list = list_inputs({dir_.string()});
  ASSERT_EQ(list.reports.size(), 3u);
  fs::remove(dir_ / "b.txt");
  InputReader reader(list.reports);
  auto a = reader.next();
  auto b = reader.next();
  auto c = reader.next();
  ASSERT_TRUE(a && b && c);
  EXPECT_FALSE(reader.next());
  EXPECT_EQ(a->bytes.value_or("?"), "a");
  ASSERT_FALSE(b->bytes);
  EXPECT_EQ(b->bytes.error().path, display(dir_ / "b.txt"));
  EXPECT_EQ(b->bytes.error().kind, extract::ErrorKind::kIo);
  EXPECT_EQ(c->bytes.value_or("?"), "c");
  EXPECT_EQ(c->ref, &list.reports[2]);
}

// A ustar header for a member of `size` bytes, with no data after it.
std::string tar_header(const std::string& name, std::uint64_t size) {
  std::string h(512, '\0');
  std::snprintf(&h[0], 100, "%s", name.c_str());
  std::snprintf(&h[100], 8, "%07o", 0644);
  std::snprintf(&h[108], 8, "%07o", 0);
  std::snprintf(&h[116], 8, "%07o", 0);
  std::snprintf(&h[124], 12, "%011llo", static_cast<unsigned long long>(size));
  std::snprintf(&h[136], 12, "%011o", 1700000000);
  h[156] = '0';
  std::memcpy(&h[257], "ustar\0" "00", 8);
  std::memset(&h[148], ' ', 8);
  unsigned sum = 0;
  for (unsigned char c : h) sum += c;
  std::snprintf(&h[148], 8, "%06o", sum);
  return h;
}

TEST_F(InputsTest, InputsOverTheMemoryGuardAreRefused) {
  const fs::path big = dir_ / "big.txt";
  spit(big, "");
  fs::resize_file(big, (std::uintmax_t{512} << 20) + 1);  // sparse: nothing is written
  spit(dir_ / "small.txt", "small");
  const fs::path tar = dir_ / "huge.tar";
  spit(tar, tar_header("huge.txt", std::uint64_t{600} << 20) + std::string(4096, 'x'));

  const InputList list = list_inputs({dir_.string()});
  ASSERT_EQ(list.reports.size(), 2u) << (list.errors.empty() ? "" : list.errors.front().second);
  EXPECT_EQ(list.reports[0].size, (std::uint64_t{512} << 20) + 1);
  std::vector<InputRef> refs = list.reports;
  refs.push_back({display(tar) + "!huge.txt", tar.string(), "huge.txt", 0});  // as if listed before damage
  const auto read = read_all(refs);
  ASSERT_EQ(read.size(), 3u);
  EXPECT_TRUE(read[0].second.starts_with("ERROR: too large")) << read[0].second.substr(0, 100);
  EXPECT_EQ(read[1].second, "small");
  EXPECT_TRUE(read[2].second.starts_with("ERROR: too large")) << read[2].second.substr(0, 100);
}

// CRC-32 (zip's), bit by bit: the test's few bytes need no table.
std::uint32_t crc32_of(const std::string& bytes) {
  std::uint32_t crc = 0xFFFFFFFFu;
  for (unsigned char c : bytes) {
    crc ^= c;
    for (int k = 0; k < 8; ++k) crc = (crc >> 1) ^ (0xEDB88320u & (0u - (crc & 1u)));
  }
  return ~crc;
}

// A zip local header and its data, deflated as one stored deflate block,
// declaring `extra_declared` bytes more compressed data than the block has
// (0: a whole member). No central directory follows: libarchive reads such a
// zip (a download cut short) as a stream of local headers.
std::string zip_local_member(const std::string& name, const std::string& text, std::uint32_t extra_declared = 0) {
  auto le16 = [](std::string& out, std::uint32_t v) {
    out += static_cast<char>(v & 0xFF);
    out += static_cast<char>((v >> 8) & 0xFF);
  };
  auto le32 = [&](std::string& out, std::uint32_t v) {
    le16(out, v & 0xFFFF);
    le16(out, v >> 16);
  };
  std::string block;  // BFINAL=1, BTYPE=00 (stored), LEN, NLEN, the bytes
  block += '\x01';
  le16(block, static_cast<std::uint32_t>(text.size()));
  le16(block, static_cast<std::uint32_t>(~text.size() & 0xFFFF));
  block += text;
  std::string out = "PK\x03\x04";
  le16(out, 20);  // version needed
  le16(out, 0);   // flags: sizes are in this header
  le16(out, 8);   // deflate
  le16(out, 0);   // time
  le16(out, 0x5B21);  // date
  le32(out, crc32_of(text));
  le32(out, static_cast<std::uint32_t>(block.size()) + extra_declared);
  le32(out, static_cast<std::uint32_t>(text.size()));
  le16(out, static_cast<std::uint32_t>(name.size()));
  le16(out, 0);  // no extra field
  return out + name + block;
}

TEST_F(InputsTest, AMemberReadsTheSameWhateverIsReadWithItInADamagedZip) {
  // a.txt declares 4 bytes more than its data: skipping it lands inside the
  // first b.txt's header, and libarchive finds the second b.txt next;
  // reading it stops at the end of its deflate data, before the first b.txt.
  const fs::path path = dir_ / "cut.zip";
  spit(path, zip_local_member("a.txt", "damaged member", 4) + zip_local_member("b.txt", "first b") +
                 zip_local_member("b.txt", "second b") + zip_local_member("c.txt", "c"));
  const InputList list = list_inputs({path.string()});
  ASSERT_EQ(displays(list.reports),
            (std::vector<std::string>{display(path) + "!a.txt", display(path) + "!b.txt", display(path) + "!c.txt"}));
  const auto all = read_all(list.reports);
  ASSERT_EQ(all.size(), 3u);
  EXPECT_TRUE(all[0].second.starts_with("ERROR: ")) << all[0].second;
  // The b.txt listing found, whether a.txt was read before it or not (as in
  // a shard without a.txt).
  EXPECT_EQ(all[1].second, "second b");
  EXPECT_EQ(all[2].second, "c");
  EXPECT_EQ(read_all({list.reports[1], list.reports[2]}),
            (std::vector<std::pair<std::string, std::string>>{all[1], all[2]}));
}

TEST_F(InputsTest, AMemberIsFoundByItsPlaceNotItsName) {
  // A tar appended to holds a name twice; a shard holding only the second
  // copy reads the second copy.
  write_archive(dir_ / "twice.tar", Format::kTar, {{"r.txt", "old"}, {"x.txt", "x"}, {"r.txt", "new"}});
  const InputList list = list_inputs({(dir_ / "twice.tar").string()});
  ASSERT_EQ(list.reports.size(), 3u);
  EXPECT_EQ(read_all({list.reports[2]}), (std::vector<std::pair<std::string, std::string>>{
                                             {display(dir_ / "twice.tar") + "!r.txt", "new"}}));
  EXPECT_EQ(read_all({list.reports[2], list.reports[0]}),  // out of order: the archive is read again
            (std::vector<std::pair<std::string, std::string>>{{display(dir_ / "twice.tar") + "!r.txt", "new"},
                                                              {display(dir_ / "twice.tar") + "!r.txt", "old"}}));
}

TEST(InShard, IsFnv1aOfTheDisplayModuloN) {
  // FNV-1a 64 of "a" is 0xaf63dc4c8601ec8c: 5 mod 7, 6 mod 10.
  EXPECT_TRUE(in_shard("a", 6, 7));
  EXPECT_TRUE(in_shard("a", 7, 10));
  EXPECT_FALSE(in_shard("a", 1, 7));
  // Of "batch.zip!2020/报告.txt" (UTF-8 bytes): 0x79a457e5de35d7a9, 1 mod 7.
  EXPECT_TRUE(in_shard("batch.zip!2020/报告.txt", 2, 7));
  EXPECT_TRUE(in_shard("anything", 1, 1));
  EXPECT_FALSE(in_shard("a", 0, 3));
  EXPECT_FALSE(in_shard("a", 4, 3));
  EXPECT_FALSE(in_shard("a", 1, 0));
  EXPECT_FALSE(in_shard("a", -1, -1));
}

TEST_F(InputsTest, ShardsPartitionTheListAndReadersSkipOtherShardsMembers) {
  for (int i = 0; i < 150; ++i) spit(dir_ / ("d" + std::to_string(i % 7)) / ("r" + std::to_string(i) + ".txt"), "x");
  std::vector<Member> members;
  for (int i = 0; i < 40; ++i) members.push_back({"m/" + std::to_string(i) + ".txt", "member " + std::to_string(i)});
  write_archive(dir_ / "batch.zip", Format::kZip, members);
  write_archive(dir_ / "batch.tar.gz", Format::kTarGz, members);

  const InputList list = list_inputs({dir_.string()});
  ASSERT_EQ(list.reports.size(), 230u);
  EXPECT_EQ(displays(list_inputs({dir_.string()}).reports), displays(list.reports));  // stable

  for (int n : {1, 2, 3, 5, 8}) {
    std::map<std::string, int> seen;
    std::size_t total = 0;
    for (int k = 1; k <= n; ++k) {
      std::vector<InputRef> shard;
      for (const auto& r : list.reports)
        if (in_shard(r.display, k, n)) shard.push_back(r);
      if (n <= 3) {
        EXPECT_FALSE(shard.empty()) << k << "/" << n;
      }
      total += shard.size();
      // The reader streams each archive once and returns exactly this shard.
      const auto read = read_all(shard);
      ASSERT_EQ(read.size(), shard.size());
      for (std::size_t i = 0; i < shard.size(); ++i) {
        EXPECT_EQ(read[i].first, shard[i].display);
        ++seen[read[i].first];
        if (!shard[i].member.empty()) {
          const std::string m = shard[i].member;
          EXPECT_EQ(read[i].second, "member " + m.substr(2, m.size() - 6)) << shard[i].display;
        } else {
          EXPECT_EQ(read[i].second, "x");
        }
      }
    }
    EXPECT_EQ(total, list.reports.size()) << n;
    EXPECT_EQ(seen.size(), list.reports.size()) << n;
    for (const auto& [d, count] : seen) EXPECT_EQ(count, 1) << d << " in " << n << " shards";
  }
}

TEST_F(InputsTest, ReaderMatchesMembersInListingOrderAcrossArchivesAndFiles) {
  std::vector<Member> members;
  for (int i = 0; i < 10; ++i) members.push_back({std::to_string(i) + ".txt", "z" + std::to_string(i)});
  members.push_back({"3.txt", "a second 3.txt"});  // the same name twice (tar append): both listed, in order
  write_archive(dir_ / "a.tar", Format::kTar, members);
  write_archive(dir_ / "b.zip", Format::kZip, members);
  spit(dir_ / "c.txt", "plain");
  const InputList list = list_inputs({(dir_ / "a.tar").string(), (dir_ / "c.txt").string(),
                                      (dir_ / "b.zip").string()});
  ASSERT_EQ(list.reports.size(), 23u);
  // Every other member and the plain file between the archives, so that the
  // reader has members to skip.
  std::vector<InputRef> some;
  for (std::size_t i = 0; i < list.reports.size(); ++i)
    if (i % 2 == 0 || list.reports[i].member.empty()) some.push_back(list.reports[i]);
  const auto read = read_all(some);
  ASSERT_EQ(read.size(), 13u);
  EXPECT_EQ(read[0], std::make_pair(display(dir_ / "a.tar") + "!0.txt", std::string("z0")));
  EXPECT_EQ(read[1], std::make_pair(display(dir_ / "a.tar") + "!2.txt", std::string("z2")));
  EXPECT_EQ(read[5], std::make_pair(display(dir_ / "a.tar") + "!3.txt", std::string("a second 3.txt")));
  EXPECT_EQ(read[6], std::make_pair(display(dir_ / "c.txt"), std::string("plain")));
  EXPECT_EQ(read[7], std::make_pair(display(dir_ / "b.zip") + "!0.txt", std::string("z0")));
  EXPECT_EQ(read[12], std::make_pair(display(dir_ / "b.zip") + "!3.txt", std::string("a second 3.txt")));
}

TEST_F(InputsTest, TenThousandFilesInAHundredDirectoriesAreListedInOrder) {
  // Speed is for scripts/bench; this checks that a large tree is listed completely and in order.
  for (int d = 0; d < 100; ++d) {
    const fs::path sub = dir_ / ("dir" + std::to_string(d));
    fs::create_directories(sub);
    for (int f = 0; f < 100; ++f) std::ofstream(sub / ("report-" + std::to_string(f) + ".txt")) << "x";
  }
  const InputList list = list_inputs({dir_.string()});
  ASSERT_EQ(list.reports.size(), 10000u);
  EXPECT_TRUE(list.errors.empty());
  // Depth first by name: dir0/report-0, dir0/report-1, dir0/report-10 … then dir1/…
  EXPECT_EQ(list.reports[0].display, display(dir_ / "dir0" / "report-0.txt"));
  EXPECT_EQ(list.reports[2].display, display(dir_ / "dir0" / "report-10.txt"));
  EXPECT_EQ(list.reports[100].display, display(dir_ / "dir1" / "report-0.txt"));
}

}  // namespace
}  // namespace jixiao::corpus
