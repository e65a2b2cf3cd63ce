// Rows to bytes and back (rows_wire.h). Each row type is listed once, as a
// table of its members in wire order; one generic writer and one generic
// reader walk the tables, so the two ends cannot disagree on a field's place
// or type. A member left out of a table would come back empty:
// tests/corpus/rows_wire_test.cc round-trips the rows of every sample and
// test PDF and compares them whole.
#include "rows_wire.h"

#include <algorithm>
#include <bit>
#include <cstdint>
#include <optional>
#include <tuple>
#include <utility>
#include <vector>

namespace jixiao::corpus::internal {
namespace {

constexpr std::string_view kMagic = "JXROWS1";

template <class T>
struct Tag {};

constexpr auto fields(Tag<IndicatorRow>) {
  using R = IndicatorRow;
  return std::tuple{&R::level, &R::name, &R::path, &R::max, &R::score, &R::rate, &R::page, &R::line};
}
constexpr auto fields(Tag<AmountRow>) {
  using R = AmountRow;
  return std::tuple{&R::value, &R::unit, &R::yuan, &R::qualifier, &R::label, &R::page, &R::line, &R::text};
}
constexpr auto fields(Tag<CountRow>) {
  using R = CountRow;
  return std::tuple{&R::value, &R::unit, &R::base_unit, &R::count, &R::qualifier,
                    &R::label, &R::page, &R::line,      &R::text};
}
constexpr auto fields(Tag<FindingRow>) {
  using R = FindingRow;
  return std::tuple{&R::rule,      &R::severity,   &R::message, &R::stated, &R::computed,
                    &R::tolerance, &R::arithmetic, &R::page,    &R::line,   &R::text};
}
constexpr auto fields(Tag<BudgetLineRow>) {
  using R = BudgetLineRow;
  return std::tuple{&R::label, &R::budget, &R::executed, &R::unit, &R::rate,
                    &R::max,   &R::score,  &R::page,     &R::line, &R::text};
}
constexpr auto fields(Tag<ProjectResultRow>) {
  using R = ProjectResultRow;
  return std::tuple{&R::subject, &R::score, &R::grade, &R::page, &R::line, &R::text};
}
constexpr auto fields(Tag<OcrPageRow>) {
  using R = OcrPageRow;
  return std::tuple{&R::page, &R::words, &R::mean_confidence, &R::guessed_words, &R::rulings, &R::skew_degrees,
                    &R::timed_out};
}
constexpr auto fields(Tag<DocumentRow>) {
  using R = DocumentRow;
  return std::tuple{&R::sha256,         &R::path,           &R::format,         &R::encoding,
                    &R::pages,          &R::title,          &R::unit,           &R::year,
                    &R::commissioner,   &R::evaluator,      &R::total_score,    &R::total_max,
                    &R::grade,          &R::status,         &R::error,          &R::failure,
                    &R::error_findings, &R::warning_findings, &R::jixiao_version, &R::processed_at,
                    &R::record,         &R::ocr_page_count, &R::ocr_confidence};
}
constexpr auto fields(Tag<DocumentRows>) {
  using R = DocumentRows;
  return std::tuple{&R::document, &R::indicators,      &R::amounts,  &R::counts,
                    &R::findings, &R::budget_lines, &R::project_results, &R::ocr_pages};
}

template <class T>
concept Row = requires { fields(Tag<T>{}); };

class Writer {
 public:
  explicit Writer(std::string& out) : out_(out) {}

  void put(std::uint64_t v) {
    for (int i = 0; i < 8; ++i) out_.push_back(static_cast<char>((v >> (8 * i)) & 0xFF));
  }
  void put(std::int64_t v) { put(static_cast<std::uint64_t>(v)); }
  void put(double v) { put(std::bit_cast<std::uint64_t>(v)); }
  void put(const std::string& s) {
    put(static_cast<std::uint64_t>(s.size()));
    out_.append(s);
  }
  template <class T>
  void put(const std::optional<T>& v) {
    out_.push_back(v ? '\1' : '\0');
    if (v) put(*v);
  }
  template <class T>
  void put(const std::vector<T>& rows) {
    put(static_cast<std::uint64_t>(rows.size()));
    for (const T& r : rows) put(r);
  }
  template <Row R>
  void put(const R& row) {
    std::apply([&](auto... member) { (put(row.*member), ...); }, fields(Tag<R>{}));
  }

 private:
  std::string& out_;
};

// Every get() returns false once the bytes run out or make no sense; the
// reader then stays failed.
class Reader {
 public:
  explicit Reader(std::string_view in) : in_(in) {}
  bool done() const { return in_.empty(); }

  bool get(std::uint64_t& v) {
    if (in_.size() < 8) return false;
    v = 0;
    for (int i = 0; i < 8; ++i) v |= static_cast<std::uint64_t>(static_cast<unsigned char>(in_[i])) << (8 * i);
    in_.remove_prefix(8);
    return true;
  }
  bool get(std::int64_t& v) {
    std::uint64_t u = 0;
    if (!get(u)) return false;
    v = static_cast<std::int64_t>(u);
    return true;
  }
  bool get(double& v) {
    std::uint64_t u = 0;
    if (!get(u)) return false;
    v = std::bit_cast<double>(u);
    return true;
  }
  bool get(std::string& s) {
    std::uint64_t n = 0;
    if (!get(n) || n > in_.size()) return false;
    s.assign(in_.data(), static_cast<std::size_t>(n));
    in_.remove_prefix(static_cast<std::size_t>(n));
    return true;
  }
  template <class T>
  bool get(std::optional<T>& v) {
    if (in_.empty() || static_cast<unsigned char>(in_[0]) > 1) return false;
    const bool present = in_[0] == '\1';
    in_.remove_prefix(1);
    if (!present) {
      v.reset();
      return true;
    }
    return get(v.emplace());
  }
  template <class T>
  bool get(std::vector<T>& rows) {
    std::uint64_t n = 0;
    // Every row takes at least a byte: a count past what is left is garbage,
    // and is not allowed to reserve memory for it.
    if (!get(n) || n > in_.size()) return false;
    rows.clear();
    rows.reserve(static_cast<std::size_t>(std::min<std::uint64_t>(n, 4096)));
    for (std::uint64_t i = 0; i < n; ++i)
      if (!get(rows.emplace_back())) return false;
    return true;
  }
  template <Row R>
  bool get(R& row) {
    return std::apply([&](auto... member) { return (get(row.*member) && ...); }, fields(Tag<R>{}));
  }

 private:
  std::string_view in_;
};

}  // namespace

std::string encode_rows(const DocumentRows& rows) {
  std::string out;
  out.reserve(kMagic.size() + rows.document.record.size() * 2);
  out.append(kMagic);
  Writer(out).put(rows);
  return out;
}

std::expected<DocumentRows, std::string> decode_rows(std::string_view bytes) {
  if (!bytes.starts_with(kMagic)) return std::unexpected("not rows");
  Reader in(bytes.substr(kMagic.size()));
  DocumentRows rows;
  if (!in.get(rows)) return std::unexpected("truncated");
  if (!in.done()) return std::unexpected("trailing bytes");
  return rows;
}

}  // namespace jixiao::corpus::internal
