import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { closingCounts, collectReports, countsOf, failuresOf, summaryLine } from "../src/test-summary.ts";

describe("the npm test summary", () => {
  it("prints the closing line CI reads", () => {
    expect(summaryLine({ passed: 12, failed: 0, skipped: 0 })).toBe("tests: 12 passed, 0 failed");
    expect(summaryLine({ passed: 3, failed: 1, skipped: 2 })).toBe("tests: 3 passed, 1 failed, 2 skipped");
  });

  it("adds up every package's vitest report", () => {
    const root = mkdtempSync(join(tmpdir(), "summary-"));
    for (const [dir, report] of [
      ["apps/a", { numPassedTests: 5, numFailedTests: 1, numPendingTests: 1 }],
      ["packages/b", { numPassedTests: 7, numFailedTests: 0, numTodoTests: 1 }],
    ] as const) {
      mkdirSync(join(root, dir, ".test-results"), { recursive: true });
      writeFileSync(join(root, dir, ".test-results/vitest.json"), JSON.stringify(report));
    }
    const { counts, reports } = collectReports(root);
    expect(counts).toEqual({ passed: 12, failed: 1, skipped: 2 });
    expect(reports).toHaveLength(2);
    expect(countsOf({})).toEqual({ passed: 0, failed: 0, skipped: 0 });
  });

  it("counts a test file that failed before its tests ran, and a cut-short report, as failures", () => {
    expect(
      countsOf({ numPassedTests: 4, numFailedTests: 0, numFailedTestSuites: 2, success: false }),
    ).toEqual({
      passed: 4,
      failed: 2,
      skipped: 0,
    });
    expect(countsOf({ numPassedTests: 4, numFailedTests: 3, numFailedTestSuites: 1 }).failed).toBe(3);
    const root = mkdtempSync(join(tmpdir(), "summary-"));
    mkdirSync(join(root, "tools/x/.test-results"), { recursive: true });
    writeFileSync(join(root, "tools/x/.test-results/vitest.json"), '{"numPassedTests": 3');
    expect(collectReports(root).counts).toEqual({ passed: 0, failed: 1, skipped: 0 });
  });

  it("never closes with 0 failed when a step failed", () => {
    const green = { passed: 10, failed: 0, skipped: 0 };
    expect(closingCounts(green, undefined)).toEqual(green);
    expect(summaryLine(closingCounts(green, "typecheck"))).toBe("tests: 10 passed, 1 failed");
    expect(closingCounts({ passed: 1, failed: 2, skipped: 0 }, "tests").failed).toBe(2);
  });

  it("names each failed test with the first line of its failure, and a file that failed on its own", () => {
    const root = "/ci/repo";
    const failures = failuresOf(
      {
        testResults: [
          {
            name: "/ci/repo/apps/a/test/x.test.ts",
            status: "failed",
            assertionResults: [
              { fullName: "x passes", status: "passed", failureMessages: [] },
              {
                fullName: "x > waits under a second",
                status: "failed",
                failureMessages: [
                  "\n\u001b[31mAssertionError: expected 1200 to be less than 1000\u001b[39m\n    at x.test.ts:3",
                ],
              },
            ],
          },
          { name: "/ci/repo/apps/a/test/y.test.ts", status: "failed", message: "Cannot find module './z'" },
          { name: "/ci/repo/apps/a/test/z.test.ts", status: "passed", assertionResults: [] },
        ],
      },
      root,
    );
    expect(failures).toEqual([
      {
        file: "apps/a/test/x.test.ts",
        test: "x > waits under a second",
        reason: "AssertionError: expected 1200 to be less than 1000",
      },
      { file: "apps/a/test/y.test.ts", test: "(the file itself)", reason: "Cannot find module './z'" },
    ]);
    expect(failuresOf({}, root)).toEqual([]);
  });
});
