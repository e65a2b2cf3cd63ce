#pragma once
// Errors cross stage boundaries as values: a Result<T> holds either a T or an
// Error saying what is wrong with which file.

#include <expected>
#include <string>

namespace jixiao::extract {

enum class ErrorKind {
  kIo,           // cannot open or read the file
  kEmpty,        // the file has no content
  kEncoding,     // bytes that do not decode in the detected encoding
  kUnsupported,  // a format this stage cannot read (yet)
};

struct Error {
  ErrorKind kind = ErrorKind::kIo;
  std::string path;     // the file concerned
  std::string message;  // one line, without the path: "not valid UTF-8 at byte 1234"

  // "path: message", the form printed on stderr.
  std::string describe() const { return path + ": " + message; }
};

template <typename T>
using Result = std::expected<T, Error>;

}  // namespace jixiao::extract
