#!/bin/bash
# Slurm epilog (dgxmon): removes exactly the ending job's GPU map lines and files; always exits 0 (docs/Slurm-Scripts.md).
set -u
trap 'exit 0' EXIT HUP INT TERM
dgxmon_self=${BASH_SOURCE[0]}
[[ $dgxmon_self == */* ]] || dgxmon_self=./$dgxmon_self
# BCM runs us through a symlink in /cm/local/...; the library lies next to the real file (or in ../lib in git).
[[ -L $dgxmon_self ]] && dgxmon_self=$(readlink -f -- "$dgxmon_self")
# shellcheck source-path=SCRIPTDIR source=../lib/dgxmon_job_map.bash
source "${dgxmon_self%/*}/dgxmon_job_map.bash" 2>/dev/null || source "${dgxmon_self%/*}/../lib/dgxmon_job_map.bash" ||
  { logger -t dgxmon "epilog: dgxmon_job_map.bash missing beside $dgxmon_self; no GPU unmapped" || :; } 2>/dev/null

# Drops the job's lines from every map file (not only the GPUs in the environment, so nothing is left behind);
# other jobs' lines stay, a file left empty is deleted.
dgxmon_epilog_map() {
  local dir=$DGXMON_JOB_MAP_DIR path name line kept found staged=()
  [[ -n $dir ]] || return 0
  for path in "$dir"/[0-9]*; do
    name=${path##*/}
    dgxmon_valid_map_name "$name" || continue
    dgxmon_read_lines "$path" || continue
    kept="" found=0
    for line in "${DGXMON_LINES[@]}"; do
      if [[ $line == "$DGXMON_JOB_ID" ]]; then
        found=1
      elif [[ -n $line ]]; then
        kept+=$line$'\n'
      fi
    done
    ((found)) || continue
    if [[ -z $kept ]]; then
      DGXMON_REMOVE+=("$path")
    else
      dgxmon_stage "$dir" "$name" "$kept" && staged+=("$name")
    fi
  done
  dgxmon_commit "$dir" "${staged[@]}"
}

# Deletes the gpustat files that still name this job (a later job sharing the GPU may have taken one over).
dgxmon_epilog_gpustat() {
  local dir=$DGXMON_GPUSTAT_DIR path owner
  [[ -n $dir ]] || return 0
  for path in "$dir"/[0-9]*; do
    dgxmon_valid_map_name "${path##*/}" || continue
    dgxmon_read_lines "$path" || continue
    owner=${DGXMON_LINES[0]-}
    [[ ${owner%% *} == "$DGXMON_JOB_ID" ]] && DGXMON_REMOVE+=("$path")
  done
}

dgxmon_epilog_job_info() {
  local path=$DGXMON_JOB_INFO_DIR/$DGXMON_JOB_ID
  [[ -n $DGXMON_JOB_INFO_DIR ]] || return 0
  dgxmon_read_lines "$path" && [[ -e $path ]] && DGXMON_REMOVE+=("$path")
}

dgxmon_epilog_main() {
  dgxmon_begin epilog || return 0
  dgxmon_open_dirs existing
  dgxmon_lock || return 0
  dgxmon_epilog_map
  dgxmon_epilog_gpustat
  dgxmon_epilog_job_info
  dgxmon_remove_collected
}

declare -F dgxmon_begin >/dev/null && dgxmon_epilog_main
exit 0
