package io.dgxmon.report.job;

/** Prometheus has nothing (or not enough) about the job asked for. */
public final class JobNotFoundException extends Exception {
  private static final long serialVersionUID = 1L;

  public JobNotFoundException(String message) {
    super(message);
  }
}
