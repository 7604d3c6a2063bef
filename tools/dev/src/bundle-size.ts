import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";

export interface BundleSize {
  files: number;
  rawBytes: number;
  gzipBytes: number;
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? filesUnder(join(dir, entry.name)) : [join(dir, entry.name)],
  );
}

/**
 * What `wrangler deploy --dry-run --outdir <dir>` would upload: every module in the folder except source
 * maps and wrangler's README. Cloudflare's limit applies to the compressed upload; gzip per file is a close,
 * slightly pessimistic stand-in for it.
 */
export function measureBundle(dir: string): BundleSize | undefined {
  if (!existsSync(dir)) return undefined;
  const files = filesUnder(dir).filter((file) => !file.endsWith(".map") && !file.endsWith("README.md"));
  return {
    files: files.length,
    rawBytes: files.reduce((sum, file) => sum + statSync(file).size, 0),
    gzipBytes: files.reduce((sum, file) => sum + gzipSync(readFileSync(file), { level: 9 }).length, 0),
  };
}

export function kib(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KiB`;
}
