import { type ChildProcess, spawn } from "node:child_process";
import { join } from "node:path";
import { repoRoot } from "./apps.ts";

export function wranglerBin(): string {
  return join(repoRoot, "tools/dev/node_modules/.bin/wrangler");
}

/** The last `count` lines of some output, for error messages. */
export function lastLines(output: string, count = 30): string {
  return output.trimEnd().split("\n").slice(-count).join("\n");
}

/**
 * Children we started, each the leader of its own process group (wrangler starts workerd, which must go
 * with it). When this process ends for any reason, whatever is left gets SIGKILL, so nothing is orphaned.
 */
const groups = new Set<ChildProcess>();
let exitHookInstalled = false;

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // Already gone.
  }
}

/** Spawns a command as the leader of a new process group, removed from the registry when it exits. */
export function spawnGroup(
  command: string,
  args: string[],
  options: { cwd: string; env?: NodeJS.ProcessEnv },
): ChildProcess {
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    process.on("exit", () => {
      for (const child of groups) killGroup(child, "SIGKILL");
    });
  }
  const child = spawn(command, args, {
    cwd: options.cwd,
    env: options.env ?? process.env,
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  groups.add(child);
  child.once("exit", () => groups.delete(child));
  child.once("error", () => groups.delete(child));
  return child;
}

/** SIGTERM to the whole group, SIGKILL after `graceMs`; resolves once the leader has exited. */
export async function stopGroup(child: ChildProcess, graceMs = 5000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) {
    // The leader is gone; its children (workerd) may not be.
    killGroup(child, "SIGKILL");
    return;
  }
  const exited = new Promise((resolve) => child.once("exit", resolve));
  killGroup(child, "SIGTERM");
  const killer = setTimeout(() => killGroup(child, "SIGKILL"), graceMs);
  await exited;
  clearTimeout(killer);
  // Anything of the group that ignored SIGTERM.
  killGroup(child, "SIGKILL");
}

/** Stops every group still running (Ctrl+C during start-up). */
export async function stopAllGroups(): Promise<void> {
  await Promise.all([...groups].map((child) => stopGroup(child)));
}

/** Runs a command to completion; rejects with its last output lines when it fails or takes too long. */
export function runChecked(
  command: string,
  args: string[],
  options: { cwd: string; env?: NodeJS.ProcessEnv; quiet?: boolean; timeoutMs?: number },
): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawnGroup(command, args, options);
    let output = "";
    const collect = (chunk: Buffer) => {
      output = (output + chunk.toString()).slice(-50_000);
      if (!options.quiet) process.stdout.write(chunk);
    };
    const timeoutMs = options.timeoutMs ?? 120_000;
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      void stopGroup(child, 2000);
    }, timeoutMs);
    child.stdout?.on("data", collect);
    child.stderr?.on("data", collect);
    child.on("error", (error) => {
      clearTimeout(timer);
      reject(new Error(`could not run ${command}: ${error.message}`));
    });
    child.on("exit", (code, signal) => {
      clearTimeout(timer);
      if (code === 0) return resolve(output);
      const why = timedOut ? `took longer than ${timeoutMs / 1000} s` : `failed (${code ?? signal})`;
      reject(new Error(`${[command.split("/").pop(), ...args].join(" ")} ${why}:\n${lastLines(output)}`));
    });
  });
}
