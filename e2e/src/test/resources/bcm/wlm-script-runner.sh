#!/bin/bash
# shellcheck shell=bash
# Stands in for BCM's generic /cm/local/apps/cmd/scripts/{prolog,epilog} (slurm.conf Prolog=/Epilog=) in tests:
# runs <cm>/local/apps/slurm/var/{prologs,epilogs}/* in lexical order and stops at the first non-zero exit,
# returning it (slurmd then drains the node). Installed as <root>/cm/local/apps/cmd/scripts/<prolog|epilog>,
# where <root> is a test's stand-in for "/".
set -u
kind=${0##*/}
scripts_dir=$(cd "${0%/*}" && pwd) || exit 1
root=${scripts_dir%/cm/local/apps/cmd/scripts}
# Test-only: point the dgxmon scripts at <root>/etc/dgxmon/slurm.env and a capturing logger. On a real node
# they read /etc/dgxmon/slurm.env and use logger(1), and BCM's runner exports nothing of the kind.
export DGXMON_SLURM_ENV=$root/etc/dgxmon/slurm.env DGXMON_LOGGER=$root/usr/bin/logger
for script in "$root/cm/local/apps/slurm/var/${kind}s"/*; do
  [[ -x $script ]] || continue
  "$script" || exit $?
done
exit 0
