package com.commercive.support.attachmentchecker;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import javax.imageio.ImageIO;

/** Real files of each accepted type (images drawn and encoded by the JDK), and impostors. */
public final class SampleFiles {
  private SampleFiles() {}

  public static byte[] image(String format) {
    BufferedImage image = new BufferedImage(40, 30, BufferedImage.TYPE_INT_RGB);
    image.getGraphics().fillRect(5, 5, 20, 10);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      if (!ImageIO.write(image, format, out)) {
        throw new IllegalStateException("no " + format + " writer");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  public static byte[] png() {
    return image("png");
  }

  /** A one-page PDF, as small as the format allows. */
  public static byte[] pdf() {
    String body = "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
        + "2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
        + "3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\n"
        + "trailer<</Root 1 0 R>>\n%%EOF\n";
    return body.getBytes(StandardCharsets.US_ASCII);
  }

  /** A WebP container's header: RIFF, its length, WEBP, then a lossless chunk. */
  public static byte[] webp() {
    byte[] file = new byte[64];
    System.arraycopy("RIFF".getBytes(StandardCharsets.US_ASCII), 0, file, 0, 4);
    file[4] = 56;
    System.arraycopy("WEBPVP8L".getBytes(StandardCharsets.US_ASCII), 0, file, 8, 8);
    return file;
  }

  public static byte[] csv() {
    return "order_id,sku,quantity\n1001,TSHIRT-M,2\n1002,MUG-01,1\n".getBytes(StandardCharsets.UTF_8);
  }

  public static byte[] text() {
    return "The sync stopped at 10:42, café order #1001 is missing.\n".getBytes(StandardCharsets.UTF_8);
  }

  public static byte[] html() {
    return "<!DOCTYPE html><html><head><script>alert(1)</script></head><body>hi</body></html>"
        .getBytes(StandardCharsets.UTF_8);
  }

  /** The start of a Windows program. */
  public static byte[] exe() {
    byte[] file = new byte[128];
    file[0] = 'M';
    file[1] = 'Z';
    file[60] = 64;
    System.arraycopy("PE\0\0".getBytes(StandardCharsets.US_ASCII), 0, file, 64, 4);
    return file;
  }
}
