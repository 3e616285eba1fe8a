import js from "@eslint/js";
import tseslint from "typescript-eslint";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";

export default tseslint.config(
  {
    ignores: [
      "build/**",
      "node_modules/**",
      "app/generated/**",
      "app/shopify/generated/**",
      "extensions/**/assets/**",
      "coverage/**",
      "test-results/**",
      "data/**",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ["**/*.{ts,tsx,js,mjs,cjs}"],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    plugins: { "react-hooks": reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/no-explicit-any": "error",
      "no-console": "off",
    },
  },
  {
    // Only env.server.ts (and scripts, tests, the stand-in) may read process.env.
    files: ["app/**/*.{ts,tsx}"],
    ignores: ["app/env.server.ts", "app/db.server.ts", "app/**/*.test.{ts,tsx}"],
    rules: {
      "no-restricted-properties": ["error", { object: "process", property: "env", message: "Read configuration through env() from ~/env.server." }],
    },
  },
  {
    // The domain is pure: no clock, no randomness, no I/O.
    files: ["app/domain/**/*.ts"],
    ignores: ["app/domain/**/*.test.ts"],
    rules: {
      "no-restricted-imports": ["error", { patterns: ["~/db.server", "~/shopify*", "@remix-run/*", "@prisma/*", "node:*"] }],
      "no-restricted-properties": [
        "error",
        { object: "Date", property: "now", message: "Pass the time in as an argument." },
        { object: "Math", property: "random", message: "The domain is deterministic." },
        { object: "process", property: "env", message: "The domain takes configuration as arguments." },
      ],
    },
  },
);
