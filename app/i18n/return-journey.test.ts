import { describe, expect, it } from "vitest";
import { guideSteps, RETURN_METHODS } from "~/domain";
import { JOURNEY_MESSAGE_KEYS, JOURNEY_MESSAGES } from "./return-journey";
import { analyticsTexts, receiveTexts } from "./analytics";
import { REASON_NAMES, reasonLabel, reasonName, STANDARD_REASON_HANDLES } from "./return-reasons";
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

describe("return reasons in the shopper's language", () => {
  it.each(STOREFRONT_LOCALES.filter((l) => l !== "en"))("GIVEN %s THEN every standard reason handle has its own name, none left in English", (locale) => {
    for (const handle of STANDARD_REASON_HANDLES) {
      expect(REASON_NAMES[locale as Exclude<typeof locale, "en">][handle], `${locale}.${handle}`).toBeTruthy();
      expect(reasonName(locale, handle, "Shopify's English name")).not.toBe("Shopify's English name");
    }
  });

  it("GIVEN English or a handle we do not know THEN Shopify's own name is kept", () => {
    expect(reasonName("en", "size-too-small", "Size was too small")).toBe("Size was too small");
    expect(reasonName("sv", "arrived-late", "Arrived late")).toBe("Arrived late");
    expect(reasonName("sv", "size-too-small", "Size was too small")).toBe("Storleken var för liten");
  });
});

describe("return reasons where only the handle is known (analytics, inbox filter, receiving)", () => {
  it("GIVEN Shopify's standard handles THEN the admin pages name them in the admin's language from the same table as the portal, English included", () => {
    expect(analyticsTexts("de").reasonLabel("size-too-small")).toBe("Größe war zu klein");
    expect(analyticsTexts("sv").reasonLabel("unwanted")).toBe("Ångrat köpet");
    expect(analyticsTexts("en").reasonLabel("size-too-large")).toBe("Size was too large");
    expect(receiveTexts("fi").reasonLabel("color")).toBe("Väri");
    for (const handle of STANDARD_REASON_HANDLES) expect(reasonLabel("nl", handle)).toBe(REASON_NAMES.nl[handle]);
  });

  it("GIVEN no reason or a handle we do not know THEN 'no reason given' and the handle spelled out", () => {
    expect(analyticsTexts("de").reasonLabel("unspecified")).toBe("Kein Grund angegeben");
    expect(reasonLabel("sv", "arrived-late")).toBe("Arrived late");
  });
});
