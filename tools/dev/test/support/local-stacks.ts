// Vitest global setup of the end-to-end project: one `npm start` stack over http and one over https,
// shared by every end-to-end test file (each creates its own partners and receivers). Starting a stack
// (every app, the face engine's models included) is the dearest step of the suite, so it happens twice
// per run rather than once per file.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import { freePort } from "../../src/ports.ts";
import { type Platform, startPlatform } from "../../src/start.ts";

/** What a test file gets of a running stack (no process handles: those stay in the setup). */
export type LocalStack = Omit<Platform, "stop" | "exited" | "output" | "pid">;

declare module "vitest" {
  export interface ProvidedContext {
    httpStack: LocalStack;
    httpsStack: LocalStack;
  }
}

function shared({
  stop: _stop,
  exited: _exited,
  output: _output,
  pid: _pid,
  ...stack
}: Platform): LocalStack {
  return stack;
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const scratch = mkdtempSync(join(tmpdir(), "edgekyc-e2e-"));
  const start = async (name: string, https: boolean) =>
    startPlatform({
      port: await freePort(),
      https,
      persistTo: join(scratch, name, "state"),
      devDir: join(scratch, name, "dev"),
      // As `WEBHOOK_RETRY_SCHEDULE=1,1 npm start` would: retries after 1 s instead of 5 s, 5 min, …
      env: { ...process.env, WEBHOOK_RETRY_SCHEDULE: "1,1" },
      quiet: true,
    });
  const started = await Promise.allSettled([start("http", false), start("https", true)]);
  const stacks = started.flatMap((result) => (result.status === "fulfilled" ? [result.value] : []));
  const teardown = async () => {
    await Promise.all(stacks.map((stack) => stack.stop()));
    rmSync(scratch, { recursive: true, force: true });
  };
  const failed = started.find((result) => result.status === "rejected");
  if (failed) {
    await teardown();
    throw failed.reason;
  }
  const [http, https] = stacks as [Platform, Platform];
  project.provide("httpStack", shared(http));
  project.provide("httpsStack", shared(https));
  return teardown;
}
