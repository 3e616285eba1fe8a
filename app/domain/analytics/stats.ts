/** Small statistics for analytics, exact and deterministic (no interpolation). */

/**
 * Nearest-rank percentile (p in (0, 100]): the smallest value with at least p % of the
 * values at or below it. null for no values. The median is percentile(values, 50).
 */
export function percentile(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  if (!(p > 0 && p <= 100)) throw new Error(`Percentile must be in (0, 100], got ${p}.`);
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.max(0, rank - 1)];
}

/** Share in per mille-free percent with one decimal, or null when there is nothing to divide by. */
export function ratePercent(part: number, whole: number): number | null {
  if (whole <= 0) return null;
  return Math.round((part / whole) * 1000) / 10;
}
