/**
 * Shopify search syntax for `query:` arguments (orders, customers, products, variants,
 * return reasons): `field:value`, `field:>=value`, quoted values, implicit AND, explicit
 * AND / OR / NOT, `-term`, parentheses and free text. Each resource supplies its own
 * field matchers; unknown fields match everything and produce a warning, as Shopify does.
 */

export type Comparator = ":" | ">" | ">=" | "<" | "<=";

export type SearchNode =
  | { kind: "term"; field: string | null; op: Comparator; value: string; negated: boolean }
  | { kind: "and"; nodes: SearchNode[] }
  | { kind: "or"; nodes: SearchNode[] }
  | { kind: "not"; node: SearchNode };

type Token = { t: "word"; v: string; quoted: boolean } | { t: "lparen" } | { t: "rparen" };

function tokenize(q: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < q.length) {
    const c = q[i];
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if (c === "(") {
      out.push({ t: "lparen" });
      i++;
      continue;
    }
    if (c === ")") {
      out.push({ t: "rparen" });
      i++;
      continue;
    }
    // a word: may contain quoted segments (name:"#1001")
    let v = "";
    let quoted = false;
    while (i < q.length && !/\s/.test(q[i]) && q[i] !== "(" && q[i] !== ")") {
      if (q[i] === '"' || q[i] === "'") {
        const quote = q[i++];
        quoted = true;
        while (i < q.length && q[i] !== quote) {
          if (q[i] === "\\" && i + 1 < q.length) i++;
          v += q[i++];
        }
        i++; // closing quote
      } else v += q[i++];
    }
    out.push({ t: "word", v, quoted });
  }
  return out;
}

function parseTerm(word: string, quoted: boolean): SearchNode {
  let negated = false;
  let w = word;
  if (!quoted && w.startsWith("-") && w.length > 1) {
    negated = true;
    w = w.slice(1);
  }
  const m = /^([a-zA-Z_][a-zA-Z0-9_.]*):(>=|<=|>|<)?(.*)$/s.exec(w);
  if (m)
    return {
      kind: "term",
      field: m[1].toLowerCase(),
      op: (m[2] as Comparator) ?? ":",
      value: m[3],
      negated,
    };
  return { kind: "term", field: null, op: ":", value: w, negated };
}

export function parseSearch(query: string | null | undefined): SearchNode | null {
  if (!query || !query.trim()) return null;
  const tokens = tokenize(query);
  let pos = 0;
  const peekWord = (v: string) => {
    const t = tokens[pos];
    return t && t.t === "word" && !t.quoted && t.v === v;
  };
  function parseOr(): SearchNode {
    const nodes = [parseAnd()];
    while (peekWord("OR")) {
      pos++;
      nodes.push(parseAnd());
    }
    return nodes.length === 1 ? nodes[0] : { kind: "or", nodes };
  }
  function parseAnd(): SearchNode {
    const nodes: SearchNode[] = [];
    while (pos < tokens.length) {
      const t = tokens[pos];
      if (t.t === "rparen" || peekWord("OR")) break;
      if (peekWord("AND")) {
        pos++;
        continue;
      }
      nodes.push(parseUnary());
    }
    return nodes.length === 1 ? nodes[0] : { kind: "and", nodes };
  }
  function parseUnary(): SearchNode {
    if (peekWord("NOT")) {
      pos++;
      return { kind: "not", node: parseUnary() };
    }
    const t = tokens[pos++];
    if (t.t === "lparen") {
      const inner = parseOr();
      if (tokens[pos]?.t === "rparen") pos++;
      return inner;
    }
    if (t.t === "rparen") return { kind: "and", nodes: [] };
    return parseTerm(t.v, t.quoted);
  }
  const node = parseOr();
  return node;
}

export type FieldMatcher<T> = (item: T, op: Comparator, value: string) => boolean;

export interface SearchSpec<T> {
  fields: Record<string, FieldMatcher<T>>;
  /** Free text (no field): matched against these strings, case-insensitive substring. */
  text: (item: T) => Array<string | null | undefined>;
}

export interface SearchWarning {
  field: string;
  message: string;
}

export function compileSearch<T>(
  query: string | null | undefined,
  spec: SearchSpec<T>,
): { test: (item: T) => boolean; warnings: SearchWarning[] } {
  const ast = parseSearch(query);
  const warnings: SearchWarning[] = [];
  if (!ast) return { test: () => true, warnings };
  const seen = new Set<string>();
  function build(node: SearchNode): (item: T) => boolean {
    switch (node.kind) {
      case "and": {
        const parts = node.nodes.map(build);
        return (x) => parts.every((p) => p(x));
      }
      case "or": {
        const parts = node.nodes.map(build);
        return (x) => parts.some((p) => p(x));
      }
      case "not": {
        const inner = build(node.node);
        return (x) => !inner(x);
      }
      case "term": {
        let f: (item: T) => boolean;
        if (node.field === null) {
          const needle = node.value.toLowerCase();
          f = (x) => spec.text(x).some((s) => (s ?? "").toLowerCase().includes(needle));
        } else {
          const m = spec.fields[node.field];
          if (!m) {
            if (!seen.has(node.field)) {
              seen.add(node.field);
              warnings.push({ field: node.field, message: "Invalid search field for this query." });
            }
            f = () => true;
          } else {
            const { op, value } = node;
            f = (x) => m(x, op, value);
          }
        }
        return node.negated ? (x) => !f(x) : f;
      }
    }
  }
  return { test: build(ast), warnings };
}

// ---- common matchers ------------------------------------------------------------------------

export function matchText(
  actual: string | null | undefined,
  op: Comparator,
  value: string,
): boolean {
  if (op !== ":") return false;
  const a = (actual ?? "").toLowerCase();
  const v = value.toLowerCase();
  if (v.endsWith("*")) return a.startsWith(v.slice(0, -1));
  return a === v;
}

export function matchNumber(
  actual: number | null | undefined,
  op: Comparator,
  value: string,
): boolean {
  if (actual === null || actual === undefined) return false;
  const v = Number(value);
  if (!Number.isFinite(v)) return false;
  switch (op) {
    case ":":
      return actual === v;
    case ">":
      return actual > v;
    case ">=":
      return actual >= v;
    case "<":
      return actual < v;
    case "<=":
      return actual <= v;
  }
}

export function matchBool(actual: boolean, op: Comparator, value: string): boolean {
  return op === ":" && String(actual) === value.toLowerCase();
}

/** Offset (minutes) of an IANA zone at a given instant, e.g. Europe/Stockholm → 60 or 120. */
export function zoneOffsetMinutes(timeZone: string, at: Date): number {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone,
    timeZoneName: "longOffset",
  }).formatToParts(at);
  const name = parts.find((p) => p.type === "timeZoneName")?.value ?? "GMT";
  const m = /GMT([+-])(\d{2}):?(\d{2})?/.exec(name);
  if (!m) return 0;
  const mins = Number(m[2]) * 60 + Number(m[3] ?? 0);
  return m[1] === "-" ? -mins : mins;
}

/**
 * Compare an ISO timestamp with a search date value. Date-only values are whole days in the
 * shop's time zone (so `created_at:2026-01-05` matches that local day).
 */
export function matchDate(
  actualIso: string | null | undefined,
  op: Comparator,
  value: string,
  timeZone: string,
): boolean {
  if (!actualIso) return false;
  const actual = Date.parse(actualIso);
  let start: number;
  let end: number;
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) {
    const utcMidnight = Date.parse(`${value}T00:00:00Z`);
    if (Number.isNaN(utcMidnight)) return false;
    const offset = zoneOffsetMinutes(timeZone, new Date(utcMidnight));
    start = utcMidnight - offset * 60_000;
    end = start + 86_400_000;
  } else {
    const t = Date.parse(value);
    if (Number.isNaN(t)) return false;
    start = t;
    end = t + 1;
  }
  switch (op) {
    case ":":
      return actual >= start && actual < end;
    case ">":
      return actual >= end;
    case ">=":
      return actual >= start;
    case "<":
      return actual < start;
    case "<=":
      return actual < end;
  }
}

/** `id:123` or `id:gid://shopify/Order/123` or `id:>123`. */
export function matchId(actualGid: string, op: Comparator, value: string): boolean {
  const tail = (s: string) => Number(s.replace(/^gid:\/\/shopify\/[A-Za-z]+\//, ""));
  return matchNumber(tail(actualGid), op, String(tail(value)));
}
