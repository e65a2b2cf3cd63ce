// The pipeline for one document: extract reads the bytes into lines and
// tables, normalize builds the report (one indicator tree, the figures around
// it), validate recomputes it and attaches findings. The stages stay apart;
// this file only chains them, so that every caller -- the command line, a
// dataset worker, the tests -- runs exactly the same sequence.
#include "jixiao/pipeline/pipeline.h"

#include "jixiao/extract/text_reader.h"
#include "jixiao/text/quantity.h"
#include "jixiao/normalize/report_builder.h"
#include "jixiao/text/text_normalizer.h"
#include "jixiao/validate/validate.h"

namespace jixiao::pipeline {
namespace {

AnalyzedDocument analyze(extract::Document doc) {
  AnalyzedDocument out;
  out.report = normalize::build_report(doc);
  validate::validate_in_place(out.report);
  out.document = std::move(doc);
  return out;
}

}  // namespace

std::vector<text::Quantity> quantities_in_text(std::string_view text) {
  std::vector<text::Quantity> out;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t stop = text.find('\n', start);
    if (stop == std::string_view::npos) stop = text.size();
    for (auto& q : text::scan_quantities(text::normalize_line(text.substr(start, stop - start)).text))
      out.push_back(std::move(q));
    start = stop + 1;
  }
  return out;
}

extract::Result<AnalyzedDocument> analyze_file(const std::string& path) {
  auto doc = extract::read_document(path);
  if (!doc) return std::unexpected(doc.error());
  return analyze(std::move(*doc));
}

extract::Result<AnalyzedDocument> analyze_bytes(const std::string& path, std::string bytes) {
  auto doc = extract::decode_document(path, std::move(bytes));
  if (!doc) return std::unexpected(doc.error());
  return analyze(std::move(*doc));
}

}  // namespace jixiao::pipeline
