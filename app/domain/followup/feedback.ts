/** Feedback rules, pure: what a rating and a comment may be. */

export const RATINGS = [1, 2, 3, 4, 5] as const;
export type Rating = (typeof RATINGS)[number];
export const MAX_COMMENT_LENGTH = 2000;

export function parseRating(value: unknown): Rating | null {
  const n = typeof value === "number" ? value : typeof value === "string" && /^[1-5]$/.test(value.trim()) ? Number(value.trim()) : NaN;
  return (RATINGS as readonly number[]).includes(n) ? (n as Rating) : null;
}

/** Trimmed comment, null for empty; too long → error text for the shopper's form. */
export function parseComment(value: unknown): { ok: true; comment: string | null } | { ok: false; error: "TOO_LONG" } {
  const text = typeof value === "string" ? value.replace(/\r\n/g, "\n").trim() : "";
  if (text.length > MAX_COMMENT_LENGTH) return { ok: false, error: "TOO_LONG" };
  return { ok: true, comment: text || null };
}

/** Average and distribution for analytics. */
export function summarizeRatings(ratings: number[]): { count: number; average: number | null; distribution: Record<Rating, number> } {
  const distribution = { 1: 0, 2: 0, 3: 0, 4: 0, 5: 0 } as Record<Rating, number>;
  for (const r of ratings) if (parseRating(r)) distribution[r as Rating]++;
  const count = RATINGS.reduce((s, r) => s + distribution[r], 0);
  const sum = RATINGS.reduce((s, r) => s + r * distribution[r], 0);
  return { count, average: count ? Math.round((sum / count) * 10) / 10 : null, distribution };
}
