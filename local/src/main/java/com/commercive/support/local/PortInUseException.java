package com.commercive.support.local;

/** A port the local system needs is taken; the message says which and how to choose another. */
final class PortInUseException extends RuntimeException {
  PortInUseException(String what, int port) {
    super(what + " cannot listen on 127.0.0.1:" + port + ": the port is already in use. "
        + "Stop whatever uses it, or choose another port (see README: PORT, DYNAMODB_PORT).",
        null, false, false);
  }
}
