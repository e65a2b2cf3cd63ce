#pragma once
// Tables and page furniture of a text Document. Text files carry tables in
// four layouts: cells between tabs, cells between pipes (| a | b |), columns
// aligned with runs of spaces, and one cell per line (docx/xls conversions).
// This finds them, builds the one Table model of table.h from them (spans for
// "same as above" cells, wrapped names joined to the row that carries their
// values) and recognises the page furniture (page numbers, form feeds, the
// running title) that stands between their rows, so that it neither ends a
// table nor becomes a row.
//
// Every line keeps its place: nothing is deleted, line numbers stay the file's.

#include <string_view>
#include <vector>

#include "jixiao/extract/document.h"
#include "jixiao/extract/table.h"

namespace jixiao::extract {

// True when the line (surrounding whitespace and form feeds ignored) is a page
// number as printed in headers and footers: "— 12 —", "- 3 -", "第 3 页 共 8 页",
// "第3页", "3/20", "Page 3".
bool is_page_number_line(std::string_view line);

// Sets Line::furniture on page-number lines, lines that hold only a form feed,
// and the running title: a short line repeated identically at least three
// times, at least twice beside a page number or a form feed.
void mark_page_furniture(Document& doc);

// The tables of a text Document whose furniture is marked, in reading order.
// Lines of a row whose wrapped cells were joined by a guess (the continuation
// could belong to the row above or the row below and nothing in the layout
// decides) are marked Reading::kRepairedWrap.
std::vector<Table> find_text_tables(Document& doc);

// Both, as the text reader calls them: marks furniture and fills doc.tables.
void read_text_tables(Document& doc);

}  // namespace jixiao::extract
