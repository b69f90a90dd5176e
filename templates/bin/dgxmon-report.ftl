#!/bin/bash
# shellcheck shell=bash
# dgxmon-report: a Slurm job's utilisation, energy and CO2e from Prometheus (docs/Energy.md). Installed by dgxmon's
# deployer next to the role monitor; runs on the shipped Java runtime.<#if prometheusUrl?has_content>
# Prometheus: the deploy config's prometheus.url, unless DGXMON_PROMETHEUS_URL or --prometheus says otherwise.
export DGXMON_PROMETHEUS_URL="${r"${DGXMON_PROMETHEUS_URL:-"}${prometheusUrl}}"</#if>
exec ${installDir}/runtime/bin/java -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xmx256m \
  -jar ${installDir}/lib/dgxmon-report.jar "$@"
