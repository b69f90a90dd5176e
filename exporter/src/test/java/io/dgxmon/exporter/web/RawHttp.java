package io.dgxmon.exporter.web;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** One request written byte for byte (no client normalises {@code /../} or refuses odd methods), status line back. */
final class RawHttp {
  private RawHttp() {}

  /** The status code of {@code method path} on {@code host:port}. */
  static int status(String host, int port, String method, String path) throws IOException {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(host, port), 5_000);
      socket.setSoTimeout(10_000);
      socket.getOutputStream().write((method + " " + path + " HTTP/1.1\r\nHost: " + host + "\r\nContent-Length: 0"
          + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      InputStream in = socket.getInputStream();
      StringBuilder line = new StringBuilder();
      for (int c = in.read(); c >= 0 && c != '\r'; c = in.read()) {
        line.append((char) c);
      }
      String[] parts = line.toString().split(" ");
      if (parts.length < 2) {
        throw new IOException("no HTTP status line from " + method + " " + path + ": '" + line + "'");
      }
      return Integer.parseInt(parts[1]);
    }
  }

  /** Asks for {@code /metrics}, reads a few bytes of the answer and hangs up with a reset (as a timed-out scrape). */
  static void hangUpMidAnswer(String host, int port) throws IOException {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(host, port), 5_000);
      socket.setSoTimeout(10_000);
      socket.setReceiveBufferSize(4096);
      socket.getOutputStream().write(("GET /metrics HTTP/1.1\r\nHost: " + host + "\r\n\r\n")
          .getBytes(StandardCharsets.US_ASCII));
      socket.getInputStream().readNBytes(16);
      socket.setSoLinger(true, 0);
    }
  }
}
