// Issue 12, hostile inputs to the dataset commands, end to end through the
// binary. Every input is made here, at test time:
//   - paths that cannot be read (a FIFO, a device, a broken link, a file
//     without permission, a file over the size limit, a damaged archive, a
//     damaged member) are in the dataset with their reason, in `corpus stats`,
//     and `corpus map` writes a record for each, which --from-jsonl loads;
//   - archives: a zip member that inflates past what its header declares (a
//     zip bomb) or declares more than the limit, members named "../x" or
//     "/abs/x", an archive inside an archive, links, devices and FIFOs inside a
//     tar: nothing is written outside the database, paths are stored as given;
//   - records: one nested 100,000 deep (once a SIGSEGV), one longer than the
//     record limit: rejected with FILE:LINE, the load goes on;
//   - `corpus map` fed a list of hostile paths: done in seconds, in bounded memory.
#include <archive.h>
#include <archive_entry.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <zlib.h>

#include <gtest/gtest.h>

#include <chrono>
#include <cstring>
#include <nlohmann/json.hpp>
#include <sstream>

#include "corpus_test_support.h"

namespace jixiao {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;
using testing::children_peak_mib;
using testing::kUnderAsan;
using testing::query;
using testing::query_one;
using testing::read_file;
using testing::run_jixiao;
using testing::TempDir;
using testing::write_file;

using Rows = std::vector<std::vector<std::string>>;

std::string sample(const std::string& name) { return read_file(testing::source_path("samples/" + name)); }

// ---- archives written byte by byte (zip) or with libarchive (tar) ----

void put16(std::string& out, unsigned v) {
  out += static_cast<char>(v & 0xFF);
  out += static_cast<char>((v >> 8) & 0xFF);
}
void put32(std::string& out, std::uint32_t v) {
  put16(out, v & 0xFFFF);
  put16(out, v >> 16);
}

std::string raw_deflate(const std::string& data) {
  z_stream z{};
  deflateInit2(&z, 9, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY);
  std::string out(deflateBound(&z, data.size()), '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  z.avail_in = static_cast<uInt>(data.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  deflate(&z, Z_FINISH);
  out.resize(z.total_out);
  deflateEnd(&z);
  return out;
}

struct ZipMember {
  std::string name, data;
  std::optional<std::uint32_t> declared_size;  // what the headers say, when it is a lie
};

// A zip of deflated members; each header states `declared_size` as the
// uncompressed size when given (the real one otherwise).
std::string zip_bytes(const std::vector<ZipMember>& members) {
  std::string out, central;
  for (const ZipMember& m : members) {
    const std::string packed = raw_deflate(m.data);
    const auto crc = static_cast<std::uint32_t>(crc32(0, reinterpret_cast<const Bytef*>(m.data.data()),
                                                      static_cast<uInt>(m.data.size())));
    const std::uint32_t size = m.declared_size.value_or(static_cast<std::uint32_t>(m.data.size()));
    const auto offset = static_cast<std::uint32_t>(out.size());
    auto header = [&](std::string& h, bool central_entry) {
      put32(h, central_entry ? 0x02014b50 : 0x04034b50);
      if (central_entry) put16(h, 20);  // made by
      put16(h, 20);                     // needed
      put16(h, 0x0800);                 // UTF-8 names
      put16(h, 8);                      // deflate
      put16(h, 0);
      put16(h, 0x21);
      put32(h, crc);
      put32(h, static_cast<std::uint32_t>(packed.size()));
      put32(h, size);
      put16(h, static_cast<unsigned>(m.name.size()));
      put16(h, 0);
      if (central_entry) {
        put16(h, 0);  // comment
        put16(h, 0);  // disk
        put16(h, 0);  // internal attributes
        put32(h, 0);  // external attributes
        put32(h, offset);
      }
      h += m.name;
    };
    header(out, false);
    out += packed;
    header(central, true);
  }
  const auto cd_offset = static_cast<std::uint32_t>(out.size());
  out += central;
  put32(out, 0x06054b50);
  put16(out, 0);
  put16(out, 0);
  put16(out, static_cast<unsigned>(members.size()));
  put16(out, static_cast<unsigned>(members.size()));
  put32(out, static_cast<std::uint32_t>(central.size()));
  put32(out, cd_offset);
  put16(out, 0);
  return out;
}

struct TarMember {
  std::string name;
  std::string data;
  unsigned type = AE_IFREG;
  std::string link;  // symlink target (AE_IFLNK), or hard link target when `hard`
  bool hard = false;
};

TarMember file(std::string name, std::string data) { return {std::move(name), std::move(data), AE_IFREG, "", false}; }
TarMember hard_link(std::string name, std::string to) { return {std::move(name), "", AE_IFREG, std::move(to), true}; }
TarMember symlink(std::string name, std::string to) { return {std::move(name), "", AE_IFLNK, std::move(to), false}; }
TarMember special(std::string name, unsigned type) { return {std::move(name), "", type, "", false}; }

void write_tar(const fs::path& path, const std::vector<TarMember>& members) {
  fs::create_directories(path.parent_path());
  archive* a = archive_write_new();
  archive_write_set_format_pax_restricted(a);
  ASSERT_EQ(archive_write_open_filename(a, path.c_str()), ARCHIVE_OK);
  for (const TarMember& m : members) {
    archive_entry* e = archive_entry_new();
    archive_entry_set_pathname(e, m.name.c_str());
    archive_entry_set_filetype(e, m.type);
    archive_entry_set_perm(e, 0644);
    if (m.hard) archive_entry_set_hardlink(e, m.link.c_str());
    if (m.type == AE_IFLNK) archive_entry_set_symlink(e, m.link.c_str());
    if (m.type == AE_IFCHR) archive_entry_set_rdev(e, makedev(1, 5));
    archive_entry_set_size(e, m.type == AE_IFREG && !m.hard ? static_cast<la_int64_t>(m.data.size()) : 0);
    ASSERT_EQ(archive_write_header(a, e), ARCHIVE_OK) << m.name << ": " << archive_error_string(a);
    if (m.type == AE_IFREG && !m.hard) archive_write_data(a, m.data.data(), m.data.size());
    archive_entry_free(e);
  }
  archive_write_close(a);
  archive_write_free(a);
}

// ---- input errors ----

TEST(HostileInputs, UnreadableInputsAreInTheDatasetInStatsAndInMapsOutput) {
  TempDir dir("input-errors");
  const fs::path in = dir / "in";
  write_file(in / "good.txt", sample("lanxi-nongye-2021.txt"));
  ASSERT_EQ(::mkfifo((in / "pipe.txt").c_str(), 0644), 0);
  fs::create_symlink(in / "nowhere.txt", in / "broken.txt");
  write_file(in / "huge.txt", "");
  fs::resize_file(in / "huge.txt", std::uintmax_t{600} << 20);  // sparse
  write_file(in / "garbage.zip", "PK\x03\x04 this is no zip at all, only its first bytes");
  std::string damaged = zip_bytes({{"one.txt", sample("qinghe-wenlv-2022.txt"), {}},
                                   {"two.txt", "the second member, damaged", {}}});
  damaged[damaged.find("PK\x03\x04", 10) + 40] ^= 0x55;  // inside two.txt's deflated data
  write_file(in / "damaged.zip", damaged);
  const fs::path pipe = dir / "named-pipe";
  ASSERT_EQ(::mkfifo(pipe.c_str(), 0644), 0);
  const fs::path db = dir / "d.sqlite";
  const std::string roots = in.string() + " " + pipe.string() + " /dev/null";

  const auto start = std::chrono::steady_clock::now();
  const auto r = run_jixiao("corpus build " + roots + " --db " + db.string() + " -j 2");
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_LT(std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count(), 10.0);
  const Rows expected = {
      {"/dev/null", "a character device, not read"},
      {(in / "broken.txt").string(), "broken symbolic link"},
      {(in / "damaged.zip!two.txt").string(), "?"},  // libarchive's message
      {(in / "garbage.zip").string(), "?"},
      {(in / "huge.txt").string(), "too large (629145600 bytes; the limit is 256 MiB)"},
      {(in / "pipe.txt").string(), "a FIFO, not read"},
      {pipe.string(), "a FIFO, not read"},
  };
  Rows got = query(db, "SELECT path, error FROM input_errors ORDER BY path");
  ASSERT_EQ(got.size(), expected.size()) << ::testing::PrintToString(got);
  for (std::size_t i = 0; i < got.size(); ++i) {
    EXPECT_EQ(got[i][0], expected[i][0]);
    if (expected[i][1] != "?") EXPECT_EQ(got[i][1], expected[i][1]) << got[i][0];
    else EXPECT_FALSE(got[i][1].empty()) << got[i][0];
  }
  EXPECT_EQ(query_one(db, "SELECT count(*) FROM documents WHERE status = 'ok'"), "2");  // good.txt, damaged.zip!one.txt
  EXPECT_NE(r.err.find("7 unreadable"), std::string::npos) << r.err;
  const auto stats = run_jixiao("corpus stats --db " + db.string());
  EXPECT_NE(stats.out.find("input errors: 7\n"), std::string::npos) << stats.out;

  // corpus map: a record for each, which --from-jsonl loads into the same rows.
  write_file(dir / "paths.txt", in.string() + "\n" + pipe.string() + "\n/dev/null\n");
  const auto map =
      run_jixiao("corpus map -j 2 < " + (dir / "paths.txt").string() + " > " + (dir / "out.jsonl").string());
  ASSERT_EQ(map.status, 0) << map.err;
  std::istringstream lines(read_file(dir / "out.jsonl"));
  std::size_t input_error_records = 0;
  for (std::string line; std::getline(lines, line);) {
    const json record = json::parse(line);
    if (record.at("status") == "input-error") {
      ++input_error_records;
      EXPECT_TRUE(record.at("sha256").is_null());
      EXPECT_TRUE(record.at("error").is_string());
    }
  }
  EXPECT_EQ(input_error_records, 7u);
  const fs::path merged = dir / "merged.sqlite";
  const auto load =
      run_jixiao("corpus build --from-jsonl " + (dir / "out.jsonl").string() + " --db " + merged.string());
  ASSERT_EQ(load.status, 0) << load.err;
  EXPECT_EQ(query(merged, "SELECT path, error FROM input_errors ORDER BY path"), got);
}

TEST(HostileInputs, APermissionErrorIsAnInputError) {
  const auto as_user = testing::unprivileged_prefix();
  if (!as_user) GTEST_SKIP() << "running as root without /usr/bin/setpriv: root reads every file";
  TempDir dir("permission");
  write_file(dir / "in/good.txt", sample("lanxi-nongye-2021.txt"));
  write_file(dir / "in/secret.txt", sample("qinghe-wenlv-2022.txt"));
  fs::permissions(dir / "in/secret.txt", fs::perms::none);
  fs::create_directories(dir / "in/closed");
  write_file(dir / "in/closed/x.txt", "x");
  fs::permissions(dir / "in/closed", fs::perms::none);
  fs::permissions(dir.path(), fs::perms::all);  // the unprivileged build writes its database here
  fs::permissions(dir / "in", fs::perms::all);
  const fs::path db = dir / "d.sqlite";
  const auto r = testing::run_jixiao_as(*as_user, "corpus build " + (dir / "in").string() + " --db " + db.string());
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(query(db, "SELECT path, error FROM input_errors ORDER BY path"),
            (Rows{{(dir / "in/closed").string(), "cannot read directory: Permission denied"},
                  {(dir / "in/secret.txt").string(), "Permission denied"}}));
}

TEST(HostileInputs, AnInputErrorThatIsGoneIsClearedByTheNextBuild) {
  TempDir dir("stale-errors");
  write_file(dir / "in/good.txt", sample("lanxi-nongye-2021.txt"));
  fs::create_symlink(dir / "in/target.txt", dir / "in/link.txt");  // broken for now
  fs::create_symlink(dir / "in/nowhere.txt", dir / "in/dangling.txt");
  const fs::path db = dir / "d.sqlite";
  const std::string build = "corpus build " + (dir / "in").string() + " --db " + db.string() + " --quiet";
  ASSERT_EQ(run_jixiao(build).status, 0);
  EXPECT_EQ(query_one(db, "SELECT count(*) FROM input_errors"), "2");
  write_file(dir / "in/target.txt", sample("qinghe-wenlv-2022.txt"));  // the link now reads
  fs::remove(dir / "in/dangling.txt");                                 // the other is gone
  ASSERT_EQ(run_jixiao(build).status, 0);
  EXPECT_EQ(query_one(db, "SELECT count(*) FROM input_errors"), "0");
  EXPECT_EQ(query_one(db, "SELECT count(*) FROM paths WHERE path LIKE '%link.txt'"), "1");
}

// ---- archives ----

TEST(HostileInputs, ZipBombsStopAtTheirDeclaredSizeOrAreRefusedBeforeReading) {
  TempDir dir("zip-bomb");
  const std::string zeros(std::size_t{64} << 20, '\0');  // inflates from about 64 KiB
  write_file(dir / "in/bombs.zip",
             zip_bytes({{"lying.txt", zeros, 1000u},                       // says 1000 bytes
                        {"huge.txt", std::string(1 << 20, 'x'), 600u << 20},  // says 600 MiB
                        {"report.txt", sample("lanxi-nongye-2021.txt"), {}}}));
  const fs::path db = dir / "d.sqlite";
  const auto start = std::chrono::steady_clock::now();
  const auto r = run_jixiao("corpus build " + (dir / "in").string() + " --db " + db.string());
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_LT(std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count(), 10.0);
  if (!kUnderAsan) {
    EXPECT_LT(children_peak_mib(), 500);
  }
  const std::string zip = (dir / "in/bombs.zip").string();
  EXPECT_EQ(query(db, "SELECT path, error FROM input_errors ORDER BY path"),
            (Rows{{zip + "!huge.txt", "too large (629145600 bytes; the limit is 256 MiB)"},
                  {zip + "!lying.txt",
                   "holds more than the 1000 bytes its header declares (a damaged or hostile archive); not read past "
                   "them"}}));
  EXPECT_EQ(query(db, "SELECT path, status FROM documents"), (Rows{{zip + "!report.txt", "ok"}}));
}

TEST(HostileInputs, MemberNamesAreOnlyNamesNothingIsWrittenOutside) {
  TempDir dir("member-names");
  const fs::path deep = dir / "a/b/c";
  const std::string absolute = (dir / "abs-target.txt").string();
  const std::string report = sample("lanxi-nongye-2021.txt");
  write_tar(deep / "names.tar", {file("../escape.txt", report + "\n1"), file("../../../../escape-far.txt", report + "\n2"),
                                 file(absolute, report + "\n3"), file("./plain.txt", report + "\n4")});
  const fs::path db = dir / "d.sqlite";
  const auto r = run_jixiao("corpus build " + (deep / "names.tar").string() + " --db " + db.string());
  ASSERT_EQ(r.status, 0) << r.err;
  const std::string tar = (deep / "names.tar").string();
  EXPECT_EQ(query(db, "SELECT path FROM paths ORDER BY path"),
            (Rows{{tar + "!../../../../escape-far.txt"}, {tar + "!../escape.txt"}, {tar + "!" + absolute},
                  {tar + "!plain.txt"}}));
  EXPECT_EQ(query_one(db, "SELECT count(*) FROM documents WHERE status = 'ok'"), "4");
  // Nothing was extracted anywhere: the tree holds the archive and the
  // database (and the -wal and -shm files the test's own queries leave), no more.
  std::vector<std::string> files;
  for (const auto& e : fs::recursive_directory_iterator(dir.path())) {
    const std::string name = fs::relative(e.path(), dir.path()).string();
    if (!e.is_directory() && name != "d.sqlite-wal" && name != "d.sqlite-shm") files.push_back(name);
  }
  std::sort(files.begin(), files.end());
  EXPECT_EQ(files, (std::vector<std::string>{"a/b/c/names.tar", "d.sqlite"}));
}

TEST(HostileInputs, ArchivesInsideArchivesAreNotOpened) {
  TempDir dir("nested");
  const std::string inner = zip_bytes({{"inner-report.txt", sample("lanxi-nongye-2021.txt"), {}}});
  write_file(dir / "in/outer.zip",
             zip_bytes({{"inner.zip", inner, {}}, {"report.txt", sample("qinghe-wenlv-2022.txt"), {}}}));
  const fs::path db = dir / "d.sqlite";
  const auto r = run_jixiao("corpus build " + (dir / "in").string() + " --db " + db.string());
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_NE(r.err.find("1 reports; 1 processed (0 failed), 0 already in the dataset, 1 other files skipped"),
            std::string::npos)
      << r.err;
  EXPECT_EQ(query(db, "SELECT path FROM documents"), (Rows{{(dir / "in/outer.zip!report.txt").string()}}));
}

TEST(HostileInputs, LinksDevicesAndFifosInsideATarAreInputErrorsNeverFollowed) {
  TempDir dir("tar-links");
  write_tar(dir / "in/links.tar", {file("real.txt", sample("lanxi-nongye-2021.txt")), hard_link("hard.txt", "real.txt"),
                                   symlink("soft.txt", "/etc/passwd"), special("device.txt", AE_IFCHR),
                                   special("fifo.txt", AE_IFIFO),
                                   symlink("notes.md", "/etc/shadow")});  // not named like a report: skipped
  const fs::path db = dir / "d.sqlite";
  const auto r = run_jixiao("corpus build " + (dir / "in").string() + " --db " + db.string());
  ASSERT_EQ(r.status, 0) << r.err;
  const std::string tar = (dir / "in/links.tar").string();
  EXPECT_EQ(query(db, "SELECT path, error FROM input_errors ORDER BY path"),
            (Rows{{tar + "!device.txt", "a character device inside the archive, not read"},
                  {tar + "!fifo.txt", "a FIFO inside the archive, not read"},
                  {tar + "!hard.txt", "a hard link inside the archive (to real.txt), not read"},
                  {tar + "!soft.txt", "a symbolic link inside the archive (to /etc/passwd), not followed"}}));
  EXPECT_EQ(query(db, "SELECT path, status FROM documents"), (Rows{{tar + "!real.txt", "ok"}}));
  EXPECT_NE(r.err.find("1 other files skipped"), std::string::npos) << r.err;
}

// ---- records loaded with --from-jsonl ----

std::string record_line(const std::string& path) {
  return json{{"schema", "jixiao-record/1"}, {"path", path}, {"sha256", std::string(64, path[0])},
              {"status", "error"}, {"error", "x"}, {"failure", "unreadable"}, {"document", nullptr}}
      .dump();
}

TEST(HostileInputs, ADeeplyNestedRecordIsRejectedAndTheLoadGoesOn) {
  TempDir dir("deep-json");
  std::string deep_array = record_line("b.txt");
  deep_array.insert(deep_array.size() - 1, ",\"deep\":" + std::string(100000, '[') + std::string(100000, ']'));
  std::string deep_object = record_line("c.txt");
  std::string nested;
  for (int i = 0; i < 100000; ++i) nested += "{\"a\":";
  nested += "1" + std::string(100000, '}');
  deep_object.insert(deep_object.size() - 1, ",\"deep\":" + nested);
  const fs::path jsonl = dir / "records.jsonl";
  write_file(jsonl,
             record_line("a.txt") + "\n" + deep_array + "\n" + deep_object + "\n" + record_line("d.txt") + "\n");
  const fs::path db = dir / "d.sqlite";
  const auto r = run_jixiao("corpus build --from-jsonl " + jsonl.string() + " --db " + db.string());
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_NE(r.err.find(jsonl.string() + ":2: not a jixiao record: record nested deeper than 64 levels"),
            std::string::npos)
      << r.err;
  EXPECT_NE(r.err.find(jsonl.string() + ":3: not a jixiao record: record nested deeper than 64 levels"),
            std::string::npos)
      << r.err;
  EXPECT_EQ(query(db, "SELECT path FROM documents ORDER BY path"), (Rows{{"a.txt"}, {"d.txt"}}));
}

TEST(HostileInputs, ARecordOverTheSizeLimitIsRejectedAndTheLoadGoesOn) {
  TempDir dir("long-record");
  std::string long_record = record_line("b.txt");
  long_record.insert(long_record.size() - 1, ",\"padding\":\"" + std::string(std::size_t{3} << 20, 'x') + "\"");
  const fs::path jsonl = dir / "records.jsonl";
  write_file(jsonl, record_line("a.txt") + "\n" + long_record + "\n" + record_line("c.txt"));  // no final newline
  const fs::path db = dir / "d.sqlite";
  const auto r =
      run_jixiao("corpus build --from-jsonl " + jsonl.string() + " --db " + db.string() + " --max-record-mib 2");
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_NE(r.err.find(jsonl.string() + ":2: not a jixiao record: record longer than 2 MiB"), std::string::npos)
      << r.err;
  EXPECT_EQ(query(db, "SELECT path FROM documents ORDER BY path"), (Rows{{"a.txt"}, {"c.txt"}}));
  // Under the default limit (64 MiB) the same line is a record.
  const auto roomy = run_jixiao("corpus build --from-jsonl " + jsonl.string() + " --db " + db.string() + " --quiet");
  EXPECT_EQ(roomy.status, 0) << roomy.err;
  EXPECT_EQ(query_one(db, "SELECT count(*) FROM documents"), "3");
}

// ---- corpus map over a list of hostile paths ----

TEST(HostileInputs, MapOverHostilePathsEndsInSecondsInBoundedMemory) {
  TempDir dir("hostile-map");
  const fs::path in = dir / "in";
  write_file(in / "good.txt", sample("qinghe-wenlv-2022-errors.txt"));
  ASSERT_EQ(::mkfifo((in / "fifo.txt").c_str(), 0644), 0);
  ASSERT_EQ(::mkfifo((in / "fifo").c_str(), 0644), 0);
  fs::create_symlink("/dev/zero", in / "zero.txt");
  fs::create_symlink("/dev/urandom", in / "random.txt");
  fs::create_symlink("/proc/self/pagemap", in / "pagemap.txt");  // says 0 bytes, holds gigabytes
  fs::create_symlink(in, in / "loop");                            // a directory cycle
  write_file(in / "sparse-big.txt", "");
  fs::resize_file(in / "sparse-big.txt", std::uintmax_t{2} << 30);
  // Content no report has, listed once each (the directory above holds the hostile paths).
  const fs::path content = dir / "content";
  write_file(content / "zeros.txt", "");
  fs::resize_file(content / "zeros.txt", testing::scaled(std::size_t{16} << 20));  // read: megabytes of NUL
  write_file(content / "newlines.txt", std::string(testing::scaled(std::size_t{8} << 20), '\n'));
  const std::vector<std::string> paths = {
      (in / "good.txt").string(), (in / "fifo.txt").string(), (in / "fifo").string(),      "/dev/zero",
      "/dev/urandom",             "/dev/null",                 (in / "zero.txt").string(), (in / "random.txt").string(),
      (in / "pagemap.txt").string(), (in / "loop").string(),   (in / "sparse-big.txt").string(),
      (content / "zeros.txt").string(), (content / "newlines.txt").string(), (in / "missing.txt").string(),
      std::string(200000, 'x'),      "",                        in.string(),              "/proc/self/status"};
  std::string list;
  for (const std::string& p : paths) list += p + "\n";
  write_file(dir / "paths.txt", list);
  const auto start = std::chrono::steady_clock::now();
  const auto r = run_jixiao("corpus map -j 2 --timeout 2 --memory-limit 256 < " + (dir / "paths.txt").string() +
                            " > " + (dir / "out.jsonl").string());
  const double took = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_LT(took, 10.0);
  if (!kUnderAsan) {  // memory figures are not checked under ASan (inflated by its shadow memory)
    EXPECT_LT(children_peak_mib(), 500);
  }
  std::map<std::string, std::string> status;  // path -> status, or the error of an input error
  std::istringstream lines(read_file(dir / "out.jsonl"));
  for (std::string line; std::getline(lines, line);) {
    const json record = json::parse(line);
    const std::string path = record.at("path");
    status[path] = record.at("status") == "input-error" ? record.at("error").get<std::string>()
                                                         : record.at("status").get<std::string>();
  }
  EXPECT_EQ(status[(in / "good.txt").string()], "ok");
  EXPECT_EQ(status[(in / "fifo.txt").string()], "a FIFO, not read");
  EXPECT_EQ(status[(in / "fifo").string()], "a FIFO, not read");
  EXPECT_EQ(status["/dev/zero"], "a character device, not read");
  EXPECT_EQ(status[(in / "zero.txt").string()], "a character device, not read");
  EXPECT_EQ(status[(in / "sparse-big.txt").string()], "too large (2147483648 bytes; the limit is 256 MiB)");
  EXPECT_NE(status[(in / "pagemap.txt").string()].find("holds more than the 0 bytes its size says"), std::string::npos)
      << status[(in / "pagemap.txt").string()];
  EXPECT_EQ(status[(in / "missing.txt").string()], "no such file or directory");
  EXPECT_NE(r.err.find("stdin:15: a line longer than 65536 bytes, not a path"), std::string::npos) << r.err;
  // Whatever the pipeline makes of megabytes of NUL or of newlines, each has a record.
  EXPECT_TRUE(status.count((content / "zeros.txt").string()));
  EXPECT_TRUE(status.count((content / "newlines.txt").string()));
}

}  // namespace
}  // namespace jixiao
