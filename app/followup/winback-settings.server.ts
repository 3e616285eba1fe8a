/** The merchant's win-back offer settings: one row per shop, defaults until saved. */
import type { Db } from "~/db.server";
import { DEFAULT_WINBACK_SETTINGS, WinbackSettingsSchema, type WinbackSettings } from "~/domain/followup/winback";

export async function getWinbackSettings(db: Db, shopId: string): Promise<WinbackSettings> {
  const row = await db.winbackSettings.findUnique({ where: { shopId } });
  if (!row) return { ...DEFAULT_WINBACK_SETTINGS };
  return {
    enabled: row.enabled,
    valueType: row.valueType === "FIXED_AMOUNT" ? "FIXED_AMOUNT" : "PERCENTAGE",
    percentage: row.percentage,
    fixedAmount: row.fixedAmount,
    minimumOrderAmount: row.minimumOrderAmount,
    validityDays: row.validityDays,
    delayDays: row.delayDays,
    periodDays: row.periodDays,
  };
}

export type SaveResult = { ok: true; settings: WinbackSettings } | { ok: false; errors: Record<string, string> };

/** Validates with the same schema as the form; a bad value is refused field by field. */
export async function saveWinbackSettings(db: Db, shopId: string, input: unknown): Promise<SaveResult> {
  const parsed = WinbackSettingsSchema.safeParse(input);
  if (!parsed.success) {
    const errors: Record<string, string> = {};
    for (const issue of parsed.error.issues) errors[issue.path.join(".") || "form"] ??= issue.message;
    return { ok: false, errors };
  }
  const data = parsed.data;
  await db.winbackSettings.upsert({ where: { shopId }, create: { shopId, ...data }, update: data });
  return { ok: true, settings: data };
}

/**
 * The settings form's fields as the schema's input: amounts typed in the shop currency
 * ("100", "99.50") become minor units; anything unreadable stays as NaN so the schema names
 * the field.
 */
export function winbackInputFromForm(form: FormData, currency: string, toMinor: (amount: string, currency: string) => number): Record<string, unknown> {
  const text = (k: string) => String(form.get(k) ?? "").trim();
  const int = (k: string) => (/^\d{1,6}$/.test(text(k)) ? Number(text(k)) : Number.NaN);
  const money = (k: string) => {
    const v = text(k).replace(",", ".");
    if (v === "") return 0;
    if (!/^\d{1,9}(\.\d{1,3})?$/.test(v)) return Number.NaN;
    try {
      return toMinor(v, currency);
    } catch {
      return Number.NaN;
    }
  };
  return {
    enabled: form.get("enabled") === "on" || form.get("enabled") === "true",
    valueType: text("valueType"),
    percentage: int("percentage"),
    fixedAmount: money("fixedAmount"),
    minimumOrderAmount: money("minimumOrderAmount"),
    validityDays: int("validityDays"),
    delayDays: int("delayDays"),
    periodDays: int("periodDays"),
  };
}
