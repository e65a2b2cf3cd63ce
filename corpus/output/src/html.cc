// Escaping and the page shell of html.h. The CSP names the page's one script
// by the base64 of its SHA-256 ('sha256-…'), so even markup that escaped
// escaping could not run a script of its own; styles are inline (the pages
// are single files), images are data: URLs, and default-src 'none' keeps
// every other fetch (fonts, frames, connections) off.

#include "jixiao/output/html.h"

#include "jixiao/extract/sha256.h"
#include "jixiao/extract/utf8.h"

namespace jixiao::output::html {
namespace {

// The shared look: a CJK font stack that every platform has one of, and a
// sans-serif for the figures.
constexpr std::string_view kBaseStyle = R"css(
:root{--err:#c0392b;--warn:#b7791f;--ok:#2e7d32;--line:#d8dce3;--muted:#5f6b7a;--bg:#f6f7f9}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:#1d2430;font:14px/1.5 "Noto Sans CJK SC","Source Han Sans SC","PingFang SC","Hiragino Sans GB","Microsoft YaHei","WenQuanYi Micro Hei",sans-serif}
h1,h2,h3{font-weight:600;margin:.6em 0 .4em}
table{border-collapse:collapse}
th,td{border:1px solid var(--line);padding:3px 6px;vertical-align:top}
th{background:#eef1f5;text-align:left}
.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
.error{color:var(--err)}.warning{color:var(--warn)}.muted{color:var(--muted)}
)css";

// Appends `text`, which is valid UTF-8, escaped.
void append_valid(std::string& out, std::string_view text) {
  for (const char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default:
        // Control characters have no place in a page (tab and newline aside).
        if (static_cast<unsigned char>(c) >= 0x20 ? c != 0x7F : c == '\t' || c == '\n') out += c;
    }
  }
}

}  // namespace

void append_escaped(std::string& out, std::string_view text) {
  while (!text.empty()) {
    const std::size_t bad = extract::first_invalid_utf8(text);
    append_valid(out, text.substr(0, bad));
    if (bad == std::string_view::npos) break;
    out += "\xEF\xBF\xBD";  // U+FFFD for the byte that is not UTF-8
    text.remove_prefix(bad + 1);
  }
}

std::string escape(std::string_view text) {
  std::string out;
  out.reserve(text.size() + text.size() / 8);
  append_escaped(out, text);
  return out;
}

std::string base64(std::string_view bytes) {
  static constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  out.reserve((bytes.size() + 2) / 3 * 4);
  std::size_t i = 0;
  for (; i + 3 <= bytes.size(); i += 3) {
    const unsigned v = static_cast<unsigned char>(bytes[i]) << 16 | static_cast<unsigned char>(bytes[i + 1]) << 8 |
                       static_cast<unsigned char>(bytes[i + 2]);
    for (int shift : {18, 12, 6, 0}) out += kAlphabet[(v >> shift) & 0x3F];
  }
  if (const std::size_t rest = bytes.size() - i; rest > 0) {
    unsigned v = static_cast<unsigned char>(bytes[i]) << 16;
    if (rest == 2) v |= static_cast<unsigned char>(bytes[i + 1]) << 8;
    out += kAlphabet[(v >> 18) & 0x3F];
    out += kAlphabet[(v >> 12) & 0x3F];
    out += rest == 2 ? kAlphabet[(v >> 6) & 0x3F] : '=';
    out += '=';
  }
  return out;
}

std::string render(const Page& page) {
  std::string csp = "default-src 'none'; img-src data:; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'";
  csp += page.script.empty() ? "; script-src 'none'"
                             : "; script-src 'sha256-" + base64(extract::sha256_digest(page.script)) + "'";
  std::string out;
  out.reserve(page.body.size() + page.style.size() + page.script.size() + kBaseStyle.size() + 1024);
  out += "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n";
  out += "<meta http-equiv=\"Content-Security-Policy\" content=\"" + csp + "\">\n";
  out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
  out += "<meta name=\"generator\" content=\"jixiao\">\n<title>";
  append_escaped(out, page.title);
  out += "</title>\n<style>";
  out += kBaseStyle;
  out += page.style;
  out += "</style>\n</head>\n<body>\n";
  out += page.body;
  // The script's text is hashed as it stands between the tags.
  if (!page.script.empty()) out += "\n<script>" + page.script + "</script>";
  out += "\n</body>\n</html>\n";
  return out;
}

}  // namespace jixiao::output::html
