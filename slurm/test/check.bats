#!/usr/bin/env bats
# slurm/check.sh against a fake BCM node under $BATS_TEST_TMPDIR/root: a complete, healthy tree first, then each
# check broken on its own. Every case asserts the exit code and exactly which checks fail.

CHECK=$(cd "${BATS_TEST_DIRNAME}/.." && pwd)/check.sh
LIB=$(cd "${BATS_TEST_DIRNAME}/.." && pwd)/lib/dgxmon_job_map.bash
ALL_CHECKS="user builtins runners slurm.conf prologs prolog link prolog order epilogs epilog link epilog order settings \
DGXMON_JOB_MAP_DIR DGXMON_JOB_INFO_DIR DGXMON_GPUSTAT_DIR lookup file exporter"

setup() {
  R=$BATS_TEST_TMPDIR/root
  RUNNERS=$R/cm/local/apps/cmd/scripts
  PROLOGS=$R/cm/local/apps/slurm/var/prologs
  EPILOGS=$R/cm/local/apps/slurm/var/epilogs
  SHARED=$R/cm/shared/apps/slurm/var/cm
  CONF=$R/slurm.conf
  SETTINGS=$R/etc/dgxmon/slurm.env
  EXPORTER=$R/etc/dgxmon/exporter.json
  mkdir -p "$RUNNERS" "$PROLOGS" "$EPILOGS" "$SHARED" "$R/etc/dgxmon" "$R/run/dgxmon/jobs" "$R/run/dcgm-job-map"
  make_exec "$RUNNERS/prolog" "$RUNNERS/epilog" "$RUNNERS/prolog-prejob" "$SHARED/prolog-dgxmon.sh" \
    "$SHARED/epilog-dgxmon.sh"
  cp "${LIB%/*}"/*.bash "$SHARED/"
  ln -s "$RUNNERS/prolog-prejob" "$PROLOGS/01-prolog-prejob"
  ln -s "$SHARED/prolog-dgxmon.sh" "$PROLOGS/60-prolog-dgxmon.sh"
  ln -s "$R/nowhere" "$PROLOGS/70-prolog-broken.sh" # after ours: cannot stop it
  ln -s "$SHARED/epilog-dgxmon.sh" "$EPILOGS/60-epilog-dgxmon.sh"
  printf '%s\n' "ClusterName=slurm" "Prolog=$RUNNERS/prolog" "Epilog=$RUNNERS/epilog" "PrologFlags=Alloc" >"$CONF"
  printf '%s\n' "DGXMON_JOB_MAP_DIR=$R/run/dcgm-job-map" "DGXMON_JOB_INFO_DIR=$R/run/dgxmon/jobs" \
    "DGXMON_MIG_MAP_FILE=$R/run/dgxmon/mig-uuids" >"$SETTINGS"
  printf '%s\n' "GPU-aaaaaaaa-0000-0000-0000-000000000000 0" "GPU-aaaaaaaa-0000-0000-0000-000000000001 1" \
    "MIG-bbbbbbbb-0000-0000-0000-000000000000 1.1" >"$R/run/dgxmon/mig-uuids"
  printf '{\n  "hpc-job-mapping-dir": "%s",\n  "job-info-dir": "%s",\n  "mig-map-file": "%s"\n}\n' \
    "$R/run/dcgm-job-map" "$R/run/dgxmon/jobs" "$R/run/dgxmon/mig-uuids" >"$EXPORTER"
  MOUNTS=()
}

teardown() {
  local m
  for m in "${MOUNTS[@]}"; do umount "$m" 2>/dev/null || umount -l "$m" 2>/dev/null || true; done
}

make_exec() {
  local f
  for f in "$@"; do printf '#!/bin/bash\nexit 0\n' >"$f" && chmod 0755 "$f"; done
}

# Runs check script $1 (default: the source tree's) in a clean environment pointed at the fake tree, plus VAR=value $2...
run_check_script() {
  local script=$1
  shift
  run env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin DGXMON_CHECK_RUNNER_DIR="$RUNNERS" DGXMON_CHECK_PROLOGS_DIR="$PROLOGS" \
    DGXMON_CHECK_EPILOGS_DIR="$EPILOGS" DGXMON_CHECK_SHARED_DIR="$SHARED" DGXMON_CHECK_SLURM_CONF="$CONF" \
    DGXMON_SLURM_ENV="$SETTINGS" DGXMON_CHECK_EXPORTER_CONFIG="$EXPORTER" "$@" "$script"
}

run_check() { run_check_script "$CHECK" "$@"; }

# The names of the failed checks, in output order, separated by "|".
failed_checks() {
  sed -n 's/^FAIL \([^:]*\):.*/\1/p' <<<"$output" | paste -sd'|'
}

# Exit 1 and exactly the checks $1 ("a|b") failed, each followed by a fix line; every other check said OK.
assert_fails() {
  local got
  got=$(failed_checks)
  if [[ $status -ne 1 || $got != "$1" ]]; then
    printf 'exit %s, failed checks "%s"; want exit 1 and "%s"\n%s\n' "$status" "$got" "$1" "$output"
    return 1
  fi
  if [[ $(grep -c '^FAIL ' <<<"$output") != $(grep -c '^     fix: ' <<<"$output") ]]; then
    echo "a FAIL without its fix line:"; echo "$output"; return 1
  fi
}

assert_all_ok() {
  if [[ $status -ne 0 ]] || grep -q '^FAIL' <<<"$output"; then
    printf 'exit %s, want 0 and no FAIL:\n%s\n' "$status" "$output"
    return 1
  fi
}

assert_says() {
  grep -Eq -- "$1" <<<"$output" || { printf 'no line matches /%s/:\n%s\n' "$1" "$output"; return 1; }
}

@test "builtins: said whether bash loads stat and rm, never a failure" {
  if [[ ! -e /usr/lib/bash/stat ]]; then
    [[ ${CI-} == true ]] && { echo "/usr/lib/bash/stat missing: apt-get install bash-builtins"; return 1; }
    skip "/usr/lib/bash/stat missing (apt-get install bash-builtins)"
  fi
  run_check
  assert_all_ok
  assert_says '^OK   builtins: stat and rm load from /usr/lib/bash \(bash-builtins\)'
  run_check DGXMON_NO_LOADABLES=1
  assert_all_ok
  assert_says '^OK   builtins: turned off by DGXMON_NO_LOADABLES'
  # a node without the package: the same scripts with the loadables' directory somewhere empty
  local copy=$BATS_TEST_TMPDIR/nobuiltins
  mkdir -p "$copy/lib"
  cp "$CHECK" "$copy/check.sh"
  cp "${LIB%/*}"/*.bash "$copy/lib/"
  sed -i "s|^readonly DGXMON_LOADABLES=/usr/lib/bash|readonly DGXMON_LOADABLES=$copy/none|" "$copy/lib/dgxmon_job_map.bash"
  run_check_script "$copy/check.sh"
  assert_all_ok
  assert_says "^OK   builtins: no loadable stat and rm in $copy/none: .*apt-get install bash-builtins"
}

@test "a healthy node: one OK line per check, exit 0, and nothing written" {
  local before
  before=$(find "$R" -printf '%p %y %m %s %T@ %l\n' | sort)
  run_check
  assert_all_ok
  [ "$(sed -n 's/^OK   \([^:]*\):.*/\1/p' <<<"$output" | paste -sd' ')" = "$ALL_CHECKS" ]
  assert_says "^OK   prologs: $PROLOGS \\(3 in run order\\): 01-prolog-prejob -> $RUNNERS/prolog-prejob, 60-prolog-dgxmon.sh -> $SHARED/prolog-dgxmon.sh, 70-prolog-broken.sh -> $R/nowhere \\(target missing\\)$"
  assert_says "^OK   prolog order: 1 before 60-prolog-dgxmon.sh: 01-prolog-prejob -> "
  assert_says "^OK   lookup file: $R/run/dgxmon/mig-uuids: 2 GPUs, 1 MIG instances$"
  assert_says "^OK   settings: $SETTINGS: DGXMON_JOB_MAP_DIR=$R/run/dcgm-job-map \\(file\\) .* DGXMON_GPUSTAT_DIR= \\(default\\)"
  [ "$(find "$R" -printf '%p %y %m %s %T@ %l\n' | sort)" = "$before" ]
}

@test "installed beside the library in the shared dir and run through a symlink, it works the same" {
  cp "$CHECK" "$SHARED/check-dgxmon.sh"
  ln -s "$SHARED/check-dgxmon.sh" "$R/check"
  run_check_script "$R/check"
  assert_all_ok
  rm "$SHARED/dgxmon_job_map.bash"
  run_check_script "$R/check"
  [ "$status" -eq 2 ]
  assert_says "^FAIL library: dgxmon_job_map.bash is neither beside $SHARED/check-dgxmon.sh nor in its lib/"
}

@test "not root: the user check fails" {
  command -v setpriv || { echo "setpriv missing: install util-linux"; false; }
  chmod -R a+rX "$BATS_TEST_TMPDIR"
  run_check setpriv --reuid=65534 --regid=65534 --clear-groups
  [[ $(failed_checks) == user\|* ]] || { echo "$output"; false; }
  assert_says "^FAIL user: uid 65534; "
}

@test "BCM's runners missing or not executable" {
  chmod -x "$RUNNERS/epilog"
  run_check
  assert_fails runners
  assert_says "^FAIL runners: missing or not executable: $RUNNERS/epilog$"
}

@test "slurm.conf: Prolog is not BCM's runner, or PrologFlags lacks Alloc, or the file cannot be read" {
  sed -i "s|^Prolog=.*|Prolog=/etc/slurm/prolog.d/*|" "$CONF"
  run_check
  assert_fails slurm.conf
  assert_says "^FAIL slurm.conf: $CONF: Prolog=/etc/slurm/prolog.d/\\* Epilog=$RUNNERS/epilog PrologFlags=Alloc; "
  assert_says "fix: cmsh -c 'wlm; use slurm; set prolog $RUNNERS/prolog; set epilog $RUNNERS/epilog; commit'"
  sed -i "s|^Prolog=.*|prolog = $RUNNERS/prolog # case and blanks as slurm.conf allows|; s|^PrologFlags=.*|PrologFlags=X11|" "$CONF"
  run_check
  assert_fails slurm.conf
  assert_says "PrologFlags=X11; without Alloc the prolog runs on a node only when a step starts there"
  sed -i "s|^PrologFlags=.*|PrologFlags=Contain,X11|" "$CONF"
  run_check
  assert_all_ok
  rm "$CONF"
  run_check
  assert_fails slurm.conf
}

@test "prologs dir missing" {
  rm -r "$PROLOGS"
  run_check
  assert_fails "prologs|prolog link"
  assert_says "^FAIL prologs: $PROLOGS is missing$"
}

@test "our link: missing, a copy, pointing elsewhere, at a missing script, or without the library beside it" {
  rm "$PROLOGS/60-prolog-dgxmon.sh"
  run_check
  assert_fails "prolog link"
  assert_says "^FAIL prolog link: $PROLOGS/60-prolog-dgxmon.sh is missing$"
  assert_says "^     fix: ln -sfn $SHARED/prolog-dgxmon.sh $PROLOGS/60-prolog-dgxmon.sh "
  cp "$SHARED/prolog-dgxmon.sh" "$PROLOGS/60-prolog-dgxmon.sh"
  run_check
  assert_fails "prolog link"
  assert_says "is a copy, not a link"
  rm "$PROLOGS/60-prolog-dgxmon.sh"
  ln -s /opt/old/prolog.sh "$PROLOGS/60-prolog-dgxmon.sh"
  run_check
  assert_fails "prolog link"
  assert_says "^FAIL prolog link: $PROLOGS/60-prolog-dgxmon.sh -> /opt/old/prolog.sh, want $SHARED/prolog-dgxmon.sh$"
  rm "$EPILOGS/60-epilog-dgxmon.sh" "$PROLOGS/60-prolog-dgxmon.sh"
  ln -s "$SHARED/prolog-dgxmon.sh" "$PROLOGS/60-prolog-dgxmon.sh"
  chmod -x "$SHARED/prolog-dgxmon.sh"
  run_check
  assert_fails "prolog link|epilog link"
  assert_says "prolog-dgxmon.sh, which is missing or not executable$"
  chmod +x "$SHARED/prolog-dgxmon.sh"
  ln -s "$SHARED/epilog-dgxmon.sh" "$EPILOGS/60-epilog-dgxmon.sh"
  rm "$SHARED/dgxmon_job_map.bash"
  run_check
  assert_fails "prolog link|epilog link"
  assert_says "but $SHARED/dgxmon_job_map.bash is missing"
  cp "${LIB%/*}/dgxmon_job_map.bash" "$SHARED/"
  rm "$SHARED/dgxmon_job_removal.bash"
  run_check
  assert_fails "prolog link|epilog link"
  assert_says "but $SHARED/dgxmon_job_removal.bash is missing"
}

@test "order: a broken entry before ours can stop BCM's runner; after ours it cannot" {
  ln -s "$R/nowhere" "$PROLOGS/50-prolog-enroot.sh"
  printf '#!/bin/bash\n' >"$EPILOGS/10-epilog-plain"
  run_check
  assert_fails "prolog order|epilog order"
  assert_says "^FAIL prolog order: before 60-prolog-dgxmon.sh: 50-prolog-enroot.sh -> $R/nowhere \\(target missing\\); the runner stops"
  assert_says "^FAIL epilog order: before 60-epilog-dgxmon.sh: 10-epilog-plain \\(not an executable file\\);"
}

@test "settings file: ignored when it is a symlink, and unknown keys or bad lines fail" {
  mv "$SETTINGS" "$R/settings.real"
  ln -s "$R/settings.real" "$SETTINGS"
  run_check
  # Ignored file: the defaults (/run/...) are checked too, so only the settings line is asserted here.
  [[ $(failed_checks) == settings* ]] || { echo "$output"; false; }
  assert_says "^FAIL settings: $SETTINGS: settings file .* ignored: not a regular file$"
  rm "$SETTINGS"
  cp "$R/settings.real" "$SETTINGS"
  echo "DGXMON_JOB_MAP=/x" >>"$SETTINGS"
  run_check
  assert_fails settings
  assert_says "unknown key DGXMON_JOB_MAP ignored"
}

@test "the environment does not count for the settings: slurmd passes none to the prolog" {
  run_check DGXMON_JOB_MAP_DIR=/elsewhere
  assert_all_ok
  assert_says "DGXMON_JOB_MAP_DIR=$R/run/dcgm-job-map \\(file\\)"
}

@test "map dirs: a symlink, not a directory, a bad staging dir, a missing one that can be created, gpustat off" {
  rm -r "$R/run/dcgm-job-map"
  ln -s "$R/etc" "$R/run/dcgm-job-map"
  rm -r "$R/run/dgxmon/jobs"
  echo "DGXMON_GPUSTAT_DIR=$R/run/gpustat" >>"$SETTINGS"
  : >"$R/run/gpustat"
  run_check
  assert_fails "DGXMON_JOB_MAP_DIR|DGXMON_GPUSTAT_DIR|exporter"
  assert_says "^FAIL DGXMON_JOB_MAP_DIR: $R/run/dcgm-job-map is a symbolic link; refusing to write through it$"
  assert_says "^OK   DGXMON_JOB_INFO_DIR: $R/run/dgxmon/jobs is missing; the prolog creates it at the first job"
  assert_says "^FAIL DGXMON_GPUSTAT_DIR: $R/run/gpustat is not a directory; not used$"
  assert_says "^FAIL exporter: .*exporter gpustat-dir=off, scripts DGXMON_GPUSTAT_DIR=$R/run/gpustat$"
  rm "$R/run/dcgm-job-map"
  mkdir -p "$R/run/dcgm-job-map"
  ln -s "$R/etc" "$R/run/dcgm-job-map/.dgxmon"
  sed -i '/GPUSTAT/d' "$SETTINGS"
  run_check
  assert_fails DGXMON_JOB_MAP_DIR
  assert_says "^FAIL DGXMON_JOB_MAP_DIR: $R/run/dcgm-job-map/.dgxmon is a symbolic link; the scripts refuse"
}

@test "lock dir (.dgxmon): root-only 0700 is OK; another owner, open to others, or a writable map dir fail" {
  local map=$R/run/dcgm-job-map
  mkdir -m 0700 "$map/.dgxmon"
  run_check
  assert_all_ok
  assert_says "^OK   DGXMON_JOB_MAP_DIR: $map is a root-owned directory only root may write \\(mode 0755\\), .dgxmon root-only$"
  chown nobody "$map/.dgxmon"
  run_check
  assert_fails DGXMON_JOB_MAP_DIR
  assert_says "^FAIL DGXMON_JOB_MAP_DIR: $map/.dgxmon is owned by uid [0-9]+, not 0; the scripts refuse $map$"
  assert_says "fix: rm -rf $map/.dgxmon \\(the next prolog creates it again"
  chown root "$map/.dgxmon"
  chmod 0750 "$map/.dgxmon"
  run_check
  assert_fails DGXMON_JOB_MAP_DIR
  assert_says "^FAIL DGXMON_JOB_MAP_DIR: $map/.dgxmon is open to group or others \\(mode 0750, want 0700\\)"
  chmod 0700 "$map/.dgxmon"
  chmod 0777 "$map"
  run_check
  assert_fails DGXMON_JOB_MAP_DIR
  assert_says "^FAIL DGXMON_JOB_MAP_DIR: $map is writable by group or others \\(mode 0777\\); the scripts refuse it$"
  assert_says "fix: chown root $map && chmod go-w $map$"
}

@test "map dir on a read-only file system" {
  # The tests run as root (README: they also start Slurm and make device nodes); without CAP_SYS_ADMIN this fails.
  mount -t tmpfs -o ro,size=1m tmpfs "$R/run/dcgm-job-map" || { echo "cannot mount a tmpfs (needs root)"; false; }
  MOUNTS+=("$R/run/dcgm-job-map")
  run_check
  assert_fails DGXMON_JOB_MAP_DIR
  assert_says "^FAIL DGXMON_JOB_MAP_DIR: $R/run/dcgm-job-map is not writable \\(read-only file system\\?\\); not used$"
}

@test "%n in a dir needs SLURMD_NODENAME, as on a host with several slurmd" {
  sed -i "s|^DGXMON_JOB_INFO_DIR=.*|DGXMON_JOB_INFO_DIR=$R/run/%n/jobs|" "$SETTINGS"
  run_check
  assert_fails "DGXMON_JOB_INFO_DIR|exporter"
  assert_says "^FAIL DGXMON_JOB_INFO_DIR: DGXMON_JOB_INFO_DIR $R/run/%n/jobs: SLURMD_NODENAME='' cannot fill %n"
  mkdir -p "$R/run/node1/jobs"
  sed -i "s|\"job-info-dir\": \"[^\"]*\"|\"job-info-dir\": \"$R/run/node1/jobs\"|" "$EXPORTER"
  run_check SLURMD_NODENAME=node1
  assert_all_ok
}

@test "lookup file: missing, or without whole-GPU lines (an exporter from before Slurm 25.11 support)" {
  rm "$R/run/dgxmon/mig-uuids"
  run_check
  assert_fails "lookup file"
  assert_says "^FAIL lookup file: $R/run/dgxmon/mig-uuids is missing or unreadable; "
  assert_says "fix: start dgxmon-exporter"
  echo "MIG-bbbbbbbb-0000-0000-0000-000000000000 1.1" >"$R/run/dgxmon/mig-uuids"
  run_check
  assert_fails "lookup file"
  assert_says "has no GPU-<uuid> lines \\(1 MIG\\)"
}

@test "exporter: its settings name other paths than the scripts', or it has none and the defaults differ" {
  sed -i "s|\"mig-map-file\": \"[^\"]*\"|\"mig-map-file\": \"/run/other\"|" "$EXPORTER"
  run_check
  assert_fails exporter
  assert_says "^FAIL exporter: $EXPORTER: exporter mig-map-file=/run/other, scripts DGXMON_MIG_MAP_FILE=$R/run/dgxmon/mig-uuids$"
  rm "$EXPORTER"
  run_check
  assert_fails exporter
  assert_says "^FAIL exporter: no $EXPORTER, the exporter's defaults assumed: exporter hpc-job-mapping-dir=/run/dcgm-job-map, "
}
