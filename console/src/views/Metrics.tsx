import { useEffect, useRef, useState } from "react";
import { BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, Tooltip } from "chart.js";
import { must, readable, type Api } from "../api/client";

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Legend, Tooltip);

type Report = Awaited<ReturnType<typeof fetchReport>>;

async function fetchReport(api: Api, from: string, to: string) {
  return must(await api.GET("/support/admin/metrics", { params: { query: { from, to } } }));
}

function day(offset: number): string {
  return new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
}

const NONE = "—";
const number = (value: number | null, digits = 0) => value === null ? NONE : value.toFixed(digits);
const share = (value: number | null) => value === null ? NONE : `${Math.round(value * 100)} %`;

/** The help desk's service over a range of days: volumes, response and resolution times, the assistant, ratings. */
export function Metrics(props: { api: Api }) {
  const [from, setFrom] = useState(day(-29));
  const [to, setTo] = useState(day(0));
  const [report, setReport] = useState<Report | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    fetchReport(props.api, from, to).then((r) => { setReport(r); setError(null); })
      .catch((failure: unknown) => setError(readable(failure)));
  }, [props.api, from, to]);

  return (
    <main className="detail metrics">
      <h2>Metrics</h2>
      <form className="range" onSubmit={(e) => e.preventDefault()}>
        <div>
          <label htmlFor="metrics-from">From</label>
          <input id="metrics-from" type="date" value={from} max={to} onChange={(e) => setFrom(e.target.value)} />
        </div>
        <div>
          <label htmlFor="metrics-to">To</label>
          <input id="metrics-to" type="date" value={to} min={from} onChange={(e) => setTo(e.target.value)} />
        </div>
      </form>
      {error && <p className="error" role="alert">{error}</p>}
      {!report && !error && <p className="loading" role="status">Loading the metrics…</p>}
      {report && report.tickets_created === 0 && report.tickets_closed === 0 && (
        <p className="empty">No tickets were opened or closed in these days.</p>
      )}
      {report && (
        <>
          <dl className="cards">
            <div><dt>Tickets opened</dt><dd>{report.tickets_created}</dd></div>
            <div><dt>Tickets closed</dt><dd>{report.tickets_closed}</dd></div>
            <div><dt>Resolved by the assistant</dt><dd>{share(report.ai.resolution_rate)}</dd></div>
            <div><dt>Satisfaction (CSAT)</dt>
              <dd data-testid="csat">{number(report.csat.average, 1)}{report.csat.average !== null && " / 5"}</dd></div>
            <div><dt>Ratings</dt><dd>{report.csat.responses}</dd></div>
            <div><dt>Late first replies</dt><dd>{report.sla.first_response_breaches}</dd></div>
            <div><dt>Late resolutions</dt><dd>{report.sla.resolution_breaches}</dd></div>
          </dl>
          <div className="charts">
            <BarChart title="First reply (minutes)" labels={["Median", "90th percentile"]}
              values={[report.first_response_minutes.p50, report.first_response_minutes.p90]} />
            <BarChart title="Resolution (hours)" labels={["Median", "90th percentile"]}
              values={[report.resolution_hours.p50, report.resolution_hours.p90]} />
            <BarChart title="The assistant" labels={["Auto-replies", "Handoffs", "Resolved"]}
              values={[report.ai.auto_replies, report.ai.handoffs, report.ai.resolved]} />
          </div>
        </>
      )}
    </main>
  );
}

/** One bar chart, with its figures also as text for those who do not see it. */
function BarChart(props: { title: string; labels: string[]; values: (number | null)[] }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    if (!canvas.current) {
      return undefined;
    }
    const chart = new Chart(canvas.current, {
      type: "bar",
      data: { labels: props.labels, datasets: [{ label: props.title, data: props.values.map((v) => v ?? 0),
        backgroundColor: "#1f5fbf" }] },
      options: { animation: false, responsive: true, maintainAspectRatio: false, plugins: { legend: { display: false } } },
    });
    return () => chart.destroy();
  }, [props.title, props.labels, props.values]);
  const summary = props.labels.map((label, i) => `${label}: ${number(props.values[i])}`).join(", ");
  return (
    <figure className="chart">
      <figcaption>{props.title}</figcaption>
      <div className="canvas"><canvas ref={canvas} role="img" aria-label={`${props.title}. ${summary}`} /></div>
      <p className="meta">{summary}</p>
    </figure>
  );
}
