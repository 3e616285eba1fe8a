// Imported first by bench scripts run on their own: the app's modules open the default
// database at import, so point it at a throwaway file unless the caller chose one.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

process.env.DATABASE_URL ??= `file:${join(mkdtempSync(join(tmpdir(), "bench-")), "app.sqlite")}`;
