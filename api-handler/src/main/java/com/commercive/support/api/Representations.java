package com.commercive.support.api;

import com.commercive.support.assistant.Answer;
import com.commercive.support.domain.Attachment;
import com.commercive.support.domain.Caller;
import com.commercive.support.domain.LastMessage;
import com.commercive.support.domain.Message;
import com.commercive.support.domain.Ticket;
import com.commercive.support.service.AssistantService;
import com.commercive.support.service.AttachmentService;
import com.commercive.support.service.TicketService;
import com.commercive.support.service.TicketService.MessageView;
import com.commercive.support.store.dynamodb.Timestamps;
import java.util.List;
import java.util.Map;

/** The wire form of the API's resources (snake_case through the mapper's naming strategy). */
final class Representations {
  private Representations() {}

  record TicketJson(
      String ticketId,
      String userId,
      String subject,
      String status,
      String priority,
      String createdAt,
      String updatedAt,
      long messageCount,
      LastMessageJson lastMessage,
      long version,
      String assigneeId,
      String assigneeName,
      String prioritySource,
      String priorityReason) {}

  record LastMessageJson(String preview, String senderType, String createdAt) {}

  record MessageJson(
      String messageId,
      String ticketId,
      String senderId,
      String senderType,
      String senderName,
      String senderEmail,
      String message,
      String attachmentUrl,
      boolean isAiResponse,
      String createdAt,
      boolean internal,
      List<AttachmentJson> attachments) {}

  /** A file on a message: what a reader sees before opening it. */
  record AttachmentJson(String attachmentId, String filename, String contentType, long size) {}

  /** An uploaded file and its check. */
  record UploadedFileJson(String attachmentId, String ticketId, String filename, String contentType, long size,
      String status, String rejectionReason, String createdAt) {}

  /** Where and how the browser uploads the file. */
  record UploadFormJson(String url, Map<String, String> fields, String expiresAt) {}

  record UploadJson(UploadedFileJson attachment, UploadFormJson upload) {}

  record DownloadJson(UploadedFileJson attachment, String downloadUrl, String expiresAt) {}

  static UploadedFileJson attachment(Attachment attachment) {
    return new UploadedFileJson(attachment.attachmentId(), attachment.ticketId(), attachment.filename(),
        attachment.contentType(), attachment.size(), attachment.status().wireName(),
        attachment.rejection() == null ? null : attachment.rejection().wireName(),
        Timestamps.format(attachment.createdAt()));
  }

  static UploadJson upload(AttachmentService.Upload upload) {
    return new UploadJson(attachment(upload.attachment()), new UploadFormJson(upload.form().url().toString(),
        upload.form().fields(), Timestamps.format(upload.form().expiresAt())));
  }

  static DownloadJson download(AttachmentService.Download download) {
    return new DownloadJson(attachment(download.attachment()),
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
            : message(new MessageView(reply.message(), TicketService.ASSISTANT_NAME, null)));
  }

  static TicketJson ticket(Ticket ticket) {
    LastMessage last = ticket.lastMessage();
    return new TicketJson(
        ticket.ticketId(),
        ticket.userId(),
        ticket.subject(),
        ticket.status().wireName(),
        ticket.priority().wireName(),
        Timestamps.format(ticket.createdAt()),
        Timestamps.format(ticket.updatedAt()),
        ticket.messageCount(),
        last == null
            ? null
            : new LastMessageJson(
                last.preview(), last.senderType().wireName(), Timestamps.format(last.createdAt())),
        ticket.version(),
        ticket.assignee() == null ? null : ticket.assignee().agentId(),
        ticket.assignee() == null ? null : ticket.assignee().name(),
        ticket.prioritySource().wireName(),
        ticket.priorityReason());
  }

  /** The {@code ETag} of a response that carries one ticket: its version, quoted. */
  static Map<String, String> etag(Ticket ticket) {
    return Map.of("ETag", "\"" + ticket.version() + "\"");
  }

  static MessageJson message(MessageView view) {
    Message message = view.message();
    return new MessageJson(
        message.messageId(),
        message.ticketId(),
        message.senderId(),
        message.senderType().wireName(),
        view.senderName(),
        view.senderEmail(),
        message.text(),
        message.attachmentUrl(),
        message.aiResponse(),
        Timestamps.format(message.createdAt()),
        message.internal(),
        message.attachments().stream()
            .map(f -> new AttachmentJson(f.attachmentId(), f.filename(), f.contentType(), f.size())).toList());
  }

  /** A message the caller just sent: their name and email come from their token. */
  static MessageJson sentBy(Caller caller, Message message) {
    if (message == null) {
      return null;
    }
    return message(new MessageView(message, caller.name(), caller.email()));
  }

  static List<TicketJson> tickets(TicketService.TicketList list) {
    return list.tickets().stream().map(Representations::ticket).toList();
  }
}
