#!/usr/bin/env python3
"""Hostile inputs against the built `jixiao check`: each ends in a correct
result or a clear error, within 10 s and 500 MB (issue 12).

Every case generates its input in a fresh temporary folder (nothing big is
committed), runs `jixiao check --format json` under /usr/bin/time, and checks
the exit code, what stderr says, and what the JSON holds. The time and memory
bounds are asserted in a plain build only: under AddressSanitizer the same
work takes several times the time and memory (--sanitized), and the cases
marked `big` are skipped there, saying so.

    tests/hostile/hostile_test.py --jixiao build/cli/jixiao [--sanitized] [--case NAME]
    tests/hostile/hostile_test.py --list          # the case names (ctest runs one test per case)
"""

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import threading
import time

SECONDS = 10.0
MEGABYTES = 500
HERE = os.path.dirname(os.path.abspath(__file__))
SAMPLES = os.path.join(HERE, "..", "..", "samples")
SAMPLE_WITH_ERRORS = os.path.join(SAMPLES, "qinghe-wenlv-2022-errors.txt")


# ---- inputs ---------------------------------------------------------------

def write(path, text, encoding="utf-8"):
    with open(path, "wb") as f:
        f.write(text.encode(encoding) if isinstance(text, str) else text)
    return path


def budget_parts(d, n=20000):
    parts = "，".join(f"项目{i}支出{i % 97 + 1}万元" for i in range(n))
    return write(f"{d}/parts.txt", "某单位2021年度部门整体支出绩效评价报告\n预算资金共计100万元，其中" + parts + "。\n")


def score_rows(d, n=50000):
    rows = ["一级指标|二级指标|三级指标|分值|得分"] + [f"产出|数量指标|指标{i}|2|1.5" for i in range(n)]
    return write(f"{d}/rows.txt", "某项目绩效评价报告\n" + "\n".join(rows) + "\n")


CLAUSE = "预算资金120万元，评价得分85分，执行率95%，"


def clause_line(d, size=128 * 1024):
    return write(f"{d}/clause.txt", CLAUSE * (size // len(CLAUSE.encode())) + "\n")


def repeated_lines(d):
    return write(f"{d}/repeated.txt", "\n".join(["预算资金120万元，" * 24] * 200) + "\n")


def sparse_file(d, size):
    path = f"{d}/huge.txt"
    with open(path, "wb") as f:
        f.truncate(size)
    return path


def short_lines(d, n):
    return write(f"{d}/short.txt", "".join(f"第{i}行\n" for i in range(n)))


def newlines(d, size):
    with open(f"{d}/newlines.txt", "wb") as f:
        chunk = b"\n" * (1 << 20)
        for _ in range(size >> 20):
            f.write(chunk)
    return f"{d}/newlines.txt"


def dense_statements(d, size=15 << 20):
    line = CLAUSE * 12 + "\n"
    return write(f"{d}/dense.txt", line * (size // len(line.encode())))


def one_long_line(d, size=15 << 20):
    return write(f"{d}/oneline.txt", CLAUSE * (size // len(CLAUSE.encode())) + "\n")


def pdf_file(d, name, content):
    """A one-page PDF with one Helvetica font and `content` as its content stream."""
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
            b"/Resources << /Font << /F1 5 0 R >> >> >>",
            b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    out, offsets = b"%PDF-1.4\n", []
    for i, o in enumerate(objs):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % (i + 1) + o + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref)
    return write(f"{d}/{name}", out)


def scattered_text_objects(d, n=100000):
    rng = random.Random(1)
    ops = [b"BT /F1 1 Tf %.2f %.2f Td (%d) Tj ET" % (rng.uniform(10, 580), rng.uniform(10, 830), i % 10)
           for i in range(n)]
    return pdf_file(d, "scattered.pdf", b"\n".join(ops))


def sample_bytes():
    with open(SAMPLE_WITH_ERRORS, "rb") as f:
        return f.read()


def stray_nul(d):
    data = sample_bytes()
    middle = data.index("\n".encode(), len(data) // 2) + 1
    data = data[:middle] + b"\0" + data[middle:]
    if len(data) % 2:
        data += b"\n"
    return write(f"{d}/nul.txt", data)


def utf16_unpaired_surrogate(d):
    data = sample_bytes().decode("utf-8").encode("utf-16-le")
    middle = (len(data) // 4) * 2
    return write(f"{d}/surrogate.txt", data[:middle] + b"\x00\xd8" + data[middle:])


def mentions_pdf_header(d):
    text = "本报告附件另以 %PDF-1.7 格式报送。\n" + sample_bytes().decode("utf-8")
    return write(f"{d}/mentions-pdf.txt", text)


def fifo(d):
    path = f"{d}/pipe.txt"
    os.mkfifo(path)
    return path


def growing_file(d):
    """A file another process keeps appending to while jixiao reads it."""
    path = write(f"{d}/growing.txt", CLAUSE * 1000 + "\n")
    stop = threading.Event()

    def grow():
        with open(path, "ab") as f:
            while not stop.is_set():
                f.write((CLAUSE * 4096 + "\n").encode())
    thread = threading.Thread(target=grow, daemon=True)
    thread.start()
    time.sleep(0.3)
    return path, lambda: (stop.set(), thread.join())


# ---- expectations ------------------------------------------------------------

def rules(doc, severity=None):
    return [f["rule"] for f in doc["findings"] if severity is None or f["severity"] == severity]


def has(rule):
    return lambda doc, ctx: rule in rules(doc) or f"no {rule} finding"


def no_errors(doc, ctx):
    return not rules(doc, "error") or f"errors: {rules(doc, 'error')[:5]}"


def indicators(n):
    return lambda doc, ctx: len(doc["indicators"]) == n or f"{len(doc['indicators'])} indicators, not {n}"


def same_errors_as_clean(doc, ctx):
    got = sorted((f["rule"], f.get("stated"), f.get("computed")) for f in doc["findings"] if f["severity"] == "error")
    return got == ctx["clean_errors"] or f"errors differ from the clean sample's: {got[:3]} vs {ctx['clean_errors'][:3]}"


def all_of(*checks):
    def run(doc, ctx):
        for c in checks:
            r = c(doc, ctx)
            if r is not True:
                return r
        return True
    return run


# name, input, exit codes, stderr must contain, JSON check, big (skipped under sanitizers)
CASES = [
    ("budget-parts-20000", budget_parts, {0, 1}, None, has("input.limit"), False),
    ("score-rows-50000", score_rows, {0, 1}, None, indicators(50002), False),
    ("clause-line-128KB", clause_line, {0, 1}, None, all_of(has("input.limit"), no_errors), False),
    ("repeated-clause-200-lines", repeated_lines, {0}, None, no_errors, False),
    ("single-line-200MB", lambda d: sparse_file(d, 200 << 20), {2}, "max_text_bytes", None, False),
    ("short-lines-1M", lambda d: short_lines(d, 1_000_000), {2}, "max_lines", None, False),
    ("short-lines-150k", lambda d: short_lines(d, 150_000), {0}, None, None, False),
    ("newlines-48MB", lambda d: newlines(d, 48 << 20), {2}, "max_text_bytes", None, False),
    ("dense-statements-15MB", dense_statements, {0, 1}, None, has("input.limit"), True),
    ("one-line-15MB", one_long_line, {0, 1}, None, all_of(has("input.limit"), no_errors), True),
    ("dev-zero", lambda d: "/dev/zero", {2}, "not a regular file (a character device)", None, False),
    ("dev-urandom", lambda d: "/dev/urandom", {2}, "not a regular file (a character device)", None, False),
    ("named-pipe", fifo, {2}, "not a regular file (a named pipe)", None, False),
    ("growing-file", growing_file, {2}, "max_text_bytes", None, False),
    ("pdf-100k-text-objects", scattered_text_objects, {0, 1}, None, has("input.limit"), False),
    ("utf8-stray-nul", stray_nul, {1}, None, all_of(same_errors_as_clean, has("input.repaired")), False),
    ("utf16-unpaired-surrogate", utf16_unpaired_surrogate, {2}, "unpaired surrogate in UTF-16LE", None, False),
    ("text-mentions-pdf-header", mentions_pdf_header, {1}, None, same_errors_as_clean, False),
]


# ---- runner -------------------------------------------------------------------

def run_case(jixiao, case, ctx, sanitized, workdir):
    name, make, codes, stderr_has, check, big = case
    if big and sanitized:
        return "skip", "a big input: under sanitizers its time proves nothing and takes minutes"
    made = make(workdir)
    path, cleanup = made if isinstance(made, tuple) else (made, None)
    timing = os.path.join(workdir, "time.txt")
    cmd = ["/usr/bin/time", "-f", "%e %M", "-o", timing, jixiao, "check", "--format", "json", path]
    try:
        proc = subprocess.run(cmd, capture_output=True, timeout=120)
    except subprocess.TimeoutExpired:
        return "fail", "did not finish in 120 s"
    finally:
        if cleanup:
            cleanup()
    with open(timing) as f:
        last = f.read().split("\n")
    fields = [l for l in last if l.strip()][-1].split()
    seconds, megabytes = float(fields[0]), int(fields[1]) / 1024
    stderr = proc.stderr.decode("utf-8", "replace")
    problems = []
    if proc.returncode not in codes:
        problems.append(f"exit {proc.returncode}, expected {sorted(codes)}: {stderr.strip()[:300]}")
    if proc.returncode < 0 or "Sanitizer" in stderr or "runtime error" in stderr:
        problems.append(f"crashed: {stderr.strip()[-500:]}")
    if stderr_has and stderr_has not in stderr:
        problems.append(f"stderr lacks {stderr_has!r}: {stderr.strip()[:300]}")
    if stderr_has and proc.returncode == 2 and path not in stderr:
        problems.append(f"the message does not name the file: {stderr.strip()[:300]}")
    if check and proc.returncode in (0, 1):
        result = check(json.loads(proc.stdout), ctx)
        if result is not True:
            problems.append(result)
    if not sanitized and seconds > SECONDS:
        problems.append(f"took {seconds:.1f} s (bound {SECONDS:.0f} s)")
    if not sanitized and megabytes > MEGABYTES:
        problems.append(f"took {megabytes:.0f} MB (bound {MEGABYTES} MB)")
    detail = f"{seconds:.2f} s, {megabytes:.0f} MB, exit {proc.returncode}"
    return ("fail", detail + ": " + "; ".join(problems)) if problems else ("ok", detail)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--jixiao")
    ap.add_argument("--sanitized", action="store_true", help="a sanitizer build: no time and memory bounds")
    ap.add_argument("--case", default="", help="only this case")
    ap.add_argument("--list", action="store_true", help="print the case names")
    args = ap.parse_args()
    if args.list:
        print("\n".join(c[0] for c in CASES))
        return 0
    if not args.jixiao:
        ap.error("--jixiao is required")
    if args.case and args.case not in [c[0] for c in CASES]:
        ap.error(f"no case {args.case!r}")
    if not os.path.exists("/usr/bin/time"):
        print("SKIP: /usr/bin/time is missing (Debian package 'time'; scripts/setup installs it)")
        return 0
    clean = subprocess.run([args.jixiao, "check", "--format", "json", SAMPLE_WITH_ERRORS], capture_output=True)
    doc = json.loads(clean.stdout)
    ctx = {"clean_errors": sorted((f["rule"], f.get("stated"), f.get("computed"))
                                  for f in doc["findings"] if f["severity"] == "error")}
    assert ctx["clean_errors"], "the sample with errors has no error finding: the NUL cases would prove nothing"
    failed, skipped = 0, False
    for case in CASES:
        if args.case and args.case != case[0]:
            continue
        with tempfile.TemporaryDirectory(prefix="jixiao-hostile-") as workdir:
            status, detail = run_case(args.jixiao, case, ctx, args.sanitized, workdir)
        print(f"{status.upper():4}  {case[0]}: {detail}", flush=True)
        failed += status == "fail"
        skipped = status == "skip"
    if args.case and skipped:
        return 77  # ctest's SKIP_RETURN_CODE
    print(f"{failed} hostile case(s) failed" if failed else "no hostile case failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
