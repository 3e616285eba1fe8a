/**
 * A shop's templates: its own version of a step's e-mail in a language, or the built-in
 * default. Saving checks the template first (./render.ts checkTemplate): a broken one is
 * refused with line and column and never stored, so it is never sent.
 */
import type { Db } from "~/db.server";
import { defaultTemplate, type TemplateSource } from "./default-templates";
import type { TemplateError } from "./liquid";
import { checkTemplate } from "./render";
import type { EmailLocale, EmailStep } from "./steps";

export async function templateFor(db: Db, shop: string, step: EmailStep, locale: EmailLocale): Promise<TemplateSource> {
  const row = await db.emailTemplate.findUnique({ where: { shop_step_locale: { shop, step, locale } } });
  return row ? { subject: row.subject, body: row.body } : defaultTemplate(step, locale);
}

/** Which step/language pairs the shop has changed. */
export async function customizedTemplates(db: Db, shop: string): Promise<{ step: string; locale: string; updatedAt: Date }[]> {
  return db.emailTemplate.findMany({ where: { shop }, select: { step: true, locale: true, updatedAt: true } });
}

export type SaveResult = { ok: true } | { ok: false; errors: TemplateError[] };

export async function saveTemplate(
  db: Db,
  input: { shop: string; step: EmailStep; locale: EmailLocale; subject: string; body: string; updatedBy?: string | null },
): Promise<SaveResult> {
  const template = { subject: input.subject, body: input.body };
  const errors = await checkTemplate(input.step, template);
  if (errors.length) return { ok: false, errors };
  await db.emailTemplate.upsert({
    where: { shop_step_locale: { shop: input.shop, step: input.step, locale: input.locale } },
    create: { shop: input.shop, step: input.step, locale: input.locale, ...template, updatedBy: input.updatedBy ?? null },
    update: { ...template, updatedBy: input.updatedBy ?? null },
  });
  return { ok: true };
}

/** Back to the built-in text. */
export async function resetTemplate(db: Db, shop: string, step: EmailStep, locale: EmailLocale): Promise<void> {
  await db.emailTemplate.deleteMany({ where: { shop, step, locale } });
}
