/**
 * Admin texts of the follow-up features (win-back page, the rating on a return, analytics),
 * in the staff member's admin language: the words live in catalogs/followup.ts (7 languages,
 * checked by the catalog test); this gives them the shape the components use.
 */
import type { AdminLocale } from "./admin-locale";
import { translator } from "./admin-locale";
import { FOLLOWUP_CATALOG } from "./catalogs/followup";

export function followupAdmin(locale: AdminLocale = "en") {
  const t = translator(FOLLOWUP_CATALOG, locale);
  return {
    winbackTitle: t("winbackTitle"),
    winbackIntro: t("winbackIntro"),
    enabled: t("enabled"),
    valueType: t("valueType"),
    percentOff: t("percentOff"),
    amountOff: t("amountOff"),
    percentage: t("percentage"),
    amount: (currency: string) => t("amount", { currency }),
    minimumOrder: (currency: string) => t("minimumOrder", { currency }),
    validityDays: t("validityDays"),
    delayDays: t("delayDays"),
    periodDays: t("periodDays"),
    save: t("save"),
    saved: t("saved"),
    fixErrors: t("fixErrors"),
    statsTitle: t("statsTitle"),
    codesSent: t("codesSent"),
    codesUsed: t("codesUsed"),
    revenue: t("revenue"),
    revenueHelp: t("revenueHelp"),
    statsUnavailable: t("statsUnavailable"),
    recentCodes: t("recentCodes"),
    code: t("code"),
    sentOn: t("sentOn"),
    used: t("used"),
    yes: t("yes"),
    no: t("no"),
    noCodes: t("noCodes"),
    ratingTitle: t("ratingTitle"),
    ratingNone: t("ratingNone"),
    ratingOf: (rating: number) => t("ratingOf", { rating }),
    ratingComment: t("ratingComment"),
    feedbackCount: (n: number) => t(n === 1 ? "feedbackCountOne" : "feedbackCountMany", { count: n }),
    feedbackAverage: t("feedbackAverage"),
    feedbackLatest: t("feedbackLatest"),
  };
}

export type FollowupAdminTexts = ReturnType<typeof followupAdmin>;

/** English, for callers without a locale yet. */
export const FA = followupAdmin("en");
