// libFuzzer target for the text table reader (text_tables.h): page furniture
// and the tables of a text Document, in all four layouts (tabs, pipes,
// aligned spaces, one cell per line). The input is the decoded text: bytes
// that are not UTF-8, and NUL, become '?' (the text reader refuses both, so
// the reader never sees them), which leaves the mutations to the layouts and
// not to decode_document's charset detection (report_fuzz covers that).
//
// Invariants, beyond no crash and no sanitizer report:
//   - nothing is deleted: the lines and the text are those of the input;
//   - every table is well formed (document_checks.h) and each line of a cell
//     is the text at its place: the reader quotes the document;
//   - a table row never includes a furniture line; rows go down the page;
//   - reading the tables again gives the same tables (the wrap repairs it
//     marked on the lines do not change what it finds).
//
//   scripts/fuzz text_table                          # build and run this target
//   build-fuzz/fuzz/text_table_fuzz crash-<sha1>     # replay one input

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "document_checks.h"
#include "fuzz_check.h"
#include "jixiao/extract/document.h"
#include "jixiao/extract/text_tables.h"
#include "jixiao/extract/utf8.h"

namespace {

using jixiao::extract::Document;
using jixiao::extract::Table;
using jixiao::extract::TableCell;

// The input as the text reader would hand it over: valid UTF-8 without NUL.
std::string as_decoded_text(const std::uint8_t* data, std::size_t size) {
  std::string text(reinterpret_cast<const char*>(data), size);
  for (std::size_t bad; (bad = jixiao::extract::first_invalid_utf8(text)) != std::string::npos;) text[bad] = '?';
  for (char& c : text)
    if (c == '\0') c = '?';
  return text;
}

void check_rows(const Document& doc, const Table& t) {
  for (std::size_t r = 0; r < t.row_lines.size(); ++r) {
    JIXIAO_FUZZ_CHECK(!doc.lines[t.row_lines[r]].furniture);
    if (r > 0) JIXIAO_FUZZ_CHECK(t.row_lines[r - 1] < t.row_lines[r]);
  }
  JIXIAO_FUZZ_CHECK(t.row_lines.size() == static_cast<std::size_t>(t.rows));
  for (const TableCell& cell : t.cells) {
    JIXIAO_FUZZ_CHECK(cell.places.size() == cell.lines.size());
    for (std::size_t k = 0; k < cell.lines.size(); ++k) {
      const jixiao::extract::CellPlace& p = cell.places[k];
      JIXIAO_FUZZ_CHECK(!doc.lines[p.line].furniture);
      JIXIAO_FUZZ_CHECK(doc.line_text(p.line).substr(p.begin, p.end - p.begin) == cell.lines[k]);
      JIXIAO_FUZZ_CHECK(jixiao::fuzz::valid_utf8(cell.lines[k]));  // whole characters
    }
  }
}

bool same_cells(const TableCell& a, const TableCell& b) {
  if (a.row != b.row || a.col != b.col || a.row_span != b.row_span || a.col_span != b.col_span) return false;
  if (a.lines != b.lines || a.places.size() != b.places.size()) return false;
  for (std::size_t k = 0; k < a.places.size(); ++k)
    if (a.places[k].line != b.places[k].line || a.places[k].begin != b.places[k].begin ||
        a.places[k].end != b.places[k].end)
      return false;
  return true;
}

bool same_tables(const std::vector<Table>& a, const std::vector<Table>& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (a[i].source != b[i].source || a[i].rows != b[i].rows || a[i].cols != b[i].cols ||
        a[i].row_lines != b[i].row_lines || a[i].cells.size() != b[i].cells.size())
      return false;
    for (std::size_t k = 0; k < a[i].cells.size(); ++k)
      if (!same_cells(a[i].cells[k], b[i].cells[k])) return false;
  }
  return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text = as_decoded_text(data, size);
  Document doc = jixiao::extract::make_text_document("fuzz.txt", "text", "UTF-8", "", text);
  const Document before = doc;
  jixiao::extract::read_text_tables(doc);

  // Nothing deleted, nothing moved.
  JIXIAO_FUZZ_CHECK(doc.text == before.text);
  JIXIAO_FUZZ_CHECK(doc.lines.size() == before.lines.size());
  for (std::size_t i = 0; i < doc.lines.size(); ++i) {
    JIXIAO_FUZZ_CHECK(doc.lines[i].begin == before.lines[i].begin && doc.lines[i].end == before.lines[i].end);
    JIXIAO_FUZZ_CHECK(doc.lines[i].number == before.lines[i].number && doc.lines[i].page == before.lines[i].page);
  }
  jixiao::fuzz::check_document(doc);
  for (const Table& t : doc.tables) check_rows(doc, t);

  // Again, on the lines as the first reading left them.
  Document again = doc;
  again.tables = jixiao::extract::find_text_tables(again);
  JIXIAO_FUZZ_CHECK(same_tables(doc.tables, again.tables));
  return 0;
}
