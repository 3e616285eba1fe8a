import { defineConfig } from "vitest/config";
import tsconfigPaths from "vite-tsconfig-paths";

// The browser smoke test: starts the whole demo and drives Debian's Chromium.
export default defineConfig({
  plugins: [tsconfigPaths()],
  test: {
    include: ["tests/browser/**/*.test.ts"],
    environment: "node",
    testTimeout: 180_000,
    hookTimeout: 300_000,
    pool: "forks",
    fileParallelism: false,
  },
});
