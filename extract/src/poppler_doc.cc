// Opening a PDF (poppler_doc.h): the checks on the bytes that poppler would
// paper over (a file cut short is "repaired" into whatever pages it finds),
// then poppler's own verdict, as one error value a user can act on.

#include "poppler_doc.h"

#include <Error.h>
#include <ErrorCodes.h>
#include <GlobalParams.h>
#include <Stream.h>

#include <optional>

namespace jixiao::extract::detail {

Error pdf_error(ErrorKind kind, const std::string& path, std::string message) {
  return Error{kind, path, std::move(message)};
}

// poppler reports syntax problems of damaged files on stderr; the reader
// reports what matters itself.
void ignore_poppler_message(ErrorCategory, Goffset, const char*) {}

// poppler's core reads its configuration (CMap and encoding tables, the text
// encoding) from the process-wide `globalParams`, which must exist before the
// first PDFDoc is made. jixiao keeps no global state of its own; this one is
// poppler's and unavoidable. GlobalParamsIniter creates it and installs the
// error callback; holding it in a function-local static makes that happen once
// per process, on first use, and thread-safely (C++ guarantees the
// initialisation of a local static runs once), and keeps it until exit, so a
// worker reading many PDFs does not rebuild poppler's tables for each.
void ensure_poppler_ready() {
  static const GlobalParamsIniter poppler_globals(ignore_poppler_message);
}

namespace {

// The checks on the bytes alone, before poppler sees them.
std::optional<Error> check_bytes(const std::string& path, const std::string& bytes) {
  if (bytes.empty()) return pdf_error(ErrorKind::kEmpty, path, "empty file");
  if (bytes.substr(0, 1024).find("%PDF-") == std::string::npos)
    return pdf_error(ErrorKind::kUnsupported, path, "not a PDF (no %PDF- header)");
  // A PDF ends with %%EOF; without it the file was cut short, and poppler would
  // quietly reconstruct whatever pages it can find.
  const std::size_t tail = bytes.size() > 2048 ? bytes.size() - 2048 : 0;
  if (bytes.find("%%EOF", tail) == std::string::npos)
    return pdf_error(ErrorKind::kUnsupported, path, "truncated PDF (no %%EOF at the end)");
  return std::nullopt;
}

}  // namespace

Result<std::unique_ptr<PDFDoc>> open_pdf(const std::string& path, const std::string& bytes) {
  if (auto error = check_bytes(path, bytes)) return std::unexpected(std::move(*error));
  ensure_poppler_ready();
  // The stream reads `bytes` in place; the PDFDoc owns the stream.
  auto doc = std::make_unique<PDFDoc>(new MemStream(bytes.data(), 0, static_cast<Goffset>(bytes.size()), Object(objNull)));
  if (!doc->isOk()) {
    if (doc->getErrorCode() == errEncrypted)
      return std::unexpected(pdf_error(ErrorKind::kUnsupported, path, "encrypted PDF: a user password is required"));
    return std::unexpected(pdf_error(ErrorKind::kUnsupported, path, "damaged PDF: poppler cannot open it"));
  }
  return doc;
}

}  // namespace jixiao::extract::detail
