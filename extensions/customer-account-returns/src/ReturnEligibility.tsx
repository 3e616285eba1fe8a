/** @jsxImportSource preact */
/**
 * customer-account.order-status.cart-line-list.render-after: under the order's line items on
 * Order status, until when items can be returned (pointing at the "Return items" action), or
 * why nothing can — the menu item hides itself then, so this note is where the shopper learns
 * why. Asks the app what the menu item asks (`?view=menu`: the same eligibility service and
 * reasons as the modal); nothing while asking or when the app can't answer.
 */
import "@shopify/ui-extensions/preact";
import { render } from "preact";
import { useEffect, useState } from "preact/hooks";
import { callApp, numericId, type MenuState } from "./api";
import { formatDay, host, t } from "./host";
import { WhyNot } from "./WhyNot";

export function ReturnEligibility() {
  // Order status targets get the order as a signal (not orderId like the action targets).
  const [orderId, setOrderId] = useState(() => host().order?.value?.id);
  const [state, setState] = useState<MenuState | null>(null);
  useEffect(() => host().order?.subscribe((order) => setOrderId(order?.id)), []);
  useEffect(() => {
    if (orderId) void callApp<MenuState>(`/orders/${numericId(orderId)}?view=menu`).then((r) => setState(r.ok ? r.data : null));
  }, [orderId]);
  if (!state) return null;
  if (state.returnable) {
    const action = t("menu.returnItems");
    const until = state.returnableUntil;
    return <s-paragraph>{until ? t("note.returnableUntil", { date: formatDay(until, "long"), action }) : t("note.returnable", { action })}</s-paragraph>;
  }
  if (state.notReturnable.length === 0) return null;
  return (
    <s-stack direction="block" gap="small-300">
      <s-text type="strong">{t("items.nothing")}</s-text>
      <WhyNot reasons={state.notReturnable} />
    </s-stack>
  );
}

export default async () => {
  render(<ReturnEligibility />, document.body);
};
