/**
 * Access scopes the returns app asks for (shopify-platform.md §1.10). shopify.app.toml
 * lists the same set; a test keeps the two equal. SCOPES in the environment overrides.
 */
export const ACCESS_SCOPES = [
  "read_orders",
  "write_orders", // refundCreate
  "read_all_orders", // orders older than 60 days (return windows can be longer)
  "read_returns",
  "write_returns",
  "read_customers",
  "write_customers", // customerEmailMarketingConsentUpdate: the win-back e-mail's unsubscribe link
  "read_products", // exchange variants, weights, product tags for non-returnable rules
  "read_inventory", // stock check for exchanges
  "read_locations", // restock locations, in-store returns
  "read_store_credit_accounts",
  "read_store_credit_account_transactions",
  "write_store_credit_account_transactions",
  "read_gift_cards",
  "write_gift_cards",
  "write_discounts", // win-back offers
  "read_discounts",
  "write_app_proxy",
] as const;
