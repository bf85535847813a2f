import type { Ticket } from "../api/client";
import { when } from "./format";

/** A list of tickets to pick from, with the next page behind a button. */
export function TicketList(props: {
  tickets: Ticket[];
  selected: string | null;
  onSelect: (ticketId: string) => void;
  statusLabel: Record<string, string>;
  loading: boolean;
  hasMore: boolean;
  onMore: () => void;
  empty: string;
}) {
  if (!props.loading && props.tickets.length === 0) {
    return <p className="empty">{props.empty}</p>;
  }
  return (
    <>
      <ul className="tickets" aria-label="Tickets">
        {props.tickets.map((ticket) => (
          <li key={ticket.ticket_id}>
            <button type="button" className={ticket.ticket_id === props.selected ? "ticket selected" : "ticket"}
              aria-current={ticket.ticket_id === props.selected ? "true" : undefined}
              onClick={() => props.onSelect(ticket.ticket_id)}>
              <span className="subject">{ticket.subject}</span>
              <span className={`badge status-${ticket.status}`}>{props.statusLabel[ticket.status]}</span>
              {ticket.priority === "high" && <span className="badge priority-high">High priority</span>}
              {ticket.sla?.breached.length ? <span className="badge breached">Late</span> : null}
              {ticket.last_message && <span className="preview">{ticket.last_message.preview}</span>}
              <span className="meta">Updated {when(ticket.updated_at)}</span>
            </button>
          </li>
        ))}
      </ul>
      {props.loading && <p className="loading" role="status">Loading…</p>}
      {props.hasMore && !props.loading && (
        <button type="button" className="more" onClick={props.onMore}>Load more</button>
      )}
    </>
  );
}
