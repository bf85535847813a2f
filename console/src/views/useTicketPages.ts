import { useCallback, useEffect, useState } from "react";
import { readable, type Ticket } from "../api/client";

/** Pages of tickets from a list route, kept in order; the next page behind {@code more}. */
export function useTicketPages(fetchPage: (cursor: string | undefined) => Promise<{ tickets: Ticket[]; next_cursor: string | null }>) {
  const [tickets, setTickets] = useState<Ticket[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(async (after: string | undefined) => {
    setLoading(true);
    try {
      const page = await fetchPage(after);
      setTickets((shown) => after ? [...shown, ...page.tickets.filter((t) => !shown.some((s) => s.ticket_id === t.ticket_id))]
        : page.tickets);
      setCursor(page.next_cursor);
      setError(null);
    } catch (failure) {
      setError(readable(failure));
    } finally {
      setLoading(false);
    }
  }, [fetchPage]);

  useEffect(() => {
    void load(undefined);
  }, [load]);

  /** Puts a ticket that changed (or is new) at the top. */
  const changed = useCallback((ticket: Ticket) => {
    setTickets((shown) => [ticket, ...shown.filter((t) => t.ticket_id !== ticket.ticket_id)]);
  }, []);

  /** Takes a ticket that no longer belongs in the list out of it. */
  const gone = useCallback((ticketId: string) => {
    setTickets((shown) => shown.filter((t) => t.ticket_id !== ticketId));
  }, []);

  return { tickets, loading, error, hasMore: cursor !== null, more: () => void load(cursor ?? undefined),
    reload: () => void load(undefined), changed, gone };
}
