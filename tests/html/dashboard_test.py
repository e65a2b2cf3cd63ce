#!/usr/bin/env python3
"""The dataset dashboard (`jixiao corpus report`, issue 13) in headless Chromium.

Builds a dataset of the samples (samples/ of the repository, and of the
shared corpus, SHARED/corpus/samples/*.txt and SHARED/corpus/*, when present)
plus a generated hostile report whose unit and quoted text hold
<script>alert(1)</script>, &amp; and an <img onerror> that would retitle the
page, writes its dashboard, and checks in Chromium that:

- the screenshot is not blank (ink above a floor);
- the DOM, after the page's script ran, holds every document and every
  finding the dataset holds (compared with `corpus export --format csv`);
- the hostile text shows literally, as text, and nothing of it ran: the
  title is ours, no <img> or second <script> exists, and our own script did
  run (the CSP lets it, by its hash).

    tests/html/dashboard_test.py --jixiao build/cli/jixiao [--shared-dir ../shared] [--keep DIR]

Exit 77 (skipped) when chromium is missing.
"""

import argparse
import csv
import glob
import io
import os
import subprocess
import sys
import tempfile
from html.parser import HTMLParser

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import browser  # noqa: E402

REPO = os.path.dirname(os.path.dirname(HERE))
HOSTILE = """<script>alert(1)</script>&amp;<img src=x onerror="document.title='pwned'">"""
INK_FLOOR = 0.05  # the samples' dashboard inks about 18 % of a 1280 x 2400 screenshot


def dataset_inputs(shared):
    """The samples: the repository's, and the shared corpus's when present."""
    inputs = [os.path.join(REPO, "samples")]
    if shared and os.path.isdir(os.path.join(shared, "corpus")):
        inputs += sorted(glob.glob(os.path.join(shared, "corpus", "samples", "*.txt")))
        inputs += sorted(p for p in glob.glob(os.path.join(shared, "corpus", "*")) if os.path.isfile(p)
                         and p.endswith((".txt", ".pdf")))
    else:
        print(f"note: no shared corpus at {shared!r}; the repository's samples only")
    return inputs


def hostile_report(path):
    """The -errors sample with hostile markup in its unit and in the line indicator.count quotes."""
    with open(os.path.join(REPO, "samples", "qinghe-wenlv-2022-errors.txt"), encoding="utf-8") as f:
        text = f.read()
    for anchor in ("预算单位：", "评价组设计的指标体系"):
        assert anchor in text, f"the sample no longer holds {anchor!r}"
        text = text.replace(anchor, anchor + HOSTILE, 1)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


def run(args):
    result = subprocess.run(args, capture_output=True, timeout=600)
    if result.returncode != 0:
        raise SystemExit(f"FAIL: {' '.join(args)} exited {result.returncode}: {result.stderr.decode()[-2000:]}")
    return result.stdout.decode("utf-8")


def export_table(jixiao, db, table):
    text = run([jixiao, "corpus", "export", "--db", db, "--format", "csv", "--table", table])
    return list(csv.DictReader(io.StringIO(text, newline="")))


class DomReader(HTMLParser):
    """What the checks need from the serialized DOM: the tags met, the title,
    the documents table's rows, and each document section's findings."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags = []           # (tag, attrs) of every start tag
        self.title = ""          # the page's, in <head>
        self.text = []           # every text node
        self.rows = []           # documents table: the cells of each row
        self.findings = []       # (section path, [cells]) of each finding row
        self._stack = []         # (tag, attrs) of the open elements
        self._cells = None       # the cells of the row being read
        self._cell = None        # the text of the cell being read
        self._section_path = None
        self._in_h3 = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.tags.append((tag, attrs))
        if tag in ("meta", "link", "br", "img", "input", "hr"):
            return
        self._stack.append((tag, attrs))
        if tag == "tr" and ("data-status" in attrs or "finding" in attrs.get("class", "").split()):
            self._cells = []
        elif tag == "td" and self._cells is not None:
            self._cell = []
        elif tag == "h3" and any(t == "div" and a.get("class") == "doc" for t, a in self._stack):
            self._in_h3 = []

    def handle_endtag(self, tag):
        while self._stack:
            open_tag, attrs = self._stack.pop()
            if open_tag == tag:
                break
        if tag == "td" and self._cell is not None:
            self._cells.append("".join(self._cell))
            self._cell = None
        elif tag == "tr" and self._cells is not None:
            if self._section_path is None:
                self.rows.append(self._cells)
            else:
                self.findings.append((self._section_path, self._cells))
            self._cells = None
        elif tag == "h3" and self._in_h3 is not None:
            self._section_path = "".join(self._in_h3)
            self._in_h3 = None

    def handle_data(self, data):
        self.text.append(data)
        if [t for t, _ in self._stack[-2:]] == ["head", "title"]:  # not an SVG's <title>
            self.title += data
        if self._cell is not None:
            self._cell.append(data)
        if self._in_h3 is not None:
            self._in_h3.append(data)


def check_documents(dom, documents):
    listed = sorted(row[0] for row in dom.rows)
    stored = sorted(d["path"] for d in documents)
    if listed != stored:
        missing = sorted(set(stored) - set(listed))
        extra = sorted(set(listed) - set(stored))
        raise SystemExit(f"FAIL: the table's documents differ from the dataset's: missing {missing[:5]}, extra {extra[:5]}")
    print(f"ok: all {len(stored)} documents are in the table")


def check_findings(dom, documents, findings):
    path_of = {d["sha256"]: d["path"] for d in documents}
    stored = sorted((path_of[f["sha256"]], f["rule"], f["severity"], f["message"],
                     f"{f['page'] or '?'}" + (f":{f['line']}" if f["line"] else ""), f["text"]) for f in findings)
    shown = sorted((path, *cells) for path, cells in dom.findings)
    if shown != stored:
        missing = [f for f in stored if f not in shown]
        extra = [f for f in shown if f not in stored]
        raise SystemExit(f"FAIL: the page's findings differ from the dataset's ({len(shown)} shown, {len(stored)} stored): "
                         f"missing {missing[:3]}, extra {extra[:3]}")
    print(f"ok: all {len(stored)} findings are on the page, with rule, severity, message, page:line and text")


def check_hostile(dom, db):
    text = "".join(dom.text)
    for literal in ("<script>alert(1)</script>", "&amp;", HOSTILE):
        if literal not in text:
            raise SystemExit(f"FAIL: {literal!r} is not shown as text")
    expected_title = "数据集概览 Dataset dashboard — " + db
    if dom.title != expected_title:
        raise SystemExit(f"FAIL: the title is {dom.title!r}, not {expected_title!r}: a script of the report ran?")
    images = [a for t, a in dom.tags if t == "img"]
    scripts = [a for t, a in dom.tags if t == "script"]
    handlers = [(t, k) for t, a in dom.tags for k in a if k.startswith("on")]
    if images or len(scripts) != 1 or handlers:
        raise SystemExit(f"FAIL: elements from the report: img {images}, scripts {len(scripts)}, handlers {handlers}")
    if not any(t == "table" and a.get("data-script") == "ready" for t, a in dom.tags):
        raise SystemExit("FAIL: the page's own script did not run (the CSP should let it by its hash)")
    print("ok: the hostile text shows literally, no script of it ran, and the page's own script did")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--jixiao", required=True)
    ap.add_argument("--shared-dir", default="")
    ap.add_argument("--keep", help="write the dataset, the page and the screenshot here and keep them")
    args = ap.parse_args()
    browser.chromium()  # exit 77 now when it is missing

    with tempfile.TemporaryDirectory(prefix="jixiao-dashboard-") as tmp:
        work = args.keep or tmp
        os.makedirs(work, exist_ok=True)
        db, page, png = (os.path.join(work, n) for n in ("reports.sqlite", "dashboard.html", "dashboard.png"))
        if os.path.exists(db):
            os.remove(db)
        hostile = os.path.join(work, "hostile.txt")
        hostile_report(hostile)
        run([args.jixiao, "corpus", "build", *dataset_inputs(args.shared_dir), hostile, "--db", db, "-j", "2", "-q"])
        run([args.jixiao, "corpus", "report", "--db", db, "-o", page])
        print(f"page: {os.path.getsize(page)} bytes")

        browser.screenshot(page, png, width=1280, height=2400)
        ink = browser.ink_share(png)
        if ink < INK_FLOOR:
            raise SystemExit(f"FAIL: the screenshot is blank ({ink:.3f} of its pixels inked, floor {INK_FLOOR})")
        print(f"ok: the screenshot inks {ink:.1%} of its pixels")

        dom = DomReader()
        dom.feed(browser.dump_dom(page))
        documents = export_table(args.jixiao, db, "documents")
        check_documents(dom, documents)
        check_findings(dom, documents, export_table(args.jixiao, db, "findings"))
        check_hostile(dom, db)
    return 0


if __name__ == "__main__":
    sys.exit(main())
