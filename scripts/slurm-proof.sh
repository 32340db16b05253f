#!/usr/bin/env bash
# Slurm proof (issue 7): run a sweep as a job array on a real single-node Slurm
# cluster (Debian's slurm-wlm + munge), merge the shards with `novasim merge`,
# and compare summary.csv and paired.csv byte for byte with an unsharded local run.
# Needs root (installs packages, starts munged, slurmctld and slurmd). The cluster's
# config and state live in a temporary folder (SLURM_CONF points at it) and the
# daemons it started are stopped on exit, whatever happened. Exit 0 only if equal.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)

SWEEP=test/fixtures/sweep/tiny-sweep.yaml
SHARDS=3
START=$(date +%s)
log() { echo "slurm-proof: $*"; }
# Exit 3: no Slurm could be set up here (not root, no packages, daemons that
# will not start); the proof did not run. Exit 1: it ran and failed.
NO_ENGINE=3

if [ "$(id -u)" != 0 ]; then log "must run as root (installs packages, starts daemons)"; exit "$NO_ENGINE"; fi

# 1. Install.
if ! command -v sbatch >/dev/null || ! command -v slurmctld >/dev/null || ! command -v slurmd >/dev/null || ! command -v munged >/dev/null; then
  log "installing slurm-wlm and munge"
  export DEBIAN_FRONTEND=noninteractive
  { apt-get update -qq && apt-get install -y -qq --no-install-recommends slurm-wlm munge >/dev/null; } || { log "could not install slurm-wlm and munge"; exit "$NO_ENGINE"; }
fi

# 2. Configure a single-node cluster in a temporary folder.
WORK=$(mktemp -d /tmp/slurm-proof.XXXXXX)
chmod 755 "$WORK"
export SLURM_CONF=$WORK/slurm.conf
STARTED_MUNGED=
dump_logs() {
  for f in "$WORK"/slurmctld.log "$WORK"/slurmd.log; do
    [ -f "$f" ] && { echo "----- $f"; tail -n 60 "$f"; }
  done
  return 0
}
stop_pidfile() { # stop the daemon whose pid the file holds, and wait for it
  local pid
  [ -f "$1" ] || return 0
  pid=$(cat "$1" 2>/dev/null || true)
  [ -n "$pid" ] || return 0
  kill "$pid" 2>/dev/null || return 0
  for _ in $(seq 50); do # gone, or a zombie (daemons are reparented to a PID 1 that may not reap)
    { kill -0 "$pid" 2>/dev/null && ! grep -q '^[^)]*) Z' "/proc/$pid/stat" 2>/dev/null; } || return 0
    sleep 0.2
  done
  kill -9 "$pid" 2>/dev/null || true
}
cleanup() {
  local rc=$?
  if [ -f "$WORK/slurmctld.pid" ]; then # cancel our jobs (after an interruption), let their steps end
    scancel --quiet --name=novasim-sweep 2>/dev/null || true
    for _ in $(seq 20); do [ -z "$(squeue -h 2>/dev/null)" ] && break; sleep 0.5; done
  fi
  stop_pidfile "$WORK/slurmd.pid"
  stop_pidfile "$WORK/slurmctld.pid"
  [ -n "$STARTED_MUNGED" ] && stop_pidfile /run/munge/munged.pid
  rm -rf "$WORK"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

for port in 6817 6818; do
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    log "port $port is in use (another Slurm running?); stop it first"; exit "$NO_ENGINE"
  fi
done

# munge: a key owned by munge, mode 0400, and munged running as munge.
if [ ! -s /etc/munge/munge.key ]; then
  install -d -o munge -g munge -m 0700 /etc/munge
  dd if=/dev/urandom of=/etc/munge/munge.key bs=1 count=1024 status=none
fi
chown munge:munge /etc/munge/munge.key
chmod 0400 /etc/munge/munge.key
install -d -o munge -g munge -m 0755 /run/munge
install -d -o munge -g munge -m 0700 /var/lib/munge /var/log/munge
if ! munge -n </dev/null >/dev/null 2>&1; then
  rm -f /run/munge/munged.pid
  runuser -u munge -- /usr/sbin/munged
  STARTED_MUNGED=1
  for _ in $(seq 50); do munge -n </dev/null >/dev/null 2>&1 && break; sleep 0.1; done
fi
munge -n </dev/null | unmunge >/dev/null || { log "munge does not work"; exit "$NO_ENGINE"; }

HOST=$(hostname -s)
CPUS=$(nproc)
MEM=$(( $(free -m | awk '/^Mem:/ {print $2}') - 512 ))
[ "$MEM" -gt 256 ] || MEM=256
mkdir -p "$WORK/state" "$WORK/spool" "$WORK/out"
cat >"$SLURM_CONF" <<EOF
ClusterName=novasim-proof
SlurmctldHost=$HOST(127.0.0.1)
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
CryptoType=crypto/munge
MpiDefault=none
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
SwitchType=switch/none
SchedulerType=sched/backfill
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
ReturnToService=2
StateSaveLocation=$WORK/state
SlurmdSpoolDir=$WORK/spool
SlurmctldPidFile=$WORK/slurmctld.pid
SlurmdPidFile=$WORK/slurmd.pid
SlurmctldLogFile=$WORK/slurmctld.log
SlurmdLogFile=$WORK/slurmd.log
SlurmctldDebug=info
SlurmdDebug=info
SlurmctldPort=6817
SlurmdPort=6818
NodeName=$HOST NodeAddr=127.0.0.1 CPUs=$CPUS RealMemory=$MEM State=UNKNOWN
PartitionName=debug Nodes=ALL Default=YES MaxTime=INFINITE State=UP
EOF

log "starting slurmctld and slurmd ($HOST, $CPUS CPUs, ${MEM} MB)"
slurmctld || { log "slurmctld failed to start"; dump_logs; exit "$NO_ENGINE"; }
slurmd || { log "slurmd failed to start"; dump_logs; exit "$NO_ENGINE"; }
ready=
for _ in $(seq 60); do
  state=$(sinfo -h -n "$HOST" -o '%T' 2>/dev/null || true)
  if [ "$state" = idle ]; then ready=1; break; fi
  sleep 1
done
if [ -z "$ready" ]; then
  log "node $HOST not idle after 60 s (sinfo: ${state:-no answer})"
  sinfo 2>&1 || true
  dump_logs
  exit "$NO_ENGINE"
fi
log "cluster up: $(sinfo -h -o '%P %a %D %T %N')"

# 3. Build, submit the sweep as a job array, merge, compare with a local run.
if [ ! -f dist/src/cli/main.js ] || [ -n "$(find src -newer dist/src/cli/main.js -print -quit)" ]; then
  log "building"; npm run build --silent
fi
NOVASIM="node $ROOT/dist/src/cli/main.js"
OUT=$WORK/out
log "sbatch --array=1-$SHARDS: $SWEEP"
if ! sbatch --wait --quiet --array=1-"$SHARDS" --job-name=novasim-sweep --chdir="$ROOT" \
  --ntasks=1 --cpus-per-task=1 --time=10 \
  --output="$OUT/slurm-%A_%a.log" \
  --wrap "$NOVASIM sweep $SWEEP --out $OUT/shard-\${SLURM_ARRAY_TASK_ID} --shard \${SLURM_ARRAY_TASK_ID}/$SHARDS --workers 1 --no-report"; then
  log "FAIL: the job array failed"
  for f in "$OUT"/slurm-*.log; do [ -f "$f" ] && { echo "----- $f"; cat "$f"; }; done
  dump_logs
  exit 1
fi
for i in $(seq "$SHARDS"); do
  n=$(find "$OUT/shard-$i/runs" -mindepth 1 -maxdepth 1 -type d 2>/dev/null | wc -l)
  log "shard $i/$SHARDS: $n runs"
done
SHARD_DIRS=()
for i in $(seq "$SHARDS"); do SHARD_DIRS+=("$OUT/shard-$i"); done
$NOVASIM merge "$OUT/merged" "${SHARD_DIRS[@]}" --no-report >"$OUT/merge.log" 2>&1 || { cat "$OUT/merge.log"; log "FAIL: merge failed"; exit 1; }
$NOVASIM sweep "$SWEEP" --out "$OUT/local" --no-report >"$OUT/local.log" 2>&1 || { cat "$OUT/local.log"; log "FAIL: local sweep failed"; exit 1; }

verdict=0
for t in summary.csv paired.csv; do
  if cmp "$OUT/merged/$t" "$OUT/local/$t"; then
    log "$t: merged job-array shards == local run ($(wc -l <"$OUT/local/$t") lines)"
  else
    log "$t: DIFFERS"; diff "$OUT/local/$t" "$OUT/merged/$t" || true; verdict=1
  fi
done
if [ "$verdict" = 0 ]; then
  log "PASS: Slurm job array of $SHARDS shards, merged, equals the local run byte for byte ($(( $(date +%s) - START )) s)"
else
  log "FAIL: merged tables differ from the local run"
fi
exit "$verdict"
