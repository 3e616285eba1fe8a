/**
 * POST /mail/bounces: where a mail provider hands the app a bounce, as the raw message
 * (`Content-Type: message/rfc822`, `text/plain` or `application/octet-stream`) or as a form
 * field holding it (`message`, Mailgun's `body-mime`, SendGrid's raw `email`; with the
 * envelope recipient, our VERP address, in `recipient` or `to` when the provider sends it).
 * Guarded by MAIL_BOUNCE_TOKEN (`Authorization: Bearer …` or `?token=…`); 404 while unset.
 * Answers: 200 with what happened; 400 not a DSN; 401 wrong token; 403 a DSN that names none
 * of our messages with a valid signature; 413 too large; 415 another body type.
 */
import { createHash, timingSafeEqual } from "node:crypto";
import { z } from "zod";
import type { Db } from "~/db.server";
import { recordBounce } from "./bounces.server";

/** Bounces carry at most the original's headers or a copy of it; our e-mails are small. */
export const MAX_BOUNCE_BYTES = 2 * 1024 * 1024;

export const BounceInputSchema = z.object({
  raw: z
    .string({ required_error: "The bounce message is missing: send it as the body (message/rfc822) or in the form field `message`." })
    .min(1, "The bounce message is empty.")
    .max(MAX_BOUNCE_BYTES, "The bounce message is larger than 2 MB."),
  envelopeTo: z.string().max(320, "The recipient is longer than an e-mail address can be.").optional(),
});

const RAW_TYPES = ["message/rfc822", "text/plain", "application/octet-stream"];
const FORM_TYPES = ["application/x-www-form-urlencoded", "multipart/form-data"];

const json = (status: number, body: Record<string, unknown>) => Response.json(body, { status });

function sameSecret(given: string, wanted: string): boolean {
  const a = createHash("sha256").update(given).digest();
  const b = createHash("sha256").update(wanted).digest();
  return timingSafeEqual(a, b);
}

export async function bounceIntake(request: Request, deps: { db: Db; secret: string; token: string | null; now: Date }): Promise<Response> {
  if (!deps.token) return json(404, { error: "Bounce intake is off: set MAIL_BOUNCE_TOKEN to turn it on." });
  if (request.method !== "POST") return json(405, { error: "Use POST." });
  const url = new URL(request.url);
  const bearer = /^Bearer\s+(.+)$/i.exec(request.headers.get("authorization") ?? "")?.[1];
  const given = bearer ?? url.searchParams.get("token");
  if (!given || !sameSecret(given, deps.token)) return json(401, { error: "Missing or wrong bounce token." });
  if (Number(request.headers.get("content-length") ?? 0) > MAX_BOUNCE_BYTES * 1.4) return json(413, { error: "The bounce is larger than 2 MB." });

  const type = (request.headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
  let input: unknown;
  try {
    if (RAW_TYPES.includes(type)) {
      input = { raw: await request.text(), envelopeTo: url.searchParams.get("recipient") ?? undefined };
    } else if (FORM_TYPES.includes(type)) {
      const form = await request.formData();
      const field = (...names: string[]) => names.map((n) => form.get(n)).find((v): v is string => typeof v === "string");
      input = { raw: field("message", "body-mime", "email"), envelopeTo: field("recipient", "to") };
    } else {
      return json(415, { error: "Send the bounce as message/rfc822 (raw) or as a form with the field `message`." });
    }
  } catch {
    return json(400, { error: "The request body could not be read." });
  }
  const parsed = BounceInputSchema.safeParse(input);
  if (!parsed.success) return json(400, { error: parsed.error.issues[0]!.message });

  const outcome = await recordBounce(deps.db, parsed.data.raw, { secret: deps.secret, now: deps.now, envelopeTo: parsed.data.envelopeTo });
  if (outcome.result === "invalid") return json(400, { error: `Not a bounce we can read: ${outcome.problem}.` });
  if (outcome.result === "unsigned") return json(403, { error: "The bounce names none of this app's messages with a valid signature." });
  return json(200, outcome);
}
