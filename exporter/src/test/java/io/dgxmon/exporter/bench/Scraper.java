package io.dgxmon.exporter.bench;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URL;

/** Fetches /metrics over a kept-alive HTTP connection, as Prometheus does, and reads the whole body. */
final class Scraper {
  private final URL url;
  private final byte[] buffer = new byte[256 * 1024];

  Scraper(String host, int port) throws IOException {
    this.url = new URL("http://" + host + ":" + port + "/metrics");
  }

  /** Returns the number of body bytes; {@code gzip} asks for a compressed body as Prometheus does. */
  int scrape(boolean gzip) throws IOException {
    HttpURLConnection connection = (HttpURLConnection) url.openConnection();
    if (gzip) {
      connection.setRequestProperty("Accept-Encoding", "gzip");
    }
    if (connection.getResponseCode() != 200) {
      throw new IOException(url + " answered " + connection.getResponseCode());
    }
    int total = 0;
    try (InputStream in = connection.getInputStream()) {
      int n;
      while ((n = in.read(buffer)) > 0) {
        total += n;
      }
    }
    return total;
  }
}
