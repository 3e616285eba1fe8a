/** Shopify global ids: gid://shopify/{Type}/{id}[?query]. */

const GID_RE = /^gid:\/\/shopify\/([A-Za-z][A-Za-z0-9]*)\/([^/?#\s]+)(\?[^#\s]*)?$/;

export interface ParsedGid {
  type: string;
  id: string;
  numeric: number | null;
  query: string;
}

export function gid(type: string, id: number | string): string {
  return `gid://shopify/${type}/${id}`;
}

export function parseGid(value: unknown): ParsedGid | null {
  if (typeof value !== "string") return null;
  const m = GID_RE.exec(value);
  if (!m) return null;
  const numeric = /^\d+$/.test(m[2]) ? Number(m[2]) : null;
  return { type: m[1], id: m[2], numeric, query: m[3] ?? "" };
}

/** Numeric tail of a gid (legacyResourceId); 0 when not numeric. */
export function legacyId(value: string): number {
  return parseGid(value)?.numeric ?? 0;
}

export function isGidOfType(value: unknown, type: string): boolean {
  const p = parseGid(value);
  return p !== null && p.type === type;
}
