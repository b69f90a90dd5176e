#!/bin/bash
# shellcheck shell=bash
# Slurm epilog (dgxmon): removes exactly the ending job's GPU map lines and files; always exits 0 (docs/Slurm-Scripts.md).
set -u
trap 'exit 0' EXIT HUP INT TERM
dgxmon_self=${BASH_SOURCE[0]}
[[ $dgxmon_self == */* ]] || dgxmon_self=./$dgxmon_self
# BCM runs us through a symlink in /cm/local/...; the library lies next to the real file (or in ../lib in git).
# The default layout is recognised without a readlink process: the same file (-ef) in the shared dir.
if [[ -L $dgxmon_self ]]; then
  dgxmon_real=${dgxmon_self%/cm/local/apps/slurm/var/epilogs/*}/cm/shared/apps/slurm/var/cm/epilog-dgxmon.sh
  [[ $dgxmon_real -ef $dgxmon_self ]] || dgxmon_real=$(readlink -f -- "$dgxmon_self")
  dgxmon_self=$dgxmon_real
fi
# shellcheck source-path=SCRIPTDIR source=../lib/dgxmon_job_map.bash
source "${dgxmon_self%/*}/dgxmon_job_map.bash" 2>/dev/null || source "${dgxmon_self%/*}/../lib/dgxmon_job_map.bash" ||
  { logger -t dgxmon "epilog: dgxmon_job_map.bash missing beside $dgxmon_self; no GPU unmapped" || :; } 2>/dev/null

# The removal itself is in the library (dgxmon_job_removal.bash): a prolog also runs it for epilogs that got no lock.
dgxmon_epilog_main() {
  dgxmon_begin epilog || return 0
  dgxmon_need dgxmon_job_removal || return 0
  dgxmon_open_dirs existing
  dgxmon_lock || { dgxmon_defer_removal; return 0; }
  # shellcheck disable=SC2034 # read by dgxmon_unmap_ended in the library
  DGXMON_ENDED_JOBS[$DGXMON_JOB_ID]=1
  dgxmon_collect_deferred
  dgxmon_unmap_ended
}

declare -F dgxmon_begin >/dev/null && dgxmon_epilog_main
exit 0
