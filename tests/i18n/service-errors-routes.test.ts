/**
 * The admin routes answer a service's refusal in the staff member's language: the return
 * page's action and the inbox's bulk action, in-process on the stand-in's shop, with the
 * admin's `?locale=` (what Shopify opens the app with). Authentication is the library's
 * job and tested there; here it hands over the shop's session.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { action as returnPageAction } from "~/routes/app.returns.$id";
import { action as bulkAction } from "~/routes/app.returns.bulk";
import { declineReturn } from "~/services/return-lifecycle.server";
import { requestReturn } from "~/services/return-request.server";
import { createEngine, returnableOrders, type Engine } from "../support/engine";
import { providers } from "../support/test-db";

const current: { engine: Engine | null } = { engine: null };
vi.mock("~/shopify.server", () => ({
  authenticate: { admin: async () => ({ session: { shop: current.engine!.shop, accessToken: "token" }, sessionToken: undefined }) },
}));
vi.mock("~/services/shop-context.server", () => ({
  contextForSession: async () => current.engine!.ctx,
}));

type Handler = (args: { request: Request; params: Record<string, string>; context: object }) => Promise<Response>;
async function post(handler: Handler, path: string, fields: Record<string, string>, params: Record<string, string> = {}) {
  const body = new FormData();
  for (const [k, v] of Object.entries(fields)) body.set(k, v);
  const response = await handler({ request: new Request(`https://app.test${path}`, { method: "POST", body }), params, context: {} });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe.each(providers)("admin routes answer refusals in the admin's language (%s)", (provider) => {
  const ids: string[] = [];

  beforeAll(async () => {
    const engine = await createEngine(provider);
    current.engine = engine;
    const orders = await returnableOrders(engine, { limit: 4 });
    outer: for (const order of orders) {
      for (const line of order.lines) {
        if (ids.length >= 2) break outer;
        const r = await requestReturn(engine.ctx, { orderId: order.snapshot.id, method: "DROP_OFF", lines: [{ fulfillmentLineItemId: line.fulfillmentLineItemId, quantity: 1, resolution: "REFUND" }] });
        ids.push(r.id);
      }
    }
    await declineReturn(engine.ctx, ids[0]!, { reason: "OTHER", note: null }, { type: "STAFF", id: "staff-1" });
  }, 120_000);

  afterAll(async () => current.engine?.close());

  it("GIVEN a declined return WHEN a Swedish admin clicks Approve on its page THEN the 409 says why in Swedish; in German for a German admin", async () => {
    const sv = await post(returnPageAction as Handler, `/app/returns/${ids[0]}?locale=sv`, { intent: "approve" }, { id: ids[0]! });
    expect(sv.status).toBe(409);
    expect(sv.body).toMatchObject({ ok: false, intent: "approve", error: { code: "INVALID_STATE", message: "Returen är avvisad och kan inte ändras längre. Skapa en ny retur vid behov." } });
    const de = await post(returnPageAction as Handler, `/app/returns/${ids[0]}?locale=de`, { intent: "receive" }, { id: ids[0]! });
    expect(de.body).toMatchObject({ error: { message: "Diese Rücksendung ist abgelehnt und kann nicht mehr geändert werden. Lege bei Bedarf eine neue Rücksendung an." } });
  }, 60_000);

  it("GIVEN one return of two can't be approved WHEN a Swedish admin bulk-approves THEN every row's answer is Swedish; a bad selection is refused in Swedish", async () => {
    const answer = await post(bulkAction as Handler, "/app/returns/bulk?locale=sv", { action: "approve", ids: JSON.stringify([ids[1], ids[0]]) });
    expect(answer.status).toBe(200);
    expect(answer.body.results).toMatchObject([
      { id: ids[1], ok: true, message: "Godkänd" },
      { id: ids[0], ok: false, status: "DECLINED", message: "Returen är avvisad och kan inte ändras längre. Skapa en ny retur vid behov." },
    ]);
    const bad = await post(bulkAction as Handler, "/app/returns/bulk?locale=sv", { action: "approve", ids: "[]" });
    expect(bad).toEqual({ status: 400, body: { error: "Markera minst en retur." } });
  }, 60_000);
});
