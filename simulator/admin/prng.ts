/**
 * Deterministic randomness for the stand-in (seed data, fault injection, generated codes).
 * mulberry32: tiny, fast, good enough for test data; never Math.random.
 */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** FNV-1a 32-bit hash of a string: stable seeds and id prefixes derived from names. */
export function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

export class Rng {
  private readonly next01: () => number;
  constructor(seed: number) {
    this.next01 = mulberry32(seed);
  }
  /** Uniform in [0, 1). */
  next(): number {
    return this.next01();
  }
  /** Integer in [min, max] (inclusive). */
  int(min: number, max: number): number {
    return min + Math.floor(this.next01() * (max - min + 1));
  }
  chance(p: number): boolean {
    return this.next01() < p;
  }
  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error("Rng.pick on an empty list");
    return items[Math.floor(this.next01() * items.length)];
  }
  /** Pick by weight: [[value, weight], ...]. */
  weighted<T>(entries: ReadonlyArray<readonly [T, number]>): T {
    const total = entries.reduce((s, [, w]) => s + w, 0);
    let r = this.next01() * total;
    for (const [value, w] of entries) {
      r -= w;
      if (r < 0) return value;
    }
    return entries[entries.length - 1][0];
  }
  shuffle<T>(items: readonly T[]): T[] {
    const out = items.slice();
    for (let i = out.length - 1; i > 0; i--) {
      const j = Math.floor(this.next01() * (i + 1));
      [out[i], out[j]] = [out[j], out[i]];
    }
    return out;
  }
  /** Lowercase hex string of the given length. */
  hex(length: number): string {
    let s = "";
    while (s.length < length)
      s += Math.floor(this.next01() * 0x100000000)
        .toString(16)
        .padStart(8, "0");
    return s.slice(0, length);
  }
}
