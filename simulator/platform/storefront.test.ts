/** The stand-in storefront rendering the real theme app extension (extensions/returns-portal). */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EXTENSION_DIR, startHarness, type Harness } from "./testing/harness";
import { formatMoney, loadThemeExtension, translate } from "./storefront/theme-extension";
import { storefrontPolicy, type ReturnPolicy } from "../../app/domain";
import { makePolicy, type DeepPartial } from "../../app/domain/testing/fixtures";

const LOCALES = ["en", "sv", "da", "nb", "fi", "nl", "de"] as const;
const localeFile = (l: string) =>
  JSON.parse(
    readFileSync(
      join(EXTENSION_DIR, "locales", l === "en" ? "en.default.json" : `${l}.json`),
      "utf8",
    ),
  );

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

async function page(path: string, cookie?: string) {
  const res = await fetch(`${h.standIn.url}${path}`, {
    headers: cookie ? { cookie } : {},
    redirect: "manual",
  });
  return { res, html: await res.text() };
}

describe("returns page with the app blocks", () => {
  it.each(LOCALES)(
    "GIVEN locale %s WHEN the returns page renders THEN both blocks are in that language with no missing translation",
    async (locale) => {
      const unpublish = publish("nordic-demo.myshopify.com");
      const { res, html } = await page(`/s/nordic-demo/pages/returns?locale=${locale}`).finally(unpublish);
      const strings = localeFile(locale);
      expect(res.status).toBe(200);
      expect(html).toContain(`<html lang="${locale}">`);
      expect(html).not.toMatch(/Translation missing/);
      expect(html).not.toMatch(/Liquid error/);
      expect(html).toContain(`data-locale="${locale}"`);
      expect(html).toContain(`<h2 class="rp-h">${strings.portal.heading}</h2>`);
      expect(html).toContain(`<h2 class="rp-h">${strings.policy.heading}</h2>`);
      expect(html).toContain(strings.portal.lookup_button);
      expect(html).toContain(strings.policy.eu_heading);
      const i18n = JSON.parse(
        /<script type="application\/json" data-r="i18n">([\s\S]*?)<\/script>/.exec(html)![1]!,
      );
      expect(i18n.orderRequired).toBe(strings.portal.errors.order_required);
      expect(i18n.order).toBe(strings.portal.order_heading.replace("{{ name }}", "%N"));
      expect(res.headers.getSetCookie()).toContain(
        `standin_locale=${locale}; Path=/; SameSite=Lax; HttpOnly`,
      );
    },
  );

  it("GIVEN the page WHEN rendered THEN the schema's stylesheet and javascript are injected once, deferred, and served", async () => {
    const { html } = await page("/s/nordic-demo/pages/returns");
    const css = "/s/nordic-demo/extensions/returns-portal/assets/return-portal.css";
    const js = "/s/nordic-demo/extensions/returns-portal/assets/return-portal.js";
    expect(html.split(`href="${css}"`)).toHaveLength(2);
    expect(html).toContain(`<script src="${js}" defer="defer"></script>`);
    expect(html).not.toMatch(/{%\s*schema/);
    const asset = await fetch(`${h.standIn.url}${js}`);
    expect(asset.headers.get("content-type")).toMatch(/javascript/);
    expect(await asset.text()).toContain("customElements.define('return-portal'");
    expect(
      (
        await fetch(
          `${h.standIn.url}/s/nordic-demo/extensions/returns-portal/assets/..%2F..%2Fshopify.extension.toml`,
        )
      ).status,
    ).toBe(404);
  });

  it("GIVEN the blocks WHEN rendered THEN they sit in Shopify's app-block wrapper and every id carries the block id", async () => {
    const { html } = await page("/s/nordic-demo/pages/returns");
    const blockIds = [
      ...html.matchAll(/id="shopify-block-([^"]+)" class="shopify-block shopify-app-block"/g),
    ].map((m) => m[1]!);
    expect(blockIds).toHaveLength(2);
    const ids = [...html.matchAll(/\sid="([^"]+)"/g)]
      .map((m) => m[1]!)
      .filter((id) => id.startsWith("rp-"));
    expect(ids.length).toBeGreaterThan(5);
    for (const id of ids) expect(blockIds.some((b) => id.endsWith(b))).toBe(true);
    const blockLabels = [...html.matchAll(/<label for="(rp-[^"]+)"/g)].map((m) => m[1]!);
    expect(blockLabels.length).toBeGreaterThanOrEqual(3);
    for (const target of blockLabels) expect(ids).toContain(target);
  });

  it("GIVEN a guest WHEN the portal renders THEN it asks for order number and email and offers to log in", async () => {
    const { html } = await page("/s/nordic-demo/pages/returns?locale=en");
    expect(html).toContain('name="email"');
    expect(html).toContain('<a href="/s/nordic-demo/account/login">Log in</a>');
  });

  it("GIVEN a logged-in customer WHEN the portal renders THEN it greets them and asks only for the order number", async () => {
    const { html } = await page(
      "/s/nordic-demo/pages/returns?locale=en",
      `standin_customer=${encodeURIComponent("nordic-demo.myshopify.com|7001")}`,
    );
    expect(html).toContain("Hi Astrid!");
    expect(html).not.toContain('name="email"');
    expect(html).toContain("Log out");
  });

  /** What the app's Settings publishes (app/domain/storefront-policy.ts) to `app.metafields.returns.policy`. */
  function publish(domain: string, change: DeepPartial<ReturnPolicy> = {}) {
    const shop = h.admin.getShop(domain)!;
    shop.appMetafields = {
      returns: { policy: { type: "json", value: JSON.stringify(storefrontPolicy(makePolicy(change), 2)) } },
    };
    return () => delete shop.appMetafields;
  }

  it("GIVEN the app's published policy WHEN rendered in sv and en THEN window, fees in the shop currency and options read naturally", async () => {
    const unpublish = publish("nordic-demo.myshopify.com", {
      returnShippingFee: { byMethod: { HOME_PICKUP: { SEK: 4900 } } },
      returnMethods: { homePickup: { enabled: true, requiredAboveGrams: 20000 } },
      storeCredit: { bonusPercent: 10 },
    });
    try {
      const sv = (await page("/s/nordic-demo/pages/returns?locale=sv&blocks=return-policy")).html;
      expect(sv).toContain("Du kan returnera varor inom 30 dagar från leveransen.");
      expect(sv).toContain("<dd>Kostnadsfritt</dd>");
      expect(sv).toContain("<dd>49,00\u00a0kr Krävs för returer över 20 kg.</dd>");
      expect(sv).toContain("Välj tillgodohavande och få 10 % extra.");
      expect(sv).toContain("Returen är kostnadsfri när du byter.");
      expect(sv).toContain("Presentkort kan inte returneras.");
      expect(sv).toContain("Ångerrätt");
      expect(sv).not.toContain("rp-lookup");
      const en = (await page("/s/nordic-demo/pages/returns?locale=en&blocks=return-policy")).html;
      expect(en).toContain("<dd>SEK\u00a049.00 Required for returns over 20 kg.</dd>");
    } finally {
      unpublish();
    }
  });

  it("GIVEN a policy with a holiday extension, no refunds and a 1-day window WHEN rendered THEN the block follows it (singular, holiday, no refund line)", async () => {
    const unpublish = publish("nordic-demo.myshopify.com", {
      windowDays: 1,
      eu: { enabled: false },
      resolutions: { refund: { offered: false } },
      holidays: [{ name: "Christmas", from: "2026-11-15", to: "2026-12-24", extraDays: null, returnBy: "2027-01-31" }],
    });
    try {
      const { html } = await page("/s/nordic-demo/pages/returns?locale=en&blocks=return-policy");
      expect(html).toContain('data-policy-window="1"');
      expect(html).toContain("You can return items within 1 day of delivery.");
      expect(html).toContain("Christmas: items ordered 2026-11-15 – 2026-12-24 can be returned until 2027-01-31.");
      expect(html).not.toContain("We refund within");
      expect(html).not.toContain("Right of withdrawal");
    } finally {
      unpublish();
    }
  });

  it("GIVEN merchant wording in the block settings WHEN rendered THEN heading and extra text are the merchant's; policy numbers are not block settings", async () => {
    const unpublish = publish("nordic-demo.myshopify.com");
    h.standIn.storefront.setBlockSettings("nordic-demo", "return-policy", {
      window_days: 1,
      heading: "Our promise",
      extra_text: "<p>Call us any time.</p>",
    });
    try {
      const { html } = await page("/s/nordic-demo/pages/returns?locale=en&blocks=return-policy");
      expect(html).toContain("Our promise");
      expect(html).toContain("<p>Call us any time.</p>");
      // A stale number in the block's settings can't override what the app enforces.
      expect(html).toContain("You can return items within 30 days of delivery.");
    } finally {
      h.standIn.storefront.setBlockSettings("nordic-demo", "return-policy", {});
      unpublish();
    }
  });

  it("GIVEN no published policy yet WHEN rendered THEN only the merchant's wording shows, never made-up numbers", async () => {
    const { html } = await page("/s/nordic-demo/pages/returns?locale=en&blocks=return-policy");
    expect(html).toContain("Return policy");
    expect(html).not.toContain("You can return items within");
    expect(html).not.toMatch(/Liquid error|Translation missing/);
  });

  it("GIVEN a shop in EUR WHEN the policy renders in nl THEN fees are euros", async () => {
    const unpublish = publish("dutch-demo.myshopify.com", { returnShippingFee: { byMethod: { DROP_OFF: { EUR: 495 } } } });
    try {
      const { html } = await page("/s/dutch-demo/pages/returns?locale=nl&blocks=return-policy");
      expect(html).toContain("<dd>€\u00a04,95</dd>");
    } finally {
      unpublish();
    }
  });

  it("GIVEN no locale parameter WHEN the shop's primary locale has a translation THEN that language is used; the cookie wins later", async () => {
    expect((await page("/s/dutch-demo/pages/returns")).html).toContain('<html lang="nl">');
    expect((await page("/s/dutch-demo/pages/returns", "standin_locale=de")).html).toContain(
      '<html lang="de">',
    );
    expect(
      (await page("/s/dutch-demo/pages/returns?locale=xx", "standin_locale=de")).html,
    ).toContain('<html lang="de">');
  });
});

describe("storefront pages and customer login", () => {
  it("GIVEN the home page WHEN opened THEN it links to the returns page, has a language switcher and sets the shop cookie", async () => {
    const { res, html } = await page("/s/nordic-demo/");
    expect(html).toContain('href="/s/nordic-demo/pages/returns"');
    for (const l of LOCALES) expect(html).toContain(`<option value="${l}"`);
    expect(
      res.headers
        .getSetCookie()
        .some((c) => c.startsWith("standin_shop=nordic-demo.myshopify.com")),
    ).toBe(true);
  });

  it("GIVEN the login page WHEN opened THEN it lists the shop's seeded customers", async () => {
    const { html } = await page("/s/nordic-demo/account/login");
    expect(html).toContain("Log in as Astrid Lindqvist");
    expect(html).toContain("Log in as Jonas Madsen");
    expect(html).not.toContain("Sanne");
  });

  it("GIVEN a customer picked on the login page WHEN posted THEN a customer cookie is set and the shopper is sent back; logout clears it", async () => {
    const res = await fetch(`${h.standIn.url}/s/nordic-demo/account/login`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "customer_id=7002&return_to=%2Fs%2Fnordic-demo%2Fpages%2Freturns",
      redirect: "manual",
    });
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/s/nordic-demo/pages/returns");
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith("standin_customer="))!;
    expect(decodeURIComponent(cookie.split(";")[0]!.split("=")[1]!)).toBe(
      "nordic-demo.myshopify.com|7002",
    );

    const out = await fetch(`${h.standIn.url}/s/nordic-demo/account/logout`, {
      redirect: "manual",
    });
    expect(out.headers.getSetCookie().find((c) => c.startsWith("standin_customer="))).toMatch(
      /Max-Age=0/,
    );
  });

  it("GIVEN an open redirect attempt WHEN logging in THEN the shopper stays on the storefront", async () => {
    const res = await fetch(`${h.standIn.url}/s/nordic-demo/account/login`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "customer_id=7001&return_to=https%3A%2F%2Fevil.example",
      redirect: "manual",
    });
    expect(res.headers.get("location")).toBe("/s/nordic-demo/pages/returns");
  });

  it("GIVEN an unknown shop WHEN its storefront is opened THEN 404", async () => {
    expect((await page("/s/nope/")).res.status).toBe(404);
  });
});

describe("Liquid helpers", () => {
  const ext = loadThemeExtension(EXTENSION_DIR);

  it("GIVEN a key missing in sv WHEN translating THEN it falls back to en.default; a missing key everywhere says so", () => {
    const patched = { ...ext, locales: { ...ext.locales, sv: {} } };
    expect(translate(patched, "sv", "portal.heading")).toBe("Start a return");
    expect(translate(ext, "sv", "portal.nope")).toBe("Translation missing: sv.portal.nope");
  });

  it("GIVEN interpolation WHEN the key is plain THEN values are escaped; _html keys keep them raw", () => {
    expect(translate(ext, "en", "portal.intro_customer", { name: "<b>A</b>" })).toBe(
      "Hi &lt;b&gt;A&lt;/b&gt;! Enter the number of the order you want to return items from.",
    );
    expect(translate(ext, "en", "portal.login_prompt_html", { url: "/x?a=1&b=2" })).toContain(
      '<a href="/x?a=1&b=2">',
    );
  });

  it("GIVEN count WHEN translating a pluralized key THEN the right form is chosen", () => {
    expect(translate(ext, "de", "policy.window", { count: 1 })).toContain("1 Tag nach");
    expect(translate(ext, "de", "policy.window", { count: 30 })).toContain("30 Tagen");
  });

  it("GIVEN cents WHEN formatting money THEN it follows Shopify's ×100 rule in every currency", () => {
    expect(formatMoney(4900, "SEK", "sv")).toBe("49,00\u00a0kr");
    expect(formatMoney(4900, "EUR", "de", true)).toBe("49,00\u00a0€ EUR");
    expect(formatMoney(100000, "JPY", "en")).toBe("¥1,000");
  });
});
