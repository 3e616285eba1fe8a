/**
 * The app's environment, parsed and validated once at boot with zod. A missing or
 * malformed variable stops the app with a message that names it and says how to fix it.
 * Nothing else in app/ reads process.env.
 */
import { z } from "zod";

const csv = (value: string) =>
  value
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);

/** 32 bytes from base64 or hex, or null. */
export function tokenKeyBytes(value: string): Buffer | null {
  const text = value.trim();
  const bytes = /^[0-9a-fA-F]{64}$/.test(text) ? Buffer.from(text, "hex") : /^[A-Za-z0-9+/_-]{43}=?$/.test(text) ? Buffer.from(text, "base64") : null;
  return bytes && bytes.length === 32 ? bytes : null;
}

/** http(s) origin on this machine only: 127.0.0.0/8, localhost, ::1. */
export function isLoopbackOrigin(value: string): boolean {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return false;
  if (url.username || url.password) return false;
  const host = url.hostname.toLowerCase();
  if (host === "localhost" || host === "[::1]") return true;
  const octets = host.split(".");
  return octets.length === 4 && octets[0] === "127" && octets.every((o) => /^\d{1,3}$/.test(o) && Number(o) <= 255);
}

export function isSmtpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === "smtp:" || url.protocol === "smtps:") && url.hostname.length > 0;
  } catch {
    return false;
  }
}

export const AppModeSchema = z.enum(["production", "demo", "test"]);
export type AppMode = z.infer<typeof AppModeSchema>;

export const EnvSchema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    APP_MODE: AppModeSchema.default("production").describe(
      "production talks to Shopify; demo and test talk to the offline stand-in",
    ),
    SHOPIFY_API_KEY: z
      .string({ required_error: "is required: the app's client id from the Partner Dashboard" })
      .min(1, "must not be empty: the app's client id from the Partner Dashboard"),
    SHOPIFY_API_SECRET: z
      .string({ required_error: "is required: the app's client secret from the Partner Dashboard" })
      .min(1, "must not be empty: the app's client secret from the Partner Dashboard"),
    SHOPIFY_APP_URL: z
      .string({ required_error: "is required: the public https URL the app is served from" })
      .url("must be a URL such as https://returns.example.com"),
    SCOPES: z
      .string()
      .optional()
      .transform((v) => (v ? csv(v) : undefined)),
    DATABASE_URL: z
      .string()
      .default("file:./data/dev.sqlite")
      .refine(
        (v) => /^(file:|postgres(ql)?:\/\/)/.test(v),
        "must start with file: (SQLite) or postgres:// / postgresql:// (PostgreSQL)",
      ),
    /** Demo and test only: origin of the offline Shopify stand-in (e.g. http://127.0.0.1:8081). */
    SHOPIFY_ADMIN_ORIGIN: z.string().url("must be a URL such as http://127.0.0.1:8081").optional(),
    /** Demo and test only: App Bridge script served by the stand-in (the CDN is unreachable offline). */
    APP_BRIDGE_URL: z.string().url().optional(),
    /**
     * How many proxies of our own (load balancers) sit between Shopify's app proxy and the
     * app; the rate limits take the client address that many entries from the right of
     * X-Forwarded-For (app/security/client-address.ts).
     */
    TRUSTED_PROXY_HOPS: z.coerce.number().int().min(0).max(10).default(0),
    /** AES-256-GCM key for access and refresh tokens at rest: 32 bytes, base64 or hex (app/security/token-crypto.server.ts). */
    TOKEN_ENCRYPTION_KEY: z
      .string({ required_error: "is required: 32 random bytes, base64 (openssl rand -base64 32); encrypts Shopify access tokens at rest" })
      .refine((v) => tokenKeyBytes(v) !== null, "must be 32 bytes, base64 (44 characters) or hex (64 characters): openssl rand -base64 32"),
    /** Earlier keys, comma-separated, still accepted for decryption during a key rotation. */
    TOKEN_ENCRYPTION_OLD_KEYS: z
      .string()
      .optional()
      .transform((v) => (v ? csv(v) : []))
      .refine((keys) => keys.every((k) => tokenKeyBytes(k) !== null), "must be a comma-separated list of 32-byte base64 or hex keys"),
    /**
     * Lets a NODE_ENV=production build talk to the offline stand-in (npm run demo and the
     * browser test build and serve the app like production). Nothing else may set it.
     */
    DEMO_ALLOW_STAND_IN: z.enum(["0", "1"]).default("0"),
    /**
     * Outgoing mail (app/mail): smtp://user:pass@host:587 (STARTTLS when offered) or
     * smtps://…:465. Unset: e-mails wait in the outbox, nothing is lost, until it is set.
     */
    SMTP_URL: z
      .string()
      .optional()
      .refine((v) => v === undefined || isSmtpUrl(v), "must be smtp://[user:password@]host[:port] or smtps://…, e.g. smtp://apikey:secret@smtp.example.com:587"),
    /** The address e-mails come from (the shop's name is the display name). Default: no-reply@ the app's host. */
    MAIL_FROM: z
      .string()
      .optional()
      .refine((v) => v === undefined || /^[^\s@<>",;]+@[^\s@<>",;]+\.[^\s@<>",;]+$/.test(v), "must be a plain e-mail address such as returns@example.com"),
    /**
     * Bounces (app/mail/bounces.server.ts): the domain of the VERP envelope sender
     * bounces+<id>.<sig>@<domain> (default: MAIL_FROM's domain), and the secret a provider
     * must present to POST /mail/bounces (unset: the endpoint answers 404).
     */
    MAIL_BOUNCE_DOMAIN: z
      .string()
      .optional()
      .refine((v) => v === undefined || /^[a-z0-9-]+(\.[a-z0-9-]+)+$/i.test(v), "must be a domain such as bounces.example.com"),
    MAIL_BOUNCE_TOKEN: z.string().min(24, "must be at least 24 characters (openssl rand -hex 24)").optional(),
    /**
     * Reader threads for the analytics page on SQLite (app/services/analytics/sqlite-readers.server.ts).
     * Unset: one per core, at most 4.
     */
    ANALYTICS_SQLITE_READERS: z.coerce.number().int().min(1).max(8).optional(),
    PORT: z.coerce.number().int().min(1).max(65535).default(3000),
    LOG_LEVEL: z.enum(["error", "warn", "info", "debug"]).default("info"),
  })
  .superRefine((env, ctx) => {
    if (env.SHOPIFY_ADMIN_ORIGIN && !isLoopbackOrigin(env.SHOPIFY_ADMIN_ORIGIN)) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ["SHOPIFY_ADMIN_ORIGIN"],
        message: "must be a loopback origin (127.0.0.0/8, localhost or [::1]): Shopify traffic may only be rerouted to the stand-in on this machine.",
      });
    }
    if (env.APP_MODE !== "production" && env.NODE_ENV === "production" && env.DEMO_ALLOW_STAND_IN !== "1") {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ["APP_MODE"],
        message: `must not be ${env.APP_MODE} with NODE_ENV=production unless DEMO_ALLOW_STAND_IN=1 is set (npm run demo sets it); a production server must talk to Shopify.`,
      });
    }
    if (env.APP_MODE === "production" && env.SHOPIFY_ADMIN_ORIGIN) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ["SHOPIFY_ADMIN_ORIGIN"],
        message:
          "is only allowed with APP_MODE=demo or APP_MODE=test; in production the app talks to https://{shop} directly. Remove it.",
      });
    }
    if (env.APP_MODE !== "production" && !env.SHOPIFY_ADMIN_ORIGIN) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ["SHOPIFY_ADMIN_ORIGIN"],
        message: `is required with APP_MODE=${env.APP_MODE}: the URL of the offline Shopify stand-in (npm run demo sets it).`,
      });
    }
  });

export type Env = z.infer<typeof EnvSchema>;

export class EnvError extends Error {
  constructor(public readonly problems: string[]) {
    super(
      `The app's environment is not valid:\n${problems.map((p) => `  - ${p}`).join("\n")}\n` +
        "Set these variables (see .env.example) and start the app again.",
    );
    this.name = "EnvError";
  }
}

/** Parses an environment; throws EnvError naming each bad variable. */
export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = EnvSchema.safeParse(source);
  if (!result.success) {
    throw new EnvError(
      result.error.issues.map((issue) => `${issue.path.join(".") || "environment"} ${issue.message}`),
    );
  }
  return result.data;
}

let cached: Env | undefined;

/** The process environment, validated on first use (at boot: shopify.server.ts calls it). */
export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}
