#!/usr/bin/env python3
"""Compares two jixiao datasets (SQLite) row for row.

    tests/corpus/compare_db.py A.sqlite B.sqlite [--max-diffs N] [--strict]

Every table of either database (sqlite_* tables aside) is compared: the same
tables with the same columns, and the same rows, matched by primary key (all
columns for a table without one) and read in key order. The time a document
was processed is not part of its identity and is ignored: the column
documents.processed_at and the "processed_at" member of the JSON record in
documents.record. Prints every difference (up to --max-diffs per table) and
exits 0 when the datasets are equal, 1 when they differ, 2 on a usage or
database error.

--strict compares the processing times too: a re-run that processed nothing
new leaves even those unchanged.

--subset checks instead that A is a consistent part of B, as a build killed
midway leaves it: every row of A is in B and equal, and every document of A
has all of its rows of B (indicators, amounts, counts, findings, budget_lines,
project_results, ocr_pages): no half-written document. A may lack whole documents, and paths (a duplicate
found later), and tables (killed before the schema was written). A document
of A may still hold the record of a larger path of it that B replaced with
its smallest path's record; apart from the path, it must be equal.
"""

import argparse
import json
import re
import sqlite3
import sys

IGNORED_COLUMNS = {("documents", "processed_at"), ("input_errors", "processed_at")}
JSON_COLUMNS = {("documents", "record"): ("processed_at",)}  # members dropped before comparing
# Rows that belong to one document (keyed by its sha256): all or none of them.
DOCUMENT_ROWS = ("indicators", "amounts", "counts", "findings", "budget_lines", "project_results", "ocr_pages")


def open_ro(path):
    try:
        db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        db.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return db
    except sqlite3.Error as e:
        print(f"compare_db: {path}: {e}", file=sys.stderr)
        sys.exit(2)  # not 1, which means "different"


def tables(db):
    rows = db.execute("SELECT name FROM sqlite_master WHERE type = 'table' "
                      "AND name NOT LIKE 'sqlite_%' ORDER BY name")
    return [r[0] for r in rows]


def columns(db, table):
    """[(name, pk position or 0)] in declaration order."""
    return [(r[1], r[5]) for r in db.execute(f'PRAGMA table_info("{table}")')]


def normalise(table, col, value, strict):
    drop = None if strict else JSON_COLUMNS.get((table, col))
    if drop and isinstance(value, str):
        # A textual edit, not a JSON round trip: records are large and both
        # sides come from the same writer, so equal records stay equal.
        for member in drop:
            value = re.sub(r'"%s"\s*:\s*(?:"[^"]*"|null)' % re.escape(member), f'"{member}":null', value)
    return value


def rows_by_key(db, table, cols, strict):
    """{primary key tuple: row tuple of the compared columns}, read in key order."""
    keep = [c for c, _ in cols if strict or (table, c) not in IGNORED_COLUMNS]
    pk = [c for c, pos in sorted(cols, key=lambda c: c[1]) if pos > 0] or keep
    quoted = lambda names: ", ".join(f'"{n}"' for n in names)
    out, seen = {}, {}
    for row in db.execute(f'SELECT {quoted(pk)}, {quoted(keep)} FROM "{table}" ORDER BY {quoted(pk)}'):
        key, values = row[:len(pk)], row[len(pk):]
        values = tuple(normalise(table, c, v, strict) for c, v in zip(keep, values))
        if pk is keep:  # no primary key: equal rows are told apart by their occurrence
            seen[key] = seen.get(key, 0) + 1
            key = key + (seen[key],)
        out[key] = values
    return keep, out


def superseded(b, names, row_a, row_b):
    """Whether documents row_a is the record B held before its final one: the
    same document read under a larger path of it, which a later, smaller path
    replaced (a build keeps the record of a document's smallest path). Apart
    from the path, in the column and inside the record, the rows are equal."""
    col = names.index("path")
    path_a, path_b = row_a[col], row_b[col]
    if not (isinstance(path_a, str) and isinstance(path_b, str) and path_b < path_a):
        return False
    sha = row_a[names.index("sha256")]
    if not b.execute("SELECT 1 FROM paths WHERE sha256 = ? AND path = ?", (sha, path_a)).fetchone():
        return False
    quoted_a, quoted_b = (json.dumps(p, ensure_ascii=False)[1:-1] for p in (path_a, path_b))
    moved = tuple(path_b if i == col else v.replace(quoted_a, quoted_b) if isinstance(v, str) else v
                  for i, v in enumerate(row_a))
    return moved == row_b


def short(value, limit=160):
    text = repr(value)
    return text if len(text) <= limit else text[:limit] + "…"


def compare(path_a, path_b, max_diffs, strict, subset):
    a, b = open_ro(path_a), open_ro(path_b)
    diffs = 0
    ta, tb = set(tables(a)), set(tables(b))
    for t in sorted(ta ^ tb):
        if subset and t in tb:
            continue
        print(f"table {t}: only in {path_a if t in ta else path_b}")
        diffs += 1
    docs_a = set()
    if subset and "documents" in ta:
        docs_a = {r[0] for r in a.execute("SELECT sha256 FROM documents")}
    for t in sorted(ta & tb):
        ca, cb = columns(a, t), columns(b, t)
        if ca != cb:
            print(f"table {t}: columns differ:\n  A {ca}\n  B {cb}")
            diffs += 1
            continue
        names, ra = rows_by_key(a, t, ca, strict)
        _, rb = rows_by_key(b, t, cb, strict)
        shown = 0
        table_diffs = 0

        def say(msg):
            nonlocal shown
            if shown < max_diffs:
                print(msg)
            shown += 1

        for key in sorted(ra.keys() | rb.keys(), key=repr):
            if key not in rb:
                say(f"table {t}: key {short(key)} only in A: {short(ra[key])}")
            elif key not in ra:
                if subset and (t not in DOCUMENT_ROWS or key[0] not in docs_a):
                    continue  # a document (or path) the killed build had not reached
                say(f"table {t}: key {short(key)} only in B: {short(rb[key])}"
                    + (" (a document of A without all its rows)" if subset else ""))
            elif ra[key] != rb[key]:
                if subset and t == "documents" and superseded(b, names, ra[key], rb[key]):
                    continue
                changed = [f"{n}: A {short(x)} B {short(y)}"
                           for n, x, y in zip(names, ra[key], rb[key]) if x != y]
                say(f"table {t}: key {short(key)} differs: " + "; ".join(changed))
            else:
                continue
            table_diffs += 1
        if table_diffs > max_diffs:
            print(f"table {t}: … {table_diffs - max_diffs} more differences")
        if table_diffs:
            print(f"table {t}: {len(ra)} rows in A, {len(rb)} rows in B, {table_diffs} differ")
        diffs += table_diffs
    return diffs


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("a")
    ap.add_argument("b")
    ap.add_argument("--max-diffs", type=int, default=10)
    ap.add_argument("--strict", action="store_true", help="compare processing times too")
    ap.add_argument("--subset", action="store_true", help="A must be a consistent part of B")
    args = ap.parse_args()
    diffs = compare(args.a, args.b, args.max_diffs, args.strict, args.subset)
    if diffs:
        print(f"compare_db: {args.a} {'is not a consistent part of' if args.subset else 'and'} {args.b}"
              f"{'' if args.subset else ' differ'} ({diffs} differences)")
        return 1
    print(f"compare_db: {args.a} is {'a consistent part of' if args.subset else 'equal to'} {args.b}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
