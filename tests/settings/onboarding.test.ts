/** The home page's setup checklist reads real state on both databases. */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DEFAULT_RETURN_POLICY } from "~/domain";
import { onboardingStatus, themeEditorDeepLink } from "~/services/onboarding.server";
import { ensurePolicyPublished, savePolicySettings } from "~/services/settings.server";
import { createEngine, type Engine } from "../support/engine";
import { providers } from "../support/test-db";

describe.each(providers)("onboarding checklist on %s", (provider) => {
  let e: Engine;
  beforeEach(async () => {
    e = await createEngine(provider);
  });
  afterEach(() => e.close());

  it("GIVEN a fresh install WHEN the owner works through the list THEN each item turns done only when its real state changes", async () => {
    const shop = { id: e.ctx.shop.id, domain: e.shop };
    expect(await onboardingStatus(e.t.db, shop)).toEqual({ policyReviewed: false, storefrontCurrent: false, returnPageLive: false, testReturnDone: false });

    await ensurePolicyPublished(e.ctx); // what opening the app does
    expect(await onboardingStatus(e.t.db, shop)).toMatchObject({ policyReviewed: false, storefrontCurrent: true });

    await savePolicySettings(e.ctx, { policy: { ...DEFAULT_RETURN_POLICY, windowDays: 45 }, expectedVersion: 1, actor: { id: "1", name: "Owner" } });
    expect(await onboardingStatus(e.t.db, shop)).toMatchObject({ policyReviewed: true, storefrontCurrent: true, returnPageLive: false });

    // A guest lookup through the app proxy leaves a rate-limit counter for the shop.
    await e.t.db.rateLimit.create({ data: { key: "k", shop: e.shop, windowStart: new Date(), count: 1 } });
    expect(await onboardingStatus(e.t.db, shop)).toMatchObject({ returnPageLive: true, testReturnDone: false });
  });

  it("GIVEN the app's api key WHEN linking to the theme editor THEN the portal block is preselected in a new apps section of a page template", () => {
    const url = new URL(themeEditorDeepLink("nordic-demo.myshopify.com", "abc123"));
    expect(url.origin + url.pathname).toBe("https://nordic-demo.myshopify.com/admin/themes/current/editor");
    expect(Object.fromEntries(url.searchParams)).toEqual({ template: "page", addAppBlockId: "abc123/return-portal", target: "newAppsSection" });
  });
});
