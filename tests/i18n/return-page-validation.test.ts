/**
 * The return page's server-side validation speaks the staff member's language: every message
 * the action's checks can give is a key of the return page's catalog (so the catalog test's
 * completeness check covers it in all seven languages), and a bad form answers in Swedish for
 * a Swedish admin, with no raw key and no English left.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { ADMIN_LOCALES } from "~/i18n/admin-locale";
import { RETURN_PAGE_CATALOG } from "~/i18n/catalogs/return-page";
import { parseReturnAction } from "~/services/return-page-actions.server";

/** Bad forms for every check the action makes. */
const BAD: Record<string, unknown>[] = [
  { intent: "nonsense" },
  { intent: "decline", reason: "BECAUSE" },
  { intent: "decline", reason: "OTHER", note: "x".repeat(501) },
  { intent: "ship" },
  { intent: "ship", trackingNumber: "1", trackingUrl: "javascript:alert(1)" },
  { intent: "ship", labelUrl: "x".repeat(2001) },
  { intent: "ship", trackingNumber: 5 },
  { intent: "inspect", lines: "[]" },
  { intent: "inspect", lines: "{}" },
  { intent: "inspect", lines: JSON.stringify([{ lineId: "", grade: "NEW", disposition: "RESTOCKED" }]) },
  { intent: "inspect", lines: JSON.stringify([{ lineId: "l1", grade: "???", disposition: "???", locationId: "Stockholm" }]) },
  { intent: "inspect", lines: JSON.stringify([{ lineId: "l1", grade: "NEW", disposition: "RESTOCKED" }]) },
  { intent: "resolve", note: "y".repeat(501) },
];

describe("return page validation messages", () => {
  it("GIVEN the action's checks THEN every message key they name exists in the catalog", () => {
    const source = readFileSync("app/services/return-page-actions.server.ts", "utf8");
    const keys = [...source.matchAll(/msg\("([\w.]+)"/g), ...source.matchAll(/"(field\.\w+)"/g), ...source.matchAll(/t\("(validation\.\w+)"/g)].map((m) => m[1]!);
    expect(keys.length).toBeGreaterThan(15);
    for (const key of keys) expect(RETURN_PAGE_CATALOG.en, key).toHaveProperty([key]);
  });

  it.each(ADMIN_LOCALES)("GIVEN bad forms WHEN the admin is in %s THEN each message and field message is worded from that language's catalog", (locale) => {
    const catalog = RETURN_PAGE_CATALOG[locale] as Record<string, string>;
    const english = RETURN_PAGE_CATALOG.en as Record<string, string>;
    for (const body of BAD) {
      const parsed = parseReturnAction(body, locale);
      expect(parsed.ok, JSON.stringify(body)).toBe(false);
      if (parsed.ok) continue;
      for (const text of [parsed.message, ...Object.values(parsed.fields ?? {})]) {
        expect(text, JSON.stringify(body)).not.toMatch(/i18n:|validation\.|field\./);
        // The message is one of this language's texts (placeholders filled in).
        const fits = Object.keys(english)
          .filter((k) => k.startsWith("validation."))
          .some((k) => new RegExp(`^${catalog[k]!.replace(/[.*+?^$()|[\]\\]/g, "\\$&").replace(/\\?\{\w+\\?\}/g, ".*")}$`, "s").test(text));
        expect(fits, `${locale}: ${text}`).toBe(true);
        if (locale !== "en") expect(Object.values(english).includes(text), `${locale} still English: ${text}`).toBe(false);
      }
    }
  });

  it("GIVEN a Swedish admin WHEN the shipping form has neither tracking nor label THEN the message is Swedish", () => {
    const parsed = parseReturnAction({ intent: "ship" }, "sv");
    expect(parsed).toMatchObject({ ok: false, message: "Ange ett spårningsnummer, ladda upp en etikett som PDF eller ange en etikett-URL.", fields: { trackingNumber: "Ange ett spårningsnummer, ladda upp en etikett som PDF eller ange en etikett-URL." } });
    expect(parseReturnAction({ intent: "decline", reason: "OTHER", note: "x".repeat(501) }, "de")).toMatchObject({ ok: false, message: "Die Notiz darf höchstens 500 Zeichen lang sein." });
  });
});
