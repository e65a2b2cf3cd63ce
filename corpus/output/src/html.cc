// Escaping and the page shell of html.h. The CSP names the page's one script
// by the base64 of its SHA-256 ('sha256-…'), so even markup that escaped
// escaping could not run a script of its own; styles are inline (the pages
// are single files), images are data: URLs, and default-src 'none' keeps
// every other fetch (fonts, frames, connections) off.

#include "jixiao/output/html.h"

#include "jixiao/extract/sha256.h"

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

// The UTF-8 sequence at `text[i]`: its length, or 0 when it is not valid.
std::size_t utf8_length(std::string_view text, std::size_t i) {
  const auto b = static_cast<unsigned char>(text[i]);
  std::size_t n = 0;
  if (b < 0x80) return 1;
  if (b >= 0xC2 && b <= 0xDF) n = 2;
  else if (b >= 0xE0 && b <= 0xEF) n = 3;
  else if (b >= 0xF0 && b <= 0xF4) n = 4;
  else return 0;
  if (i + n > text.size()) return 0;
  for (std::size_t k = 1; k < n; ++k)
    if ((static_cast<unsigned char>(text[i + k]) & 0xC0) != 0x80) return 0;
  const auto b1 = static_cast<unsigned char>(text[i + 1]);
  if ((b == 0xE0 && b1 < 0xA0) || (b == 0xED && b1 >= 0xA0) || (b == 0xF0 && b1 < 0x90) || (b == 0xF4 && b1 >= 0x90))
    return 0;  // overlong, surrogate, or beyond U+10FFFF
  return n;
}

}  // namespace

void append_escaped(std::string& out, std::string_view text) {
  for (std::size_t i = 0; i < text.size();) {
    const char c = text[i];
    const std::size_t n = utf8_length(text, i);
    if (n == 0) {
      out += "\xEF\xBF\xBD";  // U+FFFD
      ++i;
      continue;
    }
    if (n > 1) {
      out.append(text, i, n);
      i += n;
      continue;
    }
    ++i;
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default:
        if ((static_cast<unsigned char>(c) >= 0x20 && c != 0x7F) || c == '\t' || c == '\n') out += c;
    }
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
