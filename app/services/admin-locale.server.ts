/**
 * The staff member's admin language. Shopify opens the app with `?locale=` (the admin
 * user's language); client-side navigations and data requests carry no such parameter, so
 * the language is remembered per shop and staff user (session token `sub`). Order: the
 * URL's `locale`, the remembered one, the browser's Accept-Language, English.
 */
import db from "~/db.server";
import type { Db } from "~/db.server";
import { localeFromAcceptLanguage, resolveAdminLocale, type AdminLocale } from "~/i18n/admin-locale";

export async function adminLocaleFor(
  request: Request,
  who: { shop: string; userId: string | null | undefined },
  client: Db = db,
): Promise<AdminLocale> {
  const fromUrl = resolveAdminLocale(new URL(request.url).searchParams.get("locale"));
  const userId = who.userId ? String(who.userId) : null;
  if (!userId) return fromUrl ?? localeFromAcceptLanguage(request.headers.get("accept-language")) ?? "en";
  const key = { shop_userId: { shop: who.shop, userId } };
  const stored = await client.staffPreference.findUnique({ where: key });
  if (fromUrl) {
    if (stored?.locale !== fromUrl) {
      await client.staffPreference.upsert({ where: key, create: { shop: who.shop, userId, locale: fromUrl }, update: { locale: fromUrl } });
    }
    return fromUrl;
  }
  return resolveAdminLocale(stored?.locale) ?? localeFromAcceptLanguage(request.headers.get("accept-language")) ?? "en";
}
