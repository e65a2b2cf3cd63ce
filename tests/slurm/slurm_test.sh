#!/usr/bin/env bash
# Slurm test for `jixiao corpus` (issue 12): the recipe of docs/scaling.md on a
# real, private, one-node Slurm cluster, and its result equal to one process.
#
#   tests/slurm/slurm_test.sh JIXIAO
#
# Exit 0: passed; 1: failed; 77: skipped, with the reason (only when this
# user can neither run the Slurm daemons nor install them: not root and no
# password-less sudo, or Slurm missing with no apt-get to install it).
#
#  0. docs/scaling.md quotes shards.sbatch and merge.sbatch verbatim.
#  1. A corpus in a temporary directory: the samples, the real-style samples
#     again in GB18030 (other bytes, the same reports), scripts/gen-corpus
#     variants, the shared corpus when JIXIAO_SHARED_DIR has one, a byte copy
#     of a sample under another path and a truncated PDF (a failed document).
#     single.sqlite: `corpus build -j1` over its list of paths.
#  2. Debian's slurm-wlm and munge (installed when missing); munged,
#     slurmctld and slurmd started on 127.0.0.1 (tests/slurm/cluster.sh),
#     stopped at the end whatever happens.
#  3. The array job of shards.sbatch (N = 3 shards) and merge.sbatch held
#     with afterok on it. Tasks 2 and 3 run a jixiao that, on its first run
#     only, writes half its records, then hangs:
#       - task 3 is requeued while it runs (`scontrol requeue`, what a node
#         failure or a preemption does): the merge keeps waiting for it;
#       - task 2 is killed (`scancel`): for afterok that is a failed task,
#         and the merge could never start. It is requeued and the merge's
#         dependency pointed at the tasks again (docs/scaling.md).
#     Both run again from the start (Restarts=1), the merge runs once after
#     them, and its reports.sqlite must equal single.sqlite row for row
#     (tests/corpus/compare_db.py: every table, processed_at aside).
set -euo pipefail

# $jixiao (absolute), $here (this folder) and $repo, as every script test sets them.
source "$(cd "$(dirname "$0")" && pwd)/../corpus/script_lib.sh"

fail() {
  echo "slurm_test: FAIL: $*" >&2
  exit 1
}
skip() {
  echo "slurm_test: SKIP: $*" >&2
  exit 77
}

# 0. The recipe users copy is the one tested.
python3 - "$repo/docs/scaling.md" "$here/shards.sbatch" "$here/merge.sbatch" <<'PY' || exit 1
import sys
docs = open(sys.argv[1], encoding="utf-8").read()
for script in sys.argv[2:]:
    if "```bash\n" + open(script, encoding="utf-8").read() + "```\n" not in docs:
        sys.exit(f"slurm_test: FAIL: docs/scaling.md does not quote {script} verbatim in a bash block")
PY

if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
    exec sudo -n --preserve-env=TMPDIR,JIXIAO_SHARED_DIR "$0" "$jixiao"
  fi
  skip "slurmctld and slurmd run as root here (SlurmUser=root) and Slurm may need installing: run as root or with password-less sudo"
fi

# shellcheck source=tests/slurm/cluster.sh
source "$here/cluster.sh"
why=$(slurm_packages_install) || skip "Slurm is not installed and cannot be: $why"

work=$(mktemp -d "${TMPDIR:-/tmp}/jixiao-slurm-test.XXXXXX")
chmod 755 "$work"
finish() {
  local status=$?
  set +e  # clean up as far as possible
  slurm_cluster_stop
  if [ "$status" -ne 0 ] && [ "$status" -ne 77 ]; then
    slurm_cluster_logs >&2 || true
    for f in "$work"/run/slurm-*.out; do
      if [ -s "$f" ]; then echo "--- $f"; tail -n 20 "$f"; fi >&2
    done
  fi
  rm -rf "$work"
}
trap finish EXIT
trap 'exit 143' TERM INT HUP  # so that the daemons are stopped then too
cd "$work"
started=$SECONDS

# 1. The corpus and the single-process database, all paths relative to run/.
mkdir -p run/in/samples run/in/gb18030 run/in/shared
cp "$repo"/samples/*.txt "$repo"/samples/real-style/*.txt run/in/samples/
for f in "$repo"/samples/real-style/*.txt; do
  iconv -f UTF-8 -t GB18030 "$f" >"run/in/gb18030/$(basename "$f")"
done
"$repo/scripts/gen-corpus" run/in/generated --text 12 --seed slurm-test >/dev/null
rm run/in/generated/manifest.tsv
shared=${JIXIAO_SHARED_DIR:-$repo/../shared}
if compgen -G "$shared/corpus/*.txt" >/dev/null || compgen -G "$shared/corpus/*.pdf" >/dev/null; then
  find "$shared/corpus" -maxdepth 1 -type f \( -name '*.txt' -o -name '*.pdf' \) -exec cp {} run/in/shared/ \;
else
  echo "slurm_test: no shared corpus in $shared/corpus (JIXIAO_SHARED_DIR); the samples only"
fi
cp "$repo/samples/qinghe-wenlv-2022.txt" run/in/copy-of-qinghe-wenlv-2022.txt
cp "$repo/tests/data/pdf/truncated.pdf" run/in/broken.pdf
cd run
find in -type f | sort >paths.txt
paths=$(wc -l <paths.txt)
xargs -d '\n' "$jixiao" corpus build --db ../single.sqlite -j1 --quiet <paths.txt
echo "slurm_test: $paths paths, single process: $(python3 -c 'import sqlite3, sys; print(sqlite3.connect(sys.argv[1]).execute("SELECT count(*) FROM documents").fetchone()[0])' ../single.sqlite) documents ($((SECONDS - started)) s)"

# 2. The cluster.
slurm_cluster_start "$work/slurm" || fail "the Slurm cluster did not start (logs above)"
echo "slurm_test: munged, slurmctld and slurmd up ($(sinfo -h -o '%n %c CPUs %t'), $((SECONDS - started)) s)"

# 3. The recipe, with tasks 2 and 3 hanging on their first run.
cat >"$work/hanging-jixiao" <<'EOF'
#!/bin/bash
# jixiao for shards.sbatch, except that the first run of a task listed in
# HANG_TASKS writes half of its records (cut mid-line), says so and hangs.
if [[ " $HANG_TASKS " == *" $SLURM_ARRAY_TASK_ID "* ]] && [ "${SLURM_RESTART_COUNT:-0}" -eq 0 ]; then
  "$REAL_JIXIAO" "$@" >"hang-$SLURM_ARRAY_TASK_ID.all"
  head -c "$(($(wc -c <"hang-$SLURM_ARRAY_TASK_ID.all") / 2))" "hang-$SLURM_ARRAY_TASK_ID.all"
  touch "hanging-$SLURM_ARRAY_TASK_ID"
  exec sleep 600
fi
exec "$REAL_JIXIAO" "$@"
EOF
chmod +x "$work/hanging-jixiao"
export JIXIAO=$work/hanging-jixiao REAL_JIXIAO=$jixiao HANG_TASKS="2 3"
n=3
array=$(sbatch --parsable --array=1-$n "$here/shards.sbatch" $n)
merge=$(sbatch --parsable --dependency=afterok:"$array" "$here/merge.sbatch" $n)
echo "slurm_test: array job $array (tasks 1-$n), merge job $merge held with afterok:$array"

job_field() {  # job_field JOB FIELD: FIELD=value of `scontrol show job JOB`
  scontrol show job "$1" | grep -o "\b$2=[^ ]*" | head -n 1 | cut -d= -f2-
}
slurm_wait_for "[ -e hanging-2 ] && [ -e hanging-3 ]" 90 ||
  fail "tasks 2 and 3 did not both start within 90 s: $(squeue -h | tr '\n' ';')"

# Requeued while running: the task never fails, so afterok still holds.
scontrol requeue "${array}_3"
slurm_wait_for "[ \"\$(job_field ${array}_3 JobState)\" = COMPLETED ]" 60 ||
  fail "task 3 did not run again within 60 s of its requeue: $(job_field "${array}_3" JobState)"
[ "$(job_field "${array}_3" Restarts)" = 1 ] || fail "task 3 completed without a restart"
dependency=$(job_field "$merge" Dependency)
if [ "$(job_field "$merge" JobState)" != PENDING ] || [[ "$dependency" != *"(unfulfilled)" ]]; then
  fail "after task 3 was requeued the merge job is $(job_field "$merge" JobState), dependency $dependency"
fi
echo "slurm_test: task 3 requeued while running and done again; the merge still waits ($dependency)"

# Cancelled: a failed task for afterok, the merge would never start.
scancel "${array}_2"
slurm_wait_for "[ \"\$(job_field ${array}_2 JobState)\" = CANCELLED ]" 30 ||
  fail "task 2 is $(job_field "${array}_2" JobState) 30 s after scancel, not CANCELLED"
slurm_wait_for "[ \"\$(job_field $merge Reason)\" = DependencyNeverSatisfied ]" 30 ||
  fail "with task 2 cancelled the merge job is $(job_field "$merge" JobState) ($(job_field "$merge" Reason)), not held for ever"
if [ ! -s out/shard-2.jsonl.part ] || [ -e out/shard-2.jsonl ]; then
  fail "cancelled task 2 should leave out/shard-2.jsonl.part with half its records and no out/shard-2.jsonl"
fi
echo "slurm_test: task 2 cancelled with half its records written; the merge: $(job_field "$merge" Reason)"
# What docs/scaling.md says to do: requeue the task, point the merge at the tasks again.
scontrol requeue "${array}_2"
scontrol update JobId="$merge" Dependency="afterok:$(seq -s: -f "${array}_%.0f" "$n")"

slurm_wait_for "[ \"\$(job_field $merge JobState)\" = COMPLETED ] || [ \"\$(job_field $merge JobState)\" = FAILED ]" 150 ||
  fail "the merge job is still $(job_field "$merge" JobState) after 150 s: $(squeue -h | tr '\n' ';')"
[ "$(job_field "$merge" JobState)" = COMPLETED ] || fail "the merge job failed: $(cat "slurm-$merge.out")"
for k in $(seq "$n"); do
  [ "$(job_field "${array}_$k" JobState)" = COMPLETED ] || fail "task $k is $(job_field "${array}_$k" JobState)"
  [ -s "out/shard-$k.jsonl" ] || fail "task $k wrote no records"
  [ ! -e "out/shard-$k.jsonl.part" ] || fail "task $k left out/shard-$k.jsonl.part"
done
for k in 2 3; do
  [ "$(job_field "${array}_$k" Restarts)" = 1 ] || fail "task $k ran $(job_field "${array}_$k" Restarts) more times, not once"
done
records=$(cat out/shard-*.jsonl | wc -l)
[ "$records" -eq "$paths" ] || fail "the shards hold $records records, expected one per path ($paths)"
if ! python3 "$repo/tests/corpus/compare_db.py" ../single.sqlite reports.sqlite >merged.diff; then
  cat merged.diff >&2
  fail "the dataset merged by Slurm differs from the single-process database"
fi
echo "slurm_test: tasks 2 and 3 ran again; the merged shards ($(wc -l <out/shard-1.jsonl)+$(wc -l <out/shard-2.jsonl)+$(wc -l <out/shard-3.jsonl) records) equal the single-process database"
echo "slurm_test: PASS ($((SECONDS - started)) s)"
