# dgxmon-role-monitor: keeps Prometheus file_sd targets in step with BCM roles. Runs on each BCM head node
# (two head nodes: one instance on each, same targets directory). Config: ${paths.configDir}/role-monitor.json,
# see docs/Role-Monitor.md. If you change targetsDir there, change ReadWritePaths= and ExecStartPre= here too.
[Unit]
Description=dgxmon role monitor (BCM roles to Prometheus targets, self-metrics on :9489)
Documentation=https://github.com/dgxmon/dgxmon/blob/main/docs/Role-Monitor.md
# cmsh talks to the local CMDaemon (cmd.service); the targets directory is on the shared /cm/shared mount.
After=network-online.target cmd.service remote-fs.target
Wants=network-online.target
RequiresMountsFor=${paths.targetsDir}

[Service]
Type=simple
# '+': runs outside the sandbox below, so the one writable directory exists before the namespace is built.
ExecStartPre=+/bin/mkdir -p ${paths.targetsDir}
# 10,000 nodes need a few MiB of cmsh output per cycle; 256 MiB of heap leaves ample room.
ExecStart=${installDir}/runtime/bin/java \
    -XX:+UseSerialGC -Xms16m -Xmx256m -XX:TieredStopAtLevel=1 -XX:+ExitOnOutOfMemoryError \
    -jar ${installDir}/lib/dgxmon-role-monitor.jar --config ${paths.configDir}/role-monitor.json<#if roleMonitor.webConfigFile?has_content> \
    --web.config.file ${roleMonitor.webConfigFile}</#if>
# Exit codes (the same in every dgxmon program): 143 is the JVM's answer to SIGTERM, a clean stop; 1 is a runtime
# failure such as a metrics port that cannot be bound (perhaps still held by the old process), worth a restart; 2 is
# a bad config or command line, which needs a person, not a restart loop.
SuccessExitStatus=143
Restart=on-failure
RestartSec=10s
RestartPreventExitStatus=2
TimeoutStopSec=20s
MemoryMax=512M

# Runs as root because cmsh authenticates to CMDaemon with root's X509 certificate (/root/.cm/admin.pem and
# admin.key) and /cm/shared is usually exported to head nodes without root squashing. Root keeps no
# capabilities at all: reading root-owned certificates and writing the root-owned targets directory need none.
User=root
CapabilityBoundingSet=
AmbientCapabilities=
NoNewPrivileges=yes
ProtectSystem=strict
# read-only, not yes: cmsh needs /root/.cm (certificates), ssh (cmsh via ssh) needs /root/.ssh.
ProtectHome=read-only
# cmsh keeps its command history under /root/.cm/cmsh; '-' skips it where it does not exist.
ReadWritePaths=${paths.targetsDir} -/root/.cm/cmsh
PrivateTmp=yes
PrivateDevices=yes
PrivateMounts=yes
ProtectKernelTunables=yes
ProtectKernelModules=yes
ProtectKernelLogs=yes
ProtectControlGroups=yes
ProtectClock=yes
ProtectHostname=yes
# Only this service's own processes (the JVM and its cmsh children, which it must be able to kill) are visible.
ProtectProc=invisible
UMask=0022
RestrictSUIDSGID=yes
RestrictRealtime=yes
RestrictNamespaces=yes
LockPersonality=yes
# TCP to CMDaemon (8081) or ssh, the metrics listener, and local sockets for name lookups.
RestrictAddressFamilies=AF_UNIX AF_INET AF_INET6
SystemCallArchitectures=native
SystemCallFilter=@system-service
SystemCallErrorNumber=EPERM
# MemoryDenyWriteExecute= is deliberately absent: the JVM's JIT needs writable+executable code pages.

[Install]
WantedBy=multi-user.target
