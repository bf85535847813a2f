package com.commercive.support.domain;

import java.time.Instant;

/**
 * What posting to a ticket changes on it: the optional new message, the resulting status and
 * the new {@code updated_at}. Derived from the ticket as stored and applied atomically with the
 * message write (see {@code TicketRepository.update}).
 */
public record TicketChange(
    Message message, TicketStatus newStatus, Instant updatedAt, boolean humanReplied) {}
