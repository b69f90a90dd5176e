package io.dgxmon.common.web;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How much one HTTP listener lets clients hold: worker threads, open connections, answers built at once (each holds
 * a whole exposition in memory), and how long a request's headers, a response, a wait for a turn to be answered and
 * an idle keep-alive connection may take.
 *
 * <p>The JDK server reads these from {@code sun.net.httpserver.*} / {@code jdk.httpserver.*} system properties once,
 * when its implementation class loads, so {@link #applyToJdkServer()} must run before the first server of the JVM
 * is created. A property already set (e.g. {@code -Dsun.net.httpserver.maxReqTime=20} on the command line) wins.
 */
public record HttpLimits(int workers, int maxConnections, int concurrentAnswers, Duration headerTimeout,
    Duration responseTimeout, Duration answerWait, Duration idleTimeout) {

  /**
   * 64 workers: a worker is held while a client sends its headers, so 30 slow clients still leave 34 for scrapes.
   * 512 connections per listener: above 200 concurrent scrapers plus slow clients. Headers within 5 s: Prometheus
   * sends them in one packet; a slow client loses its worker after at most 5 s (plus the JDK's 1 s timer tick).
   * 2 answers at once: the exporter runs in a 32 MB heap and a 1,000-job exposition is 2.6 MB (twice that while its
   * buffer grows); 64 concurrent scrapes of a 64-job tree ran it out of memory. A request waits up to 10 s (a usual
   * Prometheus scrape timeout) for its turn, then gets 503.
   */
  public static final HttpLimits DEFAULT = new HttpLimits(64, 512, 4, Duration.ofSeconds(5), Duration.ofSeconds(30),
      Duration.ofSeconds(10), Duration.ofSeconds(30));

  private static final Object APPLIED_LOCK = new Object();
  private static HttpLimits applied;

  /** The JDK server's property names and the values these limits give them. */
  Map<String, String> jdkProperties() {
    Map<String, String> properties = new LinkedHashMap<>();
    // Covers the TLS handshake and the request line + headers (the JDK starts the clock at accept or when an idle
    // keep-alive connection turns readable, and stops it once a body-less request has been read).
    properties.put("sun.net.httpserver.maxReqTime", Long.toString(headerTimeout.toSeconds()));
    properties.put("sun.net.httpserver.maxRspTime", Long.toString(responseTimeout.toSeconds()));
    properties.put("sun.net.httpserver.idleInterval", Long.toString(idleTimeout.toSeconds()));
    properties.put("sun.net.httpserver.maxIdleConnections", Integer.toString(maxConnections));
    properties.put("jdk.httpserver.maxConnections", Integer.toString(maxConnections));
    properties.put("sun.net.httpserver.maxReqHeaders", "100");
    // Headers and body are written separately; without NODELAY the body waits for the client's delayed ACK (40 ms).
    properties.put("sun.net.httpserver.nodelay", "true");
    return properties;
  }

  /**
   * Sets the JDK server's properties (those not already set) once per JVM. Later calls with other limits are refused:
   * the JDK has already read the first ones.
   */
  public void applyToJdkServer() {
    synchronized (APPLIED_LOCK) {
      if (applied != null) {
        if (!applied.equals(this)) {
          throw new IllegalStateException("HTTP limits " + applied + " are already in force in this JVM");
        }
        return;
      }
      jdkProperties().forEach((key, value) -> {
        if (System.getProperty(key) == null) {
          System.setProperty(key, value);
        }
      });
      applied = this;
    }
  }
}
