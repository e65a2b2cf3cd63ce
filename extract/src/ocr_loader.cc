// Loading the OCR module (ocr_module.h) on first use. The module is looked
// for where the build put it (JIXIAO_OCR_MODULE_PATH, an absolute path), then
// beside the running program (/proc/self/exe's directory); the environment
// variable JIXIAO_OCR_MODULE, when set, names the one file to load instead
// (an installation that moved it, or a test of the error). It is loaded once per
// process and kept to the end (dlclose would unload Tesseract's static state
// while its threads may still be winding down); a module that cannot be
// loaded is an error value naming where it was looked for and why, every
// time OCR is asked for.

#include <dlfcn.h>
#include <unistd.h>

#include <climits>
#include <cstdlib>
#include <mutex>
#include <string>
#include <vector>

#include "ocr_module.h"
#include "poppler_doc.h"

namespace jixiao::extract::detail {
namespace {

constexpr const char* kModuleFile = "libjixiao_ocr.so";

std::string program_dir() {
  char buffer[PATH_MAX];
  const ssize_t n = ::readlink("/proc/self/exe", buffer, sizeof buffer - 1);
  if (n <= 0) return "";
  std::string path(buffer, static_cast<std::size_t>(n));
  const std::size_t slash = path.rfind('/');
  return slash == std::string::npos ? "" : path.substr(0, slash);
}

std::vector<std::string> candidates() {
  std::vector<std::string> paths;
  if (const char* env = std::getenv("JIXIAO_OCR_MODULE"); env != nullptr && *env != '\0') return {env};
#ifdef JIXIAO_OCR_MODULE_PATH
  paths.emplace_back(JIXIAO_OCR_MODULE_PATH);
#endif
  if (const std::string dir = program_dir(); !dir.empty()) paths.push_back(dir + "/" + kModuleFile);
  return paths;
}

struct Loaded {
  const OcrModuleEntry* entry = nullptr;
  std::string why;  // when entry is null
};

Loaded load() {
  std::string why;
  for (const std::string& path : candidates()) {
    void* handle = ::dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
    if (handle == nullptr) {
      const char* e = ::dlerror();
      why += (why.empty() ? "" : "; ") + (e ? std::string(e) : path + ": cannot load");
      continue;
    }
    using EntryFn = const OcrModuleEntry* (*)();
    auto fn = reinterpret_cast<EntryFn>(::dlsym(handle, "jixiao_ocr_module_entry"));
    const OcrModuleEntry* entry = fn ? fn() : nullptr;
    if (entry != nullptr && entry->version == kOcrModuleVersion && entry->ocr_pdf_pages != nullptr)
      return Loaded{entry, ""};
    why += (why.empty() ? "" : "; ") + path + ": not this version's OCR module";
    ::dlclose(handle);
  }
  return Loaded{nullptr, why.empty() ? std::string("no place to look for ") + kModuleFile : why};
}

}  // namespace

Result<OcrOutcome> ocr_pdf_pages(const std::string& path, const std::string& bytes, const std::vector<int>& pages,
                                 const OcrOptions& options, std::vector<Notice>* notices) {
  static std::once_flag once;
  static Loaded loaded;
  std::call_once(once, [] { loaded = load(); });
  if (loaded.entry == nullptr)
    return std::unexpected(pdf_error(ErrorKind::kUnsupported, path, "OCR is not available: " + loaded.why));
  return loaded.entry->ocr_pdf_pages(path, bytes, pages, options, notices);
}

}  // namespace jixiao::extract::detail
