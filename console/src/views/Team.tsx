import { useCallback, useEffect, useState } from "react";
import { must, readable, type Api } from "../api/client";

type Agent = { agent_id: string; name: string | null; email: string | null; available: boolean; max_open: number;
  open_assigned: number };

/** The roster: who takes tickets and how many, and the signed-in agent's own availability and capacity. */
export function Team(props: { api: Api; userId: string }) {
  const { api, userId } = props;
  const [agents, setAgents] = useState<Agent[] | null>(null);
  const [available, setAvailable] = useState(true);
  const [maxOpen, setMaxOpen] = useState(10);
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);

  const load = useCallback(async () => {
    try {
      const roster = must(await api.GET("/support/admin/agents")).agents;
      setAgents(roster);
      const me = roster.find((a) => a.agent_id === userId);
      if (me) {
        setAvailable(me.available);
        setMaxOpen(me.max_open);
      }
    } catch (failure) {
      setMessage({ text: readable(failure), error: true });
    }
  }, [api, userId]);
  useEffect(() => void load(), [load]);

  const save = async () => {
    try {
      must(await api.PUT("/support/admin/agents/{agent_id}", {
        params: { path: { agent_id: "me" } }, body: { available, max_open: maxOpen },
      }));
      setMessage({ text: "Saved.", error: false });
      await load();
    } catch (failure) {
      setMessage({ text: readable(failure), error: true });
    }
  };

  return (
    <main className="detail team">
      <h2>Team</h2>
      <form className="me" onSubmit={(e) => { e.preventDefault(); void save(); }}>
        <h3>Me</h3>
        <label className="check">
          <input type="checkbox" checked={available} onChange={(e) => setAvailable(e.target.checked)} /> Available for new tickets
        </label>
        <label htmlFor="max-open">Tickets I can hold at once</label>
        <input id="max-open" type="number" min={1} max={200} value={maxOpen}
          onChange={(e) => setMaxOpen(Number(e.target.value))} />
        <button type="submit">Save</button>
        {message && <p className={message.error ? "error" : "meta"} role={message.error ? "alert" : "status"}>{message.text}</p>}
      </form>
      <h3>Roster</h3>
      {agents === null ? <p className="loading" role="status">Loading…</p> : agents.length === 0 ? (
        <p className="empty">Nobody is on the roster yet: save your availability to join it.</p>
      ) : (
        <table>
          <thead><tr><th scope="col">Agent</th><th scope="col">Available</th><th scope="col">Open tickets</th></tr></thead>
          <tbody>
            {agents.map((agent) => (
              <tr key={agent.agent_id}>
                <td>{agent.name ?? agent.agent_id}</td>
                <td>{agent.available ? "Yes" : "Away"}</td>
                <td>{agent.open_assigned} of {agent.max_open}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </main>
  );
}
