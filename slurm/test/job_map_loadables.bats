#!/usr/bin/env bats
# stat and rm as bash loadable builtins (Debian's bash-builtins, /usr/lib/bash) and as programs: the same owner and
# mode checks, the same files, and fewer processes with the loadables. Both paths run here on every machine that has
# the package (setup.sh installs it); DGXMON_NO_LOADABLES=1 selects the programs.

load test_helper

LIB=$SLURM_DIR/lib/dgxmon_job_map.bash

setup() {
  unset DGXMON_NO_LOADABLES  # this file chooses the path per test, also in a DGXMON_NO_LOADABLES=1 run of the suite
  setup_sandbox
  require_program /usr/lib/bash/stat bash-builtins
  require_program /usr/lib/bash/rm bash-builtins
}
teardown() { teardown_sandbox; }

job42=(SLURM_JOB_ID=42 SLURM_JOB_UID=1000 SLURM_JOB_USER=alice SLURM_JOB_ACCOUNT=proja SLURM_JOB_PARTITION=gpu)

# The names of the programs script $1 started (VAR=value arguments $2..), on one line.
programs_of() {
  TRACE=execve run_traced "$@" || return 1
  # The first two execve calls are env and the script itself, the rest what the script started.
  sed -n 's/^[0-9]* *execve("\([^"]*\)".* = 0$/\1/p' "$T/strace" | tail -n +3 | sed 's,.*/,,' | paste -sd ' '
}

@test "with the loadables: the prolog starts flock and rename.ul only, the epilog flock only" {
  mkdir -m 0700 "$MAP/.dgxmon" "$INFO/.dgxmon" "$GPUSTAT/.dgxmon"  # as after the first job since boot
  got=$(programs_of "$PROLOG" "${job42[@]}" SLURM_JOB_GPUS=0,1)
  [ "$got" = "flock rename.ul" ] || { echo "prolog started: $got"; false; }
  got=$(programs_of "$EPILOG" "${job42[@]}")
  [ "$got" = "flock" ] || { echo "epilog started: $got"; false; }
  assert_missing "$MAP/0" "$INFO/42"
  assert_not_logged
}

@test "without them (DGXMON_NO_LOADABLES=1): stat and rm run as programs, with the same result" {
  mkdir -m 0700 "$MAP/.dgxmon" "$INFO/.dgxmon" "$GPUSTAT/.dgxmon"
  got=$(programs_of "$PROLOG" "${job42[@]}" SLURM_JOB_GPUS=0,1 DGXMON_NO_LOADABLES=1)
  [ "$got" = "stat flock rename.ul" ] || { echo "prolog started: $got"; false; }
  assert_lines "$MAP/1" 42
  got=$(programs_of "$EPILOG" "${job42[@]}" DGXMON_NO_LOADABLES=1)
  [ "$got" = "stat flock rm" ] || { echo "epilog started: $got"; false; }
  assert_missing "$MAP/0" "$INFO/42"
  assert_not_logged
}

@test "the loadable stat and stat(1) see the same owner, type and mode, links not followed" {
  local d=$ROOT/modes
  mkdir -p "$d/plain" "$d/open" "$d/sticky" "$d/setgid" "$d/private" "$d/foreign"
  chmod 0755 "$d/plain"; chmod 0777 "$d/open"; chmod 1777 "$d/sticky"; chmod 2775 "$d/setgid"; chmod 0700 "$d/private"
  chown nobody "$d/foreign"
  : >"$d/file"; chmod 4644 "$d/file"
  mkfifo "$d/fifo"
  ln -s "$d/plain" "$d/link"
  run bash -c 'source "$1"; shift
    dgxmon_stat_paths_external "$@"; external=$(declare -p DGXMON_STAT)
    dgxmon_loadable stat || { echo "the loadable stat cannot be enabled"; exit 1; }
    DGXMON_STAT=(); dgxmon_stat_paths_builtin "$@"; builtin=$(declare -p DGXMON_STAT)
    echo "$external"; echo "$builtin"; [[ $external == "$builtin" ]]' _ "$LIB" \
    "$d"/{plain,open,sticky,setgid,private,foreign,file,fifo,link} "$d/missing"
  [ "$status" -eq 0 ] || { echo "$output"; false; }
  [[ $output == *"[$d/link]=\"0 a1ff\""* && $output != *"$d/missing"* ]] || { echo "$output"; false; }
}

@test "a loadable stat that answers in another form: stat(1) checks the dirs instead" {
  mkdir -m 0700 "$MAP/.dgxmon"
  run bash -c 'source "$1"; dgxmon_loadable stat || exit 1
    stat() { local -n into=$3; into=([uid]=root [perms]=rwx [type]=d); }  # what a changed loadable might fill in
    dgxmon_stat_paths "$2" "$2/.dgxmon"; declare -p DGXMON_STAT' _ "$LIB" "$MAP"
  [ "$status" -eq 0 ] || { echo "$output"; false; }
  [[ $output == *"[$MAP]=\"0 41ed\""* && $output == *"[$MAP/.dgxmon]=\"0 41c0\""* ]] || { echo "$output"; false; }
}

@test "both ways, a map dir others may write and a .dgxmon open to others are refused with the same lines" {
  local without logs=()
  for without in "" DGXMON_NO_LOADABLES=1; do
    chmod 0777 "$MAP"
    mkdir -p "$INFO/.dgxmon"; chmod 0750 "$INFO/.dgxmon"
    : >"$LOG"
    prolog "${job42[@]}" SLURM_JOB_GPUS=0 ${without:+"$without"}
    assert_exit_0
    assert_nothing_outside
    assert_missing "$MAP/0" "$INFO/42"
    assert_logged "DGXMON_JOB_MAP_DIR $MAP is writable by group or others \\(mode 0777\\); not used"
    assert_logged "DGXMON_JOB_INFO_DIR $INFO/.dgxmon is open to group or others \\(mode 0750, want 0700\\); not used"
    logs+=("$(grep -v '^ARGS' "$LOG")")
  done
  [ "${logs[0]}" = "${logs[1]}" ]
}

@test "the loadable rm: a file it cannot remove is logged with its reason, and the lock stays held" {
  mkdir -p "$MAP/.dgxmon"
  run bash -c 'source "$1"; DGXMON_LOCK_DIR=$2; DGXMON_REMOVE=("$2/gone" "$2/3")
    exec {DGXMON_LOCK_FD}>>"$2/.dgxmon/lock"; flock "$DGXMON_LOCK_FD"
    : >"$2/3"; dgxmon_need dgxmon_job_removal; dgxmon_remove_collected; printf "%s\n" "${DGXMON_LOG_LINES[@]}"
    [[ ${DGXMON_LOADED[rm]} == 0 && ! -e $2/3 ]] && ! flock -n "$2/.dgxmon/lock" true' _ "$LIB" "$MAP"
  [ "$status" -eq 0 ] || { echo "$output"; false; }
  [[ $output == "cannot remove files: "*"rm: $MAP/gone: No such file or directory" ]] || { echo "$output"; false; }
}
