package com.commercive.support.domain;

import java.time.Instant;

/**
 * What posting to a ticket changes on it: the optional new message, the resulting status and
 * the new {@code updated_at}. Applied atomically with the message write.
 */
public record TicketChange(
    Message message, TicketStatus newStatus, Instant updatedAt, boolean humanReplied) {}
