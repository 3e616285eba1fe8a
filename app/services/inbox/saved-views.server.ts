/**
 * Saved views of the inbox, per shop: a name and the inbox query (filters + sort, stored
 * normalized by inbox-filters.ts, so a view can only hold what the inbox understands).
 * A shop's first visit creates three default views ("Needs attention", "To receive", "SLA
 * breached"); their names come from the admin's language until a merchant renames them.
 * Deleting keeps a tombstone (`deletedAt`), so deleted defaults don't come back.
 * A view is the shop's (`userId` null: every staff member sees and edits it) or one staff
 * member's own (`userId` = their Shopify user id, from the session: the same "who" the
 * audit trail records). Another staff member's private view is not listed and not found.
 * "Save as" makes a private view when the staff member is known; "Share with the shop"
 * turns it into a shop view. The defaults are shop views.
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
  /** Only its owner sees it (false: the shop's view, seen by every staff member). */
  private: boolean;
}

/** Who is asking: the staff member's Shopify user id, or null when the session names none. */
export type StaffId = string | null | undefined;

function toView(row: { id: string; name: string | null; defaultKey: string | null; query: string; userId: string | null }): SavedView {
  const defaultKey = SAVED_VIEW_DEFAULTS.some((d) => d.key === row.defaultKey) ? (row.defaultKey as SavedViewDefaultKey) : null;
  return { id: row.id, name: row.name, defaultKey, query: row.query, private: row.userId !== null };
}

/** The shop's views and the staff member's own: what this staff member may see. */
const visibleTo = (shopId: string, staff: StaffId) => ({ shopId, OR: [{ userId: null }, ...(staff ? [{ userId: staff }] : [])] });
const TAB_ORDER = [{ position: "asc" as const }, { createdAt: "asc" as const }, { id: "asc" as const }];

/** The views a staff member sees in tab order; creates the shop's defaults on the first call for a shop. */
export async function listSavedViews(client: Db, shopId: string, staff?: StaffId): Promise<SavedView[]> {
  let rows = await client.inboxSavedView.findMany({ where: visibleTo(shopId, staff), orderBy: TAB_ORDER });
  // Tombstones count: a shop that deleted every view does not get the defaults back.
  if (!rows.some((r) => r.userId === null)) {
    // Two first visits at once may both create the defaults; the later set is removed below.
    await client.inboxSavedView.createMany({
      data: SAVED_VIEW_DEFAULTS.map((d, position) => ({ shopId, defaultKey: d.key, query: d.query, position })),
    });
    rows = await client.inboxSavedView.findMany({ where: visibleTo(shopId, staff), orderBy: TAB_ORDER });
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

async function requireView(client: Db, shopId: string, id: string, staff: StaffId) {
  // Another staff member's private view is "not found", like another shop's.
  const row = await client.inboxSavedView.findFirst({ where: { id: parse(IdSchema, id), deletedAt: null, ...visibleTo(shopId, staff) } });
  if (!row) throw new ReturnsError("NOT_FOUND", "view.gone");
  return row;
}

/** Names are unique among the views one staff member sees (the shop's and their own). */
async function assertNameFree(client: Db, shopId: string, staff: StaffId, name: string, exceptId?: string) {
  const rows = await client.inboxSavedView.findMany({ where: { deletedAt: null, name: { not: null }, ...visibleTo(shopId, staff) }, select: { id: true, name: true } });
  if (rows.some((r) => r.id !== exceptId && r.name!.toLocaleLowerCase() === name.toLocaleLowerCase()))
    throw new ReturnsError("INVALID_INPUT", { key: "view.nameTaken", values: { name } });
}

/**
 * A new view: the staff member's own (`private`, the default when the staff member is
 * known) or the shop's. A private view needs a known staff member.
 */
export async function createSavedView(
  client: Db,
  shopId: string,
  input: { name: unknown; query: unknown; private?: boolean },
  staff?: StaffId,
): Promise<SavedView> {
  const name = parse(NameSchema, input.name);
  const query = parse(QuerySchema, input.query ?? "");
  const own = input.private ?? Boolean(staff);
  if (own && !staff) throw new ReturnsError("INVALID_INPUT", "view.privateNeedsStaff");
  const live = await listSavedViews(client, shopId, staff);
  if (live.length >= SAVED_VIEWS_MAX) throw new ReturnsError("INVALID_INPUT", { key: "view.max", values: { max: SAVED_VIEWS_MAX } });
  await assertNameFree(client, shopId, staff, name);
  const last = await client.inboxSavedView.findFirst({ where: { shopId }, orderBy: { position: "desc" }, select: { position: true } });
  return toView(await client.inboxSavedView.create({ data: { shopId, userId: own ? staff! : null, name, query, position: (last?.position ?? -1) + 1 } }));
}

export async function renameSavedView(client: Db, shopId: string, id: string, input: { name: unknown }, staff?: StaffId): Promise<SavedView> {
  const row = await requireView(client, shopId, id, staff);
  const name = parse(NameSchema, input.name);
  await assertNameFree(client, shopId, staff, name, row.id);
  return toView(await client.inboxSavedView.update({ where: { id: row.id }, data: { name } }));
}

/** Saves the current filters and sort into an existing view. */
export async function updateSavedViewQuery(client: Db, shopId: string, id: string, input: { query: unknown }, staff?: StaffId): Promise<SavedView> {
  const row = await requireView(client, shopId, id, staff);
  const query = parse(QuerySchema, input.query ?? "");
  return toView(await client.inboxSavedView.update({ where: { id: row.id }, data: { query } }));
}

/** Turns one's own private view into the shop's (every staff member sees it). */
export async function shareSavedView(client: Db, shopId: string, id: string, staff?: StaffId): Promise<SavedView> {
  const row = await requireView(client, shopId, id, staff);
  if (row.userId === null) return toView(row);
  // A shop view's name must not clash with another shop view another staff member sees.
  if (row.name) {
    const shopViews = await client.inboxSavedView.findMany({ where: { shopId, userId: null, deletedAt: null, name: { not: null } }, select: { name: true } });
    if (shopViews.some((r) => r.name!.toLocaleLowerCase() === row.name!.toLocaleLowerCase()))
      throw new ReturnsError("INVALID_INPUT", { key: "view.nameTaken", values: { name: row.name } });
  }
  return toView(await client.inboxSavedView.update({ where: { id: row.id }, data: { userId: null } }));
}

export async function deleteSavedView(client: Db, shopId: string, id: string, staff?: StaffId): Promise<void> {
  const row = await requireView(client, shopId, id, staff);
  await client.inboxSavedView.update({ where: { id: row.id }, data: { deletedAt: new Date() } });
}

// ---------------------------------------------------------------------------------------
// The inbox page's form actions (POST /app?index): intent = createView | renameView |
// updateView | shareView | deleteView; `staff` is the session's staff member.

const IntentSchema = z.enum(["createView", "renameView", "updateView", "shareView", "deleteView"]);

export async function handleSavedViewAction(client: Db, shopId: string, form: FormData, staff?: StaffId): Promise<{ view: SavedView | null }> {
  const intent = IntentSchema.safeParse(form.get("intent"));
  if (!intent.success) throw new ReturnsError("INVALID_INPUT", "view.unknownAction");
  const id = String(form.get("id") ?? "");
  switch (intent.data) {
    case "createView": {
      const visibility = form.get("visibility");
      const own = visibility === "shop" ? false : visibility === "private" ? true : undefined;
      return { view: await createSavedView(client, shopId, { name: form.get("name"), query: form.get("query"), private: own }, staff) };
    }
    case "renameView":
      return { view: await renameSavedView(client, shopId, id, { name: form.get("name") }, staff) };
    case "updateView":
      return { view: await updateSavedViewQuery(client, shopId, id, { query: form.get("query") }, staff) };
    case "shareView":
      return { view: await shareSavedView(client, shopId, id, staff) };
    case "deleteView":
      await deleteSavedView(client, shopId, id, staff);
      return { view: null };
  }
}
