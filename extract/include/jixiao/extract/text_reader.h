#pragma once
// Reads a text report from disk into a Document.

#include <string>

#include "jixiao/extract/document.h"
#include "jixiao/extract/error.h"

namespace jixiao::extract {

// Reads `path`. UTF-8 (with or without BOM) and UTF-16 LE/BE with a BOM are
// decoded; anything else that is not valid UTF-8 is an error naming the byte
// offset. An empty file and a PDF (not supported yet) are errors too.
Result<Document> read_document(const std::string& path);

// The same, for bytes already in memory (`path` names them in messages and spans).
Result<Document> decode_document(const std::string& path, std::string bytes);

}  // namespace jixiao::extract
