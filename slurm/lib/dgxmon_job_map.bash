# shellcheck shell=bash
# shellcheck disable=SC2034  # the globals set here are read by the prolog and epilog scripts
# The dgxmon Slurm prolog/epilog core: which GPUs belong to which job, written where the exporters read it.
#
# Sourced by slurm/prolog.d/dgxmon_job_map.sh and slurm/epilog.d/dgxmon_job_map.sh (docs/Slurm-Scripts.md). What only
# some jobs need lies beside it, sourced by dgxmon_need when needed: dgxmon_job_removal.bash (every epilog) and
# dgxmon_job_map_slow.bash (UUID devices, a contended lock, no rename.ul). bash parses a sourced file whole, a few
# microseconds a line, so a prolog's usual path parses only this file.
# Rules every function here keeps, because a failing prolog drains the node:
#   - never exit non-zero and never abort the job: problems are collected with dgxmon_log and sent to syslog once;
#   - every value from the environment is validated before it becomes part of a path;
#   - files are only written inside the configured directories, never through a symbolic link, and always as
#     "write a staged copy in <dir>/.dgxmon, then rename it over the target" (rename is atomic);
#   - all reads-modify-writes happen under one flock, so two jobs starting or ending together lose no line; the lock
#     file lies in <dir>/.dgxmon, a root-only (0700) directory, so no user can open it, let alone hold it;
#   - parsing uses bash builtins only, and glob tests rather than regexes on the hot path (bash recompiles a
#     regex at every =~, and a bounded repeat like {0,128} costs about a millisecond each time);
#   - external programs (flock, stat, rename.ul or mv, rm, mkdir, logger) run at most once per directory, never
#     once per GPU, because this runs at every job start; stat and rm not at all where Debian's bash-builtins
#     provides them as loadable builtins (dgxmon_loadable).

readonly DGXMON_MAX_GPU_INDEX=1023
# Lines read from the UUID lookup file: 1,024 GPUs, each with its MIG instances (at most 7), twice over.
readonly DGXMON_MAX_UUID_LINES=16384
readonly DGXMON_PRIVATE=.dgxmon        # in each output dir, root only (0700): staged files; in one, the lock
readonly DGXMON_LOCK_FILE=lock
readonly DGXMON_ENDED=ended.           # <lock dir>/.dgxmon/ended.<job id>: an epilog that got no lock left its removal
readonly DGXMON_LOCK_WAIT_S=30         # the longest wait for the lock; DGXMON_LOCK_TIMEOUT_S (environment) overrides
readonly DGXMON_SETTING_KEYS=" DGXMON_JOB_MAP_DIR DGXMON_JOB_INFO_DIR DGXMON_GPUSTAT_DIR DGXMON_MIG_MAP_FILE "
readonly DGXMON_LOADABLES=/usr/lib/bash  # Debian/Ubuntu package bash-builtins: stat, rm, ... as loadable builtins

DGXMON_LOG_LINES=()     # messages, sent to syslog in one logger call when the script ends
DGXMON_LOG_PREFIX=""    # "prolog job 42: " once the job id is known
DGXMON_JOB_ID=""
DGXMON_GPUS=()          # the job's GPUs as map file names: "3" or, for a MIG instance, "3.1"
DGXMON_REMOVE=()        # files deleted under the lock, in one rm call
DGXMON_COMMIT_DIRS=()   # staged files renamed over their targets under the lock, in one rename.ul call:
DGXMON_COMMIT_NAMES=()  #   the output dir and the file name of each
DGXMON_LOCK_DIR=""      # the output dir whose .dgxmon holds the lock
declare -A DGXMON_ENDED_JOBS=()  # job ids whose lines and files are removed under the lock
declare -A DGXMON_FILE_SETTINGS=()
declare -A DGXMON_STAT=()        # path -> "<owner uid> <raw mode in hex>", from dgxmon_stat_paths
declare -A DGXMON_LOADED=()      # loadable builtin name -> 0 (enabled) or 1 (not available), from dgxmon_loadable
readonly DGXMON_LIB_PARTS=(dgxmon_job_removal dgxmon_job_map_slow)  # sourced beside this file by dgxmon_need
declare -A DGXMON_PARTS=()       # library part name -> 0 (sourced) or 1 (missing), from dgxmon_need
DGXMON_LIB_DIR=${BASH_SOURCE[0]%/*}  # where this file and its parts lie
[[ ${BASH_SOURCE[0]} == */* ]] || DGXMON_LIB_DIR=.

# Sources library part $1 (dgxmon_job_removal, dgxmon_job_map_slow) from beside this file, once; returns 1 (logged)
# when it is missing, and the caller skips what needed it.
dgxmon_need() {
  local part=$1
  if [[ -z ${DGXMON_PARTS[$part]-} ]]; then
    # shellcheck source=/dev/null  # the parts are checked on their own
    if source "$DGXMON_LIB_DIR/$part.bash" 2>/dev/null; then
      DGXMON_PARTS[$part]=0
    else
      DGXMON_PARTS[$part]=1
      dgxmon_log "library part $DGXMON_LIB_DIR/$part.bash is missing (install it beside dgxmon_job_map.bash)"
    fi
  fi
  return "${DGXMON_PARTS[$part]}"
}

# ---------------------------------------------------------------------------------------------------- logging

dgxmon_log() {
  DGXMON_LOG_LINES+=("${DGXMON_LOG_PREFIX}$*")
}

# Quotes a value that came from outside ('...' or $'...' with escapes), so a log line can't be forged or broken.
dgxmon_q() {
  REPLY=${1@Q}
}

# Sends the collected messages with one logger call (DGXMON_LOGGER overrides the command, for tests); when the
# logger is missing or fails, they go to stderr, which slurmd keeps in its log.
dgxmon_flush_log() {
  ((${#DGXMON_LOG_LINES[@]})) || return 0
  local text
  printf -v text '%s\n' "${DGXMON_LOG_LINES[@]}"
  DGXMON_LOG_LINES=()
  "${DGXMON_LOGGER:-logger}" -t dgxmon <<<"${text%$'\n'}" 2>/dev/null || printf 'dgxmon: %s' "$text" >&2
}

# EXIT trap of both scripts: whatever happened, report it and tell slurmd "success".
dgxmon_finish() {
  local status=$1
  ((status == 0)) || dgxmon_log "stopped early with status $status (internal error, see stderr); the job runs anyway"
  # Let the next prolog/epilog in before a slow logger call.
  [[ -n ${DGXMON_LOCK_FD-} ]] && exec {DGXMON_LOCK_FD}>&-
  dgxmon_flush_log
  exit 0
}

dgxmon_install_traps() {
  trap 'dgxmon_finish $?' EXIT
  trap 'dgxmon_log "interrupted by a signal; files may be incomplete"; exit 0' HUP INT TERM
  trap '' PIPE
}

# --------------------------------------------------------------------------------------------------- settings

# Reads /etc/dgxmon/slurm.env (or DGXMON_SLURM_ENV) as data: KEY=VALUE lines, '#' comments, optional quotes.
# It is never sourced: a root-run prolog must not execute whatever a config file contains.
dgxmon_read_settings_file() {
  local path=$1 line key value n=0 shown
  [[ -e $path || -L $path ]] || return 0
  dgxmon_q "$path"; shown=$REPLY
  if [[ -L $path || ! -f $path ]]; then
    dgxmon_log "settings file $shown ignored: not a regular file"; return 0
  fi
  if [[ ! -O $path ]]; then
    dgxmon_log "settings file $shown ignored: not owned by uid $EUID"; return 0
  fi
  if [[ ! -r $path ]]; then
    dgxmon_log "settings file $shown ignored: not readable"; return 0
  fi
  while IFS= read -r line || [[ -n $line ]]; do
    ((++n))
    line=${line%$'\r'}
    line=${line#"${line%%[![:space:]]*}"}
    [[ -z $line || $line == '#'* ]] && continue
    if ! dgxmon_setting_line "$line"; then
      dgxmon_q "$line"; dgxmon_log "settings file $shown line $n ignored: expected KEY=VALUE, got $REPLY"; continue
    fi
    key=$REPLY value=$DGXMON_VALUE
    if [[ $DGXMON_SETTING_KEYS == *" $key "* ]]; then
      DGXMON_FILE_SETTINGS[$key]=$value
    else
      dgxmon_log "settings file $shown line $n: unknown key $key ignored (known:$DGXMON_SETTING_KEYS)"
    fi
  done <"$path"
}

# Splits settings line $1 (leading blanks removed) into REPLY = the key and DGXMON_VALUE = the value: an optional
# "export ", KEY=VALUE with KEY a shell name, the value unquoted when it is "..." or '...'. Returns 1 for any other
# line. Glob tests, not a regex: bash compiles a regex at every =~, and this runs for each line at every job start.
dgxmon_setting_line() {
  local line=$1 value
  if [[ $line == export[[:space:]]* ]]; then
    line=${line#export}
    line=${line#"${line%%[![:space:]]*}"}
  fi
  REPLY=${line%%=*}
  [[ $line == *=* && $REPLY == [A-Za-z_]* && $REPLY != *[!A-Za-z0-9_]* ]] || return 1
  value=${line#*=}
  if ((${#value} >= 2)) && [[ $value == \"*\" || $value == \'*\' ]]; then
    value=${value:1:${#value}-2}
  fi
  DGXMON_VALUE=$value
}

# REPLY = the environment's value of setting $1 when set (even empty), else the file's, else default $2.
dgxmon_setting() {
  local name=$1
  if [[ -n ${!name+set} ]]; then
    REPLY=${!name}
  elif [[ -n ${DGXMON_FILE_SETTINGS[$name]+set} ]]; then
    REPLY=${DGXMON_FILE_SETTINGS[$name]}
  else
    REPLY=$2
  fi
}

dgxmon_load_settings() {
  dgxmon_read_settings_file "${DGXMON_SLURM_ENV:-/etc/dgxmon/slurm.env}"
  dgxmon_setting DGXMON_JOB_MAP_DIR /run/dcgm-job-map; DGXMON_JOB_MAP_DIR=$REPLY
  dgxmon_setting DGXMON_JOB_INFO_DIR /run/dgxmon/jobs; DGXMON_JOB_INFO_DIR=$REPLY
  dgxmon_setting DGXMON_GPUSTAT_DIR ""; DGXMON_GPUSTAT_DIR=$REPLY
  dgxmon_setting DGXMON_MIG_MAP_FILE /run/dgxmon/exporter/mig-uuids; DGXMON_MIG_MAP_FILE=$REPLY
}

# ------------------------------------------------------------------------------------------------ validation

# True when $1 has 1 to $2 characters, all from the bracket set $3 ("0-9", ...; ASCII since LC_ALL=C).
dgxmon_chars() {
  [[ -n $1 && ${#1} -le $2 && $1 != *[!$3]* ]]
}

dgxmon_valid_job_id() {
  dgxmon_chars "$1" 20 0-9 || dgxmon_valid_sluid "$1"
}

# A SLUID (Slurm 26.05): "s" and 13 of [0-9A-Z].
dgxmon_valid_sluid() {
  [[ ${#1} -eq 14 && $1 == s* ]] && dgxmon_chars "${1:1}" 13 0-9A-Z
}

dgxmon_valid_index() {
  dgxmon_chars "$1" 4 0-9 && ((10#$1 <= DGXMON_MAX_GPU_INDEX))
}

# A MIG map name "<gpu>.<gpu instance>", e.g. 3.1.
dgxmon_valid_mig_id() {
  [[ $1 == *.* ]] && dgxmon_valid_index "${1%%.*}" && dgxmon_chars "${1#*.}" 4 0-9
}

# A map file name as dcgm-exporter reads it: "<gpu>" or "<gpu>.<gi>".
dgxmon_valid_map_name() {
  dgxmon_valid_index "$1" || dgxmon_valid_mig_id "$1"
}

dgxmon_valid_mig_uuid() {
  [[ $1 == MIG-* ]] && dgxmon_chars "${1#MIG-}" 96 'A-Za-z0-9/-'
}

# A whole GPU's UUID as NVML prints it (GPU-5c89852c-d268-...); Slurm 25.11 puts these into CUDA_VISIBLE_DEVICES.
dgxmon_valid_gpu_uuid() {
  [[ $1 == GPU-* ]] && dgxmon_chars "${1#GPU-}" 96 'A-Za-z0-9-'
}

# User, account and partition names: what Slurm and POSIX allow in practice, nothing that breaks a line.
dgxmon_valid_name() {
  [[ -z $1 ]] || dgxmon_chars "$1" 128 'A-Za-z0-9._@+-'
}

dgxmon_valid_uid() {
  [[ -z $1 ]] || dgxmon_chars "$1" 10 0-9
}

dgxmon_valid_optional_sluid() {
  [[ -z $1 ]] || dgxmon_valid_sluid "$1"
}

dgxmon_valid_node() {
  dgxmon_chars "$1" 64 'A-Za-z0-9._-' && [[ $1 != [.-]* ]]
}

# Sets DGXMON_JOB_ID from SLURM_JOB_ID (digits or a SLUID); returns 1 (logged) when there is no valid id.
dgxmon_read_job_id() {
  local id=${SLURM_JOB_ID-${SLURM_JOBID-}}
  if [[ -z $id ]]; then
    dgxmon_log "SLURM_JOB_ID is empty or not set; nothing done"; return 1
  fi
  if ! dgxmon_valid_job_id "$id"; then
    dgxmon_q "$id"; dgxmon_log "invalid SLURM_JOB_ID $REPLY (want digits or a SLUID s[0-9A-Z]{13}); nothing done"
    return 1
  fi
  DGXMON_JOB_ID=$id
  DGXMON_LOG_PREFIX+="job $id: "
}

# REPLY = value $2 of variable $1 when validator function $3 accepts it, else "" with a log line.
dgxmon_clean_value() {
  local var=$1 value=$2 valid=$3
  if "$valid" "$value"; then
    REPLY=$value
  else
    dgxmon_q "$value"; dgxmon_log "$var=$REPLY is not valid; recorded as empty"
    REPLY=""
  fi
}

# Expands the "%n" node placeholder and checks the path is absolute and free of "..": REPLY = the path.
dgxmon_expand_path() {
  local label=$1 path=$2 node=${SLURMD_NODENAME-}
  if [[ $path == *%n* ]]; then
    if ! dgxmon_valid_node "$node"; then
      dgxmon_q "$node"; dgxmon_log "$label $path: SLURMD_NODENAME=$REPLY cannot fill %n; $label not used"; return 1
    fi
    path=${path//%n/$node}
  fi
  if [[ $path != /* || /$path/ == */../* || /$path/ == */./* ]]; then
    dgxmon_q "$path"; dgxmon_log "$label $REPLY must be an absolute path without . or .. parts; $label not used"
    return 1
  fi
  REPLY=${path%/}
}

# ------------------------------------------------------------------------------------------------------ GPUs

# Adds map name $1 to DGXMON_GPUS unless already there (duplicates in the environment are written once).
dgxmon_add_gpu() {
  local known
  for known in "${DGXMON_GPUS[@]}"; do
    [[ $known == "$1" ]] && return 0
  done
  DGXMON_GPUS+=("$1")
}

# Adds every GPU of one list entry ("3", "0-3", a MIG or a GPU UUID) to DGXMON_GPUS; invalid entries are logged.
dgxmon_add_gpu_entry() {
  local var=$1 entry=$2 first=${2%%-*} last=${2#*-} i
  if dgxmon_valid_index "$entry"; then
    dgxmon_add_gpu "$((10#$entry))"
  elif dgxmon_valid_index "$first" && dgxmon_valid_index "$last" && ((10#$first <= 10#$last)); then
    for ((i = 10#$first; i <= 10#$last; i++)); do dgxmon_add_gpu "$i"; done
  elif dgxmon_valid_mig_uuid "$entry" || dgxmon_valid_gpu_uuid "$entry"; then
    dgxmon_need dgxmon_job_map_slow && dgxmon_resolve_uuid "$entry" && dgxmon_add_gpu "$REPLY"
  else
    dgxmon_q "$entry"
    dgxmon_log "$var entry $REPLY ignored (want an index 0-$DGXMON_MAX_GPU_INDEX, a range a-b, a MIG or a GPU UUID)"
  fi
}

# Picks the variable that names the job's GPUs. SLURM_JOB_GPUS comes first (indices in every Slurm version, no lookup
# needed), except on MIG: there it holds gres indices of MIG slices, while CUDA_VISIBLE_DEVICES/GPU_DEVICE_ORDINAL
# hold the MIG UUIDs we can resolve. Whole-GPU UUIDs (Slurm 25.11) are resolved only when no index list is set.
dgxmon_gpu_variable() {
  local name
  for name in CUDA_VISIBLE_DEVICES GPU_DEVICE_ORDINAL; do
    [[ ${!name-} == *MIG-* ]] && { REPLY=$name; return 0; }
  done
  for name in SLURM_JOB_GPUS CUDA_VISIBLE_DEVICES GPU_DEVICE_ORDINAL; do
    [[ -n ${!name-} ]] && { REPLY=$name; return 0; }
  done
  REPLY=""
}

# Fills DGXMON_GPUS from the environment (empty for a job without GPUs, which is normal).
dgxmon_read_gpus() {
  local var entries entry
  dgxmon_gpu_variable
  var=$REPLY
  [[ -n $var ]] || return 0
  IFS=, read -r -a entries <<<"${!var}"
  for entry in "${entries[@]}"; do
    [[ -n $entry ]] && dgxmon_add_gpu_entry "$var" "$entry"
  done
  if ((${#DGXMON_GPUS[@]} == 0)); then
    dgxmon_q "${!var}"; dgxmon_log "$var=$REPLY names no usable GPU; no GPU mapped"
  fi
}

# ------------------------------------------------------------------------------------------------ directories

# Checks that dir $2 (already expanded) is a real, root-owned, writable directory, and creates its private dir
# (.dgxmon, mode 0700) when missing, and the directory itself too when $3 is "create" (the prolog; /run is empty
# after a boot). Owner and mode are verified afterwards, for all dirs at once (dgxmon_verify_dirs). Returns 1 when
# the directory must not be used (logged, except "missing" for the epilog).
dgxmon_check_dir() {
  local label=$1 dir=$2 mode=$3 private=$2/$DGXMON_PRIVATE err
  if ! dgxmon_dir_problem "$dir"; then
    [[ $REPLY == missing ]] || { dgxmon_log "$label $dir $REPLY"; return 1; }
    [[ $mode == create ]] || return 1
    dgxmon_log "$label $dir did not exist; creating it"
  fi
  # shellcheck disable=SC2174  # on purpose: .dgxmon gets 0700, a missing $dir 0755 from the umask
  if [[ ! -e $private && ! -L $private ]] && ! err=$(mkdir -p -m 0700 -- "$private" 2>&1); then
    dgxmon_log "$label $dir: cannot create $DGXMON_PRIVATE: ${err##*: }; not used"; return 1
  fi
}

# Returns 1 with REPLY = why directory $1 must not be written ("missing" when it does not exist); changes nothing,
# so slurm/check.sh asks the same questions as the scripts.
dgxmon_dir_problem() {
  REPLY=""
  if [[ -L $1 ]]; then
    REPLY="is a symbolic link; refusing to write through it"
  elif [[ ! -e $1 ]]; then
    REPLY=missing
  elif [[ ! -d $1 ]]; then
    REPLY="is not a directory; not used"
  elif [[ ! -O $1 ]]; then
    REPLY="is not owned by uid $EUID; refusing to write there"
  elif [[ ! -w $1 ]]; then
    REPLY="is not writable (read-only file system?); not used"
  fi
  [[ -z $REPLY ]]
}

# Enables bash's loadable builtin $1 from DGXMON_LOADABLES once, so that it runs without a fork+exec; returns 1 when
# it is not installed or DGXMON_NO_LOADABLES (environment, tests) is set, and the caller runs the external program.
# The path is absolute, so enable never searches BASH_LOADABLES_PATH; like /usr/bin, /usr/lib/bash is root's.
dgxmon_loadable() {
  local name=$1
  if [[ -z ${DGXMON_LOADED[$name]-} ]]; then
    DGXMON_LOADED[$name]=1
    [[ -z ${DGXMON_NO_LOADABLES-} && -f $DGXMON_LOADABLES/$name ]] &&
      enable -f "$DGXMON_LOADABLES/$name" "$name" 2>/dev/null && DGXMON_LOADED[$name]=0
  fi
  return "${DGXMON_LOADED[$name]}"
}

# Fills DGXMON_STAT[path] = "<owner uid> <raw mode, hex>" for the paths $@ (bash cannot read a mode): with the loadable
# stat when there is one, else (or when it answers in a form not known here) with one stat process for all. A path
# stat cannot read gets no entry.
dgxmon_stat_paths() {
  DGXMON_STAT=()
  dgxmon_loadable stat && dgxmon_stat_paths_builtin "$@" && return 0
  DGXMON_STAT=()
  dgxmon_stat_paths_external "$@"
}

# The loadable stat fills an associative array per path: "uid", "type" (d, l, - ...) and "perms" (octal, without the
# sticky bit, which -k adds back). Its -L means lstat(2), as stat(1) without -L: a link is seen as a link. Returns 1
# when a path it could read has no numeric uid or octal perms (another version of the loadable).
dgxmon_stat_paths_builtin() {
  local path bits raw
  local -A st
  for path; do
    st=()
    stat -L -A st -- "$path" 2>/dev/null || continue
    { dgxmon_chars "${st[uid]-}" 10 0-9 && dgxmon_chars "${st[perms]-}" 4 0-7; } || return 1
    case ${st[type]-} in
      d) bits=0040000 ;;
      l) bits=0120000 ;;
      -) bits=0100000 ;;
      p) bits=0010000 ;;
      c) bits=0020000 ;;
      b) bits=0060000 ;;
      s) bits=0140000 ;;
      *) bits=0 ;;
    esac
    [[ $bits == 0040000 && -k $path ]] && bits=0041000
    printf -v raw '%x' $((bits | 8#${st[perms]}))
    DGXMON_STAT[$path]="${st[uid]} $raw"
  done
}

# One stat process for all paths; a path whose name does not survive a line gets no entry.
dgxmon_stat_paths_external() {
  local out uid raw name
  # exec: without it the subshell forks once more (bash does not exec directly while the EXIT trap is set).
  out=$(exec stat -c '%u %f %n' -- "$@" 2>/dev/null)
  while read -r uid raw name; do
    dgxmon_chars "$uid" 10 0-9 && dgxmon_chars "$raw" 8 0-9a-f && DGXMON_STAT[$name]="$uid $raw"
  done <<<"$out"
}

# Returns 1 with REPLY = why path $2 (as stat saw it, DGXMON_STAT) must not be used as a $1 directory: "shared" is an
# output dir (anyone may read it, only root may write it), "private" its .dgxmon (only root may even open it, or a
# user could hold the lock or read a staged file).
dgxmon_mode_problem() {
  local kind=$1 seen=${DGXMON_STAT[$2]-} uid mode perm
  REPLY=""
  if [[ -z $seen ]]; then
    REPLY="could not be checked (stat failed)"
  else
    uid=${seen%% *} mode=$((16#${seen#* }))
    printf -v perm '%04o' $((mode & 07777))
    if (((mode & 0170000) == 0120000)); then
      REPLY="is a symbolic link"
    elif (((mode & 0170000) != 0040000)); then
      REPLY="is not a directory"
    elif ((uid != EUID)); then
      REPLY="is owned by uid $uid, not $EUID"
    elif [[ $kind == shared ]] && ((mode & 022)); then
      REPLY="is writable by group or others (mode $perm)"
    elif [[ $kind == private ]] && ((mode & 077)); then
      REPLY="is open to group or others (mode $perm, want 0700)"
    fi
  fi
  [[ -z $REPLY ]]
}

# Verifies owner and mode of the output dirs named by the variables $@ and of their .dgxmon, with one stat for all;
# a variable whose directory fails is set to "" (logged with the fix).
dgxmon_verify_dirs() {
  local name paths=()
  for name; do
    [[ -n ${!name} ]] && paths+=("${!name}" "${!name}/$DGXMON_PRIVATE")
  done
  ((${#paths[@]})) || return 0
  dgxmon_stat_paths "${paths[@]}"
  for name; do
    [[ -n ${!name} ]] || continue
    if ! dgxmon_mode_problem shared "${!name}"; then
      dgxmon_log "$name ${!name} $REPLY; not used (only root may write there: chown root, chmod go-w)"
    elif ! dgxmon_mode_problem private "${!name}/$DGXMON_PRIVATE"; then
      dgxmon_log "$name ${!name}/$DGXMON_PRIVATE $REPLY; not used (it holds the lock and staged files: remove it, the" \
        "next prolog creates it again as root with mode 0700)"
    else
      continue
    fi
    printf -v "$name" '%s' ""
  done
}

# Expands and checks the three output directories; each of DGXMON_JOB_MAP_DIR, DGXMON_JOB_INFO_DIR and
# DGXMON_GPUSTAT_DIR becomes the checked path, or "" when it is off or unusable.
dgxmon_open_dirs() {
  local mode=$1 name dir
  for name in DGXMON_JOB_MAP_DIR DGXMON_JOB_INFO_DIR DGXMON_GPUSTAT_DIR; do
    [[ -n ${!name} ]] || continue
    if dgxmon_expand_path "$name" "${!name}" && dir=$REPLY && dgxmon_check_dir "$name" "$dir" "$mode"; then
      printf -v "$name" '%s' "$dir"
    else
      printf -v "$name" '%s' ""
    fi
  done
  dgxmon_verify_dirs DGXMON_JOB_MAP_DIR DGXMON_JOB_INFO_DIR DGXMON_GPUSTAT_DIR
}

# ------------------------------------------------------------------------------------------------------- lock

# REPLY = how long to wait for the lock at most, in seconds: DGXMON_LOCK_TIMEOUT_S from the environment (tests), else
# DGXMON_LOCK_WAIT_S.
dgxmon_lock_timeout() {
  REPLY=$DGXMON_LOCK_WAIT_S
  if dgxmon_chars "${DGXMON_LOCK_TIMEOUT_S-}" 3 0-9 && ((10#$DGXMON_LOCK_TIMEOUT_S > 0)); then
    REPLY=$((10#$DGXMON_LOCK_TIMEOUT_S))
  fi
}

# Takes the node-wide lock that serialises every dgxmon prolog and epilog: .dgxmon/lock in the first usable output
# dir (DGXMON_LOCK_DIR). A first short wait covers jobs that start or end together; only when it runs out is the
# holder looked up, and the rest of the timeout waited (dgxmon_wait_for_holder). flock's only realistic failure is
# the timeout, so its stderr is not kept.
dgxmon_lock() {
  local dir lock total first
  for dir in "$DGXMON_JOB_MAP_DIR" "$DGXMON_JOB_INFO_DIR" "$DGXMON_GPUSTAT_DIR"; do
    [[ -n $dir ]] && break
  done
  [[ -n $dir ]] || return 1
  DGXMON_LOCK_DIR=$dir
  lock=$dir/$DGXMON_PRIVATE/$DGXMON_LOCK_FILE
  if [[ -L $lock || (-e $lock && ! -f $lock) ]]; then
    dgxmon_log "lock file $lock is not a regular file; nothing done"; return 1
  fi
  # Mode 0600 besides the 0700 dir: a lock file others could open is a lock they could hold.
  umask 077
  if ! { exec {DGXMON_LOCK_FD}>>"$lock"; } 2>/dev/null; then
    umask 022
    dgxmon_log "cannot open lock file $lock; nothing done"; return 1
  fi
  umask 022
  dgxmon_lock_timeout; total=$REPLY
  first=$((total >= 12 ? total / 6 : 1))
  flock -w "$first" "$DGXMON_LOCK_FD" 2>/dev/null && return 0
  dgxmon_need dgxmon_job_map_slow && dgxmon_wait_for_holder "$lock" "$first" "$total"
}

# ------------------------------------------------------------------------------------------------------ files

# Reads the lines of map file $1 into DGXMON_LINES (empty when missing); returns 1 (logged) for a file we must
# not touch: a symbolic link or anything but a regular file.
dgxmon_read_lines() {
  DGXMON_LINES=()
  if [[ -L $1 || (-e $1 && ! -f $1) ]]; then
    dgxmon_log "$1 is a symbolic link or not a regular file; left alone"; return 1
  fi
  [[ -e $1 ]] || return 0
  mapfile -t DGXMON_LINES <"$1"
}

# Writes content $3 to <dir $1>/.dgxmon/<name $2>; returns 1 (logged, with the system's reason) on failure.
dgxmon_stage() {
  local staged=$1/$DGXMON_PRIVATE/$2 err
  if [[ -L $staged || (-e $staged && ! -f $staged) ]]; then
    dgxmon_log "staged file $staged is not a regular file; $1/$2 not updated"; return 1
  fi
  { printf '%s' "$3" >"$staged"; } 2>/dev/null && return 0
  err=$({ printf '%s' "$3" >"$staged"; } 2>&1)
  dgxmon_log "cannot write $staged (${err##*: }); $1/$2 not updated"
  return 1
}

# Runs an external command ($2..) under the lock with its stderr kept in <dir $1>/.dgxmon/.stderr (a
# checked dir, and no command substitution: that would cost an extra fork); returns its status, REPLY = the error.
dgxmon_run() {
  local errfile=$1/$DGXMON_PRIVATE/.stderr status=0
  shift
  if [[ -L $errfile ]]; then
    REPLY="$errfile is a symbolic link"; return 1
  fi
  # The lock fd is closed for the child: a flock lives as long as any process holds the fd.
  "$@" 2>"$errfile" {DGXMON_LOCK_FD}>&- || status=$?
  ((status)) || return 0
  REPLY="exit status $status"
  [[ -s $errfile ]] && IFS= read -r REPLY <"$errfile"
  return "$status"
}

# Queues the staged files named $2.. of dir $1 for dgxmon_commit_staged, which renames them over their targets.
dgxmon_commit() {
  local dir=$1 name
  for name in "${@:2}"; do
    DGXMON_COMMIT_DIRS+=("$dir") DGXMON_COMMIT_NAMES+=("$name")
  done
}

# Renames every queued staged file over its target, in the order queued, with one external program for all the
# output dirs: util-linux's rename.ul, which replaces the first "/.dgxmon/" in each path with "/" and calls
# rename(2) per file. Without it (or for a dir whose own path holds a .dgxmon part) one mv per dir, as before.
dgxmon_commit_staged() {
  local i dir paths=() by_mv=() rename=${DGXMON_RENAME-/usr/bin/rename.ul}
  ((${#DGXMON_COMMIT_DIRS[@]})) || return 0
  for i in "${!DGXMON_COMMIT_DIRS[@]}"; do
    dir=${DGXMON_COMMIT_DIRS[i]}
    if [[ -x $rename && $dir != *"/$DGXMON_PRIVATE"* ]]; then
      paths+=("$dir/$DGXMON_PRIVATE/${DGXMON_COMMIT_NAMES[i]}")
    else
      by_mv+=("$i")
    fi
  done
  if ((${#paths[@]})); then
    dgxmon_run "$DGXMON_LOCK_DIR" "$rename" "/$DGXMON_PRIVATE/" / "${paths[@]}" ||
      dgxmon_log "cannot move staged files into place: $REPLY"
  fi
  ((${#by_mv[@]})) && dgxmon_need dgxmon_job_map_slow && dgxmon_commit_by_mv "${by_mv[@]}"
  DGXMON_COMMIT_DIRS=() DGXMON_COMMIT_NAMES=()
}

# ------------------------------------------------------------------------------------------------ job removal

# Adds the jobs whose epilog got no lock (their ended.<id> markers in the lock dir's .dgxmon) to DGXMON_ENDED_JOBS,
# and the markers to DGXMON_REMOVE; returns 1 when there are none, the usual case, which costs one glob.
dgxmon_collect_deferred() {
  local marker id ids=""
  for marker in "$DGXMON_LOCK_DIR/$DGXMON_PRIVATE/$DGXMON_ENDED"*; do
    [[ -f $marker && ! -L $marker ]] || continue
    DGXMON_REMOVE+=("$marker")
    id=${marker##*/"$DGXMON_ENDED"}
    dgxmon_valid_job_id "$id" && DGXMON_ENDED_JOBS[$id]=1 && ids+=" $id"
  done
  [[ -n $ids ]] || return 1
  dgxmon_log "removing the lines of job(s)$ids too, whose epilog got no lock"
}

# ----------------------------------------------------------------------------------------------- entry point

# Common start of both scripts: traps, settings, job id; returns 1 when there is nothing to do.
dgxmon_begin() {
  umask 022
  PATH=/usr/sbin:/usr/bin:/sbin:/bin
  LC_ALL=C
  DGXMON_LOG_PREFIX="$1 "
  dgxmon_install_traps
  dgxmon_load_settings
  dgxmon_read_job_id
}
