#!/usr/bin/env bash
# Shard test for `jixiao corpus` (issue 6): N shards run with GNU parallel and
# merged give exactly the database of a single process.
#
#   tests/corpus/shard_test.sh JIXIAO
#
# Corpus: 58 generated text reports (scripts/gen-corpus), a plain copy of one
# of them (a duplicate under another path, chosen to fall in another shard)
# and a truncated PDF (a document that fails): 59 documents under 60 paths.
#  1. single.sqlite: `corpus build -j1` over the list of paths.
#  2. The map recipe of docs/scaling.md: three `corpus map --shard K/3` in
#     parallel over the same list (each record in the shard FNV-1a of its path
#     names), their JSONL concatenated into `corpus build --from-jsonl -`.
#     Must equal single.sqlite row for row; so must loading the shards one at
#     a time in another order, and loading one of them twice.
#  3. Three `corpus build --shard K/3` runs into three databases: their paths
#     must be disjoint and together cover every path of single.sqlite, their
#     documents together every document of it.
set -euo pipefail

# shellcheck source=tests/corpus/script_lib.sh
source "$(dirname "$0")/script_lib.sh"
work=$(mktemp -d "${TMPDIR:-/tmp}/jixiao-shard-test.XXXXXX")
trap 'rm -rf "$work"' EXIT
cd "$work"

fail() {
  echo "shard_test: FAIL: $*" >&2
  exit 1
}
command -v parallel >/dev/null || fail "GNU parallel is not installed (Debian package parallel)"

"$repo/scripts/gen-corpus" in --text 58 --seed shard-test >/dev/null
# FNV-1a 64 of a path, modulo 3, plus one: its shard (corpus/inputs.h).
cat >shard_of.py <<'PY'
def shard_of(path, n=3):
    h = 14695981039346656037
    for byte in path.encode("utf-8"):
        h = ((h ^ byte) * 1099511628211) % 2**64
    return h % n + 1
PY
# A duplicate in another shard than its original, so that merging has to
# join the two paths of one document.
first=$(find in/text -name '*.txt' | sort | head -n 1)
copy=$(python3 -c '
import sys; from shard_of import shard_of
first = sys.argv[1]
print(next(f"in/copy{i}-of-first.txt" for i in range(100)
           if shard_of(f"in/copy{i}-of-first.txt") != shard_of(first)))' "$first")
cp "$first" "$copy"
cp "$repo/tests/data/pdf/truncated.pdf" in/broken.pdf
# Relative paths, the same for every command: they are the paths stored.
find in -type f \( -name '*.txt' -o -name '*.pdf' \) | sort >paths.txt
[ "$(wc -l <paths.txt)" -eq 60 ] || fail "expected 60 paths, got $(wc -l <paths.txt)"

# 1. One process.
xargs -d '\n' "$jixiao" corpus build --db single.sqlite -j1 --quiet <paths.txt
echo "shard_test: single process: $(python3 -c 'import sqlite3; print(sqlite3.connect("single.sqlite").execute("SELECT count(*) FROM documents").fetchone()[0])') documents"

# 2. Three shards with GNU parallel, merged (the recipe of docs/scaling.md).
export JIXIAO="$jixiao"
# shellcheck disable=SC2016  # $JIXIAO is expanded by the shell parallel starts
parallel -j3 --halt now,fail=1 '"$JIXIAO" corpus map --shard {}/3 < paths.txt > shard{}.jsonl' ::: 1 2 3
for k in 1 2 3; do
  [ -s "shard$k.jsonl" ] || fail "shard $k/3 wrote no records"
done
records=$(cat shard1.jsonl shard2.jsonl shard3.jsonl | wc -l)
[ "$records" -eq 60 ] || fail "the shards wrote $records records, expected one per path (60)"
# Every record is in the shard the documented hash puts its path in.
python3 - <<'PY'
import json, sys
from shard_of import shard_of
for k in (1, 2, 3):
    for line in open(f"shard{k}.jsonl", encoding="utf-8"):
        path = json.loads(line)["path"]
        if shard_of(path) != k:
            sys.exit(f"shard_test: FAIL: {path} is in shard {k}/3, FNV-1a says {shard_of(path)}/3")
PY
cat shard*.jsonl | "$jixiao" corpus build --from-jsonl - --db merged.sqlite
if ! python3 "$here/compare_db.py" single.sqlite merged.sqlite >merged.diff; then
  cat merged.diff >&2
  fail "the merged shards differ from the single-process database"
fi
echo "shard_test: 3 map shards ($(wc -l <shard1.jsonl)+$(wc -l <shard2.jsonl)+$(wc -l <shard3.jsonl) records) merged equal the single-process database"

# Merging is order-independent, also one shard at a time as they finish
# (a duplicate's smallest path may come in a later load than its first).
for k in 3 1 2; do
  "$jixiao" corpus build --from-jsonl "shard$k.jsonl" --db merged-one-by-one.sqlite --quiet
done
if ! python3 "$here/compare_db.py" single.sqlite merged-one-by-one.sqlite >one-by-one.diff; then
  cat one-by-one.diff >&2
  fail "loading the shards one at a time (3, 1, 2) gives another database"
fi
# Loading a shard again adds nothing.
"$jixiao" corpus build --from-jsonl shard2.jsonl --db merged-one-by-one.sqlite --quiet
python3 "$here/compare_db.py" single.sqlite merged-one-by-one.sqlite >/dev/null ||
  fail "loading a shard twice changes the database"

# 3. `corpus build --shard K/3` into three databases: disjoint paths, full cover.
# shellcheck disable=SC2016  # as above
parallel -j3 --halt now,fail=1 \
  'xargs -d "\n" "$JIXIAO" corpus build --shard {}/3 --db part{}.sqlite -j1 --quiet < paths.txt' ::: 1 2 3
python3 - <<'PY'
import sqlite3, sys

def rows(db, sql):
    return {r for r in sqlite3.connect(db).execute(sql)}

single_paths = rows("single.sqlite", "SELECT path FROM paths")
single_docs = rows("single.sqlite", "SELECT sha256 FROM documents")
parts = [f"part{k}.sqlite" for k in (1, 2, 3)]
paths = [rows(p, "SELECT path FROM paths") for p in parts]
docs = [rows(p, "SELECT sha256 FROM documents") for p in parts]
problems = []
for i in range(3):
    if not paths[i]:
        problems.append(f"shard {i + 1}/3 holds no path")
    for j in range(i + 1, 3):
        if paths[i] & paths[j]:
            problems.append(f"shards {i + 1} and {j + 1} share paths {sorted(paths[i] & paths[j])[:3]}")
if set().union(*paths) != single_paths:
    problems.append(f"the shards' paths do not cover the single run's: "
                    f"missing {sorted(single_paths - set().union(*paths))[:3]}, "
                    f"extra {sorted(set().union(*paths) - single_paths)[:3]}")
if set().union(*docs) != single_docs:
    problems.append("the shards' documents are not the single run's documents")
if problems:
    sys.exit("shard_test: FAIL: " + "; ".join(problems))
print(f"shard_test: build --shard K/3: {'+'.join(str(len(p)) for p in paths)} paths, "
      f"disjoint, covering all {len(single_paths)}")
PY
echo "shard_test: PASS"
