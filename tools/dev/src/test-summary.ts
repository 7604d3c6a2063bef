import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

export interface Counts {
  passed: number;
  failed: number;
  skipped: number;
}

/** The parts of a vitest JSON report (`--reporter=json`) the summary reads. */
export interface VitestReport {
  numPassedTests?: number;
  numFailedTests?: number;
  numPendingTests?: number;
  numTodoTests?: number;
  numFailedTestSuites?: number;
  success?: boolean;
}

/**
 * Counts of one report. A test file that fails before any test runs (an import error, a failing
 * beforeAll) fails no test in vitest's numbers, yet it is a failure: each such file counts as one.
 */
export function countsOf(report: VitestReport): Counts {
  const failedTests = report.numFailedTests ?? 0;
  const failedFiles = report.numFailedTestSuites ?? 0;
  const unexplained = failedTests === 0 && (failedFiles > 0 || report.success === false);
  return {
    passed: report.numPassedTests ?? 0,
    failed: unexplained ? Math.max(failedFiles, 1) : failedTests,
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

/**
 * The counts of the closing line. A step that failed without failing a test (typecheck, lint, a stale
 * generated file, a bundle over the limit, tests that could not start) counts as one failure, so the line
 * never reads "0 failed" when `npm test` failed.
 */
export function closingCounts(tests: Counts, failedStep: string | undefined): Counts {
  return failedStep && tests.failed === 0 ? { ...tests, failed: 1 } : tests;
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
      let report: VitestReport;
      try {
        report = JSON.parse(readFileSync(file, "utf8")) as VitestReport;
      } catch {
        // A report cut short (the run was killed) is a failed run.
        report = { success: false };
      }
      counts = addCounts(counts, countsOf(report));
      reports.push(file);
    }
  }
  return { counts, reports };
}
