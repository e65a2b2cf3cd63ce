#pragma once
// Reads a text report from disk into a Document.

#include <string>

#include "jixiao/extract/document.h"
#include "jixiao/extract/error.h"

namespace jixiao::extract {

// Reads `path` and decodes it: UTF-8 with or without BOM, UTF-16 LE/BE with a
// BOM, and without a BOM whatever ICU's charset detector finds among GB18030
// (which covers GBK and GB2312), Big5 and UTF-16, trying GB18030 last. Bytes
// that decode in none of them are an error naming the byte offset. An empty
// file and a directory are errors too. Bytes that start with "%PDF-" go to
// read_pdf (pdf_reader.h); a file named .pdf that does not is an error.
Result<Document> read_document(const std::string& path);

// The same, for bytes already in memory (`path` names them in messages and spans).
Result<Document> decode_document(const std::string& path, std::string bytes);

}  // namespace jixiao::extract
