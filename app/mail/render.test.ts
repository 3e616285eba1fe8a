/**
 * Templates: every built-in e-mail in every language renders with the documented variables;
 * a template with an unknown variable, a Liquid error or a file include is refused with where
 * the error is; shopper-supplied values are escaped in the HTML; the text part follows the HTML.
 */
import { describe, expect, it } from "vitest";
import { defaultTemplate } from "./default-templates";
import { htmlToText } from "./layout";
import { checkTemplate, renderEmail } from "./render";
import { EMAIL_LOCALES, EMAIL_STEPS } from "./steps";
import { sampleVariables, variablesFor } from "./variables";

describe("built-in templates", () => {
  it.each(EMAIL_STEPS.flatMap((step) => EMAIL_LOCALES.map((locale) => [step, locale] as const)))("GIVEN %s in %s THEN it passes the save check and renders subject, HTML and text", async (step, locale) => {
    const template = defaultTemplate(step, locale);
    expect(await checkTemplate(step, template)).toEqual([]);
    const out = await renderEmail(template, sampleVariables(step), locale);
    expect(out.subject.length).toBeGreaterThan(5);
    expect(out.subject).not.toMatch(/[{}]/);
    expect(out.html).toContain(`<html lang="${locale}"`);
    expect(out.text.length).toBeGreaterThan(20);
    expect(out.text).not.toMatch(/[<>]/);
  });

  it("GIVEN the closed e-mail WHEN rating links are passed THEN it shows five one-click scores and the comment link; WHEN not THEN neither", async () => {
    const withLinks = await renderEmail(defaultTemplate("closed", "en"), sampleVariables("closed"), "en");
    for (let r = 1; r <= 5; r++) expect(withLinks.html).toContain(`feedback/sample?rating=${r}`);
    expect(withLinks.text).toContain("Tell us more: https://nordlys-living.example/apps/returns/feedback/sample");
    const { rating_links: _r, comment_url: _c, ...rest } = sampleVariables("closed");
    const without = await renderEmail(defaultTemplate("closed", "en"), rest, "en");
    expect(without.html).not.toContain("rating=");
    expect(without.text).not.toContain("Tell us more");
  });

  it("GIVEN every step THEN its documented variables are exactly what its sample defines", () => {
    for (const step of EMAIL_STEPS) expect(Object.keys(sampleVariables(step)).sort()).toEqual(variablesFor(step).map((v) => v.name).sort());
  });
});

describe("the save check", () => {
  it("GIVEN an unknown variable, even inside an if THEN it is refused with its line and column", async () => {
    const errors = await checkTemplate("approved", { subject: "Return {{ rma }}", body: "<p>Hi</p>\n{% if nmae %}<p>{{ nmae }}</p>{% endif %}" });
    expect(errors.map((e) => e.message)).toEqual(["Body, line 2, column 7: unknown variable: nmae"]);
  });

  it("GIVEN a Liquid syntax error in the subject and the body THEN both are refused with line and column", async () => {
    const errors = await checkTemplate("approved", { subject: "Return {{ rma", body: "<p>\n{% for x in items %}</p>" });
    expect(errors.map((e) => [e.part, e.line, e.column])).toEqual([
      ["subject", 1, 8],
      ["body", 2, 1],
    ]);
  });

  it("GIVEN a filter that does not exist, an include or a variable of another step THEN each is refused", async () => {
    expect((await checkTemplate("approved", { subject: "x", body: "{{ rma | shout }}" }))[0]!.message).toMatch(/filter: shout/);
    expect((await checkTemplate("approved", { subject: "x", body: "{% include 'secrets' %}" }))[0]!.message).toMatch(/cannot include other files/);
    expect((await checkTemplate("approved", { subject: "x", body: "{{ discount_code }}" }))[0]!.message).toMatch(/unknown variable: discount_code/);
    expect((await checkTemplate("approved", { subject: "x", body: "{{ rma.constructor }}" }))[0]!.message).toMatch(/unknown variable/);
  });

  it("GIVEN an empty subject THEN it is refused", async () => {
    expect((await checkTemplate("approved", { subject: " ", body: "<p>x</p>" }))[0]!.message).toMatch(/Subject: must not be empty/);
  });
});

describe("rendering", () => {
  it("GIVEN a shopper's name with HTML in it THEN the HTML part escapes it and the text part shows it as typed", async () => {
    const vars = { ...sampleVariables("approved"), customer_first_name: '<img src=x onerror="alert(1)">' };
    const out = await renderEmail(defaultTemplate("approved", "en"), vars, "en");
    expect(out.html).not.toContain("<img src=x");
    expect(out.html).toContain("&lt;img src=x");
    expect(out.text).toContain('Hi <img src=x onerror="alert(1)">,');
  });

  it("GIVEN lists and links THEN the text part numbers ordered lists, bullets the others and spells out links", () => {
    const text = htmlToText('<p>A &amp; B</p><ol><li>one</li><li>two</li></ol><ul><li>x</li></ul><p><a href="https://e.x/?a=1&amp;b=2">Go</a></p>');
    expect(text).toBe("A & B\n\n1. one\n2. two\n\n- x\n\nGo: https://e.x/?a=1&b=2");
  });
});
