#!/usr/bin/env bash
# A whole Slurm cluster of one node on this machine, for tests and trials:
# munged, slurmctld and slurmd on loopback, every file (keys, state, spool,
# logs, sockets) under one folder, nothing in /etc touched.
#
#   deploy/slurm/one-node-cluster.sh start DIR [CPUS]   # then: export SLURM_CONF=DIR/slurm.conf
#   deploy/slurm/one-node-cluster.sh stop DIR
#
# CPUS (default 8) is the CPU count the node offers jobs; it may exceed the
# machine's (the node's configured count overrides what slurmd detects).
# `start` waits until the node is idle and exits 0, or prints why the
# cluster could not start (with the end of the daemons' logs) and exits 3.
# `stop` stops the three daemons and waits until they are gone.
# Needs Debian's slurmctld, slurmd, slurm-client and munge
# (scripts/install-deps.sh installs them).
set -euo pipefail
action=${1:?usage: one-node-cluster.sh start|stop DIR [CPUS]}
dir=${2:?usage: one-node-cluster.sh start|stop DIR [CPUS]}
cpus=${3:-8}

daemon_pids() {
  local file
  for file in munge/munged.pid slurmctld.pid slurmd.pid; do
    [ -s "$dir/$file" ] && cat "$dir/$file"
  done
  return 0
}

stop() {
  local pids pid
  pids=$(daemon_pids)
  [ -n "$pids" ] || return 0
  kill $pids 2>/dev/null || true
  for _ in $(seq 1 100); do
    local alive=0
    for pid in $pids; do kill -0 "$pid" 2>/dev/null && alive=1; done
    [ "$alive" = 0 ] && { rm -f "$dir/munge/munged.pid" "$dir/slurmctld.pid" "$dir/slurmd.pid"; return 0; }
    sleep 0.1
  done
  kill -9 $pids 2>/dev/null || true
  rm -f "$dir/munge/munged.pid" "$dir/slurmctld.pid" "$dir/slurmd.pid"
}

cannot_start() {
  echo "one-node-cluster: the Slurm cluster cannot start: $1" >&2
  local log
  for log in "$dir"/log/*.log; do
    [ -s "$log" ] && { echo "--- end of $log:" >&2; tail -n 8 "$log" >&2; }
  done
  stop
  exit 3
}

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

start() {
  local missing="" program
  for program in munged slurmctld slurmd sbatch; do
    command -v "$program" >/dev/null || [ -x "/usr/sbin/$program" ] || missing+=" $program"
  done
  [ -z "$missing" ] || cannot_start "not installed:$missing (run scripts/install-deps.sh as root)"
  export PATH=$PATH:/usr/sbin
  mkdir -p "$dir"/{munge,state,spool,log}
  dir=$(realpath "$dir")
  chmod 711 "$dir/munge"  # munged wants its socket's folder reachable, its key private
  if [ ! -s "$dir/munge/munge.key" ]; then
    dd if=/dev/urandom of="$dir/munge/munge.key" bs=1024 count=1 status=none
    chmod 400 "$dir/munge/munge.key"
  fi
  local user host ctld_port slurmd_port
  user=$(id -un)
  host=$(hostname -s)
  ctld_port=$(free_port)
  slurmd_port=$(free_port)
  # cred_expire also sets how long a requeued job waits before it may run
  # again (120 s by default).
  cat > "$dir/slurm.conf" <<CONF
ClusterName=tengen-one-node
SlurmctldHost=$host(127.0.0.1)
SlurmctldPort=$ctld_port
SlurmdPort=$slurmd_port
SlurmUser=$user
SlurmdUser=$user
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$dir/munge/munge.socket,cred_expire=10
StateSaveLocation=$dir/state
SlurmdSpoolDir=$dir/spool
SlurmctldPidFile=$dir/slurmctld.pid
SlurmdPidFile=$dir/slurmd.pid
SlurmctldLogFile=$dir/log/slurmctld.log
SlurmdLogFile=$dir/log/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
SchedulerType=sched/backfill
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
SlurmdParameters=config_overrides
ReturnToService=2
MpiDefault=none
SwitchType=switch/none
KillWait=10
MinJobAge=3600
NodeName=node1 NodeHostname=$host NodeAddr=127.0.0.1 CPUs=$cpus RealMemory=16000 State=UNKNOWN
PartitionName=one Nodes=node1 Default=YES MaxTime=INFINITE State=UP
CONF
  echo "export SLURM_CONF=$dir/slurm.conf" > "$dir/env"
  export SLURM_CONF=$dir/slurm.conf
  local force=()
  [ "$(id -u)" = 0 ] && force=(--force)  # munged refuses root without it
  munged "${force[@]}" --socket="$dir/munge/munge.socket" --key-file="$dir/munge/munge.key" \
    --pid-file="$dir/munge/munged.pid" --seed-file="$dir/munge/munged.seed" \
    --log-file="$dir/log/munged.log" || cannot_start "munged did not start"
  munge -S "$dir/munge/munge.socket" -n | unmunge -S "$dir/munge/munge.socket" >/dev/null ||
    cannot_start "munge cannot encode and decode a credential"
  slurmctld -f "$SLURM_CONF" || cannot_start "slurmctld did not start"
  slurmd -f "$SLURM_CONF" -N node1 || cannot_start "slurmd did not start"
  for _ in $(seq 1 60); do
    local state
    state=$(sinfo -h -n node1 -o %t 2>/dev/null || true)
    [ "$state" = idle ] && return 0
    sleep 0.5
  done
  cannot_start "node1 did not come up idle within 30 s (sinfo says '$(sinfo -h -o %t 2>&1 || true)')"
}

case $action in
  start) start ;;
  stop) stop ;;
  *) echo "usage: one-node-cluster.sh start|stop DIR [CPUS]" >&2; exit 2 ;;
esac
