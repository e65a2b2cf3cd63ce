#pragma once
// A SourceSpan names a place in an extracted document, so that every value and
// every finding can be traced back to the page and line an auditor will look at.

#include <cstddef>
#include <string>

namespace jixiao::extract {

struct SourceSpan {
  std::string document;  // path of the file as given by the user
  int page = 1;          // 1-based page; text files have a single page
  int line = 0;          // 1-based line on that page (text files: line in the file)
  std::size_t begin = 0; // byte range [begin, end) in Document::text
  std::size_t end = 0;
  std::string text;      // the original text of that range, as extracted
};

}  // namespace jixiao::extract
