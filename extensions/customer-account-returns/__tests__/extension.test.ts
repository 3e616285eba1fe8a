/**
 * The customer account extension's three targets rendered with a fake host (fake-host.ts):
 * what the shopper sees, what is sent to the app (token, locale, the chosen lines), and the
 * step to step flow of the action modal.
 */
import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { change, click, mountTarget, unmountTarget, text, translator, type Backend, type FakeHost } from "./fake-host";

const ORDER = "gid://shopify/Order/5551182";
const SWEATER = "gid://shopify/FulfillmentLineItem/71";
const MUG = "gid://shopify/FulfillmentLineItem/72";
const DAMAGED = "gid://shopify/ReturnReasonDefinition/2";
/** The smallest valid PNG (1×1), as a shopper's file. */
const PNG = Uint8Array.from(atob("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="), (c) => c.charCodeAt(0));

const summary = (over: Record<string, unknown> = {}) => ({
  rma: "R-1042",
  status: "REQUESTED",
  statusLabel: "Requested",
  orderName: "#1182",
  shopifyReturnId: "gid://shopify/Return/9",
  statusUrl: "/apps/returns/status/x",
  dates: { requested: "2026-11-20", approved: null, declined: null, inTransit: null, received: null, processed: null, closed: null, canceled: null },
  refundEta: { from: "2026-11-27", to: "2026-12-02" },
  outcome: { done: false, refund: "1 199,00 kr", storeCredit: null, exchange: null, fees: null },
  declineReason: null,
  tracking: null,
  lines: [{ title: "Abisko Merino Sweater", variantTitle: "M", quantity: 1 }],
  ...over,
});

const options = (over: Record<string, unknown> = {}) => ({
  ok: true,
  lookupToken: "1790000000000.signature",
  order: {
    id: ORDER,
    name: "#1182",
    currency: "SEK",
    shippingAddressLines: ["Astrid Lindqvist", "Sveavägen 12", "113 50 Stockholm", "Sweden"],
    lines: [
      {
        fulfillmentLineItemId: SWEATER, title: "Abisko Merino Sweater", variantTitle: "M", returnableQuantity: 2, unitPriceFormatted: "1 199,00 kr",
        eligible: true, ineligibleMessage: null, resolutions: ["REFUND", "STORE_CREDIT", "EXCHANGE"], consentRequired: ["STORE_CREDIT"],
        exchangeVariants: [{ id: "gid://shopify/ProductVariant/11", title: "L", available: true }, { id: "gid://shopify/ProductVariant/12", title: "XL", available: false }],
      },
      {
        fulfillmentLineItemId: MUG, title: "Beanie", variantTitle: null, returnableQuantity: 0, unitPriceFormatted: "149,00 kr",
        eligible: false, ineligibleMessage: "Final sale items can't be returned.", resolutions: [], consentRequired: [], exchangeVariants: [],
      },
    ],
  },
  reasons: [
    { id: "gid://shopify/ReturnReasonDefinition/1", handle: "size-too-small", name: "Size too small", photoRequired: false },
    { id: DAMAGED, handle: "defective", name: "Damaged or defective", photoRequired: true },
  ],
  methods: [{ code: "DROP_OFF", name: "Drop off at a service point", feeFormatted: null, required: false }],
  limits: { photos: { maxPerReturn: 3, maxBytes: 3 * 1024 * 1024, types: ["image/jpeg", "image/png", "image/webp"] }, pickup: { earliest: "2026-11-30", latest: "2026-12-29", windowMaxDays: 14 } },
  policy: { storeCreditBonusPercent: 0, euWithdrawal: false },
  returnable: true,
  notReturnable: [],
  returns: [],
  ...over,
});

const q = (h: FakeHost, sel: string) => h.document.querySelector(sel);
afterEach(unmountTarget);


describe("menu item (customer-account.order.action.menu-item.render)", () => {
  const menuBackend = (state: object): Backend => ({ "GET /api/customer-account/orders/5551182": () => ({ body: { ok: true, ...state } }) });

  it("shows 'Return items' when the app says something is returnable, asking with the token and the shopper's language", async () => {
    const h = await mountTarget("MenuItem", { lang: "sv", orderId: ORDER, backend: menuBackend({ returnable: true, notReturnable: [], returns: [] }) });
    const button = await h.until(() => h.document.querySelector("s-button") as Element | null);
    expect(text(button)).toBe("Returnera varor");
    expect(h.requests).toHaveLength(1);
    expect(h.requests[0].authorization).toBe("Bearer fake.session.token");
    expect(h.requests[0].url).toMatch(/\/api\/customer-account\/orders\/5551182\?view=menu&locale=sv$/);
  });

  it("shows 'View return' when a return exists and nothing more can go back", async () => {
    const h = await mountTarget("MenuItem", { orderId: ORDER, backend: menuBackend({ returnable: false, notReturnable: [{ code: "ALREADY_RETURNED", message: "x" }], returns: [summary()] }) });
    const button = await h.until(() => h.document.querySelector("s-button") as Element | null);
    expect(text(button)).toBe("View return");
  });

  it("renders nothing when nothing is returnable and there is no return, or when the app refuses", async () => {
    const h = await mountTarget("MenuItem", { orderId: ORDER, backend: menuBackend({ returnable: false, notReturnable: [{ code: "WINDOW_EXPIRED", message: "x" }], returns: [] }) });
    await h.until(() => h.requests.length === 1);
    await new Promise((r) => setTimeout(r, 30));
    expect(h.document.body.innerHTML).toBe("");
  });
});

describe("return flow (customer-account.order.action.render)", () => {
  function backend(overrides: Partial<Backend> = {}, opts: Record<string, unknown> = {}): Backend {
    return {
      "GET /api/customer-account/orders/5551182": () => ({ body: options(opts) }),
      "POST /api/customer-account/orders/5551182/preview": () => ({ body: { ok: true, items: "1 199,00 kr", restockingFee: null, returnShippingFee: "59,00 kr", refund: "1 140,00 kr", storeCredit: null, storeCreditBonus: null, toPay: null } }),
      "POST /api/customer-account/orders/5551182/returns": () => ({ status: 201, body: { ok: true, return: { rma: "R-1043", status: "REQUESTED", statusUrl: "/apps/returns/status/y", slipUrl: null, refundEta: { from: "2026-11-28", to: "2026-12-03" } } } }),
      ...overrides,
    } as Backend;
  }
  const primary = (h: FakeHost) => q(h, 's-button[slot="primary-action"]')!;

  it("walks items → review with the refund preview → submit → RMA and next step; Close closes the modal", async () => {
    const h = await mountTarget("ReturnFlow", { orderId: ORDER, backend: backend() });
    await h.until(() => q(h, "s-checkbox"));
    expect(q(h, "s-customer-account-action")!.getAttribute("heading")).toBe("Return items");
    // The final-sale line says why, and has no checkbox.
    expect(text(h.document.body)).toContain("Final sale items can't be returned.");
    // One line checkbox, and "This was a gift" after the lines.
    expect(h.document.querySelectorAll("s-checkbox")).toHaveLength(2);
    expect(primary(h).hasAttribute("disabled")).toBe(true);

    change(q(h, "s-checkbox")!, true);
    const selects = await h.until(() => (h.document.querySelectorAll("s-select").length === 2 ? h.document.querySelectorAll("s-select") : null));
    change(q(h, "s-number-field")!, "2");
    change(selects[0], "gid://shopify/ReturnReasonDefinition/1");
    change(selects[1], "EXCHANGE");
    // Exchange: the variants with their stock.
    const variants = await h.until(() => (h.document.querySelectorAll("s-select").length === 3 ? h.document.querySelectorAll("s-select")[2] : null));
    const opts = [...variants.querySelectorAll("s-option")];
    expect(opts.map(text)).toEqual(["L – in stock", "XL – out of stock"]);
    expect(opts[1].hasAttribute("disabled")).toBe(true);
    // Until a variant is chosen the shopper can't go on.
    expect(primary(h).hasAttribute("disabled")).toBe(true);
    change(h.document.querySelectorAll("s-select")[1], "REFUND");
    await h.until(() => !primary(h).hasAttribute("disabled"));
    click(primary(h));

    await h.until(() => text(h.document.body).includes("Refund to your payment method"));
    const preview = h.requests.find((r) => r.url.includes("/preview"))!;
    expect(preview.body).toEqual({ method: "DROP_OFF", lines: [{ fulfillmentLineItemId: SWEATER, quantity: 2, reasonId: "gid://shopify/ReturnReasonDefinition/1", resolution: "REFUND", exchangeVariantId: null }] });
    expect(text(h.document.body)).toContain("−59,00 kr");
    expect(text(h.document.body)).toContain("1 140,00 kr");
    expect(text(primary(h))).toBe("Submit return");
    click(primary(h));

    await h.until(() => text(h.document.body).includes("R-1043"));
    const filed = h.requests.find((r) => r.url.includes("/returns?"))!;
    expect(filed.method).toBe("POST");
    expect(filed.body).toMatchObject({ lookupToken: "1790000000000.signature", method: "DROP_OFF", storeCreditConsent: false, lines: [{ fulfillmentLineItemId: SWEATER, quantity: 2, resolution: "REFUND", exchangeVariantId: null }] });
    expect(q(h, "s-banner")!.getAttribute("heading")).toBe("Return R-1043 requested");
    expect(text(h.document.body)).toContain("drop the parcel off at a service point");
    // No slip endpoint yet: the RMA note instead of a download link.
    expect(text(h.document.body)).toContain("Write R-1043 on a note");
    expect(h.document.querySelector("s-link")).toBeNull();
    click(primary(h));
    expect(h.close).toHaveBeenCalledOnce();
  });

  it("store credit where EU law asks for consent: submit stays off until the shopper agrees", async () => {
    const h = await mountTarget("ReturnFlow", { orderId: ORDER, backend: backend() });
    change(await h.until(() => q(h, "s-checkbox")), true);
    const selects = await h.until(() => (h.document.querySelectorAll("s-select").length === 2 ? h.document.querySelectorAll("s-select") : null));
    change(selects[0], "gid://shopify/ReturnReasonDefinition/1");
    change(selects[1], "STORE_CREDIT");
    await h.until(() => !primary(h).hasAttribute("disabled"));
    click(primary(h));
    await h.until(() => text(h.document.body).includes("Refund to your payment method"));
    expect(primary(h).hasAttribute("disabled")).toBe(true);
    change([...h.document.querySelectorAll("s-checkbox")].at(-1)!, true);
    await h.until(() => !primary(h).hasAttribute("disabled"));
    click(primary(h));
    await h.until(() => h.requests.some((r) => r.url.includes("/returns?")));
    expect(h.requests.find((r) => r.url.includes("/returns?"))!.body).toMatchObject({ storeCreditConsent: true });
  });

  it("nothing returnable: says why in the shopper's language (the server's messages) and offers no Continue", async () => {
    const h = await mountTarget("ReturnFlow", {
      lang: "de",
      orderId: ORDER,
      backend: backend({}, { returnable: false, notReturnable: [{ code: "WINDOW_EXPIRED", message: "Die Rückgabefrist für diesen Artikel ist abgelaufen." }], order: { ...options().order, lines: [options().order.lines[1]] } }),
    });
    const banner = await h.until(() => q(h, "s-banner"));
    expect(banner.getAttribute("heading")).toBe("Nichts aus dieser Bestellung kann zurückgesendet werden");
    expect(text(banner)).toContain("Die Rückgabefrist für diesen Artikel ist abgelaufen.");
    expect(q(h, 's-button[slot="primary-action"]')).toBeNull();
    expect(h.requests[0].url).toContain("locale=de");
  });

  it("a refusal from the app (e.g. 404 for an order that isn't theirs) shows its message, not a crash", async () => {
    const h = await mountTarget("ReturnFlow", { orderId: ORDER, backend: { "GET /api/customer-account/orders/5551182": () => ({ status: 404, body: { ok: false, error: { code: "ORDER_NOT_FOUND", message: "We couldn't find this order in your account." } } }) } });
    const banner = await h.until(() => q(h, "s-banner"));
    expect(text(banner)).toBe("We couldn't find this order in your account.");
  });

  it("an existing return is shown with its status at the top of the modal", async () => {
    const h = await mountTarget("ReturnFlow", { lang: "nb", orderId: ORDER, backend: backend({}, { returns: [summary({ statusLabel: "Forespurt" })] }) });
    await h.until(() => q(h, "s-badge"));
    expect(text(q(h, "s-badge"))).toBe("Forespurt");
    expect(text(h.document.body)).toContain("Retur R-1042");
  });

  /** Drops files on a drop zone the way the host does: its `files` property, then `change`. */
  function drop(zone: Element, files: File[]) {
    (zone as unknown as { files: File[] }).files = files;
    zone.dispatchEvent(new (zone.ownerDocument!.defaultView as unknown as typeof globalThis).Event("change"));
  }
  async function pickLine(h: FakeHost, reasonId: string) {
    change(await h.until(() => q(h, "s-checkbox")), true);
    const selects = await h.until(() => (h.document.querySelectorAll("s-select").length === 2 ? h.document.querySelectorAll("s-select") : null));
    change(selects[0], reasonId);
    change(selects[1], "REFUND");
  }

  it("a reason that needs a photo asks for one in a drop zone; Continue waits for it; the photo is filed with the line", async () => {
    const h = await mountTarget("ReturnFlow", { lang: "sv", orderId: ORDER, backend: backend() });
    await pickLine(h, DAMAGED);
    const zone = await h.until(() => q(h, "s-drop-zone"));
    expect(zone.getAttribute("label")).toBe("Foto av varan");
    expect(zone.getAttribute("accept")).toBe("image/jpeg,image/png,image/webp");
    expect(text(h.document.body)).toContain("högst 3 MB styck och 3 per retur");
    expect(primary(h).hasAttribute("disabled")).toBe(true);

    // A file of another type is refused here, with the limits the app sent.
    drop(zone, [new File(["%PDF-1.4"], "kvitto.pdf", { type: "application/pdf" })]);
    await h.until(() => q(h, "s-drop-zone")!.getAttribute("error") === "Foton måste vara JPEG-, PNG- eller WebP-bilder.");
    expect(primary(h).hasAttribute("disabled")).toBe(true);

    drop(q(h, "s-drop-zone")!, [new File([PNG], "trasig.png", { type: "image/png" })]);
    await h.until(() => text(h.document.body).includes("trasig.png"));
    expect(q(h, "s-drop-zone")!.hasAttribute("error")).toBe(false);
    await h.until(() => !primary(h).hasAttribute("disabled"));
    click(primary(h));
    await h.until(() => text(h.document.body).includes("1 140,00 kr"));
    // The preview needs no photos.
    expect(h.requests.find((r) => r.url.includes("/preview"))!.body).not.toHaveProperty("lines.0.photos");
    click(primary(h));
    await h.until(() => h.requests.some((r) => r.url.includes("/returns?")));
    const filed = h.requests.find((r) => r.url.includes("/returns?"))!.body as { lines: { photos: string[] }[]; pickup: unknown };
    expect(filed.lines[0].photos).toHaveLength(1);
    expect(filed.lines[0].photos[0]).toBe(`data:image/png;base64,${btoa(String.fromCharCode(...PNG))}`);
    expect(filed.pickup).toBeNull();
  });

  it("photos: at most the app's limit per return, a file over the size limit is refused, and a photo can be removed", async () => {
    const h = await mountTarget("ReturnFlow", { orderId: ORDER, backend: backend({}, { limits: { ...options().limits, photos: { maxPerReturn: 2, maxBytes: 100, types: ["image/png"] } } }) });
    await pickLine(h, DAMAGED);
    const zone = await h.until(() => q(h, "s-drop-zone"));
    drop(zone, [new File([new Uint8Array(101)], "big.png", { type: "image/png" })]);
    await h.until(() => q(h, "s-drop-zone")!.getAttribute("error") === "A photo is larger than 0 MB.");
    const png = (name: string) => new File([PNG], name, { type: "image/png" });
    drop(q(h, "s-drop-zone")!, [png("a.png"), png("b.png"), png("c.png")]);
    await h.until(() => text(h.document.body).includes("b.png"));
    expect(text(h.document.body)).not.toContain("c.png");
    expect(q(h, "s-drop-zone")!.getAttribute("error")).toBe("At most 2 photos per return.");
    const remove = [...h.document.querySelectorAll("s-button")].filter((b) => !b.hasAttribute("slot"));
    expect(remove.map((b) => b.getAttribute("accessibilityLabel") ?? b.getAttribute("accessibilitylabel"))).toEqual(["Remove a.png", "Remove b.png"]);
    click(remove[0]);
    await h.until(() => !text(h.document.body).includes("a.png"));
    expect(text(h.document.body)).toContain("b.png");
  });

  it("the app's PHOTO_REQUIRED refusal brings the shopper back to the items with its message", async () => {
    const h = await mountTarget("ReturnFlow", {
      orderId: ORDER,
      backend: backend({ "POST /api/customer-account/orders/5551182/returns": () => ({ status: 422, body: { ok: false, error: { code: "PHOTO_REQUIRED", message: "Add a photo of the item: the return reason you chose needs one." } } }) }),
    });
    await pickLine(h, "gid://shopify/ReturnReasonDefinition/1");
    await h.until(() => !primary(h).hasAttribute("disabled"));
    click(primary(h));
    await h.until(() => text(h.document.body).includes("1 140,00 kr"));
    click(primary(h));
    await h.until(() => q(h, "s-checkbox") && text(q(h, "s-banner")).includes("Add a photo"));
    expect(text(primary(h))).toBe("Continue");
  });

  it("home pickup asks for the address (the order's to start with) and a date window within the app's limits, and files them", async () => {
    const methods = [
      { code: "DROP_OFF", name: "Drop off at a service point", feeFormatted: null, required: false },
      { code: "HOME_PICKUP", name: "Home pickup", feeFormatted: "99,00 kr", required: false },
    ];
    const h = await mountTarget("ReturnFlow", { lang: "de", orderId: ORDER, backend: backend({}, { methods }) });
    await pickLine(h, "gid://shopify/ReturnReasonDefinition/1");
    await h.until(() => !primary(h).hasAttribute("disabled"));
    click(primary(h));
    const list = await h.until(() => q(h, "s-choice-list"));
    expect(q(h, "s-date-field")).toBeNull();
    change(list, ["HOME_PICKUP"]);
    const [from, to] = await h.until(() => (h.document.querySelectorAll("s-date-field").length === 2 ? [...h.document.querySelectorAll("s-date-field")] : null));
    expect(from.getAttribute("label")).toBe("Abholung ab");
    expect(from.getAttribute("value")).toBe("2026-11-30");
    expect(to.getAttribute("value")).toBe("2026-12-04");
    expect(from.getAttribute("allow")).toBe("2026-11-30--2026-12-29");
    expect(to.getAttribute("allow")).toBe("2026-11-30--2026-12-13");
    const address = q(h, "s-text-area")!;
    expect(address.getAttribute("value")).toBe("Astrid Lindqvist\nSveavägen 12\n113 50 Stockholm\nSweden");
    await h.until(() => h.requests.filter((r) => r.url.includes("/preview")).length >= 2);
    await h.until(() => !primary(h).hasAttribute("disabled"));
    // No date, no submit.
    change(to, "");
    await h.until(() => primary(h).hasAttribute("disabled"));
    change(h.document.querySelectorAll("s-date-field")[1], "2026-12-02");
    change(q(h, "s-text-area")!, "Astrid Lindqvist\nKungsgatan 1\n111 43 Stockholm");
    await h.until(() => !primary(h).hasAttribute("disabled"));
    click(primary(h));
    await h.until(() => h.requests.some((r) => r.url.includes("/returns?")));
    expect(h.requests.find((r) => r.url.includes("/returns?"))!.body).toMatchObject({
      method: "HOME_PICKUP",
      pickup: { addressLines: ["Astrid Lindqvist", "Kungsgatan 1", "111 43 Stockholm"], dateFrom: "2026-11-30", dateTo: "2026-12-02" },
    });
  });

  it("a gift: ticking it takes the refund away, the review asks for the recipient (e-mail required), and the return is filed with the recipient and their address", async () => {
    const h = await mountTarget("ReturnFlow", { lang: "sv", orderId: ORDER, backend: backend() });
    await pickLine(h, "gid://shopify/ReturnReasonDefinition/1");
    const gift = [...h.document.querySelectorAll("s-checkbox")].find((c) => text(c).includes("present"))!;
    expect(text(gift)).toBe("Det här var en present: den som fick den får värdet");
    change(gift, true);
    // The refund picked before is dropped and no longer offered.
    const resolution = await h.until(() => {
      const sel = h.document.querySelectorAll("s-select")[1];
      return sel && ![...sel.querySelectorAll("s-option")].some((o) => o.getAttribute("value") === "REFUND") ? sel : null;
    });
    expect(primary(h).hasAttribute("disabled")).toBe(true);
    change(resolution, "STORE_CREDIT");
    await h.until(() => !primary(h).hasAttribute("disabled"));
    click(primary(h));
    const email = await h.until(() => q(h, "s-email-field"));
    expect(email.getAttribute("label")).toBe("Mottagarens e-postadress");
    change(q(h, "s-checkbox")!, true); // EU consent for store credit
    await h.until(() => h.requests.some((r) => r.url.includes("/preview")));
    // No recipient e-mail, no submit.
    expect(primary(h).hasAttribute("disabled")).toBe(true);
    change(q(h, "s-text-field")!, "Elsa");
    change(email, "elsa@example.com");
    change(q(h, "s-text-area")!, "Elsa Berg\nStorgatan 1\n111 22 Stockholm");
    await h.until(() => !primary(h).hasAttribute("disabled"));
    click(primary(h));
    await h.until(() => h.requests.some((r) => r.url.includes("/returns?")));
    expect(h.requests.find((r) => r.url.includes("/returns?"))!.body).toMatchObject({
      lines: [{ fulfillmentLineItemId: SWEATER, resolution: "STORE_CREDIT" }],
      gift: { recipientName: "Elsa", recipientEmail: "elsa@example.com", addressLines: ["Elsa Berg", "Storgatan 1", "111 22 Stockholm"] },
    });
  });
});

describe("return details (customer-account.order-status.return-details.render-after)", () => {
  it("shows the app's status, dates and refund outcome for the Shopify return", async () => {
    const h = await mountTarget("ReturnDetails", {
      lang: "fi",
      returnId: "gid://shopify/Return/9",
      backend: { "GET /api/customer-account/returns/9": () => ({ body: { ok: true, return: summary({ status: "APPROVED", statusLabel: "Hyväksytty", dates: { ...summary().dates, approved: "2026-11-21" } }) } }) },
    });
    await h.until(() => q(h, "s-badge"));
    const body = text(h.document.body);
    expect(body).toContain("Palautus R-1042");
    expect(body).toContain("Hyväksytty");
    expect(body).toMatch(/Kirjattu 20\.11\.2026/);
    expect(body).toMatch(/Hyväksytty 21\.11\.2026/);
    expect(body).toContain("Hyvitys: 1 199,00 kr");
  });

  it("renders nothing for a return the app doesn't know", async () => {
    const h = await mountTarget("ReturnDetails", { returnId: "gid://shopify/Return/404", backend: {} });
    await h.until(() => h.requests.length === 1);
    await new Promise((r) => setTimeout(r, 30));
    expect(h.document.body.innerHTML).toBe("");
  });
});

describe("the extension's locales", () => {
  const dir = fileURLToPath(new URL("../locales/", import.meta.url));
  const src = fileURLToPath(new URL("../src/", import.meta.url));
  type Tree = { [k: string]: string | Tree };
  const leaves = (tree: Tree, prefix = ""): Map<string, string> => {
    const out = new Map<string, string>();
    for (const [k, v] of Object.entries(tree)) {
      const key = prefix ? `${prefix}.${k}` : k;
      if (typeof v === "string") out.set(key, v);
      else leaves(v, key).forEach((value, sub) => out.set(sub, value));
    }
    return out;
  };
  const en = leaves(JSON.parse(readFileSync(`${dir}en.default.json`, "utf8")));
  const vars = (s: string) => [...s.matchAll(/{{\s*(\w+)\s*}}/g)].map((m) => m[1]).sort();

  it.each(["sv", "da", "nb", "fi", "nl", "de"])("%s has every key, the same placeholders, and real translations", (lang) => {
    const other = leaves(JSON.parse(readFileSync(`${dir}${lang}.json`, "utf8")));
    expect([...other.keys()].sort()).toEqual([...en.keys()].sort());
    let same = 0;
    for (const [k, v] of en) {
      expect(vars(other.get(k)!), `${lang} ${k}`).toEqual(vars(v));
      if (other.get(k) === v) same++;
    }
    expect(same).toBeLessThan(3); // "{{name}} ({{fee}})" may legitimately be identical
  });

  it("every key the source uses exists (literal keys; template keys by their prefixes)", () => {
    const files = readdirSync(src).filter((f) => f.endsWith(".tsx") || f.endsWith(".ts"));
    const used = files.flatMap((f) => [...readFileSync(`${src}${f}`, "utf8").matchAll(/\bt\("([\w.]+)"/g)].map((m) => m[1]));
    expect(used.length).toBeGreaterThan(30);
    for (const key of used) expect(en.has(key), key).toBe(true);
    const t = translator("en");
    for (const m of ["DROP_OFF", "HOME_PICKUP", "IN_STORE", "KEEP_ITEM"]) expect(t(`done.next.${m}`, { rma: "R-1" })).not.toBe("");
    for (const r of ["REFUND", "STORE_CREDIT", "EXCHANGE"]) expect(t(`resolution.${r}`)).not.toBe("");
  });
});
