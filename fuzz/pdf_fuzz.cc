// libFuzzer target for the PDF path from bytes: read_pdf (poppler from
// memory, then the layout and the lattice and stream table readers), then
// build_report and validate, as `jixiao extract` runs them on a PDF.
//
// poppler is a system library built without sanitizers or coverage: what it
// does inside is not checked here (poppler's own fuzzing is oss-fuzz's), but
// everything it hands over is, in code that is instrumented. The seeds
// (fuzz/corpus/pdf/) are small uncompressed PDFs, so mutations reach the words
// and the drawing operators rather than a Flate stream; layout_fuzz feeds the
// same readers without poppler, for depth.
//
// Invariants: an error is a value with a message; a Document's lines and
// tables are well formed (document_checks.h); every span of the report quotes
// the document.
//
//   scripts/fuzz pdf                             # build and run this target
//   build-fuzz/fuzz/pdf_fuzz crash-<sha1>        # replay one input

#include <cstddef>
#include <cstdint>
#include <string>

#include "document_checks.h"
#include "fuzz_check.h"
#include "jixiao/extract/pdf_reader.h"
#include "jixiao/normalize/report_builder.h"
#include "jixiao/validate/validate.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string bytes(reinterpret_cast<const char*>(data), size);
  jixiao::extract::Result<jixiao::extract::Document> doc = jixiao::extract::read_pdf("fuzz.pdf", bytes);
  if (!doc) {
    JIXIAO_FUZZ_CHECK(!doc.error().message.empty());
    JIXIAO_FUZZ_CHECK(doc.error().path == "fuzz.pdf");
    return 0;
  }
  JIXIAO_FUZZ_CHECK(doc->format == "pdf");
  JIXIAO_FUZZ_CHECK(jixiao::fuzz::valid_utf8(doc->text));
  jixiao::fuzz::check_document(*doc);
  jixiao::model::Report report = jixiao::normalize::build_report(*doc);
  report.findings = jixiao::validate::validate(report);
  jixiao::fuzz::check_report(*doc, report);
  return 0;
}
