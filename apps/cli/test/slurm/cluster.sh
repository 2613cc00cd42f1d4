#!/usr/bin/env bash
# A one-node Slurm cluster in a directory, for testing the shipped sbatch scripts for real.
#   cluster.sh start DIR   munged, slurmctld and slurmd with their sockets, state, pid and log files
#                          and slurm.conf under DIR; returns when `sinfo` says the node is idle
#   cluster.sh stop DIR    stops every daemon by the PID in its pid file (never by name)
# Then point clients at it: SLURM_CONF=DIR/slurm.conf sbatch …
# Needs root and Debian's slurm-wlm and munge. Ports: SLURM_TEST_PORT and the next one when set;
# otherwise a free pair picked at random in 20000-59999 (far from Slurm's defaults 6817/6818, so a real
# cluster on the machine is untouched, and two test clusters started at once never share a port).
# The cluster's name carries its port for the same reason.
set -euo pipefail

command=${1:-}
dir=${2:-}
if [ -z "$command" ] || [ -z "$dir" ]; then
  echo "usage: cluster.sh start|stop DIR" >&2
  exit 2
fi
dir=$(realpath -m "$dir")
port=${SLURM_TEST_PORT:-}
# The daemons' pid files, in the order they are stopped (clients first, authentication last).
pidfiles=("$dir/slurmd.pid" "$dir/slurmctld.pid" "$dir/munged.pid")

log() { echo "cluster.sh: $*" >&2; }

# Prints the logs when something went wrong, so a failed start says why.
dump_logs() {
  for f in "$dir"/munged.log "$dir"/slurmctld.log "$dir"/slurmd.log; do
    [ -f "$f" ] && { echo "--- $f (last lines)" >&2; tail -n 20 "$f" >&2; }
  done
}

stop() {
  local pidfile pid n
  for pidfile in "${pidfiles[@]}"; do
    [ -f "$pidfile" ] || continue
    pid=$(tr -dc 0-9 <"$pidfile")
    [ -n "$pid" ] || continue
    if kill -0 "$pid" 2>/dev/null; then
      kill -TERM "$pid" 2>/dev/null || true
      # Up to 10 s for a clean exit, then SIGKILL that same PID.
      for n in $(seq 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
      if kill -0 "$pid" 2>/dev/null; then log "PID $pid ($pidfile) ignored SIGTERM; sending SIGKILL"; kill -KILL "$pid" 2>/dev/null || true; fi
    fi
    rm -f "$pidfile"
  done
}

# Prints a port P such that P and P + 1 can both be bound on every address right now. Node is
# always present here (the CLI runs on it); a port taken between this check and slurmctld's bind
# makes the start fail with slurmctld's log, never a silent clash.
free_port_pair() {
  node -e '
    const net = require("node:net");
    const canBind = (port) => new Promise((ok) => {
      const server = net.createServer();
      server.once("error", () => ok(false));
      server.listen({ port, host: "0.0.0.0", exclusive: true }, () => server.close(() => ok(true)));
    });
    (async () => {
      for (let attempt = 0; attempt < 200; attempt++) {
        const port = 20000 + 2 * Math.floor(Math.random() * 20000);
        if ((await canBind(port)) && (await canBind(port + 1))) { console.log(port); return; }
      }
      console.error("cluster.sh: no free port pair found in 200 attempts");
      process.exit(1);
    })();'
}

start() {
  for tool in munged mungekey slurmctld slurmd sinfo runuser; do
    command -v "$tool" >/dev/null 2>&1 || { log "$tool not found: apt-get install -y slurm-wlm munge"; exit 3; }
  done
  [ "$(id -u)" = 0 ] || { log "must run as root (slurmd runs jobs as their users)"; exit 3; }
  mkdir -p "$dir/state" "$dir/spool"
  # munged runs as the munge user and opens its log and socket here: the directory and its
  # parent must be reachable by that user (mktemp -d makes them 0700).
  chmod 755 "$dir" "$(dirname "$dir")"
  chown munge:munge "$dir" 2>/dev/null || true
  if [ ! -s /etc/munge/munge.key ]; then
    log "creating /etc/munge/munge.key"
    mkdir -p /etc/munge
    mungekey --create --keyfile=/etc/munge/munge.key
    chown munge:munge /etc/munge/munge.key
    chmod 400 /etc/munge/munge.key
  fi
  [ -n "$port" ] || port=$(free_port_pair)
  local host
  host=$(hostname -s)
  cat >"$dir/slurm.conf" <<CONF
ClusterName=losslabtest$port
SlurmctldHost=$host(127.0.0.1)
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
AuthInfo=socket=$dir/munge.socket
CredType=cred/munge
SlurmctldPort=$port
SlurmdPort=$((port + 1))
StateSaveLocation=$dir/state
SlurmdSpoolDir=$dir/spool
SlurmctldPidFile=$dir/slurmctld.pid
SlurmdPidFile=$dir/slurmd.pid
SlurmctldLogFile=$dir/slurmctld.log
SlurmdLogFile=$dir/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
ReturnToService=2
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
MpiDefault=none
SchedulerType=sched/backfill
MinJobAge=30
# Generous RPC timeouts: on a busy 2-core machine the controller can be slow to answer (the default
# 10 s made sbatch fail with "Unable to contact slurm controller").
MessageTimeout=60
TCPTimeout=30
NodeName=$host NodeAddr=127.0.0.1 CPUs=$(nproc) RealMemory=4000 State=UNKNOWN
PartitionName=test Nodes=ALL Default=YES MaxTime=INFINITE State=UP
CONF
  export SLURM_CONF=$dir/slurm.conf
  runuser -u munge -- /usr/sbin/munged --socket="$dir/munge.socket" --pid-file="$dir/munged.pid" --seed-file="$dir/munged.seed" --log-file="$dir/munged.log" \
    || { dump_logs; stop; exit 1; }
  wait_for_file "$dir/munge.socket" || { log "munged did not create its socket"; dump_logs; stop; exit 1; }
  slurmctld -f "$SLURM_CONF" || { dump_logs; stop; exit 1; }
  slurmd -f "$SLURM_CONF" || { dump_logs; stop; exit 1; }
  # Ready when the node is idle: a few seconds on a quiet machine; up to 180 s on a busy one.
  local state=''
  for _ in $(seq 1800); do
    state=$(sinfo -h -o %t 2>/dev/null | head -n 1 || true)
    [ "$state" = idle ] && { log "up: SLURM_CONF=$SLURM_CONF"; return 0; }
    sleep 0.1
  done
  log "the node did not become idle within 180 s (sinfo: '${state}')"
  dump_logs
  stop
  exit 1
}

wait_for_file() {
  for _ in $(seq 100); do [ -e "$1" ] && return 0; sleep 0.1; done
  return 1
}

case "$command" in
  start) start ;;
  stop) stop ;;
  *) echo "usage: cluster.sh start|stop DIR" >&2; exit 2 ;;
esac
