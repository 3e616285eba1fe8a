#!/usr/bin/env -S npx tsx
/**
 * npm run demo:winback — win-back end to end, offline, in one process (no running demo
 * needed): the stand-in's seeded shop and a fresh SQLite database (the test harness's
 * wiring, tests/support/engine.ts), then
 *   1. Astrid Lindqvist (accepted e-mail marketing) returns the sweater of #1182 for a
 *      refund: request → approve → ship → receive → inspect → refund → close, through the
 *      app's real services against the stand-in;
 *   2. the merchant turns win-back on (15 % off, minimum 500 kr, 30 days);
 *   3. the stand-in clock advances 15 days; the scan (runWinbackScan) creates her code in
 *      Shopify and queues the winback_offer e-mail in the app's outbox (enqueueEmail); the
 *      outbox's sender delivers it over SMTP to the RUNNING demo's mailbox
 *      (smtp://127.0.0.1:$MAILBOX_PORT, default 2525; see it at /_standin/mailbox). Without a
 *      running demo the e-mail stays queued and is printed instead;
 *   4. the code is read back from Shopify: only her, one use, its end date, the minimum;
 *   5. a second scan sends nothing.
 */
import "../tests/setup-env";

const { createEngine } = await import("../tests/support/engine");
const { fetchOrderSnapshot } = await import("~/shopify/orders.server");
const { requestReturn } = await import("~/services/return-request.server");
const { approveReturn, attachShipping, markReceived, inspectReturn, closeReturn } = await import("~/services/return-lifecycle.server");
const { processReturn } = await import("~/services/return-processing.server");
const { saveWinbackSettings } = await import("~/followup/winback-settings.server");
const { runWinbackScan } = await import("~/followup/winback.server");
const { DEFAULT_WINBACK_SETTINGS } = await import("~/domain/followup/winback");
const { enqueueEmail, sendDueEmails } = await import("~/mail/outbox.server");
const { closeSmtpTransports } = await import("~/mail/transport.server");
type FollowUpMessage = import("~/followup/mailer").FollowUpMessage;

const STAFF = { type: "STAFF" as const, id: "demo-staff" };
const log = (s: string) => console.log(s);
const engine = await createEngine("sqlite");
try {
  // What the app's afterAuth stores at install: the e-mails sign with the shop's name.
  await (await import("~/mail/shop-facts.server")).storeShopFacts(engine.t.db, engine.shop, engine.admin);
  const order = engine.api.order(engine.shop, "#1182");
  const astrid = engine.api.store.shop(engine.shop).customers.find((c) => c.id === order.customerId)!;
  log(`Customer: ${astrid.firstName} ${astrid.lastName} <${astrid.emailAddress}>, e-mail marketing: ${astrid.marketingState}`);

  const snapshot = await fetchOrderSnapshot(engine.admin, order.id);
  const line = snapshot.fulfillments.flatMap((f) => f.lines)[0]!;
  const requested = await requestReturn(engine.ctx, {
    orderId: snapshot.id,
    method: "DROP_OFF",
    locale: "sv",
    lines: [{ fulfillmentLineItemId: line.fulfillmentLineItemId, quantity: 1, resolution: "REFUND", reasonDefinitionId: "gid://shopify/ReturnReasonDefinition/1", reasonHandle: "size-too-small" }],
  });
  let ret = await approveReturn(engine.ctx, requested.id, STAFF);
  ret = await attachShipping(engine.ctx, ret.id, { trackingNumber: "00370730253498827460", carrierName: "PostNord" }, STAFF);
  ret = await markReceived(engine.ctx, ret.id, STAFF);
  const location = engine.api.store.shop(engine.shop).locations[0]!.id;
  ret = await inspectReturn(engine.ctx, ret.id, [{ lineId: ret.lines[0]!.id, grade: "NEW", disposition: "RESTOCKED", locationId: location }], STAFF);
  await processReturn(engine.ctx, ret.id, STAFF);
  ret = await closeReturn(engine.ctx, ret.id, STAFF);
  log(`Return ${ret.rmaNumber} on ${order.name}: ${ret.status}, refunded ${(ret.refundAmount / 100).toFixed(2)} ${ret.currency} on ${engine.clock.now().toISOString().slice(0, 10)}`);

  await saveWinbackSettings(engine.ctx.db, engine.ctx.shop.id, { ...DEFAULT_WINBACK_SETTINGS, enabled: true, percentage: 15, minimumOrderAmount: 50000, validityDays: 30 });
  const outbox: FollowUpMessage[] = [];
  // The app's outbox, recording what was queued for the summary below.
  const mailer = {
    enqueue: async (tx: Parameters<typeof enqueueEmail>[0], m: FollowUpMessage) => {
      const queued = await enqueueEmail(tx, m);
      if (queued.created) outbox.push(m);
      return queued;
    },
  };

  engine.clock.advance(14 * 86_400_000 - 60_000);
  const early = await runWinbackScan({ ctx: engine.ctx, mailer, secret: process.env.SHOPIFY_API_SECRET! });
  log(`Day 13 of 14: scan sent ${early.sent} (too early).`);
  engine.clock.advance(86_400_000 + 60_000);
  const report = await runWinbackScan({ ctx: engine.ctx, mailer, secret: process.env.SHOPIFY_API_SECRET! });
  log(`Day 15 (${engine.clock.now().toISOString().slice(0, 10)}): scan considered ${report.considered}, sent ${report.sent}, skipped ${JSON.stringify(report.skipped)}`);
  const smtpUrl = process.env.DEMO_SMTP_URL ?? `smtp://127.0.0.1:${process.env.MAILBOX_PORT ?? 2525}`;
  const sent = await sendDueEmails(engine.t.db, engine.clock.now(), {
    smtpUrl,
    mailFrom: process.env.MAIL_FROM ?? "returns@returns-app.test",
    linkBase: (shop) => `${process.env.STANDIN_URL ?? `http://127.0.0.1:${process.env.STANDIN_PORT ?? 8081}`}/s/${shop}`,
  });
  closeSmtpTransports();
  if (sent.sent) log(`\nE-mail delivered to the demo's mailbox (${smtpUrl}): ${outbox.map((m) => `${m.step} to ${m.to}`).join(", ")}. Open /_standin/mailbox in the demo.`);
  else {
    log(`\nNo demo mailbox at ${smtpUrl} (start \`npm run demo\` first, or set MAILBOX_PORT): the e-mail stays queued. Its variables:`);
    for (const m of outbox) log(`${m.step} to ${m.to} (${m.locale}), idempotency key ${m.idempotencyKey}\n${JSON.stringify(m.variables, null, 2)}`);
  }

  const code = String(outbox[0]?.variables.discount_code ?? "");
  const { data } = (await engine.admin.request(
    `query DemoWinbackCode($code: String!) { codeDiscountNodeByCode(code: $code) { id codeDiscount { ... on DiscountCodeBasic { title status usageLimit appliesOncePerCustomer startsAt endsAt summary context { ... on DiscountCustomers { customers { id displayName } } } minimumRequirement { ... on DiscountMinimumSubtotal { greaterThanOrEqualToSubtotal { amount currencyCode } } } } } } }` as never,
    { code } as never,
  )) as { data: unknown };
  log(`\nIn Shopify (stand-in), codeDiscountNodeByCode("${code}"):\n${JSON.stringify(data, null, 2)}`);

  const again = await runWinbackScan({ ctx: engine.ctx, mailer, secret: process.env.SHOPIFY_API_SECRET! });
  log(`\nSecond scan: sent ${again.sent}, skipped ${JSON.stringify(again.skipped)}; e-mails queued in total: ${outbox.length}`);
} finally {
  await engine.close();
}
