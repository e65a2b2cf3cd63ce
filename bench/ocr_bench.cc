// OCR speed (extract/ocr.h): a scanned two-page score table (our own test
// PDF drawn grey at 300 dpi and wrapped as an image-only PDF, as a scanner's
// software does) read by read_pdf with 1 and with 2 page threads. The
// counter is seconds per page, the figure BENCHMARKS.md quotes.

#include <benchmark/benchmark.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <string>
#include <utility>

#include "jixiao/extract/pdf_reader.h"
#include "jixiao/extract/text_reader.h"

namespace {

namespace fs = std::filesystem;

// The scan, made once per run in a temporary directory; "" if the tools failed.
std::string scan_bytes() {
  const fs::path dir = fs::temp_directory_path() / ("jixiao-ocr-bench-" + std::to_string(getpid()));
  fs::create_directories(dir);
  const std::string pdf = std::string(JIXIAO_SOURCE_DIR) + "/tests/data/pdf/qinghe-wenlv-2022.pdf";
  const std::string out = (dir / "scan.pdf").string(), prefix = (dir / "p").string();
  const std::string command = "pdftoppm -gray -r 300 -f 8 -l 9 '" + pdf + "' '" + prefix +
                              "' && img2pdf --imgsize 300dpi -o '" + out + "' '" + prefix + "'-*.pgm";
  std::string bytes;
  if (std::system(command.c_str()) == 0) {
    if (auto read = jixiao::extract::read_file_bytes(out)) bytes = std::move(*read);
  }
  fs::remove_all(dir);
  return bytes;
}

void BM_OcrScannedPages(benchmark::State& state) {
  static const std::string bytes = scan_bytes();
  if (bytes.empty()) {
    state.SkipWithError("pdftoppm or img2pdf failed (scripts/setup installs them)");
    return;
  }
  jixiao::extract::ReadLimits limits;
  limits.ocr.mode = jixiao::extract::OcrMode::kAuto;
  limits.ocr.threads = static_cast<int>(state.range(0));
  int pages = 0;
  for (auto _ : state) {
    auto doc = jixiao::extract::read_pdf("scan.pdf", bytes, limits);
    if (!doc) {
      state.SkipWithError(doc.error().describe().c_str());
      return;
    }
    pages += static_cast<int>(doc->ocr_pages.size());
  }
  state.counters["s_per_page"] =
      benchmark::Counter(pages, benchmark::Counter::kIsRate | benchmark::Counter::kInvert);
}
BENCHMARK(BM_OcrScannedPages)->Arg(1)->Arg(2)->ArgName("threads")->Unit(benchmark::kSecond)->UseRealTime()->Iterations(2);

}  // namespace
