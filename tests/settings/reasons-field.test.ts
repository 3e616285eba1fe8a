/**
 * Settings → reasons (photo required, restocking-fee exemptions, auto-approve by reason): a
 * checklist of Shopify's standard reasons named in the admin's language, not handles to
 * type; a handle saved earlier that is not standard stays ticked so an edit keeps it.
 */
import { AppProvider } from "@shopify/polaris";
import polarisEn from "@shopify/polaris/locales/en.json";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { ReasonsField } from "~/components/settings/fields";
import { PolicyFormContext, type PolicyForm } from "~/components/settings/form-context";
import { DEFAULT_RETURN_POLICY } from "~/domain/policy";
import { translator } from "~/i18n/admin-locale";
import { SETTINGS_CATALOG } from "~/i18n/catalogs/settings";
import { STANDARD_REASON_HANDLES } from "~/i18n/return-reasons";

function render(photoRequiredReasonHandles: string[]): string {
  const form: PolicyForm = {
    policy: { ...DEFAULT_RETURN_POLICY, photoRequiredReasonHandles },
    set: () => undefined,
    draft: () => undefined,
    issues: [],
    t: translator(SETTINGS_CATALOG, "de"),
    locale: "de",
    shopCurrency: "EUR",
    locations: [],
  };
  return renderToStaticMarkup(
    createElement(AppProvider, { i18n: polarisEn }, createElement(PolicyFormContext.Provider, { value: form }, createElement(ReasonsField, { path: "photoRequiredReasonHandles", label: "Foto nötig" }))),
  );
}

/** The ticked boxes' values, in order. */
const ticked = (html: string) =>
  [...html.matchAll(/<input[^>]*type="checkbox"[^>]*>/g)].filter((m) => m[0].includes('aria-checked="true"')).map((m) => /value="([^"]+)"/.exec(m[0])![1]);

describe("settings: reasons as a checklist", () => {
  it("GIVEN a German admin THEN every standard reason is offered by its German name and the saved ones are ticked", () => {
    const html = render(["damaged", "defective"]);
    expect(html).toContain("Beim Versand beschädigt");
    expect(html).toContain("Größe war zu klein");
    expect([...html.matchAll(/type="checkbox"/g)]).toHaveLength(STANDARD_REASON_HANDLES.length);
    expect(ticked(html)).toEqual(["defective", "damaged"]);
  });

  it("GIVEN a handle saved earlier that is not a standard one THEN it is listed, ticked, spelled out", () => {
    const html = render(["arrived-late"]);
    expect(html).toContain("Arrived late");
    expect(ticked(html)).toEqual(["arrived-late"]);
  });
});
