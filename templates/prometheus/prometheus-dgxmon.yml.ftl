# dgxmon sample for Prometheus, written by dgxmon-deploy: copy this job under scrape_configs of prometheus.yml.
# The role monitor keeps one file per node in ${paths.targetsDir}; each target carries its own job label
# (node_exporter, cgroup_exporter, gpu_exporter, dcgm_exporter) and cluster="${cluster}".
scrape_configs:
  - job_name: dgxmon
    scrape_interval: 30s
    scrape_timeout: 10s
    file_sd_configs:
      - files: ['${paths.targetsDir}/*.json']
        refresh_interval: 30s
