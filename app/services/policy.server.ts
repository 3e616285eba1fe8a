/**
 * The shop's return policy: stored as a validated JSON document, defaults until saved.
 * Every saved version is kept (PolicyVersion), so a return is handled under the policy it
 * was requested under even after the merchant edits the policy (see settings.server.ts).
 */
import { DEFAULT_RETURN_POLICY, diffPolicies, parseReturnPolicy, policyWithDefaults, type PolicyChange, type ReturnPolicy } from "~/domain";
import type { Db } from "~/db.server";
import { ReturnsError } from "./context.server";

export interface CurrentPolicy {
  policy: ReturnPolicy;
  /** 0 while the shop runs on the defaults (nothing saved yet). */
  version: number;
}

function parseStored(document: string): ReturnPolicy | null {
  const parsed = policyWithDefaults(JSON.parse(document));
  return parsed.ok ? parsed.policy : null;
}

export async function loadCurrentPolicy(db: Db, shopId: string): Promise<CurrentPolicy> {
  const row = await db.returnPolicy.findUnique({ where: { shopId } });
  if (!row) return { policy: DEFAULT_RETURN_POLICY, version: 0 };
  // A stored policy is validated on save; if a later schema makes it invalid, the shop
  // keeps working on defaults rather than failing every return (and the settings page
  // shows the problems).
  return { policy: parseStored(row.document) ?? DEFAULT_RETURN_POLICY, version: row.version };
}

export async function loadPolicy(db: Db, shopId: string): Promise<ReturnPolicy> {
  return (await loadCurrentPolicy(db, shopId)).policy;
}

/**
 * The policy a return was requested under: its recorded version, or the current policy for
 * returns from before versions were kept (null) or whose version is gone.
 */
export async function loadPolicyFor(db: Db, shopId: string, version: number | null | undefined): Promise<ReturnPolicy> {
  if (version) {
    const row = await db.policyVersion.findUnique({ where: { shopId_version: { shopId, version } } });
    const policy = row ? parseStored(row.document) : null;
    if (policy) return policy;
  }
  return loadPolicy(db, shopId);
}

/** Who changed the policy, for the audit trail. */
export interface PolicyActor {
  /** Staff user id (session token `sub`); null when the app itself saved. */
  id: string | null;
  name: string | null;
}

/** Someone saved the policy after this editor loaded it: nothing was saved. */
export class PolicyConflictError extends Error {
  constructor(
    readonly currentVersion: number,
    readonly savedBy: string | null,
    readonly savedAt: Date | null,
  ) {
    super("The policy was changed by someone else after you opened it.");
    this.name = "PolicyConflictError";
  }
}

function isUniqueViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { code?: unknown }).code === "P2002";
}

/**
 * Stores a validated policy as the next version, with its audit entry, in one transaction.
 * `expectedVersion` is the version the editor started from: if another save got there first
 * (another tab, another staff member) nothing is written and PolicyConflictError says who.
 * null skips the check (seeds and tests).
 */
export async function storePolicy(
  db: Db,
  shopId: string,
  policy: ReturnPolicy,
  options: { expectedVersion: number | null; actor: PolicyActor },
): Promise<{ version: number; changes: PolicyChange[] }> {
  const document = JSON.stringify(policy);
  const conflict = async () => {
    const latest = await db.policyVersion.findFirst({ where: { shopId }, orderBy: { version: "desc" } });
    const row = await db.returnPolicy.findUnique({ where: { shopId } });
    return new PolicyConflictError(row?.version ?? 0, latest?.actorName ?? null, latest?.createdAt ?? row?.updatedAt ?? null);
  };
  try {
    return await db.$transaction(async (tx) => {
      const row = await tx.returnPolicy.findUnique({ where: { shopId } });
      const current = row?.version ?? 0;
      if (options.expectedVersion !== null && options.expectedVersion !== current) throw new PolicyConflictError(current, null, null);
      const before = row ? (parseStored(row.document) ?? DEFAULT_RETURN_POLICY) : DEFAULT_RETURN_POLICY;
      const changes = diffPolicies(before, policy);
      const version = current + 1;
      if (row) {
        // Conditional on the version read above: of two concurrent saves, one updates and
        // the other finds no row to update (PostgreSQL re-checks the WHERE after the lock).
        const updated = await tx.returnPolicy.updateMany({ where: { shopId, version: current }, data: { document, version } });
        if (updated.count === 0) throw new PolicyConflictError(current, null, null);
      } else {
        await tx.returnPolicy.create({ data: { shopId, document, version } });
      }
      await tx.policyVersion.create({
        data: { shopId, version, document, changes: JSON.stringify(changes), actorId: options.actor.id, actorName: options.actor.name },
      });
      return { version, changes };
    });
  } catch (error) {
    // A concurrent first save (unique shopId / version) is the same conflict.
    if (error instanceof PolicyConflictError || isUniqueViolation(error)) throw await conflict();
    throw error;
  }
}

/** Validates and stores a policy without a version check (seeds, tests, scripts). */
export async function savePolicy(db: Db, shopId: string, input: unknown): Promise<ReturnPolicy> {
  const parsed = parseReturnPolicy(input);
  if (!parsed.ok) throw new ReturnsError("INVALID_INPUT", "policy.invalid", parsed.issues);
  await storePolicy(db, shopId, parsed.policy, { expectedVersion: null, actor: { id: null, name: null } });
  return parsed.policy;
}
