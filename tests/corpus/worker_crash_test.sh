#!/usr/bin/env bash
# A worker process that dies in the middle of a document: the writer records
# that document as failed ("worker crashed (signal 9)"), starts a new worker,
# and the run goes on to store every other document.
#
#   tests/corpus/worker_crash_test.sh JIXIAO
set -euo pipefail
# shellcheck source=tests/corpus/script_lib.sh
source "$(dirname "$0")/script_lib.sh"

work=$(mktemp -d "${TMPDIR:-/tmp}/jixiao-crash-test.XXXXXX")
build_pid=""
cleanup() {
  if [ -n "$build_pid" ]; then kill -9 "$build_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT
fail() {
  echo "worker_crash_test: $*" >&2
  exit 1
}

mkdir -p "$work/in"
cp "$repo"/samples/*.txt "$work/in/"
# A long report of many figures keeps its worker busy for seconds: the one to kill.
# With -j 1 and the inputs in name order, it comes second (after lanxi-…).
# 100,000 lines (14 MB, under the 16 MB text limit; about 4 s of work in a
# release build). The worker is killed long before it ends, so its size costs
# only the writing. At 8,000 lines (0.4 s), and again at 40,000 (1.7 s) on a
# CI run whose other tests loaded both cores and the disk, the worker
# finished it before the kill below: the first document's commit, which the
# kill waits for, came late.
python3 - "$work/in/long.txt" <<'PY'
import sys
with open(sys.argv[1], "w", encoding="utf-8") as f:
    for i in range(100000):
        f.write(f"第{i}项：全年为 {i * 37 % 9000 + 10} 名困难职工发放补助，共计 {i % 900 + 1}.50 万元；"
                f"为 {i * 53 % 9000 + 10} 名退休人员办理业务，共计 {i % 700 + 2}.25 万元。\n")
PY

db="$work/d.sqlite"
"$jixiao" corpus build "$work/in" --db "$db" -j 1 --timeout 300 --quiet &
build_pid=$!

count() {
  python3 -c 'import sqlite3, sys
try:
    print(sqlite3.connect(sys.argv[1]).execute("SELECT count(*) FROM documents").fetchone()[0])
except sqlite3.Error:
    print(0)' "$db"
}
# The first document is stored: the worker is now on long.txt.
for _ in $(seq 600); do
  [ "$(count)" -ge 1 ] && break
  sleep 0.05
done
[ "$(count)" -ge 1 ] || fail "the build stored nothing within 30 s"
sleep 0.3
workers=$(pgrep -P "$build_pid" || true)
[ -n "$workers" ] || fail "no worker process under the build ($build_pid)"
# shellcheck disable=SC2086
kill -9 $workers

status=0
wait "$build_pid" || status=$?
build_pid=""
[ "$status" -eq 0 ] || fail "the build exited with $status after its worker was killed"

rows=$(python3 -c 'import sqlite3, sys
for path, status, error in sqlite3.connect(sys.argv[1]).execute(
        "SELECT path, status, coalesce(error, \"\") FROM documents ORDER BY path"):
    print(path.rsplit("/", 1)[-1], status, error, sep="|")' "$db")
echo "$rows"
expected="lanxi-nongye-2021.txt|ok|
long.txt|error|worker crashed (signal 9)
qinghe-wenlv-2022-errors.txt|ok|
qinghe-wenlv-2022.txt|ok|"
[ "$rows" = "$expected" ] || fail "unexpected documents after the crash"
echo "worker_crash_test: ok"
