#include "jixiao/corpus/pipeline.h"

#include "jixiao/extract/text_reader.h"
#include "jixiao/normalize/report_builder.h"
#include "jixiao/validate/validate.h"

namespace jixiao::corpus {
namespace {

AnalyzedDocument analyze(extract::Document doc) {
  AnalyzedDocument out;
  out.report = normalize::build_report(doc);
  validate::validate_in_place(out.report);
  out.document = std::move(doc);
  return out;
}

}  // namespace

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

}  // namespace jixiao::corpus
