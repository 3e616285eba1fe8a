/**
 * Sending the outbox (see outbox.server.ts for how messages get in): `sendDueEmails` sends
 * what is due. Each message is claimed with a lease before the SMTP call, so two runs or two
 * instances never send one message twice; temporary failures (SMTP down, 4xx) retry with
 * backoff and keep the order of a return's messages; a refusal (5xx, e.g. unknown mailbox) is
 * FAILED with the server's answer (smtp-failure.ts); a missing or invalid address is
 * NOT_SENDABLE with the reason. Each message goes out with a signed VERP envelope sender and
 * Message-ID (bounce-address.server.ts), so a bounce mailed back later finds it (bounces.server.ts).
 */
import { randomUUID } from "node:crypto";
import type { Transporter } from "nodemailer";
import type { Db } from "~/db.server";
import { addressProblem } from "./address";
import { TRACE_HEADER, traceMessageId, traceToken, verpAddress, type BounceSigning } from "./bounce-address.server";
import { composeMessage, newComposeCache, type ComposeCache } from "./compose.server";
import { mailConfig } from "./config.server";
import type { RenderedEmail } from "./render";
import { preloadReturns } from "./return-variables.server";
import { backoffMs, classifySmtpError } from "./smtp-failure";
import type { EmailStatus } from "./steps";
import { fromHeader, smtpTransport } from "./transport.server";

export { backoffMs, MAX_TEMPORARY_ATTEMPTS } from "./smtp-failure";
export { renderStoredMessage } from "./compose.server";

export interface SendOptions {
  /** A nodemailer transport; default: a pooled SMTP transport for `smtpUrl`. */
  transport?: Transporter;
  /** Default: SMTP_URL. Without either, nothing is sent (messages wait). */
  smtpUrl?: string | null;
  mailFrom?: string;
  linkBase?: (shopDomain: string) => string;
  /** Signs the VERP envelope sender and Message-ID (bounce-address.server.ts); default from the environment. */
  bounce?: BounceSigning;
  /** Messages looked at per run (default 500). */
  limit?: number;
  /** Claim length; longer than the transport's worst case (timeouts below 1 min). */
  leaseMs?: number;
  /** Parallel sends across returns (a return's messages always go one after another); default 8. */
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

export const LEASE_MS = 5 * 60_000;

type Outcome = "sent" | "failed" | "notSendable" | "retrying" | "skipped";

/**
 * Sends every due message (QUEUED, next attempt reached, not claimed by a live lease), oldest
 * first. Safe to run on several instances at once and again while a run is going.
 * The function issue-7's job queue calls; until then tests and the demo call it.
 */
export async function sendDueEmails(db: Db, now: Date, options: SendOptions = {}): Promise<SendReport> {
  const config = (options.transport || options.smtpUrl !== undefined) && options.mailFrom && options.linkBase ? null : mailConfig();
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
  const bounce = options.bounce ?? (config ?? mailConfig()).bounce;

  const due = await db.emailMessage.findMany({
    where: { status: "QUEUED", nextAttemptAt: { lte: now }, OR: [{ leaseUntil: null }, { leaseUntil: { lt: now } }] },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    take: options.limit ?? 500,
  });
  // The oldest waiting message of each return (one query): a return's later messages never
  // overtake an earlier one that is in backoff or held by another run.
  const returnIds = [...new Set(due.map((m) => m.returnRequestId).filter((r): r is string => !!r))];
  const head = new Map<string, string>();
  if (returnIds.length) {
    const waiting = await db.emailMessage.findMany({
      where: { returnRequestId: { in: returnIds }, status: "QUEUED" },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      select: { id: true, returnRequestId: true },
    });
    for (const w of waiting) if (!head.has(w.returnRequestId!)) head.set(w.returnRequestId!, w.id);
  }
  // One queue per return, in order; messages without a return stand alone.
  const groups = new Map<string, Message[]>();
  for (const m of due) {
    const key = m.returnRequestId ?? `message:${m.id}`;
    groups.set(key, [...(groups.get(key) ?? []), m]);
  }
  const ready: Message[][] = [];
  for (const group of groups.values()) {
    if (group[0]!.returnRequestId && head.get(group[0]!.returnRequestId) !== group[0]!.id) report.skipped += group.length;
    else ready.push(group);
  }

  const run: Run = { db, now, token: randomUUID(), transport, mailFrom, linkBase, bounce, cache: newComposeCache(), smtpDown: false, sent: [] };
  // Claimed a chunk at a time (two queries per chunk), so a chunk is sent well within its lease.
  for (let i = 0; i < ready.length && !run.smtpDown; ) {
    const chunk: Message[][] = [];
    let size = 0;
    while (i < ready.length && size < CLAIM_CHUNK) {
      chunk.push(ready[i]!);
      size += ready[i]!.length;
      i++;
    }
    await sendChunk(run, chunk, leaseMs, options.concurrency ?? 8, report);
    if (run.smtpDown) for (const rest of ready.slice(i)) report.skipped += rest.length;
  }
  report.smtpUnavailable = run.smtpDown;
  return report;
}

/** Messages claimed per round trip. With 8 parallel sends and SMTP timeouts of 10 s + 30 s, a chunk ends well inside LEASE_MS. */
const CLAIM_CHUNK = 32;

type Message = Awaited<ReturnType<Db["emailMessage"]["findMany"]>>[number];

interface Run {
  db: Db;
  now: Date;
  token: string;
  transport: Transporter;
  mailFrom: string;
  linkBase: (shop: string) => string;
  bounce: BounceSigning;
  cache: ComposeCache;
  smtpDown: boolean;
  /** SENT settlements of the current chunk, written in one transaction when the chunk ends. */
  sent: { id: string; data: Record<string, unknown> }[];
}

async function sendChunk(run: Run, chunk: Message[][], leaseMs: number, concurrency: number, report: SendReport) {
  const ids = chunk.flat().map((m) => m.id);
  await run.db.emailMessage.updateMany({
    where: { id: { in: ids }, status: "QUEUED", OR: [{ leaseUntil: null }, { leaseUntil: { lt: run.now } }] },
    data: { leaseToken: run.token, leaseUntil: new Date(run.now.getTime() + leaseMs) },
  });
  const held = new Set((await run.db.emailMessage.findMany({ where: { id: { in: ids }, leaseToken: run.token }, select: { id: true } })).map((m) => m.id));
  const returnIds = chunk.flat().flatMap((m) => (held.has(m.id) && m.returnRequestId ? [m.returnRequestId] : []));
  await preloadReturns(run.db, returnIds, run.cache.variables);
  const done = new Set<string>();
  const queue = [...chunk];
  const worker = async () => {
    for (let group = queue.shift(); group; group = queue.shift()) {
      for (let k = 0; k < group.length; k++) {
        const message = group[k]!;
        if (run.smtpDown || !held.has(message.id)) {
          report.skipped += group.length - k; // another run has it, or the server is down: the rest wait, in order
          break;
        }
        const outcome = await sendOne(run, message);
        done.add(message.id);
        report[outcome] += 1;
        if (outcome === "retrying") {
          report.skipped += group.length - k - 1;
          break;
        }
      }
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, chunk.length)) }, worker));
  } finally {
    await flushSent(run);
  }
  const unsent = [...held].filter((id) => !done.has(id));
  if (unsent.length) await run.db.emailMessage.updateMany({ where: { id: { in: unsent }, leaseToken: run.token }, data: { leaseToken: null, leaseUntil: null } });
}

/**
 * Marks the chunk's sent messages SENT, one transaction (one commit instead of one per message).
 * Crash-safe like a per-message write: until it commits the messages stay QUEUED under this
 * run's lease, and are sent again (same Message-ID) only after the lease expires.
 */
async function flushSent(run: Run) {
  const batch = run.sent.splice(0);
  if (!batch.length) return;
  await run.db.$transaction(batch.map(({ id, data }) => run.db.emailMessage.updateMany({ where: { id, leaseToken: run.token }, data })));
}

async function sendOne(run: Run, message: Message): Promise<Outcome> {
  const { db, now } = run;
  const attempts = message.attempts + 1;
  const settle = (status: EmailStatus, data: Record<string, unknown>) =>
    db.emailMessage.updateMany({ where: { id: message.id, leaseToken: run.token }, data: { status, attempts, leaseToken: null, leaseUntil: null, ...data } });

  const problem = addressProblem(message.toAddress);
  if (problem) {
    await settle("NOT_SENDABLE", { reason: problem });
    return "notSendable";
  }
  let rendered: RenderedEmail;
  let fromName: string;
  let replyTo: string | null;
  try {
    const built = await composeMessage(db, message, run.linkBase, run.cache);
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
    const info = await run.transport.sendMail({
      from: fromHeader(fromName, run.mailFrom),
      to: message.toAddress!,
      // VERP: a bounce mailed back later names this message, signed (bounces.server.ts).
      envelope: { from: verpAddress(run.bounce, message.id), to: [message.toAddress!] },
      ...(replyTo ? { replyTo } : {}),
      subject: rendered.subject,
      html: rendered.html,
      text: rendered.text,
      // Stable per message: a re-send after a crash mid-send is recognisable as the same e-mail;
      // signed, so a DSN quoting it is traced back to this message.
      messageId: traceMessageId(run.bounce, message.id),
      headers: {
        "Auto-Submitted": "auto-generated",
        [TRACE_HEADER]: traceToken(run.bounce.secret, message.id),
        "X-Returns-Step": message.step,
        ...(unsubscribe ? { "List-Unsubscribe": `<${unsubscribe}>`, "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" } : {}),
      },
    });
    run.sent.push({
      id: message.id,
      data: { status: "SENT", attempts, leaseToken: null, leaseUntil: null, sentAt: now, subject: rendered.subject, smtpMessageId: info.messageId ?? null, smtpResponse: String(info.response ?? "").slice(0, 500), reason: null },
    });
    return "sent";
  } catch (error) {
    const failure = classifySmtpError(error, attempts);
    if (failure.kind !== "retry") {
      await settle("FAILED", { reason: failure.reason, smtpResponse: failure.answer, subject: rendered.subject });
      return "failed";
    }
    if (failure.serverDown) run.smtpDown = true;
    // Temporary: stays queued (never given up while the server is unreachable) and retries later.
    await settle("QUEUED", { reason: failure.reason, nextAttemptAt: new Date(now.getTime() + backoffMs(attempts)) });
    return "retrying";
  }
}
