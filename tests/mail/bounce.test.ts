/**
 * Late bounces: a message the SMTP server took with 250 comes back as a delivery status
 * notification. Real SMTP on loopback (smtp-server): the demo mailbox accepts mail for
 * @bounce.example, then writes an RFC 3464 DSN to the message's VERP envelope sender and
 * hands it to the app's bounce endpoint, as a mail provider would. SQLite and PostgreSQL.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { tracedId, traceToken, verpAddress } from "~/mail/bounce-address.server";
import { bounceIntake } from "~/mail/bounce-intake.server";
import { enqueueEmail, sendDueEmails } from "~/mail/outbox.server";
import { returnEmailsView } from "~/mail/timeline.server";
import { closeSmtpTransports } from "~/mail/transport.server";
import { action as bounceRoute } from "~/routes/mail.bounces";
import { buildDsn, startMailbox, type Mailbox } from "../../simulator/platform/mailbox";
import { createTestDb, providers, type TestDb } from "../support/test-db";

const SECRET = "bounce-test-app-secret";
const TOKEN = "bounce-intake-token-0123456789abcdef";
const SHOP = "bounce-test.myshopify.com";
const SIGNING = { secret: SECRET, domain: "returns-app.test" };

let t: TestDb;
let mailbox: Mailbox;
/** DSNs the mailbox handed over, and the endpoint's answers to them. */
let handed: { dsn: string; envelopeTo: string; status: number; body: Record<string, unknown> }[] = [];
let arrived: (() => void) | null = null;

function post(body: string, init: { token?: string | null; type?: string; recipient?: string } = {}) {
  const url = new URL("http://127.0.0.1:3999/mail/bounces");
  if (init.recipient) url.searchParams.set("recipient", init.recipient);
  const headers: Record<string, string> = { "Content-Type": init.type ?? "message/rfc822" };
  if (init.token !== null) headers.Authorization = `Bearer ${init.token ?? TOKEN}`;
  return bounceIntake(new Request(url, { method: "POST", headers, body }), { db: t.db, secret: SECRET, token: TOKEN, now: new Date() });
}

beforeAll(async () => {
  mailbox = await startMailbox({
    bounce: {
      async deliver(dsn, envelopeTo) {
        const response = await post(dsn, { recipient: envelopeTo });
        handed.push({ dsn, envelopeTo, status: response.status, body: (await response.json()) as Record<string, unknown> });
        arrived?.();
      },
    },
  });
});
afterAll(async () => {
  closeSmtpTransports();
  await mailbox.close();
});

const options = { smtpUrl: null as string | null, mailFrom: "returns@returns-app.test", linkBase: (s: string) => `http://x/${s}`, bounce: SIGNING };

async function queue(key: string, to: string) {
  return (await enqueueEmail(t.db, { shop: SHOP, step: "winback_offer", idempotencyKey: key, to, locale: "sv", variables: { customer_first_name: "Astrid", discount_code: "X", discount_value: "10 %", minimum_order: "", expires_on: "1 januari 2027", unsubscribe_url: "http://x/u" } })).id;
}

describe.each(providers)("late bounces on %s", (provider) => {
  beforeEach(async () => {
    t = await createTestDb(provider);
    await t.db.shop.create({ data: { domain: SHOP, name: "Nordic Demo" } });
    mailbox.clear();
    handed = [];
  });
  afterEach(async () => t.drop());

  it("GIVEN an e-mail to a mailbox that turns out not to exist WHEN the SMTP server accepts it (250) and later mails back a DSN THEN the endpoint marks it FAILED with Status and Diagnostic-Code, shown on the return's e-mail card", async () => {
    const id = await queue("k1", "nobody@bounce.example");
    const waiting = new Promise<void>((r) => (arrived = r));
    const report = await sendDueEmails(t.db, new Date(), { ...options, smtpUrl: mailbox.url });
    expect(report.sent).toBe(1);
    await waiting;

    const [original] = mailbox.messages();
    expect(original!.envelopeFrom).toBe(verpAddress(SIGNING, id));
    expect(original!.headers["x-returns-message"]).toBe(traceToken(SECRET, id));
    expect(handed[0]).toMatchObject({ status: 200, body: { result: "failed", messageId: id } });

    const row = await t.db.emailMessage.findUniqueOrThrow({ where: { id } });
    expect(row.status).toBe("FAILED");
    expect(row.bouncedAt).not.toBeNull();
    expect(row.smtpResponse).toMatch(/^5\.1\.1 550 5\.1\.1 <nobody@bounce\.example>: Recipient address rejected: User unknown/);

    await t.db.emailMessage.update({ where: { id }, data: { returnRequestId: "ret-1" } });
    const [card] = await returnEmailsView(t.db, SHOP, "ret-1", "Europe/Stockholm", "sv");
    expect(card).toMatchObject({ status: "FAILED" });
    expect(card!.detail).toContain("5.1.1 550");
    expect(card!.detail).toMatch(/studsade|returnerade|mottagarens/i);
  });

  it("GIVEN the same DSN delivered twice THEN the second changes nothing", async () => {
    const id = await queue("k2", "nobody@bounce.example");
    const waiting = new Promise<void>((r) => (arrived = r));
    await sendDueEmails(t.db, new Date(), { ...options, smtpUrl: mailbox.url });
    await waiting;
    const once = await t.db.emailMessage.findUniqueOrThrow({ where: { id } });
    const again = await post(handed[0]!.dsn, { recipient: handed[0]!.envelopeTo });
    expect(again.status).toBe(200);
    expect(await again.json()).toMatchObject({ result: "duplicate" });
    expect(await t.db.emailMessage.findUniqueOrThrow({ where: { id } })).toEqual(once);
  });

  it("GIVEN a DSN whose references are unsigned or signed with another secret THEN it is refused (403) and the message stays SENT", async () => {
    const id = await queue("k3", "astrid@example.com");
    await sendDueEmails(t.db, new Date(), { ...options, smtpUrl: mailbox.url });
    const sent = await t.db.emailMessage.findUniqueOrThrow({ where: { id } });
    expect(sent.status).toBe("SENT");

    const unsigned = buildDsn({ envelopeTo: `bounces+${id}@returns-app.test`, recipient: "astrid@example.com", originalHeaders: `Message-ID: <${id}@returns-app.test>\r\nX-Returns-Message: ${id}` });
    const forgedSig = traceToken("someone-elses-secret", id);
    const forged = buildDsn({ envelopeTo: `bounces+${forgedSig}@returns-app.test`, recipient: "astrid@example.com", originalHeaders: `Message-ID: <${forgedSig}@returns-app.test>\r\nX-Returns-Message: ${forgedSig}` });
    for (const dsn of [unsigned, forged]) {
      const response = await post(dsn, { recipient: `bounces+${forgedSig}@returns-app.test` });
      expect(response.status).toBe(403);
    }
    expect(await t.db.emailMessage.findUniqueOrThrow({ where: { id } })).toEqual(sent);
  });

  it("GIVEN a soft bounce (Action delayed, 4.4.1) THEN the message stays SENT; a later hard bounce for it flips it to FAILED (SENT → FAILED)", async () => {
    const id = await queue("k4", "slow@example.net");
    await sendDueEmails(t.db, new Date(), { ...options, smtpUrl: mailbox.url });
    const headers = `Message-ID: <${traceToken(SECRET, id)}@returns-app.test>`;
    const soft = await post(buildDsn({ envelopeTo: "postmaster@returns-app.test", recipient: "slow@example.net", originalHeaders: headers, action: "delayed" }));
    expect(await soft.json()).toMatchObject({ result: "soft" });
    expect((await t.db.emailMessage.findUniqueOrThrow({ where: { id } })).status).toBe("SENT");

    const hard = await post(buildDsn({ envelopeTo: "postmaster@returns-app.test", recipient: "slow@example.net", originalHeaders: headers, status: "5.4.7", diagnostic: "550 5.4.7 Delivery time expired" }));
    expect(await hard.json()).toMatchObject({ result: "failed" });
    expect(await t.db.emailMessage.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: "FAILED", smtpResponse: "5.4.7 550 5.4.7 Delivery time expired" });
  });

  it("GIVEN a wrong or missing token, garbage, a plain e-mail or an empty form THEN 4xx and nothing changes; a provider-style form works", async () => {
    const id = await queue("k5", "nobody@example.org");
    await sendDueEmails(t.db, new Date(), { ...options, smtpUrl: mailbox.url });
    const dsn = buildDsn({ envelopeTo: verpAddress(SIGNING, id), recipient: "nobody@example.org", originalHeaders: "Subject: x" });
    expect((await post(dsn, { token: null })).status).toBe(401);
    expect((await post(dsn, { token: "wrong-token-wrong-token-wrong" })).status).toBe(401);
    expect((await post("\u0000\u0001 not mail at all")).status).toBe(400);
    expect((await post("From: a@b.c\r\nSubject: hello\r\n\r\njust a letter")).status).toBe(400);
    expect((await post("")).status).toBe(400);
    expect((await post(dsn, { type: "application/json" })).status).toBe(415);
    expect((await post(new URLSearchParams({ other: "x" }).toString(), { type: "application/x-www-form-urlencoded" })).status).toBe(400);
    expect((await t.db.emailMessage.findUniqueOrThrow({ where: { id } })).status).toBe("SENT");

    const form = await post(new URLSearchParams({ "body-mime": dsn, recipient: verpAddress(SIGNING, id) }).toString(), { type: "application/x-www-form-urlencoded" });
    expect(form.status).toBe(200);
    expect((await t.db.emailMessage.findUniqueOrThrow({ where: { id } })).status).toBe("FAILED");
  });

  it("GIVEN a bounce that beats the sender's write of SENT (message QUEUED under the sender's lease) THEN it is FAILED and the sender's SENT write, conditional on its lease, misses", async () => {
    const id = await queue("k6", "fast@bounce.example");
    await t.db.emailMessage.update({ where: { id }, data: { leaseToken: "run-1", leaseUntil: new Date(Date.now() + 60_000) } });
    const response = await post(buildDsn({ envelopeTo: verpAddress(SIGNING, id), recipient: "fast@bounce.example", originalHeaders: "Subject: x" }), { recipient: verpAddress(SIGNING, id) });
    expect(await response.json()).toMatchObject({ result: "failed" });
    const late = await t.db.emailMessage.updateMany({ where: { id, leaseToken: "run-1" }, data: { status: "SENT" } }); // what flushSent does
    expect(late.count).toBe(0);
    expect((await t.db.emailMessage.findUniqueOrThrow({ where: { id } })).status).toBe("FAILED");
  });

  it("GIVEN the endpoint without MAIL_BOUNCE_TOKEN THEN it is off (404)", async () => {
    const response = await bounceIntake(new Request("http://x/mail/bounces", { method: "POST", body: "x" }), { db: t.db, secret: SECRET, token: null, now: new Date() });
    expect(response.status).toBe(404);
  });
});

describe("the /mail/bounces route", () => {
  it("GIVEN no MAIL_BOUNCE_TOKEN in the environment THEN the route answers 404 (the intake is off)", async () => {
    const response = await bounceRoute({ request: new Request("http://127.0.0.1:3999/mail/bounces", { method: "POST", body: "x" }), params: {}, context: {} });
    expect(response.status).toBe(404);
  });
});

describe("signed references", () => {
  it("names the message only with our signature", () => {
    const token = traceToken(SECRET, "cm123abc");
    expect(tracedId(SECRET, `bounces+${token}@returns-app.test`)).toBe("cm123abc");
    expect(tracedId(SECRET, `<${token}@returns-app.test>`)).toBe("cm123abc");
    expect(tracedId(SECRET, token)).toBe("cm123abc");
    expect(tracedId("other", token)).toBeNull();
    expect(tracedId(SECRET, "bounces+cm123abc@returns-app.test")).toBeNull();
    expect(tracedId(SECRET, token.replace(/.$/, (c) => (c === "A" ? "B" : "A")))).toBeNull();
  });
});
