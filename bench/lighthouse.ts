/**
 * Lighthouse (12.2.3, Debian's chromium) on the demo storefront's returns page with both app
 * blocks vs. the same page without them (`?blocks=none`, the stand-in's block picker): the
 * blocks may cost at most 1 performance point. Runs alternate A/B so load on the shared
 * machine hits both alike; the median of each is compared. Mobile form factor with
 * Lighthouse's simulated throttling (its default), performance category only.
 * Used by `npm run bench` (bench/run.ts); alone: `npx tsx bench/lighthouse.ts`.
 */
import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as chromeLauncher from "chrome-launcher";
import lighthouse from "lighthouse";
import { startDemo } from "../scripts/demo";

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

export interface LighthouseResult {
  name: string;
  withBlocks: number[];
  withoutBlocks: number[];
  medianWith: number;
  medianWithout: number;
  metrics: { withBlocks: Record<string, number>; withoutBlocks: Record<string, number> };
  target: string;
  met: boolean;
}

export async function benchLighthouse(runs = Number(process.env.BENCH_LIGHTHOUSE_RUNS ?? 5)): Promise<LighthouseResult | null> {
  if (!existsSync(CHROMIUM)) return null;
  const demo = await startDemo({
    quiet: true,
    appPort: Number(process.env.BENCH_APP_PORT ?? 3997),
    standInPort: Number(process.env.BENCH_STANDIN_PORT ?? 8997),
    databaseUrl: `file:${join(mkdtempSync(join(tmpdir(), "bench-lh-")), "demo.sqlite")}`,
  });
  const chrome = await chromeLauncher.launch({
    chromePath: CHROMIUM,
    chromeFlags: ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-dev-shm-usage"],
  });
  const page = demo.storefrontUrl.replace(/\?.*$/, "");
  const metrics: Record<string, number[]>[] = [{}, {}];
  const score = async (url: string, slot = -1) => {
    const result = await lighthouse(url, { port: chrome.port, onlyCategories: ["performance"], output: "json", logLevel: "error" });
    const audits = result?.lhr.audits ?? {};
    if (slot >= 0) {
      for (const id of ["first-contentful-paint", "largest-contentful-paint", "total-blocking-time", "cumulative-layout-shift", "speed-index"]) {
        (metrics[slot]![id] ??= []).push(Number(audits[id]?.numericValue ?? NaN));
      }
    }
    return Math.round((result?.lhr.categories.performance?.score ?? 0) * 100);
  };
  try {
    await score(page); // warm-up: the demo's first render compiles the Liquid
    const withBlocks: number[] = [];
    const withoutBlocks: number[] = [];
    for (let i = 0; i < runs; i++) {
      withoutBlocks.push(await score(`${page}?blocks=none`, 1));
      withBlocks.push(await score(page, 0));
    }
    const medianWith = median(withBlocks);
    const medianWithout = median(withoutBlocks);
    const medians = (m: Record<string, number[]>) => Object.fromEntries(Object.entries(m).map(([k, v]) => [k, Math.round(median(v) * 1000) / 1000]));
    return {
      name: `Lighthouse performance, ${runs} runs each`,
      metrics: { withBlocks: medians(metrics[0]!), withoutBlocks: medians(metrics[1]!) },
      withBlocks,
      withoutBlocks,
      medianWith,
      medianWithout,
      target: "with blocks ≥ without − 1",
      met: medianWith >= medianWithout - 1,
    };
  } finally {
    chrome.kill();
    await demo.stop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const r = await benchLighthouse();
  if (r) console.log(r.metrics);
  console.log(r ? `${r.name}: with blocks ${r.medianWith} (${r.withBlocks.join(", ")}), without ${r.medianWithout} (${r.withoutBlocks.join(", ")}) — target ${r.target} — ${r.met ? "met" : "NOT met"}` : "chromium not found: skipped");
  process.exit(0);
}
