/**
 * The app's installation and its app-data metafields: `currentAppInstallation` and
 * `metafieldsSet` with the installation as owner, as Shopify documents them
 * (shopify.dev "App-data metafields"). The platform half exposes these metafields to the
 * theme app extension as the `app` Liquid object. Metafields of other owners (products,
 * the shop…) are not simulated and fail loudly.
 */
import { GraphQLError } from "graphql";
import type { ResolverContext } from "./context";
import { gid, legacyId } from "./gid";
import type { AppMetafieldRec, ShopState } from "./model";
import { nextGid } from "./store";
import type { Resolver } from "./resolvers";

/** One app per stand-in: its installation id on a shop is derived from the shop's id. */
export function appInstallationId(shop: ShopState): string {
  return gid("AppInstallation", legacyId(shop.info.id));
}

// Shopify: "Allows a maximum of 25 metafields to be set at a time".
const MAX_METAFIELDS = 25;
// Shopify's json metafields accept at most 128 KB (metafield type limits, shopify.dev).
const MAX_JSON_BYTES = 128 * 1024;

interface SetInput {
  ownerId: string;
  namespace?: string | null;
  key: string;
  type?: string | null;
  value: string;
  compareDigest?: string | null;
}

function digest(value: string): string {
  // Any stable function of the value works for compare-and-set; Shopify's is opaque.
  let h = 0x811c9dc5;
  for (let i = 0; i < value.length; i++) h = Math.imul(h ^ value.charCodeAt(i), 0x01000193) >>> 0;
  return h.toString(16);
}

function installationView(shop: ShopState) {
  return { __typename: "AppInstallation", id: appInstallationId(shop) };
}

function metafieldView(m: AppMetafieldRec, shop: ShopState) {
  return {
    ...m,
    jsonValue: m.type === "json" ? JSON.parse(m.value) : m.value,
    compareDigest: digest(m.value),
    ownerType: "API_PERMISSION",
    description: null,
    definition: null,
    legacyResourceId: String(legacyId(m.id)),
    owner: installationView(shop),
  };
}

type UserError = { field: string[]; message: string; code: string; elementIndex: number | null };

function metafieldsSet(c: ResolverContext, inputs: SetInput[]) {
  const shop = c.shop;
  if (inputs.length > MAX_METAFIELDS) {
    return { metafields: null, userErrors: [{ field: ["metafields"], message: `Exceeded the maximum metafields input limit of ${MAX_METAFIELDS}.`, code: "LESS_THAN_OR_EQUAL_TO", elementIndex: null }] };
  }
  const errors: UserError[] = [];
  inputs.forEach((m, i) => {
    const err = (field: string, message: string, code: string) => errors.push({ field: ["metafields", String(i), field], message, code, elementIndex: i });
    if (m.ownerId !== appInstallationId(shop)) {
      throw new GraphQLError(`metafieldsSet for owner ${m.ownerId} is not implemented by the offline stand-in (only the app's installation)`, {
        extensions: { code: "NOT_IMPLEMENTED_BY_STAND_IN" },
      });
    }
    const namespace = m.namespace ?? "$app";
    const existing = shop.appMetafields.get(`${namespace}.${m.key}`);
    if (m.key.length < 2) err("key", "Key is too short (minimum is 2 characters)", "TOO_SHORT");
    if (m.key.length > 64) err("key", "Key is too long (maximum is 64 characters)", "TOO_LONG");
    if (namespace.length < 2) err("namespace", "Namespace is too short (minimum is 2 characters)", "TOO_SHORT");
    const type = m.type ?? existing?.type;
    if (!type) err("type", "Type can't be blank", "BLANK");
    else if (existing && existing.type !== type) err("type", "Type doesn't match the existing metafield's type", "INVALID_TYPE");
    if (type === "json") {
      try {
        JSON.parse(m.value);
      } catch {
        err("value", "Value is invalid JSON", "INVALID_VALUE");
      }
      if (Buffer.byteLength(m.value) > MAX_JSON_BYTES) err("value", "Value is too large", "LESS_THAN_OR_EQUAL_TO");
    }
    if (m.compareDigest !== undefined) {
      const current = existing ? digest(existing.value) : null;
      if (m.compareDigest !== current) err("compareDigest", "The resource has been updated since it was loaded. Try again with an updated `compareDigest` value.", "STALE_OBJECT");
    }
  });
  // Atomic: nothing is written when any input is rejected.
  if (errors.length > 0) return { metafields: null, userErrors: errors };
  const now = c.now().toISOString();
  const written = inputs.map((m) => {
    const namespace = m.namespace ?? "$app";
    const k = `${namespace}.${m.key}`;
    const existing = shop.appMetafields.get(k);
    const rec: AppMetafieldRec = existing
      ? { ...existing, value: m.value, updatedAt: now }
      : { __typename: "Metafield", id: nextGid(shop, "Metafield"), namespace, key: m.key, type: (m.type ?? "json") as string, value: m.value, createdAt: now, updatedAt: now };
    shop.appMetafields.set(k, rec);
    return metafieldView(rec, shop);
  });
  return { metafields: written, userErrors: [] };
}

export const APP_INSTALLATION_RESOLVERS: Record<string, Record<string, Resolver>> = {
  QueryRoot: {
    currentAppInstallation: (_s, _a, c) => installationView(c.shop),
  },
  Mutation: {
    metafieldsSet: (_s, a, c) => metafieldsSet(c, a.metafields as SetInput[]),
  },
  AppInstallation: {
    metafield: (_s, a, c) => {
      const m = c.shop.appMetafields.get(`${a.namespace ?? "$app"}.${a.key}`);
      return m ? metafieldView(m, c.shop) : null;
    },
  },
};

/** What the storefront's `app.metafields` shows: namespace → key → { type, value }. */
export function appMetafieldsForLiquid(shop: ShopState): Record<string, Record<string, { type: string; value: string }>> {
  const out: Record<string, Record<string, { type: string; value: string }>> = {};
  for (const m of shop.appMetafields.values()) (out[m.namespace] ??= {})[m.key] = { type: m.type, value: m.value };
  return out;
}
