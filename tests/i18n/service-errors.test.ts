/**
 * The services' refusals speak the staff member's language. A ReturnsError carries a key of
 * app/i18n/catalogs/errors.ts (typed, so tsc refuses an unknown key; the catalog test checks
 * all seven languages); here: every key the source uses exists, every refused status change
 * reads in Swedish, and representative refusals from the real services (against the
 * stand-in, on both databases) reach the answer in Swedish and one more language.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RETURN_ACTIONS, RETURN_STATUSES } from "~/domain";
import { ADMIN_LOCALES } from "~/i18n/admin-locale";
import { ERRORS_CATALOG, type ErrorKey } from "~/i18n/catalogs/errors";
import { parseBulkForm, runBulk } from "~/services/bulk-actions.server";
import { ReturnsError, fromShopifyError, wordError } from "~/services/context.server";
import { handleSavedViewAction } from "~/services/inbox/saved-views.server";
import { attachUploadedLabel } from "~/services/labels/return-labels.server";
import { closeReturn, declineReturn, markReceived } from "~/services/return-lifecycle.server";
import { processReturn } from "~/services/return-processing.server";
import { performReturnAction } from "~/services/return-page-actions.server";
import { assertAllowed, type ReturnRecord } from "~/services/return-records.server";
import { requestReturn } from "~/services/return-request.server";
import { ShopifyNetworkError, ShopifyUserErrors } from "~/shopify/errors";
import { createEngine, returnableOrders, type Engine } from "../support/engine";
import { providers } from "../support/test-db";

const STAFF = { type: "STAFF" as const, id: "staff-1" };
const EN = ERRORS_CATALOG.en as Record<string, string>;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === "generated" ? [] : sourceFiles(path);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [path] : [];
  });
}

/** The error text a rejected promise carries, in `locale`. */
async function refusal(promise: Promise<unknown>): Promise<ReturnsError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ReturnsError);
  return error as ReturnsError;
}

describe("service errors: keys", () => {
  it("GIVEN the app's source WHEN a ReturnsError, wordError or fromShopifyError names a message THEN the key is in the errors catalog, and no ReturnsError is built from English text", () => {
    const used: string[] = [];
    const plain: string[] = [];
    for (const file of sourceFiles("app")) {
      const source = readFileSync(file, "utf8");
      for (const m of source.matchAll(/new ReturnsError\(\s*(?:"[A-Z_]+"|[^,]+\?[^,]+:[^,]+),\s*([^,)]+)/g)) {
        const arg = m[1]!.trim();
        const key = /^\{\s*key:\s*"([^"]+)"/.exec(arg)?.[1] ?? /^"([^"]+)"$/.exec(arg)?.[1];
        if (key) used.push(key);
        // A literal or template that is not a catalog key is English text that skips translation.
        else if (/^["`]/.test(arg) && !/^`(label|photo|pickup|bulk\.done|status|range)\.\$\{/.test(arg) && !/^\{\s*key:\s*`/.test(arg)) plain.push(`${file}: ${arg}`);
      }
      for (const m of source.matchAll(/(?:wordError|fromShopifyError)\([^"()]*"([a-z]+\.[\w.]+)"/g)) used.push(m[1]!);
      for (const m of source.matchAll(/messageKey\("([\w.]+)"\)/g)) used.push(m[1]!);
    }
    expect(plain).toEqual([]);
    expect(used.length).toBeGreaterThan(60);
    const missing = [...new Set(used)].filter((k) => !(k in EN));
    expect(missing).toEqual([]);
  });

  it("GIVEN keys built from a code (statuses, label, photo and pickup problems, bulk actions) THEN each exists", () => {
    const built = [
      ...RETURN_STATUSES.map((s) => `status.${s}`),
      ...["EMPTY", "TOO_LARGE", "NOT_PDF", "UNREADABLE", "TOO_MANY_PAGES", "ENCRYPTED"].map((p) => `label.${p}`),
      ...["UNSUPPORTED_TYPE", "TOO_LARGE", "EMPTY", "CORRUPT"].map((p) => `photo.${p}`),
      ...["ADDRESS_REQUIRED", "DATES_INVALID", "DATES_TOO_SOON", "DATES_TOO_LATE", "WINDOW_TOO_LONG"].map((p) => `pickup.${p}`),
      ...["approve", "decline", "receive"].map((a) => `bulk.done.${a}`),
      ...["FORMAT", "ORDER", "TOO_LONG"].map((c) => `range.${c}`),
    ];
    expect(built.filter((k) => !(k in EN))).toEqual([]);
  });

  it.each(ADMIN_LOCALES.filter((l) => l !== "en"))("GIVEN every status and step WHEN a step is refused in %s THEN the text is that language's, fully filled in", (locale) => {
    const catalog = ERRORS_CATALOG[locale] as Record<string, string>;
    let refused = 0;
    for (const status of RETURN_STATUSES) {
      for (const action of RETURN_ACTIONS) {
        let error: unknown = null;
        try {
          assertAllowed({ status } as ReturnRecord, action);
        } catch (e) {
          error = e;
        }
        if (!error) continue;
        refused++;
        const text = (error as ReturnsError).messageIn(locale);
        expect(text, `${status} ${action}`).not.toMatch(/[{}]|state\.|status\./);
        expect(text).toContain(catalog[`status.${status}`]!);
        expect(Object.values(EN)).not.toContain(text);
      }
    }
    expect(refused).toBeGreaterThan(50);
  });

  it("GIVEN Shopify refused or did not answer WHEN worded THEN the step is named in the admin's language and Shopify's own text stays verbatim", () => {
    const rejected = fromShopifyError(new ShopifyUserErrors("returnApproveRequest", [{ field: ["id"], message: "Return is not approvable", code: null }]), "what.approve");
    expect(rejected.messageIn("sv")).toMatch(/^Shopify vägrade att godkänna returen: .*Return is not approvable/);
    expect(rejected.messageIn("de")).toMatch(/^Shopify hat es abgelehnt, die Rücksendung zu genehmigen: /);
    expect(rejected.message).toMatch(/^Shopify refused to approve the return: /);
    const silent = fromShopifyError(new ShopifyNetworkError({ timedOut: true }), "what.process");
    expect(silent.messageIn("fi")).toBe("Shopify ei vastannut, kun yritettiin käsitellä palautus. Mitään ei menetetty; yritä hetken kuluttua uudelleen.");
  });

  it("GIVEN a refund held back for both reasons WHEN worded THEN each reason is in the admin's language (refund more than the payments can take back)", () => {
    const text = { key: "refund.blocked" as ErrorKey, values: { reasons: [{ key: "refund.blocker.disagree" as ErrorKey }, { key: "refund.blocker.overPayments" as ErrorKey }] } };
    expect(wordError(text, "sv")).toBe("Inget återbetalades: vår beräkning av återbetalningen och Shopifys stämmer inte överens; återbetalningen är större än vad betalningarna kan återföra.");
    expect(wordError(text, "nl")).toBe("Er is niets terugbetaald: onze berekening van de terugbetaling en die van Shopify verschillen; de terugbetaling is hoger dan wat de betalingen kunnen terugboeken.");
    expect(new ReturnsError("NEEDS_ATTENTION", text).message).toBe("Nothing was refunded: our refund calculation and Shopify's disagree; the refund is more than the payments can take back.");
  });

  it("GIVEN a bad bulk form WHEN parsed for a Swedish or Danish admin THEN the answer is in that language", () => {
    const form = (fields: Record<string, string>) => {
      const f = new FormData();
      for (const [k, v] of Object.entries(fields)) f.set(k, v);
      return f;
    };
    expect(parseBulkForm(form({ action: "approve", ids: "[]" }), "sv")).toEqual({ ok: false, error: "Markera minst en retur." });
    expect(parseBulkForm(form({ action: "explode", ids: '["a"]' }), "sv")).toEqual({ ok: false, error: "Åtgärden måste vara en av: approve, decline, receive." });
    expect(parseBulkForm(form({ action: "decline", ids: '["a"]' }), "da")).toEqual({ ok: false, error: "Vælg en årsag til afvisningen." });
    expect(parseBulkForm(form({ action: "approve", ids: "not json" }), "da")).toEqual({ ok: false, error: "Markeringen kunne ikke læses; genindlæs siden." });
    expect(parseBulkForm(form({ action: "approve", ids: JSON.stringify(Array.from({ length: 251 }, (_, i) => `r${i}`)) }), "sv")).toEqual({ ok: false, error: "Högst 250 returer åt gången." });
    expect(parseBulkForm(form({ action: "approve", ids: '["a","a"]' }), "sv")).toEqual({ ok: true, input: { action: "approve", ids: ["a"], decline: undefined } });
  });
});

describe.each(providers)("service errors reach the admin in their language (%s)", (provider) => {
  let engine: Engine;
  const ids: string[] = [];

  beforeAll(async () => {
    engine = await createEngine(provider);
    const orders = await returnableOrders(engine, { limit: 8 });
    outer: for (const order of orders) {
      for (const line of order.lines) {
        if (ids.length >= 4) break outer;
        const r = await requestReturn(engine.ctx, { orderId: order.snapshot.id, method: "DROP_OFF", lines: [{ fulfillmentLineItemId: line.fulfillmentLineItemId, quantity: 1, resolution: "REFUND" }] });
        ids.push(r.id);
      }
    }
  }, 120_000);

  afterAll(async () => engine?.close());

  it("GIVEN a closed return WHEN staff click Approve THEN the refusal reads in Swedish (and German), with the status in the sentence", async () => {
    const id = ids[0]!;
    await performReturnAction(engine.ctx, id, "approve", {}, STAFF, "sv");
    await markReceived(engine.ctx, id, STAFF);
    await processReturn(engine.ctx, id, STAFF);
    await closeReturn(engine.ctx, id, STAFF);
    const error = await refusal(performReturnAction(engine.ctx, id, "approve", {}, STAFF, "sv"));
    expect(error).toMatchObject({ code: "INVALID_STATE", status: 409, key: "state.approve" });
    expect(error.messageIn("sv")).toBe("Bara en begärd retur kan godkännas; den här är stängd.");
    expect(error.messageIn("de")).toBe("Nur eine angefragte Rücksendung kann genehmigt werden; diese ist geschlossen.");
    expect(error.message).toBe("Only a requested return can be approved; this one is closed.");
    const body = (await error.toResponse("sv").json()) as { error: { code: string; key: string; message: string } };
    expect(body.error).toMatchObject({ code: "INVALID_STATE", key: "state.approve", message: "Bara en begärd retur kan godkännas; den här är stängd." });
  }, 60_000);

  it("GIVEN a received return WHEN a line that is not on it is inspected THEN the refusal reads in Swedish and Norwegian", async () => {
    const id = ids[1]!;
    await performReturnAction(engine.ctx, id, "approve", {}, STAFF, "sv");
    await markReceived(engine.ctx, id, STAFF);
    const error = await refusal(performReturnAction(engine.ctx, id, "inspect", { lines: [{ lineId: "not-on-this-return", grade: "GOOD", disposition: "NOT_RESTOCKED" }] }, STAFF, "sv"));
    expect(error).toMatchObject({ code: "INVALID_INPUT", status: 422, details: { lineId: "not-on-this-return" } });
    expect(error.messageIn("sv")).toBe("En rad hör inte till den här returen.");
    expect(error.messageIn("nb")).toBe("En linje hører ikke til denne returen.");
  }, 60_000);

  it("GIVEN one of three returns was declined meanwhile WHEN bulk approved by a Swedish admin THEN each row's answer is Swedish, the failure says why; in Finnish likewise", async () => {
    const [declined, fine] = [ids[2]!, ids[3]!];
    await declineReturn(engine.ctx, declined, { reason: "OTHER", note: null }, STAFF);
    const rows = await runBulk(engine.ctx, { action: "approve", ids: [fine, declined, "no-such-return"] }, STAFF, "sv");
    expect(rows).toMatchObject([
      { id: fine, ok: true, status: "APPROVED", message: "Godkänd" },
      { id: declined, ok: false, status: "DECLINED", message: "Returen är avvisad och kan inte ändras längre. Skapa en ny retur vid behov." },
      { id: "no-such-return", ok: false, message: "Returen finns inte i den här butiken." },
    ]);
    const finnish = await runBulk(engine.ctx, { action: "approve", ids: [declined] }, STAFF, "fi");
    expect(finnish[0]!.message).toBe("Palautus on hylätty, eikä sitä voi enää muuttaa. Luo tarvittaessa uusi palautus.");
  }, 60_000);

  it("GIVEN an HTML file named .pdf WHEN uploaded as the label THEN the refusal reads in Swedish and German", async () => {
    const id = ids[3]!; // approved by the bulk action above
    const bytes = new TextEncoder().encode("<html><script>alert(1)</script></html>");
    const error = await refusal(performReturnAction(engine.ctx, id, "ship", { labelFile: { filename: "label.pdf", bytes } }, STAFF, "sv"));
    expect(error).toMatchObject({ status: 422, details: { code: "LABEL_INVALID", problem: "NOT_PDF" } });
    expect(error.messageIn("sv")).toBe("Etiketten måste vara en PDF-fil.");
    expect(error.messageIn("de")).toBe("Das Etikett muss eine PDF-Datei sein.");
    // The size limit names its number in every language.
    const tooMany = await refusal(attachUploadedLabel(engine.ctx, id, { filename: "x.pdf", bytes: new Uint8Array() }, { trackingNumber: null, carrierName: null, trackingUrl: null }, STAFF));
    expect(tooMany.messageIn("sv")).toBe("Etikettfilen är tom.");
  }, 60_000);

  it("GIVEN a saved view's name is taken WHEN another view gets it THEN the refusal names it in Swedish and Dutch", async () => {
    const form = (name: string) => {
      const f = new FormData();
      f.set("intent", "createView");
      f.set("name", name);
      f.set("query", "sort=oldest");
      return f;
    };
    await handleSavedViewAction(engine.t.db, engine.ctx.shop.id, form("Stora returer"));
    const error = await refusal(handleSavedViewAction(engine.t.db, engine.ctx.shop.id, form("stora RETURER")));
    expect(error.messageIn("sv")).toBe("Det finns redan en vy som heter ”stora RETURER”.");
    expect(error.messageIn("nl")).toBe("Er bestaat al een weergave met de naam ‘stora RETURER’.");
    const tooLong = await refusal(handleSavedViewAction(engine.t.db, engine.ctx.shop.id, form("x".repeat(41))));
    expect(tooLong.messageIn("sv")).toBe("Ett vynamn får vara högst 40 tecken.");
  });
});
