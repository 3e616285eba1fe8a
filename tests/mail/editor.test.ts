/**
 * The admin's e-mail editor as a use case: a broken template is refused (422, line and
 * column) and not stored, a good one is stored and used by the sender, "back to built-in"
 * removes it, a test send goes through the real SMTP path, and bad input is a 4xx.
 */
import { AppProvider } from "@shopify/polaris";
import polarisEn from "@shopify/polaris/locales/en.json";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { createMemoryRouter, RouterProvider } from "react-router-dom";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { EmailEditor } from "~/components/mail/EmailEditor";
import type { AdminLocale } from "~/i18n/admin-locale";
import { emailActionSchema, emailEditorPage, emailFormProblem, performEmailAction } from "~/mail/editor.server";
import { enqueueEmail, sendDueEmails } from "~/mail/outbox.server";
import { closeSmtpTransports } from "~/mail/transport.server";
import { startMailbox, type Mailbox } from "../../simulator/platform/mailbox";
import { createTestDb, type TestDb } from "../support/test-db";

const SHOP = "editor-test.myshopify.com";
let mailbox: Mailbox;
let t: TestDb;

beforeAll(async () => {
  mailbox = await startMailbox();
  process.env.SMTP_URL = mailbox.url; // read once, on the first env() call below
  process.env.MAIL_FROM = "returns@returns-app.test";
  t = await createTestDb("sqlite");
  await t.db.shop.create({ data: { domain: SHOP, name: "Editor Test Shop" } });
});
afterAll(async () => {
  closeSmtpTransports();
  await mailbox.close();
  await t.drop();
});

const act = (form: Record<string, string>, adminLocale: AdminLocale = "en") => {
  const parsed = emailActionSchema(adminLocale).safeParse(form);
  if (!parsed.success) return Promise.resolve({ ok: false as const, status: 400, message: emailFormProblem(parsed.error, adminLocale), intent: form.intent ?? "" });
  return performEmailAction(t.db, SHOP, parsed.data, "staff-1", adminLocale);
};

/** The editor page as the admin sees it (server-rendered, as Remix does on the first load). */
const renderPage = (data: Awaited<ReturnType<typeof emailEditorPage>>) => {
  const quiet = vi.spyOn(console, "error").mockImplementation(() => undefined); // useLayoutEffect warnings of a server render
  try {
    const router = createMemoryRouter([{ path: "/", element: createElement(AppProvider, { i18n: polarisEn }, createElement(EmailEditor, { data })) }]);
    return renderToStaticMarkup(createElement(RouterProvider, { router }));
  } finally {
    quiet.mockRestore();
  }
};

describe("e-mail editor", () => {
  it("GIVEN a body with an unknown variable WHEN saved THEN 422 with line and column, and the built-in text stays", async () => {
    const result = await act({ intent: "save", step: "approved", locale: "sv", subject: "Retur {{ rma }}", body: "<p>Hej</p>\n<p>{{ kund }}</p>" });
    expect(result).toMatchObject({ ok: false, status: 422 });
    expect(result.ok === false && "errors" in result ? result.errors : []).toEqual([{ message: "Body, line 2, column 7: unknown variable: kund", part: "body", line: 2, column: 7 }]);
    expect(await t.db.emailTemplate.count()).toBe(0);
    const page = await emailEditorPage(t.db, SHOP, "approved", "sv");
    expect(page.isCustom).toBe(false);
    expect(page.template.subject).toBe("Din retur {{ rma }} är godkänd");
  });

  it("GIVEN a good template WHEN saved THEN the sender uses it; WHEN reset THEN the built-in text is back", async () => {
    expect(await act({ intent: "save", step: "winback_offer", locale: "en", subject: "Hello again from {{ shop_name }}", body: "<p>Code {{ discount_code }}</p>" })).toMatchObject({ ok: true });
    expect((await emailEditorPage(t.db, SHOP, "winback_offer", "en")).isCustom).toBe(true);
    await enqueueEmail(t.db, { shop: SHOP, step: "winback_offer", idempotencyKey: "w1", to: "a@example.com", locale: "en", variables: { customer_first_name: "A", discount_code: "X-1", discount_value: "10 %", minimum_order: "", expires_on: "1 Jan", unsubscribe_url: "https://x.example/u" } });
    expect((await sendDueEmails(t.db, new Date())).sent).toBe(1);
    const [mail] = await mailbox.waitFor(1);
    expect(mail!.subject).toBe("Hello again from Editor Test Shop");
    expect(mail!.text).toBe("Code X-1");
    expect(mail!.headers["list"]).toContain("https://x.example/u");
    expect(await act({ intent: "reset", step: "winback_offer", locale: "en" })).toMatchObject({ ok: true });
    expect((await emailEditorPage(t.db, SHOP, "winback_offer", "en")).isCustom).toBe(false);
  });

  it("GIVEN a test send THEN it arrives through SMTP with sample data and the shop's sender name; a bad address is a 400", async () => {
    mailbox.clear();
    expect(await act({ intent: "sender", fromName: "Nordlys Kundtjänst", replyTo: "help@nordlys.example" })).toMatchObject({ ok: true });
    const body = (await emailEditorPage(t.db, SHOP, "approved", "de")).template;
    expect(await act({ intent: "test", step: "approved", locale: "de", ...body, to: "me@example.com" })).toMatchObject({ ok: true });
    const [mail] = await mailbox.waitFor(1);
    expect(mail!.subject).toBe("[Test] Deine Rücksendung R-1001 ist genehmigt");
    expect(mail!.from).toContain("Nordlys Kundtjänst");
    expect(mail!.replyTo).toContain("help@nordlys.example");
    expect(await act({ intent: "test", step: "approved", locale: "de", ...body, to: "not an address" })).toMatchObject({ ok: false, status: 400 });
    expect(await act({ intent: "sender", fromName: "x", replyTo: "nope" })).toMatchObject({ ok: false, status: 400 });
  });

  it("GIVEN a Swedish admin THEN the editor page, its step names and the save and validation messages are in Swedish", async () => {
    const page = await emailEditorPage(t.db, SHOP, "approved", "de", "sv");
    expect(page.steps.find((s) => s.value === "store_credit_issued")?.label).toBe("Tillgodohavande utfärdat");
    const html = renderPage(page);
    for (const text of ["E-post till kunder", "Steg", "Språk", "Ämne", "Inbyggd text", "Tillbaka till inbyggd text", "Förhandsgranskning (exempeldata)", "Skicka test", "Avsändarnamn", "Spara avsändare", "Godkänd", "Deutsch", "Svenska"]) {
      expect(html, text).toContain(text);
    }
    for (const text of ["E-mails to customers", "Built-in text", "Save sender", "Send test"]) expect(html, text).not.toContain(text);

    expect(await act({ intent: "save", step: "approved", locale: "de", subject: "x".repeat(501), body: "y" }, "sv")).toMatchObject({ status: 400, message: "Ämnet får vara högst 500 tecken." });
    expect(await act({ intent: "drop" }, "sv")).toMatchObject({ status: 400, message: "Okänd åtgärd." });
    expect(await act({ intent: "save", step: "approved", locale: "de", subject: "x", body: "{{ kund }}" }, "sv")).toMatchObject({
      status: 422,
      message: "Inte sparad: rätta felen nedan först.",
      errors: [{ message: "Innehåll, rad 1, kolumn 4: okänd variabel: kund" }],
    });
    expect(page.variables.find((v) => v.name === "refund_date")?.description).toBe("Datum för återbetalningen (formaterat), eller null");
    const gift = await emailEditorPage(t.db, SHOP, "gift_card_issued", "de", "sv");
    expect(gift.variables.find((v) => v.name === "expires_on")?.description).toBe("Sista dagen kortet gäller (formaterat), eller null om det inte går ut");
    expect(await act({ intent: "sender", fromName: "x", replyTo: "nope" }, "sv")).toMatchObject({ status: 400, message: "Svarsadress: ”nope” är inte en giltig e-postadress." });
    expect(await act({ intent: "save", step: "approved", locale: "de", subject: "Hej {{ rma }}", body: "<p>Hej</p>" }, "sv")).toMatchObject({ ok: true, message: "Mallen har sparats." });
    expect(renderPage(await emailEditorPage(t.db, SHOP, "approved", "de", "sv"))).toContain("Godkänd (redigerad)");
    expect(await act({ intent: "reset", step: "approved", locale: "de" }, "sv")).toMatchObject({ ok: true, message: "Tillbaka till den inbyggda texten." });
  });

  it("GIVEN any step and admin language THEN every variable the editor lists has a description from the catalog, never its key", async () => {
    for (const locale of ["en", "sv", "da", "nb", "fi", "nl", "de"] as AdminLocale[]) {
      for (const step of ["approved", "closed", "winback_offer", "gift_card_issued"] as const) {
        const page = await emailEditorPage(t.db, SHOP, step, "en", locale);
        for (const v of page.variables) expect(v.description, `${locale} ${step} ${v.name}`).not.toMatch(/^var\.|^$/);
      }
    }
  });

  it("GIVEN no admin language THEN the messages are in English", async () => {
    expect(await act({ intent: "save", step: "approved", locale: "fr", subject: "x", body: "y" })).toMatchObject({ status: 400, message: "Choose one of the languages: en, sv, da, nb, fi, nl, de." });
    expect(await act({ intent: "sender", fromName: "a\nb", replyTo: "" })).toMatchObject({ status: 400, message: "The sender name must be one line." });
  });

  it("GIVEN an unknown step, language or intent THEN 400 with a message", async () => {
    expect(await act({ intent: "save", step: "shipped", locale: "en", subject: "x", body: "y" })).toMatchObject({ ok: false, status: 400 });
    expect(await act({ intent: "save", step: "approved", locale: "fr", subject: "x", body: "y" })).toMatchObject({ ok: false, status: 400 });
    expect(await act({ intent: "drop" })).toMatchObject({ ok: false, status: 400 });
  });
});
