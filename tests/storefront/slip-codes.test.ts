/**
 * The slip's codes, read back from its pixels: a shopper files a return through the real
 * app-proxy routes, downloads the slip, and the QR code — decoded from the printed page,
 * not taken from our own data — is the status link of THAT return in the slip's language,
 * which opens the status page with no cookie and no logged-in customer (as a phone camera
 * would), in that language. The Code 128 barcode decodes to the return's RMA. Both fail if
 * the slip printed another link or number.
 */
import { afterAll, beforeEach, describe, expect, it, vi } from "vitest";

// This file's own stand-in port (other test files use theirs).
await vi.hoisted(() => import("../support/own-stand-in-port").then((m) => m.useOwnStandInPort()));

const { default: db } = await import("~/db.server");
const { action: lookup } = await import("~/routes/proxy.api.lookup");
const { action: createReturn } = await import("~/routes/proxy.api.returns");
const { loader: status } = await import("~/routes/proxy.status.$token");
const { loader: slip } = await import("~/routes/proxy.slip.$token");
const { journeyMessage } = await import("~/i18n/return-journey");
const { storefrontMessage } = await import("~/i18n/storefront");
const { callProxy, startProxyHarness, clearStorefrontState } = await import("../support/proxy-harness");
const { decodeCode128, decodeQr, rasterizeFirstPage } = await import("../support/slip-codes");
type Handler = import("../support/proxy-harness").Handler;

let harness: Awaited<ReturnType<typeof startProxyHarness>>;

beforeEach(async () => {
  if (harness) harness.reset();
  else harness = await startProxyHarness();
  await clearStorefrontState();
});
afterAll(async () => harness?.close());

/** Files a refund for the sweater of #1182 as a guest in `locale`; returns the confirmation and the stored return. */
async function fileIn(locale: string) {
  const found = await callProxy(lookup as Handler, "/api/lookup", { method: "POST", body: new URLSearchParams({ order: "#1182", email: "astrid.lindqvist@example.com" }) }, { query: { locale } });
  expect(found.status).toBe(200);
  const data = await found.json();
  const line = data.order.lines.find((l: { eligible: boolean; title: string }) => l.eligible && l.title.includes("Sweater"));
  const body = { orderId: data.order.id, lookupToken: data.lookupToken, method: "DROP_OFF", lines: [{ fulfillmentLineItemId: line.fulfillmentLineItemId, quantity: 1, resolution: "REFUND" }] };
  const res = await callProxy(createReturn as Handler, "/api/returns", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) }, { query: { locale } });
  expect(res.status).toBe(201);
  const confirmation = (await res.json()).return as { rma: string; statusUrl: string; slipUrl: string };
  const ret = await db.returnRequest.findFirstOrThrow({ where: { rmaNumber: confirmation.rma } });
  return { confirmation, ret };
}

/** GETs a storefront link (as the stand-in forwards it) through the app-proxy route, with no customer and no cookie. */
async function open(handler: unknown, link: string) {
  const url = new URL(link);
  const [, kind, token] = /\/apps\/returns\/(status|slip)\/([^/?]+)$/.exec(url.pathname)!;
  return callProxy(handler as Handler, `/${kind}/${token}`, { method: "GET" }, { params: { token }, query: Object.fromEntries(url.searchParams), customer: null });
}

describe("the slip's QR code and barcode, decoded from the printed page", () => {
  it.each(["sv", "fi"])("GIVEN a return filed in %s WHEN its slip is printed and the QR code scanned THEN it is this return's status link in that language and opens its status page with no cookie, in that language; the barcode reads the RMA", async (locale) => {
    const { confirmation, ret } = await fileIn(locale);
    const pdf = await open(slip, confirmation.slipUrl);
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get("Content-Type")).toBe("application/pdf");
    const page = rasterizeFirstPage(new Uint8Array(await pdf.arrayBuffer()));

    // WHEN scanned
    const scanned = decodeQr(page);
    const barcode = decodeCode128(page);

    // THEN the QR code is this return's status link, in the slip's language.
    expect(scanned).toBe(confirmation.statusUrl);
    expect(scanned).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:\\d+/s/[\\w.-]+/apps/returns/status/${ret.statusToken}\\?locale=${locale}$`));
    // AND the barcode is the RMA, for the warehouse's scanner.
    expect(barcode).toBe(ret.rmaNumber);

    // AND the scanned link opens the status page of this return, fresh (no customer, no cookie), in that language.
    const statusPage = await open(status, scanned!);
    expect(statusPage.status).toBe(200);
    const html = await statusPage.text();
    expect(html).toContain(storefrontMessage(locale as "sv", "STATUS_TITLE", { rma: ret.rmaNumber }));
    expect(html).toContain(journeyMessage(locale as "sv", "NEXT_REQUESTED"));
    expect(html).not.toContain(journeyMessage("en", "NEXT_REQUESTED"));
  });
});
