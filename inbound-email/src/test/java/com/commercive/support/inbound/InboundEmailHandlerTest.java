package com.commercive.support.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.commercive.support.domain.Message;
import com.commercive.support.domain.SenderType;
import com.commercive.support.domain.ServiceLevels;
import com.commercive.support.domain.Ticket;
import com.commercive.support.email.ReplyAddresses;
import com.commercive.support.fakes.InMemoryFileStorage;
import com.commercive.support.service.AppendMessage;
import com.commercive.support.service.RateLimiter;
import com.commercive.support.service.ReceiveReply;
import com.commercive.support.service.OpenTicket;
import com.commercive.support.service.AttachmentService;
import com.commercive.support.service.MailFiles;
import com.commercive.support.fakes.InMemoryAttachmentStore;
import com.commercive.support.fakes.InMemoryAddressBook;
import com.commercive.support.fakes.InMemoryUserDirectory;
import com.commercive.support.testkit.TicketScenario;
import com.commercive.support.lambda.metrics.EmbeddedMetrics;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** SES's notification in its real shape, the raw mail in the bucket, the reply on the ticket. */
class InboundEmailHandlerTest extends TicketScenario {
  final ReplyAddresses replies = new ReplyAddresses("support.localhost",
      List.of("reply-key-for-tests-0123456789abcdef".getBytes(StandardCharsets.UTF_8)));
  final InMemoryFileStorage bucket = new InMemoryFileStorage();
  final ByteArrayOutputStream metricLines = new ByteArrayOutputStream();
  final InboundEmailHandler handler = new InboundEmailHandler(new InboundEmailService(bucket,
      new ReceiveReply(repository, new AppendMessage(repository, ServiceLevels.DEFAULT, clock),
          new OpenTicket(repository, RateLimiter.unlimited(), ServiceLevels.DEFAULT, clock, () -> "unused"), replies,
          new InMemoryUserDirectory(), new InMemoryAddressBook(), RateLimiter.unlimited(),
          new MailFiles(new InMemoryAttachmentStore(), bucket, AttachmentService.Policy.defaults(), clock,
              java.time.Duration.ZERO))),
      new EmbeddedMetrics("Tests", clock, new PrintStream(metricLines, true, StandardCharsets.UTF_8)));

  static String resource(String name) throws IOException {
    try (InputStream in = InboundEmailHandlerTest.class.getResourceAsStream(name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  SQSEvent event(String body) {
    SQSEvent.SQSMessage message = new SQSEvent.SQSMessage();
    message.setMessageId("sqs-1");
    message.setBody(body);
    SQSEvent event = new SQSEvent();
    event.setRecords(List.of(message));
    return event;
  }

  @Test
  void aGmailReplyStoredBySesBecomesTheOwnersMessageOnce() throws IOException {
    Ticket ticket = ticket();
    String address = replies.address(ticket.ticketId(), "dana@example.com", ReplyAddresses.Role.OWNER).orElseThrow();
    String raw = resource("/reply-corpus/01-gmail-web-top-post.eml");
    String expected = resource("/reply-corpus/01-gmail-web-top-post.expected.txt").strip();
    // The corpus mail, sent by Dana to this ticket's reply address.
    raw = raw.replaceAll("(?m)^From: .*$", "From: Dana Merchant <dana@example.com>")
        .replaceAll("(?m)^To: .*$", "To: " + address);
    bucket.put("inbound/o3vrnil0e2ic28trm7dfhrc2v0clambda4nbp0g1", raw.getBytes(StandardCharsets.UTF_8));
    String notification = resource("/events/ses-received.json").replace("REPLY_ADDRESS", address);

    SQSBatchResponse first = handler.process(event(notification));
    SQSBatchResponse again = handler.process(event(notification));

    assertThat(first.getBatchItemFailures()).isEmpty();
    assertThat(again.getBatchItemFailures()).as("a redelivery is taken, and appends nothing").isEmpty();
    assertThat(metricLines.toString(StandardCharsets.UTF_8)).contains("\"Outcome\":\"appended\",\"InboundMail\":1")
        .contains("\"Reason\":\"duplicate\",\"InboundMailDropped\":1");
    List<Message> fromMail = repository.allMessages().stream().filter(m -> m.messageId().startsWith("mail-")).toList();
    assertThat(fromMail).singleElement().satisfies(m -> {
      assertThat(m.ticketId()).isEqualTo(ticket.ticketId());
      assertThat(m.senderType()).isEqualTo(SenderType.USER);
      assertThat(m.senderId()).isEqualTo(ticket.userId());
      assertThat(ReplyCorpusTest.normal(m.text())).isEqualTo(ReplyCorpusTest.normal(expected));
    });
  }

  @Test
  void aMailNotYetInTheBucketFailsAloneAndIsRetried() throws IOException {
    String notification = resource("/events/ses-received.json").replace("REPLY_ADDRESS", "r-x@support.localhost");
    SQSBatchResponse response = handler.process(event(notification));
    assertThat(response.getBatchItemFailures()).singleElement()
        .satisfies(f -> assertThat(f.getItemIdentifier()).isEqualTo("sqs-1"));
  }

  @Test
  void foreignMailIsDroppedNotRetried() throws IOException {
    bucket.put("inbound/o3vrnil0e2ic28trm7dfhrc2v0clambda4nbp0g1", new byte[] {0, 1, 2});
    String notification = resource("/events/ses-received.json").replace("REPLY_ADDRESS", "r-x@support.localhost");
    assertThat(handler.process(event(notification)).getBatchItemFailures()).isEmpty();
    assertThat(repository.allMessages()).isEmpty();
    assertThat(metricLines.toString(StandardCharsets.UTF_8)).as("counted by outcome and by reason")
        .contains("\"Outcome\":\"dropped\",\"InboundMail\":1")
        .containsPattern("\"Reason\":\"[a-z_]+\",\"InboundMailDropped\":1");
  }

  /** A mail the reader refuses fails its record, so it ends in the dead-letter queue, its raw copy kept. */
  @Test
  void anUnreadableMailFailsItsRecordAndStaysInTheBucket() throws IOException {
    Ticket ticket = ticket();
    String address = replies.address(ticket.ticketId(), "dana@example.com", ReplyAddresses.Role.OWNER).orElseThrow();
    byte[] nested = ("From: dana@example.com\r\nTo: " + address + "\r\nMessage-ID: <deep@x>\r\n"
        + "Content-Type: multipart/mixed; boundary=b0\r\n\r\n" + deepNesting(60)).getBytes(StandardCharsets.UTF_8);
    bucket.put("inbound/o3vrnil0e2ic28trm7dfhrc2v0clambda4nbp0g1", nested);
    String notification = resource("/events/ses-received.json").replace("REPLY_ADDRESS", address);
    assertThat(handler.process(event(notification)).getBatchItemFailures()).hasSize(1);
    assertThat(bucket.open("inbound/o3vrnil0e2ic28trm7dfhrc2v0clambda4nbp0g1")).isPresent();
    assertThat(repository.allMessages()).isEmpty();
  }

  static String deepNesting(int depth) {
    StringBuilder mail = new StringBuilder();
    for (int level = 0; level < depth; level++) {
      mail.append("--b").append(level).append("\r\nContent-Type: multipart/mixed; boundary=b").append(level + 1)
          .append("\r\n\r\n");
    }
    mail.append("--b").append(depth).append("\r\nContent-Type: text/plain\r\n\r\nhello\r\n");
    for (int level = depth; level >= 0; level--) {
      mail.append("--b").append(level).append("--\r\n");
    }
    return mail.toString();
  }
}
