/**
 * admin.order-details.action.render: a small modal on Shopify's order page ("More actions →
 * Create return") that opens the app's "Create return" page for this order, where staff pick
 * the items (and override the policy with a reason when needed). Nothing is changed here.
 *
 * Written with `h()` and a local type for the few host APIs it uses (data.selected, close,
 * i18n — ActionExtensionApi in @shopify/ui-extensions): importing the admin surface's JSX
 * types would redeclare the customer-account extension's elements (s-checkbox …) in the one
 * TypeScript project both extensions share.
 */
import { h, render } from "preact";
import { createReturnHref } from "./create-return-link";

interface AdminActionApi {
  data: { selected: { id: string }[] };
  close: () => void;
  i18n: { translate: (key: string, values?: Record<string, string | number>) => unknown };
}

const api = (): AdminActionApi => (globalThis as unknown as { shopify: AdminActionApi }).shopify;
const t = (key: string) => String(api().i18n.translate(key));

export function CreateReturnAction() {
  const href = createReturnHref(api().data.selected[0]?.id);
  const close = () => api().close();
  return h(
    "s-admin-action",
    { heading: t("heading") },
    h("s-stack", { gap: "base" }, h("s-paragraph", null, href ? t("body") : t("noOrder"))),
    href ? h("s-button", { slot: "primary-action", variant: "primary", href, onClick: close }, t("open")) : null,
    h("s-button", { slot: "secondary-actions", onClick: close }, t("cancel")),
  );
}

export default async () => {
  render(h(CreateReturnAction, null), document.body);
};
