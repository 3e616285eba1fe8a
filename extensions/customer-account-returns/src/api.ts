/**
 * Calls to the app's /api/customer-account/* with a fresh session token (the host caches it)
 * and the shopper's language. Errors come back as values with the server's message, which is
 * already in the shopper's language; a network failure gets the extension's own text.
 */
import { APP_URL } from "./config";
import { host, locale, t } from "./host";
import type { PhotoLimits } from "./photos";
import type { PickupLimits } from "./PickupFields";

export type ApiResult<T> = { ok: true; data: T } | { ok: false; status: number; code: string; message: string };

export async function callApp<T>(path: string, init: { method?: "GET" | "POST"; body?: unknown } = {}): Promise<ApiResult<T>> {
  let response: Response;
  try {
    const token = await host().sessionToken.get();
    const url = `${APP_URL}/api/customer-account${path}${path.includes("?") ? "&" : "?"}locale=${encodeURIComponent(locale())}`;
    response = await fetch(url, {
      method: init.method ?? "GET",
      headers: { Authorization: `Bearer ${token}`, ...(init.body ? { "Content-Type": "application/json" } : {}) },
      body: init.body ? JSON.stringify(init.body) : undefined,
    });
  } catch {
    return { ok: false, status: 0, code: "NETWORK", message: t("error.network") };
  }
  const data = await response.json().catch(() => null);
  if (response.ok && data?.ok) return { ok: true, data: data as T };
  return { ok: false, status: response.status, code: data?.error?.code ?? "ERROR", message: data?.error?.message ?? t("error.generic") };
}

/** "gid://shopify/Order/123" → "123" (the path form the backend takes). */
export const numericId = (gid: string | undefined): string => (gid ?? "").split("/").pop() ?? "";

export interface ShopperReturn {
  rma: string;
  status: string;
  statusLabel: string;
  orderName: string;
  shopifyReturnId: string | null;
  dates: Record<"requested" | "approved" | "declined" | "inTransit" | "received" | "processed" | "closed" | "canceled", string | null>;
  refundEta: { from: string; to: string } | null;
  outcome: { done: boolean; refund: string | null; storeCredit: string | null; exchange: string | null; fees: string | null };
  declineReason: string | null;
  tracking: { number: string; url: string | null; carrier: string | null } | null;
  lines: { title: string; variantTitle: string | null; quantity: number }[];
}

/** Why nothing can be returned: the app's message (in the shopper's language); a closed window's last day. */
export interface NotReturnable {
  code: string;
  message: string;
  lastDay?: string;
}

export interface MenuState {
  returnable: boolean;
  /** Menu view only: the last day everything offered today is still offered (shop calendar). */
  returnableUntil?: string | null;
  notReturnable: NotReturnable[];
  returns: ShopperReturn[];
}

export interface OrderLine {
  fulfillmentLineItemId: string;
  title: string;
  variantTitle: string | null;
  returnableQuantity: number;
  unitPriceFormatted: string;
  eligible: boolean;
  ineligibleMessage: string | null;
  resolutions: ("REFUND" | "STORE_CREDIT" | "EXCHANGE")[];
  consentRequired: string[];
  exchangeVariants: { id: string; title: string; available: boolean }[];
}

export interface ReturnOptions extends MenuState {
  lookupToken: string;
  order: { id: string; name: string; currency: string; lines: OrderLine[]; shippingAddressLines?: string[] };
  reasons: { id: string; handle: string; name: string; photoRequired?: boolean }[];
  /** The limits the app's filing checks (photos, pickup dates), so the fields say the same. */
  limits: { photos: PhotoLimits; pickup: PickupLimits };
  methods: { code: string; name: string; feeFormatted: string | null; required: boolean }[];
  policy: { storeCreditBonusPercent: number; euWithdrawal: boolean };
}

export interface Preview {
  items: string;
  restockingFee: string | null;
  returnShippingFee: string | null;
  refund: string | null;
  storeCredit: string | null;
  storeCreditBonus: string | null;
  toPay: string | null;
}

export interface Created {
  return: { rma: string; status: string; statusUrl: string; slipUrl: string | null; refundEta: { from: string; to: string } | null };
}
