package com.commercive.support.api;

import com.commercive.support.assistant.Answer;
import com.commercive.support.service.ReadTickets;
import com.commercive.support.domain.Caller;
import com.commercive.support.domain.Message;
import com.commercive.support.domain.Ticket;
import com.commercive.support.service.AssistantService;
import com.commercive.support.service.AttachmentService;
import com.commercive.support.service.ReadTickets.MessageView;
import com.commercive.support.service.TicketUseCases;
import com.commercive.support.util.Timestamps;
import com.commercive.support.wire.Resources;
import com.commercive.support.wire.Resources.AttachmentJson;
import com.commercive.support.wire.Resources.MessageJson;
import com.commercive.support.wire.Resources.TicketJson;
import java.util.List;
import java.util.Map;

/**
 * The API's response bodies (snake_case through the mapper's naming strategy): envelopes around
 * the resources, which {@link Resources} shapes for every client (the live updates too).
 */
final class Representations {
  private Representations() {}

  /** A ticket as {@code caller} sees it: its service levels only for the support team. */
  static TicketJson ticket(Ticket ticket, Caller caller) {
    return Resources.ticket(ticket, caller.admin());
  }

  static MessageJson message(MessageView view) {
    return Resources.message(view);
  }

  /** Where and how the browser uploads the file. */
  record UploadFormJson(String url, Map<String, String> fields, String expiresAt) {}

  record UploadJson(AttachmentJson attachment, UploadFormJson upload) {}

  record DownloadJson(AttachmentJson attachment, String downloadUrl, String expiresAt) {}

  static UploadJson upload(AttachmentService.Upload upload) {
    return new UploadJson(Resources.attachment(upload.attachment()), new UploadFormJson(upload.form().url().toString(),
        upload.form().fields(), Timestamps.format(upload.form().expiresAt())));
  }

  static DownloadJson download(AttachmentService.Download download) {
    return new DownloadJson(Resources.attachment(download.attachment()),
        download.url() == null ? null : download.url().toString(),
        download.expiresAt() == null ? null : Timestamps.format(download.expiresAt()));
  }

  record TicketEnvelope(TicketJson ticket) {}

  record TicketCreatedJson(TicketJson ticket, MessageJson message) {}

  record MessagePostedJson(MessageJson message, TicketJson ticket) {}

  record TicketListJson(List<TicketJson> tickets, String nextCursor) {}

  record ConversationJson(TicketJson ticket, List<MessageJson> messages, String nextCursor) {}

  record HealthJson(String status) {}

  record SourceJson(String id, String title) {}

  record AiResponseJson(
      String response,
      String topic,
      double confidence,
      List<SourceJson> sources,
      boolean handoff,
      MessageJson message) {}

  static AiResponseJson aiReply(AssistantService.AiReply reply) {
    Answer answer = reply.answer();
    return new AiResponseJson(
        answer.text(),
        answer.topic().wireName(),
        answer.confidence(),
        answer.sources().stream().map(s -> new SourceJson(s.id(), s.title())).toList(),
        answer.handoff(),
        reply.message() == null
            ? null
            : message(new MessageView(reply.message(), ReadTickets.ASSISTANT_NAME, null)));
  }

  /** The {@code ETag} of a response that carries one ticket: its version, quoted. */
  static Map<String, String> etag(Ticket ticket) {
    return Map.of("ETag", "\"" + ticket.version() + "\"");
  }

  /** A message the caller just sent: their name and email come from their token. */
  static MessageJson sentBy(Caller caller, Message message) {
    if (message == null) {
      return null;
    }
    return message(new MessageView(message, caller.name(), caller.email()));
  }

  static List<TicketJson> tickets(ReadTickets.TicketList list, Caller caller) {
    return list.tickets().stream().map(ticket -> ticket(ticket, caller)).toList();
  }
}
