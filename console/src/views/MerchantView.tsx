import { useCallback, useState } from "react";
import { must, readable, type Api, type Priority } from "../api/client";
import { STATUS_LABEL } from "./format";
import { TicketList } from "./TicketList";
import { TicketThread } from "./TicketThread";
import { useTicketPages } from "./useTicketPages";

type StatusFilter = "" | "open" | "pending" | "closed";

/** The merchant's help desk: their tickets, a new one, and one ticket's conversation. */
export function MerchantView(props: { api: Api }) {
  const { api } = props;
  const [status, setStatus] = useState<StatusFilter>("");
  const [selected, setSelected] = useState<string | null>(null);
  const [writing, setWriting] = useState(false);
  const fetchPage = useCallback(async (cursor: string | undefined) => must(await api.GET("/support/tickets", {
    params: { query: { status: status || undefined, limit: 20, cursor } },
  })), [api, status]);
  const pages = useTicketPages(fetchPage);

  return (
    <div className="split">
      <nav className="sidebar" aria-label="My tickets">
        <div className="toolbar">
          <h2>My tickets</h2>
          <button type="button" onClick={() => { setWriting(true); setSelected(null); }}>New ticket</button>
        </div>
        <label htmlFor="status-filter">Show</label>
        <select id="status-filter" value={status} onChange={(e) => setStatus(e.target.value as StatusFilter)}>
          <option value="">All tickets</option>
          <option value="open">Open</option>
          <option value="pending">Waiting on you</option>
          <option value="closed">Closed</option>
        </select>
        {pages.error && <p className="error" role="alert">{pages.error}</p>}
        <TicketList tickets={pages.tickets} selected={selected} onSelect={(id) => { setSelected(id); setWriting(false); }}
          statusLabel={STATUS_LABEL} loading={pages.loading} hasMore={pages.hasMore} onMore={pages.more}
          empty="No tickets yet. Ask us anything with “New ticket”." />
      </nav>
      <main className="detail">
        {writing ? (
          <NewTicketForm api={api} onCreated={(ticketId) => { setWriting(false); setSelected(ticketId); pages.reload(); }} />
        ) : selected ? (
          <TicketThread api={api} ticketId={selected} admin={false} onChanged={pages.changed} />
        ) : (
          <p className="empty">Pick a ticket, or open a new one.</p>
        )}
      </main>
    </div>
  );
}

function NewTicketForm(props: { api: Api; onCreated: (ticketId: string) => void }) {
  const [subject, setSubject] = useState("");
  const [priority, setPriority] = useState<Priority>("medium");
  const [message, setMessage] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [sending, setSending] = useState(false);

  const submit = async () => {
    setSending(true);
    try {
      const created = must(await props.api.POST("/support/tickets", {
        body: { subject, priority, message: message.trim() ? message : null },
      }));
      props.onCreated(created.ticket.ticket_id);
    } catch (failure) {
      setError(readable(failure));
    } finally {
      setSending(false);
    }
  };

  return (
    <form className="new-ticket" onSubmit={(e) => { e.preventDefault(); void submit(); }}>
      <h2>New ticket</h2>
      <label htmlFor="new-subject">Subject</label>
      <input id="new-subject" value={subject} onChange={(e) => setSubject(e.target.value)} maxLength={200} required />
      <label htmlFor="new-priority">Priority</label>
      <select id="new-priority" value={priority} onChange={(e) => setPriority(e.target.value as Priority)}>
        <option value="low">Low</option>
        <option value="medium">Medium</option>
        <option value="high">High</option>
      </select>
      <label htmlFor="new-message">Your question</label>
      <textarea id="new-message" value={message} onChange={(e) => setMessage(e.target.value)} rows={6} maxLength={10000} />
      {error && <p className="error" role="alert">{error}</p>}
      <button type="submit" disabled={sending}>Open ticket</button>
    </form>
  );
}
