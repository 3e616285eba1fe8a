/**
 * The feedback and unsubscribe pages through the real app-proxy routes, signed as Shopify's
 * proxy signs, against the stand-in: one-click ratings that work once per return and refuse
 * any tampering, the comment page, the shopper's language, and an unsubscribe that needs a
 * click on the page (not just a fetch of the link) and reaches Shopify's consent.
 */
import { afterAll, beforeEach, describe, expect, it, vi } from "vitest";

// This file's own stand-in port (other test files use theirs).
await vi.hoisted(() => import("../support/own-stand-in-port").then((m) => m.useOwnStandInPort()));

const { default: db } = await import("~/db.server");
const feedbackRoute = await import("~/routes/proxy.feedback.$returnId");
const unsubscribeRoute = await import("~/routes/proxy.unsubscribe.$customerId");
const { buildFeedbackLinks, buildUnsubscribeUrl, feedbackLinksFor, signLink } = await import("~/followup/links.server");
const { ensureShop } = await import("~/services/shops.server");
const { callProxy, startProxyHarness, SHOP } = await import("../support/proxy-harness");
type Handler = import("../support/proxy-harness").Handler;

const SECRET = process.env.SHOPIFY_API_SECRET!;
let harness: Awaited<ReturnType<typeof startProxyHarness>>;
let returnId: string;

beforeEach(async () => {
  if (harness) harness.reset();
  else harness = await startProxyHarness();
  await db.returnFeedback.deleteMany();
  await db.marketingUnsubscribe.deleteMany();
  await db.returnRequest.deleteMany({ where: { rmaNumber: "R-FB-1" } });
  const shop = await ensureShop(SHOP, db);
  returnId = (
    await db.returnRequest.create({
      data: { shopId: shop.id, rmaNumber: "R-FB-1", status: "CLOSED", orderId: "gid://shopify/Order/1", orderName: "#1", method: "DROP_OFF", currency: "SEK", statusToken: `fb-${Date.now()}-${Math.random()}` },
    })
  ).id;
});
afterAll(async () => harness?.close());

/** Follows a link from the e-mail: its path and query, through the proxy. */
function open(url: string, init: RequestInit = { method: "GET" }) {
  const u = new URL(url, "http://storefront.test");
  const m = /\/apps\/returns\/(feedback|unsubscribe)\/([^/?]+)$/.exec(u.pathname)!;
  const route = m[1] === "feedback" ? feedbackRoute : unsubscribeRoute;
  const handler = (init.method === "POST" ? route.action : route.loader) as unknown as Handler;
  return callProxy(handler, `/${m[1]}/${m[2]}`, init, {
    params: m[1] === "feedback" ? { returnId: decodeURIComponent(m[2]!) } : { customerId: m[2]! },
    query: Object.fromEntries(u.searchParams),
  });
}
const links = (locale = "en") => buildFeedbackLinks(SECRET, "", { shop: SHOP, returnId, locale });
const post = (form: Record<string, string>) => ({ method: "POST", body: new URLSearchParams(form) });

describe("feedback links", () => {
  it("GIVEN the closed e-mail's links THEN five ratings and a comment link on the shop's storefront, in the shopper's language", () => {
    const l = feedbackLinksFor({ shop: SHOP, returnId: "abc", locale: "sv" });
    expect(l.rating_links.map((r) => r.rating)).toEqual([1, 2, 3, 4, 5]);
    expect(l.rating_links[3]!.url).toMatch(new RegExp(`^${process.env.SHOPIFY_ADMIN_ORIGIN}/s/${SHOP}/apps/returns/feedback/abc\\?r=4&s=[\\w-]{43}&locale=sv$`));
    expect(l.comment_url).toMatch(/\/apps\/returns\/feedback\/abc\?c=[\w-]{43}&locale=sv$/);
  });

  it("GIVEN a rating link WHEN opened (a person, or a mail filter scanning links) THEN nothing is recorded; the page shows the chosen rating with one send button", async () => {
    const scanned = await open(links().rating_links[3]!.url);
    expect(scanned.status).toBe(200);
    expect(scanned.headers.get("Cache-Control")).toBe("no-store");
    const html = await scanned.text();
    expect(html).toContain("You chose 4 of 5");
    expect(html).toMatch(/<form method="post" action="\?r=4&amp;s=[\w-]{43}&amp;locale=en"/);
    expect(html).toContain("Send my rating (4 of 5)");
    await open(links().rating_links[3]!.url);
    expect(await db.returnFeedback.count()).toBe(0);
  });

  it("GIVEN the rating page's button WHEN pressed THEN the rating is recorded once; a later press of another rating's button leaves the first one", async () => {
    const first = await open(links().rating_links[3]!.url, post({ comment: "" }));
    expect(first.status).toBe(200);
    const html = await first.text();
    expect(html).toContain("You rated your return 4 of 5");
    expect(html).toContain('name="comment"');
    const second = await open(links().rating_links[0]!.url, post({}));
    expect(await second.text()).toContain("already rated (4 of 5)");
    expect((await open(links().rating_links[0]!.url)).status).toBe(200);
    expect((await db.returnFeedback.findMany()).map((f) => f.rating)).toEqual([4]);
  });

  it("GIVEN the rating page in Swedish WHEN sent with a comment THEN both are stored, in the shopper's language", async () => {
    const page = await (await open(links("sv").rating_links[1]!.url)).text();
    expect(page).toContain("Skicka mitt betyg (2 av 5)");
    const sent = await open(links("sv").rating_links[1]!.url, post({ comment: "Lite långsamt" }));
    expect(await sent.text()).toContain("Tack! Du gav din retur betyget 2 av 5.");
    expect(await db.returnFeedback.findFirst()).toMatchObject({ rating: 2, comment: "Lite långsamt", locale: "sv" });
  });

  it("GIVEN a tampered link (other rating, other return, other shop, forged or missing signature) THEN 403 and nothing is recorded", async () => {
    const good = new URL(links().rating_links[3]!.url, "http://x");
    const s = good.searchParams.get("s")!;
    const tries = [
      `/apps/returns/feedback/${returnId}?r=5&s=${s}`,
      `/apps/returns/feedback/someotherreturn?r=4&s=${s}`,
      `/apps/returns/feedback/${returnId}?r=4&s=${signLink(SECRET, "rating", ["other.myshopify.com", returnId, "4"])}`,
      `/apps/returns/feedback/${returnId}?r=4&s=${signLink("wrong-secret", "rating", [SHOP, returnId, "4"])}`,
      `/apps/returns/feedback/${returnId}?r=4&s=${signLink(SECRET, "comment", [SHOP, returnId])}`,
      `/apps/returns/feedback/${returnId}?r=4`,
      `/apps/returns/feedback/${returnId}?r=9&s=${s}`,
    ];
    for (const path of tries) {
      for (const init of [undefined, post({})]) {
        const res = await open(path, init);
        expect(res.status, path).toBe(403);
        expect(await res.text()).toContain("This link is not valid");
      }
    }
    expect(await db.returnFeedback.count()).toBe(0);
  });

  it("GIVEN the comment form after a rating WHEN sent THEN stored once; a second comment or one too long is refused", async () => {
    await open(links().rating_links[4]!.url, post({}));
    const c = new URL(links().comment_url, "http://x");
    const path = `/apps/returns/feedback/${returnId}?${c.searchParams}`;
    const tooLong = await open(path, post({ comment: "x".repeat(2001) }));
    expect(tooLong.status).toBe(422);
    const ok = await open(path, post({ comment: "  Quick refund, thanks!  " }));
    expect(ok.status).toBe(200);
    expect(await ok.text()).toContain("Thank you for telling us more");
    const again = await open(path, post({ comment: "changed my mind" }));
    expect(again.status).toBe(409);
    expect(await db.returnFeedback.findFirst()).toMatchObject({ rating: 5, comment: "Quick refund, thanks!" });
    // A forged comment signature is refused.
    const forged = await open(`/apps/returns/feedback/${returnId}?c=${signLink(SECRET, "comment", [SHOP, "another"])}`, post({ comment: "spam" }));
    expect(forged.status).toBe(403);
  });

  it("GIVEN 'tell us more' before any rating THEN the page asks for a rating, in the shopper's language, and stores both", async () => {
    const url = links("sv").comment_url;
    const page = await open(url);
    const html = await page.text();
    expect(html).toContain("Hur gick din retur?");
    expect(html).toContain('type="radio" name="rating" value="1"');
    const c = new URL(url, "http://x");
    const path = `/apps/returns/feedback/${returnId}?${c.searchParams}`;
    expect((await open(path, post({ comment: "Bra" }))).status).toBe(422);
    expect((await open(path, post({ rating: "7", comment: "Bra" }))).status).toBe(422);
    expect((await open(path, post({ rating: "3", comment: "Bra" }))).status).toBe(200);
    expect(await db.returnFeedback.findFirst()).toMatchObject({ rating: 3, comment: "Bra", locale: "sv" });
  });
});

describe("unsubscribe link", () => {
  const astrid = () => harness.api.store.shop(SHOP).customers.find((c) => c.emailAddress === "astrid.lindqvist@example.com")!;

  it("GIVEN the link WHEN opened THEN a confirmation only; WHEN confirmed THEN recorded and Shopify's consent is UNSUBSCRIBED", async () => {
    const customer = astrid();
    expect(customer.marketingState).toBe("SUBSCRIBED");
    const url = buildUnsubscribeUrl(SECRET, "", { shop: SHOP, customerId: customer.id, locale: "de" });
    const page = await open(url);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("Abmelden");
    expect(await db.marketingUnsubscribe.count()).toBe(0);
    expect(customer.marketingState).toBe("SUBSCRIBED");

    const done = await open(url, { method: "POST" });
    expect(done.status).toBe(200);
    expect(await done.text()).toContain("Du bist abgemeldet");
    expect(await db.marketingUnsubscribe.findFirst()).toMatchObject({ customerId: customer.id, lastError: null });
    expect(astrid().marketingState).toBe("UNSUBSCRIBED");
    // Twice is fine.
    expect((await open(url, { method: "POST" })).status).toBe(200);
    expect(await db.marketingUnsubscribe.count()).toBe(1);
  });

  it("GIVEN a tampered unsubscribe link (other customer) THEN 403 and nobody is unsubscribed", async () => {
    const customer = astrid();
    const url = new URL(buildUnsubscribeUrl(SECRET, "", { shop: SHOP, customerId: customer.id, locale: "en" }), "http://x");
    const res = await open(`/apps/returns/unsubscribe/3209000099?${url.searchParams}`, { method: "POST" });
    expect(res.status).toBe(403);
    expect(await db.marketingUnsubscribe.count()).toBe(0);
    expect(astrid().marketingState).toBe("SUBSCRIBED");
  });
});

describe("the rating on the return's timeline", () => {
  it("GIVEN a rating sent from the rating page THEN the return's timeline has one 'rated' event from the customer with the rating (a second rating adds none)", async () => {
    await open(links().rating_links[2]!.url, post({}));
    await open(links().rating_links[4]!.url, post({}));
    const events = await db.returnEvent.findMany({ where: { returnRequestId: returnId, type: "rated" } });
    expect(events.map((e) => [e.actor, JSON.parse(e.data)])).toEqual([["SHOPPER", { rating: 3 }]]);
  });
});
