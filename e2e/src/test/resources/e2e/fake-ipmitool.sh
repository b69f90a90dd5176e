#!/bin/bash
# shellcheck shell=bash
# The end-to-end stack's BMC: answers `ipmitool ... dcmi power reading` the way ipmitool 1.8 prints a BMC's DCMI power
# reading (layout: docs/reference/energy.md), a constant 2400 W. Installed as <stack>/bin/ipmitool; the stack's
# exporters read it through --ipmi.tool ipmitool --ipmi.tool-path. Anything else fails as ipmitool does without a BMC.
set -u
if [[ " $* " != *" dcmi power reading "* ]]; then
  printf 'Could not open device at /dev/ipmi0 or /dev/ipmi/0 or /dev/ipmidev/0: No such file or directory\n' >&2
  exit 1
fi
cat <<'READING'

    Instantaneous power reading:                  2400 Watts
    Minimum during sampling period:               2100 Watts
    Maximum during sampling period:               2700 Watts
    Average power reading over sample period:     2400 Watts
    IPMI timestamp:                           Wed Dec  2 07:00:00 2026
    Sampling period:                          00000001 Seconds.
    Power reading state is:                   activated

READING
