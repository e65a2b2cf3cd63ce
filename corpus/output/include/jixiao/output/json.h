#pragma once
// The versioned JSON document of one analysed report (docs/json.md): what
// `jixiao extract --format json` prints and what a dataset record (record.h)
// embeds.
//
// The document is built once, as a value. Printing it and embedding it in a
// record are two uses of that value; nothing dumps it to text to parse it back.

#include <nlohmann/json_fwd.hpp>
#include <string>

#include "jixiao/output/finding_filter.h"
#include "jixiao/pipeline/pipeline.h"

namespace jixiao::output {

// The JSON schema version written as "schema".
inline constexpr const char* kJsonSchema = "jixiao/1";

// The whole record set of one document, with the findings `filter` accepts.
nlohmann::json document_json(const pipeline::AnalyzedDocument& doc, const FindingFilter& filter);

// document_json printed: `indent` < 0 gives one line, else pretty-printed.
std::string to_json(const pipeline::AnalyzedDocument& doc, const FindingFilter& filter, int indent);

}  // namespace jixiao::output
