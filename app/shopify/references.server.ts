/**
 * Checks that ids a merchant typed into the policy (collections, products, locations) exist
 * in the shop, so "unknown collection" is an inline error instead of a rule that never matches.
 */
import type { AdminClient, AdminDocument } from "./client.server";
import type { PolicyReferencesQuery, PolicyReferencesQueryVariables } from "./generated/admin.types";

// `nodes` answers null for an id that doesn't exist (or isn't visible); __typename tells a
// product id pasted into the collections field apart. At most 250 ids per call (Shopify's limit).
export const POLICY_REFERENCES_QUERY = `#graphql
  query PolicyReferences($ids: [ID!]!) {
    nodes(ids: $ids) {
      __typename
      id
    }
  }
` as AdminDocument<PolicyReferencesQuery, PolicyReferencesQueryVariables>;

export const MAX_REFERENCE_IDS = 250;

/** id → its type name ("Collection", "Product", "Location"), or null when Shopify has no such node. */
export async function fetchReferenceTypes(client: AdminClient, ids: readonly string[]): Promise<Map<string, string | null>> {
  const out = new Map<string, string | null>();
  const unique = [...new Set(ids)];
  for (let i = 0; i < unique.length; i += MAX_REFERENCE_IDS) {
    const chunk = unique.slice(i, i + MAX_REFERENCE_IDS);
    const { data } = await client.request(POLICY_REFERENCES_QUERY, { ids: chunk });
    chunk.forEach((id, n) => out.set(id, data.nodes[n]?.__typename ?? null));
  }
  return out;
}
