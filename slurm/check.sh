#!/bin/bash
# shellcheck shell=bash
# dgxmon Slurm self-check: run by the admin on a node, prints whether what the prolog/epilog rely on holds there,
# one line per check (OK/FAIL, what it saw, and for a FAIL the fix); exits 1 when any check fails. Writes nothing.
# docs/Slurm-Scripts.md, "Checking a node". Every path can be overridden through the environment (tests):
#   DGXMON_CHECK_RUNNER_DIR   BCM's generic prolog/epilog runners   /cm/local/apps/cmd/scripts
#   DGXMON_CHECK_PROLOGS_DIR  what the prolog runner runs           /cm/local/apps/slurm/var/prologs
#   DGXMON_CHECK_EPILOGS_DIR  what the epilog runner runs           /cm/local/apps/slurm/var/epilogs
#   DGXMON_CHECK_SHARED_DIR   our installed scripts and library     /cm/shared/apps/slurm/var/cm
#   DGXMON_CHECK_SLURM_CONF   slurm.conf        $SLURM_CONF, else /cm/shared/apps/slurm/var/etc/slurm/slurm.conf
#   DGXMON_CHECK_EXPORTER_CONFIG  the exporter's settings            /etc/dgxmon/exporter.json
#   DGXMON_SLURM_ENV          the scripts' settings file             /etc/dgxmon/slurm.env
set -u
check_self=${BASH_SOURCE[0]}
[[ -L $check_self ]] && check_self=$(readlink -f -- "$check_self")
[[ $check_self == */* ]] || check_self=./$check_self
# Installed beside the library (/cm/shared/apps/slurm/var/cm), or in the source tree with it in lib/.
# shellcheck source-path=SCRIPTDIR source=lib/dgxmon_job_map.bash
source "${check_self%/*}/dgxmon_job_map.bash" 2>/dev/null || source "${check_self%/*}/lib/dgxmon_job_map.bash" ||
  { echo "FAIL library: dgxmon_job_map.bash is neither beside ${check_self} nor in its lib/"; exit 2; }

CHECK_FAILED=0

# Prints one result line: $1 OK|FAIL, $2 the check, $3 what it saw, $4 the fix (FAIL only).
check_report() {
  printf '%-4s %s: %s\n' "$1" "$2" "$3"
  if [[ $1 == FAIL ]]; then
    CHECK_FAILED=1
    printf '     fix: %s\n' "$4"
  fi
}

check_root() {
  if ((EUID == 0)); then
    check_report OK user "root, like slurmd's prolog"
  else
    check_report FAIL user "uid $EUID; the prolog runs as root, so owner and write checks below answer for the wrong user" \
      "run it as root: sudo $0"
  fi
}

# Never a failure: the scripts work without bash's loadable builtins, they only start more programs (slower).
check_builtins() {
  if dgxmon_loadable stat && dgxmon_loadable rm; then
    check_report OK builtins "stat and rm load from $DGXMON_LOADABLES (bash-builtins): the prolog starts 2 programs, the epilog 1"
  elif [[ -n ${DGXMON_NO_LOADABLES-} ]]; then
    check_report OK builtins "turned off by DGXMON_NO_LOADABLES: the scripts run the stat and rm programs"
  else
    check_report OK builtins "no loadable stat and rm in $DGXMON_LOADABLES: the scripts run the programs, one more each (apt-get install bash-builtins saves it)"
  fi
}

check_runners() {
  local dir=$1 missing=() kind
  for kind in prolog epilog; do
    [[ -f $dir/$kind && -x $dir/$kind ]] || missing+=("$dir/$kind")
  done
  if ((${#missing[@]} == 0)); then
    check_report OK runners "$dir/prolog and $dir/epilog are executable"
  else
    check_report FAIL runners "missing or not executable: ${missing[*]}" \
      "these are BCM's generic runners (cm-wlm-setup installs them); is this a BCM node with Slurm set up?"
  fi
}

# REPLY = the last value of slurm.conf key $2 (keys are case-insensitive) in file $1, "" when unset.
check_conf_value() {
  local line re="^[[:space:]]*$2[[:space:]]*=[[:space:]]*([^[:space:]#]*)"
  REPLY=""
  while IFS= read -r line; do
    shopt -s nocasematch
    [[ $line =~ $re ]] && REPLY=${BASH_REMATCH[1]}
    shopt -u nocasematch
  done <"$1"
}

check_slurm_conf() {
  local conf=$1 runners=$2 prolog epilog flags
  if [[ ! -r $conf ]]; then
    check_report FAIL slurm.conf "cannot read $conf" "point DGXMON_CHECK_SLURM_CONF (or SLURM_CONF) at the cluster's slurm.conf"
    return
  fi
  check_conf_value "$conf" Prolog; prolog=$REPLY
  check_conf_value "$conf" Epilog; epilog=$REPLY
  check_conf_value "$conf" PrologFlags; flags=$REPLY
  local seen="$conf: Prolog=$prolog Epilog=$epilog PrologFlags=$flags"
  if [[ $prolog != "$runners/prolog" || $epilog != "$runners/epilog" ]]; then
    check_report FAIL slurm.conf "$seen; the numbered scripts only run through BCM's runners" \
      "cmsh -c 'wlm; use slurm; set prolog $runners/prolog; set epilog $runners/epilog; commit'"
  elif [[ ,$flags, != *,Alloc,* && ,$flags, != *,Contain,* && ,$flags, != *,RunInJob,* ]]; then
    check_report FAIL slurm.conf "$seen; without Alloc the prolog runs on a node only when a step starts there" \
      "add Alloc to PrologFlags (BCM's default; Contain and RunInJob imply it)"
  else
    check_report OK slurm.conf "$seen"
  fi
}

# REPLY = the arguments $2.. joined by separator $1 ("none" when there are none).
check_join() {
  local sep=$1
  shift
  REPLY=none
  (($#)) || return 0
  printf -v REPLY "%s$sep" "$@"
  REPLY=${REPLY%"$sep"}
}

# Reports check $1 as FAIL with the problems $5.. (joined by "; ") and fix $4 when there are any, else OK with $3.
# $2 is what was looked at, the start of either line.
check_verdict() {
  local name=$1 where=$2 ok=$3 fix=$4
  shift 4
  if (($#)); then
    check_join '; ' "$@"
    check_report FAIL "$name" "$where: $REPLY" "$fix"
  else
    check_report OK "$name" "$where: $ok"
  fi
}

# REPLY = "name -> target" for entry $1, with the reason it cannot run when it cannot.
check_describe_entry() {
  local entry=$1 name=${1##*/}
  REPLY=$name
  [[ -L $entry ]] && REPLY+=" -> $(readlink -- "$entry")"
  if [[ ! -e $entry ]]; then
    REPLY+=" (target missing)"
  elif [[ ! -f $entry || ! -x $entry ]]; then
    REPLY+=" (not an executable file)"
  fi
}

# Lists runner directory $2 ($1 = prologs|epilogs) in the runner's (lexical) order with link targets.
check_contents() {
  local kind=$1 dir=$2 entry listed=()
  if [[ ! -d $dir ]]; then
    check_report FAIL "$kind" "$dir is missing" "is this a BCM node? BCM's runner runs what this directory holds"
    return
  fi
  for entry in "$dir"/*; do
    [[ -e $entry || -L $entry ]] || continue
    check_describe_entry "$entry"; listed+=("$REPLY")
  done
  check_join ', ' "${listed[@]}"
  check_report OK "$kind" "$dir (${#listed[@]} in run order): $REPLY"
}

# Returns 1 with REPLY = the first library file missing in dir $1: dgxmon_job_map.bash and the parts it sources.
check_library_in() {
  local part
  for part in dgxmon_job_map "${DGXMON_LIB_PARTS[@]}"; do
    REPLY=$part.bash
    [[ -f $1/$REPLY ]] || return 1
  done
}

# Our NN- link ($3, e.g. 60-prolog-dgxmon.sh) in dir $2 must point at the installed script $4 with the library beside it.
check_link() {
  local kind=$1 dir=$2 name=$3 want=$4 link=$2/$3 target fix
  fix="ln -sfn $want $link (and put it into the node's software image, see docs/Slurm-Scripts.md)"
  if [[ ! -L $link ]]; then
    [[ -e $link ]] && target="is a copy, not a link (an update on shared storage would not reach it)"
    check_report FAIL "$kind link" "$link ${target:-is missing}" "$fix"; return
  fi
  target=$(readlink -- "$link")
  if [[ $target != "$want" ]]; then
    check_report FAIL "$kind link" "$link -> $target, want $want" "$fix"
  elif [[ ! -f $want || ! -x $want ]]; then
    check_report FAIL "$kind link" "$link -> $want, which is missing or not executable" \
      "install -m 0755 the script as $want (docs/Slurm-Scripts.md, Install)"
  elif ! check_library_in "${want%/*}"; then
    check_report FAIL "$kind link" "$link -> $want, but ${want%/*}/$REPLY is missing" \
      "install -m 0644 slurm/lib/*.bash ${want%/*}/"
  else
    check_report OK "$kind link" "$link -> $want, executable, library beside it"
  fi
}

# BCM's runner stops at the first script that fails: every entry that sorts before ours must be able to run.
check_order() {
  local kind=$1 dir=$2 name=$3 entry before=() broken=()
  [[ -d $dir ]] || return 0
  for entry in "$dir"/*; do
    [[ -e $entry || -L $entry ]] || continue
    [[ ${entry##*/} < "$name" ]] || continue
    check_describe_entry "$entry"; before+=("$REPLY")
    [[ $REPLY == *"("*")" ]] && broken+=("$REPLY")
  done
  if ((${#broken[@]})); then
    check_join ', ' "${broken[@]}"
    check_report FAIL "$kind order" "before $name: $REPLY; the runner stops at the first failure, so ours may never run" \
      "restore the target or remove the entry; then run the entries before $name by hand: each must exit 0"
  else
    check_join ', ' "${before[@]}"
    check_report OK "$kind order" "${#before[@]} before $name: $REPLY; each must exit 0 for ours to run"
  fi
}

# The four settings as the prolog sees them: slurmd passes it no environment, so only the file and defaults count.
check_settings() {
  local file=${DGXMON_SLURM_ENV:-/etc/dgxmon/slurm.env} name seen=() from
  unset DGXMON_JOB_MAP_DIR DGXMON_JOB_INFO_DIR DGXMON_GPUSTAT_DIR DGXMON_MIG_MAP_FILE
  DGXMON_LOG_LINES=()
  dgxmon_load_settings
  for name in DGXMON_JOB_MAP_DIR DGXMON_JOB_INFO_DIR DGXMON_GPUSTAT_DIR DGXMON_MIG_MAP_FILE; do
    from=default
    [[ -n ${DGXMON_FILE_SETTINGS[$name]+set} ]] && from="file"
    seen+=("$name=${!name} ($from)")
  done
  [[ -e $file ]] || seen=("not present, defaults used:" "${seen[@]}")
  check_verdict settings "$file" "${seen[*]}" \
    "make $file a root-owned regular file of KEY=VALUE lines with the keys $DGXMON_SETTING_KEYS" "${DGXMON_LOG_LINES[@]}"
}

# Directory setting $1 must be off, or a root-owned directory only root may write, with a root-only .dgxmon (the
# lock and staged files), or missing where the prolog can create it.
check_dir() {
  local name=$1 dir parent fix
  if [[ -z ${!name} ]]; then
    check_report OK "$name" "off (empty)"; return
  fi
  DGXMON_LOG_LINES=()
  if ! dgxmon_expand_path "$name" "${!name}"; then
    check_report FAIL "$name" "${DGXMON_LOG_LINES[0]}" "use an absolute path; for %n run: SLURMD_NODENAME=<node> $0"
    return
  fi
  dir=$REPLY
  fix="mkdir -p $dir && chown root:root $dir on a writable file system, or change $name in the settings file"
  if dgxmon_dir_problem "$dir"; then
    check_dir_modes "$name" "$dir"
  elif [[ $REPLY == missing ]]; then
    parent=${dir%/*}
    while [[ -n $parent && ! -e $parent ]]; do parent=${parent%/*}; done
    if [[ -d ${parent:-/} && -w ${parent:-/} && ! -L ${parent:-/} ]]; then
      check_report OK "$name" "$dir is missing; the prolog creates it at the first job (normal after a boot)"
    else
      check_report FAIL "$name" "$dir is missing and ${parent:-/} is not a writable directory" "$fix"
    fi
  else
    check_report FAIL "$name" "$dir $REPLY" "$fix"
  fi
}

# Existing directory $2 of setting $1: owner and mode of it and of its .dgxmon, as the scripts check them.
check_dir_modes() {
  local name=$1 dir=$2 private=$2/$DGXMON_PRIVATE mode
  dgxmon_stat_paths "$dir" "$private"
  if ! dgxmon_mode_problem shared "$dir"; then
    check_report FAIL "$name" "$dir $REPLY; the scripts refuse it" "chown root $dir && chmod go-w $dir"
  elif [[ ! -e $private && ! -L $private ]]; then
    check_report OK "$name" "$dir is a root-owned directory only root may write; $DGXMON_PRIVATE is created by the next job"
  elif ! dgxmon_mode_problem private "$private"; then
    check_report FAIL "$name" "$private $REPLY; the scripts refuse $dir" \
      "rm -rf $private (the next prolog creates it again, root-owned, mode 0700)"
  else
    printf -v mode '%04o' $((16#${DGXMON_STAT[$dir]#* } & 07777))
    check_report OK "$name" "$dir is a root-owned directory only root may write (mode $mode), $DGXMON_PRIVATE root-only"
  fi
}

# The exporter's UUID lookup file: present, with whole-GPU lines (Slurm 25.11 puts GPU-<uuid> into the environment).
check_lookup_file() {
  local path uuid id rest gpus=0 migs=0
  DGXMON_LOG_LINES=()
  if ! dgxmon_expand_path DGXMON_MIG_MAP_FILE "$DGXMON_MIG_MAP_FILE"; then
    check_report FAIL "lookup file" "${DGXMON_LOG_LINES[0]}" "use an absolute path; for %n run: SLURMD_NODENAME=<node> $0"
    return
  fi
  path=$REPLY
  if [[ ! -f $path || ! -r $path ]]; then
    check_report FAIL "lookup file" "$path is missing or unreadable; UUIDs in CUDA_VISIBLE_DEVICES cannot be mapped" \
      "start dgxmon-exporter, which writes it after its first NVML read: systemctl status dgxmon-exporter"
    return
  fi
  while read -r uuid id rest || [[ -n $uuid ]]; do
    [[ -n $id && $uuid == GPU-* ]] && ((++gpus))
    [[ -n $id && $uuid == MIG-* ]] && ((++migs))
  done <"$path"
  if ((gpus == 0)); then
    check_report FAIL "lookup file" "$path has no GPU-<uuid> lines ($migs MIG); whole-GPU UUIDs cannot be mapped" \
      "upgrade dgxmon-exporter to one that writes GPU-<uuid> lines; check that NVML sees the GPUs: nvidia-smi -L"
  else
    check_report OK "lookup file" "$path: $gpus GPUs, $migs MIG instances"
  fi
}

# REPLY = the string value of key $2 in the exporter's JSON settings $1 (flat keys, as the deployer writes them).
check_json_value() {
  local text re="\"$2\"[[:space:]]*:[[:space:]]*\"([^\"]*)\""
  REPLY=$3
  text=$(<"$1")
  [[ $text =~ $re ]] && REPLY=${BASH_REMATCH[1]}
}

# The exporter must read where the scripts write: its settings against the scripts' settings file.
check_exporter_agrees() {
  local config=$1 pair key name value mine differ=() where
  where=$config
  [[ -r $config ]] || where="no $config, the exporter's defaults assumed"
  for pair in hpc-job-mapping-dir:DGXMON_JOB_MAP_DIR:/run/dcgm-job-map job-info-dir:DGXMON_JOB_INFO_DIR:/run/dgxmon/jobs \
    gpustat-dir:DGXMON_GPUSTAT_DIR:none mig-map-file:DGXMON_MIG_MAP_FILE:/run/dgxmon/exporter/mig-uuids; do
    IFS=: read -r key name value <<<"$pair"
    [[ -r $config ]] && check_json_value "$config" "$key" "$value" && value=$REPLY
    [[ $value == none ]] && value=""
    DGXMON_LOG_LINES=()
    mine=${!name}
    [[ -n $mine ]] && dgxmon_expand_path "$name" "$mine" && mine=$REPLY
    [[ ${value%/} == "${mine%/}" ]] || differ+=("exporter $key=${value:-off}, scripts $name=${mine:-off}")
  done
  check_verdict exporter "$where" "reads the paths the scripts write" \
    "make the settings file and $config name the same paths, then restart dgxmon-exporter" "${differ[@]}"
}

check_settings_and_files() {
  check_settings
  check_dir DGXMON_JOB_MAP_DIR
  check_dir DGXMON_JOB_INFO_DIR
  check_dir DGXMON_GPUSTAT_DIR
  check_lookup_file
  check_exporter_agrees "$1"
}

check_main() {
  local runners=${DGXMON_CHECK_RUNNER_DIR:-/cm/local/apps/cmd/scripts}
  local prologs=${DGXMON_CHECK_PROLOGS_DIR:-/cm/local/apps/slurm/var/prologs}
  local epilogs=${DGXMON_CHECK_EPILOGS_DIR:-/cm/local/apps/slurm/var/epilogs}
  local shared=${DGXMON_CHECK_SHARED_DIR:-/cm/shared/apps/slurm/var/cm}
  local conf=${DGXMON_CHECK_SLURM_CONF:-${SLURM_CONF:-/cm/shared/apps/slurm/var/etc/slurm/slurm.conf}}
  LC_ALL=C
  check_root
  check_builtins
  check_runners "$runners"
  check_slurm_conf "$conf" "$runners"
  check_contents prologs "$prologs"
  check_link prolog "$prologs" 60-prolog-dgxmon.sh "$shared/prolog-dgxmon.sh"
  check_order prolog "$prologs" 60-prolog-dgxmon.sh
  check_contents epilogs "$epilogs"
  check_link epilog "$epilogs" 60-epilog-dgxmon.sh "$shared/epilog-dgxmon.sh"
  check_order epilog "$epilogs" 60-epilog-dgxmon.sh
  check_settings_and_files "${DGXMON_CHECK_EXPORTER_CONFIG:-/etc/dgxmon/exporter.json}"
  return "$CHECK_FAILED"
}

check_main
