/**
 * The e-mail path end to end: lifecycle steps queue their e-mail in the step's transaction,
 * the sender delivers through a real SMTP server on loopback (smtp-server, no mock
 * transport), on SQLite and PostgreSQL. Faults: SMTP down (stays queued, then in order per
 * return), refusals (FAILED with the server's answer), deferrals, bad addresses, duplicate
 * steps and webhooks, and two sender instances at once.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createDb, prepareDb } from "~/db.server";
import { enqueueEmail, sendDueEmails, MAX_TEMPORARY_ATTEMPTS, type SendOptions } from "~/mail/outbox.server";
import { closeSmtpTransports } from "~/mail/transport.server";
import { requestReturn } from "~/services/return-request.server";
import { approveReturn, attachShipping, closeReturn, declineReturn, inspectReturn, markReceived } from "~/services/return-lifecycle.server";
import { processReturn } from "~/services/return-processing.server";
import { requireReturn } from "~/services/return-records.server";
import { handleReturnsWebhook, reconcileReturn } from "~/services/return-sync.server";
import { fetchOrderSnapshot } from "~/shopify/orders.server";
import { startMailbox, type Mailbox } from "../../simulator/platform/mailbox";
import { createEngine, type Engine } from "../support/engine";
import { providers } from "../support/test-db";

const STAFF = { type: "STAFF" as const, id: "staff-1" };
const LINK_BASE = (shop: string) => `http://stand-in.test/s/${shop}`;

let mailbox: Mailbox;
beforeAll(async () => {
  mailbox = await startMailbox();
});
afterAll(async () => {
  closeSmtpTransports();
  await mailbox.close();
});

function options(extra: Partial<SendOptions> = {}): SendOptions {
  return { smtpUrl: mailbox.url, mailFrom: "returns@returns-app.test", linkBase: LINK_BASE, ...extra };
}

/** A time after every backoff so far. */
const later = (minutes: number) => new Date(Date.now() + minutes * 60_000);

async function requestSweater(engine: Engine, opts: { locale?: string; order?: string } = {}) {
  const order = engine.api.order(engine.shop, opts.order ?? "#1182");
  const snapshot = await fetchOrderSnapshot(engine.admin, order.id);
  const line = snapshot.fulfillments.flatMap((f) => f.lines)[0]!;
  const requested = await requestReturn(engine.ctx, {
    orderId: snapshot.id,
    method: "DROP_OFF",
    locale: opts.locale ?? "en",
    lines: [{ fulfillmentLineItemId: line.fulfillmentLineItemId, quantity: 1, resolution: "REFUND", reasonDefinitionId: "gid://shopify/ReturnReasonDefinition/1", reasonHandle: "size-too-small" }],
  } as never);
  return requireReturn(engine.ctx, requested.id);
}

async function walkToClosed(engine: Engine, id: string) {
  let ret = await approveReturn(engine.ctx, id, STAFF);
  ret = await attachShipping(engine.ctx, ret.id, { trackingNumber: "00370730253498827460", carrierName: "PostNord" }, STAFF);
  ret = await markReceived(engine.ctx, ret.id, STAFF);
  const location = engine.api.store.shop(engine.shop).locations[0].id;
  ret = await inspectReturn(engine.ctx, ret.id, [{ lineId: ret.lines[0]!.id, grade: "NEW", disposition: "RESTOCKED", locationId: location }], STAFF);
  await processReturn(engine.ctx, ret.id, STAFF);
  return closeReturn(engine.ctx, ret.id, STAFF);
}

describe.each(providers)("e-mail outbox on %s", (provider) => {
  let engine: Engine;
  beforeEach(async () => {
    engine = await createEngine(provider);
    mailbox.clear();
    mailbox.refuseRecipients(null);
    mailbox.deferAll(false);
    await mailbox.start();
  });
  afterEach(async () => engine.close());

  it("GIVEN a Swedish shopper's refund return WHEN it goes request → approve → ship → receive → inspect → refund → close and the sender runs THEN five e-mails in Swedish arrive, in order, with the slip link, the refund's amount and bank dates, and a text part", async () => {
    const ret = await requestSweater(engine, { locale: "sv" });
    await walkToClosed(engine, ret.id);

    const rows = await engine.t.db.emailMessage.findMany({ where: { returnRequestId: ret.id }, orderBy: { createdAt: "asc" } });
    expect(rows.map((r) => r.step)).toEqual(["request_received", "approved", "received", "refunded", "closed"]);
    expect(rows.every((r) => r.status === "QUEUED" && r.locale === "sv" && r.toAddress === "astrid.lindqvist@example.com")).toBe(true);

    const report = await sendDueEmails(engine.t.db, new Date(), options());
    expect(report).toMatchObject({ sent: 5, failed: 0, retrying: 0 });
    const mails = await mailbox.waitFor(5);
    expect(mails.map((m) => m.subject)).toEqual([
      `Vi har tagit emot din returbegäran ${ret.rmaNumber}`,
      `Din retur ${ret.rmaNumber} är godkänd`,
      `Vi har tagit emot ditt paket (${ret.rmaNumber})`,
      `Din återbetalning för retur ${ret.rmaNumber}`,
      `Din retur ${ret.rmaNumber} är klar`,
    ]);
    const [received, , , refunded] = mails;
    expect(received!.html).toContain(`/s/${engine.shop}/apps/returns/slip/${ret.statusToken}?locale=sv`);
    expect(received!.text).toContain("Så skickar du din retur");
    expect(received!.from).toContain("returns@returns-app.test");
    expect(refunded!.text).toMatch(/återbetalades till .* den /);
    expect(refunded!.text).toMatch(/Beloppet bör synas på ditt konto mellan/);
    expect(refunded!.html).toContain('<table role="presentation"');
    const sent = await engine.t.db.emailMessage.findMany({ where: { returnRequestId: ret.id } });
    expect(sent.every((r) => r.status === "SENT" && r.smtpResponse?.startsWith("250"))).toBe(true);

    // Running again sends nothing more.
    expect(await sendDueEmails(engine.t.db, later(1), options())).toMatchObject({ sent: 0 });
    expect(mailbox.messages()).toHaveLength(5);
  });

  it("GIVEN a declined request THEN the e-mail carries the merchant's reason and note", async () => {
    const ret = await requestSweater(engine, { locale: "de" });
    await declineReturn(engine.ctx, ret.id, { reason: "RETURN_PERIOD_ENDED", note: "Gekauft vor 90 Tagen." }, STAFF);
    await sendDueEmails(engine.t.db, new Date(), options());
    const mails = await mailbox.waitFor(2);
    const declined = mails.find((m) => m.subject.startsWith("Zu deiner Rücksendeanfrage"))!;
    expect(declined.text).toContain("die Rückgabefrist war abgelaufen");
    expect(declined.text).toContain("Gekauft vor 90 Tagen.");
  });

  it("GIVEN the same step repeated and the same webhook delivered twice WHEN the sender runs THEN each e-mail is queued and sent once", async () => {
    const ret = await requestSweater(engine);
    await approveReturn(engine.ctx, ret.id, STAFF);
    await approveReturn(engine.ctx, ret.id, STAFF); // a double click
    const payload = { admin_graphql_api_id: (await requireReturn(engine.ctx, ret.id)).shopifyReturnId };
    await handleReturnsWebhook(engine.ctx, "returns/approve", payload);
    await handleReturnsWebhook(engine.ctx, "returns/approve", payload);
    const again = await enqueueEmail(engine.t.db, { shop: engine.shop, step: "approved", idempotencyKey: `${ret.id}:approved`, returnId: ret.id, to: "x@example.com", locale: "en", variables: {} });
    expect(again.created).toBe(false);
    expect(await engine.t.db.emailMessage.count({ where: { returnRequestId: ret.id, step: "approved" } })).toBe(1);
    await sendDueEmails(engine.t.db, new Date(), options());
    await sendDueEmails(engine.t.db, later(1), options());
    expect(mailbox.messages().filter((m) => m.subject.includes("is approved"))).toHaveLength(1);
  });

  it("GIVEN returns approved, closed and declined in Shopify's admin WHEN the webhooks arrive twice and reconciliation runs again THEN each step's e-mail is queued once, in the shopper's language", async () => {
    const admin = async (mutation: string) => {
      const res = await engine.api.graphql(engine.shop, mutation);
      expect(JSON.stringify(res.body)).not.toMatch(/"errors"|"message"/);
    };
    const deliverTwice = async (topic: string, shopifyReturnId: string) => {
      await handleReturnsWebhook(engine.ctx, topic, { admin_graphql_api_id: shopifyReturnId });
      await handleReturnsWebhook(engine.ctx, topic, { admin_graphql_api_id: shopifyReturnId });
      await reconcileReturn(engine.ctx, shopifyReturnId);
    };
    const a = await requestSweater(engine, { locale: "nl", order: "#1182" });
    await admin(`mutation { returnApproveRequest(input: { id: "${a.shopifyReturnId}" }) { return { status } userErrors { message } } }`);
    await deliverTwice("returns/approve", a.shopifyReturnId!);
    expect((await requireReturn(engine.ctx, a.id)).status).toBe("APPROVED");
    await admin(`mutation { returnClose(id: "${a.shopifyReturnId}") { return { status } userErrors { message } } }`);
    await deliverTwice("returns/close", a.shopifyReturnId!);
    expect((await requireReturn(engine.ctx, a.id)).status).toBe("CLOSED");

    const b = await requestSweater(engine, { locale: "de", order: "#1150" });
    await admin(`mutation { returnDeclineRequest(input: { id: "${b.shopifyReturnId}", declineReason: FINAL_SALE, declineNote: "Ausverkauf." }) { return { status } userErrors { message } } }`);
    await deliverTwice("returns/decline", b.shopifyReturnId!);

    const steps = async (id: string) => (await engine.t.db.emailMessage.findMany({ where: { returnRequestId: id }, orderBy: { createdAt: "asc" } })).map((m) => m.step);
    expect(await steps(a.id)).toEqual(["request_received", "approved", "closed"]);
    expect(await steps(b.id)).toEqual(["request_received", "declined"]);
    await sendDueEmails(engine.t.db, new Date(), options());
    const mails = await mailbox.waitFor(5);
    expect(mails.filter((m) => m.headers["x-returns-step"] === "approved").map((m) => m.subject)).toEqual([`Je retour ${a.rmaNumber} is goedgekeurd`]);
    const declined = mails.find((m) => m.headers["x-returns-step"] === "declined")!;
    expect(declined.text).toContain("Ausverkauf.");
    expect(await sendDueEmails(engine.t.db, later(5), options())).toMatchObject({ sent: 0 });
    expect(mailbox.messages()).toHaveLength(5);
  });

  // On PostgreSQL the second instance has its own client (its own connections); SQLite is the
  // one-instance database, so there the two runs share the client.
  it("GIVEN 40 queued e-mails WHEN two sender instances run at the same time, twice THEN every e-mail arrives exactly once", async () => {
    for (let i = 0; i < 40; i++) {
      await enqueueEmail(engine.t.db, { shop: engine.shop, step: "winback_offer", idempotencyKey: `two:${i}`, to: `c${i}@example.com`, locale: "en", variables: winback(i) });
    }
    const second = provider === "postgresql" ? createDb(engine.t.url) : engine.t.db;
    await prepareDb(second, engine.t.url);
    try {
      const now = new Date();
      const reports = await Promise.all([
        sendDueEmails(engine.t.db, now, options({ concurrency: 4 })),
        sendDueEmails(second, now, options({ concurrency: 4 })),
        sendDueEmails(engine.t.db, now, options({ concurrency: 4 })),
        sendDueEmails(second, now, options({ concurrency: 4 })),
      ]);
      expect(reports.reduce((n, r) => n + r.sent, 0)).toBe(40);
    } finally {
      if (second !== engine.t.db) await second.$disconnect();
    }
    const mails = await mailbox.waitFor(40);
    await new Promise((r) => setTimeout(r, 100));
    expect(mails.length).toBe(40);
    expect(new Set(mailbox.messages().map((m) => m.to)).size).toBe(40);
    expect(await engine.t.db.emailMessage.count({ where: { status: "SENT" } })).toBe(40);
  });

  it("GIVEN the SMTP server is down WHEN the sender runs THEN nothing is lost or failed; WHEN it is back THEN every e-mail goes out, each return's in order", async () => {
    const a = await requestSweater(engine, { order: "#1182" });
    await approveReturn(engine.ctx, a.id, STAFF);
    await markReceivedPath(engine, a.id);
    await mailbox.stop();

    const down = await sendDueEmails(engine.t.db, new Date(), options());
    expect(down.smtpUnavailable).toBe(true);
    expect(down.sent).toBe(0);
    const waiting = await engine.t.db.emailMessage.findMany({ where: { returnRequestId: a.id }, orderBy: { createdAt: "asc" } });
    expect(waiting.map((m) => m.status)).toEqual(["QUEUED", "QUEUED", "QUEUED"]);
    expect(waiting[0]!.reason).toMatch(/Will retry/);
    // Still down an hour later: still queued, never failed.
    await sendDueEmails(engine.t.db, later(60), options());
    expect(await engine.t.db.emailMessage.count({ where: { status: { not: "QUEUED" } } })).toBe(0);

    await mailbox.start();
    // The first message waits out its backoff; the later ones must not overtake it.
    const early = await sendDueEmails(engine.t.db, new Date(), options());
    expect(early.sent).toBe(0);
    const back = await sendDueEmails(engine.t.db, later(180), options());
    expect(back.sent).toBe(3);
    const mails = await mailbox.waitFor(3);
    expect(mails.map((m) => m.headers["x-returns-step"])).toEqual(["request_received", "approved", "received"]);
  });

  it("GIVEN the server refuses a recipient (550) THEN that e-mail is FAILED with the server's answer and the others are sent", async () => {
    mailbox.refuseRecipients(/^nobody@/);
    await enqueueEmail(engine.t.db, { shop: engine.shop, step: "winback_offer", idempotencyKey: "bounce", to: "nobody@example.com", locale: "en", variables: winback(1) });
    await enqueueEmail(engine.t.db, { shop: engine.shop, step: "winback_offer", idempotencyKey: "ok", to: "someone@example.com", locale: "en", variables: winback(2) });
    const report = await sendDueEmails(engine.t.db, new Date(), options());
    expect(report).toMatchObject({ sent: 1, failed: 1 });
    const failed = await engine.t.db.emailMessage.findFirstOrThrow({ where: { idempotencyKey: "bounce" } });
    expect(failed.status).toBe("FAILED");
    expect(failed.reason).toContain("550");
    expect(failed.reason).toContain("User unknown");
    expect(failed.smtpResponse).toContain("Recipient address rejected");
  });

  it("GIVEN the server keeps deferring (451) THEN the e-mail is retried with backoff and FAILED after the last try, with the answer", async () => {
    mailbox.deferAll(true);
    await enqueueEmail(engine.t.db, { shop: engine.shop, step: "winback_offer", idempotencyKey: "defer", to: "later@example.com", locale: "en", variables: winback(1) });
    for (let i = 1; i < MAX_TEMPORARY_ATTEMPTS; i++) {
      const r = await sendDueEmails(engine.t.db, later(120 * i), options());
      expect(r.retrying).toBe(1);
    }
    const last = await sendDueEmails(engine.t.db, later(120 * MAX_TEMPORARY_ATTEMPTS), options());
    expect(last.failed).toBe(1);
    const row = await engine.t.db.emailMessage.findFirstOrThrow({ where: { idempotencyKey: "defer" } });
    expect(row.status).toBe("FAILED");
    expect(row.reason).toContain("451");
  });

  it("GIVEN a missing or invalid address THEN the message is NOT_SENDABLE with the reason and nothing crashes", async () => {
    const missing = await enqueueEmail(engine.t.db, { shop: engine.shop, step: "winback_offer", idempotencyKey: "m", to: null, locale: "en", variables: winback(1) });
    const invalid = await enqueueEmail(engine.t.db, { shop: engine.shop, step: "winback_offer", idempotencyKey: "i", to: "astrid@@example", locale: "xx", variables: winback(1) });
    const injected = await enqueueEmail(engine.t.db, { shop: engine.shop, step: "winback_offer", idempotencyKey: "j", to: "a@example.com\r\nBcc: all@example.com", locale: "en", variables: winback(1) });
    const rows = await engine.t.db.emailMessage.findMany({ where: { id: { in: [missing.id, invalid.id, injected.id] } } });
    expect(rows.map((r) => r.status)).toEqual(["NOT_SENDABLE", "NOT_SENDABLE", "NOT_SENDABLE"]);
    expect(rows.find((r) => r.id === missing.id)!.reason).toMatch(/No e-mail address/);
    expect(rows.find((r) => r.id === invalid.id)!.reason).toMatch(/not a valid e-mail address/);
    expect(rows.find((r) => r.id === invalid.id)!.locale).toBe("en");
    expect((await sendDueEmails(engine.t.db, new Date(), options())).sent).toBe(0);
  });

  it("GIVEN a step whose Shopify call fails THEN no e-mail is queued for it (the e-mail is part of the step)", async () => {
    const ret = await requestSweater(engine);
    engine.failOperation("ReturnApproveRequest", 422);
    await expect(approveReturn(engine.ctx, ret.id, STAFF)).rejects.toThrow();
    expect(await engine.t.db.emailMessage.count({ where: { returnRequestId: ret.id, step: "approved" } })).toBe(0);
  });
});

async function markReceivedPath(engine: Engine, id: string) {
  await attachShipping(engine.ctx, id, { trackingNumber: "1", carrierName: "PostNord" }, STAFF);
  await markReceived(engine.ctx, id, STAFF);
}

function winback(i: number) {
  return {
    customer_first_name: `C${i}`,
    discount_code: `WELCOME-${i}`,
    discount_value: "15 %",
    minimum_order: "",
    expires_on: "31 December 2026",
    unsubscribe_url: `http://stand-in.test/unsubscribe/${i}`,
  };
}
