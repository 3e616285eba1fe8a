/**
 * Test harness: a fake "app" HTTP server that records what the stand-in sends it, and a
 * helper that starts the stand-in against it with the fake AdminApi and fast retries.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";
import { readBody, sendFetchResponse } from "../http";
import { createStandInServer, type StandInServer, type StandInServerOptions } from "../server";
import { createFakeAdminApi, type FakeAdminApi } from "./fake-admin-api";

export const TEST_API_KEY = "standin-test-key";
export const TEST_API_SECRET = "standin-test-secret";
export const FIXTURE_TOML = fileURLToPath(new URL("../fixtures/shopify.app.toml", import.meta.url));
export const EXTENSION_DIR = fileURLToPath(
  new URL("../../../extensions/returns-portal", import.meta.url),
);

export interface CapturedRequest {
  method: string;
  /** Path + query as received. */
  url: string;
  headers: IncomingMessage["headers"];
  body: Buffer;
  receivedAt: number;
  raw: IncomingMessage;
}

export type FakeAppHandler = (req: CapturedRequest) => Response | Promise<Response> | "hang";

export interface FakeApp {
  url: string;
  requests: CapturedRequest[];
  handler: FakeAppHandler;
  close(): Promise<void>;
}

export async function startFakeApp(
  handler: FakeAppHandler = () => new Response("ok"),
): Promise<FakeApp> {
  const hanging = new Set<ServerResponse>();
  const app: FakeApp = {
    url: "",
    requests: [],
    handler,
    close: async () => {
      hanging.forEach((r) => r.destroy());
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  const server = createServer(async (req, res) => {
    const captured: CapturedRequest = {
      method: req.method ?? "GET",
      url: req.url ?? "/",
      headers: req.headers,
      body: await readBody(req),
      receivedAt: Date.now(),
      raw: req,
    };
    app.requests.push(captured);
    let result: Awaited<ReturnType<FakeAppHandler>>;
    try {
      result = await app.handler(captured);
    } catch {
      res.destroy(); // a crashing app: the connection drops without an answer
      return;
    }
    if (result === "hang") {
      hanging.add(res);
      return;
    }
    await sendFetchResponse(res, result);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  app.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return app;
}

export interface Harness {
  standIn: StandInServer;
  app: FakeApp;
  admin: FakeAdminApi;
  close(): Promise<void>;
}

export async function startHarness(
  overrides: Partial<StandInServerOptions> = {},
  handler?: FakeAppHandler,
): Promise<Harness> {
  const app = await startFakeApp(handler);
  const admin = createFakeAdminApi();
  const standIn = await createStandInServer({
    adminApi: admin,
    appUrl: app.url,
    apiKey: TEST_API_KEY,
    apiSecret: TEST_API_SECRET,
    appTomlPath: FIXTURE_TOML,
    extensionDir: EXTENSION_DIR,
    webhookRetry: { attempts: 3, delaysMs: [5, 10] },
    webhookModes: { timeoutMs: 1000 },
    ...overrides,
  });
  return {
    standIn,
    app,
    admin,
    close: async () => {
      await standIn.close();
      await app.close();
    },
  };
}
