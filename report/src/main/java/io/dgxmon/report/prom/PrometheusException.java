package io.dgxmon.report.prom;

/** Prometheus could not be asked or refused the question: unreachable, TLS, authentication, a bad query. */
public final class PrometheusException extends Exception {
  private static final long serialVersionUID = 1L;

  public PrometheusException(String message) {
    super(message);
  }

  public PrometheusException(String message, Throwable cause) {
    super(message, cause);
  }
}
