# dgxmon-exporter: job-aware GPU (NVML) and Slurm cgroup metrics for Prometheus on a DGX node.
# Installed by the dgxmon deployer; configuration in ${paths.configDir}/exporter.json (see docs/Exporter.md).
[Unit]
Description=dgxmon exporter (GPU and Slurm job metrics on ${listen.dcgm}, ${listen.gpu}, ${listen.cgroup})
Documentation=https://github.com/dgxmon/dgxmon/blob/main/docs/Exporter.md
After=network-online.target nvidia-persistenced.service
Wants=network-online.target

[Service]
Type=simple
# Small-footprint JVM: serial GC, a 32 MiB heap that shrinks again after a GC (free ratios), C1 only (less
# compiler memory and warm-up, enough for a scrape every 15-30 s), small thread stacks, capped metaspace/code cache. JavaCPP extracts NVML's JNI glue into the
# cache directory systemd creates for us (CacheDirectory=), never into $HOME.
ExecStart=${installDir}/runtime/bin/java \
    -XX:+UseSerialGC -Xms8m -Xmx32m -XX:MinHeapFreeRatio=5 -XX:MaxHeapFreeRatio=20 -Xss512k \
    -XX:MaxMetaspaceSize=64m -XX:ReservedCodeCacheSize=24m -XX:TieredStopAtLevel=1 -XX:CICompilerCount=1 \
    -XX:+ExitOnOutOfMemoryError \
    -Dorg.bytedeco.javacpp.cachedir=/var/cache/dgxmon \
    -jar ${installDir}/lib/dgxmon-exporter.jar --config ${paths.configDir}/exporter.json<#if exporter.webConfigFile?has_content> \
    --web.config.file ${exporter.runtimeWebConfigFile}</#if>
<#if exporter.webConfigFile?has_content>
# exporter.webConfigFile (docs/Security.md, "Deploying a web config"): the deployer installs it 0600 root; at each
# start, as root ('+': outside the sandbox), before the exporter runs, a copy it can read (0640 root:dgxmon) goes into
# a directory of root's (never into one the exporter's user owns). Edit ${exporter.webConfigFile}, then restart.
ExecStartPre=+/usr/bin/install -d -m 0755 -o root -g root ${exporter.runtimeWebConfigDir}
ExecStartPre=+/usr/bin/install -m 0640 -o root -g dgxmon ${exporter.webConfigFile} ${exporter.runtimeWebConfigFile}
</#if>
# Exit codes (the same in every dgxmon program): 143 is the JVM's answer to SIGTERM, a clean stop; 1 is a runtime
# failure such as a port that cannot be bound (perhaps still held by the old process), worth a restart; 2 is a bad
# config or command line, which needs a person, not a restart loop.
SuccessExitStatus=143
Restart=on-failure
RestartSec=5s
RestartPreventExitStatus=2
TimeoutStopSec=15s
CacheDirectory=dgxmon
# /run/dgxmon/exporter holds the one file the exporter writes, the UUID lookup (mig-uuids) the root prolog reads; kept
# across restarts. systemd gives the service user only this last component: /run/dgxmon itself, where the prolog
# keeps jobs/ as root, stays root's, so the exporter can never rename or replace a directory root writes into.
RuntimeDirectory=dgxmon/exporter
RuntimeDirectoryMode=0755
RuntimeDirectoryPreserve=yes
MemoryMax=256M

# Least privilege (docs/Security-Privileges.md): the system user the deployer creates, no capabilities. NVML needs
# no root where /dev/nvidia* are 0666 (the driver's default, NVreg_DeviceFileMode); the cgroup tree, the job map,
# job info and gpustat files are world-readable.
User=dgxmon
Group=dgxmon
<#if exporter.privileges == "profiling">
# exporter.privileges "profiling": CAP_SYS_ADMIN and nothing else, which NVML's GPM profiling needs where the driver
# restricts profiling to administrators (NVreg_RestrictProfilingToAdminUsers=1, the default of recent drivers).
CapabilityBoundingSet=CAP_SYS_ADMIN
AmbientCapabilities=CAP_SYS_ADMIN
<#else>
CapabilityBoundingSet=
AmbientCapabilities=
</#if>
NoNewPrivileges=yes
ProtectSystem=strict
ProtectHome=yes
PrivateTmp=yes
ProtectKernelTunables=yes
ProtectKernelModules=yes
ProtectKernelLogs=yes
# /sys/fs/cgroup read-only: the exporter only reads the Slurm job cgroups.
ProtectControlGroups=yes
ProtectClock=yes
ProtectHostname=yes
# No PrivateDevices= (it would hide the GPUs); instead only NVIDIA's character devices besides the basic ones:
# /dev/nvidiactl and /dev/nvidia<N> (major "nvidia-frontend" or "nvidia"), nvidia-uvm, nvidia-caps (MIG), nvswitch.
# systemd matches the glob against /proc/devices when the service starts, so the driver must be loaded by then.
DevicePolicy=closed
DeviceAllow=char-nvidia* rw
# /dev/ipmi0 (major "ipmidev") for the BMC power reading (ipmi.tool, off by default): the device cgroup lets the
# service open it, the file's mode still decides; a site grants it with a udev rule (docs/Energy-Sources.md).
DeviceAllow=char-ipmidev rw
# Reads the GPU/job map and the job info files, never writes them; /run/dgxmon/exporter is the one writable place.
ReadOnlyPaths=-${paths.jobMapDir} -${paths.gpustatDir?has_content?then(paths.gpustatDir, "/run/gpustat")} -${paths.cgroupRoot}
PrivateMounts=yes
# Other processes are invisible; /proc/driver/nvidia stays readable (so no ProcSubset=pid).
ProtectProc=invisible
# Its own files (the JavaCPP cache) private; the UUID lookup is made world-readable explicitly.
UMask=0077
RestrictSUIDSGID=yes
RestrictRealtime=yes
RestrictNamespaces=yes
LockPersonality=yes
RemoveIPC=yes
RestrictAddressFamilies=AF_UNIX AF_INET AF_INET6
<#if exporter.ipAddressAllow?has_content>
# exporter.ipAddressAllow: only the scrapers named in the deploy config (and this host) may reach the listeners.
IPAddressDeny=any
IPAddressAllow=localhost<#list exporter.ipAddressAllow as address> ${address}</#list>
</#if>
SystemCallArchitectures=native
SystemCallFilter=@system-service
# Neither the JVM nor NVML changes identities, owners or the clock. @resources stays: the JVM raises its own
# RLIMIT_NOFILE with setrlimit at startup.
SystemCallFilter=~@privileged
SystemCallErrorNumber=EPERM
# MemoryDenyWriteExecute= is deliberately absent: the JVM's JIT needs writable+executable code pages.

[Install]
WantedBy=multi-user.target
