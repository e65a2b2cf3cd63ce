#pragma once
// Writing a command's result to the file named by -o: whole or not at all.

#include <string>

namespace jixiao::cli {

// Writes `text` to a temporary file beside `path` and renames it over `path`,
// so a failed run leaves an earlier file as it was. On failure says why on
// stderr (naming `path`) and returns false.
bool write_whole_file(const std::string& path, const std::string& text);

}  // namespace jixiao::cli
