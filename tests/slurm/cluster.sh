# A private one-node Slurm cluster for the tests, sourced by slurm_test.sh.
#
#   slurm_packages_install          installs Debian's slurm-wlm and munge when missing
#   slurm_cluster_start DIR         munged, slurmctld and slurmd on 127.0.0.1, all in DIR
#   slurm_cluster_stop              cancels every job and stops the three daemons
#
# Nothing is shared with a Slurm or MUNGE the machine may already run: the
# cluster has its own MUNGE key and socket, its own slurm.conf (exported as
# SLURM_CONF, which every Slurm command reads), state and spool directories,
# log and pid files, and two free TCP ports. The daemons run in the
# foreground as children of the test (no systemd, no init scripts), and their
# process ids are the only ones slurm_cluster_stop kills.
#
# The configuration suits a container or a small VM: processes are tracked
# through /proc (proctrack/linuxproc), no cgroups, no task binding, no
# accounting database. The node is this host under its short name, with two
# CPUs whatever the hardware says (config_overrides). A requeued job waits
# `cred_expire` seconds before it may start again: 120 s by default, 5 s here.
# shellcheck shell=bash

slurm_dir=          # the cluster's directory, once started
slurm_daemon_pids=()

# Installs the packages when missing; when it cannot, prints why on stdout
# and returns 1 (apt-get's own messages go to stderr).
slurm_packages_install() {
  local missing=() p
  for p in slurm-wlm munge; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  command -v apt-get >/dev/null || { echo "no apt-get to install ${missing[*]}"; return 1; }
  echo "slurm: installing ${missing[*]}" >&2
  # Debian starts an installed daemon unless policy-rc.d forbids it; the
  # test's cluster does not use those system daemons either way.
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2 ||
    { apt-get update -qq >&2 && apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2; } ||
    { echo "apt-get install ${missing[*]} failed (its messages are above)"; return 1; }
}

# Two TCP ports free on 127.0.0.1 right now.
slurm_free_ports() {
  python3 -c '
import socket
socks = [socket.socket() for _ in range(2)]
for s in socks:
    s.bind(("127.0.0.1", 0))
print(*(s.getsockname()[1] for s in socks))'
}

slurm_write_conf() {
  local dir=$1 node=$2 ctld_port=$3 slurmd_port=$4
  : >"$dir/plugstack.conf"  # no SPANK plugins (not /etc/slurm/plugstack.conf)
  cat >"$dir/slurm.conf" <<EOF
ClusterName=jixiao-test
SlurmctldHost=$node(127.0.0.1)
SlurmctldPort=$ctld_port
SlurmdPort=$slurmd_port
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$dir/munge/munge.socket,cred_expire=5
StateSaveLocation=$dir/state
SlurmdSpoolDir=$dir/spool
SlurmctldPidFile=$dir/run/slurmctld.pid
SlurmdPidFile=$dir/run/slurmd.pid
SlurmctldLogFile=$dir/log/slurmctld.log
SlurmdLogFile=$dir/log/slurmd.log
PlugStackConfig=$dir/plugstack.conf
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
MpiDefault=none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
SchedulerType=sched/builtin
SchedulerParameters=sched_interval=1
MailProg=/bin/true
ReturnToService=2
SlurmdParameters=config_overrides
NodeName=$node NodeAddr=127.0.0.1 CPUs=2 RealMemory=256 State=UNKNOWN
PartitionName=test Nodes=$node Default=YES MaxTime=INFINITE State=UP
EOF
}

# Waits up to $2 seconds for command $1 (a string, evaluated) to succeed.
slurm_wait_for() {
  local deadline=$((SECONDS + $2))
  until eval "$1" >/dev/null 2>&1; do
    [ "$SECONDS" -lt "$deadline" ] || return 1
    sleep 0.5
  done
}

# Prints the end of every daemon log (for a failure message).
slurm_cluster_logs() {
  local f
  [ -n "$slurm_dir" ] || return 0
  for f in "$slurm_dir"/log/*; do
    [ -s "$f" ] || continue
    echo "--- $f (last 25 lines)"
    tail -n 25 "$f"
  done
}

# Starts the cluster in DIR (created: it must not exist) and exports
# SLURM_CONF. Run it in the test's own shell, not in $(…): the daemons' ids
# must stay known to slurm_cluster_stop. Returns 1 with the reason and the
# logs on stderr when a daemon does not come up.
slurm_cluster_start() {
  slurm_dir=$1
  local node ports
  node=$(hostname -s)
  ports=$(slurm_free_ports)
  # munged wants its socket's directory searchable by all, its key private.
  mkdir -m 755 "$slurm_dir" "$slurm_dir/munge"
  mkdir -m 700 "$slurm_dir/munge-key" "$slurm_dir/state" "$slurm_dir/spool" "$slurm_dir/run" "$slurm_dir/log"
  dd if=/dev/urandom of="$slurm_dir/munge-key/munge.key" bs=1024 count=1 status=none
  chmod 400 "$slurm_dir/munge-key/munge.key"
  # shellcheck disable=SC2086  # two port numbers
  slurm_write_conf "$slurm_dir" "$node" $ports
  export SLURM_CONF=$slurm_dir/slurm.conf

  munged --foreground --socket="$slurm_dir/munge/munge.socket" \
    --key-file="$slurm_dir/munge-key/munge.key" --seed-file="$slurm_dir/munge-key/munged.seed" \
    --pid-file="$slurm_dir/run/munged.pid" --log-file="$slurm_dir/log/munged.log" \
    >>"$slurm_dir/log/munged.out" 2>&1 &
  slurm_daemon_pids+=($!)
  slurm_wait_for "munge -n -S '$slurm_dir/munge/munge.socket' | unmunge -S '$slurm_dir/munge/munge.socket'" 15 ||
    { echo "munged did not start" >&2; slurm_cluster_logs >&2; return 1; }

  slurmctld -D -f "$SLURM_CONF" >>"$slurm_dir/log/slurmctld.out" 2>&1 &
  slurm_daemon_pids+=($!)
  slurm_wait_for "scontrol ping | grep -q UP" 30 ||
    { echo "slurmctld did not answer within 30 s" >&2; slurm_cluster_logs >&2; return 1; }

  slurmd -D -f "$SLURM_CONF" -N "$node" >>"$slurm_dir/log/slurmd.out" 2>&1 &
  slurm_daemon_pids+=($!)
  slurm_wait_for "[ \"\$(sinfo -h -n '$node' -o %t)\" = idle ]" 30 ||
    { echo "node $node is not idle 30 s after slurmd started: $(sinfo -h -n "$node" -o '%t %E')" >&2
      slurm_cluster_logs >&2; return 1; }
}

# Cancels every job, waits for them to end, then stops slurmd, slurmctld and
# munged (in that order, each by the process id it was started with).
slurm_cluster_stop() {
  [ ${#slurm_daemon_pids[@]} -gt 0 ] || return 0
  if scontrol ping 2>/dev/null | grep -q UP; then
    scancel --user=root 2>/dev/null || true
    slurm_wait_for "[ -z \"\$(squeue -h)\" ]" 20 || echo "slurm: jobs still listed: $(squeue -h | tr '\n' ';')" >&2
  fi
  local i
  for ((i = ${#slurm_daemon_pids[@]} - 1; i >= 0; i--)); do
    slurm_stop_daemon "${slurm_daemon_pids[i]}"
  done
  slurm_daemon_pids=()
}

# SIGTERM to one daemon, SIGKILL if it is still running 15 s later.
slurm_stop_daemon() {
  local pid=$1
  kill "$pid" 2>/dev/null || return 0
  # A daemon that exited stays a zombie (state Z) until it is waited for.
  slurm_wait_for "! grep -q '^State:[[:space:]]*[^Z]' /proc/$pid/status" 15 || kill -KILL "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}
