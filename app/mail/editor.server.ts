/**
 * The admin's e-mail editor, as a use case: what the page shows for one step and language,
 * and its actions — live preview, save (refused with line and column when the template is
 * broken), back to the default, a test send through the real SMTP path, and the shop's
 * sender name and Reply-To. Input is checked with zod; bad input is a 4xx with a message.
 */
import { z } from "zod";
import type { Db } from "~/db.server";
import { mailConfig } from "./config.server";
import type { TemplateError } from "./liquid";
import { addressProblem } from "./outbox.server";
import { checkTemplate, renderEmail } from "./render";
import { EMAIL_LOCALES, EMAIL_STEPS, STEP_LABEL, type EmailLocale, type EmailStep } from "./steps";
import { resetTemplate, saveTemplate, templateFor } from "./templates.server";
import { fromHeader, smtpTransport } from "./transport.server";
import { sampleVariables, variablesFor } from "./variables";

export const StepSchema = z.enum(EMAIL_STEPS, { errorMap: () => ({ message: `Choose one of: ${EMAIL_STEPS.join(", ")}.` }) });
export const LocaleSchema = z.enum(EMAIL_LOCALES, { errorMap: () => ({ message: `Choose one of: ${EMAIL_LOCALES.join(", ")}.` }) });

const TemplateFields = {
  step: StepSchema,
  locale: LocaleSchema,
  subject: z.string().max(500, "The subject is at most 500 characters."),
  body: z.string().max(50_000, "The body is at most 50,000 characters."),
};

export const EmailActionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("preview"), ...TemplateFields }),
  z.object({ intent: z.literal("save"), ...TemplateFields }),
  z.object({ intent: z.literal("reset"), step: StepSchema, locale: LocaleSchema }),
  z.object({ intent: z.literal("test"), ...TemplateFields, to: z.string().max(254) }),
  z.object({
    intent: z.literal("sender"),
    fromName: z.string().max(100, "The sender name is at most 100 characters.").transform((s) => s.trim()),
    replyTo: z.string().max(254).transform((s) => s.trim()),
  }),
]);
export type EmailAction = z.infer<typeof EmailActionSchema>;

export interface EditorErrors {
  message: string;
  part: "subject" | "body";
  line: number | null;
  column: number | null;
}

const asErrors = (errors: TemplateError[]): EditorErrors[] => errors.map((e) => ({ message: e.message, part: e.part, line: e.line, column: e.column }));

/** Stores the shop's name (and currency) from Shopify when the app has none: shops installed before the afterAuth hook did it. */
export async function rememberShopName(db: Db, session: { shop: string; accessToken?: string }): Promise<void> {
  const row = await db.shop.findUnique({ where: { domain: session.shop }, select: { name: true } });
  if (row?.name) return;
  // Loaded here, not at the top: the Shopify app config is only needed on this path.
  const [{ contextForSession }, { storeShopFacts }] = await Promise.all([import("~/services/shop-context.server"), import("./shop-facts.server")]);
  const ctx = await contextForSession(session, db);
  await storeShopFacts(db, session.shop, ctx.admin);
}

export async function emailEditorPage(db: Db, shop: string, step: EmailStep, locale: EmailLocale) {
  const [template, custom, settings, shopRow] = await Promise.all([
    templateFor(db, shop, step, locale),
    db.emailTemplate.findMany({ where: { shop }, select: { step: true, locale: true } }),
    db.emailSettings.findUnique({ where: { shop } }),
    db.shop.findUnique({ where: { domain: shop }, select: { name: true } }),
  ]);
  const config = mailConfig();
  const preview = await renderEmail(template, sampleVariables(step, locale), locale);
  return {
    step,
    locale,
    steps: EMAIL_STEPS.map((s) => ({ value: s, label: STEP_LABEL[s] })),
    locales: [...EMAIL_LOCALES],
    customized: custom.map((c) => `${c.step}:${c.locale}`),
    template,
    isCustom: custom.some((c) => c.step === step && c.locale === locale),
    variables: variablesFor(step).map((v) => ({ name: v.name, description: v.description, optional: !!v.optional })),
    preview,
    sender: {
      fromName: settings?.fromName ?? "",
      replyTo: settings?.replyTo ?? "",
      defaultName: shopRow?.name || shop,
      address: config.mailFrom,
      smtpConfigured: !!config.smtpUrl,
    },
  };
}

export type EmailActionResult =
  | { ok: true; intent: EmailAction["intent"]; message?: string; preview?: { subject: string; html: string; text: string } }
  | { ok: false; intent: string; message: string; errors?: EditorErrors[]; status: number };

export async function performEmailAction(db: Db, shop: string, action: EmailAction, staff: string | null): Promise<EmailActionResult> {
  switch (action.intent) {
    case "preview": {
      const template = { subject: action.subject, body: action.body };
      const errors = await checkTemplate(action.step, template);
      if (errors.length) return { ok: false, intent: "preview", status: 422, message: "The template has errors.", errors: asErrors(errors) };
      return { ok: true, intent: "preview", preview: await renderEmail(template, sampleVariables(action.step, action.locale), action.locale) };
    }
    case "save": {
      const result = await saveTemplate(db, { shop, step: action.step, locale: action.locale, subject: action.subject, body: action.body, updatedBy: staff });
      if (!result.ok) return { ok: false, intent: "save", status: 422, message: "Not saved: fix the errors below first.", errors: asErrors(result.errors) };
      return { ok: true, intent: "save", message: "Template saved." };
    }
    case "reset": {
      await resetTemplate(db, shop, action.step, action.locale);
      return { ok: true, intent: "reset", message: "Back to the built-in text." };
    }
    case "test": {
      const problem = addressProblem(action.to);
      if (problem) return { ok: false, intent: "test", status: 400, message: problem };
      const template = { subject: action.subject, body: action.body };
      const errors = await checkTemplate(action.step, template);
      if (errors.length) return { ok: false, intent: "test", status: 422, message: "Not sent: the template has errors.", errors: asErrors(errors) };
      const config = mailConfig();
      if (!config.smtpUrl) return { ok: false, intent: "test", status: 409, message: "No mail server is configured (SMTP_URL). Set it and restart the app." };
      const rendered = await renderEmail(template, sampleVariables(action.step, action.locale), action.locale);
      const settings = await db.emailSettings.findUnique({ where: { shop } });
      try {
        await smtpTransport(config.smtpUrl).sendMail({
          from: fromHeader(settings?.fromName || String(sampleVariables(action.step).shop_name), config.mailFrom),
          to: action.to.trim(),
          ...(settings?.replyTo ? { replyTo: settings.replyTo } : {}),
          subject: `[Test] ${rendered.subject}`,
          html: rendered.html,
          text: rendered.text,
          headers: { "Auto-Submitted": "auto-generated", "X-Returns-Step": `test:${action.step}` },
        });
      } catch (error) {
        const e = error as { response?: string; message?: string };
        return { ok: false, intent: "test", status: 502, message: `The mail server did not take it: ${e.response ?? e.message ?? String(error)}` };
      }
      return { ok: true, intent: "test", message: `Test e-mail sent to ${action.to.trim()} (sample data).` };
    }
    case "sender": {
      if (action.replyTo && addressProblem(action.replyTo)) return { ok: false, intent: "sender", status: 400, message: `Reply-To: ${addressProblem(action.replyTo)}` };
      if (/[\r\n]/.test(action.fromName)) return { ok: false, intent: "sender", status: 400, message: "The sender name must be one line." };
      await db.emailSettings.upsert({
        where: { shop },
        create: { shop, fromName: action.fromName || null, replyTo: action.replyTo || null },
        update: { fromName: action.fromName || null, replyTo: action.replyTo || null },
      });
      return { ok: true, intent: "sender", message: "Sender saved." };
    }
  }
}
