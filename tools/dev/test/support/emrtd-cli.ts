// Running `npm run kyc -- emrtd …` in tests: in this process (fast) or as the real entry point.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, vi } from "vitest";
import { repoRoot } from "../../src/apps.ts";
import { run } from "../../src/kyc/emrtd.ts";

export const corpus = join(repoRoot, "packages/emrtd/test/corpus");
export const scratch = mkdtempSync(join(tmpdir(), "edgekyc-emrtd-cli-"));

/** Call once in a test file: a scratch folder as the caller's working directory. */
export function useScratch(): void {
  beforeAll(() => {
    process.env.EDGEKYC_CALLER_CWD = scratch;
  });
  afterAll(() => {
    delete process.env.EDGEKYC_CALLER_CWD;
    rmSync(scratch, { recursive: true, force: true });
  });
}

/** The command group in this process (fast); output captured from console. */
export async function kyc(...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const log = vi.spyOn(console, "log").mockImplementation((...parts) => void out.push(parts.join(" ")));
  const error = vi.spyOn(console, "error").mockImplementation((...parts) => void err.push(parts.join(" ")));
  try {
    const code = await run(args);
    return { code, out: out.join("\n"), err: err.join("\n"), all: [...out, ...err].join("\n") };
  } finally {
    log.mockRestore();
    error.mockRestore();
  }
}

/** Through the real entry point, as `npm run kyc -- emrtd …` runs it. */
export function kycProcess(...args: string[]) {
  const result = spawnSync(process.execPath, [join(repoRoot, "tools/dev/src/kyc.ts"), "emrtd", ...args], {
    encoding: "utf8",
    env: { ...process.env, EDGEKYC_CALLER_CWD: scratch },
    timeout: 120_000,
  });
  return {
    code: result.status,
    out: result.stdout,
    err: result.stderr,
    all: `${result.stdout}\n${result.stderr}`,
  };
}
