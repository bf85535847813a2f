import { useEffect, useRef, useState } from "react";
import type { Api, Message, Ticket } from "./api/client";

/** An event of the live updates' WebSocket, as the console uses them. */
export type LiveEvent =
  | { type: "message.created"; ticket_id: string; message: Message }
  | { type: "ticket.updated"; ticket: Ticket }
  | { type: "assistant.typing"; ticket_id: string }
  | { type: "attachment.updated"; ticket_id: string };

export type LiveState = "connecting" | "live" | "unavailable";

/**
 * Follows the live updates for {@code topic} (a ticket, or the inbox for admins): a single-use
 * token from the API, a WebSocket to the URL it names, one subscribe frame. After a drop it
 * reconnects and calls {@code onReconnect}, since delivery is at most once.
 */
export function useLive(api: Api, topic: { ticketId: string } | { inbox: true } | null,
  onEvent: (event: LiveEvent) => void, onReconnect: () => void): LiveState {
  const [state, setState] = useState<LiveState>("connecting");
  const handlers = useRef({ onEvent, onReconnect });
  handlers.current = { onEvent, onReconnect };
  const key = topic === null ? null : "ticketId" in topic ? `ticket:${topic.ticketId}` : "inbox";

  useEffect(() => {
    if (key === null) {
      return undefined;
    }
    let socket: WebSocket | null = null;
    let stopped = false;
    let retry: number | undefined;
    let attempts = 0;
    const connect = async () => {
      setState("connecting");
      const issued = await api.POST("/support/realtime/token", {});
      if (stopped) {
        return;
      }
      if (issued.error !== undefined || !issued.data) {
        setState("unavailable");
        return;
      }
      socket = new WebSocket(`${issued.data.url}?token=${encodeURIComponent(issued.data.token)}`);
      socket.onopen = () => {
        attempts = 0;
        socket?.send(JSON.stringify(key === "inbox" ? { action: "subscribe", inbox: true }
          : { action: "subscribe", ticket_id: key.slice("ticket:".length) }));
      };
      socket.onmessage = (frame) => {
        const event = JSON.parse(String(frame.data)) as { type: string };
        if (event.type === "subscribed") {
          setState("live");
        } else {
          handlers.current.onEvent(event as LiveEvent);
        }
      };
      socket.onclose = () => {
        if (!stopped) {
          setState("connecting");
          retry = window.setTimeout(() => {
            handlers.current.onReconnect();
            connect().catch(() => setState("unavailable"));
          }, Math.min(30_000, 500 * 2 ** attempts++));
        }
      };
    };
    connect().catch(() => {
      if (!stopped) {
        setState("unavailable"); // no WebSocket here (a proxy, a browser without it): the page works, not live
      }
    });
    return () => {
      stopped = true;
      window.clearTimeout(retry);
      socket?.close();
    };
  }, [api, key]);
  return state;
}
