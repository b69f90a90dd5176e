package io.dgxmon.report;

/** A command line that cannot work as given (exit 2): the message names the option and what was expected. */
public final class UsageException extends Exception {
  private static final long serialVersionUID = 1L;

  public UsageException(String message) {
    super(message);
  }
}
