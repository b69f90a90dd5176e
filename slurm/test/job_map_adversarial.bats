#!/usr/bin/env bats
# Hostile or broken input and environments: every case must exit 0 (a failing prolog drains the node), write
# nothing outside the configured dirs, and say what happened in a log line.

load test_helper

setup() { setup_sandbox; }
teardown() { teardown_sandbox; }

ok_job=(SLURM_JOB_UID=1000 SLURM_JOB_USER=alice SLURM_JOB_PARTITION=gpu)

# Runs prolog and epilog with job id $1 and asserts both are safe and log $2; no file may name the job.
assert_job_id_refused() {
  prolog SLURM_JOB_ID="$1" "${ok_job[@]}" SLURM_JOB_GPUS=0
  assert_safe "$2"
  [ "$(map_files "$MAP")" = "" ]
  [ "$(map_files "$INFO")" = "" ]
  : >"$LOG"
  echo 42 >"$MAP/0"
  epilog SLURM_JOB_ID="$1"
  assert_safe "$2"
  assert_lines "$MAP/0" 42
}

# Runs the prolog of job 42 with GPU variable assignment $1 and asserts it is safe and logs $2.
assert_gpus_refused() {
  prolog SLURM_JOB_ID=42 "${ok_job[@]}" "$1"
  assert_safe "$2"
}

@test "job id with path traversal" {
  assert_job_id_refused '../../outside/victim' "invalid SLURM_JOB_ID '\\.\\./\\.\\./outside/victim'"
  [ "$(cat "$ROOT/outside/victim")" = precious ]
}

@test "job id that is an absolute path" {
  assert_job_id_refused "$ROOT/outside/victim" "invalid SLURM_JOB_ID '/"
}

@test "job id with a command separator" {
  assert_job_id_refused "1;touch $ROOT/outside/pwned" "invalid SLURM_JOB_ID '1;touch"
  assert_missing "$ROOT/outside/pwned"
}

@test "job id with a command substitution" {
  assert_job_id_refused "\$(touch $ROOT/outside/pwned)" "invalid SLURM_JOB_ID '\\\$\\(touch"
  assert_missing "$ROOT/outside/pwned"
}

@test "job id with backticks" {
  assert_job_id_refused "\`touch $ROOT/outside/pwned\`" "invalid SLURM_JOB_ID '\`touch"
  assert_missing "$ROOT/outside/pwned"
}

@test "job id with a newline cannot forge a log line" {
  assert_job_id_refused $'1\nprolog job 2: forged' "invalid SLURM_JOB_ID \\$'1\\\\nprolog job 2: forged'"
  ! grep -q '^prolog job 2: forged' "$LOG"
}

@test "job id that is a glob" {
  assert_job_id_refused '*' "invalid SLURM_JOB_ID '\\*'"
  assert_lines "$MAP/0" 42
}

@test "job id empty" {
  assert_job_id_refused '' 'SLURM_JOB_ID is empty or not set'
}

@test "job id missing entirely" {
  prolog "${ok_job[@]}" SLURM_JOB_GPUS=0
  assert_safe 'prolog SLURM_JOB_ID is empty or not set; nothing done'
  epilog
  assert_safe 'epilog SLURM_JOB_ID is empty or not set; nothing done'
}

@test "job id negative" {
  assert_job_id_refused '-5' "invalid SLURM_JOB_ID '-5'"
}

@test "job id with more than 20 digits" {
  assert_job_id_refused 123456789012345678901 "invalid SLURM_JOB_ID '123456789012345678901'"
}

@test "job id that looks like a SLUID but has lower case letters" {
  assert_job_id_refused s5k1kkyayg5d00 "invalid SLURM_JOB_ID 's5k1kkyayg5d00'"
}

@test "job id with a trailing space" {
  assert_job_id_refused '42 ' "invalid SLURM_JOB_ID '42 '"
}

@test "GPU index above the cap (1024)" {
  assert_gpus_refused SLURM_JOB_GPUS=1024 "SLURM_JOB_GPUS entry '1024' ignored"
  [ "$(map_files "$MAP")" = "" ]
  assert_logged "SLURM_JOB_GPUS='1024' names no usable GPU"
}

@test "GPU index with 20 digits (no arithmetic overflow)" {
  assert_gpus_refused SLURM_JOB_GPUS=99999999999999999999 "entry '99999999999999999999' ignored"
  [ "$(map_files "$MAP")" = "" ]
}

@test "negative GPU index" {
  assert_gpus_refused SLURM_JOB_GPUS=-1,2 "SLURM_JOB_GPUS entry '-1' ignored"
  [ "$(map_files "$MAP")" = "2 " ]
}

@test "reversed range" {
  assert_gpus_refused SLURM_JOB_GPUS=3-1 "entry '3-1' ignored"
  [ "$(map_files "$MAP")" = "" ]
}

@test "range past the cap" {
  assert_gpus_refused CUDA_VISIBLE_DEVICES=0-99999 "CUDA_VISIBLE_DEVICES entry '0-99999' ignored"
  [ "$(map_files "$MAP")" = "" ]
}

@test "GPU entry with path traversal" {
  assert_gpus_refused SLURM_JOB_GPUS=../../outside/victim,1 "entry '\\.\\./\\.\\./outside/victim' ignored"
  [ "$(map_files "$MAP")" = "1 " ]
  [ "$(cat "$ROOT/outside/victim")" = precious ]
}

@test "GPU entry with shell metacharacters" {
  assert_gpus_refused "SLURM_JOB_GPUS=0;touch $ROOT/outside/pwned,1|cat" "entry '0;touch"
  assert_logged "entry '1\\|cat' ignored"
  assert_missing "$ROOT/outside/pwned"
}

@test "GPU entry with a command substitution" {
  assert_gpus_refused "CUDA_VISIBLE_DEVICES=\$(touch $ROOT/outside/pwned)" "entry '\\\$\\(touch"
  assert_missing "$ROOT/outside/pwned"
}

@test "GPU list with spaces" {
  assert_gpus_refused 'SLURM_JOB_GPUS=0, 1' "entry ' 1' ignored"
  [ "$(map_files "$MAP")" = "0 " ]
}

@test "GPU list of empty entries only" {
  assert_gpus_refused SLURM_JOB_GPUS=,,, "SLURM_JOB_GPUS=',,,' names no usable GPU"
}

@test "Slurm's NoDevFiles placeholder" {
  assert_gpus_refused CUDA_VISIBLE_DEVICES=NoDevFiles "entry 'NoDevFiles' ignored"
}

@test "GPU UUID while the lookup file is missing" {
  assert_gpus_refused CUDA_VISIBLE_DEVICES=GPU-5c89852c-d268-c3f3-1b07-005d5ae1dc3f \
    'DGXMON_MIG_MAP_FILE .*mig-uuids is missing, unreadable or a link'
  assert_logged 'GPU device GPU-5c89852c-d268-c3f3-1b07-005d5ae1dc3f not found in .*mig-uuids; skipped'
  [ "$(map_files "$MAP")" = "" ]
}

@test "GPU UUID with characters a UUID never has" {
  echo 'GPU-aa/../x 1' >"$MIGFILE"
  assert_gpus_refused 'CUDA_VISIBLE_DEVICES=GPU-aa/../x,GPU-a b' "entry 'GPU-aa/\.\./x' ignored"
  assert_logged "entry 'GPU-a b' ignored"
  [ "$(map_files "$MAP")" = "" ]
}

@test "lookup file that maps a GPU UUID to a traversal path, a MIG name or a huge index" {
  printf '%s\n' 'GPU-aaaa ../../outside/victim' 'GPU-bbbb 1.2' 'GPU-cccc 1024' 'GPU-dddd' >"$MIGFILE"
  assert_gpus_refused CUDA_VISIBLE_DEVICES=GPU-aaaa,GPU-bbbb,GPU-cccc,GPU-dddd \
    "GPU device GPU-aaaa maps to invalid '\\.\\./\\.\\./outside/victim' in .*mig-uuids \\(want <gpu>\\); skipped"
  assert_logged "GPU device GPU-bbbb maps to invalid '1.2'"
  assert_logged "GPU device GPU-cccc maps to invalid '1024'"
  assert_logged "GPU device GPU-dddd not found"
  [ "$(map_files "$MAP")" = "" ]
}

@test "MIG UUID while the lookup file is missing" {
  assert_gpus_refused CUDA_VISIBLE_DEVICES=MIG-5c89852c-d268-c3f3-1b07-005d5ae1dc3f \
    'DGXMON_MIG_MAP_FILE .*mig-uuids is missing, unreadable or a link'
  [ "$(map_files "$MAP")" = "" ]
}

@test "MIG lookup file that maps a UUID to a traversal path" {
  printf '%s\n' 'MIG-aaaa ../../outside/victim' 'MIG-bbbb 1.2/../../x' 'MIG-cccc 5000.1' >"$MIGFILE"
  assert_gpus_refused CUDA_VISIBLE_DEVICES=MIG-aaaa,MIG-bbbb,MIG-cccc \
    "MIG device MIG-aaaa maps to invalid '\\.\\./\\.\\./outside/victim' in .*mig-uuids \\(want <gpu>.<gi>\\); skipped"
  assert_logged "MIG device MIG-bbbb maps to invalid '1.2/\\.\\./\\.\\./x'"
  assert_logged "MIG device MIG-cccc maps to invalid '5000.1'"
  [ "$(map_files "$MAP")" = "" ]
}

@test "map dir replaced by a symlink to another directory" {
  rmdir "$MAP"
  ln -s "$ROOT/outside" "$MAP"
  prolog SLURM_JOB_ID=42 "${ok_job[@]}" SLURM_JOB_GPUS=0
  assert_safe "DGXMON_JOB_MAP_DIR $MAP is a symbolic link; refusing"
  [ -f "$INFO/42" ]
  echo 42 >"$ROOT/outside/0"
  : >"$LOG"
  epilog SLURM_JOB_ID=42
  assert_safe 'is a symbolic link; refusing'
  assert_lines "$ROOT/outside/0" 42
}

@test "job info dir replaced by a symlink" {
  rm -r "$INFO"
  ln -s "$ROOT/outside" "$INFO"
  prolog SLURM_JOB_ID=42 "${ok_job[@]}" SLURM_JOB_GPUS=0
  assert_safe "DGXMON_JOB_INFO_DIR $INFO is a symbolic link"
  assert_lines "$MAP/0" 42
}

@test "map dir not owned by root" {
  chown nobody "$MAP"
  prolog SLURM_JOB_ID=42 "${ok_job[@]}" SLURM_JOB_GPUS=0
  assert_safe "DGXMON_JOB_MAP_DIR $MAP is not owned by uid 0"
  [ "$(map_files "$MAP")" = "" ]
}

@test "map dir is a regular file" {
  rmdir "$MAP"
  echo data >"$MAP"
  prolog SLURM_JOB_ID=42 "${ok_job[@]}" SLURM_JOB_GPUS=0
  assert_safe "DGXMON_JOB_MAP_DIR $MAP is not a directory"
  assert_lines "$MAP" data
}

@test "map dir cannot be created (parent is a file)" {
  prolog SLURM_JOB_ID=42 "${ok_job[@]}" SLURM_JOB_GPUS=0 DGXMON_JOB_MAP_DIR="$ROOT/outside/victim/map"
  assert_safe 'DGXMON_JOB_MAP_DIR .*/outside/victim/map: cannot create .dgxmon: Not a directory'
  [ -f "$INFO/42" ]
}

@test "read-only map dir (read-only tmpfs) and read-only job info dir" {
  mount_tmpfs "$MAP" ro,size=64k
  mount_tmpfs "$INFO" ro,size=64k
  prolog SLURM_JOB_ID=42 "${ok_job[@]}" SLURM_JOB_GPUS=0
  assert_safe "DGXMON_JOB_MAP_DIR $MAP is not writable"
  assert_logged "DGXMON_JOB_INFO_DIR $INFO is not writable"
  assert_lines "$GPUSTAT/0" "42 1000"
}

@test "every dir unusable: nothing written, no lock, still exit 0" {
  mount_tmpfs "$MAP" ro,size=64k
  prolog SLURM_JOB_ID=42 "${ok_job[@]}" SLURM_JOB_GPUS=0 DGXMON_JOB_INFO_DIR=relative/jobs DGXMON_GPUSTAT_DIR=
  assert_safe "DGXMON_JOB_INFO_DIR 'relative/jobs' must be an absolute path"
  assert_logged "DGXMON_JOB_MAP_DIR $MAP is not writable"
}

@test "disk full (tiny tmpfs): the old map file survives intact" {
  local full=$ROOT/run/full
  mount_tmpfs "$full" size=8k
  MAP=$full/map
  mkdir -p "$MAP" && mkdir -m 0700 "$MAP/.dgxmon"
  echo 7 >"$MAP/0"
  dd if=/dev/zero of="$full/filler" bs=1k count=64 2>/dev/null || true
  prolog SLURM_JOB_ID=42 "${ok_job[@]}" SLURM_JOB_GPUS=0 DGXMON_JOB_MAP_DIR="$MAP"
  assert_safe "cannot write $MAP/.dgxmon/0 \(No space left on device\); $MAP/0 not updated"
  assert_lines "$MAP/0" 7
  [ -f "$INFO/42" ]
}

@test "map file replaced by a symlink to a file outside" {
  ln -s "$ROOT/outside/victim" "$MAP/0"
  prolog SLURM_JOB_ID=42 "${ok_job[@]}" SLURM_JOB_GPUS=0,1
  assert_safe "$MAP/0 is a symbolic link or not a regular file; left alone"
  [ "$(cat "$ROOT/outside/victim")" = precious ]
  [ -L "$MAP/0" ]
  assert_lines "$MAP/1" 42
}

@test "map file replaced by a symlink: the epilog leaves it alone" {
  echo 42 >"$ROOT/outside/victim"
  ln -s "$ROOT/outside/victim" "$MAP/0"
  echo 42 >"$MAP/1"
  epilog SLURM_JOB_ID=42
  assert_safe "$MAP/0 is a symbolic link or not a regular file; left alone"
  [ -L "$MAP/0" ]
  assert_lines "$ROOT/outside/victim" 42
  assert_missing "$MAP/1"
}

@test "map file that is a directory" {
  mkdir "$MAP/0"
  prolog SLURM_JOB_ID=42 "${ok_job[@]}" SLURM_JOB_GPUS=0
  assert_safe "$MAP/0 is a symbolic link or not a regular file"
  [ -d "$MAP/0" ]
}

@test "private dir (.dgxmon: lock and staged files) replaced by a symlink" {
  ln -s "$ROOT/outside" "$MAP/.dgxmon"
  prolog SLURM_JOB_ID=42 "${ok_job[@]}" SLURM_JOB_GPUS=0
  assert_safe "DGXMON_JOB_MAP_DIR $MAP/.dgxmon is a symbolic link; not used"
  [ "$(map_files "$MAP")" = "" ]
}

@test "lock file replaced by a symlink" {
  mkdir -m 0700 "$MAP/.dgxmon"
  ln -s "$ROOT/outside/lock" "$MAP/.dgxmon/lock"
  prolog SLURM_JOB_ID=42 "${ok_job[@]}" SLURM_JOB_GPUS=0
  assert_safe "lock file $MAP/.dgxmon/lock is not a regular file; nothing done"
  assert_missing "$ROOT/outside/lock"
}

@test "settings file with commands in it is read as data, never run" {
  printf '%s\n' "DGXMON_JOB_MAP_DIR=\$(touch $ROOT/outside/pwned)" "touch $ROOT/outside/pwned2" \
    'SOMETHING_ELSE=1' >"$ENV_FILE"
  run_in_cwd env -i DGXMON_SLURM_ENV="$ENV_FILE" DGXMON_LOGGER="$LOGGER" DGXMON_JOB_INFO_DIR="$INFO" \
    DGXMON_MIG_MAP_FILE="$MIGFILE" SLURM_JOB_ID=42 SLURM_JOB_UID=1 SLURM_JOB_GPUS=0 "$PROLOG"
  assert_safe 'DGXMON_JOB_MAP_DIR .*must be an absolute path'
  assert_logged "line 2 ignored: expected KEY=VALUE, got 'touch"
  assert_logged 'line 3: unknown key SOMETHING_ELSE ignored'
  assert_missing "$ROOT/outside/pwned" "$ROOT/outside/pwned2"
}

@test "settings file not owned by root is ignored" {
  printf 'DGXMON_GPUSTAT_DIR=%s\n' "$ROOT/outside" >"$ENV_FILE"
  chown nobody "$ENV_FILE"
  run_in_cwd env -i DGXMON_SLURM_ENV="$ENV_FILE" DGXMON_LOGGER="$LOGGER" DGXMON_JOB_MAP_DIR="$MAP" \
    DGXMON_JOB_INFO_DIR="$INFO" SLURM_JOB_ID=42 SLURM_JOB_UID=1 SLURM_JOB_GPUS=0 "$PROLOG"
  assert_safe "settings file '.*slurm.env' ignored: not owned by uid 0"
  assert_lines "$MAP/0" 42
}

@test "configured dir with a .. part" {
  prolog SLURM_JOB_ID=42 "${ok_job[@]}" SLURM_JOB_GPUS=0 DGXMON_JOB_MAP_DIR="$MAP/../../outside"
  assert_safe 'DGXMON_JOB_MAP_DIR .*must be an absolute path without \. or \.\. parts'
}

@test "node name that would escape through the %n placeholder" {
  prolog SLURM_JOB_ID=42 "${ok_job[@]}" SLURM_JOB_GPUS=0 SLURMD_NODENAME=../outside \
    DGXMON_JOB_MAP_DIR="$ROOT/run/map-%n"
  assert_safe "SLURMD_NODENAME='\\.\\./outside' cannot fill %n"
  [ -f "$INFO/42" ]
}

@test "user, account and partition with newlines or metacharacters are recorded empty" {
  prolog SLURM_JOB_ID=42 SLURM_JOB_UID=1000 SLURM_JOB_USER=$'alice\nuid=0' SLURM_JOB_ACCOUNT='a;b' \
    SLURM_JOB_PARTITION="\$(id)" SLURM_JOB_SLUID=nope SLURM_JOB_GPUS=0
  assert_safe "SLURM_JOB_USER=\\$'alice\\\\nuid=0' is not valid; recorded as empty"
  assert_logged "SLURM_JOB_ACCOUNT='a;b' is not valid"
  assert_logged "SLURM_JOB_SLUID='nope' is not valid"
  assert_lines "$INFO/42" job_id=42 uid=1000 user= account= partition= gpus=0 sluid= \
    "$(grep start_time= "$INFO/42")"
}

@test "non-numeric uid: no gpustat file, the map still written" {
  prolog SLURM_JOB_ID=42 SLURM_JOB_UID=root SLURM_JOB_GPUS=0
  assert_safe "SLURM_JOB_UID='root' is not valid"
  assert_logged 'no valid SLURM_JOB_UID; gpustat files not written'
  assert_lines "$MAP/0" 42
  [ "$(map_files "$GPUSTAT")" = "" ]
}

@test "logger missing: the messages go to stderr" {
  prolog SLURM_JOB_ID=../x DGXMON_LOGGER=/nonexistent/logger
  assert_exit_0
  assert_nothing_outside
  [[ $output == *"dgxmon: prolog invalid SLURM_JOB_ID '../x'"* ]]
}

@test "logger failing: the messages go to stderr" {
  printf '#!/bin/sh\nexit 1\n' >"$T/bin/badlogger"
  chmod +x "$T/bin/badlogger"
  epilog SLURM_JOB_ID= DGXMON_LOGGER="$T/bin/badlogger"
  assert_exit_0
  assert_nothing_outside
  [[ $output == *"dgxmon: epilog SLURM_JOB_ID is empty or not set"* ]]
}

@test "killed by SIGTERM (slurmd kills the process group) while waiting for the lock: exit 0 and logged" {
  local pid held
  mkdir -m 0700 "$MAP/.dgxmon"
  exec {held}>>"$MAP/.dgxmon/lock"
  flock "$held"
  snapshot_outside >"$T/before"
  (
    exec {held}>&-
    cd "$ROOT/cwd" && exec setsid env -i DGXMON_SLURM_ENV="$ENV_FILE" DGXMON_LOGGER="$LOGGER" \
      DGXMON_JOB_MAP_DIR="$MAP" DGXMON_JOB_INFO_DIR="$INFO" SLURM_JOB_ID=42 SLURM_JOB_GPUS=0 "$PROLOG"
  ) >"$T/out" 2>&1 &
  pid=$!
  sleep 1
  kill -TERM -- "-$pid"
  status=0
  wait "$pid" || status=$?
  exec {held}>&-
  snapshot_outside >"$T/after"
  assert_safe 'prolog job 42: interrupted by a signal'
  [ "$(map_files "$MAP")" = "" ]
}

@test "library missing next to the script: exit 0 and one logger line" {
  mkdir -p "$T/alone" "$T/path"
  cp "$PROLOG" "$T/alone/prolog.sh"
  printf '#!/bin/sh\necho "ARGS $*" >>%s\n' "$LOG" >"$T/path/logger"
  chmod +x "$T/path/logger"
  run_in_cwd env -i PATH="$T/path:/usr/bin:/bin" SLURM_JOB_ID=42 "$T/alone/prolog.sh"
  assert_safe 'ARGS -t dgxmon prolog: dgxmon_job_map.bash missing beside'
}

@test "malformed ranges: double dash, open ends, a lone dash" {
  assert_gpus_refused SLURM_JOB_GPUS=1-2-3,0-,-,-3,4 "entry '1-2-3' ignored"
  assert_logged "entry '0-' ignored"
  assert_logged "entry '-' ignored"
  assert_logged "entry '-3' ignored"
  [ "$(map_files "$MAP")" = "4 " ]
}
