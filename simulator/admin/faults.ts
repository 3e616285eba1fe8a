/**
 * Fault injection for the Admin API (per shop or "*"): HTTP 429 / 503 / other 5xx, timeouts,
 * and "executed but the answer was lost" (faultAfterExecuteRate: the request runs, then the
 * connection drops, optionally after timeoutMs), decided by a seeded PRNG
 * with one draw per request so runs are reproducible.
 */
import type { FaultSettings } from "../contracts";
import { mulberry32 } from "./prng";

/** contracts.ts FaultSettings (faultAfterExecuteRate included). */
export type AdminFaultSettings = FaultSettings;

export type FaultDecision =
  | { kind: "none" }
  | { kind: "http429" }
  | { kind: "http503" }
  | { kind: "http5xx"; status: 500 | 502 | 504 }
  | { kind: "timeout"; ms: number | null }
  | { kind: "afterExecute"; waitMs: number | null };

export class FaultInjector {
  private readonly random: () => number;
  constructor(readonly settings: AdminFaultSettings) {
    this.random = mulberry32(settings.seed ?? 1);
  }

  decide(): FaultDecision {
    const s = this.settings;
    const r = this.random();
    let edge = 0;
    if (r < (edge += s.http429Rate ?? 0)) return { kind: "http429" };
    if (r < (edge += s.http503Rate ?? 0)) return { kind: "http503" };
    if (r < (edge += s.http5xxRate ?? 0)) {
      const statuses = [500, 502, 504] as const;
      return { kind: "http5xx", status: statuses[Math.floor(this.random() * statuses.length)] };
    }
    if (r < (edge += s.timeoutRate ?? 0)) return { kind: "timeout", ms: s.timeoutMs ?? null };
    if (r < (edge += s.faultAfterExecuteRate ?? 0)) {
      // Half of the lost answers are held until the caller's timeout, half drop at once.
      return { kind: "afterExecute", waitMs: s.timeoutMs && this.random() < 0.5 ? s.timeoutMs : null };
    }
    return { kind: "none" };
  }
}
