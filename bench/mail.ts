/**
 * E-mail benchmarks (issue #11 targets, shared/docs/quality.md):
 * - rendering one message (Liquid subject + body, HTML frame, text part) ≤ 10 ms median;
 *   baseline in the same run: liquidjs rendering a one-variable template;
 * - the outbox sends ≥ 100 messages/s to a loopback SMTP server (smtp-server); each message
 *   is about a real return row (loaded, worded, rendered, claimed, sent, settled); baseline
 *   in the same run: the same pooled nodemailer transport sending pre-rendered messages with
 *   no database at all.
 * `npm run bench` runs it with the others; `npx tsx bench/mail.ts` alone.
 */
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { Liquid } from "liquidjs";

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

function freshSqlite(): string {
  const file = join(mkdtempSync(join(tmpdir(), "bench-mail-")), "mail.sqlite");
  const raw = new Database(file);
  const dir = new URL("../prisma/migrations/", import.meta.url).pathname;
  for (const name of readdirSync(dir, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort()) {
    raw.exec(readFileSync(join(dir, name, "migration.sql"), "utf8"));
  }
  raw.close();
  return `file:${file}`;
}

export async function benchMail(messages = 400) {
  const { defaultTemplate } = await import("../app/mail/default-templates");
  const { renderEmail } = await import("../app/mail/render");
  const { sampleVariables } = await import("../app/mail/variables");
  const { createDb, prepareDb } = await import("../app/db.server");
  const { enqueueEmail, sendDueEmails } = await import("../app/mail/outbox.server");
  const { smtpTransport, closeSmtpTransports } = await import("../app/mail/transport.server");
  const { startMailbox } = await import("../simulator/platform/mailbox");

  // 1. Render.
  const template = defaultTemplate("request_received", "sv");
  const vars = sampleVariables("request_received");
  const engine = new Liquid();
  const baseTimes: number[] = [];
  const renderTimes: number[] = [];
  for (let i = 0; i < 50; i++) await renderEmail(template, vars, "sv"); // warm-up (parse cache, JIT)
  for (let i = 0; i < 300; i++) {
    let t = performance.now();
    await engine.parseAndRender("Return {{ rma }}", vars);
    baseTimes.push(performance.now() - t);
    t = performance.now();
    await renderEmail(template, vars, "sv");
    renderTimes.push(performance.now() - t);
  }
  const render = { name: "e-mail render (one message)", medianMs: median(renderTimes), baselineMs: median(baseTimes), target: "≤ 10 ms median" };

  // 2. Outbox throughput.
  const mailbox = await startMailbox({ parse: false });
  const url = freshSqlite();
  const db = createDb(url);
  await prepareDb(db, url);
  const shop = await db.shop.create({ data: { domain: "bench.myshopify.com", name: "Bench Shop", timezone: "Europe/Stockholm" } });
  for (let i = 0; i < messages; i++) {
    const ret = await db.returnRequest.create({
      data: {
        shopId: shop.id,
        rmaNumber: `R-${1000 + i}`,
        status: "APPROVED",
        orderId: `gid://shopify/Order/${i}`,
        orderName: `#${1000 + i}`,
        customerEmail: `c${i}@example.com`,
        customerName: "Astrid Lindqvist",
        locale: "sv",
        method: "DROP_OFF",
        currency: "SEK",
        refundAmount: 89900,
        statusToken: `bench-token-${i}-xxxxxxxxxxxxxxxx`,
        lines: { create: [{ shopId: shop.id, fulfillmentLineItemId: `fli-${i}`, title: "Wool sweater", variantTitle: "M", quantity: 1, unitPrice: 89900, resolution: "REFUND" }] },
      },
    });
    await enqueueEmail(db, { shop: shop.domain, step: "approved", idempotencyKey: `${ret.id}:approved`, returnId: ret.id, to: ret.customerEmail, locale: "sv", variables: {} });
  }
  const options = { smtpUrl: mailbox.url, mailFrom: "returns@bench.test", linkBase: (s: string) => `https://${s}`, concurrency: 8, limit: messages };
  let t = performance.now();
  const report = await sendDueEmails(db, new Date(), options);
  const outboxMs = performance.now() - t;
  await mailbox.waitFor(messages, 60_000);

  // Baseline: the same transport, pre-rendered messages, no database.
  mailbox.clear();
  const rendered = await renderEmail(defaultTemplate("approved", "sv"), sampleVariables("approved"), "sv");
  const transport = smtpTransport(mailbox.url);
  t = performance.now();
  const queue = Array.from({ length: messages }, (_, i) => i);
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      for (let i = queue.shift(); i !== undefined; i = queue.shift()) {
        await transport.sendMail({ from: "returns@bench.test", to: `c${i}@example.com`, subject: rendered.subject, html: rendered.html, text: rendered.text });
      }
    }),
  );
  const baselineMs = performance.now() - t;
  await mailbox.waitFor(messages, 60_000);
  closeSmtpTransports();
  await mailbox.close();
  await db.$disconnect();

  const outbox = {
    name: `outbox → loopback SMTP (${messages} messages, each about a return)`,
    perSecond: (report.sent / outboxMs) * 1000,
    baselinePerSecond: (messages / baselineMs) * 1000,
    sent: report.sent,
    target: "≥ 100 messages/s",
  };
  return { render, outbox, met: render.medianMs <= 10 && outbox.perSecond >= 100 };
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split("/").pop()!)) {
  Object.assign(process.env, {
    APP_MODE: process.env.APP_MODE ?? "test",
    SHOPIFY_API_KEY: process.env.SHOPIFY_API_KEY ?? "bench-key",
    SHOPIFY_API_SECRET: process.env.SHOPIFY_API_SECRET ?? "bench-secret",
    SHOPIFY_APP_URL: process.env.SHOPIFY_APP_URL ?? "http://127.0.0.1:3999",
    SHOPIFY_ADMIN_ORIGIN: process.env.SHOPIFY_ADMIN_ORIGIN ?? "http://127.0.0.1:3998",
    TOKEN_ENCRYPTION_KEY: process.env.TOKEN_ENCRYPTION_KEY ?? "YmVuY2gtb25seS10b2tlbi1lbmNyeXB0aW9uLWtleSE=",
  });
  process.env.DATABASE_URL ??= freshSqlite();
  const r = await benchMail();
  console.log(`${r.render.name}: median ${r.render.medianMs.toFixed(2)} ms (baseline ${r.render.baselineMs.toFixed(3)} ms, ${(r.render.medianMs / r.render.baselineMs).toFixed(0)}×) — target ${r.render.target}`);
  console.log(`${r.outbox.name}: ${r.outbox.perSecond.toFixed(0)} msg/s (baseline, transport only: ${r.outbox.baselinePerSecond.toFixed(0)} msg/s, ${(r.outbox.perSecond / r.outbox.baselinePerSecond).toFixed(2)}×) — target ${r.outbox.target}`);
  console.log(r.met ? "targets met" : "targets NOT met");
  process.exit(0);
}
