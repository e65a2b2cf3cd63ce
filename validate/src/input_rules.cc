// input.limit and input.repaired: what the readers did not read as written.
//
// A hostile or broken file is read under limits (extract/limits.h,
// normalize's BuildLimits): an overlong line is read in pieces, a crowded PDF
// page character by character, figures or pages past a limit not at all. A
// few stray NUL bytes are dropped from a text. Each such notice of the reading
// becomes one warning, so that an auditor, a dataset query or a script sees
// that the document was not read whole. A reading that skipped part of the
// document (Notice::partial) cannot support an error: a sum whose parts lie
// past the cut would fail for want of them. demote_partial_reading turns
// every error into a warning that says so.

#include <string>

#include "checks.h"

namespace jixiao::validate::internal {

void check_input_notices(const Report& report, Findings& out) {
  for (const extract::Notice& n : report.notices) {
    Finding f;
    f.rule = n.limit.empty() ? "input.repaired" : "input.limit";
    f.severity = Severity::kWarning;
    f.message = n.message;
    f.stated = n.limit;
    if (!n.where.text.empty()) {
      f.spans.push_back(n.where);
      f.roles.push_back("位置 where");
    }
    out.add(std::move(f));
  }
}

void demote_partial_reading(const Report& report, std::vector<Finding>& findings) {
  const extract::Notice* partial = nullptr;
  for (const extract::Notice& n : report.notices)
    if (n.partial && partial == nullptr) partial = &n;
  if (partial == nullptr) return;
  for (Finding& f : findings) {
    if (f.severity != Severity::kError) continue;
    f.severity = Severity::kWarning;
    f.message += "；仅为警告：文件未完整读取 (warning only: the document was not read whole, limit " +
                 partial->limit + ")";
  }
}

}  // namespace jixiao::validate::internal
