package io.dgxmon.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Slowloris: connections that each send half an HTTP request and then hold, the cheapest way to tie up a
 * thread-per-request server. {@link #stillOpen()} tells how many the server has not yet closed.
 */
public final class SlowHttpClients implements AutoCloseable {
  private static final byte[] HALF_REQUEST =
      "GET /metrics HTTP/1.1\r\nHost: slowloris\r\nX-Slow: ".getBytes(StandardCharsets.US_ASCII);
  private final List<Socket> sockets = new ArrayList<>();

  private SlowHttpClients() {}

  /** Opens {@code count} connections to {@code host:port}, each with half a request sent. */
  public static SlowHttpClients open(String host, int port, int count) throws IOException {
    SlowHttpClients clients = new SlowHttpClients();
    try {
      for (int i = 0; i < count; i++) {
        Socket socket = new Socket();
        clients.sockets.add(socket);
        socket.connect(new InetSocketAddress(host, port), 5_000);
        socket.getOutputStream().write(HALF_REQUEST);
        socket.getOutputStream().flush();
      }
      return clients;
    } catch (IOException e) {
      clients.close();
      throw e;
    }
  }

  /** Connections the server has not closed: a read neither sees the end of the stream nor fails. */
  public int stillOpen() throws IOException {
    int open = 0;
    for (Socket socket : sockets) {
      if (socket.isClosed()) {
        continue;
      }
      socket.setSoTimeout(10);
      try {
        InputStream in = socket.getInputStream();
        if (in.read() < 0) {
          socket.close();
        } else {
          open++;
        }
      } catch (SocketTimeoutException e) {
        open++;
      } catch (IOException e) {
        socket.close();
      }
    }
    return open;
  }

  @Override
  public void close() {
    for (Socket socket : sockets) {
      try {
        socket.close();
      } catch (IOException e) {
        // Closing a socket the server already reset; nothing to do.
      }
    }
  }
}
