import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { stripVTControlCharacters } from "node:util";

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
  testResults?: {
    name?: string;
    status?: string;
    message?: string;
    assertionResults?: { fullName?: string; status?: string; failureMessages?: string[] }[];
  }[];
}

/** One failed test (or a file that failed before its tests ran), as the closing list names it. */
export interface Failure {
  file: string;
  test: string;
  reason: string;
}

/** The first line of a failure message that says something (not blank, not an ANSI-only line). */
function firstLine(message: string | undefined): string {
  const plain = stripVTControlCharacters(message ?? "");
  const line = plain.split("\n").find((l) => l.trim() !== "") ?? "";
  return line.trim().slice(0, 300);
}

/**
 * The failed tests of one report, with the file relative to `root` and the first line of the failure,
 * so the end of a long CI log says which test failed without scrolling through interleaved output.
 */
export function failuresOf(report: VitestReport, root: string): Failure[] {
  const failures: Failure[] = [];
  for (const file of report.testResults ?? []) {
    const name = file.name ? relative(root, file.name) : "?";
    const failed = (file.assertionResults ?? []).filter((test) => test.status === "failed");
    for (const test of failed) {
      failures.push({ file: name, test: test.fullName ?? "?", reason: firstLine(test.failureMessages?.[0]) });
    }
    if (failed.length === 0 && file.status === "failed") {
      failures.push({ file: name, test: "(the file itself)", reason: firstLine(file.message) });
    }
  }
  return failures;
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
export function collectReports(root: string): { counts: Counts; reports: string[]; failures: Failure[] } {
  let counts: Counts = { passed: 0, failed: 0, skipped: 0 };
  const reports: string[] = [];
  const failures: Failure[] = [];
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
      failures.push(...failuresOf(report, root));
      reports.push(file);
    }
  }
  return { counts, reports, failures };
}
