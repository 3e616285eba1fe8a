import { defineConfig } from "vitest/config";
import tsconfigPaths from "vite-tsconfig-paths";

// The browser walks: each file starts the whole demo (app, stand-in, mailbox, fresh database)
// and drives Debian's Chromium. Two files run at a time, each worker on its own ports
// (tests/support/browser-demo.ts); BROWSER_WORKERS=1 runs them one after another.
const workers = Math.max(1, Number(process.env.BROWSER_WORKERS ?? 2));

export default defineConfig({
  plugins: [tsconfigPaths()],
  test: {
    include: ["tests/browser/**/*.test.ts"],
    globalSetup: ["tests/support/browser-global-setup.ts"],
    environment: "node",
    testTimeout: 180_000,
    hookTimeout: 300_000,
    pool: "forks",
    fileParallelism: workers > 1,
    maxWorkers: workers,
    minWorkers: 1,
  },
});
