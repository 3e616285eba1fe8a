import { describe, expect, it } from "vitest";
import { guideSteps, RETURN_METHODS } from "~/domain";
import { JOURNEY_MESSAGE_KEYS, JOURNEY_MESSAGES } from "./return-journey";
import { STOREFRONT_LOCALES } from "./storefront";

describe("shopper journey texts", () => {
  it.each(STOREFRONT_LOCALES)("GIVEN %s THEN every text exists, with the same placeholders as English", (locale) => {
    const messages = JOURNEY_MESSAGES[locale];
    const placeholders = (t: string) => [...t.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const key of JOURNEY_MESSAGE_KEYS) {
      expect(messages[key], `${locale}.${key}`).toBeTruthy();
      expect(placeholders(messages[key]), `${locale}.${key}`).toEqual(placeholders(JOURNEY_MESSAGES.en[key]));
    }
    expect(Object.keys(messages).sort()).toEqual([...JOURNEY_MESSAGE_KEYS].sort());
  });

  it("GIVEN every return method and product kind THEN each guide step has a text", () => {
    for (const method of RETURN_METHODS) {
      for (const key of [...guideSteps(method), ...guideSteps(method, ["FURNITURE"])]) expect(JOURNEY_MESSAGE_KEYS).toContain(key);
      expect(JOURNEY_MESSAGE_KEYS).toContain(`NEXT_APPROVED_${method}`);
    }
  });
});
