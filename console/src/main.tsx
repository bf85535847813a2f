import { StrictMode, useEffect, useMemo, useState } from "react";
import { createRoot } from "react-dom/client";
import { apiClient, readable } from "./api/client";
import { consoleConfig } from "./config";
import { sessionOf, type Session } from "./session";
import { AgentView } from "./views/AgentView";
import { MerchantView } from "./views/MerchantView";
import { Metrics } from "./views/Metrics";
import { Team } from "./views/Team";

interface DemoUser {
  user_id: string;
  name: string;
  role: string;
  token: string;
}

const SESSION_KEY = "commercive-support-token";

function App() {
  const config = useMemo(consoleConfig, []);
  const [session, setSession] = useState<Session | null>(() => {
    // The host app opens the console with its token in the fragment (never sent to a server): taken, then cleared.
    const given = new URLSearchParams(window.location.hash.slice(1)).get("token");
    if (given) {
      history.replaceState(null, "", window.location.pathname + window.location.search);
      try {
        const fromHost = sessionOf(given);
        sessionStorage.setItem(SESSION_KEY, fromHost.token);
        return fromHost;
      } catch {
        // not a token: the sign-in page says how to sign in
      }
    }
    const kept = sessionStorage.getItem(SESSION_KEY);
    try {
      return kept ? sessionOf(kept) : null;
    } catch {
      return null;
    }
  });
  const api = useMemo(() => session ? apiClient(config.apiUrl, session.token) : null, [config, session]);

  const signIn = (token: string) => {
    const next = sessionOf(token);
    sessionStorage.setItem(SESSION_KEY, next.token);
    setSession(next);
  };
  const signOut = () => {
    sessionStorage.removeItem(SESSION_KEY);
    setSession(null);
  };

  return (
    <>
      <header className="top">
        <h1>Commercive Support</h1>
        {session && (
          <div className="who-am-i">
            <span>{session.name} · {session.admin ? "Support team" : "Merchant"}</span>
            <button type="button" className="secondary" onClick={signOut}>Sign out</button>
          </div>
        )}
      </header>
      {session && api ? (
        session.admin ? <AgentArea api={api} userId={session.userId} /> : <MerchantView api={api} />
      ) : (
        <SignIn demoUsersUrl={config.demoUsersUrl} onToken={signIn} />
      )}
    </>
  );
}

type AgentPage = "inbox" | "metrics" | "team";

/** The team's pages: the inbox, the metrics, the roster. */
function AgentArea(props: { api: ReturnType<typeof apiClient>; userId: string }) {
  const [page, setPage] = useState<AgentPage>("inbox");
  return (
    <>
      <nav className="tabs" aria-label="Pages">
        {(["inbox", "metrics", "team"] as const).map((name) => (
          <button key={name} type="button" className={page === name ? "tab current" : "tab"}
            aria-current={page === name ? "page" : undefined} onClick={() => setPage(name)}>
            {name === "inbox" ? "Inbox" : name === "metrics" ? "Metrics" : "Team"}
          </button>
        ))}
      </nav>
      {page === "inbox" ? <AgentView api={props.api} userId={props.userId} />
        : page === "metrics" ? <Metrics api={props.api} /> : <Team api={props.api} userId={props.userId} />}
    </>
  );
}

/** Locally: one of the runner's demo users. Deployed: the Commercive app's token. */
function SignIn(props: { demoUsersUrl?: string; onToken: (token: string) => void }) {
  const [demoUsers, setDemoUsers] = useState<DemoUser[] | null>(null);
  const [token, setToken] = useState("");
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!props.demoUsersUrl) {
      return;
    }
    fetch(props.demoUsersUrl).then((r) => r.json() as Promise<{ users: DemoUser[] }>)
      .then((body) => setDemoUsers(body.users)).catch((failure: unknown) => setError(readable(failure)));
  }, [props.demoUsersUrl]);

  const use = (given: string) => {
    try {
      props.onToken(given);
    } catch (failure) {
      setError(readable(failure));
    }
  };

  return (
    <main className="sign-in">
      <h2>Sign in</h2>
      {demoUsers && (
        <section aria-labelledby="demo-heading">
          <h3 id="demo-heading">Demo users of this local system</h3>
          <ul className="demo-users">
            {demoUsers.map((user) => (
              <li key={user.user_id}>
                <button type="button" onClick={() => use(user.token)}>
                  {user.name} <span className="role">({user.role === "admin" ? "support team" : "merchant"})</span>
                </button>
              </li>
            ))}
          </ul>
        </section>
      )}
      <form onSubmit={(e) => { e.preventDefault(); use(token); }}>
        <label htmlFor="token">Your Commercive token</label>
        <textarea id="token" value={token} onChange={(e) => setToken(e.target.value)} rows={3} />
        <button type="submit" disabled={!token.trim()}>Sign in with the token</button>
      </form>
      {error && <p className="error" role="alert">{error}</p>}
    </main>
  );
}

createRoot(document.getElementById("root")!).render(<StrictMode><App /></StrictMode>);
