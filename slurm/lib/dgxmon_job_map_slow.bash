# shellcheck shell=bash
# The dgxmon Slurm scripts' slow paths, sourced by dgxmon_need (dgxmon_job_map.bash) only when a job needs one: GPU and
# MIG UUIDs in the environment (the exporter's lookup file), a lock still held after the first wait (who holds it), and
# a node without rename.ul (one mv per dir). Same rules as dgxmon_job_map.bash.

# Loads the exporter's UUID lookup file into the associative array DGXMON_UUIDS: "<MIG-UUID> <gpu>.<gi>" and, since
# Slurm 25.11 puts whole GPUs' UUIDs into CUDA_VISIBLE_DEVICES too, "<GPU-UUID> <gpu>" lines. Other lines are ignored.
dgxmon_load_uuid_map() {
  local path uuid id rest
  declare -gA DGXMON_UUIDS=()
  DGXMON_UUIDS_LOADED=1
  dgxmon_expand_path DGXMON_MIG_MAP_FILE "$DGXMON_MIG_MAP_FILE" || return 0
  path=$REPLY
  DGXMON_MIG_MAP_FILE=$path
  # The exporter's (unprivileged) user writes this file: never through a link, and never more lines than a node
  # can have (a runaway or hostile file must not slow every job start).
  if [[ -L $path || ! -f $path || ! -r $path ]]; then
    dgxmon_log "DGXMON_MIG_MAP_FILE $path is missing, unreadable or a link (the exporter writes it); UUID devices skipped"
    return 0
  fi
  local lines=0
  while read -r uuid id rest || [[ -n $uuid ]]; do
    if ((++lines > DGXMON_MAX_UUID_LINES)); then
      dgxmon_log "DGXMON_MIG_MAP_FILE $path has more than $DGXMON_MAX_UUID_LINES lines; the rest is ignored"
      break
    fi
    [[ ($uuid == MIG-* || $uuid == GPU-*) && -n $id ]] && DGXMON_UUIDS[$uuid]=$id
  done <"$path"
}

# REPLY = the map name of device UUID $1 ("<gpu>" for GPU-..., "<gpu>.<gi>" for MIG-...), looked up in the
# exporter's file; returns 1 (logged) when it cannot be resolved. The target is checked like any other input.
dgxmon_resolve_uuid() {
  local uuid=$1 kind=GPU valid=dgxmon_valid_index want='<gpu>'
  [[ $uuid == MIG-* ]] && kind=MIG valid=dgxmon_valid_mig_id want='<gpu>.<gi>'
  [[ -n ${DGXMON_UUIDS_LOADED-} ]] || dgxmon_load_uuid_map
  if [[ -z ${DGXMON_UUIDS[$uuid]-} ]]; then
    dgxmon_log "$kind device $uuid not found in $DGXMON_MIG_MAP_FILE; skipped"; return 1
  fi
  REPLY=${DGXMON_UUIDS[$uuid]}
  if ! "$valid" "$REPLY"; then
    dgxmon_q "$REPLY"
    dgxmon_log "$kind device $uuid maps to invalid $REPLY in $DGXMON_MIG_MAP_FILE (want $want); skipped"; return 1
  fi
  if [[ $kind == MIG ]]; then
    REPLY=$((10#${REPLY%%.*})).$((10#${REPLY#*.}))
  else
    REPLY=$((10#$REPLY))
  fi
}

# Slow path of dgxmon_lock, after $2 of $3 seconds: names the holder of lock $1 and waits the rest, logging either way.
dgxmon_wait_for_holder() {
  local lock=$1 first=$2 total=$3 holder start=$SECONDS
  dgxmon_lock_holder "$lock"; holder=$REPLY
  if ((total > first)) && flock -w "$((total - first))" "$DGXMON_LOCK_FD" 2>/dev/null; then
    dgxmon_log "waited $((first + SECONDS - start))s for lock $lock, held by $holder"
    return 0
  fi
  dgxmon_log "no lock on $lock within ${total}s, held by $holder; nothing done"
  return 1
}

# REPLY = who holds the flock on file $1, for the log. /proc/locks names the process that took it; when that one has
# exited (flock(1) run on an inherited descriptor, as our scripts do), fuser adds the processes that have the file
# open, which are the holder and any waiters. Only root can open the file, so each is a root process.
dgxmon_lock_holder() {
  local lock=$1 seen dev ino want id arrow pid where gone=0 found=() line
  REPLY="an unknown process (not in /proc/locks)"
  # exec: the external stat even where the loadable one is enabled (dgxmon_loadable).
  seen=$(exec stat -L -c '%d %i' -- "$lock" 2>/dev/null) || return 0
  read -r dev ino <<<"$seen"
  # /proc/locks names the file "<major>:<minor>:<inode>" (hex, hex, decimal); st_dev packs them as glibc does.
  printf -v want '%02x:%02x:%s' $(((dev >> 8 & 0xfff) | (dev >> 32 & ~0xfff))) \
    $(((dev & 0xff) | (dev >> 12 & ~0xff))) "$ino"
  while read -r id arrow _ _ pid where _; do
    # A waiter's line reads "N: -> FLOCK ADVISORY WRITE <pid> ..."; the holder's has no arrow.
    [[ $arrow != '->' && $where == "$want" ]] || continue
    dgxmon_describe_pid "$pid"; found+=("$REPLY")
    [[ -d /proc/$pid ]] || gone=1
  done </proc/locks
  if ((gone)) && command -v fuser >/dev/null; then
    # No "--": fuser refuses it (the path is absolute). Skipped: this script, and what exited since (the subshell).
    for pid in $(fuser "$lock" 2>/dev/null {DGXMON_LOCK_FD}>&-); do
      [[ $pid != "$$" && -d /proc/$pid ]] || continue
      dgxmon_describe_pid "$pid"; found+=("open by $REPLY")
    done
  fi
  ((${#found[@]})) || return 0
  printf -v line '%s, ' "${found[@]}"
  REPLY=${line%, }
}

# REPLY = "pid <n> (uid <u>, '<command line>')" for process $1, or "pid <n> (exited)".
dgxmon_describe_pid() {
  local pid=$1 key uid="?" value args=() command
  if ! dgxmon_chars "$pid" 10 0-9 || [[ ! -r /proc/$pid/status ]]; then
    REPLY="pid $pid (exited)"; return 0
  fi
  while read -r key value _; do
    [[ $key == Uid: ]] && { uid=$value; break; }
  done <"/proc/$pid/status"
  mapfile -d '' -t args <"/proc/$pid/cmdline" 2>/dev/null
  command=${args[*]}
  dgxmon_q "${command:0:160}"
  REPLY="pid $pid (uid $uid, $REPLY)"
}

# Renames the queued staged files with the indexes $@ with one mv per output dir.
dgxmon_commit_by_mv() {
  local i dir paths
  declare -A paths_of=()
  for i; do
    dir=${DGXMON_COMMIT_DIRS[i]}
    paths_of[$dir]+=" $i"
  done
  for dir in "${!paths_of[@]}"; do
    paths=()
    for i in ${paths_of[$dir]}; do paths+=("$dir/$DGXMON_PRIVATE/${DGXMON_COMMIT_NAMES[i]}"); done
    dgxmon_run "$dir" mv -f -t "$dir" -- "${paths[@]}" || dgxmon_log "cannot move staged files into $dir: $REPLY"
  done
}
