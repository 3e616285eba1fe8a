/**
 * The inbox catalog's English is the same text as admin.ts's English tables (the return
 * detail page and the receiving station still use those), and the inbox's label functions
 * speak the staff member's language when given it, English otherwise.
 */
import { describe, expect, it } from "vitest";
import { DECLINE_REASON_LABEL, RESOLUTION_LABEL, STATUS_LABEL, TAB_DESCRIPTION, TAB_LABEL, declineReasonLabel, resolutionLabel, statusLabel, tabDescription, tabLabel } from "~/i18n/admin";
import { INBOX_CATALOG } from "~/i18n/catalogs/inbox";

const en = INBOX_CATALOG.en as Readonly<Record<string, string>>;

describe("inbox catalog", () => {
  it("GIVEN admin.ts's English labels WHEN compared with the inbox catalog's English THEN they are the same text", () => {
    for (const [k, v] of Object.entries(STATUS_LABEL)) expect(en[`status.${k}`], k).toBe(v);
    for (const [k, v] of Object.entries(RESOLUTION_LABEL)) expect(en[`resolution.${k}`], k).toBe(v);
    for (const [k, v] of Object.entries(TAB_LABEL)) expect(en[`tab.${k}`], k).toBe(v);
    for (const [k, v] of Object.entries(TAB_DESCRIPTION)) expect(en[`tabDescription.${k}`], k).toBe(v);
    for (const [k, v] of Object.entries(DECLINE_REASON_LABEL)) expect(en[`declineReason.${k}`], k).toBe(v);
  });

  it("GIVEN no locale WHEN labels are asked for THEN they are English, as before", () => {
    expect(statusLabel("IN_TRANSIT")).toBe("In transit");
    expect(resolutionLabel("STORE_CREDIT")).toBe("Store credit");
    expect(tabLabel("attention")).toBe("Needs attention");
    expect(statusLabel("SOMETHING_NEW")).toBe("Something new");
  });

  it("GIVEN a staff member's locale WHEN labels are asked for THEN they are in that language", () => {
    expect(statusLabel("APPROVED", "sv")).toBe("Godkänd");
    expect(statusLabel("APPROVED", "de")).toBe("Genehmigt");
    expect(resolutionLabel("EXCHANGE", "fi")).toBe("Vaihto");
    expect(tabLabel("declined", "nl")).toBe("Afgewezen");
    expect(tabDescription("open", "nb")).toBe("Godkjent eller på vei");
    expect(declineReasonLabel("OTHER", "da")).toBe("Anden årsag");
    expect(statusLabel("SOMETHING_NEW", "sv")).toBe("Something new");
  });
});
