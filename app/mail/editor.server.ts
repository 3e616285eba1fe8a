/**
 * The admin's e-mail editor, as a use case: what the page shows for one step and language,
 * and its actions — live preview, save (refused with line and column when the template is
 * broken), back to the default, a test send through the real SMTP path, and the shop's
 * sender name and Reply-To. Input is checked with zod; bad input is a 4xx with a message.
 * Every message is in the admin's language (app/i18n/catalogs/emails.ts); SMTP answers and
 * Liquid error details stay verbatim inside them.
 */
import { z } from "zod";
import type { Db } from "~/db.server";
import { translator, type AdminLocale } from "~/i18n/admin-locale";
import { EMAILS_CATALOG } from "~/i18n/catalogs/emails";
import { RETURN_PAGE_CATALOG } from "~/i18n/catalogs/return-page";
import { mailConfig } from "./config.server";
import type { TemplateError } from "./liquid";
import { addressProblem } from "./outbox.server";
import { checkTemplate, renderEmail } from "./render";
import { EMAIL_LOCALES, EMAIL_STEPS, type EmailLocale, type EmailStep } from "./steps";
import { resetTemplate, saveTemplate, templateFor } from "./templates.server";
import { fromHeader, smtpTransport } from "./transport.server";
import { sampleVariables, variablesFor } from "./variables";

const stepSchema = (locale: AdminLocale) =>
  z.enum(EMAIL_STEPS, { errorMap: () => ({ message: translator(EMAILS_CATALOG, locale)("v.chooseStep", { list: EMAIL_STEPS.join(", ") }) }) });
const localeSchema = (locale: AdminLocale) =>
  z.enum(EMAIL_LOCALES, { errorMap: () => ({ message: translator(EMAILS_CATALOG, locale)("v.chooseLanguage", { list: EMAIL_LOCALES.join(", ") }) }) });
export const StepSchema = stepSchema("en");
export const LocaleSchema = localeSchema("en");

/** The editor's form, with its messages in the admin's language. */
export function emailActionSchema(locale: AdminLocale) {
  const t = translator(EMAILS_CATALOG, locale);
  const template = {
    step: stepSchema(locale),
    locale: localeSchema(locale),
    subject: z.string().max(500, t("v.subjectMax")),
    body: z.string().max(50_000, t("v.bodyMax")),
  };
  return z.discriminatedUnion(
    "intent",
    [
      z.object({ intent: z.literal("preview"), ...template }),
      z.object({ intent: z.literal("save"), ...template }),
      z.object({ intent: z.literal("reset"), step: template.step, locale: template.locale }),
      z.object({ intent: z.literal("test"), ...template, to: z.string().max(254, t("v.addressMax")) }),
      z.object({
        intent: z.literal("sender"),
        fromName: z.string().max(100, t("v.fromNameMax")).transform((s) => s.trim()),
        replyTo: z.string().max(254, t("v.addressMax")).transform((s) => s.trim()),
      }),
    ],
    { errorMap: (issue, ctx) => (issue.code === "invalid_union_discriminator" ? { message: t("v.intent") } : { message: ctx.defaultError }) },
  );
}
export const EmailActionSchema = emailActionSchema("en");
export type EmailAction = z.infer<typeof EmailActionSchema>;

/** The form's first problem, worded for the admin. */
export function emailFormProblem(error: z.ZodError, locale: AdminLocale): string {
  return error.issues[0]?.message ?? translator(EMAILS_CATALOG, locale)("v.checkForm");
}

export interface EditorErrors {
  message: string;
  part: "subject" | "body";
  line: number | null;
  column: number | null;
}

type EmailsKey = keyof typeof EMAILS_CATALOG.en;

/**
 * A template error in the admin's language: "Body, line 2, column 7: unknown variable: nmae".
 * Our own details are translated; liquidjs's own parser messages stay as it words them.
 */
function localizedError(e: TemplateError, t: (key: EmailsKey, vars?: Record<string, string | number>) => string): string {
  const unknown = /^unknown variable: (.+)$/.exec(e.detail);
  const detail = unknown ? t("err.unknownVariable", { name: unknown[1]! }) : /^templates cannot include/.test(e.detail) ? t("err.noInclude") : e.detail;
  const part = t(e.part === "subject" ? "err.part.subject" : "err.part.body");
  return e.line ? t("err.at", { part, line: e.line, column: e.column ?? 0, detail }) : t("err.in", { part, detail });
}

const asErrors = (errors: TemplateError[], locale: AdminLocale): EditorErrors[] => {
  const t = translator(EMAILS_CATALOG, locale);
  return errors.map((e) => ({ message: localizedError(e, t), part: e.part, line: e.line, column: e.column }));
};

/** Stores the shop's name (and currency) from Shopify when the app has none: shops installed before the afterAuth hook did it. */
export async function rememberShopName(db: Db, session: { shop: string; accessToken?: string }): Promise<void> {
  const row = await db.shop.findUnique({ where: { domain: session.shop }, select: { name: true } });
  if (row?.name) return;
  // Loaded here, not at the top: the Shopify app config is only needed on this path.
  const [{ contextForSession }, { storeShopFacts }] = await Promise.all([import("~/services/shop-context.server"), import("./shop-facts.server")]);
  const ctx = await contextForSession(session, db);
  await storeShopFacts(db, session.shop, ctx.admin);
}

/** `locale` is the e-mail's language; `adminLocale` the language the page speaks. */
export async function emailEditorPage(db: Db, shop: string, step: EmailStep, locale: EmailLocale, adminLocale: AdminLocale = "en") {
  const stepName = translator(RETURN_PAGE_CATALOG, adminLocale);
  const texts = translator(EMAILS_CATALOG, adminLocale);
  const [template, custom, settings, shopRow] = await Promise.all([
    templateFor(db, shop, step, locale),
    db.emailTemplate.findMany({ where: { shop }, select: { step: true, locale: true } }),
    db.emailSettings.findUnique({ where: { shop } }),
    db.shop.findUnique({ where: { domain: shop }, select: { name: true } }),
  ]);
  const config = mailConfig();
  const preview = await renderEmail(template, sampleVariables(step, locale), locale);
  return {
    adminLocale,
    step,
    locale,
    steps: EMAIL_STEPS.map((s) => ({ value: s, label: stepName(`emails.step.${s}`) })),
    locales: [...EMAIL_LOCALES],
    customized: custom.map((c) => `${c.step}:${c.locale}`),
    template,
    isCustom: custom.some((c) => c.step === step && c.locale === locale),
    variables: variablesFor(step).map((v) => ({ name: v.name, description: texts(`var.${v.descriptionKey ?? v.name}` as EmailsKey), optional: !!v.optional })),
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

export async function performEmailAction(db: Db, shop: string, action: EmailAction, staff: string | null, adminLocale: AdminLocale = "en"): Promise<EmailActionResult> {
  const t = translator(EMAILS_CATALOG, adminLocale);
  const badAddress = (to: string) => (to.trim() ? t("msg.badAddress", { address: to.trim().slice(0, 80) }) : t("msg.noAddress"));
  switch (action.intent) {
    case "preview": {
      const template = { subject: action.subject, body: action.body };
      const errors = await checkTemplate(action.step, template);
      if (errors.length) return { ok: false, intent: "preview", status: 422, message: t("msg.previewErrors"), errors: asErrors(errors, adminLocale) };
      return { ok: true, intent: "preview", preview: await renderEmail(template, sampleVariables(action.step, action.locale), action.locale) };
    }
    case "save": {
      const result = await saveTemplate(db, { shop, step: action.step, locale: action.locale, subject: action.subject, body: action.body, updatedBy: staff });
      if (!result.ok) return { ok: false, intent: "save", status: 422, message: t("msg.notSaved"), errors: asErrors(result.errors, adminLocale) };
      return { ok: true, intent: "save", message: t("msg.saved") };
    }
    case "reset": {
      await resetTemplate(db, shop, action.step, action.locale);
      return { ok: true, intent: "reset", message: t("msg.reset") };
    }
    case "test": {
      if (addressProblem(action.to)) return { ok: false, intent: "test", status: 400, message: badAddress(action.to) };
      const template = { subject: action.subject, body: action.body };
      const errors = await checkTemplate(action.step, template);
      if (errors.length) return { ok: false, intent: "test", status: 422, message: t("msg.notSent"), errors: asErrors(errors, adminLocale) };
      const config = mailConfig();
      if (!config.smtpUrl) return { ok: false, intent: "test", status: 409, message: t("msg.noSmtp") };
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
        return { ok: false, intent: "test", status: 502, message: t("msg.smtpRefused", { answer: e.response ?? e.message ?? String(error) }) };
      }
      return { ok: true, intent: "test", message: t("msg.testSent", { to: action.to.trim() }) };
    }
    case "sender": {
      if (action.replyTo && addressProblem(action.replyTo)) return { ok: false, intent: "sender", status: 400, message: t("msg.badReplyTo", { address: action.replyTo.slice(0, 80) }) };
      if (/[\r\n]/.test(action.fromName)) return { ok: false, intent: "sender", status: 400, message: t("msg.senderOneLine") };
      await db.emailSettings.upsert({
        where: { shop },
        create: { shop, fromName: action.fromName || null, replyTo: action.replyTo || null },
        update: { fromName: action.fromName || null, replyTo: action.replyTo || null },
      });
      return { ok: true, intent: "sender", message: t("msg.senderSaved") };
    }
  }
}
