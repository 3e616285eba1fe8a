/**
 * pg-boss 10 refuses a singleton slot longer than its archive interval (12 h by default):
 * a scheduled job with a longer period would never be scheduled on PostgreSQL, only logged.
 */
import { describe, expect, it } from "vitest";
import { JOBS } from "~/jobs/registry.server";

const PG_BOSS_ARCHIVE_SECONDS = 12 * 60 * 60;

describe("job registry", () => {
  it.each(JOBS.filter((j) => j.everySeconds).map((j) => ({ name: j.name, every: j.everySeconds! })))(
    "$name: its period ($every s) fits pg-boss's archive interval",
    ({ every }) => {
      expect(every).toBeLessThanOrEqual(PG_BOSS_ARCHIVE_SECONDS);
    },
  );
});
