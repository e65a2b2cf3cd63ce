#!/usr/bin/env bash
# OCR through the built jixiao (issue 14), on image-only PDFs made here at
# test time in WORKDIR (the build tree), never checked in:
#
#   - a blank white A4 page and a "photo" with no text (gradients, shapes,
#     grain, drawn with PIL): `jixiao check` ends with exit 2 and says that
#     nothing readable was found, rather than guessing at text;
#   - the blank page with --ocr never: exit 2, and the message says OCR is off;
#   - the blank page with JIXIAO_OCR_MODULE naming no file: exit 2, "OCR is
#     not available" and where it looked; a text PDF loads no Tesseract;
#   - a scan (scripts/make-scan, 300 dpi) of the two results-table pages of
#     tests/data/pdf/qinghe-wenlv-2022.pdf: read by OCR into a score tree.
#
#   tests/cli/ocr_cli_test.sh JIXIAO WORKDIR
#
# Needs /usr/bin/python3 with PIL (python3-pil), img2pdf, poppler-utils and strace,
# which scripts/setup installs: without them the test fails and says which.
set -euo pipefail
if [ $# -ne 2 ]; then
  echo "usage: $0 JIXIAO WORKDIR" >&2
  exit 2
fi
jixiao=$(realpath "$1")
work=$2
repo=$(cd "$(dirname "$0")/../.." && pwd)

fail() {
  echo "FAIL: ocr_cli_test: $*" >&2
  exit 1
}
for tool in img2pdf pdftoppm pdffonts strace; do
  command -v "$tool" >/dev/null || fail "$tool is not installed (img2pdf, poppler-utils, strace; scripts/setup)"
done
/usr/bin/python3 -c "import PIL" 2>/dev/null || fail "PIL for /usr/bin/python3 is not installed (python3-pil)"

rm -rf "$work"
mkdir -p "$work"

# The pictures, drawn the same on every run (seeded).
/usr/bin/python3 - "$work" <<'PY'
import math, os, random, sys
from PIL import Image, ImageDraw, ImageFilter

work = sys.argv[1]
# A blank white A4 page at 300 dpi.
Image.new("L", (2480, 3508), 255).save(os.path.join(work, "blank.png"), dpi=(300, 300))

# A "photo" without text, A4 at 150 dpi: a sky graded from blue to haze, a
# sun, two mountain ranges, a lake graded the other way, trees, grain.
rng = random.Random(14)
w, h = 1240, 1754
photo = Image.new("RGB", (w, h))
px = ImageDraw.Draw(photo)
for y in range(h):
    t = y / h
    if y < h * 0.55:
        c = (int(70 + 150 * t), int(120 + 110 * t), int(200 + 40 * t))
    else:
        c = (int(40 + 60 * (1 - t)), int(80 + 50 * (1 - t)), int(110 + 60 * (1 - t)))
    px.line([(0, y), (w, y)], fill=c)
for r in range(160, 0, -4):  # the sun, brighter to its centre
    k = r / 160
    px.ellipse((880 - r, 300 - r, 880 + r, 300 + r), fill=(255, int(240 - 60 * k), int(200 - 150 * k)))
for base, colour, amp in ((820, (90, 100, 120), 220), (960, (50, 75, 60), 160)):
    pts = [(0, h * 0.55)]
    for x in range(0, w + 40, 40):
        pts.append((x, base - amp * abs(math.sin(x / 170 + rng.random() * 0.3)) - rng.randint(0, 40)))
    pts.append((w, h * 0.55))
    px.polygon(pts, fill=colour)
for _ in range(40):  # trees on the near shore
    x, y, s = rng.randint(0, w), rng.randint(900, 990), rng.randint(25, 60)
    px.polygon([(x, y - 3 * s), (x - s, y), (x + s, y)], fill=(20, 60 + rng.randint(0, 40), 30))
for _ in range(25):  # ripples
    y = rng.randint(1000, h - 20)
    x = rng.randint(0, w - 200)
    px.ellipse((x, y, x + rng.randint(80, 300), y + rng.randint(4, 10)), outline=(150, 170, 190), width=2)
photo = photo.filter(ImageFilter.GaussianBlur(1.5))
grain = Image.frombytes("L", (w, h), rng.randbytes(w * h)).convert("RGB")  # grain over the picture
photo = Image.blend(photo, grain, 0.12)
photo.save(os.path.join(work, "photo.jpg"), "JPEG", quality=88, dpi=(150, 150))
PY
img2pdf --nodate --engine internal --imgsize 300dpi -o "$work/blank.pdf" "$work/blank.png"
img2pdf --nodate --engine internal --imgsize 150dpi -o "$work/photo.pdf" "$work/photo.jpg"
for f in blank photo; do
  [ -z "$(pdffonts "$work/$f.pdf" | tail -n +3)" ] || fail "$f.pdf has fonts: it is not image-only"
done

# Runs jixiao with the rest of the arguments; sets $status, $out and $err.
run() {
  status=0
  "$jixiao" "$@" >"$work/out" 2>"$work/err" || status=$?
  out=$(cat "$work/out")
  err=$(cat "$work/err")
}

for f in blank photo; do
  start=$EPOCHREALTIME
  run check "$work/$f.pdf"
  seconds=$(awk -v a="$start" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.1f", b - a }')
  [ "$status" -eq 2 ] || fail "check $f.pdf exited $status, not 2 (stdout: ${out:0:500}; stderr: ${err:0:500})"
  grep -q "nothing readable" <<<"$out$err" ||
    fail "check $f.pdf does not say that nothing readable was found: ${err:0:500} ${out:0:500}"
  echo "ok: check $f.pdf: exit 2 in ${seconds} s: $err"
done

run check --ocr never "$work/blank.pdf"
[ "$status" -eq 2 ] || fail "check --ocr never blank.pdf exited $status, not 2"
grep -q "OCR is off" <<<"$out$err" || fail "check --ocr never blank.pdf does not say OCR is off: ${err:0:500}"
grep -q "nothing readable" <<<"$out$err" && fail "check --ocr never blank.pdf says OCR read the page: $err"
echo "ok: check --ocr never blank.pdf: exit 2: $err"

# OCR is a module loaded on first use (extract/src/ocr_module.h). Without
# it a scan is a clear error naming what was looked for, exit 2; a text PDF
# never loads it, so never loads Tesseract.
JIXIAO_OCR_MODULE="$work/no-such-module.so" run check "$work/blank.pdf"
[ "$status" -eq 2 ] || fail "check blank.pdf without the OCR module exited $status, not 2"
grep -q "OCR is not available" <<<"$err" || fail "without the OCR module the error does not say so: ${err:0:500}"
grep -q "no-such-module.so" <<<"$err" || fail "without the OCR module the error does not name where it looked: ${err:0:500}"
echo "ok: check blank.pdf without the OCR module: exit 2: $err"
strace -f -e trace=openat -o "$work/strace" "$jixiao" check "$repo/tests/data/pdf/qinghe-wenlv-2022.pdf" \
  >/dev/null 2>&1 || true
grep -q "libtesseract" "$work/strace" && fail "reading a text PDF loaded libtesseract"
grep -q "libjixiao_ocr" "$work/strace" && fail "reading a text PDF loaded the OCR module"
echo "ok: a text PDF is read without loading the OCR module or Tesseract"

# A scan of our own report's results table (pages 8-9 of the Qinghe PDF).
"$repo/scripts/make-scan" "$repo/tests/data/pdf/qinghe-wenlv-2022.pdf" "$work/qinghe-table-scan.pdf" \
  --dpi 300 --first 8 --last 9
start=$EPOCHREALTIME
run check --format json "$work/qinghe-table-scan.pdf"
seconds=$(awk -v a="$start" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.1f", b - a }')
[ "$status" -eq 0 ] || [ "$status" -eq 1 ] ||
  fail "check --format json of the scan exited $status (stderr: ${err:0:500})"
python3 - "$work/out" <<'PY' || fail "the scan's JSON is not what it should be (above)"
import json, sys
doc = json.load(open(sys.argv[1], encoding="utf-8"))
src = doc["source"]
problems = []
if src.get("format") != "pdf" or src.get("pages") != 2:
    problems.append(f"source is {src}, not a 2-page PDF")
if not doc["indicators"]:
    problems.append("OCR read no indicator from the results table")
for p in problems:
    print("  " + p)
sys.exit(1 if problems else 0)
PY
echo "ok: check --format json of a 2-page scan of the results table in ${seconds} s"
