/**
 * POST /admin/oauth/access_token as @shopify/shopify-api 15 calls it:
 * - token exchange (session token → offline or online access token), with `expiring: "1"`
 *   answering an expiring offline token + refresh token (the remix `expiringOfflineAccessTokens`
 *   future flag);
 * - refresh_token grant (the library refreshes offline tokens 5 minutes before they expire);
 * - migration of a non-expiring offline token to an expiring one.
 * Error bodies follow OAuth 2 (`{error, error_description}`); `invalid_subject_token` with 400
 * is what the library maps to "invalid session token, retry with a fresh one".
 */
import { randomBytes } from "node:crypto";
import type { AdminApi } from "../contracts";
import { safeEqual } from "./crypto";
import { verifySessionToken } from "./session-token";

export const TOKEN_EXCHANGE_GRANT = "urn:ietf:params:oauth:grant-type:token-exchange";
export const ID_TOKEN_TYPE = "urn:ietf:params:oauth:token-type:id_token";
export const OFFLINE_TOKEN_TYPE = "urn:shopify:params:oauth:token-type:offline-access-token";
export const ONLINE_TOKEN_TYPE = "urn:shopify:params:oauth:token-type:online-access-token";

/** Lifetimes Shopify documents for expiring offline tokens (1 h) and their refresh tokens (90 d). */
export const EXPIRING_TOKEN_TTL_SEC = 3600;
export const REFRESH_TOKEN_TTL_SEC = 90 * 24 * 3600;
export const ONLINE_TOKEN_TTL_SEC = 86399;

export interface StaffUser {
  id: number;
  first_name: string;
  last_name: string;
  email: string;
  account_owner: boolean;
  locale: string;
  collaborator: boolean;
  email_verified: boolean;
}

export interface TokenEndpointOptions {
  adminApi: AdminApi;
  apiKey: string;
  apiSecret: string;
  scopes: string[];
  /** Called after every successful install (token exchange for an offline token). */
  onInstall?: (shop: string) => void;
  now?: () => number;
}

export interface TokenEndpoint {
  handle(
    body: Record<string, unknown>,
    shopHint: string | null,
  ): { status: number; body: Record<string, unknown> };
  /** Shops whose offline token was handed out by this endpoint. */
  tokenFor(shop: string): string | undefined;
}

interface IssuedRefreshToken {
  shop: string;
  expiresAtMs: number;
}

export function createTokenEndpoint(options: TokenEndpointOptions): TokenEndpoint {
  const now = options.now ?? Date.now;
  const offlineTokens = new Map<string, string>(); // shop → last offline access token
  const tokenShops = new Map<string, string>(); // access token → shop
  const refreshTokens = new Map<string, IssuedRefreshToken>();
  const scope = options.scopes.join(",");

  const error = (status: number, code: string, description: string) => ({
    status,
    body: { error: code, error_description: description },
  });

  function install(shop: string): string {
    const { accessToken } = options.adminApi.installApp(shop, options.scopes);
    offlineTokens.set(shop, accessToken);
    tokenShops.set(accessToken, shop);
    options.onInstall?.(shop);
    return accessToken;
  }

  function offlineResponse(shop: string, accessToken: string, expiring: boolean) {
    const body: Record<string, unknown> = { access_token: accessToken, scope };
    if (expiring) {
      const refresh = `shprt_${randomBytes(16).toString("hex")}`;
      refreshTokens.set(refresh, { shop, expiresAtMs: now() + REFRESH_TOKEN_TTL_SEC * 1000 });
      body.expires_in = EXPIRING_TOKEN_TTL_SEC;
      body.refresh_token = refresh;
      body.refresh_token_expires_in = REFRESH_TOKEN_TTL_SEC;
    }
    return { status: 200, body };
  }

  function staffUser(shop: string, sub: string): StaffUser {
    const id = Number.parseInt(sub, 10);
    return {
      id: Number.isFinite(id) ? id : 1,
      first_name: "Demo",
      last_name: "Staff",
      email: `staff@${shop}`,
      account_owner: true,
      locale: "en",
      collaborator: false,
      email_verified: true,
    };
  }

  function handle(body: Record<string, unknown>, shopHint: string | null) {
    const clientId = typeof body.client_id === "string" ? body.client_id : "";
    const clientSecret = typeof body.client_secret === "string" ? body.client_secret : "";
    if (!safeEqual(clientId, options.apiKey) || !safeEqual(clientSecret, options.apiSecret)) {
      return error(
        401,
        "invalid_client",
        "Client authentication failed: unknown client_id or wrong client_secret.",
      );
    }
    const grantType = body.grant_type;
    const expiring = body.expiring === "1" || body.expiring === 1 || body.expiring === true;

    if (grantType === "refresh_token") {
      const token = typeof body.refresh_token === "string" ? body.refresh_token : "";
      const issued = refreshTokens.get(token);
      if (!issued || issued.expiresAtMs < now())
        return error(400, "invalid_grant", "The refresh token is invalid or expired.");
      if (shopHint && shopHint !== issued.shop)
        return error(400, "invalid_grant", "The refresh token belongs to another shop.");
      refreshTokens.delete(token); // refresh tokens rotate
      return offlineResponse(issued.shop, install(issued.shop), true);
    }

    if (grantType !== TOKEN_EXCHANGE_GRANT) {
      return error(
        400,
        "unsupported_grant_type",
        `grant_type ${String(grantType)} is not supported.`,
      );
    }

    const subjectToken = typeof body.subject_token === "string" ? body.subject_token : "";
    const requested = body.requested_token_type;
    if (requested !== OFFLINE_TOKEN_TYPE && requested !== ONLINE_TOKEN_TYPE) {
      return error(
        400,
        "invalid_request",
        `requested_token_type ${String(requested)} is not supported.`,
      );
    }

    // Migration of a non-expiring offline token to an expiring one.
    if (body.subject_token_type === OFFLINE_TOKEN_TYPE) {
      const shop = tokenShops.get(subjectToken);
      if (!shop || (shopHint && shopHint !== shop)) {
        return error(400, "invalid_subject_token", "The offline access token is unknown.");
      }
      return offlineResponse(shop, install(shop), true);
    }

    if (body.subject_token_type !== ID_TOKEN_TYPE) {
      return error(
        400,
        "invalid_request",
        `subject_token_type ${String(body.subject_token_type)} is not supported.`,
      );
    }

    let shop: string;
    let sub: string;
    try {
      const verified = verifySessionToken(subjectToken, {
        apiKey: options.apiKey,
        apiSecret: options.apiSecret,
        nowSec: Math.floor(now() / 1000),
      });
      shop = verified.shop;
      sub = verified.claims.sub;
    } catch (e) {
      return error(
        400,
        "invalid_subject_token",
        `The session token is invalid: ${(e as Error).message}.`,
      );
    }
    if (shopHint && shopHint !== shop) {
      return error(400, "invalid_subject_token", "The session token was issued for another shop.");
    }

    if (requested === OFFLINE_TOKEN_TYPE) {
      return offlineResponse(shop, install(shop), expiring);
    }
    // Online tokens share the shop's Admin API access; they carry the staff member's identity.
    const accessToken = offlineTokens.get(shop) ?? install(shop);
    return {
      status: 200,
      body: {
        access_token: accessToken,
        scope,
        expires_in: ONLINE_TOKEN_TTL_SEC,
        associated_user_scope: scope,
        associated_user: staffUser(shop, sub),
      },
    };
  }

  return { handle, tokenFor: (shop) => offlineTokens.get(shop) };
}
