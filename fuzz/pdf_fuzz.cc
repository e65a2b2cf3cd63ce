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
// Invariants (pdf_checks.h): an error is a value with a message; a Document's
// lines and tables are well formed (document_checks.h), each table cell
// written at its place in its row's line; every span of the report quotes
// the document.
//
//   scripts/fuzz pdf                             # build and run this target
//   build-fuzz/fuzz/pdf_fuzz crash-<sha1>        # replay one input

#include <cstddef>
#include <cstdint>
#include <string>

#include "fuzz_check.h"
#include "jixiao/extract/pdf_reader.h"
#include "pdf_checks.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string bytes(reinterpret_cast<const char*>(data), size);
  jixiao::extract::Result<jixiao::extract::Document> doc = jixiao::extract::read_pdf("fuzz.pdf", bytes);
  if (!doc) {
    JIXIAO_FUZZ_CHECK(!doc.error().message.empty());
    JIXIAO_FUZZ_CHECK(doc.error().path == "fuzz.pdf");
    return 0;
  }
  JIXIAO_FUZZ_CHECK(doc->format == "pdf");
  jixiao::fuzz::check_pdf_document(*doc);
  return 0;
}
