/**
 * Late bounces: a delivery status notification (DSN) that comes back after the SMTP server
 * said 250. `recordBounce` reads it, finds which of our messages it is about from the signed
 * references (bounce-address.server.ts), and marks a hard bounce (Action failed, 5.x.x) FAILED
 * with the server's answer — the one transition out of SENT (SENT → FAILED; also QUEUED →
 * FAILED when the bounce beats the sender's write of SENT, see below). Soft bounces
 * (delayed, 4.x.x) change nothing: the remote server is still trying, and a final failure
 * comes as its own DSN. Idempotent: a second copy of the same DSN finds the message already
 * FAILED and changes nothing.
 */
import type { Db } from "~/db.server";
import { tracedId } from "./bounce-address.server";
import { bounceAnswer, bounceKind, parseDsn } from "./dsn.server";

export type BounceResult =
  | { result: "invalid"; problem: string }
  | { result: "unsigned" }
  | { result: "failed" | "duplicate" | "soft" | "not-a-bounce" | "unknown" | "already-final"; messageId: string; answer?: string };

export async function recordBounce(db: Db, raw: string, options: { secret: string; now: Date; envelopeTo?: string | null }): Promise<BounceResult> {
  const parsed = await parseDsn(raw);
  if (!parsed.ok) return { result: "invalid", problem: parsed.problem };
  const { dsn } = parsed;
  const candidates = [options.envelopeTo, ...dsn.addressedTo, dsn.originalTrace, dsn.originalMessageId];
  const id = candidates.map((c) => tracedId(options.secret, c)).find((x): x is string => x !== null);
  if (!id) return { result: "unsigned" };

  const hard = dsn.recipients.find((r) => bounceKind(r) === "hard");
  if (!hard) {
    return { result: dsn.recipients.some((r) => bounceKind(r) === "soft") ? "soft" : "not-a-bounce", messageId: id };
  }
  const answer = bounceAnswer(hard);
  // Conditional on SENT or QUEUED: a duplicate DSN, or one racing with itself, flips it once.
  // QUEUED: a bounce can beat the sender's write of SENT (the server bounced at once, the
  // sender records a chunk's SENT in one transaction at its end), or follow an earlier copy
  // while a retry waits. Clearing the lease makes the sender's conditional SENT write (on its
  // lease token) miss, so the bounce is never overwritten.
  const { count } = await db.emailMessage.updateMany({
    where: { id, status: { in: ["SENT", "QUEUED"] } },
    data: { status: "FAILED", bouncedAt: options.now, smtpResponse: answer, reason: `The recipient's mail server returned it: ${answer}`, leaseToken: null, leaseUntil: null },
  });
  if (count === 1) return { result: "failed", messageId: id, answer };
  const row = await db.emailMessage.findUnique({ where: { id }, select: { status: true, bouncedAt: true } });
  if (!row) return { result: "unknown", messageId: id };
  return { result: row.bouncedAt ? "duplicate" : "already-final", messageId: id, answer };
}
