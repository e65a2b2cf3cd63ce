#pragma once
// Turns an extracted Document into a Report: reads every score table, every
// score statement, the total, grade, grade bands and counts, and merges them
// into ONE indicator tree in which each indicator keeps every place it is
// stated as an Observation. Validation happens later, on the Report.

#include "jixiao/extract/document.h"
#include "jixiao/model/report.h"

namespace jixiao::normalize {

model::Report build_report(const extract::Document& doc);

}  // namespace jixiao::normalize
