// The worker pool of corpus/src (worker_pool.h) on its own: records come back
// for real documents; a record over the size limit, a document the worker
// cannot hold under its memory limit and one past its CPU time are failure
// records of the right kind, and the pool goes on with the next job.
#include "worker_pool.h"

#include <gtest/gtest.h>

#include <map>
#include <mutex>
#include <nlohmann/json.hpp>

#include "corpus_test_support.h"
#include "jixiao/extract/sha256.h"

namespace jixiao::corpus::internal {
namespace {

using nlohmann::json;

Job job_of(const std::string& path, std::string bytes) {
  std::string sha = extract::sha256_hex(bytes);
  return Job{path, std::move(sha), std::move(bytes)};
}

// Submits the jobs one at a time and returns each one's record, parsed.
std::vector<json> run_all(WorkerPool& pool, std::vector<Job> jobs) {
  std::vector<json> out;
  for (Job& job : jobs) {
    pool.submit(std::move(job));
    std::vector<Done> done;
    while (done.empty()) done = pool.collect(std::chrono::milliseconds(50));
    EXPECT_EQ(done.size(), 1u);
    out.push_back(json::parse(done.front().record));
    EXPECT_EQ(done.front().failed, out.back().at("status") == "error");
  }
  return out;
}

const std::string& sample() {
  static const std::string bytes = testing::read_file(testing::source_path("samples/qinghe-wenlv-2022-errors.txt"));
  return bytes;
}

TEST(WorkerPool, ARecordOverTheLimitIsAMemoryFailureAndThePoolGoesOn) {
  WorkerLimits limits;
  limits.max_record_bytes = 4096;  // the sample's record is about 170 KB
  WorkerPool pool(1, limits);
  const auto records = run_all(pool, {job_of("a.txt", sample()), job_of("b.txt", "")});
  EXPECT_EQ(records[0].at("failure"), "memory");
  EXPECT_TRUE(records[0].at("error").get<std::string>().starts_with("record of 0.")) << records[0].at("error");
  EXPECT_EQ(records[0].at("path"), "a.txt");
  EXPECT_EQ(records[1].at("error"), "empty file");  // the replacement worker answers
  EXPECT_EQ(records[1].at("failure"), "unreadable");
}

TEST(WorkerPool, ADocumentTheWorkerCannotHoldIsAMemoryFailureAndThePoolGoesOn) {
  if (!memory_limit_available()) GTEST_SKIP() << "AddressSanitizer build: the worker memory limit is not applied";
  WorkerLimits limits;
  limits.memory_limit_mib = 16;
  WorkerPool pool(1, limits);
  const auto records =
      run_all(pool, {job_of("big.txt", std::string(std::size_t{64} << 20, 'x')), job_of("a.txt", sample())});
  EXPECT_EQ(records[0].at("failure"), "memory");
  EXPECT_EQ(records[0].at("error"), "memory limit of 16 MiB reached");
  EXPECT_EQ(records[0].at("path"), "big.txt");
  EXPECT_EQ(records[1].at("status"), "ok");  // the same worker, its memory back
}

TEST(WorkerPool, ADocumentPastItsCpuTimeIsATimeout) {
  WorkerLimits limits;
  limits.timeout = std::chrono::milliseconds(50);
  WorkerPool pool(1, limits);
  const auto records = run_all(pool, {job_of("slow.txt", testing::long_report(std::size_t{8} << 20))});
  EXPECT_EQ(records[0].at("failure"), "timeout");
  EXPECT_EQ(records[0].at("error"), "timed out after 0.05 s");
}

// Every fork, of the first workers and of a replacement, happens under the
// guard the pool was given (the store's thread standing still): the guard's
// lock is held at each fork, and released after it.
TEST(WorkerPool, EveryForkHappensUnderItsGuard) {
  std::mutex still;
  int guarded_forks = 0;
  WorkerLimits limits;
  limits.max_record_bytes = 4096;  // the sample's record fails: its worker is replaced
  WorkerPool pool(2, limits, [&] {
    ++guarded_forks;
    return std::unique_lock(still);
  });
  EXPECT_EQ(guarded_forks, 2);
  EXPECT_TRUE(still.try_lock()) << "the guard is still held after the forks";
  still.unlock();
  const auto records = run_all(pool, {job_of("a.txt", sample())});
  EXPECT_EQ(records[0].at("failure"), "memory");
  EXPECT_EQ(guarded_forks, 3);
  EXPECT_TRUE(still.try_lock());
  still.unlock();
}

// One job through `pool`, its Done.
Done run_one(WorkerPool& pool, Job job) {
  pool.submit(std::move(job));
  std::vector<Done> done;
  while (done.empty()) done = pool.collect(std::chrono::milliseconds(50));
  EXPECT_EQ(done.size(), 1u);
  return std::move(done.front());
}

// The record without the moment it was made.
json timeless(const std::string& record) {
  json r = json::parse(record);
  r.erase("processed_at");
  return r;
}

TEST(WorkerPool, AWorkerAnsweringWithRowsSendsTheRowsOfItsRecord) {
  WorkerPool by_record(1, WorkerLimits{});
  WorkerLimits rows_limits;
  rows_limits.answer = Answer::kRows;
  WorkerPool by_rows(1, rows_limits);
  const Done a = run_one(by_record, job_of("a.txt", sample()));
  Done b = run_one(by_rows, job_of("a.txt", sample()));
  ASSERT_TRUE(b.rows.has_value());
  EXPECT_TRUE(b.record.empty());
  EXPECT_FALSE(b.failed);
  auto expected = document_rows(a.record);
  ASSERT_TRUE(expected.has_value());
  EXPECT_EQ(timeless(b.rows->document.record), timeless(a.record));
  EXPECT_FALSE(expected->findings.empty());
  // Apart from when each was made, the rows are the record's.
  expected->document.processed_at = b.rows->document.processed_at;
  expected->document.record = b.rows->document.record;
  EXPECT_TRUE(*expected == *b.rows);
}

TEST(WorkerPool, ARowsWorkerHoldsItsRecordToTheLimitItself) {
  WorkerLimits limits;
  limits.answer = Answer::kRows;
  limits.max_record_bytes = 4096;
  WorkerPool pool(1, limits);
  const Done big = run_one(pool, job_of("a.txt", sample()));
  ASSERT_TRUE(big.rows.has_value());
  EXPECT_TRUE(big.failed);
  EXPECT_EQ(big.rows->document.failure, "memory");
  EXPECT_TRUE(big.rows->document.error.value_or("").starts_with("record of 0.")) << *big.rows->document.error;
  EXPECT_EQ(big.rows->document.path, "a.txt");
  const Done empty = run_one(pool, job_of("b.txt", ""));
  ASSERT_TRUE(empty.rows.has_value());
  EXPECT_EQ(empty.rows->document.error, "empty file");
}

// Collects until `n` jobs have answered; their records by path.
std::map<std::string, json> collect_n(WorkerPool& pool, std::size_t n) {
  std::map<std::string, json> out;
  while (out.size() < n) {
    for (Done& d : pool.collect(std::chrono::milliseconds(50))) out[d.path] = json::parse(d.record);
  }
  EXPECT_EQ(pool.busy(), 0u);
  return out;
}

// A small job waits behind a busy worker's document, in its pipe: one worker
// reads both, in order, and each answer is its own document's.
TEST(WorkerPool, ASmallJobQueuesBehindABusyWorkersDocument) {
  WorkerPool pool(1, WorkerLimits{});
  const Job first = job_of("a.txt", sample());
  pool.submit(first);
  const Job second = job_of("b.txt", sample() + "\n");
  ASSERT_TRUE(pool.can_take(second));
  pool.submit(second);
  EXPECT_EQ(pool.busy(), 2u);
  EXPECT_FALSE(pool.can_take(job_of("c.txt", ""))) << "one job queues behind a document, not two";
  const auto records = collect_n(pool, 2);
  EXPECT_EQ(records.at("a.txt").at("status"), "ok");
  EXPECT_EQ(records.at("b.txt").at("status"), "ok");
  EXPECT_EQ(records.at("a.txt").at("sha256"), first.sha256);
  EXPECT_EQ(records.at("b.txt").at("sha256"), second.sha256);
}

// Nothing queues behind a PDF when OCR is on: a scan takes seconds a page,
// and what waited behind it would wait while other workers may be idle.
TEST(WorkerPool, NothingQueuesBehindAPdfWhenOcrIsOn) {
  const std::string pdf = testing::read_file(testing::source_path("tests/data/pdf/unruled-wrapped.pdf"));
  const Job small = job_of("b.txt", "");
  WorkerLimits ocr;
  ocr.ocr.mode = extract::OcrMode::kAuto;
  WorkerPool with_ocr(1, ocr);
  with_ocr.submit(job_of("a.pdf", pdf));
  EXPECT_FALSE(with_ocr.can_take(small));
  WorkerPool without(1, WorkerLimits{});
  without.submit(job_of("a.pdf", pdf));
  EXPECT_TRUE(without.can_take(small)) << "a PDF read without OCR is no slower than a text";
  collect_n(with_ocr, 1);
  collect_n(without, 1);
}

// A job that would not fit the pipe beside the document before it waits for
// an idle worker: the writer's write must never block on a busy worker.
TEST(WorkerPool, AJobLargerThanThePipeDoesNotQueue) {
  WorkerPool pool(1, WorkerLimits{});
  pool.submit(job_of("a.txt", sample()));
  const Job big = job_of("big.txt", std::string(std::size_t{16} << 20, 'x'));
  EXPECT_FALSE(pool.can_take(big));
  collect_n(pool, 1);
  EXPECT_TRUE(pool.can_take(big));
}

// The document being read fails (out of time, its worker killed): the job
// queued behind it was never started, so the replacement worker reads it,
// timed from its own start.
TEST(WorkerPool, AJobQueuedBehindATimeoutIsReadByTheReplacement) {
  WorkerLimits limits;
  limits.timeout = std::chrono::milliseconds(20);
  WorkerPool small(1, limits);
  // Slow enough (0.2 s in a release build: every figure is one to read and
  // group) and small enough to leave room in the pipe (about 850 KB).
  std::string slow = sample();
  for (int i = 0; i < 18000; ++i)
    slow += "第" + std::to_string(i) + "项支出" + std::to_string(100 + i * 7 % 9000) + ".5万元，完成" +
            std::to_string(i % 997) + "个。\n";
  small.submit(job_of("slow.txt", slow));
  const Job empty = job_of("b.txt", "");
  ASSERT_TRUE(small.can_take(empty));
  small.submit(empty);
  const auto records = collect_n(small, 2);
  EXPECT_EQ(records.at("slow.txt").at("failure"), "timeout");
  EXPECT_EQ(records.at("b.txt").at("error"), "empty file");
  EXPECT_EQ(records.at("b.txt").at("failure"), "unreadable");
}

// The same when the document's record is refused (over the size limit): the
// worker is replaced and the queued job is answered by the new one.
TEST(WorkerPool, AJobQueuedBehindARefusedRecordIsReadByTheReplacement) {
  WorkerLimits limits;
  limits.max_record_bytes = 4096;
  WorkerPool pool(1, limits);
  pool.submit(job_of("a.txt", sample()));
  pool.submit(job_of("b.txt", ""));
  const auto records = collect_n(pool, 2);
  EXPECT_EQ(records.at("a.txt").at("failure"), "memory");
  EXPECT_EQ(records.at("b.txt").at("error"), "empty file");
}

TEST(WorkerPool, TheStallBackstopIsLongerThanAnyTimeout) {
  WorkerLimits limits;
  EXPECT_EQ(stall_limit(limits).count(), 600.0);  // 10 x 60 s
  limits.timeout = std::chrono::seconds(1);
  EXPECT_EQ(stall_limit(limits).count(), 60.0);
}

}  // namespace
}  // namespace jixiao::corpus::internal
