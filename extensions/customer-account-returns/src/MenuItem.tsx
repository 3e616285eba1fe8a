/** @jsxImportSource preact */
/**
 * customer-account.order.action.menu-item.render: "Return items" when the app says something
 * on the order can be returned, "View return" when there is a return and nothing more to
 * return, nothing otherwise. The button opens this extension's action modal (ReturnFlow).
 */
import "@shopify/ui-extensions/preact";
import { render } from "preact";
import { useEffect, useState } from "preact/hooks";
import { callApp, numericId, type MenuState } from "./api";
import { host, t } from "./host";

export function MenuItem() {
  const [state, setState] = useState<MenuState | null>(null);
  useEffect(() => {
    void callApp<MenuState>(`/orders/${numericId(host().orderId)}?view=menu`).then((r) => setState(r.ok ? r.data : null));
  }, []);
  if (!state) return null; // hidden while asking, and when the app can't answer
  if (state.returnable) return <s-button>{t("menu.returnItems")}</s-button>;
  if (state.returns.length > 0) return <s-button>{t("menu.viewReturn")}</s-button>;
  return null;
}

export default async () => {
  render(<MenuItem />, document.body);
};
