#!/bin/bash
# shellcheck shell=bash
# Benchmark of the dgxmon prolog/epilog for an 8-GPU job: median wall time, its ratio to a bare bash start measured
# in the same run, and external processes per run.
#
# Usage: slurm/bench/bench_job_map.sh [RUNS]   (default 200; runs in a temp dir, touches nothing else)
# The scripts run exactly as BCM runs them: through a 60-*-dgxmon.sh symlink to a copy with the library beside
# it, with their settings in a slurm.env as the deployer writes it, all on a tmpfs (/dev/shm) like /run. Wall time is measured from the caller's side,
# so it includes starting bash, as slurmd's fork+exec does. Each round runs, in this order: a bare `bash -c true`,
# a script that only sources the library (bash + parse), the prolog and the epilog. Processes are counted with
# `strace -f -e trace=execve` (successful execve calls, the script's own bash excluded) when strace exists. Where
# Debian's bash-builtins is installed, the scripts use its loadable stat and rm; the last figure runs them without
# (DGXMON_NO_LOADABLES=1), as on a node without the package.
set -u

readonly RUNS=${1:-200}
SRC=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd) || exit 1
readonly SRC
# On a tmpfs, as /run is on a node: on ext4, rewriting or renaming over a file forces its data out (auto_da_alloc),
# which costs milliseconds per file and would be measured instead of the scripts.
WORK=$(mktemp -d /dev/shm/dgxmon-bench.XXXXXX 2>/dev/null || mktemp -d /tmp/dgxmon-bench.XXXXXX) || exit 1
readonly WORK
trap 'rm -rf "$WORK"' EXIT

install_bcm_layout() {
  local shared=$WORK/cm/shared/apps/slurm/var/cm local=$WORK/cm/local/apps/slurm/var
  mkdir -p "$shared" "$local/prologs" "$local/epilogs" "$WORK/run"
  cp "$SRC/prolog.d/dgxmon_job_map.sh" "$shared/prolog-dgxmon.sh"
  cp "$SRC/epilog.d/dgxmon_job_map.sh" "$shared/epilog-dgxmon.sh"
  cp "$SRC"/lib/*.bash "$shared/"
  cat >"$shared/source-only.sh" <<'SCRIPT'
#!/bin/bash
source "${BASH_SOURCE[0]%/*}/dgxmon_job_map.bash"
exit 0
SCRIPT
  chmod +x "$shared/source-only.sh"
  SOURCE_ONLY=$shared/source-only.sh
  ln -s "$shared/prolog-dgxmon.sh" "$local/prologs/60-prolog-dgxmon.sh"
  ln -s "$shared/epilog-dgxmon.sh" "$local/epilogs/60-epilog-dgxmon.sh"
  PROLOG=$local/prologs/60-prolog-dgxmon.sh
  EPILOG=$local/epilogs/60-epilog-dgxmon.sh
}

# Writes the settings file as templates/etc/slurm.env.ftl does, with gpustat dir $1 ("" = off).
write_settings() {
  printf '%s\n' "# Written by dgxmon-deploy; read by the dgxmon Slurm prolog and epilog. An empty value turns a file set off." \
    "DGXMON_JOB_MAP_DIR=$WORK/run/dcgm-job-map" "DGXMON_JOB_INFO_DIR=$WORK/run/dgxmon/jobs" "DGXMON_GPUSTAT_DIR=$1" \
    "DGXMON_MIG_MAP_FILE=$WORK/run/dgxmon/exporter/mig-uuids" >"$WORK/slurm.env"
}

# Runs script $1 for job $2 on GPUs 0-7 with the benchmark's settings, started with one fork+exec as slurmd
# does; extra command words ($3..) go in front of the script (strace, env DGXMON_NO_LOADABLES=1).
run_script() {
  local script=$1 job=$2
  shift 2
  DGXMON_SLURM_ENV="$WORK/slurm.env" SLURM_JOB_ID="$job" SLURM_JOB_UID=1000 SLURM_JOB_USER=alice \
    SLURM_JOB_ACCOUNT=proja SLURM_JOB_PARTITION=gpu SLURM_JOB_GPUS=0,1,2,3,4,5,6,7 SLURMD_NODENAME=dgx-01 "$@" "$script"
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

# Runs command $3.. once; appends its wall microseconds to the array named $1 and adds its CPU microseconds (user +
# sys of the finished children) to the variable named $2.
time_one() {
  local -n wall_of=$1 cpu_of=$2
  local start cpu_before
  shift 2
  children_cpu_us; cpu_before=$REPLY; now_us; start=$REPLY
  "$@"
  now_us; wall_of+=($((REPLY - start))); children_cpu_us; cpu_of=$((cpu_of + REPLY - cpu_before))
}

# Prints the mean of $1 microseconds over RUNS, in milliseconds.
mean_ms() {
  awk -v t="$1" -v n="$RUNS" 'BEGIN { printf "%.1f", t / n / 1000 }'
}

# Prints $1 / $2 with two decimals.
ratio() {
  awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'
}

# Times RUNS rounds of fresh jobs, each a bare `bash -c true` (the floor: what starting any bash script costs at this
# moment), a bash that only sources the library, a prolog and an epilog; with $1 = shared, job 7 holds all 8 GPUs
# meanwhile, so every epilog must rewrite the map files instead of deleting them. Prints medians, CPU means, the
# medians' ratios to bare bash and the load average at the end.
measure() {
  local scenario=$1 i job prolog_ms epilog_ms bare_ms source_ms
  local bare_us=() source_us=() prolog_us=() epilog_us=() cpu_bare=0 cpu_source=0 cpu_prolog=0 cpu_epilog=0
  [[ $scenario == shared ]] && run_script "$PROLOG" 7
  for ((i = 0; i < RUNS; i++)); do
    job=$((1000 + i))
    time_one bare_us cpu_bare bash -c true
    time_one source_us cpu_source run_script "$SOURCE_ONLY" "$job"
    time_one prolog_us cpu_prolog run_script "$PROLOG" "$job"
    time_one epilog_us cpu_epilog run_script "$EPILOG" "$job"
  done
  bare_ms=$(median_ms "${bare_us[@]}") source_ms=$(median_ms "${source_us[@]}")
  prolog_ms=$(median_ms "${prolog_us[@]}") epilog_ms=$(median_ms "${epilog_us[@]}")
  printf '  %-36s prolog %6s ms (CPU %s ms)   epilog %6s ms (CPU %s ms)\n' "$2" \
    "$prolog_ms" "$(mean_ms "$cpu_prolog")" "$epilog_ms" "$(mean_ms "$cpu_epilog")"
  printf '  %-36s bare bash -c true %s ms (CPU %s ms), bash + source library %s ms (CPU %s ms)\n' "" \
    "$bare_ms" "$(mean_ms "$cpu_bare")" "$source_ms" "$(mean_ms "$cpu_source")"
  printf '  %-36s x bare bash: prolog %s, epilog %s, source only %s (goal <= 3); load average now %s\n' "" \
    "$(ratio "$prolog_ms" "$bare_ms")" "$(ratio "$epilog_ms" "$bare_ms")" "$(ratio "$source_ms" "$bare_ms")" \
    "$(cut -d' ' -f1-3 /proc/loadavg)"
  if command -v strace >/dev/null; then
    printf '  %-36s prolog %s, epilog %s external processes (target <= 8 + 2 = 10)\n' "" \
      "$(count_processes "$PROLOG" 9001)" "$(count_processes "$EPILOG" 9001)"
  fi
  [[ $scenario == shared ]] && run_script "$EPILOG" 7
  return 0
}

main() {
  local loadables="loadable stat and rm (bash-builtins)"
  install_bcm_layout
  printf 'dgxmon job map benchmark: 8-GPU job, %d runs per figure (medians of wall time), BCM symlink layout\n' "$RUNS"
  printf '  machine: %s CPUs, load average %s (wall time grows with load; CPU = user+sys of the script and its children)\n' \
    "$(nproc)" "$(cut -d' ' -f1-3 /proc/loadavg)"
  [[ -f /usr/lib/bash/stat && -f /usr/lib/bash/rm ]] || loadables="stat and rm programs (no bash-builtins)"
  printf '  bash %s, %s, files on %s (%s)\n' "$BASH_VERSION" "$loadables" "$(stat -f -c %T "$WORK")" "$WORK"
  command -v strace >/dev/null || echo '  external processes: not counted (install strace: apt-get install strace)'
  write_settings ""
  run_script "$PROLOG" 1 && run_script "$EPILOG" 1   # creates the dirs once, as the first job after a boot does
  measure alone "defaults (map + job info):"
  write_settings "$WORK/run/gpustat"
  run_script "$PROLOG" 1 && run_script "$EPILOG" 1
  measure alone "map + job info + gpustat:"
  measure shared "same, GPUs shared with another job:"
  if [[ $loadables == loadable* ]]; then
    export DGXMON_NO_LOADABLES=1
    measure alone "map + job info + gpustat, programs:"
    unset DGXMON_NO_LOADABLES
  fi
}

main
