#!/usr/bin/env bats
# What the prolog writes and the epilog removes, file by file, in the normal (non-hostile) cases.

load test_helper

setup() { setup_sandbox; }
teardown() { teardown_sandbox; }

job42=(SLURM_JOB_ID=42 SLURM_JOB_UID=1000 SLURM_JOB_USER=alice SLURM_JOB_ACCOUNT=proja SLURM_JOB_PARTITION=gpu)

@test "map files: one file per GPU named by index, holding the job id as one line" {
  prolog "${job42[@]}" SLURM_JOB_GPUS=0,1,3
  assert_exit_0
  assert_nothing_outside
  [ "$(map_files "$MAP")" = "0 1 3 " ]
  assert_lines "$MAP/0" 42
  assert_lines "$MAP/1" 42
  assert_lines "$MAP/3" 42
  assert_not_logged
}

@test "job info file: the eight key=value lines in a fixed order" {
  local before after
  before=$(date +%s)
  prolog "${job42[@]}" SLURM_JOB_GPUS=2,3 SLURM_JOB_SLUID=s5K1KKYAYG5D00
  after=$(date +%s)
  assert_exit_0
  [ "$(sed -n 's/^start_time=//p' "$INFO/42")" -ge "$before" ]
  [ "$(sed -n 's/^start_time=//p' "$INFO/42")" -le "$after" ]
  sed -i 's/^start_time=.*/start_time=T/' "$INFO/42"
  assert_lines "$INFO/42" job_id=42 uid=1000 user=alice account=proja partition=gpu gpus=2,3 \
    sluid=s5K1KKYAYG5D00 start_time=T
  assert_not_logged
}

@test "gpustat files: '<jobid> <uid>' per GPU (jobstats format)" {
  prolog "${job42[@]}" SLURM_JOB_GPUS=0,2
  assert_exit_0
  assert_lines "$GPUSTAT/0" "42 1000"
  assert_lines "$GPUSTAT/2" "42 1000"
  assert_missing "$GPUSTAT/1"
}

@test "gpustat is off unless configured" {
  rmdir "$GPUSTAT"
  prolog "${job42[@]}" SLURM_JOB_GPUS=0 DGXMON_GPUSTAT_DIR=
  assert_exit_0
  assert_nothing_outside
  assert_missing "$GPUSTAT"
  assert_lines "$MAP/0" 42
}

@test "files are world-readable (the exporter may run unprivileged) and no staged copy is left" {
  prolog "${job42[@]}" SLURM_JOB_GPUS=0
  [ "$(stat -c %a "$MAP/0")" = 644 ]
  [ "$(stat -c %a "$INFO/42")" = 644 ]
  [ "$(ls "$MAP/.dgxmon")" = lock ]
  [ -z "$(ls "$INFO/.dgxmon")" ]
}

@test "a job without GPUs still gets its job info file, and nothing is logged" {
  prolog "${job42[@]}"
  assert_exit_0
  [ "$(map_files "$MAP")" = "" ]
  grep -qx 'gpus=' "$INFO/42"
  assert_not_logged
}

@test "ranges: 0-3 maps four GPUs, mixed with single indices" {
  prolog "${job42[@]}" SLURM_JOB_GPUS=0-3,6
  assert_exit_0
  [ "$(map_files "$MAP")" = "0 1 2 3 6 " ]
  grep -qx 'gpus=0,1,2,3,6' "$INFO/42"
}

@test "leading zeros are read as decimal, not octal" {
  prolog "${job42[@]}" SLURM_JOB_GPUS=08,009
  assert_exit_0
  [ "$(map_files "$MAP")" = "8 9 " ]
}

@test "duplicates in the GPU list are written once" {
  prolog "${job42[@]}" SLURM_JOB_GPUS=1,1,0-2,2
  assert_exit_0
  [ "$(map_files "$MAP")" = "0 1 2 " ]
  assert_lines "$MAP/1" 42
  grep -qx 'gpus=1,0,2' "$INFO/42"
}

@test "running the prolog twice for one job keeps a single line" {
  prolog "${job42[@]}" SLURM_JOB_GPUS=0
  prolog "${job42[@]}" SLURM_JOB_GPUS=0
  assert_exit_0
  assert_lines "$MAP/0" 42
}

@test "SLURM_JOB_GPUS wins over CUDA_VISIBLE_DEVICES and GPU_DEVICE_ORDINAL" {
  prolog "${job42[@]}" SLURM_JOB_GPUS=1 CUDA_VISIBLE_DEVICES=2 GPU_DEVICE_ORDINAL=3
  [ "$(map_files "$MAP")" = "1 " ]
}

@test "CUDA_VISIBLE_DEVICES is used when SLURM_JOB_GPUS is empty, then GPU_DEVICE_ORDINAL" {
  prolog "${job42[@]}" SLURM_JOB_GPUS= CUDA_VISIBLE_DEVICES=2,3 GPU_DEVICE_ORDINAL=5
  [ "$(map_files "$MAP")" = "2 3 " ]
  prolog SLURM_JOB_ID=43 SLURM_JOB_UID=1 GPU_DEVICE_ORDINAL=5
  [ "$(map_files "$MAP")" = "2 3 5 " ]
}

@test "MIG: UUIDs in CUDA_VISIBLE_DEVICES are mapped to <gpu>.<gi> through the exporter's lookup file" {
  printf '%s\n' '# written by dgxmon-exporter' \
    'MIG-5c89852c-d268-c3f3-1b07-005d5ae1dc3f 2.1' \
    'MIG-GPU-aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee/7/0 3.7' >"$MIGFILE"
  prolog "${job42[@]}" SLURM_JOB_GPUS=0,1 \
    CUDA_VISIBLE_DEVICES=MIG-5c89852c-d268-c3f3-1b07-005d5ae1dc3f,MIG-GPU-aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee/7/0
  assert_exit_0
  [ "$(map_files "$MAP")" = "2.1 3.7 " ]
  assert_lines "$MAP/2.1" 42
  assert_lines "$GPUSTAT/3.7" "42 1000"
  grep -qx 'gpus=2.1,3.7' "$INFO/42"
  assert_not_logged
}

@test "MIG: an unknown UUID is logged and skipped, the known ones are still mapped" {
  echo 'MIG-11111111-2222-3333-4444-555555555555 0.2' >"$MIGFILE"
  prolog "${job42[@]}" CUDA_VISIBLE_DEVICES=MIG-11111111-2222-3333-4444-555555555555,MIG-99999999-0000-0000-0000-000000000000
  assert_exit_0
  [ "$(map_files "$MAP")" = "0.2 " ]
  assert_logged 'job 42: MIG device MIG-99999999-0000-0000-0000-000000000000 not found in .*/mig-uuids; skipped'
}

@test "sharing: a second job on the same GPU adds its own line" {
  prolog "${job42[@]}" SLURM_JOB_GPUS=0,1
  prolog SLURM_JOB_ID=43 SLURM_JOB_UID=1001 SLURM_JOB_GPUS=1,2
  assert_lines "$MAP/0" 42
  assert_lines "$MAP/1" 42 43
  assert_lines "$MAP/2" 43
  assert_lines "$GPUSTAT/1" "43 1001"
}

@test "epilog: removes exactly the job's lines and files, keeps the other job's" {
  prolog "${job42[@]}" SLURM_JOB_GPUS=0,1
  prolog SLURM_JOB_ID=43 SLURM_JOB_UID=1001 SLURM_JOB_GPUS=1,2
  epilog SLURM_JOB_ID=42 SLURM_JOB_GPUS=0,1
  assert_exit_0
  assert_nothing_outside
  [ "$(map_files "$MAP")" = "1 2 " ]
  assert_lines "$MAP/1" 43
  assert_lines "$MAP/2" 43
  assert_missing "$INFO/42" "$GPUSTAT/0"
  [ -f "$INFO/43" ]
  assert_lines "$GPUSTAT/1" "43 1001"
  assert_not_logged
}

@test "epilog: the last job's end removes the files it leaves empty" {
  prolog "${job42[@]}" SLURM_JOB_GPUS=0,1
  prolog SLURM_JOB_ID=43 SLURM_JOB_UID=1001 SLURM_JOB_GPUS=1
  epilog SLURM_JOB_ID=43
  epilog SLURM_JOB_ID=42
  assert_exit_0
  [ "$(map_files "$MAP")" = "" ]
  [ "$(map_files "$INFO")" = "" ]
  [ "$(map_files "$GPUSTAT")" = "" ]
}

@test "epilog: cleans every map file that names the job, even without GPU variables" {
  prolog "${job42[@]}" SLURM_JOB_GPUS=0-2
  epilog SLURM_JOB_ID=42
  [ "$(map_files "$MAP")" = "" ]
}

@test "epilog: a gpustat file taken over by a later job is left to that job" {
  prolog "${job42[@]}" SLURM_JOB_GPUS=0
  prolog SLURM_JOB_ID=43 SLURM_JOB_UID=1001 SLURM_JOB_GPUS=0
  epilog SLURM_JOB_ID=42
  assert_lines "$GPUSTAT/0" "43 1001"
  assert_lines "$MAP/0" 43
}

@test "epilog: duplicate lines of the job and blank lines are dropped, foreign lines and files kept" {
  printf '42\n\n7\n42\n' >"$MAP/0"
  printf 'not a map file\n' >"$MAP/README"
  echo 42 >"$MAP/notes.42"
  epilog SLURM_JOB_ID=42
  assert_exit_0
  assert_lines "$MAP/0" 7
  assert_lines "$MAP/README" "not a map file"
  assert_lines "$MAP/notes.42" 42
}

@test "epilog of a job the node never saw changes nothing and logs nothing" {
  prolog "${job42[@]}" SLURM_JOB_GPUS=0
  epilog SLURM_JOB_ID=99
  assert_exit_0
  assert_lines "$MAP/0" 42
  [ -f "$INFO/42" ]
  assert_not_logged
}

@test "a SLUID is accepted as the job id (Slurm 26.05)" {
  prolog SLURM_JOB_ID=s5K1KKYAYG5D00 SLURM_JOB_UID=5 SLURM_JOB_GPUS=0
  assert_exit_0
  assert_lines "$MAP/0" s5K1KKYAYG5D00
  grep -qx 'job_id=s5K1KKYAYG5D00' "$INFO/s5K1KKYAYG5D00"
  epilog SLURM_JOB_ID=s5K1KKYAYG5D00
  [ "$(map_files "$MAP")" = "" ]
}

@test "missing dirs are created (/run is empty after a boot), and that is logged" {
  rm -r "$MAP" "$INFO"
  prolog "${job42[@]}" SLURM_JOB_GPUS=0
  assert_exit_0
  assert_nothing_outside
  assert_lines "$MAP/0" 42
  [ -f "$INFO/42" ]
  assert_logged "DGXMON_JOB_MAP_DIR $MAP did not exist; creating it"
}

@test "settings file: read as KEY=VALUE data (comments, quotes, export) when the env does not set them" {
  local m2=$ROOT/run/other-map
  mkdir -p "$m2"
  printf '%s\n' '# dgxmon slurm settings' '' "export DGXMON_JOB_MAP_DIR=\"$m2\"" \
    "DGXMON_JOB_INFO_DIR='$INFO'" >"$ENV_FILE"
  run_in_cwd env -i DGXMON_SLURM_ENV="$ENV_FILE" DGXMON_LOGGER="$LOGGER" DGXMON_MIG_MAP_FILE="$MIGFILE" \
    SLURM_JOB_ID=42 SLURM_JOB_UID=1 SLURM_JOB_GPUS=3 "$PROLOG"
  assert_exit_0
  assert_lines "$m2/3" 42
  [ -f "$INFO/42" ]
  assert_not_logged
}

@test "settings lines are split with glob tests exactly as the regex they replaced did" {
  run bash -c 'source "$1"; LC_ALL=C
    re_line="^[[:space:]]*(export[[:space:]]+)?([A-Za-z_][A-Za-z0-9_]*)=(.*)\$" re_q="^\"(.*)\"\$|^'"'"'(.*)'"'"'\$"
    while IFS= read -r line; do
      for l in "$line" "  $line" $'"'"'\t'"'"'"$line"; do
        old=skip new=skip t=${l#"${l%%[![:space:]]*}"}
        if [[ ! $l =~ ^[[:space:]]*(#|$) ]]; then
          old=bad
          [[ $l =~ $re_line ]] && k=${BASH_REMATCH[2]} v=${BASH_REMATCH[3]} && old="$k=$v"
          [[ $old != bad && $v =~ $re_q ]] && old="$k=${BASH_REMATCH[1]}${BASH_REMATCH[2]}"
        fi
        if [[ -n $t && $t != "#"* ]]; then
          new=bad; dgxmon_setting_line "$t" && new="$REPLY=$DGXMON_VALUE"
        fi
        [[ $old == "$new" ]] || { echo "[$l]: regex $old, globs $new"; exit 1; }
      done
    done' _ "$SLURM_DIR/lib/dgxmon_job_map.bash" <<'LINES'
DGXMON_JOB_MAP_DIR=/run/x
export DGXMON_JOB_MAP_DIR=/run/x
export  	A="q"
exportA=1
export=1
export =1
export
=1
1A=2
_a9=
A=""
A="
A='x'
A='x"
A="a"b"
A= spaced value 
A B=1
A-B=1
#comment
 # comment
A=$(touch x)
touch x
export A B=1
A==b
a=b=c
Ã©=1
A=Ã©
LINES
  [ "$status" -eq 0 ] || { echo "$output"; false; }
}

@test "settings: the environment wins over the file" {
  printf 'DGXMON_JOB_MAP_DIR=%s\n' "$ROOT/outside" >"$ENV_FILE"
  prolog "${job42[@]}" SLURM_JOB_GPUS=0
  assert_exit_0
  assert_nothing_outside
  assert_lines "$MAP/0" 42
}

@test "settings: %n in a dir is replaced by SLURMD_NODENAME (several slurmd on one host)" {
  mkdir -p "$ROOT/run/map-gpu2"
  prolog "${job42[@]}" SLURM_JOB_GPUS=0 SLURMD_NODENAME=gpu2 DGXMON_JOB_MAP_DIR="$ROOT/run/map-%n"
  assert_exit_0
  assert_lines "$ROOT/run/map-gpu2/0" 42
  epilog SLURM_JOB_ID=42 SLURMD_NODENAME=gpu2 DGXMON_JOB_MAP_DIR="$ROOT/run/map-%n"
  [ "$(map_files "$ROOT/run/map-gpu2")" = "" ]
}

@test "the scripts run through BCM-style symlinks find the library next to the real file" {
  install_bcm_layout
  run_script "$BCM_PROLOG" "${job42[@]}" SLURM_JOB_GPUS=4
  assert_exit_0
  assert_lines "$MAP/4" 42
  run_script "$BCM_EPILOG" SLURM_JOB_ID=42
  assert_missing "$MAP/4"
  assert_not_logged
}
