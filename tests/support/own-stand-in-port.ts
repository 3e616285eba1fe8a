/**
 * Gives a test file its own stand-in port before any app module reads the environment:
 * call it from `vi.hoisted` (`await vi.hoisted(() => import("../support/own-stand-in-port").then((m) => m.useOwnStandInPort()))`),
 * since the app's Shopify client reads SHOPIFY_ADMIN_ORIGIN once at import. Test files run
 * in parallel, each with its own stand-in, so they cannot share the default port.
 */
import { createServer } from "node:net";

export async function useOwnStandInPort(): Promise<number> {
  const port = await new Promise<number>((resolve) => {
    const server = createServer().listen(0, "127.0.0.1", () => {
      const { port: free } = server.address() as { port: number };
      server.close(() => resolve(free));
    });
  });
  process.env.SHOPIFY_ADMIN_ORIGIN = `http://127.0.0.1:${port}`;
  return port;
}
