// TODO(issue 6): the SQLite dataset.
#include "jixiao/corpus/store.h"

namespace jixiao::corpus {

struct Store::Impl {};
Store::Store(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Store::~Store() = default;
Store::Store(Store&&) noexcept = default;
Store& Store::operator=(Store&&) noexcept = default;
std::expected<Store, std::string> Store::open(const std::string&) { return std::unexpected("not implemented"); }
bool Store::has_document(std::string_view) const { return false; }
std::expected<bool, std::string> Store::add_record(std::string_view) { return std::unexpected("not implemented"); }
std::expected<void, std::string> Store::add_path(std::string_view, std::string_view) { return std::unexpected("not implemented"); }
std::expected<void, std::string> Store::export_jsonl(std::ostream&) const { return std::unexpected("not implemented"); }
std::expected<void, std::string> Store::export_csv(std::string_view, std::ostream&) const { return std::unexpected("not implemented"); }
std::expected<StoreStats, std::string> Store::stats() const { return std::unexpected("not implemented"); }
std::string format_stats(const StoreStats&) { return ""; }

}  // namespace jixiao::corpus
