#include "jixiao/extract/pdf_reader.h"

#include <poppler-document.h>
#include <poppler-global.h>
#include <poppler-page.h>

#include <memory>

#include "jixiao/extract/layout.h"
#include "jixiao/extract/sha256.h"

namespace jixiao::extract {
namespace {

Error pdf_error(ErrorKind kind, const std::string& path, std::string message) {
  return Error{kind, path, std::move(message)};
}

// poppler prints syntax warnings about damaged files on stderr; the reader
// reports what matters itself.
void ignore_poppler_message(const std::string&, void*) {}

std::string to_utf8(const poppler::ustring& s) {
  const poppler::byte_array bytes = s.to_utf8();
  return std::string(bytes.begin(), bytes.end());
}

}  // namespace

Result<Document> read_pdf(const std::string& path, const std::string& bytes) {
  if (bytes.empty()) return std::unexpected(pdf_error(ErrorKind::kEmpty, path, "empty file"));
  if (bytes.substr(0, 1024).find("%PDF-") == std::string::npos)
    return std::unexpected(pdf_error(ErrorKind::kUnsupported, path, "not a PDF (no %PDF- header)"));
  // A PDF ends with %%EOF; without it the file was cut short, and poppler would
  // quietly reconstruct whatever pages it can find.
  const std::size_t tail = bytes.size() > 2048 ? bytes.size() - 2048 : 0;
  if (bytes.find("%%EOF", tail) == std::string::npos)
    return std::unexpected(pdf_error(ErrorKind::kUnsupported, path, "truncated PDF (no %%EOF at the end)"));

  poppler::set_debug_error_function(ignore_poppler_message, nullptr);
  std::unique_ptr<poppler::document> pdf(
      poppler::document::load_from_raw_data(bytes.data(), static_cast<int>(bytes.size())));
  if (!pdf) return std::unexpected(pdf_error(ErrorKind::kUnsupported, path, "damaged PDF: poppler cannot open it"));
  if (pdf->is_locked())
    return std::unexpected(pdf_error(ErrorKind::kUnsupported, path, "encrypted PDF: a user password is required"));

  std::vector<PageBoxes> pages;
  std::size_t boxes = 0;
  for (int i = 0; i < pdf->pages(); ++i) {
    std::unique_ptr<poppler::page> page(pdf->create_page(i));
    PageBoxes pb;
    pb.number = i + 1;
    if (!page) {
      pages.push_back(std::move(pb));
      continue;
    }
    const poppler::rectf rect = page->page_rect();
    pb.width = rect.width();
    pb.height = rect.height();
    // Without text_list_include_font: asking poppler for fonts doubles the time
    // it takes. A box's height is about 1.3 times its font size, which is all
    // the layout needs the size for.
    for (const poppler::text_box& box : page->text_list()) {
      const poppler::rectf r = box.bbox();
      TextBox tb{to_utf8(box.text()), r.left(), r.top(), r.right(), r.bottom(), r.height() / 1.3,
                 box.has_space_after()};
      pb.boxes.push_back(std::move(tb));
    }
    boxes += pb.boxes.size();
    pages.push_back(std::move(pb));
  }
  if (pages.empty()) return std::unexpected(pdf_error(ErrorKind::kUnsupported, path, "PDF has no pages"));
  if (boxes == 0)
    return std::unexpected(pdf_error(ErrorKind::kUnsupported, path, "no text layer — scanned image?"));

  std::vector<std::pair<int, std::string>> lines;
  for (LaidOutLine& l : lay_out(pages)) lines.emplace_back(l.page, std::move(l.text));
  return make_paged_document(path, "pdf", "PDF", sha256_hex(bytes), static_cast<int>(pages.size()), lines);
}

}  // namespace jixiao::extract
