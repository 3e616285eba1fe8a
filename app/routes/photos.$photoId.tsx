/**
 * GET /photos/:photoId?shop=…&expires=…&sig=… — a shopper's photo, for the shop's staff.
 * The embedded admin page (authenticated) hands out these links signed with the app secret
 * for 15 minutes; an <img> cannot send the admin session token, so the signature is the
 * authentication. Anything forged, expired or of another shop is a plain 404.
 */
import type { LoaderFunctionArgs } from "@remix-run/node";
import db from "~/db.server";
import { appConfig } from "~/shopify.server";
import { photoBySignedLink } from "~/services/photos/photos.server";

export const loader = async ({ request, params }: LoaderFunctionArgs) => {
  const url = new URL(request.url);
  const photo = await photoBySignedLink(
    db,
    appConfig.SHOPIFY_API_SECRET,
    { photoId: params.photoId ?? "", shopId: url.searchParams.get("shop"), expires: url.searchParams.get("expires"), sig: url.searchParams.get("sig") },
    new Date(),
  );
  if (!photo) return new Response("Not found", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" } });
  return new Response(new Uint8Array(photo.data), {
    headers: {
      "Content-Type": photo.contentType,
      "Content-Length": String(photo.size),
      "Cache-Control": "private, max-age=900",
      "X-Content-Type-Options": "nosniff",
      "Content-Security-Policy": "default-src 'none'; sandbox",
      "Referrer-Policy": "no-referrer",
    },
  });
};
