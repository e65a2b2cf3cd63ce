#pragma once
// Turns an extracted Document into a Report: reads every score table, every
// score statement, the total, grade, grade bands and counts, and merges them
// into ONE indicator tree in which each indicator keeps every place it is
// stated as an Observation. Validation happens later, on the Report.

#include <cstddef>

#include "jixiao/extract/document.h"
#include "jixiao/model/report.h"

namespace jixiao::normalize {

// Limits on building a report (extract/limits.h has the reader's). The
// readers of related figures look at each figure's neighbours; the number of
// figures bounds that work.
struct BuildLimits {
  // Amounts and counts read from the text; past this, later lines' figures
  // are not read (a Notice; the reading is partial). A 500-page report states
  // about 2,500.
  std::size_t max_figures = 20'000;
};

// The report's records; doc.notices and the builder's own go to Report::notices.
model::Report build_report(const extract::Document& doc, const BuildLimits& limits = {});

}  // namespace jixiao::normalize
