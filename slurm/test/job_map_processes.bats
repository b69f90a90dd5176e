#!/usr/bin/env bats
# How the scripts reach the few external programs they run: the BCM link layout without readlink, all staged files
# renamed by one rename.ul, and the per-dir mv path when rename.ul is missing or fails; and which parts of the library
# they parse (dgxmon_need).

load test_helper

setup() {
  setup_sandbox
  SPY=$T/spy
  mkdir -p "$SPY"
  # Records each call, then runs the real program.
  for program in readlink rename.ul; do
    printf '#!/bin/bash\necho "%s $*" >>%q\nexec /usr/bin/%s "$@"\n' "$program" "$T/calls" "$program" >"$SPY/$program"
    chmod +x "$SPY/$program"
  done
  : >"$T/calls"
}
teardown() { teardown_sandbox; }

job42=(SLURM_JOB_ID=42 SLURM_JOB_UID=1000 SLURM_JOB_USER=alice SLURM_JOB_ACCOUNT=proja SLURM_JOB_PARTITION=gpu)

calls_of() {
  grep -c "^$1 " "$T/calls" || true
}

@test "run through the BCM links, the scripts find the library without a readlink" {
  install_bcm_layout
  run_script "$BCM_PROLOG" "${job42[@]}" SLURM_JOB_GPUS=0,1 PATH="$SPY:/usr/bin:/bin"
  assert_exit_0
  assert_lines "$MAP/0" 42
  run_script "$BCM_EPILOG" "${job42[@]}" PATH="$SPY:/usr/bin:/bin"
  assert_exit_0
  assert_missing "$MAP/0" "$INFO/42"
  [ "$(calls_of readlink)" = 0 ] || { cat "$T/calls"; false; }
  assert_not_logged
}

@test "a link elsewhere (another layout) is resolved with readlink and works the same" {
  install_bcm_layout
  ln -s "$ROOT/cm/shared/apps/slurm/var/cm/prolog-dgxmon.sh" "$ROOT/other-prolog.sh"
  run_script "$ROOT/other-prolog.sh" "${job42[@]}" SLURM_JOB_GPUS=3 PATH="$SPY:/usr/bin:/bin"
  assert_exit_0
  assert_lines "$MAP/3" 42
  [ "$(calls_of readlink)" = 1 ]
}

@test "the prolog renames the staged files of all three dirs with one rename.ul, in the order written" {
  prolog "${job42[@]}" SLURM_JOB_GPUS=0,1 DGXMON_RENAME="$SPY/rename.ul"
  assert_exit_0
  [ "$(calls_of rename.ul)" = 1 ]
  grep -qx "rename.ul /.dgxmon/ / $MAP/.dgxmon/0 $MAP/.dgxmon/1 $INFO/.dgxmon/42 $GPUSTAT/.dgxmon/0 $GPUSTAT/.dgxmon/1" \
    "$T/calls" || { cat "$T/calls"; false; }
  assert_lines "$MAP/1" 42
  assert_lines "$GPUSTAT/1" "42 1000"
  assert_missing "$MAP/.dgxmon/0" "$INFO/.dgxmon/42" "$GPUSTAT/.dgxmon/1"
  assert_not_logged
}

@test "without rename.ul: one mv per dir, the same files" {
  prolog "${job42[@]}" SLURM_JOB_GPUS=0,1 DGXMON_RENAME=/nonexistent/rename.ul
  assert_exit_0
  assert_lines "$MAP/0" 42
  assert_lines "$INFO/42" job_id=42 uid=1000 user=alice account=proja partition=gpu gpus=0,1 sluid= \
    "start_time=$(sed -n 's/^start_time=//p' "$INFO/42")"
  assert_lines "$GPUSTAT/0" "42 1000"
  prolog SLURM_JOB_ID=43 SLURM_JOB_UID=1001 SLURM_JOB_GPUS=0 DGXMON_RENAME=/nonexistent/rename.ul
  epilog "${job42[@]}" DGXMON_RENAME=/nonexistent/rename.ul
  assert_exit_0
  assert_lines "$MAP/0" 43
  assert_missing "$MAP/1" "$INFO/42" "$GPUSTAT/1"
  assert_not_logged
}

@test "a failing rename is logged with its reason, the job runs, and nothing outside is touched" {
  printf '#!/bin/bash\necho "rename.ul: $3: rename to x failed: Read-only file system" >&2\nexit 1\n' >"$T/bin/bad"
  chmod +x "$T/bin/bad"
  prolog "${job42[@]}" SLURM_JOB_GPUS=0 DGXMON_RENAME="$T/bin/bad"
  assert_exit_0
  assert_nothing_outside
  assert_missing "$MAP/0"
  assert_logged "cannot move staged files into place: rename.ul: $MAP/.dgxmon/0: rename to x failed: Read-only file system"
}

# The library files script $1 (VAR=value arguments $2..) opened, by name, on one line.
library_files_of() {
  TRACE=openat run_traced "$@" || return 1
  sed -n 's/.*openat([^"]*"[^"]*\/\([^"/]*\.bash\)".* = [0-9].*/\1/p' "$T/strace" | paste -sd ' '
}

@test "a prolog parses only dgxmon_job_map.bash; an epilog also dgxmon_job_removal.bash" {
  got=$(library_files_of "$PROLOG" "${job42[@]}" SLURM_JOB_GPUS=0,1)
  [ "$got" = "dgxmon_job_map.bash" ] || { echo "prolog opened: $got"; false; }
  got=$(library_files_of "$EPILOG" "${job42[@]}")
  [ "$got" = "dgxmon_job_map.bash dgxmon_job_removal.bash" ] || { echo "epilog opened: $got"; false; }
  assert_missing "$MAP/0" "$INFO/42"
}

@test "GPU UUIDs, no rename.ul: the prolog parses dgxmon_job_map_slow.bash too, once" {
  printf '%s\n' "GPU-aaaaaaaa-0000-0000-0000-000000000000 0" >"$MIGFILE"
  got=$(library_files_of "$PROLOG" "${job42[@]}" CUDA_VISIBLE_DEVICES=GPU-aaaaaaaa-0000-0000-0000-000000000000 \
    DGXMON_RENAME=/nonexistent/rename.ul)
  [ "$got" = "dgxmon_job_map.bash dgxmon_job_map_slow.bash" ] || { echo "prolog opened: $got"; false; }
  assert_lines "$MAP/0" 42
}

@test "a library part missing beside the scripts: logged, the rest is done, exit 0" {
  install_bcm_layout
  local shared=$ROOT/cm/shared/apps/slurm/var/cm
  rm "$shared/dgxmon_job_map_slow.bash" "$shared/dgxmon_job_removal.bash"
  printf '%s\n' "GPU-aaaaaaaa-0000-0000-0000-000000000000 0" >"$MIGFILE"
  run_script "$BCM_PROLOG" "${job42[@]}" CUDA_VISIBLE_DEVICES=GPU-aaaaaaaa-0000-0000-0000-000000000000,1
  assert_safe "prolog job 42: library part $shared/dgxmon_job_map_slow.bash is missing \(install it beside"
  assert_lines "$MAP/1" 42
  assert_missing "$MAP/0"
  : >"$LOG"
  run_script "$BCM_EPILOG" "${job42[@]}"
  assert_safe "epilog job 42: library part $shared/dgxmon_job_removal.bash is missing \(install it beside"
  assert_lines "$MAP/1" 42
}
