package io.dgxmon.common.web;

import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.HttpExchange;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Hands the answer to the JDK server in 4 KiB slices. The JDK's per-connection write buffer grows to the largest
 * single write and keeps that size for the connection's life: client_java writes a whole exposition at once, so
 * every kept-alive connection held a copy-sized buffer (200 scrapers of a 58 KB answer: 20 MB, the whole heap).
 */
final class SmallWritesFilter extends Filter {
  private static final int SLICE = 4096;

  @Override
  public void doFilter(HttpExchange exchange, Chain chain) throws IOException {
    exchange.setStreams(null, new Slicing(exchange.getResponseBody()));
    chain.doFilter(exchange);
  }

  @Override
  public String description() {
    return "writes the answer in slices that keep the JDK's connection buffers small";
  }

  private static final class Slicing extends FilterOutputStream {
    Slicing(OutputStream out) {
      super(out);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
      for (int done = 0; done < length; done += SLICE) {
        out.write(bytes, offset + done, Math.min(SLICE, length - done));
      }
    }
  }
}
