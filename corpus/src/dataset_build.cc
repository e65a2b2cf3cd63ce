// TODO(issue 6)
#include "jixiao/corpus/dataset_build.h"

namespace jixiao::corpus {

std::expected<BuildSummary, std::string> build_dataset(const BuildOptions&, std::ostream&) { return std::unexpected("not implemented"); }
std::expected<BuildSummary, std::string> load_records(std::istream&, const std::string&, std::ostream&) { return std::unexpected("not implemented"); }
std::expected<BuildSummary, std::string> map_records(std::istream&, std::ostream&, const MapOptions&, std::ostream&) { return std::unexpected("not implemented"); }

}  // namespace jixiao::corpus
