/**
 * The shared start of every /api/customer-account/* route. The library verifies the session
 * token (HS256 with the app secret, exp/nbf) and answers preflights and bad tokens itself
 * (401, or 204 for OPTIONS, with the CORS headers it sets); we then check the claims it leaves
 * to us, load the shop's context and pick the shopper's language. Every answer, error or not,
 * goes out through the library's `cors` so the extension's worker can read it.
 */
import { json } from "@remix-run/node";
import { appConfig, authenticate } from "~/shopify.server";
import { storefrontLocale } from "~/i18n/storefront";
import { ReturnsError } from "./context.server";
import { customerFromTokenClaims, CustomerAccountTokenError, type CustomerAccountShopper } from "./customer-account-token.server";
import { contextForShop } from "./shop-context.server";
import { StorefrontError } from "./storefront.server";

type Cors = (response: Response) => Response;

export async function customerAccountContext(request: Request) {
  const { sessionToken, cors } = await authenticate.public.customerAccount(request);
  let who: ReturnType<typeof customerFromTokenClaims>;
  try {
    who = customerFromTokenClaims(sessionToken as unknown as Record<string, unknown>, appConfig.SHOPIFY_API_KEY);
  } catch (error) {
    if (error instanceof CustomerAccountTokenError) {
      throw cors(json({ ok: false, error: { code: "UNAUTHORIZED", message: "Sign in again." } }, { status: 401 }));
    }
    throw error;
  }
  const url = new URL(request.url);
  const shopper: CustomerAccountShopper = {
    ...who,
    locale: storefrontLocale(url.searchParams.get("locale") ?? request.headers.get("accept-language")),
  };
  // A shop without the app (or uninstalled) is a 404 like any other unknown order.
  const ctx = await contextForShop(shopper.shop).catch((error: unknown) => {
    if (error instanceof ReturnsError && error.code === "NOT_FOUND") {
      throw cors(json({ ok: false, error: { code: "ORDER_NOT_FOUND", message: "Not found." } }, { status: 404 }));
    }
    throw error;
  });
  return { ctx, shopper, cors };
}

/** Turns known failures into their JSON answer (with CORS); anything else is a bug and rethrown. */
export function customerAccountErrorResponse(error: unknown, cors?: Cors): Response {
  const withCors = (r: Response) => (cors ? cors(r) : r);
  if (error instanceof Response) return error;
  if (error instanceof StorefrontError || error instanceof ReturnsError) return withCors(error.toResponse());
  throw error;
}

/** Order ids travel as the numeric part in the path; the gid is rebuilt here. */
export function orderGidFromParam(param: string | undefined): string | null {
  return param && /^\d{1,20}$/.test(param) ? `gid://shopify/Order/${param}` : null;
}

/**
 * For the method a route does not serve. Remix hands OPTIONS to the loader, so every route's
 * other handler is this: the library answers the CORS preflight (204), and anything else is a
 * 405 with CORS headers (after the token check, like every answer).
 */
export function otherMethods(allowed: "GET" | "POST") {
  return async ({ request }: { request: Request }) => {
    let cors: ((r: Response) => Response) | undefined;
    try {
      cors = (await customerAccountContext(request)).cors;
      return cors(json({ ok: false, error: { code: "METHOD_NOT_ALLOWED", message: `Use ${allowed}.` } }, { status: 405, headers: { Allow: `${allowed}, OPTIONS` } }));
    } catch (error) {
      return customerAccountErrorResponse(error, cors);
    }
  };
}
