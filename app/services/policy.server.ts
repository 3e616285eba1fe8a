/** The shop's return policy: stored as a validated JSON document, defaults until saved. */
import { DEFAULT_RETURN_POLICY, parseReturnPolicy, policyWithDefaults, type ReturnPolicy } from "~/domain";
import type { Db } from "~/db.server";
import { ReturnsError } from "./context.server";

export async function loadPolicy(db: Db, shopId: string): Promise<ReturnPolicy> {
  const row = await db.returnPolicy.findUnique({ where: { shopId } });
  if (!row) return DEFAULT_RETURN_POLICY;
  const parsed = policyWithDefaults(JSON.parse(row.document));
  // A stored policy is validated on save; if a later schema makes it invalid, the shop
  // keeps working on defaults rather than failing every return (and the settings page
  // shows the problems).
  return parsed.ok ? parsed.policy : DEFAULT_RETURN_POLICY;
}

export async function savePolicy(db: Db, shopId: string, input: unknown): Promise<ReturnPolicy> {
  const parsed = parseReturnPolicy(input);
  if (!parsed.ok) throw new ReturnsError("INVALID_INPUT", "The return policy has errors.", parsed.issues);
  const document = JSON.stringify(parsed.policy);
  await db.returnPolicy.upsert({
    where: { shopId },
    create: { shopId, document },
    update: { document, version: { increment: 1 } },
  });
  return parsed.policy;
}
