#!/usr/bin/env bash
# Kill test for `jixiao corpus build` (issue 6): a build SIGKILLed at any
# moment and run again yields exactly the database a clean build yields.
#
#   tests/corpus/kill_test.sh JIXIAO
#
# Corpus: 210 generated text reports (scripts/gen-corpus) in a directory, 20
# of them moved into a zip together with a copy of one that stays outside (a
# duplicate across directory and archive), a plain copy of another (a
# duplicate by path), a truncated PDF (a document that fails) and a file that
# is not a report. A clean build with -j2 is the reference. Then, for each
# kill point, the same command starts into a fresh database and its whole
# process group (the writer and its workers) is SIGKILLed: after 0.2 s and
# after fractions of the reference's run time, as soon as the first document
# row is visible, twice in a row, and once the writer alone (its workers must
# then exit by themselves). The command then runs again to completion and the
# database must equal the reference row for row (tests/corpus/compare_db.py);
# what each kill left must already be a consistent part of it (whole
# documents only, each equal to the reference's).
# Finally a re-run over the finished database must process nothing: same
# summary, same `corpus stats`, and every row unchanged, processing times
# included.
set -euo pipefail

# shellcheck source=tests/corpus/script_lib.sh
source "$(dirname "$0")/script_lib.sh"
compare=("$here/compare_db.py")
work=$(mktemp -d "${TMPDIR:-/tmp}/jixiao-kill-test.XXXXXX")
build_pid=""
cleanup() {
  if [ -n "$build_pid" ]; then kill -9 -- "-$build_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT
cd "$work"

fail() {
  echo "kill_test: FAIL: $*" >&2
  exit 1
}

# ------------------------------------------------------------------ corpus ---
"$repo/scripts/gen-corpus" in/reports --text 210 --seed kill-test >/dev/null
mkdir -p in/extra
python3 - <<'PY'
import os, shutil, zipfile
files = sorted(os.path.join(d, f) for d, _, fs in os.walk("in/reports/text") for f in fs)
moved, kept = files[5:25], files[40]
with zipfile.ZipFile("in/batch.zip", "w", zipfile.ZIP_DEFLATED) as z:
    for f in moved:
        z.write(f, "batch/" + os.path.basename(f))
        os.remove(f)
    z.write(kept, "batch/dup-of-" + os.path.basename(kept))
    z.writestr("batch/README.md", "not a report\n")
shutil.copyfile(files[60], "in/extra/copy-of-" + os.path.basename(files[60]))
PY
cp "$repo/tests/data/pdf/truncated.pdf" in/extra/broken.pdf
echo "not a report" > in/extra/notes.md
inputs=(in/reports in/batch.zip in/extra)

# ----------------------------------------------------------------- helpers ---
# Documents in a database (0 when it does not exist yet or cannot be read).
doc_count() {
  python3 - "$1" <<'PY'
import sqlite3, sys
try:
    db = sqlite3.connect(f"file:{sys.argv[1]}?mode=ro", uri=True)
    print(db.execute("SELECT count(*) FROM documents").fetchone()[0])
except sqlite3.Error:
    print(0)
PY
}

# Starts the build into $1 in its own process group (job control), output to $1.log.
start_build() {
  set -m
  "$jixiao" corpus build "${inputs[@]}" --db "$1" -j2 >"$1.log" 2>&1 &
  build_pid=$!
  set +m
}

# Whether the build is still running (a zombie is not).
running() {
  local state
  state=$(awk '{print $3}' "/proc/$build_pid/stat" 2>/dev/null) || return 1
  [ "$state" != Z ]
}

# Waits until no process of group $1 is left (orphaned workers included).
wait_group_gone() {
  local _
  for _ in $(seq 100); do
    kill -0 -- "-$1" 2>/dev/null || return 0
    sleep 0.1
  done
  fail "processes of group $1 still alive 10 s after the kill: $(ps -o pid=,stat=,args= -g "$1" | tr '\n' ';')"
}

# SIGKILLs the running build: "group" (writer and workers) or "writer" (only
# it; the workers must exit once their writer is gone). Sets killed_at to the
# number of documents in the database at that moment, or "finished" if the
# build was done already. (Not in a subshell: `wait` needs the parent.)
killed_at=""
kill_build() {
  local how=$1 db=$2 pgid=$build_pid
  if ! running; then
    wait "$build_pid" || fail "build into $db failed: $(cat "$db.log")"
    build_pid=""
    killed_at="(finished before the kill)"
    return
  fi
  if [ "$how" = group ]; then kill -9 -- "-$pgid"; else kill -9 "$pgid"; fi
  reap_killed "$db"
}

# After the build's group was SIGKILLed: reaps it, waits for all of it to be
# gone and sets killed_at.
reap_killed() {
  local pgid=$build_pid
  wait "$pgid" 2>/dev/null || true
  build_pid=""
  wait_group_gone "$pgid"
  killed_at=$(doc_count "$1")
  # What the kill left must be a consistent part of the reference: whole
  # documents only, each equal to the reference's (no half-written document).
  if [ -e "$1" ] && ! "${compare[@]}" --subset "$1" ref.sqlite >"$1.partial.diff"; then
    cat "$1.partial.diff" >&2
    fail "$1: the database a SIGKILL left holds a half-written or wrong document"
  fi
}

# Runs the build into $1 to completion.
finish_build() {
  "$jixiao" corpus build "${inputs[@]}" --db "$1" -j2 >"$1.log" 2>&1 || fail "build into $1 failed: $(cat "$1.log")"
}

# --------------------------------------------------------------- reference ---
start=$(date +%s%N)
finish_build ref.sqlite
ref_ms=$(( ($(date +%s%N) - start) / 1000000 ))
total=$(doc_count ref.sqlite)
echo "kill_test: reference: $total documents in ${ref_ms} ms: $(tail -n 1 ref.sqlite.log)"
[ "$total" -eq 211 ] || fail "reference holds $total documents, expected 211 (210 reports and the broken PDF)"

# --------------------------------------------------------------- kill runs ---
# Kill delays in seconds: 0.2 s (early: workers starting, first documents)
# and fractions of the reference's run time (so that a slow build, e.g.
# under sanitizers, is hit at the same stages).
delays=()
if [ "$ref_ms" -gt 1000 ]; then delays+=(0.2); fi
for f in 0.15 0.5 0.85; do
  delays+=("$(awk -v f="$f" -v r="$ref_ms" 'BEGIN { printf "%.3f", f * r / 1000 }')")
done

interrupted=0
case_no=0
check_case() {  # $1: label, $2: db, $3: documents at the kill(s)
  finish_build "$2"
  if ! "${compare[@]}" ref.sqlite "$2" >"$2.diff"; then
    cat "$2.diff" >&2
    fail "$1: the resumed database differs from the reference"
  fi
  echo "kill_test: $1: documents in the database at the kill: $3 of $total; resumed, it equals the reference"
  case "$3" in
    *finished*) ;;
    *) interrupted=$((interrupted + 1)) ;;
  esac
}

for d in "${delays[@]}"; do
  case_no=$((case_no + 1))
  db=k$case_no.sqlite
  start_build "$db"
  sleep "$d"
  kill_build group "$db"
  check_case "SIGKILL after ${d} s" "$db" "$killed_at"
done

# As soon as the first document is in the database: the poller starts (and
# pays for Python's start-up) before the build, polls every 2 ms and kills the
# build's process group itself the moment it sees a document row.
case_no=$((case_no + 1))
db=k$case_no.sqlite
python3 - "$db" <<'PY' &
import os, signal, sqlite3, sys, time
db = sys.argv[1]
open(db + ".ready", "w").close()
pid = None
deadline = time.time() + 120
while time.time() < deadline:
    if pid is None and os.path.exists(db + ".pid"):
        pid = int(open(db + ".pid").read())
    if pid is not None:
        try:
            with open(f"/proc/{pid}/stat") as f:
                if f.read().rsplit(")", 1)[1].split()[0] == "Z":
                    sys.exit(3)  # finished before a row was seen
        except OSError:
            sys.exit(3)
    if os.path.exists(db):
        try:
            con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
            n = con.execute("SELECT count(*) FROM documents").fetchone()[0]
            con.close()
            if n > 0 and pid is not None:
                os.killpg(pid, signal.SIGKILL)  # the build leads its process group
                sys.exit(0)
        except sqlite3.Error:
            pass  # the schema is not there yet
    time.sleep(0.002)
sys.exit(3)
PY
poller=$!
until [ -e "$db.ready" ]; do sleep 0.01; done
start_build "$db"
echo "$build_pid" >"$db.pid.tmp" && mv "$db.pid.tmp" "$db.pid"
# (stderr: bash reports the build the poller killed while it waits here)
if wait "$poller" 2>/dev/null; then
  reap_killed "$db"
else
  kill_build group "$db"  # the poller saw no row: finished, or kill it now
fi
check_case "SIGKILL at the first document row" "$db" "$killed_at"

# Twice: a build, killed; the same command again, killed again; then to the end.
case_no=$((case_no + 1))
db=k$case_no.sqlite
half=$(awk -v r="$ref_ms" 'BEGIN { printf "%.3f", 0.4 * r / 1000 }')
start_build "$db"
sleep "$half"
kill_build group "$db"
first=$killed_at
start_build "$db"
sleep "$half"
kill_build group "$db"
check_case "SIGKILL twice after ${half} s" "$db" "$first, then $killed_at"

# The writer alone: its workers are orphaned and must go away by themselves.
case_no=$((case_no + 1))
db=k$case_no.sqlite
start_build "$db"
sleep "$half"
kill_build writer "$db"
check_case "SIGKILL of the writer only after ${half} s" "$db" "$killed_at"

[ "$interrupted" -ge 3 ] ||
  fail "only $interrupted kills hit a running build; the corpus is too small for this machine"

# ------------------------------------------------------------------ re-run ---
# Nothing new: the summary says 0 processed, stats and every row (processing
# times included) stay as they were.
python3 - <<'PY'
import sqlite3
src = sqlite3.connect("ref.sqlite")
dst = sqlite3.connect("before-rerun.sqlite")
src.backup(dst)
PY
"$jixiao" corpus stats --db ref.sqlite >stats-before.txt
sleep 1.1  # processed_at has whole seconds: a document processed again would show
finish_build ref.sqlite
grep -q "; 0 processed" ref.sqlite.log || fail "re-run over the finished database processed documents: $(cat ref.sqlite.log)"
"$jixiao" corpus stats --db ref.sqlite >stats-after.txt
diff stats-before.txt stats-after.txt >&2 || fail "corpus stats changed after a re-run that had nothing to do"
if ! "${compare[@]}" --strict before-rerun.sqlite ref.sqlite >rerun.diff; then
  cat rerun.diff >&2
  fail "a re-run over the finished database changed it"
fi
echo "kill_test: re-run over the finished database: $(tail -n 1 ref.sqlite.log)"

# The comparison can fail: one changed score is a difference.
python3 - <<'PY'
import sqlite3
db = sqlite3.connect("before-rerun.sqlite")
db.execute("UPDATE indicators SET score = score || '0' WHERE rowid = (SELECT min(rowid) FROM indicators)")
db.commit()
PY
if "${compare[@]}" ref.sqlite before-rerun.sqlite >/dev/null; then
  fail "compare_db.py does not see a changed indicator score"
fi
echo "kill_test: PASS ($interrupted interrupted builds resumed to the reference)"
