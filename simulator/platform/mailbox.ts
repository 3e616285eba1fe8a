/**
 * The demo's and the tests' mail catcher: a real SMTP server (smtp-server) on loopback that
 * accepts every message and keeps it, parsed (mailparser), in memory; the stand-in shows them
 * on its mailbox page (/_standin/mailbox). Test and demo infrastructure only.
 *
 * Controls for fault tests: `refuseRecipients` answers RCPT TO with a permanent 550 for
 * matching addresses (like an unknown mailbox), `deferAll` answers 451 (try again later), and
 * `stop()`/`start()` take the server down and bring it back on the same port.
 *
 * Late bounces (option `bounce`): a message to an undeliverable demo address (anything
 * @bounce.example) is accepted with 250 like any other, then — as a receiving server does
 * when the mailbox turns out not to exist — a delivery status notification (RFC 3464,
 * multipart/report) is written to the message's envelope sender and handed to `deliver`
 * (the demo POSTs it to the app's bounce endpoint, as a mail provider would). The DSN also
 * shows in the mailbox.
 */
import type { AddressInfo, Socket } from "node:net";
import { simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";

export interface CaughtMail {
  id: number;
  receivedAt: string;
  envelopeFrom: string | null;
  envelopeTo: string[];
  from: string;
  to: string;
  replyTo: string | null;
  subject: string;
  messageId: string | null;
  html: string | null;
  text: string | null;
  headers: Record<string, string>;
}

export interface Mailbox {
  /** smtp://127.0.0.1:<port> */
  url: string;
  port: number;
  messages(): CaughtMail[];
  clear(): void;
  /** TCP connections accepted so far (a pooled client reuses one). */
  connectionCount(): number;
  /** Resolves once `count` messages have arrived (or rejects after timeoutMs). */
  waitFor(count: number, timeoutMs?: number): Promise<CaughtMail[]>;
  refuseRecipients(pattern: RegExp | null): void;
  deferAll(on: boolean): void;
  /** Closes the listening socket (the server is "down"); start() brings it back on the same port. */
  stop(): Promise<void>;
  start(): Promise<void>;
  close(): Promise<void>;
}

export interface BounceOptions {
  /** Recipients that bounce; default anything @bounce.example. */
  recipients?: RegExp;
  deliver: (dsn: string, envelopeTo: string) => Promise<void>;
}

export const UNDELIVERABLE = /@bounce\.example$/i;

/** A DSN as a receiving MTA writes it: human part, message/delivery-status, the original's headers. */
export function buildDsn(input: {
  envelopeTo: string;
  recipient: string;
  originalHeaders: string;
  action?: "failed" | "delayed";
  status?: string;
  diagnostic?: string;
  date?: Date;
}): string {
  const action = input.action ?? "failed";
  const status = input.status ?? (action === "failed" ? "5.1.1" : "4.4.1");
  const diagnostic =
    input.diagnostic ?? (action === "failed" ? `550 5.1.1 <${input.recipient}>: Recipient address rejected: User unknown in virtual mailbox table` : "451 4.4.1 Connection timed out");
  const boundary = `dsn-${Math.random().toString(36).slice(2)}`;
  const date = (input.date ?? new Date()).toUTCString();
  return [
    "From: Mail Delivery System <MAILER-DAEMON@mx.bounce.example>",
    `To: ${input.envelopeTo}`,
    `Subject: ${action === "failed" ? "Undelivered Mail Returned to Sender" : "Delayed Mail (still being retried)"}`,
    `Date: ${date}`,
    `Message-ID: <${boundary}@mx.bounce.example>`,
    "Auto-Submitted: auto-replied",
    "MIME-Version: 1.0",
    `Content-Type: multipart/report; report-type=delivery-status; boundary="${boundary}"`,
    "",
    `--${boundary}`,
    "Content-Type: text/plain; charset=utf-8",
    "",
    action === "failed" ? `Your message could not be delivered to <${input.recipient}>: the mailbox does not exist.` : `Delivery to <${input.recipient}> is delayed; the server keeps trying.`,
    "",
    `--${boundary}`,
    "Content-Type: message/delivery-status",
    "",
    "Reporting-MTA: dns; mx.bounce.example",
    `Arrival-Date: ${date}`,
    "",
    `Final-Recipient: rfc822; ${input.recipient}`,
    `Original-Recipient: rfc822;${input.recipient}`,
    `Action: ${action}`,
    `Status: ${status}`,
    "Remote-MTA: dns; mx.bounce.example",
    `Diagnostic-Code: smtp; ${diagnostic}`,
    "",
    `--${boundary}`,
    "Content-Type: text/rfc822-headers",
    "",
    input.originalHeaders.replace(/\r?\n$/, ""),
    "",
    `--${boundary}--`,
    "",
  ].join("\r\n");
}

/** The demo's `deliver`: POSTs the DSN to the app's bounce endpoint like a mail provider. */
export function postBounce(endpoint: string, token: string): BounceOptions["deliver"] {
  return async (dsn, envelopeTo) => {
    const url = new URL(endpoint);
    url.searchParams.set("recipient", envelopeTo);
    const response = await fetch(url, { method: "POST", headers: { "Content-Type": "message/rfc822", Authorization: `Bearer ${token}` }, body: dsn });
    if (!response.ok) console.error(`mailbox: the app refused the bounce (HTTP ${response.status}): ${await response.text()}`);
  };
}

export async function startMailbox(options: { port?: number; host?: string; parse?: boolean; bounce?: BounceOptions } = {}): Promise<Mailbox> {
  const host = options.host ?? "127.0.0.1";
  const parse = options.parse ?? true;
  const caught: CaughtMail[] = [];
  const waiters: { count: number; resolve: (m: CaughtMail[]) => void }[] = [];
  let refuse: RegExp | null = null;
  let defer = false;
  let nextId = 1;

  const notify = () => {
    for (const w of [...waiters]) {
      if (caught.length >= w.count) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve([...caught]);
      }
    }
  };

  const makeServer = () =>
    new SMTPServer({
      authOptional: true,
      // The catcher runs on loopback: no reverse DNS per connection (smtp-server delays the
      // greeting until that lookup ends, ~100 ms here).
      disableReverseLookup: true,
      disabledCommands: ["STARTTLS"],
      logger: false,
      size: 10 * 1024 * 1024,
      onRcptTo(address, _session, callback) {
        if (defer) return callback(Object.assign(new Error("4.3.2 Mailbox temporarily unavailable, try again later"), { responseCode: 451 }));
        if (refuse && refuse.test(address.address)) {
          return callback(Object.assign(new Error(`5.1.1 <${address.address}>: Recipient address rejected: User unknown`), { responseCode: 550 }));
        }
        callback();
      },
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on("data", (c: Buffer) => chunks.push(c));
        stream.on("end", () => {
          const raw = Buffer.concat(chunks);
          const id = nextId++;
          const bounced = options.bounce && session.envelope.mailFrom ? session.envelope.rcptTo.map((r) => r.address).filter((a) => (options.bounce!.recipients ?? UNDELIVERABLE).test(a)) : [];
          const envelopeFrom = session.envelope.mailFrom ? session.envelope.mailFrom.address : "";
          const store = (m: Omit<CaughtMail, "id" | "receivedAt" | "envelopeFrom" | "envelopeTo">) => {
            caught.push({
              id,
              receivedAt: new Date().toISOString(),
              envelopeFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : null,
              envelopeTo: session.envelope.rcptTo.map((r) => r.address),
              ...m,
            });
            notify();
            callback();
            if (bounced.length) setImmediate(() => void bounceBack(raw.toString("utf8"), envelopeFrom, bounced));
          };
          if (!parse) {
            const head = raw.toString("utf8", 0, Math.min(raw.length, 4000));
            const subject = /^Subject: (.*)$/im.exec(head)?.[1] ?? "";
            return store({ from: "", to: "", replyTo: null, subject, messageId: /^Message-ID: (.*)$/im.exec(head)?.[1] ?? null, html: null, text: null, headers: {} });
          }
          simpleParser(raw)
            .then((p) => {
              const headers: Record<string, string> = {};
              for (const [k, v] of p.headers) headers[k] = typeof v === "string" ? v : JSON.stringify(v);
              const addr = (a: unknown) => (a && typeof a === "object" && "text" in a ? String((a as { text: string }).text) : "");
              store({
                from: addr(p.from),
                to: addr(p.to),
                replyTo: p.replyTo ? addr(p.replyTo) : null,
                subject: p.subject ?? "",
                messageId: p.messageId ?? null,
                html: typeof p.html === "string" ? p.html : null,
                text: p.text ?? null,
                headers,
              });
            })
            .catch((e: Error) => callback(e));
        });
      },
    });

  // After the 250: the receiving side finds the mailbox does not exist and reports it.
  const bounceBack = async (raw: string, envelopeFrom: string, recipients: string[]) => {
    const head = raw.split(/\r?\n\r?\n/)[0] ?? "";
    for (const recipient of recipients) {
      const dsn = buildDsn({ envelopeTo: envelopeFrom, recipient, originalHeaders: head });
      caught.push({
        id: nextId++,
        receivedAt: new Date().toISOString(),
        envelopeFrom: "",
        envelopeTo: [envelopeFrom],
        from: "Mail Delivery System <MAILER-DAEMON@mx.bounce.example>",
        to: envelopeFrom,
        replyTo: null,
        subject: "Undelivered Mail Returned to Sender",
        messageId: null,
        html: null,
        text: dsn,
        headers: {},
      });
      notify();
      try {
        await options.bounce!.deliver(dsn, envelopeFrom);
      } catch (error) {
        console.error("mailbox: could not hand the bounce to the app", error);
      }
    }
  };

  let server = makeServer();
  // stop() is "the server went down": open (pooled) connections are cut like a crashed server's,
  // not drained through smtp-server's 30-second grace period.
  const sockets = new Set<Socket>();
  let accepted = 0;
  const listen = (port: number) =>
    new Promise<number>((resolve, reject) => {
      server.server.on("connection", (socket: Socket) => {
        sockets.add(socket);
        accepted++;
        socket.once("close", () => sockets.delete(socket));
      });
      server.once("error", reject);
      server.listen(port, host, () => resolve((server.server.address() as AddressInfo).port));
    });
  const port = await listen(options.port ?? 0);
  let running = true;

  const mailbox: Mailbox = {
    url: `smtp://${host}:${port}`,
    port,
    messages: () => [...caught],
    clear: () => void caught.splice(0, caught.length),
    connectionCount: () => accepted,
    waitFor(count, timeoutMs = 10_000) {
      if (caught.length >= count) return Promise.resolve([...caught]);
      return new Promise((resolve, reject) => {
        const w = { count, resolve };
        waiters.push(w);
        setTimeout(() => {
          if (waiters.includes(w)) {
            waiters.splice(waiters.indexOf(w), 1);
            reject(new Error(`mailbox: ${caught.length} of ${count} messages after ${timeoutMs} ms`));
          }
        }, timeoutMs).unref();
      });
    },
    refuseRecipients: (p) => void (refuse = p),
    deferAll: (on) => void (defer = on),
    async stop() {
      if (!running) return;
      running = false;
      const closed = new Promise<void>((r) => server.close(() => r()));
      for (const socket of sockets) socket.destroy();
      await closed;
    },
    async start() {
      if (running) return;
      server = makeServer();
      await listen(port);
      running = true;
    },
    async close() {
      await mailbox.stop();
    },
  };
  return mailbox;
}

const escapeHtml = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/** The stand-in's mailbox page: every caught message, newest first; `id` opens one with its HTML. */
export function mailboxPage(messages: CaughtMail[], selected: number | null): string {
  const list = [...messages]
    .reverse()
    .map(
      (m) =>
        `<tr${m.id === selected ? ' class="sel"' : ""}><td><a href="/_standin/mailbox?id=${m.id}">${escapeHtml(m.subject || "(no subject)")}</a></td><td>${escapeHtml(m.to)}</td><td>${escapeHtml(m.from)}</td><td><time>${escapeHtml(m.receivedAt.replace("T", " ").slice(0, 19))}</time></td></tr>`,
    )
    .join("\n");
  const open = selected ? messages.find((m) => m.id === selected) : null;
  const detail = open
    ? `<section aria-label="Message"><h2>${escapeHtml(open.subject)}</h2>
<p><strong>From:</strong> ${escapeHtml(open.from)}<br><strong>To:</strong> ${escapeHtml(open.to)}${open.replyTo ? `<br><strong>Reply-To:</strong> ${escapeHtml(open.replyTo)}` : ""}<br><strong>Message-ID:</strong> ${escapeHtml(open.messageId ?? "")}</p>
<iframe title="HTML part" sandbox="" srcdoc="${escapeHtml(open.html ?? "")}" style="width:100%;height:640px;border:1px solid #ccc"></iframe>
<details><summary>Plain-text part</summary><pre>${escapeHtml(open.text ?? "")}</pre></details></section>`
    : "";
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Mailbox – Shopify stand-in</title>
<style>body{font:14px/1.5 system-ui,sans-serif;margin:2rem;color:#222}table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #ddd;padding:.4rem .8rem;text-align:left}tr.sel{background:#eef4ff}pre{white-space:pre-wrap;background:#f6f6f6;padding:1rem}</style></head>
<body><p><a href="/">← Stand-in home</a></p><h1>Mailbox</h1>
<p>Every e-mail the app sent to the demo's SMTP server (${messages.length}). Newest first.</p>
<table><thead><tr><th>Subject</th><th>To</th><th>From</th><th>Received</th></tr></thead><tbody>
${list || '<tr><td colspan="4">No e-mail yet. Walk a return through its steps in the admin.</td></tr>'}
</tbody></table>
${detail}
</body></html>`;
}
