/** Who is signed in: the token the API is called with, and what it says of its holder. */
export interface Session {
  token: string;
  userId: string;
  name: string;
  admin: boolean;
}

/** Reads a token's claims (the API checks its signature; the page only shows who it is for). */
export function sessionOf(token: string): Session {
  const parts = token.trim().split(".");
  if (parts.length !== 3) {
    throw new Error("That is not a token: a token has three parts separated by dots.");
  }
  let claims: Record<string, unknown>;
  try {
    const bytes = Uint8Array.from(atob(parts[1].replace(/-/g, "+").replace(/_/g, "/")), (c) => c.charCodeAt(0));
    claims = JSON.parse(new TextDecoder().decode(bytes)) as Record<string, unknown>;
  } catch {
    throw new Error("That token cannot be read.");
  }
  const userId = typeof claims.sub === "string" ? claims.sub : "";
  if (!userId) {
    throw new Error("That token names nobody (it has no subject).");
  }
  const name = typeof claims.name === "string" && claims.name ? claims.name : userId;
  return { token: token.trim(), userId, name, admin: claims.role === "admin" };
}
