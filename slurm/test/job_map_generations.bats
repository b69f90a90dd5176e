#!/usr/bin/env bats
# The GPU variables as three Slurm generations set them in the prolog, with and without MIG (docs/Slurm-Scripts.md,
# "Which GPUs"). The node: GPUs 0, 1 and 3 whole, GPU 2 in MIG mode with GPU instances 1 and 2.
#   22.05: SLURM_JOB_GPUS, CUDA_VISIBLE_DEVICES and GPU_DEVICE_ORDINAL hold indices; on MIG the last two hold MIG
#          UUIDs (old drivers: MIG-GPU-<uuid>/<gi>/<ci>) and SLURM_JOB_GPUS holds gres indices of the slices.
#   24.x:  the same variables, MIG UUIDs in the current MIG-<uuid> style.
#   25.11: CUDA_VISIBLE_DEVICES and GPU_DEVICE_ORDINAL hold GPU-<uuid> for whole GPUs too; SLURM_JOB_GPUS
#          stays a list of indices.

load test_helper

setup() {
  setup_sandbox
  # What the exporter writes (MigMapFile): per GPU its UUID, then its MIG instances.
  printf '%s\n' "$GPU0 0" "$GPU1 1" "$GPU2 2" "$MIG21 2.1" "$MIG22 2.2" "$OLD_MIG21 2.1" "$GPU3 3" >"$MIGFILE"
}
teardown() { teardown_sandbox; }

GPU0=GPU-5c89852c-d268-c3f3-1b07-000000000000
GPU1=GPU-5c89852c-d268-c3f3-1b07-000000000001
GPU2=GPU-5c89852c-d268-c3f3-1b07-000000000002
GPU3=GPU-5c89852c-d268-c3f3-1b07-000000000003
MIG21=MIG-0a1b2c3d-4e5f-5a6b-8c7d-000000000021
MIG22=MIG-0a1b2c3d-4e5f-5a6b-8c7d-000000000022
OLD_MIG21=MIG-$GPU2/1/0
job7=(SLURM_JOB_ID=7 SLURM_JOB_UID=1000 SLURM_JOB_USER=alice SLURM_JOB_PARTITION=gpu)

# Runs the prolog of job 7 with the GPU variables $2.. and asserts exit 0, the map files $1 (as map_files prints
# them), the job info's gpus= line, and no log line; then the epilog must remove everything again.
assert_maps() {
  local want=$1 gpus
  shift
  prolog "${job7[@]}" "$@"
  assert_exit_0
  assert_nothing_outside
  [ "$(map_files "$MAP")" = "$want" ] || { echo "map files: '$(map_files "$MAP")', want '$want'"; return 1; }
  gpus=${want% }
  grep -qx "gpus=${gpus// /,}" "$INFO/7" || { echo "job info:"; cat "$INFO/7"; return 1; }
  assert_not_logged
  epilog SLURM_JOB_ID=7 "$@"
  assert_exit_0
  [ "$(map_files "$MAP")" = "" ]
  [ "$(map_files "$INFO")" = "" ]
}

@test "22.05, whole GPUs: indices everywhere, SLURM_JOB_GPUS is used" {
  assert_maps "1 3 " SLURM_JOB_GPUS=1,3 CUDA_VISIBLE_DEVICES=1,3 GPU_DEVICE_ORDINAL=1,3
}

@test "22.05, MIG: old-style MIG-GPU-<uuid>/<gi>/<ci> entries win over SLURM_JOB_GPUS' slice indices" {
  assert_maps "2.1 " SLURM_JOB_GPUS=0 CUDA_VISIBLE_DEVICES="$OLD_MIG21" GPU_DEVICE_ORDINAL="$OLD_MIG21"
}

@test "24.x, whole GPUs: indices, GPU_DEVICE_ORDINAL not set (gres.conf Flags=nvidia_gpu_env)" {
  assert_maps "0 1 " SLURM_JOB_GPUS=0,1 CUDA_VISIBLE_DEVICES=0,1
}

@test "24.x, MIG: MIG-<uuid> entries are resolved, SLURM_JOB_GPUS' slice indices are not used" {
  assert_maps "2.1 2.2 " SLURM_JOB_GPUS=3,4 CUDA_VISIBLE_DEVICES="$MIG21,$MIG22" GPU_DEVICE_ORDINAL="$MIG21,$MIG22"
}

@test "25.11, whole GPUs: SLURM_JOB_GPUS still wins, so no lookup is needed (the file may be missing)" {
  rm "$MIGFILE"
  assert_maps "1 3 " SLURM_JOB_GPUS=1,3 CUDA_VISIBLE_DEVICES="$GPU1,$GPU3" GPU_DEVICE_ORDINAL="$GPU1,$GPU3"
}

@test "25.11, whole GPUs, only UUIDs: GPU-<uuid> entries are mapped to indices through the lookup file" {
  assert_maps "0 3 " CUDA_VISIBLE_DEVICES="$GPU0,$GPU3" GPU_DEVICE_ORDINAL="$GPU0,$GPU3"
  assert_maps "1 " SLURM_JOB_GPUS= GPU_DEVICE_ORDINAL="$GPU1"
}

@test "25.11, MIG and a whole GPU in one job: both UUID kinds are resolved" {
  assert_maps "0 2.2 " SLURM_JOB_GPUS=0,2 CUDA_VISIBLE_DEVICES="$GPU0,$MIG22" GPU_DEVICE_ORDINAL="$GPU0,$MIG22"
}

@test "25.11: an unknown GPU UUID is logged and skipped, the job's other GPUs are mapped, exit 0" {
  prolog "${job7[@]}" CUDA_VISIBLE_DEVICES="$GPU1,GPU-ffffffff-0000-0000-0000-000000000000"
  assert_exit_0
  assert_nothing_outside
  [ "$(map_files "$MAP")" = "1 " ]
  assert_logged "prolog job 7: GPU device GPU-ffffffff-0000-0000-0000-000000000000 not found in .*/mig-uuids; skipped"
}

@test "25.11: no lookup file (exporter not running) and only UUIDs: logged, no GPU mapped, job info kept, exit 0" {
  rm "$MIGFILE"
  prolog "${job7[@]}" CUDA_VISIBLE_DEVICES="$GPU0,$GPU1"
  assert_exit_0
  assert_nothing_outside
  [ "$(map_files "$MAP")" = "" ]
  grep -qx 'gpus=' "$INFO/7"
  assert_logged "DGXMON_MIG_MAP_FILE .*/mig-uuids is missing, unreadable or a link"
  assert_logged "CUDA_VISIBLE_DEVICES=.* names no usable GPU"
}

@test "a lookup file from an exporter before whole-GPU lines (MIG lines only) still maps MIG; GPU UUIDs are logged" {
  printf '%s\n' "$MIG21 2.1" >"$MIGFILE"
  prolog "${job7[@]}" CUDA_VISIBLE_DEVICES="$MIG21,$GPU0"
  assert_exit_0
  [ "$(map_files "$MAP")" = "2.1 " ]
  assert_logged "GPU device $GPU0 not found"
}

@test "a lookup file replaced by a link (its writer is not root) is not read: logged, no UUID mapped, exit 0" {
  mv "$MIGFILE" "$ROOT/elsewhere"
  ln -s "$ROOT/elsewhere" "$MIGFILE"
  prolog "${job7[@]}" CUDA_VISIBLE_DEVICES="$GPU0,$GPU1"
  assert_exit_0
  [ "$(map_files "$MAP")" = "" ]
  assert_logged "DGXMON_MIG_MAP_FILE .*/mig-uuids is missing, unreadable or a link"
}

@test "a lookup file longer than a node can be is read only up to its cap, logged, and the prolog ends quickly" {
  { for i in $(seq 1 20000); do echo "GPU-filler-$i 0"; done; echo "$GPU1 1"; } >"$MIGFILE"
  prolog "${job7[@]}" CUDA_VISIBLE_DEVICES="$GPU1"
  assert_exit_0
  [ "$(map_files "$MAP")" = "" ]
  assert_logged "has more than 16384 lines; the rest is ignored"
  assert_logged "GPU device $GPU1 not found"
}
