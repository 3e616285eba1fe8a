/**
 * Leaky bucket per app and shop (shopify-platform.md §5.1–5.2): refilled continuously at
 * `restoreRate` points per second up to `maximumAvailable`. Time comes from the injected clock.
 */
import type { PlanPreset } from "../contracts";

export const PLAN_PRESETS: Record<PlanPreset, { maximumAvailable: number; restoreRate: number }> = {
  standard: { maximumAvailable: 2000, restoreRate: 100 },
  plus: { maximumAvailable: 20000, restoreRate: 1000 },
  legacy: { maximumAvailable: 1000, restoreRate: 50 },
};

export interface ThrottleStatus {
  maximumAvailable: number;
  currentlyAvailable: number;
  restoreRate: number;
}

export class LeakyBucket {
  private available: number;
  private lastMs: number;
  constructor(
    public maximumAvailable: number,
    public restoreRate: number,
    nowMs: number,
  ) {
    this.available = maximumAvailable;
    this.lastMs = nowMs;
  }

  setPlan(plan: PlanPreset, nowMs: number): void {
    this.refill(nowMs);
    const p = PLAN_PRESETS[plan];
    this.maximumAvailable = p.maximumAvailable;
    this.restoreRate = p.restoreRate;
    this.available = Math.min(this.available, this.maximumAvailable);
  }

  refill(nowMs: number): void {
    const elapsed = Math.max(0, nowMs - this.lastMs) / 1000;
    this.available = Math.min(this.maximumAvailable, this.available + elapsed * this.restoreRate);
    this.lastMs = Math.max(this.lastMs, nowMs);
  }

  /** Take `cost` points if available; false when the request must be throttled. */
  tryTake(cost: number, nowMs: number): boolean {
    this.refill(nowMs);
    if (cost > this.available) return false;
    this.available -= cost;
    return true;
  }

  giveBack(points: number): void {
    this.available = Math.min(this.maximumAvailable, this.available + Math.max(0, points));
  }

  /** Drain or set the level directly (tests). */
  setAvailable(points: number, nowMs: number): void {
    this.refill(nowMs);
    this.available = Math.max(0, Math.min(this.maximumAvailable, points));
  }

  status(nowMs: number): ThrottleStatus {
    this.refill(nowMs);
    return {
      maximumAvailable: this.maximumAvailable,
      currentlyAvailable: Math.floor(this.available),
      restoreRate: this.restoreRate,
    };
  }
}
