# shellcheck shell=bash
# The dgxmon Slurm scripts' job removal: an ending job's map lines and files, deleted under the lock; sourced by
# dgxmon_need (dgxmon_job_map.bash) in every epilog, and in a prolog only when an epilog left its removal to it. Same
# rules as dgxmon_job_map.bash.

# Deletes every file collected in DGXMON_REMOVE with one rm: the loadable one where there is one, without -f, which
# in the loadable hides every error, not only a missing file (none is: they were all seen under the lock).
dgxmon_remove_collected() {
  local force=-f
  ((${#DGXMON_REMOVE[@]})) || return 0
  dgxmon_loadable rm && force=""
  dgxmon_run "$DGXMON_LOCK_DIR" rm ${force:+"$force"} -- "${DGXMON_REMOVE[@]}" ||
    dgxmon_log "cannot remove files: $REPLY"
}

# Drops the lines of every job in DGXMON_ENDED_JOBS from every map file (not only the GPUs in the environment, so
# nothing is left behind); other jobs' lines stay, a file left empty is deleted.
dgxmon_unmap_lines() {
  local dir=$DGXMON_JOB_MAP_DIR path name line kept found staged=()
  [[ -n $dir ]] || return 0
  for path in "$dir"/[0-9]*; do
    name=${path##*/}
    dgxmon_valid_map_name "$name" || continue
    dgxmon_read_lines "$path" || continue
    kept="" found=0
    for line in "${DGXMON_LINES[@]}"; do
      if [[ -n $line && -n ${DGXMON_ENDED_JOBS[$line]-} ]]; then
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

# Collects the gpustat files that still name an ended job (a later job sharing the GPU may have taken one over).
dgxmon_unmap_gpustat() {
  local dir=$DGXMON_GPUSTAT_DIR path owner
  [[ -n $dir ]] || return 0
  for path in "$dir"/[0-9]*; do
    dgxmon_valid_map_name "${path##*/}" || continue
    dgxmon_read_lines "$path" || continue
    owner=${DGXMON_LINES[0]-}
    owner=${owner%% *}
    [[ -n $owner && -n ${DGXMON_ENDED_JOBS[$owner]-} ]] && DGXMON_REMOVE+=("$path")
  done
}

dgxmon_unmap_job_info() {
  local id path
  [[ -n $DGXMON_JOB_INFO_DIR ]] || return 0
  for id in "${!DGXMON_ENDED_JOBS[@]}"; do
    path=$DGXMON_JOB_INFO_DIR/$id
    dgxmon_read_lines "$path" && [[ -e $path ]] && DGXMON_REMOVE+=("$path")
  done
}

# Removes the lines and files of every job in DGXMON_ENDED_JOBS (under the lock), with one rm.
dgxmon_unmap_ended() {
  dgxmon_unmap_lines
  dgxmon_unmap_gpustat
  dgxmon_unmap_job_info
  dgxmon_commit_staged
  dgxmon_remove_collected
}

# The epilog without the lock: leaves ended.<job id> in the lock dir's .dgxmon (creating a file of its own needs no
# lock), so the next prolog or epilog on this node that gets the lock removes this job's lines and files.
dgxmon_defer_removal() {
  [[ -n $DGXMON_LOCK_DIR ]] || return 0
  dgxmon_stage "$DGXMON_LOCK_DIR" "$DGXMON_ENDED$DGXMON_JOB_ID" "" || return 0
  dgxmon_log "this job's lines are removed by the next prolog or epilog that gets the lock" \
    "($DGXMON_LOCK_DIR/$DGXMON_PRIVATE/$DGXMON_ENDED$DGXMON_JOB_ID)"
}
