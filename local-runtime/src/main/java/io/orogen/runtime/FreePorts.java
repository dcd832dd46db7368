package io.orogen.runtime;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

/** Picks loopback ports that are free now, for servers that must be told their port up front. */
public final class FreePorts {

  private FreePorts() {}

  /** {@code count} distinct ports that were free when asked. */
  public static List<Integer> take(int count) {
    List<ServerSocket> held = new ArrayList<>();
    try {
      // Holding every socket until all are chosen keeps the ports distinct.
      for (int i = 0; i < count; i++) {
        ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        socket.setReuseAddress(true);
        held.add(socket);
      }
      return held.stream().map(ServerSocket::getLocalPort).toList();
    } catch (IOException e) {
      throw new UncheckedIOException("no free port", e);
    } finally {
      for (ServerSocket socket : held) {
        try {
          socket.close();
        } catch (IOException ignored) {
          // closing a listening socket we own does not fail in a way we could act on
        }
      }
    }
  }

  public static int take() {
    return take(1).get(0);
  }
}
