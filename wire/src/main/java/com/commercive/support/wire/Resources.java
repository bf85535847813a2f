package com.commercive.support.wire;

import com.commercive.support.domain.Satisfaction;
import com.commercive.support.domain.Sla;
import com.commercive.support.domain.SlaMetric;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.commercive.support.domain.Attachment;
import com.commercive.support.service.ReadTickets;
import com.commercive.support.domain.LastMessage;
import com.commercive.support.domain.Message;
import com.commercive.support.domain.Ticket;
import com.commercive.support.service.ReadTickets.MessageView;
import com.commercive.support.util.Timestamps;
import java.util.List;

/**
 * Tickets, messages and attachments as clients read them, wherever they read them: the REST API's
 * responses and the live updates' events (snake_case through {@link Json}'s naming strategy).
 */
public final class Resources {
  private Resources() {}

  public record TicketJson(
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
      String priorityReason,
      String resolvedBy,
      SatisfactionJson satisfaction,
      // For the support team only: absent, not null, for the owner.
      @JsonInclude(JsonInclude.Include.NON_NULL) SlaJson sla) {}

  public record SatisfactionJson(int rating, String comment, String ratedAt) {}

  public record SlaJson(String firstResponseDueAt, String firstRespondedAt, String nextResponseDueAt,
      String resolutionDueAt, List<String> breached) {}

  public record LastMessageJson(String preview, String senderType, String createdAt) {}

  public record MessageJson(
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
      List<AttachedFileJson> attachments) {}

  /** A file on a message: what a reader sees before opening it. */
  public record AttachedFileJson(String attachmentId, String filename, String contentType, long size) {}

  /** An uploaded file and its check. */
  public record AttachmentJson(String attachmentId, String ticketId, String filename, String contentType, long size,
      String status, String rejectionReason, String createdAt) {}

  /** A ticket as {@code forTeam} (an admin) or its owner sees it: the service levels only for the team. */
  public static TicketJson ticket(Ticket ticket, boolean forTeam) {
    LastMessage last = ticket.lastMessage();
    Satisfaction rated = ticket.satisfaction();
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
        ticket.priorityReason(),
        ticket.resolvedBy() == null ? null : ticket.resolvedBy().wireName(),
        rated == null ? null : new SatisfactionJson(rated.rating(), rated.comment(), Timestamps.format(rated.ratedAt())),
        forTeam ? sla(ticket.sla()) : null);
  }

  private static SlaJson sla(Sla sla) {
    return new SlaJson(time(sla.firstResponseDueAt()), time(sla.firstRespondedAt()), time(sla.nextResponseDueAt()),
        time(sla.resolutionDueAt()), sla.breached().stream().map(SlaMetric::wireName).toList());
  }

  private static String time(java.time.Instant at) {
    return at == null ? null : Timestamps.format(at);
  }

  public static MessageJson message(MessageView view) {
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
            .map(f -> new AttachedFileJson(f.attachmentId(), f.filename(), f.contentType(), f.size())).toList());
  }

  public static AttachmentJson attachment(Attachment attachment) {
    return new AttachmentJson(attachment.attachmentId(), attachment.ticketId(), attachment.filename(),
        attachment.contentType(), attachment.size(), attachment.status().wireName(),
        attachment.rejection() == null ? null : attachment.rejection().wireName(),
        Timestamps.format(attachment.createdAt()));
  }
}
