#pragma once
// Reads a text report from disk into a Document.

#include <string>
#include <string_view>

#include "jixiao/extract/document.h"
#include "jixiao/extract/error.h"
#include "jixiao/extract/limits.h"

namespace jixiao::extract {

// Reads `path` and decodes it: UTF-8 with or without BOM, UTF-16 LE/BE with a
// BOM, and without a BOM whatever ICU's charset detector finds among GB18030
// (which covers GBK and GB2312), Big5 and UTF-16, trying GB18030 last. A
// decoding is taken only when its text is plausible: UTF-16 read from bytes
// that are not UTF-16 gives mostly unassigned or random ideographs. Bytes
// that decode in none of them are an error naming the byte offset. An empty
// file, a directory, anything that is not a regular file (a named pipe, a
// device: never opened for reading) and a file over the limits (limits.h) are
// errors too. A PDF (its "%PDF-" header first, or within the first KB before
// the PDF's objects) goes to read_pdf (pdf_reader.h); a file named .pdf that
// is not one is an error.
Result<Document> read_document(const std::string& path, const ReadLimits& limits = {});

// The bytes of the file at `path`, read as read_document reads them (a
// regular file only, without blocking, up to its limit), undecoded: for a
// second look at a file already read, such as drawing a PDF's pages.
Result<std::string> read_file_bytes(const std::string& path, const ReadLimits& limits = {});

// The same, for bytes already in memory (`path` names them in messages and spans).
Result<Document> decode_document(const std::string& path, std::string bytes, const ReadLimits& limits = {});

// Whether decode_document reads `bytes` as a PDF: its "%PDF-" header first,
// or within the first KB with the PDF's objects after it.
bool looks_like_pdf(std::string_view bytes);

}  // namespace jixiao::extract
