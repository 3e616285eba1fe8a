/**
 * Makes every sent e-mail traceable when it bounces, in a way a stranger cannot forge:
 * - the envelope sender (Return-Path) is a VERP address, `bounces+<outboxId>.<sig>@<domain>`,
 *   so a bounce mailed back names the message in the address it is delivered to;
 * - the Message-ID is `<outboxId.<sig>@<domain>>` and the `X-Returns-Message` header carries
 *   `<outboxId>.<sig>`; a DSN quotes the original headers, so either one names it too.
 * `sig` is an HMAC of the outbox id (app secret, purpose "mail-bounce"), truncated to 128 bits:
 * without the app's secret nobody can name one of our messages, so nobody can mark it failed.
 */
import { createHmac, timingSafeEqual } from "node:crypto";

export interface BounceSigning {
  /** The app's secret (SHOPIFY_API_SECRET). */
  secret: string;
  /** The domain of the VERP envelope sender (MAIL_BOUNCE_DOMAIN, default: MAIL_FROM's domain). */
  domain: string;
}

export const BOUNCE_LOCAL_PART = "bounces";
export const TRACE_HEADER = "X-Returns-Message";

const ID = "[A-Za-z0-9_-]{1,64}";
const SIG = "[A-Za-z0-9_-]{22}";

export function bounceSignature(secret: string, outboxId: string): string {
  return createHmac("sha256", `mail-bounce\u0000${secret}`).update(outboxId).digest("base64url").slice(0, 22);
}

/** `<outboxId>.<sig>`: the signed reference used in all three places. */
export function traceToken(secret: string, outboxId: string): string {
  return `${outboxId}.${bounceSignature(secret, outboxId)}`;
}

export function verpAddress(signing: BounceSigning, outboxId: string): string {
  return `${BOUNCE_LOCAL_PART}+${traceToken(signing.secret, outboxId)}@${signing.domain}`;
}

export function traceMessageId(signing: BounceSigning, outboxId: string): string {
  return `<${traceToken(signing.secret, outboxId)}@${signing.domain}>`;
}

function verified(secret: string, id: string, sig: string): boolean {
  const wanted = Buffer.from(bounceSignature(secret, id));
  const given = Buffer.from(sig);
  return wanted.length === given.length && timingSafeEqual(wanted, given);
}

const VERP_RE = new RegExp(`${BOUNCE_LOCAL_PART}\\+(${ID})\\.(${SIG})@`, "i");
const TOKEN_RE = new RegExp(`^<?(${ID})\\.(${SIG})(?:@[^>]*)?>?$`);

/**
 * The outbox id a VERP address, a Message-ID or a trace header names, if its signature is
 * ours; null for anything else (unsigned, forged, someone else's mail).
 */
export function tracedId(secret: string, value: string | null | undefined): string | null {
  if (!value) return null;
  const text = value.trim();
  const match = VERP_RE.exec(text) ?? TOKEN_RE.exec(text);
  if (!match) return null;
  return verified(secret, match[1]!, match[2]!) ? match[1]! : null;
}
