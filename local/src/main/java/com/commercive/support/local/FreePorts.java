package com.commercive.support.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** A port free on loopback right now, for a stand-in that cannot bind port 0 itself. */
final class FreePorts {
  private FreePorts() {}

  static boolean isFree(String host, int port) {
    try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getByName(host))) {
      return true;
    } catch (IOException taken) {
      return false;
    }
  }

  /**
   * Whether {@code port} is free, or becomes free within {@code patience}: a stand-in left by a
   * runner that was killed exits as soon as it notices, which may be just after a quick restart.
   */
  static boolean awaitFree(String host, int port, java.time.Duration patience) {
    long deadline = System.nanoTime() + patience.toNanos();
    while (!isFree(host, port)) {
      if (System.nanoTime() > deadline) {
        return false;
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return true;
  }

  static int find() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free port on loopback", e);
    }
  }
}
