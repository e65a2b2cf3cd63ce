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

std::string_view failure_name(Failure failure) {
  switch (failure) {
    case Failure::kUnreadable: return "unreadable";
    case Failure::kTimeout: return "timeout";
    case Failure::kMemory: return "memory";
    case Failure::kCrash: return "crash";
  }
  return "crash";
}

std::optional<Failure> failure_from_name(std::string_view name) {
  for (const Failure f : {Failure::kUnreadable, Failure::kTimeout, Failure::kMemory, Failure::kCrash})
    if (failure_name(f) == name) return f;
  return std::nullopt;
}

Failure failure_from_error(std::string_view error) {
  if (error.starts_with("timed out")) return Failure::kTimeout;
  if (error.starts_with("worker crashed") || error.starts_with("worker exited") ||
      error.starts_with("could not start a worker"))
    return Failure::kCrash;
  if (error.starts_with("internal error")) {
    return error.find("bad_alloc") != std::string_view::npos ? Failure::kMemory : Failure::kCrash;
  }
  if (error.starts_with("memory limit")) return Failure::kMemory;
  return Failure::kUnreadable;
}

bool retryable(Failure failure) { return failure != Failure::kUnreadable; }

std::string record_text(const json& record) {
  return record.dump(-1, ' ', false, json::error_handler_t::replace);  // an odd byte in a message never throws
}

std::string make_record(std::string_view path, std::string_view sha256,
                        const extract::Result<pipeline::AnalyzedDocument>& result) {
  return record_text(make_record_value(path, sha256, result));
}

json make_record_value(std::string_view path, std::string_view sha256,
                       const extract::Result<pipeline::AnalyzedDocument>& result) {
  json r = envelope(path, sha256);
  if (result) {
    r["status"] = "ok";
    r["error"] = nullptr;
    r["failure"] = nullptr;
    r["document"] = document_json(*result, FindingFilter{});
  } else {
    r["status"] = "error";
    r["error"] = result.error().message;
    r["failure"] = failure_name(Failure::kUnreadable);
    r["document"] = nullptr;
  }
  return r;
}

json make_failure_record_value(std::string_view path, std::string_view sha256, std::string_view error,
                              Failure failure) {
  json r = envelope(path, sha256);
  r["status"] = "error";
  r["error"] = error;
  r["failure"] = failure_name(failure);
  r["document"] = nullptr;
  return r;
}

std::string make_failure_record(std::string_view path, std::string_view sha256, std::string_view error,
                                Failure failure) {
  return record_text(make_failure_record_value(path, sha256, error, failure));
}

std::string make_input_error_record(std::string_view path, std::string_view error) {
  json r = envelope(path, "");
  r["sha256"] = nullptr;
  r["status"] = "input-error";
  r["error"] = error;
  r["failure"] = nullptr;
  r["document"] = nullptr;
  return record_text(r);
}

}  // namespace jixiao::output
