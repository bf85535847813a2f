/** Times as a person reads them, in their own time zone. */
export function when(iso: string): string {
  return new Date(iso).toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" });
}

export const STATUS_LABEL: Record<string, string> = { open: "Open", pending: "Waiting on you", closed: "Closed" };
export const AGENT_STATUS_LABEL: Record<string, string> = { open: "Open", pending: "Pending", closed: "Closed" };
export const SENDER_LABEL: Record<string, string> = { user: "Merchant", admin: "Support", ai: "Assistant" };
