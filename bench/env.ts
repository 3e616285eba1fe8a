// Imported first by bench scripts run on their own: the app's modules open the default
// database at import, so point it at a throwaway file unless the caller chose one; and
// env() (read by services such as the analytics reader threads) wants the app's required
// settings, so the bench gets the same offline test values as the test suite.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { applyOfflineEnv } from "../tests/support/offline-env";

applyOfflineEnv();
process.env.DATABASE_URL ??= `file:${join(mkdtempSync(join(tmpdir(), "bench-")), "app.sqlite")}`;
