#!/bin/bash
# Benchmark of the dgxmon prolog/epilog for an 8-GPU job: median wall time and external processes per run.
#
# Usage: slurm/bench/bench_job_map.sh [RUNS]   (default 200; runs in a temp dir, touches nothing else)
# The scripts run exactly as BCM runs them: through a 60-*-dgxmon.sh symlink to a copy with the library beside
# it, with the map, job info and gpustat dirs all configured (the most work per job). Wall time is measured
# from the caller's side, so it includes starting bash, as slurmd's fork+exec does. Processes are counted with
# `strace -f -e trace=execve` (successful execve calls, the script's own bash excluded) when strace exists.
set -u

readonly RUNS=${1:-200}
SRC=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd) || exit 1
readonly SRC
WORK=$(mktemp -d /tmp/dgxmon-bench.XXXXXX) || exit 1
readonly WORK
trap 'rm -rf "$WORK"' EXIT

install_bcm_layout() {
  local shared=$WORK/cm/shared/apps/slurm/var/cm local=$WORK/cm/local/apps/slurm/var
  mkdir -p "$shared" "$local/prologs" "$local/epilogs" "$WORK/run"
  cp "$SRC/prolog.d/dgxmon_job_map.sh" "$shared/prolog-dgxmon.sh"
  cp "$SRC/epilog.d/dgxmon_job_map.sh" "$shared/epilog-dgxmon.sh"
  cp "$SRC/lib/dgxmon_job_map.bash" "$shared/"
  ln -s "$shared/prolog-dgxmon.sh" "$local/prologs/60-prolog-dgxmon.sh"
  ln -s "$shared/epilog-dgxmon.sh" "$local/epilogs/60-epilog-dgxmon.sh"
  PROLOG=$local/prologs/60-prolog-dgxmon.sh
  EPILOG=$local/epilogs/60-epilog-dgxmon.sh
}

# Runs script $1 for job $2 on GPUs 0-7 with the benchmark's settings, started with one fork+exec as slurmd
# does; extra command words ($3..) go in front of the script (strace).
run_script() {
  local script=$1 job=$2
  shift 2
  DGXMON_SLURM_ENV="$WORK/none.env" DGXMON_JOB_MAP_DIR="$WORK/run/dcgm-job-map" \
    DGXMON_JOB_INFO_DIR="$WORK/run/dgxmon/jobs" DGXMON_GPUSTAT_DIR="$WORK/run/gpustat" \
    SLURM_JOB_ID="$job" SLURM_JOB_UID=1000 SLURM_JOB_USER=alice SLURM_JOB_ACCOUNT=proja \
    SLURM_JOB_PARTITION=gpu SLURM_JOB_GPUS=0,1,2,3,4,5,6,7 SLURMD_NODENAME=dgx-01 "$@" "$script"
}

# Prints the median of the microsecond values given as arguments, in milliseconds.
median_ms() {
  local sorted
  mapfile -t sorted < <(printf '%s\n' "$@" | sort -n)
  awk -v us="${sorted[$((${#sorted[@]} / 2))]}" 'BEGIN { printf "%.2f", us / 1000 }'
}

# Microseconds since the epoch, from bash's $EPOCHREALTIME (no fork).
now_us() {
  local t=${EPOCHREALTIME/./}
  REPLY=$((10#$t))
}

# External processes started by one run of script $1: successful execve calls, minus the script's own.
count_processes() {
  local out=$WORK/strace.out execs
  run_script "$1" "$2" strace -f -e trace=execve -o "$out" >/dev/null 2>&1
  execs=$(grep -c 'execve(.*= 0$' "$out")
  echo $((execs - 1))
}

main() {
  local i start prolog_us=() epilog_us=() shared_epilog_us=()
  install_bcm_layout
  # Warm up once (creates the dirs, which happens once per boot in real life).
  run_script "$PROLOG" 1
  run_script "$EPILOG" 1
  for ((i = 0; i < RUNS; i++)); do
    now_us; start=$REPLY
    run_script "$PROLOG" $((1000 + i))
    now_us; prolog_us+=($((REPLY - start)))
    now_us; start=$REPLY
    run_script "$EPILOG" $((1000 + i))
    now_us; epilog_us+=($((REPLY - start)))
  done
  # The epilog that must rewrite shared files (another job still on all 8 GPUs) takes the mv path too.
  run_script "$PROLOG" 7
  for ((i = 0; i < RUNS; i++)); do
    run_script "$PROLOG" $((5000 + i))
    now_us; start=$REPLY
    run_script "$EPILOG" $((5000 + i))
    now_us; shared_epilog_us+=($((REPLY - start)))
  done
  printf 'dgxmon job map benchmark: 8-GPU job, %d runs each, map + job info + gpustat dirs, BCM symlink layout\n' "$RUNS"
  printf '  machine: %s CPUs, load average %s\n' "$(nproc)" "$(cut -d' ' -f1-3 /proc/loadavg)"
  printf '  prolog median:                     %s ms\n' "$(median_ms "${prolog_us[@]}")"
  printf '  epilog median (job alone):         %s ms\n' "$(median_ms "${epilog_us[@]}")"
  printf '  epilog median (GPUs shared):       %s ms\n' "$(median_ms "${shared_epilog_us[@]}")"
  if command -v strace >/dev/null; then
    # Job 7 still holds all 8 GPUs here, so job 9001's epilog has to rewrite shared files.
    printf '  external processes, prolog:        %s (target <= 8 + 2 = 10)\n' "$(count_processes "$PROLOG" 9001)"
    printf '  external processes, epilog shared: %s\n' "$(count_processes "$EPILOG" 9001)"
    run_script "$EPILOG" 7
    run_script "$PROLOG" 9002
    printf '  external processes, epilog alone:  %s\n' "$(count_processes "$EPILOG" 9002)"
  else
    echo '  external processes: not counted (install strace: apt-get install strace)'
  fi
}

main
