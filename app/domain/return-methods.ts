/**
 * Which return methods a shopper is offered for a return, and at what fee: drop-off at
 * a service point, home pickup (offered, or required when the parcel is heavy), in-store
 * return at the merchant's chosen locations, or keep-the-item when shipping it back
 * costs more than it is worth. The weight comes from variant weights × quantities, the
 * value from the returned lines' discounted subtotal.
 */
import type { OrderSnapshot } from "./order";
import {
  RETURN_METHODS,
  returnShippingFeeFor,
  type Resolution,
  type ReturnMethod,
  type ReturnPolicy,
  type ReturnShippingFeeDecision,
} from "./policy";

export type MethodUnavailableReason =
  | "DISABLED"
  | "TOO_HEAVY_FOR_DROP_OFF"
  | "TOO_HEAVY_FOR_IN_STORE"
  | "VALUE_TOO_HIGH"
  | "NO_LIMIT_FOR_CURRENCY";

export interface ReturnMethodOption {
  method: ReturnMethod;
  available: boolean;
  /** Home pickup is the only way to ship this return (weight threshold). */
  required: boolean;
  unavailableReason: MethodUnavailableReason | null;
  fee: ReturnShippingFeeDecision;
  carrierName?: string;
  locationIds?: string[];
}

/** Total weight in grams of the returned units (variant unit weight × quantity). */
export function returnWeightGrams(
  order: Pick<OrderSnapshot, "lineItems">,
  lines: readonly { lineItemId: string; quantity: number }[],
): number {
  const items = new Map(order.lineItems.map((li) => [li.id, li]));
  let grams = 0;
  for (const l of lines) grams += (items.get(l.lineItemId)?.grams ?? 0) * l.quantity;
  // Variant weights may carry decimals after unit conversion (oz → g); thresholds are whole grams.
  return Math.round(grams);
}

export interface ReturnMethodsInput {
  currency: string;
  totalGrams: number;
  /** Discounted subtotal of the returned units, minor units. */
  returnValue: number;
  resolutions: readonly Resolution[];
}

export function returnMethodOptions(
  policy: ReturnPolicy,
  input: ReturnMethodsInput,
): ReturnMethodOption[] {
  const m = policy.returnMethods;
  const threshold = m.homePickup.requiredAboveGrams;
  const pickupRequired = m.homePickup.enabled && threshold !== null && input.totalGrams > threshold;
  const fee = (method: ReturnMethod) =>
    returnShippingFeeFor(policy, {
      method,
      currency: input.currency,
      resolutions: input.resolutions,
    });

  return RETURN_METHODS.map((method): ReturnMethodOption => {
    const base = { method, fee: fee(method), required: false };
    switch (method) {
      case "DROP_OFF":
        if (!m.dropOff.enabled) return { ...base, available: false, unavailableReason: "DISABLED" };
        if (pickupRequired)
          return { ...base, available: false, unavailableReason: "TOO_HEAVY_FOR_DROP_OFF" };
        return {
          ...base,
          available: true,
          unavailableReason: null,
          carrierName: m.dropOff.carrierName,
        };
      case "HOME_PICKUP":
        if (!m.homePickup.enabled)
          return { ...base, available: false, unavailableReason: "DISABLED" };
        return { ...base, available: true, required: pickupRequired, unavailableReason: null };
      case "IN_STORE":
        if (!m.inStore.enabled) return { ...base, available: false, unavailableReason: "DISABLED" };
        // A parcel too heavy for a service point is too heavy to carry into a store, too.
        if (pickupRequired)
          return { ...base, available: false, unavailableReason: "TOO_HEAVY_FOR_IN_STORE" };
        return {
          ...base,
          available: true,
          unavailableReason: null,
          locationIds: [...m.inStore.locationIds],
        };
      case "KEEP_ITEM": {
        if (!m.keepItem.enabled)
          return { ...base, available: false, unavailableReason: "DISABLED" };
        const limit = m.keepItem.maxValue[input.currency];
        if (limit === undefined)
          return { ...base, available: false, unavailableReason: "NO_LIMIT_FOR_CURRENCY" };
        if (input.returnValue >= limit)
          return { ...base, available: false, unavailableReason: "VALUE_TOO_HIGH" };
        return { ...base, available: true, unavailableReason: null };
      }
    }
  });
}

/** Just the methods the shopper can pick. */
export function availableReturnMethods(
  policy: ReturnPolicy,
  input: ReturnMethodsInput,
): ReturnMethodOption[] {
  return returnMethodOptions(policy, input).filter((o) => o.available);
}
