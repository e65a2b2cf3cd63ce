#!/usr/bin/env python3
"""The audit page of `jixiao check --format html` in headless Chromium (issue 13).

Cases (one ctest test each):
  seed-pdf     the seed report's Chromium PDF (../shared; seed-pdf-libreoffice:
               its LibreOffice PDF): under 5 MB; the screenshot
               is not blank; the DOM after the page's script ran holds every
               finding of `check --format json` (rule, severity, message, each
               figure's text); the boxes of the findings lie on the figures:
               each box is inside the words `pdftotext -bbox` prints there,
               and those words hold the figure's text.
  test-pdf     the same on the repo's own test PDF (tests/data/pdf).
  text         a text report: every finding, its quoted lines with line numbers,
               no page images.
  hostile      a report whose title and lines hold <script>alert(1)</script>,
               &amp; and an <img onerror> shows them literally, and none of it
               becomes an element or runs.

    tests/html/audit_test.py --jixiao build/cli/jixiao --shared ../shared --case seed-pdf
"""

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
from collections import Counter
from html.parser import HTMLParser

import browser

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.normpath(os.path.join(HERE, "..", ".."))
MAX_BYTES = 5 * 1024 * 1024


class Fail(Exception):
    pass


def check(condition, message):
    if not condition:
        raise Fail(message)


# ---- the DOM ---------------------------------------------------------------

class Node:
    def __init__(self, tag, attrs, parent):
        self.tag, self.attrs, self.parent, self.children = tag, dict(attrs), parent, []

    def classes(self):
        return self.attrs.get("class", "").split()

    def text(self):
        return "".join(c if isinstance(c, str) else c.text() for c in self.children)

    def walk(self):
        yield self
        for c in self.children:
            if isinstance(c, Node):
                yield from c.walk()

    def find_all(self, tag=None, cls=None):
        return [n for n in self.walk() if (tag is None or n.tag == tag) and (cls is None or cls in n.classes())]


VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class TreeBuilder(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = Node("#document", {}, None)
        self.current = self.root

    def handle_starttag(self, tag, attrs):
        node = Node(tag, attrs, self.current)
        self.current.children.append(node)
        if tag not in VOID:
            self.current = node

    def handle_endtag(self, tag):
        n = self.current
        while n is not None and n.tag != tag:
            n = n.parent
        if n is not None and n.parent is not None:
            self.current = n.parent

    def handle_data(self, data):
        self.current.children.append(data)


def parse_dom(text):
    builder = TreeBuilder()
    builder.feed(text)
    return builder.root


# ---- running jixiao ---------------------------------------------------------

def run_check(jixiao, path, out_html):
    page = subprocess.run([jixiao, "check", path, "--format", "html", "-o", out_html], capture_output=True)
    check(page.returncode in (0, 1), f"check --format html exited {page.returncode}: {page.stderr.decode()}")
    js = subprocess.run([jixiao, "check", path, "--format", "json"], capture_output=True)
    check(js.returncode in (0, 1), f"check --format json exited {js.returncode}: {js.stderr.decode()}")
    return json.loads(js.stdout)


def squeeze(s):
    return re.sub(r"\s+", "", s)


def check_findings(dom, findings):
    """Every JSON finding is in the DOM, in order, with its figures."""
    items = dom.find_all("li", "finding")
    check(len(items) == len(findings), f"{len(items)} findings in the page, {len(findings)} in the JSON")
    for i, (item, f) in enumerate(zip(items, findings)):
        where = f"finding {i + 1} ({f['rule']})"
        check(item.attrs.get("id") == f"f{i + 1}", f"{where}: id {item.attrs.get('id')}")
        check(item.attrs.get("data-rule") == f["rule"], f"{where}: data-rule {item.attrs.get('data-rule')}")
        check(item.attrs.get("data-severity") == f["severity"], f"{where}: severity")
        message = item.find_all("p", "message")
        check(message and squeeze(message[0].text()) == squeeze(f["message"]), f"{where}: message differs")
        texts = [squeeze(n.text()) for n in item.find_all("span", "figure-text")]
        check(texts == [squeeze(s["text"]) for s in f["spans"]], f"{where}: figures {texts}")
        if f.get("arithmetic"):
            arith = item.find_all("p", "arithmetic")
            check(arith and squeeze(arith[0].text()) == squeeze(f["arithmetic"]), f"{where}: arithmetic differs")


def check_screenshot(page, work):
    png = browser.screenshot(page, os.path.join(work, "page.png"), width=1400, height=1000)
    ink = browser.ink_share(png)
    colours = browser.distinct_colours(png)
    check(ink > 0.05 and colours > 16, f"the screenshot looks blank (ink {ink:.3f}, {colours} colours)")
    return png


def check_script_ran(dom):
    body = dom.find_all("body")[0]
    check("js" in body.classes(), "the page's script did not run (no .js on body)")
    selected = dom.find_all("li", "selected")
    items = dom.find_all("li", "finding")
    if items:
        check(len(selected) == 1 and selected[0] is items[0], "the first finding is not selected")


# ---- boxes against pdftotext -bbox -------------------------------------------

def pdf_words(pdf):
    """page number -> list of (x0, y0, x1, y1, text), from pdftotext -bbox."""
    out = subprocess.run(["pdftotext", "-bbox", pdf, "-"], capture_output=True, check=True).stdout.decode()
    pages, number = {}, 0
    for line in out.splitlines():
        if "<page " in line:
            number += 1
            pages[number] = []
        m = re.search(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*)</word>', line)
        if m:
            text = m.group(5).replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"').replace("&amp;", "&")
            pages[number].append((*map(float, m.groups()[:4]), text))
    return pages


def check_boxes(dom, findings, pdf):
    """Each box of a finding lies on its figure: within the pdftotext words it
    overlaps, whose text holds the figure, and narrower than a longer word."""
    words = pdf_words(pdf)
    boxes = dom.find_all("div", "box")
    check(boxes, "no figure box on any page image")
    by_id = {f"f{i + 1}": f for i, f in enumerate(findings)}
    checked = 0
    for box in boxes:
        f = by_id[box.attrs["data-finding"]]
        x0, y0, x1, y1 = (float(box.attrs[k]) for k in ("data-x0", "data-y0", "data-x1", "data-y1"))
        figure = box.find_parent_figure
        page = int(figure.attrs["data-page"])
        span_text = box.attrs["data-text"]
        hits = [w for w in words.get(page, []) if w[0] < x1 - 0.5 and w[2] > x0 + 0.5 and w[1] < y1 and w[3] > y0]
        where = f"{box.attrs['data-finding']} ({f['rule']}) box on page {page} for {span_text!r}"
        check(hits, f"{where}: no pdftotext word there")
        hits.sort(key=lambda w: (round(w[1]), w[0]))
        if "\t" in span_text:
            # A table row: its cells (a merged one's words among other rows')
            # are all among the words the box covers.
            have = Counter(squeeze("".join(w[4] for w in hits)))
            missing = Counter(squeeze(span_text)) - have
            check(not missing, f"{where}: the words there lack {''.join(missing.elements())!r}")
        else:
            check(squeeze(span_text) in squeeze("".join(w[4] for w in hits)),
                  f"{where}: the words there read {[w[4] for w in hits]}")
        slack = 1.5
        check(x0 >= min(w[0] for w in hits) - slack and x1 <= max(w[2] for w in hits) + slack and
              y0 >= min(w[1] for w in hits) - 4 and y1 <= max(w[3] for w in hits) + 4,
              f"{where}: box {x0, y0, x1, y1} is not within its words {[w[:4] for w in hits]}")
        if len(hits) == 1 and len(squeeze(span_text)) < len(squeeze(hits[0][4])):
            check(x1 - x0 < hits[0][2] - hits[0][0], f"{where}: box as wide as the whole word {hits[0][4]!r}")
        # Drawn where its coordinates say: percent of the page's size.
        width, height = float(figure.attrs["data-width"]), float(figure.attrs["data-height"])
        style = dict(part.split(":") for part in box.attrs["style"].split(";") if part)
        check(abs(float(style["left"].rstrip("%")) - 100 * x0 / width) < 0.1 and
              abs(float(style["top"].rstrip("%")) - 100 * y0 / height) < 0.1, f"{where}: drawn elsewhere ({style})")
        checked += 1
    return checked


def attach_figures(dom):
    for figure in dom.find_all("figure", "page"):
        for box in figure.find_all("div", "box"):
            box.find_parent_figure = figure


# ---- cases ------------------------------------------------------------------

def pdf_case(args, pdf, work):
    if not os.path.exists(pdf):
        print(f"SKIP: {pdf} is absent (the shared corpus is not here)")
        return browser.SKIP
    page = os.path.join(work, "audit.html")
    report = run_check(args.jixiao, pdf, page)
    size = os.path.getsize(page)
    check(size < MAX_BYTES, f"the page is {size} bytes, over 5 MB")
    check_screenshot(page, work)
    dom = parse_dom(browser.dump_dom(page))
    check_script_ran(dom)
    check_findings(dom, report["findings"])
    attach_figures(dom)
    pages_shown = {int(f.attrs["data-page"]) for f in dom.find_all("figure", "page")}
    wanted = {s["page"] for f in report["findings"] for s in f["spans"]}
    check(pages_shown == wanted, f"pages shown {sorted(pages_shown)}, pages with figures {sorted(wanted)}")
    boxes = check_boxes(dom, report["findings"], pdf)
    # The first finding is selected: its boxes are on, and only its.
    on = [b for b in dom.find_all("div", "box") if "on" in b.classes()]
    check(on and all(b.attrs["data-finding"] == "f1" for b in on), "the selected finding's boxes are not shown")
    print(f"ok: {len(report['findings'])} findings, {len(pages_shown)} pages, {boxes} boxes checked, {size} bytes")
    return 0


def case_seed_pdf(args, work):
    return pdf_case(args, os.path.join(args.shared, "corpus", "yanzhou-2020.chromium.pdf"), work)


def case_seed_pdf_libreoffice(args, work):
    return pdf_case(args, os.path.join(args.shared, "corpus", "yanzhou-2020.pdf"), work)


def case_test_pdf(args, work):
    return pdf_case(args, os.path.join(REPO, "tests", "data", "pdf", "qinghe-wenlv-2022-errors.pdf"), work)


def case_text(args, work):
    sample = os.path.join(REPO, "samples", "qinghe-wenlv-2022-errors.txt")
    page = os.path.join(work, "audit.html")
    report = run_check(args.jixiao, sample, page)
    check(report["findings"], "the errors sample has no findings")
    check_screenshot(page, work)
    dom = parse_dom(browser.dump_dom(page))
    check_script_ran(dom)
    check_findings(dom, report["findings"])
    check(not dom.find_all("figure", "page"), "a text report has no page images")
    # Each figure is quoted on its line, with the line's number.
    for i, f in enumerate(report["findings"]):
        item = dom.find_all("li", "finding")[i]
        quotes = item.find_all("div", "quote")
        check(len(quotes) == len(f["spans"]), f"finding {i + 1}: {len(quotes)} quotes for {len(f['spans'])} figures")
        for q, s in zip(quotes, f["spans"]):
            number = q.find_all("span", "ln")[0].text()
            check(number == str(s["line"]), f"finding {i + 1}: quoted as line {number}, span on line {s['line']}")
            marked = q.find_all("mark")[0].text()
            check(marked == s["text"], f"finding {i + 1}: marked {marked!r}, span {s['text']!r}")
    print(f"ok: {len(report['findings'])} findings quoted")
    return 0


PAYLOAD = "<script>alert(1)</script>"
MARKER = "<img src=x onerror=\"document.title='pwned';document.body.setAttribute('data-pwned','1')\">"
SCRIPTED = "<script>document.body.setAttribute('data-pwned','2')</script>"


def case_hostile(args, work):
    sample = os.path.join(REPO, "samples", "qinghe-wenlv-2022-errors.txt")
    with open(sample, encoding="utf-8") as f:
        lines = f.read().split("\n")
    plain = run_check(args.jixiao, sample, os.path.join(work, "plain.html"))
    figure_lines = {s["line"] for f in plain["findings"] for s in f["spans"]}
    # The title carries the payload; so does the end of every line a finding quotes.
    lines[0] = lines[0] + PAYLOAD + " &amp; " + MARKER
    for n in figure_lines:
        lines[n - 1] = lines[n - 1] + "  " + PAYLOAD + "&amp;" + SCRIPTED
    hostile = os.path.join(work, "hostile.txt")
    with open(hostile, "w", encoding="utf-8") as f:
        f.write("\n".join(lines))
    page = os.path.join(work, "audit.html")
    report = run_check(args.jixiao, hostile, page)
    check(report["findings"], "the hostile report lost its findings")
    raw = open(page, encoding="utf-8").read()
    check(raw.count("<script") == 1, "the page holds a <script> besides its own")
    dom_text = browser.dump_dom(page)
    dom = parse_dom(dom_text)
    body = dom.find_all("body")[0]
    check("data-pwned" not in body.attrs, "a script from the report ran")
    check(len(dom.find_all("script")) == 1, "a script element came from the report")
    check(not [i for i in dom.find_all("img") if i.attrs.get("src") == "x"], "an <img> came from the report")
    # The title is read as normalized text (full-width brackets), the quotes as printed.
    title = dom.find_all("title")[0].text()
    check(title.strip() != "pwned" and "<script>alert" in title and "&amp;" in title,
          f"the title reads {title!r}")
    h1 = dom.find_all("h1")[0].text()
    check("<script>alert" in h1 and "&amp;" in h1 and "<img src=x onerror=" in h1,
          f"the heading does not show the text literally: {h1!r}")
    quoted = "".join(q.text() for q in dom.find_all("div", "quote"))
    check(PAYLOAD in quoted and "&amp;" in quoted, "the quoted lines do not show the text literally")
    check_findings(dom, report["findings"])
    print(f"ok: payload shown literally in the title, heading and {len(figure_lines)} quoted lines; nothing ran")
    return 0


CASES = {
    "seed-pdf": case_seed_pdf,
    "seed-pdf-libreoffice": case_seed_pdf_libreoffice,
    "test-pdf": case_test_pdf,
    "text": case_text,
    "hostile": case_hostile,
}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--jixiao")
    parser.add_argument("--shared", default=os.path.join(REPO, "..", "shared"))
    parser.add_argument("--case")
    parser.add_argument("--list", action="store_true")
    args = parser.parse_args()
    if args.list:
        print("\n".join(CASES))
        return 0
    browser.chromium()
    with tempfile.TemporaryDirectory(prefix="jixiao-audit-") as work:
        try:
            return CASES[args.case](args, work)
        except Fail as e:
            print(f"FAIL [{args.case}]: {e}")
            return 1


if __name__ == "__main__":
    sys.exit(main())
