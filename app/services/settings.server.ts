/**
 * Settings → the return policy: load it for the editor, save a new version (validated,
 * references checked against the shop, audited, conflict-safe) and publish the
 * shopper-facing part to the storefront, so the theme's policy block always shows what the
 * app enforces ("one policy everywhere").
 */
import {
  DEFAULT_RETURN_POLICY,
  parseReturnPolicy,
  storefrontPolicy,
  type PolicyChange,
  type PolicyIssue,
  type ReturnPolicy,
} from "~/domain";
import type { Db } from "~/db.server";
import { POLICY_METAFIELD, setAppJsonMetafield } from "~/shopify/app-metafields.server";
import { fetchReferenceTypes } from "~/shopify/references.server";
import { ShopifyApiError } from "~/shopify/errors";
import { ReturnsError, fromShopifyError, type ReturnsContext } from "./context.server";
import { loadCurrentPolicy, storePolicy, type PolicyActor } from "./policy.server";

export interface PolicyHistoryEntry {
  version: number;
  actorName: string | null;
  createdAt: Date;
  changes: PolicyChange[];
}

export interface PolicySettings {
  policy: ReturnPolicy;
  version: number;
  publishedVersion: number;
  history: PolicyHistoryEntry[];
}

const HISTORY_LIMIT = 15;

export async function loadPolicySettings(db: Db, shopId: string): Promise<PolicySettings> {
  const [{ policy, version }, row, versions] = await Promise.all([
    loadCurrentPolicy(db, shopId),
    db.returnPolicy.findUnique({ where: { shopId }, select: { publishedVersion: true } }),
    db.policyVersion.findMany({ where: { shopId }, orderBy: { version: "desc" }, take: HISTORY_LIMIT }),
  ]);
  return {
    policy,
    version,
    publishedVersion: row?.publishedVersion ?? 0,
    history: versions.map((v) => ({
      version: v.version,
      actorName: v.actorName,
      createdAt: v.createdAt,
      changes: JSON.parse(v.changes) as PolicyChange[],
    })),
  };
}

// ---------------------------------------------------------------------------
// References: ids the merchant entered must exist in the shop

const GID = (type: string) => new RegExp(`^gid://shopify/${type}/\\d+$`);
const REFERENCE_FIELDS: Array<{ path: string; type: string; label: string; ids: (p: ReturnPolicy) => readonly (string | null)[] }> = [
  { path: "nonReturnable.collectionIds", type: "Collection", label: "collection", ids: (p) => p.nonReturnable.collectionIds },
  { path: "nonReturnable.productIds", type: "Product", label: "product", ids: (p) => p.nonReturnable.productIds },
  { path: "returnMethods.inStore.locationIds", type: "Location", label: "location", ids: (p) => p.returnMethods.inStore.locationIds },
  { path: "receivingLocationId", type: "Location", label: "location", ids: (p) => [p.receivingLocationId] },
];

/**
 * Inline issues for ids that are malformed or unknown to Shopify (one read for all of them),
 * coded like the schema's (`notAnId`, `unknownId`) so the editor words them in the admin's language.
 */
export async function checkPolicyReferences(ctx: ReturnsContext, policy: ReturnPolicy): Promise<PolicyIssue[]> {
  const issues: PolicyIssue[] = [];
  const toFetch: string[] = [];
  for (const field of REFERENCE_FIELDS) {
    for (const id of field.ids(policy)) {
      if (id === null) continue;
      if (!GID(field.type).test(id)) {
        issues.push({
          path: field.path,
          code: "notAnId",
          params: { id, type: field.type },
          message: `“${id}” is not a ${field.label} id (gid://shopify/${field.type}/…).`,
        });
      }
      else toFetch.push(id);
    }
  }
  if (toFetch.length === 0) return issues;
  const found = await fetchReferenceTypes(ctx.admin, toFetch).catch((e) => {
    throw fromShopifyError(e, "what.checkPolicy");
  });
  for (const field of REFERENCE_FIELDS) {
    for (const id of field.ids(policy)) {
      if (id === null || !found.has(id)) continue;
      if (found.get(id) !== field.type) {
        issues.push({ path: field.path, code: "unknownId", params: { id, type: field.type }, message: `There is no ${field.label} ${id} in this shop.` });
      }
    }
  }
  return issues;
}

// ---------------------------------------------------------------------------
// Save

export interface SavePolicyResult {
  ok: true;
  policy: ReturnPolicy;
  version: number;
  changes: PolicyChange[];
  /** False when Shopify couldn't be reached to update the storefront; retried on the next visit. */
  published: boolean;
}

/**
 * Validates (domain rules, then ids against the shop), stores the next version if nobody
 * saved in between (PolicyConflictError otherwise), then publishes to the storefront.
 * Nothing is saved when anything is invalid: never half a policy.
 */
export async function savePolicySettings(
  ctx: ReturnsContext,
  input: { policy: unknown; expectedVersion: number; actor: PolicyActor },
): Promise<SavePolicyResult> {
  const parsed = parseReturnPolicy(input.policy);
  if (!parsed.ok) throw new ReturnsError("INVALID_INPUT", "policy.invalid", parsed.issues);
  const referenceIssues = await checkPolicyReferences(ctx, parsed.policy);
  if (referenceIssues.length > 0) throw new ReturnsError("INVALID_INPUT", "policy.invalid", referenceIssues);
  const { version, changes } = await storePolicy(ctx.db, ctx.shop.id, parsed.policy, {
    expectedVersion: input.expectedVersion,
    actor: input.actor,
  });
  const published = await publishPolicy(ctx);
  return { ok: true, policy: parsed.policy, version, changes, published };
}

// ---------------------------------------------------------------------------
// Publish to the storefront (app-data metafield)

const MAX_PUBLISH_ROUNDS = 3;

/**
 * Writes the current policy's shopper-facing part to the app-data metafield and records the
 * version published. If another save lands while writing, the newer version is written too,
 * so the last writer always leaves the newest policy on the storefront. Returns false
 * (leaving publishedVersion behind, to be retried) when Shopify can't be reached.
 */
export async function publishPolicy(ctx: ReturnsContext): Promise<boolean> {
  for (let round = 0; round < MAX_PUBLISH_ROUNDS; round++) {
    const { policy, version } = await loadCurrentPolicy(ctx.db, ctx.shop.id);
    try {
      await setAppJsonMetafield(ctx.admin, POLICY_METAFIELD, storefrontPolicy(policy, version));
    } catch (error) {
      if (error instanceof ShopifyApiError) return false;
      throw error;
    }
    const marked = await ctx.db.returnPolicy.updateMany({
      where: { shopId: ctx.shop.id, version, publishedVersion: { lt: version } },
      data: { publishedVersion: version },
    });
    if (marked.count > 0) return true;
    const row = await ctx.db.returnPolicy.findUnique({ where: { shopId: ctx.shop.id } });
    if (!row || row.publishedVersion >= row.version) return true;
  }
  return false;
}

/**
 * On install and on later visits: a shop that has never saved gets the defaults as version
 * 1 (so the storefront block has the app's policy from the start), and a version Shopify
 * missed is published again. One small read when everything is current.
 */
export async function ensurePolicyPublished(ctx: ReturnsContext): Promise<void> {
  const row = await ctx.db.returnPolicy.findUnique({ where: { shopId: ctx.shop.id }, select: { version: true, publishedVersion: true } });
  if (row && row.publishedVersion >= row.version) return;
  if (!row) {
    await storePolicy(ctx.db, ctx.shop.id, DEFAULT_RETURN_POLICY, { expectedVersion: 0, actor: { id: null, name: null } }).catch(() => {
      // A concurrent first visit stored it already.
    });
  }
  await publishPolicy(ctx);
}
