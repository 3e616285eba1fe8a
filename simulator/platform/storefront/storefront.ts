/**
 * The stand-in's online store: home page, a returns page rendering the theme app extension's
 * blocks, customer log-in as a seeded customer (cookie), language switch, the extension's
 * assets, and the app proxy (storefront URL → signed request to the app → response, Liquid
 * rendered in the theme layout).
 */
import { readFileSync, existsSync } from "node:fs";
import { basename, extname, join } from "node:path";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { AdminApi, StandInCustomer, StandInShopInfo } from "../../contracts";
import type { StandInAppConfig } from "../app-config";
import {
  APP_PROXY_DROPPED_REQUEST_HEADERS,
  extractLayout,
  proxiedAppUrl,
  signedProxyQuery,
} from "../app-proxy";
import { shopDomain, shopHandle } from "../admin-frame";
import {
  escapeHtml,
  forwardableHeaders,
  parseCookies,
  readBody,
  redirect,
  send,
  sendFetchResponse,
  sendHtml,
  serializeCookie,
} from "../http";
import { themeLayout } from "./layout";
import {
  createExtensionRenderer,
  type ExtensionRenderer,
  type StorefrontRenderContext,
} from "./theme-extension";

export const SHOP_COOKIE = "standin_shop";
export const CUSTOMER_COOKIE = "standin_customer";
export const LOCALE_COOKIE = "standin_locale";

export interface AppProxyLogEntry {
  at: string;
  shop: string;
  method: string;
  storefrontPath: string;
  /** The URL the app was called with (signed query included). */
  forwardedUrl: string;
  /** Request headers as sent to the app. */
  forwardedHeaders: Record<string, string>;
  status: number | null;
  contentType: string | null;
  error?: string;
}

export interface StorefrontOptions {
  adminApi: AdminApi;
  appConfig: () => StandInAppConfig;
  appUrl: string;
  apiSecret: string;
  extensionDir: string;
  fetch?: typeof fetch;
}

export interface Storefront {
  /** Handles /s/:shop/** and /{prefix}/{subpath}/** ; returns false when the path is not its own. */
  handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean>;
  setBlockSettings(shop: string, block: string, settings: Record<string, unknown>): void;
  proxyLog(): AppProxyLogEntry[];
  renderer: ExtensionRenderer;
}

const CONTENT_TYPES: Record<string, string> = {
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".jpeg": "image/jpeg",
  ".wasm": "application/wasm",
};

export function createStorefront(options: StorefrontOptions): Storefront {
  const renderer = createExtensionRenderer(options.extensionDir);
  const doFetch = options.fetch ?? fetch;
  const blockSettings = new Map<string, Record<string, unknown>>(); // `${shop}/${block}` → overrides
  const proxyEntries: AppProxyLogEntry[] = [];

  function availableLocales(): string[] {
    const ext = renderer.extension();
    const codes = Object.keys(ext.locales);
    return codes.length
      ? [ext.defaultLocale, ...codes.filter((c) => c !== ext.defaultLocale)]
      : ["en"];
  }

  function resolveLocale(
    req: IncomingMessage,
    url: URL,
    shop: StandInShopInfo,
  ): { locale: string; setCookie?: string } {
    const locales = availableLocales();
    const asked = url.searchParams.get("locale");
    if (asked && locales.includes(asked))
      return { locale: asked, setCookie: serializeCookie(LOCALE_COOKIE, asked) };
    const cookie = parseCookies(req.headers.cookie)[LOCALE_COOKIE];
    if (cookie && locales.includes(cookie)) return { locale: cookie };
    const primary = shop.primaryLocale.split("-")[0]!;
    return { locale: locales.includes(primary) ? primary : locales[0]! };
  }

  function currentCustomer(req: IncomingMessage, shop: StandInShopInfo): StandInCustomer | null {
    const value = parseCookies(req.headers.cookie)[CUSTOMER_COOKIE];
    if (!value) return null;
    const [cookieShop, legacyId] = value.split("|");
    if (cookieShop !== shop.domain) return null;
    return shop.customers.find((c) => c.legacyId === legacyId) ?? null;
  }

  function context(
    req: IncomingMessage,
    url: URL,
    shop: StandInShopInfo,
    locale: string,
    title: string,
  ): StorefrontRenderContext {
    return {
      shop,
      basePath: `/s/${shopHandle(shop.domain)}`,
      locale,
      customer: currentCustomer(req, shop),
      path: url.pathname,
      host: shop.domain,
      designMode: url.searchParams.get("design_mode") === "1",
      pageTitle: title,
    };
  }

  function pathWithoutLocale(url: URL): string {
    const q = new URLSearchParams(url.searchParams);
    q.delete("locale");
    const qs = q.toString();
    return `${url.pathname}${qs ? `?${qs}` : ""}`;
  }

  function page(
    res: ServerResponse,
    ctx: StorefrontRenderContext,
    url: URL,
    title: string,
    content: string,
    head = "",
    status = 200,
    cookies: string[] = [],
  ) {
    const html = themeLayout({
      shopName: ctx.shop.name,
      basePath: ctx.basePath,
      locale: ctx.locale,
      locales: availableLocales(),
      customer: ctx.customer,
      title,
      path: pathWithoutLocale(url),
      head,
      content,
    });
    sendHtml(res, status, html, {
      "set-cookie": [serializeCookie(SHOP_COOKIE, ctx.shop.domain), ...cookies],
    });
  }

  async function renderBlocksPage(ctx: StorefrontRenderContext, names: string[] | null) {
    const ext = renderer.extension();
    const blocks = ext.blocks
      .filter((b) => b.schema.target === "section")
      .filter((b) => !names || names.includes(b.name))
      .sort((a, b) =>
        names
          ? names.indexOf(a.name) - names.indexOf(b.name)
          : a.name === "return-portal"
            ? -1
            : b.name === "return-portal"
              ? 1
              : 0,
      );
    const rendered = [];
    for (const block of blocks) {
      rendered.push(
        await renderer.renderBlock(
          block,
          ctx,
          blockSettings.get(`${ctx.shop.domain}/${block.name}`),
        ),
      );
    }
    const head = new Set<string>();
    for (const r of rendered) {
      if (r.stylesheet)
        head.add(
          `<link rel="stylesheet" href="${escapeHtml(renderer.assetUrl(ctx, r.stylesheet))}" media="all">`,
        );
    }
    for (const r of rendered) {
      if (r.javascript)
        head.add(
          `<script src="${escapeHtml(renderer.assetUrl(ctx, r.javascript))}" defer="defer"></script>`,
        );
    }
    const sections = rendered
      .map(
        (r, i) =>
          `<section id="shopify-section-template--returns__apps_${i}" class="shopify-section section">${r.html}</section>`,
      )
      .join("\n");
    return { head: [...head].join("\n"), html: sections };
  }

  function liquidErrorPage(e: unknown): string {
    return `<p style="color:#b00;font-family:monospace">Liquid error: ${escapeHtml((e as Error).message)}</p>`;
  }

  async function handleProxy(
    req: IncomingMessage,
    res: ServerResponse,
    url: URL,
    shop: StandInShopInfo,
    subPath: string,
  ) {
    const config = options.appConfig();
    const proxy = config.appProxy!;
    const customer = currentCustomer(req, shop);
    const query = signedProxyQuery({
      shop: shop.domain,
      loggedInCustomerId: customer?.legacyId ?? "",
      pathPrefix: proxy.pathPrefix,
      query: url.searchParams,
      secret: options.apiSecret,
    });
    const target = proxiedAppUrl(options.appUrl, proxy, subPath, query);
    const headers = forwardableHeaders(req, APP_PROXY_DROPPED_REQUEST_HEADERS);
    headers.set("x-forwarded-host", shop.domain);
    headers.set("x-forwarded-proto", "https");
    if (req.socket.remoteAddress) headers.set("x-forwarded-for", req.socket.remoteAddress);
    const method = (req.method ?? "GET").toUpperCase();
    const body = method === "GET" || method === "HEAD" ? undefined : await readBody(req);
    const entry: AppProxyLogEntry = {
      at: new Date().toISOString(),
      shop: shop.domain,
      method,
      storefrontPath: `${url.pathname}${url.search}`,
      forwardedUrl: target,
      forwardedHeaders: Object.fromEntries(headers.entries()),
      status: null,
      contentType: null,
    };
    proxyEntries.push(entry);
    let response: Response;
    try {
      response = await doFetch(target, {
        method,
        headers,
        body: body ? new Uint8Array(body) : undefined,
        redirect: "manual",
      });
    } catch (e) {
      entry.error = (e as Error).message;
      const { locale } = resolveLocale(req, url, shop);
      const ctx = context(req, url, shop, locale, "Error");
      return page(
        res,
        ctx,
        url,
        "Error",
        `<h1>Something went wrong</h1><p>The app did not answer (${escapeHtml(entry.error)}).</p>`,
        "",
        502,
      );
    }
    entry.status = response.status;
    entry.contentType = response.headers.get("content-type");
    if ((entry.contentType ?? "").toLowerCase().startsWith("application/liquid")) {
      const { locale, setCookie } = resolveLocale(req, url, shop);
      const ctx = context(req, url, shop, locale, "");
      const { source, layout } = extractLayout(await response.text());
      let html: string;
      try {
        html = await renderer.renderLiquid(source, ctx);
      } catch (e) {
        html = liquidErrorPage(e);
      }
      if (!layout) return sendHtml(res, response.status, html);
      return page(
        res,
        ctx,
        url,
        shop.name,
        html,
        "",
        response.status,
        setCookie ? [setCookie] : [],
      );
    }
    await sendFetchResponse(res, response, ["set-cookie"]);
  }

  async function handleShopRoute(
    req: IncomingMessage,
    res: ServerResponse,
    url: URL,
    shop: StandInShopInfo,
    rest: string,
  ) {
    const method = (req.method ?? "GET").toUpperCase();
    const proxy = options.appConfig().appProxy;
    if (proxy && (rest === proxy.pathPrefix || rest.startsWith(`${proxy.pathPrefix}/`))) {
      return handleProxy(req, res, url, shop, rest.slice(proxy.pathPrefix.length));
    }

    const assetMatch = /^\/extensions\/([^/]+)\/assets\/([^/]+)$/.exec(rest);
    if (assetMatch && (method === "GET" || method === "HEAD")) {
      const ext = renderer.extension();
      const file = basename(decodeURIComponent(assetMatch[2]!));
      const path = join(ext.dir, "assets", file);
      if (assetMatch[1] !== ext.handle || !existsSync(path)) return send(res, 404, "Not found");
      return send(
        res,
        200,
        readFileSync(path),
        CONTENT_TYPES[extname(file)] ?? "application/octet-stream",
        {
          "cache-control": "no-cache",
        },
      );
    }

    const { locale, setCookie } = resolveLocale(req, url, shop);
    const cookies = setCookie ? [setCookie] : [];
    const base = `/s/${shopHandle(shop.domain)}`;

    if (rest === "/account/login" && method === "POST") {
      const form = new URLSearchParams((await readBody(req)).toString("utf8"));
      const customer = shop.customers.find((c) => c.legacyId === form.get("customer_id"));
      if (!customer) return send(res, 400, "Unknown customer");
      const returnTo = form.get("return_to") ?? "";
      const target = returnTo.startsWith(`${base}/`) ? returnTo : `${base}/pages/returns`;
      return redirect(res, target, 303, {
        "set-cookie": [
          serializeCookie(CUSTOMER_COOKIE, `${shop.domain}|${customer.legacyId}`),
          serializeCookie(SHOP_COOKIE, shop.domain),
        ],
      });
    }
    if (rest === "/account/logout") {
      return redirect(res, `${base}/`, 303, {
        "set-cookie": serializeCookie(CUSTOMER_COOKIE, "", { maxAge: 0 }),
      });
    }
    if (method !== "GET" && method !== "HEAD") return send(res, 405, "Method not allowed");

    if (rest === "/account/login") {
      const ctx = context(req, url, shop, locale, "Log in");
      const returnTo = url.searchParams.get("return_to") ?? `${base}/pages/returns`;
      const list = shop.customers
        .slice(0, 12)
        .map(
          (c) => `<li><form method="post" action="${base}/account/login">
<input type="hidden" name="customer_id" value="${escapeHtml(c.legacyId)}"><input type="hidden" name="return_to" value="${escapeHtml(returnTo)}">
<button type="submit">Log in as ${escapeHtml(c.firstName)} ${escapeHtml(c.lastName)}</button> <small>${escapeHtml(c.email)} · id ${escapeHtml(c.legacyId)}</small></form></li>`,
        )
        .join("\n");
      return page(
        res,
        ctx,
        url,
        "Log in",
        `<h1>Log in</h1><p>The stand-in has no passwords: pick one of the shop's seeded customers.</p><ul class="standin-customers">${list || "<li>This shop has no customers.</li>"}</ul>`,
        "",
        200,
        cookies,
      );
    }
    if (rest === "/account") {
      const ctx = context(req, url, shop, locale, "Account");
      const c = ctx.customer;
      return page(
        res,
        ctx,
        url,
        "Account",
        c
          ? `<h1>Account</h1><p>${escapeHtml(c.firstName)} ${escapeHtml(c.lastName)} · ${escapeHtml(c.email)}</p><p><a href="${base}/account/logout">Log out</a></p>`
          : `<h1>Account</h1><p><a href="${base}/account/login">Log in</a></p>`,
        "",
        200,
        cookies,
      );
    }
    if (rest === "/pages/returns") {
      const ctx = context(req, url, shop, locale, "Returns");
      const only = url.searchParams.get("blocks");
      try {
        const { head, html } = await renderBlocksPage(ctx, only ? only.split(",") : null);
        return page(res, ctx, url, "Returns", html, head, 200, cookies);
      } catch (e) {
        return page(res, ctx, url, "Returns", liquidErrorPage(e), "", 500, cookies);
      }
    }
    if (rest === "/" || rest === "") {
      const ctx = context(req, url, shop, locale, shop.name);
      return page(
        res,
        ctx,
        url,
        shop.name,
        `<h1>${escapeHtml(shop.name)}</h1><p>Welcome to the offline demo store.</p><p><a href="${base}/pages/returns">Start a return</a></p>`,
        "",
        200,
        cookies,
      );
    }
    const ctx = context(req, url, shop, locale, "Not found");
    return page(res, ctx, url, "Not found", `<h1>404</h1><p>Page not found.</p>`, "", 404, cookies);
  }

  return {
    renderer,
    proxyLog: () => [...proxyEntries],
    setBlockSettings(shop, block, settings) {
      blockSettings.set(`${shopDomain(shop)}/${block}`, settings);
    },
    async handle(req, res, url) {
      const m = /^\/s\/([^/]+)(\/.*)?$/.exec(url.pathname);
      if (m) {
        const shop = options.adminApi.getShop(shopDomain(decodeURIComponent(m[1]!)));
        if (!shop) {
          send(res, 404, `No shop ${m[1]} in the stand-in.`);
          return true;
        }
        if (m[2] === undefined) {
          redirect(res, `/s/${m[1]}/`, 302);
          return true;
        }
        await handleShopRoute(req, res, url, shop, m[2]);
        return true;
      }
      // Root-level proxy path (/apps/returns/...): the shop is the one whose storefront set the cookie,
      // so blocks can call same-origin relative URLs exactly as on Shopify.
      const proxy = options.appConfig().appProxy;
      if (
        proxy &&
        (url.pathname === proxy.pathPrefix || url.pathname.startsWith(`${proxy.pathPrefix}/`))
      ) {
        const domain = parseCookies(req.headers.cookie)[SHOP_COOKIE];
        const shop = domain ? options.adminApi.getShop(domain) : null;
        if (!shop) {
          send(
            res,
            404,
            "No storefront shop selected: open /s/<shop>/ first (the stand-in remembers the shop in a cookie).",
          );
          return true;
        }
        await handleProxy(req, res, url, shop, url.pathname.slice(proxy.pathPrefix.length));
        return true;
      }
      return false;
    },
  };
}
