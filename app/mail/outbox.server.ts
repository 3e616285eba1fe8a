/**
 * The durable e-mail outbox. A step writes its message here in the SAME transaction that
 * persists the step (enqueueEmail), so a step is never saved without its e-mail nor an e-mail
 * queued for a step that rolled back; the idempotency key (per return and step) makes a
 * repeated step or a duplicate webhook queue nothing new. `sendDueEmails` (sender.server.ts) sends what is due:
 * each message is claimed with a lease before the SMTP call, so two runs or two instances
 * never send one message twice; temporary failures (SMTP down, 4xx) retry with backoff and
 * keep the order of a return's messages; a refusal (5xx, e.g. unknown mailbox) is FAILED with
 * the server's answer; a missing or invalid address is NOT_SENDABLE with the reason.
 */
import type { Db, DbClient } from "~/db.server";
import { addressProblem } from "./address";
import { emailLocale, type EmailStatus, type EmailStep } from "./steps";

export type { EmailStep } from "./steps";
export { addressProblem } from "./address";
// The sender lives in sender.server.ts; re-exported so callers keep one entry point.
export { sendDueEmails, renderStoredMessage, backoffMs, LEASE_MS, MAX_TEMPORARY_ATTEMPTS, type SendOptions, type SendReport } from "./sender.server";
// Late bounces (DSNs mailed back after a 250) turn a SENT message FAILED: bounces.server.ts.

export interface EnqueueInput {
  shop: string; // shop domain, "example.myshopify.com"
  step: EmailStep;
  idempotencyKey: string;
  returnId?: string | null;
  to: string | null;
  locale: string;
  variables: Record<string, unknown>;
}

/**
 * Writes one message to the outbox, inside the caller's transaction. Idempotent per
 * (shop, idempotencyKey): a second call returns { created: false } and writes nothing.
 */
export async function enqueueEmail(tx: DbClient, message: EnqueueInput): Promise<{ id: string; created: boolean }> {
  const where = { shop_idempotencyKey: { shop: message.shop, idempotencyKey: message.idempotencyKey } };
  const existing = await tx.emailMessage.findUnique({ where, select: { id: true } });
  if (existing) return { id: existing.id, created: false };
  const problem = addressProblem(message.to);
  try {
    const row = await tx.emailMessage.create({
      data: {
        shop: message.shop,
        step: message.step,
        idempotencyKey: message.idempotencyKey,
        returnRequestId: message.returnId ?? null,
        toAddress: message.to?.trim() || null,
        locale: emailLocale(message.locale),
        variables: JSON.stringify(message.variables ?? {}),
        status: problem ? "NOT_SENDABLE" : "QUEUED",
        reason: problem,
      },
      select: { id: true },
    });
    return { id: row.id, created: true };
  } catch (error) {
    // Two callers raced past the read: the unique index let one in (SQLite re-reads fine;
    // on PostgreSQL the caller's transaction is aborted and its step retried as a whole).
    if ((error as { code?: string }).code !== "P2002") throw error;
    const row = await tx.emailMessage.findUnique({ where, select: { id: true } });
    if (!row) throw error;
    return { id: row.id, created: false };
  }
}

// ---------------------------------------------------------------------------------------
// Reading

export interface EmailTimelineEntry {
  id: string;
  step: EmailStep;
  to: string | null;
  locale: string;
  status: EmailStatus;
  reason: string | null;
  attempts: number;
  subject: string | null;
  smtpResponse: string | null;
  createdAt: Date;
  sentAt: Date | null;
  bouncedAt: Date | null;
  nextAttemptAt: Date;
}

/** A return's e-mails, oldest first, for its timeline in the admin. */
export async function emailsForReturn(db: Db, shop: string, returnId: string): Promise<EmailTimelineEntry[]> {
  const rows = await db.emailMessage.findMany({
    where: { shop, returnRequestId: returnId },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    take: 100,
  });
  return rows.map((r) => ({
    id: r.id,
    step: r.step as EmailStep,
    to: r.toAddress,
    locale: r.locale,
    status: r.status as EmailStatus,
    reason: r.reason,
    attempts: r.attempts,
    subject: r.subject,
    smtpResponse: r.smtpResponse,
    createdAt: r.createdAt,
    sentAt: r.sentAt,
    bouncedAt: r.bouncedAt,
    nextAttemptAt: r.nextAttemptAt,
  }));
}
