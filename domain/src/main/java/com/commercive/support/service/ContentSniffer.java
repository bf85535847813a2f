package com.commercive.support.service;

/** Tells a file's real media type from its first bytes (magic numbers), whatever it is called. */
public interface ContentSniffer {
  /** The media type the bytes are, e.g. {@code image/png}; {@code application/octet-stream} when unknown. */
  String detect(byte[] head);
}
