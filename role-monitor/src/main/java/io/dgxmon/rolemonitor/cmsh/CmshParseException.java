package io.dgxmon.rolemonitor.cmsh;

/** cmsh printed something the monitor cannot trust (an error, a cut-off answer, an unknown layout). */
public final class CmshParseException extends Exception {
  public CmshParseException(String message) {
    super(message);
  }
}
