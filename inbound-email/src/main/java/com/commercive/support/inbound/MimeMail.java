package com.commercive.support.inbound;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.james.mime4j.codec.DecodeMonitor;
import org.apache.james.mime4j.codec.DecoderUtil;
import org.apache.james.mime4j.dom.Body;
import org.apache.james.mime4j.dom.Entity;
import org.apache.james.mime4j.dom.Message;
import org.apache.james.mime4j.dom.Multipart;
import org.apache.james.mime4j.dom.SingleBody;
import org.apache.james.mime4j.dom.TextBody;
import org.apache.james.mime4j.dom.address.Address;
import org.apache.james.mime4j.dom.address.Mailbox;
import org.apache.james.mime4j.dom.address.MailboxList;
import org.apache.james.mime4j.dom.field.ContentTypeField;
import org.apache.james.mime4j.message.DefaultMessageBuilder;
import org.apache.james.mime4j.stream.Field;
import org.apache.james.mime4j.stream.MimeConfig;

/**
 * Reads a raw mail (RFC 5322 and MIME) with Apache James mime4j: lenient about what real mail
 * clients send, bounded in what it accepts (header sizes, parts, nesting), so malformed or hostile
 * mail is refused with {@link UnreadableMailException} instead of exhausting the function.
 */
public final class MimeMail {
  static final int MAX_PARTS = 100;
  static final int MAX_NESTING = 10;
  static final int MAX_HEADER_BYTES = 64 * 1024;
  static final int MAX_HEADERS = 500;
  /** Mail labelled Latin-1 or ASCII is very often Windows-1252 (curly quotes, the euro): read it so. */
  private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

  private MimeMail() {}

  /** The mail read from its raw bytes. */
  public static InboundMail read(byte[] raw) {
    Message message;
    try {
      DefaultMessageBuilder builder = new DefaultMessageBuilder();
      builder.setMimeEntityConfig(new MimeConfig.Builder()
          .setMaxHeaderCount(MAX_HEADERS)
          .setMaxHeaderLen(MAX_HEADER_BYTES)
          .setMaxTotalHeaderLen(4L * MAX_HEADER_BYTES)
          .setMaxLineLen(-1)
          .setMaxPartCount(MAX_PARTS)
          .setMaxNestingDepth(MAX_NESTING)
          .setMalformedHeaderStartsBody(true)
          .build());
      builder.setDecodeMonitor(DecodeMonitor.SILENT);
      message = builder.parseMessage(new ByteArrayInputStream(raw));
    } catch (IOException | RuntimeException e) {
      throw new UnreadableMailException("the mail could not be parsed: " + e.getClass().getSimpleName(), e);
    }
    try {
      Parts parts = new Parts();
      collect(message, parts, 0);
      return new InboundMail(
          message.getMessageId() == null ? "" : message.getMessageId().strip(),
          firstMailbox(message.getFrom()),
          addresses(message),
          message.getSubject() == null ? "" : message.getSubject(),
          headers(message),
          Optional.ofNullable(parts.text),
          Optional.ofNullable(parts.html),
          List.copyOf(parts.attachments));
    } catch (IOException | RuntimeException e) {
      throw new UnreadableMailException("the mail's parts could not be read: " + e.getClass().getSimpleName(), e);
    } finally {
      message.dispose();
    }
  }

  private static final class Parts {
    String text;
    String html;
    final List<InboundMail.Attachment> attachments = new ArrayList<>();
  }

  private static void collect(Entity entity, Parts parts, int depth) throws IOException {
    if (depth > MAX_NESTING) {
      throw new UnreadableMailException("the mail is nested too deeply", null);
    }
    Body body = entity.getBody();
    if (body instanceof Multipart multipart) {
      for (Entity part : multipart.getBodyParts()) {
        collect(part, parts, depth + 1);
      }
      return;
    }
    if (body instanceof Message attached) {
      // A forwarded mail is history, not what the person wrote: only its files count.
      Parts inner = new Parts();
      collect(attached, inner, depth + 1);
      parts.attachments.addAll(inner.attachments);
      return;
    }
    String type = entity.getMimeType() == null ? "text/plain" : entity.getMimeType().toLowerCase(Locale.ROOT);
    boolean attachment = "attachment".equalsIgnoreCase(entity.getDispositionType())
        || (entity.getFilename() != null && !type.startsWith("text/"));
    if (!attachment && body instanceof TextBody text && (type.equals("text/plain") || type.equals("text/html"))) {
      String content = read(text);
      if (type.equals("text/plain") && entity.getHeader().getField("Content-Type") instanceof ContentTypeField field
          && "flowed".equalsIgnoreCase(field.getParameter("format"))) {
        content = Flowed.unwrap(content, "yes".equalsIgnoreCase(field.getParameter("delsp")));
      }
      if (type.equals("text/plain") && parts.text == null) {
        parts.text = content;
      } else if (type.equals("text/html") && parts.html == null) {
        parts.html = content;
      }
      return;
    }
    if (body instanceof SingleBody single) {
      try (InputStream in = single.getInputStream()) {
        parts.attachments.add(new InboundMail.Attachment(
            entity.getFilename() == null ? "" : entity.getFilename(), type, in.readAllBytes()));
      }
    }
  }

  private static String read(TextBody body) throws IOException {
    Charset charset;
    try {
      charset = body.getCharset() == null ? StandardCharsets.UTF_8 : body.getCharset();
    } catch (RuntimeException unknownCharset) {
      charset = StandardCharsets.UTF_8;
    }
    if (charset.equals(StandardCharsets.ISO_8859_1) || charset.equals(StandardCharsets.US_ASCII)) {
      charset = WINDOWS_1252;
    }
    try (InputStream in = body.getInputStream()) {
      return new String(in.readAllBytes(), charset);
    }
  }

  private static Optional<String> firstMailbox(MailboxList list) {
    if (list == null || list.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(list.get(0).getAddress());
  }

  private static List<String> addresses(Message message) {
    List<String> to = new ArrayList<>();
    for (var list : new org.apache.james.mime4j.dom.address.AddressList[] {message.getTo(), message.getCc()}) {
      if (list == null) {
        continue;
      }
      for (Address address : list) {
        if (address instanceof Mailbox mailbox) {
          to.add(mailbox.getAddress());
        } else {
          list.flatten().forEach(m -> to.add(m.getAddress()));
          break;
        }
      }
    }
    return List.copyOf(to);
  }

  private static Map<String, List<String>> headers(Message message) {
    Map<String, List<String>> headers = new LinkedHashMap<>();
    for (Field field : message.getHeader()) {
      String value = field.getBody() == null ? "" : field.getBody();
      String decoded;
      try {
        decoded = DecoderUtil.decodeEncodedWords(value, DecodeMonitor.SILENT).strip();
      } catch (IllegalArgumentException notEncoded) {
        decoded = value.strip();
      }
      headers.computeIfAbsent(field.getName().toLowerCase(Locale.ROOT), name -> new ArrayList<>()).add(decoded);
    }
    return headers;
  }
}
