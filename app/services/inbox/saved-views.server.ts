/**
 * Saved views of the inbox, per shop: a name and the inbox query (filters + sort, stored
 * normalized by inbox-filters.ts, so a view can only hold what the inbox understands).
 * A shop's first visit creates three default views ("Needs attention", "To receive", "SLA
 * breached"); their names come from the admin's language until a merchant renames them.
 * Deleting keeps a tombstone (`deletedAt`), so deleted defaults don't come back.
 * Views are shop-wide (`userId` null); the column leaves room for personal views.
 */
import { z } from "zod";
import type { Db } from "~/db.server";
import type { ErrorKey } from "~/i18n/catalogs/errors";
import { ReturnsError } from "../context.server";
import { normalizeFilterQuery } from "./inbox-filters";

export const SAVED_VIEW_DEFAULTS = [
  { key: "attention", query: "attention=1&sort=oldest" },
  { key: "toReceive", query: "status=APPROVED,IN_TRANSIT&sort=oldest" },
  { key: "slaBreached", query: "sla=1&sort=sla" },
] as const;
export type SavedViewDefaultKey = (typeof SAVED_VIEW_DEFAULTS)[number]["key"];

export const SAVED_VIEWS_MAX = 20;
export const VIEW_NAME_MAX = 40;

export interface SavedView {
  id: string;
  /** Null for a default view that was never renamed: show its translated name. */
  name: string | null;
  defaultKey: SavedViewDefaultKey | null;
  /** Normalized query string, e.g. "status=APPROVED,IN_TRANSIT&sort=oldest". */
  query: string;
}

function toView(row: { id: string; name: string | null; defaultKey: string | null; query: string }): SavedView {
  const defaultKey = SAVED_VIEW_DEFAULTS.some((d) => d.key === row.defaultKey) ? (row.defaultKey as SavedViewDefaultKey) : null;
  return { id: row.id, name: row.name, defaultKey, query: row.query };
}

/** The shop's views in tab order; creates the defaults on the first call for a shop. */
export async function listSavedViews(client: Db, shopId: string): Promise<SavedView[]> {
  let rows = await client.inboxSavedView.findMany({ where: { shopId }, orderBy: [{ position: "asc" }, { createdAt: "asc" }, { id: "asc" }] });
  if (rows.length === 0) {
    // Two first visits at once may both create the defaults; the later set is removed below.
    await client.inboxSavedView.createMany({
      data: SAVED_VIEW_DEFAULTS.map((d, position) => ({ shopId, defaultKey: d.key, query: d.query, position })),
    });
    rows = await client.inboxSavedView.findMany({ where: { shopId }, orderBy: [{ position: "asc" }, { createdAt: "asc" }, { id: "asc" }] });
    const seen = new Set<string>();
    const duplicates = rows.filter((r) => r.defaultKey && (seen.has(r.defaultKey) || !seen.add(r.defaultKey)));
    if (duplicates.length) {
      await client.inboxSavedView.deleteMany({ where: { id: { in: duplicates.map((d) => d.id) } } });
      rows = rows.filter((r) => !duplicates.includes(r));
    }
  }
  return rows.filter((r) => r.deletedAt === null).map(toView);
}

// zod messages are keys of app/i18n/catalogs/errors.ts; the route words them for the admin.
const messageKey = (k: ErrorKey) => k;
const NameSchema = z
  .string({ invalid_type_error: messageKey("view.nameRequired") })
  .transform((s) => s.trim().replace(/\s+/g, " "))
  .pipe(
    z
      .string()
      .min(1, { message: messageKey("view.nameRequired") })
      .max(VIEW_NAME_MAX, { message: messageKey("view.nameTooLong") }),
  );
const QuerySchema = z.string().max(2000, { message: messageKey("view.tooManyFilters") }).transform(normalizeFilterQuery);
const IdSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, { message: messageKey("view.badId") });

function parse<T>(schema: z.ZodType<T, z.ZodTypeDef, unknown>, value: unknown): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    const message = parsed.error.issues[0]?.message;
    const text: ErrorKey = message === "view.nameRequired" || message === "view.nameTooLong" || message === "view.tooManyFilters" || message === "view.badId" ? message : "view.check";
    throw new ReturnsError("INVALID_INPUT", { key: text, values: { max: VIEW_NAME_MAX } });
  }
  return parsed.data;
}

async function requireView(client: Db, shopId: string, id: string) {
  const row = await client.inboxSavedView.findFirst({ where: { id: parse(IdSchema, id), shopId, deletedAt: null } });
  if (!row) throw new ReturnsError("NOT_FOUND", "view.gone");
  return row;
}

async function assertNameFree(client: Db, shopId: string, name: string, exceptId?: string) {
  const rows = await client.inboxSavedView.findMany({ where: { shopId, deletedAt: null, name: { not: null } }, select: { id: true, name: true } });
  if (rows.some((r) => r.id !== exceptId && r.name!.toLocaleLowerCase() === name.toLocaleLowerCase()))
    throw new ReturnsError("INVALID_INPUT", { key: "view.nameTaken", values: { name } });
}

export async function createSavedView(client: Db, shopId: string, input: { name: unknown; query: unknown }): Promise<SavedView> {
  const name = parse(NameSchema, input.name);
  const query = parse(QuerySchema, input.query ?? "");
  const live = await listSavedViews(client, shopId);
  if (live.length >= SAVED_VIEWS_MAX) throw new ReturnsError("INVALID_INPUT", { key: "view.max", values: { max: SAVED_VIEWS_MAX } });
  await assertNameFree(client, shopId, name);
  const last = await client.inboxSavedView.findFirst({ where: { shopId }, orderBy: { position: "desc" }, select: { position: true } });
  return toView(await client.inboxSavedView.create({ data: { shopId, name, query, position: (last?.position ?? -1) + 1 } }));
}

export async function renameSavedView(client: Db, shopId: string, id: string, input: { name: unknown }): Promise<SavedView> {
  const row = await requireView(client, shopId, id);
  const name = parse(NameSchema, input.name);
  await assertNameFree(client, shopId, name, row.id);
  return toView(await client.inboxSavedView.update({ where: { id: row.id }, data: { name } }));
}

/** Saves the current filters and sort into an existing view. */
export async function updateSavedViewQuery(client: Db, shopId: string, id: string, input: { query: unknown }): Promise<SavedView> {
  const row = await requireView(client, shopId, id);
  const query = parse(QuerySchema, input.query ?? "");
  return toView(await client.inboxSavedView.update({ where: { id: row.id }, data: { query } }));
}

export async function deleteSavedView(client: Db, shopId: string, id: string): Promise<void> {
  const row = await requireView(client, shopId, id);
  await client.inboxSavedView.update({ where: { id: row.id }, data: { deletedAt: new Date() } });
}

// ---------------------------------------------------------------------------------------
// The inbox page's form actions (POST /app?index): intent = createView | renameView |
// updateView | deleteView.

const IntentSchema = z.enum(["createView", "renameView", "updateView", "deleteView"]);

export async function handleSavedViewAction(client: Db, shopId: string, form: FormData): Promise<{ view: SavedView | null }> {
  const intent = IntentSchema.safeParse(form.get("intent"));
  if (!intent.success) throw new ReturnsError("INVALID_INPUT", "view.unknownAction");
  const id = String(form.get("id") ?? "");
  switch (intent.data) {
    case "createView":
      return { view: await createSavedView(client, shopId, { name: form.get("name"), query: form.get("query") }) };
    case "renameView":
      return { view: await renameSavedView(client, shopId, id, { name: form.get("name") }) };
    case "updateView":
      return { view: await updateSavedViewQuery(client, shopId, id, { query: form.get("query") }) };
    case "deleteView":
      await deleteSavedView(client, shopId, id);
      return { view: null };
  }
}
