/**
 * The return page's "E-mails to the customer" card speaks the staff member's language: the
 * step names and the outbox's own notes come from the return-page catalog, not English.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { enqueueEmail } from "~/mail/outbox.server";
import { returnEmailsView } from "~/mail/timeline.server";
import { createTestDb, type TestDb } from "../support/test-db";

const SHOP = "timeline-test.myshopify.com";
let t: TestDb;

beforeAll(async () => {
  t = await createTestDb("sqlite");
  await enqueueEmail(t.db, { shop: SHOP, step: "approved", idempotencyKey: "r1:approved", returnId: "r1", to: "kund@example.com", locale: "sv", variables: {} });
});
afterAll(async () => {
  await t.drop();
});

describe("a return's e-mails on the admin's return page", () => {
  it("GIVEN a Swedish admin WHEN the page lists a queued e-mail THEN its step and state note are Swedish", async () => {
    const [view] = await returnEmailsView(t.db, SHOP, "r1", "Europe/Stockholm", "sv");
    expect(view).toMatchObject({ step: "Godkänd", status: "QUEUED", detail: "Väntar på att skickas.", to: "kund@example.com" });
  });

  it("GIVEN an English admin THEN the same e-mail reads in English", async () => {
    const [view] = await returnEmailsView(t.db, SHOP, "r1", "Europe/Stockholm", "en");
    expect(view).toMatchObject({ step: "Approved", detail: "Waiting to be sent." });
  });
});
