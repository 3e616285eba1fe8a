/**
 * A fake customer-account host for unit tests: a DOM (happy-dom, only `document` is installed
 * globally so Node's fetch/Request stay), the `shopify` global with the API the targets use
 * (session token, order/return id or the Order status `order` signal, extension language,
 * translate from the extension's own locale files, date formatting, close) and a scripted
 * backend behind `fetch`.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Window } from "happy-dom";
import { vi } from "vitest";

const LOCALES = fileURLToPath(new URL("../locales/", import.meta.url));

type Tree = { [key: string]: string | Tree };
const loadLocale = (lang: string): Tree => JSON.parse(readFileSync(`${LOCALES}${lang === "en" ? "en.default" : lang}.json`, "utf8"));

export function translator(lang: string) {
  const primary = loadLocale(lang);
  const fallback = loadLocale("en");
  const lookup = (tree: Tree, key: string) => key.split(".").reduce<string | Tree | undefined>((node, part) => (node && typeof node === "object" ? node[part] : undefined), tree);
  return (key: string, values: Record<string, unknown> = {}) => {
    const template = lookup(primary, key) ?? lookup(fallback, key);
    if (typeof template !== "string") throw new Error(`missing translation ${key}`);
    return template.replace(/{{\s*(\w+)\s*}}/g, (_, name: string) => String(values[name] ?? ""));
  };
}

export interface Backend {
  [pathAndMethod: string]: (body: unknown) => { status?: number; body: unknown };
}

export interface FakeHost {
  document: Document;
  window: Window;
  requests: { method: string; url: string; authorization: string | null; body: unknown }[];
  close: ReturnType<typeof vi.fn>;
  /** Waits until `check` passes (effects and fetches settle on timers). */
  until<T>(check: () => T | null | undefined | false): Promise<T>;
  teardown(): void;
}

export function installFakeHost(options: {
  lang?: string;
  orderId?: string;
  returnId?: string;
  /** Order status targets: the `order` signal's id (action targets get `orderId` instead). */
  order?: string;
  backend: Backend;
  appUrl?: string;
}): FakeHost {
  const window = new Window({ url: "https://shop.example/account/orders" });
  const document = window.document as unknown as Document;
  const g = globalThis as Record<string, unknown>;
  const saved = { document: g.document, shopify: g.shopify, fetch: g.fetch };
  g.document = document;
  const lang = options.lang ?? "en";
  const translate = translator(lang);
  const close = vi.fn();
  g.shopify = {
    orderId: options.orderId,
    returnId: options.returnId,
    ...(options.order ? { order: { value: { id: options.order, name: "#1182" }, subscribe: () => () => {} } } : {}),
    sessionToken: { get: async () => "fake.session.token" },
    localization: { extensionLanguage: { value: { isoCode: lang } }, language: { value: { isoCode: lang } } },
    i18n: {
      translate,
      formatDate: (d: Date, o?: Intl.DateTimeFormatOptions) => new Intl.DateTimeFormat(lang, { timeZone: "UTC", ...o }).format(d),
    },
    close,
  };
  const requests: FakeHost["requests"] = [];
  g.fetch = async (input: string, init: RequestInit = {}) => {
    const url = new URL(input);
    const method = init.method ?? "GET";
    const body = init.body ? JSON.parse(String(init.body)) : null;
    requests.push({ method, url: url.toString(), authorization: new Headers(init.headers).get("authorization"), body });
    const route = `${method} ${url.pathname}`;
    const handler = options.backend[route];
    const answer = handler ? handler(body) : { status: 404, body: { ok: false, error: { code: "ORDER_NOT_FOUND", message: "Not found." } } };
    return new Response(JSON.stringify(answer.body), { status: answer.status ?? 200, headers: { "Content-Type": "application/json" } });
  };
  return {
    document,
    window,
    requests,
    close,
    async until(check) {
      for (let i = 0; i < 200; i++) {
        const value = check();
        if (value) return value;
        await new Promise((r) => setTimeout(r, 5));
      }
      throw new Error(`condition not met; body: ${document.body.innerHTML.slice(0, 2000)}`);
    },
    teardown() {
      Object.assign(g, saved);
      void window.happyDOM.close();
    },
  };
}

/** Sets a control's value the way the host would and fires its change event. */
// The Polaris element types (s-select…) don't extend DOM's Element exactly; take any node.
type AnyNode = unknown;

export function change(node: AnyNode, value: string | boolean | string[]) {
  const el = node as Element;
  const target = el as unknown as Record<string, unknown>;
  if (typeof value === "boolean") target.checked = value;
  else if (Array.isArray(value)) target.values = value;
  else target.value = value;
  el.dispatchEvent(new (el.ownerDocument!.defaultView as unknown as typeof globalThis).Event("change"));
}

export function click(node: AnyNode) {
  const el = node as Element;
  el.dispatchEvent(new (el.ownerDocument!.defaultView as unknown as typeof globalThis).Event("click"));
}

export const text = (node: AnyNode) => ((node as Element | null)?.textContent ?? "").replace(/\s+/g, " ").trim();

let mounted: FakeHost | null = null;

/**
 * Installs the fake host and renders one of the extension's targets (`src/<module>.tsx`) in
 * it, as Shopify would; unmountTarget() (afterEach) tears the host down again.
 */
export async function mountTarget(module: string, setup: Parameters<typeof installFakeHost>[0]): Promise<FakeHost> {
  unmountTarget();
  mounted = installFakeHost(setup);
  const target = (await import(`../src/${module}.tsx`)) as { default: () => Promise<void> };
  await target.default();
  return mounted;
}

export function unmountTarget(): void {
  mounted?.teardown();
  mounted = null;
}
