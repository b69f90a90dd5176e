[Unit]
Description=dgxmon role monitor: Prometheus file_sd targets for the nodes that carry the watched BCM roles
After=network-online.target cmd.service
Wants=network-online.target

[Service]
Type=simple
ExecStart=${installDir}/runtime/bin/java -Xms8m -Xmx48m -Xss512k -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:+ExitOnOutOfMemoryError -jar ${installDir}/lib/dgxmon-role-monitor.jar --config ${paths.configDir}/role-monitor.json
Restart=on-failure
RestartSec=10s
# cmsh reads the administrator certificate under /root/.cm, so home stays visible (read-only).
NoNewPrivileges=yes
ProtectSystem=strict
ProtectHome=read-only
PrivateTmp=yes
ProtectKernelTunables=yes
ProtectKernelModules=yes
ProtectKernelLogs=yes
ProtectControlGroups=yes
RestrictSUIDSGID=yes
RestrictRealtime=yes
LockPersonality=yes
SystemCallArchitectures=native
ReadWritePaths=${paths.targetsDir}
MemoryMax=160M

[Install]
WantedBy=multi-user.target
