/**
 * userErrors → ShopifyUserErrors, and the shape of the typed errors services rely on.
 */
import { describe, expect, it } from "vitest";
import {
  ShopifyApiError,
  ShopifyGraphqlError,
  ShopifyHttpError,
  ShopifyNetworkError,
  ShopifyOutcomeUnknownError,
  ShopifyUserErrors,
  assertNoUserErrors,
  unwrapMutation,
} from "./errors";

function thrown(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error("expected an error");
}

describe("unwrapMutation", () => {
  it("GIVEN a payload without userErrors WHEN unwrapped THEN the payload is returned", () => {
    const data = { returnClose: { return: { id: "gid://shopify/Return/1" }, userErrors: [] } };
    expect(unwrapMutation(data, "returnClose")).toBe(data.returnClose);
  });

  it("GIVEN ReturnUserErrors WHEN unwrapped THEN ShopifyUserErrors carries Shopify's codes and messages", () => {
    const data = {
      returnRequest: {
        return: null,
        userErrors: [
          {
            field: ["input", "returnLineItems", "0", "quantity"],
            message: "Quantity is too large",
            code: "GREATER_THAN",
          },
          { field: null, message: "Order is archived", code: "INVALID_STATE" },
        ],
      },
    };

    const error = thrown(() => unwrapMutation(data, "returnRequest"));

    expect(error).toBeInstanceOf(ShopifyUserErrors);
    expect(error).toBeInstanceOf(ShopifyApiError);
    const userErrors = error as ShopifyUserErrors;
    expect(userErrors.code).toBe("GREATER_THAN");
    expect(userErrors.hasCode("INVALID_STATE")).toBe(true);
    expect(userErrors.retryable).toBe(false);
    expect(userErrors.message).toBe(
      "Shopify rejected returnRequest: input.returnLineItems.0.quantity: Quantity is too large [GREATER_THAN]; Order is archived [INVALID_STATE]",
    );
  });

  it("GIVEN refundCreate's plain UserError (no code) WHEN unwrapped THEN code is null", () => {
    const data = {
      refundCreate: {
        refund: null,
        userErrors: [{ field: ["transactions"], message: "Amount exceeds refundable" }],
      },
    };
    const error = thrown(() => unwrapMutation(data, "refundCreate")) as ShopifyUserErrors;
    expect(error.userErrors).toEqual([
      { field: ["transactions"], message: "Amount exceeds refundable", code: null },
    ]);
    expect(error.code).toBeNull();
  });

  it("GIVEN a null payload WHEN unwrapped THEN a ShopifyGraphqlError says it is missing", () => {
    const error = thrown(() => unwrapMutation({ returnClose: null }, "returnClose"));
    expect(error).toBeInstanceOf(ShopifyGraphqlError);
  });

  it("GIVEN an empty userErrors list WHEN asserted THEN nothing is thrown", () => {
    expect(() => assertNoUserErrors({ userErrors: [] }, "returnCancel")).not.toThrow();
  });
});

describe("error flags", () => {
  it("GIVEN HTTP statuses THEN only 429 and 500–504 are retryable", () => {
    expect(
      [429, 500, 502, 503, 504, 400, 401].map((s) => new ShopifyHttpError(s).retryable),
    ).toEqual([true, true, true, true, true, false, false]);
  });

  it("GIVEN an unknown mutation outcome THEN it is retryable only with an idempotency key", () => {
    const cause = new ShopifyNetworkError({ timedOut: true });
    expect(new ShopifyOutcomeUnknownError(cause, {}).retryable).toBe(false);
    expect(new ShopifyOutcomeUnknownError(cause, { idempotencyKey: "k" }).retryable).toBe(true);
    expect(new ShopifyOutcomeUnknownError(cause, {}).name).toBe("ShopifyOutcomeUnknownError");
  });
});
