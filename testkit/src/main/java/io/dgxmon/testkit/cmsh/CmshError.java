package io.dgxmon.testkit.cmsh;

/** A command the fake cmsh rejects; its message is what cmsh prints. */
final class CmshError extends RuntimeException {
  CmshError(String message) {
    super(message, null, false, false);
  }
}
