#!/bin/bash
# shellcheck shell=bash
# Experiment behind docs/Scaling.md, "One runtime on /cm/shared?": the exporter's JVM started from local disk
# against the same files on a network file system, and what a running and a starting exporter do when the file
# server hangs. The "network file system" is sshfs (FUSE over SFTP) from a private sshd on loopback: there is no
# NFS server in the test world. Root only; needs sshd, sshfs and curl; touches nothing outside its temp dir
# except the page cache of its own copies and one loopback port.
#
# Usage: deployer/bench/shared-runtime.sh [RUNS] [start|hang|all]   (default 5 all)
#   start  JVM start times: `java -version` and the exporter's start to its first scrape, per layout and cache state
#   hang   the exporter runs from the mount; the SFTP server is stopped (SIGSTOP); scrapes, a second start, and
#          SIGKILL on the blocked start are observed; then the server is continued
# Reads the runtime from .dgxmon-build/runtime-linux-x86_64 and the jar from exporter/target (./setup.sh --build).
set -u

readonly RUNS=${1:-5}
readonly MODE=${2:-all}
TOP=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd) || exit 1
readonly TOP
readonly RUNTIME=$TOP/.dgxmon-build/runtime-linux-x86_64 JAR=$TOP/exporter/target/dgxmon-exporter.jar
readonly ADDRESS=127.0.0.77 SSH_PORT=${DGXMON_BENCH_SSH_PORT:-2299} SCRAPE_PORT=${DGXMON_BENCH_SCRAPE_PORT:-19400}
WORK=$(mktemp -d /tmp/dgxmon-shared-runtime.XXXXXX) || exit 1
readonly WORK
SSHD_PID='' SSHFS_OPTS='' SERVER_PID=''

die() {
  printf 'shared-runtime: %s\n' "$*" >&2
  exit 1
}

cleanup() {
  [[ -n $SERVER_PID ]] && kill -CONT "$SERVER_PID"
  stop_exporters
  mountpoint -q "$WORK/mnt" && fusermount3 -u -z "$WORK/mnt"
  [[ -n $SSHD_PID ]] && kill "$SSHD_PID" 2>/dev/null
  rm -rf "$WORK"
}

# The install as the deployer lays it out (runtime/, lib/), once on local disk and once as the file server's export.
lay_out() {
  local dir
  for dir in "$WORK/local" "$WORK/server/apps/dgxmon"; do
    mkdir -p "$dir/lib"
    cp -a "$RUNTIME" "$dir/runtime"
    cp "$JAR" "$dir/lib/dgxmon-exporter.jar"
  done
  sync   # dirty pages cannot be evicted: without this the first "cold" starts would find the copies cached
  mkdir -p "$WORK/mnt" "$WORK/ssh" /run/sshd
}

start_sshd() {
  local ssh=$WORK/ssh
  ssh-keygen -q -t ed25519 -N '' -f "$ssh/host_key" && ssh-keygen -q -t ed25519 -N '' -f "$ssh/client_key" || exit 1
  cp "$ssh/client_key.pub" "$ssh/authorized_keys"
  printf '[%s]:%s %s\n' "$ADDRESS" "$SSH_PORT" "$(cut -d' ' -f1,2 "$ssh/host_key.pub")" >"$ssh/known_hosts"
  # An external sftp-server (not internal-sftp), so that the file server is one process the hang test can stop.
  cat >"$ssh/sshd_config" <<EOF
ListenAddress $ADDRESS:$SSH_PORT
HostKey $ssh/host_key
AuthorizedKeysFile $ssh/authorized_keys
PermitRootLogin prohibit-password
PasswordAuthentication no
StrictModes no
UsePAM no
PidFile $ssh/sshd.pid
Subsystem sftp /usr/lib/openssh/sftp-server
EOF
  /usr/sbin/sshd -D -f "$ssh/sshd_config" -E "$ssh/sshd.log" &
  SSHD_PID=$!
  sleep 0.5
}

# Mounts the export; $1: extra sshfs options ("" = sshfs' defaults, which drop the client's page cache at every open).
mount_share() {
  local ssh=$WORK/ssh
  SSHFS_OPTS=$1
  sshfs -p "$SSH_PORT" -o "IdentityFile=$ssh/client_key,UserKnownHostsFile=$ssh/known_hosts,StrictHostKeyChecking=yes${1:+,$1}" \
    "root@$ADDRESS:$WORK/server" "$WORK/mnt" || die "sshfs mount failed"
}

unmount_share() {
  fusermount3 -u "$WORK/mnt" || fusermount3 -u -z "$WORK/mnt"
}

# Drops the page cache of every file under $1 (GNU dd: iflag=nocache with count=0 drops the whole file's cache).
evict() {
  find "$1" -type f -exec dd if={} iflag=nocache count=0 status=none \;
}

# Bytes the sshfs client has read from its ssh pipe so far (what came over the "network").
sshfs_rchar() {
  local pid
  pid=$(pgrep -n -f "^sshfs .*$WORK/mnt") || { echo 0; return; }
  awk '$1 == "rchar:" { print $2 }' "/proc/$pid/io"
}

ms_since() {
  awk -v t0="$1" -v t1="$EPOCHREALTIME" 'BEGIN { printf "%.0f", (t1 - t0) * 1000 }'
}

java_version_ms() {
  local t0=$EPOCHREALTIME
  "$1/runtime/bin/java" -version 2>/dev/null || die "$1/runtime/bin/java -version failed"
  ms_since "$t0"
}

# Starts the exporter from install dir $1 with the unit's JVM flags, the :9400 profile on loopback only; in memory
# cgroup (v1) directory $2 when given.
start_exporter() {
  (
  [[ -n ${2:-} ]] && echo "$BASHPID" >"$2/cgroup.procs"
  exec "$1/runtime/bin/java" -XX:+UseSerialGC -Xms8m -Xmx32m -XX:TieredStopAtLevel=1 -XX:CICompilerCount=1 -Xss512k \
    -Dorg.bytedeco.javacpp.cachedir="$WORK/cache" -jar "$1/lib/dgxmon-exporter.jar" \
    --dcgm.listen-address "127.0.0.1:$SCRAPE_PORT" --gpu.listen-address off --cgroup.listen-address off \
    --nvml.library "$WORK/no-nvml.so" --path.cgroup.root "$WORK/cgroup" --hpc-job-mapping-dir "$WORK/map" \
    --job-info-dir "$WORK/jobs" --gpustat-dir none >>"$WORK/exporter.log" 2>&1
  ) &
  REPLY=$!
}

# Starts the exporter from $1 and prints milliseconds until its first scrape answers.
first_scrape_ms() {
  local t0=$EPOCHREALTIME pid
  start_exporter "$1"
  pid=$REPLY
  until curl -sf -o /dev/null --max-time 1 "http://127.0.0.1:$SCRAPE_PORT/metrics"; do
    alive "$pid" || die "exporter exited; see $WORK/exporter.log"
    sleep 0.02
  done
  ms_since "$t0"
  kill "$pid"
  wait "$pid" 2>/dev/null
}

stop_exporters() {
  local pid
  for pid in $(jobs -p); do
    [[ $pid == "$SSHD_PID" ]] || { kill -KILL "$pid" 2>/dev/null; wait "$pid" 2>/dev/null; }
  done
}

median() {
  printf '%s\n' "$@" | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'
}

# One table row: $1 label, $2 install dir, $3 "cold-local" | "cold-share" | "remount" | "warm" (after one
# unmeasured start that fills the caches).
measure() {
  local label=$1 dir=$2 state=$3 i version=() scrape=() before version_bytes=() scrape_bytes=()
  [[ $state == warm ]] && first_scrape_ms "$dir" >/dev/null
  for ((i = 0; i < RUNS; i++)); do
    prepare "$state"
    before=$(sshfs_rchar)
    version+=("$(java_version_ms "$dir")")
    version_bytes+=($(($(sshfs_rchar) - before)))
    prepare "$state"
    before=$(sshfs_rchar)
    scrape+=("$(first_scrape_ms "$dir")")
    scrape_bytes+=($(($(sshfs_rchar) - before)))
  done
  printf '| %s | %s ms (%s) | %s ms (%s) | %s / %s |\n' "$label" "$(median "${version[@]}")" "${version[*]}" \
    "$(median "${scrape[@]}")" "${scrape[*]}" "$(mib "$(median "${version_bytes[@]}")")" \
    "$(mib "$(median "${scrape_bytes[@]}")")"
}

mib() {
  awk -v b="$1" 'BEGIN { printf "%.1f MiB", b / 1048576 }'
}

prepare() {
  case $1 in
    cold-local) evict "$WORK/local" ;;
    cold-share) unmount_share; evict "$WORK/server"; mount_share "$SSHFS_OPTS" ;;
    remount) unmount_share; mount_share "$SSHFS_OPTS" ;;
    warm) ;;
  esac
}

run_start() {
  echo "## JVM start, $RUNS runs each (median, then every run); load before: $(uptime)"
  echo "| layout and cache | java -version | exporter start to first scrape | read over the mount: java -version / exporter start |"
  echo "|---|---|---|---|"
  measure "local disk, cold (files evicted)" "$WORK/local" cold-local
  measure "local disk, warm" "$WORK/local" warm
  mount_share ''
  measure "sshfs defaults, cold (server files evicted, remounted)" "$WORK/mnt/apps/dgxmon" cold-share
  measure "sshfs defaults, server warm (client cache dropped at open)" "$WORK/mnt/apps/dgxmon" warm
  unmount_share
  mount_share kernel_cache
  measure "sshfs kernel_cache, warm (client cache kept, like NFS with unchanged files)" "$WORK/mnt/apps/dgxmon" warm
  unmount_share
  echo "load after: $(uptime)"
}

# The sftp-server serving our mount: a descendant of our sshd.
sftp_server_pid() {
  local pids=("$SSHD_PID") pid child
  while ((${#pids[@]})); do
    pid=${pids[0]}
    pids=("${pids[@]:1}")
    for child in $(pgrep -P "$pid"); do
      [[ $(cat "/proc/$child/comm") == sftp-server ]] && { echo "$child"; return; }
      pids+=("$child")
    done
  done
}

# Process $1's threads by state ("S 14, D 1"), with the kernel function each thread in D state waits in.
proc_state() {
  local task states='' waits=''
  local state
  for task in /proc/"$1"/task/*; do
    state=$(sed 's/.*) //; s/ .*//' "$task/stat" 2>/dev/null) || continue
    states+="$state "
    [[ $state == D ]] && waits+=" $(cat "$task/wchan" 2>/dev/null)"
  done
  printf '%s' "$(tr ' ' '\n' <<<"$states" | sort | uniq -c | awk 'NF == 2 { printf "%s%s %s", sep, $2, $1; sep = ", " }')"
  [[ -n $waits ]] && printf ' (D in:%s)' "$(tr ' ' '\n' <<<"$waits" | sort -u | paste -sd' ')"
}

scrape_once() {
  local t0=$EPOCHREALTIME code
  code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 "http://127.0.0.1:$SCRAPE_PORT/metrics")
  printf '%s in %s ms' "$code" "$(ms_since "$t0")"
}

# Squeezes memory cgroup $1 until only a little more than its anonymous memory fits, then lifts the limit again:
# with no swap the kernel can only reclaim file pages, which for the exporter are the mapped runtime and jar, and
# afterwards there is room for them to come back. Prints what was mapped before and after.
squeeze() {
  local rss mapped extra
  echo 1 >"$1/memory.oom_control"   # at the limit, wait instead of being killed by the cgroup's OOM killer
  rss=$(awk '$1 == "rss" { print $2 }' "$1/memory.stat")
  mapped=$(awk '$1 == "mapped_file" { print $2 }' "$1/memory.stat")
  for extra in 1 2 4 8 16 32; do
    echo $((rss + extra * 1048576)) 2>/dev/null >"$1/memory.limit_in_bytes" && break
  done
  printf 'anonymous %s, mapped files %s before, %s after (limit anonymous + %s MiB, then lifted)' "$(mib "$rss")" \
    "$(mib "$mapped")" "$(mib "$(awk '$1 == "mapped_file" { print $2 }' "$1/memory.stat")")" "$extra"
  echo -1 >"$1/memory.limit_in_bytes"
}

# Starts the exporter from $1 in memory cgroup $2 and lets it answer a few scrapes; REPLY = its PID.
start_serving() {
  mkdir -p "$2"
  start_exporter "$1" "$2"
  until curl -sf -o /dev/null --max-time 1 "http://127.0.0.1:$SCRAPE_PORT/metrics"; do sleep 0.1; done
  scrape_report 3 "$REPLY" 1 >/dev/null
}

# The control: the same eviction under an exporter that runs from local disk.
run_evict_local() {
  local cgroup=/sys/fs/cgroup/memory/dgxmon-bench-$$ running
  echo "## Control: the exporter runs from local disk; load: $(uptime)"
  evict "$WORK/local"
  start_serving "$WORK/local" "$cgroup"
  running=$REPLY
  echo "- memory pressure on the exporter's cgroup: $(squeeze "$cgroup"); scrapes:"
  scrape_report 3 "$running" 1
  stop_exporters
  rmdir "$cgroup"
}

# True while a thread of process $1 has not exited (an exited child stays a zombie until waited for, and a thread
# group leader that has exited shows Z while its other threads still run).
alive() {
  local task
  for task in /proc/"$1"/task/*/stat; do
    [[ -e $task && $(sed 's/.*) //; s/ .*//' "$task" 2>/dev/null) != Z ]] && return 0
  done
  return 1
}

# Polls up to $2 seconds for process $1 to be gone; prints how it ended.
gone_within() {
  local i
  for ((i = 0; i < $2 * 10; i++)); do
    alive "$1" || { printf 'gone'; return; }
    sleep 0.1
  done
  printf 'still there after %s s: %s' "$2" "$(proc_state "$1")"
}

scrape_report() {
  local i
  for i in $(seq "$1"); do
    echo "  - scrape: $(scrape_once); exporter threads: $(proc_state "$2")"
    sleep "$3"
  done
}

# The mitigation "copy the runtime from the share to local disk before each start", under the hang: a copy bounded
# by timeout(1), which sends SIGKILL after 5 s.
copy_report() {
  local t0=$EPOCHREALTIME copy
  timeout -s KILL 5 cp -a "$WORK/mnt/apps/dgxmon/runtime" "$WORK/copy" 2>/dev/null &
  copy=$!
  echo "- copying the runtime off the share under timeout -s KILL 5: $(gone_within "$copy" 15)," \
    "$(ms_since "$t0") ms after it began"
}

run_hang() {
  local cgroup=/sys/fs/cgroup/memory/dgxmon-bench-$$ running second
  echo "## Hang: the exporter runs from the mount (sshfs ${1:-defaults}), then the file server stops"
  echo "load: $(uptime)"
  mount_share "$1"
  start_serving "$WORK/mnt/apps/dgxmon" "$cgroup"
  running=$REPLY
  SERVER_PID=$(sftp_server_pid)
  [[ -n $SERVER_PID ]] || die "no sftp-server below sshd $SSHD_PID"
  kill -STOP "$SERVER_PID"
  echo "- sftp-server $SERVER_PID stopped (SIGSTOP); scrapes every 5 s:"
  scrape_report 4 "$running" 5
  echo "- memory pressure on the exporter's cgroup: $(squeeze "$cgroup"); scrapes:"
  scrape_report 3 "$running" 1
  "$WORK/mnt/apps/dgxmon/runtime/bin/java" -version >/dev/null 2>&1 &
  second=$!
  sleep 10
  echo "- a new start from the mount (java -version, as at a restart), after 10 s: $(gone_within "$second" 0)"
  kill -KILL "$second" 2>/dev/null
  echo "- SIGKILL on the new start: $(gone_within "$second" 5)"
  copy_report
  kill -TERM "$running" 2>/dev/null
  echo "- SIGTERM on the running exporter: $(gone_within "$running" 5)"
  kill -KILL "$running" 2>/dev/null
  echo "- SIGKILL on the running exporter: $(gone_within "$running" 5)"
  kill -CONT "$SERVER_PID"
  SERVER_PID=''
  echo "- sftp-server continued (SIGCONT): new start $(gone_within "$second" 10), running exporter" \
    "$(gone_within "$running" 10)"
  stop_exporters
  rmdir "$cgroup"
  unmount_share
}

# Both client cache settings; bash's notices of the processes killed on purpose are left out.
run_hangs() {
  { run_evict_local && run_hang '' && run_hang kernel_cache; } 2> >(grep -v ' Killed ' >&2)
}

main() {
  ((EUID == 0)) || die "run as root (sshfs mount, sshd, page cache eviction)"
  local tool
  for tool in sshfs fusermount3 /usr/sbin/sshd curl; do
    command -v "$tool" >/dev/null || die "$tool not found (apt-get install sshfs openssh-server curl)"
  done
  [[ -x $RUNTIME/bin/java && -f $JAR ]] || die "build first: ./setup.sh --build"
  trap cleanup EXIT
  mkdir -p "$WORK/cgroup" "$WORK/map" "$WORK/jobs" "$WORK/cache"
  lay_out
  start_sshd
  echo "runtime $(du -sh "$RUNTIME" | cut -f1) in $(find "$RUNTIME" -type f | wc -l) files, lib/modules" \
    "$(du -h "$RUNTIME/lib/modules" | cut -f1), exporter jar $(du -h "$JAR" | cut -f1); $(nproc) CPUs"
  case $MODE in
    start) run_start ;;
    hang) run_hangs ;;
    all) run_start && run_hangs ;;
    *) die "unknown mode $MODE (start, hang or all)" ;;
  esac
}

main
