import { useCallback, useEffect, useState } from "react";
import { must, readable, type Api, type Message, type Ticket } from "../api/client";
import { useLive, type LiveEvent } from "../live";
import { AgentTools } from "./AgentTools";
import { AGENT_STATUS_LABEL, SENDER_LABEL, STATUS_LABEL, when } from "./format";
import { Rating } from "./Rating";
import { UploadList, useUploads } from "./Uploads";

type Canned = { canned_response_id: string; title: string; body: string; shortcut: string | null };

/**
 * One ticket: its thread, kept current by the live updates (the assistant's typing and answers
 * appear without reloading), and a reply form. The team sees internal notes, marked, and may
 * write one; the merchant may close their ticket.
 */
export function TicketThread(props: { api: Api; ticketId: string; admin: boolean; onChanged: (ticket: Ticket) => void }) {
  const { api, ticketId, admin, onChanged } = props;
  const [ticket, setTicket] = useState<Ticket | null>(null);
  const [messages, setMessages] = useState<Message[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [typing, setTyping] = useState(false);
  const [draft, setDraft] = useState("");
  const [internal, setInternal] = useState(false);
  const [sending, setSending] = useState(false);
  const [canned, setCanned] = useState<Canned[]>([]);
  const files = useUploads(api, ticketId);

  useEffect(() => {
    if (admin) {
      api.GET("/support/admin/canned-responses").then((r) => setCanned(must(r).canned_responses))
        .catch((failure: unknown) => setError(readable(failure)));
    }
  }, [api, admin]);

  const load = useCallback(async () => {
    try {
      const thread = must(await api.GET("/support/tickets/{ticket_id}/messages", {
        params: { path: { ticket_id: ticketId }, query: { limit: 200 } },
      }));
      setTicket(thread.ticket);
      setMessages(thread.messages);
      setError(null);
    } catch (failure) {
      setError(readable(failure));
    }
  }, [api, ticketId]);

  useEffect(() => {
    setTicket(null);
    setMessages([]);
    setTyping(false);
    void load();
  }, [load]);

  const onEvent = useCallback((event: LiveEvent) => {
    if (event.type === "message.created" && event.ticket_id === ticketId) {
      setMessages((shown) => shown.some((m) => m.message_id === event.message.message_id) ? shown
        : [...shown, event.message]);
      if (event.message.sender_type === "ai") {
        setTyping(false);
      }
    } else if (event.type === "ticket.updated" && event.ticket.ticket_id === ticketId) {
      setTicket(event.ticket);
      onChanged(event.ticket);
    } else if (event.type === "assistant.typing" && event.ticket_id === ticketId) {
      setTyping(true);
    }
  }, [ticketId, onChanged]);
  const live = useLive(api, { ticketId }, onEvent, () => void load());

  const send = async (close: boolean) => {
    setSending(true);
    try {
      let latest: Ticket | null = null;
      if (draft.trim() || files.ready.length > 0) {
        // The team closes with its reply; a merchant's reply, then the close.
        const posted = must(await api.POST("/support/tickets/{ticket_id}/messages", {
          params: { path: { ticket_id: ticketId } },
          body: { message: draft.trim() ? draft : null, internal: admin && internal,
            close_ticket: admin && close ? true : null, attachment_ids: files.ready.length > 0 ? files.ready : null },
        }));
        files.clear();
        const message = posted.message;
        if (message) {
          setMessages((shown) => shown.some((m) => m.message_id === message.message_id) ? shown : [...shown, message]);
        }
        latest = posted.ticket;
        setDraft("");
      }
      if (close && (!admin || latest === null)) {
        latest = must(await api.PATCH("/support/tickets/{ticket_id}", {
          params: { path: { ticket_id: ticketId } }, body: { status: "closed" },
        })).ticket;
      }
      if (latest) {
        changed(latest);
      }
      setError(null);
    } catch (failure) {
      setError(readable(failure));
    } finally {
      setSending(false);
    }
  };

  const changed = (next: Ticket) => {
    setTicket(next);
    onChanged(next);
  };

  /** An agent's canned response, posted by the API with its variables filled from the ticket. */
  const sendCanned = async (response: Canned) => {
    setSending(true);
    try {
      const posted = must(await api.POST("/support/tickets/{ticket_id}/messages", {
        params: { path: { ticket_id: ticketId } }, body: { canned_response_id: response.canned_response_id, internal: false },
      }));
      const message = posted.message;
      if (message) {
        setMessages((shown) => shown.some((m) => m.message_id === message.message_id) ? shown : [...shown, message]);
      }
      changed(posted.ticket);
      setDraft("");
      setError(null);
    } catch (failure) {
      setError(readable(failure));
    } finally {
      setSending(false);
    }
  };
  /** A file's download: a link of a few minutes, asked for when the person clicks. */
  const download = async (attachmentId: string) => {
    try {
      const link = must(await api.GET("/support/tickets/{ticket_id}/attachments/{attachment_id}", {
        params: { path: { ticket_id: ticketId, attachment_id: attachmentId } },
      }));
      if (link.download_url) {
        window.location.assign(link.download_url);
      } else {
        setError("This file is not ready to download.");
      }
    } catch (failure) {
      setError(readable(failure));
    }
  };
  const typed = admin && !internal && draft.startsWith("/") ? draft.slice(1).trim().toLowerCase() : null;
  const matching = typed === null ? [] : canned.filter((c) => c.shortcut !== null && c.shortcut.startsWith(typed));

  if (!ticket) {
    return error ? <p className="error" role="alert">{error}</p> : <p className="loading" role="status">Loading the ticket…</p>;
  }
  const labels = admin ? AGENT_STATUS_LABEL : STATUS_LABEL;
  return (
    <section className="thread" aria-labelledby="thread-subject">
      <header>
        <h2 id="thread-subject">{ticket.subject}</h2>
        <p className="meta">
          <span className={`badge status-${ticket.status}`}>{labels[ticket.status]}</span>
          <span className={`badge priority-${ticket.priority}`}>Priority {ticket.priority}</span>
          {ticket.priority_reason && <span className="reason">({ticket.priority_reason})</span>}
          <span className="live" role="status">{live === "live" ? "Live" : live === "connecting" ? "Connecting…" : "Live updates unavailable"}</span>
        </p>
        {admin && <AgentTools api={api} ticket={ticket} onChanged={changed} />}
      </header>
      <ol className="messages" aria-label="Conversation">
        {messages.map((message) => (
          <li key={message.message_id} className={`message from-${message.sender_type}${message.internal ? " internal" : ""}`}>
            <p className="who">
              <strong>{message.sender_name ?? SENDER_LABEL[message.sender_type]}</strong>
              <span className="role">{SENDER_LABEL[message.sender_type]}</span>
              {message.internal && <span className="badge note">Internal note — the merchant never sees this</span>}
              <time dateTime={message.created_at}>{when(message.created_at)}</time>
            </p>
            <p className="text">{message.message}</p>
            {message.attachments.length > 0 && (
              <ul className="files" aria-label="Files">
                {message.attachments.map((file) => (
                  <li key={file.attachment_id}>
                    <button type="button" className="link" onClick={() => void download(file.attachment_id)}>
                      {file.filename}
                    </button>
                  </li>
                ))}
              </ul>
            )}
          </li>
        ))}
      </ol>
      {typing && <p className="typing" role="status">The assistant is typing…</p>}
      {error && <p className="error" role="alert">{error}</p>}
      {ticket.status === "closed" && !admin ? (
        <>
          <Rating api={api} ticket={ticket} onChanged={changed} />
          <p className="closed">This ticket is closed. Write to reopen it.</p>
        </>
      ) : null}
      <form className="reply" onSubmit={(e) => { e.preventDefault(); void send(false); }}>
        <label htmlFor="reply-text">{admin && internal ? "Internal note" : "Your reply"}</label>
        <textarea id="reply-text" value={draft} onChange={(e) => setDraft(e.target.value)} rows={4} maxLength={10000}
          aria-describedby={admin ? "reply-hint" : undefined} />
        {admin && <p id="reply-hint" className="meta">Type / and a shortcut for a canned response.</p>}
        <label htmlFor="reply-files" className="files-label">Attach files</label>
        <input id="reply-files" type="file" multiple onChange={(e) => { if (e.target.files) { files.add(e.target.files); } e.target.value = ""; }} />
        <UploadList uploads={files.uploads} onRemove={files.remove} />
        {matching.length > 0 && (
          <ul className="canned" aria-label="Canned responses">
            {matching.map((response) => (
              <li key={response.canned_response_id}>
                <button type="button" className="secondary" disabled={sending} onClick={() => void sendCanned(response)}>
                  Send “{response.title}” (/{response.shortcut})
                </button>
                <p className="preview">{response.body}</p>
              </li>
            ))}
          </ul>
        )}
        {admin && (
          <label className="check">
            <input type="checkbox" checked={internal} onChange={(e) => setInternal(e.target.checked)} /> Internal note (not
            shown to the merchant)
          </label>
        )}
        <div className="actions">
          <button type="submit" disabled={sending || files.busy || (!draft.trim() && files.ready.length === 0)}>
            {admin && internal ? "Add note" : "Send"}</button>
          {ticket.status !== "closed" && !(admin && internal) && (
            <button type="button" className="secondary" disabled={sending} onClick={() => void send(true)}>
              {draft.trim() ? "Send and close" : "Close ticket"}
            </button>
          )}
        </div>
      </form>
    </section>
  );
}
