// libFuzzer target for the whole pipeline on arbitrary file bytes:
// decode_document (encoding detection and decoding), build_report (every
// table, statement, band and quantity reader) and validate (every rule).
// It checks robustness: no crash, no sanitizer report, no abort; and that
// every line, finding span and quantity span lies inside the document text.
//
//   scripts/fuzz                                  # build and run every target
//   build-fuzz/fuzz/report_fuzz crash-<sha1>      # replay one input

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "jixiao/extract/text_reader.h"
#include "jixiao/normalize/report_builder.h"
#include "jixiao/validate/validate.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string bytes(reinterpret_cast<const char*>(data), size);
  // PDF bytes go to poppler, a system library built without sanitizers and
  // outside this project; its fuzzing is poppler's own (oss-fuzz). Text only here.
  if (bytes.substr(0, 1024).find("%PDF-") != std::string::npos) return 0;
  jixiao::extract::Result<jixiao::extract::Document> doc = jixiao::extract::decode_document("fuzz.txt", std::move(bytes));
  if (!doc) {
    if (doc.error().message.empty()) __builtin_trap();
    return 0;
  }
  for (const jixiao::extract::Line& line : doc->lines) {
    if (!(line.begin <= line.end && line.end <= doc->text.size())) __builtin_trap();
  }
  const jixiao::model::Report report = jixiao::normalize::build_report(*doc);
  const std::vector<jixiao::model::Finding> findings = jixiao::validate::validate(report);
  // Every span quotes the document: in range, and its text is that range.
  const auto check_span = [&](const jixiao::extract::SourceSpan& s) {
    if (!(s.begin <= s.end && s.end <= doc->text.size())) __builtin_trap();
    if (s.text != doc->text.substr(s.begin, s.end - s.begin)) __builtin_trap();
  };
  for (const jixiao::model::Finding& f : findings)
    for (const jixiao::extract::SourceSpan& s : f.spans) check_span(s);
  for (const jixiao::model::StatedQuantity& q : report.amounts) check_span(q.span);
  for (const jixiao::model::StatedQuantity& q : report.counts) check_span(q.span);
  return 0;
}
