/**
 * Reading a delivery status notification (RFC 3464): a `multipart/report;
 * report-type=delivery-status` message whose `message/delivery-status` part has one field
 * block per recipient (Action, Status, Diagnostic-Code, Final-Recipient), usually followed by
 * the original message or its headers (`text/rfc822-headers`, `message/rfc822`). mailparser
 * reads the outer message (and refuses what is not mail); the report's parts are split here,
 * because mailparser folds a delivery-status part into the text body.
 */
import { simpleParser, type AddressObject } from "mailparser";

export interface DsnRecipient {
  finalRecipient: string | null;
  action: string;
  status: string;
  diagnostic: string | null;
}

export interface Dsn {
  /** Where the bounce was addressed (To, Delivered-To, X-Original-To): our VERP address. */
  addressedTo: string[];
  recipients: DsnRecipient[];
  /** From the quoted original: its Message-ID and X-Returns-Message header. */
  originalMessageId: string | null;
  originalTrace: string | null;
}

export type DsnResult = { ok: true; dsn: Dsn } | { ok: false; problem: string };

/** Mail headers: "Name: value" lines, continuation lines folded in, names lower-cased; first value wins. */
function headerFields(text: string): Map<string, string> {
  const fields = new Map<string, string>();
  const unfolded = text.replace(/\r?\n[ \t]+/g, " ");
  for (const line of unfolded.split(/\r?\n/)) {
    const m = /^([!-9;-~]+):[ \t]*(.*)$/.exec(line);
    if (m && !fields.has(m[1]!.toLowerCase())) fields.set(m[1]!.toLowerCase(), m[2]!.trim());
  }
  return fields;
}

function splitHead(text: string): { head: string; body: string } {
  const m = /\r?\n\r?\n/.exec(text);
  return m ? { head: text.slice(0, m.index), body: text.slice(m.index + m[0].length) } : { head: text, body: "" };
}

function decode(body: string, encoding: string | undefined): string {
  if (encoding?.toLowerCase() === "base64") return Buffer.from(body.replace(/\s+/g, ""), "base64").toString("utf8");
  if (encoding?.toLowerCase() === "quoted-printable") {
    return body.replace(/=\r?\n/g, "").replace(/=([0-9A-F]{2})/gi, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
  }
  return body;
}

function addresses(value: AddressObject | AddressObject[] | undefined): string[] {
  const list = Array.isArray(value) ? value : value ? [value] : [];
  return list.flatMap((a) => a.value.map((v) => v.address ?? "")).filter(Boolean);
}

/** The bare address of "rfc822; someone@example.com". */
const typedAddress = (v: string | undefined) => (v ? v.replace(/^[^;]*;\s*/, "").replace(/^<|>$/g, "") : null);

export async function parseDsn(raw: string): Promise<DsnResult> {
  let parsed;
  try {
    parsed = await simpleParser(raw, { skipHtmlToText: true, skipTextToHtml: true, skipImageLinks: true, skipTextLinks: true });
  } catch {
    return { ok: false, problem: "not a mail message" };
  }
  const type = parsed.headers.get("content-type") as { value?: string; params?: Record<string, string> } | undefined;
  if (type?.value?.toLowerCase() !== "multipart/report" || type.params?.["report-type"]?.toLowerCase() !== "delivery-status" || !type.params?.boundary) {
    return { ok: false, problem: "not a delivery status notification (multipart/report; report-type=delivery-status)" };
  }
  const boundary = type.params.boundary;
  const { body } = splitHead(raw);
  const parts = body
    .split(new RegExp(`(?:^|\\r?\\n)--${boundary.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}(?:--)?[ \\t]*(?=\\r?\\n|$)`))
    .slice(1)
    .map((part) => {
      const { head, body: partBody } = splitHead(part.replace(/^\r?\n/, ""));
      const h = headerFields(head);
      return { type: (h.get("content-type") ?? "text/plain").split(";")[0]!.trim().toLowerCase(), body: decode(partBody, h.get("content-transfer-encoding")) };
    });

  const status = parts.find((p) => p.type === "message/delivery-status" || p.type === "message/global-delivery-status");
  if (!status) return { ok: false, problem: "the report has no message/delivery-status part" };
  const blocks = status.body.split(/\r?\n[ \t]*\r?\n/).map(headerFields).filter((f) => f.size > 0);
  const recipients = blocks
    .filter((f) => f.has("action") && f.has("status"))
    .map((f) => ({
      finalRecipient: typedAddress(f.get("final-recipient")),
      action: f.get("action")!.toLowerCase(),
      status: f.get("status")!.split(/\s/)[0]!,
      diagnostic: f.get("diagnostic-code")?.replace(/^[^;]*;\s*/, "") ?? null,
    }));
  if (!recipients.length) return { ok: false, problem: "the delivery status names no recipient (Action and Status)" };

  const original = parts.find((p) => ["text/rfc822-headers", "message/rfc822", "message/global-headers", "message/global"].includes(p.type));
  const originalHeaders = original ? headerFields(splitHead(original.body).head) : new Map<string, string>();
  const extra = ["delivered-to", "x-original-to", "envelope-to"].flatMap((k) => {
    const v = parsed.headers.get(k);
    return typeof v === "string" ? [v] : [];
  });
  return {
    ok: true,
    dsn: {
      addressedTo: [...addresses(parsed.to), ...extra],
      recipients,
      originalMessageId: originalHeaders.get("message-id") ?? null,
      originalTrace: originalHeaders.get("x-returns-message") ?? null,
    },
  };
}

export type BounceKind = "hard" | "soft" | "none";

/**
 * RFC 3464/3463: Action "failed" with a 5.x.x status is permanent (a hard bounce); "delayed"
 * or any 4.x.x is the server still trying (soft); "delivered", "relayed", "expanded" are not
 * bounces.
 */
export function bounceKind(r: DsnRecipient): BounceKind {
  if (r.action === "failed" && r.status.startsWith("5")) return "hard";
  if (r.action === "delayed" || r.status.startsWith("4") || r.action === "failed") return "soft";
  return "none";
}

/** "5.1.1 550 5.1.1 <x@y>: Recipient address rejected: User unknown" — the server's answer as shown. */
export function bounceAnswer(r: DsnRecipient): string {
  return [r.status, r.diagnostic].filter(Boolean).join(" ").slice(0, 500);
}
