#!/usr/bin/env bash
# shellcheck shell=bash
# dgxmon's one entry point: build, test, and (with the deployer) install onto a BCM/Slurm DGX cluster.
set -u
set -o pipefail

TOP=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
readonly TOP
# ipmitool and freeipmi-tools: the DCMI reader runs the real tools against a missing BMC. victoria-metrics: the
# second remote-write store of the sharding test. bash-builtins and strace: the Slurm scripts' tests run stat and rm
# as bash loadable builtins and as programs, and count the programs started. The last six build and
# run the arm64 (Grace) runtime here: qemu runs it, the cross compiler and its libc headers build the NVML stub, the
# cross binutils strip the runtime, and the ":arm64" libraries (Debian multiarch) are what its JVM links against.
readonly TEST_PACKAGES=(openssh-server openssh-client prometheus slurm-wlm munge shellcheck bats gcc libc6-dev curl jq
  openssl psmisc systemd binutils ipmitool freeipmi-tools victoria-metrics bash-builtins strace qemu-user-static
  gcc-aarch64-linux-gnu libc6-dev-arm64-cross
  binutils-aarch64-linux-gnu zlib1g:arm64 libstdc++6:arm64)
# Program that proves each package above is installed (same order).
readonly TEST_PROGRAMS=(/usr/sbin/sshd /usr/bin/ssh /usr/bin/prometheus /usr/sbin/slurmctld /usr/sbin/munged
  /usr/bin/shellcheck /usr/bin/bats /usr/bin/gcc /usr/include/stdio.h /usr/bin/curl /usr/bin/jq
  /usr/bin/openssl /usr/bin/fuser /usr/bin/systemd-analyze /usr/bin/nm /usr/bin/ipmitool /usr/sbin/ipmi-dcmi
  /usr/bin/victoria-metrics /usr/lib/bash/stat /usr/bin/strace /usr/bin/qemu-aarch64-static
  /usr/bin/aarch64-linux-gnu-gcc /usr/aarch64-linux-gnu/include/stdio.h /usr/bin/aarch64-linux-gnu-objcopy
  /usr/lib/aarch64-linux-gnu/libz.so.1
  /usr/lib/aarch64-linux-gnu/libstdc++.so.6)
# The JDK whose jlink builds the runtimes; its arm64 build of the same version supplies the aarch64 jmods.
readonly JDK_PACKAGE=openjdk-17-jdk-headless

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
  --test        Install the Debian packages the tests need when missing (as root: enable Debian's
                arm64 packages (dpkg --add-architecture arm64), one apt-get update, then apt-get
                install; the JDK is upgraded when apt serves no arm64 build of its version), build
                with ./mvnw -B verify (unit and integration tests against real sshd, Prometheus,
                Slurm and qemu-user), run shellcheck over every shell script,
                bats over slurm/ and promtool over docs/prometheus (configs, rule tests), and
                print a summary. Exits non-zero on any failure.
  --build       Build the four jars (no tests) and the jlink'd Java runtime the nodes run them on:
                  exporter/target/dgxmon-exporter.jar
                  role-monitor/target/dgxmon-role-monitor.jar
                  report/target/dgxmon-report.jar (installed on the head node as dgxmon-report)
                  deployer/target/dgxmon-deploy.jar
                  .dgxmon-build/runtime-linux-x86_64.tar
                  .dgxmon-build/runtime-linux-arm64.tar (Grace nodes) when Debian's arm64 packages
                  are enabled (dpkg --add-architecture arm64; the jmods of openjdk-17-jdk-headless:arm64
                  of the host JDK's version are fetched with apt-get download, nothing is installed)
                  or DGXMON_ARM64_JDK names an aarch64 JDK 17 of jlink's version
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

# The Debian version of this host's JDK package (empty when not a dpkg system or not installed).
host_jdk_version() {
  # shellcheck disable=SC2016 # ${Version} is dpkg-query's format, not a shell expansion
  dpkg-query -W -f '${Version}' "$JDK_PACKAGE:$(dpkg --print-architecture 2>/dev/null)" 2>/dev/null
}

# The versions of the arm64 JDK package apt's index offers, one a line (none when arm64 is not enabled).
served_arm64_jdk_versions() {
  apt-cache madison "$JDK_PACKAGE:arm64" 2>/dev/null | awk -F'|' '{ gsub(/ /, "", $2); print $2 }'
}

# True when apt offers an arm64 build of the very version of the host's JDK (the arm64 runtime is linked from it).
arm64_jdk_served() {
  local version
  version=$(host_jdk_version)
  [[ -n $version ]] && served_arm64_jdk_versions | grep -qxF -- "$version"
}

install_test_packages() {
  local missing added_arch=0
  mapfile -t missing < <(missing_test_packages)
  # No JDK, or one whose arm64 build apt no longer serves: install (or upgrade to) the version apt serves for both.
  if ! command -v java >/dev/null 2>&1 || ! arm64_jdk_served; then
    missing+=("$JDK_PACKAGE")
  fi
  ((${#missing[@]} == 0)) && return 0
  if ((EUID != 0)); then
    log "missing packages (run as root to install them): ${missing[*]}"
    return 0
  fi
  # Debian multiarch: apt also indexes arm64 packages; installs nothing by itself. It must precede the update.
  if ! dpkg --print-foreign-architectures | grep -qx arm64; then
    log "enabling Debian's arm64 packages: dpkg --add-architecture arm64"
    dpkg --add-architecture arm64 || die "dpkg --add-architecture arm64 failed"
    added_arch=1
  fi
  log "installing: ${missing[*]}"
  if ! DEBIAN_FRONTEND=noninteractive apt-get update -qq; then
    # A mirror without arm64 indexes fails the update: leave apt as it was found.
    ((added_arch)) && dpkg --remove-architecture arm64
    die "apt-get update failed"
  fi
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
readonly APP_JARS=("$TOP/exporter/target/dgxmon-exporter.jar" "$TOP/role-monitor/target/dgxmon-role-monitor.jar"
  "$TOP/report/target/dgxmon-report.jar")
readonly BUILD_DIR=$TOP/.dgxmon-build
# Used when jdeps cannot tell (e.g. a jar is missing): what the exporter, role monitor and report need.
readonly FALLBACK_MODULES=java.base,java.logging,java.management,java.net.http,jdk.httpserver,jdk.unsupported
# jdeps also names modules that only optional parts of three libraries use, which all declare `requires static`:
# jackson-databind's java.sql, java.xml and java.beans types (its ext package, java.sql date and blob
# (de)serializers), snakeyaml's JavaBean introspector (java.beans), and gson's java.sql type adapters (gson, which
# grpc-java uses for service config JSON, loads them only when Class.forName finds java.sql). The programs read JSON
# and YAML as trees and never reach them; the build refuses any other class that needs one of these modules.
readonly UNUSED_MODULES='^(java\.desktop|java\.sql|java\.xml)$'
readonly UNUSED_MODULE_USERS='^(com\.fasterxml\.jackson\.databind\.(ext\.|deser\.std\.DateDeserializers|ser\.std\.Sql)|org\.yaml\.snakeyaml\.introspector\.|com\.google\.gson\.internal\.sql\.)'
# Found by no jdeps: JavaCPP's Unsafe (jdk.unsupported) and the SunEC provider (jdk.crypto.ec), without which TLS
# offers no elliptic-curve group, so a Go client such as Prometheus cannot complete a handshake.
readonly ADDED_MODULES=jdk.unsupported,jdk.crypto.ec

build_jars() {
  cd "$TOP" || die "cannot cd to $TOP"
  ./mvnw -B -q package -DskipTests || die "build failed"
  build_runtimes
}

# The modules the node-side jars need: every module a class of theirs uses (jdeps -verbose:class), less the unused
# ones above, plus ADDED_MODULES.
runtime_modules() {
  local deps strays
  deps=$(jdeps --ignore-missing-deps --multi-release 17 -verbose:class "${APP_JARS[@]}" 2>/dev/null) || deps=
  if [[ -z $deps ]]; then
    printf '%s\n' "$FALLBACK_MODULES"
    return
  fi
  # Class lines read "<class> -> <class> <module>"; a JDK-internal use prints the module in parentheses.
  strays=$(awk -v unused="$UNUSED_MODULES" -v users="$UNUSED_MODULE_USERS" \
    'NF == 4 && $2 == "->" && $4 ~ unused && $1 !~ users { print "  " $1 " uses " $3 }' <<<"$deps" | sort -u)
  [[ -z $strays ]] || die "a class needs a module the runtime leaves out (see UNUSED_MODULES in setup.sh):
$strays"
  { awk 'NF == 4 && $2 == "->" { m = $4; gsub(/[()]/, "", m); if (m ~ /^(java|jdk)\./) print m }' <<<"$deps"
    tr , '\n' <<<"$ADDED_MODULES"; } | grep -vE "$UNUSED_MODULES" | sort -u | paste -sd, -
}

# The objcopy that understands ARCH's binaries.
objcopy_for() {
  case $1 in
    x86_64) printf 'objcopy\n' ;;
    arm64) printf 'aarch64-linux-gnu-objcopy\n' ;;
  esac
}

# Debian ships the JDK's debug info in separate -dbgsym packages, so jlink's --strip-native-debug-symbols
# (objcopy --strip-debug) would find nothing to remove (and it runs the objcopy on PATH whatever its objcopy= says,
# which cannot read aarch64 files); the symbol tables (4 MiB of libjvm.so) go here. They only name native
# frames in a crash report (hs_err); the build id stays, so Debian's -dbgsym package still resolves those frames.
strip_native_symbols() {
  local arch=$1 dir=$2 objcopy file
  objcopy=$(objcopy_for "$arch")
  if ! command -v "$objcopy" >/dev/null 2>&1; then
    log "runtime for $arch: native symbol tables kept ($objcopy not found)"
    return 0
  fi
  while IFS= read -r -d '' file; do
    "$objcopy" --strip-unneeded "$file" || die "$objcopy --strip-unneeded $file failed"
  done < <(find "$dir/bin" "$dir/lib" -type f \( -name '*.so' -o -perm -u+x \) -print0)
}

# jlink a runtime for one architecture into .dgxmon-build and pack it as the tar the deployer uploads.
jlink_runtime() {
  local arch=$1 module_path=$2 modules=$3 out=$BUILD_DIR/runtime-linux-$1
  rm -rf "$out"
  # --strip-java-debug-attributes, not --strip-debug: on Linux the latter also runs the host's objcopy over the native
  # files, which cannot read aarch64 ones (an error line per file); strip_native_symbols does that part per arch.
  jlink --module-path "$module_path" --add-modules "$modules" --strip-java-debug-attributes --no-header-files \
    --no-man-pages --compress=2 --output "$out" || die "jlink for $arch failed"
  strip_native_symbols "$arch" "$out"
  tar --sort=name --mtime=@0 --owner=0 --group=0 --numeric-owner -cf "$out.tar" -C "$out" . ||
    die "cannot pack $out"
  log "runtime for $arch: $out.tar ($(du -h "$out.tar" | cut -f1), modules $modules)"
}

# True when this machine can build the arm64 runtime: DGXMON_ARM64_JDK is set, or Debian's arm64 packages are enabled.
arm64_wanted() {
  [[ -n ${DGXMON_ARM64_JDK:-} ]] ||
    { command -v dpkg >/dev/null 2>&1 && dpkg --print-foreign-architectures | grep -qx arm64; }
}

# jlink links the jmods of another platform, but dgxmon takes only those of jlink's own version: jlink 17 itself
# refuses only another feature release, yet its plugins generate code against the target's java.base.
check_jmods_version() {
  local jmods=$1 want have
  want=$(jlink --version) || die "jlink --version failed"
  have=$(jmod describe "$jmods/java.base.jmod" 2>/dev/null | sed -n '1s/^java\.base@//p')
  [[ $have == "$want" ]] ||
    die "arm64 runtime: $jmods/java.base.jmod is version ${have:-unknown}, but jlink is $want; both must be the same version"
}

# Unpacks only the jmods of Debian's arm64 JDK package of VERSION into DIR (nothing is installed).
fetch_debian_arm64_jmods() {
  local version=$1 dir=$2 tmp debs served
  mkdir -p "$BUILD_DIR" || die "cannot create $BUILD_DIR"
  tmp=$(mktemp -d "$BUILD_DIR/jdk-download.XXXXXX") || die "cannot create a temporary directory in $BUILD_DIR"
  log "fetching the aarch64 jmods: apt-get download $JDK_PACKAGE:arm64=$version"
  if ! (cd "$tmp" && apt-get -q -o APT::Sandbox::User=root download "$JDK_PACKAGE:arm64=$version"); then
    served=$(served_arm64_jdk_versions | paste -sd' ' -)
    rm -rf "$tmp"
    die "no arm64 runtime: this host's JDK is $JDK_PACKAGE $version, but apt serves $JDK_PACKAGE:arm64 only as: \
${served:-nothing (run apt-get update)}. The two must be the same version: as root, apt-get update && apt-get install \
$JDK_PACKAGE (./setup.sh --test does it)"
  fi
  debs=("$tmp"/*.deb)
  dpkg-deb --fsys-tarfile "${debs[0]}" | tar -x -C "$tmp" --wildcards './usr/lib/jvm/*/jmods' ||
    die "cannot unpack the jmods of ${debs[0]}"
  if ! { rm -rf "$dir" && mkdir -p "$dir" && mv "$tmp"/usr/lib/jvm/*/jmods "$dir/jmods"; }; then
    die "cannot move the jmods to $dir"
  fi
  rm -rf "$tmp"
}

# REPLY = the aarch64 jmods to link: DGXMON_ARM64_JDK's, else those of Debian's arm64 package of the host JDK's
# version (kept under .dgxmon-build/jdk-linux-arm64/<version>).
arm64_jmods() {
  local version dir
  if [[ -n ${DGXMON_ARM64_JDK:-} ]]; then
    [[ -f $DGXMON_ARM64_JDK/jmods/java.base.jmod ]] ||
      die "DGXMON_ARM64_JDK=$DGXMON_ARM64_JDK: no jmods/java.base.jmod there (it must be an aarch64 JDK 17)"
    REPLY=$DGXMON_ARM64_JDK/jmods
    return
  fi
  version=$(host_jdk_version)
  [[ -n $version ]] || die "no arm64 runtime: $JDK_PACKAGE is not installed through dpkg; set DGXMON_ARM64_JDK"
  dir=$BUILD_DIR/jdk-linux-arm64/$version
  [[ -f $dir/jmods/java.base.jmod ]] || fetch_debian_arm64_jmods "$version" "$dir"
  REPLY=$dir/jmods
}

build_runtimes() {
  local modules java_home
  command -v jlink >/dev/null 2>&1 || die "jlink not found: install a JDK 17 (openjdk-17-jdk-headless)"
  mkdir -p "$BUILD_DIR" || die "cannot create $BUILD_DIR"
  modules=$(runtime_modules) || exit 1
  java_home=$(dirname "$(dirname "$(readlink -f "$(command -v jlink)")")")
  jlink_runtime x86_64 "$java_home/jmods" "$modules"
  if arm64_wanted; then
    arm64_jmods
    check_jmods_version "$REPLY"
    jlink_runtime arm64 "$REPLY" "$modules"
  else
    log "no arm64 runtime: to deploy to arm64 (Grace) nodes, enable Debian's arm64 packages (as root: dpkg --add-architecture arm64 && apt-get update) or set DGXMON_ARM64_JDK to an aarch64 JDK 17 of jlink's version"
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
  local runtime runtimes=("$BUILD_DIR/runtime-linux-x86_64.tar")
  arm64_wanted && runtimes+=("$BUILD_DIR/runtime-linux-arm64.tar")
  local jar
  for runtime in "${runtimes[@]}"; do
    for jar in "${APP_JARS[@]}"; do
      [[ -f $runtime && ! $jar -nt $runtime ]] && continue
      log "building the Java runtimes (missing or older than ${jar##*/}: ${runtime#"$TOP"/})"
      (build_runtimes) || exit 1
      return
    done
  done
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
