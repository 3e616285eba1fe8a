/**
 * One GraphQL request against one shop: parse → validate (official schema) → coerce variables
 * (@oneOf enforced by graphql 16.15) → custom-scalar checks → requested cost / MAX_COST_EXCEEDED
 * → leaky bucket / THROTTLED → execute with the stand-in's resolvers (scope checks, "not
 * implemented" errors, actual cost) → refund the unused cost. Returns the JSON body Shopify
 * would send with HTTP 200.
 */
import {
  execute,
  getDirectiveValues,
  getVariableValues,
  getOperationAST,
  GraphQLError,
  Kind,
  parse,
  validate,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLFieldResolver,
  type GraphQLResolveInfo,
  type GraphQLTypeResolver,
} from "graphql";
import type { LeakyBucket } from "./bucket";
import { accessDenied, notImplemented, type ResolverContext } from "./context";
import { actualCostOf, costKind, MAX_QUERY_COST, requestedQueryCost } from "./cost";
import type { ShopState } from "./model";
import { refundCreate } from "./operations";
import { RESOLVERS, type Resolver } from "./resolvers";
import { fail, RULES, type RuleName } from "./rules";
import { validateInputScalars } from "./scalars";
import { fieldAccess, getSchema, satisfies } from "./schema-meta";

type Json = Record<string, unknown>;

export const RATE_LIMIT_DOC = "https://shopify.dev/api/usage/rate-limits";

// ---- parse/validate cache (validation does not depend on variables) ----------------------------

interface Prepared {
  document?: DocumentNode;
  errors?: GraphQLError[];
}
const prepared = new Map<string, Prepared>();
const PREPARED_MAX = 500;

function prepare(query: string): Prepared {
  const hit = prepared.get(query);
  if (hit) return hit;
  let result: Prepared;
  try {
    const document = parse(query);
    const errors = validate(getSchema(), document);
    result = errors.length ? { errors: [...errors] } : { document };
  } catch (e) {
    result = { errors: [e instanceof GraphQLError ? e : new GraphQLError(String(e))] };
  }
  if (prepared.size >= PREPARED_MAX) prepared.delete(prepared.keys().next().value as string);
  prepared.set(query, result);
  return result;
}

// ---- the field resolver: scopes, implemented registry, actual cost ------------------------------

const hasOwn = Object.prototype.hasOwnProperty;

function protectedDenied(typeName: string, fieldName: string): GraphQLError {
  return new GraphQLError(
    `This app is not approved to access the ${typeName} object's protected customer data (${fieldName}). See https://shopify.dev/docs/apps/launch/protected-customer-data for more details.`,
    {
      extensions: {
        code: "ACCESS_DENIED",
        documentation: "https://shopify.dev/docs/apps/launch/protected-customer-data",
      },
    },
  );
}

const fieldResolver: GraphQLFieldResolver<unknown, ResolverContext> = (source, args, ctx, info) => {
  const schema = info.schema;
  const parent = info.parentType;
  const name = info.fieldName;
  const access = fieldAccess(schema, parent.name, name);
  for (const req of access.requirements)
    if (!satisfies(req, ctx.grants)) throw accessDenied(name, req.text);
  if (access.isProtected && !ctx.protectedCustomerData) throw protectedDenied(parent.name, name);
  const resolver: Resolver | undefined = RESOLVERS[parent.name]?.[name];
  let value: unknown;
  if (resolver) value = resolver(source, args, ctx, info);
  else if (source !== null && typeof source === "object" && hasOwn.call(source, name))
    value = (source as Record<string, unknown>)[name];
  else throw notImplemented(parent.name, name);
  ctx.actualCost += actualCostOf(costKind(schema, parent, parent.getFields()[name]), value);
  return value;
};

const typeResolver: GraphQLTypeResolver<unknown, ResolverContext> = (value) => {
  const t = (value as { __typename?: unknown } | null)?.__typename;
  return typeof t === "string" ? t : undefined;
};

// ---- @idempotent for refundCreate -------------------------------------------------------------

function topLevel(rule: RuleName, params: Record<string, unknown> = {}): GraphQLError {
  const e = fail(rule, null, params);
  return new GraphQLError(e.message, { extensions: { code: RULES[rule].code } });
}

function stableJson(v: unknown): string {
  if (v === null || typeof v !== "object") return JSON.stringify(v) ?? "null";
  if (Array.isArray(v)) return `[${v.map(stableJson).join(",")}]`;
  const o = v as Record<string, unknown>;
  return `{${Object.keys(o)
    .filter((k) => o[k] !== undefined)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${stableJson(o[k])}`)
    .join(",")}}`;
}

const idempotentRefundCreate: Resolver = (
  _src,
  args,
  ctx: ResolverContext,
  info: GraphQLResolveInfo,
) => {
  const directive = info.schema.getDirective("idempotent");
  const values = directive
    ? getDirectiveValues(directive, info.fieldNodes[0], info.variableValues)
    : undefined;
  if (!values) throw topLevel("IDEMPOTENCY_KEY_MISSING");
  const key = String(values.key ?? "");
  if (!key.trim()) throw topLevel("IDEMPOTENCY_KEY_BLANK");
  const fingerprint = stableJson(args.input);
  const shop = ctx.shop;
  const seen = shop.idempotency.get(key);
  if (seen) {
    if (seen.fingerprint !== fingerprint)
      throw topLevel("IDEMPOTENCY_KEY_PARAMETER_MISMATCH", { key: JSON.stringify(key) });
    return {
      refund: seen.refundId ? shop.nodes.get(seen.refundId) : null,
      order: seen.orderId ? shop.nodes.get(seen.orderId) : null,
      userErrors: seen.userErrors,
    };
  }
  const r = refundCreate(ctx.ops, args.input);
  const order =
    (shop.nodes.get(args.input.orderId) as { __typename: string } | undefined)?.__typename ===
    "Order"
      ? shop.nodes.get(args.input.orderId)
      : null;
  const result = r.ok
    ? {
        refund: r.value,
        order: shop.nodes.get(r.value.orderId),
        userErrors: [] as Array<{ field: string[] | null; message: string }>,
      }
    : {
        refund: null,
        order,
        userErrors: r.errors.map((e) => ({ field: e.field, message: e.message })),
      };
  shop.idempotency.set(key, {
    fingerprint,
    refundId: r.ok ? r.value.id : null,
    orderId: order ? (order as { id: string }).id : null,
    userErrors: result.userErrors,
  });
  return result;
};
RESOLVERS.Mutation.refundCreate = idempotentRefundCreate;

// ---- the pipeline -----------------------------------------------------------------------------

export interface RunInput {
  query?: unknown;
  variables?: unknown;
  operationName?: unknown;
}

export interface RunEnv {
  shop: ShopState;
  bucket: LeakyBucket;
  nowMs(): number;
  makeContext(): ResolverContext;
}

export interface RunResult {
  body: Json;
  executed: boolean;
  isMutation: boolean;
}

function errorsBody(errors: readonly GraphQLError[]): Json {
  return { errors: errors.map((e) => e.toJSON()) };
}

export function runGraphql(input: RunInput, env: RunEnv): RunResult {
  const schema = getSchema();
  if (typeof input.query !== "string" || !input.query.trim()) {
    return {
      body: { errors: [{ message: "No query string was present" }] },
      executed: false,
      isMutation: false,
    };
  }
  const prep = prepare(input.query);
  if (prep.errors) return { body: errorsBody(prep.errors), executed: false, isMutation: false };
  const document = prep.document!;
  const operationName =
    typeof input.operationName === "string" && input.operationName
      ? input.operationName
      : undefined;
  const operation = getOperationAST(document, operationName);
  if (!operation) {
    const message = operationName
      ? `Unknown operation named "${operationName}".`
      : "An operation name is required when the document contains several operations.";
    return { body: { errors: [{ message }] }, executed: false, isMutation: false };
  }
  if (operation.operation === "subscription") {
    return {
      body: { errors: [{ message: "Subscriptions are not supported by the Admin API." }] },
      executed: false,
      isMutation: false,
    };
  }
  const rawVars = input.variables ?? {};
  if (typeof rawVars !== "object" || Array.isArray(rawVars)) {
    return {
      body: { errors: [{ message: "Variables must be a JSON object" }] },
      executed: false,
      isMutation: false,
    };
  }
  const coerced = getVariableValues(
    schema,
    operation.variableDefinitions ?? [],
    rawVars as Record<string, unknown>,
    { maxErrors: 50 },
  );
  if (coerced.errors)
    return { body: errorsBody(coerced.errors), executed: false, isMutation: false };
  const variables = coerced.coerced;
  const scalarErrors = validateInputScalars(schema, document, operation, variables);
  if (scalarErrors.length)
    return { body: errorsBody(scalarErrors), executed: false, isMutation: false };

  const fragments: Record<string, FragmentDefinitionNode> = {};
  for (const d of document.definitions)
    if (d.kind === Kind.FRAGMENT_DEFINITION) fragments[d.name.value] = d;
  const requested = requestedQueryCost(schema, operation, fragments, variables);
  const isMutation = operation.operation === "mutation";
  if (requested > MAX_QUERY_COST) {
    return {
      body: {
        errors: [
          {
            message: `Query cost is ${requested}, which exceeds the single query max cost limit (${MAX_QUERY_COST}).\n\nSee https://shopify.dev/concepts/about-apis/rate-limits for more information on how the\ncost of a query is calculated.\n\nTo query larger amounts of data with fewer limits, bulk operations should be used instead.\nSee https://shopify.dev/tutorials/perform-bulk-operations-with-admin-api for usage details.\n`,
            extensions: {
              code: "MAX_COST_EXCEEDED",
              cost: requested,
              maxCost: MAX_QUERY_COST,
              documentation: "https://shopify.dev/api/usage/limits#rate-limits",
            },
          },
        ],
      },
      executed: false,
      isMutation,
    };
  }
  const now = env.nowMs();
  if (!env.bucket.tryTake(requested, now)) {
    return {
      body: {
        errors: [
          {
            message: "Throttled",
            extensions: { code: "THROTTLED", documentation: RATE_LIMIT_DOC },
          },
        ],
        extensions: {
          cost: {
            requestedQueryCost: requested,
            actualQueryCost: null,
            throttleStatus: env.bucket.status(now),
          },
        },
      },
      executed: false,
      isMutation,
    };
  }
  const ctx = env.makeContext();
  const result = execute({
    schema,
    document,
    operationName,
    rootValue: {},
    contextValue: ctx,
    variableValues: rawVars as Record<string, unknown>,
    fieldResolver,
    typeResolver,
  });
  if (result instanceof Promise) throw new Error("stand-in resolvers must be synchronous");
  const actual = Math.min(requested, ctx.actualCost);
  env.bucket.giveBack(requested - actual);
  const extensions: Json = {
    cost: {
      requestedQueryCost: requested,
      actualQueryCost: actual,
      throttleStatus: env.bucket.status(env.nowMs()),
    },
  };
  if (ctx.searchWarnings.length) extensions.search = ctx.searchWarnings;
  const body: Json = {};
  if (result.errors?.length) body.errors = result.errors.map((e) => e.toJSON());
  body.data = result.data ?? null;
  body.extensions = extensions;
  return { body, executed: true, isMutation };
}
