/**
 * Why an order can't be returned, as the customer-account extension shows it (the menu view
 * and the action modal send the same list): one entry per reason code, the message in the
 * shopper's language from the storefront catalog, and for a closed window its last day
 * (`lastDay`, shop calendar, ISO) for the extension to format in the shopper's locale.
 */
import { windowClosedOn, type evaluateEligibility, type IsoDate } from "~/domain";
import { storefrontMessage, type StorefrontLocale } from "~/i18n/storefront";

export interface NotReturnableReason {
  code: string;
  message: string;
  lastDay?: IsoDate;
}

export const notReturnable = (code: string, locale: StorefrontLocale, lastDay: IsoDate | null): NotReturnableReason => ({
  code,
  message: storefrontMessage(locale, code),
  ...(lastDay ? { lastDay } : {}),
});

/** The order's reasons first, then each line's first blocking reason; a kind once. */
export function whyNotReturnable(eligibility: ReturnType<typeof evaluateEligibility>, locale: StorefrontLocale): NotReturnableReason[] {
  const codes = [...new Set([...eligibility.orderReasons.map((r) => r.code), ...eligibility.lines.map((l) => l.reason?.code).filter((c): c is NonNullable<typeof c> => !!c)])];
  const closedOn = windowClosedOn(eligibility);
  return codes.map((code) => notReturnable(code, locale, code === "WINDOW_EXPIRED" ? closedOn : null));
}
