#!/usr/bin/env bash
# shellcheck shell=bash
# dgxmon's one entry point: build, test, and (with the deployer) install onto a BCM/Slurm DGX cluster.
set -u
set -o pipefail

TOP=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
readonly TOP
readonly TEST_PACKAGES=(openssh-server openssh-client prometheus slurm-wlm munge shellcheck bats gcc libc6-dev curl jq
  openssl psmisc systemd binutils victoria-metrics)
# Program that proves each package above is installed (same order).
readonly TEST_PROGRAMS=(/usr/sbin/sshd /usr/bin/ssh /usr/bin/prometheus /usr/sbin/slurmctld /usr/sbin/munged
  /usr/bin/shellcheck /usr/bin/bats /usr/bin/gcc /usr/include/stdio.h /usr/bin/curl /usr/bin/jq
  /usr/bin/openssl /usr/bin/fuser /usr/bin/systemd-analyze /usr/bin/nm /usr/bin/victoria-metrics)

usage() {
  cat <<'USAGE'
Usage: ./setup.sh [MODE]
       ./setup.sh                                   interactive installation wizard
       ./setup.sh --config FILE [--dry-run --output DIR | --resume] [--accept-new-host-keys]
       ./setup.sh verify --config FILE
       ./setup.sh uninstall --config FILE

dgxmon installs a job-aware GPU/cgroup exporter on every DGX node, the Slurm prolog/epilog that
maps GPUs to jobs, and a BCM role monitor that keeps Prometheus file_sd targets in step.

Modes:
  --test        Install the Debian packages the tests need when missing (as root: one apt-get update,
                then apt-get install), build with ./mvnw -B verify (unit and integration tests
                against real sshd, Prometheus and Slurm), run shellcheck over every shell script,
                bats over slurm/ and promtool over docs/prometheus (configs, rule tests), and
                print a summary. Exits non-zero on any failure.
  --build       Build the three jars (no tests) and the jlink'd Java runtime the nodes run them on:
                  exporter/target/dgxmon-exporter.jar
                  role-monitor/target/dgxmon-role-monitor.jar
                  deployer/target/dgxmon-deploy.jar
                  .dgxmon-build/runtime-linux-x86_64.tar (and -arm64.tar when DGXMON_ARM64_JDK
                  names an aarch64 JDK 17 whose jmods/ jlink can use)
  --bench MODULE CLASS [ARGS...]
                Compile MODULE's tests and run the benchmark CLASS (a main class in its test
                sources, e.g. io.dgxmon.exporter.bench.CgroupScrapeBench); it prints its figures.
  --demo [--duration SECONDS] [--work-dir DIR]
                As root: the whole loop on this machine, deployed by ./setup.sh --config over SSH
                onto a throw-away cluster (real Slurm with 3 nodes of 4 fake GPUs, sshd and
                Prometheus on 127.0.8.x; simulated cmsh and NVML). Prints the Prometheus URL,
                example queries and how to submit a job; Ctrl-C (or --duration) stops it all.
  --help, -h    This text.

Deploying (see docs/Deployer.md); each first builds the jars and the runtime when missing or older than their sources:
  (no argument) The wizard: asks each setting with a default, writes the config, shows a summary,
                asks the mode (full / dry-run / resume) and confirms before touching any host.
  --config FILE Install on every host in FILE over SSH (strict host-key checking against
                ssh.knownHostsFile). --dry-run --output DIR touches no host and writes every file
                to DIR/<node>/<path> and the commands to DIR/plan.txt. --resume does only the steps
                an earlier run did not finish. --accept-new-host-keys records unknown host keys
                (a changed key always fails). Exit 1 if any node failed.
  verify        Check files, units, endpoints (and Prometheus up when prometheus.url is set).
  uninstall     Remove exactly what earlier runs installed (from the state directory).

Environment:
  CI=true       A test whose real peer (sshd, prometheus, slurmd, ...) is missing FAILS instead of
                being skipped. .ci/run sets it.
USAGE
}

log() { printf '==> %s\n' "$*"; }
die() { printf 'setup.sh: %s\n' "$*" >&2; exit 1; }

missing_test_packages() {
  local i
  for i in "${!TEST_PACKAGES[@]}"; do
    [[ -e ${TEST_PROGRAMS[$i]} ]] || printf '%s\n' "${TEST_PACKAGES[$i]}"
  done
}

install_test_packages() {
  local missing
  mapfile -t missing < <(missing_test_packages)
  if ! command -v java >/dev/null 2>&1; then
    missing+=(openjdk-17-jdk-headless)
  fi
  ((${#missing[@]} == 0)) && return 0
  if ((EUID != 0)); then
    log "missing packages (run as root to install them): ${missing[*]}"
    return 0
  fi
  log "installing: ${missing[*]}"
  DEBIAN_FRONTEND=noninteractive apt-get update -qq || die "apt-get update failed"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" \
    || die "apt-get install ${missing[*]} failed"
}

# Every shell script we own: *.sh, *.bash, and extension-less files with a bash/sh shebang.
# mvnw is Apache's generated wrapper and is left as shipped.
shell_scripts() {
  local f
  git -C "$TOP" ls-files --cached --others --exclude-standard -- ':!mvnw' | while read -r f; do
    case ${f##*/} in
      *.sh | *.bash) printf '%s\n' "$f" ;;
      *.*) ;;
      *) head -n1 "$TOP/$f" 2>/dev/null | grep -qE '^#!.*\b(ba)?sh\b' && printf '%s\n' "$f" ;;
    esac
  done
}

# Sums tests/failures/errors/skipped over the JUnit XML reports of surefire and failsafe.
junit_counts() {
  local files
  mapfile -t files < <(find "$TOP" -path '*/target/*-reports/TEST-*.xml' 2>/dev/null)
  ((${#files[@]} == 0)) && { echo "0 0 0 0"; return; }
  sed -n 's/.*<testsuite \(.*\)>.*/\1/p; s/^<testsuite \(.*\)>$/\1/p' "${files[@]}" | head -n 100000 |
    awk '{
      for (i = 1; i <= NF; i++) {
        split($i, kv, "="); gsub(/"/, "", kv[2]);
        if (kv[1] == "tests") t += kv[2]; else if (kv[1] == "failures") f += kv[2];
        else if (kv[1] == "errors") e += kv[2]; else if (kv[1] == "skipped") s += kv[2];
      }
    } END { printf "%d %d %d %d\n", t, f, e, s }'
}

# The Prometheus sample configs and rules under docs/prometheus: promtool checks them, runs the rule
# unit tests, and every recording rule and alert must be named in rules_test.yml.
check_prometheus_docs() {
  local dir=docs/prometheus rule untested=0
  promtool check config "$dir/prometheus.yml" >/dev/null || return 1
  promtool check config "$dir/prometheus-http-sd.yml" >/dev/null || return 1
  promtool test rules "$dir/rules_test.yml" || return 1
  local rules
  mapfile -t rules < <(grep -oE '^ *- (record|alert): *[^ ]+' "$dir/rules.yml" | awk '{print $3}')
  for rule in "${rules[@]}"; do
    if ! grep -qF -- "$rule" "$dir/rules_test.yml"; then
      printf 'rule without a test in %s/rules_test.yml: %s\n' "$dir" "$rule" >&2
      untested=1
    fi
  done
  return "$untested"
}

run_tests() {
  cd "$TOP" || die "cannot cd to $TOP"
  install_test_packages
  local rc=0 maven_rc shellcheck_rc bats_rc=0 scripts bats_out bats_pass=0 bats_fail=0

  # Reports of an earlier run would inflate the summary's counts.
  find "$TOP" -path '*/target/*' -type d \( -name surefire-reports -o -name failsafe-reports \) -prune \
    -exec rm -rf {} + 2>/dev/null
  log "build and test: ./mvnw -B verify"
  ./mvnw -B verify
  maven_rc=$?
  ((maven_rc == 0)) || rc=1

  mapfile -t scripts < <(shell_scripts)
  log "shellcheck: ${#scripts[@]} scripts"
  if ((${#scripts[@]})); then
    shellcheck -x "${scripts[@]}"
    shellcheck_rc=$?
  else
    shellcheck_rc=0
  fi
  ((shellcheck_rc == 0)) || rc=1

  if [[ -n $(find slurm -name '*.bats' 2>/dev/null) ]]; then
    log "bats: slurm/"
    bats_out=$(bats --tap -r slurm 2>&1)
    bats_rc=$?
    printf '%s\n' "$bats_out"
    bats_pass=$(grep -c '^ok ' <<<"$bats_out")
    bats_fail=$(grep -c '^not ok ' <<<"$bats_out")
    ((bats_rc == 0)) || rc=1
  fi

  local promtool_rc rule_count
  log "promtool: docs/prometheus"
  check_prometheus_docs
  promtool_rc=$?
  ((promtool_rc == 0)) || rc=1
  rule_count=$(grep -cE '^ *- (record|alert):' docs/prometheus/rules.yml)

  local tests failures errors skipped
  read -r tests failures errors skipped < <(junit_counts)
  printf '\n==> Summary\n'
  printf '  Java tests (unit + integration): %d run, %d failed, %d errors, %d skipped  [%s]\n' \
    "$tests" "$failures" "$errors" "$skipped" "$( ((maven_rc == 0)) && echo ok || echo FAILED)"
  printf '  shellcheck: %d scripts  [%s]\n' "${#scripts[@]}" "$( ((shellcheck_rc == 0)) && echo ok || echo FAILED)"
  printf '  promtool: 2 configs, %d rules and alerts tested  [%s]\n' "$rule_count" "$( ((promtool_rc == 0)) && echo ok || echo FAILED)"
  printf '  bats: %d passed, %d failed  [%s]\n' "$bats_pass" "$bats_fail" "$( ((bats_rc == 0)) && echo ok || echo FAILED)"
  return "$rc"
}

readonly DEPLOY_JAR=$TOP/deployer/target/dgxmon-deploy.jar
readonly APP_JARS=("$TOP/exporter/target/dgxmon-exporter.jar" "$TOP/role-monitor/target/dgxmon-role-monitor.jar")
readonly BUILD_DIR=$TOP/.dgxmon-build
# Used when jdeps cannot tell (e.g. a jar is missing): what the exporter and role monitor need.
readonly FALLBACK_MODULES=java.base,java.logging,java.management,java.net.http,jdk.httpserver,jdk.unsupported

build_jars() {
  cd "$TOP" || die "cannot cd to $TOP"
  ./mvnw -B -q package -DskipTests || die "build failed"
  build_runtimes
}

# The modules the node-side jars need, as jdeps sees them (plus jdk.unsupported for JavaCPP's Unsafe use).
runtime_modules() {
  local modules
  modules=$(jdeps --print-module-deps --ignore-missing-deps --multi-release 17 "${APP_JARS[@]}" 2>/dev/null) ||
    modules=
  if [[ -z $modules ]]; then
    printf '%s\n' "$FALLBACK_MODULES"
  elif [[ ,$modules, == *,jdk.unsupported,* ]]; then
    printf '%s\n' "$modules"
  else
    printf '%s,jdk.unsupported\n' "$modules"
  fi
}

# jlink a runtime for one architecture into .dgxmon-build and pack it as the tar the deployer uploads.
jlink_runtime() {
  local arch=$1 module_path=$2 modules=$3 out=$BUILD_DIR/runtime-linux-$1
  rm -rf "$out"
  jlink --module-path "$module_path" --add-modules "$modules" --strip-debug --no-header-files \
    --no-man-pages --compress=2 --output "$out" || die "jlink for $arch failed"
  tar --sort=name --mtime=@0 --owner=0 --group=0 --numeric-owner -cf "$out.tar" -C "$out" . ||
    die "cannot pack $out"
  log "runtime for $arch: $out.tar ($(du -h "$out.tar" | cut -f1), modules $modules)"
}

build_runtimes() {
  local modules java_home
  command -v jlink >/dev/null 2>&1 || die "jlink not found: install a JDK 17 (openjdk-17-jdk-headless)"
  mkdir -p "$BUILD_DIR" || die "cannot create $BUILD_DIR"
  modules=$(runtime_modules)
  java_home=$(dirname "$(dirname "$(readlink -f "$(command -v jlink)")")")
  jlink_runtime x86_64 "$java_home/jmods" "$modules"
  if [[ -n ${DGXMON_ARM64_JDK:-} && -d ${DGXMON_ARM64_JDK}/jmods ]]; then
    jlink_runtime arm64 "$DGXMON_ARM64_JDK/jmods" "$modules"
  else
    log "no arm64 runtime: set DGXMON_ARM64_JDK to an aarch64 JDK 17 to deploy to arm64 (Grace) nodes"
  fi
}

# The first input (a pom, main source, or template, which the deployer jar carries) newer than FILE, if any.
newer_source_than() {
  find "$TOP/pom.xml" "$TOP"/*/pom.xml "$TOP"/*/src/main "$TOP/templates" -newer "$1" -type f -print -quit \
    2>/dev/null
}

# Builds what is missing or older than its sources: a stale jar would deploy yesterday's code.
build_if_needed() {
  local jar oldest=$DEPLOY_JAR changed
  for jar in "$DEPLOY_JAR" "${APP_JARS[@]}"; do
    if [[ ! -f $jar ]]; then
      log "building (missing: ${jar#"$TOP"/})"
      (build_jars) || exit 1
      return
    fi
    [[ $jar -ot $oldest ]] && oldest=$jar
  done
  changed=$(newer_source_than "$oldest")
  if [[ -n $changed ]]; then
    log "building (changed since ${oldest#"$TOP"/}: ${changed#"$TOP"/})"
    (build_jars) || exit 1
    return
  fi
  # Jars built by Maven alone (./mvnw verify, as the end-to-end tests run it) lack only the runtime; the runtime's
  # modules come from the jars, so it is redone when a jar is newer.
  local runtime=$BUILD_DIR/runtime-linux-x86_64.tar
  if [[ ! -f $runtime || ${APP_JARS[0]} -nt $runtime || ${APP_JARS[1]} -nt $runtime ]]; then
    log "building the Java runtime (missing or older than the jars: ${runtime#"$TOP"/})"
    (build_runtimes) || exit 1
  fi
}

# The deployer runs on the head node's JDK; it reads the built artifacts from this tree (--source).
run_deployer() {
  build_if_needed
  exec java -jar "$DEPLOY_JAR" "$@" --source "$TOP"
}

# Compiles MODULE's tests (and the modules it needs); REPLY = the class path to run a main class of its test sources.
test_classpath() {
  local module=$1
  cd "$TOP" || die "cannot cd to $TOP"
  ./mvnw -B -q -pl "$module" -am test-compile dependency:build-classpath \
    -Dmdep.outputFile=target/test-classpath.txt -Dmdep.includeScope=test || die "build failed"
  REPLY="$module/target/test-classes:$module/target/classes:$(cat "$module/target/test-classpath.txt")"
}

# Benchmarks are main classes in test sources: they print figures, they do not assert timings.
run_bench() {
  local module=${1:-} class=${2:-}
  [[ -n $module && -n $class ]] || die "usage: ./setup.sh --bench MODULE CLASS [ARGS...]"
  [[ -d $TOP/$module ]] || die "no such module: $module"
  shift 2
  test_classpath "$module"
  java -cp "$REPLY" "$class" "$@"
}

# The end-to-end stack of the e2e tests on this machine, deployed by ./setup.sh --config, until Ctrl-C.
run_demo() {
  ((EUID == 0)) || die "--demo needs root: it starts munged, slurmctld, slurmd and sshd and creates fake GPU devices"
  install_test_packages
  build_if_needed
  test_classpath e2e
  exec java -Ddgxmon.repo.root="$TOP" -cp "$REPLY" io.dgxmon.e2e.demo.Demo "$@"
}

main() {
  case "${1:-}" in
    --test) run_tests ;;
    --build) build_jars ;;
    --bench) shift; run_bench "$@" ;;
    --demo) shift; run_demo "$@" ;;
    --help | -h) usage ;;
    "") run_deployer wizard ;;
    --config) run_deployer "$@" ;;
    verify | uninstall) run_deployer "$@" ;;
    *) usage >&2; die "unknown mode: $1" ;;
  esac
}

main "$@"
