package io.orogen.kit.etcd;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;

/** Checks of etcd client URLs that need no etcd client. */
public final class Endpoints {

  private static final int CONNECT_CHECK_MILLIS = 250;

  private Endpoints() {}

  /**
   * Whether something accepts connections at {@code url}'s host and port, within 250 ms: a member
   * where nothing listens is known to be down at once, rather than after a gRPC timeout.
   */
  public static boolean listening(String url) {
    URI uri = URI.create(url);
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), CONNECT_CHECK_MILLIS);
      return true;
    } catch (IOException | IllegalArgumentException e) {
      return false;
    }
  }
}
