import { accessSync, constants } from "node:fs";
import { delimiter, join } from "node:path";

// Playwright's own browser downloads are not used: the test drives a Chromium or Chrome that is already
// installed (Debian's `chromium` package in CI), found the same way on any machine.

const NAMES = ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome"];
const FIXED_PATHS = [
  "/usr/bin/chromium",
  "/usr/bin/chromium-browser",
  "/snap/bin/chromium",
  "/usr/bin/google-chrome",
  "/Applications/Chromium.app/Contents/MacOS/Chromium",
  "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome",
  "C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe",
];

function executable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** CHROMIUM_PATH (or CHROME_PATH) when set, else the first Chromium/Chrome on PATH or in a usual place. */
export function findBrowser(env: NodeJS.ProcessEnv = process.env): string | null {
  const explicit = env.CHROMIUM_PATH ?? env.CHROME_PATH;
  if (explicit) return executable(explicit) ? explicit : null;
  for (const dir of (env.PATH ?? "").split(delimiter).filter(Boolean)) {
    for (const name of NAMES) {
      const candidate = join(dir, name);
      if (executable(candidate)) return candidate;
    }
  }
  return FIXED_PATHS.find(executable) ?? null;
}

/** The flags the probe used: no GPU, QUIC, first-run UI or background traffic (loopback only). */
export const BROWSER_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];
