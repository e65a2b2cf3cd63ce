#pragma once
// Internal to corpus/: lines of a stream with a bound on their length. The
// paths `corpus map` reads and the records `--from-jsonl` loads come from
// elsewhere; std::getline would hold a line of gigabytes whole. A line over
// the bound is read to its end and dropped, and said to be too long.

#include <cstddef>
#include <istream>
#include <string>
#include <vector>

namespace jixiao::corpus::internal {

class LineReader {
 public:
  enum class Result { kLine, kTooLong, kEnd };

  LineReader(std::istream& in, std::size_t max_bytes) : in_(in), max_(max_bytes), buffer_(1 << 16) {}

  // The next line without its '\n' in `line` (kLine), or kTooLong (`line`
  // empty, the line skipped), or kEnd. A last line without '\n' is a line.
  Result next(std::string& line) {
    line.clear();
    bool any = false, too_long = false;
    for (;;) {
      if (pos_ == end_ && !fill()) return any ? finish(line, too_long) : Result::kEnd;
      any = true;
      const char* begin = buffer_.data() + pos_;
      const char* stop = buffer_.data() + end_;
      const char* newline = static_cast<const char*>(std::char_traits<char>::find(begin, stop - begin, '\n'));
      const char* piece_end = newline != nullptr ? newline : stop;
      const auto piece = static_cast<std::size_t>(piece_end - begin);
      if (!too_long && line.size() + piece > max_) {
        too_long = true;
        std::string().swap(line);
      }
      if (!too_long) line.append(begin, piece);
      pos_ += piece;
      if (newline != nullptr) {
        ++pos_;
        return finish(line, too_long);
      }
    }
  }

 private:
  bool fill() {
    if (!in_) return false;
    in_.read(buffer_.data(), static_cast<std::streamsize>(buffer_.size()));
    pos_ = 0;
    end_ = static_cast<std::size_t>(in_.gcount());
    return end_ > 0;
  }
  static Result finish(std::string& line, bool too_long) {
    if (too_long) line.clear();
    return too_long ? Result::kTooLong : Result::kLine;
  }

  std::istream& in_;
  std::size_t max_;
  std::vector<char> buffer_;
  std::size_t pos_ = 0, end_ = 0;
};

}  // namespace jixiao::corpus::internal
