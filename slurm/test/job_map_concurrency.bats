#!/usr/bin/env bats
# Many prologs and epilogs at once on one node (jobs sharing GPUs): the flock must make every update count.

load test_helper

setup() { setup_sandbox; }
teardown() { teardown_sandbox; }

# Starts script $1 for job $2 in the background with the sandbox settings and the GPU list $3.
spawn() {
  env -i DGXMON_SLURM_ENV="$ENV_FILE" DGXMON_LOGGER="$LOGGER" DGXMON_JOB_MAP_DIR="$MAP" DGXMON_JOB_INFO_DIR="$INFO" \
    DGXMON_GPUSTAT_DIR="$GPUSTAT" SLURM_JOB_ID="$2" SLURM_JOB_UID=1000 SLURM_JOB_GPUS="$3" "$1" &
}

# Waits for every background script and fails unless each exited 0.
wait_all_ok() {
  local pid
  for pid in $(jobs -p); do
    wait "$pid" || { echo "a script exited non-zero"; return 1; }
  done
}

@test "24 prologs at once on the same 4 GPUs: every job id lands in every file once" {
  local job want
  for job in $(seq 101 124); do spawn "$PROLOG" "$job" 0-3; done
  wait_all_ok
  want=$(seq 101 124)
  for gpu in 0 1 2 3; do
    [ "$(sort -n "$MAP/$gpu")" = "$want" ]
  done
  [ "$(map_files "$INFO")" = "$(seq 101 124 | tr '\n' ' ')" ]
  assert_not_logged
}

@test "prologs and epilogs interleaved: only the ended jobs disappear" {
  local job
  for job in $(seq 201 216); do spawn "$PROLOG" "$job" 0,1; done
  wait_all_ok
  for job in $(seq 201 212); do spawn "$EPILOG" "$job" 0,1; done
  for job in $(seq 301 308); do spawn "$PROLOG" "$job" 1,2; done
  wait_all_ok
  [ "$(sort -n "$MAP/0")" = "$(seq 213 216)" ]
  [ "$(sort -n "$MAP/1")" = "$(seq 213 216; seq 301 308)" ]
  [ "$(sort -n "$MAP/2")" = "$(seq 301 308)" ]
  for job in $(seq 213 216) $(seq 301 308); do spawn "$EPILOG" "$job" ""; done
  wait_all_ok
  [ "$(map_files "$MAP")" = "" ]
  [ "$(map_files "$INFO")" = "" ]
  [ "$(map_files "$GPUSTAT")" = "" ]
  assert_not_logged
}
