package io.dgxmon.exporter.gpu;

import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.bytedeco.cuda.global.nvml;
import org.bytedeco.cuda.nvml.nvmlDevice_st;
import org.bytedeco.cuda.nvml.nvmlEventData_t;
import org.bytedeco.cuda.nvml.nvmlEventSet_st;

/**
 * Waits for NVML XID events on a daemon thread and remembers the last XID per GPU index (dcgm-exporter's
 * DCGM_FI_DEV_XID_ERRORS: "Value of the last XID error encountered"). GPUs that cannot register report nothing.
 */
final class XidWatcher implements AutoCloseable {
  private static final int WAIT_MILLIS = 500;

  private final Map<Integer, Integer> lastXid = new ConcurrentHashMap<>();
  private final Thread thread;
  private final Consumer<String> log;
  private volatile boolean running = true;

  private XidWatcher(Consumer<String> log) {
    this.log = log;
    thread = new Thread(this::run, "nvml-xid-events");
    thread.setDaemon(true);
  }

  static XidWatcher start(Consumer<String> log) {
    XidWatcher watcher = new XidWatcher(log);
    watcher.thread.start();
    return watcher;
  }

  /** The last XID of GPU {@code index}; 0 when none was seen; empty when the GPU is not watched. */
  OptionalInt lastXid(int index) {
    Integer xid = lastXid.get(index);
    return xid == null ? OptionalInt.empty() : OptionalInt.of(xid);
  }

  private void run() {
    nvmlEventSet_st set = new nvmlEventSet_st();
    int rc = nvml.nvmlEventSetCreate(set);
    if (rc != nvml.NVML_SUCCESS) {
      log.accept("XID events unavailable: nvmlEventSetCreate " + NvmlCalls.describe(rc));
      return;
    }
    Map<Long, Integer> indexByHandle = register(set);
    nvmlEventData_t data = new nvmlEventData_t();
    while (running && !indexByHandle.isEmpty()) {
      rc = nvml.nvmlEventSetWait_v2(set, data, WAIT_MILLIS);
      if (rc == nvml.NVML_SUCCESS && (data.eventType() & nvml.nvmlEventTypeXidCriticalError) != 0) {
        Integer index = indexByHandle.get(data.device().address());
        if (index != null) {
          lastXid.put(index, (int) data.eventData());
        }
      } else if (rc != nvml.NVML_SUCCESS && rc != nvml.NVML_ERROR_TIMEOUT) {
        sleepQuietly();
      }
    }
    nvml.nvmlEventSetFree(set);
  }

  private Map<Long, Integer> register(nvmlEventSet_st set) {
    Map<Long, Integer> indexByHandle = new ConcurrentHashMap<>();
    int[] count = new int[1];
    if (nvml.nvmlDeviceGetCount_v2(count) != nvml.NVML_SUCCESS) {
      return indexByHandle;
    }
    for (int i = 0; i < count[0]; i++) {
      nvmlDevice_st gpu = new nvmlDevice_st();
      if (nvml.nvmlDeviceGetHandleByIndex_v2(i, gpu) == nvml.NVML_SUCCESS
          && nvml.nvmlDeviceRegisterEvents(gpu, nvml.nvmlEventTypeXidCriticalError, set) == nvml.NVML_SUCCESS) {
        indexByHandle.put(gpu.address(), i);
        lastXid.put(i, 0);
      }
    }
    return indexByHandle;
  }

  private static void sleepQuietly() {
    try {
      Thread.sleep(WAIT_MILLIS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    running = false;
  }
}
