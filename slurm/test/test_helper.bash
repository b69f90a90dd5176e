# shellcheck shell=bash
# shellcheck disable=SC2154  # status and output are set by bats' run
# Shared fixture for the dgxmon job-map bats tests: a sandbox per test, a capturing logger, safety assertions.
#
# Layout per test ($BATS_TEST_TMPDIR):
#   root/run/dcgm-job-map, root/run/dgxmon/jobs, root/run/gpustat  the configured dirs (MAP, INFO, GPUSTAT)
#   root/outside/victim                                           a file nothing may ever touch
#   root/cwd                                                      the scripts' working directory
#   log                                                           what the scripts sent to "logger"
# Everything under root/ except the configured dirs is snapshotted before a run and compared after it.

SLURM_DIR=$(cd "${BATS_TEST_DIRNAME}/.." && pwd)
PROLOG=$SLURM_DIR/prolog.d/dgxmon_job_map.sh
EPILOG=$SLURM_DIR/epilog.d/dgxmon_job_map.sh

setup_sandbox() {
  T=$BATS_TEST_TMPDIR
  ROOT=$T/root
  MAP=$ROOT/run/dcgm-job-map
  INFO=$ROOT/run/dgxmon/jobs
  GPUSTAT=$ROOT/run/gpustat
  MIGFILE=$ROOT/run/dgxmon/mig-uuids
  ENV_FILE=$ROOT/etc/slurm.env
  LOG=$T/log
  LOGGER=$T/bin/logger
  MOUNTS=()
  HOLDERS=()
  SCRIPT_PREFIX=()
  mkdir -p "$MAP" "$INFO" "$GPUSTAT" "$ROOT/outside" "$ROOT/cwd" "$ROOT/etc" "$T/bin"
  echo "precious" >"$ROOT/outside/victim"
  : >"$LOG"
  printf '#!/bin/bash\n{ printf "ARGS %%s\\n" "$*"; cat; } >>%q\n' "$LOG" >"$LOGGER"
  chmod +x "$LOGGER"
}

teardown_sandbox() {
  local m pid
  for pid in "${HOLDERS[@]}"; do kill -- "-$pid" 2>/dev/null || true; done
  for m in "${MOUNTS[@]}"; do umount "$m" 2>/dev/null || umount -l "$m" 2>/dev/null || true; done
}

# Starts `flock -n FILE sleep 60` for file $2 as user $1 (root, or e.g. nobody through setpriv) in its own process
# group, as an attacker or a stray admin tool would; waits until it holds the lock or gave up. REPLY = its pid
# (the lock holder in /proc/locks), killed with its group by teardown_sandbox; returns 1 when it got no lock.
hold_lock() {
  local user=$1 file=$2 pid i
  if [[ $user == root ]]; then
    setsid flock -n "$file" sleep 60 >/dev/null 2>&1 &
  else
    setsid setpriv --reuid="$user" --regid="$(id -g "$user")" --clear-groups flock -n "$file" sleep 60 >/dev/null 2>&1 &
  fi
  pid=$!
  HOLDERS+=("$pid")
  REPLY=$pid
  for ((i = 0; i < 100; i++)); do
    grep -q "^[0-9]*: FLOCK  ADVISORY  WRITE $pid " /proc/locks && return 0
    kill -0 "$pid" 2>/dev/null || return 1
    sleep 0.05
  done
  return 1
}

# Lets other users reach dir $1: o+x on it and each parent up to /tmp (bats' run dir is 0700), as on a node where
# /run is reachable by everyone.
open_path_to_others() {
  local dir=$1
  while [[ $dir == /tmp/?* ]]; do
    chmod o+x "$dir"
    dir=${dir%/*}
  done
}

# Mounts a tmpfs (options $2) on dir $1, remembered for teardown. Read-only and disk-full cases need a real
# mount (root ignores permission bits, so chmod cannot make a dir read-only for the prolog). The tests run as root
# (README); where mount is not permitted the test fails with the reason, never skips.
mount_tmpfs() {
  local err
  mkdir -p "$1"
  if ! err=$(mount -t tmpfs -o "$2" tmpfs "$1" 2>&1); then
    echo "cannot mount a tmpfs (needs root/CAP_SYS_ADMIN): $err"; return 1
  fi
  MOUNTS+=("$1")
}

# Runs script $1 in root/cwd with a clean environment: the sandbox settings, then the VAR=value arguments; the
# command words in SCRIPT_PREFIX (e.g. timeout 10) go in front. DGXMON_NO_LOADABLES set for bats (e.g.
# `DGXMON_NO_LOADABLES=1 bats slurm/test`) passes on, so the whole suite can run with the external stat and rm too.
run_script() {
  local script=$1
  shift
  run_in_cwd "${SCRIPT_PREFIX[@]}" env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin DGXMON_SLURM_ENV="$ENV_FILE" DGXMON_LOGGER="$LOGGER" \
    DGXMON_JOB_MAP_DIR="$MAP" DGXMON_JOB_INFO_DIR="$INFO" DGXMON_GPUSTAT_DIR="$GPUSTAT" \
    DGXMON_MIG_MAP_FILE="$MIGFILE" ${DGXMON_NO_LOADABLES:+"DGXMON_NO_LOADABLES=$DGXMON_NO_LOADABLES"} "$@" "$script"
}

run_in_cwd() {
  snapshot_outside >"$T/before"
  run bash -c 'cd "$1" && shift && exec "$@"' _ "$ROOT/cwd" "$@"
  snapshot_outside >"$T/after"
}

# Installs the scripts as BCM and the deployer do: the real files and the library in <root>/cm/shared/apps/slurm/var/cm,
# run through 60- links in <root>/cm/local/apps/slurm/var/{prologs,epilogs}; link targets are absolute paths.
# Sets BCM_PROLOG and BCM_EPILOG, the links, for the tests.
# shellcheck disable=SC2034  # read by the test files that load this helper
install_bcm_layout() {
  local shared=$ROOT/cm/shared/apps/slurm/var/cm local=$ROOT/cm/local/apps/slurm/var
  mkdir -p "$shared" "$local/prologs" "$local/epilogs"
  cp "$PROLOG" "$shared/prolog-dgxmon.sh"
  cp "$EPILOG" "$shared/epilog-dgxmon.sh"
  cp "$SLURM_DIR"/lib/*.bash "$shared/"
  ln -s "$shared/prolog-dgxmon.sh" "$local/prologs/60-prolog-dgxmon.sh"
  ln -s "$shared/epilog-dgxmon.sh" "$local/epilogs/60-epilog-dgxmon.sh"
  BCM_PROLOG=$local/prologs/60-prolog-dgxmon.sh
  BCM_EPILOG=$local/epilogs/60-epilog-dgxmon.sh
}

# Fails (CI=true) or skips (elsewhere) when program $1 from Debian package $2 is missing.
require_program() {
  [[ -e $1 ]] && return 0
  [[ ${CI-} == true ]] && { echo "$1 missing: apt-get install $2 (setup.sh TEST_PACKAGES)"; return 1; }
  skip "$1 missing (apt-get install $2)"
}

# Runs script $1 (VAR=value arguments $2..) under `strace -f -e trace=$TRACE` into $T/strace (SCRIPT_PREFIX).
run_traced() {
  local script=$1
  shift
  require_program /usr/bin/strace strace || return 1
  SCRIPT_PREFIX=(strace -f -qq -e "trace=$TRACE" -e signal=none -o "$T/strace")
  run_script "$script" "$@"
  SCRIPT_PREFIX=()
  assert_exit_0
}

prolog() { run_script "$PROLOG" "$@"; }
epilog() { run_script "$EPILOG" "$@"; }

# Every path under root/ outside the configured dirs: type, mode, link target, and size + mtime of files.
snapshot_outside() {
  find "$ROOT" \( -path "$MAP" -o -path "$INFO" -o -path "$GPUSTAT" \) -prune \
    -o -type f -printf '%p f %s %m %T@\n' -o -printf '%p %y %m %l\n' |
    LC_ALL=C sort
  cat "$ROOT/outside/victim" 2>/dev/null
}

assert_nothing_outside() {
  if ! diff "$T/before" "$T/after"; then
    echo "the script changed something outside the configured dirs (diff above)"
    return 1
  fi
}

assert_exit_0() {
  if [[ $status -ne 0 ]]; then
    echo "exit status $status, want 0; output: $output"
    return 1
  fi
}

# The logger received a line matching extended regex $1.
assert_logged() {
  if ! grep -Eq -- "$1" "$LOG"; then
    echo "no log line matches /$1/; the log was:"
    cat "$LOG"
    return 1
  fi
}

assert_not_logged() {
  if grep -v '^ARGS ' "$LOG" | grep -q .; then
    echo "unexpected log lines:"
    cat "$LOG"
    return 1
  fi
}

# The adversarial contract: exit 0, nothing outside the configured dirs, and a log line matching $1.
assert_safe() {
  assert_exit_0
  assert_nothing_outside
  assert_logged "$1"
}

# File $1 holds exactly the lines $2.. (each followed by a newline).
assert_lines() {
  local file=$1 want got
  shift
  printf -v want '%s\n' "$@"
  if [[ ! -f $file ]]; then
    echo "$file is missing; want: $want"
    return 1
  fi
  got=$(cat "$file"; echo x)
  if [[ ${got%x} != "$want" ]]; then
    printf 'file %s\nwant: %q\ngot:  %q\n' "$file" "$want" "${got%x}"
    return 1
  fi
}

assert_missing() {
  local path
  for path in "$@"; do
    if [[ -e $path || -L $path ]]; then
      echo "$path should not exist"
      return 1
    fi
  done
}

# The names of the map files (no hidden staging/lock entries), sorted, on one line.
map_files() {
  find "$1" -mindepth 1 -maxdepth 1 ! -name '.*' -printf '%f\n' | LC_ALL=C sort | tr '\n' ' '
}
