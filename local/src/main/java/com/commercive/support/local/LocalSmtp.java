package com.commercive.support.local;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import org.subethamail.smtp.MessageContext;
import org.subethamail.smtp.MessageHandler;
import org.subethamail.smtp.RejectException;
import org.subethamail.smtp.server.SMTPServer;

/**
 * The inbound side of SES, locally: an SMTP server (subethasmtp) on one loopback port that takes
 * mail for one domain only, as a receipt rule does (anything else is refused with 550, so it is no
 * relay), and hands each mail, once its bytes are in, to {@code onMail} before answering 250, as SES
 * answers once the mail is stored.
 */
final class LocalSmtp implements AutoCloseable {
  /** SES's limit for received mail. */
  static final int MAX_BYTES = 40 * 1024 * 1024;

  /** A mail as it arrived: the envelope's sender and recipients, and its raw bytes. */
  record Received(String envelopeFrom, List<String> recipients, byte[] raw) {}

  private final SMTPServer server;

  private LocalSmtp(SMTPServer server) {
    this.server = server;
  }

  static LocalSmtp start(String host, int port, String domain, Consumer<Received> onMail) {
    String suffix = "@" + domain.toLowerCase(Locale.ROOT);
    SMTPServer server;
    try {
      server = SMTPServer.port(port)
          .bindAddress(InetAddress.getByName(host))
          .hostName(domain)
          .maxMessageSize(MAX_BYTES)
          .maxRecipients(50)
          .connectionTimeoutMs(30_000)
          .messageHandlerFactory(context -> new Handler(context, suffix, onMail))
          .build();
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("the SMTP host " + host + " is unknown", e);
    }
    try {
      server.start();
    } catch (RuntimeException e) {
      if (LocalDynamoDb.causedByBind(e)) {
        throw new PortInUseException("the SMTP server", port);
      }
      throw e;
    }
    return new LocalSmtp(server);
  }

  int port() {
    return server.getPortAllocated();
  }

  @Override
  public void close() {
    server.stop();
  }

  /** One SMTP transaction: the envelope, then the data. */
  private static final class Handler implements MessageHandler {
    private final String suffix;
    private final Consumer<Received> onMail;
    private final List<String> recipients = new ArrayList<>();
    private String from = "";

    Handler(MessageContext context, String suffix, Consumer<Received> onMail) {
      this.suffix = suffix;
      this.onMail = onMail;
    }

    @Override
    public void from(String from) {
      this.from = from == null ? "" : from;
    }

    @Override
    public void recipient(String recipient) throws RejectException {
      if (recipient == null || !recipient.toLowerCase(Locale.ROOT).endsWith(suffix)) {
        throw new RejectException(550, "5.7.1 relaying is not permitted: this server takes mail for " + suffix.substring(1));
      }
      recipients.add(recipient);
    }

    @Override
    public String data(InputStream data) throws IOException, RejectException {
      byte[] raw = data.readAllBytes();
      try {
        onMail.accept(new Received(from, List.copyOf(recipients), raw));
      } catch (RuntimeException failed) {
        // As SES would: a mail that cannot be stored is refused for now, and the sender tries again.
        throw new RejectException(451, "4.3.0 the mail could not be stored, try again later");
      }
      return null;
    }

    @Override
    public void done() {}
  }
}
