package com.commercive.support.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The local SMTP server spoken to as a mail client does, over a socket, in SMTP. */
class LocalSmtpTest {
  static final List<LocalSmtp.Received> received = new CopyOnWriteArrayList<>();
  static volatile boolean storageDown;
  static LocalSmtp smtp;

  @BeforeAll
  static void start() {
    smtp = LocalSmtp.start("127.0.0.1", 0, "support.localhost", mail -> {
      if (storageDown) {
        throw new IllegalStateException("the bucket is down");
      }
      received.add(mail);
    });
  }

  @AfterAll
  static void stop() {
    smtp.close();
  }

  /** One SMTP conversation; the server's replies, one line per command. */
  static List<String> send(String from, List<String> to, String data) throws IOException {
    List<String> replies = new ArrayList<>();
    try (Socket socket = new Socket("127.0.0.1", smtp.port())) {
      BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
      OutputStream out = socket.getOutputStream();
      replies.add(in.readLine());
      List<String> commands = new ArrayList<>(List.of("EHLO client.example.com", "MAIL FROM:<" + from + ">"));
      to.forEach(t -> commands.add("RCPT TO:<" + t + ">"));
      commands.add("DATA");
      for (String command : commands) {
        out.write((command + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        String line = in.readLine();
        while (line.length() > 3 && line.charAt(3) == '-') { // a multi-line reply (EHLO)
          line = in.readLine();
        }
        replies.add(line);
        if (command.equals("DATA") && !line.startsWith("354")) {
          return replies;
        }
      }
      out.write((data.replace("\n", "\r\n") + "\r\n.\r\nQUIT\r\n").getBytes(StandardCharsets.US_ASCII));
      out.flush();
      replies.add(in.readLine());
    }
    return replies;
  }

  @Test
  void aMailForTheDomainIsHandedOverWithItsEnvelopeBeforeTheServerSaysOk() throws IOException {
    received.clear();
    List<String> replies = send("dana@example.com", List.of("r-uabc-def@support.localhost"),
        "From: Dana <dana@example.com>\nTo: r-uabc-def@support.localhost\nSubject: Re: hi\n\nStill missing.");
    assertThat(replies.get(replies.size() - 1)).startsWith("250");
    assertThat(received).singleElement().satisfies(mail -> {
      assertThat(mail.envelopeFrom()).isEqualTo("dana@example.com");
      assertThat(mail.recipients()).containsExactly("r-uabc-def@support.localhost");
      assertThat(new String(mail.raw(), StandardCharsets.US_ASCII)).contains("Subject: Re: hi").contains("Still missing.");
    });
  }

  @Test
  void mailForAnyOtherDomainIsRefusedSoItIsNoRelay() throws IOException {
    received.clear();
    List<String> replies = send("dana@example.com", List.of("someone@gmail.com"), "Subject: x\n\ny");
    assertThat(replies).anySatisfy(line -> assertThat(line).startsWith("550"));
    assertThat(received).isEmpty();
  }

  @Test
  void aMailThatCannotBeStoredIsRefusedForNowSoTheSenderRetries() throws IOException {
    received.clear();
    storageDown = true;
    try {
      List<String> replies = send("dana@example.com", List.of("r-x@support.localhost"), "Subject: x\n\ny");
      assertThat(replies.get(replies.size() - 1)).startsWith("451");
    } finally {
      storageDown = false;
    }
    assertThat(received).isEmpty();
  }
}
