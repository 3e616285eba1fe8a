/**
 * Building one outbox message for sending or previewing: the return's (or shop's) standard
 * variables merged with the message's own, the shop's template for the step and language,
 * and the sender name and Reply-To from the shop's e-mail settings.
 */
import type { Db } from "~/db.server";
import { renderEmail } from "./render";
import type { TemplateSource } from "./default-templates";
import { newVariableCache, returnVariables, shopVariables, type VariableCache } from "./return-variables.server";
import { emailLocale, type EmailStep } from "./steps";
import { templateFor } from "./templates.server";

export interface ComposeCache {
  variables: VariableCache;
  templates: Map<string, Promise<TemplateSource>>;
  settings: Map<string, Promise<{ fromName: string | null; replyTo: string | null } | null>>;
}
export const newComposeCache = (): ComposeCache => ({ variables: newVariableCache(), templates: new Map(), settings: new Map() });

function memo<T>(map: Map<string, Promise<T>>, key: string, load: () => Promise<T>): Promise<T> {
  let hit = map.get(key);
  if (!hit) {
    hit = load();
    map.set(key, hit);
  }
  return hit;
}

/** null when the return is gone. Throws when the template cannot render. */
export async function composeMessage(
  db: Db,
  message: { shop: string; step: string; returnRequestId: string | null; locale: string; variables: string },
  linkBase: (shop: string) => string,
  cache: ComposeCache = newComposeCache(),
) {
  const step = message.step as EmailStep;
  const locale = emailLocale(message.locale);
  const base = linkBase(message.shop);
  const standard = message.returnRequestId
    ? await returnVariables(db, { shopDomain: message.shop, returnId: message.returnRequestId, step, locale, linkBase: base }, cache.variables)
    : await shopVariables(db, message.shop, base, cache.variables);
  if (!standard) return null;
  const variables = { ...standard, ...(JSON.parse(message.variables) as Record<string, unknown>) };
  const [template, settings] = await Promise.all([
    memo(cache.templates, `${message.shop}:${step}:${locale}`, () => templateFor(db, message.shop, step, locale)),
    memo(cache.settings, message.shop, () => db.emailSettings.findUnique({ where: { shop: message.shop }, select: { fromName: true, replyTo: true } })),
  ]);
  const rendered = await renderEmail(template, variables, locale);
  return { rendered, fromName: settings?.fromName || String(variables.shop_name ?? message.shop), replyTo: settings?.replyTo ?? null };
}

/** For the preview of a queued or sent message (the admin's timeline): what it says now. */
export async function renderStoredMessage(db: Db, id: string, shop: string, linkBase: (shop: string) => string) {
  const message = await db.emailMessage.findFirst({ where: { id, shop } });
  if (!message) return null;
  return (await composeMessage(db, message, linkBase))?.rendered ?? null;
}
