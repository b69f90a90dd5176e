#!/bin/bash
# shellcheck shell=bash
# Benchmark of the dgxmon prolog/epilog for an 8-GPU job: median wall time, its ratio to a bare bash start measured
# in the same run, and external processes per run.
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
    DGXMON_JOB_INFO_DIR="$WORK/run/dgxmon/jobs" DGXMON_GPUSTAT_DIR="$GPUSTAT_DIR" \
    SLURM_JOB_ID="$job" SLURM_JOB_UID=1000 SLURM_JOB_USER=alice SLURM_JOB_ACCOUNT=proja \
    SLURM_JOB_PARTITION=gpu SLURM_JOB_GPUS=0,1,2,3,4,5,6,7 SLURMD_NODENAME=dgx-01 "$@" "$script"
}

# Prints the median of the microsecond values given as arguments, in milliseconds.
median_ms() {
  local sorted
  mapfile -t sorted < <(printf '%s\n' "$@" | sort -n)
  awk -v us="${sorted[$((${#sorted[@]} / 2))]}" 'BEGIN { printf "%.2f", us / 1000 }'
}

# REPLY = CPU microseconds (user + sys) used so far by this shell's finished children, from the `times` builtin.
children_cpu_us() {
  local line fields
  times >"$WORK/times"   # in this shell: a subshell would report its own (empty) children
  { read -r line; read -r line; } <"$WORK/times"
  read -r -a fields <<<"${line//[ms]/ }"
  REPLY=$(awk -v a="${fields[0]}" -v b="${fields[1]}" -v c="${fields[2]}" -v d="${fields[3]}" \
    'BEGIN { printf "%d", (a * 60 + b + c * 60 + d) * 1000000 }')
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

# Times RUNS prolog+epilog pairs of fresh jobs, each after a bare `bash -c true` (the floor: what starting any
# bash script costs at this moment); with $1 = shared, job 7 holds all 8 GPUs meanwhile, so every epilog must
# rewrite the map files instead of deleting them. Prints medians, CPU means and the medians' ratios to bare bash.
measure() {
  local scenario=$1 i job start cpu_before cpu_bare=0 cpu_prolog=0 cpu_epilog=0 prolog_us=() epilog_us=() bare_us=()
  local prolog_ms epilog_ms bare_ms
  [[ $scenario == shared ]] && run_script "$PROLOG" 7
  for ((i = 0; i < RUNS; i++)); do
    job=$((1000 + i))
    children_cpu_us; cpu_before=$REPLY; now_us; start=$REPLY
    bash -c true
    now_us; bare_us+=($((REPLY - start))); children_cpu_us; cpu_bare=$((cpu_bare + REPLY - cpu_before))
    children_cpu_us; cpu_before=$REPLY; now_us; start=$REPLY
    run_script "$PROLOG" "$job"
    now_us; prolog_us+=($((REPLY - start))); children_cpu_us; cpu_prolog=$((cpu_prolog + REPLY - cpu_before))
    cpu_before=$REPLY; now_us; start=$REPLY
    run_script "$EPILOG" "$job"
    now_us; epilog_us+=($((REPLY - start))); children_cpu_us; cpu_epilog=$((cpu_epilog + REPLY - cpu_before))
  done
  prolog_ms=$(median_ms "${prolog_us[@]}") epilog_ms=$(median_ms "${epilog_us[@]}") bare_ms=$(median_ms "${bare_us[@]}")
  printf '  %-34s prolog %6s ms (CPU %s ms)   epilog %6s ms (CPU %s ms)\n' "$2" \
    "$prolog_ms" "$(awk -v t="$cpu_prolog" -v n="$RUNS" 'BEGIN { printf "%.1f", t / n / 1000 }')" \
    "$epilog_ms" "$(awk -v t="$cpu_epilog" -v n="$RUNS" 'BEGIN { printf "%.1f", t / n / 1000 }')"
  printf '  %-34s bare bash -c true %s ms (CPU %s ms): prolog %s x, epilog %s x (goal <= 3 x)\n' "" "$bare_ms" \
    "$(awk -v t="$cpu_bare" -v n="$RUNS" 'BEGIN { printf "%.1f", t / n / 1000 }')" \
    "$(awk -v a="$prolog_ms" -v b="$bare_ms" 'BEGIN { printf "%.2f", a / b }')" \
    "$(awk -v a="$epilog_ms" -v b="$bare_ms" 'BEGIN { printf "%.2f", a / b }')"
  if command -v strace >/dev/null; then
    printf '  %-34s prolog %s, epilog %s external processes (target <= 8 + 2 = 10)\n' "" \
      "$(count_processes "$PROLOG" 9001)" "$(count_processes "$EPILOG" 9001)"
  fi
  [[ $scenario == shared ]] && run_script "$EPILOG" 7
  return 0
}

main() {
  install_bcm_layout
  printf 'dgxmon job map benchmark: 8-GPU job, %d runs per figure (medians of wall time), BCM symlink layout\n' "$RUNS"
  printf '  machine: %s CPUs, load average %s (wall time grows with load; CPU = user+sys of the script and its children)\n' \
    "$(nproc)" "$(cut -d' ' -f1-3 /proc/loadavg)"
  command -v strace >/dev/null || echo '  external processes: not counted (install strace: apt-get install strace)'
  GPUSTAT_DIR=""
  run_script "$PROLOG" 1 && run_script "$EPILOG" 1   # creates the dirs once, as the first job after a boot does
  measure alone "defaults (map + job info):"
  GPUSTAT_DIR=$WORK/run/gpustat
  run_script "$PROLOG" 1 && run_script "$EPILOG" 1
  measure alone "map + job info + gpustat:"
  measure shared "same, GPUs shared with another job:"
}

main
