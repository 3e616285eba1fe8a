/**
 * Typed errors of the Shopify Admin API gateway, and the helpers that turn a mutation's
 * `userErrors` into one of them.
 *
 * Every failure the gateway reports is a `ShopifyApiError`, so a service can catch one type
 * and still tell the cases apart with `instanceof`:
 *
 *   ShopifyApiError (base: `retryable`, `operationName`)
 *   ├─ ShopifyHttpError             non-2xx answer (`status`), after retries where they apply
 *   ├─ ShopifyNetworkError          no answer at all: connection failure or timeout
 *   ├─ ShopifyGraphqlError          top-level `errors[]` in a 200 answer (validation, …)
 *   │  ├─ ShopifyThrottledError     `THROTTLED`, still throttled after the last retry
 *   │  ├─ ShopifyAccessDeniedError  `ACCESS_DENIED` (missing scope or protected data)
 *   │  └─ ShopifyMaxCostExceededError `MAX_COST_EXCEEDED` (the query itself is too big)
 *   ├─ ShopifyOutcomeUnknownError   a mutation may or may not have been applied
 *   └─ ShopifyUserErrors            the mutation ran and Shopify rejected the input
 *
 * `ShopifyClientUsageError` is deliberately not a `ShopifyApiError`: it means our own code
 * called the gateway wrongly (a bug), and nothing was sent.
 *
 * This module has no server-only dependencies, so the domain and UI can import the types.
 */

/** One entry of a GraphQL response's top-level `errors` array, as Shopify sends it. */
export interface GraphqlErrorEntry {
  message: string;
  path?: ReadonlyArray<string | number>;
  locations?: ReadonlyArray<{ line: number; column: number }>;
  extensions?: { code?: string; [key: string]: unknown };
}

/** One entry of a mutation payload's `userErrors`. `code` is absent on plain `UserError` (e.g. `refundCreate`). */
export interface ShopifyUserError {
  field: string[] | null;
  message: string;
  code: string | null;
}

interface BaseOptions {
  operationName?: string;
  cause?: unknown;
}

export abstract class ShopifyApiError extends Error {
  /**
   * True when the same call may be made again later and can be expected to succeed
   * without changing anything (it failed for a transient reason and, for a mutation, it is
   * known not to have been applied or is protected by an idempotency key).
   */
  abstract readonly retryable: boolean;
  /** The GraphQL operation name, for logs and messages. */
  readonly operationName: string | undefined;

  constructor(message: string, options: BaseOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.operationName = options.operationName;
  }
}

/** Shopify (or a proxy in front of it) answered with a non-2xx status. */
export class ShopifyHttpError extends ShopifyApiError {
  readonly status: number;
  /** Milliseconds Shopify asked us to wait (`Retry-After`), when it said so. */
  readonly retryAfterMs: number | undefined;
  /** The start of the response body, for diagnosis (never contains our access token). */
  readonly bodySnippet: string;
  readonly retryable: boolean;

  constructor(
    status: number,
    options: BaseOptions & { retryAfterMs?: number; body?: string } = {},
  ) {
    super(
      `Shopify Admin API answered HTTP ${status}${
        options.operationName ? ` to ${options.operationName}` : ""
      }${describeStatus(status)}`,
      options,
    );
    this.status = status;
    this.retryAfterMs = options.retryAfterMs;
    this.bodySnippet = (options.body ?? "").slice(0, 500);
    this.retryable = isTransientStatus(status);
  }
}

/** No HTTP answer: DNS, connection refused/reset, TLS, or the per-attempt timeout. */
export class ShopifyNetworkError extends ShopifyApiError {
  readonly timedOut: boolean;
  readonly retryable = true;

  constructor(options: BaseOptions & { timedOut: boolean }) {
    super(
      options.timedOut
        ? `Shopify Admin API did not answer in time${options.operationName ? ` (${options.operationName})` : ""}.`
        : `Could not reach the Shopify Admin API${options.operationName ? ` (${options.operationName})` : ""}: ${
            causeMessage(options.cause) ?? "network error"
          }.`,
      options,
    );
    this.timedOut = options.timedOut;
  }
}

interface GraphqlErrorOptions extends BaseOptions {
  errors: GraphqlErrorEntry[];
  /** Partial `data` that came with the errors, if any (null fields where errors occurred). */
  data?: unknown;
}

/** HTTP 200 with top-level `errors`: invalid document or variables, or another GraphQL-level failure. */
export class ShopifyGraphqlError extends ShopifyApiError {
  readonly errors: GraphqlErrorEntry[];
  /** `extensions.code` of the first error that has one (e.g. "INTERNAL_SERVER_ERROR"). */
  readonly code: string | undefined;
  readonly data: unknown;
  readonly retryable: boolean = false;

  constructor(options: GraphqlErrorOptions, message?: string) {
    super(
      message ??
        `Shopify rejected ${options.operationName ?? "the operation"}: ${options.errors
          .map((e) => e.message)
          .join("; ")}`,
      options,
    );
    this.errors = options.errors;
    this.code = options.errors.find((e) => typeof e.extensions?.code === "string")?.extensions
      ?.code;
    this.data = options.data;
  }
}

/** The cost bucket stayed empty through every retry. Waiting and trying again is fine. */
export class ShopifyThrottledError extends ShopifyGraphqlError {
  override readonly retryable = true;
  readonly requestedQueryCost: number | undefined;

  constructor(options: GraphqlErrorOptions & { requestedQueryCost?: number; tries: number }) {
    super(
      options,
      `Shopify kept throttling ${options.operationName ?? "the operation"} after ${options.tries} tries; try again in a few seconds.`,
    );
    this.requestedQueryCost = options.requestedQueryCost;
  }
}

/** The app lacks an access scope (or protected-customer-data approval) for a field. */
export class ShopifyAccessDeniedError extends ShopifyGraphqlError {
  constructor(options: GraphqlErrorOptions) {
    super(
      options,
      `The app is not allowed to run ${options.operationName ?? "the operation"}: ${options.errors
        .map((e) => e.message)
        .join("; ")}. Check the app's access scopes and reinstall or re-approve it.`,
    );
  }
}

/** A single query may cost at most 1,000 points; this one costs more and never will succeed as is. */
export class ShopifyMaxCostExceededError extends ShopifyGraphqlError {
  readonly cost: number | undefined;
  readonly maxCost: number | undefined;

  constructor(options: GraphqlErrorOptions) {
    super(options);
    const ext = options.errors.find((e) => e.extensions?.code === "MAX_COST_EXCEEDED")?.extensions;
    this.cost = typeof ext?.cost === "number" ? ext.cost : undefined;
    this.maxCost = typeof ext?.maxCost === "number" ? ext.maxCost : undefined;
  }
}

/**
 * A mutation failed in a way that does not tell whether Shopify applied it (timeout,
 * dropped connection, 500/502/504). The caller must not blindly repeat it: reconcile by
 * reading Shopify's state, or repeat it with the same idempotency key (`retryable` is true
 * exactly when the call carried one). `cause` is the underlying gateway error.
 */
export class ShopifyOutcomeUnknownError extends ShopifyApiError {
  readonly idempotencyKey: string | undefined;
  readonly retryable: boolean;
  declare readonly cause: ShopifyApiError;

  constructor(
    cause: ShopifyApiError,
    options: { operationName?: string; idempotencyKey?: string },
  ) {
    super(
      `It is unknown whether Shopify applied ${options.operationName ?? "the mutation"} (${cause.message}). ${
        options.idempotencyKey
          ? "Retrying with the same idempotency key is safe."
          : "Check Shopify's state before trying again."
      }`,
      { operationName: options.operationName, cause },
    );
    this.idempotencyKey = options.idempotencyKey;
    this.retryable = options.idempotencyKey !== undefined;
  }
}

/** The mutation ran and Shopify refused the input; `userErrors` says why (field + message + code). */
export class ShopifyUserErrors extends ShopifyApiError {
  readonly retryable = false;
  /** The mutation field whose payload carried the errors, e.g. "returnRequest". */
  readonly mutation: string;
  readonly userErrors: ShopifyUserError[];

  constructor(mutation: string, userErrors: ShopifyUserError[]) {
    super(
      `Shopify rejected ${mutation}: ${userErrors
        .map(
          (e) =>
            `${e.field?.length ? `${e.field.join(".")}: ` : ""}${e.message}${e.code ? ` [${e.code}]` : ""}`,
        )
        .join("; ")}`,
      { operationName: mutation },
    );
    this.mutation = mutation;
    this.userErrors = userErrors;
  }

  /** The first error's code (null for `UserError` types without codes, e.g. `refundCreate`). */
  get code(): string | null {
    return this.userErrors[0]?.code ?? null;
  }

  /** True when any user error carries `code`, e.g. `hasCode("INVALID_STATE")`. */
  hasCode(code: string): boolean {
    return this.userErrors.some((e) => e.code === code);
  }
}

/** Our code used the gateway wrongly (bad document, missing/empty idempotency key). Nothing was sent. */
export class ShopifyClientUsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ShopifyClientUsageError";
  }
}

// ---------------------------------------------------------------------------------------
// userErrors helpers

/** The shape every Shopify mutation payload shares, as generated types describe it. */
export interface PayloadWithUserErrors {
  userErrors: ReadonlyArray<{
    field?: ReadonlyArray<string> | null;
    message: string;
    code?: string | null;
  }>;
}

/**
 * Throws `ShopifyUserErrors` when the payload has any `userErrors`. Shopify never raises
 * them as GraphQL errors, so every mutation result must pass through this (or
 * `unwrapMutation`).
 */
export function assertNoUserErrors(payload: PayloadWithUserErrors, mutation: string): void {
  if (payload.userErrors.length > 0) {
    throw new ShopifyUserErrors(
      mutation,
      payload.userErrors.map((e) => ({
        field: e.field ? [...e.field] : null,
        message: e.message,
        code: e.code ?? null,
      })),
    );
  }
}

/**
 * Returns the payload of mutation field `field` from a response's `data`, after checking
 * it exists and has no `userErrors`:
 *
 *   const { data } = await client.request<ReturnRequestMutation, ReturnRequestMutationVariables>(RETURN_REQUEST, vars);
 *   const payload = unwrapMutation(data, "returnRequest"); // throws ShopifyUserErrors
 */
export function unwrapMutation<
  TData extends { [P in K]?: PayloadWithUserErrors | null },
  K extends keyof TData & string,
>(data: TData, field: K): NonNullable<TData[K]> {
  const payload = data[field];
  if (payload === null || payload === undefined) {
    // Shopify returns a payload for every executed mutation; a null one means the field
    // failed (its error is in `errors`, which the client already raised) or was not selected.
    throw new ShopifyGraphqlError({
      operationName: field,
      errors: [{ message: `The response has no payload for mutation "${field}".` }],
      data,
    });
  }
  assertNoUserErrors(payload, field);
  return payload as NonNullable<TData[K]>;
}

// ---------------------------------------------------------------------------------------

/** 429 and 5xx are worth retrying (reads; writes only with an idempotency key); other 4xx are not. */
export function isTransientStatus(status: number): boolean {
  // 500 included: a query may simply be read again (mutations behind a 500 become
  // ShopifyOutcomeUnknownError, so they are never repeated blindly).
  return status === 429 || (status >= 500 && status <= 504);
}

function describeStatus(status: number): string {
  switch (status) {
    case 401:
      return " (access token missing or revoked; the shop must reopen or reinstall the app).";
    case 402:
      return " (the shop is frozen: unpaid Shopify bill).";
    case 403:
      return " (forbidden).";
    case 404:
      return " (shop or API version not found).";
    case 423:
      return " (the shop is locked).";
    case 429:
      return " (too many requests; try again shortly).";
    default:
      return status >= 500 ? " (Shopify had a server problem; try again shortly)." : ".";
  }
}

function causeMessage(cause: unknown): string | undefined {
  if (!(cause instanceof Error)) return undefined;
  const inner = (cause as { cause?: unknown }).cause;
  // undici puts the useful part ("connect ECONNREFUSED 127.0.0.1:3000") in `cause`.
  return inner instanceof Error ? `${cause.message} (${inner.message})` : cause.message;
}
