/**
 * A prepaid label uploaded as a PDF, on SQLite and PostgreSQL, judged from Shopify's side
 * (the stand-in): the app asks for a staged upload target (RETURN_LABEL), sends the bytes
 * to it, and attaches the staged URL with reverseDeliveryCreateWithShipping; the stand-in
 * records exactly the uploaded bytes on the reverse delivery. The shopper's slip carries
 * the label's pages. Bad files are refused before Shopify hears of them.
 */
import { createHash } from "node:crypto";
import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PDFDocument, StandardFonts } from "pdf-lib";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { ReverseDeliveryRec } from "../../simulator/admin/model";
import { ShopifyUserErrors } from "~/shopify/errors";
import { fetchOrderSnapshot } from "~/shopify/orders.server";
import { createReverseDelivery, fetchReturn } from "~/shopify/returns.server";
import { ReturnsError } from "~/services/context.server";
import { attachUploadedLabel } from "~/services/labels/return-labels.server";
import { approveReturn } from "~/services/return-lifecycle.server";
import { shopperReturnViewFor } from "~/services/return-journey.server";
import { requestReturn } from "~/services/return-request.server";
import { buildSlip } from "~/services/return-slip.server";
import { createEngine, type Engine } from "../support/engine";
import { providers } from "../support/test-db";

const STAFF = { type: "STAFF" as const, id: "staff-1" };

async function labelPdf(pages = 1, text = "POSTNORD PREPAID 00370730253498827460"): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  for (let i = 0; i < pages; i++) pdf.addPage([297.64, 419.53]).drawText(`${text} ${i + 1}`, { x: 20, y: 380, size: 10, font });
  return pdf.save();
}

function pdfText(bytes: Uint8Array): string {
  const file = join(mkdtempSync(join(tmpdir(), "label-")), "slip.pdf");
  writeFileSync(file, bytes);
  return execFileSync("pdftotext", [file, "-"], { encoding: "utf8" }).replace(/\s+/g, " ");
}

const sha256 = (b: Uint8Array) => createHash("sha256").update(b).digest("hex");

describe.each(providers)("prepaid label upload on %s", (provider) => {
  let engine: Engine;
  /** The storage host of the staged target is the stand-in: requests go to its upload handler as they would over HTTP. */
  let uploads: Request[];
  const toStandIn: typeof fetch = async (input, init) => {
    const request = new Request(input as string | URL, init);
    uploads.push(request.clone());
    return engine.api.handleStagedUpload(request);
  };

  beforeEach(async () => {
    engine = await createEngine(provider);
    uploads = [];
    seeded = new Set();
  });
  afterEach(async () => engine.close());

  async function approvedReturn() {
    const snapshot = await fetchOrderSnapshot(engine.admin, engine.api.order(engine.shop, "#1182").id);
    const line = snapshot.fulfillments.flatMap((f) => f.lines)[0];
    const created = await requestReturn(engine.ctx, { orderId: snapshot.id, method: "DROP_OFF", locale: "sv", lines: [{ fulfillmentLineItemId: line.fulfillmentLineItemId, quantity: 1, resolution: "REFUND" }] });
    await approveReturn(engine.ctx, created.id, STAFF);
    seeded = new Set(reverseDeliveries().map((r) => r.id));
    return created.id;
  }

  /** Reverse deliveries the app created (the seed has some of its own). */
  let seeded: Set<string>;
  const reverseDeliveries = () =>
    [...engine.api.store.shop(engine.shop).nodes.values()].filter((n): n is ReverseDeliveryRec => n.__typename === "ReverseDelivery" && !seeded.has(n.id));

  it("GIVEN an approved return WHEN staff upload a label PDF THEN Shopify holds exactly those bytes on the reverse delivery, staged as RETURN_LABEL, and the slip carries the label's pages", async () => {
    const id = await approvedReturn();
    const label = await labelPdf(2);
    engine.resetCalls();

    await attachUploadedLabel(engine.ctx, id, { filename: "PostNord label (1).pdf", bytes: label }, { trackingNumber: "00370730253498827460", carrierName: "PostNord", trackingUrl: null }, STAFF, toStandIn);

    // Shopify's side: one staged target, one upload (multipart POST, file last), one reverse delivery with the staged URL and the same bytes.
    expect(engine.calls.get("StagedUploadsCreate")).toBe(1);
    expect(engine.calls.get("ReverseDeliveryCreateWithShipping")).toBe(1);
    const [staged] = engine.api.stagedFiles(engine.shop);
    expect(staged).toMatchObject({ resource: "RETURN_LABEL", contentType: "application/pdf", filename: "PostNord-label-1.pdf", sha256: sha256(label) });
    expect(uploads).toHaveLength(1);
    expect(uploads[0]!.method).toBe("POST");
    const [rd] = reverseDeliveries();
    expect(rd!.label!.fileUrl).toMatch(/^http:\/\/stand-in\.test\/_standin\/staged-uploads\/tmp\/.+\/return_label\/.+\/PostNord-label-1\.pdf$/);
    expect(rd!.label!.file!.sha256).toBe(sha256(label));
    expect(rd!.trackingRec?.number).toBe("00370730253498827460");

    // The app's side: in transit, the temporary staged URL is not kept as a link, the bytes are.
    const ret = await engine.t.db.returnRequest.findFirstOrThrow({ where: { id }, include: { lines: true, prepaidLabel: true } });
    expect(ret.status).toBe("IN_TRANSIT");
    expect(ret.labelUrl).toBeNull();
    expect(ret.prepaidLabel).toMatchObject({ pages: 2, sha256: sha256(label), stagedUrl: rd!.label!.fileUrl });

    // The shopper: the slip is its own page plus the label's two, and the status page says where the label is.
    const slip = await buildSlip(engine.ctx, ret, "sv");
    expect((await PDFDocument.load(slip.bytes)).getPageCount()).toBe(3);
    const text = pdfText(slip.bytes);
    expect(text).toContain("Din förbetalda fraktetikett finns på nästa sida.");
    expect(text).toContain("POSTNORD PREPAID 00370730253498827460 2");
    const view = await shopperReturnViewFor(engine.ctx, ret, "sv");
    expect(view.label).toEqual({ url: null, tracking: "00370730253498827460", onSlip: true });
  });

  it.each([
    ["an HTML file named .pdf", async () => new TextEncoder().encode("<html><script>alert(1)</script></html>"), "NOT_PDF"],
    ["a PDF signature over garbage", async () => new TextEncoder().encode(`%PDF-1.7\n${"x".repeat(200)}\n%%EOF`), "UNREADABLE"],
    ["a 5-page PDF", () => labelPdf(5), "TOO_MANY_PAGES"],
    ["a file over 2 MB", async () => new Uint8Array(2 * 1024 * 1024 + 1).fill(0x25), "TOO_LARGE"],
    ["an empty file", async () => new Uint8Array(), "EMPTY"],
  ])("GIVEN %s WHEN uploaded as the label THEN it is refused with a 422 and Shopify hears nothing", async (_name, make, problem) => {
    const id = await approvedReturn();
    engine.resetCalls();
    const error = await attachUploadedLabel(engine.ctx, id, { filename: "label.pdf", bytes: await make() }, { trackingNumber: null, carrierName: null, trackingUrl: null }, STAFF, toStandIn).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ReturnsError);
    expect((error as ReturnsError).status).toBe(422);
    expect((error as ReturnsError).details).toEqual({ code: "LABEL_INVALID", problem });
    expect(engine.calls.get("StagedUploadsCreate") ?? 0).toBe(0);
    expect(uploads).toHaveLength(0);
    expect(reverseDeliveries()).toHaveLength(0);
    expect((await engine.t.db.returnRequest.findFirstOrThrow({ where: { id } })).status).toBe("APPROVED");
  });

  it("GIVEN the storage host refuses the upload WHEN staff upload a label THEN no reverse delivery is created, nothing is kept and the return stays approved", async () => {
    const id = await approvedReturn();
    const tampering: typeof fetch = async (input, init) => {
      // The signature no longer matches the policy: the stand-in answers 403 like GCS.
      const form = (await new Request(input as string, init).formData()) as FormData;
      form.set("x-goog-signature", "0".repeat(64));
      const file = form.get("file")!;
      form.delete("file");
      form.append("file", file);
      return engine.api.handleStagedUpload(new Request(input as string, { method: "POST", body: form }));
    };
    const error = await attachUploadedLabel(engine.ctx, id, { filename: "label.pdf", bytes: await labelPdf() }, { trackingNumber: null, carrierName: null, trackingUrl: null }, STAFF, tampering).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ReturnsError);
    expect((error as ReturnsError).message).toMatch(/refused the upload \(HTTP 403\)/);
    expect(engine.api.stagedFiles(engine.shop)).toHaveLength(0);
    expect(reverseDeliveries()).toHaveLength(0);
    expect(await engine.t.db.returnLabel.count()).toBe(0);
    expect((await engine.t.db.returnRequest.findFirstOrThrow({ where: { id } })).status).toBe("APPROVED");
  });

  it("GIVEN a staged URL nothing was uploaded to WHEN the app attaches it as the label THEN Shopify (the stand-in) refuses it with a userError on labelInput.fileUrl", async () => {
    const id = await approvedReturn();
    const ret = await engine.t.db.returnRequest.findFirstOrThrow({ where: { id } });
    const rfo = (await fetchReturn(engine.admin, ret.shopifyReturnId!))!.reverseFulfillmentOrders.nodes[0]!;
    const error = await createReverseDelivery(engine.admin, {
      rfoId: rfo.id,
      items: rfo.lineItems.nodes.map((li) => ({ reverseFulfillmentOrderLineItemId: li.id, quantity: li.totalQuantity })),
      label: { fileUrl: "http://stand-in.test/_standin/staged-uploads/tmp/none/return_label/x/label.pdf" },
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ShopifyUserErrors);
    expect((error as ShopifyUserErrors).userErrors[0]).toMatchObject({ field: ["labelInput", "fileUrl"], code: "INVALID" });
    expect(reverseDeliveries()).toHaveLength(0);
  });
});
