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
    -jar ${installDir}/lib/dgxmon-exporter.jar --config ${paths.configDir}/exporter.json
# Exit codes (the same in every dgxmon program): 143 is the JVM's answer to SIGTERM, a clean stop; 1 is a runtime
# failure such as a port that cannot be bound (perhaps still held by the old process), worth a restart; 2 is a bad
# config or command line, which needs a person, not a restart loop.
SuccessExitStatus=143
Restart=on-failure
RestartSec=5s
RestartPreventExitStatus=2
TimeoutStopSec=15s
CacheDirectory=dgxmon
# /run/dgxmon holds the prolog's job info files and the MIG UUID map the exporter writes; keep it across restarts.
RuntimeDirectory=dgxmon
RuntimeDirectoryMode=0755
RuntimeDirectoryPreserve=yes
MemoryMax=256M

# Hardening. Root is needed for NVML on some drivers and to write /run/dgxmon; everything else is taken away.
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
# No PrivateDevices=: NVML opens /dev/nvidiactl, /dev/nvidia<N>, /dev/nvidia-uvm and /dev/nvidia-caps/*.
# Reads the GPU/job map and the job info files, never writes them; /run/dgxmon (below) is the one writable place.
ReadOnlyPaths=-${paths.jobMapDir} -${paths.gpustatDir?has_content?then(paths.gpustatDir, "/run/gpustat")} -${paths.cgroupRoot}
ReadWritePaths=/run/dgxmon
PrivateMounts=yes
# Other processes are invisible; /proc/driver/nvidia stays readable (so no ProcSubset=pid).
ProtectProc=invisible
UMask=0027
RestrictSUIDSGID=yes
RestrictRealtime=yes
RestrictNamespaces=yes
LockPersonality=yes
RestrictAddressFamilies=AF_UNIX AF_INET AF_INET6
SystemCallArchitectures=native
SystemCallFilter=@system-service
SystemCallErrorNumber=EPERM
# Kept: CAP_SYS_ADMIN, CAP_DAC_*, CAP_MKNOD, which some NVML versions use (device nodes, restricted queries).
CapabilityBoundingSet=~CAP_SYS_MODULE CAP_SYS_RAWIO CAP_SYS_BOOT CAP_SYS_TIME CAP_SYS_PTRACE CAP_SYS_PACCT \
    CAP_SYS_TTY_CONFIG CAP_SYS_CHROOT CAP_SYS_NICE CAP_SYS_RESOURCE CAP_NET_ADMIN CAP_NET_RAW \
    CAP_NET_BIND_SERVICE CAP_NET_BROADCAST CAP_SETUID CAP_SETGID CAP_SETPCAP CAP_SETFCAP CAP_CHOWN CAP_FOWNER \
    CAP_FSETID CAP_KILL CAP_LEASE CAP_IPC_LOCK CAP_BLOCK_SUSPEND CAP_WAKE_ALARM CAP_AUDIT_CONTROL \
    CAP_AUDIT_READ CAP_AUDIT_WRITE CAP_MAC_ADMIN CAP_MAC_OVERRIDE CAP_LINUX_IMMUTABLE CAP_BPF CAP_SYSLOG
# MemoryDenyWriteExecute= is deliberately absent: the JVM's JIT needs writable+executable code pages.

[Install]
WantedBy=multi-user.target
