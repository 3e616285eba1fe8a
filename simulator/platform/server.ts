/**
 * The offline Shopify stand-in's platform half: one node:http server on loopback that plays
 * Shopify around the Admin API (which the admin half implements behind `AdminApi`):
 * token exchange and session tokens, the admin frame, webhook delivery, storefront + app proxy.
 * Test and demo infrastructure only — never on the app's production path.
 */
import { createHash, randomInt } from "node:crypto";
import { readFileSync, statSync } from "node:fs";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";
import type { AdminApi } from "../contracts";
import { adminFramePage, indexPage, shopDomain, shopHandle } from "./admin-frame";
import { loadAppConfig, type StandInAppConfig } from "./app-config";
import { proxiedAppUrl, signedProxyQuery } from "./app-proxy";
import {
  parseBodyFields,
  readBody,
  redirect,
  send,
  sendFetchResponse,
  sendHtml,
  sendJson,
  toFetchRequest,
} from "./http";
import { createCustomerAccounts } from "./customer-accounts";
import { mailboxPage, type CaughtMail } from "./mailbox";
import { createTokenEndpoint } from "./oauth";
import { mintSessionToken } from "./session-token";
import { createStorefront, type AppProxyLogEntry } from "./storefront/storefront";
import {
  createWebhookDispatcher,
  type WebhookControls,
  type WebhookModes,
  type WebhookRetryPolicy,
} from "./webhooks";

export interface StandInServerOptions {
  adminApi: AdminApi;
  /** Origin (+ optional base path) of the app, e.g. http://127.0.0.1:3000. */
  appUrl: string;
  apiKey: string;
  apiSecret: string;
  /** 0 (default) picks a free port. */
  port?: number;
  host?: string;
  appTomlPath: string;
  extensionDir: string;
  webhookRetry: WebhookRetryPolicy;
  /** Initial webhook modes (e.g. a shorter timeout in tests). */
  webhookModes?: Partial<WebhookModes>;
  /** Injected fetch for webhook deliveries and the app proxy (tests); defaults to global fetch. */
  fetch?: typeof fetch;
  /** The demo's SMTP catcher (./mailbox.ts); its messages show at /_standin/mailbox. */
  mailbox?: { messages(): CaughtMail[] };
}

export interface SignProxyUrlInput {
  shop: string;
  /** Path below the proxy on the storefront, e.g. "/api/lookup" (= /apps/returns/api/lookup). */
  path: string;
  query?: URLSearchParams | Record<string, string | string[]>;
  /** Legacy numeric id of the logged-in customer; omit for a guest. */
  loggedInCustomerId?: string | null;
  timestampSec?: number;
}

export interface StandInServer {
  /** http://127.0.0.1:<port> */
  url: string;
  close(): Promise<void>;
  webhooks: WebhookControls;
  /** The app URL Shopify's proxy would call for a storefront request (signed query included). */
  signProxyUrl(input: SignProxyUrlInput): string;
  /** A fresh App Bridge session token for the shop (HS256, 60 s). */
  mintSessionToken(shop: string, userId?: string | number): string;
  storefront: {
    /** Overrides a block's settings for one shop (what a merchant would set in the theme editor). */
    setBlockSettings(shop: string, block: string, settings: Record<string, unknown>): void;
    /** Every request the app proxy forwarded, newest last. */
    proxyLog(): AppProxyLogEntry[];
  };
  /** The parsed shopify.app.toml (re-read when the file changes). */
  appConfig(): StandInAppConfig;
}

const BROWSER_DIR = fileURLToPath(new URL("./browser/", import.meta.url));

/** Stable numeric id for a shop domain (REST-style `shop_id` in webhook payloads). */
export function shopNumericId(domain: string): number {
  return Number.parseInt(createHash("sha1").update(domain).digest("hex").slice(0, 10), 16);
}

export async function createStandInServer(options: StandInServerOptions): Promise<StandInServer> {
  const { adminApi, apiKey, apiSecret } = options;
  const appUrl = options.appUrl.replace(/\/+$/, "");
  const host = options.host ?? "127.0.0.1";

  let configCache: { mtimeMs: number; config: StandInAppConfig } | undefined;
  const appConfig = (): StandInAppConfig => {
    const mtimeMs = statSync(options.appTomlPath).mtimeMs;
    if (!configCache || configCache.mtimeMs !== mtimeMs)
      configCache = { mtimeMs, config: loadAppConfig(options.appTomlPath) };
    return configCache.config;
  };
  appConfig(); // fail fast on a missing or broken toml

  const uninstalled = new Set<string>();
  const tokens = createTokenEndpoint({
    adminApi,
    apiKey,
    apiSecret,
    scopes: appConfig().scopes,
    onInstall: (shop) => uninstalled.delete(shop),
  });

  const defaultPayload = (shop: string, topic: string): Record<string, unknown> => {
    const info = adminApi.getShop(shop);
    const shopId = shopNumericId(shop);
    const customer = info?.customers[0];
    const customerPayload = customer
      ? { id: Number(customer.legacyId), email: customer.email, phone: null }
      : { id: null, email: null, phone: null };
    switch (topic) {
      case "customers/data_request":
        return {
          shop_id: shopId,
          shop_domain: shop,
          orders_requested: [],
          customer: customerPayload,
          data_request: { id: randomInt(1, 2 ** 31) },
        };
      case "customers/redact":
        return {
          shop_id: shopId,
          shop_domain: shop,
          customer: customerPayload,
          orders_to_redact: [],
        };
      case "shop/redact":
        return { shop_id: shopId, shop_domain: shop };
      case "app/uninstalled":
        return {
          id: shopId,
          name: info?.name ?? shop,
          email: `owner@${shop}`,
          domain: shop,
          myshopify_domain: shop,
          currency: info?.currencyCode ?? "USD",
          primary_locale: info?.primaryLocale ?? "en",
          plan_name: "basic",
        };
      default:
        return {};
    }
  };

  const webhooks = createWebhookDispatcher({
    appConfig,
    appUrl,
    apiSecret,
    retry: options.webhookRetry,
    isInstalled: (shop) => !uninstalled.has(shop),
    defaultPayload,
    onUninstall: (shop) => {
      uninstalled.add(shop);
      adminApi.uninstallApp(shop);
    },
    fetch: options.fetch,
  });
  if (options.webhookModes) webhooks.setModes(options.webhookModes);
  const unsubscribe = adminApi.onEvent((event) => webhooks.handleEvent(event));

  const storefront = createStorefront({
    adminApi,
    appConfig,
    appUrl,
    apiSecret,
    extensionDir: options.extensionDir,
    fetch: options.fetch,
  });

  // Customer accounts with the app's customer account extension (demo and browser test).
  const customerAccounts = createCustomerAccounts({
    adminApi,
    apiKey,
    apiSecret,
    appUrl,
    offlineToken: (shop) => tokens.tokenFor(shop),
    bundle: async (url) =>
      (await import("../../scripts/customer-account-extension")).bundleCustomerAccountExtension({ appUrl: url }).then((b) => b.code),
  });

  const mint = (shop: string, userId?: string | number) =>
    mintSessionToken({ shop: shopDomain(shop), apiKey, apiSecret, userId });

  function frame(res: ServerResponse, shop: string, appPath: string, locale: string) {
    const info = adminApi.getShop(shop);
    if (!info) return send(res, 404, `No shop ${shop} in the stand-in.`);
    const config = appConfig();
    sendHtml(
      res,
      200,
      adminFramePage({
        shop: info.domain,
        shopName: info.name,
        appName: config.name,
        appHandle: config.handle,
        apiKey,
        appUrl,
        appPath,
        locale,
        idToken: mint(info.domain),
      }),
      { "cache-control": "no-store" },
    );
  }

  async function standInRoute(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const method = (req.method ?? "GET").toUpperCase();
    const path = url.pathname.slice("/_standin".length);
    if (path === "/mailbox" && method === "GET") {
      const id = Number(url.searchParams.get("id"));
      return sendHtml(res, 200, mailboxPage(options.mailbox?.messages() ?? [], Number.isInteger(id) && id > 0 ? id : null));
    }
    const fields =
      method === "POST" ? parseBodyFields(req.headers["content-type"], await readBody(req)) : {};
    const fromForm = (req.headers["content-type"] ?? "").includes(
      "application/x-www-form-urlencoded",
    );
    const field = (name: string) =>
      typeof fields[name] === "string"
        ? (fields[name] as string)
        : (url.searchParams.get(name) ?? "");
    const done = (value: unknown) =>
      fromForm ? redirect(res, "/", 303) : sendJson(res, 200, value);

    if (path === "/health") return sendJson(res, 200, { ok: true });
    if (path === "/admin-frame.js" || path === "/app-bridge.js") {
      const file = path === "/admin-frame.js" ? "admin-frame.js" : "app-bridge-shim.js";
      return send(res, 200, readFileSync(BROWSER_DIR + file), "text/javascript; charset=utf-8", {
        "cache-control": "no-cache",
        "access-control-allow-origin": "*",
      });
    }
    if (path === "/session-token" && method === "GET") {
      const shop = shopDomain(field("shop"));
      if (!adminApi.getShop(shop)) return sendJson(res, 404, { error: `unknown shop ${shop}` });
      return sendJson(
        res,
        200,
        { token: mint(shop, field("user_id") || undefined) },
        { "cache-control": "no-store" },
      );
    }
    if (path === "/webhooks/log")
      return sendJson(
        res,
        200,
        webhooks.log({ shop: field("shop") || undefined, topic: field("topic") || undefined }),
      );
    if (path === "/webhooks/modes") {
      if (method === "POST") {
        const next: Partial<WebhookModes> = {};
        for (const key of ["delayMs", "outOfOrder", "seed", "timeoutMs", "concurrency"] as const) {
          if (fields[key] !== undefined && fields[key] !== "") next[key] = Number(fields[key]);
        }
        if (fields.duplicate !== undefined)
          next.duplicate =
            fields.duplicate === true || fields.duplicate === "true" || fields.duplicate === "1";
        return done(webhooks.setModes(next));
      }
      return sendJson(res, 200, webhooks.getModes());
    }
    if (method === "POST" && path === "/webhooks/pause") {
      webhooks.pause();
      return done({ paused: true });
    }
    if (method === "POST" && (path === "/webhooks/flush" || path === "/webhooks/resume")) {
      const pending = path === "/webhooks/flush" ? webhooks.flush() : webhooks.resume();
      void pending;
      return done({ paused: webhooks.isPaused() });
    }
    if (method === "POST" && path === "/webhooks/compliance") {
      const topic = field("topic");
      if (
        topic !== "customers/data_request" &&
        topic !== "customers/redact" &&
        topic !== "shop/redact"
      ) {
        return sendJson(res, 400, {
          error: "topic must be customers/data_request, customers/redact or shop/redact",
        });
      }
      const shop = shopDomain(field("shop"));
      const payload =
        fields.payload && typeof fields.payload === "object"
          ? (fields.payload as Record<string, unknown>)
          : undefined;
      const records = await webhooks.sendCompliance(shop, topic, payload);
      return done(records);
    }
    if (method === "POST" && path === "/webhooks/app-uninstalled") {
      const records = await webhooks.sendAppUninstalled(shopDomain(field("shop")));
      return done(records);
    }
    if (method === "POST" && path === "/storefront/block-settings") {
      const settings =
        fields.settings && typeof fields.settings === "object"
          ? (fields.settings as Record<string, unknown>)
          : {};
      storefront.setBlockSettings(field("shop"), field("block"), settings);
      return done({ ok: true });
    }
    if (path === "/proxy/log") return sendJson(res, 200, storefront.proxyLog());
    return send(res, 404, "Not found");
  }

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", `http://${req.headers.host ?? host}`);
    const method = (req.method ?? "GET").toUpperCase();
    const path = url.pathname;

    if (method === "POST" && /^\/admin\/api\/[^/]+\/graphql\.json$/.test(path)) {
      const body = await readBody(req);
      const response = await adminApi.handleGraphql(toFetchRequest(req, url.href, body));
      return sendFetchResponse(res, response);
    }
    if (path === "/admin/oauth/access_token") {
      if (method !== "POST") return sendJson(res, 405, { error: "method_not_allowed" });
      let fields: Record<string, unknown>;
      try {
        fields = parseBodyFields(req.headers["content-type"], await readBody(req));
      } catch {
        return sendJson(res, 400, {
          error: "invalid_request",
          error_description: "Body is not valid JSON.",
        });
      }
      const hint = req.headers["x-shopify-shop-domain"];
      const result = tokens.handle(fields, typeof hint === "string" && hint ? hint : null);
      return sendJson(res, result.status, result.body, { "cache-control": "no-store" });
    }
    if (path === "/admin" && method === "GET") {
      const shops = adminApi.listShops();
      const shop = url.searchParams.get("shop")
        ? shopDomain(url.searchParams.get("shop")!)
        : shops[0]?.domain;
      if (!shop) return send(res, 404, "The stand-in has no shops.");
      return redirect(
        res,
        `/store/${encodeURIComponent(shopHandle(shop))}/apps/${encodeURIComponent(appConfig().handle)}`,
        302,
      );
    }
    const store = /^\/store\/([^/]+)(?:\/apps\/([^/]+)(\/.*)?)?\/?$/.exec(path);
    if (store && method === "GET") {
      const shop = shopDomain(decodeURIComponent(store[1]!));
      const config = appConfig();
      const handle = store[2] ? decodeURIComponent(store[2]) : undefined;
      if (!handle)
        return redirect(res, `/store/${store[1]}/apps/${encodeURIComponent(config.handle)}`, 302);
      if (handle !== config.handle && handle !== apiKey && handle !== config.clientId)
        return send(res, 404, `No app ${handle}.`);
      const query = new URLSearchParams(url.searchParams);
      const locale = query.get("locale") ?? "en";
      query.delete("locale");
      const qs = query.toString();
      return frame(res, shop, `${store[3] ?? "/app"}${qs ? `?${qs}` : ""}`, locale);
    }
    if (path.startsWith("/_standin/staged-uploads/") && adminApi.handleStagedUpload) {
      const body = await readBody(req);
      return sendFetchResponse(res, await adminApi.handleStagedUpload(toFetchRequest(req, url.href, body)));
    }
    if (path.startsWith("/_standin/")) return standInRoute(req, res, url);
    // Browsers ask every top-level page for one; answer quietly instead of a console 404.
    if (path === "/favicon.ico") return send(res, 204, "");
    if (await customerAccounts.handle(req, res, url)) return;
    if (await storefront.handle(req, res, url)) return;
    if (path === "/" && method === "GET") {
      const config = appConfig();
      return sendHtml(
        res,
        200,
        indexPage({
          shops: adminApi
            .listShops()
            .map((s) => ({
              domain: s.domain,
              name: s.name,
              currencyCode: s.currencyCode,
              customers: s.customers.length,
            })),
          appName: config.name,
          appHandle: config.handle,
          appUrl,
          mailbox: !!options.mailbox,
        }),
      );
    }
    send(res, 404, "Not found");
  }

  const server = createServer((req, res) => {
    route(req, res).catch((e: unknown) => {
      if (!res.headersSent)
        sendJson(res, 500, { error: "stand-in error", message: (e as Error).message });
      else res.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://${host}:${port}`;

  return {
    url,
    webhooks,
    appConfig,
    mintSessionToken: mint,
    storefront: { setBlockSettings: storefront.setBlockSettings, proxyLog: storefront.proxyLog },
    signProxyUrl(input) {
      const proxy = appConfig().appProxy;
      if (!proxy) throw new Error("shopify.app.toml has no [app_proxy]");
      const query = signedProxyQuery({
        shop: shopDomain(input.shop),
        loggedInCustomerId: input.loggedInCustomerId ?? "",
        pathPrefix: proxy.pathPrefix,
        query: input.query,
        timestampSec: input.timestampSec,
        secret: apiSecret,
      });
      return proxiedAppUrl(appUrl, proxy, input.path, query);
    },
    async close() {
      unsubscribe();
      webhooks.close();
      server.closeAllConnections?.();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
