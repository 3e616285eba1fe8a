/**
 * The durable e-mail outbox. A step writes its message here in the SAME transaction that
 * persists the step (enqueueEmail), so a step is never saved without its e-mail nor an e-mail
 * queued for a step that rolled back; the idempotency key (per return and step) makes a
 * repeated step or a duplicate webhook queue nothing new. `sendDueEmails` sends what is due:
 * each message is claimed with a lease before the SMTP call, so two runs or two instances
 * never send one message twice; temporary failures (SMTP down, 4xx) retry with backoff and
 * keep the order of a return's messages; a refusal (5xx, e.g. unknown mailbox) is FAILED with
 * the server's answer; a missing or invalid address is NOT_SENDABLE with the reason.
 */
import { randomUUID } from "node:crypto";
import type { Transporter } from "nodemailer";
import type { Db, DbClient } from "~/db.server";
import { mailConfig } from "./config.server";
import { renderEmail, type RenderedEmail } from "./render";
import { returnVariables, shopVariables } from "./return-variables.server";
import { emailLocale, type EmailStatus, type EmailStep } from "./steps";
import { templateFor } from "./templates.server";
import { fromHeader, smtpTransport } from "./transport.server";

export type { EmailStep } from "./steps";

export interface EnqueueInput {
  shop: string; // shop domain, "example.myshopify.com"
  step: EmailStep;
  idempotencyKey: string;
  returnId?: string | null;
  to: string | null;
  locale: string;
  variables: Record<string, unknown>;
}

/** Why an address can't be mailed, or null when it can. */
export function addressProblem(to: string | null | undefined): string | null {
  if (!to || !to.trim()) return "No e-mail address on the return.";
  const address = to.trim();
  if (address.length > 254) return "The e-mail address is too long.";
  if (/[\r\n<>,;"\s]/.test(address) || !/^[^@]+@[^@]+\.[a-z0-9-]{2,}$/i.test(address) || address.includes("..")) {
    return `"${address.slice(0, 80)}" is not a valid e-mail address.`;
  }
  return null;
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
// Sending

export interface SendOptions {
  /** A nodemailer transport; default: a pooled SMTP transport for `smtpUrl`. */
  transport?: Transporter;
  /** Default: SMTP_URL. Without either, nothing is sent (messages wait). */
  smtpUrl?: string | null;
  mailFrom?: string;
  linkBase?: (shopDomain: string) => string;
  /** Messages looked at per run (default 500). */
  limit?: number;
  /** Claim length; longer than the transport's worst case (timeouts below 1 min). */
  leaseMs?: number;
  /** Parallel sends across returns (a return's messages always go one after another). */
  concurrency?: number;
}

export interface SendReport {
  sent: number;
  failed: number;
  notSendable: number;
  retrying: number;
  /** Messages another run held, or that wait behind an earlier message of their return. */
  skipped: number;
  smtpUnavailable: boolean;
}

export const LEASE_MS = 2 * 60_000;
/** 4xx answers are retried this many times, then the message is FAILED with the last answer. */
export const MAX_TEMPORARY_ATTEMPTS = 8;

/** 30 s, 1 min, 2 min … capped at 1 h. */
export function backoffMs(attempts: number): number {
  return Math.min(30_000 * 2 ** Math.max(0, attempts - 1), 60 * 60_000);
}

type Outcome = "sent" | "failed" | "notSendable" | "retrying" | "skipped";

interface SmtpError {
  code?: string;
  responseCode?: number;
  response?: string;
  message?: string;
}

const CONNECTION_CODES = new Set(["ECONNECTION", "ETIMEDOUT", "ESOCKET", "EDNS", "ECONNREFUSED", "ECONNRESET", "EPROTOCOL", "ETLS", "EAUTH"]);

/**
 * Sends every due message (QUEUED, next attempt reached, not claimed by a live lease), oldest
 * first. Safe to run on several instances at once and again while a run is going.
 * The function issue-7's job queue calls; until then tests and the demo call it.
 */
export async function sendDueEmails(db: Db, now: Date, options: SendOptions = {}): Promise<SendReport> {
  const config = options.transport && options.mailFrom && options.linkBase ? null : mailConfig();
  const smtpUrl = options.smtpUrl !== undefined ? options.smtpUrl : (config?.smtpUrl ?? null);
  const transport = options.transport ?? (smtpUrl ? smtpTransport(smtpUrl) : null);
  const report: SendReport = { sent: 0, failed: 0, notSendable: 0, retrying: 0, skipped: 0, smtpUnavailable: false };
  if (!transport) {
    report.smtpUnavailable = true;
    return report;
  }
  const mailFrom = options.mailFrom ?? config!.mailFrom;
  const linkBase = options.linkBase ?? config!.linkBase;
  const leaseMs = options.leaseMs ?? LEASE_MS;

  const due = await db.emailMessage.findMany({
    where: { status: "QUEUED", nextAttemptAt: { lte: now }, OR: [{ leaseUntil: null }, { leaseUntil: { lt: now } }] },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    take: options.limit ?? 500,
  });
  // One queue per return, in order; messages without a return stand alone.
  const groups = new Map<string, typeof due>();
  for (const m of due) {
    const key = m.returnRequestId ?? `message:${m.id}`;
    groups.set(key, [...(groups.get(key) ?? []), m]);
  }
  const queue = [...groups.values()];
  let smtpDown = false;

  const runGroup = async (messages: typeof due) => {
    const first = messages[0]!;
    if (first.returnRequestId) {
      // An earlier message of this return that is waiting (backoff) or held by another run goes first.
      const head = await db.emailMessage.findFirst({
        where: { returnRequestId: first.returnRequestId, status: "QUEUED" },
        orderBy: [{ createdAt: "asc" }, { id: "asc" }],
        select: { id: true },
      });
      if (head && head.id !== first.id) {
        report.skipped += messages.length;
        return;
      }
    }
    for (let i = 0; i < messages.length; i++) {
      if (smtpDown) {
        report.skipped += messages.length - i;
        return;
      }
      const outcome = await sendOne(db, messages[i]!, now, { transport, mailFrom, linkBase, leaseMs, onSmtpDown: () => (smtpDown = true) });
      report[outcome] += 1;
      if (outcome === "retrying" || outcome === "skipped") {
        report.skipped += messages.length - i - 1;
        return; // keep the return's order: the rest wait for this one
      }
    }
  };

  const workers = Array.from({ length: Math.max(1, Math.min(options.concurrency ?? 8, queue.length)) }, async () => {
    for (let group = queue.shift(); group; group = queue.shift()) await runGroup(group);
  });
  await Promise.all(workers);
  report.smtpUnavailable = smtpDown;
  return report;
}

async function sendOne(
  db: Db,
  message: Awaited<ReturnType<Db["emailMessage"]["findMany"]>>[number],
  now: Date,
  o: { transport: Transporter; mailFrom: string; linkBase: (shop: string) => string; leaseMs: number; onSmtpDown: () => void },
): Promise<Outcome> {
  const token = randomUUID();
  const claimed = await db.emailMessage.updateMany({
    where: { id: message.id, status: "QUEUED", OR: [{ leaseUntil: null }, { leaseUntil: { lt: now } }] },
    data: { leaseToken: token, leaseUntil: new Date(now.getTime() + o.leaseMs), attempts: { increment: 1 } },
  });
  if (claimed.count === 0) return "skipped"; // another run has it
  const attempts = message.attempts + 1;
  const settle = (status: EmailStatus, data: Record<string, unknown>) =>
    db.emailMessage.updateMany({ where: { id: message.id, leaseToken: token }, data: { status, leaseToken: null, leaseUntil: null, ...data } });

  const problem = addressProblem(message.toAddress);
  if (problem) {
    await settle("NOT_SENDABLE", { reason: problem });
    return "notSendable";
  }
  let rendered: RenderedEmail;
  let fromName: string;
  let replyTo: string | null;
  try {
    const built = await buildMessage(db, message, o.linkBase);
    if (!built) {
      await settle("NOT_SENDABLE", { reason: "The return no longer exists." });
      return "notSendable";
    }
    ({ rendered, fromName, replyTo } = built);
  } catch (error) {
    // Templates are checked on save; a message that still can't render is never sent broken.
    await settle("FAILED", { reason: `The e-mail could not be rendered: ${error instanceof Error ? error.message : String(error)}` });
    return "failed";
  }
  const variables = JSON.parse(message.variables) as Record<string, unknown>;
  const unsubscribe = typeof variables.unsubscribe_url === "string" ? variables.unsubscribe_url : null;
  try {
    const info = await o.transport.sendMail({
      from: fromHeader(fromName, o.mailFrom),
      to: message.toAddress!,
      ...(replyTo ? { replyTo } : {}),
      subject: rendered.subject,
      html: rendered.html,
      text: rendered.text,
      // Stable per message: a re-send after a crash mid-send is recognisable as the same e-mail.
      messageId: `<${message.id}@${o.mailFrom.split("@")[1]}>`,
      headers: {
        "Auto-Submitted": "auto-generated",
        "X-Returns-Step": message.step,
        ...(unsubscribe ? { "List-Unsubscribe": `<${unsubscribe}>`, "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" } : {}),
      },
    });
    await settle("SENT", { sentAt: now, subject: rendered.subject, smtpMessageId: info.messageId ?? null, smtpResponse: String(info.response ?? "").slice(0, 500), reason: null });
    return "sent";
  } catch (error) {
    const e = error as SmtpError;
    const answer = (e.response || e.message || String(error)).slice(0, 500);
    if (e.responseCode && e.responseCode >= 500) {
      await settle("FAILED", { reason: `The mail server refused it: ${answer}`, smtpResponse: answer, subject: rendered.subject });
      return "failed";
    }
    if (e.responseCode && e.responseCode >= 400) {
      if (attempts >= MAX_TEMPORARY_ATTEMPTS) {
        await settle("FAILED", { reason: `The mail server kept deferring it (${attempts} tries): ${answer}`, smtpResponse: answer, subject: rendered.subject });
        return "failed";
      }
    } else if (!e.code || CONNECTION_CODES.has(e.code)) {
      o.onSmtpDown();
    }
    // Temporary: stays queued (never given up while the server is unreachable) and retries later.
    await settle("QUEUED", { reason: `Will retry: ${answer}`, nextAttemptAt: new Date(now.getTime() + backoffMs(attempts)) });
    return "retrying";
  }
}

async function buildMessage(
  db: Db,
  message: { shop: string; step: string; returnRequestId: string | null; locale: string; variables: string },
  linkBase: (shop: string) => string,
) {
  const step = message.step as EmailStep;
  const locale = emailLocale(message.locale);
  const base = linkBase(message.shop);
  const standard = message.returnRequestId
    ? await returnVariables(db, { shopDomain: message.shop, returnId: message.returnRequestId, step, locale, linkBase: base })
    : await shopVariables(db, message.shop, base);
  if (!standard) return null;
  const variables = { ...standard, ...(JSON.parse(message.variables) as Record<string, unknown>) };
  const [template, settings] = await Promise.all([templateFor(db, message.shop, step, locale), db.emailSettings.findUnique({ where: { shop: message.shop } })]);
  const rendered = await renderEmail(template, variables, locale);
  return { rendered, fromName: settings?.fromName || String(variables.shop_name ?? message.shop), replyTo: settings?.replyTo ?? null };
}

/** For the preview of a queued or sent message (the admin's timeline): what it says now. */
export async function renderStoredMessage(db: Db, id: string, shop: string, linkBase: (shop: string) => string) {
  const message = await db.emailMessage.findFirst({ where: { id, shop } });
  if (!message) return null;
  return (await buildMessage(db, message, linkBase))?.rendered ?? null;
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
    nextAttemptAt: r.nextAttemptAt,
  }));
}
