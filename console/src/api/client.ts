import createClient, { type Middleware } from "openapi-fetch";
import type { components, paths } from "../../generated/schema";

export type Ticket = components["schemas"]["Ticket"];
export type Message = components["schemas"]["Message"];
export type Problem = components["schemas"]["Problem"];
export type TicketStatus = Ticket["status"];
export type Priority = Ticket["priority"];

/** A refusal of the API, with its problem document when it sent one. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly problem: Partial<Problem> | undefined,
  ) {
    super(describe(status, problem));
  }
}

function describe(status: number, problem: Partial<Problem> | undefined): string {
  if (!problem) {
    return `The request failed (HTTP ${status}).`;
  }
  const fields = (problem.errors ?? []).map((e) => `${e.field}: ${e.message}`);
  return [problem.title ?? `HTTP ${status}`, problem.detail, ...fields].filter(Boolean).join(" — ");
}

/** The typed client of the documented API, sending the caller's token on every request. */
export function apiClient(baseUrl: string, token: string) {
  const client = createClient<paths>({ baseUrl });
  const auth: Middleware = {
    onRequest({ request }) {
      request.headers.set("Authorization", `Bearer ${token}`);
      return request;
    },
  };
  client.use(auth);
  return client;
}

export type Api = ReturnType<typeof apiClient>;

/** The data of a call, or an ApiError carrying the problem document. */
export function must<T>(result: { data?: T; error?: unknown; response: Response }): T {
  if (result.error !== undefined || result.data === undefined) {
    throw new ApiError(result.response.status, result.error as Partial<Problem> | undefined);
  }
  return result.data;
}

/** A sentence a person can read, whatever went wrong. */
export function readable(error: unknown): string {
  if (error instanceof ApiError) {
    return error.message;
  }
  if (error instanceof TypeError) {
    return "The help desk cannot be reached. Check your connection and try again.";
  }
  return error instanceof Error ? error.message : String(error);
}
