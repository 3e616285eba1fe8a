/**
 * Before the browser walks start (two files at a time, each starting a demo): build the app
 * once if the build is missing or older than app/, so two workers never build at once.
 */
import { buildIfNeeded } from "../../scripts/demo";

export default function setup() {
  buildIfNeeded((line) => console.log(line));
}
