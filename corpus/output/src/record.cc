// Records: the envelope (schema, path, hash, version, time) around a
// document's JSON or the reason it has none. The document goes in as the value
// json.cc builds; the record is dumped once, on one line, because a record is
// a line (a worker's frame, a line of `corpus map`'s output).
#include "jixiao/output/record.h"

#include <nlohmann/json.hpp>

#include <chrono>
#include <ctime>

#include "jixiao/output/json.h"

namespace jixiao::output {

namespace {

using nlohmann::json;

json envelope(std::string_view path, std::string_view sha256) {
  return json{{"schema", kRecordSchema},
              {"path", path},
              {"sha256", sha256},
              {"jixiao_version", jixiao_version()},
              {"processed_at", utc_now()}};
}

}  // namespace

std::string_view jixiao_version() { return JIXIAO_VERSION; }

std::string utc_now() {
  const std::time_t t = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm utc{};
  gmtime_r(&t, &utc);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &utc);
  return buf;
}

std::string make_record(std::string_view path, std::string_view sha256,
                        const extract::Result<pipeline::AnalyzedDocument>& result) {
  json r = envelope(path, sha256);
  if (result) {
    r["status"] = "ok";
    r["error"] = nullptr;
    r["document"] = document_json(*result, FindingFilter{});
  } else {
    r["status"] = "error";
    r["error"] = result.error().message;
    r["document"] = nullptr;
  }
  return r.dump();
}

std::string make_failure_record(std::string_view path, std::string_view sha256, std::string_view error) {
  json r = envelope(path, sha256);
  r["status"] = "error";
  r["error"] = error;
  r["document"] = nullptr;
  return r.dump();
}

}  // namespace jixiao::output
