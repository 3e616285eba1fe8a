/**
 * The slip's fonts: DejaVu Sans regular and bold from the npm package `dejavu-fonts-ttf`
 * (installed with the app, nothing is downloaded at run time). Read once per process.
 */
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import type { SlipFonts } from "./return-slip";

let cached: Promise<SlipFonts> | null = null;

export function slipFonts(): Promise<SlipFonts> {
  if (!cached) {
    const require = createRequire(import.meta.url);
    const dir = require.resolve("dejavu-fonts-ttf/package.json").replace(/package\.json$/, "ttf/");
    cached = Promise.all([readFile(`${dir}DejaVuSans.ttf`), readFile(`${dir}DejaVuSans-Bold.ttf`)])
      .then(([regular, bold]) => ({ regular: new Uint8Array(regular), bold: new Uint8Array(bold) }))
      .catch((error) => {
        cached = null;
        throw error;
      });
  }
  return cached;
}
