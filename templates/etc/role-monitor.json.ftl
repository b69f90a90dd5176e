{
  "cmsh": "${roleMonitor.cmsh?json_string}",
  "roles": [<#list roleMonitor.roles as role>"${role?json_string}"<#sep>, </#list>],
  "targetsDir": "${paths.targetsDir?json_string}",
  "pollIntervalSeconds": ${roleMonitor.pollIntervalSeconds?c},
  "cmshTimeoutSeconds": ${roleMonitor.cmshTimeoutSeconds?c},
  "cluster": "${cluster?json_string}",
  "address": "${roleMonitor.address?json_string}",
  "exporters": {<#list exporters as name, e>"${name?json_string}": <#if e.port == 0>{"enabled": false}<#else>{"enabled": true, "port": ${e.port?c}, "job": "${e.job?json_string}"}</#if><#sep>, </#list>},
  "labels": {<#list roleMonitor.labels as name, value>"${name?json_string}": "${value?json_string}"<#sep>, </#list>},
  "metricsListenAddress": "${listen.roleMonitor?json_string}"
}
