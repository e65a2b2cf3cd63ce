// The wire form of read pages (page_processes.h): how a page-reading process
// hands its pages and notices back to the process that lays them out. Both
// ends are the same program, so the form is plain: fixed-width numbers in
// this machine's byte order, strings and vectors prefixed by their length.
// Decoding checks every length against the bytes left, so a reader that died
// mid-write gives "not a whole encoding", never a wild read; and a double
// goes through as its bits, so a page read in another process lays out to
// the last bit as one read here.

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "page_processes.h"

namespace jixiao::extract::detail {
namespace {

class Writer {
 public:
  template <typename T>
    requires std::is_trivially_copyable_v<T>
  void put(T value) {
    out_.append(reinterpret_cast<const char*>(&value), sizeof value);
  }
  void put(const std::string& text) {
    put<std::uint64_t>(text.size());
    out_ += text;
  }
  template <typename T>
  void put_all(const std::vector<T>& items) {
    put<std::uint64_t>(items.size());
    for (const T& item : items) put_item(item);
  }
  std::string take() { return std::move(out_); }

 private:
  void put_item(float f) { put(f); }
  void put_item(const Ruling& r) {
    put(r.x0), put(r.y0), put(r.x1), put(r.y1);
  }
  void put_item(const TextBox& b) {
    put(b.text);
    put(b.x0), put(b.y0), put(b.x1), put(b.y1), put(b.font_size);
    put<std::uint8_t>(b.space_after);
    put_all(b.edges);
    put<std::int32_t>(static_cast<std::int32_t>(b.reading));
    put(b.confidence);
    put_all(b.confidences);
  }
  void put_item(const PageBoxes& p) {
    put<std::int32_t>(p.number);
    put(p.width), put(p.height);
    put_all(p.boxes);
    put_all(p.rulings);
  }
  void put_item(const Notice& n) {
    put(n.limit), put(n.message);
    put<std::int32_t>(n.page), put<std::int32_t>(n.line);
    put<std::uint8_t>(n.partial);
  }

  std::string out_;
};

class Reader {
 public:
  explicit Reader(std::string_view in) : in_(in) {}

  template <typename T>
    requires std::is_trivially_copyable_v<T>
  bool get(T& value) {
    if (in_.size() < sizeof value) return false;
    std::memcpy(&value, in_.data(), sizeof value);
    in_.remove_prefix(sizeof value);
    return true;
  }
  bool get(std::string& text) {
    std::uint64_t n = 0;
    if (!get(n) || n > in_.size()) return false;
    text.assign(in_.substr(0, n));
    in_.remove_prefix(n);
    return true;
  }
  bool get(bool& flag) {
    std::uint8_t b = 0;
    if (!get<std::uint8_t>(b) || b > 1) return false;
    flag = b == 1;
    return true;
  }
  bool get(int& number) {
    std::int32_t n = 0;
    if (!get<std::int32_t>(n)) return false;
    number = n;
    return true;
  }
  template <typename T>
  bool get_all(std::vector<T>& items) {
    std::uint64_t n = 0;
    // Every item takes at least a byte: a count beyond the bytes left is a lie.
    if (!get(n) || n > in_.size()) return false;
    items.resize(n);
    for (T& item : items)
      if (!get_item(item)) return false;
    return true;
  }
  bool done() const { return in_.empty(); }

 private:
  bool get_item(float& f) { return get(f); }
  bool get_item(Ruling& r) { return get(r.x0) && get(r.y0) && get(r.x1) && get(r.y1); }
  bool get_item(TextBox& b) {
    int reading = 0;
    if (!(get(b.text) && get(b.x0) && get(b.y0) && get(b.x1) && get(b.y1) && get(b.font_size) &&
          get(b.space_after) && get_all(b.edges) && get(reading) && get(b.confidence) &&
          get_all(b.confidences)))
      return false;
    if (reading < 0 || reading > static_cast<int>(Reading::kCutLine)) return false;
    b.reading = static_cast<Reading>(reading);
    return true;
  }
  bool get_item(PageBoxes& p) {
    return get(p.number) && get(p.width) && get(p.height) && get_all(p.boxes) && get_all(p.rulings);
  }
  bool get_item(Notice& n) {
    return get(n.limit) && get(n.message) && get(n.page) && get(n.line) && get(n.partial);
  }

  std::string_view in_;
};

}  // namespace

std::string encode_pages(const std::vector<PageBoxes>& pages, const std::vector<Notice>& notices) {
  Writer w;
  w.put_all(pages);
  w.put_all(notices);
  return w.take();
}

bool decode_pages(std::string_view bytes, std::vector<PageBoxes>& pages, std::vector<Notice>& notices) {
  Reader r(bytes);
  return r.get_all(pages) && r.get_all(notices) && r.done();
}

}  // namespace jixiao::extract::detail
