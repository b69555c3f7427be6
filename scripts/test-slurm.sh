#!/usr/bin/env bash
# test-slurm.sh — run a sharded sweep on a real single-node Slurm and check that the
# merged result equals a local run of the same sweep.
#
# It installs slurm-wlm and munge from Debian when they are missing (as root),
# starts munged (unless one already answers), slurmctld and slurmd with a
# configuration in a temporary folder (ports on localhost, no system file changed),
# submits the job array and its merge job that `mineralplan sweep --slurm` writes,
# waits for them with a bounded timeout, compares cases.csv with a local run apart
# from timing columns, and stops every daemon it started by pid — also on failure.
#
# Usage: scripts/test-slurm.sh BIN   (BIN: the mineralplan binary)
set -euo pipefail

bin=$(realpath "${1:?usage: test-slurm.sh path/to/mineralplan}")
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
timeout_s=${SLURM_TEST_TIMEOUT:-1500}
say() { printf 'test-slurm: %s\n' "$*" >&2; }
die() { say "FAIL: $*"; exit 1; }

if ! command -v slurmctld >/dev/null || ! command -v munged >/dev/null; then
	[ "$(id -u)" = 0 ] || die "slurm-wlm and munge are missing; run 'sudo apt-get install -y slurm-wlm munge'"
	say "installing slurm-wlm and munge"
	export DEBIAN_FRONTEND=noninteractive
	apt-get install -y -q slurm-wlm munge >/dev/null 2>&1 ||
		{ apt-get update -q >/dev/null && apt-get install -y -q slurm-wlm munge >/dev/null; } ||
		die "apt-get install slurm-wlm munge failed"
fi
[ "$(id -u)" = 0 ] || die "a private Slurm with SlurmUser=root needs root"

work=$(mktemp -d /tmp/mineralplan-slurm.XXXXXX)
started=()
cleanup() {
	local rc=$?
	for pidfile in "${started[@]}"; do
		if [ -s "$pidfile" ]; then
			pid=$(cat "$pidfile")
			kill "$pid" 2>/dev/null || true
			for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
			kill -9 "$pid" 2>/dev/null || true
		fi
	done
	if [ $rc -ne 0 ]; then
		say "logs kept in $work/log"
	else
		rm -rf "$work"
	fi
	exit $rc
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# munge: reuse a running one, else start our own.
if ! munge -n 2>/dev/null | unmunge >/dev/null 2>&1; then
	mkdir -p /run/munge /var/log/munge /var/lib/munge
	chown -R munge: /run/munge /var/log/munge /var/lib/munge /etc/munge
	[ -f /etc/munge/munge.key ] || { dd if=/dev/urandom bs=1 count=1024 of=/etc/munge/munge.key 2>/dev/null && chown munge: /etc/munge/munge.key && chmod 400 /etc/munge/munge.key; }
	su -s /bin/sh munge -c "/usr/sbin/munged --pid-file=/run/munge/munged.pid" || die "munged did not start"
	started+=(/run/munge/munged.pid)
	for _ in $(seq 50); do munge -n 2>/dev/null | unmunge >/dev/null 2>&1 && break; sleep 0.1; done
	munge -n | unmunge >/dev/null 2>&1 || die "munge does not answer"
fi

host=$(hostname -s)
mkdir -p "$work/state" "$work/spool" "$work/log"
conf="$work/slurm.conf"
cat >"$conf" <<EOF
ClusterName=mineralplan-test
SlurmctldHost=$host
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
StateSaveLocation=$work/state
SlurmdSpoolDir=$work/spool
SlurmctldPidFile=$work/slurmctld.pid
SlurmdPidFile=$work/slurmd.pid
SlurmctldLogFile=$work/log/slurmctld.log
SlurmdLogFile=$work/log/slurmd.log
SlurmctldPort=${SLURMCTLD_PORT:-16817}
SlurmdPort=${SLURMD_PORT:-16818}
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SchedulerType=sched/builtin
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
ReturnToService=2
MpiDefault=none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
NodeName=$host CPUs=$(nproc) RealMemory=2000 State=UNKNOWN
PartitionName=local Nodes=ALL Default=YES MaxTime=INFINITE State=UP
EOF
export SLURM_CONF="$conf"
started+=("$work/slurmd.pid" "$work/slurmctld.pid")
slurmctld -f "$conf" || die "slurmctld did not start (see $work/log/slurmctld.log)"
slurmd -f "$conf" || die "slurmd did not start (see $work/log/slurmd.log)"
for _ in $(seq 100); do sinfo -h -o %t 2>/dev/null | grep -qx idle && break; sleep 0.2; done
sinfo -h -o %t | grep -qx idle || die "the node is not idle: $(sinfo 2>&1)"
say "Slurm is up ($(sinfo -h -o '%P %D %t'))"

# The sweep: 40 cases of the default scenario (a 4 × 10 grid), as a 4-task array.
# The budget is the last axis, so the grid has 4 lines of 10 budgets, one per
# shard, each proving the budgets its larger budgets' plans fit.
scen="$here/scenarios/india-japan-2026.yaml"
vary=(--vary 'discount_rate=0.06,0.08,0.10,0.12' --vary 'budget.total=100e6:325e6:25e6')
t0=$(date +%s)
"$bin" sweep "$scen" "${vary[@]}" --out "$work/slurm-out" --slurm "$work/jobs" --array-size 4 \
	--partition local --cpus-per-task 1 --mem 1G --time 00:30:00 >"$work/submit.txt"
[ -f "$work/jobs/sweep.sbatch" ] && [ -f "$work/jobs/merge.sbatch" ] || die "sweep --slurm wrote no job scripts"
array=$(cd "$work/jobs" && sbatch --parsable sweep.sbatch)
merge=$(cd "$work/jobs" && sbatch --parsable --dependency="afterok:$array" merge.sbatch)
say "submitted array job $array and merge job $merge"
deadline=$((t0 + timeout_s))
while squeue -h -j "$array,$merge" 2>/dev/null | grep -q .; do
	[ "$(date +%s)" -lt $deadline ] || die "jobs still queued or running after ${timeout_s}s: $(squeue)"
	sleep 2
done
t1=$(date +%s)
say "Slurm run finished in $((t1 - t0)) s"
for k in 1 2 3 4; do
	say "shard $k: $(python3 - "$work/slurm-out/shards/$k/cases.csv" <<'PY'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], newline="")))
print(f"{len(rows)} cases, {sum(float(r['seconds']) for r in rows):.1f} s of solving")
PY
)"
done
for k in 1 2 3 4; do
	[ "$(wc -l <"$work/slurm-out/shards/$k/cases.csv")" -gt 1 ] || die "shard $k has no cases: the grid's lines were not dealt to every shard"
done
[ -f "$work/slurm-out/cases.csv" ] || die "the merge job wrote no cases.csv (see $work/jobs/*.out)"

"$bin" sweep "$scen" "${vary[@]}" --out "$work/local-out" >/dev/null
t2=$(date +%s)
say "local run finished in $((t2 - t1)) s"

# Compare apart from the timing columns (those named *seconds*).
strip() { python3 - "$1" <<'PY'
import csv, sys
rows = list(csv.reader(open(sys.argv[1], newline="")))
keep = [i for i, h in enumerate(rows[0]) if "second" not in h]
for r in rows:
    print(",".join(r[i] for i in keep))
PY
}
diff <(strip "$work/slurm-out/cases.csv") <(strip "$work/local-out/cases.csv") >"$work/diff.txt" ||
	die "merged Slurm cases.csv differs from the local run: $(head -n 20 "$work/diff.txt")"
n=$(($(wc -l <"$work/slurm-out/cases.csv") - 1))
say "PASS: $n cases; merged Slurm result equals the local run (Slurm $((t1 - t0)) s, local $((t2 - t1)) s)"
echo "test-slurm: 1 passed, 0 failed"
