/**
 * Settings → the return policy, against the stand-in on both databases: one policy
 * everywhere (the storefront block and the eligibility answer change together), audited
 * versions, conflict-safe saves from two tabs, inline validation that never saves half a
 * policy, and returns that keep the policy they were requested under.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DEFAULT_RETURN_POLICY, type ReturnPolicy } from "~/domain";
import { ReturnsError } from "~/services/context.server";
import { loadPolicyFor, PolicyConflictError } from "~/services/policy.server";
import { ensurePolicyPublished, loadPolicySettings, savePolicySettings } from "~/services/settings.server";
import { lookupForStorefront } from "~/services/storefront.server";
import { createExtensionRenderer } from "../../simulator/platform/storefront/theme-extension";
import { createEngine, type Engine } from "../support/engine";
import { providers } from "../support/test-db";

const renderer = createExtensionRenderer("extensions/returns-portal");
const policyBlock = renderer.extension().blocks.find((b) => b.name === "return-policy")!;
const STAFF = { id: "1", name: "Astrid (staff)" };

function withChanges(change: (p: ReturnPolicy) => void): ReturnPolicy {
  const p = structuredClone(DEFAULT_RETURN_POLICY) as ReturnPolicy;
  change(p);
  return p;
}

describe.each(providers)("policy settings on %s", (provider) => {
  let e: Engine;
  beforeEach(async () => {
    e = await createEngine(provider);
  });
  afterEach(() => e.close());

  async function storefrontBlock(locale = "en") {
    const shop = e.api.getShop(e.shop)!;
    const { html } = await renderer.renderBlock(policyBlock, {
      shop,
      basePath: "/s/nordic-demo",
      locale,
      customer: null,
      path: "/s/nordic-demo/pages/returns",
      host: "127.0.0.1",
    });
    return html;
  }

  /** #1097 was delivered 43 days ago: outside a 30-day window, inside a 45-day one. */
  async function order1097Eligible() {
    const who = { customerLegacyId: null, clientKey: `test-${Math.random()}`, locale: "en" as const };
    const answer = await lookupForStorefront(e.ctx, who, { order: "#1097", email: "johan.svensson@example.com" }, "secret");
    return answer.order.lines.map((l) => l.eligible);
  }

  it("GIVEN a new install WHEN the app is opened THEN the defaults become version 1 and the storefront block shows them", async () => {
    expect(await storefrontBlock()).not.toContain("You can return items within");
    await ensurePolicyPublished(e.ctx);
    const settings = await loadPolicySettings(e.t.db, e.ctx.shop.id);
    expect(settings.version).toBe(1);
    expect(settings.publishedVersion).toBe(1);
    expect(await storefrontBlock()).toContain("You can return items within 30 days of delivery.");
    // Nothing to do on the next visit: no Admin API call.
    e.resetCalls();
    await ensurePolicyPublished(e.ctx);
    expect(e.calls.size).toBe(0);
  });

  it("GIVEN a 30-day window WHEN the merchant saves 45 days, heavy items pickup-only with a fee and a Christmas extension THEN the storefront block and the eligibility answer change together", async () => {
    await ensurePolicyPublished(e.ctx);
    expect(await order1097Eligible()).toEqual([false]);
    expect(await storefrontBlock()).toContain('data-policy-window="30"');

    const result = await savePolicySettings(e.ctx, {
      policy: withChanges((p) => {
        p.windowDays = 45;
        p.returnMethods.homePickup = { enabled: true, requiredAboveGrams: 20000 };
        p.returnShippingFee.byMethod.HOME_PICKUP = { SEK: 9900 };
        p.holidays = [{ name: "Christmas", from: "2026-11-15", to: "2026-12-24", extraDays: null, returnBy: "2027-01-31" }];
      }),
      expectedVersion: 1,
      actor: STAFF,
    });
    expect(result).toMatchObject({ version: 2, published: true });

    const html = await storefrontBlock("sv");
    expect(html).toContain("Du kan returnera varor inom 45 dagar från leveransen.");
    expect(html).toContain("<dd>99,00\u00a0kr Krävs för returer över 20 kg.</dd>");
    expect(html).toContain("Christmas: varor beställda 2026-11-15 – 2026-12-24 kan returneras till och med 2027-01-31.");
    expect(await order1097Eligible()).toEqual([true]);

    // Audited: who, when, what.
    const settings = await loadPolicySettings(e.t.db, e.ctx.shop.id);
    expect(settings.history[0]).toMatchObject({ version: 2, actorName: "Astrid (staff)" });
    expect(settings.history[0]!.changes.map((c) => c.path)).toEqual([
      "holidays",
      "returnMethods.homePickup.enabled",
      "returnMethods.homePickup.requiredAboveGrams",
      "returnShippingFee.byMethod.HOME_PICKUP",
      "windowDays",
    ]);
    expect(settings.history[0]!.changes.find((c) => c.path === "windowDays")).toEqual({ path: "windowDays", before: 30, after: 45 });
  });

  it("GIVEN two tabs opened at the same version WHEN both save at once THEN one version wins whole and the later one is told, with nothing half-saved", async () => {
    await ensurePolicyPublished(e.ctx);
    const a = withChanges((p) => void (p.windowDays = 60));
    const b = withChanges((p) => {
      p.windowDays = 20;
      p.restockingFee.percent = 10;
    });
    const results = await Promise.allSettled([
      savePolicySettings(e.ctx, { policy: a, expectedVersion: 1, actor: { id: "1", name: "Tab A" } }),
      savePolicySettings(e.ctx, { policy: b, expectedVersion: 1, actor: { id: "2", name: "Tab B" } }),
    ]);
    const ok = results.filter((r) => r.status === "fulfilled");
    const refused = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    expect(ok).toHaveLength(1);
    expect(refused).toHaveLength(1);
    expect(refused[0]!.reason).toBeInstanceOf(PolicyConflictError);
    const winner = results[0]!.status === "fulfilled" ? a : b;
    expect((refused[0]!.reason as PolicyConflictError).savedBy).toBe(winner === a ? "Tab A" : "Tab B");

    const settings = await loadPolicySettings(e.t.db, e.ctx.shop.id);
    expect(settings.version).toBe(2);
    expect(settings.policy).toEqual(winner);
    expect(await e.t.db.policyVersion.count({ where: { shopId: e.ctx.shop.id } })).toBe(2);
    expect(await storefrontBlock()).toContain(`data-policy-window="${winner.windowDays}"`);

    // A save from a stale editor (version 1) is refused too.
    await expect(savePolicySettings(e.ctx, { policy: a, expectedVersion: 1, actor: STAFF })).rejects.toBeInstanceOf(PolicyConflictError);
  });

  it("GIVEN nonsense in several fields WHEN saved THEN every field gets its message and nothing is saved", async () => {
    await ensurePolicyPublished(e.ctx);
    const bad = withChanges((p) => {
      p.windowDays = -3;
      p.restockingFee.percent = 150;
      p.resolutions.refund.windowDays = 10; // under the EU 14 days
    });
    const error = await savePolicySettings(e.ctx, { policy: bad, expectedVersion: 1, actor: STAFF }).catch((x) => x);
    expect(error).toBeInstanceOf(ReturnsError);
    expect(error.status).toBe(422);
    const paths = (error.details as { path: string }[]).map((i) => i.path);
    expect(paths).toEqual(expect.arrayContaining(["windowDays", "restockingFee.percent", "resolutions.refund.windowDays"]));
    expect((await loadPolicySettings(e.t.db, e.ctx.shop.id)).version).toBe(1);
  });

  it("GIVEN an unknown collection, a handle instead of an id and an unknown location WHEN saved THEN the ids are refused next to their fields", async () => {
    await ensurePolicyPublished(e.ctx);
    const shop = e.api.store.shop(e.shop);
    const realCollection = shop.collections[0]!.id;
    const policy = withChanges((p) => {
      p.nonReturnable.collectionIds = [realCollection, "gid://shopify/Collection/999999999", "summer"];
      p.returnMethods.inStore = { enabled: true, locationIds: [shop.locations[0]!.id, "gid://shopify/Location/424242424"] };
    });
    const error = await savePolicySettings(e.ctx, { policy, expectedVersion: 1, actor: STAFF }).catch((x) => x);
    expect(error).toBeInstanceOf(ReturnsError);
    const issues = error.details as { path: string; message: string }[];
    expect(issues).toEqual([
      {
        path: "nonReturnable.collectionIds",
        code: "notAnId",
        params: { id: "summer", type: "Collection" },
        message: "“summer” is not a collection id (gid://shopify/Collection/…).",
      },
      {
        path: "nonReturnable.collectionIds",
        code: "unknownId",
        params: { id: "gid://shopify/Collection/999999999", type: "Collection" },
        message: "There is no collection gid://shopify/Collection/999999999 in this shop.",
      },
      {
        path: "returnMethods.inStore.locationIds",
        code: "unknownId",
        params: { id: "gid://shopify/Location/424242424", type: "Location" },
        message: "There is no location gid://shopify/Location/424242424 in this shop.",
      },
    ]);
    expect((await loadPolicySettings(e.t.db, e.ctx.shop.id)).version).toBe(1);
  });

  it("GIVEN Shopify unreachable while saving WHEN the policy is saved THEN it is kept, reported unpublished, and published on the next visit", async () => {
    await ensurePolicyPublished(e.ctx);
    e.api.setFaults(e.shop, { http503Rate: 1 });
    const saved = await savePolicySettings(e.ctx, {
      policy: withChanges((p) => void (p.windowDays = 40)),
      expectedVersion: 1,
      actor: STAFF,
    }).catch((x) => x);
    // Reference checks need Shopify only when ids are entered; this policy has none.
    expect(saved).toMatchObject({ version: 2, published: false });
    expect(await storefrontBlock()).toContain('data-policy-window="30"');
    e.api.setFaults(e.shop, {});
    await ensurePolicyPublished(e.ctx);
    expect(await storefrontBlock()).toContain('data-policy-window="40"');
    expect((await loadPolicySettings(e.t.db, e.ctx.shop.id)).publishedVersion).toBe(2);
  });

  it("GIVEN a return requested under version 1 WHEN the policy changes THEN the return keeps version 1", async () => {
    await ensurePolicyPublished(e.ctx);
    await savePolicySettings(e.ctx, {
      policy: withChanges((p) => void (p.inspectionSlaDays = 9)),
      expectedVersion: 1,
      actor: STAFF,
    });
    expect((await loadPolicyFor(e.t.db, e.ctx.shop.id, 1)).inspectionSlaDays).toBe(3);
    expect((await loadPolicyFor(e.t.db, e.ctx.shop.id, 2)).inspectionSlaDays).toBe(9);
    expect((await loadPolicyFor(e.t.db, e.ctx.shop.id, null)).inspectionSlaDays).toBe(9);
  });
});
