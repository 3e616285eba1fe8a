/** @jsxImportSource preact */
/**
 * customer-account.order-status.return-details.render-after: under Shopify's own return
 * details, the app's view of that return (status, dates, refund outcome and ETA). Renders
 * nothing for returns the app doesn't know.
 */
import "@shopify/ui-extensions/preact";
import { render } from "preact";
import { useEffect, useState } from "preact/hooks";
import { callApp, numericId, type ShopperReturn } from "./api";
import { host } from "./host";
import { ReturnSummary } from "./ReturnSummary";

export function ReturnDetails() {
  const [ret, setRet] = useState<ShopperReturn | null>(null);
  useEffect(() => {
    void callApp<{ return: ShopperReturn }>(`/returns/${numericId(host().returnId)}`).then((r) => r.ok && setRet(r.data.return));
  }, []);
  return ret ? <ReturnSummary ret={ret} /> : null;
}

export default async () => {
  render(<ReturnDetails />, document.body);
};
