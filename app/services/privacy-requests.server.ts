/**
 * What the merchant sees of Shopify's privacy webhooks (Settings → Privacy requests): the
 * data exports to hand over, the redactions done, and privacy deliveries that failed for
 * good (the staff alert after the last automatic try), which staff can retry.
 */
import type { Db } from "~/db.server";
import { MAX_WEBHOOK_ATTEMPTS, PRIVACY_TOPICS, processWebhook } from "./webhooks.server";
import "./webhook-handlers.server";

export interface PrivacyRequestRow {
  id: string;
  topic: string;
  createdAt: string;
  customerId: string | null;
  email: string | null;
  returns: number | null;
  note: string | null;
  downloadable: boolean;
}

export interface FailedPrivacyDelivery {
  id: string;
  topic: string;
  receivedAt: string;
  attempts: number;
  exhausted: boolean;
}

export async function listPrivacyRequests(db: Db, shop: string) {
  const [requests, failed] = await Promise.all([
    db.complianceRequest.findMany({ where: { shop }, orderBy: { createdAt: "desc" }, take: 200 }),
    db.webhookDelivery.findMany({
      where: { shop, topic: { in: PRIVACY_TOPICS }, status: { not: "PROCESSED" } },
      orderBy: { receivedAt: "desc" },
      take: 50,
      select: { id: true, topic: true, receivedAt: true, attempts: true },
    }),
  ]);
  const rows: PrivacyRequestRow[] = requests.map((r) => {
    const parsed = r.export ? (JSON.parse(r.export) as { returns?: unknown[]; skipped?: string }) : null;
    return {
      id: r.id,
      topic: r.topic,
      createdAt: r.createdAt.toISOString(),
      customerId: r.customerId,
      email: r.email,
      returns: Array.isArray(parsed?.returns) ? parsed!.returns!.length : null,
      note: parsed?.skipped ? `Not deleted: ${parsed.skipped}` : null,
      downloadable: r.topic === "customers/data_request" && !!r.export,
    };
  });
  const alerts: FailedPrivacyDelivery[] = failed.map((f) => ({
    id: f.id,
    topic: f.topic,
    receivedAt: f.receivedAt.toISOString(),
    attempts: f.attempts,
    exhausted: f.attempts >= MAX_WEBHOOK_ATTEMPTS,
  }));
  return { rows, alerts };
}

/** The export of one data request, for download; null when it is not this shop's. */
export async function privacyExport(db: Db, shop: string, id: string): Promise<{ filename: string; json: string } | null> {
  const row = await db.complianceRequest.findFirst({ where: { id, shop, topic: "customers/data_request" } });
  if (!row?.export) return null;
  const who = (row.email ?? row.customerId ?? "customer").replace(/[^A-Za-z0-9@._-]+/g, "_");
  return { filename: `data-request-${who}-${row.createdAt.toISOString().slice(0, 10)}.json`, json: JSON.stringify(JSON.parse(row.export), null, 2) };
}

/** Staff retry of a failed privacy delivery of this shop. */
export async function retryPrivacyDelivery(db: Db, shop: string, id: string): Promise<"PROCESSED" | "FAILED" | "SKIPPED"> {
  const row = await db.webhookDelivery.findFirst({ where: { id, shop, topic: { in: PRIVACY_TOPICS } }, select: { id: true } });
  if (!row) return "SKIPPED";
  return processWebhook(row.id, db);
}
