import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

export interface Counts {
  passed: number;
  failed: number;
  skipped: number;
}

/** Counts of one vitest JSON report (`--reporter=json`). */
export function countsOf(report: {
  numPassedTests?: number;
  numFailedTests?: number;
  numPendingTests?: number;
  numTodoTests?: number;
}): Counts {
  return {
    passed: report.numPassedTests ?? 0,
    failed: report.numFailedTests ?? 0,
    skipped: (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0),
  };
}

export function addCounts(a: Counts, b: Counts): Counts {
  return { passed: a.passed + b.passed, failed: a.failed + b.failed, skipped: a.skipped + b.skipped };
}

/** The closing line CI reads: `tests: N passed, M failed` (`, K skipped` when any were). */
export function summaryLine(counts: Counts): string {
  return `tests: ${counts.passed} passed, ${counts.failed} failed${counts.skipped ? `, ${counts.skipped} skipped` : ""}`;
}

/** Every workspace package's .test-results/vitest.json, added up. */
export function collectReports(root: string): { counts: Counts; reports: string[] } {
  let counts: Counts = { passed: 0, failed: 0, skipped: 0 };
  const reports: string[] = [];
  for (const group of ["apps", "packages", "tools"]) {
    const dir = join(root, group);
    if (!existsSync(dir)) continue;
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const file = join(dir, entry.name, ".test-results/vitest.json");
      if (!entry.isDirectory() || !existsSync(file)) continue;
      counts = addCounts(counts, countsOf(JSON.parse(readFileSync(file, "utf8"))));
      reports.push(file);
    }
  }
  return { counts, reports };
}
