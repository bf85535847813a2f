/** The console's one setting, given by whoever serves it in `config.js`: where the API is. */
export interface ConsoleConfig {
  /** The API's base URL, without `/support` (empty: the page's own origin). */
  apiUrl: string;
  /** Local runs only: where the runner lists its demo users and their tokens. */
  demoUsersUrl?: string;
}

declare global {
  interface Window {
    COMMERCIVE_SUPPORT?: Partial<ConsoleConfig>;
  }
}

export function consoleConfig(): ConsoleConfig {
  const given = window.COMMERCIVE_SUPPORT ?? {};
  return { apiUrl: (given.apiUrl ?? "").replace(/\/$/, ""), demoUsersUrl: given.demoUsersUrl };
}
