// Throughput of the normalize stage on a large report: decode the bytes,
// normalize every line (NFKC, radicals, spaces) and scan it for amounts and
// counts. The input is the seed report repeated to at least 10 MB (our own
// sample report when the shared corpus is absent).

#include <benchmark/benchmark.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "jixiao/extract/text_reader.h"
#include "jixiao/normalize/report_builder.h"
#include "jixiao/text/quantity.h"
#include "jixiao/text/text_normalizer.h"
#include "jixiao/validate/validate.h"

namespace {

constexpr std::size_t kTargetBytes = 10u << 20;

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// The seed report (or our sample) repeated to at least kTargetBytes.
const std::string& large_report() {
  static const std::string text = [] {
    std::string seed_path = std::string(JIXIAO_SHARED_DIR) + "/corpus/yanzhou-2020.txt";
    if (!std::filesystem::exists(seed_path)) seed_path = std::string(JIXIAO_SOURCE_DIR) + "/samples/qinghe-wenlv-2022.txt";
    const std::string seed = read_file(seed_path);
    std::string out;
    out.reserve(kTargetBytes + seed.size());
    while (out.size() < kTargetBytes) out += seed;
    return out;
  }();
  return text;
}

void BM_NormalizeStage(benchmark::State& state) {
  const std::string& bytes = large_report();
  std::size_t quantities = 0;
  for (auto _ : state) {
    auto doc = jixiao::extract::decode_document("bench.txt", bytes);
    if (!doc) {
      state.SkipWithError("decode failed");
      return;
    }
    quantities = 0;
    for (std::size_t i = 0; i < doc->lines.size(); ++i) {
      const auto normalized = jixiao::text::normalize_line(doc->line_text(i));
      quantities += jixiao::text::scan_quantities(normalized.text).size();
    }
    benchmark::DoNotOptimize(quantities);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) * static_cast<int64_t>(bytes.size()));
  state.counters["quantities"] = static_cast<double>(quantities);
  state.counters["MB"] = static_cast<double>(bytes.size()) / 1e6;
}
BENCHMARK(BM_NormalizeStage)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_DecodeOnly(benchmark::State& state) {
  const std::string& bytes = large_report();
  for (auto _ : state) benchmark::DoNotOptimize(jixiao::extract::decode_document("bench.txt", bytes));
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) * static_cast<int64_t>(bytes.size()));
}
BENCHMARK(BM_DecodeOnly)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_NormalizeLinesOnly(benchmark::State& state) {
  const std::string& bytes = large_report();
  auto doc = jixiao::extract::decode_document("bench.txt", bytes);
  for (auto _ : state)
    for (std::size_t i = 0; i < doc->lines.size(); ++i)
      benchmark::DoNotOptimize(jixiao::text::normalize_line(doc->line_text(i)));
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) * static_cast<int64_t>(bytes.size()));
}
BENCHMARK(BM_NormalizeLinesOnly)->Unit(benchmark::kMillisecond)->UseRealTime();

// The whole pipeline on one report, for scale: records and findings.
void BM_CheckOneReport(benchmark::State& state) {
  std::string path = std::string(JIXIAO_SHARED_DIR) + "/corpus/yanzhou-2020.txt";
  if (!std::filesystem::exists(path)) path = std::string(JIXIAO_SOURCE_DIR) + "/samples/qinghe-wenlv-2022.txt";
  const std::string bytes = read_file(path);
  for (auto _ : state) {
    auto doc = jixiao::extract::decode_document(path, bytes);
    auto report = jixiao::normalize::build_report(*doc);
    benchmark::DoNotOptimize(jixiao::validate::validate(report));
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) * static_cast<int64_t>(bytes.size()));
}
BENCHMARK(BM_CheckOneReport)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
