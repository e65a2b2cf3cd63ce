// The pipeline for one document: extract reads the bytes into lines and
// tables, normalize builds the report (one indicator tree, the figures around
// it), validate recomputes it and attaches findings. The stages stay apart;
// this file only chains them, so that every caller -- the command line, a
// dataset worker, the tests -- runs exactly the same sequence.
#include "jixiao/pipeline/pipeline.h"

#include <charconv>
#include <string>
#include <string_view>

#include "jixiao/extract/page_image.h"
#include "jixiao/extract/sha256.h"
#include "jixiao/extract/text_reader.h"
#include "jixiao/text/quantity.h"
#include "jixiao/normalize/report_builder.h"
#include "jixiao/text/text_normalizer.h"
#include "jixiao/validate/validate.h"

namespace jixiao::pipeline {
namespace {

AnalyzedDocument analyze(extract::Document doc, const normalize::BuildLimits& limits) {
  AnalyzedDocument out;
  out.report = normalize::build_report(doc, limits);
  validate::validate_in_place(out.report);
  out.document = std::move(doc);
  return out;
}

}  // namespace

std::vector<text::Quantity> quantities_in_text(std::string_view text) {
  std::vector<text::Quantity> out;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t stop = text.find('\n', start);
    if (stop == std::string_view::npos) stop = text.size();
    for (auto& q : text::scan_quantities(text::normalize_line(text.substr(start, stop - start)).text))
      out.push_back(std::move(q));
    start = stop + 1;
  }
  return out;
}

extract::Result<AnalyzedDocument> analyze_file(const std::string& path, const Limits& limits) {
  auto doc = extract::read_document(path, limits.read);
  if (!doc) return std::unexpected(doc.error());
  return analyze(std::move(*doc), limits.build);
}

extract::Result<std::vector<extract::PageImage>> page_images(const AnalyzedDocument& doc,
                                                             const std::vector<int>& pages, double dpi,
                                                             const Limits& limits) {
  if (doc.document.format != "pdf" || pages.empty()) return std::vector<extract::PageImage>{};
  auto bytes = extract::read_file_bytes(doc.document.path, limits.read);
  if (!bytes) return std::unexpected(std::move(bytes.error()));
  // The pages must be the ones the spans were read from.
  if (extract::sha256_hex(*bytes) != doc.document.sha256)
    return std::unexpected(extract::Error{extract::ErrorKind::kIo, doc.document.path,
                                          "the file changed after it was read: its pages cannot be drawn"});
  return extract::render_pdf_pages(doc.document.path, *bytes, pages, dpi);
}

extract::Result<AnalyzedDocument> analyze_bytes(const std::string& path, std::string bytes, const Limits& limits) {
  auto doc = extract::decode_document(path, std::move(bytes), limits.read);
  if (!doc) return std::unexpected(doc.error());
  return analyze(std::move(*doc), limits.build);
}

namespace {

// The limits by name: a table, so that set_limit, describe_limits and the
// documentation name the same fields.
struct LimitField {
  std::string_view name;
  std::size_t* (*field)(Limits&);
};
constexpr LimitField kLimitFields[] = {
    {"max_file_bytes", [](Limits& l) { return &l.read.max_file_bytes; }},
    {"max_text_bytes", [](Limits& l) { return &l.read.max_text_bytes; }},
    {"max_lines", [](Limits& l) { return &l.read.max_lines; }},
    {"max_line_bytes", [](Limits& l) { return &l.read.max_line_bytes; }},
    {"max_pages", [](Limits& l) { return &l.read.max_pages; }},
    {"max_page_chars", [](Limits& l) { return &l.read.max_page_chars; }},
    {"max_figures", [](Limits& l) { return &l.build.max_figures; }},
};

}  // namespace

std::string set_limit(Limits& limits, std::string_view assignment) {
  const std::size_t eq = assignment.find('=');
  if (eq == std::string_view::npos) return "a limit is name=value: '" + std::string(assignment) + "'";
  const std::string_view name = assignment.substr(0, eq), value = assignment.substr(eq + 1);
  std::size_t number = 0;
  const auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), number);
  if (ec != std::errc() || end != value.data() + value.size() || number == 0)
    return "the value of limit '" + std::string(name) + "' must be a positive whole number: '" + std::string(value) + "'";
  for (const LimitField& f : kLimitFields)
    if (f.name == name) {
      *f.field(limits) = number;
      return "";
    }
  return "no limit named '" + std::string(name) + "' (see --limit help)";
}

std::string describe_limits(const Limits& limits) {
  Limits copy = limits;
  std::string out;
  for (const LimitField& f : kLimitFields) out += std::string(f.name) + "=" + std::to_string(*f.field(copy)) + "\n";
  return out;
}

}  // namespace jixiao::pipeline
