/**
 * CSV export (resource route): `?table=returns|<analytics table>&range=…` (same range
 * parameters as the page). Streams UTF-8 CSV with a BOM; 400 for an unknown table or a
 * malformed range.
 */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { RangeError as AnalyticsRangeError, rangeFromParams, toInstants } from "~/domain/analytics";
import { authenticate } from "~/shopify.server";
import { contextForSession } from "~/services/shop-context.server";
import { loadAnalytics, loadShopFacts } from "~/services/analytics/analytics.server";
import { TABLES, csvStream, fromSync, returnsCsv, tableCsv, type AnalyticsTable } from "~/services/analytics/export.server";

function badRequest(message: string): Response {
  return new Response(message, { status: 400, headers: { "Content-Type": "text/plain; charset=utf-8" } });
}

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const ctx = await contextForSession(session);
  const params = new URL(request.url).searchParams;
  const table = params.get("table") ?? "";
  if (table !== "returns" && !(TABLES as readonly string[]).includes(table)) return badRequest(`Unknown table "${table.slice(0, 40)}".`);
  const { timeZone } = await loadShopFacts(ctx);
  let range;
  try {
    range = rangeFromParams(params, ctx.now(), timeZone);
  } catch (e) {
    if (e instanceof AnalyticsRangeError) return badRequest(e.message);
    throw e;
  }
  const body =
    table === "returns"
      ? csvStream(returnsCsv(ctx, toInstants(range, timeZone)))
      : csvStream(fromSync(tableCsv(await loadAnalytics(ctx, range), table as AnalyticsTable)));
  return new Response(body, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${table}-${range.from}-${range.to}.csv"`,
      "Cache-Control": "no-store",
    },
  });
};
