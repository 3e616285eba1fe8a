/**
 * Staff-created returns against the offline stand-in, on SQLite and PostgreSQL: the same
 * engine as the portal; outside the window only with an override whose reason, author,
 * time and set-aside rules are recorded; what no override can return stays refused; gift
 * returns never refund the buyer.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ReturnsError } from "~/services/context.server";
import { getReturnDetail } from "~/services/returns-query.server";
import { markReceived } from "~/services/return-lifecycle.server";
import { processReturn } from "~/services/return-processing.server";
import { StaffReturnSchema, createStaffReturn, findOrderForStaff, loadOrderForStaff } from "~/services/staff-return.server";
import { createEngine, type Engine } from "../support/engine";
import { providers } from "../support/test-db";

const STAFF = { type: "STAFF" as const, id: "staff-7" };

describe.each(providers)("staff-created returns on %s", (provider) => {
  let engine: Engine;
  beforeEach(async () => {
    engine = await createEngine(provider);
  });
  afterEach(async () => engine.close());

  /** The seed's #1097 (delivered 43 days ago, outside the 30-day window) as the create page sees it. */
  async function lateOrder() {
    const orderId = await findOrderForStaff(engine.ctx, "#1097");
    expect(orderId).not.toBeNull();
    const page = await loadOrderForStaff(engine.ctx, orderId!, "en");
    return { orderId: orderId!, page: page! };
  }

  const input = (orderId: string, fulfillmentLineItemId: string, over: Record<string, unknown> = {}) =>
    StaffReturnSchema.parse({ orderId, method: "DROP_OFF", lines: [{ fulfillmentLineItemId, quantity: 1, resolution: "REFUND" }], ...over });

  it("GIVEN an order outside the window WHEN the page loads THEN its line is returnable only with an override, and says why", async () => {
    const { page } = await lateOrder();
    expect(page.lines[0]).toMatchObject({ state: "OVERRIDE", reasons: ["WINDOW_EXPIRED"], returnable: 1 });
    expect(page.lines[0]!.resolutions).toContain("REFUND");
  });

  it("GIVEN a line outside the window WHEN staff create the return without an override reason THEN it is refused and nothing is saved", async () => {
    const { orderId, page } = await lateOrder();
    const error = await createStaffReturn(engine.ctx, input(orderId, page.lines[0]!.fulfillmentLineItemId), "staff-7").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ReturnsError);
    expect((error as ReturnsError).code).toBe("NOT_ELIGIBLE");
    expect(await engine.t.db.returnRequest.count()).toBe(0);
  });

  it("GIVEN a line outside the window WHEN staff override with a reason THEN the return is created, approved, and records who, when, why and which rule", async () => {
    const { orderId, page } = await lateOrder();
    const created = await createStaffReturn(engine.ctx, input(orderId, page.lines[0]!.fulfillmentLineItemId, { overrideReason: "Customer called: parcel was lost for weeks" }), "staff-7");
    expect(created.status).toBe("APPROVED");
    const detail = await getReturnDetail(engine.ctx, created.id);
    expect(detail.createdByStaff).toBe("staff-7");
    expect(detail.override).toEqual({ reason: "Customer called: parcel was lost for weeks", by: "staff-7", at: engine.clock.now().toISOString(), codes: ["WINDOW_EXPIRED"] });
    expect(detail.events.map((e) => e.type)).toEqual(expect.arrayContaining(["request", "override", "approve"]));
    expect(detail.events.find((e) => e.type === "override")).toMatchObject({ actor: "STAFF", data: { reason: "Customer called: parcel was lost for weeks" } });
  });

  it("GIVEN an eligible line WHEN staff give an override reason anyway THEN no override is recorded (nothing was set aside)", async () => {
    const orderId = (await findOrderForStaff(engine.ctx, "1182"))!;
    const page = (await loadOrderForStaff(engine.ctx, orderId, "en"))!;
    const line = page.lines.find((l) => l.state === "ELIGIBLE")!;
    const created = await createStaffReturn(engine.ctx, input(orderId, line.fulfillmentLineItemId, { overrideReason: "Just in case" }), "staff-7");
    const detail = await getReturnDetail(engine.ctx, created.id);
    expect(detail.override).toBeNull();
    expect(detail.createdByStaff).toBe("staff-7");
  });

  it("GIVEN a gift return WHEN a line asks for a refund THEN the input is refused; with store credit and the recipient THEN the recipient is recorded", async () => {
    const orderId = (await findOrderForStaff(engine.ctx, "#1182"))!;
    const page = (await loadOrderForStaff(engine.ctx, orderId, "en"))!;
    const line = page.lines.find((l) => l.state === "ELIGIBLE")!;
    const gift = { recipientName: "Elsa", recipientEmail: "Elsa@Example.com" };
    const refund = StaffReturnSchema.safeParse({ orderId, method: "DROP_OFF", gift, lines: [{ fulfillmentLineItemId: line.fulfillmentLineItemId, quantity: 1, resolution: "REFUND" }] });
    expect(refund.success).toBe(false);
    expect(refund.error?.issues[0]?.message).toBe("GIFT_NO_REFUND");
    const created = await createStaffReturn(
      engine.ctx,
      StaffReturnSchema.parse({ orderId, method: "DROP_OFF", gift, storeCreditConsent: true, lines: [{ fulfillmentLineItemId: line.fulfillmentLineItemId, quantity: 1, resolution: "STORE_CREDIT" }] }),
      "staff-7",
    );
    const detail = await getReturnDetail(engine.ctx, created.id);
    expect(detail.gift).toEqual({ recipientName: "Elsa", recipientEmail: "elsa@example.com", addressLines: [], byRecipient: false, card: null });
    expect(detail.amounts.refund).toBe(0);

    // Processing never credits the buyer: the recipient gets a gift card (tests/staff/gift-returns.test.ts).
    await markReceived(engine.ctx, created.id, STAFF);
    await processReturn(engine.ctx, created.id, STAFF);
    const after = await getReturnDetail(engine.ctx, created.id);
    expect(after.status).toBe("PROCESSED");
    expect(after.amounts.refund).toBe(0);
    expect(after.gift?.card).toMatchObject({ status: "SUCCEEDED", lastCharacters: expect.any(String) });
  });

  it("GIVEN order references WHEN staff search THEN names, numbers and Shopify's ids find the order; nonsense finds nothing", async () => {
    const id = (await findOrderForStaff(engine.ctx, "#1182"))!;
    expect(await findOrderForStaff(engine.ctx, "1182")).toBe(id);
    expect(await findOrderForStaff(engine.ctx, id)).toBe(id);
    expect(await findOrderForStaff(engine.ctx, id.split("/").pop()!)).toBe(id);
    expect(await findOrderForStaff(engine.ctx, "#99999")).toBeNull();
    expect(await findOrderForStaff(engine.ctx, "'; DROP")).toBeNull();
    expect(await loadOrderForStaff(engine.ctx, "gid://shopify/Order/1", "en")).toBeNull();
  });
});
