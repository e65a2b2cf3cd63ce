#include "output_file.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iostream>

namespace jixiao::cli {

bool write_whole_file(const std::string& path, const std::string& text) {
  const std::string temporary = path + ".part";
  errno = 0;
  {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    out << text;
    out.flush();
    if (!out) {
      std::cerr << "jixiao: cannot write " << path << (errno != 0 ? ": " + std::string(std::strerror(errno)) : "")
                << "\n";
      std::remove(temporary.c_str());
      return false;
    }
  }
  if (std::rename(temporary.c_str(), path.c_str()) != 0) {
    std::cerr << "jixiao: cannot write " << path << ": " << std::strerror(errno) << "\n";
    std::remove(temporary.c_str());
    return false;
  }
  return true;
}

}  // namespace jixiao::cli
