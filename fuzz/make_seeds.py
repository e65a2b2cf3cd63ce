#!/usr/bin/python3
"""Writes the seed corpora of the fuzz targets added for issue 12
(fuzz/corpus/{pdf,layout,text_table,statement,archive}/). Deterministic:
running it again rewrites the same bytes. Standard library only.

  fuzz/make_seeds.py            # from the repository root or anywhere

pdf:        small uncompressed PDFs written here, so that mutations reach the
            words and the drawing operators: a Type0 font with Identity-H
            encoding, not embedded, whose ToUnicode map sends each two-byte
            code to the code point of the same value (text is UTF-16BE in
            hex strings), a Helvetica page, rulings stroked and filled.
layout:     byte strings for layout_fuzz's decoder (any bytes decode).
text_table: the inputs of tests/extract/text_tables/*.test.
statement:  the inputs of tests/normalize/statements/*.test and a few prose
            lines, behind the flag byte ('0': no results table, '1': one).
archive:    zip, tar and tar.gz files holding reports, resource forks, a
            nested archive, a GBK member name, a streamed zip.
"""

import gzip
import io
import os
import random
import tarfile
import zipfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CORPUS = os.path.join(ROOT, "fuzz", "corpus")


def write(target, name, data):
    folder = os.path.join(CORPUS, target)
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, name), "wb") as f:
        f.write(data)


# ---------------------------------------------------------------- pdf ---

class Page:
    """Drawing operations in PDF user space (y up from the bottom)."""

    def __init__(self, width=595, height=842, rotate=0):
        self.width, self.height, self.rotate = width, height, rotate
        self.ops = []

    def text(self, x, y, s, size=10, font="F1"):
        if font == "F1":
            hexes = "".join("%04X" % ord(c) for c in s)
            self.ops.append("BT /F1 %g Tf %g %g Td <%s> Tj ET" % (size, x, y, hexes))
        else:
            self.ops.append("BT /F2 %g Tf %g %g Td (%s) Tj ET" % (size, x, y, s))

    def line(self, x0, y0, x1, y1):
        self.ops.append("%g %g m %g %g l S" % (x0, y0, x1, y1))

    def fill(self, x, y, w, h):
        self.ops.append("%g %g %g %g re f" % (x, y, w, h))

    def grid(self, xs, ys, open_below=()):
        """Cell borders, one segment per cell edge; (row, col) in open_below has no bottom edge."""
        for r, y in enumerate(ys):
            for c in range(len(xs) - 1):
                if (r - 1, c) not in open_below:
                    self.line(xs[c], y, xs[c + 1], y)
        for x in xs:
            for r in range(len(ys) - 1):
                self.line(x, ys[r], x, ys[r + 1])


def pdf(pages):
    """A complete PDF with a correct cross-reference table."""
    objects = []  # bodies; object n is objects[n - 1]

    def add(body):
        objects.append(body)
        return len(objects)

    tounicode = ("/CIDInit /ProcSet findresource begin 12 dict begin begincmap "
                 "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def "
                 "/CMapName /Identity-UCS def /CMapType 2 def 1 begincodespacerange <0000> <FFFF> "
                 "endcodespacerange 1 beginbfrange <0000> <FFFF> <0000> endbfrange endcmap "
                 "CMapName currentdict /CMap defineresource pop end end")
    cmap = add("<< /Length %d >>\nstream\n%s\nendstream" % (len(tounicode), tounicode))
    descriptor = add("<< /Type /FontDescriptor /FontName /SimSun /Flags 4 /FontBBox [0 -141 1000 859] "
                     "/ItalicAngle 0 /Ascent 859 /Descent -141 /CapHeight 700 /StemV 80 >>")
    cid = add("<< /Type /Font /Subtype /CIDFontType2 /BaseFont /SimSun "
              "/CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> "
              "/FontDescriptor %d 0 R /DW 1000 /W [32 126 500] >>" % descriptor)
    cjk = add("<< /Type /Font /Subtype /Type0 /BaseFont /SimSun /Encoding /Identity-H "
              "/DescendantFonts [%d 0 R] /ToUnicode %d 0 R >>" % (cid, cmap))
    helvetica = add("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    pages_obj = len(objects) + 1
    objects.append(None)  # the page tree, written once the kids are known
    kids = []
    for p in pages:
        content = "\n".join(p.ops)
        stream = add("<< /Length %d >>\nstream\n%s\nendstream" % (len(content.encode()), content))
        kids.append(add("<< /Type /Page /Parent %d 0 R /MediaBox [0 0 %g %g] /Rotate %d "
                        "/Resources << /Font << /F1 %d 0 R /F2 %d 0 R >> >> /Contents %d 0 R >>"
                        % (pages_obj, p.width, p.height, p.rotate, cjk, helvetica, stream)))
    objects[pages_obj - 1] = "<< /Type /Pages /Kids [%s] /Count %d >>" % (
        " ".join("%d 0 R" % k for k in kids), len(kids))
    catalog = add("<< /Type /Catalog /Pages %d 0 R >>" % pages_obj)

    out = io.BytesIO()
    out.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for n, body in enumerate(objects, 1):
        offsets.append(out.tell())
        out.write(("%d 0 obj\n%s\nendobj\n" % (n, body)).encode())
    xref = out.tell()
    out.write(("xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)).encode())
    for o in offsets:
        out.write(("%010d 00000 n \n" % o).encode())
    out.write(("trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n"
               % (len(objects) + 1, catalog, xref)).encode())
    return out.getvalue()


def table_rows(p, xs, top, rows, height=20, size=10):
    """Writes rows of cells into columns starting at xs, from `top` down."""
    for r, row in enumerate(rows):
        for c, t in enumerate(row):
            if t:
                p.text(xs[c] + 3, top - (r + 1) * height + 6, t, size)


def pdf_seeds():
    # A ruled results table with a merged level-1 cell, and the narrative around it.
    p = Page()
    p.text(60, 790, "某某县文化和旅游局2022年度项目绩效评价报告", 14)
    p.text(60, 760, "一、评价结论")
    p.text(60, 740, "经评价，该项目总分为 81 分，等级为“良”。")
    p.text(60, 720, "一级指标 2 个，二级指标 3 个，三级指标 4 个。")
    xs, ys = [60, 160, 280, 340, 400], [700, 680, 660, 640, 620, 600]
    p.grid(xs, ys, open_below={(1, 0)})
    table_rows(p, xs, 700, [["一级指标", "三级指标", "分值", "得分"], ["投入（20分）", "预算执行率", "12", "10"],
                            ["", "资金到位率", "8", "8"], ["产出（80分）", "产出数量", "80", "63"],
                            ["合计", "", "100", "81"]])
    p.text(60, 560, "（1）预算执行率（指标分值 12 分，评价得分 10 分）。")
    p.text(60, 540, "90 分（含）以上为优秀，80 分（含）至 90 分为良好，60 分以下为差。")
    write("pdf", "ruled-results.pdf", pdf([p]))

    # A table without rulings: columns from how the words line up.
    p = Page()
    p.text(60, 790, "二、绩效指标得分情况")
    xs = [60, 140, 220, 340, 400]
    table_rows(p, xs, 760, [["一级指标", "二级指标", "三级指标", "分值", "得分"],
                            ["决策", "项目立项", "立项依据充分性", "5", "4"],
                            ["", "", "绩效目标合理性", "5", "5"],
                            ["过程", "资金管理", "资金到位率", "10", "9.5"],
                            ["小计", "", "", "20", "18.5"]])
    write("pdf", "stream-table.pdf", pdf([p]))

    # Two pages: a running title, page numbers, a ruled table cut by the page break.
    pages = []
    for n in (1, 2):
        p = Page()
        p.text(200, 815, "某某局整体支出绩效评价报告", 9)
        p.text(280, 30, "— %d —" % n, 9)
        xs = [60, 200, 300, 380]
        if n == 1:
            p.text(60, 770, "预算数 88 万元，执行数 88 万元，执行率 100%。")
            ys = [200, 180, 160, 140, 120]
            p.grid(xs, ys)
            table_rows(p, xs, 200, [["指标", "分值", "得分"], ["项目立项", "5", "4"], ["目标设定(6", "6", "5"],
                                    ["资金到位率", "3", "3"]])
        else:
            ys = [780, 760, 740, 720]
            p.grid(xs, ys)
            table_rows(p, xs, 780, [["指标", "分值", "得分"], ["分)", "", ""], ["合计", "14", "12"]])
            p.text(60, 690, "其中：基本支出 60 万元，项目支出 28 万元。比上年增长 12.5%。")
        pages.append(p)
    write("pdf", "two-pages.pdf", pdf(pages))

    # A self-evaluation form with its budget block, borders drawn as thin filled rectangles (Chromium).
    p = Page()
    p.text(180, 800, "项目支出绩效自评表", 14)
    xs, ys = [40, 140, 240, 320, 400, 460, 520], [770, 750, 730, 710, 690]
    for y in ys:
        p.fill(xs[0], y - 0.4, xs[-1] - xs[0], 0.75)
    for x in xs:
        p.fill(x - 0.4, ys[-1], 0.75, ys[0] - ys[-1])
    table_rows(p, xs, 770, [["项目名称", "某某项目", "", "", "", ""],
                            ["资金（万元）", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
                            ["年度资金总额", "100", "95", "10", "95%", "9.5"],
                            ["自评等级", "优", "", "", "", ""]])
    write("pdf", "form-filled-rules.pdf", pdf([p]))

    # Helvetica (a standard font, no ToUnicode) and a landscape page turned by /Rotate.
    p = Page(842, 595, rotate=90)
    p.text(60, 540, "Total 81 / 100, 2021-2022, 12.5%", 10, font="F2")
    xs, ys = [60, 160, 260], [500, 480, 460]
    p.grid(xs, ys)
    table_rows(p, xs, 500, [["A", "20"], ["B", "13"]])
    write("pdf", "helvetica-rotated.pdf", pdf([p]))

    # A page drawn through a scaling and a translation (cm), text under a text matrix.
    p = Page()
    p.ops.append("q 0.5 0 0 0.5 30 400 cm")
    p.grid([0, 200, 400], [400, 360, 320])
    p.ops.append("BT /F1 20 Tf 1 0 0 1 10 370 Tm <5F97520600200038003500205206> Tj ET Q")
    p.text(60, 300, "三公经费 2 万元，完成年初预算的 7.9%。")
    write("pdf", "transformed.pdf", pdf([p]))


# ---------------------------------------------------------------- layout ---

def layout_seeds():
    rng = random.Random(12)
    for k in range(8):
        write("layout", "seed-%02d.bin" % k, bytes(rng.randrange(256) for _ in range(rng.choice([64, 256, 1024]))))


# ------------------------------------------------------- text_table, statement ---

def test_inputs(folder):
    """The input part of each .test file: after the leading # comments, before ----."""
    out = []
    for name in sorted(os.listdir(folder)):
        if not name.endswith(".test"):
            continue
        with open(os.path.join(folder, name), encoding="utf-8") as f:
            lines = f.read().split("\n")
        while lines and lines[0].startswith("#"):
            lines.pop(0)
        body = lines[:lines.index("----")] if "----" in lines else lines
        out.append((name[:-5], "\n".join(body) + "\n"))
    return out


def text_seeds():
    for name, text in test_inputs(os.path.join(ROOT, "tests", "extract", "text_tables")):
        write("text_table", name + ".txt", text.encode())
    for name, text in test_inputs(os.path.join(ROOT, "tests", "normalize", "statements")):
        write("statement", name + ".txt", b"0" + text.encode())
    prose = ("1.项目立项（指标分值 5 分，评价得分 4 分）\n"
             "投入指标满分为 20 分，评价得分为 13 分。\n"
             "决策、过程、产出、效益四类一级指标分别得分 13 分、22 分、35 分、17 分。\n"
             "（一）投入指标评价结果\n"
             "预算单位：某某县文化和旅游局\n"
             "项目总预算 47213.5 万元。其中，基本支出 1441.00 万元（人员经费 1284.62 万元、公用经费 156.38 万元）。\n"
             "一次性发放丧葬补助金600元，共为2635名死亡人员遗属发放丧葬补助金158万元。\n"
             "2020年“三公”经费预算比2019年增加2.54万元，比上年下降 3.5%。\n"
             "综合得分≥90 分为“优”，80 分≤综合得分＜90 分为“良”。\n")
    write("statement", "prose-no-table.txt", b"0" + prose.encode())
    write("statement", "prose-with-table.txt", b"1" + prose.encode())


# ---------------------------------------------------------------- archive ---

REPORT = "总分为 81 分，等级为“良”。\n".encode()


class Unseekable(io.RawIOBase):
    """A stream zipfile cannot seek back in: it writes data descriptors (a streamed zip)."""

    def __init__(self):
        self.data = bytearray()

    def writable(self):
        return True

    def write(self, b):
        self.data += b
        return len(b)


def fixed(info):
    info.date_time = (2022, 1, 1, 0, 0, 0)
    return info


class RawName(zipfile.ZipInfo):
    """A member whose name is stored as the given bytes, without the UTF-8 flag (a Windows zip)."""

    def __init__(self, raw):
        super().__init__(raw.decode("latin-1"))
        self.raw = raw

    def _encodeFilenameFlags(self):
        return self.raw, self.flag_bits


def zip_bytes(members, compression=zipfile.ZIP_DEFLATED, stream=None):
    sink = stream if stream is not None else io.BytesIO()
    with zipfile.ZipFile(sink, "w", compression) as z:
        for name, data in members:
            info = fixed(RawName(name) if isinstance(name, bytes) else zipfile.ZipInfo(name))
            info.compress_type = compression
            z.writestr(info, data)
    return bytes(stream.data) if stream is not None else sink.getvalue()


def tar_bytes(members, mode="w"):
    tarfile.RECORDSIZE = tarfile.BLOCKSIZE  # no padding to 10 KiB: the end-of-archive blocks only
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode=mode, format=tarfile.GNU_FORMAT) as t:
        for name, data in members:
            info = tarfile.TarInfo(name)
            info.mtime = 1640995200
            if data is None:
                info.type = tarfile.DIRTYPE
                t.addfile(info)
            else:
                info.size = len(data)
                t.addfile(info, io.BytesIO(data))
    return buf.getvalue()


def archive_seeds():
    nested = zip_bytes([("inner.txt", REPORT)])
    write("archive", "reports.zip", zip_bytes([
        ("a.txt", REPORT), ("2020/b.PDF", b"%PDF-1.4 not really\n%%EOF\n"), ("notes.doc", b"x"),
        ("__MACOSX/._a.txt", b"\0\5\26\7"), ("2020/._c.txt", b"fork"), ("nested.zip", nested),
        ("dup.txt", b"first"), ("dup.txt", b"second"), ("c.text", b"")]))
    write("archive", "stored.zip", zip_bytes([("a.txt", REPORT), ("b.txt", REPORT * 2)], zipfile.ZIP_STORED))
    write("archive", "streamed.zip", zip_bytes([("a.txt", REPORT), ("b.txt", b"2")], stream=Unseekable()))
    write("archive", "gbk-name.zip", zip_bytes([("报告.txt".encode("gbk"), REPORT)]))
    members = [("./", None), ("./2020/", None), ("./2020/a.txt", REPORT), ("./b.pdf", b"%PDF-"),
               ("./skip.xlsx", b"x"), ("/abs.txt", b"abs")]
    write("archive", "reports.tar", tar_bytes(members))
    # gzip with a fixed mtime, so the bytes do not change from run to run.
    write("archive", "reports.tar.gz", gzip.compress(tar_bytes(members), mtime=0))
    whole = zip_bytes([("a.txt", REPORT), ("b.txt", REPORT)])
    write("archive", "truncated.zip", whole[:len(whole) * 2 // 3])


if __name__ == "__main__":
    pdf_seeds()
    layout_seeds()
    text_seeds()
    archive_seeds()
