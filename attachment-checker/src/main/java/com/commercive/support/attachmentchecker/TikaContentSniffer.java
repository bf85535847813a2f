package com.commercive.support.attachmentchecker;

import com.commercive.support.service.ContentSniffer;
import org.apache.tika.Tika;

/**
 * Apache Tika's detector on a file's first bytes only (never its name): magic numbers for binary
 * formats, and for the rest whether the bytes read as text.
 */
public final class TikaContentSniffer implements ContentSniffer {
  // Loading Tika's type registry takes a moment: once per cold start (and before a SnapStart snapshot).
  private final Tika tika = new Tika();

  @Override
  public String detect(byte[] head) {
    return tika.detect(head);
  }
}
