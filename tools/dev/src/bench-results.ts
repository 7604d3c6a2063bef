// What every benchmark suite (src/bench/<suite>.ts) shares: its integer options and its results file.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { repoRoot } from "./apps.ts";

/** An integer option within [min, max]; `fallback` when it is not an integer. */
export function clampOption(text: string, min: number, max: number, fallback: number): number {
  const n = Number(text);
  return Number.isInteger(n) ? Math.min(Math.max(n, min), max) : fallback;
}

/**
 * Appends one run's report to `docs/benchmarks/<suite>.md` (created with a heading naming the command
 * when missing), one blank line between sections and one newline at the end, as the formatter wants.
 */
export function appendBenchmarkReport(suite: string, report: string): string {
  const file = join(repoRoot, `docs/benchmarks/${suite}.md`);
  mkdirSync(join(repoRoot, "docs/benchmarks"), { recursive: true });
  const before = existsSync(file)
    ? readFileSync(file, "utf8").trimEnd()
    : `# ${suite} benchmarks\n\nProduced by \`npm run bench -- ${suite}\` (tools/dev/src/bench/${suite}.ts).`;
  writeFileSync(file, `${before}\n\n${report.trimEnd()}\n`);
  console.error(`[bench] appended to ${file}`);
  return file;
}
