/**
 * Where the action sends the merchant: the app's "Create return" page for the order.
 * `app:` URLs are resolved by Shopify against the app's URL inside the admin (admin UI
 * extensions, "Custom protocols"). Only a real order id gets a link.
 */
export function createReturnHref(orderGid: string | null | undefined): string | null {
  const match = /^gid:\/\/shopify\/Order\/(\d+)$/.exec(orderGid ?? "");
  return match ? `app:/app/returns/new?orderId=${match[1]}` : null;
}
