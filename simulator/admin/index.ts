/**
 * The offline Shopify Admin API stand-in: `createAdminApi()` gives the platform half
 * (simulator/platform/) the `AdminApi` of contracts.ts — HTTP handling of
 * POST /admin/api/2026-10/graphql.json on Shopify's official schema, installs and tokens,
 * events for webhooks, faults and plans — plus test helpers (store access, direct GraphQL
 * calls, bucket control, reset).
 */
import { createStagedUploads, type StagedFile } from "./staged-uploads";
import { appMetafieldsForLiquid } from "./app-installation";
import { createHash } from "node:crypto";
import { ADMIN_API_VERSION } from "../../app/shopify/api-version";
import type {
  AdminApi,
  FaultSettings,
  PlanPreset,
  StandInCustomer,
  StandInEvent,
  StandInShopInfo,
} from "../contracts";
import {
  createNordicDemoShop,
  createTinyShop,
  DEFAULT_SEED,
  NORDIC_DEMO_DOMAIN,
  OTHER_SHOP_DOMAIN,
} from "../seed/index";
import { LeakyBucket, PLAN_PRESETS, type ThrottleStatus } from "./bucket";
import type { ResolverContext } from "./context";
import { runGraphql } from "./execute";
import { FaultInjector, type AdminFaultSettings } from "./faults";
import { legacyId } from "./gid";
import type { OrderRec, ReturnReasonDefinitionRec, ShopState } from "./model";
import type { OpsContext } from "./operations";
import { createOrder, type OrderSpec } from "./order-builder";
import { redeemDiscountCodes } from "./discounts";
import { orderPayload } from "./events";
import { getSchema, expandScopes } from "./schema-meta";
import { buildReturnReasons, findOrderByName, fxFor, isoNow } from "./store";

export type ShopSeedKind = "nordic" | "tiny";

export interface ShopSpec {
  domain: string;
  seed: ShopSeedKind;
  name?: string;
  currencyCode?: string;
}

export interface CreateAdminApiOptions {
  /** Injectable clock for timestamps, bucket refill and seeding. Default: real time. */
  now?: () => Date;
  /** "Now" the seed's relative dates hang from. Default: now() at creation. */
  seedNow?: Date | string;
  /** PRNG seed of the demo data. */
  seed?: number;
  /** Shops to create. Default: nordic-demo (full seed) and other-shop (tiny seed). */
  shops?: ShopSpec[];
  /** Plan preset for every shop's bucket (setPlan changes one shop). Default "standard". */
  plan?: PlanPreset;
  /** Close returns automatically once returnProcess has processed everything. Default false. */
  autoCloseOnProcess?: boolean;
  /**
   * Cap a returnProcess refund at the return's unrefunded net (a stricter rule than Shopify
   * documents; BEHAVIOUR.returnRefundCap). Default false: the cap is what the order paid.
   */
  strictReturnRefundCap?: boolean;
  /** Hide orders older than 60 days from apps without read_all_orders, as Shopify does. Default false. */
  enforceOrderAge?: boolean;
  /** installApp for an unknown shop creates it with the tiny seed. Default true. */
  autoCreateShops?: boolean;
  /** Protected customer data approval for every shop (setProtectedCustomerData per shop). Default true. */
  protectedCustomerData?: boolean;
  /** Waiting used by timeout faults (tests may inject a fake). */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

export interface GraphqlCallResult {
  status: number;
  headers: Headers;
  body: Record<string, unknown> | null;
}

interface Install {
  shop: string;
  token: string;
  scopes: string[];
  grants: Set<string>;
  installNumber: number;
}

export interface AdminApiInstance extends AdminApi {
  setFaults(shop: string | "*", faults: AdminFaultSettings): void;
  /** The in-memory store (records of model.ts). Mutate only in tests. */
  readonly store: {
    shops: Map<string, ShopState>;
    reasons: ReturnReasonDefinitionRec[];
    shop(domain: string): ShopState;
  };
  /** Recreate every shop from its seed; clear buckets, faults, idempotency keys and the event log. Installs survive unless `installs: true`. */
  reset(opts?: { installs?: boolean }): void;
  /** Add (or replace) a shop with the given seed. */
  addShop(spec: ShopSpec): StandInShopInfo;
  /** Test helper: install the app (if needed) with these scopes and return the offline token. */
  createToken(shop: string, scopes: string[]): string;
  tokenFor(shop: string): string | null;
  /**
   * Test helper: accept a token of your choosing for a shop (e.g. the "shpat_test" a test put
   * in its session storage). Installs the app if needed; the shop's previous token stops working.
   */
  registerToken(shop: string, token: string, scopes: string[]): void;
  /** Test helper: POST a GraphQL document for a shop through handleGraphql (same path as HTTP). */
  graphql(
    shop: string,
    query: string,
    variables?: Record<string, unknown>,
    opts?: { token?: string; operationName?: string; signal?: AbortSignal },
  ): Promise<GraphqlCallResult>;
  handleStagedUpload(request: Request): Promise<Response>;
  /** Files uploaded to staged upload targets of a shop (what Shopify received), oldest first. */
  stagedFiles(shop: string): StagedFile[];
  /** Events emitted so far, oldest first (the most recent 5000). */
  readonly events: StandInEvent[];
  /** The live order record by name ("#1182") in a shop. */
  order(shop: string, name: string): OrderRec;
  /** Build an extra order in a shop (tests that need exact numbers). */
  createOrder(shop: string, spec: OrderSpec): OrderRec;
  /** Operations context for a shop (direct, event-emitting access to the business logic). */
  opsContext(shop: string): OpsContext;
  /**
   * The merchant edits the store's details in Settings (name, currency): the shop changes
   * and shop/update goes out with the REST-style shop resource (a subset; see README's guesses).
   */
  updateShop(shop: string, change: { name?: string; currencyCode?: string }): void;
  throttleStatus(shop: string): ThrottleStatus;
  setBucketAvailable(shop: string, points: number): void;
  setProtectedCustomerData(shop: string, approved: boolean): void;
  now(): Date;
  readonly seedNow: Date;
  readonly apiVersion: string;
}

/** The in-memory event log keeps the most recent events only (long demo runs). */
const EVENT_LOG_MAX = 5000;

const INVALID_TOKEN_BODY = {
  errors: "[API] Invalid API key or access token (unrecognized login or wrong password)",
};

function jsonResponse(
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "X-Shopify-API-Version": ADMIN_API_VERSION,
      ...headers,
    },
  });
}

/**
 * A response whose body fails while it is read: fetch() callers get a network error (as when
 * the connection drops mid-answer); the HTTP server destroys the socket (platform/http.ts).
 */
export function droppedConnection(): Response {
  return new Response(
    new ReadableStream({
      start(controller) {
        controller.error(Object.assign(new Error("socket hang up"), { code: "ECONNRESET" }));
      },
    }),
    { status: 200, headers: { "Content-Type": "application/json" } },
  );
}

function defaultSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted)
      return reject(signal.reason ?? new DOMException("The operation was aborted.", "AbortError"));
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason ?? new DOMException("The operation was aborted.", "AbortError"));
    };
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

function tokenFor(shop: string, installNumber: number): string {
  return `shpat_${createHash("sha256").update(`stand-in:${shop}:${installNumber}`).digest("hex").slice(0, 32)}`;
}

export function createAdminApi(options: CreateAdminApiOptions = {}): AdminApiInstance {
  getSchema(); // load once per process (cached module-level)
  const clock = options.now ?? (() => new Date());
  const seedNow = options.seedNow ? new Date(options.seedNow) : clock();
  const seed = options.seed ?? DEFAULT_SEED;
  const reasons = buildReturnReasons();
  const specs: ShopSpec[] = options.shops ?? [
    { domain: NORDIC_DEMO_DOMAIN, seed: "nordic" },
    { domain: OTHER_SHOP_DOMAIN, seed: "tiny" },
  ];
  const shops = new Map<string, ShopState>();
  const buckets = new Map<string, LeakyBucket>();
  const plans = new Map<string, PlanPreset>();
  const faults = new Map<string, FaultInjector>();
  const protectedData = new Map<string, boolean>();
  const installs = new Map<string, Install>();
  const tokens = new Map<string, Install>();
  const installCounts = new Map<string, number>();
  const listeners = new Set<(e: StandInEvent) => void>();
  const events: StandInEvent[] = [];
  let eventSeq = 0;
  const sleep = options.sleep ?? defaultSleep;
  const stagedUploads = createStagedUploads(clock);

  function buildShop(spec: ShopSpec): ShopState {
    return spec.seed === "nordic"
      ? createNordicDemoShop({ seedNow, seed, reasons })
      : createTinyShop(spec.domain, {
          seedNow,
          seed,
          reasons,
          name: spec.name,
          currencyCode: spec.currencyCode,
        });
  }

  function buildAll(): void {
    shops.clear();
    for (const spec of specs) shops.set(spec.domain, buildShop(spec));
  }
  buildAll();

  function requireShop(domain: string): ShopState {
    const s = shops.get(domain);
    if (!s) throw new Error(`stand-in: unknown shop ${domain}`);
    return s;
  }

  function bucketOf(domain: string): LeakyBucket {
    let b = buckets.get(domain);
    if (!b) {
      const p = PLAN_PRESETS[plans.get(domain) ?? options.plan ?? "standard"];
      b = new LeakyBucket(p.maximumAvailable, p.restoreRate, clock().getTime());
      buckets.set(domain, b);
    }
    return b;
  }

  function emitFor(domain: string, queue?: StandInEvent[]) {
    return (topic: string, payload: Record<string, unknown>) => {
      eventSeq++;
      const shopState = shops.get(domain);
      const prefix = (shopState?.idPrefix ?? 0).toString(16).padStart(4, "0");
      const event: StandInEvent = {
        shop: domain,
        topic,
        payload,
        eventId: `${prefix}e000-0000-4000-8000-${eventSeq.toString(16).padStart(12, "0")}`,
        triggeredAt: isoNow(clock()),
      };
      if (queue) queue.push(event);
      else deliver([event]);
    };
  }

  function deliver(batch: StandInEvent[]): void {
    for (const e of batch) {
      events.push(e);
      if (events.length > EVENT_LOG_MAX) events.splice(0, events.length - EVENT_LOG_MAX);
      for (const l of [...listeners]) {
        try {
          l(e);
        } catch {
          // A failing listener must not break the Admin API; the platform logs its own errors.
        }
      }
    }
  }

  function opsContextFor(domain: string, queue?: StandInEvent[]): OpsContext {
    return {
      shop: requireShop(domain),
      reasons,
      now: clock,
      emit: emitFor(domain, queue),
      stagedFile: (url) => stagedUploads.fileAt(domain, url),
      autoCloseOnProcess: Boolean(options.autoCloseOnProcess),
      strictReturnRefundCap: Boolean(options.strictReturnRefundCap),
    };
  }

  function faultFor(domain: string | null): FaultInjector | undefined {
    return (domain ? faults.get(domain) : undefined) ?? faults.get("*");
  }

  function shopInfo(s: ShopState): StandInShopInfo {
    return {
      domain: s.info.myshopifyDomain,
      name: s.info.name,
      currencyCode: s.info.currencyCode,
      primaryLocale: s.info.primaryLocale,
      appMetafields: appMetafieldsForLiquid(s),
      customers: s.customers.map((c): StandInCustomer => ({
        id: c.id,
        legacyId: String(legacyId(c.id)),
        email: c.emailAddress,
        firstName: c.firstName,
        lastName: c.lastName,
        locale: c.locale,
      })),
    };
  }

  function install(shop: string, scopes: string[]): Install {
    if (!shops.has(shop)) {
      if (options.autoCreateShops === false) throw new Error(`stand-in: unknown shop ${shop}`);
      const spec: ShopSpec = { domain: shop, seed: "tiny" };
      specs.push(spec);
      shops.set(shop, buildShop(spec));
    }
    const clean = [
      ...new Set(
        scopes
          .flatMap((s) => s.split(","))
          .map((s) => s.trim())
          .filter(Boolean),
      ),
    ];
    const existing = installs.get(shop);
    if (existing) {
      existing.scopes = clean;
      existing.grants = expandScopes(clean);
      return existing;
    }
    const n = (installCounts.get(shop) ?? 0) + 1;
    installCounts.set(shop, n);
    const inst: Install = {
      shop,
      token: tokenFor(shop, n),
      scopes: clean,
      grants: expandScopes(clean),
      installNumber: n,
    };
    installs.set(shop, inst);
    tokens.set(inst.token, inst);
    return inst;
  }

  async function handleGraphql(request: Request): Promise<Response> {
    const url = new URL(request.url);
    const m = /^\/admin\/api\/([^/]+)\/graphql\.json$/.exec(url.pathname);
    if (!m) return jsonResponse(404, { errors: "Not Found" });
    if (request.method !== "POST")
      return jsonResponse(405, { errors: "Method Not Allowed" }, { Allow: "POST" });
    if (m[1] !== ADMIN_API_VERSION) {
      return jsonResponse(404, {
        errors: `API version ${m[1]} is not served by the offline stand-in (only ${ADMIN_API_VERSION}).`,
      });
    }
    const token = request.headers.get("X-Shopify-Access-Token");
    const inst = token ? tokens.get(token) : undefined;
    if (!inst) return jsonResponse(401, INVALID_TOKEN_BODY);
    if (url.hostname.endsWith(".myshopify.com") && url.hostname !== inst.shop)
      return jsonResponse(401, INVALID_TOKEN_BODY);
    const shopState = shops.get(inst.shop);
    if (!shopState) return jsonResponse(401, INVALID_TOKEN_BODY);

    const decision = faultFor(inst.shop)?.decide() ?? { kind: "none" as const };
    switch (decision.kind) {
      case "http429":
        return jsonResponse(
          429,
          {
            errors:
              "Exceeded 2 calls per second for api client. Reduce request rates to resume uninterrupted service.",
          },
          { "Retry-After": "1" },
        );
      case "http503":
        return jsonResponse(503, { errors: "Service Unavailable" }, { "Retry-After": "1" });
      case "http5xx":
        return jsonResponse(decision.status, {
          errors:
            decision.status === 500
              ? "Internal Server Error"
              : decision.status === 502
                ? "Bad Gateway"
                : "Gateway Timeout",
        });
      case "timeout":
        await sleep(decision.ms ?? 600_000, request.signal);
        return jsonResponse(504, { errors: "Gateway Timeout" });
      default:
        break;
    }

    let payload: { query?: unknown; variables?: unknown; operationName?: unknown };
    try {
      const text = await request.text();
      const type = request.headers.get("Content-Type") ?? "";
      if (type.includes("application/graphql")) payload = { query: text };
      else payload = JSON.parse(text);
      if (!payload || typeof payload !== "object") throw new Error("not an object");
    } catch {
      return jsonResponse(400, { errors: { query: "Required parameter missing or invalid" } });
    }

    const queue: StandInEvent[] = [];
    const ops = opsContextFor(inst.shop, queue);
    const makeContext = (): ResolverContext => ({
      shop: shopState,
      reasons,
      grants: inst.grants,
      protectedCustomerData: protectedData.get(inst.shop) ?? options.protectedCustomerData ?? true,
      enforceOrderAge: Boolean(options.enforceOrderAge),
      ops,
      requestOrigin: url.origin,
      stagedUploads,
      now: clock,
      actualCost: 0,
      searchWarnings: [],
    });
    const result = runGraphql(payload, {
      shop: shopState,
      bucket: bucketOf(inst.shop),
      nowMs: () => clock().getTime(),
      makeContext,
    });
    deliver(queue);
    if (decision.kind === "afterExecute") {
      // The request ran; its answer never arrives. Shopify's side of a dropped connection or
      // a client timeout looks like this: the caller sees a transport error, not a status
      // code, so it cannot know whether the mutation ran (the case the app must reconcile).
      // With timeoutMs set, the answer is first held back that long (a timeout after execution).
      if (decision.waitMs) await sleep(decision.waitMs, request.signal).catch(() => undefined);
      return droppedConnection();
    }
    return jsonResponse(200, result.body, {
      "X-Request-Id": `stand-in-${eventSeq}-${Date.now().toString(36)}`,
    });
  }

  const api: AdminApiInstance = {
    apiVersion: ADMIN_API_VERSION,
    seedNow,
    handleGraphql,
    installApp(shop, scopes) {
      const inst = install(shop, scopes);
      return { accessToken: inst.token, scope: inst.scopes.join(",") };
    },
    uninstallApp(shop) {
      const inst = installs.get(shop);
      if (!inst) return;
      installs.delete(shop);
      tokens.delete(inst.token);
    },
    onEvent(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    listShops() {
      return [...shops.values()].map(shopInfo);
    },
    getShop(domain) {
      const s = shops.get(domain);
      return s ? shopInfo(s) : null;
    },
    setFaults(shop, f: AdminFaultSettings | FaultSettings) {
      const active = Object.entries(f).some(
        ([k, v]) => k.endsWith("Rate") && typeof v === "number" && v > 0,
      );
      if (active) faults.set(shop, new FaultInjector(f));
      else faults.delete(shop);
    },
    setPlan(shop, plan) {
      plans.set(shop, plan);
      bucketOf(shop).setPlan(plan, clock().getTime());
    },
    store: {
      shops,
      reasons,
      shop: requireShop,
    },
    handleStagedUpload: (request) => stagedUploads.handle(request),
    stagedFiles: (shop) => stagedUploads.files(shop),
    reset(opts) {
      buildAll();
      stagedUploads.clear();
      buckets.clear();
      faults.clear();
      events.length = 0;
      if (opts?.installs) {
        installs.clear();
        tokens.clear();
      }
    },
    addShop(spec) {
      const existing = specs.findIndex((s) => s.domain === spec.domain);
      if (existing >= 0) specs[existing] = spec;
      else specs.push(spec);
      const s = buildShop(spec);
      shops.set(spec.domain, s);
      return shopInfo(s);
    },
    createToken(shop, scopes) {
      return install(shop, scopes).token;
    },
    tokenFor(shop) {
      return installs.get(shop)?.token ?? null;
    },
    registerToken(shop, token, scopes) {
      const inst = install(shop, scopes);
      const holder = tokens.get(token);
      if (holder && holder !== inst)
        throw new Error(`stand-in: token already belongs to ${holder.shop}`);
      tokens.delete(inst.token);
      inst.token = token;
      tokens.set(token, inst);
    },
    async graphql(shop, query, variables, opts) {
      const token = opts?.token ?? installs.get(shop)?.token ?? "";
      const res = await handleGraphql(
        new Request(`https://${shop}/admin/api/${ADMIN_API_VERSION}/graphql.json`, {
          method: "POST",
          headers: { "Content-Type": "application/json", "X-Shopify-Access-Token": token },
          body: JSON.stringify({
            query,
            variables: variables ?? {},
            operationName: opts?.operationName,
          }),
          signal: opts?.signal,
        }),
      );
      const text = await res.text();
      let body: Record<string, unknown> | null = null;
      try {
        body = JSON.parse(text);
      } catch {
        body = null;
      }
      return { status: res.status, headers: res.headers, body };
    },
    get events() {
      return events;
    },
    order(shop, name) {
      const o = findOrderByName(requireShop(shop), name);
      if (!o) throw new Error(`stand-in: no order ${name} in ${shop}`);
      return o;
    },
    createOrder(shop, spec) {
      const s = requireShop(shop);
      if (spec.currency && !fxFor(s, spec.currency))
        throw new Error(`stand-in: ${spec.currency} is not enabled for ${shop}`);
      // A new order as a shopper's checkout makes it: codes the stand-in created are checked
      // and counted, and orders/create goes out (the seed's orders emit nothing).
      const ctx = opsContextFor(shop);
      const codes = [spec.orderDiscount?.code, spec.lineDiscount?.code].filter((x): x is string => Boolean(x));
      if (codes.length) {
        // Before discounts, in the shop currency (presentment prices are not converted: a guess).
        const estimate = spec.lines.reduce((sum, l) => {
          const v = s.nodes.get(l.variantId) as { prices?: Record<string, number> } | undefined;
          return sum + (l.unitPrice ?? v?.prices?.[s.info.currencyCode] ?? 0) * l.quantity;
        }, 0);
        redeemDiscountCodes(s, clock(), { codes, customerId: spec.customerId ?? null, subtotalShopMinor: estimate });
      }
      const order = createOrder(ctx, spec);
      ctx.emit("orders/create", orderPayload(s, order));
      return order;
    },
    opsContext(shop) {
      return opsContextFor(shop);
    },
    updateShop(shop, change) {
      const s = requireShop(shop);
      if (change.name !== undefined) s.info.name = change.name;
      if (change.currencyCode !== undefined) s.info.currencyCode = change.currencyCode;
      const i = s.info;
      opsContextFor(shop).emit("shop/update", {
        id: Number(legacyId(i.id)),
        name: i.name,
        email: i.email,
        customer_email: i.contactEmail,
        domain: i.primaryDomainHost,
        myshopify_domain: i.myshopifyDomain,
        currency: i.currencyCode,
        iana_timezone: i.ianaTimezone,
        primary_locale: i.primaryLocale,
        country_code: i.countryCode,
        taxes_included: i.taxesIncluded,
        shop_owner: i.shopOwnerName,
        created_at: i.createdAt,
        updated_at: isoNow(clock()),
      });
    },
    throttleStatus(shop) {
      return bucketOf(shop).status(clock().getTime());
    },
    setBucketAvailable(shop, points) {
      bucketOf(shop).setAvailable(points, clock().getTime());
    },
    setProtectedCustomerData(shop, approved) {
      protectedData.set(shop, approved);
    },
    now: clock,
  };
  return api;
}

export { NORDIC_DEMO_DOMAIN, OTHER_SHOP_DOMAIN } from "../seed/index";
export { RULES, BEHAVIOUR, rulesMarkdownTable } from "./rules";
export { PLAN_PRESETS } from "./bucket";
export type { AdminFaultSettings } from "./faults";
export type { OrderSpec } from "./order-builder";
