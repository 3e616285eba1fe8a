/** Download of one customers/data_request export as JSON (this shop's only). */
import type { LoaderFunctionArgs } from "@remix-run/node";
import db from "~/db.server";
import { privacyExport } from "~/services/privacy-requests.server";
import { authenticate } from "~/shopify.server";

export const loader = async ({ request, params }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const found = await privacyExport(db, session.shop, params.id ?? "");
  if (!found) return new Response("This export does not exist.", { status: 404 });
  return new Response(found.json, {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": `attachment; filename="${found.filename}"`,
      "Cache-Control": "no-store",
    },
  });
};
