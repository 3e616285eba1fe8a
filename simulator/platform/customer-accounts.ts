/**
 * A small stand-in for Shopify's customer accounts, enough to run the app's customer account
 * UI extension offline: sign in as a seeded customer, see their orders, and the extension's
 * targets rendered where Shopify renders them (the order action menu item, the action modal,
 * the order page's note under the line items and its return details). Each target runs in its own iframe with a host script
 * (browser/customer-account-host.js) that provides the `shopify` global (session token, order
 * or return id, extension language, translations from the extension's own locale files,
 * close) and light Polaris web-component look-alikes. Guesses are listed in simulator/README.md.
 *
 *   GET  /customer-accounts/:shop/                      who may sign in (seeded customers)
 *   GET  /customer-accounts/:shop/login?customer=<id>   sign in (cookie), then the orders
 *   GET  /customer-accounts/:shop/orders                 the customer's orders + menu items
 *   GET  /customer-accounts/:shop/orders/:id             order page: line items + the note after
 *                                                        them, menu item, return details
 *   GET  /customer-accounts/:shop/extension?target=…     one target's iframe document
 *   GET  /customer-accounts/:shop/session-token          { token } for the signed-in customer
 *   POST /customer-accounts/:shop/api/2026-07/graphql    Customer Account API (returnInformation,
 *                                                        returnCalculate only; customer-account-api.ts)
 *   GET  /customer-accounts/_bundle.js, /_host.js        the extension bundle, the host script
 */
import { readFileSync } from "node:fs";
import type { IncomingMessage, ServerResponse } from "node:http";
import { fileURLToPath } from "node:url";
import type { AdminApi, StandInCustomer, StandInShopInfo } from "../contracts";
import { shopDomain, shopHandle } from "./admin-frame";
import { createCustomerAccountApi, CUSTOMER_ACCOUNT_API_VERSION } from "./customer-account-api";
import { mintCustomerAccountSessionToken } from "./customer-account-token";
import { readBody, redirect, send, sendHtml, sendJson } from "./http";

const HOST_SCRIPT = fileURLToPath(new URL("./browser/customer-account-host.js", import.meta.url));
const EXTENSION_LOCALES = fileURLToPath(new URL("../../extensions/customer-account-returns/locales/", import.meta.url));
const LANGS = ["en", "sv", "da", "nb", "fi", "nl", "de"];
const COOKIE = "standin_customer_account";
const ADMIN_API_VERSION = "2026-10";

export interface CustomerAccountsOptions {
  adminApi: AdminApi;
  apiKey: string;
  apiSecret: string;
  appUrl: string;
  /** The offline token the app holds for the shop (to read the customer's orders). */
  offlineToken(shop: string): string | undefined;
  /** Builds the extension bundle with the app URL baked in (scripts/customer-account-extension.ts). */
  bundle(appUrl: string): Promise<string>;
}

/** An order total as Shopify's customer accounts show it: formatted in the shopper's locale. */
function money(m: { amount: string; currencyCode: string }, locale: string): string {
  return new Intl.NumberFormat(locale, { style: "currency", currency: m.currencyCode }).format(Number(m.amount));
}

const esc = (s: unknown) => String(s ?? "").replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function cookieOf(req: IncomingMessage, name: string): string | null {
  for (const part of (req.headers.cookie ?? "").split(";")) {
    const [k, ...v] = part.trim().split("=");
    if (k === name) return decodeURIComponent(v.join("="));
  }
  return null;
}

interface OrderRow {
  id: string;
  name: string;
  processedAt: string;
  displayFulfillmentStatus: string;
  totalPriceSet: { presentmentMoney: { amount: string; currencyCode: string } };
  lineItems: { nodes: { title: string; quantity: number; variantTitle: string | null }[] };
  returns: { nodes: { id: string; name: string; status: string }[] };
}

const ORDER_FIELDS = `id name processedAt displayFulfillmentStatus
  totalPriceSet { presentmentMoney { amount currencyCode } }
  lineItems(first: 5) { nodes { title quantity variantTitle } }
  returns(first: 5) { nodes { id name status } }`;

export function createCustomerAccounts(options: CustomerAccountsOptions) {
  let bundleCache: Promise<string> | null = null;

  async function admin<T>(shop: string, query: string, variables: Record<string, unknown>): Promise<T | null> {
    const token = options.offlineToken(shop);
    if (!token) return null;
    const response = await options.adminApi.handleGraphql(
      new Request(`https://${shop}/admin/api/${ADMIN_API_VERSION}/graphql.json`, {
        method: "POST",
        headers: { "Content-Type": "application/json", "X-Shopify-Access-Token": token },
        body: JSON.stringify({ query, variables }),
      }),
    );
    const body = (await response.json().catch(() => null)) as { data?: T } | null;
    return body?.data ?? null;
  }

  function signedIn(req: IncomingMessage, shop: StandInShopInfo): StandInCustomer | null {
    const [domain, id] = (cookieOf(req, COOKIE) ?? "").split("|");
    return domain === shop.domain ? (shop.customers.find((c) => c.legacyId === id) ?? null) : null;
  }

  function localeFor(url: URL, customer: StandInCustomer | null): string {
    const asked = (url.searchParams.get("locale") ?? customer?.locale ?? "en").toLowerCase().split("-")[0];
    return LANGS.includes(asked) ? asked : "en";
  }

  function layout(shop: StandInShopInfo, title: string, body: string, locale: string, customer: StandInCustomer | null, path: string) {
    const base = `/customer-accounts/${shopHandle(shop.domain)}`;
    const langs = LANGS.map((l) => (l === locale ? `<strong>${l}</strong>` : `<a href="${esc(path)}?locale=${l}">${l}</a>`)).join(" · ");
    return `<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><title>${esc(title)} · ${esc(shop.name)}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>
body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;margin:0;background:#f4f4f5;color:#1f1f1f}
header{background:#fff;border-bottom:1px solid #e3e3e3;padding:12px 24px;display:flex;gap:24px;align-items:center}
header .shop{font-weight:700}header nav{margin-left:auto;font-size:13px;color:#555}
main{max-width:880px;margin:24px auto;padding:0 16px}
.card{background:#fff;border:1px solid #e3e3e3;border-radius:12px;padding:16px 20px;margin-bottom:16px}
.order-head{display:flex;justify-content:space-between;gap:12px;align-items:flex-start}.order-head>div:first-child{flex:1}
.muted{color:#666;font-size:13px}iframe{border:0;width:100%;display:block}
.menu{min-width:180px}.menu iframe{height:44px}.after-lines{margin-top:10px}.after-lines iframe{height:0}
.modal-backdrop{position:fixed;inset:0;background:rgba(0,0,0,.45);display:none;align-items:flex-start;justify-content:center;padding:40px 16px;overflow:auto}
.modal-backdrop.open{display:flex}.modal{background:#fff;border-radius:14px;width:min(620px,100%);box-shadow:0 10px 40px rgba(0,0,0,.3)}
.modal iframe{height:300px}.standin-note{font-size:12px;color:#777;margin-top:24px}
</style></head><body>
<header><span class="shop">${esc(shop.name)}</span><a href="${base}/orders">Orders</a>
<nav>${customer ? `${esc(customer.firstName)} ${esc(customer.lastName)} · <a href="${base}/">Switch customer</a> · ` : ""}${langs}</nav></header>
<main>${body}
<p class="standin-note">Offline stand-in for Shopify customer accounts: the app's customer account extension runs in the frames on this page with a small host (session token, order id, language, translations).</p></main>
<div class="modal-backdrop" id="modal" role="dialog" aria-modal="true" aria-label="${esc(title)}"><div class="modal" id="modal-body"></div></div>
<script>
// The parent side of the host: sizes the frames, opens the action modal when a menu item is clicked,
// closes it (and refreshes the menu items) when the extension calls shopify.close().
addEventListener("message", (e) => {
  if (e.origin !== location.origin || !e.data || typeof e.data !== "object") return;
  const frame = [...document.querySelectorAll("iframe")].find((f) => f.contentWindow === e.source);
  if (e.data.type === "resize" && frame) frame.style.height = Math.max(e.data.height, 0) + "px";
  if (e.data.type === "open-action") {
    const modal = document.getElementById("modal");
    const src = ${JSON.stringify(`${base}/extension`)} + "?target=customer-account.order.action.render&order=" + encodeURIComponent(e.data.orderId) + "&locale=${locale}";
    document.getElementById("modal-body").innerHTML = '<iframe title="Return items" src="' + src + '"></iframe>';
    modal.classList.add("open");
  }
  if (e.data.type === "close-action") {
    document.getElementById("modal").classList.remove("open");
    document.getElementById("modal-body").innerHTML = "";
    document.querySelectorAll("iframe[data-refresh]").forEach((f) => f.contentWindow.location.reload());
  }
});
</script></body></html>`;
  }

  function frame(shop: StandInShopInfo, target: string, params: Record<string, string>, locale: string, title: string) {
    const q = new URLSearchParams({ target, ...params, locale });
    return `<iframe data-refresh title="${esc(title)}" src="/customer-accounts/${shopHandle(shop.domain)}/extension?${q}"></iframe>`;
  }

  function messagesFor(locale: string): unknown {
    const read = (file: string) => JSON.parse(readFileSync(`${EXTENSION_LOCALES}${file}`, "utf8"));
    return { locale, messages: locale === "en" ? read("en.default.json") : read(`${locale}.json`), fallback: read("en.default.json") };
  }

  async function handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean> {
    const path = url.pathname;
    if (!path.startsWith("/customer-accounts/")) return false;
    if (path === "/customer-accounts/_host.js") {
      send(res, 200, readFileSync(HOST_SCRIPT), "text/javascript; charset=utf-8", { "cache-control": "no-cache" });
      return true;
    }
    if (path === "/customer-accounts/_bundle.js") {
      bundleCache ??= options.bundle(options.appUrl).catch((e: unknown) => {
        bundleCache = null;
        throw e;
      });
      send(res, 200, await bundleCache, "text/javascript; charset=utf-8", { "cache-control": "no-cache" });
      return true;
    }
    const match = /^\/customer-accounts\/([^/]+)(\/.*)?$/.exec(path);
    const shop = match ? options.adminApi.getShop(shopDomain(match[1])) : null;
    if (!match || !shop) {
      send(res, 404, "No such shop in the stand-in.");
      return true;
    }
    const rest = match[2] ?? "/";
    const base = `/customer-accounts/${shopHandle(shop.domain)}`;
    const customer = signedIn(req, shop);
    const locale = localeFor(url, customer);

    if (rest === "/login") {
      const chosen = shop.customers.find((c) => c.legacyId === url.searchParams.get("customer"));
      if (!chosen) {
        send(res, 400, "Unknown customer.");
        return true;
      }
      redirect(res, `${base}/orders${url.searchParams.get("locale") ? `?locale=${esc(url.searchParams.get("locale"))}` : ""}`, 303, {
        "set-cookie": `${COOKIE}=${encodeURIComponent(`${shop.domain}|${chosen.legacyId}`)}; Path=/customer-accounts/; HttpOnly; SameSite=Lax`,
      });
      return true;
    }
    if (rest === "/" || rest === "") {
      const list = shop.customers
        .map((c) => `<li><a href="${base}/login?customer=${esc(c.legacyId)}">${esc(c.firstName)} ${esc(c.lastName)}</a> <span class="muted">${esc(c.email)} · ${esc(c.locale)}</span></li>`)
        .join("");
      sendHtml(res, 200, layout(shop, "Sign in", `<div class="card"><h1>Sign in</h1><p>The stand-in has no passwords: pick a seeded customer.</p><ul>${list}</ul></div>`, locale, customer, `${base}/`));
      return true;
    }
    if (rest === "/session-token") {
      // What shopify.sessionToken.get() returns inside the extension: only for a signed-in customer.
      if (!customer) {
        sendJson(res, 401, { error: "not signed in" });
        return true;
      }
      const token = mintCustomerAccountSessionToken({ shop: shop.domain, apiKey: options.apiKey, apiSecret: options.apiSecret, customerId: customer.id });
      sendJson(res, 200, { token }, { "cache-control": "no-store" });
      return true;
    }
    if (rest === `/api/${CUSTOMER_ACCOUNT_API_VERSION}/graphql` && req.method === "POST") {
      // The signed-in customer (cookie) stands for Shopify's customer access token.
      if (!customer) {
        sendJson(res, 401, { errors: [{ message: "Invalid or missing customer access token." }] });
        return true;
      }
      const { query, variables } = JSON.parse((await readBody(req)).toString("utf8") || "{}") as { query?: string; variables?: Record<string, unknown> };
      const api = createCustomerAccountApi(async (q, v) => {
        const data = await admin(shop.domain, q, v);
        if (!data) throw new Error("The stand-in's Admin API did not answer.");
        return data as never;
      });
      sendJson(res, 200, await api.execute(customer.id, String(query ?? ""), variables ?? {}), { "cache-control": "no-store" });
      return true;
    }
    if (!customer) {
      redirect(res, `${base}/`, 303);
      return true;
    }
    if (rest === "/extension") {
      const target = url.searchParams.get("target") ?? "";
      const config = {
        target,
        shop: shop.domain,
        orderId: url.searchParams.get("order"),
        returnId: url.searchParams.get("return"),
        tokenUrl: `${base}/session-token`,
        ordersUrl: `${base}/orders`,
        ...(messagesFor(locale) as object),
      };
      sendHtml(
        res,
        200,
        `<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><title>${esc(target)}</title>
<style>html,body{margin:0;font:15px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;color:#1f1f1f;background:transparent}</style>
<script>window.__CUSTOMER_ACCOUNT_HOST__ = ${JSON.stringify(config).replace(/</g, "\\u003c")};</script>
<script src="/customer-accounts/_host.js"></script>
<script type="module">
import { targets } from "/customer-accounts/_bundle.js";
const render = targets[window.__CUSTOMER_ACCOUNT_HOST__.target];
if (!render) throw new Error("The extension has no target " + window.__CUSTOMER_ACCOUNT_HOST__.target);
await render();
</script></head><body></body></html>`,
        { "cache-control": "no-store" },
      );
      return true;
    }
    if (rest === "/orders") {
      const data = await admin<{ orders: { nodes: OrderRow[] } }>(
        shop.domain,
        `query CustomerAccountOrders($query: String!) { orders(first: 15, query: $query, sortKey: PROCESSED_AT, reverse: true) { nodes { ${ORDER_FIELDS} } } }`,
        { query: `customer_id:${customer.legacyId}` },
      );
      const orders = data?.orders.nodes ?? [];
      const cards = orders
        .map((o) => {
          const numeric = o.id.split("/").pop();
          return `<section class="card" data-order="${esc(o.name)}"><div class="order-head"><div>
<h2 style="margin:0 0 4px"><a href="${base}/orders/${esc(numeric)}?locale=${locale}">Order ${esc(o.name)}</a></h2>
<div class="muted">${esc(new Date(o.processedAt).toLocaleDateString(locale))} · ${esc(o.displayFulfillmentStatus)} · ${esc(money(o.totalPriceSet.presentmentMoney, locale))}</div>
<div>${o.lineItems.nodes.map((l) => `${esc(l.title)}${l.variantTitle ? ` – ${esc(l.variantTitle)}` : ""} × ${l.quantity}`).join("<br>")}</div>
</div><div class="menu">${frame(shop, "customer-account.order.action.menu-item.render", { order: o.id }, locale, `Actions for ${o.name}`)}</div></div></section>`;
        })
        .join("");
      const body = data ? cards || `<div class="card">No orders yet.</div>` : `<div class="card">The app is not installed on this shop yet (start the demo, which installs it).</div>`;
      sendHtml(res, 200, layout(shop, "Orders", `<h1>Orders</h1>${body}`, locale, customer, `${base}/orders`), { "cache-control": "no-store" });
      return true;
    }
    const orderMatch = /^\/orders\/(\d{1,20})$/.exec(rest);
    if (orderMatch) {
      const id = `gid://shopify/Order/${orderMatch[1]}`;
      const data = await admin<{ order: (OrderRow & { customer: { id: string } | null }) | null }>(
        shop.domain,
        `query CustomerAccountOrder($id: ID!) { order(id: $id) { ${ORDER_FIELDS} customer { id } } }`,
        { id },
      );
      const o = data?.order;
      if (!o || o.customer?.id !== customer.id) {
        sendHtml(res, 404, layout(shop, "Order", `<div class="card">Order not found.</div>`, locale, customer, `${base}/orders`));
        return true;
      }
      const returns = o.returns.nodes
        .map((r) => `<section class="card"><h3 style="margin:0 0 8px">Return ${esc(r.name)} <span class="muted">${esc(r.status)}</span></h3>${frame(shop, "customer-account.order-status.return-details.render-after", { return: r.id }, locale, `Return ${r.name}`)}</section>`)
        .join("");
      sendHtml(
        res,
        200,
        layout(
          shop,
          `Order ${o.name}`,
          `<section class="card" data-order="${esc(o.name)}"><div class="order-head"><div><h1 style="margin:0 0 4px">Order ${esc(o.name)}</h1>
<div class="muted">${esc(o.displayFulfillmentStatus)} · ${esc(money(o.totalPriceSet.presentmentMoney, locale))}</div>
<div>${o.lineItems.nodes.map((l) => `${esc(l.title)}${l.variantTitle ? ` – ${esc(l.variantTitle)}` : ""} × ${l.quantity}`).join("<br>")}</div>
<div class="after-lines">${frame(shop, "customer-account.order-status.cart-line-list.render-after", { order: o.id }, locale, `Returns for ${o.name}`)}</div></div>
<div class="menu">${frame(shop, "customer-account.order.action.menu-item.render", { order: o.id }, locale, `Actions for ${o.name}`)}</div></div></section>${returns}`,
          locale,
          customer,
          `${base}/orders/${orderMatch[1]}`,
        ),
        { "cache-control": "no-store" },
      );
      return true;
    }
    send(res, 404, "Not found.");
    return true;
  }

  return { handle };
}
