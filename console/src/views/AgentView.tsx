import { useCallback, useState } from "react";
import { must, type Api, type Ticket } from "../api/client";
import { useLive, type LiveEvent } from "../live";
import { AGENT_STATUS_LABEL } from "./format";
import { TicketList } from "./TicketList";
import { TicketThread } from "./TicketThread";
import { useTicketPages } from "./useTicketPages";

type StatusFilter = "" | "open" | "pending" | "closed";
type AssigneeFilter = "" | "me" | "none";

/** The support team's inbox, live, and one ticket with its notes. */
export function AgentView(props: { api: Api; userId: string }) {
  const { api, userId } = props;
  const [status, setStatus] = useState<StatusFilter>("open");
  const [assignee, setAssignee] = useState<AssigneeFilter>("");
  const [selected, setSelected] = useState<string | null>(null);
  const fetchPage = useCallback(async (cursor: string | undefined) => must(await api.GET("/support/admin/tickets", {
    params: { query: { status: status || undefined, assignee: assignee || undefined, limit: 20, cursor } },
  })), [api, status, assignee]);
  const pages = useTicketPages(fetchPage);
  const { changed, gone, reload } = pages;
  const onEvent = useCallback((event: LiveEvent) => {
    if (event.type === "ticket.updated") {
      if (fits(event.ticket, status, assignee, userId)) {
        changed(event.ticket);
      } else {
        gone(event.ticket.ticket_id);
      }
    }
  }, [changed, gone, status, assignee, userId]);
  const live = useLive(api, { inbox: true }, onEvent, reload);
  const onChanged = useCallback((ticket: Ticket) => onEvent({ type: "ticket.updated", ticket }), [onEvent]);

  return (
    <div className="split">
      <nav className="sidebar" aria-label="Inbox">
        <div className="toolbar">
          <h2>Inbox</h2>
          <span className="live" role="status">{live === "live" ? "Live" : live === "connecting" ? "Connecting…" : "Not live"}</span>
        </div>
        <label htmlFor="inbox-status">Status</label>
        <select id="inbox-status" value={status} onChange={(e) => setStatus(e.target.value as StatusFilter)}>
          <option value="">All</option>
          <option value="open">Open</option>
          <option value="pending">Pending</option>
          <option value="closed">Closed</option>
        </select>
        <label htmlFor="inbox-assignee">Assigned to</label>
        <select id="inbox-assignee" value={assignee} onChange={(e) => setAssignee(e.target.value as AssigneeFilter)}>
          <option value="">Anyone</option>
          <option value="me">Me</option>
          <option value="none">Nobody</option>
        </select>
        {pages.error && <p className="error" role="alert">{pages.error}</p>}
        <TicketList tickets={pages.tickets} selected={selected} onSelect={setSelected} statusLabel={AGENT_STATUS_LABEL}
          loading={pages.loading} hasMore={pages.hasMore} onMore={pages.more} empty="Nothing here: the inbox is clear." />
      </nav>
      <main className="detail">
        {selected ? <TicketThread api={api} ticketId={selected} admin onChanged={onChanged} />
          : <p className="empty">Pick a ticket from the inbox.</p>}
      </main>
    </div>
  );
}

/** Whether a ticket that changed belongs in the inbox as filtered. */
function fits(ticket: Ticket, status: StatusFilter, assignee: AssigneeFilter, userId: string): boolean {
  return (status === "" || ticket.status === status)
    && (assignee === "" || (assignee === "me" ? ticket.assignee_id === userId : ticket.assignee_id === null));
}
