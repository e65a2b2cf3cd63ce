#pragma once
// Internal to corpus/: a document's rows (document_rows.h) as bytes, for the
// pipe from a worker to the writer of a dataset build.
//
// A worker turns its record into rows itself and sends them ready to bind:
// parsing a record's JSON into a DOM and walking it is the larger part of
// what storing a document costs, and the writer is the one process every
// document passes through. Decoding these bytes is a copy per field.
//
// The bytes: a magic, then each field in the order of the field tables in
// rows_wire.cc (one table per row type, read by the encoder and the decoder
// alike): a string as a little-endian uint64 length and its bytes, an
// optional as a byte 0 (absent) or 1 and its value, an integer or a double as
// eight little-endian bytes, a vector as its uint64 size and its rows. Both
// ends are the same program (a forked worker), so there is no versioning; the
// decoder still checks every length against what is left, since a worker
// that went wrong must cost its document, not the writer.

#include <expected>
#include <string>
#include <string_view>

#include "jixiao/corpus/document_rows.h"

namespace jixiao::corpus::internal {

std::string encode_rows(const DocumentRows& rows);

// The rows, or why the bytes are not rows encode_rows() wrote ("truncated",
// "not rows", "trailing bytes").
std::expected<DocumentRows, std::string> decode_rows(std::string_view bytes);

}  // namespace jixiao::corpus::internal
