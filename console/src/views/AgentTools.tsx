import { useEffect, useState } from "react";
import { ApiError, must, readable, type Api, type Priority, type Ticket } from "../api/client";
import { when } from "./format";

type Agent = { agent_id: string; name: string | null; available: boolean; max_open: number; open_assigned: number };

/**
 * The team's controls on a ticket: who holds it and how urgent it is, each change sent with the
 * version the agent saw (`If-Match`), so a change made meanwhile by someone else is never
 * overwritten: the agent is told, and sees the ticket as it now is. The service levels' due
 * times, and the clocks that ran late.
 */
export function AgentTools(props: { api: Api; ticket: Ticket; onChanged: (ticket: Ticket) => void }) {
  const { api, ticket, onChanged } = props;
  const [agents, setAgents] = useState<Agent[]>([]);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  // The roster's counts change as tickets are assigned: read again with each version of the ticket.
  useEffect(() => {
    api.GET("/support/admin/agents").then((r) => setAgents(must(r).agents)).catch((e: unknown) => setNotice(readable(e)));
  }, [api, ticket.version]);

  const change = async (body: { priority?: Priority; assignee_id?: string | null }) => {
    setBusy(true);
    try {
      const updated = must(await api.PATCH("/support/tickets/{ticket_id}", {
        params: { path: { ticket_id: ticket.ticket_id }, header: { "If-Match": `"${ticket.version}"` } }, body,
      }));
      onChanged(updated.ticket);
      setNotice(null);
    } catch (failure) {
      if (failure instanceof ApiError && failure.status === 412) {
        const current = must(await api.GET("/support/tickets/{ticket_id}", { params: { path: { ticket_id: ticket.ticket_id } } }));
        onChanged(current.ticket);
        setNotice("Someone changed this ticket since you opened it. Nothing was changed; this is how it is now.");
      } else {
        setNotice(readable(failure));
      }
    } finally {
      setBusy(false);
    }
  };

  const sla = ticket.sla;
  return (
    <div className="agent-tools">
      <div className="fields">
        <div>
          <label htmlFor="ticket-assignee">Assigned to</label>
          <select id="ticket-assignee" value={ticket.assignee_id ?? ""} disabled={busy}
            onChange={(e) => void change({ assignee_id: e.target.value || null })}>
            <option value="">Nobody</option>
            {ticket.assignee_id && !agents.some((a) => a.agent_id === ticket.assignee_id) && (
              <option value={ticket.assignee_id}>{ticket.assignee_name ?? ticket.assignee_id}</option>
            )}
            {agents.map((agent) => (
              <option key={agent.agent_id} value={agent.agent_id}>
                {agent.name ?? agent.agent_id} ({agent.open_assigned}/{agent.max_open}{agent.available ? "" : ", away"})
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="ticket-priority">Priority</label>
          <select id="ticket-priority" value={ticket.priority} disabled={busy}
            onChange={(e) => void change({ priority: e.target.value as Priority })}>
            <option value="low">Low</option>
            <option value="medium">Medium</option>
            <option value="high">High</option>
          </select>
        </div>
      </div>
      {sla && (
        <ul className="sla" aria-label="Service levels">
          {sla.first_responded_at === null && sla.first_response_due_at && (
            <li>First reply due {when(sla.first_response_due_at)}</li>
          )}
          {sla.next_response_due_at && <li>Next reply due {when(sla.next_response_due_at)}</li>}
          {ticket.status !== "closed" && sla.resolution_due_at && <li>Resolution due {when(sla.resolution_due_at)}</li>}
          {sla.breached.map((clock) => (
            <li key={clock}><span className="badge breached">Late: {clock.replace("_", " ")}</span></li>
          ))}
        </ul>
      )}
      {notice && <p className="notice" role="alert">{notice}</p>}
    </div>
  );
}
