/**
 * The home page's setup checklist for a new store owner. Every item is checked against the
 * real state, never a "mark as done" flag:
 *   - policy reviewed: a staff member has saved the policy (a PolicyVersion with an actor);
 *   - storefront up to date: the policy Shopify shows (app-data metafield) is the saved one;
 *   - return page live: a shopper request has reached the app through the app proxy (a guest
 *     lookup is rate-limited per shop, a shopper return is recorded), which also proves the
 *     proxy is reachable;
 *   - test return walked through: a return has been refunded (processed) or closed.
 */
import type { Db } from "~/db.server";

export interface OnboardingStatus {
  policyReviewed: boolean;
  storefrontCurrent: boolean;
  returnPageLive: boolean;
  testReturnDone: boolean;
}

export async function onboardingStatus(db: Db, shop: { id: string; domain: string }): Promise<OnboardingStatus> {
  const [reviewed, policy, lookups, shopperReturn, finished] = await Promise.all([
    db.policyVersion.findFirst({ where: { shopId: shop.id, actorId: { not: null } }, select: { id: true } }),
    db.returnPolicy.findUnique({ where: { shopId: shop.id }, select: { version: true, publishedVersion: true } }),
    db.rateLimit.findFirst({ where: { shop: shop.domain }, select: { key: true } }),
    db.returnEvent.findFirst({ where: { shopId: shop.id, actor: "SHOPPER" }, select: { id: true } }),
    db.returnRequest.findFirst({ where: { shopId: shop.id, status: { in: ["PROCESSED", "CLOSED"] } }, select: { id: true } }),
  ]);
  return {
    policyReviewed: reviewed !== null,
    storefrontCurrent: policy !== null && policy.publishedVersion >= policy.version,
    returnPageLive: lookups !== null || shopperReturn !== null,
    testReturnDone: finished !== null,
  };
}

/**
 * Shopify's theme editor with the app block ready to add (shopify.dev: "deep linking" to
 * app blocks): template `page`, block `<api key>/<block file name>`, a new apps section.
 */
export function themeEditorDeepLink(shopDomain: string, apiKey: string, block = "return-portal"): string {
  const params = new URLSearchParams({ template: "page", addAppBlockId: `${apiKey}/${block}`, target: "newAppsSection" });
  return `https://${shopDomain}/admin/themes/current/editor?${params.toString()}`;
}
