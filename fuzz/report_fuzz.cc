// libFuzzer target for the whole pipeline on arbitrary file bytes:
// decode_document (encoding detection and decoding, text tables), build_report
// (every table, statement, band and quantity reader) and validate (every rule).
// It checks robustness: no crash, no sanitizer report, no abort; that the
// Document's lines and tables are well formed; and that every span of every
// record and finding lies inside the document text and quotes it
// (document_checks.h).
//
//   scripts/fuzz                                  # build and run every target
//   build-fuzz/fuzz/report_fuzz crash-<sha1>      # replay one input

#include <cstddef>
#include <cstdint>
#include <string>
#include <utility>

#include "document_checks.h"
#include "fuzz_check.h"
#include "jixiao/extract/text_reader.h"
#include "jixiao/normalize/report_builder.h"
#include "jixiao/validate/validate.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string bytes(reinterpret_cast<const char*>(data), size);
  // PDF bytes are pdf_fuzz's (poppler, then the layout): text only here.
  if (bytes.substr(0, 1024).find("%PDF-") != std::string::npos) return 0;
  jixiao::extract::Result<jixiao::extract::Document> doc = jixiao::extract::decode_document("fuzz.txt", std::move(bytes));
  if (!doc) {
    JIXIAO_FUZZ_CHECK(!doc.error().message.empty());
    return 0;
  }
  JIXIAO_FUZZ_CHECK(jixiao::fuzz::valid_utf8(doc->text));
  jixiao::fuzz::check_document(*doc);
  jixiao::model::Report report = jixiao::normalize::build_report(*doc);
  report.findings = jixiao::validate::validate(report);
  jixiao::fuzz::check_report(*doc, report);
  return 0;
}
