{
  "dcgm.listen-address": "${listen.dcgm?json_string}",
  "gpu.listen-address": "${listen.gpu?json_string}",
  "cgroup.listen-address": "${listen.cgroup?json_string}",
  "path.cgroup.root": "${paths.cgroupRoot?json_string}",
  "hpc-job-mapping-dir": "${paths.jobMapDir?json_string}",
  "job-info-dir": "${paths.jobInfoDir?json_string}",
  "mig-map-file": "${paths.migMapFile?json_string}"<#if paths.gpustatDir?has_content>,
  "gpustat-dir": "${paths.gpustatDir?json_string}"</#if><#if paths.nvmlLibrary?has_content>,
  "nvml.library": "${paths.nvmlLibrary?json_string}"</#if><#if hostname?has_content>,
  "hostname": "${hostname?json_string}"</#if><#list exporter.settings as key, value>,
  "${key?json_string}": <#if value?is_boolean>${value?c}<#else>"${value?json_string}"</#if></#list>
}
