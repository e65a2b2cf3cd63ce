// Small UTF-8 helpers the readers share: table cells split at tabs and runs
// of spaces, the key printed names are compared by, and two similarity
// measures (LCS for names printed a little differently, bigram Dice for
// telling two budget items apart). The similarities count code points, not
// bytes, so a Chinese name of n characters weighs n, not 3n.

#include "jixiao/text/text.h"

#include <algorithm>

#include "jixiao/extract/utf8.h"

namespace jixiao::text {
namespace {

using extract::append_utf8;

constexpr std::string_view kIdeographicSpace = "\xE3\x80\x80";  // U+3000

// Length of the space at position i (1 for ' ', 3 for U+3000), or 0.
std::size_t space_at(std::string_view s, std::size_t i) {
  if (s[i] == ' ') return 1;
  if (s[i] == kIdeographicSpace[0] && s.substr(i, 3) == kIdeographicSpace) return 3;
  return 0;
}


}  // namespace

bool is_ideograph(char32_t c) {
  return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) || (c >= 0xF900 && c <= 0xFAFF) ||
         (c >= 0x20000 && c <= 0x3FFFF);
}

std::u32string to_u32(std::string_view s) {
  std::u32string out;
  out.reserve(s.size());
  std::size_t i = 0;
  while (i < s.size()) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    int len = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
    if (len == 0 || i + len > s.size()) {
      out.push_back(0xFFFD);
      ++i;
      continue;
    }
    char32_t cp = len == 1 ? c : len == 2 ? (c & 0x1F) : len == 3 ? (c & 0x0F) : (c & 0x07);
    for (int k = 1; k < len; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
    out.push_back(cp);
    i += len;
  }
  return out;
}

std::size_t utf8_length(std::string_view s) {
  std::size_t n = 0;
  for (char c : s)
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++n;
  return n;
}

std::string_view trim(std::string_view s) {
  while (!s.empty()) {
    if (s.front() == ' ' || s.front() == '\t') s.remove_prefix(1);
    else if (s.substr(0, 3) == kIdeographicSpace) s.remove_prefix(3);
    else break;
  }
  while (!s.empty()) {
    if (s.back() == ' ' || s.back() == '\t') s.remove_suffix(1);
    else if (s.size() >= 3 && s.substr(s.size() - 3) == kIdeographicSpace) s.remove_suffix(3);
    else break;
  }
  return s;
}

std::vector<Cell> split_cells(std::string_view line) {
  std::vector<Cell> cells;
  std::size_t i = 0;
  std::size_t start = 0;
  auto flush = [&](std::size_t end) {
    std::string_view raw = line.substr(start, end - start);
    std::string_view t = trim(raw);
    if (!t.empty()) {
      const std::size_t b = static_cast<std::size_t>(t.data() - line.data());
      cells.push_back(Cell{t, b, b + t.size()});
    }
  };
  while (i < line.size()) {
    if (line[i] == '\t') {
      flush(i);
      start = ++i;
      continue;
    }
    const std::size_t sp = space_at(line, i);
    if (sp != 0) {
      // A run of spaces is a separator when it is two or more spaces wide.
      std::size_t j = i, count = 0;
      while (j < line.size()) {
        const std::size_t k = space_at(line, j);
        if (k == 0) break;
        count += (k == 3 ? 2 : 1);
        j += k;
      }
      if (count >= 2) {
        flush(i);
        start = j;
      }
      i = j;
      continue;
    }
    ++i;
  }
  flush(line.size());
  return cells;
}

// split_cells(line).size() >= 2 without building the cells: with no tab, two
// cells need a separator (a run of spaces two wide) between non-space text.
bool has_column_separator(std::string_view line) {
  if (line.find('\t') != std::string_view::npos) return true;
  const std::string_view t = trim(line);
  for (std::size_t i = 0; i < t.size();) {
    std::size_t width = 0, j = i;
    for (std::size_t k = space_at(t, j); k != 0; k = j < t.size() ? space_at(t, j) : 0) {
      width += (k == 3 ? 2 : 1);
      j += k;
    }
    if (width >= 2) return true;
    i = j == i ? i + 1 : j;
  }
  return false;
}

std::string name_key(std::string_view name) {
  std::string out;
  for (char32_t c : to_u32(name)) {
    switch (c) {
      case ' ': case '\t': case 0x3000:
      case '"': case '\'': case 0x201C: case 0x201D: case 0x2018: case 0x2019:
      case 0x300C: case 0x300D: case 0x300E: case 0x300F:
        continue;
      case 0xFF08: c = '('; break;
      case 0xFF09: c = ')'; break;
      default: break;
    }
    append_utf8(out, c);
  }
  return out;
}

int name_similarity(std::string_view a, std::string_view b) {
  const std::u32string x = to_u32(name_key(a));
  const std::u32string y = to_u32(name_key(b));
  if (x.empty() || y.empty()) return 0;
  std::vector<int> prev(y.size() + 1, 0), cur(y.size() + 1, 0);
  for (std::size_t i = 1; i <= x.size(); ++i) {
    for (std::size_t j = 1; j <= y.size(); ++j)
      cur[j] = x[i - 1] == y[j - 1] ? prev[j - 1] + 1 : std::max(prev[j], cur[j - 1]);
    std::swap(prev, cur);
  }
  const int lcs = prev[y.size()];
  return static_cast<int>(2000 * lcs / static_cast<int>(x.size() + y.size()));
}

std::vector<std::uint64_t> bigram_set(std::string_view text) {
  const std::u32string u = to_u32(text);
  std::vector<std::uint64_t> out;
  for (std::size_t i = 0; i + 1 < u.size(); ++i) out.push_back((static_cast<std::uint64_t>(u[i]) << 32) | u[i + 1]);
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

int bigram_dice(const std::vector<std::uint64_t>& a, const std::vector<std::uint64_t>& b) {
  if (a.empty() || b.empty()) return 0;
  std::size_t both = 0;
  for (std::size_t i = 0, j = 0; i < a.size() && j < b.size();) {
    if (a[i] < b[j]) ++i;
    else if (b[j] < a[i]) ++j;
    else ++both, ++i, ++j;
  }
  return static_cast<int>(2000 * both / (a.size() + b.size()));
}

int bigram_similarity(std::string_view a, std::string_view b) { return bigram_dice(bigram_set(a), bigram_set(b)); }

}  // namespace jixiao::text
