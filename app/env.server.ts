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
    PORT: z.coerce.number().int().min(1).max(65535).default(3000),
    LOG_LEVEL: z.enum(["error", "warn", "info", "debug"]).default("info"),
  })
  .superRefine((env, ctx) => {
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
