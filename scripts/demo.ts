#!/usr/bin/env -S npx tsx
/**
 * npm run demo — the whole app offline:
 *   1. SQLite database data/demo.sqlite, migrated;
 *   2. the offline Shopify stand-in (seeded "Nordlys Living" shop) on 127.0.0.1:8081;
 *   3. the app, built and served on 127.0.0.1:3000 in APP_MODE=demo;
 *   4. the app installed on the demo shop through the real token-exchange path;
 *   5. the two URLs to open. Ctrl-C stops everything.
 * Options (environment): PORT (app), STANDIN_PORT, DEMO_DATABASE_URL, DEMO_SKIP_BUILD=1,
 * DEMO_KEEP_DATA=1 (keep the previous run's database), MAILBOX_PORT (the demo's SMTP server, 2525).
 * E-mails: a local SMTP server (smtp-server) catches every message the app sends; the
 * stand-in lists them at /_standin/mailbox. The app sends its outbox from the job queue
 * (the "send-mail-outbox" job, every 10 s). Bounces: mail to anything @bounce.example is
 * accepted, then bounced back as a DSN that the mailbox POSTs to the app's /mail/bounces (as
 * a mail provider would); order #1148's customer (Ingrid Persson) has such an address here.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { createAdminApi, NORDIC_DEMO_DOMAIN, type AdminApiInstance } from "../simulator/admin/index";
import { startStandIn } from "../simulator/platform/start";
import { adminHostParam } from "../simulator/platform/admin-frame";
import { migrateDatabase } from "./db-setup.mjs";
import { postBounce, startMailbox } from "../simulator/platform/mailbox";

const root = fileURLToPath(new URL("..", import.meta.url));
export const DEMO_API_KEY = "demo-returns-app";
export const DEMO_API_SECRET = "demo-returns-app-secret";
/** The demo's undeliverable customer: her e-mails bounce (the mailbox's @bounce.example). */
export const DEMO_BOUNCING_ORDER = { name: "#1148", email: "ingrid.persson@bounce.example" };

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === "generated" || entry.name.startsWith(".")) continue;
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

export function buildIfNeeded(log: (s: string) => void) {
  const built = join(root, "build/server/index.js");
  if (process.env.DEMO_SKIP_BUILD === "1" && existsSync(built)) return;
  if (existsSync(built) && statSync(built).mtimeMs > newestMtime(join(root, "app"))) return;
  log("Building the app (first run, or the code changed)…");
  const result = spawnSync(join(root, "node_modules/.bin/remix"), ["vite:build"], { cwd: root, stdio: ["ignore", "ignore", "inherit"] });
  if (result.status !== 0) throw new Error("The build failed; see the output above.");
}

/**
 * The demo's token-encryption key: generated once into data/ (kept with the demo database,
 * so DEMO_KEEP_DATA=1 can still read its sessions), never a key shared with anyone.
 */
function demoTokenKey(): string {
  if (process.env.TOKEN_ENCRYPTION_KEY) return process.env.TOKEN_ENCRYPTION_KEY;
  const file = join(root, "data/demo-token-key");
  if (!existsSync(file)) {
    mkdirSync(join(root, "data"), { recursive: true });
    writeFileSync(file, randomBytes(32).toString("base64"), { mode: 0o600 });
  }
  return readFileSync(file, "utf8").trim();
}

async function waitFor(url: string, timeoutMs: number) {
  const started = Date.now();
  for (;;) {
    try {
      const response = await fetch(url);
      if (response.status < 500) return;
    } catch {
      /* not up yet */
    }
    if (Date.now() - started > timeoutMs) throw new Error(`${url} did not come up within ${timeoutMs / 1000} s`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

export interface DemoHandle {
  adminUrl: string;
  storefrontUrl: string;
  /** Customer accounts, signed in as the seeded shopper Astrid Lindqvist (order #1182). */
  customerAccountsUrl: string;
  appUrl: string;
  standInUrl: string;
  mailboxUrl: string;
  /** The stand-in's in-memory Shopify (tests add orders through it, e.g. createOrder). */
  adminApi: AdminApiInstance;
  stop(): Promise<void>;
}

export async function startDemo(
  options: { quiet?: boolean; appPort?: number; standInPort?: number; mailboxPort?: number; databaseUrl?: string } = {},
): Promise<DemoHandle> {
  const log = (s: string) => (options.quiet ? undefined : console.log(s));
  const appPort = options.appPort ?? Number(process.env.PORT ?? 3000);
  const standInPort = options.standInPort ?? Number(process.env.STANDIN_PORT ?? 8081);
  const databaseUrl = options.databaseUrl ?? process.env.DEMO_DATABASE_URL ?? "file:./data/demo.sqlite";
  const appUrl = `http://127.0.0.1:${appPort}`;

  log("Preparing the database…");
  // Each demo starts fresh: the stand-in keeps its shop in memory, so the app's data and
  // sessions from an earlier run would point at returns and tokens that no longer exist.
  if (databaseUrl.startsWith("file:") && process.env.DEMO_KEEP_DATA !== "1") {
    // resolve, not join: an absolute URL (file:/tmp/…) must stay absolute.
    const file = resolve(root, databaseUrl.slice("file:".length));
    for (const suffix of ["", "-wal", "-shm", "-journal"]) rmSync(`${file}${suffix}`, { force: true });
  }
  await migrateDatabase(databaseUrl);
  buildIfNeeded(log);

  const adminApi = createAdminApi();
  // One demo customer whose mailbox does not exist, so a demo user sees a bounce arrive.
  const bouncing = adminApi.order(NORDIC_DEMO_DOMAIN, DEMO_BOUNCING_ORDER.name);
  const bouncingCustomer = adminApi.store.shop(NORDIC_DEMO_DOMAIN).customers.find((c) => c.id === bouncing.customerId);
  bouncing.emailAddress = DEMO_BOUNCING_ORDER.email;
  if (bouncingCustomer) bouncingCustomer.emailAddress = DEMO_BOUNCING_ORDER.email;
  const bounceToken = randomBytes(24).toString("hex");
  const mailbox = await startMailbox({
    port: options.mailboxPort ?? Number(process.env.MAILBOX_PORT ?? 0),
    bounce: { deliver: postBounce(`${appUrl}/mail/bounces`, bounceToken) },
  });
  const standIn = await startStandIn({
    mailbox,
    adminApi,
    apiKey: DEMO_API_KEY,
    apiSecret: DEMO_API_SECRET,
    appUrl,
    port: standInPort,
  });

  const env = {
    ...process.env,
    NODE_ENV: "production" as const,
    APP_MODE: "demo",
    // The demo serves a production build against the stand-in on loopback: say so explicitly.
    DEMO_ALLOW_STAND_IN: "1",
    TOKEN_ENCRYPTION_KEY: demoTokenKey(),
    PORT: String(appPort),
    HOST: "127.0.0.1",
    SHOPIFY_API_KEY: DEMO_API_KEY,
    SHOPIFY_API_SECRET: DEMO_API_SECRET,
    SHOPIFY_APP_URL: appUrl,
    SHOPIFY_ADMIN_ORIGIN: standIn.url,
    APP_BRIDGE_URL: `${standIn.url}/_standin/app-bridge.js`,
    DATABASE_URL: databaseUrl,
    SMTP_URL: mailbox.url,
    MAIL_FROM: "returns@returns-app.demo",
    MAIL_BOUNCE_TOKEN: bounceToken,
  };
  const app: ChildProcess = spawn(process.execPath, [join(root, "node_modules/@remix-run/serve/dist/cli.js"), "build/server/index.js"], {
    cwd: root,
    env,
    stdio: ["ignore", options.quiet ? "ignore" : "inherit", "inherit"],
  });
  let exited = false;
  app.on("exit", () => (exited = true));
  const stop = async () => {
    await mailbox.close();
    if (!exited) {
      app.kill("SIGTERM");
      await new Promise((r) => app.once("exit", r));
    }
    await standIn.close();
  };

  try {
    await waitFor(`${appUrl}/`, 60_000);
    // Install through the real path: the admin opens the app with a session token and the
    // app exchanges it for an offline access token at the stand-in's /admin/oauth/access_token.
    const install = new URL(`${appUrl}/app`);
    install.search = new URLSearchParams({
      embedded: "1",
      shop: NORDIC_DEMO_DOMAIN,
      host: adminHostParam(NORDIC_DEMO_DOMAIN),
      id_token: standIn.mintSessionToken(NORDIC_DEMO_DOMAIN),
    }).toString();
    // A browser-like agent: the library answers bots with 410 Gone.
    const installed = await fetch(install, { headers: { "User-Agent": "Mozilla/5.0 (X11; Linux x86_64) ReturnsDemoInstaller" } });
    if (installed.status !== 200) throw new Error(`Installing the app on the demo shop failed (HTTP ${installed.status}).`);
  } catch (error) {
    await stop();
    throw error;
  }

  const handle = NORDIC_DEMO_DOMAIN.replace(".myshopify.com", "");
  const astrid = adminApi.getShop(NORDIC_DEMO_DOMAIN)?.customers.find((c) => c.email === "astrid.lindqvist@example.com");
  return {
    customerAccountsUrl: `${standIn.url}/customer-accounts/${handle}/${astrid ? `login?customer=${astrid.legacyId}` : ""}`,
    adminUrl: `${standIn.url}/store/${handle}/apps/${DEMO_API_KEY}`,
    storefrontUrl: `${standIn.url}/s/${handle}/pages/returns`,
    appUrl,
    standInUrl: standIn.url,
    mailboxUrl: `${standIn.url}/_standin/mailbox`,
    adminApi,
    stop,
  };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  startDemo()
    .then((demo) => {
      console.log(`
The demo is running, offline. Open:

  Admin (the app inside a Shopify-like admin):  ${demo.adminUrl}
  Storefront return page:                       ${demo.storefrontUrl}
  Customer accounts (signed in as Astrid):      ${demo.customerAccountsUrl}
  Mailbox (every e-mail the app sends):         ${demo.mailboxUrl}

Bounces: ${DEMO_BOUNCING_ORDER.name} belongs to ${DEMO_BOUNCING_ORDER.email}; its e-mails are accepted, then bounce
back and show as failed on the return's page (the mailbox shows the bounce report too).

Guest lookup: try an order number from simulator/seed/README.md with its email, or "Log in"
as a demo customer on the storefront. In customer accounts, "Return items" on an order opens
the app's customer account extension (?locale=sv|da|nb|fi|nl|de|en). Ctrl-C stops everything.
`);
      const shutdown = () => void demo.stop().then(() => process.exit(0));
      process.on("SIGINT", shutdown);
      process.on("SIGTERM", shutdown);
    })
    .catch((error) => {
      console.error(error instanceof Error ? error.message : error);
      process.exit(1);
    });
}
