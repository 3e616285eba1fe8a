/**
 * Query cost (shopify-platform.md §5.1): scalar/enum 0, object 1, connection 2 + first/last ×
 * per-item cost, mutation field 10 + its payload's selection, interface/union = the most
 * expensive possible selection. Plain lists of objects count `first` (default 1) items
 * statically. The actual cost is counted while resolving, from the objects really returned.
 */
import {
  getArgumentValues,
  getNamedType,
  getNullableType,
  isAbstractType,
  isLeafType,
  isListType,
  isObjectType,
  Kind,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLObjectType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from "graphql";

export const MAX_QUERY_COST = 1000;

export type CostKind =
  "leaf" | "object" | "connection" | "list" | "pageInfo" | "edges" | "mutation";

function isConnectionType(t: GraphQLNamedType): t is GraphQLObjectType {
  if (!isObjectType(t) || !t.name.endsWith("Connection")) return false;
  const f = t.getFields();
  return "pageInfo" in f && ("edges" in f || "nodes" in f);
}

const kindCache = new Map<string, CostKind>();

/** How a field counts towards the actual cost (cached per Type.field). */
export function costKind(
  schema: GraphQLSchema,
  parent: GraphQLObjectType,
  field: GraphQLField<unknown, unknown>,
): CostKind {
  const key = `${parent.name}.${field.name}`;
  const hit = kindCache.get(key);
  if (hit) return hit;
  let kind: CostKind;
  const named = getNamedType(field.type);
  if (parent === schema.getMutationType()) kind = "mutation";
  else if (isLeafType(named)) kind = "leaf";
  else if (named.name === "PageInfo") kind = "pageInfo";
  else if (isConnectionType(named)) kind = "connection";
  else if (field.name === "edges" && parent.name.endsWith("Connection")) kind = "edges";
  else if (isListType(getNullableType(field.type))) kind = "list";
  else kind = "object";
  kindCache.set(key, kind);
  return kind;
}

/** Actual-cost contribution of one resolved value. */
export function actualCostOf(kind: CostKind, value: unknown): number {
  if (value === null || value === undefined) return 0;
  switch (kind) {
    case "mutation":
      return 10;
    case "connection":
      return 2;
    case "object":
      return 1;
    case "list":
      return Array.isArray(value) ? value.filter((v) => v !== null && v !== undefined).length : 0;
    default:
      return 0;
  }
}

interface CostEnv {
  schema: GraphQLSchema;
  fragments: Record<string, FragmentDefinitionNode>;
  variables: Record<string, unknown>;
}

function included(
  node: {
    directives?: readonly {
      name: { value: string };
      arguments?: readonly { name: { value: string }; value: unknown }[];
    }[];
  },
  env: CostEnv,
): boolean {
  for (const d of node.directives ?? []) {
    if (d.name.value !== "skip" && d.name.value !== "include") continue;
    const arg = d.arguments?.find((a) => a.name.value === "if");
    if (!arg) continue;
    const v = arg.value as { kind: string; value?: boolean; name?: { value: string } };
    const val = v.kind === Kind.VARIABLE ? Boolean(env.variables[v.name!.value]) : Boolean(v.value);
    if (d.name.value === "skip" && val) return false;
    if (d.name.value === "include" && !val) return false;
  }
  return true;
}

function conditionApplies(
  env: CostEnv,
  typeCondition: string | undefined,
  obj: GraphQLObjectType,
): boolean {
  if (!typeCondition) return true;
  if (typeCondition === obj.name) return true;
  const cond = env.schema.getType(typeCondition);
  return !!cond && isAbstractType(cond) && env.schema.isSubType(cond, obj);
}

/** Fields selected on a concrete object type (fragments flattened). */
function collectFields(
  env: CostEnv,
  obj: GraphQLObjectType,
  set: SelectionSetNode,
  out: FieldNode[] = [],
  seen = new Set<string>(),
): FieldNode[] {
  for (const sel of set.selections) {
    if (!included(sel as never, env)) continue;
    if (sel.kind === Kind.FIELD) out.push(sel);
    else if (sel.kind === Kind.INLINE_FRAGMENT) {
      if (conditionApplies(env, sel.typeCondition?.name.value, obj))
        collectFields(env, obj, sel.selectionSet, out, seen);
    } else if (sel.kind === Kind.FRAGMENT_SPREAD) {
      const frag = env.fragments[sel.name.value];
      if (!frag || seen.has(frag.name.value)) continue;
      if (conditionApplies(env, frag.typeCondition.name.value, obj)) {
        seen.add(frag.name.value);
        collectFields(env, obj, frag.selectionSet, out, seen);
        seen.delete(frag.name.value);
      }
    }
  }
  return out;
}

/** Type conditions mentioned anywhere directly in this selection set (for abstract parents). */
function mentionedTypes(env: CostEnv, set: SelectionSetNode, out = new Set<string>()): Set<string> {
  for (const sel of set.selections) {
    if (sel.kind === Kind.INLINE_FRAGMENT) {
      if (sel.typeCondition) out.add(sel.typeCondition.name.value);
      mentionedTypes(env, sel.selectionSet, out);
    } else if (sel.kind === Kind.FRAGMENT_SPREAD) {
      const frag = env.fragments[sel.name.value];
      if (frag && !out.has(`fragment:${frag.name.value}`)) {
        out.add(`fragment:${frag.name.value}`);
        out.add(frag.typeCondition.name.value);
        mentionedTypes(env, frag.selectionSet, out);
      }
    }
  }
  return out;
}

function selectionCost(
  env: CostEnv,
  parent: GraphQLCompositeType,
  set: SelectionSetNode | undefined,
): number {
  if (!set) return 0;
  if (isObjectType(parent)) return objectCost(env, parent, set);
  const possible = env.schema.getPossibleTypes(parent);
  if (possible.length === 0) return 0;
  const candidates = new Set<GraphQLObjectType>([possible[0]]);
  for (const name of mentionedTypes(env, set)) {
    const t = env.schema.getType(name);
    if (!t) continue;
    if (isObjectType(t)) {
      if (possible.includes(t)) candidates.add(t);
    } else if (isAbstractType(t)) {
      for (const p of env.schema.getPossibleTypes(t)) if (possible.includes(p)) candidates.add(p);
    }
  }
  let max = 0;
  for (const t of candidates) max = Math.max(max, objectCost(env, t, set));
  return max;
}

function objectCost(env: CostEnv, obj: GraphQLObjectType, set: SelectionSetNode): number {
  let sum = 0;
  for (const node of collectFields(env, obj, set)) sum += fieldCost(env, obj, node);
  return sum;
}

function args(
  field: GraphQLField<unknown, unknown>,
  node: FieldNode,
  env: CostEnv,
): Record<string, unknown> {
  try {
    return getArgumentValues(field, node, env.variables);
  } catch {
    return {};
  }
}

function connectionItemCost(
  env: CostEnv,
  conn: GraphQLObjectType,
  set: SelectionSetNode | undefined,
): number {
  if (!set) return 1;
  let edgesCost = 0;
  let nodesCost = 0;
  for (const node of collectFields(env, conn, set)) {
    const name = node.name.value;
    const f = conn.getFields()[name];
    if (!f) continue;
    if (name === "nodes") {
      nodesCost = Math.max(
        nodesCost,
        1 + selectionCost(env, getNamedType(f.type) as GraphQLCompositeType, node.selectionSet),
      );
    } else if (name === "edges") {
      const edge = getNamedType(f.type) as GraphQLObjectType;
      for (const en of node.selectionSet ? collectFields(env, edge, node.selectionSet) : []) {
        if (en.name.value !== "node") continue;
        const nf = edge.getFields().node;
        edgesCost = Math.max(
          edgesCost,
          1 + selectionCost(env, getNamedType(nf.type) as GraphQLCompositeType, en.selectionSet),
        );
      }
    }
  }
  return Math.max(1, edgesCost, nodesCost);
}

function fieldCost(env: CostEnv, parent: GraphQLObjectType, node: FieldNode): number {
  const name = node.name.value;
  if (name.startsWith("__")) return 0;
  const field = parent.getFields()[name];
  if (!field) return 0;
  const kind = costKind(env.schema, parent, field);
  const named = getNamedType(field.type);
  switch (kind) {
    case "leaf":
    case "pageInfo":
      return 0;
    case "mutation":
      return (
        10 +
        (isLeafType(named)
          ? 0
          : selectionCost(env, named as GraphQLCompositeType, node.selectionSet))
      );
    case "connection": {
      const a = args(field, node, env);
      const n = Number(a.first ?? a.last ?? 0) || 0;
      return 2 + n * connectionItemCost(env, named as GraphQLObjectType, node.selectionSet);
    }
    case "list": {
      const a = args(field, node, env);
      const n = typeof a.first === "number" ? a.first : Array.isArray(a.ids) ? a.ids.length : 1;
      return n * (1 + selectionCost(env, named as GraphQLCompositeType, node.selectionSet));
    }
    default:
      return 1 + selectionCost(env, named as GraphQLCompositeType, node.selectionSet);
  }
}

export function requestedQueryCost(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  fragments: Record<string, FragmentDefinitionNode>,
  variables: Record<string, unknown>,
): number {
  const root =
    operation.operation === "mutation" ? schema.getMutationType() : schema.getQueryType();
  if (!root) return 0;
  return objectCost({ schema, fragments, variables }, root, operation.selectionSet);
}
