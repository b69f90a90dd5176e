# Written by dgxmon-deploy; read by the dgxmon Slurm prolog and epilog. An empty value turns a file set off.
DGXMON_JOB_MAP_DIR=${paths.jobMapDir}
DGXMON_JOB_INFO_DIR=${paths.jobInfoDir}
DGXMON_GPUSTAT_DIR=${paths.gpustatDir}
DGXMON_MIG_MAP_FILE=${paths.migMapFile}
