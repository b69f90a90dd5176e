package io.dgxmon.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;

/** Asks the OS for a TCP port that is free right now, for programs that cannot bind port 0 themselves. */
public final class FreePorts {
  private FreePorts() {}

  public static int find() {
    try (ServerSocket socket = new ServerSocket(0)) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot find a free TCP port", e);
    }
  }
}
