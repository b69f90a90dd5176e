package io.dgxmon.exporter.gpu;

import java.util.Set;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.cuda.global.nvml;

/** How NVML return codes are read: which mean "this value is not available here" and which mean the GPU failed. */
final class NvmlCalls {
  /** Codes that only say a value does not exist on this GPU/driver; the reading is left out, the GPU stays up. */
  private static final Set<Integer> ABSENT = Set.of(
      nvml.NVML_ERROR_NOT_SUPPORTED, nvml.NVML_ERROR_NO_PERMISSION, nvml.NVML_ERROR_NOT_FOUND,
      nvml.NVML_ERROR_NO_DATA, nvml.NVML_ERROR_FUNCTION_NOT_FOUND, nvml.NVML_ERROR_ARGUMENT_VERSION_MISMATCH,
      nvml.NVML_ERROR_INVALID_ARGUMENT);

  private NvmlCalls() {}

  static boolean ok(int rc) {
    return rc == nvml.NVML_SUCCESS;
  }

  static boolean absent(int rc) {
    return ABSENT.contains(rc);
  }

  /** {@code "GPU is lost (15)"}. */
  static String describe(int rc) {
    BytePointer text = nvml.nvmlErrorString(rc);
    return (text == null ? "NVML error" : text.getString()) + " (" + rc + ")";
  }

  /** Returns normally when {@code rc} is success or "absent"; otherwise the GPU failed in {@code call}. */
  static boolean check(String call, int rc) throws GpuFailure {
    if (ok(rc)) {
      return true;
    }
    if (absent(rc)) {
      return false;
    }
    throw new GpuFailure(rc, call + ": " + describe(rc));
  }

  /** A NUL-terminated C string in {@code buffer}. */
  static String text(byte[] buffer) {
    int end = 0;
    while (end < buffer.length && buffer[end] != 0) {
      end++;
    }
    return new String(buffer, 0, end, java.nio.charset.StandardCharsets.UTF_8);
  }

  /** An unsigned 32-bit NVML value. */
  static double unsigned(int value) {
    return Integer.toUnsignedLong(value);
  }

  /** An unsigned 64-bit NVML value. */
  static double unsigned(long value) {
    return value >= 0 ? value : (double) (value >>> 1) * 2.0 + (value & 1);
  }

  /** NVML failed on one GPU in a way that makes the GPU unusable for this collection. */
  static final class GpuFailure extends Exception {
    private final int code;

    GpuFailure(int code, String message) {
      super(message, null, false, false);
      this.code = code;
    }

    GpuError error() {
      return new GpuError(code, getMessage());
    }
  }
}
