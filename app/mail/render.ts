/**
 * Renders one e-mail from its templates and variables: subject (plain text), HTML in the
 * frame, and the plain-text part derived from the same HTML. Also the check run when a
 * merchant saves a template: it must parse and render with the step's documented variables
 * (every one defined, nothing else), or it is refused with the line and column.
 */
import { htmlToText, wrapHtml } from "./layout";
import { renderBody, renderSubject, TemplateError, unknownVariables } from "./liquid";
import type { TemplateSource } from "./default-templates";
import type { EmailStep } from "./steps";
import { sampleVariables, variablesFor } from "./variables";

export interface RenderedEmail {
  subject: string;
  html: string;
  text: string;
}

export async function renderEmail(template: TemplateSource, variables: Record<string, unknown>, locale: string): Promise<RenderedEmail> {
  const [subject, body] = await Promise.all([renderSubject(template.subject, variables), renderBody(template.body, variables)]);
  const shopName = typeof variables.shop_name === "string" ? variables.shop_name : "";
  return { subject, html: wrapHtml({ body, subject, shopName, locale }), text: htmlToText(body) };
}

/** Errors a person can fix, each with where it is; [] when the template is fine. */
export async function checkTemplate(step: EmailStep, template: TemplateSource): Promise<TemplateError[]> {
  const errors: TemplateError[] = [];
  if (!template.subject.trim()) errors.push(new TemplateError("subject", null, null, "must not be empty"));
  if (!template.body.trim()) errors.push(new TemplateError("body", null, null, "must not be empty"));
  if (errors.length) return errors;
  const allowed = new Set(variablesFor(step).map((v) => v.name));
  errors.push(...unknownVariables("subject", template.subject, allowed), ...unknownVariables("body", template.body, allowed));
  if (errors.length) return errors;
  const sample = sampleVariables(step);
  // Optional variables are checked both ways: present (the block renders) and absent (the
  // template guards them with `if`, so mail from a shop without them still renders).
  const withoutOptional = Object.fromEntries(Object.entries(sample).filter(([k]) => k !== "rating_links" && k !== "comment_url"));
  for (const vars of [sample, withoutOptional]) {
    for (const [part, run] of [
      ["subject", () => renderSubject(template.subject, vars)],
      ["body", () => renderBody(template.body, vars)],
    ] as const) {
      try {
        await run();
      } catch (error) {
        const e = error instanceof TemplateError ? error : new TemplateError(part, null, null, String(error));
        if (!errors.some((x) => x.message === e.message)) errors.push(e);
      }
    }
  }
  return errors;
}
