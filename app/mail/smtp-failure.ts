/**
 * What an SMTP error at send time means for the outbox message (sender.server.ts): a 5xx is a
 * refusal (FAILED with the server's answer), a 4xx a deferral (retried with backoff, FAILED
 * after MAX_TEMPORARY_ATTEMPTS), a connection error means the server is unreachable (stays
 * QUEUED however long it takes). Late bounces, mailed back after a 250, are bounces.server.ts.
 */

/** 4xx answers are retried this many times, then the message is FAILED with the last answer. */
export const MAX_TEMPORARY_ATTEMPTS = 8;

/** 30 s, 1 min, 2 min … capped at 1 h. */
export function backoffMs(attempts: number): number {
  return Math.min(30_000 * 2 ** Math.max(0, attempts - 1), 60 * 60_000);
}

interface SmtpError {
  code?: string;
  responseCode?: number;
  response?: string;
  message?: string;
}

const CONNECTION_CODES = new Set(["ECONNECTION", "ETIMEDOUT", "ESOCKET", "EDNS", "ECONNREFUSED", "ECONNRESET", "EPROTOCOL", "ETLS", "EAUTH"]);

export type SmtpFailure =
  | { kind: "refused"; answer: string; reason: string }
  | { kind: "gave-up"; answer: string; reason: string }
  | { kind: "retry"; answer: string; reason: string; serverDown: boolean };

/** `attempts` counts this try. */
export function classifySmtpError(error: unknown, attempts: number): SmtpFailure {
  const e = (error ?? {}) as SmtpError;
  const answer = (e.response || e.message || String(error)).slice(0, 500);
  if (e.responseCode && e.responseCode >= 500) return { kind: "refused", answer, reason: `The mail server refused it: ${answer}` };
  if (e.responseCode && e.responseCode >= 400) {
    if (attempts >= MAX_TEMPORARY_ATTEMPTS) return { kind: "gave-up", answer, reason: `The mail server kept deferring it (${attempts} tries): ${answer}` };
    return { kind: "retry", answer, reason: `Will retry: ${answer}`, serverDown: false };
  }
  return { kind: "retry", answer, reason: `Will retry: ${answer}`, serverDown: !e.code || CONNECTION_CODES.has(e.code) };
}
