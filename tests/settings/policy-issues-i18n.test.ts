/**
 * Settings → validation in the admin's language: the domain's issues (codes and values) are
 * worded in Swedish or German next to their fields and in the save banner, for the editor's
 * own checks and for the server's (an unknown location id). The English `message` stays for
 * logs and API consumers.
 */
import { AppProvider } from "@shopify/polaris";
import polarisEn from "@shopify/polaris/locales/en.json";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { IssuesBanner } from "~/components/settings/IssuesBanner";
import { PolicySections } from "~/components/settings/PolicySections";
import { issuesIn, messagesFor, PolicyFormContext, type PolicyForm } from "~/components/settings/form-context";
import { DEFAULT_RETURN_POLICY, parseReturnPolicy, type PolicyIssue, type ReturnPolicy } from "~/domain/policy";
import { translator, type AdminLocale } from "~/i18n/admin-locale";
import { SETTINGS_CATALOG } from "~/i18n/catalogs/settings";
import { ReturnsError } from "~/services/context.server";
import { ensurePolicyPublished, savePolicySettings } from "~/services/settings.server";
import { createEngine, type Engine } from "../support/engine";

/** Negative days, a fee over 100 %, 4 000 transit days, a rule with an empty tag list, a 10-day window in EU mode, no return method at all. */
function badPolicy(): ReturnPolicy {
  const p = structuredClone(DEFAULT_RETURN_POLICY) as ReturnPolicy;
  p.windowDays = 10;
  p.inspectionSlaDays = -2;
  p.restockingFee.percent = 150;
  p.windowStart.fallbackTransitDays = 4000;
  p.returnMethods.dropOff.enabled = false;
  p.autoApprove.rules = [{ id: "r1", name: "VIP", enabled: true, conditions: [{ type: "CUSTOMER_TAG_IN", tags: [] }] }];
  return p;
}

function issuesOf(policy: ReturnPolicy): PolicyIssue[] {
  const parsed = parseReturnPolicy(policy);
  if (parsed.ok) throw new Error("expected issues");
  return parsed.issues;
}

function formFor(locale: AdminLocale, policy: ReturnPolicy, issues: readonly PolicyIssue[]): PolicyForm {
  return {
    policy,
    set: () => undefined,
    draft: () => undefined,
    issues: issuesIn(locale, issues),
    t: translator(SETTINGS_CATALOG, locale),
    locale,
    shopCurrency: "SEK",
    locations: [{ id: "gid://shopify/Location/1", name: "Butiken Götgatan" }],
  };
}

/** The editor's sections and its save banner as the merchant sees them, text only. */
function renderEditor(locale: AdminLocale, policy: ReturnPolicy, issues: readonly PolicyIssue[]): string {
  const form = formFor(locale, policy, issues);
  const tree = createElement(
    AppProvider,
    { i18n: polarisEn },
    createElement(
      PolicyFormContext.Provider,
      { value: form },
      createElement(IssuesBanner, { issues, t: form.t, locale }),
      createElement(PolicySections),
    ),
  );
  return renderToStaticMarkup(tree).replace(/<[^>]+>/g, " ").replace(/\s+/g, " ");
}

describe("settings validation in the admin's language", () => {
  it("GIVEN a Swedish admin WHEN the policy has mistakes of several kinds THEN each field's message is Swedish and the banner names the field", () => {
    const issues = issuesOf(badPolicy());
    const form = formFor("sv", badPolicy(), issues);
    // Next to the fields: no field name, numbers in Swedish.
    expect(messagesFor(form.issues, "inspectionSlaDays")).toBe("Kan inte vara negativt.");
    expect(messagesFor(form.issues, "restockingFee.percent")).toBe("Får vara högst 100 %.");
    expect(messagesFor(form.issues, "windowStart.fallbackTransitDays")).toBe("Får vara högst 60 dagar.");
    expect(messagesFor(form.issues, "autoApprove.rules.0.conditions.0.tags", true)).toBe("Minst en behövs.");
    expect(messagesFor(form.issues, "windowDays")).toBe("I EU-läge måste returtiden för återbetalning vara minst ångerfristens 14 dagar.");
    expect(messagesFor(form.issues, "returnMethods")).toBe("Aktivera minst en returmetod.");

    const page = renderEditor("sv", badPolicy(), issues);
    expect(page).toContain("6 inställningar behöver åtgärdas");
    expect(page).toContain("Tid för kontroll och återbetalning: Kan inte vara negativt.");
    expect(page).toContain("Returavgift: Får vara högst 100 %.");
    expect(page).toContain("Automatiskt godkännande › Taggar: Minst en behövs.");
    // A rule across fields says what it is about without a label.
    expect(page).toContain("Aktivera minst en returmetod.");
    expect(page).not.toMatch(/can't be negative|at most|Enable at least/);
  });

  it("GIVEN a German admin WHEN the same mistakes are made THEN the messages are German, numbers formatted the German way", () => {
    const p = badPolicy();
    p.storeCredit.expiryDays = 5000;
    const form = formFor("de", p, issuesOf(p));
    expect(messagesFor(form.issues, "inspectionSlaDays")).toBe("Darf nicht negativ sein.");
    expect(messagesFor(form.issues, "restockingFee.percent")).toBe("Darf höchstens 100 % sein.");
    expect(messagesFor(form.issues, "storeCredit.expiryDays")).toBe("Darf höchstens 3.650 Tage sein.");
    expect(messagesFor(form.issues, "autoApprove.rules.0.conditions.0.tags", true)).toBe("Mindestens ein Eintrag ist nötig.");
    expect(messagesFor(form.issues, "windowDays")).toBe("Im EU-Modus muss die Rückgabefrist für Erstattungen mindestens der Widerrufsfrist von 14 Tagen entsprechen.");
    expect(messagesFor(form.issues, "returnMethods")).toBe("Aktiviere mindestens eine Rücksendeoption.");
    const page = renderEditor("de", p, issuesOf(p));
    expect(page).toContain("Wiedereinlagerungsgebühr: Darf höchstens 100 % sein.");
  });

  it("GIVEN an English admin THEN the messages read next to their fields and the domain's message stays the full English sentence", () => {
    const issues = issuesOf(badPolicy());
    const form = formFor("en", badPolicy(), issues);
    expect(messagesFor(form.issues, "inspectionSlaDays")).toBe("Can't be negative.");
    expect(issues.find((i) => i.path === "inspectionSlaDays")?.message).toBe("Inspection time can't be negative.");
  });
});

describe("settings: the server's issues in the admin's language", () => {
  let e: Engine;
  beforeEach(async () => {
    e = await createEngine("sqlite");
  });
  afterEach(() => e.close());

  it("GIVEN an unknown location and a handle for a collection WHEN saved THEN the server's issues carry codes the editor words in Swedish and German", async () => {
    await ensurePolicyPublished(e.ctx);
    const shop = e.api.store.shop(e.shop);
    const policy = structuredClone(DEFAULT_RETURN_POLICY) as ReturnPolicy;
    policy.nonReturnable.collectionIds = ["summer"];
    policy.returnMethods.inStore = { enabled: true, locationIds: [shop.locations[0]!.id, "gid://shopify/Location/424242424"] };
    const error = await savePolicySettings(e.ctx, { policy, expectedVersion: 1, actor: { id: "1", name: "Astrid" } }).catch((x) => x);
    expect(error).toBeInstanceOf(ReturnsError);
    // What the route sends (JSON) is what the editor gets.
    const issues = JSON.parse(JSON.stringify(error.details)) as PolicyIssue[];

    const sv = formFor("sv", policy, issues);
    expect(messagesFor(sv.issues, "returnMethods.inStore.locationIds", true)).toBe("gid://shopify/Location/424242424 finns inte i den här butiken.");
    expect(messagesFor(sv.issues, "nonReturnable.collectionIds", true)).toBe("”summer” är inte ett Shopify-id (gid://shopify/Collection/…).");
    expect(renderEditor("sv", policy, issues)).toContain("Butiker som tar emot returer: gid://shopify/Location/424242424 finns inte i den här butiken.");

    const de = formFor("de", policy, issues);
    expect(messagesFor(de.issues, "returnMethods.inStore.locationIds", true)).toBe("gid://shopify/Location/424242424 gibt es in diesem Shop nicht.");
  });
});
