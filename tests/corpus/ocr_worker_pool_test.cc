// Issue 14, the worker pool of corpus/src (worker_pool.h) on scans: a worker
// tells the writer of each page OCR finishes (a heartbeat frame before the
// record), the writer knows those pages while the document is in work (for
// the build's progress), and each page gives the document its timeout again,
// so a scan of more pages than one timeout can hold is read whole.
//
// The scans are made at test time from our own PDFs (corpus_test_support.h),
// at 300 dpi: the cover page of a report (few words, quick to read) and the
// cover with the first page of its body (hundreds of words). The timeout is
// set from the CPU time they are measured to take here, so the test means
// the same on a fast machine, a slow one and under a sanitizer.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <utility>
#include <vector>

#include "corpus_test_support.h"
#include "jixiao/extract/sha256.h"
#include "worker_pool.h"

namespace jixiao::corpus::internal {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;
using testing::children_cpu_seconds;
using testing::TempDir;

constexpr const char* kReport = "tests/data/pdf/qinghe-wenlv-2022.pdf";

// What one job gave, the OCR progress seen while it ran (each state once),
// and the CPU seconds its worker took (the pool is gone, its workers reaped,
// by then).
struct JobRun {
  json record;
  std::vector<std::pair<int, int>> seen;
  double cpu = 0;
};

JobRun run_one(const WorkerLimits& limits, const fs::path& pdf) {
  JobRun run;
  const double before = children_cpu_seconds();
  {
    WorkerPool pool(1, limits);
    std::string bytes = testing::read_file(pdf);
    std::string sha = extract::sha256_hex(bytes);
    pool.submit(Job{pdf.filename().string(), std::move(sha), std::move(bytes)});
    std::vector<Done> done;
    while (done.empty()) {
      done = pool.collect(std::chrono::milliseconds(20));
      const OcrProgress now = pool.ocr_progress();
      if (now.total > 0 && (run.seen.empty() || run.seen.back() != std::pair{now.done, now.total}))
        run.seen.emplace_back(now.done, now.total);
    }
    EXPECT_EQ(done.size(), 1u);
    run.record = json::parse(done.front().record);
  }
  run.cpu = children_cpu_seconds() - before;
  return run;
}

WorkerLimits ocr_limits(double timeout_seconds) {
  WorkerLimits limits;
  limits.timeout = std::chrono::duration<double>(timeout_seconds);
  limits.ocr.mode = extract::OcrMode::kAuto;
  limits.ocr.threads = 1;  // one page at a time, as with one worker per core
  limits.ocr.page_seconds = 0;  // the CPU limit alone is under test
  return limits;
}

class OcrWorkerPool : public ::testing::Test {
 protected:
  void SetUp() override {
    for (const auto& [name, last] : {std::pair{"cover.pdf", 1}, std::pair{"two-pages.pdf", 2}}) {
      if (const std::string why = testing::make_scan(kReport, 1, last, dir_ / name); !why.empty())
        FAIL() << why;
    }
  }
  TempDir dir_{"ocr-worker-pool"};
};

TEST_F(OcrWorkerPool, EachPageOcrFinishesGivesTheDocumentItsTimeoutAgain) {
  const JobRun cover = run_one(ocr_limits(600), dir_ / "cover.pdf");
  const JobRun whole = run_one(ocr_limits(600), dir_ / "two-pages.pdf");
  ASSERT_EQ(cover.record.at("status"), "ok") << cover.record.dump();
  ASSERT_EQ(whole.record.at("status"), "ok") << whole.record.dump();
  ASSERT_EQ(whole.record.at("document").at("source").at("ocr_pages").size(), 2u);

  // A timeout the cover page fits in (half as much again), while the whole
  // scan takes more: without a page's heartbeat the worker would be stopped.
  // After the cover the document may take three timeouts (its own, the
  // cover's, the page being read), more than the whole scan takes.
  const double timeout = std::max(1.5 * cover.cpu, whole.cpu / 2.5);
  ASSERT_LT(timeout, 0.8 * whole.cpu) << "the premise: the scan takes more than a timeout (cover " << cover.cpu
                                       << " s, whole " << whole.cpu << " s)";
  const JobRun limited = run_one(ocr_limits(timeout), dir_ / "two-pages.pdf");
  EXPECT_EQ(limited.record.at("status"), "ok") << limited.record.dump() << "\n(timeout " << timeout << " s, cover "
                                               << cover.cpu << " s, whole " << whole.cpu << " s)";
  EXPECT_GT(limited.cpu, timeout) << "the worker took less than its timeout: nothing was shown";
  ASSERT_TRUE(limited.record.at("document").is_object());
  EXPECT_EQ(limited.record.at("document").at("source").at("ocr_pages"),
            whole.record.at("document").at("source").at("ocr_pages"));

  // While the body page took its seconds, the document was seen in work with the cover done.
  for (const JobRun* run : {&whole, &limited})
    EXPECT_NE(std::find(run->seen.begin(), run->seen.end(), std::pair{1, 2}), run->seen.end())
        << ::testing::PrintToString(run->seen);
}

TEST_F(OcrWorkerPool, ATimeoutBeforeTheFirstPageIsTheDocumentsOwn) {
  // Too little for the first page: no heartbeat, the plain timeout, the plain message.
  const JobRun run = run_one(ocr_limits(0.05), dir_ / "cover.pdf");
  EXPECT_EQ(run.record.at("failure"), "timeout");
  EXPECT_EQ(run.record.at("error"), "timed out after 0.05 s");
}

TEST_F(OcrWorkerPool, WithoutOcrAScanHasNoTextLayerAndNoHeartbeat) {
  WorkerLimits limits = ocr_limits(600);
  limits.ocr.mode = extract::OcrMode::kNever;
  const JobRun run = run_one(limits, dir_ / "cover.pdf");
  EXPECT_EQ(run.record.at("failure"), "unreadable");
  EXPECT_NE(run.record.at("error").get<std::string>().find("no text layer"), std::string::npos) << run.record;
  EXPECT_TRUE(run.seen.empty()) << ::testing::PrintToString(run.seen);
}

TEST(Heartbeat, AFrameOfItsOwnThatNoRecordCanBe) {
  int fds[2];
  ASSERT_EQ(::pipe(fds), 0);
  ASSERT_TRUE(write_heartbeat(fds[1], 3, 40));
  ::close(fds[1]);
  std::string frame(kFrameHeader + kHeartbeatPayload, '\0');
  ASSERT_TRUE(read_exact(fds[0], frame.data(), frame.size()));
  char extra = 0;
  EXPECT_EQ(::read(fds[0], &extra, 1), 0) << "a heartbeat is 16 bytes";
  ::close(fds[0]);
  const std::uint64_t size = decode_frame_size(frame);
  EXPECT_NE(size & kHeartbeatBit, 0u);
  EXPECT_EQ(size & ~kHeartbeatBit, kHeartbeatPayload);
  EXPECT_EQ(decode_heartbeat(std::string_view(frame).substr(kFrameHeader)), std::make_pair(3, 40));
}

}  // namespace
}  // namespace jixiao::corpus::internal
