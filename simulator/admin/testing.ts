/**
 * Test helpers for anything that talks to the Admin stand-in: an API with a controllable
 * clock, the app's scopes installed, and a `gql` shortcut that throws on transport errors.
 */
import { createAdminApi, type AdminApiInstance, type CreateAdminApiOptions } from "./index";
import { NORDIC_DEMO_DOMAIN } from "../seed/index";

/** The scopes the returns app asks for (shopify-platform.md §1.10). */
export const APP_SCOPES = [
  "read_orders",
  "write_orders",
  "read_all_orders",
  "read_returns",
  "write_returns",
  "read_customers",
  "read_products",
  "read_locations",
  "read_inventory",
  "read_merchant_managed_fulfillment_orders",
  "read_store_credit_accounts",
  "read_store_credit_account_transactions",
  "write_store_credit_account_transactions",
  "read_gift_cards",
  "write_gift_cards",
];

export const TEST_NOW = "2026-11-20T12:00:00Z";

/** Untyped GraphQL JSON in tests: responses are checked by assertions, not by the type system. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = any;

export interface TestClock {
  now(): Date;
  advance(ms: number): void;
  set(iso: string | Date): void;
}

export interface TestAdmin {
  api: AdminApiInstance;
  clock: TestClock;
  shop: string;
  token: string;
  /** POST a document as the installed app; returns the parsed JSON body (status must be 200). */
  gql<T = Json>(
    query: string,
    variables?: Record<string, unknown>,
  ): Promise<{ data?: T; errors?: Json[]; extensions?: Json }>;
}

export function createTestAdmin(
  opts: CreateAdminApiOptions & { scopes?: string[]; shop?: string; at?: string } = {},
): TestAdmin {
  let current = new Date(opts.at ?? TEST_NOW);
  const clock: TestClock = {
    now: () => current,
    advance: (ms) => {
      current = new Date(current.getTime() + ms);
    },
    set: (d) => {
      current = new Date(d);
    },
  };
  const api = createAdminApi({ seedNow: current, ...opts, now: () => current });
  const shop = opts.shop ?? NORDIC_DEMO_DOMAIN;
  const token = api.createToken(shop, opts.scopes ?? APP_SCOPES);
  return {
    api,
    clock,
    shop,
    token,
    async gql(query, variables) {
      const r = await api.graphql(shop, query, variables, { token });
      if (r.status !== 200)
        throw new Error(`stand-in answered HTTP ${r.status}: ${JSON.stringify(r.body)}`);
      return r.body as never;
    },
  };
}
