package io.dgxmon.common.web;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** Writes a complete answer; a HEAD request gets the headers only (the JDK warns when HEAD is given a length). */
public final class PlainResponse {
  public static final String TEXT = "text/plain; charset=utf-8";
  /**
   * The largest single write: the JDK server copies each write into a heap buffer of that write's size and keeps it
   * for the connection, so one 4 MiB write per keep-alive client would hold 4 MiB per client.
   */
  public static final int WRITE_SLICE = 64 * 1024;

  private PlainResponse() {}

  public static void send(HttpExchange exchange, int status, String contentType, String body) throws IOException {
    send(exchange, status, contentType, body.getBytes(StandardCharsets.UTF_8));
  }

  /** Writes {@code body} itself (never a copy), in slices of at most {@link #WRITE_SLICE} bytes. */
  public static void send(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
    exchange.getResponseHeaders().set("Content-Type", contentType);
    if (exchange.getRequestMethod().equals("HEAD")) {
      exchange.sendResponseHeaders(status, -1);
      return;
    }
    exchange.sendResponseHeaders(status, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      for (int off = 0; off < body.length; off += WRITE_SLICE) {
        out.write(body, off, Math.min(WRITE_SLICE, body.length - off));
      }
    }
  }
}
