/**
 * The Admin API client against scripted fetch answers: cost reading, throttling, retries,
 * the mutation safety rules, idempotency keys and the typed errors. Sleep, randomness and
 * the clock are injected, so nothing here waits for real time (except one 5 ms timeout).
 */
import { describe, expect, expectTypeOf, it } from "vitest";
import {
  ThrottleBucket,
  createAdminClient,
  parseRetryAfter,
  type AdminClientOptions,
  type AdminDocument,
} from "./client.server";
import {
  ShopifyAccessDeniedError,
  ShopifyApiError,
  ShopifyClientUsageError,
  ShopifyGraphqlError,
  ShopifyHttpError,
  ShopifyMaxCostExceededError,
  ShopifyNetworkError,
  ShopifyOutcomeUnknownError,
  ShopifyThrottledError,
  ShopifyUserErrors,
  unwrapMutation,
} from "./errors";

// ---------------------------------------------------------------------------------------
// Scripted Shopify

const SHOP = "nordic-demo.myshopify.com";
const ORIGIN = "http://stand-in.test";
const ENDPOINT = `${ORIGIN}/admin/api/2026-10/graphql.json`;

const SHOP_QUERY = `#graphql
  query ShopName { shop { name } }`;
const APPROVE_MUTATION = `#graphql
  mutation ReturnApprove($input: ReturnApproveRequestInput!) {
    returnApproveRequest(input: $input) { return { id status } userErrors { field message code } }
  }`;
const REFUND_MUTATION = `#graphql
  mutation RefundCreate($input: RefundInput!, $idempotencyKey: String!) {
    refundCreate(input: $input) @idempotent(key: $idempotencyKey) { refund { id } userErrors { field message } }
  }`;

function cost(requested: number, available: number, actual: number | null = requested) {
  return {
    requestedQueryCost: requested,
    actualQueryCost: actual,
    throttleStatus: { maximumAvailable: 2000, currentlyAvailable: available, restoreRate: 100 },
  };
}

function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json", ...headers },
  });
}
const ok = (data: unknown, c = cost(2, 1998)) => json({ data, extensions: { cost: c } });
const throttled = (requested: number, available: number) =>
  json({
    errors: [{ message: "Throttled", extensions: { code: "THROTTLED" } }],
    extensions: { cost: cost(requested, available, null) },
  });
const httpStatus = (status: number, headers: Record<string, string> = {}) =>
  new Response("upstream trouble", {
    status,
    headers: { "content-type": "text/plain", ...headers },
  });
const networkError = (code = "ECONNRESET") =>
  new TypeError("fetch failed", { cause: Object.assign(new Error(`read ${code}`), { code }) });

type Step = Response | Error | ((init: RequestInit) => Promise<Response>);
interface Call {
  url: string;
  headers: Headers;
  body: { query: string; operationName?: string; variables?: Record<string, unknown> };
  signal: AbortSignal | null | undefined;
}

/** A fetch that answers with the given steps in order and records what it was asked. */
function scriptedFetch(...steps: Step[]) {
  const calls: Call[] = [];
  const fetch = (async (input: string | URL | Request, init?: RequestInit) => {
    calls.push({
      url: String(input),
      headers: new Headers(init?.headers),
      body: JSON.parse(String(init?.body)),
      signal: init?.signal,
    });
    const step = steps.shift();
    if (!step) throw new Error("the test did not expect another request");
    if (step instanceof Error) throw step;
    return typeof step === "function" ? step(init ?? {}) : step;
  }) as typeof globalThis.fetch;
  return { fetch, calls };
}

/** GIVEN helper: a client on the stand-in with instant, recorded sleeps and no jitter. */
function givenClient(steps: Step[], options: Partial<AdminClientOptions> = {}) {
  const { fetch, calls } = scriptedFetch(...steps);
  const sleeps: number[] = [];
  const client = createAdminClient({
    shop: SHOP,
    accessToken: "shpat_test_token",
    origin: ORIGIN,
    fetch,
    sleep: async (ms, signal) => {
      sleeps.push(ms);
      if (signal?.aborted) throw signal.reason;
    },
    random: () => 0,
    now: () => 1_000_000,
    throttleBucket: new ThrottleBucket(),
    ...options,
  });
  return { client, calls, sleeps };
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error("expected the call to fail");
}

// ---------------------------------------------------------------------------------------

describe("a successful call", () => {
  it("GIVEN Shopify answers WHEN a query is sent THEN it posts to the versioned endpoint with the token and returns data and cost", async () => {
    const { client, calls, sleeps } = givenClient([
      ok({ shop: { name: "Nordic" } }, cost(3, 1997, 1)),
    ]);

    const result = await client.request<{ shop: { name: string } }>(SHOP_QUERY);

    expect(result.data).toEqual({ shop: { name: "Nordic" } });
    expect(result.cost).toEqual(cost(3, 1997, 1));
    expect(client.throttleStatus).toEqual({
      maximumAvailable: 2000,
      currentlyAvailable: 1997,
      restoreRate: 100,
    });
    expect(calls).toHaveLength(1);
    expect(calls[0].url).toBe(ENDPOINT);
    expect(calls[0].headers.get("x-shopify-access-token")).toBe("shpat_test_token");
    expect(calls[0].headers.get("x-shopify-shop-domain")).toBe(SHOP);
    expect(calls[0].body).toMatchObject({ query: SHOP_QUERY, operationName: "ShopName" });
    expect(calls[0].signal).toBeInstanceOf(AbortSignal); // the per-attempt timeout
    expect(sleeps).toEqual([]);
  });

  it("GIVEN no origin WHEN the client is created THEN it targets the shop's own domain", () => {
    const client = createAdminClient({ shop: SHOP, accessToken: "t" });
    expect(client.endpoint).toBe(`https://${SHOP}/admin/api/2026-10/graphql.json`);
  });

  it("GIVEN a shop value that is not a *.myshopify.com domain WHEN creating a client THEN it refuses (the token would go elsewhere)", () => {
    expect(() => createAdminClient({ shop: "evil.example/steal?", accessToken: "t" })).toThrow(
      ShopifyClientUsageError,
    );
  });
});

describe("THROTTLED (HTTP 200 with errors[].extensions.code)", () => {
  it("GIVEN a throttled answer WHEN a query is sent THEN it waits (requested − available) / restoreRate and retries", async () => {
    const { client, calls, sleeps } = givenClient([
      throttled(202, 118),
      ok({ shop: { name: "N" } }),
    ]);

    const result = await client.request(SHOP_QUERY);

    expect(result.data).toEqual({ shop: { name: "N" } });
    expect(calls).toHaveLength(2);
    expect(sleeps).toEqual([840]); // (202 − 118) / 100 points per second
  });

  it("GIVEN randomness WHEN throttled THEN the wait gets at most 10 % jitter on top", async () => {
    const { client, sleeps } = givenClient([throttled(202, 118), ok({})], { random: () => 0.999 });
    await client.request(SHOP_QUERY);
    expect(sleeps[0]).toBeGreaterThan(840);
    expect(sleeps[0]).toBeLessThanOrEqual(840 + 84);
  });

  it("GIVEN a throttled answer without extensions.cost WHEN a query is sent THEN it backs off and retries", async () => {
    const { client, calls, sleeps } = givenClient([
      json({ errors: [{ message: "Throttled", extensions: { code: "THROTTLED" } }] }),
      ok({}),
    ]);
    await client.request(SHOP_QUERY);
    expect(calls).toHaveLength(2);
    expect(sleeps).toEqual([250]);
  });

  it("GIVEN Shopify keeps throttling WHEN the tries run out THEN ShopifyThrottledError (retryable) is thrown", async () => {
    const { client, calls } = givenClient([throttled(50, 0), throttled(50, 0), throttled(50, 0)], {
      maxThrottledTries: 3,
    });

    const error = await rejection(client.request(SHOP_QUERY));

    expect(error).toBeInstanceOf(ShopifyThrottledError);
    expect(error).toMatchObject({ retryable: true, requestedQueryCost: 50, code: "THROTTLED" });
    expect(calls).toHaveLength(3);
  });

  it("GIVEN a known query cost and a nearly empty bucket WHEN the query is sent again THEN it waits before sending instead of being throttled", async () => {
    const { client, calls, sleeps } = givenClient([ok({}, cost(50, 10)), ok({}, cost(50, 1960))]);

    await client.request(SHOP_QUERY); // learns: costs 50, 10 points left
    await client.request(SHOP_QUERY);

    expect(sleeps).toEqual([400]); // (50 − 10) / 100 points per second
    expect(calls).toHaveLength(2);
  });

  it("GIVEN two concurrent calls that each need the remaining points WHEN sent THEN the second waits behind the first", async () => {
    const bucket = new ThrottleBucket();
    bucket.observe({ maximumAvailable: 2000, currentlyAvailable: 0, restoreRate: 100 }, 1_000_000);
    bucket.rememberCost(SHOP_QUERY, 100);
    const { client, sleeps } = givenClient([ok({}, cost(100, 0)), ok({}, cost(100, 0))], {
      throttleBucket: bucket,
    });

    await Promise.all([client.request(SHOP_QUERY), client.request(SHOP_QUERY)]);

    expect(sleeps.sort((a, b) => a - b)).toEqual([1000, 2000]);
  });
});

describe("transient HTTP failures", () => {
  it("GIVEN HTTP 429 with Retry-After: 2 WHEN a query is sent THEN it waits 2 s and retries", async () => {
    const { client, calls, sleeps } = givenClient([
      httpStatus(429, { "retry-after": "2" }),
      ok({}),
    ]);
    await client.request(SHOP_QUERY);
    expect(calls).toHaveLength(2);
    expect(sleeps).toEqual([2000]);
  });

  it("GIVEN 502, 503 and 504 WHEN a query is sent THEN it backs off exponentially and succeeds", async () => {
    const { client, calls, sleeps } = givenClient([
      httpStatus(502),
      httpStatus(503),
      httpStatus(504),
      ok({ shop: { name: "N" } }),
    ]);
    const result = await client.request(SHOP_QUERY);
    expect(result.data).toEqual({ shop: { name: "N" } });
    expect(calls).toHaveLength(4);
    expect(sleeps).toEqual([250, 500, 1000]); // half of 500·2^n with no jitter
  });

  it("GIVEN 503 on every attempt WHEN the tries run out THEN ShopifyHttpError 503 (retryable) after maxTries calls", async () => {
    const { client, calls } = givenClient(
      [httpStatus(503), httpStatus(503), httpStatus(503), httpStatus(503), httpStatus(503)],
      { maxTries: 5 },
    );
    const error = await rejection(client.request(SHOP_QUERY));
    expect(error).toBeInstanceOf(ShopifyHttpError);
    expect(error).toMatchObject({ status: 503, retryable: true, operationName: "ShopName" });
    expect(calls).toHaveLength(5);
  });

  it("GIVEN a Retry-After longer than maxDelayMs WHEN a query is sent THEN it gives up at once and reports the wait", async () => {
    const { client, calls } = givenClient([httpStatus(429, { "retry-after": "120" })]);
    const error = await rejection(client.request(SHOP_QUERY));
    expect(error).toMatchObject({ status: 429, retryAfterMs: 120_000 });
    expect(calls).toHaveLength(1);
  });

  it("GIVEN HTTP 500 once WHEN a query is sent THEN it is read again and succeeds", async () => {
    const { client, calls } = givenClient([httpStatus(500), ok({ shop: { name: "N" } })]);
    const result = await client.request(SHOP_QUERY);
    expect(result.data).toEqual({ shop: { name: "N" } });
    expect(calls).toHaveLength(2);
  });

  it.each([400, 401, 402, 404, 423])(
    "GIVEN HTTP %i WHEN a query is sent THEN ShopifyHttpError without any retry",
    async (status) => {
      const { client, calls } = givenClient([httpStatus(status)]);
      const error = await rejection(client.request(SHOP_QUERY));
      expect(error).toBeInstanceOf(ShopifyHttpError);
      expect(error).toMatchObject({ status, retryable: false });
      expect(calls).toHaveLength(1);
    },
  );
});

describe("network errors and timeouts", () => {
  it("GIVEN a dropped connection WHEN a query is sent THEN it is retried", async () => {
    const { client, calls } = givenClient([networkError(), ok({ shop: { name: "N" } })]);
    const result = await client.request(SHOP_QUERY);
    expect(result.data).toEqual({ shop: { name: "N" } });
    expect(calls).toHaveLength(2);
  });

  it("GIVEN Shopify does not answer within timeoutMs WHEN a query is sent THEN the attempt is aborted and retried", async () => {
    const hang = (init: RequestInit) =>
      new Promise<Response>((_, reject) =>
        init.signal!.addEventListener("abort", () => reject(init.signal!.reason)),
      );
    const { client, calls } = givenClient([hang, ok({})], { timeoutMs: 5 });
    await client.request(SHOP_QUERY);
    expect(calls).toHaveLength(2);
  });

  it("GIVEN only timeouts WHEN the tries run out THEN ShopifyNetworkError with timedOut", async () => {
    const timeout = () =>
      new DOMException("The operation was aborted due to timeout", "TimeoutError");
    const { client } = givenClient([timeout(), timeout()], { maxTries: 2 });
    const error = await rejection(client.request(SHOP_QUERY));
    expect(error).toBeInstanceOf(ShopifyNetworkError);
    expect(error).toMatchObject({ timedOut: true, retryable: true });
  });

  it("GIVEN the caller aborts during a backoff WHEN waiting THEN the call rejects with the abort reason and sends nothing more", async () => {
    const controller = new AbortController();
    const abortAfterAnswer = async () => {
      controller.abort(new Error("user navigated away"));
      return httpStatus(503);
    };
    const { client, calls } = givenClient([abortAfterAnswer, ok({})]);
    const error = await rejection(client.request(SHOP_QUERY, {}, { signal: controller.signal }));
    expect(error).toEqual(new Error("user navigated away"));
    expect(calls).toHaveLength(1);
  });
});

describe("mutations: never repeated blindly", () => {
  const approve = { input: { id: "gid://shopify/Return/1" } };

  it("GIVEN a dropped connection WHEN a mutation without idempotency key is sent THEN ShopifyOutcomeUnknownError, not a retry", async () => {
    const { client, calls } = givenClient([networkError(), ok({})]);

    const error = await rejection(client.request(APPROVE_MUTATION, approve));

    expect(error).toBeInstanceOf(ShopifyOutcomeUnknownError);
    expect(error).toMatchObject({ retryable: false, operationName: "ReturnApprove" });
    expect((error as ShopifyOutcomeUnknownError).cause).toBeInstanceOf(ShopifyNetworkError);
    expect(calls).toHaveLength(1);
  });

  it.each([502, 503, 504, 500])(
    "GIVEN HTTP %i WHEN a mutation without key is sent THEN ShopifyOutcomeUnknownError after one call",
    async (status) => {
      const { client, calls } = givenClient([httpStatus(status), ok({})]);
      const error = await rejection(client.request(APPROVE_MUTATION, approve));
      expect(error).toBeInstanceOf(ShopifyOutcomeUnknownError);
      expect((error as ShopifyOutcomeUnknownError).cause).toMatchObject({ status });
      expect(calls).toHaveLength(1);
    },
  );

  it("GIVEN answers that prove nothing ran (429, THROTTLED, connection refused) WHEN a mutation is sent THEN it is retried", async () => {
    const data = {
      returnApproveRequest: { return: { id: "gid://shopify/Return/1" }, userErrors: [] },
    };
    const { client, calls } = givenClient([
      httpStatus(429, { "retry-after": "1" }),
      throttled(10, 0),
      networkError("ECONNREFUSED"),
      ok(data),
    ]);
    const result = await client.request(APPROVE_MUTATION, approve);
    expect(result.data).toEqual(data);
    expect(calls).toHaveLength(4);
  });

  it("GIVEN retryUnsafe WHEN a mutation hits a timeout THEN the caller's choice allows the retry", async () => {
    const { client, calls } = givenClient([networkError(), ok({})]);
    await client.request(APPROVE_MUTATION, approve, { retryUnsafe: true });
    expect(calls).toHaveLength(2);
  });

  it("GIVEN Shopify's INTERNAL_SERVER_ERROR WHEN a mutation is sent THEN its outcome is unknown", async () => {
    const { client } = givenClient([
      json({
        errors: [{ message: "Internal error", extensions: { code: "INTERNAL_SERVER_ERROR" } }],
      }),
    ]);
    const error = await rejection(client.request(APPROVE_MUTATION, approve));
    expect(error).toBeInstanceOf(ShopifyOutcomeUnknownError);
    expect((error as ShopifyOutcomeUnknownError).cause).toMatchObject({
      code: "INTERNAL_SERVER_ERROR",
    });
  });
});

describe("idempotency keys", () => {
  const refund = { input: { orderId: "gid://shopify/Order/1001" } };

  it("GIVEN an idempotency key WHEN the mutation hits a network error THEN it is retried with the same key", async () => {
    const data = { refundCreate: { refund: { id: "gid://shopify/Refund/1" }, userErrors: [] } };
    const { client, calls } = givenClient([networkError(), httpStatus(502), ok(data)]);

    const result = await client.request(REFUND_MUTATION, refund, {
      idempotencyKey: "refund-r1-a1",
    });

    expect(result.data).toEqual(data);
    expect(calls).toHaveLength(3);
    for (const call of calls) {
      expect(call.body.variables).toEqual({ ...refund, idempotencyKey: "refund-r1-a1" });
    }
  });

  it("GIVEN an idempotency key WHEN every attempt fails ambiguously THEN ShopifyOutcomeUnknownError says retrying with the key is safe", async () => {
    const { client } = givenClient([networkError(), networkError()], { maxTries: 2 });
    const error = await rejection(
      client.request(REFUND_MUTATION, refund, { idempotencyKey: "k-1" }),
    );
    expect(error).toBeInstanceOf(ShopifyOutcomeUnknownError);
    expect(error).toMatchObject({ retryable: true, idempotencyKey: "k-1" });
  });

  it.each([
    ["an empty key", REFUND_MUTATION, { idempotencyKey: "  " }],
    ["no key for an @idempotent document", REFUND_MUTATION, {}],
    ["a key for a document without @idempotent", APPROVE_MUTATION, { idempotencyKey: "k" }],
    [
      "@idempotent with another variable",
      REFUND_MUTATION.replaceAll("$idempotencyKey", "$key"),
      { idempotencyKey: "k" },
    ],
  ])(
    "GIVEN %s WHEN sending THEN ShopifyClientUsageError and nothing is sent",
    async (_, document, options) => {
      const { client, calls } = givenClient([ok({})]);
      const error = await rejection(client.request(document, refund, options));
      expect(error).toBeInstanceOf(ShopifyClientUsageError);
      expect(calls).toHaveLength(0);
    },
  );
});

describe("GraphQL errors and userErrors become typed errors", () => {
  it("GIVEN a payload with userErrors WHEN unwrapped THEN ShopifyUserErrors carries field, message and code", async () => {
    const { client } = givenClient([
      ok({
        returnApproveRequest: {
          return: null,
          userErrors: [
            { field: ["input", "id"], message: "Return is not requested", code: "INVALID_STATE" },
          ],
        },
      }),
    ]);
    const { data } = await client.request<{
      returnApproveRequest: {
        userErrors: Array<{ field: string[] | null; message: string; code: string | null }>;
      } | null;
    }>(APPROVE_MUTATION, { input: { id: "gid://shopify/Return/1" } });

    const error = (() => {
      try {
        unwrapMutation(data, "returnApproveRequest");
      } catch (e) {
        return e;
      }
    })();

    expect(error).toBeInstanceOf(ShopifyUserErrors);
    expect(error).toMatchObject({
      mutation: "returnApproveRequest",
      code: "INVALID_STATE",
      retryable: false,
      userErrors: [
        { field: ["input", "id"], message: "Return is not requested", code: "INVALID_STATE" },
      ],
    });
  });

  it("GIVEN ACCESS_DENIED WHEN a query is sent THEN ShopifyAccessDeniedError without retry", async () => {
    const { client, calls } = givenClient([
      json({
        data: { shop: null },
        errors: [
          { message: "Access denied for shop field.", extensions: { code: "ACCESS_DENIED" } },
        ],
        extensions: { cost: cost(1, 1999) },
      }),
    ]);
    const error = await rejection(client.request(SHOP_QUERY));
    expect(error).toBeInstanceOf(ShopifyAccessDeniedError);
    expect(error).toMatchObject({ code: "ACCESS_DENIED", retryable: false });
    expect(calls).toHaveLength(1);
  });

  it("GIVEN MAX_COST_EXCEEDED WHEN a query is sent THEN ShopifyMaxCostExceededError with cost and limit, no retry", async () => {
    const { client, calls } = givenClient([
      json({
        errors: [
          {
            message: "Query cost is 2003, which exceeds the single query max cost limit (1000).",
            extensions: { code: "MAX_COST_EXCEEDED", cost: 2003, maxCost: 1000 },
          },
        ],
      }),
    ]);
    const error = await rejection(client.request(SHOP_QUERY));
    expect(error).toBeInstanceOf(ShopifyMaxCostExceededError);
    expect(error).toMatchObject({ cost: 2003, maxCost: 1000, retryable: false });
    expect(calls).toHaveLength(1);
  });

  it("GIVEN validation errors in a 200 answer WHEN a query is sent THEN ShopifyGraphqlError lists them, no retry", async () => {
    const { client, calls } = givenClient([
      json({
        errors: [
          {
            message: "Field 'nonsense' doesn't exist on type 'Shop'",
            locations: [{ line: 2, column: 20 }],
          },
          { message: "Variable $x is declared but not used" },
        ],
      }),
    ]);
    const error = await rejection(client.request(SHOP_QUERY));
    expect(error).toBeInstanceOf(ShopifyGraphqlError);
    expect((error as ShopifyGraphqlError).errors).toHaveLength(2);
    expect((error as Error).message).toContain("Field 'nonsense' doesn't exist on type 'Shop'");
    expect(calls).toHaveLength(1);
  });

  it("GIVEN any failure WHEN caught THEN it is a ShopifyApiError with a retryable flag", async () => {
    const { client } = givenClient([httpStatus(404)]);
    const error = await rejection(client.request(SHOP_QUERY));
    expect(error).toBeInstanceOf(ShopifyApiError);
    expect(typeof (error as ShopifyApiError).retryable).toBe("boolean");
  });
});

describe("typed documents", () => {
  type RefundData = { refundCreate: { refund: { id: string } | null; userErrors: never[] } | null };
  type RefundVars = { input: { orderId: string }; idempotencyKey: string };
  const REFUND = REFUND_MUTATION as AdminDocument<RefundData, RefundVars>;

  it("GIVEN an AdminDocument WHEN requested THEN data is typed and variables exclude the injected key", async () => {
    const data: RefundData = {
      refundCreate: { refund: { id: "gid://shopify/Refund/1" }, userErrors: [] },
    };
    const { client } = givenClient([ok(data)]);

    // @ts-expect-error the document has required variables
    const withoutVariables = () => client.request(REFUND);
    void withoutVariables;
    const result = await client.request(
      REFUND,
      { input: { orderId: "gid://shopify/Order/1" } },
      { idempotencyKey: "k" },
    );

    expectTypeOf(result.data).toEqualTypeOf<RefundData>();
    expect(unwrapMutation(result.data, "refundCreate").refund?.id).toBe("gid://shopify/Refund/1");
  });
});

describe("Retry-After parsing", () => {
  it("GIVEN seconds or an HTTP date WHEN parsed THEN milliseconds to wait", () => {
    const now = Date.parse("2026-11-01T10:00:00Z");
    expect(parseRetryAfter("3", now)).toBe(3000);
    expect(parseRetryAfter("Sun, 01 Nov 2026 10:00:05 GMT", now)).toBe(5000);
    expect(parseRetryAfter("soon", now)).toBeUndefined();
    expect(parseRetryAfter(null, now)).toBeUndefined();
  });
});

describe("deadline: a request never outlives its lease", () => {
  it("GIVEN a query that keeps failing WHEN the deadline passes THEN no further attempt starts", async () => {
    let clock = 0;
    const calls: number[] = [];
    const client = createAdminClient({
      shop: "deadline-test.myshopify.com",
      accessToken: "t",
      maxTries: 100,
      deadlineMs: 10_000,
      baseDelayMs: 1_000,
      maxDelayMs: 2_000,
      now: () => clock,
      sleep: async (ms) => void (clock += ms),
      random: () => 0.5,
      throttleBucket: new ThrottleBucket(),
      fetch: async () => {
        calls.push(clock);
        return new Response("{}", { status: 502 });
      },
    });
    await expect(client.request("query Q { shop { id } }")).rejects.toBeInstanceOf(ShopifyHttpError);
    expect(Math.max(...calls)).toBeLessThan(10_000);
    expect(calls.length).toBeGreaterThan(3);
    expect(calls.length).toBeLessThan(100);
  });
});
