#!/bin/bash
# shellcheck shell=bash
# Stands in for BCM's generic Slurm prolog/epilog runner (slurm.conf Prolog=/Epilog=) when several "nodes" share
# one host: runs <stack>/nodes/$SLURMD_NODENAME/cm/local/apps/slurm/var/<kind>s/* in lexical order, each through
# node-exec (the node's own /run), and stops at the first non-zero exit, returning it (slurmd then drains the node).
# Installed by the e2e tests as <stack>/bin/prolog and <stack>/bin/epilog.
set -u
kind=${0##*/}
node=${SLURMD_NODENAME-}
if [[ ! $node =~ ^[A-Za-z0-9][A-Za-z0-9-]*$ ]]; then
  printf '%s runner: not a node name: SLURMD_NODENAME=%q\n' "$kind" "$node" >&2
  exit 1
fi
bin=$(cd "${0%/*}" && pwd) || exit 1
root=${bin%/bin}/nodes/$node
# The dgxmon scripts read /etc/dgxmon/slurm.env; this node's installed copy is under its root (their documented
# override). Everything else they use comes from Slurm's environment, as on a real node.
export DGXMON_SLURM_ENV=$root/etc/dgxmon/slurm.env
for script in "$root/cm/local/apps/slurm/var/${kind}s"/*; do
  [[ -x $script ]] || continue
  "$bin/node-exec" "$node" "$script" || exit $?
done
exit 0
