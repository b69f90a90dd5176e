[Unit]
Description=dgxmon exporter: job-aware GPU, cgroup and job metrics for Prometheus
After=network-online.target
Wants=network-online.target

[Service]
Type=simple
ExecStart=${installDir}/runtime/bin/java -Xms8m -Xmx48m -Xss512k -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:MaxMetaspaceSize=48m -XX:ReservedCodeCacheSize=16m -XX:+ExitOnOutOfMemoryError -jar ${installDir}/lib/dgxmon-exporter.jar --config ${paths.configDir}/exporter.json
Restart=on-failure
RestartSec=5s
# Runs as root: NVML opens /dev/nvidia* and the cgroup tree belongs to root; everything else is taken away.
# No PrivateDevices and no DevicePolicy: NVML needs /dev/nvidia*, /dev/nvidiactl and /dev/nvidia-uvm.
NoNewPrivileges=yes
ProtectSystem=strict
ProtectHome=yes
PrivateTmp=yes
ProtectKernelTunables=yes
ProtectKernelModules=yes
ProtectKernelLogs=yes
ProtectControlGroups=yes
ProtectClock=yes
ProtectHostname=yes
RestrictSUIDSGID=yes
RestrictRealtime=yes
RestrictNamespaces=yes
LockPersonality=yes
SystemCallArchitectures=native
RestrictAddressFamilies=AF_UNIX AF_INET AF_INET6 AF_NETLINK
ReadOnlyPaths=${paths.cgroupRoot} /run
ReadWritePaths=-${migMapDir}
MemoryMax=160M

[Install]
WantedBy=multi-user.target
