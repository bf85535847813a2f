package com.commercive.support.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.commercive.support.attachmentchecker.SampleFiles;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Issue 26 end to end: real SMTP to the local system's mail server, which stores the mail in the
 * S3 stand-in and announces it on the inbound queue as SES does; the inbound function takes it; the
 * message is then on the ticket, with the pipeline's notifications. One system for the whole class.
 */
class RepliesByEmailIT {
  static LocalSystem system;
  static LocalApi api;
  static String dana;
  static String alex;

  @BeforeAll
  static void start() {
    system = LocalSystem.start(LocalSystem.Settings.forTests(Map.of(
        "TICKETS_PER_USER_PER_HOUR", "1000", "AI_AUTO_REPLIES_PER_USER_PER_HOUR", "1000")));
    api = new LocalApi(system);
    dana = system.tokenFor("demo-user");
    alex = system.tokenFor("demo-admin");
  }

  @AfterAll
  static void stop() {
    system.close();
  }

  /** One SMTP conversation; the server's last reply (250 when the mail was taken). */
  static String smtp(String envelopeFrom, String to, String mail) {
    try (Socket socket = new Socket("127.0.0.1", system.smtpPort())) {
      socket.setSoTimeout(10_000);
      BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
      OutputStream out = socket.getOutputStream();
      String line = in.readLine();
      for (String command : List.of("EHLO mail.example.com", "MAIL FROM:<" + envelopeFrom + ">", "RCPT TO:<" + to + ">",
          "DATA")) {
        out.write((command + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        line = in.readLine();
        while (line.length() > 3 && line.charAt(3) == '-') {
          line = in.readLine();
        }
        if (line.startsWith("4") || line.startsWith("5")) {
          return line;
        }
      }
      String data = mail.replace("\r\n", "\n").replace("\n", "\r\n").replace("\r\n.", "\r\n..");
      out.write((data + "\r\n.\r\nQUIT\r\n").getBytes(StandardCharsets.UTF_8));
      out.flush();
      return in.readLine();
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  static String mail(String from, String to, String subject, String extraHeaders, String body) {
    return "From: " + from + "\nTo: " + to + "\nSubject: " + subject + "\nMessage-ID: <" + UUID.randomUUID()
        + "@mail.example.com>\nDate: Sun, 6 Dec 2026 09:00:00 +0000\nMIME-Version: 1.0\n" + extraHeaders
        + "Content-Type: text/plain; charset=UTF-8\n\n" + body + "\n";
  }

  static String openTicket(String subject, String message) {
    return api.call("POST", "/support/tickets", dana,
        "{\"subject\":\"" + subject + "\",\"message\":\"" + message + "\"}").at("/ticket/ticket_id").asText();
  }

  static List<JsonNode> thread(String ticketId) {
    List<JsonNode> found = new ArrayList<>();
    api.call("GET", "/support/tickets/" + ticketId + "/messages?limit=200", alex, null).get("messages")
        .forEach(found::add);
    return found;
  }

  static List<JsonNode> thread(String ticketId, String senderType) {
    return thread(ticketId).stream().filter(m -> m.get("sender_type").asText().equals(senderType)).toList();
  }

  /** The emails on the SES stand-in to {@code recipient} about the ticket. */
  static List<JsonNode> emails(String ticketId, String recipient) {
    String marker = "(#" + ticketId.substring(0, 8) + ")";
    List<JsonNode> found = new ArrayList<>();
    for (JsonNode email : api.emails()) {
      if (email.get("subject").asText().endsWith(marker) && email.at("/destination/to/0").asText().equals(recipient)) {
        found.add(email);
      }
    }
    return found;
  }

  static String replyTo(JsonNode email) {
    return email.at("/replyTo/0").asText();
  }

  /** Waits until the inbound queue holds nothing, waiting or in flight: every mail sent so far is taken. */
  static void awaitInboundTaken() {
    String queue = system.queues().inboundMail();
    LocalApi.await("the inbound mail taken", Duration.ofSeconds(20), () -> {
      Map<QueueAttributeName, String> counts = system.sqs().getQueueAttributes(r -> r.queueUrl(queue).attributeNames(
          QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE))
          .attributes();
      return counts.values().stream().allMatch("0"::equals);
    });
  }

  /** A ticket of Dana's the assistant has answered, and the email that told her (with its reply address). */
  static JsonNode answeredTicketEmail(String ticketId) {
    LocalApi.await("the assistant's email to Dana", Duration.ofSeconds(20),
        () -> !emails(ticketId, "dana@example.com").isEmpty());
    return emails(ticketId, "dana@example.com").get(0);
  }

  @Test
  void theOwnersReplyFromTheirMailClientIsTheirMessageOnceAndTheTeamIsTold() {
    String id = openTicket("Payout not received", "My payout from last week never arrived in my bank");
    JsonNode email = answeredTicketEmail(id);
    String address = replyTo(email);
    assertThat(address).startsWith("r-u").endsWith("@support.localhost");
    assertThat(email.at("/body/text").asText()).contains("You can reply to this email");
    int teamEmailsBefore = emails(id, "alex@example.com").size();

    String reply = mail("Dana Merchant <Dana@Example.com>", address, "Re: " + email.get("subject").asText(), "",
        "It is still not there, I checked this morning.\n\nOn Sun, Dec 6, 2026 at 8:00 AM Commercive Support"
            + " <support@commercive.com> wrote:\n> Our assistant replied to your ticket.\n> Payouts are sent...\n");
    assertThat(smtp("dana@example.com", address, reply)).startsWith("250");
    assertThat(smtp("dana@example.com", address, reply)).as("the same mail delivered again").startsWith("250");
    awaitInboundTaken();

    List<JsonNode> fromDana = thread(id, "user");
    assertThat(fromDana).hasSize(2);
    assertThat(fromDana.get(1).get("message").asText()).isEqualTo("It is still not there, I checked this morning.");
    assertThat(fromDana.get(1).get("sender_id").asText()).isEqualTo("demo-user");
    LocalApi.await("the team's email about the reply", Duration.ofSeconds(20),
        () -> emails(id, "alex@example.com").size() > teamEmailsBefore);
    LocalApi.pause(1_500);
    assertThat(emails(id, "alex@example.com")).as("the team's email quotes the reply")
        .anySatisfy(e -> assertThat(e.at("/body/text").asText()).contains("It is still not there"));
    assertThat(emails(id, "dana@example.com").stream()
        .filter(e -> e.at("/body/text").asText().contains("It is still not there")))
        .as("never an email back to the sender about their own message").isEmpty();
  }

  @Test
  void anAgentAnswersFromTheTeamEmailAndTheMerchantIsEmailedTheAnswer() {
    String id = openTicket("Orders not syncing", "No orders have come through from Shopify since yesterday");
    LocalApi.await("the team's email", Duration.ofSeconds(20), () -> !emails(id, "alex@example.com").isEmpty());
    JsonNode teamEmail = emails(id, "alex@example.com").get(0);
    String address = replyTo(teamEmail);
    assertThat(address).as("the demo admin's address is an agent's").endsWith("@support.localhost");
    assertThat(teamEmail.at("/body/text").asText()).contains("public reply to the merchant");

    assertThat(smtp("alex@example.com", address, mail("Alex Support <alex@example.com>", address,
        "Re: " + teamEmail.get("subject").asText(), "",
        "Hi Dana, I re-synced your store; orders are flowing again.\n\n-- \nAlex, Commercive Support\n"))).startsWith("250");
    awaitInboundTaken();

    List<JsonNode> fromAlex = thread(id, "admin");
    assertThat(fromAlex).singleElement().satisfies(m -> {
      assertThat(m.get("message").asText()).isEqualTo("Hi Dana, I re-synced your store; orders are flowing again.");
      assertThat(m.get("sender_id").asText()).isEqualTo("demo-admin");
    });
    LocalApi.await("Dana's email with the answer", Duration.ofSeconds(20), () -> emails(id, "dana@example.com")
        .stream().anyMatch(e -> e.at("/body/text").asText().contains("orders are flowing again")));
    assertThat(api.call("GET", "/support/tickets/" + id, dana, null).at("/ticket/status").asText())
        .isEqualTo("pending");
  }

  @Test
  void forgedAutomatedBulkAndOtherSendersMailIsDroppedAndNobodyIsAnswered() {
    String id = openTicket("Inventory counts wrong", "Commercive shows 3 left, I have 7 on the shelf");
    String address = replyTo(answeredTicketEmail(id));
    String forged = address.substring(0, address.indexOf('@') - 2) + "zz" + address.substring(address.indexOf('@'));
    LocalApi.await("the team's email", Duration.ofSeconds(20), () -> !emails(id, "alex@example.com").isEmpty());
    LocalApi.pause(1_000);
    int emailsAboutIt = emails(id, "alex@example.com").size() + emails(id, "dana@example.com").size();

    smtp("mallory@example.com", address, mail("Mallory <mallory@example.com>", address, "Re: hi", "", "Let me in"));
    smtp("dana@example.com", forged, mail("dana@example.com", forged, "Re: hi", "", "Forged address"));
    smtp("dana@example.com", address, mail("dana@example.com", address, "Automatic reply: Re: hi",
        "Auto-Submitted: auto-replied\n", "I am out of the office until Monday."));
    smtp("dana@example.com", address, mail("dana@example.com", address, "Weekly deals", "Precedence: bulk\n",
        "Our newsletter"));
    smtp("", address, mail("MAILER-DAEMON@mail.example.com", address, "Undelivered Mail", "", "Bounce"));
    smtp("stranger@example.com", "support@support.localhost",
        mail("stranger@example.com", "support@support.localhost", "Please help", "", "Open a ticket for me"));
    awaitInboundTaken();
    LocalApi.pause(1_500);

    assertThat(thread(id, "user")).as("only the opening").hasSize(1);
    assertThat(api.call("GET", "/support/admin/tickets?limit=100", alex, null).get("tickets").findValuesAsText("subject"))
        .doesNotContain("Please help");
    assertThat(emails(id, "alex@example.com").size() + emails(id, "dana@example.com").size())
        .as("nothing notified").isEqualTo(emailsAboutIt);
    List<String> answered = new ArrayList<>();
    api.emails().forEach(e -> answered.add(e.at("/destination/to/0").asText().toLowerCase()));
    assertThat(answered).as("nobody answered").doesNotContain("mallory@example.com", "stranger@example.com",
        "mailer-daemon@mail.example.com");
  }

  @Test
  void anHtmlOnlyReplyBecomesItsTextAndASupportAddressMailFromAMerchantOpensATicket() {
    String id = openTicket("Affiliate link", "Where do I find my referral link?");
    String address = replyTo(answeredTicketEmail(id));
    String html = "From: dana@example.com\nTo: " + address + "\nSubject: Re: link\nMessage-ID: <" + UUID.randomUUID()
        + "@mail.example.com>\nMIME-Version: 1.0\nContent-Type: text/html; charset=UTF-8\n\n"
        + "<html><body><div>Found it, <b>thanks</b>!</div><div>One more: can I change it?</div>"
        + "<blockquote>Our assistant replied to your ticket.</blockquote></body></html>\n";
    assertThat(smtp("dana@example.com", address, html)).startsWith("250");

    String byMail = mail("Dana Merchant <dana@example.com>", "support@support.localhost", "Store disconnected", "",
        "My Shopify store shows as disconnected in Commercive since this morning.");
    assertThat(smtp("dana@example.com", "support@support.localhost", byMail)).startsWith("250");
    assertThat(smtp("dana@example.com", "support@support.localhost", byMail)).startsWith("250");
    awaitInboundTaken();

    assertThat(thread(id, "user").get(1).get("message").asText())
        .isEqualTo("Found it, thanks!\nOne more: can I change it?");
    List<JsonNode> opened = new ArrayList<>();
    api.call("GET", "/support/tickets?limit=100", dana, null).get("tickets").forEach(t -> {
      if (t.get("subject").asText().equals("Store disconnected")) {
        opened.add(t);
      }
    });
    assertThat(opened).as("one ticket, though the mail came twice").hasSize(1);
    String openedId = opened.get(0).get("ticket_id").asText();
    assertThat(thread(openedId, "user")).singleElement().satisfies(m -> assertThat(m.get("message").asText())
        .isEqualTo("My Shopify store shows as disconnected in Commercive since this morning."));
    LocalApi.await("the assistant's answer to the ticket opened by mail", Duration.ofSeconds(20),
        () -> !thread(openedId, "ai").isEmpty());
  }

  @Test
  void aRepliesFilesGoThroughTheUploadsCheckAndTheOthersAreNamedInTheMessage() {
    String id = openTicket("Label printing broken", "The shipping labels print blank");
    String address = replyTo(answeredTicketEmail(id));
    String png = java.util.Base64.getMimeEncoder().encodeToString(SampleFiles.png());
    String pdfAsPng = java.util.Base64.getMimeEncoder().encodeToString(SampleFiles.pdf());
    String mail = "From: Dana <dana@example.com>\nTo: " + address + "\nSubject: Re: labels\nMessage-ID: <"
        + UUID.randomUUID() + "@mail.example.com>\nMIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=b1\n\n"
        + "--b1\nContent-Type: text/plain; charset=UTF-8\n\nHere is what I see.\n"
        + "--b1\nContent-Type: image/png; name=screenshot.png\nContent-Disposition: attachment; filename=screenshot.png\n"
        + "Content-Transfer-Encoding: base64\n\n" + png + "\n"
        + "--b1\nContent-Type: image/png; name=invoice.png\nContent-Disposition: attachment; filename=invoice.png\n"
        + "Content-Transfer-Encoding: base64\n\n" + pdfAsPng + "\n"
        + "--b1\nContent-Type: application/x-msdownload; name=setup.exe\nContent-Disposition: attachment; "
        + "filename=setup.exe\nContent-Transfer-Encoding: base64\n\nTVqQAAMAAAAEAAAA\n--b1--\n";
    assertThat(smtp("dana@example.com", address, mail)).startsWith("250");
    awaitInboundTaken();

    JsonNode reply = thread(id, "user").get(1);
    assertThat(reply.get("message").asText()).isEqualTo("Here is what I see.\n\n"
        + "[attachment not accepted: setup.exe (type application/x-msdownload not accepted)]\n"
        + "[attachment not accepted: invoice.png (type-mismatch)]");
    assertThat(reply.get("attachments")).singleElement().satisfies(file -> {
      assertThat(file.get("filename").asText()).isEqualTo("screenshot.png");
      assertThat(file.get("content_type").asText()).isEqualTo("image/png");
      assertThat(file.get("size").asLong()).isEqualTo(SampleFiles.png().length);
    });
    // Downloaded as any upload is: the checked file, byte for byte.
    String attachmentId = reply.at("/attachments/0/attachment_id").asText();
    JsonNode link = api.call("GET", "/support/tickets/" + id + "/attachments/" + attachmentId, dana, null);
    assertThat(link.at("/attachment/status").asText()).isEqualTo("ready");
    try {
      byte[] downloaded = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
          java.net.URI.create(link.get("download_url").asText())).build(),
          java.net.http.HttpResponse.BodyHandlers.ofByteArray()).body();
      assertThat(downloaded).isEqualTo(SampleFiles.png());
    } catch (IOException | InterruptedException e) {
      throw new AssertionError(e);
    }
  }
}
