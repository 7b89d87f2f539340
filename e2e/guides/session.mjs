// The `openSession` the publisher guide's handlers call ("your own server-side session"): keeps the verified claims.
export const sessions = [];

/** Opens a session for verified hand-off claims and answers its id. */
export function openSession(claims) {
  sessions.push(claims);
  return `s${sessions.length}`;
}
