/**
 * What changed between two versions of the return policy, for the audit trail
 * (PolicyVersion.changes) and the settings page's history. Pure: the caller adds who and when.
 */
import type { ReturnPolicy } from "./policy";

export interface PolicyChange {
  /** Dotted path, as in the form ("returnMethods.homePickup.requiredAboveGrams"). */
  path: string;
  before: unknown;
  after: unknown;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/**
 * Leaf-level differences. Lists (tags, holidays, rules) and currency maps are compared as a
 * whole and reported once at their own path: "holidays changed" is what a person reads, and
 * positional diffs of a reordered list would be noise.
 */
export function diffPolicies(before: ReturnPolicy | null, after: ReturnPolicy): PolicyChange[] {
  const changes: PolicyChange[] = [];
  const walk = (a: unknown, b: unknown, path: string, depth: number) => {
    // Currency maps sit at depth 3 (returnShippingFee.byMethod.DROP_OFF): keep them whole.
    if (depth < 3 && isPlainObject(a) && isPlainObject(b)) {
      const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
      for (const key of [...keys].sort()) walk(a[key], b[key], path ? `${path}.${key}` : key, depth + 1);
      return;
    }
    if (JSON.stringify(a) !== JSON.stringify(b)) changes.push({ path, before: a ?? null, after: b ?? null });
  };
  walk(before ?? {}, after, "", 0);
  return changes;
}
