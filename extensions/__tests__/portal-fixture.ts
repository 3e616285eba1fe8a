/**
 * Loads blocks/return-portal.liquid as the stand-in storefront renders it, into the mini DOM,
 * runs assets/return-portal.js against it with a scripted fetch, and offers small helpers to act
 * like a shopper (type, tick, choose, submit).
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { startHarness, type Harness } from "../../simulator/platform/testing/harness";
import {
  createRegistry,
  MiniDocument,
  MiniElement,
  MiniEvent,
  MiniOption,
  parseHtml,
  upgrade,
  type ElementRegistry,
} from "./mini-dom";

export const SCRIPT = readFileSync(
  fileURLToPath(new URL("../returns-portal/assets/return-portal.js", import.meta.url)),
  "utf8",
);

export interface FetchCall {
  url: string;
  method: string;
  headers: Record<string, string>;
  body: unknown;
}

export type FetchReply = { status: number; json?: unknown; text?: string } | Error;

export interface Portal {
  el: MiniElement;
  doc: MiniDocument;
  registry: ElementRegistry;
  calls: FetchCall[];
  replies: FetchReply[];
  q(selector: string): MiniElement;
  qa(selector: string): MiniElement[];
  r(name: string): MiniElement;
  type(el: MiniElement, value: string): void;
  tick(el: MiniElement, checked?: boolean): void;
  choose(select: MiniElement, value: string): void;
  submit(form: MiniElement): Promise<void>;
  click(el: MiniElement): void;
  lines(): MiniElement[];
  /** Visible text of the error and status regions. */
  error(): string;
  status(): string;
  runScriptAgain(): void;
}

/** Renders the storefront returns page and returns the block's HTML (guest or logged in). */
export async function renderPortalHtml(
  h: Harness,
  { locale = "en", customerId }: { locale?: string; customerId?: string } = {},
): Promise<string> {
  const headers: Record<string, string> = {};
  if (customerId)
    headers.cookie = `standin_customer=${encodeURIComponent(`nordic-demo.myshopify.com|${customerId}`)}`;
  const res = await fetch(
    `${h.standIn.url}/s/nordic-demo/pages/returns?locale=${locale}&blocks=return-portal`,
    { headers },
  );
  if (res.status !== 200) throw new Error(`storefront answered ${res.status}`);
  const html = await res.text();
  const start = html.indexOf("<return-portal");
  const end = html.indexOf("</return-portal>") + "</return-portal>".length;
  return html.slice(start, end);
}

export async function withHarness<T>(fn: (h: Harness) => Promise<T>): Promise<T> {
  const h = await startHarness();
  try {
    return await fn(h);
  } finally {
    await h.close();
  }
}

export function mountPortal(html: string, lang = "en"): Portal {
  const doc = new MiniDocument(lang);
  const root = parseHtml(html, doc);
  const registry = createRegistry();
  const calls: FetchCall[] = [];
  const replies: FetchReply[] = [];
  const fetchStub = async (
    url: string,
    init: { method?: string; headers?: Record<string, string>; body?: unknown } = {},
  ) => {
    calls.push({
      url,
      method: init.method ?? "GET",
      headers: { ...(init.headers ?? {}) },
      body: init.body,
    });
    const reply = replies.shift();
    if (!reply) throw new Error(`unexpected fetch ${url}`);
    if (reply instanceof Error) throw reply;
    const body = reply.json !== undefined ? JSON.stringify(reply.json) : (reply.text ?? "");
    return new Response(body, {
      status: reply.status,
      headers: { "content-type": reply.json !== undefined ? "application/json" : "text/html" },
    });
  };
  const run = () =>
    new Function("window", "document", "customElements", "HTMLElement", "Option", "fetch", SCRIPT)(
      { customElements: registry },
      doc,
      registry,
      MiniElement,
      MiniOption,
      fetchStub,
    );
  run();
  upgrade(root, registry);
  const el = root.querySelector("return-portal")!;
  const settle = () => new Promise((r) => setTimeout(r, 0));
  const portal: Portal = {
    el,
    doc,
    registry,
    calls,
    replies,
    q: (s) => {
      const found = el.querySelector(s);
      if (!found) throw new Error(`no element matches ${s}`);
      return found;
    },
    qa: (s) => el.querySelectorAll(s),
    r: (name) => portal.q(`[data-r="${name}"]`),
    type(target, value) {
      target.value = value;
      target.dispatchEvent(new MiniEvent("input", { bubbles: true }));
      target.dispatchEvent(new MiniEvent("change", { bubbles: true }));
    },
    tick(target, checked = true) {
      target.checked = checked;
      target.dispatchEvent(new MiniEvent("change", { bubbles: true }));
    },
    choose(select, value) {
      select.value = value;
      select.dispatchEvent(new MiniEvent("change", { bubbles: true }));
    },
    async submit(form) {
      form.dispatchEvent(new MiniEvent("submit", { bubbles: true }));
      for (let i = 0; i < 5; i++) await settle();
    },
    click(target) {
      target.dispatchEvent(new MiniEvent("click", { bubbles: true }));
    },
    lines: () => portal.r("lines").querySelectorAll("[data-line]"),
    error: () => portal.r("error").textContent,
    status: () => portal.r("status").textContent,
    runScriptAgain: run,
  };
  return portal;
}

/** A lookup answer as the app's proxy endpoint returns it (contract in README.md). */
export function lookupFixture(
  overrides: { methods?: unknown[]; policy?: Record<string, unknown> } = {},
) {
  return {
    ok: true,
    order: {
      id: "gid://shopify/Order/1001",
      name: "#1001",
      currency: "SEK",
      lines: [
        {
          fulfillmentLineItemId: "gid://shopify/FulfillmentLineItem/11",
          title: "Wool sweater",
          variantTitle: "M / Blue",
          imageUrl: "https://cdn.example/sweater.jpg",
          quantity: 2,
          returnableQuantity: 2,
          unitPrice: 79900,
          unitPriceFormatted: "799,00 kr",
          eligible: true,
          ineligibleReason: null,
          ineligibleMessage: null,
          resolutions: ["REFUND", "STORE_CREDIT", "EXCHANGE"],
          exchangeVariants: [
            { id: "gid://shopify/ProductVariant/21", title: "S / Blue", available: true },
            { id: "gid://shopify/ProductVariant/23", title: "L / Blue", available: false },
          ],
        },
        {
          fulfillmentLineItemId: "gid://shopify/FulfillmentLineItem/12",
          title: "Gift card",
          variantTitle: null,
          imageUrl: null,
          quantity: 1,
          returnableQuantity: 0,
          unitPrice: 50000,
          unitPriceFormatted: "500,00 kr",
          eligible: false,
          ineligibleReason: "FINAL_SALE",
          ineligibleMessage: "Gift cards can't be returned.",
          resolutions: [],
          exchangeVariants: [],
        },
        {
          fulfillmentLineItemId: "gid://shopify/FulfillmentLineItem/13",
          title: "Socks",
          variantTitle: "One size",
          imageUrl: null,
          quantity: 3,
          returnableQuantity: 3,
          unitPrice: 9900,
          unitPriceFormatted: "99,00 kr",
          eligible: true,
          ineligibleReason: null,
          ineligibleMessage: null,
          resolutions: ["REFUND", "STORE_CREDIT"],
          exchangeVariants: [],
        },
      ],
    },
    reasons: [
      { id: "gid://shopify/ReturnReasonDefinition/1", handle: "too-small", name: "Too small" },
      {
        id: "gid://shopify/ReturnReasonDefinition/2",
        handle: "changed-mind",
        name: "Changed my mind",
      },
    ],
    methods: overrides.methods ?? [
      {
        code: "DROP_OFF",
        name: "Drop off at a service point",
        feeFormatted: null,
        required: false,
      },
      { code: "PICKUP", name: "Home pickup", feeFormatted: "49,00 kr", required: false },
    ],
    policy: { storeCreditBonusPercent: 10, euWithdrawal: true, ...(overrides.policy ?? {}) },
  };
}

export const createdFixture = {
  ok: true,
  return: {
    rma: "RMA-1001-1",
    status: "REQUESTED",
    statusUrl: "/apps/returns/status/tok_abc",
    slipUrl: "/apps/returns/slip/tok_abc.pdf",
    refundEta: { from: "2026-12-01", to: "2026-12-05" },
    // Worded on the server for the resolution (app/services/return-journey.server.ts).
    next: "We're reviewing your request and will e-mail you as soon as it is approved.",
    eta: "We expect to send your new item between December 1, 2026 and December 5, 2026.",
    guideText: "How to send your return\n1. Pack the items.",
  },
};
