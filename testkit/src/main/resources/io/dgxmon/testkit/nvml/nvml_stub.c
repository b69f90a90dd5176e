/*
 * A fake libnvidia-ml.so.1 for tests: answers the NVML calls dgxmon-exporter makes with values from a
 * scenario file (path in $DGXMON_NVML_STUB_SCENARIO), re-read whenever the file changes.
 *
 * Scenario format, one "key=value" per line, '#' starts a comment:
 *   init_error=9                       nvmlInit_v2 fails with this code (e.g. 9 = DRIVER_NOT_LOADED)
 *   driver_version=550.144.03
 *   nvml_version=12.550.144.03         (default: "12." + driver_version)
 *   gpu_count=2
 *   hang=nvmlDeviceGetPowerUsage       this call sleeps hang_seconds (default 3600) ...
 *   hang_gpu=1                         ... only on this GPU (default: every GPU)
 *   gpu.<i>.<field>=<value>            per-GPU values, fields below
 *   gpu.<i>.mig.count=2, gpu.<i>.mig.<j>.{gi,uuid,name,fb_total_mib,fb_used_mib,fb_free_mib}=...
 * GPU fields: name uuid pci_bus_id minor error (an nvmlReturn_t every call on the GPU answers, e.g. 15)
 *   sm_clock mem_clock graphics_clock video_clock gpu_temp memory_temp power_mw energy_mj pcie_replay
 *   gpu_util mem_util enc_util dec_util fb_total_mib fb_free_mib fb_used_mib fb_reserved_mib nvlink_bw_total
 *   remap_corr remap_unc remap_pending remap_failure fan ecc_corr_vol ecc_corr_agg ecc_unc_vol ecc_unc_agg
 *   clock_event_reasons (nvmlClocksEventReason* bitmask, e.g. 72 = HW slowdown | HW thermal slowdown)
 *   xid (delivered once as an XID event per distinct value) gpm (1 = GPM supported)
 *   gpm_graphics_util gpm_sm_util gpm_sm_occupancy gpm_integer_util gpm_tensor_util gpm_dram_util gpm_fp64_util
 *   gpm_fp32_util gpm_fp16_util (percent) gpm_pcie_tx gpm_pcie_rx gpm_nvlink_rx gpm_nvlink_tx (MiB/s)
 * MIG instances have their own GPM values: gpu.<i>.mig.<j>.gpm_* (sampled with nvmlGpmMigSampleGet on the parent
 * GPU and the instance's gi, or with nvmlGpmSampleGet on the MIG handle; GPM support is the parent's).
 * A numeric field that is absent makes its call answer NVML_ERROR_NOT_SUPPORTED (3).
 *
 * Struct layouts are those of nvml.h as seen by JavaCPP's org.bytedeco.cuda 13.1-9.19-1.5.13 (checked with
 * Loader.sizeof/offsetof; the _Static_asserts below pin them).
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define OK 0
#define E_UNINITIALIZED 1
#define E_INVALID_ARGUMENT 2
#define E_NOT_SUPPORTED 3
#define E_NOT_FOUND 6
#define E_INSUFFICIENT_SIZE 7
#define E_TIMEOUT 10
#define E_ARGUMENT_VERSION_MISMATCH 25
#define MAX_GPUS 64
#define MAX_MIGS 8
#define TEXT 96

typedef struct { unsigned int gpu, memory; } nvmlUtilization_t;
typedef struct {
  unsigned int version;
  unsigned long long total, reserved, free, used;
} nvmlMemory_v2_t;
typedef struct {
  char busIdLegacy[16];
  unsigned int domain, bus, device, pciDeviceId, pciSubSystemId;
  char busId[32];
} nvmlPciInfo_t;
typedef union { double dVal; unsigned int uiVal; unsigned long ulVal; unsigned long long ullVal; long long sllVal; } nvmlValue_t;
typedef struct {
  unsigned int fieldId, scopeId;
  long long timestamp, latencyUsec;
  int valueType, nvmlReturn;
  nvmlValue_t value;
} nvmlFieldValue_t;
typedef struct { unsigned int version, isSupportedDevice; } nvmlGpmSupport_t;
typedef struct gpm_sample { int gpu, mig; } *nvmlGpmSample_t;
typedef struct {
  unsigned int metricId;
  int nvmlReturn;
  double value;
  struct { char *shortName, *longName, *unit; } metricInfo;
} nvmlGpmMetric_t;
typedef struct {
  unsigned int version, numMetrics;
  nvmlGpmSample_t sample1, sample2;
  nvmlGpmMetric_t metrics[210];
} nvmlGpmMetricsGet_t;
typedef struct device { int gpu, mig; } *nvmlDevice_t;
typedef struct {
  nvmlDevice_t device;
  unsigned long long eventType, eventData;
  unsigned int gpuInstanceId, computeInstanceId;
} nvmlEventData_t;
typedef struct event_set { unsigned long long mask[MAX_GPUS]; } *nvmlEventSet_t;

_Static_assert(sizeof(nvmlMemory_v2_t) == 40, "nvmlMemory_v2_t");
_Static_assert(sizeof(nvmlPciInfo_t) == 68, "nvmlPciInfo_t");
_Static_assert(sizeof(nvmlFieldValue_t) == 40, "nvmlFieldValue_t");
_Static_assert(sizeof(nvmlEventData_t) == 32, "nvmlEventData_t");
_Static_assert(sizeof(nvmlGpmMetric_t) == 40, "nvmlGpmMetric_t");
_Static_assert(sizeof(nvmlGpmMetricsGet_t) == 8424, "nvmlGpmMetricsGet_t");

/* --- scenario ------------------------------------------------------------------------------------ */

typedef struct { char key[64]; char value[TEXT]; } entry_t;
static entry_t *entries;
static int entry_count, entry_capacity;
static struct device gpu_handles[MAX_GPUS];
static struct device mig_handles[MAX_GPUS][MAX_MIGS];
static long long xid_delivered[MAX_GPUS];
static struct timespec loaded_mtime;
static off_t loaded_size = -1;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static int initialised;

static void load_scenario_locked(void) {
  const char *path = getenv("DGXMON_NVML_STUB_SCENARIO");
  struct stat st;
  if (path == NULL || stat(path, &st) != 0) return;
  if (st.st_size == loaded_size && st.st_mtim.tv_sec == loaded_mtime.tv_sec
      && st.st_mtim.tv_nsec == loaded_mtime.tv_nsec) return;
  FILE *f = fopen(path, "r");
  if (f == NULL) return;
  entry_count = 0;
  char line[512];
  while (fgets(line, sizeof line, f) != NULL) {
    line[strcspn(line, "\r\n")] = 0;
    char *eq = strchr(line, '=');
    if (line[0] == '#' || eq == NULL) continue;
    *eq = 0;
    if (entry_count == entry_capacity) {
      entry_capacity = entry_capacity ? entry_capacity * 2 : 256;
      entries = realloc(entries, sizeof(entry_t) * entry_capacity);
    }
    snprintf(entries[entry_count].key, sizeof entries[0].key, "%s", line);
    snprintf(entries[entry_count].value, sizeof entries[0].value, "%s", eq + 1);
    entry_count++;
  }
  fclose(f);
  loaded_size = st.st_size;
  loaded_mtime = st.st_mtim;
}

static void reload(void) {
  pthread_mutex_lock(&lock);
  load_scenario_locked();
  pthread_mutex_unlock(&lock);
}

/* Copies the value of key into out (size n); returns 0 when absent. */
static int lookup(const char *key, char *out, size_t n) {
  int found = 0;
  pthread_mutex_lock(&lock);
  for (int i = entry_count - 1; i >= 0 && !found; i--) {
    if (strcmp(entries[i].key, key) == 0) {
      snprintf(out, n, "%s", entries[i].value);
      found = 1;
    }
  }
  pthread_mutex_unlock(&lock);
  return found;
}

static int number(const char *key, double *out) {
  char value[TEXT];
  if (!lookup(key, value, sizeof value)) return 0;
  *out = strtod(value, NULL);
  return 1;
}

static long long number_or(const char *key, long long fallback) {
  double v;
  return number(key, &v) ? (long long)v : fallback;
}

static int gpu_count(void) {
  long long n = number_or("gpu_count", 0);
  return n < 0 ? 0 : n > MAX_GPUS ? MAX_GPUS : (int)n;
}

/* Sleeps when the scenario says this call hangs (optionally only on one GPU). */
static void maybe_hang(const char *function, int gpu) {
  char name[TEXT];
  if (!lookup("hang", name, sizeof name) || strcmp(name, function) != 0) return;
  long long only = number_or("hang_gpu", -1);
  if (only >= 0 && only != gpu) return;
  sleep((unsigned int)number_or("hang_seconds", 3600));
}

/* Validates a handle and applies the scenario's per-GPU error and hang; returns an nvmlReturn_t. */
static int enter(const char *function, nvmlDevice_t d) {
  if (!initialised) return E_UNINITIALIZED;
  if (d == NULL || d->gpu < 0 || d->gpu >= gpu_count()) return E_INVALID_ARGUMENT;
  maybe_hang(function, d->gpu);
  char key[64];
  snprintf(key, sizeof key, "gpu.%d.error", d->gpu);
  return (int)number_or(key, OK);
}

static char *field_key(char *buf, size_t n, nvmlDevice_t d, const char *field) {
  if (d->mig >= 0) snprintf(buf, n, "gpu.%d.mig.%d.%s", d->gpu, d->mig, field);
  else snprintf(buf, n, "gpu.%d.%s", d->gpu, field);
  return buf;
}

/* Reads a numeric GPU (or MIG) field; NOT_SUPPORTED when the scenario does not give it. */
static int read_number(const char *function, nvmlDevice_t d, const char *field, double *out) {
  int rc = enter(function, d);
  if (rc != OK) return rc;
  char key[96];
  return number(field_key(key, sizeof key, d, field), out) ? OK : E_NOT_SUPPORTED;
}

static int read_uint(const char *function, nvmlDevice_t d, const char *field, unsigned int *out) {
  double v;
  if (out == NULL) return E_INVALID_ARGUMENT;
  int rc = read_number(function, d, field, &v);
  if (rc == OK) *out = (unsigned int)v;
  return rc;
}

static int read_text(const char *function, nvmlDevice_t d, const char *field, char *out, unsigned int n) {
  if (out == NULL) return E_INVALID_ARGUMENT;
  int rc = enter(function, d);
  if (rc != OK) return rc;
  char key[96], value[TEXT];
  if (!lookup(field_key(key, sizeof key, d, field), value, sizeof value)) return E_NOT_SUPPORTED;
  if (strlen(value) + 1 > n) return E_INSUFFICIENT_SIZE;
  memcpy(out, value, strlen(value) + 1);
  return OK;
}

/* --- init, system ---------------------------------------------------------------------------------- */

int nvmlInit_v2(void) {
  reload();
  maybe_hang("nvmlInit_v2", -1);
  int rc = (int)number_or("init_error", OK);
  if (rc != OK) return rc;
  for (int i = 0; i < MAX_GPUS; i++) {
    gpu_handles[i].gpu = i;
    gpu_handles[i].mig = -1;
    for (int j = 0; j < MAX_MIGS; j++) {
      mig_handles[i][j].gpu = i;
      mig_handles[i][j].mig = j;
    }
  }
  initialised = 1;
  return OK;
}
int nvmlInit(void) { return nvmlInit_v2(); }
int nvmlInitWithFlags(unsigned int flags) { (void)flags; return nvmlInit_v2(); }
int nvmlShutdown(void) { initialised = 0; return OK; }

const char *nvmlErrorString(int rc) {
  switch (rc) {
    case OK: return "Success";
    case E_UNINITIALIZED: return "Uninitialized";
    case E_INVALID_ARGUMENT: return "Invalid Argument";
    case E_NOT_SUPPORTED: return "Not Supported";
    case E_NOT_FOUND: return "Not Found";
    case 9: return "Driver Not Loaded";
    case E_TIMEOUT: return "Timeout";
    case 15: return "GPU is lost";
    default: return "Unknown Error";
  }
}

int nvmlSystemGetDriverVersion(char *version, unsigned int length) {
  if (!initialised) return E_UNINITIALIZED;
  char value[TEXT];
  if (!lookup("driver_version", value, sizeof value)) snprintf(value, sizeof value, "550.144.03");
  if (version == NULL || strlen(value) + 1 > length) return E_INSUFFICIENT_SIZE;
  memcpy(version, value, strlen(value) + 1);
  return OK;
}

int nvmlSystemGetNVMLVersion(char *version, unsigned int length) {
  if (!initialised) return E_UNINITIALIZED;
  char value[TEXT], driver[TEXT - 8];
  if (!lookup("nvml_version", value, sizeof value)) {
    if (!lookup("driver_version", driver, sizeof driver)) snprintf(driver, sizeof driver, "550.144.03");
    snprintf(value, sizeof value, "12.%s", driver);
  }
  if (version == NULL || strlen(value) + 1 > length) return E_INSUFFICIENT_SIZE;
  memcpy(version, value, strlen(value) + 1);
  return OK;
}

int nvmlDeviceGetCount_v2(unsigned int *count) {
  if (!initialised) return E_UNINITIALIZED;
  if (count == NULL) return E_INVALID_ARGUMENT;
  reload();
  maybe_hang("nvmlDeviceGetCount_v2", -1);
  *count = (unsigned int)gpu_count();
  return OK;
}

int nvmlDeviceGetHandleByIndex_v2(unsigned int index, nvmlDevice_t *device) {
  if (!initialised) return E_UNINITIALIZED;
  if (device == NULL || index >= (unsigned int)gpu_count()) return E_INVALID_ARGUMENT;
  maybe_hang("nvmlDeviceGetHandleByIndex_v2", (int)index);
  *device = &gpu_handles[index];
  return OK;
}

/* --- identity -------------------------------------------------------------------------------------- */

int nvmlDeviceGetUUID(nvmlDevice_t d, char *uuid, unsigned int n) { return read_text("nvmlDeviceGetUUID", d, "uuid", uuid, n); }
int nvmlDeviceGetName(nvmlDevice_t d, char *name, unsigned int n) { return read_text("nvmlDeviceGetName", d, "name", name, n); }
int nvmlDeviceGetMinorNumber(nvmlDevice_t d, unsigned int *minor) {
  int rc = read_uint("nvmlDeviceGetMinorNumber", d, "minor", minor);
  if (rc == E_NOT_SUPPORTED && minor != NULL) { *minor = (unsigned int)d->gpu; rc = OK; }
  return rc;
}

int nvmlDeviceGetPciInfo_v3(nvmlDevice_t d, nvmlPciInfo_t *pci) {
  if (pci == NULL) return E_INVALID_ARGUMENT;
  memset(pci, 0, sizeof *pci);
  int rc = read_text("nvmlDeviceGetPciInfo_v3", d, "pci_bus_id", pci->busId, sizeof pci->busId);
  if (rc == OK) {
    snprintf(pci->busIdLegacy, sizeof pci->busIdLegacy, "%s", pci->busId + (strlen(pci->busId) > 12 ? 4 : 0));
    sscanf(pci->busId, "%x:%x:%x", &pci->domain, &pci->bus, &pci->device);
    pci->pciDeviceId = 0x233010de;
  }
  return rc;
}

/* --- readings -------------------------------------------------------------------------------------- */

int nvmlDeviceGetClockInfo(nvmlDevice_t d, int type, unsigned int *clock) {
  static const char *fields[] = {"graphics_clock", "sm_clock", "mem_clock", "video_clock"};
  if (type < 0 || type > 3) return E_INVALID_ARGUMENT;
  return read_uint("nvmlDeviceGetClockInfo", d, fields[type], clock);
}

int nvmlDeviceGetTemperature(nvmlDevice_t d, int sensor, unsigned int *temp) {
  if (sensor != 0) return E_INVALID_ARGUMENT;
  return read_uint("nvmlDeviceGetTemperature", d, "gpu_temp", temp);
}

int nvmlDeviceGetPowerUsage(nvmlDevice_t d, unsigned int *mw) { return read_uint("nvmlDeviceGetPowerUsage", d, "power_mw", mw); }
int nvmlDeviceGetPcieReplayCounter(nvmlDevice_t d, unsigned int *v) { return read_uint("nvmlDeviceGetPcieReplayCounter", d, "pcie_replay", v); }
int nvmlDeviceGetFanSpeed(nvmlDevice_t d, unsigned int *v) { return read_uint("nvmlDeviceGetFanSpeed", d, "fan", v); }

static int clocks_event_reasons(const char *function, nvmlDevice_t d, unsigned long long *reasons) {
  double v;
  if (reasons == NULL) return E_INVALID_ARGUMENT;
  if (d != NULL && d->mig >= 0) return E_NOT_SUPPORTED;
  int rc = read_number(function, d, "clock_event_reasons", &v);
  if (rc == OK) *reasons = (unsigned long long)v;
  return rc;
}
/* nvml.h keeps the pre-R535 name (deprecated) beside the new one; both answer the same bitmask. */
int nvmlDeviceGetCurrentClocksThrottleReasons(nvmlDevice_t d, unsigned long long *r) { return clocks_event_reasons("nvmlDeviceGetCurrentClocksThrottleReasons", d, r); }
int nvmlDeviceGetCurrentClocksEventReasons(nvmlDevice_t d, unsigned long long *r) { return clocks_event_reasons("nvmlDeviceGetCurrentClocksEventReasons", d, r); }

int nvmlDeviceGetTotalEnergyConsumption(nvmlDevice_t d, unsigned long long *mj) {
  double v;
  if (mj == NULL) return E_INVALID_ARGUMENT;
  int rc = read_number("nvmlDeviceGetTotalEnergyConsumption", d, "energy_mj", &v);
  if (rc == OK) *mj = (unsigned long long)v;
  return rc;
}

int nvmlDeviceGetUtilizationRates(nvmlDevice_t d, nvmlUtilization_t *u) {
  if (u == NULL) return E_INVALID_ARGUMENT;
  if (d != NULL && d->mig >= 0) return E_NOT_SUPPORTED;
  int rc = read_uint("nvmlDeviceGetUtilizationRates", d, "gpu_util", &u->gpu);
  return rc == OK ? read_uint("nvmlDeviceGetUtilizationRates", d, "mem_util", &u->memory) : rc;
}

static int codec_util(const char *function, nvmlDevice_t d, const char *field, unsigned int *util, unsigned int *period) {
  if (period == NULL) return E_INVALID_ARGUMENT;
  *period = 167000;
  return read_uint(function, d, field, util);
}
int nvmlDeviceGetEncoderUtilization(nvmlDevice_t d, unsigned int *u, unsigned int *p) { return codec_util("nvmlDeviceGetEncoderUtilization", d, "enc_util", u, p); }
int nvmlDeviceGetDecoderUtilization(nvmlDevice_t d, unsigned int *u, unsigned int *p) { return codec_util("nvmlDeviceGetDecoderUtilization", d, "dec_util", u, p); }

int nvmlDeviceGetMemoryInfo_v2(nvmlDevice_t d, nvmlMemory_v2_t *m) {
  double total, free_mib, used, reserved = 0;
  if (m == NULL) return E_INVALID_ARGUMENT;
  if (m->version != (sizeof(nvmlMemory_v2_t) | (2u << 24))) return E_ARGUMENT_VERSION_MISMATCH;
  int rc = read_number("nvmlDeviceGetMemoryInfo_v2", d, "fb_total_mib", &total);
  if (rc == OK) rc = read_number("nvmlDeviceGetMemoryInfo_v2", d, "fb_free_mib", &free_mib);
  if (rc == OK) rc = read_number("nvmlDeviceGetMemoryInfo_v2", d, "fb_used_mib", &used);
  if (rc != OK) return rc;
  read_number("nvmlDeviceGetMemoryInfo_v2", d, "fb_reserved_mib", &reserved);
  m->total = (unsigned long long)(total * 1048576);
  m->free = (unsigned long long)(free_mib * 1048576);
  m->used = (unsigned long long)(used * 1048576);
  m->reserved = (unsigned long long)(reserved * 1048576);
  return OK;
}

int nvmlDeviceGetRemappedRows(nvmlDevice_t d, unsigned int *corr, unsigned int *unc, unsigned int *pending, unsigned int *failure) {
  int rc = read_uint("nvmlDeviceGetRemappedRows", d, "remap_corr", corr);
  if (rc == OK) rc = read_uint("nvmlDeviceGetRemappedRows", d, "remap_unc", unc);
  if (rc == OK) rc = read_uint("nvmlDeviceGetRemappedRows", d, "remap_pending", pending);
  if (rc == OK) rc = read_uint("nvmlDeviceGetRemappedRows", d, "remap_failure", failure);
  return rc;
}

int nvmlDeviceGetTotalEccErrors(nvmlDevice_t d, int errorType, int counterType, unsigned long long *count) {
  static const char *fields[2][2] = {{"ecc_corr_vol", "ecc_corr_agg"}, {"ecc_unc_vol", "ecc_unc_agg"}};
  double v;
  if (count == NULL || errorType < 0 || errorType > 1 || counterType < 0 || counterType > 1) return E_INVALID_ARGUMENT;
  int rc = read_number("nvmlDeviceGetTotalEccErrors", d, fields[errorType][counterType], &v);
  if (rc == OK) *count = (unsigned long long)v;
  return rc;
}

/* Field values: NVML_FI_DEV_MEMORY_TEMP (82, uint) and NVML_FI_DEV_NVLINK_BANDWIDTH_C0_TOTAL (66, ull). */
int nvmlDeviceGetFieldValues(nvmlDevice_t d, int count, nvmlFieldValue_t *values) {
  int rc = enter("nvmlDeviceGetFieldValues", d);
  if (rc != OK) return rc;
  if (values == NULL || count < 0) return E_INVALID_ARGUMENT;
  for (int i = 0; i < count; i++) {
    nvmlFieldValue_t *v = &values[i];
    double x;
    const char *field = v->fieldId == 82 ? "memory_temp" : v->fieldId == 66 ? "nvlink_bw_total" : NULL;
    v->timestamp = (long long)time(NULL) * 1000000;
    v->latencyUsec = 0;
    if (field == NULL || read_number("nvmlDeviceGetFieldValues", d, field, &x) != OK) {
      v->nvmlReturn = E_NOT_SUPPORTED;
      continue;
    }
    v->nvmlReturn = OK;
    if (v->fieldId == 82) { v->valueType = 1; v->value.uiVal = (unsigned int)x; }
    else { v->valueType = 3; v->value.ullVal = (unsigned long long)x; }
  }
  return OK;
}

/* --- MIG ------------------------------------------------------------------------------------------- */

static int mig_count(int gpu) {
  char key[64];
  snprintf(key, sizeof key, "gpu.%d.mig.count", gpu);
  long long n = number_or(key, 0);
  return n < 0 ? 0 : n > MAX_MIGS ? MAX_MIGS : (int)n;
}

int nvmlDeviceGetMigMode(nvmlDevice_t d, unsigned int *current, unsigned int *pending) {
  int rc = enter("nvmlDeviceGetMigMode", d);
  if (rc != OK) return rc;
  if (current == NULL || pending == NULL) return E_INVALID_ARGUMENT;
  *current = *pending = mig_count(d->gpu) > 0 ? 1 : 0;
  return OK;
}

int nvmlDeviceGetMaxMigDeviceCount(nvmlDevice_t d, unsigned int *count) {
  int rc = enter("nvmlDeviceGetMaxMigDeviceCount", d);
  if (rc != OK) return rc;
  if (count == NULL) return E_INVALID_ARGUMENT;
  *count = MAX_MIGS - 1;
  return OK;
}

int nvmlDeviceGetMigDeviceHandleByIndex(nvmlDevice_t d, unsigned int index, nvmlDevice_t *mig) {
  int rc = enter("nvmlDeviceGetMigDeviceHandleByIndex", d);
  if (rc != OK) return rc;
  if (mig == NULL || d->mig >= 0) return E_INVALID_ARGUMENT;
  if (index >= (unsigned int)mig_count(d->gpu)) return E_NOT_FOUND;
  *mig = &mig_handles[d->gpu][index];
  return OK;
}

int nvmlDeviceGetGpuInstanceId(nvmlDevice_t d, unsigned int *id) {
  if (d != NULL && d->mig < 0) return E_INVALID_ARGUMENT;
  return read_uint("nvmlDeviceGetGpuInstanceId", d, "gi", id);
}

/* --- GPM ------------------------------------------------------------------------------------------- */

int nvmlGpmQueryDeviceSupport(nvmlDevice_t d, nvmlGpmSupport_t *support) {
  int rc = enter("nvmlGpmQueryDeviceSupport", d);
  if (rc != OK) return rc;
  if (support == NULL) return E_INVALID_ARGUMENT;
  if (support->version != 1) return E_ARGUMENT_VERSION_MISMATCH;
  char key[96];
  support->isSupportedDevice = number_or(field_key(key, sizeof key, d, "gpm"), 0) ? 1 : 0;
  return OK;
}

int nvmlGpmSampleAlloc(nvmlGpmSample_t *sample) {
  if (sample == NULL) return E_INVALID_ARGUMENT;
  *sample = calloc(1, sizeof(struct gpm_sample));
  (*sample)->gpu = -1;
  (*sample)->mig = -1;
  return OK;
}

int nvmlGpmSampleFree(nvmlGpmSample_t sample) { free(sample); return OK; }

int nvmlGpmSampleGet(nvmlDevice_t d, nvmlGpmSample_t sample) {
  int rc = enter("nvmlGpmSampleGet", d);
  if (rc != OK) return rc;
  if (sample == NULL) return E_INVALID_ARGUMENT;
  sample->gpu = d->gpu;
  sample->mig = d->mig;
  return OK;
}

/* The parent GPU's handle and the GPU instance id; an id no instance has is an invalid argument (a guess). */
int nvmlGpmMigSampleGet(nvmlDevice_t d, unsigned int gpuInstanceId, nvmlGpmSample_t sample) {
  int rc = enter("nvmlGpmMigSampleGet", d);
  if (rc != OK) return rc;
  if (sample == NULL || d->mig >= 0) return E_INVALID_ARGUMENT;
  char key[96];
  snprintf(key, sizeof key, "gpu.%d.gpm", d->gpu);
  if (!number_or(key, 0)) return E_NOT_SUPPORTED;
  for (int slot = 0; slot < mig_count(d->gpu); slot++) {
    snprintf(key, sizeof key, "gpu.%d.mig.%d.gi", d->gpu, slot);
    if (number_or(key, -1) == (long long)gpuInstanceId) {
      sample->gpu = d->gpu;
      sample->mig = slot;
      return OK;
    }
  }
  return E_INVALID_ARGUMENT;
}

/* nvmlGpmMetricId_t values of nvml.h and the scenario field that answers each. */
static const struct { unsigned int id; const char *field; } gpm_metrics[] = {
  {1, "gpm_graphics_util"}, {2, "gpm_sm_util"}, {3, "gpm_sm_occupancy"}, {4, "gpm_integer_util"},
  {5, "gpm_tensor_util"}, {10, "gpm_dram_util"}, {11, "gpm_fp64_util"}, {12, "gpm_fp32_util"},
  {13, "gpm_fp16_util"}, {20, "gpm_pcie_tx"}, {21, "gpm_pcie_rx"}, {60, "gpm_nvlink_rx"}, {61, "gpm_nvlink_tx"},
};

static const char *gpm_field(unsigned int id) {
  for (size_t i = 0; i < sizeof gpm_metrics / sizeof gpm_metrics[0]; i++) {
    if (gpm_metrics[i].id == id) return gpm_metrics[i].field;
  }
  return NULL;
}

int nvmlGpmMetricsGet(nvmlGpmMetricsGet_t *m) {
  if (m == NULL || m->sample1 == NULL || m->sample2 == NULL) return E_INVALID_ARGUMENT;
  if (m->version != 1) return E_ARGUMENT_VERSION_MISMATCH;
  struct device sampled = {m->sample2->gpu, m->sample2->mig};
  if (sampled.gpu < 0 || m->sample1->gpu != sampled.gpu || m->sample1->mig != sampled.mig || m->numMetrics > 210) {
    return E_INVALID_ARGUMENT;
  }
  for (unsigned int i = 0; i < m->numMetrics; i++) {
    nvmlGpmMetric_t *metric = &m->metrics[i];
    const char *field = gpm_field(metric->metricId);
    char key[96];
    double v = 0;
    metric->nvmlReturn = field != NULL && number(field_key(key, sizeof key, &sampled, field), &v) ? OK : E_NOT_SUPPORTED;
    metric->value = v;
    memset(&metric->metricInfo, 0, sizeof metric->metricInfo);
  }
  return OK;
}

/* --- events (XID) ---------------------------------------------------------------------------------- */

int nvmlEventSetCreate(nvmlEventSet_t *set) {
  if (!initialised) return E_UNINITIALIZED;
  if (set == NULL) return E_INVALID_ARGUMENT;
  *set = calloc(1, sizeof(struct event_set));
  return OK;
}

int nvmlDeviceRegisterEvents(nvmlDevice_t d, unsigned long long types, nvmlEventSet_t set) {
  int rc = enter("nvmlDeviceRegisterEvents", d);
  if (rc != OK) return rc;
  if (set == NULL) return E_INVALID_ARGUMENT;
  set->mask[d->gpu] |= types;
  return OK;
}

int nvmlEventSetWait_v2(nvmlEventSet_t set, nvmlEventData_t *data, unsigned int timeoutMs) {
  if (!initialised) return E_UNINITIALIZED;
  if (set == NULL || data == NULL) return E_INVALID_ARGUMENT;
  maybe_hang("nvmlEventSetWait_v2", -1);
  int n = gpu_count();
  for (int gpu = 0; gpu < n; gpu++) {
    char key[64];
    snprintf(key, sizeof key, "gpu.%d.xid", gpu);
    long long xid = number_or(key, 0);
    if ((set->mask[gpu] & 8ULL) == 0 || xid == 0 || xid == xid_delivered[gpu]) continue;
    xid_delivered[gpu] = xid;
    data->device = &gpu_handles[gpu];
    data->eventType = 8ULL;
    data->eventData = (unsigned long long)xid;
    data->gpuInstanceId = data->computeInstanceId = 0xFFFFFFFFu;
    return OK;
  }
  usleep((useconds_t)(timeoutMs > 1000 ? 1000 : timeoutMs) * 1000);
  return E_TIMEOUT;
}

int nvmlEventSetFree(nvmlEventSet_t set) { free(set); return OK; }
