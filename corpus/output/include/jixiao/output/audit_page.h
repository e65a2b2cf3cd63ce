#pragma once
// The audit page of one report: what `jixiao check FILE --format html` writes.
// One self-contained HTML file (html.h) for a person checking the report:
//   - a summary bar (total, grade, errors, warnings) and the report's metadata;
//   - every finding: its rule with the rule's description, the message in
//     Chinese and English, stated against computed figures, the arithmetic,
//     and every figure involved with its role, its page and line, and its line
//     quoted with the figure marked;
//   - a filter by severity and rule;
//   - for a PDF, an image of each page a shown finding's figures stand on,
//     with a box over each figure (from SourceSpan::box); selecting a finding
//     shows its pages with its boxes;
//   - the indicator tree as a collapsible table: max, score and rate as
//     printed, beside the sums of the children and score / max recomputed,
//     rows a finding points at marked.
// Nothing is decided here: which figures disagree is the findings' say
// (validate/), the page only shows them.

#include <string>
#include <vector>

#include "jixiao/extract/page_image.h"
#include "jixiao/output/finding_filter.h"
#include "jixiao/pipeline/pipeline.h"

namespace jixiao::output {

// The resolution page images are drawn at: enough to read a table cell's
// figure, small enough that a report of forty pages stays a few MB.
inline constexpr double kAuditPageDpi = 96;

// The pages (1-based, ascending) whose images the audit page shows: every
// page a figure of a finding `filter` accepts stands on. Empty for text input.
std::vector<int> audit_pages(const pipeline::AnalyzedDocument& doc, const FindingFilter& filter);

// The page. `images` are the pages audit_pages() named, drawn by
// pipeline::page_images(); a page without an image is left out.
std::string audit_page(const pipeline::AnalyzedDocument& doc, const FindingFilter& filter,
                       const std::vector<extract::PageImage>& images);

}  // namespace jixiao::output
