#!/bin/bash
# shellcheck shell=bash
# Runs a command "on" node $1 of the end-to-end stack, where every node shares this one host: in a private mount
# namespace whose /run is <stack>/nodes/<node>/run. The paths the deployer rendered as seen from inside a node
# (/run/dcgm-job-map, /run/dgxmon/jobs) thereby become that node's own, as each real node has its own /run.
# Installed by the e2e tests as <stack>/bin/node-exec; usage: node-exec NODE COMMAND [ARGS...]
set -u
# slurmd runs prologs with a bare environment.
export PATH=${PATH:-/usr/sbin:/usr/bin:/sbin:/bin}
node=${1-}
if [[ ! $node =~ ^[A-Za-z0-9][A-Za-z0-9-]*$ ]]; then
  printf 'node-exec: not a node name: %q\n' "$node" >&2
  exit 2
fi
shift
bin=$(cd "${0%/*}" && pwd) || exit 2
run=${bin%/bin}/nodes/$node/run
if [[ ! -d $run ]]; then
  printf 'node-exec: %s is missing\n' "$run" >&2
  exit 2
fi
# shellcheck disable=SC2016 # $0 and $@ belong to the inner shell.
exec unshare --mount --propagation private -- /bin/sh -c 'mount --bind "$0" /run && exec "$@"' "$run" "$@"
