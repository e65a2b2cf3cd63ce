#pragma once
// The pieces every HTML page jixiao writes shares: escaping, and the page
// shell. The audit page of one report (audit_page.h) and the dashboard of a
// dataset (dashboard.h) are built with these.
//
// Every piece of report text is untrusted: a report can print
// "<script>alert(1)</script>". So text only ever reaches a page through
// escape(), and the shell adds a second wall: a Content-Security-Policy that
// lets no script run but the page's own (named by its SHA-256), loads nothing
// from the network, and takes images only from data: URLs. A page is one
// self-contained file an auditor can mail or archive.

#include <string>
#include <string_view>

namespace jixiao::output::html {

// Text made safe for element content and for a double- or single-quoted
// attribute value: & < > " ' become character references. Control
// characters other than tab and newline are dropped, and bytes that are not
// UTF-8 become U+FFFD, so the page stays valid UTF-8 whatever the input.
std::string escape(std::string_view text);

// Appends escape(text) to `out` (the builders append a lot).
void append_escaped(std::string& out, std::string_view text);

// RFC 4648 base64, for data: URLs.
std::string base64(std::string_view bytes);

// A whole page. `style` and `script` are ours (constants of the builders);
// `body` is markup the builder made with escape(); `title` is text.
struct Page {
  std::string title;
  std::string style;   // CSS, after the shared base style (CJK font stack, colours)
  std::string body;
  std::string script;  // run after the body is parsed; may be empty
};

// The HTML5 document: UTF-8, lang zh-CN, the CSP described above.
std::string render(const Page& page);

}  // namespace jixiao::output::html
