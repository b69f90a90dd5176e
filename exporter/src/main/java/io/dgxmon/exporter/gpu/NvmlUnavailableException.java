package io.dgxmon.exporter.gpu;

/** NVML cannot be used on this node (no library, no driver); the message is the one log line to show. */
public final class NvmlUnavailableException extends Exception {
  public NvmlUnavailableException(String message) {
    super(message);
  }
}
