/**
 * A prepaid carrier label the merchant uploads on the return page: checked by content
 * (a PDF, size-limited, readable, not encrypted, 1–4 pages), sent to Shopify through a
 * staged upload (stagedUploadsCreate with resource RETURN_LABEL, then the bytes to the
 * target) and attached with reverseDeliveryCreateWithShipping (the staged resourceUrl as
 * the label's fileUrl), so it shows on Shopify's order page. The app keeps the bytes
 * (ReturnLabel) because the staged URL is temporary: the shopper's slip appends the label's
 * pages, so printing the slip prints the label.
 */
import { createHash } from "node:crypto";
import { EncryptedPDFError, PDFDocument } from "pdf-lib";
import { checkLabelFile, labelFilename, MAX_LABEL_PAGES, type LabelProblem } from "~/domain";
import { createStagedTarget, StagedUploadError, uploadToStagedTarget } from "~/shopify/staged-uploads.server";
import { ReturnsError, fromShopifyError, type ReturnsContext } from "../context.server";
import { attachShipping, type ShippingInput } from "../return-lifecycle.server";
import { assertAllowed, requireReturn, type ActorRef } from "../return-records.server";

export interface LabelUpload {
  filename: string | null;
  bytes: Uint8Array;
}

export function labelError(problem: LabelProblem): ReturnsError {
  return new ReturnsError("INVALID_INPUT", { key: `label.${problem}`, values: { max: MAX_LABEL_PAGES } }, { code: "LABEL_INVALID", problem });
}

/** Checks the bytes as a label PDF and answers its page count; throws a 422 ReturnsError otherwise. */
export async function checkLabelPdf(bytes: Uint8Array): Promise<number> {
  const first = checkLabelFile(bytes);
  if (!first.ok) throw labelError(first.problem);
  let pages: number;
  try {
    const pdf = await PDFDocument.load(bytes, { ignoreEncryption: false, updateMetadata: false });
    pages = pdf.getPageCount();
  } catch (error) {
    throw labelError(error instanceof EncryptedPDFError ? "ENCRYPTED" : "UNREADABLE");
  }
  if (pages < 1) throw labelError("UNREADABLE");
  if (pages > MAX_LABEL_PAGES) throw labelError("TOO_MANY_PAGES");
  return pages;
}

/**
 * Upload → stage at Shopify → attach to the return's reverse delivery → keep for the slip.
 * Everything the merchant can get wrong is checked before Shopify is called.
 */
export async function attachUploadedLabel(
  ctx: ReturnsContext,
  id: string,
  upload: LabelUpload,
  shipping: Omit<ShippingInput, "labelUrl" | "labelStaged">,
  actor: ActorRef,
  fetchImpl?: typeof fetch,
) {
  const pages = await checkLabelPdf(upload.bytes);
  const ret = await requireReturn(ctx, id);
  assertAllowed(ret, "ship");
  const filename = labelFilename(upload.filename, ret.rmaNumber);
  const target = await createStagedTarget(ctx.admin, { filename, mimeType: "application/pdf", size: upload.bytes.length, resource: "RETURN_LABEL" }).catch((e) => {
    throw e instanceof StagedUploadError ? new ReturnsError("SHOPIFY_UNAVAILABLE", { key: "label.uploadFailed", values: { detail: e.message } }) : fromShopifyError(e, "what.prepareLabel");
  });
  await uploadToStagedTarget(target, { filename, mimeType: "application/pdf", bytes: upload.bytes }, fetchImpl).catch((e) => {
    if (e instanceof StagedUploadError) throw new ReturnsError(e.status && e.status < 500 ? "SHOPIFY_REJECTED" : "SHOPIFY_UNAVAILABLE", { key: "label.uploadFailed", values: { detail: e.message } });
    throw e;
  });
  const updated = await attachShipping(ctx, id, { ...shipping, labelUrl: target.resourceUrl, labelStaged: true }, actor);
  const data = {
    shopId: ctx.shop.id,
    filename,
    size: upload.bytes.length,
    sha256: createHash("sha256").update(upload.bytes).digest("hex"),
    pages,
    data: Buffer.from(upload.bytes),
    stagedUrl: target.resourceUrl,
  };
  await ctx.db.returnLabel.upsert({ where: { returnRequestId: ret.id }, create: { returnRequestId: ret.id, ...data }, update: data });
  return updated;
}
