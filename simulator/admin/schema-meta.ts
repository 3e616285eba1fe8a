/**
 * The official Admin schema (loaded once per process) plus Shopify's access metadata from the
 * same file: per-type and per-field `requiredAccess` text, parsed into scope requirements, and
 * the `isProtected` flags for protected customer data.
 */
import { getNamedType, type GraphQLSchema } from "graphql";
import { loadAdminIntrospection, loadAdminSchema } from "../../graphql/admin-schema";

export function getSchema(): GraphQLSchema {
  return loadAdminSchema();
}

/** A requirement: every group must be satisfied; a group is satisfied by any one of its scopes. */
export interface AccessRequirement {
  text: string;
  groups: string[][];
}

interface FieldMeta {
  requiredAccess: string | null;
  isProtected: boolean;
  protectedSubject: string | null;
}

let fieldMetaMap: Map<string, FieldMeta> | undefined;
let typeAccessMap: Map<string, string> | undefined;

function buildMeta(): void {
  const file = loadAdminIntrospection();
  fieldMetaMap = new Map();
  typeAccessMap = new Map();
  for (const t of file.data.__schema.types as unknown as Array<Record<string, unknown>>) {
    const name = t.name as string;
    if (typeof t.requiredAccess === "string" && t.requiredAccess)
      typeAccessMap.set(name, t.requiredAccess);
    const fields = (t.fields as Array<Record<string, unknown>> | null) ?? [];
    for (const f of fields) {
      const ra = typeof f.requiredAccess === "string" && f.requiredAccess ? f.requiredAccess : null;
      if (ra || f.isProtected) {
        fieldMetaMap.set(`${name}.${f.name as string}`, {
          requiredAccess: ra,
          isProtected: Boolean(f.isProtected),
          protectedSubject: (f.protectedSubject as string | null) ?? null,
        });
      }
    }
  }
}

export function fieldMeta(typeName: string, fieldName: string): FieldMeta | undefined {
  if (!fieldMetaMap) buildMeta();
  return fieldMetaMap!.get(`${typeName}.${fieldName}`);
}

export function typeRequiredAccess(typeName: string): string | undefined {
  if (!typeAccessMap) buildMeta();
  return typeAccessMap!.get(typeName);
}

const SCOPE_TOKEN = /`([a-z][a-z0-9_]*)`/g;

function scopesIn(text: string, isMutation: boolean): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(SCOPE_TOKEN)) {
    let s = m[1];
    if (!/^(read|write|unauthenticated_read|unauthenticated_write)_/.test(s))
      s = `${isMutation ? "write" : "read"}_${s}`;
    if (!out.includes(s)) out.push(s);
  }
  return out;
}

/**
 * Parse Shopify's human requiredAccess text, e.g.
 *  "`read_orders` access scope or `read_marketplace_orders` access scope. Also: Requires the `read_returns` access scope."
 *  → [[read_orders, read_marketplace_orders], [read_returns]].
 * "Also:" parts about user permissions are ignored (offline tokens have no user). Bare names
 * (refundCreate's "`orders` access scope") mean write_* on mutations and read_* elsewhere.
 * Text without any scope token yields no groups (not enforceable offline).
 */
export function parseRequiredAccess(text: string, isMutation: boolean): AccessRequirement {
  const [first, ...also] = text.split(/\bAlso:/);
  const groups: string[][] = [];
  for (const part of first.split(/\bas well as\b/)) {
    const scopes = scopesIn(part, isMutation);
    if (scopes.length) groups.push(scopes);
  }
  for (const part of also) {
    if (!/scope/i.test(part)) continue; // user permissions, plan requirements, ...
    const scopes = scopesIn(part.replace(/user permission[s]?/gi, ""), isMutation);
    if (scopes.length) groups.push(scopes);
  }
  return { text: text.trim(), groups };
}

/** Granted scopes, with every write_x also granting read_x. */
export function expandScopes(scopes: Iterable<string>): Set<string> {
  const out = new Set<string>();
  for (const raw of scopes) {
    const s = raw.trim();
    if (!s) continue;
    out.add(s);
    const m = /^(unauthenticated_)?write_(.+)$/.exec(s);
    if (m) out.add(`${m[1] ?? ""}read_${m[2]}`);
  }
  return out;
}

export function satisfies(req: AccessRequirement, granted: Set<string>): boolean {
  return req.groups.every((g) => g.some((s) => granted.has(s)));
}

export interface FieldAccess {
  /** Requirements to check, each with the text to quote in the ACCESS_DENIED message. */
  requirements: AccessRequirement[];
  isProtected: boolean;
  protectedSubject: string | null;
}

const accessCache = new Map<string, FieldAccess>();

/** What reading `Type.field` requires: the field's own requiredAccess and its return type's. */
export function fieldAccess(
  schema: GraphQLSchema,
  typeName: string,
  fieldName: string,
): FieldAccess {
  const key = `${typeName}.${fieldName}`;
  const cached = accessCache.get(key);
  if (cached) return cached;
  const isMutation = typeName === schema.getMutationType()?.name;
  const meta = fieldMeta(typeName, fieldName);
  const requirements: AccessRequirement[] = [];
  if (meta?.requiredAccess) requirements.push(parseRequiredAccess(meta.requiredAccess, isMutation));
  const type = schema.getType(typeName);
  const field =
    type && "getFields" in type
      ? (type.getFields() as Record<string, { type: Parameters<typeof getNamedType>[0] }>)[
          fieldName
        ]
      : undefined;
  if (field) {
    const named = getNamedType(field.type);
    const texts = new Set<string>();
    const typeText = named ? typeRequiredAccess(named.name) : undefined;
    if (typeText) texts.add(typeText);
    // A connection is as restricted as its nodes (Shopify reports the connection field).
    if (named && named.name.endsWith("Connection") && "getFields" in named) {
      const nodes = (
        named.getFields() as Record<string, { type: Parameters<typeof getNamedType>[0] }>
      ).nodes;
      const nodeType = nodes ? getNamedType(nodes.type) : undefined;
      const nodeText = nodeType ? typeRequiredAccess(nodeType.name) : undefined;
      if (nodeText) texts.add(nodeText);
    }
    for (const t of texts)
      if (t !== meta?.requiredAccess) requirements.push(parseRequiredAccess(t, false));
  }
  const result: FieldAccess = {
    requirements: requirements.filter((r) => r.groups.length > 0),
    isProtected: Boolean(meta?.isProtected),
    protectedSubject: meta?.protectedSubject ?? null,
  };
  accessCache.set(key, result);
  return result;
}
