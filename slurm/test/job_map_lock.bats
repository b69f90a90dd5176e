#!/usr/bin/env bats
# The node-wide lock (issue 13): no unprivileged user can hold it or plant the directory it lives in, the wait for it
# is bounded and names the holder, and an epilog that got no lock still has its lines removed later.

# shellcheck disable=SC2034  # SCRIPT_PREFIX is read by run_script in test_helper.bash

load test_helper

setup() { setup_sandbox; }
teardown() { teardown_sandbox; }

ok_job=(SLURM_JOB_UID=1000 SLURM_JOB_USER=alice SLURM_JOB_PARTITION=gpu)

# Runs prolog/epilog ($1) with the arguments $2.. and sets ELAPSED to its wall time in whole seconds.
timed() {
  local start=$SECONDS
  "$@"
  ELAPSED=$((SECONDS - start))
}

@test "attack: nobody holds a flock on every file it can open in the map dirs; prologs and epilogs do not wait" {
  local file opened=()
  prolog SLURM_JOB_ID=41 "${ok_job[@]}" SLURM_JOB_GPUS=0
  open_path_to_others "$MAP"
  open_path_to_others "$INFO"
  open_path_to_others "$GPUSTAT"
  # The attack is real only if nobody can read the map (as the exporter and users do).
  setpriv --reuid=nobody --regid=nogroup --clear-groups cat "$MAP/0" >/dev/null
  # Old location (<map dir>/.dgxmon.lock) and new one, and every other file, including hidden ones.
  for file in "$MAP/.dgxmon.lock" "$MAP/.dgxmon/lock" $(find "$MAP" "$INFO" "$GPUSTAT" -type f); do
    hold_lock nobody "$file" && opened+=("$file")
  done
  [[ " ${opened[*]} " != *" $MAP/.dgxmon/lock "* ]]
  SCRIPT_PREFIX=(timeout 15)
  timed prolog SLURM_JOB_ID=42 "${ok_job[@]}" SLURM_JOB_GPUS=0 DGXMON_LOCK_TIMEOUT_S=4
  assert_exit_0
  ((ELAPSED < 4))
  assert_lines "$MAP/0" 41 42
  timed epilog SLURM_JOB_ID=41 DGXMON_LOCK_TIMEOUT_S=4
  assert_exit_0
  ((ELAPSED < 4))
  assert_lines "$MAP/0" 42
  assert_missing "$INFO/41"
  assert_not_logged
}

@test ".dgxmon planted by a user (other owner): refused and logged; the other outputs are still written" {
  mkdir -m 0700 "$MAP/.dgxmon"
  chown nobody "$MAP/.dgxmon"
  prolog SLURM_JOB_ID=42 "${ok_job[@]}" SLURM_JOB_GPUS=0
  assert_safe "prolog job 42: DGXMON_JOB_MAP_DIR $MAP/.dgxmon is owned by uid [0-9]+, not 0; not used"
  [ "$(map_files "$MAP")" = "" ]
  [ -f "$INFO/42" ]
  [ -f "$INFO/.dgxmon/lock" ]
  assert_lines "$GPUSTAT/0" "42 1000"
}

@test ".dgxmon a symlink to a root-only dir elsewhere: refused, nothing written there" {
  mkdir -m 0700 "$ROOT/outside/private"
  ln -s "$ROOT/outside/private" "$MAP/.dgxmon"
  prolog SLURM_JOB_ID=42 "${ok_job[@]}" SLURM_JOB_GPUS=0
  assert_safe "DGXMON_JOB_MAP_DIR $MAP/.dgxmon is a symbolic link; not used"
  [ -z "$(ls -A "$ROOT/outside/private")" ]
  [ "$(map_files "$MAP")" = "" ]
  epilog SLURM_JOB_ID=42
  assert_safe "epilog job 42: DGXMON_JOB_MAP_DIR $MAP/.dgxmon is a symbolic link; not used"
}

@test ".dgxmon group-writable or readable by others: refused with its mode" {
  local mode
  for mode in 0770 0755 0701; do
    rm -rf "$MAP/.dgxmon"
    mkdir -m "$mode" "$MAP/.dgxmon"
    : >"$LOG"
    prolog SLURM_JOB_ID=42 "${ok_job[@]}" SLURM_JOB_GPUS=0
    assert_safe "DGXMON_JOB_MAP_DIR $MAP/.dgxmon is open to group or others \\(mode $mode, want 0700\\); not used"
    [ "$(map_files "$MAP")" = "" ]
  done
}

@test "a map dir others may write: refused (a user could plant .dgxmon); read access for others is fine" {
  chmod 0777 "$MAP"
  prolog SLURM_JOB_ID=42 "${ok_job[@]}" SLURM_JOB_GPUS=0
  assert_safe "DGXMON_JOB_MAP_DIR $MAP is writable by group or others \\(mode 0777\\); not used"
  assert_missing "$MAP/.dgxmon/lock"
  [ "$(map_files "$MAP")" = "" ]
  chmod 0755 "$MAP"
  : >"$LOG"
  prolog SLURM_JOB_ID=42 "${ok_job[@]}" SLURM_JOB_GPUS=0
  assert_lines "$MAP/0" 42
  [ "$(stat -c %a "$MAP/.dgxmon")" = 700 ]
  assert_not_logged
}

@test "a foreign root process holds the lock: the prolog gives up after the timeout, names its pid, exits 0" {
  local holder
  prolog SLURM_JOB_ID=41 "${ok_job[@]}" SLURM_JOB_GPUS=0
  hold_lock root "$MAP/.dgxmon/lock"
  holder=$REPLY
  SCRIPT_PREFIX=(timeout 20)
  timed prolog SLURM_JOB_ID=42 "${ok_job[@]}" SLURM_JOB_GPUS=0 DGXMON_LOCK_TIMEOUT_S=3
  assert_safe "prolog job 42: no lock on $MAP/.dgxmon/lock within 3s, held by pid $holder \\(uid 0, 'flock -n $MAP/.dgxmon/lock sleep 60'\\); nothing done"
  ((ELAPSED >= 3 && ELAPSED <= 5))
  assert_lines "$MAP/0" 41
}

@test "a holder that lets go within the timeout: the prolog waits, then maps, and logs the wait and the holder" {
  prolog SLURM_JOB_ID=41 "${ok_job[@]}" SLURM_JOB_GPUS=0
  setsid flock -n "$MAP/.dgxmon/lock" sleep 3 &
  HOLDERS+=("$!")
  sleep 0.5
  timed prolog SLURM_JOB_ID=42 "${ok_job[@]}" SLURM_JOB_GPUS=0 DGXMON_LOCK_TIMEOUT_S=12
  assert_safe "prolog job 42: waited [0-9]+s for lock $MAP/.dgxmon/lock, held by pid [0-9]+ \\(uid 0, 'flock -n $MAP/.dgxmon/lock sleep 3'\\)$"
  ((ELAPSED >= 2 && ELAPSED < 12))
  assert_lines "$MAP/0" 41 42
}

# Job 41 on GPUs 0,1 and job 43 on GPU 1 (gpustat on); job 41's epilog runs while root holds the lock.
end_job_41_without_lock() {
  prolog SLURM_JOB_ID=41 "${ok_job[@]}" SLURM_JOB_GPUS=0,1
  prolog SLURM_JOB_ID=43 "${ok_job[@]}" SLURM_JOB_GPUS=1
  hold_lock root "$MAP/.dgxmon/lock"
  epilog SLURM_JOB_ID=41 DGXMON_LOCK_TIMEOUT_S=1
  assert_safe "epilog job 41: no lock on $MAP/.dgxmon/lock within 1s, held by pid $REPLY"
  assert_logged "epilog job 41: this job's lines are removed by the next prolog or epilog that gets the lock \\($MAP/.dgxmon/ended.41\\)"
  assert_lines "$MAP/0" 41
  [ -f "$MAP/.dgxmon/ended.41" ]
  kill -- "-$REPLY"
  : >"$LOG"
}

@test "an epilog that got no lock: the next prolog removes that job's lines, job info and gpustat files" {
  end_job_41_without_lock
  prolog SLURM_JOB_ID=44 "${ok_job[@]}" SLURM_JOB_GPUS=2
  assert_safe "prolog job 44: removing the lines of job\\(s\\) 41 too, whose epilog got no lock"
  [ "$(map_files "$MAP")" = "1 2 " ]
  assert_lines "$MAP/1" 43
  assert_lines "$MAP/2" 44
  [ "$(map_files "$INFO")" = "43 44 " ]
  [ "$(map_files "$GPUSTAT")" = "1 2 " ]
  assert_missing "$MAP/.dgxmon/ended.41"
}

@test "an epilog that got no lock: the next epilog removes both jobs; a requeued job keeps its new lines" {
  end_job_41_without_lock
  epilog SLURM_JOB_ID=43
  assert_safe "epilog job 43: removing the lines of job\\(s\\) 41 too"
  [ "$(map_files "$MAP")" = "" ]
  [ "$(map_files "$INFO")" = "" ]
  [ "$(map_files "$GPUSTAT")" = "" ]
  assert_missing "$MAP/.dgxmon/ended.41"
  end_job_41_without_lock
  prolog SLURM_JOB_ID=41 "${ok_job[@]}" SLURM_JOB_GPUS=2
  assert_lines "$MAP/2" 41
  assert_lines "$MAP/1" 43
  [ -f "$INFO/41" ]
}
