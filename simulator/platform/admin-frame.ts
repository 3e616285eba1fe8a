/**
 * HTML of the stand-in's Shopify-admin frame (top bar, left nav with the app's NavMenu links,
 * the app in an iframe) and of the index page. The frame's behaviour lives in
 * browser/admin-frame.js; the protocol is documented in simulator/README.md.
 */
import { escapeHtml, scriptJson } from "./http";

/** `host` query parameter Shopify passes to embedded apps: base64 of "admin.shopify.com/store/<name>". */
export function adminHostParam(shop: string): string {
  return Buffer.from(`admin.shopify.com/store/${shopHandle(shop)}`)
    .toString("base64")
    .replace(/=+$/, "");
}

/** "nordic-demo.myshopify.com" → "nordic-demo". */
export const shopHandle = (shop: string) => shop.replace(/\.myshopify\.com$/, "");
/** "nordic-demo" or "nordic-demo.myshopify.com" → "nordic-demo.myshopify.com". */
export const shopDomain = (handleOrDomain: string) =>
  handleOrDomain.includes(".")
    ? handleOrDomain.toLowerCase()
    : `${handleOrDomain.toLowerCase()}.myshopify.com`;

export interface AdminFrameOptions {
  shop: string;
  shopName: string;
  appName: string;
  appHandle: string;
  apiKey: string;
  appUrl: string;
  /** Path inside the app to load ("/app", "/app/returns/1?tab=x"). */
  appPath: string;
  locale: string;
  /** Fresh session token for the first load. */
  idToken: string;
}

const ADMIN_CSS = `
*{box-sizing:border-box}html,body{height:100%;margin:0}
body{font:13px/1.4 -apple-system,BlinkMacSystemFont,"San Francisco","Segoe UI",Roboto,"Helvetica Neue",sans-serif;background:#f1f1f1;color:#303030;display:flex;flex-direction:column}
.topbar{height:56px;background:#1a1a1a;color:#e3e3e3;display:flex;align-items:center;gap:16px;padding:0 16px;flex:none}
.topbar a{color:inherit;text-decoration:none}
.logo{font-weight:700;font-size:16px}.logo small{font-weight:400;opacity:.7;margin-left:6px;font-size:11px;border:1px solid #555;border-radius:4px;padding:1px 4px}
.search{flex:1;max-width:480px;margin:0 auto;background:#303030;border-radius:8px;padding:6px 12px;color:#8a8a8a}
.shopname{display:flex;align-items:center;gap:8px}.avatar{width:28px;height:28px;border-radius:8px;background:#36fba1;color:#1a1a1a;display:grid;place-items:center;font-weight:700}
.layout{flex:1;display:flex;min-height:0}
.sidenav{width:240px;flex:none;padding:12px 8px;overflow:auto;background:#ebebeb}
.sidenav ul{list-style:none;margin:0;padding:0}
.sidenav li>a,.sidenav li>span{display:block;padding:6px 10px;border-radius:8px;color:#303030;text-decoration:none;font-weight:600}
.sidenav li>span{color:#8a8a8a;font-weight:500}
.sidenav a:hover{background:#fafafa}
.sidenav .apps{margin-top:16px;color:#616161;font-size:12px;padding:0 10px;font-weight:600}
#standin-app-nav{margin-left:12px}#standin-app-nav a{font-weight:500}
#standin-app-nav a[aria-current=page]{background:#fff;font-weight:650}
.content{flex:1;display:flex;flex-direction:column;min-width:0}
.appbar{height:40px;display:flex;align-items:center;gap:8px;padding:0 16px;font-weight:650;font-size:14px;border-bottom:1px solid #e3e3e3;background:#f1f1f1}
#standin-loading{height:3px;background:linear-gradient(90deg,#36fba1,#1a1a1a);animation:ld 1s linear infinite}@keyframes ld{from{opacity:.4}to{opacity:1}}
iframe{flex:1;border:0;width:100%;background:#f1f1f1}
#standin-toasts{position:fixed;bottom:24px;left:50%;transform:translateX(-50%);display:flex;flex-direction:column;gap:8px;z-index:10}
.toast{background:#1a1a1a;color:#fff;padding:10px 16px;border-radius:10px;box-shadow:0 4px 16px rgba(0,0,0,.25)}.toast--error{background:#8e1f0b}
`;

const STATIC_NAV = [
  "Home",
  "Orders",
  "Products",
  "Customers",
  "Content",
  "Analytics",
  "Marketing",
  "Discounts",
];

export function adminFramePage(o: AdminFrameOptions): string {
  const handle = shopHandle(o.shop);
  const host = adminHostParam(o.shop);
  const adminBase = `/store/${encodeURIComponent(handle)}/apps/${encodeURIComponent(o.appHandle)}`;
  const src = new URL(o.appPath, o.appUrl);
  src.searchParams.set("embedded", "1");
  src.searchParams.set("shop", o.shop);
  src.searchParams.set("host", host);
  src.searchParams.set("id_token", o.idToken);
  src.searchParams.set("locale", o.locale);
  const config = {
    shop: o.shop,
    shopName: o.shopName,
    host,
    locale: o.locale,
    apiKey: o.apiKey,
    appName: o.appName,
    appUrl: o.appUrl,
    appOrigin: new URL(o.appUrl).origin,
    appHome: "/app",
    adminBase,
    initialPath: o.appPath,
    tokenUrl: `/_standin/session-token?shop=${encodeURIComponent(o.shop)}`,
  };
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escapeHtml(o.appName)} · ${escapeHtml(o.shopName)} · Shopify (stand-in)</title>
<style>${ADMIN_CSS}</style>
</head>
<body>
<header class="topbar">
<a class="logo" href="/">shopify<small>offline stand-in</small></a>
<div class="search" aria-hidden="true">Search</div>
<div class="shopname"><span class="avatar" aria-hidden="true">${escapeHtml(o.shopName.slice(0, 2).toUpperCase())}</span><span data-testid="shop-name">${escapeHtml(o.shopName)}</span></div>
</header>
<div class="layout">
<nav class="sidenav" aria-label="Admin">
<ul>${STATIC_NAV.map((label) => `<li><span>${label}</span></li>`).join("")}</ul>
<p class="apps">Apps</p>
<ul><li><a id="standin-app-link" href="${adminBase}">${escapeHtml(o.appName)}</a><ul id="standin-app-nav" aria-label="${escapeHtml(o.appName)}"></ul></li></ul>
</nav>
<div class="content">
<div class="appbar"><span id="standin-title">${escapeHtml(o.appName)}</span></div>
<div id="standin-loading" hidden></div>
<iframe id="app-iframe" name="app-iframe" title="${escapeHtml(o.appName)}" src="${escapeHtml(src.href)}" allow="clipboard-write"></iframe>
</div>
</div>
<div id="standin-toasts" aria-live="polite"></div>
<script>window.__STANDIN_FRAME__=${scriptJson(config)};</script>
<script src="/_standin/admin-frame.js"></script>
</body>
</html>`;
}

export interface IndexShop {
  domain: string;
  name: string;
  currencyCode: string;
  customers: number;
}

export function indexPage(o: {
  shops: IndexShop[];
  appName: string;
  appHandle: string;
  appUrl: string;
  mailbox?: boolean;
}): string {
  const rows = o.shops
    .map((s) => {
      const h = encodeURIComponent(shopHandle(s.domain));
      return `<tr><td><strong>${escapeHtml(s.name)}</strong><br><code>${escapeHtml(s.domain)}</code></td><td>${escapeHtml(s.currencyCode)}</td><td>${s.customers}</td>
<td><a href="/store/${h}/apps/${encodeURIComponent(o.appHandle)}">Admin (${escapeHtml(o.appName)})</a></td>
<td><a href="/s/${h}/">Storefront</a> · <a href="/s/${h}/pages/returns">Returns page</a></td>
<td><form method="post" action="/_standin/webhooks/compliance"><input type="hidden" name="shop" value="${escapeHtml(s.domain)}">
<select name="topic" aria-label="Compliance topic"><option>customers/data_request</option><option>customers/redact</option><option>shop/redact</option></select>
<button>Send</button></form>
<form method="post" action="/_standin/webhooks/app-uninstalled"><input type="hidden" name="shop" value="${escapeHtml(s.domain)}"><button>Uninstall app</button></form></td></tr>`;
    })
    .join("\n");
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Shopify stand-in</title>
<style>body{font:14px/1.5 system-ui,sans-serif;margin:2rem;color:#222}table{border-collapse:collapse}td,th{border-bottom:1px solid #ddd;padding:.5rem 1rem;text-align:left;vertical-align:top}form{display:inline-block;margin:0 .5rem .25rem 0}</style></head>
<body><h1>Offline Shopify stand-in</h1>
<p>App: <strong>${escapeHtml(o.appName)}</strong> at <code>${escapeHtml(o.appUrl)}</code>. Nothing here talks to the internet.</p>
<table><thead><tr><th>Shop</th><th>Currency</th><th>Customers</th><th>Admin</th><th>Storefront</th><th>Webhooks</th></tr></thead><tbody>
${rows || '<tr><td colspan="6">No shops.</td></tr>'}
</tbody></table>
<p>${o.mailbox ? '<a href="/_standin/mailbox">Mailbox (e-mails the app sent)</a> · ' : ""}<a href="/_standin/webhooks/log">Webhook delivery log (JSON)</a> · <a href="/_standin/webhooks/modes">Webhook modes (JSON)</a></p>
</body></html>`;
}
