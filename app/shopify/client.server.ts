/**
 * The app's one gateway to Shopify's Admin GraphQL API (one shop, one access token).
 *
 * Everything that talks to the Admin API goes through `createAdminClient(...).request(...)`,
 * so the rules that keep us safe live in one place:
 * - cost: `extensions.cost` is read on every answer; a per-shop bucket estimate delays a
 *   call that would not fit, and a `THROTTLED` answer (HTTP 200!) is retried after the
 *   time the bucket needs to refill;
 * - transient failures (429 with Retry-After, 502/503/504, network errors, per-attempt
 *   timeouts) are retried with jittered exponential backoff, a bounded number of times;
 * - what "may have run" means, per answer: 429 and THROTTLED never ran (Shopify refuses
 *   them before execution); any 5xx, a timeout or a dropped connection may have run;
 * - mutations are never repeated blindly: after a failure that may have reached Shopify,
 *   they are retried only with an idempotency key (`@idempotent`) or when the caller says
 *   the mutation is safe to repeat; otherwise `ShopifyOutcomeUnknownError` tells the
 *   service to reconcile;
 * - every failure becomes a typed error (see ./errors.ts).
 *
 * `origin` exists so tests and the demo can point the client at the offline stand-in.
 * Clock, sleep and randomness are injectable so tests run instantly and deterministically.
 */
import { ClientError, GraphQLClient } from "graphql-request";
import { Kind, parse, visit, type OperationDefinitionNode } from "graphql";
import { ADMIN_API_VERSION } from "./api-version";
import {
  ShopifyAccessDeniedError,
  ShopifyClientUsageError,
  ShopifyGraphqlError,
  ShopifyHttpError,
  ShopifyMaxCostExceededError,
  ShopifyNetworkError,
  ShopifyOutcomeUnknownError,
  ShopifyThrottledError,
  type GraphqlErrorEntry,
  type ShopifyApiError,
} from "./errors";

// ---------------------------------------------------------------------------------------
// Public types

/** `extensions.cost.throttleStatus` of an Admin API answer. */
export interface ThrottleStatus {
  maximumAvailable: number;
  currentlyAvailable: number;
  restoreRate: number;
}

/** `extensions.cost` of an Admin API answer. `actualQueryCost` is null when throttled. */
export interface QueryCost {
  requestedQueryCost: number;
  actualQueryCost: number | null;
  throttleStatus: ThrottleStatus;
}

declare const documentTypes: unique symbol;
/**
 * A GraphQL document string that carries its result and variables types, so `request`
 * infers both:
 *
 *   const SHOP_INFO = `#graphql
 *     query ShopInfo { shop { id } }` as AdminDocument<ShopInfoQuery, ShopInfoQueryVariables>;
 *
 * Purely a type: at run time it is the string itself.
 */
export type AdminDocument<TData, TVars> = string & {
  readonly [documentTypes]?: { data: TData; variables: TVars };
};

export interface AdminRequestOptions {
  /**
   * Sent as `$idempotencyKey` for a document that uses `@idempotent(key: $idempotencyKey)`
   * (required there, rejected elsewhere). Use one key per business action (e.g. per refund
   * attempt), stable across retries and restarts. It also makes the mutation safe to retry.
   */
  idempotencyKey?: string;
  /**
   * Mutations only: allow retrying after a failure that may have reached Shopify (timeout,
   * dropped connection, 502/504) even without an idempotency key. Set it only for
   * mutations whose repetition is harmless (they set a state rather than add something).
   * Default false: such a failure throws `ShopifyOutcomeUnknownError` instead.
   */
  retryUnsafe?: boolean;
  /** Aborts the call, including any wait between retries; rejects with the signal's reason. */
  signal?: AbortSignal;
}

export interface AdminResponse<TData> {
  data: TData;
  /** Absent when Shopify sent no `extensions.cost` (it always does on success). */
  cost: QueryCost | undefined;
}

/** The variables a caller passes: the client itself adds `idempotencyKey`. */
export type CallerVariables<TVars> = Omit<TVars, "idempotencyKey">;
/** `variables` may be left out exactly when none of them is required. */
export type RequestArgs<TVars> =
  // `{} extends V` holds exactly when every property of V is optional.
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  {} extends CallerVariables<TVars>
    ? [variables?: CallerVariables<TVars>, options?: AdminRequestOptions]
    : [variables: CallerVariables<TVars>, options?: AdminRequestOptions];

export interface AdminClient {
  readonly shop: string;
  /** The GraphQL endpoint URL this client posts to. */
  readonly endpoint: string;
  /** The last `throttleStatus` Shopify reported for this shop (shared by all clients of the shop). */
  readonly throttleStatus: ThrottleStatus | undefined;
  request<TData, TVars extends object = Record<string, unknown>>(
    document: AdminDocument<TData, TVars> | string,
    ...args: RequestArgs<TVars>
  ): Promise<AdminResponse<TData>>;
}

/** Only operation names, attempts and reasons are logged: never tokens or variables (PII). */
export interface AdminClientLogger {
  warn(message: string, context: Record<string, unknown>): void;
  debug?(message: string, context: Record<string, unknown>): void;
}

export interface AdminClientOptions {
  /** The shop's permanent domain, e.g. "nordic-demo.myshopify.com". */
  shop: string;
  accessToken: string;
  /** Scheme + host (+ optional path prefix) to send to instead of `https://{shop}`; e.g. the offline stand-in. */
  origin?: string;
  apiVersion?: string;
  fetch?: typeof fetch;
  /** Attempts in total when calls fail transiently (not counting THROTTLED answers). Default 5. */
  maxTries?: number;
  /** Attempts in total while Shopify answers THROTTLED. Default 10. */
  maxThrottledTries?: number;
  /** Per-attempt timeout. Default 30 s. */
  timeoutMs?: number;
  /**
   * The longest one `request` may take in total, waits and retries included (default
   * 2 minutes): no attempt starts, and none runs, past it. Claims that guard a call hold
   * their lease longer than this (app/services/attempts.server.ts), so a call can never
   * outlive the claim that allowed it.
   */
  deadlineMs?: number;
  /** First backoff step; it doubles per retry. Default 500 ms. */
  baseDelayMs?: number;
  /** Longest single wait between attempts; a longer Retry-After ends the retries. Default 30 s. */
  maxDelayMs?: number;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Uniform in [0, 1), for jitter. */
  random?: () => number;
  /** Milliseconds since the epoch, for the bucket estimate and HTTP-date Retry-After. */
  now?: () => number;
  logger?: AdminClientLogger;
  /** The cost bucket estimate to use. Default: one per shop and origin, shared in this process. */
  throttleBucket?: ThrottleBucket;
}

/** Defaults of `createAdminClient`; `DEFAULT_REQUEST_DEADLINE_MS` bounds every request. */
export const DEFAULT_TIMEOUT_MS = 30_000;
export const DEFAULT_REQUEST_DEADLINE_MS = 120_000;
/**
 * The longest one request can take with the defaults: the deadline, plus one attempt's
 * timeout and a full bucket refill (1,000 points at 50/s) for a first attempt that had to
 * wait for the bucket. Leases of claims that guard a call are longer than this.
 */
export const WORST_CASE_REQUEST_MS = DEFAULT_REQUEST_DEADLINE_MS + DEFAULT_TIMEOUT_MS + 20_000;

// ---------------------------------------------------------------------------------------
// Cost bucket estimate

/**
 * What we know about one shop's Admin API cost bucket (per app and shop at Shopify),
 * shared by every client of the shop in this process because clients are created per
 * request. Shopify's last answer is the truth; on top of it we book the points of calls
 * that are waiting or in flight, so a burst queues up instead of getting THROTTLED.
 */
export class ThrottleBucket {
  #observed: (ThrottleStatus & { at: number }) | undefined;
  #booked = 0;
  readonly #lastCost = new Map<string, number>();

  /** The last status Shopify reported. */
  get status(): ThrottleStatus | undefined {
    if (!this.#observed) return undefined;
    const { maximumAvailable, currentlyAvailable, restoreRate } = this.#observed;
    return { maximumAvailable, currentlyAvailable, restoreRate };
  }

  observe(status: ThrottleStatus, at: number): void {
    this.#observed = { ...status, at };
  }

  /** `requestedQueryCost` of the last call of this document; Shopify only tells us afterwards. */
  rememberCost(document: string, requestedQueryCost: number): void {
    if (this.#lastCost.size > 1000) this.#lastCost.clear(); // documents are constants; this only bounds misuse
    this.#lastCost.set(document, requestedQueryCost);
  }

  expectedCost(document: string): number {
    return this.#lastCost.get(document) ?? 0;
  }

  /**
   * Books `cost` points for a call and says how long to wait until the bucket should hold
   * them: (cost − available) / restoreRate. Call `release` once the answer is in.
   */
  book(cost: number, now: number): { waitMs: number; release: () => void } {
    const s = this.#observed;
    // Nothing known, or a cost that can never fit: send and let Shopify decide.
    if (!s || cost <= 0 || s.restoreRate <= 0 || cost > s.maximumAvailable) {
      return { waitMs: 0, release: () => {} };
    }
    const refilled = s.currentlyAvailable + (s.restoreRate * Math.max(0, now - s.at)) / 1000;
    const available = Math.min(s.maximumAvailable, refilled) - this.#booked;
    this.#booked += cost;
    let released = false;
    return {
      waitMs: available >= cost ? 0 : Math.ceil(((cost - available) / s.restoreRate) * 1000),
      release: () => {
        if (released) return;
        released = true;
        this.#booked -= cost;
      },
    };
  }
}

const sharedBuckets = new Map<string, ThrottleBucket>();

/** Forget all shared bucket estimates (tests that restart the stand-in use this). */
export function resetSharedThrottleBuckets(): void {
  sharedBuckets.clear();
}

function sharedBucketFor(key: string): ThrottleBucket {
  let bucket = sharedBuckets.get(key);
  if (!bucket) {
    bucket = new ThrottleBucket();
    sharedBuckets.set(key, bucket);
  }
  return bucket;
}

// ---------------------------------------------------------------------------------------
// Documents

interface OperationInfo {
  name: string | undefined;
  type: "query" | "mutation" | "subscription";
  /** Uses `@idempotent(key: $idempotencyKey)`. */
  idempotent: boolean;
}

const IDEMPOTENCY_VARIABLE = "idempotencyKey";
const operationCache = new Map<string, OperationInfo>();

/** Parses once per document string; documents are module constants, so this stays small. */
function analyzeOperation(document: string): OperationInfo {
  const cached = operationCache.get(document);
  if (cached) return cached;

  let ast;
  try {
    ast = parse(document);
  } catch (error) {
    throw new ShopifyClientUsageError(
      `Invalid GraphQL document: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  const operations = ast.definitions.filter(
    (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION,
  );
  if (operations.length !== 1) {
    throw new ShopifyClientUsageError(
      `A document must contain exactly one operation; found ${operations.length}.`,
    );
  }
  const operation = operations[0];
  const name = operation.name?.value;

  let idempotent = false;
  visit(operation, {
    Directive(node) {
      if (node.name.value !== "idempotent") return;
      const key = node.arguments?.find((a) => a.name.value === "key")?.value;
      if (key?.kind !== Kind.VARIABLE || key.name.value !== IDEMPOTENCY_VARIABLE) {
        throw new ShopifyClientUsageError(
          `${name ?? "The operation"}: write @idempotent(key: $${IDEMPOTENCY_VARIABLE}) so the client can pass the key.`,
        );
      }
      idempotent = true;
    },
  });
  if (
    idempotent &&
    !operation.variableDefinitions?.some((v) => v.variable.name.value === IDEMPOTENCY_VARIABLE)
  ) {
    throw new ShopifyClientUsageError(
      `${name ?? "The operation"} uses @idempotent but does not declare $${IDEMPOTENCY_VARIABLE}: String!.`,
    );
  }

  const info: OperationInfo = {
    name,
    type: operation.operation as OperationInfo["type"],
    idempotent,
  };
  if (operationCache.size > 1000) operationCache.clear();
  operationCache.set(document, info);
  return info;
}

// ---------------------------------------------------------------------------------------
// Attempt outcomes

/**
 * How one attempt ended. `maybeApplied`: Shopify may have executed it (matters for
 * mutations only). `transient`: the same request can succeed later.
 */
type AttemptOutcome<TData> =
  | { kind: "ok"; data: TData; cost: QueryCost | undefined }
  | { kind: "throttled"; errors: GraphqlErrorEntry[]; cost: QueryCost | undefined }
  | {
      kind: "failed";
      error: ShopifyApiError;
      transient: boolean;
      maybeApplied: boolean;
      retryAfterMs?: number;
    };

/** Marks errors thrown by fetch itself, as opposed to errors while reading or parsing. */
class TransportFailure extends Error {}

/** Connection errors that prove the request never left: safe to retry even for mutations. */
const NOT_SENT_CODES = new Set([
  "ECONNREFUSED",
  "ENOTFOUND",
  "EAI_AGAIN",
  "UND_ERR_CONNECT_TIMEOUT",
]);

const SHOP_DOMAIN = /^[a-z0-9][a-z0-9-]*\.myshopify\.com$/i;

// ---------------------------------------------------------------------------------------

export function createAdminClient(options: AdminClientOptions): AdminClient {
  const {
    shop,
    accessToken,
    apiVersion = ADMIN_API_VERSION,
    maxTries = 5,
    maxThrottledTries = 10,
    timeoutMs = DEFAULT_TIMEOUT_MS,
    deadlineMs = DEFAULT_REQUEST_DEADLINE_MS,
    baseDelayMs = 500,
    maxDelayMs = 30_000,
    sleep = defaultSleep,
    random = Math.random,
    now = Date.now,
    logger,
  } = options;

  // The shop ends up in the URL that receives our access token: never let a crafted value
  // ("evil.example/x?") send it elsewhere.
  if (!SHOP_DOMAIN.test(shop)) {
    throw new ShopifyClientUsageError(`Not a shop domain: "${shop}" (expected *.myshopify.com).`);
  }
  if (!accessToken) throw new ShopifyClientUsageError(`No access token for ${shop}.`);
  if (maxTries < 1 || maxThrottledTries < 1) {
    throw new ShopifyClientUsageError("maxTries and maxThrottledTries must be at least 1.");
  }
  const origin = normalizeOrigin(options.origin ?? `https://${shop}`);
  const endpoint = `${origin}/admin/api/${apiVersion}/graphql.json`;
  const bucket = options.throttleBucket ?? sharedBucketFor(`${origin}|${shop}`);
  const baseFetch = options.fetch ?? globalThis.fetch;

  const graphql = new GraphQLClient(endpoint, {
    headers: {
      "X-Shopify-Access-Token": accessToken,
      // The stand-in serves many shops on one origin; the shop header lets it cross-check
      // the token (Shopify itself knows the shop from the host name).
      ...(options.origin ? { "X-Shopify-Shop-Domain": shop } : {}),
    },
    // 'all' keeps `errors` and `extensions` of 200 answers instead of throwing, so THROTTLED
    // and the cost can be read.
    errorPolicy: "all",
    fetch: async (input, init) => {
      try {
        return await baseFetch(input, init);
      } catch (error) {
        throw new TransportFailure("fetch failed", { cause: error });
      }
    },
  });

  const jitter = (ms: number) => Math.round(random() * Math.min(1000, ms * 0.1));
  /** Exponential backoff with "equal jitter": between half and all of base × 2^(n−1). */
  const backoff = (failures: number) => {
    const step = Math.min(maxDelayMs, baseDelayMs * 2 ** (failures - 1));
    return Math.round(step / 2 + (random() * step) / 2);
  };

  async function attempt<TData>(
    document: string,
    op: OperationInfo,
    variables: object | undefined,
    signal: AbortSignal | undefined,
    remainingMs: number,
  ): Promise<AttemptOutcome<TData>> {
    // Past the deadline only the first attempt runs (after a bucket wait); it keeps a full timeout.
    const timeout = AbortSignal.timeout(remainingMs > 0 ? Math.min(timeoutMs, remainingMs) : timeoutMs);
    const attemptSignal = signal ? AbortSignal.any([signal, timeout]) : timeout;
    const operationName = op.name;
    const isMutation = op.type === "mutation";
    try {
      const response = await graphql.rawRequest<TData, object>({
        query: document,
        variables,
        signal: attemptSignal,
      });
      const cost = readCost(response.extensions);
      if (cost) {
        bucket.observe(cost.throttleStatus, now());
        bucket.rememberCost(document, cost.requestedQueryCost);
      }
      const errors = (response.errors ?? []) as unknown as GraphqlErrorEntry[];
      const data = response.data as TData | null | undefined;
      if (errors.length === 0) {
        if (data === null || data === undefined) {
          return {
            kind: "failed",
            error: new ShopifyGraphqlError({
              operationName,
              errors: [{ message: "Shopify answered without data or errors." }],
            }),
            transient: true,
            maybeApplied: true,
          };
        }
        return { kind: "ok", data, cost };
      }
      return classifyGraphqlErrors(errors, data, cost, operationName, isMutation);
    } catch (error) {
      if (signal?.aborted) throw signal.reason;
      return classifyThrown(error, operationName, now());
    }
  }

  async function request<TData, TVars extends object>(
    document: string,
    variables: CallerVariables<TVars> | undefined,
    requestOptions: AdminRequestOptions = {},
  ): Promise<AdminResponse<TData>> {
    const { idempotencyKey, retryUnsafe = false, signal } = requestOptions;
    const op = analyzeOperation(document);
    const operationName = op.name ?? "anonymous operation";
    const isMutation = op.type === "mutation";

    if (idempotencyKey !== undefined && idempotencyKey.trim() === "") {
      throw new ShopifyClientUsageError(`${operationName}: the idempotency key is empty.`);
    }
    if (op.idempotent && idempotencyKey === undefined) {
      throw new ShopifyClientUsageError(
        `${operationName} uses @idempotent: pass { idempotencyKey } so retries cannot repeat it.`,
      );
    }
    if (!op.idempotent && idempotencyKey !== undefined) {
      throw new ShopifyClientUsageError(
        `${operationName} has no @idempotent(key: $${IDEMPOTENCY_VARIABLE}); the key would be ignored.`,
      );
    }
    const sentVariables =
      idempotencyKey === undefined
        ? (variables as object | undefined)
        : { ...(variables as object | undefined), [IDEMPOTENCY_VARIABLE]: idempotencyKey };
    // Only a mutation can be applied twice; with a key Shopify deduplicates it for us.
    const mayRepeat = !isMutation || idempotencyKey !== undefined || retryUnsafe;

    const deadline = now() + deadlineMs;
    let failures = 0;
    let throttled = 0;
    let mayHaveBeenApplied = false;
    let delayMs = 0; // decided by the previous failure (backoff or Retry-After)
    let lastError: ShopifyApiError | undefined;

    const finish = (error: ShopifyApiError): ShopifyApiError =>
      isMutation && mayHaveBeenApplied
        ? new ShopifyOutcomeUnknownError(error, { operationName: op.name, idempotencyKey })
        : error;

    for (;;) {
      const booking = bucket.book(bucket.expectedCost(document), now());
      const bucketWait = booking.waitMs > 0 ? booking.waitMs + jitter(booking.waitMs) : 0;
      const waitMs = Math.max(delayMs, bucketWait);
      let outcome: AttemptOutcome<TData>;
      if (lastError && now() + waitMs >= deadline) {
        booking.release();
        throw finish(lastError); // out of time: the claim guarding this call must outlive it
      }
      try {
        if (waitMs > 0) {
          if (bucketWait >= delayMs) {
            logger?.debug?.("Waiting for the Shopify cost bucket to refill", {
              shop,
              operation: operationName,
              waitMs,
            });
          }
          await sleep(waitMs, signal);
        }
        outcome = await attempt<TData>(document, op, sentVariables, signal, deadline - now());
      } finally {
        booking.release();
      }

      if (outcome.kind === "ok") return { data: outcome.data, cost: outcome.cost };

      if (outcome.kind === "throttled") {
        throttled += 1;
        lastError = new ShopifyThrottledError({
          operationName: op.name,
          errors: outcome.errors,
          requestedQueryCost: outcome.cost?.requestedQueryCost,
          tries: throttled,
        });
        if (throttled >= maxThrottledTries) {
          throw finish(
            new ShopifyThrottledError({
              operationName: op.name,
              errors: outcome.errors,
              requestedQueryCost: outcome.cost?.requestedQueryCost,
              tries: throttled,
            }),
          );
        }
        // The next booking turns the status just observed into the wait until the bucket
        // holds what the query asks for, (requested − available) / restoreRate, plus what
        // concurrent calls have booked meanwhile. Without a status (or one that claims the
        // points are there), back off instead of retrying at once.
        delayMs = outcome.cost && throttleWaitMs(outcome.cost) > 0 ? 0 : backoff(throttled);
        logger?.warn("Shopify throttled an Admin API call; retrying", {
          shop,
          operation: operationName,
          throttled,
          requestedQueryCost: outcome.cost?.requestedQueryCost,
          currentlyAvailable: outcome.cost?.throttleStatus.currentlyAvailable,
        });
        continue;
      }

      const { error } = outcome;
      lastError = error;
      if (outcome.maybeApplied) mayHaveBeenApplied = true;
      if (!outcome.transient) throw finish(error);
      if (outcome.maybeApplied && !mayRepeat) throw finish(error);
      failures += 1;
      if (failures >= maxTries) throw finish(error);
      if (outcome.retryAfterMs !== undefined && outcome.retryAfterMs > maxDelayMs) {
        throw finish(error); // Shopify asked for a longer pause than a request should wait
      }
      delayMs = outcome.retryAfterMs ?? backoff(failures);
      logger?.warn("Admin API call failed; retrying", {
        shop,
        operation: operationName,
        attempt: failures,
        reason: error.message,
        waitMs: delayMs,
      });
    }
  }

  return {
    shop,
    endpoint,
    get throttleStatus() {
      return bucket.status;
    },
    request<TData, TVars extends object = Record<string, unknown>>(
      document: AdminDocument<TData, TVars> | string,
      ...args: RequestArgs<TVars>
    ) {
      const [variables, requestOptions] = args;
      return request<TData, TVars>(document, variables, requestOptions);
    },
  };
}

// ---------------------------------------------------------------------------------------
// Classification

function classifyGraphqlErrors<TData>(
  errors: GraphqlErrorEntry[],
  data: TData | null | undefined,
  cost: QueryCost | undefined,
  operationName: string | undefined,
  isMutation: boolean,
): AttemptOutcome<TData> {
  const codes = new Set(errors.map((e) => e.extensions?.code));
  if (codes.has("THROTTLED")) return { kind: "throttled", errors, cost };

  const options = { operationName, errors, data: data ?? undefined };
  // A mutation that returned data together with errors ran (at least in part): callers must
  // treat its outcome as unknown and reconcile, not as a clean failure.
  const ran = isMutation && hasNonNullField(data);
  if (codes.has("ACCESS_DENIED")) {
    return {
      kind: "failed",
      error: new ShopifyAccessDeniedError(options),
      transient: false,
      maybeApplied: ran,
    };
  }
  if (codes.has("MAX_COST_EXCEEDED")) {
    return {
      kind: "failed",
      error: new ShopifyMaxCostExceededError(options),
      transient: false,
      maybeApplied: false,
    };
  }
  return {
    kind: "failed",
    error: new ShopifyGraphqlError(options),
    transient: false,
    // Shopify's INTERNAL_SERVER_ERROR is the GraphQL form of a 500: it may have half-run.
    maybeApplied: ran || codes.has("INTERNAL_SERVER_ERROR"),
  };
}

function classifyThrown(
  error: unknown,
  operationName: string | undefined,
  nowMs: number,
): AttemptOutcome<never> {
  if (error instanceof ClientError) {
    const { status, headers, body } = error.response;
    const retryAfterMs = parseRetryAfter(headers?.get("retry-after") ?? null, nowMs);
    return {
      kind: "failed",
      error: new ShopifyHttpError(status, { operationName, retryAfterMs, body, cause: error }),
      // A 5xx is worth another try for a query (reading twice is harmless); a mutation
      // behind a 5xx may have run, so it becomes ShopifyOutcomeUnknownError instead.
      transient: status === 429 || (status >= 500 && status <= 504),
      // Shopify documents 429 (and THROTTLED) as "rate limited": the request was refused
      // before it ran, so even a mutation is safe to send again. Every 5xx — 503 included:
      // nothing documents that a 503 is only ever sent before execution, and a proxy may
      // answer 503/504 after Shopify ran it — means the mutation may have run; it is settled
      // by reading Shopify (docs/guarantees.md, "Lost answers").
      maybeApplied: status >= 500,
      retryAfterMs: status === 429 || status === 503 ? retryAfterMs : undefined,
    };
  }
  if (error instanceof TransportFailure) {
    const cause = error.cause;
    const code = errorCode(cause);
    return {
      kind: "failed",
      error: new ShopifyNetworkError({ operationName, timedOut: isTimeout(cause), cause }),
      transient: true,
      maybeApplied: !(code !== undefined && NOT_SENT_CODES.has(code)),
    };
  }
  if (isTimeout(error)) {
    // The timeout fired while the body was being read: the request certainly arrived.
    return {
      kind: "failed",
      error: new ShopifyNetworkError({ operationName, timedOut: true, cause: error }),
      transient: true,
      maybeApplied: true,
    };
  }
  if (error instanceof SyntaxError || /invalid execution result/i.test(String(error))) {
    return {
      kind: "failed",
      error: new ShopifyHttpError(200, {
        operationName,
        body: `unreadable GraphQL response: ${String(error)}`,
        cause: error,
      }),
      transient: true,
      maybeApplied: true,
    };
  }
  // Anything else comes from reading the body (e.g. the connection dropped mid-answer).
  return {
    kind: "failed",
    error: new ShopifyNetworkError({ operationName, timedOut: false, cause: error }),
    transient: true,
    maybeApplied: true,
  };
}

// ---------------------------------------------------------------------------------------
// Helpers

function readCost(extensions: unknown): QueryCost | undefined {
  const cost = (extensions as { cost?: unknown } | undefined)?.cost as
    Record<string, unknown> | undefined;
  const status = cost?.throttleStatus as Record<string, unknown> | undefined;
  if (
    !cost ||
    !status ||
    typeof cost.requestedQueryCost !== "number" ||
    typeof status.maximumAvailable !== "number" ||
    typeof status.currentlyAvailable !== "number" ||
    typeof status.restoreRate !== "number"
  ) {
    return undefined;
  }
  return {
    requestedQueryCost: cost.requestedQueryCost,
    actualQueryCost: typeof cost.actualQueryCost === "number" ? cost.actualQueryCost : null,
    throttleStatus: {
      maximumAvailable: status.maximumAvailable,
      currentlyAvailable: status.currentlyAvailable,
      restoreRate: status.restoreRate,
    },
  };
}

function throttleWaitMs({ requestedQueryCost, throttleStatus }: QueryCost): number {
  const { currentlyAvailable, restoreRate } = throttleStatus;
  if (restoreRate <= 0) return 0;
  return Math.max(0, Math.ceil(((requestedQueryCost - currentlyAvailable) / restoreRate) * 1000));
}

/** Retry-After is either delay-seconds or an HTTP date (RFC 9110 §10.2.3). */
export function parseRetryAfter(value: string | null, nowMs: number): number | undefined {
  if (value === null) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, date - nowMs);
}

function hasNonNullField(data: unknown): boolean {
  return (
    typeof data === "object" &&
    data !== null &&
    Object.values(data).some((v) => v !== null && v !== undefined)
  );
}

function isTimeout(error: unknown): boolean {
  return error instanceof Error && error.name === "TimeoutError";
}

function errorCode(error: unknown): string | undefined {
  for (let e = error, depth = 0; e instanceof Error && depth < 3; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string") return code;
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}

function normalizeOrigin(origin: string): string {
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    throw new ShopifyClientUsageError(`Not a URL: "${origin}".`);
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    throw new ShopifyClientUsageError(`Admin API origin must be http(s): "${origin}".`);
  }
  return `${url.origin}${url.pathname.replace(/\/+$/, "")}`;
}

function defaultSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal!.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}
