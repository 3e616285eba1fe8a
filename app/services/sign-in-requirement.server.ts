/**
 * The merchant's "require sign-in for returns" setting (policy.requireSignIn): when on, the
 * theme portal serves signed-in customers only and tells guests to sign in, instead of
 * looking orders up by number + e-mail. Customer accounts are always signed in.
 */
import { storefrontMessage } from "~/i18n/storefront";
import type { ReturnsContext } from "./context.server";
import { loadPolicy } from "./policy.server";
import { StorefrontError, type ShopperIdentity } from "./storefront.server";

export async function assertGuestAccessAllowed(ctx: ReturnsContext, who: ShopperIdentity): Promise<void> {
  if (who.customerLegacyId) return;
  const policy = await loadPolicy(ctx.db, ctx.shop.id);
  if (policy.requireSignIn) {
    throw new StorefrontError("SIGN_IN_REQUIRED", 403, storefrontMessage(who.locale, "SIGN_IN_REQUIRED"), { loginUrl: "/account/login" });
  }
}
