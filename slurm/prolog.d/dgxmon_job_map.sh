#!/bin/bash
# shellcheck shell=bash
# Slurm prolog (dgxmon): records which GPUs belong to the starting job; always exits 0 (docs/Slurm-Scripts.md).
set -u
trap 'exit 0' EXIT HUP INT TERM
dgxmon_self=${BASH_SOURCE[0]}
[[ $dgxmon_self == */* ]] || dgxmon_self=./$dgxmon_self
# BCM runs us through a symlink in /cm/local/...; the library lies next to the real file (or in ../lib in git).
# The default layout is recognised without a readlink process: the same file (-ef) in the shared dir.
if [[ -L $dgxmon_self ]]; then
  dgxmon_real=${dgxmon_self%/cm/local/apps/slurm/var/prologs/*}/cm/shared/apps/slurm/var/cm/prolog-dgxmon.sh
  [[ $dgxmon_real -ef $dgxmon_self ]] || dgxmon_real=$(readlink -f -- "$dgxmon_self")
  dgxmon_self=$dgxmon_real
fi
# shellcheck source-path=SCRIPTDIR source=../lib/dgxmon_job_map.bash
source "${dgxmon_self%/*}/dgxmon_job_map.bash" 2>/dev/null || source "${dgxmon_self%/*}/../lib/dgxmon_job_map.bash" ||
  { logger -t dgxmon "prolog: dgxmon_job_map.bash missing beside $dgxmon_self; no GPU mapped" || :; } 2>/dev/null

# Adds the job id as a line of each of its GPUs' map files (dcgm-exporter format); a line already there stays single.
dgxmon_prolog_map() {
  local dir=$DGXMON_JOB_MAP_DIR gpu line content staged=()
  [[ -n $dir ]] || return 0
  for gpu in "${DGXMON_GPUS[@]}"; do
    dgxmon_read_lines "$dir/$gpu" || continue
    content=""
    for line in "${DGXMON_LINES[@]}"; do
      [[ $line == "$DGXMON_JOB_ID" ]] && continue 2
      [[ -n $line ]] && content+=$line$'\n'
    done
    dgxmon_stage "$dir" "$gpu" "$content$DGXMON_JOB_ID"$'\n' && staged+=("$gpu")
  done
  dgxmon_commit "$dir" "${staged[@]}"
}

# Writes <job info dir>/<job id>: key=value lines the exporter turns into dgxmon_job_info and SLUID lookups.
dgxmon_prolog_job_info() {
  local dir=$DGXMON_JOB_INFO_DIR user account partition sluid gpus now
  [[ -n $dir ]] || return 0
  dgxmon_clean_value SLURM_JOB_USER "${SLURM_JOB_USER-}" dgxmon_valid_name; user=$REPLY
  dgxmon_clean_value SLURM_JOB_ACCOUNT "${SLURM_JOB_ACCOUNT-}" dgxmon_valid_name; account=$REPLY
  dgxmon_clean_value SLURM_JOB_PARTITION "${SLURM_JOB_PARTITION-}" dgxmon_valid_name; partition=$REPLY
  dgxmon_clean_value SLURM_JOB_SLUID "${SLURM_JOB_SLUID-}" dgxmon_valid_optional_sluid; sluid=$REPLY
  printf -v gpus '%s,' "${DGXMON_GPUS[@]}"
  printf -v now '%(%s)T' -1
  dgxmon_read_lines "$dir/$DGXMON_JOB_ID" || return 0
  dgxmon_stage "$dir" "$DGXMON_JOB_ID" "job_id=$DGXMON_JOB_ID
uid=$DGXMON_UID
user=$user
account=$account
partition=$partition
gpus=${gpus%,}
sluid=$sluid
start_time=$now
" && dgxmon_commit "$dir" "$DGXMON_JOB_ID"
}

# Writes <gpustat dir>/<gpu> = "<job id> <uid>" (Princeton jobstats format; one owner per GPU, the latest wins).
dgxmon_prolog_gpustat() {
  local dir=$DGXMON_GPUSTAT_DIR gpu staged=()
  [[ -n $dir ]] || return 0
  if [[ -z $DGXMON_UID ]]; then
    dgxmon_log "no valid SLURM_JOB_UID; gpustat files not written"; return 0
  fi
  for gpu in "${DGXMON_GPUS[@]}"; do
    dgxmon_read_lines "$dir/$gpu" && dgxmon_stage "$dir" "$gpu" "$DGXMON_JOB_ID $DGXMON_UID"$'\n' && staged+=("$gpu")
  done
  dgxmon_commit "$dir" "${staged[@]}"
}

dgxmon_prolog_main() {
  dgxmon_begin prolog || return 0
  dgxmon_clean_value SLURM_JOB_UID "${SLURM_JOB_UID-}" dgxmon_valid_uid; DGXMON_UID=$REPLY
  dgxmon_read_gpus
  dgxmon_open_dirs create
  dgxmon_lock || return 0
  # First what ended epilogs could not remove: a requeued job may start again with the same id.
  dgxmon_collect_deferred && dgxmon_need dgxmon_job_removal && dgxmon_unmap_ended
  dgxmon_prolog_map
  dgxmon_prolog_job_info
  dgxmon_prolog_gpustat
  dgxmon_commit_staged
}

declare -F dgxmon_begin >/dev/null && dgxmon_prolog_main
exit 0
