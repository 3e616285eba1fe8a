/**
 * No document the app sends may cost more than Shopify's 1,000-point ceiling, with the
 * cost rules the stand-in implements (object 1, connection 2 + first/last, mutation 10).
 * Connections are counted at their declared page size, the worst case.
 */
import { parse, type FragmentDefinitionNode, type OperationDefinitionNode } from "graphql";
import { describe, expect, it } from "vitest";
import { loadAdminSchema } from "../../graphql/admin-schema";
import { MAX_QUERY_COST, requestedQueryCost } from "../../simulator/admin/cost";
import { findDocuments } from "../graphql/documents";

const schema = loadAdminSchema();
const documents = findDocuments();

function costOf(source: string): { name: string; cost: number } {
  const doc = parse(source);
  const op = doc.definitions.find((d): d is OperationDefinitionNode => d.kind === "OperationDefinition")!;
  const fragments = Object.fromEntries(
    doc.definitions.filter((d): d is FragmentDefinitionNode => d.kind === "FragmentDefinition").map((f) => [f.name.value, f]),
  );
  return { name: op.name?.value ?? "anonymous", cost: requestedQueryCost(schema, op, fragments, {}) };
}

describe("Admin API budget: query cost", () => {
  it("finds the app's documents", () => {
    expect(documents.length).toBeGreaterThan(20);
  });

  const costs = documents.map((d) => costOf(d.text));

  it.each(costs)("$name costs $cost points (≤ 1000)", ({ cost }) => {
    expect(cost).toBeLessThanOrEqual(MAX_QUERY_COST);
  });
});
