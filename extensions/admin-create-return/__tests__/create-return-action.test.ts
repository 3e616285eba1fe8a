/**
 * The admin action on Shopify's order page, rendered with a fake admin host (happy-dom +
 * the `shopify` global the target gets: data.selected, i18n, close): it links to the app's
 * "Create return" page for that order, in the staff member's language, and never without
 * an order. The locale files have every key in all seven languages.
 */
import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Window } from "happy-dom";
import { afterEach, describe, expect, it, vi } from "vitest";
import { createReturnHref } from "../src/create-return-link";

const LOCALES = fileURLToPath(new URL("../locales/", import.meta.url));
const messages = (lang: string): Record<string, string> => JSON.parse(readFileSync(`${LOCALES}${lang === "en" ? "en.default" : lang}.json`, "utf8"));

let restore: (() => void) | null = null;
afterEach(() => {
  restore?.();
  restore = null;
});

async function mount(lang: string, selected: { id: string }[]) {
  const window = new Window({ url: "https://admin.shopify.com/store/x/orders/5551182" });
  const g = globalThis as Record<string, unknown>;
  const saved = { document: g.document, shopify: g.shopify };
  g.document = window.document;
  const close = vi.fn();
  const text = messages(lang);
  g.shopify = { data: { selected }, close, i18n: { translate: (key: string) => text[key] ?? `missing:${key}` } };
  restore = () => Object.assign(g, saved);
  vi.resetModules();
  const target = (await import("../src/CreateReturnAction")) as { default: () => Promise<void> };
  await target.default();
  return { document: window.document as unknown as Document, close };
}

describe("admin action (admin.order-details.action.render)", () => {
  it("GIVEN an order page WHEN the action opens THEN its primary button links to the app's Create return for that order, in Swedish for a Swedish admin", async () => {
    const { document, close } = await mount("sv", [{ id: "gid://shopify/Order/5551182" }]);
    expect(document.querySelector("s-admin-action")?.getAttribute("heading")).toBe("Skapa retur");
    const open = document.querySelector('s-button[slot="primary-action"]')!;
    expect(open.getAttribute("href")).toBe("app:/app/returns/new?orderId=5551182");
    expect(open.textContent).toBe("Skapa retur");
    (document.querySelector('s-button[slot="secondary-actions"]') as HTMLElement).click();
    expect(close).toHaveBeenCalledTimes(1);
  });

  it("GIVEN no order (or another resource) selected WHEN the action opens THEN there is no link, only an explanation", async () => {
    const { document } = await mount("en", [{ id: "gid://shopify/Product/1" }]);
    expect(document.querySelector('s-button[slot="primary-action"]')).toBeNull();
    expect(document.querySelector("s-paragraph")?.textContent).toBe("Open an order to create a return for it.");
  });

  it("GIVEN ids WHEN turned into links THEN only Shopify order ids make one, and nothing else reaches the URL", () => {
    expect(createReturnHref("gid://shopify/Order/42")).toBe("app:/app/returns/new?orderId=42");
    expect(createReturnHref("gid://shopify/Order/42?x=1")).toBeNull();
    expect(createReturnHref("gid://shopify/Customer/42")).toBeNull();
    expect(createReturnHref(undefined)).toBeNull();
  });

  it("GIVEN the locale files WHEN compared with English THEN all seven languages have every key", () => {
    const files = readdirSync(LOCALES);
    expect(files.sort()).toEqual(["da.json", "de.json", "en.default.json", "fi.json", "nb.json", "nl.json", "sv.json"]);
    const keys = Object.keys(messages("en")).sort();
    for (const lang of ["sv", "da", "nb", "fi", "nl", "de"]) {
      expect(Object.keys(messages(lang)).sort(), lang).toEqual(keys);
      for (const key of keys) expect(messages(lang)[key], `${lang}.${key}`).not.toBe(messages("en")[key]);
    }
  });
});
