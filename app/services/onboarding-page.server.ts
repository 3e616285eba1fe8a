/** What the home page's setup checklist needs: state, links, and the staff member's language. */
import { appConfig } from "~/shopify.server";
import db from "~/db.server";
import { adminLocaleFor } from "./admin-locale.server";
import { onboardingStatus, themeEditorDeepLink } from "./onboarding.server";
import { getShop } from "./shops.server";

export async function loadOnboarding(request: Request, domain: string, userId: string | undefined) {
  const shop = await getShop(domain);
  if (!shop) return null;
  const [locale, status] = await Promise.all([adminLocaleFor(request, { shop: domain, userId }), onboardingStatus(db, shop)]);
  const production = appConfig.APP_MODE === "production";
  // Offline (demo/test) there is no theme editor: the stand-in's returns page in design mode
  // is the closest thing, and the storefront lives under the stand-in's /s/<shop>.
  const standInStore = `${appConfig.SHOPIFY_ADMIN_ORIGIN ?? ""}/s/${domain.replace(/\.myshopify\.com$/, "")}/pages/returns`;
  return {
    locale,
    status,
    themeEditorUrl: production ? themeEditorDeepLink(domain, appConfig.SHOPIFY_API_KEY) : `${standInStore}?design_mode=1`,
    storefrontUrl: production ? `https://${domain}/pages/returns` : standInStore,
  };
}
