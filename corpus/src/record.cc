#include "jixiao/corpus/record.h"

#include <nlohmann/json.hpp>

#include <chrono>
#include <ctime>

#include "jixiao/corpus/output.h"

namespace jixiao::corpus {

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
                        const extract::Result<AnalyzedDocument>& result) {
  json r = envelope(path, sha256);
  if (result) {
    r["status"] = "ok";
    r["error"] = nullptr;
    r["document"] = json::parse(to_json(*result, FindingFilter{}, -1));
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

}  // namespace jixiao::corpus
