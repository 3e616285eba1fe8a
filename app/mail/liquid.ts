/**
 * The e-mail templates' Liquid engine (liquidjs), sandboxed: no file system (include/render/
 * layout find nothing), only own properties of the values we pass, strict variables and
 * filters (a misspelt name is an error, not an empty string; `if` may test optional ones),
 * and limits on template size, render time and memory. Body output is HTML-escaped unless a
 * template says `| raw`; subjects are plain text.
 */
import { Liquid } from "liquidjs";

const common = {
  templates: {}, // in-memory and empty: {% include %}, {% render %} and {% layout %} read nothing
  strictVariables: true,
  strictFilters: true,
  lenientIf: true,
  ownPropertyOnly: true,
  jsTruthy: false,
  parseLimit: 100_000, // characters
  renderLimit: 500, // ms
  memoryLimit: 10_000_000,
  cache: 200, // parsed templates, keyed by source
} as const;

const bodyEngine = new Liquid({ ...common, outputEscape: "escape" });
const subjectEngine = new Liquid({ ...common });

export type TemplatePart = "subject" | "body";

export class TemplateError extends Error {
  constructor(
    readonly part: TemplatePart,
    readonly line: number | null,
    readonly column: number | null,
    readonly detail: string,
  ) {
    super(`${part === "subject" ? "Subject" : "Body"}${line ? `, line ${line}, column ${column}` : ""}: ${detail}`);
    this.name = "TemplateError";
  }
}

function toTemplateError(part: TemplatePart, error: unknown): TemplateError {
  const e = error as { message?: string; token?: { getPosition?: () => [number, number] }; originalError?: { message?: string } };
  const message = String(e?.message ?? error);
  let line: number | null = null;
  let column: number | null = null;
  const pos = e?.token?.getPosition?.();
  if (pos) [line, column] = pos;
  const m = /line:(\d+), col:(\d+)/.exec(message);
  if (!pos && m) [line, column] = [Number(m[1]), Number(m[2])];
  // liquidjs appends the position and a source excerpt; keep the sentence a person reads.
  const detail = /Failed to lookup/.test(message)
    ? "templates cannot include other files (include, render and layout are not available)"
    : message.split(", line:")[0]!.split("\n")[0]!.replace(/^undefined variable: /, "unknown variable: ");
  return new TemplateError(part, line, column, detail);
}

async function renderWith(engine: Liquid, part: TemplatePart, source: string, variables: Record<string, unknown>): Promise<string> {
  let parsed;
  try {
    parsed = engine.parse(source);
  } catch (error) {
    throw toTemplateError(part, error);
  }
  try {
    return await engine.render(parsed, variables);
  } catch (error) {
    throw toTemplateError(part, error);
  }
}

export function renderSubject(source: string, variables: Record<string, unknown>): Promise<string> {
  return renderWith(subjectEngine, "subject", source, variables).then((s) => s.replace(/\s+/g, " ").trim());
}

export function renderBody(source: string, variables: Record<string, unknown>): Promise<string> {
  return renderWith(bodyEngine, "body", source, variables);
}

/**
 * Names a template uses that are not in `allowed`, found statically (so a misspelt name
 * inside an `if`, which renders as false, is still caught), with where each first appears.
 */
export function unknownVariables(part: TemplatePart, source: string, allowed: ReadonlySet<string>): TemplateError[] {
  const engine = part === "subject" ? subjectEngine : bodyEngine;
  let globals: Record<string, { location: { row: number; col: number } }[]>;
  try {
    globals = engine.analyzeSync(engine.parse(source)).globals as never;
  } catch (error) {
    return [toTemplateError(part, error)];
  }
  return Object.entries(globals)
    .filter(([name]) => !allowed.has(name))
    .map(([name, uses]) => new TemplateError(part, uses[0]?.location.row ?? null, uses[0]?.location.col ?? null, `unknown variable: ${name}`));
}
